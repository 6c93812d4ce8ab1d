#!/usr/bin/env python3
"""Mutation testing of the prose: changes one number at a time in a document's prose (outside the generated sections,
code blocks and inline code), runs the tests that check documents against committed runs, and lists the numbers whose
change no test noticed. It works in a git worktree of HEAD beside the repository, so the repository and a run queue
writing into it are left alone. An hour or so on one core: run it by hand, not in CI. Slow tests that also quote the
documents (the step-parity test, 5 minutes a run) are left out, so the figures only they check are listed as not
noticed.
    eng/prose-mutation.py > experiments/mutation/prose.md
(or name the documents: eng/prose-mutation.py docs/benchmarks.md)"""
import os
import re
import signal
import subprocess
import sys
import tempfile

# The test classes that read the documents' run figures against committed files (fast: no training, no services).
TESTS = [
    ("test/TinierHAR.Experiments.Tests", "FullyQualifiedName~DocumentedNumbersTests|FullyQualifiedName~TrainingFidelitySummaryTests"
     "|FullyQualifiedName~RunFiguresInProseTests|FullyQualifiedName~The_authors_replay_run_to_the_end|FullyQualifiedName~DatasetsDocumentTests"),
    ("test/TinierHAR.Cli.Tests", "FullyQualifiedName~The_verdict_in_words|FullyQualifiedName~The_docs"),
    ("test/TinierHAR.MLNet.Tests", "FullyQualifiedName~RobustnessDocumentTests"),
    ("test/TinierHAR.Trainer.Tests", "FullyQualifiedName~The_docs_describe_the_quickstarts_defaults"),
]

# Prose only: generated sections and fenced code are checked by their own tests; inline code holds commands and names.
NOT_PROSE = re.compile(r"<!-- results: (\S+) -->.*?<!-- /results -->|```.*?```|`[^`\n]*`|\]\([^)]*\)|<[^>\n]*>", re.S)
# A number: digits with thousands commas and decimals; not part of a word, a date, a flag or an exponent.
NUMBER = re.compile(r"(?<![\w.,/-])\d+(?:,\d{3})*(?:\.\d+)?(?![A-Za-wyz0-9_/-])(?!x\w)(?!\.\d)(?!,\d)")


def prose_numbers(text):
    """The prose's numbers, but single digits: those count folds, seeds and steps of the protocol, not results."""
    masked = NOT_PROSE.sub(lambda m: " " * len(m.group(0)), text)
    return [m for m in NUMBER.finditer(masked) if len(m.group(0)) > 1]


def mutant(token):
    """The number with its last digit changed (one more, 9 to 8), so that its width and format stay."""
    last = token[-1]
    return token[:-1] + ("8" if last == "9" else str(int(last) + 1))


def tests_pass(worktree):
    for project, pattern in TESTS:
        run = subprocess.run(["dotnet", "test", project, "-c", "Release", "--no-build", "--filter", pattern],
                             cwd=worktree, capture_output=True, text=True)
        if run.returncode != 0:
            return False
    return True


def main(documents):
    repository = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True).stdout.strip()
    commit = subprocess.run(["git", "-C", repository, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    worktree = tempfile.mkdtemp(prefix="prose-mutation-", dir=os.path.dirname(repository))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    subprocess.run(["git", "-C", repository, "worktree", "add", "--detach", worktree, "HEAD"], check=True, capture_output=True)
    try:
        for project, _ in TESTS:
            subprocess.run(["dotnet", "build", project, "-c", "Release", "-v", "quiet", "-nologo"], cwd=worktree, check=True, capture_output=True)
        if not tests_pass(worktree):
            sys.exit(f"the prose tests fail on {commit} unchanged; nothing to measure")
        print(f"Prose mutation (`eng/prose-mutation.py`) on {commit}: each number of two or more digits in the prose changed in its last digit, "
              "one at a time, against the tests that check the documents.\n")
        print("| document | numbers | noticed | not noticed | score |\n|---|---:|---:|---:|---:|")
        survivors = []
        for document in documents:
            path = os.path.join(worktree, document)
            original = open(path, encoding="utf-8").read()
            numbers = prose_numbers(original)
            noticed = 0
            try:
                for i, number in enumerate(numbers, 1):
                    changed = original[:number.start()] + mutant(number.group(0)) + original[number.end():]
                    open(path, "w", encoding="utf-8").write(changed)
                    if tests_pass(worktree):
                        line = original.count("\n", 0, number.start()) + 1
                        context = " ".join(original[max(0, number.start() - 60):number.end() + 30].split())
                        survivors.append((document, line, number.group(0), context))
                    else:
                        noticed += 1
                    print(f"{document}: {i}/{len(numbers)}", file=sys.stderr, flush=True)
            finally:
                open(path, "w", encoding="utf-8").write(original)
            total = len(numbers)
            print(f"| {document} | {total} | {noticed} | {total - noticed} | {100.0 * noticed / max(total, 1):.1f} % |")
        print("\nNot noticed:\n\n| document | line | number | context |\n|---|---:|---|---|")
        for document, line, number, context in survivors:
            print(f"| {document} | {line} | {number} | {context.replace('|', '/')} |")
    finally:
        subprocess.run(["git", "-C", repository, "worktree", "remove", "--force", worktree], capture_output=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["README.md", "docs/training-fidelity.md", "docs/benchmarks.md", "docs/cluster.md", "docs/robustness.md"])
