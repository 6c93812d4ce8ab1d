#!/usr/bin/env bash
# Measures the C model at HAPT's shape on the emulated Cortex-M4 (the test CortexM4Tests, float32 and int8), writes
# the figures to experiments/cortex-m4/results.md and fills their section of docs/embedded-c.md.
#   eng/c-model/cortex-m4/report.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
results=experiments/cortex-m4/results.md
mkdir -p "$(dirname "$results")"
[ -f "$results" ] || printf '| none |\n' > "$results"
table=$(mktemp)
dotnet test test/TinierHAR.MLNet.Tests --filter "FullyQualifiedName~CortexM4Tests" --logger "console;verbosity=detailed" -- \
  "TestRunParameters.Parameter(name=\"report\", value=\"$table\")" > /dev/null || true
[ -s "$table" ] || { echo "the test wrote no figures" >&2; exit 1; }
cp "$table" "$results"
rm -f "$table"
eng/fill-section.py docs/embedded-c.md "$results"
echo "wrote $results and docs/embedded-c.md"
