#!/usr/bin/env bash
# HTTP throughput and latency of `unkd serve` under wrk, on loopback only.
#
#   scripts/bench-serve.sh MODEL DATA_DIR [DURATION_S=20] [THREADS=2] [CONNECTIONS=32]
#
# Builds the jar if missing, starts the server on 127.0.0.1 (PORT, default 18080), waits for
# /health, drives GET /v1/users/{id}/recommendations?k=K (K, default 20) over every user id of
# DATA_DIR/train.txt for a bounded time, prints requests/s and p50/p90/p99 latency, then stops the
# server. Installs Debian's wrk when it is missing. The server's own in-process latency (no HTTP)
# comes from `unkd serve --self-test N`. SERVE_OPTS adds serve options (e.g. "--index hnsw"). With FOLD_IN=1 it posts fold-in requests instead
# ({"items": [...]}: each training user's items as an anonymous history, scripts/bench-foldin.lua).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:?usage: bench-serve.sh MODEL DATA_DIR [DURATION_S] [THREADS] [CONNECTIONS]}"
data="${2:?usage: bench-serve.sh MODEL DATA_DIR [DURATION_S] [THREADS] [CONNECTIONS]}"
duration="${3:-20}"
threads="${4:-2}"
connections="${5:-32}"
port="${PORT:-18080}"
k="${K:-20}"
jar="$here/unkd-cli/target/unkd.jar"

if [[ ! -f "$jar" ]]; then
  echo "bench-serve: building $jar" >&2
  (cd "$here" && mvn -B -q -DskipTests install) >&2
fi
if ! command -v wrk >/dev/null; then
  echo "bench-serve: installing wrk" >&2
  apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" # SIGTERM: the server drains requests in flight and stops
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

cut -f1 "$data/train.txt" | awk 'NF && !seen[$1]++' > "$work/users.txt"
echo "bench-serve: $(wc -l < "$work/users.txt") user ids from $data/train.txt" >&2
script="$here/scripts/bench-serve.lua"
ids="$work/users.txt"
if [[ "${FOLD_IN:-0}" == 1 ]]; then
  # one JSON array of item ids per training user (ids are written as JSON strings; quotes and backslashes escaped)
  awk -F'\t' 'NF >= 2 { gsub(/\\/, "\\\\", $2); gsub(/"/, "\\\"", $2); if (!($1 in o)) { o[$1] = ++n; u[n] = $1; h[$1] = "[\"" $2 "\"" } else { h[$1] = h[$1] ",\"" $2 "\"" } }
    END { for (q = 1; q <= n; q++) print h[u[q]] "]" }' "$data/train.txt" > "$work/histories.txt"
  script="$here/scripts/bench-foldin.lua"
  ids="$work/histories.txt"
  echo "bench-serve: fold-in requests, $(wc -l < "$ids") histories" >&2
fi

java ${UNKD_JAVA_OPTS:--Xmx2g} -jar "$jar" serve --model "$model" --data "$data" --host 127.0.0.1 --port "$port" ${SERVE_OPTS:-} \
  > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; echo "bench-serve: server exited" >&2; exit 2; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/server.log" >&2; echo "bench-serve: server not up after 60 s" >&2; exit 2; }
echo "bench-serve: $(curl -fsS "http://127.0.0.1:$port/health")" >&2

# warm-up: let the JIT compile the scoring kernel and Jetty fill its pools before measuring
wrk -t "$threads" -c "$connections" -d 5s -s "$script" "http://127.0.0.1:$port" -- "$ids" "$k" >/dev/null
# server CPU seconds (user + system) from /proc: with the request count this gives CPU per
# request, a figure that other processes competing for the cores do not distort as they do latency
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$server_pid/stat"; }
echo "== wrk: ${duration}s, $threads threads, $connections connections, top-$k, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cpu_before="$(cpu_seconds)"
wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout 5s -s "$script" \
  "http://127.0.0.1:$port" -- "$ids" "$k" | tee "$work/wrk.txt"
cpu_after="$(cpu_seconds)"
requests="$(awk '/^requests:/ { print $2 }' "$work/wrk.txt")"
awk -v a="$cpu_before" -v b="$cpu_after" -v n="$requests" 'BEGIN { if (n > 0) printf "server CPU: %.1f s, %.0f us per request\n", b - a, (b - a) * 1e6 / n }'
curl -fsS "http://127.0.0.1:$port/metrics" | grep -E '^unkd_http_requests_total|^unkd_model_info|^unkd_served_slots_total' || true
