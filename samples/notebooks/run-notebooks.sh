#!/usr/bin/env bash
# Runs the three notebooks headlessly with dotnet-repl (a failing cell fails the run, exit code non-zero).
#   samples/notebooks/run-notebooks.sh                    full run: outputs written back into the committed notebooks
#   samples/notebooks/run-notebooks.sh --small <folder>   small configuration (the tests): executed copies go to <folder>
#   ... [names]                                           only these notebooks (e.g. 03-compare-architectures)
# The notebooks reference this repository's libraries through a local package feed, packed here with a version that
# changes on every run (the NuGet cache would keep a stale package of an unchanged version). The feed has a fixed
# absolute path because the kernel restores packages from a temporary folder, where a relative source means nothing.
set -euo pipefail
cd "$(dirname "$0")"
repo=$(cd ../.. && pwd)
small=0
out=.
if [[ "${1:-}" == "--small" ]]; then
    small=1
    out=${2:?folder for the executed notebooks}
    mkdir -p "$out"
    out=$(cd "$out" && pwd)
    shift 2
fi
notebooks=("$@")
[[ ${#notebooks[@]} -gt 0 ]] || notebooks=(01-train-and-evaluate 02-score-sensor-logs 03-compare-architectures)
feed=/tmp/tinierhar-notebook-feed
rm -rf "$feed"
version="0.1.0-local.$(date -u +%s)"
# A build folder of its own: the tests publish the same projects at the same time, and sharing obj/ would race.
"$repo/eng/pack.sh" "$feed" "$version" /tmp/tinierhar-notebook-build
(cd "$repo" && dotnet tool restore > /dev/null)
for notebook in "${notebooks[@]}"; do
    echo "running $notebook.ipynb (small: $small)"
    TINIERHAR_NOTEBOOK_SMALL=$small \
        dotnet tool run dotnet-repl --run "$notebook.ipynb" --exit-after-run --output-path "$out/$notebook.ipynb" --working-dir "$(pwd)"
done
