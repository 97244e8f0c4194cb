#!/usr/bin/env bash
# Issue 17: HTTP throughput and latency of the service on a synthetic catalogue, on loopback only.
#
#   scripts/bench-serve-scale.sh ITEMS DIM exact|hnsw [EF=100] [DURATION_S=15] [THREADS=2] [CONNECTIONS=2[,32..]]
#
# Starts dev.unkd.serve.ScaleBenchRun (unkd-serve test classes + the CLI jar) serving 10,000 users
# (u0..u9999, 10 seen items each) over ITEMS synthetic items of dimension DIM on 127.0.0.1 (PORT,
# default 18081), waits for /health (the index is built before the port opens), warms up for 5 s,
# then drives GET /v1/users/{id}/recommendations?k=20 with wrk for a bounded time and prints
# requests/s and p50/p90/p99 (once per connection count given, same server), then stops the server. Needs `mvn -pl unkd-serve -am test-compile`
# and the CLI jar (`mvn -pl unkd-cli -am package`); installs Debian's wrk when it is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
items="${1:?usage: bench-serve-scale.sh ITEMS DIM exact|hnsw [EF] [DURATION_S] [THREADS] [CONNECTIONS]}"
dim="${2:?usage}"
index="${3:?usage}"
ef="${4:-100}"
duration="${5:-15}"
threads="${6:-2}"
connections="${7:-2}"
port="${PORT:-18081}"
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
java ${UNKD_JAVA_OPTS:--Xmx6g} -cp "$cp" dev.unkd.serve.ScaleBenchRun serve "$items" "$dim" "$port" "$index" "$ef" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 480); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; echo "bench-serve-scale: server exited" >&2; exit 2; fi
  sleep 0.5
done
grep 'scale-bench' "$work/server.log" >&2 || true
first="${connections%%,*}"
wrk -t "$threads" -c "$first" -d 5s -s "$here/scripts/bench-serve.lua" "http://127.0.0.1:$port" -- "$work/users.txt" 20 >/dev/null
for c in ${connections//,/ }; do
  echo "== wrk: ${duration}s, $threads threads, $c connections, top-20, $items items x dim $dim, $index, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t "$threads" -c "$c" -d "${duration}s" --timeout 5s -s "$here/scripts/bench-serve.lua" \
    "http://127.0.0.1:$port" -- "$work/users.txt" 20 | grep -E '^(requests|latency):'
done
