#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make bench`: run every benchmark, print one table, write
#   build/bench/results.csv   every figure with its baseline and ratio
#   build/bench/results.md    the table
#   build/bench/throughput.png
# under the build directory only; `make bench-record` copies them to
# docs/bench/ (the record the README shows).
# Usage: run_all.sh BUILD_DIR
set -eu
build=$1; out=$build/bench; mkdir -p "$out"
raw=$out/raw.csv; : > "$raw"

echo "bench: API call cost (callgrind, instructions)" >&2
bench/run_calls.sh "$out/bench_calls" "$out/calls" >> "$raw"
echo "bench: emulated controller (wall clock, medians)" >&2
"$out/bench_emul" >> "$raw"
echo "bench: PL081 on QEMU mps2-an505 (guest instructions)" >&2
bench/run_target.sh "$build/mps2_an505/bench.elf" "$out/mps2" >> "$raw"
echo "bench: PL330 on QEMU xilinx-zynq-a9 (guest instructions)" >&2
bench/run_target.sh "$build/zynq7000/bench.elf" "$out/zynq" xilinx-zynq-a9 zynq >> "$raw"
echo "bench: SiFive PDMA on QEMU sifive_u (guest instructions)" >&2
bench/run_target.sh "$build/sifive_u/bench.elf" "$out/sifive_u" sifive_u pdma >> "$raw"

