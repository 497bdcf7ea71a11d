#!/bin/bash
# How fast can the shared load generator (../shared/tools/load/load.py) drive a server that
# does no work at all? Runs load.py's own run_concurrent() — same threads, same keep-alive
# http.client connections, same port-create request body — against bench/lib/stub-server.mjs
# (plain node:http, canned 201 answer) at concurrency 1, 8 and 32, and reports the CPU per
# request of the client, of the stub and of the whole machine. On a 2-core machine this is the
# ceiling of any port-create figure load.sh can report: client, server and database share the CPUs.
#   bench/client-ceiling.sh [N]      (N requests per concurrency, default 4000)
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
LOADDIR="$(cd "$BENCH/../../shared/tools/load" && pwd)"
N="${1:-4000}"
LOG="$(mktemp)"
node "$BENCH/lib/stub-server.mjs" 0 >"$LOG" &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 50); do [ -s "$LOG" ] && break; sleep 0.1; done
PORT="$(head -1 "$LOG")"
/usr/bin/python3 - "$LOADDIR" "http://127.0.0.1:$PORT" "$N" "$PID" <<'PY'
import json, os, sys
sys.path.insert(0, sys.argv[1])
import load
base, n, pid = sys.argv[2], int(sys.argv[3]), sys.argv[4]
TICK = os.sysconf("SC_CLK_TCK")
def snap():
    with open(f"/proc/{pid}/stat") as f:
        fl = f.read().rsplit(")", 1)[1].split()
    with open("/proc/stat") as f:
        parts = [int(x) for x in f.readline().split()[1:]]
    t = os.times()
    return {"stub": (int(fl[11]) + int(fl[12])) / TICK, "client": t.user + t.system, "machine": (sum(parts) - parts[3] - parts[4]) / TICK}
def mk_port(cl, i):
    s, r, dt = cl.req("POST", "/v2.0/ports", {"port": {"network_id": "n", "name": f"c-{i}", "device_id": f"d-{i}", "fixed_ips": [{"subnet_id": "s"}]}})
    return s == 201, dt, json.loads(r)["port"]["id"]
load.run_concurrent(base, "none", 500, 8, mk_port)  # warm-up
for conc in (1, 8, 32):
    a = snap()
    stats, _ = load.run_concurrent(base, "none", n, conc, mk_port)
    b = snap()
    cpu = " ".join(f"{k}={(b[k] - a[k]) * 1000 / n:.3f}" for k in a)
    print(f"stub server, port-create requests: conc={conc:>3} rate={stats['rate_per_s']:>8}/s p50={stats['p50_ms']}ms p99={stats['p99_ms']}ms errors={stats['errors']}  CPU ms/request: {cpu}")
PY
