#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Does the fuzzer find real bugs? Plant each bug of tests/fuzz/planted/bugs.txt
# in a copy of the tree, build fuzz_api there, fuzz it (one process, fixed
# seed) for at most LIMIT seconds, and report how long it took to catch it.
# A bug not caught in time fails the run.
# --no-seeds starts from an empty corpus (the fuzzer alone, without the
# seed corpus that already reaches most of the code).
# Usage: fuzz_planted.sh [LIMIT_SECONDS [--no-seeds]]   (default 60)
set -u
limit=${1:-60}
seeds=tests/fuzz/corpus/api
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "${2:-}" = "--no-seeds" ]; then
  seeds="$work/empty"
  mkdir -p "$seeds"
fi
root=$(cd "$(dirname "$0")/.." && pwd)
passed=0; failed=0
while IFS='|' read -r name file good bad; do
  case "$name" in ''|'#'*) continue ;; esac
  name=$(echo "$name" | xargs); file=$(echo "$file" | xargs)
  good=${good# }; good=${good% }; bad=${bad# }; bad=${bad% }
  tree="$work/$name"
  mkdir -p "$tree"
  (cd "$root" && tar cf - --exclude=./build --exclude=./.git .) | (cd "$tree" && tar xf -)
  if [ "$(grep -cxF -- "$good" "$tree/$file")" != 1 ]; then
    echo "FAIL planted/$name: the line to change is not in $file exactly once"
    failed=$((failed + 1)); continue
  fi
  GOOD="$good" BAD="$bad" python3 - "$tree/$file" <<'PY'
import os, sys
p = sys.argv[1]
s = open(p).read().split('\n')
s = [os.environ['BAD'] if l == os.environ['GOOD'] else l for l in s]
open(p, 'w').write('\n'.join(s))
PY
  if ! make -s -C "$tree" build/fuzz/fuzz_api > "$work/$name.build.log" 2>&1; then
    echo "FAIL planted/$name: the tree with the bug does not build"
    tail -n 5 "$work/$name.build.log"
    failed=$((failed + 1)); continue
  fi
  start=$(date +%s.%N)
  (cd "$tree" && scripts/run_fuzz.sh "planted-$name" build/fuzz/fuzz_api "$seeds" \
     "$work/$name.run" -max_total_time="$limit" > "$work/$name.out" 2>&1)
  rc=$?
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  if [ $rc -ne 0 ] && ls "$work/$name.run/artifacts"/* > /dev/null 2>&1; then
    why=$(grep -hE "^fuzz_api:|ERROR: libFuzzer: timeout" "$work/$name.run"/fuzz-*.log | head -n 1)
    echo "PASS planted/$name: caught in $secs s ($why)"
    passed=$((passed + 1))
  else
    echo "FAIL planted/$name: not caught in $limit s"
    failed=$((failed + 1))
  fi
done < "$root/tests/fuzz/planted/bugs.txt"
echo "fuzz-planted: $passed passed, $failed failed"
[ $failed -eq 0 ]
