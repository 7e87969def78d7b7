#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every public header compiles alone, as C11 with -pedantic and as C++17,
# warnings as errors, against the host port (and the Cortex-M port for the
# headers a target uses).
# Usage: check_headers.sh BUILD_DIR
set -euo pipefail
out=$1/headers
mkdir -p "$out"
fail=0; n=0
for h in include/dma/*.h; do
  b=$(basename "$h" .h)
  printf '#include "dma/%s.h"\nint dma_header_check_%s(void);\nint dma_header_check_%s(void) { return 0; }\n' \
    "$b" "$b" "$b" > "$out/$b.c"
  cp "$out/$b.c" "$out/$b.cpp"
  if ! cc -std=c11 -pedantic -Wall -Wextra -Werror -Iinclude -Iport/posix -c "$out/$b.c" -o "$out/$b.o" 2> "$out/$b.c.log"; then
    echo "FAIL $h as C11 -pedantic:"; cat "$out/$b.c.log"; fail=$((fail + 1))
  fi
  if ! c++ -std=c++17 -Wall -Wextra -Werror -Iinclude -Iport/posix -c "$out/$b.cpp" -o "$out/$b.oo" 2> "$out/$b.cpp.log"; then
    echo "FAIL $h as C++17:"; cat "$out/$b.cpp.log"; fail=$((fail + 1))
  fi
  n=$((n + 2))
done
# The headers a Cortex-M application uses, against that port.
for b in dma device dma_driver dma_pl08x dma_skeleton dma_mmio dma_options dma_port; do
  printf '#include "dma/%s.h"\nint dma_header_check_%s(void);\nint dma_header_check_%s(void) { return 0; }\n' \
    "$b" "$b" "$b" > "$out/$b-m33.c"
  if ! arm-none-eabi-gcc -mcpu=cortex-m33 -mthumb -std=c11 -pedantic -Wall -Wextra -Werror -Iinclude -Iport/cortex_m \
       -c "$out/$b-m33.c" -o "$out/$b-m33.o" 2> "$out/$b-m33.log"; then
    echo "FAIL include/dma/$b.h as C11 -pedantic for Cortex-M33:"; cat "$out/$b-m33.log"; fail=$((fail + 1))
  fi
  n=$((n + 1))
done
echo "headers: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
