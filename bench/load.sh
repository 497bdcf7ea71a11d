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
#   MUON_API_WORKERS=N       serve with N API worker processes (PostgreSQL only; their CPU counts as muon's)
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
  echo "muon $(node -p "require('$REPO/package.json').version") (src fingerprint $FP0) on $DB_KIND, ${MUON_API_WORKERS:-1} API process(es); $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -n1)), $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r), node $(node --version); load average before: $(cut -d' ' -f1-3 /proc/loadavg); $BENCH_IDLE_NOTE"
  /usr/bin/python3 "$BENCH/lib/cpu-snap.py" snap "$WORK/cpu0.json" "$SERVER_PID" "$PG_DB"
  NEUTRON_URL="http://127.0.0.1:$PORT" OS_TOKEN=none \
  LOAD_EXTRA_HEADERS='{"X-Project-Id": "bench", "X-Roles": "admin"}' \
    bash "$LOAD" "" "$OUT"
  /usr/bin/python3 "$BENCH/lib/cpu-snap.py" snap "$WORK/cpu1.json" "$SERVER_PID" "$PG_DB"
  WALL=$(( $(date +%s) - START ))
  echo "load generator wall time: $WALL s"
  /usr/bin/python3 "$BENCH/lib/cpu-snap.py" report "$WORK/cpu0.json" "$WORK/cpu1.json" "$WALL"
  echo "server RSS at end: $(awk '/VmRSS/{print $2, $3}' "/proc/$SERVER_PID/status" 2>/dev/null || echo '?')"
  FP1="$(bench_src_fingerprint)"
  [ "$FP0" = "$FP1" ] || echo "WARNING: src/ changed during the run (fingerprint $FP0 -> $FP1); the running server kept the code it loaded at start"
} 2>&1 | tee "${OUT%.json}.txt"
