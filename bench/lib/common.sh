# Sourced by bench/*.sh: a fresh database, a muon server in noauth mode on a free loopback
# port, and the cleanup (server stopped by its PID, database dropped, work dir removed).
# Expects: BENCH (bench/ dir), REPO, DB_KIND (sqlite|postgres), WORK (a temp dir).
POSTGRES_ADMIN_URL="${POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
SERVER_PID=""
PG_DB=""
DATABASE_URL=""
PORT=""

bench_db_create() {
  if [ "$DB_KIND" = sqlite ]; then
    DATABASE_URL="sqlite:$WORK/muon.db"
  else
    PG_DB="muon_bench_$(date +%s)_$$"
    psql "$POSTGRES_ADMIN_URL" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $PG_DB" >/dev/null
    DATABASE_URL="${POSTGRES_ADMIN_URL%/*}/$PG_DB"
  fi
}

# bench_server_start [extra node flags…]: starts muon (one node process: `node --import tsx`,
# not `npx tsx`, so that SERVER_PID is the server itself) and waits until it answers.
bench_server_start() {
  PORT="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  # --max-semi-space-size=64: the same V8 setting as `npm start` (package.json).
  (cd "$REPO" && exec node --max-semi-space-size=64 "$@" --import tsx src/cli/main.ts serve \
      --listen "127.0.0.1:$PORT" --database-url "$DATABASE_URL" --auth noauth) >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local i
  for i in $(seq 1 300); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/v2.0/networks" -H 'X-Project-Id: bench' -H 'X-Roles: admin' 2>/dev/null; then
      echo "muon pid $SERVER_PID on 127.0.0.1:$PORT, database $DB_KIND" >&2
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "muon exited at start:" >&2; cat "$WORK/server.log" >&2; return 1; }
    sleep 0.1
  done
  echo "muon did not answer within 30 s" >&2
  return 1
}

bench_server_stop() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

bench_db_drop() {
  if [ -n "$PG_DB" ]; then
    psql "$POSTGRES_ADMIN_URL" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null || true
    PG_DB=""
  fi
}

# A short fingerprint of the server code measured (src/ minus tests): figures are only
# comparable between runs with the same fingerprint. Printed at start and end of a run.
bench_src_fingerprint() {
  (cd "$REPO" && find src -type f ! -name '*.test.ts' | LC_ALL=C sort | xargs cat | sha1sum | cut -c1-12)
}

# Busy share of the machine's CPUs over 3 s, in percent (everything: other people's tests too).
bench_machine_busy() {
  /usr/bin/python3 - <<'PY'
import time
def snap():
    with open("/proc/stat") as f:
        p = [int(x) for x in f.readline().split()[1:]]
    return sum(p), p[3] + p[4]
t0, i0 = snap(); time.sleep(3); t1, i1 = snap()
print(round(100 * (1 - (i1 - i0) / max(1, t1 - t0))))
PY
}

# Figures are only meaningful on an otherwise idle machine: wait (up to BENCH_QUIET_WAIT s,
# default 600) until the CPUs are less than 15 % busy, then go on (with a warning if never).
bench_wait_quiet() {
  local waited=0 busy
  while :; do
    busy="$(bench_machine_busy)"
    [ "$busy" -lt 15 ] && { echo "machine idle before the run: ${busy}% busy" >&2; BENCH_IDLE_NOTE="${busy}% busy before the run"; return 0; }
    if [ "$waited" -ge "${BENCH_QUIET_WAIT:-600}" ]; then
      echo "WARNING: machine still ${busy}% busy after ${waited} s; measuring anyway" >&2
      BENCH_IDLE_NOTE="WARNING: machine ${busy}% busy before the run (other processes)"; return 0
    fi
    echo "machine ${busy}% busy (other processes); waiting…" >&2
    sleep 20; waited=$((waited + 23))
  done
}
