#!/usr/bin/env bash
# ONNX Runtime's profile of our TinierHAR graph and of PyTorch's export of the same weights (the golden fixture at
# the UCI-HAR shape, from ../shared), batch 128, one thread: where each graph spends its time, per operator and node.
# Writes benchmarks/results/profile-ours-extended.md, profile-ours-all.md and profile-torch-export-all.md.
#   benchmarks/profile-graphs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fixture=../shared/golden/tinierhar-random-c9-t128-k6
[[ -f $fixture/torch_export.onnx ]] || { echo "needs $fixture (the shared folder beside the repository)" >&2; exit 1; }
dotnet build samples/TinierHAR.Cli -c Release -v quiet -nologo
tool=(dotnet samples/TinierHAR.Cli/bin/Release/net10.0/tinierhar.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${tool[@]}" import --checkpoint "$fixture/weights.safetensors" --window 128 --channels 9 --classes 6 --model tinierhar --output "$work/tinierhar.onnx"
results=benchmarks/results
"${tool[@]}" profile "$work/tinierhar.onnx" --level ORT_ENABLE_EXTENDED --top 8 --output "$results/profile-ours-extended.md" > /dev/null
"${tool[@]}" profile "$work/tinierhar.onnx" --level ORT_ENABLE_ALL --top 8 --output "$results/profile-ours-all.md" > /dev/null
"${tool[@]}" profile "$fixture/torch_export.onnx" --level ORT_ENABLE_ALL --top 8 --output "$results/profile-torch-export-all.md" > /dev/null
head -1 "$results"/profile-*.md
