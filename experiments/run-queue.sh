#!/usr/bin/env bash
# The long runs behind issues 30 and 32's committed results, one after another on one thread, each resumable: a
# finished run is skipped (with every row in, the queue only checks), and one stopped mid-training continues from its
# committed state in resume/. Run it in the background at the start of a working session and commit what it finished
# (results, trajectories, evidence, resume/, the authors' logs) before the session ends:
#   nohup setsid experiments/run-queue.sh > queue.log 2>&1 &
# The tool runs from a copy of its build, so that builds and tests of the repository can go on beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build samples/TinierHAR.Cli -c Release -v quiet -nologo > /dev/null
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT
cp -r samples/TinierHAR.Cli/bin/Release/net10.0/. "$tool"
experiment=(nice -n 5 dotnet "$tool/tinierhar.dll" experiment --threads 1)
usc=(--dataset uschad --data ../shared/data/usc-had --output experiments/usc-had --seeds 1)
hapt=(--dataset hapt --data ../shared/data/uci-har-hapt --output experiments/hapt --seeds 1)
whar=(--dataset hapt --data ../shared/data/uci-har-hapt --output experiments/hapt/whar-arena --seeds 1 --recipe WharArena --window 3s --step 1.5s)

"${experiment[@]}" "${whar[@]}" --models tinierhar --folds 1-5    # issue 30: HAPT under WHAR Arena's whole protocol:
"${experiment[@]}" "${whar[@]}" --models deepconvlstm --folds 1-2  # does it reverse the ranking the paper's protocol gives?
"${experiment[@]}" "${usc[@]}" --models tinyhar --folds 1-7        # issue 30: the three models on USC-HAD
"${experiment[@]}" "${usc[@]}" --models deepconvlstm --folds 1-2
"${experiment[@]}" "${hapt[@]}" --models deepconvlstm --folds 3-5  # issue 30, after item 1: DeepConvLSTM on every
"${experiment[@]}" "${whar[@]}" --models deepconvlstm --folds 3-5  # HAPT fold run, under both protocols (about 5 h)
experiments/hapt/authors/rerun.sh || echo "the authors' reruns stopped (their checkout or Debian's packages missing?); going on"  # issue 32
"${experiment[@]}" "${usc[@]}" --models tinierhar --folds 1-7 --backfill-evidence  # issue 32: evidence of older rows
experiments/hapt/backfill-evidence.sh "$tool/tinierhar.dll"
echo "queue done"
