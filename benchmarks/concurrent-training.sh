#!/usr/bin/env bash
# Training on a shared machine: TinierHAR on HAPT fold 1 (the experiment verb, a few epochs), alone and as two
# trainings at once, for each libtorch thread count given; reports the median seconds of an epoch's training pass
# (from the runs' trajectories) and the slowdown of two concurrent trainings against one alone.
#   benchmarks/concurrent-training.sh ../shared/data/uci-har-hapt benchmarks/results/concurrent-training.txt [epochs] ['0 1 2' (thread counts; 0: libtorch's default)]
set -euo pipefail
data=$(realpath "${1:?HAPT root}")
result=${2:?result file}
epochs=${3:-6}
read -r -a threads <<< "${4:-0 1 2}"
cd "$(dirname "$0")/.."
dotnet build samples/TinierHAR.Cli -c Release -v quiet -nologo
tool=(dotnet samples/TinierHAR.Cli/bin/Release/net10.0/tinierhar.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

train() { # folder threads
    "${tool[@]}" experiment --dataset hapt --data "$data" --folds 1 --seeds 1 --max-epochs "$epochs" --threads "$2" --output "$1" > "$1.log"
}
median_epoch() { # trajectory: median train_seconds, leaving out epoch 1 (JIT and first-touch)
    tail -n +3 "$1" | cut -d, -f2 | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
{
    echo "TinierHAR, HAPT fold 1, $epochs epochs per training, median training pass of epochs 2-$epochs; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "threads | one alone (s/epoch) | two at once (s/epoch, each) | slowdown"
    for t in "${threads[@]}"; do
        train "$work/alone-$t" "$t"
        alone=$(median_epoch "$work/alone-$t/trajectories/tinierhar-fold1-seed1-float32.csv")
        train "$work/a-$t" "$t" & first=$!
        train "$work/b-$t" "$t" & second=$!
        wait "$first" "$second"
        a=$(median_epoch "$work/a-$t/trajectories/tinierhar-fold1-seed1-float32.csv")
        b=$(median_epoch "$work/b-$t/trajectories/tinierhar-fold1-seed1-float32.csv")
        label=$([ "$t" = 0 ] && echo "libtorch default" || echo "$t")
        echo "$label | $alone | $a, $b | $(echo "scale=2; ($a + $b) / 2 / $alone" | bc -l)x"
    done
} | tee "$result"
