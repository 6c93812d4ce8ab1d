#!/usr/bin/env bash
# The full chaos run of the scoring cluster (ClusterScoringTests.Chaos.cs, with 200 files and 20 kills by default; PostgreSQL is
# installed and started by eng/postgres.sh), then its figures as a row of experiments/cluster-chaos/results.md, which
# fills its section of docs/robustness.md:
#   eng/chaos.sh [--files 200] [--kills 20] [--seed 2026]
set -euo pipefail
cd "$(dirname "$0")/.."
files=200 kills=20 seed=2026
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --kills) kills="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) echo "usage: eng/chaos.sh [--files N] [--kills N] [--seed N]" >&2; exit 2 ;;
  esac
done
mkdir -p experiments/cluster-chaos
row=$(mktemp)
dotnet test test/TinierHAR.Cli.Tests --filter "FullyQualifiedName~Silos_and_the_client_killed_at_random" --logger "console;verbosity=detailed" -- \
  "TestRunParameters.Parameter(name=\"files\", value=\"$files\")" \
  "TestRunParameters.Parameter(name=\"kills\", value=\"$kills\")" \
  "TestRunParameters.Parameter(name=\"seed\", value=\"$seed\")" \
  "TestRunParameters.Parameter(name=\"report\", value=\"$row\")" | tee experiments/cluster-chaos/last-run.log
eng/append-result.sh experiments/cluster-chaos/results.md docs/robustness.md \
  '| files | silo kills | client kills | outputs identical to local score | lost | duplicated | .partial left | recovery median (s) | recovery max (s) | run (s) | date | seed |' \
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |' \
  "$(cat "$row") $(date -u +%Y-%m-%d) | $seed |"
rm -f "$row"
