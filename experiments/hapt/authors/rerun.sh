#!/usr/bin/env bash
# Reruns the authors' code for every run of theirs whose numbers this repository quotes, and commits what their code
# wrote: its score file, its epoch log and the console log (gzipped), in logs/NAME/:
#   - replay-fold2-seed1 and replay-fold2-seed1-float64-windows: replay.py run to the end, as the training-fidelity
#     report walks through it (the committed trajectories trajectories/hapt-fold2-seed1-replay*.csv);
#   - foldF-seedS: every reference run made here (reference.csv rows whose note names experiments/hapt/authors).
# Resumable: a run whose score file is committed is skipped. One thread, hours.
#   experiments/hapt/authors/rerun.sh [where to clone their repository from; default GitHub]
# Needs the authors' checkout in ./code (a missing one is cloned at the commit the runs used) and Debian's packages
# of run_fold.py (installed with apt-get where missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
commit=d5f6525a
if [ ! -d code ]; then
    git clone -q "${1:-https://github.com/zhaxidele/TinierHAR}" code
    git -C code checkout -q "$commit"
fi
if ! /usr/bin/python3 -c 'import torch, pandas, sklearn, yaml, pywt, skimage, matplotlib, seaborn, tqdm' 2> /dev/null; then
    apt-get update -q > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch python3-pandas python3-sklearn python3-yaml \
        python3-pywt python3-skimage python3-matplotlib python3-seaborn python3-tqdm > /dev/null
fi

# run NAME RUNS COMMAND...: runs their code once (it writes under RUNS) and keeps its output in logs/NAME.
run() {
    local name=$1 runs=$2 out="logs/$1"
    shift 2
    [ -f "$out/score.txt" ] && return
    echo "authors' code, $name: $(date -u +%H:%M)"
    rm -rf "$runs" "$out.partial" && mkdir -p "$out.partial"
    OMP_NUM_THREADS=1 "$@" > "$out.partial/console.log" 2>&1
    local setting
    setting=$(find "$runs/logs" -mindepth 1 -maxdepth 1 -type d)
    cp "$setting/score.txt" "$out.partial/score.txt"
    cp "$setting/cv_0/epoch_log.txt" "$out.partial/epoch_log.txt"
    gzip -n -9 "$out.partial/console.log"
    rm -rf "$out" && mv "$out.partial" "$out"
}

run replay-fold2-seed1 runs/replay-fold2 /usr/bin/python3 replay.py 2 1 150 runs/replay-output
run replay-fold2-seed1-float64-windows runs/replay-fold2 /usr/bin/python3 replay.py 2 1 150 runs/replay-output --float64-windows

runs=$(python3 - <<'PY'
import csv
for row in csv.DictReader(open("../reference.csv")):
    if "experiments/hapt/authors" in row["note"]:
        print(row["fold"], row["seed"])
PY
)
while read -r fold seed; do
    run "fold$fold-seed$seed" "runs/fold$fold" /usr/bin/python3 run_fold.py "$fold" "$seed" 1
done <<< "$runs"
