#!/usr/bin/env bash
# Reruns every committed HAPT run that has no evidence yet (evidence/{run}.predictions.csv.gz and, for TinierHAR and
# TinyHAR, the model bundle), with the options that made it, and keeps the evidence only where the rerun reproduces
# the committed row (experiment --backfill-evidence). Resumable: finished runs are skipped. One thread, hours.
#   experiments/hapt/backfill-evidence.sh [the tool's tinierhar.dll; default: built here]
set -euo pipefail
cd "$(dirname "$0")/../.."
tool=${1:-}
if [ -z "$tool" ]; then
    dotnet build samples/TinierHAR.Cli -c Release -v quiet -nologo > /dev/null
    tool=samples/TinierHAR.Cli/bin/Release/net10.0/tinierhar.dll
fi
cli=(nice -n 5 dotnet "$tool" experiment --dataset hapt --data ../shared/data/uci-har-hapt --threads 1 --backfill-evidence)
"${cli[@]}" --output experiments/hapt --models tinierhar,tinyhar --folds 1-5 --seeds 1-10
"${cli[@]}" --output experiments/hapt --models tinierhar --folds 1-5 --seeds 1-10 --precision Float64
"${cli[@]}" --output experiments/hapt --models tinierhar --folds 1-5 --seeds 1-10 --computed-cancelled-biases
"${cli[@]}" --output experiments/hapt/authors-split --models tinierhar --folds 2 --seeds 1-10 --validation-windows 'experiments/hapt/authors/splits/fold{fold}-seed{seed}.txt'
"${cli[@]}" --output experiments/hapt --models deepconvlstm --folds 1-5 --seeds 1
"${cli[@]}" --output experiments/int8 --models tinierhar --folds 1 --seeds 1 --int8
# The replay of the authors' fold-2 seed-1 run (docs/training-fidelity.md, "Replaying the authors' run"): their code
# writes its initial state and batch order again (authors/replay.py, in their checkout, about 35 min), then ours replays it.
if [ ! -f experiments/hapt/replay/evidence/tinierhar-fold2-seed1-float64.predictions.csv.gz ]; then
    replay=$(mktemp -d)
    (cd experiments/hapt/authors && OMP_NUM_THREADS=1 nice -n 5 /usr/bin/python3 replay.py 2 1 150 "$replay" > "$replay/console.log" 2>&1)
    "${cli[@]}" --output experiments/hapt/replay --models tinierhar --folds 2 --seeds 1 --precision Float64 --dropout 0 \
        --validation-windows experiments/hapt/authors/splits/fold2-seed1.txt --batch-order "$replay/batches.txt.gz" --initial-checkpoint "$replay/initial.pth"
    rm -rf "$replay"
fi
