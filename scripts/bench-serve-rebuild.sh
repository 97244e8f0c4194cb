#!/usr/bin/env bash
# Issue 17: latency of requests while the service rebuilds its index (a reload), on loopback only.
#
#   scripts/bench-serve-rebuild.sh [ITEMS=1000000] [DIM=10] [EF=100] [DURING_S=100]
#
# Serves ITEMS synthetic items (dev.unkd.serve.ScaleBenchRun serve, hnsw) and reloads the same model
# 25 s after the port opened (-DrebuildAt=25: a full index build plus its recall check, while the
# old version keeps serving). wrk (2 threads, 2 connections, top-20) runs 15 s before the reload,
# DURING_S seconds during it, and 15 s after the swap; each run prints requests/s and
# p50/p90/p99/max with the load average. Needs the same builds as scripts/bench-serve-scale.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
items="${1:-1000000}"
dim="${2:-10}"
ef="${3:-100}"
during="${4:-100}"
port="${PORT:-18082}"
# shellcheck source=serve-bench-common.sh
source "$here/scripts/serve-bench-common.sh"
start_server bench-serve-rebuild 0 -Xmx8g -DrebuildAt=25 serve "$items" "$dim" "$port" hnsw "$ef"
drive() { # $1 label, $2 seconds
  echo "== $1: ${2}s, 2 threads, 2 connections, $items items x dim $dim, ef $ef, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t 2 -c 2 -d "${2}s" --timeout 5s -s "$here/scripts/bench-serve.lua" "http://127.0.0.1:$port" -- "$work/users.txt" 20 \
    | grep -E '^(requests|latency):'
}
wrk -t 2 -c 2 -d 5s -s "$here/scripts/bench-serve.lua" "http://127.0.0.1:$port" -- "$work/users.txt" 20 >/dev/null # warm-up
drive "before the rebuild" 15
until grep -q "rebuild started" "$work/server.log"; do sleep 0.5; done
drive "during the rebuild" "$during"
until grep -qE "rebuild (done|failed)" "$work/server.log"; do sleep 1; done
grep 'scale-bench' "$work/server.log" >&2
drive "after the swap" 15
