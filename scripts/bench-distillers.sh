#!/usr/bin/env bash
# Issues 15 and 16: seconds per epoch of every distillation method, side by side in one run.
#
#   scripts/bench-distillers.sh [DATA=../shared/data/citeulike] [EPOCHS=4] [METHODS="unkd rrd ..."]
#
# Trains an MF-100 teacher once (30 epochs, lr 0.01, saved at epochs 10 and 20 for HetComp's
# trajectory), then an MF-10 student with each method for EPOCHS epochs on 2 threads, UnKD first
# and last (its two runs bracket the drift of the machine), and prints the field secondsPerEpoch
# of each run's JSON (the mean over the epochs, each epoch's sampling and refreshes included; the
# teacher ranking is preparation, outside it) with its ratio to the mean of the two UnKD runs and
# the load average at its start. Needs the CLI jar (`mvn -pl unkd-cli -am package -DskipTests`).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$here/../shared/data/citeulike}"
epochs="${2:-4}"
methods="${3:-unkd rrd de fitnet dcd rce-kd hetcomp de-rrd htd cd rd unkd}"
jar="$here/unkd-cli/target/unkd.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "teacher: MF-100, 30 epochs, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -jar "$jar" train --data "$data" --dim 100 --epochs 30 --eval-every 10 --threads 2 --seed 2022 \
  --checkpoints 10,20 --out "$work/t100.unkd" --json "$work/t100.json" -q >&2
declare -a names secs loads
for m in $methods; do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  java -jar "$jar" distill --data "$data" --teacher "$work/t100.unkd" --method "$m" --dim 10 --epochs "$epochs" \
    --eval-every 1000 --threads 2 --seed 2022 --out "$work/$m.unkd" --json "$work/$m.json" -q >&2
  s="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['secondsPerEpoch'])" "$work/$m.json")"
  names+=("$m"); secs+=("$s"); loads+=("$load")
done
python3 - "${#names[@]}" "${names[@]}" "${secs[@]}" "${loads[@]}" <<'PY'
import sys
n = int(sys.argv[1]); names = sys.argv[2:2 + n]; secs = [float(x) for x in sys.argv[2 + n:2 + 2 * n]]; loads = sys.argv[2 + 2 * n:]
unkd = [s for m, s in zip(names, secs) if m == "unkd"]
ref = sum(unkd) / len(unkd)
print("| method | s / epoch | x UnKD (mean of its runs, %.3f s) | load average at start |" % ref)
print("|---|---|---|---|")
for m, s, l in zip(names, secs, loads):
    print("| %s | %.3f | %.2f | %s |" % (m, s, s / ref, l))
PY
