#!/bin/bash
# CPU profiles of the muon server, one per phase: port creates at concurrency 32, bulk creates,
# the full list of TOTAL_PORTS ports, the device_id-filtered list. The requests are issued by the
# shared load generator's own client (load.py), the profiler is toggled inside the server by
# bench/lib/profile-hook.mjs. Prints a summary per phase (bench/lib/cpuprofile-summary.mjs).
#
#   bench/profile.sh [sqlite|postgres] [CREATES=3000] [CONC=32] [TOTAL_PORTS=10000]
# Profiles are kept in bench/results/profiles/<db>-<date>/ (not meant for the repo: large).
set -euo pipefail
DB_KIND="${1:-sqlite}"
case "$DB_KIND" in sqlite|postgres) ;; *) echo "usage: $0 [sqlite|postgres] [creates] [conc] [total_ports]" >&2; exit 2 ;; esac
CREATES="${2:-3000}"; CONC="${3:-32}"; TOTAL="${4:-10000}"
BENCH="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$BENCH/.." && pwd)"
LOADDIR="$(cd "$BENCH/../../shared/tools/load" && pwd)"
# shellcheck source=lib/common.sh
. "$BENCH/lib/common.sh"
WORK="$(mktemp -d /tmp/muon-prof.XXXXXX)"
PDIR="${PROFILE_DIR:-$BENCH/results/profiles/$DB_KIND-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$PDIR"
cleanup() { local rc=$?; bench_server_stop; bench_db_drop; [ $rc -ne 0 ] && cat "$WORK/server.log" >&2; rm -rf "$WORK"; exit $rc; }
trap cleanup EXIT INT TERM

bench_wait_quiet
echo "src fingerprint $(bench_src_fingerprint), $DB_KIND, load average before: $(cut -d' ' -f1-3 /proc/loadavg); $BENCH_IDLE_NOTE" | tee "$PDIR/info.txt"
bench_db_create
export MUON_PROFILE_DIR="$PDIR"
bench_server_start --import "$BENCH/lib/profile-hook.mjs"
/usr/bin/python3 "$BENCH/lib/profile-driver.py" "$LOADDIR" "http://127.0.0.1:$PORT" "$SERVER_PID" "$PDIR" "$CREATES" "$CONC" "$TOTAL" > "$PDIR/phases.jsonl"
while read -r line; do
  echo; echo "################ $line"
  file=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["profile"])' "$line")
  n=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["requests"])' "$line")
  node "$BENCH/lib/cpuprofile-summary.mjs" "$file" --requests "$n" --top "${TOP:-22}"
done < "$PDIR/phases.jsonl" | tee "$PDIR/summary.txt"
