#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Run one libFuzzer target over its seed corpus (copied, so the repository
# is not written) for a fixed number of runs or seconds, and close with
# "<name>: 1 passed, 0 failed" or "... 0 passed, 1 failed" plus the figures.
# FUZZ_JOBS=N runs N fuzzing processes side by side on the same corpus
# (one per core); the executions are summed, and any failure fails the run.
# Usage: run_fuzz.sh NAME BINARY SEED_DIR WORK_DIR (-runs=N | -max_total_time=S)
set -u
name=$1; bin=$2; seeds=$3; work=$4; limit=$5
jobs=${FUZZ_JOBS:-1}
rm -rf "$work"; mkdir -p "$work/corpus" "$work/artifacts"
cp "$seeds"/* "$work/corpus/" 2>/dev/null
start=$(date +%s.%N)
pids=()
for j in $(seq 1 "$jobs"); do
  "$bin" "$limit" -seed="$j" -timeout=10 -max_len=512 -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
    "$work/corpus" > "$work/fuzz-$j.log" 2>&1 &
  pids+=($!)
done
rc=0
for p in "${pids[@]}"; do
  wait "$p" || rc=1
done
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
execs=0
for j in $(seq 1 "$jobs"); do
  e=$(grep -E '^stat::number_of_executed_units' "$work/fuzz-$j.log" | awk '{print $2}')
  execs=$((execs + ${e:-0}))
done
cov=$(grep -hE '(DONE|pulse|NEW|INITED) +cov:' "$work"/fuzz-*.log | sed -E 's/.*cov: ([0-9]+).*/\1/' | sort -n | tail -n 1)
rate=$(awk -v e="$execs" -v s="$secs" -v j="$jobs" 'BEGIN { printf "%d", e / (s > 0 ? s : 1) / j }')
echo "$name: $execs executions in $secs s on $jobs process(es) ($rate per second per process), coverage ${cov:-?} edges, corpus $(ls "$work/corpus" | wc -l) inputs"
if [ $rc -ne 0 ] || ls "$work/artifacts"/* > /dev/null 2>&1; then
  grep -hE "fuzz_|ERROR|runtime error|SUMMARY" "$work"/fuzz-*.log | head -n 20
  echo "reproduce with: $bin $(ls "$work/artifacts"/* 2>/dev/null | head -n 1)"
  echo "$name: 0 passed, 1 failed"
  exit 1
fi
echo "$name: 1 passed, 0 failed"
