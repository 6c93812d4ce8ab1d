#!/usr/bin/env bash
# Seconds per training epoch on HAPT fold 1 (6,624 training windows of 200 x 6, batches of 256): the experiment verb
# runs a few epochs of each network and precision; the median training pass (epoch 1 left out) is read from the
# runs' trajectories. In the same run, the authors' PyTorch code trains TinierHAR in float32 with the same thread count
# (experiments/hapt/authors/run_fold.py; its "cost time" lines are the training pass), where Debian's python3-torch and
# their checkout in experiments/hapt/authors/code are present (see rerun.sh), and the ratio is printed.
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

median() { # numbers, one per line
    sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
median_epoch() { # trajectory
    tail -n +3 "$1" | cut -d, -f2 | median
}
{
    echo "HAPT fold 1, $epochs epochs per run, --threads $threads; median training pass of epochs 2-$epochs; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "model | precision | s/epoch (training pass)"
    # model:precision[:release] (release: glibc's memory defaults, the baseline of TinierHarTrainer.Options.RetainNativeMemory)
    for run in tinierhar:Float32 tinierhar:Float32:release tinierhar:Float64 tinyhar:Float32 tinyhar:Float32:release deepconvlstm:Float32 deepconvlstm:Float32:release; do
        IFS=: read -r model precision release <<< "$run"
        out="$work/$model-$precision${release:+-$release}"
        dotnet "$work/tool/tinierhar.dll" experiment --dataset hapt --data "$data" --models "$model" --folds 1 --seeds 1 \
            --max-epochs "$epochs" --precision "$precision" --threads "$threads" --output "$out" ${release:+--release-native-memory} > "$out.log"
        pass=$(median_epoch "$out"/trajectories/*.csv)
        echo "$model | ${precision,,}${release:+, native memory released} | $pass"
        if [ "$run" = tinierhar:Float32 ]; then ours=$pass; fi
    done
    authors=experiments/hapt/authors
    if /usr/bin/python3 -c 'import torch' 2> /dev/null && [ -d "$authors/code" ]; then
        pythreads=$((threads > 0 ? threads : ($(nproc) / 2 > 0 ? $(nproc) / 2 : 1)))
        (cd "$authors" && rm -rf runs/fold1 && OMP_NUM_THREADS=$pythreads /usr/bin/python3 run_fold.py 1 1 "$pythreads" "$epochs" float32 > "$work/authors.log" 2>&1)
        theirs=$(grep -o 'Epoch: [0-9]* cost time: [0-9.]*' "$work/authors.log" | tail -n +2 | awk '{print $NF}' | median)
        echo "authors' PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') (tinierhar) | float32 | $theirs"
        echo "TinierHAR float32 training pass: $(awk -v a="$theirs" -v b="$ours" 'BEGIN {printf "%.2f", a / b}')x PyTorch's speed, $pythreads thread(s) each"
    else
        echo "authors' PyTorch: not run (needs Debian's python3-torch and their checkout in $authors/code)"
    fi
} | tee "$result"
