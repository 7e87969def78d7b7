#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Run bench_calls under callgrind and turn its dumps into instructions per
# call: (dump total - empty on/off total) / K. Prints CSV rows:
#   calls,<measurement>,<channels>,<instr/call>,<baseline>,<baseline instr/call>
# Usage: run_calls.sh BENCH_CALLS_BINARY WORKDIR
set -eu
bin=$1; work=$2; K=1000
mkdir -p "$work"; rm -f "$work"/cg.out.*
valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$work/cg.out.%p" "$bin" \
  > "$work/valgrind.log" 2>&1 || { cat "$work/valgrind.log" >&2; exit 1; }
for f in "$work"/cg.out.*.*; do
  awk '/^desc: Trigger: Client Request: / { name = $5 } /^summary: / { print name, $2 }' "$f"
done | awk -v K="$K" '
  { split($1, p, "@"); what = p[1]; dev = p[2]; total[what, dev] = $2; devs[dev] = 1; whats[what] = 1 }
  END {
    chans["null2"] = 2; chans["null32"] = 32; chans["null256"] = 256
    base["dma_start"] = "bare:start"; base["dma_stop"] = "bare:stop"
    base["dma_suspend"] = "bare:suspend"; base["dma_resume"] = "bare:resume"
    base["dma_get_status"] = "bare:get_status"; base["dma_reload"] = "bare:reload"
    base["irq:done+callback"] = "bare:callback"
    base["dma_request_channel"] = "-"; base["dma_release_channel"] = "-"
    for (dev in devs) for (what in whats) {
      if (what == "empty" || what ~ /^bare:/ || !((what, dev) in total)) continue
      per = (total[what, dev] - total["empty", dev]) / K
      b = (what in base) ? base[what] : "bare:config"
      bper = (b != "-" && (b, dev) in total) ? (total[b, dev] - total["empty", dev]) / K : ""
      printf "calls,%s,%d,%.1f,%s,%s\n", what, chans[dev], per, b, (bper == "" ? "" : sprintf("%.1f", bper))
    }
  }' | sort -t, -k2,2 -k3,3n
