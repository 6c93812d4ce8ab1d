#!/usr/bin/env bash
# Training on a shared machine: TinierHAR on HAPT fold 1 (the experiment verb, a few epochs), alone and as two
# trainings at once, for each setting given as THREADS:WAIT (THREADS 0 = libtorch's default; WAIT = the OpenMP wait
# policy ACTIVE or PASSIVE set in the environment, or 'library' for the library's own choice). Reports the median
# seconds of an epoch's training pass (from the runs' trajectories, epoch 1 left out) and the slowdown of two
# concurrent trainings against one alone.
#   benchmarks/concurrent-training.sh ../shared/data/uci-har-hapt benchmarks/results/concurrent-training.txt [epochs] ['0:library 1:library']
set -euo pipefail
data=$(realpath "${1:?HAPT root}")
result=${2:?result file}
epochs=${3:-6}
read -r -a settings <<< "${4:-0:library 1:library}"
cd "$(dirname "$0")/.."
dotnet build samples/TinierHAR.Cli -c Release -v quiet -nologo > /dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r samples/TinierHAR.Cli/bin/Release/net10.0 "$work/tool"

train() { # folder threads wait
    local environment=()
    [ "$3" != library ] && environment=(OMP_WAIT_POLICY="$3")
    env "${environment[@]}" dotnet "$work/tool/tinierhar.dll" experiment --dataset hapt --data "$data" --folds 1 --seeds 1 \
        --max-epochs "$epochs" --threads "$2" --output "$1" > "$1.log"
}
median_epoch() { # trajectory
    tail -n +3 "$1" | cut -d, -f2 | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
{
    echo "TinierHAR, HAPT fold 1, $epochs epochs per training; median training pass of epochs 2-$epochs; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "threads | OpenMP wait policy | one alone (s/epoch) | two at once (s/epoch, each) | slowdown of each"
    for setting in "${settings[@]}"; do
        t=${setting%%:*}
        wait_policy=${setting#*:}
        run="$work/$t-$wait_policy"
        train "$run-alone" "$t" "$wait_policy"
        alone=$(median_epoch "$run-alone/trajectories/tinierhar-fold1-seed1-float32.csv")
        train "$run-a" "$t" "$wait_policy" & first=$!
        train "$run-b" "$t" "$wait_policy" & second=$!
        wait "$first" "$second"
        a=$(median_epoch "$run-a/trajectories/tinierhar-fold1-seed1-float32.csv")
        b=$(median_epoch "$run-b/trajectories/tinierhar-fold1-seed1-float32.csv")
        echo "$([ "$t" = 0 ] && echo "0 (default: half the cores)" || echo "$t") | $([ "$wait_policy" = library ] && echo "libgomp default" || echo "$wait_policy") | $alone | $a, $b | $(awk -v a="$a" -v b="$b" -v s="$alone" 'BEGIN {printf "%.2f", (a + b) / 2 / s}')x"
    done
} | tee "$result"
