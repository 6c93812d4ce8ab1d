#!/usr/bin/env bash
# The quickstart model in float32 and in int8 QDQ (calibrated on its training windows): the quickstart run with
# --int8, whose comparison table (macro F1, ONNX bytes, single-window latency, windows/s on one thread) is kept as
# benchmarks/results/int8-quickstart.md.
#   benchmarks/int8-quickstart.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet run --project samples/TinierHAR.Quickstart -c Release -- --int8 --output "$work" > "$work/quickstart.log"
sed -n '/^| model /,/^| int8 QDQ /p' "$work/quickstart.log" > benchmarks/results/int8-quickstart.md
cat benchmarks/results/int8-quickstart.md
