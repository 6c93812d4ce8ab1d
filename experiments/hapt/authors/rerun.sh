#!/usr/bin/env bash
# Reruns the authors' code for every reference run made here (reference.csv rows whose note names
# experiments/hapt/authors) and commits what their code wrote: its score file, its epoch log and the console log
# (gzipped), in logs/foldF-seedS/. Resumable: a run whose score file is committed is skipped. One thread, hours.
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
runs=$(python3 - <<'EOF'
import csv
for row in csv.DictReader(open("../reference.csv")):
    if "experiments/hapt/authors" in row["note"]:
        print(row["fold"], row["seed"])
EOF
)
while read -r fold seed; do
    out="logs/fold$fold-seed$seed"
    [ -f "$out/score.txt" ] && continue
    echo "authors' code, HAPT fold $fold seed $seed: $(date -u +%H:%M)"
    rm -rf "runs/fold$fold" && mkdir -p "$out.partial"
    OMP_NUM_THREADS=1 /usr/bin/python3 run_fold.py "$fold" "$seed" 1 > "$out.partial/console.log" 2>&1
    setting=$(find "runs/fold$fold/logs" -mindepth 1 -maxdepth 1 -type d -name "*seed_${seed}_*")
    cp "$setting/score.txt" "$out.partial/score.txt"
    cp "$setting/cv_0/epoch_log.txt" "$out.partial/epoch_log.txt"
    gzip -n -9 "$out.partial/console.log"
    rm -rf "$out" && mv "$out.partial" "$out"
done <<< "$runs"
