#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Count guest instructions of each measurement of a target bench image: QEMU
# logs every executed instruction (-singlestep -d exec,nochain); we count the
# lines between the return from bench_mark_begin and the entry of
# bench_mark_end. Prints CSV rows: <prefix>,<what>,<blocks>,<instructions>
# (one per run; runs of the same measurement must agree).
# Usage: run_target.sh ELF WORKDIR [MACHINE [PREFIX]]
#   MACHINE: mps2-an505 (default), xilinx-zynq-a9 or sifive_u; PREFIX: target (default)
set -eu
elf=$1; work=$2; machine=${3:-mps2-an505}; prefix=${4:-target}
mkdir -p "$work"
log=$work/qemu_exec.log
qemu=qemu-system-arm
case $machine in
  xilinx-zynq-a9) serial=(-serial null -serial null) ;;
  sifive_u) qemu=qemu-system-riscv64; serial=(-bios none -serial null) ;;
  *) serial=(-serial none) ;;
esac
timeout --signal=KILL 120 "$qemu" -M "$machine" -nographic -monitor none "${serial[@]}" \
  -semihosting-config enable=on,target=native -singlestep -d exec,nochain -D "$log" \
  -kernel "$elf" > "$work/console.txt" 2>&1 || { cat "$work/console.txt" >&2; exit 1; }
grep '^BENCH ' "$work/console.txt" | cut -d' ' -f2 > "$work/order.txt"
awk '
  / bench_mark_begin$/ { inbegin = 1; next }
  inbegin { inbegin = 0; counting = 1; n = 0 }
  / bench_mark_end$/ { if (counting) print n; counting = 0; next }
  counting { n++ }
' "$log" > "$work/counts.txt"
if [ "$(wc -l < "$work/order.txt")" -ne "$(wc -l < "$work/counts.txt")" ]; then
  echo "run_target: $(wc -l < "$work/order.txt") measurements announced, $(wc -l < "$work/counts.txt") counted" >&2
  exit 1
fi
paste -d, "$work/order.txt" "$work/counts.txt" | sed "s/^/$prefix,/"
