#!/usr/bin/env bash
# The device-logs measurement: the WISDM 2019 watch recordings (../shared/data/wisdm-2019-watch, 29 subjects,
# nanoseconds since boot, 20 Hz, accelerometer and gyroscope in files of their own) as a user has them, each subject
# merged into one CSV log, then inspected, trained on with column flags only (the last 6 subjects held out) and one
# held-out subject scored. Writes what each step printed and drew under experiments/device-logs/wisdm-watch/ (never
# the data).
# usage: experiments/device-logs/wisdm-watch.sh [epochs]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dataset=$root/../shared/data/wisdm-2019-watch
results=$root/experiments/device-logs/wisdm-watch
epochs=${1:-150}
source "$root/experiments/device-logs/tool.sh"

mkdir -p "$work/logs" "$results"
subjects=$(ls "$dataset/accel" | sed 's/data_\([0-9]*\)_accel_watch.txt.gz/\1/' | sort)
for subject in $subjects; do
    "$root/experiments/device-logs/merge-wisdm-watch.sh" "$dataset" "$subject" "$work/logs/$subject.csv"
done
held=$(echo "$subjects" | tail -6 | paste -sd, -)
last=$(echo "$subjects" | tail -1)
columns=(--channels ax,ay,az,gx,gy,gz --label activity --subject subject --time timestamp)

{ echo "\$ tinierhar inspect --data logs ${columns[*]} --output inspect"
  tool inspect --data "$work/logs" "${columns[@]}" --output "$results/inspect" | keep; } > "$results/inspect.txt"
{ echo "\$ tinierhar train --data logs ${columns[*]} --rate 20 --window 4s --units m/s^2,m/s^2,m/s^2,rad/s,rad/s,rad/s --test-subjects $held --output model"
  tool train --data "$work/logs" "${columns[@]}" --rate 20 --window 4s --units m/s^2,m/s^2,m/s^2,rad/s,rad/s,rad/s \
      --epochs "$epochs" --test-subjects "$held" --output "$work/model" | keep; } > "$results/train.txt"
mkdir -p "$results/model"
cp "$work/model/metrics.txt" "$work/model/confusion.png" "$work/model/training-curves.png" "$results/model/"
{ echo "\$ tinierhar score --model model/bundle.zip --input logs/$last.csv --subject subject --time timestamp --output predictions.csv --segments segments.csv"
  tool score --model "$work/model/bundle.zip" --input "$work/logs/$last.csv" --subject subject --time timestamp \
      --output "$work/predictions.csv" --segments "$work/segments.csv" | keep \
      | grep -v -e '^predictions:' -e '^segments:' -e '^peak memory' -e '^speed' -e '^whole run'; } > "$results/score.txt"
