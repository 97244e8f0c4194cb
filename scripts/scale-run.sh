#!/usr/bin/env bash
# The scale pass of docs/SCALE.md on synthetic data: generate, the single-node core baseline, then
# the three Spark jobs, one after the other, each timed (wall time and maximum resident set).
#
#   scripts/scale-run.sh USERS ITEMS INTERACTIONS OUT_DIR [HEAP=12g]
#   e.g. scripts/scale-run.sh 1000000 20000 50000000 /tmp/syn1m 16g
#
# Uses the classpath `unkd-spark/unkd-spark` writes on first use (run it once with --help), and
# the test classes of unkd-spark for the core baseline (`mvn -pl unkd-core,unkd-spark test-compile`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
users="$1"; items="$2"; interactions="$3"; out="$4"; heap="${5:-12g}"; depth=100
opens="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$root/unkd-spark/pom.xml")"
cp="$root/unkd-spark/target/classes:$root/unkd-spark/target/test-classes:$root/unkd-core/target/classes:$(cat "$root/unkd-spark/target/classpath.txt")"
run() { /usr/bin/time -f "wall %e s, max RSS %M KB" java -Xmx"$heap" $opens -cp "$cp" "$@" 2>&1 | grep -v "WARN\|INFO\|^\s*at \|^Caused"; }
stamp() { echo "-- $1 $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; }
emb=("--user-embeddings" "$out/users.parquet" "--item-embeddings" "$out/items.parquet")
stamp generate
[[ -d "$out" ]] || run dev.unkd.spark.SparkMain generate --users "$users" --items "$items" --interactions "$interactions" --dim 32 --partitions 8 --out "$out"
stamp core
run dev.unkd.spark.ScaleBaseline "$out" "$out/users.parquet" "$out/items.parquet" "$depth"
stamp evaluate
run dev.unkd.spark.SparkMain evaluate --partitions 8 "${emb[@]}" --data "$out" --json "$out.eval.json"
stamp teacher-ranking
run dev.unkd.spark.SparkMain teacher-ranking --partitions 8 "${emb[@]}" --data "$out" --depth "$depth" --out "$out.lists"
stamp unkd-pairs
run dev.unkd.spark.SparkMain unkd-pairs --partitions 8 --lists "$out.lists" --epochs 10 --out "$out.pairs10"
stamp done
