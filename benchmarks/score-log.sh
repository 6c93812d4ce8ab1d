#!/usr/bin/env bash
# A measured run of `tinierhar score` end to end: generates a labelled training log and trains a small TinierHAR
# bundle (3 epochs: speed does not depend on accuracy), generates a CSV log of the given hours (2 subjects, 50 Hz,
# 6 channels), scores it with predictions and smoothed segments, and keeps the tool's own summary (rows/s, peak
# memory) as the committed result.
#   benchmarks/score-log.sh 10 benchmarks/results/score-10h.txt
#   benchmarks/score-log.sh 60 benchmarks/results/score-1gb.txt      (about 1.1 GB of CSV)
set -euo pipefail
hours=${1:?hours of log}
result=${2:?result file}
cd "$(dirname "$0")/.."
dotnet build samples/TinierHAR.Cli -c Release -v quiet -nologo
tool=(dotnet samples/TinierHAR.Cli/bin/Release/net10.0/tinierhar.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${tool[@]}" generate --output "$work/train.csv" --subjects 5 --seed 3
"${tool[@]}" train --data "$work/train.csv" --output "$work/model" --epochs 3 --test-subjects subject05 > /dev/null
"${tool[@]}" generate --output "$work/log.csv" --subjects 2 --hours "$(echo "$hours / 2" | bc -l)" --seed 9
size=$(stat -c %s "$work/log.csv")
{
    echo "\$ tinierhar score --model bundle.zip --input log.csv --subject Subject --output predictions.csv --segments segments.csv --smooth 5"
    echo "log: $hours h, $size bytes; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    "${tool[@]}" score --model "$work/model/bundle.zip" --input "$work/log.csv" --subject Subject \
        --output "$work/predictions.csv" --segments "$work/segments.csv" --smooth 5 | grep -v '^scoring'
} | tee "$result"
