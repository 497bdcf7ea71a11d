#!/bin/bash
# How fast can the shared load generator (../shared/tools/load/load.py) drive a server that
# does no work at all? Runs load.py's own run_concurrent() — same threads, same keep-alive
# http.client connections, same port-create request body — against bench/lib/stub-server.mjs
# at concurrency 1, 8 and 32. On a 2-core machine this is the ceiling of any port-create
# figure that load.sh can report, because the client and the server share the CPUs.
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
/usr/bin/python3 - "$LOADDIR" "http://127.0.0.1:$PORT" "$N" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1])
import load
base, n = sys.argv[2], int(sys.argv[3])
def mk_port(cl, i):
    s, r, dt = cl.req("POST", "/v2.0/ports", {"port": {"network_id": "n", "name": f"c-{i}", "device_id": f"d-{i}", "fixed_ips": [{"subnet_id": "s"}]}})
    return s == 201, dt, json.loads(r)["port"]["id"]
for conc in (1, 8, 32):
    stats, _ = load.run_concurrent(base, "none", n, conc, mk_port)
    print(f"stub server, port-create requests: conc={conc:>3} rate={stats['rate_per_s']:>8}/s p50={stats['p50_ms']}ms p99={stats['p99_ms']}ms errors={stats['errors']}")
PY
