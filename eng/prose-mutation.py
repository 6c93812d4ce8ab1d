#!/usr/bin/env python3
"""Mutation testing of the prose: changes one number at a time in a document's prose (outside the generated sections,
code blocks and inline code), runs the tests that read that document, and lists the numbers whose change no test
noticed. It works in a git worktree of HEAD beside the repository, so the repository and a run queue writing into it
are left alone. Minutes to an hour per document on one core: run it by hand, not in CI. Slow tests that also quote
the documents (the step-parity test, 5 minutes a run; the tool's runs on real device logs) are left out, so the
figures only they check are listed as not noticed.
    eng/prose-mutation.py                      every document
    eng/prose-mutation.py docs/benchmarks.md   only those named; the report keeps the others' rows as they were
The report, experiments/mutation/prose.md, names the commit each document was measured on."""
import os
import re
import signal
import subprocess
import sys
import tempfile

REPORT = "experiments/mutation/prose.md"

# The tests that read every document's run figures against committed files (fast: no training, no services).
COMMON = [
    ("test/TinierHAR.Experiments.Tests", "FullyQualifiedName~DocumentedNumbersTests|FullyQualifiedName~TrainingFidelitySummaryTests"
     "|FullyQualifiedName~RunFiguresInProseTests|FullyQualifiedName~The_authors_replay_run_to_the_end|FullyQualifiedName~DatasetsDocumentTests"),
    ("test/TinierHAR.Cli.Tests", "FullyQualifiedName~The_verdict_in_words|FullyQualifiedName~The_docs"),
    ("test/TinierHAR.Packaging.Tests", "FullyQualifiedName~DocumentedVersionsTests"),
]
# Tests that quote one document besides (their fast ones).
READERS = {
    "README.md": [("test/TinierHAR.Trainer.Tests", "FullyQualifiedName~The_docs_describe_the_quickstarts_defaults")],
    "docs/training-fidelity.md": [("test/TinierHAR.Trainer.Tests", "FullyQualifiedName~NativeHeapTests.The_docs_quote_the_allocator_settings")],
    "docs/robustness.md": [("test/TinierHAR.MLNet.Tests", "FullyQualifiedName~ScoringDocumentTests")],
    "docs/scoring.md": [("test/TinierHAR.MLNet.Tests", "FullyQualifiedName~ScoringDocumentTests")],
    "docs/internals.md": [("test/TinierHAR.MLNet.Tests", "FullyQualifiedName~AuthorsComplexityLogTests.The_docs_count_the_logs_rows")],
    "docs/pipeline.md": [("test/TinierHAR.Trainer.Tests", "FullyQualifiedName~The_docs_describe_the_trainers_defaults"),
                         ("test/TinierHAR.Experiments.Tests", "FullyQualifiedName~SyntheticDataBandTests.The_docs_quote_the_band")],
    "docs/service.md": [("test/TinierHAR.Service.Tests", "FullyQualifiedName~ServiceDocumentTests")],
    "docs/device-logs.md": [("test/TinierHAR.MLNet.Tests", "FullyQualifiedName~ScoringDocumentTests|FullyQualifiedName~DeviceFaultTests.A_faulty_device_log|FullyQualifiedName~DeviceFaultTests.A_second_rate"
                             "|FullyQualifiedName~TimestampedWindowingTests.Jittered_timestamps|FullyQualifiedName~TimestampedWindowingTests.The_unit_is"
                             "|FullyQualifiedName~TimestampedWindowingTests.Two_sensors")],
    "docs/embedded-c.md": [("test/TinierHAR.MLNet.Tests", "FullyQualifiedName~HarCExporterTests|FullyQualifiedName~CortexM4Tests"),
                           ("test/TinierHAR.Cli.Tests", "FullyQualifiedName~ExportCommandTests")],
    "docs/networks-and-onnx.md": [("test/TinierHAR.MLNet.Tests", "FullyQualifiedName~HarOnnxQuantizerTests.The_int8_model_predicts"),
                                  ("test/TinierHAR.Trainer.Tests", "FullyQualifiedName~NetworksDocumentTests|FullyQualifiedName~OnnxExportParityTests")],
}

# Prose only: generated sections and fenced code are checked by their own tests; inline code holds commands and names.
NOT_PROSE = re.compile(r"<!-- results: (\S+) -->.*?<!-- /results -->|```.*?```|`[^`\n]*`|\]\([^)]*\)|<[^>\n]*>", re.S)
# A number: digits with thousands commas and decimals; not part of a word, a date, a flag or an exponent.
NUMBER = re.compile(r"(?<![\w.,/-])\d+(?:,\d{3})*(?:\.\d+)?(?![A-Za-wyz0-9_/-])(?!x\w)(?!\.\d)(?!,\d)")
SUMMARY_ROW = re.compile(r"^\| (?P<document>\S+\.md) \| (?P<commit>[0-9a-f]{7,}) \| .*\|$")
SURVIVOR_ROW = re.compile(r"^\| (?P<document>\S+\.md) \| \d+ \| ")


