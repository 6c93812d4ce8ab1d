#!/usr/bin/env bash
# The scoring cluster measured on this machine, in one run: the same generated logs scored by a local `score` (one
# process, every file in one pass), by a cluster of one silo and by a cluster of two silo processes (localhost
# clustering), each from a fresh output folder; then many three-minute files, whose time per file is the cluster's
# per-file overhead against the local pass. Writes the tool's own summaries and the ratios to the result file.
#   benchmarks/cluster-score.sh benchmarks/results/cluster-score.txt [files] [hours per file]
set -euo pipefail
result=${1:?result file}
files=${2:-16}
hours=${3:-0.5}
cd "$(dirname "$0")/.."
dotnet build samples/TinierHAR.Cli -c Release -v quiet -nologo
tool=(dotnet samples/TinierHAR.Cli/bin/Release/net10.0/tinierhar.dll)
work=$(mktemp -d)
silos=()
cleanup() { for pid in "${silos[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
"${tool[@]}" generate --output "$work/train.csv" --subjects 5 --seed 3 > /dev/null
"${tool[@]}" train --data "$work/train.csv" --output "$work/model" --epochs 3 --test-subjects subject05 > /dev/null
for i in $(seq -w 1 "$files"); do "${tool[@]}" generate --output "$work/logs/wearer$i.csv" --subjects 1 --hours "$hours" --seed "$((100 + 10#$i))" > /dev/null; done
for i in $(seq -w 1 32); do "${tool[@]}" generate --output "$work/short/wearer$i.csv" --subjects 1 --hours 0.05 --seed "$((200 + 10#$i))" > /dev/null; done

silo() { "${tool[@]}" silo --port "$1" --gateway "$2" --primary 21111 > "$work/silo-$1.log" 2>&1 & silos+=($!); until grep -q "silo ready" "$work/silo-$1.log"; do sleep 0.2; done; }
stop() { for pid in "${silos[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done; silos=(); }
seconds() { local start=$(date +%s.%N); "$@" > "$work/last.txt"; echo "$(date +%s.%N) - $start" | bc -l; }
rows() { grep -oP '^total: .*?, \K[\d,]+(?= rows)' "$work/last.txt" | tr -d , ; }

{
    echo "logs: $files files of $hours h (one generated wearer each, 50 Hz, 6 channels), $(du -sh "$work/logs" | cut -f1); 32 files of three minutes; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    local_s=$(seconds "${tool[@]}" score --model "$work/model/bundle.zip" --input "$work/logs/*.csv" --subject Subject --output "$work/local.csv" --segments "$work/local-segments.csv")
    local_rows=$(grep -oP '^rows read: +\K[\d,]+' "$work/last.txt" | tr -d ,)
    echo "local score, one process:      $(printf '%.1f' "$local_s") s, $(echo "$local_rows / $local_s" | bc) rows/s (process start and bundle loading included)"
    silo 21111 31000
    one_s=$(seconds "${tool[@]}" score --model "$work/model/bundle.zip" --input "$work/logs/*.csv" --subject Subject --output "$work/one" --cluster 31000)
    echo "cluster, 1 silo:               $(printf '%.1f' "$one_s") s, $(echo "$(rows) / $one_s" | bc) rows/s ($(grep -c ' on S' "$work/last.txt") files)"
    short_one_s=$(seconds "${tool[@]}" score --model "$work/model/bundle.zip" --input "$work/short/*.csv" --subject Subject --output "$work/short-one" --cluster 31000)
    silo 21112 31001
    two_s=$(seconds "${tool[@]}" score --model "$work/model/bundle.zip" --input "$work/logs/*.csv" --subject Subject --output "$work/two" --cluster 31000,31001)
    echo "cluster, 2 silo processes:     $(printf '%.1f' "$two_s") s, $(echo "$(rows) / $two_s" | bc) rows/s; files per silo: $(grep -oP ' on \KS[\d.:]+' "$work/last.txt" | sed 's/:[0-9]*$//' | sort | uniq -c | awk '{printf "%s %s; ", $2, $1}')"
    stop
    short_local_s=$(seconds "${tool[@]}" score --model "$work/model/bundle.zip" --input "$work/short/*.csv" --subject Subject --output "$work/short-local.csv")
    echo "two silos / one silo:          $(echo "scale=2; $one_s / $two_s" | bc -l)x the rows/s"
    echo "cluster (1 silo) / local:      $(echo "scale=2; $local_s / $one_s" | bc -l)x the rows/s"
    echo "32 three-minute files:        local $(printf '%.1f' "$short_local_s") s, cluster (1 silo) $(printf '%.1f' "$short_one_s") s: $(echo "scale=0; 1000 * ($short_one_s - $short_local_s) / 32" | bc -l) ms more per file on the cluster"
    for f in "$work"/logs/*.csv; do n=$(basename "$f" .csv); cmp -s "$work/one/$n.predictions.csv" "$work/two/$n.predictions.csv" || echo "DIFFERENT: $n"; done
} | tee "$result"
