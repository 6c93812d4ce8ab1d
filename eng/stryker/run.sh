#!/usr/bin/env bash
# Mutation testing of the core (Windowing, Normalization, Scoring, Data's CSV and time files) against the MLNet tests
# with Stryker.NET (a local dotnet tool); the per-folder scores (eng/stryker/summarize.py) and the per-file report go to
# experiments/mutation/summary.md and report.md.
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
{
    echo "Stryker.NET $(dotnet tool list | awk '$1 == "dotnet-stryker" {print $2}') on $(git -C "$root" rev-parse --short HEAD), $(date -u +%Y-%m-%d); mutation score per folder:"
    echo
    python3 "$root/eng/stryker/summarize.py" "$output/reports/mutation-report.json"
} > "$root/experiments/mutation/summary.md"
cat "$root/experiments/mutation/summary.md"
echo "per file: experiments/mutation/report.md; the full HTML report: $output/reports/mutation-report.html"
