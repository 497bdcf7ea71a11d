#!/usr/bin/python3
"""Drives a muon server through the phases bench/profile.sh profiles, with the shared load
generator's own HTTP client and thread pool (../shared/tools/load/load.py), toggling the
server's CPU profiler (SIGUSR2, bench/lib/profile-hook.mjs) around each measured phase.

  profile-driver.py LOAD_DIR BASE_URL SERVER_PID PROFILE_DIR CREATES CONC TOTAL_PORTS
Prints one JSON line per phase: {"phase", "requests", "profile", stats…}.
"""
import json, os, signal, sys, time
sys.path.insert(0, sys.argv[1])
import load  # noqa: E402

base, pid, pdir = sys.argv[2], int(sys.argv[3]), sys.argv[4]
creates, conc, total_ports = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
os.environ.setdefault("LOAD_EXTRA_HEADERS", json.dumps({"X-Project-Id": "bench", "X-Roles": "admin"}))
c = load.Client(base, "none")
nprof = [0]


def ok(st, raw, want):
    assert st == want, (st, raw[:300])
    return json.loads(raw) if raw else None


TICK = os.sysconf("SC_CLK_TCK")


def cpu_of(p):
    try:
        with open(f"/proc/{p}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except OSError:
        return 0.0


def cpu_snapshot():
    """CPU seconds so far: the server, each postgres process (by pid), this client, the whole machine."""
    pg = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/comm") as f:
                    if f.read().strip() == "postgres":
                        pg[d] = cpu_of(d)
            except OSError:
                pass
    with open("/proc/stat") as f:
        parts = [int(x) for x in f.readline().split()[1:]]
    busy = (sum(parts) - parts[3] - parts[4]) / TICK
    t = os.times()
    return {"server": cpu_of(pid), "postgres": pg, "client": t.user + t.system, "machine": busy}


def cpu_delta(c0, c1):
    """Per-key CPU seconds between two snapshots; postgres processes that exited in between are lost."""
    out = {k: c1[k] - c0[k] for k in ("server", "client", "machine")}
    out["postgres"] = sum(v - c0["postgres"].get(p, 0.0) for p, v in c1["postgres"].items())
    return out


def profiled(name, fn, requests):
    nprof[0] += 1
    path = f"{pdir}/phase-{nprof[0]}.cpuprofile"
    os.kill(pid, signal.SIGUSR2)
    time.sleep(0.3)
    c0, w0 = cpu_snapshot(), time.time()
    stats = fn()
    c1, w1 = cpu_snapshot(), time.time()
    os.kill(pid, signal.SIGUSR2)
    cpu = {k: round(v * 1000 / requests, 3) for k, v in cpu_delta(c0, c1).items()}
    cpu["wall"] = round((w1 - w0) * 1000 / requests, 3)
    stats = (stats or {}) | {"cpu_ms_per_request": cpu}
    for _ in range(600):
        if os.path.exists(path + ".done"):
            break
        time.sleep(0.1)
    print(json.dumps({"phase": name, "requests": requests, "profile": path} | (stats or {})), flush=True)


st, raw, _ = c.req("PUT", "/v2.0/quotas/bench", {"quota": {"network": -1, "subnet": -1, "port": -1}})
net = ok(*c.req("POST", "/v2.0/networks", {"network": {"name": "prof"}})[:2], 201)["network"]
sub = ok(*c.req("POST", "/v2.0/subnets", {"subnet": {"network_id": net["id"], "ip_version": 4, "cidr": "10.200.0.0/16"}})[:2], 201)["subnet"]
seq = [0]


def mk_port(cl, i):
    seq[0] += 1
    n = seq[0]
    s, r, dt = cl.req("POST", "/v2.0/ports", {"port": {"network_id": net["id"], "name": f"p-{n}", "device_id": f"dev-{n}",
                                                      "fixed_ips": [{"subnet_id": sub["id"]}]}})
    return s == 201, dt, None if s == 201 else f"{s} {r[:200]}"


load.run_concurrent(base, "none", 300, conc, mk_port)  # warm-up
profiled(f"port create x{creates} conc {conc}", lambda: load.run_concurrent(base, "none", creates, conc, mk_port)[0], creates)

have = creates + 300
need = max(0, total_ports - have)
chunks = [list(range(i, min(i + 100, need))) for i in range(0, need, 100)]


def bulk(cl, k):
    body = {"ports": [{"network_id": net["id"], "name": f"b-{i}", "device_id": f"dev-bulk-{i}",
                       "fixed_ips": [{"subnet_id": sub["id"]}]} for i in chunks[k]]}
    s, r, dt = cl.req("POST", "/v2.0/ports", body)
    return s == 201, dt, None if s == 201 else f"{s} {r[:200]}"


if chunks:
    profiled(f"bulk create {need} ports, 100/req, conc 4", lambda: load.run_concurrent(base, "none", len(chunks), 4, bulk)[0], len(chunks))


def lists(path, reps):
    def run():
        lat = []
        for _ in range(reps):
            s, r, dt = c.req("GET", path)
            assert s == 200
            lat.append(dt)
        return {"p50_ms": round(load.pct(lat, 50) * 1000, 1), "min_ms": round(min(lat) * 1000, 1), "items": len(json.loads(r)["ports"])}
    return run


profiled("GET /v2.0/ports (full list) x10", lists("/v2.0/ports", 10), 10)
profiled("GET /v2.0/ports?device_id=dev-7 x1000", lists("/v2.0/ports?device_id=dev-7", 1000), 1000)
