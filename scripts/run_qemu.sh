#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Run a bare-metal image on a QEMU board; its exit code is the program's
# (semihosting SYS_EXIT_EXTENDED). Bounded: a hung guest is killed (a model
# stuck inside an MMIO write ignores SIGTERM, hence KILL).
#   run_qemu.sh [-M machine] image.elf     (machine: mps2-an505 by default;
#   xilinx-zynq-a9 and sifive_u too)
set -u
machine=mps2-an505
if [ "${1:-}" = "-M" ]; then machine=$2; shift 2; fi
elf=$1
limit=${QEMU_TIMEOUT:-300}
qemu=qemu-system-arm
case $machine in
  mps2-an505) extra=(-serial none) ;;
  # The Zynq board has two UARTs; semihosting is the console.
  xilinx-zynq-a9) extra=(-serial null -serial null) ;;
  # RISC-V, no firmware: every hart starts at 0x80000000 in machine mode.
  sifive_u) qemu=qemu-system-riscv64; extra=(-bios none -serial null) ;;
  *) extra=() ;;
esac
timeout --signal=KILL "$limit" "$qemu" -M "$machine" -nographic -monitor none \
  "${extra[@]}" -semihosting-config enable=on,target=native -kernel "$elf"
rc=$?
if [ $rc -eq 137 ]; then echo "run_qemu: $elf killed after ${limit}s" >&2; fi
exit $rc
