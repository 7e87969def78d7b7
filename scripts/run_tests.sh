#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Run test binaries, show their output, and close with one line that sums
# their own closing lines ("<suite>: N passed, N failed, N skipped").
# A binary that crashes, times out or prints no closing line counts as one
# failed test. Exit status: 0 only if nothing failed.
#
# Usage: run_tests.sh [--timeout SECONDS] BINARY [BINARY...]
#        an argument "name=command with args" runs a command under a label.
set -u
timeout_s=600
if [ "${1:-}" = "--timeout" ]; then timeout_s=$2; shift 2; fi

total_pass=0; total_fail=0; total_skip=0
logdir=${LOGDIR:-build/logs}
mkdir -p "$logdir"

for entry in "$@"; do
  case "$entry" in
    *=*) label=${entry%%=*}; cmd=${entry#*=} ;;
    *)   label=$entry; cmd=$entry ;;
  esac
  log="$logdir/$(echo "$label" | tr '/ ' '__').log"
  echo "=== $label"
  # shellcheck disable=SC2086
  timeout --signal=KILL "$timeout_s" $cmd >"$log" 2>&1
  rc=$?
  # Failures and anything unusual in full; skips grouped by reason.
  grep -v -e '^PASS ' -e '^SKIP ' "$log" || true
  grep '^SKIP ' "$log" | sed -E 's/^SKIP [^ ]*(: )?[^:]*: //' | sort | uniq -c |
    sed 's/^ */  skipped x/' || true
  line=$(grep -E '^[A-Za-z0-9_./-]+: [0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$log" | tail -n 1)
  if [ -z "$line" ]; then
    echo "FAIL $label: no closing line (exit status $rc, see $log)"
    total_fail=$((total_fail + 1))
    continue
  fi
  p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
  f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
  s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped$/\1/p'); s=${s:-0}
  total_pass=$((total_pass + p)); total_skip=$((total_skip + s))
  total_fail=$((total_fail + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "FAIL $label: exit status $rc with no failed test (sanitizer report? see $log)"
    total_fail=$((total_fail + 1))
  fi
done

echo "total: $total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
