#!/usr/bin/env bash
# Seconds per training epoch on HAPT fold 1 (6,624 training windows of 200 x 6, batches of 256): the experiment verb
# runs a few epochs of each network and precision; the median training pass (epoch 1 left out) is read from the
# runs' trajectories, beside the authors' PyTorch code measured on the same machine kind (shared/notes/reference-run.md).
#   benchmarks/training-epochs.sh ../shared/data/uci-har-hapt benchmarks/results/training-epochs-hapt.txt [epochs] [threads]
set -euo pipefail
data=$(realpath "${1:?HAPT root}")
result=${2:?result file}
epochs=${3:-4}
threads=${4:-0}
cd "$(dirname "$0")/.."
dotnet build samples/TinierHAR.Cli -c Release -v quiet -nologo > /dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r samples/TinierHAR.Cli/bin/Release/net10.0 "$work/tool"

median_epoch() { # trajectory
    tail -n +3 "$1" | cut -d, -f2 | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
{
    echo "HAPT fold 1, $epochs epochs per run, --threads $threads; median training pass of epochs 2-$epochs; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "model | precision | s/epoch (training pass)"
    for run in tinierhar:Float32 tinierhar:Float64 tinyhar:Float32 deepconvlstm:Float32; do
        model=${run%%:*}
        precision=${run#*:}
        out="$work/$model-$precision"
        dotnet "$work/tool/tinierhar.dll" experiment --dataset hapt --data "$data" --models "$model" --folds 1 --seeds 1 \
            --max-epochs "$epochs" --precision "$precision" --threads "$threads" --output "$out" > "$out.log"
        echo "$model | ${precision,,} | $(median_epoch "$out"/trajectories/*.csv)"
    done
} | tee "$result"
