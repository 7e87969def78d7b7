#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Run the first ```sh block under a heading of a Markdown file, as written,
# from the top of the tree: a recipe the docs show must work.
# Usage: run_doc_snippet.sh FILE "HEADING TEXT"
set -euo pipefail
file=$1; heading=$2
snippet=$(awk -v h="$heading" '
  $0 ~ "^#+ " h "$" { found = 1; next }
  found && /^```sh$/ { inside = 1; next }
  inside && /^```$/ { exit }
  inside { print }
' "$file")
if [ -z "$snippet" ]; then
  echo "run_doc_snippet: no sh block under \"$heading\" in $file" >&2
  exit 1
fi
echo "run_doc_snippet: $file, \"$heading\""
bash -euo pipefail -c "$snippet"
