#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Run a Cortex-M33 image on QEMU's mps2-an505 board; its exit code is the
# program's (semihosting SYS_EXIT_EXTENDED). Bounded: a hung guest is killed.
set -u
elf=$1
limit=${QEMU_TIMEOUT:-300}
timeout --signal=KILL "$limit" qemu-system-arm -M mps2-an505 -nographic -monitor none \
  -serial none -semihosting-config enable=on,target=native -kernel "$elf"
rc=$?
if [ $rc -eq 137 ]; then echo "run_qemu: $elf killed after ${limit}s" >&2; fi
exit $rc
