#!/usr/bin/env bash
# Packs the libraries (TinierHAR.MLNet, TinierHAR.Datasets, TinierHAR.Trainer, TinierHAR.Plots, TinierHAR.Cluster) into a local folder feed.
#   eng/pack.sh <feed folder> <version> [build folder]
# The build folder (default: <feed>/../build) keeps this pack's obj/ and bin/ apart from the repository's, so that a
# pack can run beside a build or a test run of the same projects.
set -euo pipefail
feed=${1:?feed folder}
version=${2:?package version}
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$feed"
feed=$(cd "$feed" && pwd)
build=${3:-$(dirname "$feed")/build}
for project in TinierHAR.MLNet TinierHAR.Datasets TinierHAR.Trainer TinierHAR.Plots TinierHAR.Cluster; do
    dotnet pack "$repo/src/$project" -c Release -p:Version="$version" -o "$feed" --artifacts-path "$build" -v quiet -nologo > /dev/null
done
