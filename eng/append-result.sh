#!/usr/bin/env bash
# Appends a row to a results table, writing the table's header first where the file is new, then fills the table's
# section of a document (eng/fill-section.py): how the long runs (eng/chaos.sh, eng/service-load.sh) record themselves.
#   eng/append-result.sh RESULTS.md DOCUMENT.md HEADER ALIGNMENT ROW
set -euo pipefail
results=$1 document=$2 header=$3 alignment=$4 row=$5
mkdir -p "$(dirname "$results")"
[ -f "$results" ] || printf '%s\n%s\n' "$header" "$alignment" > "$results"
printf '%s\n' "$row" >> "$results"
"$(dirname "$0")/fill-section.py" "$document" "$results"
echo "wrote $results and $document"
