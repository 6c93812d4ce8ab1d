#!/usr/bin/env bash
# The README's walk-through on a real log: the Daphnet recordings in ../shared/data (one CSV per recording, time in
# integer milliseconds at 64 Hz, the subject in the file name), as a user has them: inspect, train (subject S07 held
# out; windows labelled 0, "not part of the experiment", left out as the paper does), evaluate on S07's recording,
# score it. Writes what each step printed and drew under
# experiments/device-logs/daphnet/ (never the data).
# usage: experiments/device-logs/daphnet.sh [epochs]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dataset=$root/../shared/data/daphnet-fog-partial/dataset
results=$root/experiments/device-logs/daphnet
epochs=${1:-150}
source "$root/experiments/device-logs/tool.sh"
mkdir -p "$results"
columns=(--label N --time time --subject-from-file 'S\d+')
shown="--label N --time time --subject-from-file 'S\d+'"

{ echo "\$ tinierhar inspect --data 'dataset/*.txt.gz' --channels A0,A1,A2,U0,U1,U2,T1,T2,T3 $shown --output inspect"
  tool inspect --data "$dataset/*.txt.gz" --channels A0,A1,A2,U0,U1,U2,T1,T2,T3 "${columns[@]}" --output "$results/inspect" | keep; } > "$results/inspect.txt"
{ echo "\$ tinierhar train --data 'dataset/*.txt.gz' --channels A0,A1,A2,U0,U1,U2,T1,T2,T3 $shown --rate 64 --window 4s --drop-labels 0 --units mg,mg,mg,mg,mg,mg,mg,mg,mg --test-subjects S07 --output model"
  tool train --data "$dataset/*.txt.gz" --channels A0,A1,A2,U0,U1,U2,T1,T2,T3 "${columns[@]}" --rate 64 --window 4s --drop-labels 0 \
      --units mg,mg,mg,mg,mg,mg,mg,mg,mg --epochs "$epochs" --test-subjects S07 --output "$work/model" | keep; } > "$results/train.txt"
mkdir -p "$results/model" "$results/evaluate"
cp "$work/model/metrics.txt" "$work/model/confusion.png" "$work/model/training-curves.png" "$results/model/"
{ echo "\$ tinierhar evaluate --model model/bundle.zip --data dataset/S07R02.txt.gz $shown --output evaluate"
  tool evaluate --model "$work/model/bundle.zip" --data "$dataset/S07R02.txt.gz" "${columns[@]}" --output "$work/evaluate" | keep; } > "$results/evaluate.txt"
cp "$work/evaluate/confusion.png" "$results/evaluate/"
{ echo "\$ tinierhar score --model model/bundle.zip --input dataset/S07R02.txt.gz --time time --subject-from-file 'S\d+' --output predictions.csv --segments segments.csv --smooth 5"
  tool score --model "$work/model/bundle.zip" --input "$dataset/S07R02.txt.gz" --time time --subject-from-file 'S\d+' --output "$work/predictions.csv" \
      --segments "$work/segments.csv" --smooth 5 | keep | grep -v -e '^predictions:' -e '^segments:' -e '^peak memory' -e '^speed' -e '^whole run'; } > "$results/score.txt"
