#!/usr/bin/env bash
# unkd against the best plain PyTorch loop, side by side on the same data (issue 15, item 5).
#
#   scripts/bench-vs-torch.sh [--data DIR] [--repeat N] [--threads 1,2] [--figures mf,lightgcn,eval,derrd] [--quick]
#
# Runs unkd's measurements (the CLI jar), then scripts/bench_torch.py's (Debian's /usr/bin/python3
# with python3-torch), one after the other, and prints one table: per figure the fastest unkd
# configuration, the fastest PyTorch configuration and their ratio, then every measurement with the
# 1-minute load average (/proc/loadavg) at its start and end. Each measurement is a warm-up epoch
# then the median of N epochs (unkd's DE-RRD: the mean of N epochs, see below). --quick is a smoke
# check only (one epoch, unkd without warm-up, PyTorch 5 batches per epoch): its ratios mean nothing.
# What each figure measures: docs/BENCHMARKS.md, "unkd against PyTorch (issue 15, item 5)".
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=../shared/data/citeulike REPEAT=3 THREADS=1,2 FIGURES=mf,lightgcn,eval,derrd QUICK=
while [ $# -gt 0 ]; do
    case "$1" in
        --data) DATA=$2; shift 2 ;;
        --repeat) REPEAT=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --figures) FIGURES=$2; shift 2 ;;
        --quick) QUICK=1; shift ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done
JAR=unkd-cli/target/unkd.jar
PY=/usr/bin/python3
[ -f "$JAR" ] || mvn -o -q -pl unkd-cli -am package -DskipTests -Dmaven.javadoc.skip
"$PY" -c 'import torch' 2>/dev/null || { echo "needs python3-torch: apt-get install -y python3-torch" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
RES=$WORK/results.txt
WARMUP=1 TEACHER_EPOCHS=10
[ -n "$QUICK" ] && { WARMUP=0 REPEAT=1 TEACHER_EPOCHS=1; }
has() { [[ ",$FIGURES," == *",$1,"* ]]; }
load() { cut -d' ' -f1 /proc/loadavg; }
unkd() { java -jar "$JAR" "$@"; }
train_seconds() { "$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["trainSeconds"])' "$1"; }

echo "# $(date -u +%FT%TZ) $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "$(java -version 2>&1 | head -1), torch $("$PY" -c 'import torch; print(torch.__version__)'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# data $DATA, warm-up $WARMUP, repeat $REPEAT, threads $THREADS, figures $FIGURES${QUICK:+ (quick)}"

# ---- unkd (BenchCommand: epochs after --warmup, median of --repeat; then the same count of full test rankings)
for T in ${THREADS//,/ }; do
    if has mf || has eval; then
        for ADAM in lazy dense; do
            FLAG=; [ $ADAM = dense ] && FLAG=--dense-adam
            L0=$(load)
            OUT=$(unkd bench --data "$DATA" --model mf --dim 100 --lr 0.001 --threads "$T" --warmup $WARMUP --repeat "$REPEAT" $FLAG)
            L1=$(load)
            has mf && echo "RESULT mf100-epoch unkd $ADAM-adam,threads=$T $(awk '/^epoch:/ {print $3}' <<<"$OUT") $L0 $L1" | tee -a "$RES"
            has eval && echo "RESULT mf100-eval unkd threads=$T,after-$ADAM-adam-epochs $(awk '/^full test ranking:/ {print $5}' <<<"$OUT") $L0 $L1" | tee -a "$RES"
        done
    fi
    if has lightgcn; then
        L0=$(load)
        OUT=$(unkd bench --data "$DATA" --model lightgcn --layers 2 --dim 100 --lr 0.001 --threads "$T" --warmup $WARMUP --repeat "$REPEAT")
        echo "RESULT lightgcn100-epoch unkd lazy-adam,threads=$T $(awk '/^epoch:/ {print $3}' <<<"$OUT") $L0 $(load)" | tee -a "$RES"
    fi
done
TEACHER_FLAG=
if has derrd; then
    # MF-100 teacher (its quality does not change the cost of an epoch), exported for the PyTorch side
    unkd train -q --data "$DATA" --dim 100 --lr 0.001 --epochs $TEACHER_EPOCHS --eval-every 1000 --out "$WORK/teacher.unkd" > /dev/null
    unkd export --model "$WORK/teacher.unkd" --out "$WORK/teacher" > /dev/null
    TEACHER_FLAG="--teacher $WORK/teacher"
    # unkd distill reports only whole-run times: a 1-epoch and a (1+N)-epoch run, the difference / N is the
    # mean of epochs 2..N+1 (the RRD redraw included; the teacher ranking and the final validation cancel)
    for T in ${THREADS//,/ }; do
        L0=$(load)
        for E in 1 $((1 + REPEAT)); do
            unkd distill -q --data "$DATA" --teacher "$WORK/teacher.unkd" --method de-rrd --dim 10 --lr 0.001 --epochs $E \
                --eval-every 1000 --threads "$T" --json "$WORK/derrd-$E.json" > /dev/null
        done
        S=$("$PY" -c "print(f'{($(train_seconds "$WORK/derrd-$((1 + REPEAT)).json") - $(train_seconds "$WORK/derrd-1.json")) / $REPEAT:.4f}')")
        echo "RESULT derrd-epoch unkd mean-of-$REPEAT,threads=$T $S $L0 $(load)" | tee -a "$RES"
    done
fi

# ---- PyTorch
"$PY" scripts/bench_torch.py --data "$DATA" --figures "$FIGURES" --repeat "$REPEAT" --threads "$THREADS" $TEACHER_FLAG ${QUICK:+--quick} \
    | tee -a "$RES"

echo
"$PY" scripts/bench_torch.py table "$RES"
