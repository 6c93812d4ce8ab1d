#!/usr/bin/env bash
# Publishes the tinierhar tool for deployment (silos, clients, batch scoring) into FOLDER: framework-dependent for
# linux-x64, with the libraries' start-up code (Orleans, hosting, ONNX Runtime's wrapper) compiled ahead of time
# (ReadyToRun) and the scoring path left to the JIT, which compiles it for this CPU. A cluster client starts in about
# 1.3 s instead of 2.1 s; scoring runs at the same speed (benchmarks/results/cluster-score.txt).
#   eng/publish-tool.sh FOLDER
set -euo pipefail
folder=$(realpath -m "${1:?output folder}")
cd "$(dirname "$0")/.."
dotnet publish samples/TinierHAR.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$folder" -v quiet -nologo
