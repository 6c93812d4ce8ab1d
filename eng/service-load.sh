#!/usr/bin/env bash
# The scoring service under load (LoadTests with its full parameters): 32 clients posting one-hour logs for 60 s on
# loopback while the bundle file is replaced twice; adds a row to experiments/service-load/results.md and fills its
# section of docs/service.md.
#   eng/service-load.sh [clients] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-32}
seconds=${2:-60}
work=$(mktemp -d)
dotnet build samples/TinierHAR.Cli -c Release -v quiet -nologo > /dev/null
dotnet samples/TinierHAR.Cli/bin/Release/net10.0/tinierhar.dll generate --output "$work/hour.csv" --subjects 1 --hours 1 --seed 11 > /dev/null
row="$work/row.md"
dotnet test test/TinierHAR.Service.Tests -c Release --filter "FullyQualifiedName~Concurrent_clients" --logger "console;verbosity=detailed" -- \
  "TestRunParameters.Parameter(name=\"clients\", value=\"$clients\")" \
  "TestRunParameters.Parameter(name=\"seconds\", value=\"$seconds\")" \
  "TestRunParameters.Parameter(name=\"log\", value=\"$work/hour.csv\")" \
  "TestRunParameters.Parameter(name=\"report\", value=\"$row\")" | tee "$work/test.log" | grep -E "^\s*\|" || true
[ -s "$row" ] || { echo "the load test wrote no row" >&2; tail -30 "$work/test.log" >&2; exit 1; }
eng/append-result.sh experiments/service-load/results.md docs/service.md \
  '| clients | seconds | requests | requests/s | windows/s | p50 (ms) | p99 (ms) | errors | mixed-model responses | by model (A / B) | resident MB: warm / peak in 1st half / in 2nd | log | date |' \
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- |' \
  "$(cat "$row") one hour, 50 Hz | $(date -u +%Y-%m-%d) |"
rm -rf "$work"
