#!/usr/bin/env bash
# Fuzzes the CSV reader and the time stage with afl++ for N minutes (default 60), resuming an earlier run:
#   test/TinierHAR.Fuzz/fuzz.sh [--minutes N]
#   test/TinierHAR.Fuzz/fuzz.sh --collect      (only the last step, for a run that was stopped: findings and the row)
# Installs afl++ (apt) and the sharpfuzz instrumenter (a local dotnet tool) when missing, builds the harness, instruments
# TinierHAR.MLNet and Sep, seeds from corpus/ plus the first lines of the real logs in ../shared/data (never committed),
# copies every crashing or hanging input to findings/, where TinierHAR.MLNet.Tests replays it, and adds the run's
# figures as a row of experiments/fuzzing/results.md, which fills its section of docs/robustness.md.
set -euo pipefail
cd "$(dirname "$0")"
minutes=60
collect_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --collect) collect_only=true; shift ;;
    *) echo "usage: fuzz.sh [--minutes N | --collect]" >&2; exit 2 ;;
  esac
done
work=obj/afl
mkdir -p "$work" findings
# The target is the dotnet host, not an afl-instrumented binary: SharpFuzz instruments the assemblies it loads.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_AUTORESUME=1

fuzz() {
  command -v afl-fuzz > /dev/null || { apt-get update -qq && apt-get install -y -qq afl++ > /dev/null; }
  tools=$work/tools
  [ -x "$tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" > /dev/null

  dotnet publish -c Release -o "$work/bin" --nologo -v quiet
  for dll in TinierHAR.MLNet.dll Sep.dll; do
    # An unchanged build keeps the instrumented copy from the last run.
    out=$("$tools/sharpfuzz" "$work/bin/$dll" 2>&1) || grep -q "already instrumented" <<< "$out" || { echo "$out" >&2; exit 1; }
  done

  seeds=$work/seeds
  rm -rf "$seeds" && mkdir -p "$seeds"
  cp corpus/* "$seeds/"
  shared=../../../shared/data
  if [ -d "$shared" ]; then
    # The real logs' first lines, as they are: Daphnet's CSV, WISDM's records, HAPT's raw signals (policy byte first).
    head_of() { printf '\000'; { zcat -f "$1" || true; } | head -n 40; } # zcat stops on head's closed pipe
    head_of "$shared/daphnet-fog-partial/dataset/S01R02.txt.gz" > "$seeds/shared-daphnet"
    head_of "$shared/wisdm-2019-watch/accel/data_1600_accel_watch.txt.gz" > "$seeds/shared-wisdm"
    first_hapt=$(ls "$shared"/uci-har-hapt/RawData/acc_* 2> /dev/null | head -n 1 || true)
    [ -n "$first_hapt" ] && head_of "$first_hapt" > "$seeds/shared-hapt"
  fi

  # Resume when an earlier run left its state; the harness is slow to start, so allow 5 s an input.
  input=$seeds
  [ -d "$work/out/default/queue" ] && input=-
  timeout --signal=INT $((minutes * 60 + 60)) afl-fuzz -i "$input" -o "$work/out" -t 5000 -m none -V $((minutes * 60)) \
    -- dotnet "$work/bin/TinierHAR.Fuzz.dll" || true
}
$collect_only || fuzz

found=0
for kind in crashes hangs; do
  for file in "$work"/out/default/$kind/id:*; do
    [ -e "$file" ] || continue
    name=$kind-$(sha1sum "$file" | cut -c1-12)
    # Minimized first: a finding keeps only what makes it fail, not the real logs' data it grew from. One that no longer
    # fails (fixed since, and kept here then) is left out.
    if [ ! -e "findings/$name" ]; then
      if afl-tmin -i "$file" -o "findings/$name" -t 5000 -m none -- dotnet "$work/bin/TinierHAR.Fuzz.dll" > /dev/null 2>&1; then
        found=$((found + 1))
      else
        rm -f "findings/$name"
      fi
    fi
  done
done
stats=$work/out/default/fuzzer_stats
stat() { awk -v key="$1" '$1 == key { print $3 }' "$stats"; }
results=../../experiments/fuzzing/results.md
mkdir -p "$(dirname "$results")"
if [ ! -f "$results" ]; then
  printf '| run ended | minutes | inputs run | inputs/s | corpus | coverage | crashes | hangs | new findings |\n' > "$results"
  printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n' >> "$results"
fi
printf '| %s | %d | %s | %s | %s | %s | %s | %s | %d |\n' "$(date -u -d "@$(stat last_update)" +%Y-%m-%dT%H:%MZ)" $(( $(stat run_time) / 60 )) \
  "$(stat execs_done)" "$(stat execs_per_sec)" "$(stat corpus_count)" "$(stat bitmap_cvg)" "$(stat saved_crashes)" "$(stat saved_hangs)" "$found" >> "$results"
../../eng/fill-section.py ../../docs/robustness.md "$results"
echo "new findings: $found (in $(pwd)/findings); run added to experiments/fuzzing/results.md"
