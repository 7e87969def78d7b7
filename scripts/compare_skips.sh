#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The PL081-shaped emulated instance must refuse and skip what QEMU's PL081
# does, apart from what QEMU's model alone cannot do (the reasons that name
# QEMU, e.g. its request lines, which it does not drive: the emulated
# instance has a serial port on them and runs the peripheral cases).
# Compares the skipped case names of the two runs.
# Usage: compare_skips.sh PROFILES_LOG QEMU_LOG
set -euo pipefail
profiles=$1; qemu=$2
# The refusals of a feature the controller does not claim (*-not-claimed)
# run exactly where it is missing: on QEMU's PL081 also what QEMU's model
# lacks (cyclic, mixed widths), which the emulated PL081 has. Left out of
# the comparison on both sides.
emul=$(grep '^SKIP emul_pl081: ' "$profiles" | sed -E 's/^SKIP emul_pl081: ([^:]*):.*/\1/' |
  grep -v -- '-not-claimed$' | sort -u)
target=$(grep '^SKIP dma0: ' "$qemu" | grep -v "QEMU" | sed -E 's/^SKIP dma0: ([^:]*):.*/\1/' |
  grep -v -- '-not-claimed$' | sort -u)
only_emul=$(comm -23 <(echo "$emul") <(echo "$target") | sed '/^$/d')
only_target=$(comm -13 <(echo "$emul") <(echo "$target") | sed '/^$/d')
fail=0
if [ -n "$only_emul" ]; then
  echo "FAIL skipped on the PL081-shaped emulator but run on QEMU's PL081:"; echo "$only_emul"; fail=1
fi
if [ -n "$only_target" ]; then
  echo "FAIL skipped on QEMU's PL081 (for a reason of the IP, not of QEMU) but run on the emulator:"
  echo "$only_target"; fail=1
fi
n=$(echo "$emul" | sed '/^$/d' | wc -l)
if [ "$fail" -eq 0 ]; then
  echo "PASS skips/pl081-shaped-emulator-skips-what-the-pl081-skips ($n cases)"
  echo "skips: 1 passed, 0 failed"
else
  echo "skips: 0 passed, 1 failed"
fi
[ "$fail" -eq 0 ]
