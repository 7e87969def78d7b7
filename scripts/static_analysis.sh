#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Static analysis of the library (not the tests): cppcheck and clang-tidy
# with the configuration kept in the repository (.clang-tidy, and the
# cppcheck options below). Zero findings; a suppression must be justified
# in place. Both host (64-bit addresses, POSIX port) and Cortex-M (32-bit,
# cortex_m port) configurations are checked.
set -u
status=0
lib_host="src drivers/emul drivers/pl08x port/posix"
lib_mcu="src drivers/pl08x"

run_cppcheck() { # label, defines/includes..., -- dirs...
  local label=$1; shift
  local args=(); while [ "$1" != "--" ]; do args+=("$1"); shift; done; shift
  local out
  out=$(cppcheck --quiet --enable=warning,style,performance,portability --std=c11 \
        --inline-suppr --error-exitcode=1 -Iinclude -Isrc "${args[@]}" "$@" 2>&1)
  if [ $? -ne 0 ] || [ -n "$out" ]; then
    echo "$out"; echo "static analysis: cppcheck ($label): findings"; status=1
  else
    echo "static analysis: cppcheck ($label): no findings"
  fi
}
run_cppcheck host -Iport/posix -DDMA_CONFIG_64BIT=1 -D_POSIX_C_SOURCE=200809L -- $lib_host
run_cppcheck cortex-m -Iport/cortex_m -DDMA_CONFIG_64BIT=0 -D__ARM_ARCH_8M_MAIN__ -- $lib_mcu

tidy_out=$(for f in $(find $lib_host -name '*.c' | sort); do
  clang-tidy --quiet "$f" -- -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -Iport/posix 2>&1 |
    grep -E "(warning|error):" || true
done)
if [ -n "$tidy_out" ]; then
  echo "$tidy_out"; echo "static analysis: clang-tidy: findings"; status=1
else
  echo "static analysis: clang-tidy: no findings"
fi
exit $status
