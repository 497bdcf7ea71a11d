#!/usr/bin/python3
"""Prints CPU seconds so far: machine-wide busy time, the process SERVER_PID, and the
postgres backends whose command line names DBNAME (optional), as "machine server pg"."""
import os, sys
TICK = os.sysconf("SC_CLK_TCK")
def cpu(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fl = f.read().rsplit(")", 1)[1].split()
        return (int(fl[11]) + int(fl[12])) / TICK
    except OSError:
        return 0.0
server = sys.argv[1]
db = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
pg = 0.0
if db:
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/cmdline", "rb") as f:
                    if db.encode() in f.read():
                        pg += cpu(d)
            except OSError:
                pass
with open("/proc/stat") as f:
    p = [int(x) for x in f.readline().split()[1:]]
print((sum(p) - p[3] - p[4]) / TICK, cpu(server), pg)
