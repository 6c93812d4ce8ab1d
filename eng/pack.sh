#!/usr/bin/env bash
# Packs the libraries (TinierHAR.MLNet, TinierHAR.Datasets, TinierHAR.Trainer, TinierHAR.Plots, TinierHAR.Cluster) into a local folder feed.
#   eng/pack.sh <feed folder> <version> [build folder]
# The build folder (default: <feed>/../build) keeps this pack's obj/ and bin/ apart from the repository's, so that a
# pack can run beside a build or a test run of the same projects.
set -euo pipefail
feed=${1:?feed folder}
version=${2:?package version}
repo=$(cd "$(dirname "$0")/.." && pwd)
# NuGet's versions: two to four numbers, an optional pre-release and build metadata (SemVer 2.0 and NuGet's legacy form).
semver='^[0-9]+(\.[0-9]+){1,3}(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
if [[ ! "$version" =~ $semver ]]; then
    echo "eng/pack.sh: '$version' is not a package version: use numbers and an optional -pre-release, such as 0.1.0 or 0.2.0-preview.1" >&2
    exit 2
fi
mkdir -p "$feed"
feed=$(cd "$feed" && pwd)
build=${3:-$(dirname "$feed")/build}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for project in TinierHAR.MLNet TinierHAR.Datasets TinierHAR.Trainer TinierHAR.Plots TinierHAR.Cluster; do
    if ! dotnet pack "$repo/src/$project" -c Release -p:Version="$version" -o "$feed" --artifacts-path "$build" -v quiet -nologo > "$log" 2>&1; then
        echo "eng/pack.sh: packing $project $version failed:" >&2
        cat "$log" >&2
        exit 1
    fi
done
echo "packed $version into $feed"
