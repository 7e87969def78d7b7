#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Run one libFuzzer target over its seed corpus (copied, so the repository
# is not written) for a fixed number of runs or seconds, and close with
# "<name>: 1 passed, 0 failed" or "... 0 passed, 1 failed" plus the figures.
# Usage: run_fuzz.sh NAME BINARY SEED_DIR WORK_DIR (-runs=N | -max_total_time=S)
set -u
name=$1; bin=$2; seeds=$3; work=$4; limit=$5
rm -rf "$work"; mkdir -p "$work/corpus" "$work/artifacts"
cp "$seeds"/* "$work/corpus/" 2>/dev/null
"$bin" "$limit" -max_len=512 -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
  "$work/corpus" > "$work/fuzz.log" 2>&1
rc=$?
execs=$(grep -E '^stat::number_of_executed_units' "$work/fuzz.log" | awk '{print $2}')
cov=$(grep -E '(DONE|pulse|NEW|INITED) +cov:' "$work/fuzz.log" | tail -n 1 | sed -E 's/.*cov: ([0-9]+).*/\1/')
echo "$name: ${execs:-0} executions, coverage ${cov:-?} edges, corpus $(ls "$work/corpus" | wc -l) inputs"
if [ $rc -ne 0 ] || ls "$work/artifacts"/* > /dev/null 2>&1; then
  grep -E "fuzz_|ERROR|runtime error|SUMMARY" "$work/fuzz.log" | head -n 20
  echo "reproduce with: $bin $(ls "$work/artifacts"/* 2>/dev/null | head -n 1)"
  echo "$name: 0 passed, 1 failed"
  exit 1
fi
echo "$name: 1 passed, 0 failed"
