#!/usr/bin/env bash
# Mutation testing of the core (Windowing, Normalization, Scoring, Data's CSV and time files) against the MLNet tests
# with Stryker.NET (a local dotnet tool), and the report's summary committed as experiments/mutation/report.md.
# It takes an hour or more on two cores: run it by hand, not in CI.
#   eng/stryker/run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
output=$(mktemp -d)
cd "$root/test/TinierHAR.MLNet.Tests"
dotnet tool restore > /dev/null
dotnet stryker --config-file "$root/eng/stryker/stryker-config.json" --output "$output"
mkdir -p "$root/experiments/mutation"
cp "$output/reports/mutation-report.md" "$root/experiments/mutation/report.md"
echo "report: experiments/mutation/report.md (the full HTML report: $output/reports/mutation-report.html)"
