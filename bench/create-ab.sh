#!/bin/bash
# Interleaved A/B of port creates at concurrency 32 between two checkouts of muon
# (the machine is shared and noisy: only rounds run back to back compare).
#
#   bench/create-ab.sh sqlite|postgres DIR_A DIR_B [ROUNDS=3] [CREATES=3000] [CONC=32]
#   ENV_A / ENV_B: extra environment of each side's server, e.g. ENV_B="MUON_DATABASE_POOL_SIZE=4"
#   (DIR_A = DIR_B then compares settings).
#
# Each round, for A then B: a fresh database, the checkout's server (noauth, as bench/load.sh
# starts it), bench/lib/create-client.mjs (300 warm-up creates, then CREATES measured), stop, drop.
set -euo pipefail
DB_KIND="$1"; A="$(cd "$2" && pwd)"; B="$(cd "$3" && pwd)"; ROUNDS="${4:-3}"; CREATES="${5:-3000}"; CONC="${6:-32}"
BENCH="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib/common.sh
. "$BENCH/lib/common.sh"
WORK="$(mktemp -d /tmp/muon-ab.XXXXXX)"
trap 'bench_server_stop; bench_db_drop; rm -rf "$WORK"' EXIT INT TERM
for round in $(seq 1 "$ROUNDS"); do
  for side in A B; do
    REPO="$A"; SIDE_ENV="${ENV_A:-}"; [ "$side" = B ] && { REPO="$B"; SIDE_ENV="${ENV_B:-}"; }
    bench_db_create
    # shellcheck disable=SC2086
    [ -n "$SIDE_ENV" ] && export $SIDE_ENV
    bench_server_start ${BENCH_NODE_ARGS:-} 2>/dev/null
    # shellcheck disable=SC2086
    [ -n "$SIDE_ENV" ] && unset ${SIDE_ENV%%=*}
    echo "round $round $side $(node "$BENCH/lib/create-client.mjs" "http://127.0.0.1:$PORT" "$CREATES" "$CONC" 300 "$SERVER_PID" "$PG_DB") load $(cut -d' ' -f1 /proc/loadavg)"
    bench_server_stop
    bench_db_drop
    rm -f "$WORK"/muon.db*
  done
done
