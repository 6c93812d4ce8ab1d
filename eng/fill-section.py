#!/usr/bin/env python3
"""Fills a document's generated section with a file's text: the lines between `<!-- results: NAME -->` and
`<!-- /results -->`, where NAME is the file's path relative to the document (the markers the tool's `report` verb
and the documentation tests use).
    eng/fill-section.py docs/robustness.md experiments/fuzzing/results.md"""
import os
import sys

document, artefact = sys.argv[1], sys.argv[2]
name = os.path.relpath(artefact, os.path.dirname(document)).replace(os.sep, "/")
begin, end = f"<!-- results: {name} -->", "<!-- /results -->"
text = open(document, encoding="utf-8").read()
start = text.find(begin)
stop = text.find(end, start) if start >= 0 else -1
if start < 0 or stop < 0:
    sys.exit(f"{document} has no section '{begin}' ... '{end}' to fill")
table = open(artefact, encoding="utf-8").read()
open(document, "w", encoding="utf-8").write(text[: start + len(begin)] + "\n" + table + text[stop:])