# Footprint: library objects for Cortex-M33 at -Os, and the hand-written
# baseline (bare() + its interrupt handler) from the target bench image.
fp() { arm-none-eabi-size -t "$@" | tail -n 1 | awk '{ print $1 }'; }
# The core a register driver links (the software chain is the PDMA's).
core_of() { fp "$1"/src/dma_core.o "$1"/src/dma_validate.o "$1"/src/dma_events.o "$1"/src/device.o; }
core=$(core_of "$build"/cortex-m33/obj)
drv=$(fp "$build"/cortex-m33/obj/drivers/pl08x/pl08x.o)
bare_code=$(arm-none-eabi-nm -S "$build/mps2_an505/bench.elf" | awk '$4 == "bare" || $4 == "dma3_irq" { print $2 }' |
  while read -r h; do echo $((16#$h)); done | paste -sd+ | bc)
echo "footprint,every feature,$((core + drv)),$bare_code" >> "$raw"
for v in noreasons minimal; do
  o=$build/cortex-m33-$v/obj
  echo "footprint,$v,$(( $(core_of "$o") + $(fp "$o"/drivers/pl08x/pl08x.o) )),$bare_code" >> "$raw"
done
# The same for the PL330 (Cortex-M33 objects; the baseline is bare() and
# the interrupt hook of the Zynq bench image, built for the Cortex-A9 in
# ARM state, so the ratio favours the library).
drv330=$(fp "$build"/cortex-m33/obj/drivers/pl330/*.o)
bare330=$(arm-none-eabi-nm -S "$build/zynq7000/bench.elf" | awk '$4 == "bare" || $4 == "board_dma_irq" { print $2 }' |
  while read -r h; do echo $((16#$h)); done | paste -sd+ | bc)
echo "footprint330,core+pl330,$((core + drv330)),$bare330" >> "$raw"

awk -F, -v OFS=, '
function median(key,   n, i, j, t, a) {
  n = split(runs[key], a, " ")
  for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
  return a[int((n + 1) / 2)]
}
BEGIN { print "group,measurement,value,unit,baseline,baseline_value,ratio,target,met" }
$1 == "throughput" {
  kib = $2 / 1024; label = ($2 >= 1048576) ? ($2 / 1048576) " MiB" : (($2 >= 1024) ? kib " KiB" : $2 " B")
  r = $3 / $4; tgt = ($2 >= 262144) ? ">= 0.90" : "-"
  met = ($2 >= 262144) ? ((r >= 0.9) ? "yes" : "NO") : "-"
  printf "emul throughput,%s,%.2f,GB/s,memcpy,%.2f,%.2f,%s,%s\n", label, $3 / 1e9, $4 / 1e9, r, tgt, met
}
$1 ~ /^latency-/ {
  r = $3 / $4
  printf "emul latency,64 B config+start->callback (%s),%.1f,us,thread hand-off,%.1f,%.2f,<= 1.5,%s\n", substr($1, 9), $3 / 1000, $4 / 1000, r, (r <= 1.5) ? "yes" : "NO"
}
$1 == "calls" {
  isr = ($2 ~ /^(dma_start|dma_stop|dma_suspend|dma_resume|dma_get_status|dma_request_channel|dma_release_channel|irq:done\+callback)$/)
  r = ($6 != "" && $6 > 0) ? sprintf("%.1f", $4 / $6) : "-"
  printf "api calls (x86-64 instructions),%s @ %d channels,%.0f,instr,%s,%s,%s,%s,%s\n", $2, $3, $4, ($5 == "-" ? "-" : "direct driver call"), ($6 == "" ? "-" : $6), r, isr ? "< 150" : "-", isr ? (($4 < 150) ? "yes" : "NO") : "-"
}
$1 == "target" { runs[$2 "," $3] = runs[$2 "," $3] " " $4 }
$1 == "zynq" { runs["zynq-" $2 "," $3] = runs["zynq-" $2 "," $3] " " $4 }
$1 == "pdma" { runs["pdma-" $2 "," $3] = runs["pdma-" $2 "," $3] " " $4 }
$1 == "footprint330" {
  printf "footprint (Cortex-M33 -Os),code of core + PL330 driver,%d,bytes,hand-written microcode + irq (Cortex-A9 ARM),%d,%.1f,-,-\n", $3, $4, $3 / $4
}
$1 == "footprint" {
  what = ($2 == "every feature") ? "every feature" : (($2 == "noreasons") ? "refusal reasons off" : "refusal reasons and every droppable feature off")
  tgt = ($2 == "every feature") ? "<= 4096 B" : "-"
  met = ($2 == "every feature") ? (($3 <= 4096) ? "yes" : "NO") : "-"
  printf "footprint (Cortex-M33 -Os),code of core + PL08x driver (%s),%d,bytes,hand-written register code,%d,%.1f,%s,%s\n", what, $3, $4, $3 / $4, tgt, met
}
END {
  for (b = 1; b <= 4; b += 3) {
    lib = median("library," b); rst = median("library-restart," b); bare = median("bare," b)
    printf "PL081 on QEMU (guest instructions),config+start+irq %d block(s),%d,instr,hand-written registers + irq,%d,%.1f,<= 6x,%s\n", b, lib, bare, lib / bare, (lib <= 6 * bare) ? "yes" : "NO"
    if (b == 1) {
      printf "PL081 on QEMU (guest instructions),restart+irq+callback %d block(s) (configured once),%d,instr,hand-written registers + irq,%d,%.1f,<= 3x,%s\n", b, rst, bare, rst / bare, (rst <= 3 * bare) ? "yes" : "NO"
      rld = median("library-reload,1")
      printf "PL081 on QEMU (guest instructions),reload+restart+irq+callback 1 block (same size),%d,instr,hand-written registers + irq,%d,%.1f,-,-\n", rld, bare, rld / bare
    } else {
      printf "PL081 on QEMU (guest instructions),restart+irq+callback %d block(s) (configured once),%d,instr,hand-written registers + irq,%d,%.1f,-,-\n", b, rst, bare, rst / bare
    }
  }
  n = split("get_status suspend resume stop", calls, " ")
  for (k = 1; k <= n; k++) {
    lib = median("call-" calls[k] ",1"); bare = median("bare-" calls[k] ",1")
    printf "PL081 on QEMU (guest instructions),dma_%s of a running channel,%d,instr,hand-written register access,%d,%.1f,-,-\n", calls[k], lib, bare, lib / bare
  }
  for (b = 1; b <= 4; b += 3) {
    lib = median("zynq-library," b); rst = median("zynq-library-restart," b); bare = median("zynq-bare," b)
    printf "PL330 on QEMU (guest instructions),config+start+irq %d block(s),%d,instr,hand-written microcode + irq,%d,%.1f,-,-\n", b, lib, bare, lib / bare
    printf "PL330 on QEMU (guest instructions),restart+irq %d block(s) (configured once),%d,instr,hand-written microcode + irq,%d,%.1f,-,-\n", b, rst, bare, rst / bare
  }
  for (b = 1; b <= 4; b += 3) {
    lib = median("pdma-library," b); rst = median("pdma-library-restart," b); bare = median("pdma-bare," b)
    printf "SiFive PDMA on QEMU (RV64 guest instructions),config+start+irq %d block(s),%d,instr,hand-written registers + irq,%d,%.1f,-,-\n", b, lib, bare, lib / bare
    printf "SiFive PDMA on QEMU (RV64 guest instructions),restart+irq %d block(s) (configured once),%d,instr,hand-written registers + irq,%d,%.1f,-,-\n", b, rst, bare, rst / bare
  }
}' "$raw" > "$out/results.csv"

# The table, in Markdown (also printed).
awk -F, 'NR == 1 { print "| " $1 " | " $2 " | " $3 " " " | unit | baseline | baseline value | ratio | target | met |"; print "|---|---|---:|---|---|---:|---:|---|---|"; next }
  $2 ~ /^dma_config\/blocks=([2-9]|1[0-5]) / { next }
  { print "| " $1 " | " $2 " | " $3 " | " $4 " | " $5 " | " $6 " | " $7 " | " $8 " | " $9 " |" }' "$out/results.csv" > "$out/results.md"
cat "$out/results.md"

# dma_config cost against block count (must grow linearly).
awk -F, '$1 == "calls" && $2 ~ /^dma_config\/blocks=/ && $3 == 32 { split($2, a, "="); print a[2], $4 }' "$raw" | sort -n > "$out/config_blocks.dat"
awk 'NR == 1 { first = $2 } { last = $2; n = $1 } END { printf "\ndma_config cost: %d instructions for 1 block, +%.1f per further block (2..%d)\n", first, (last - first) / (n - 1), n }' "$out/config_blocks.dat"

# Per-call cost against channel count (must stay flat).
awk -F, '$1 == "calls" { k = $2; v = $4 + 0; if (!(k in lo) || v < lo[k]) lo[k] = v; if (!(k in hi) || v > hi[k]) hi[k] = v }
  END { d = 0; for (k in lo) if (hi[k] - lo[k] > d) { d = hi[k] - lo[k]; w = k }
        if (d == 0) print "scaling: every call costs the same with 2, 32 and 256 channels"
        else printf "scaling: largest difference between 2, 32 and 256 channels: %d instructions (%s)\n", d, w }' "$raw" | tee "$out/scaling.txt"

# Chart: throughput against transfer size.
awk -F, '$1 == "throughput" { print $2, $3 / 1e9, $4 / 1e9 }' "$raw" > "$out/throughput.dat"
gnuplot <<GP
set terminal pngcairo size 800,480 font ",10" noenhanced
set output "$out/throughput.png"
set title "Emulated controller: dma_start -> completion callback vs memcpy (median)"
set logscale x 2
set format x "%.0b%B"
set xlabel "transfer size (bytes)"
set ylabel "GB/s"
set key top left
set grid
plot "$out/throughput.dat" using 1:2 with linespoints title "DMA (emulated engine)", \
     "$out/throughput.dat" using 1:3 with linespoints title "memcpy (same buffers)"
GP

echo "bench: results in $out (make bench-record copies them to docs/bench)" >&2
