# Sourced by the device-log scripts (which set $root): a Release build of the tool in a temporary folder removed on
# exit, `tool` to run it, and `keep` to drop the progress bar's redraws and temporary paths from what a step printed.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build "$root/samples/TinierHAR.Cli" -c Release -o "$work/cli" > "$work/build.log"
tool() { "$work/cli/tinierhar" "$@"; }
keep() { tr '\r' '\n' | grep -av -e '^training' -e '^epoch ' -e '^scoring' -e '^wrote ' -e '^\s*$' || true; }
