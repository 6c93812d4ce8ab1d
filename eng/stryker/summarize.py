#!/usr/bin/env python3
# Per-folder mutation score from Stryker.NET's JSON report: detected (killed, timeout) over detected plus undetected
# (survived, no coverage), as Stryker counts it; compile errors and ignored mutants are left out.
#   eng/stryker/summarize.py mutation-report.json > experiments/mutation/summary.md
import json, sys, collections
report = json.load(open(sys.argv[1]))
counts = collections.defaultdict(collections.Counter)
for path, entry in report["files"].items():
    parts = path.replace("\\", "/").split("/")
    folder = parts[parts.index("TinierHAR.MLNet") + 1] if "TinierHAR.MLNet" in parts else parts[-2]
    for mutant in entry["mutants"]:
        counts[folder][mutant["status"]] += 1
print("| folder | killed | timeout | survived | no coverage | mutation score |")
print("|---|---:|---:|---:|---:|---:|")
for folder in sorted(counts):
    c = counts[folder]
    detected, undetected = c["Killed"] + c["Timeout"], c["Survived"] + c["NoCoverage"]
    if detected + undetected == 0:
        continue
    print(f"| {folder} | {c['Killed']} | {c['Timeout']} | {c['Survived']} | {c['NoCoverage']} | {100 * detected / (detected + undetected):.1f} % |")
