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
# shellcheck source=serve-bench-common.sh
source "$here/scripts/serve-bench-common.sh"
start_server bench-serve-scale 480 -Xmx6g "" serve "$items" "$dim" "$port" "$index" "$ef"
grep 'scale-bench' "$work/server.log" >&2 || true
first="${connections%%,*}"
wrk -t "$threads" -c "$first" -d 5s -s "$here/scripts/bench-serve.lua" "http://127.0.0.1:$port" -- "$work/users.txt" 20 >/dev/null
for c in ${connections//,/ }; do
  echo "== wrk: ${duration}s, $threads threads, $c connections, top-20, $items items x dim $dim, $index, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t "$threads" -c "$c" -d "${duration}s" --timeout 5s -s "$here/scripts/bench-serve.lua" \
    "http://127.0.0.1:$port" -- "$work/users.txt" 20 | grep -E '^(requests|latency):'
done
