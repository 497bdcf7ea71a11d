#!/bin/bash
# Measures muon with the same load generator that measured real Neutron on this machine kind
# (../shared/tools/load; Neutron's figures: ../shared/reference/neutron-baseline.md).
#
#   bench/load.sh [sqlite|postgres]        (default sqlite)
#
# Creates a fresh database, starts muon in noauth mode on a free loopback port, runs
# ../shared/tools/load/load.sh against it, writes bench/results/<db>-<date>.json (plus the
# generator's .log and a .txt summary), stops the server by its PID and drops the database.
#
# Environment:
#   POSTGRES_ADMIN_URL   where to create/drop the database (default postgres://postgres@127.0.0.1:5432/postgres)
#   BENCH_NODE_ARGS      extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
#   BENCH_KEEP_SERVER_LOG=1  keep the server's log next to the results
#   the load generator's knobs (N_NETS PORTS_PER_RUN CONCURRENCY_LIST TOTAL_PORTS LIST_REPS FILTER_REPS
#   LOAD_CIDR DELETE_SAMPLE) pass through; defaults are the generator's own, as in Neutron's run.
set -euo pipefail

DB_KIND="${1:-sqlite}"
case "$DB_KIND" in sqlite|postgres) ;; *) echo "usage: $0 [sqlite|postgres]" >&2; exit 2 ;; esac

BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$BENCH/.." && pwd)"
LOAD="$BENCH/../../shared/tools/load/load.sh"
[ -x "$LOAD" ] || [ -f "$LOAD" ] || { echo "load generator not found at $LOAD (clone this repo beside shared/)" >&2; exit 2; }
POSTGRES_ADMIN_URL="${POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

STAMP="$(date +%Y%m%d-%H%M%S)"
mkdir -p "$BENCH/results"
OUT="$BENCH/results/$DB_KIND-$STAMP.json"
WORK="$(mktemp -d /tmp/muon-bench.XXXXXX)"
SERVER_PID=""
PG_DB=""

cleanup() {
  local rc=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_DB" ]; then
    psql "$POSTGRES_ADMIN_URL" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null || true
  fi
  if [ "${BENCH_KEEP_SERVER_LOG:-0}" = 1 ] || [ $rc -ne 0 ]; then
    cp "$WORK/server.log" "${OUT%.json}.server.log" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

# ---- a fresh database ----
if [ "$DB_KIND" = sqlite ]; then
  DATABASE_URL="sqlite:$WORK/muon.db"
else
  PG_DB="muon_bench_$(date +%s)_$$"
  psql "$POSTGRES_ADMIN_URL" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $PG_DB" >/dev/null
  DATABASE_URL="${POSTGRES_ADMIN_URL%/*}/$PG_DB"
fi

# ---- muon, in noauth mode, on a free loopback port ----
PORT="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cd "$REPO"
# `node --import tsx` (not `npx tsx`) so that the server is one process whose PID we hold.
# shellcheck disable=SC2086
node ${BENCH_NODE_ARGS:-} --import tsx src/cli/main.ts serve \
  --listen "127.0.0.1:$PORT" --database-url "$DATABASE_URL" --auth noauth >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for i in $(seq 1 300); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/v2.0/networks" -H 'X-Project-Id: bench' -H 'X-Roles: admin' 2>/dev/null; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "muon exited at start:" >&2; cat "$WORK/server.log" >&2; exit 1; }
  [ "$i" = 300 ] && { echo "muon did not answer within 30 s" >&2; exit 1; }
  sleep 0.1
done
echo "muon pid $SERVER_PID on 127.0.0.1:$PORT, database $DB_KIND" >&2

# ---- the load generator, exactly as for Neutron ----
START=$(date +%s)
NEUTRON_URL="http://127.0.0.1:$PORT" OS_TOKEN=none \
LOAD_EXTRA_HEADERS='{"X-Project-Id": "bench", "X-Roles": "admin"}' \
  bash "$LOAD" "" "$OUT" | tee "${OUT%.json}.txt"
echo "load generator wall time: $(( $(date +%s) - START )) s" | tee -a "${OUT%.json}.txt"
echo "server RSS at end: $(awk '/VmRSS/{print $2, $3}' "/proc/$SERVER_PID/status" 2>/dev/null || echo '?')" | tee -a "${OUT%.json}.txt"
