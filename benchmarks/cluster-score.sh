#!/usr/bin/env bash
# The scoring cluster measured on this machine, in one run, with the tool published as a deployment would use it
# (eng/publish-tool.sh): the same generated logs scored by a local `score` (one process, every file in one pass) and by
# a cluster of one silo, then of two silo processes (localhost clustering), each from a fresh output folder and its own
# client process; the median of three runs. A silo's first job (bundle loading, code compiled) is shown apart from
# the jobs of a running silo. The client's fixed cost is a job with nothing left to do; the per-file cost is the slope
# over 1 and 32 three-minute files, on the cluster against the local pass.
#   benchmarks/cluster-score.sh benchmarks/results/cluster-score.txt [files] [hours per file]
set -euo pipefail
result=${1:?result file}
files=${2:-16}
hours=${3:-1}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
# The silos are started inside the piped block below (a subshell): they are found by the tool's path.
cleanup() { pkill -f "$work/tool/tinierhar.dll" || true; rm -rf "$work"; }
trap cleanup EXIT
eng/publish-tool.sh "$work/tool" > /dev/null
tool=(dotnet "$work/tool/tinierhar.dll")
"${tool[@]}" generate --output "$work/train.csv" --subjects 5 --seed 3 > /dev/null
"${tool[@]}" train --data "$work/train.csv" --output "$work/model" --epochs 3 --test-subjects subject05 > /dev/null
for i in $(seq -w 1 "$files"); do "${tool[@]}" generate --output "$work/logs/wearer$i.csv" --subjects 1 --hours "$hours" --seed "$((100 + 10#$i))" > /dev/null; done
for i in $(seq -w 1 32); do "${tool[@]}" generate --output "$work/short/wearer$i.csv" --subjects 1 --hours 0.05 --seed "$((200 + 10#$i))" > /dev/null; done
mkdir -p "$work/one-short" && cp "$work/short/wearer01.csv" "$work/one-short/"
model=(--model "$work/model/bundle.zip" --subject Subject)

silo() { "${tool[@]}" silo --port "$1" --gateway "$2" --primary 21111 > "$work/silo-$1.log" 2>&1 & until grep -q "silo ready" "$work/silo-$1.log"; do sleep 0.2; done; }
seconds() { local start=$(date +%s.%N); "$@" > "$work/last.txt"; echo "$(date +%s.%N) - $start" | bc -l; }
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
# Every pass writes to an output of its own (a cluster job is named by its inputs, options and output folder).
local_pass() { local out; out=$(mktemp -u -p "$work" local-XXXXXX); seconds "${tool[@]}" score "${model[@]}" --input "$1" --output "$out.csv" --segments "$out.segments.csv"; }
cluster_pass() { seconds "${tool[@]}" score "${model[@]}" --input "$1" --output "${3:-$(mktemp -u -p "$work" cluster-XXXXXX)}" --cluster "$2"; }
ratio() { echo "scale=2; $1 / $2" | bc -l | sed 's/^\./0./'; }
rows=$(for f in "$work"/logs/*.csv; do tail -n +2 "$f" | wc -l; done | paste -sd+ | bc)

{
    echo "logs: $files files of $hours h (one generated wearer each, 50 Hz, 6 channels), $rows rows, $(du -sh "$work/logs" | cut -f1); 32 files of three minutes; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    local_s=$(median "$(local_pass "$work/logs/*.csv")" "$(local_pass "$work/logs/*.csv")" "$(local_pass "$work/logs/*.csv")")
    echo "local score, one process:       $(printf '%.2f' "$local_s") s, $(echo "$rows / $local_s" | bc) rows/s (process start and bundle loading included; median of 3)"
    silo 21111 31000
    first_s=$(cluster_pass "$work/logs/*.csv" 31000 "$work/one")
    echo "cluster, 1 silo, its first job: $(printf '%.2f' "$first_s") s, $(echo "$rows / $first_s" | bc) rows/s"
    one_s=$(median "$(cluster_pass "$work/logs/*.csv" 31000)" "$(cluster_pass "$work/logs/*.csv" 31000)" "$(cluster_pass "$work/logs/*.csv" 31000)")
    echo "cluster, 1 running silo:       $(printf '%.2f' "$one_s") s, $(echo "$rows / $one_s" | bc) rows/s (median of 3)"
    fixed_s=$(cluster_pass "$work/logs/*.csv" 31000 "$work/one")
    echo "client's fixed cost:            $(printf '%.2f' "$fixed_s") s (the same job again, nothing left to score: process start, connecting, submitting, the summary)"
    short32_cluster=$(cluster_pass "$work/short/*.csv" 31000)
    short1_cluster=$(cluster_pass "$work/one-short/*.csv" 31000)
    short32_local=$(local_pass "$work/short/*.csv")
    short1_local=$(local_pass "$work/one-short/*.csv")
    silo 21112 31001
    cluster_pass "$work/short/*.csv" 31000,31001 > /dev/null # the second silo's first job
    two_s=$(median "$(cluster_pass "$work/logs/*.csv" 31000,31001)" "$(cluster_pass "$work/logs/*.csv" 31000,31001)" "$(cluster_pass "$work/logs/*.csv" 31000,31001 "$work/two")")
    echo "cluster, 2 running silos:      $(printf '%.2f' "$two_s") s, $(echo "$rows / $two_s" | bc) rows/s (median of 3); files per silo in the last: $(grep ' rows = ' "$work/last.txt" | grep -oP ' on \KS[\d.:]+' | sed 's/:[0-9]*$//' | sort | uniq -c | awk '{printf "%s %s; ", $2, $1}')"
    echo "cluster (1 running silo) / local: $(ratio "$local_s" "$one_s")x the rows/s; a silo's first job / local: $(ratio "$local_s" "$first_s")x"
    echo "two silos / one silo:          $(ratio "$one_s" "$two_s")x the rows/s"
    per_file_cluster=$(echo "1000 * ($short32_cluster - $short1_cluster) / 31" | bc -l)
    per_file_local=$(echo "1000 * ($short32_local - $short1_local) / 31" | bc -l)
    echo "per three-minute file:         cluster $(printf '%.0f' "$per_file_cluster") ms, local $(printf '%.0f' "$per_file_local") ms (slope over 1 and 32 files): $(printf '%.0f' "$(echo "$per_file_cluster - $per_file_local" | bc -l)") ms more per file on the cluster"
    for f in "$work"/logs/*.csv; do n=$(basename "$f" .csv); cmp -s "$work/one/$n.predictions.csv" "$work/two/$n.predictions.csv" || echo "DIFFERENT: $n"; done
} | tee "$result"
