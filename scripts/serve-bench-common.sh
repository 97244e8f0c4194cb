# Sourced by bench-serve-scale.sh and bench-serve-rebuild.sh (after they set `here`, the checkout):
# sets cp (the CLI jar and the unkd-serve test classes) and work (a temporary folder with
# users.txt, u0..u9999 for wrk), installs Debian's wrk when it is missing, and on exit stops the
# server started by start_server and removes work.
cp="$here/unkd-cli/target/unkd.jar:$here/unkd-serve/target/test-classes"
if ! command -v wrk >/dev/null; then
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
seq 0 9999 | sed 's/^/u/' > "$work/users.txt"

# start_server NAME TRIES HEAP EXTRA ARG...: starts dev.unkd.serve.ScaleBenchRun ARG... in the
# background (JVM options UNKD_JAVA_OPTS, else HEAP; then EXTRA, "" for none; output to
# $work/server.log), then polls /health on 127.0.0.1:$port every 0.5 s until it answers: at most
# TRIES times (0: for as long as the server runs). Exits 2, with the server's log, when the server
# exits first; NAME names the script in that message.
start_server() {
  local name="$1" tries="$2" opts="${UNKD_JAVA_OPTS:-$3}" extra="$4"
  shift 4
  # shellcheck disable=SC2086 # the JVM options are words
  java $opts $extra -cp "$cp" dev.unkd.serve.ScaleBenchRun "$@" > "$work/server.log" 2>&1 &
  server_pid=$!
  local n=0
  until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; echo "$name: server exited" >&2; exit 2; fi
    sleep 0.5
    n=$((n + 1))
    if (( tries > 0 && n >= tries )); then break; fi
  done
}