def prose_numbers(text):
    """The prose's numbers, but single digits: those count folds, seeds and steps of the protocol, not results."""
    masked = NOT_PROSE.sub(lambda m: " " * len(m.group(0)), text)
    return [m for m in NUMBER.finditer(masked) if len(m.group(0)) > 1]


def mutant(token):
    """The number with its last digit changed (one more, 9 to 8), so that its width and format stay."""
    last = token[-1]
    return token[:-1] + ("8" if last == "9" else str(int(last) + 1))


def readers(document):
    return COMMON + READERS.get(document, [])


def tests_pass(worktree, document):
    for project, pattern in readers(document):
        run = subprocess.run(["dotnet", "test", project, "-c", "Release", "--no-build", "--filter", pattern],
                             cwd=worktree, capture_output=True, text=True)
        if run.returncode != 0:
            return False
    return True


def measure(worktree, document):
    """The summary row of one document and its surviving numbers' rows."""
    path = os.path.join(worktree, document)
    original = open(path, encoding="utf-8").read()
    numbers = prose_numbers(original)
    survivors = []
    try:
        for i, number in enumerate(numbers, 1):
            open(path, "w", encoding="utf-8").write(original[:number.start()] + mutant(number.group(0)) + original[number.end():])
            if tests_pass(worktree, document):
                line = original.count("\n", 0, number.start()) + 1
                context = " ".join(original[max(0, number.start() - 60):number.end() + 30].split()).replace("|", "/")
                survivors.append(f"| {document} | {line} | {number.group(0)} | {context} |")
            print(f"{document}: {i}/{len(numbers)}", file=sys.stderr, flush=True)
    finally:
        open(path, "w", encoding="utf-8").write(original)
    total, noticed = len(numbers), len(numbers) - len(survivors)
    return noticed, total, survivors


def write_report(path, summary, survivors, order):
    """The report: one summary row per document (in the script's order), then every surviving number."""
    with open(path, "w", encoding="utf-8") as report:
        report.write("Prose mutation (`eng/prose-mutation.py`): each number of two or more digits in a document's prose changed in its "
                     "last digit, one at a time, against the tests that read that document (listed in the script), on the commit named.\n\n")
        report.write("| document | commit | numbers | noticed | not noticed | score |\n|---|---|---:|---:|---:|---:|\n")
        for document in order:
            if document in summary:
                report.write(summary[document] + "\n")
        report.write("\nNot noticed:\n\n| document | line | number | context |\n|---|---:|---|---|\n")
        for document in order:
            for row in survivors.get(document, []):
                report.write(row + "\n")


def main(named):
    repository = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
    commit = subprocess.run(["git", "-C", repository, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    order = ["README.md"] + sorted(os.path.join("docs", f) for f in os.listdir(os.path.join(repository, "docs")) if f.endswith(".md"))
    documents = named or order
    report_path = os.path.join(repository, REPORT)
    summary, survivors = {}, {}
    if os.path.exists(report_path):
        for line in open(report_path, encoding="utf-8").read().splitlines():
            if m := SUMMARY_ROW.match(line):
                summary[m["document"]] = line
            elif m := SURVIVOR_ROW.match(line):
                survivors.setdefault(m["document"], []).append(line)
    worktree = tempfile.mkdtemp(prefix="prose-mutation-", dir=os.path.dirname(repository))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    subprocess.run(["git", "-C", repository, "worktree", "add", "--detach", worktree, "HEAD"], check=True, capture_output=True)
    try:
        for project in sorted({project for document in documents for project, _ in readers(document)}):
            subprocess.run(["dotnet", "build", project, "-c", "Release", "-v", "quiet", "-nologo"], cwd=worktree, check=True, capture_output=True)
        for document in documents:
            if not tests_pass(worktree, document):
                sys.exit(f"the tests that read {document} fail on {commit} unchanged; nothing to measure")
            noticed, total, survivors[document] = measure(worktree, document)
            summary[document] = f"| {document} | {commit} | {total} | {noticed} | {total - noticed} | {100.0 * noticed / max(total, 1):.1f} % |"
            write_report(report_path, summary, survivors, order)
    finally:
        subprocess.run(["git", "-C", repository, "worktree", "remove", "--force", worktree], capture_output=True)


if __name__ == "__main__":
    main(sys.argv[1:])
