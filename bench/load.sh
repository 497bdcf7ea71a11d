#!/bin/bash
# Measures muon with the same load generator that measured real Neutron on this machine kind
# (../shared/tools/load; Neutron's figures: ../shared/reference/neutron-baseline.md).
#
#   bench/load.sh [sqlite|postgres]        (default sqlite)
#
# Creates a fresh database, starts muon in noauth mode on a free loopback port, runs
# ../shared/tools/load/load.sh against it with the generator's default knobs (the same as in
# Neutron's run), writes bench/results/<db>-<date>.json (plus the generator's .log and a .txt
# summary), stops the server by its PID and drops the database.
#
# Environment:
#   POSTGRES_ADMIN_URL       where to create/drop the database (default postgres://postgres@127.0.0.1:5432/postgres)
#   BENCH_NODE_ARGS          extra node flags for the server (e.g. "--max-old-space-size=4096")
#   BENCH_KEEP_SERVER_LOG=1  keep the server's log next to the results (always kept on failure)
#   The generator's knobs pass through: N_NETS PORTS_PER_RUN CONCURRENCY_LIST TOTAL_PORTS
#   LIST_REPS FILTER_REPS LOAD_CIDR DELETE_SAMPLE.
set -euo pipefail

DB_KIND="${1:-sqlite}"
case "$DB_KIND" in sqlite|postgres) ;; *) echo "usage: $0 [sqlite|postgres]" >&2; exit 2 ;; esac
BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$BENCH/.." && pwd)"
LOAD="$BENCH/../../shared/tools/load/load.sh"
[ -f "$LOAD" ] || { echo "load generator not found at $LOAD (place this repo beside shared/)" >&2; exit 2; }
# shellcheck source=lib/common.sh
. "$BENCH/lib/common.sh"

STAMP="$(date +%Y%m%d-%H%M%S)"
mkdir -p "$BENCH/results"
OUT="$BENCH/results/$DB_KIND-$STAMP.json"
WORK="$(mktemp -d /tmp/muon-bench.XXXXXX)"

cleanup() {
  local rc=$?
  bench_server_stop
  bench_db_drop
  if [ "${BENCH_KEEP_SERVER_LOG:-0}" = 1 ] || [ $rc -ne 0 ]; then cp "$WORK/server.log" "${OUT%.json}.server.log" 2>/dev/null || true; fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

bench_wait_quiet
bench_db_create
# shellcheck disable=SC2086
bench_server_start ${BENCH_NODE_ARGS:-}

START=$(date +%s)
FP0="$(bench_src_fingerprint)"
{
  echo "muon $(node -p "require('$REPO/package.json').version") (src fingerprint $FP0) on $DB_KIND; $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r), node $(node --version); load average before: $(cut -d' ' -f1-3 /proc/loadavg); $BENCH_IDLE_NOTE"
  read -r M0 S0 P0 < <(/usr/bin/python3 "$BENCH/lib/cpu-snap.py" "$SERVER_PID" "$PG_DB")
  NEUTRON_URL="http://127.0.0.1:$PORT" OS_TOKEN=none \
  LOAD_EXTRA_HEADERS='{"X-Project-Id": "bench", "X-Roles": "admin"}' \
    bash "$LOAD" "" "$OUT"
  read -r M1 S1 P1 < <(/usr/bin/python3 "$BENCH/lib/cpu-snap.py" "$SERVER_PID" "$PG_DB")
  WALL=$(( $(date +%s) - START ))
  echo "load generator wall time: $WALL s"
  # CPU accounting over the whole run: muon, its PostgreSQL backends, the load generator (children
  # of this shell), and the rest = kernel (loopback networking, ~0.2 ms per request here) + other work.
  CLIENT=$(times | tail -1 | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); s += a[1] * 60 + a[2] } print s }')
  /usr/bin/python3 - "$M0" "$M1" "$S0" "$S1" "$P0" "$P1" "$CLIENT" "$WALL" "$(nproc)" <<'PY'
import sys
m0, m1, s0, s1, p0, p1, client, wall, cores = map(float, sys.argv[1:])
machine, server, pg = m1 - m0, s1 - s0, p1 - p0
rest = machine - server - pg - client
pct = lambda v: 100 * v / (wall * cores)
print(f"CPU over the run (share of {int(cores)} cores x {int(wall)} s): muon {pct(server):.0f}%, its PostgreSQL backends {pct(pg):.0f}%, "
      f"load generator {pct(client):.0f}%, kernel + other processes {pct(rest):.0f}%, idle {100 - pct(machine):.0f}%")
if pct(rest) > 20:
    print("WARNING: much CPU outside muon, its database and the client: other work may have distorted these figures")
PY
  echo "server RSS at end: $(awk '/VmRSS/{print $2, $3}' "/proc/$SERVER_PID/status" 2>/dev/null || echo '?')"
  FP1="$(bench_src_fingerprint)"
  [ "$FP0" = "$FP1" ] || echo "WARNING: src/ changed during the run (fingerprint $FP0 -> $FP1); the running server kept the code it loaded at start"
} 2>&1 | tee "${OUT%.json}.txt"
