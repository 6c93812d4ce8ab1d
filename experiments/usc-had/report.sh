#!/usr/bin/env bash
# Regenerates the docs/training-fidelity.md sections that come from experiments/usc-had: the per-run results table and
# the three models' comparison with its chart.
#   experiments/usc-had/report.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build samples/TinierHAR.Cli -c Release -v quiet -nologo > /dev/null
cli=(dotnet samples/TinierHAR.Cli/bin/Release/net10.0/tinierhar.dll)
"${cli[@]}" report --results experiments/usc-had/results.csv --readme docs/training-fidelity.md > /dev/null
"${cli[@]}" report --results experiments/usc-had/results.csv --efficiency experiments/usc-had/models.png --readme docs/training-fidelity.md > /dev/null
echo regenerated
