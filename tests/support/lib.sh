# Helpers for the shell test suites: a scratch folder, a kpress server on a free loopback port,
# and assertions that say what failed.
set -euo pipefail
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/kpress-test-XXXXXX")
SERVER_PIDS=()
cleanup() {
  for pid in "${SERVER_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "ok - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $1"; }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# start_server LOG ARGS...: starts `kpress serve ARGS --listen 127.0.0.1:0`, waits until it
# answers, and sets SERVER_PID and PORT.
start_server() {
  local log=$1; shift
  "$KPRESS" serve "$@" --listen 127.0.0.1:0 >"$log" 2>&1 &
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
  PORT=
  for _ in $(seq 100); do
    PORT=$(grep -o 'on http://127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    [ -n "$PORT" ] && curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "server did not start:"; cat "$log"; return 1
}

# eventually SECONDS CMD...: runs CMD until it succeeds, for at most SECONDS (a condition another
# process makes true: never a sleep followed by a check).
eventually() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}
# page_has PORT PATH TEXT, cached PORT PATH: the whole answer is read first (grep -q stopping
# early would fail curl's write, and with pipefail the check).
page_has() { local body; body=$(curl -fsS --max-time 10 "http://127.0.0.1:$1$2") && grep -q "$3" <<<"$body"; }
# keep PORT PATH: asks for the page twice, as the page cache keeps a page from its second request.
keep() { curl -fsS -o /dev/null "http://127.0.0.1:$1$2" && curl -fsS -o /dev/null "http://127.0.0.1:$1$2"; }
cached() { local head; head=$(curl -fsS -o /dev/null -D - "http://127.0.0.1:$1$2") && grep -qi '^x-cache: HIT' <<<"$head"; }
