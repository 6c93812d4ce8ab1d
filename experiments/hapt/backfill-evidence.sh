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
