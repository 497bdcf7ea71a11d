#!/usr/bin/python3
"""CPU accounting of a benchmark run, from /proc (benchmark use only).

  cpu-snap.py snap FILE SERVER_PID [DBNAME]    records CPU seconds so far of every process and the machine
  cpu-snap.py report START END WALL_S          prints the shares: muon (SERVER_PID and its API workers), its PostgreSQL
                                               backends (command line names DBNAME), the load generator
                                               + kernel, other processes, idle
Processes that exit between the snapshots are lost: load.py exits before the second snapshot, so its
CPU is reported together with the kernel's (loopback networking) as "load generator + kernel".
"""
import json, os, sys

TICK = os.sysconf("SC_CLK_TCK")


def snap(out, server, db):
    procs = {}
    for d in os.listdir("/proc"):
        if not d.isdigit() or int(d) == os.getpid():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fl = f.read().rsplit(")", 1)[1].split()
            ppid = fl[1]  # muon's API workers (MUON_API_WORKERS) are children of SERVER_PID
            with open(f"/proc/{d}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        kind = ("muon" if d == server or (ppid == server and "src/cli/main.ts" in cmd) else "postgres" if db and db in cmd and cmd.startswith("postgres")
                else "client" if "load.py" in cmd else "other")
        procs[d] = [kind, (int(fl[11]) + int(fl[12])) / TICK, cmd[:80]]
    with open("/proc/stat") as f:
        p = [int(x) for x in f.readline().split()[1:]]
    json.dump({"machine": (sum(p[:8]) - p[3] - p[4]) / TICK, "procs": procs}, open(out, "w"))


def report(a, b, wall):
    a, b = json.load(open(a)), json.load(open(b))
    cores = os.cpu_count()
    sums = {"muon": 0.0, "postgres": 0.0, "client": 0.0, "other": 0.0}
    top = []
    for pid, (kind, cpu, cmd) in b["procs"].items():
        before = a["procs"].get(pid)
        d = cpu - (before[1] if before and before[0] == kind else 0.0)
        sums[kind] += d
        if kind == "other" and d > 0.5:
            top.append((d, cmd))
    machine = b["machine"] - a["machine"]
    pct = lambda v: 100 * v / (wall * cores)
    rest = machine - sum(sums.values())
    print(f"CPU over the run (share of {cores} cores x {wall:.0f} s): muon {pct(sums['muon']):.0f}%, its PostgreSQL backends "
          f"{pct(sums['postgres']):.0f}%, other processes {pct(sums['other']):.0f}%, "
          f"load generator + kernel {pct(rest + sums['client']):.0f}%, idle {100 - pct(machine):.0f}%")
    if pct(sums["other"]) > 5:
        print("WARNING: other processes used the CPUs during the run; these figures may be distorted:",
              "; ".join(f"{c} ({d:.0f} s)" for d, c in sorted(top, reverse=True)[:3]))


if sys.argv[1] == "snap":
    snap(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "")
else:
    report(sys.argv[2], sys.argv[3], float(sys.argv[4]))
