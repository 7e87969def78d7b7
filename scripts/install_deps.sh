#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Install what the build and the tests need, from Debian's packages, when it
# is missing. Does nothing when everything is there. Called by `make check`
# and by .ci/run, so that a fresh machine needs no manual step.
set -eu
need=()
have() { command -v "$1" >/dev/null 2>&1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

have cc || need+=(gcc libc6-dev)
have c++ || need+=(g++)
have make || need+=(make)
have cmake || need+=(cmake)
have pkg-config || need+=(pkg-config)
have python3 || need+=(python3)
have qemu-system-arm || need+=(qemu-system-arm)
have doxygen || need+=(doxygen)
have cppcheck || need+=(cppcheck)
# clang with libFuzzer and its sanitizer runtimes (Debian bookworm: clang 14)
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}' > "$tmp/f.c"
if ! have clang; then
  need+=(clang libclang-rt-14-dev)
elif ! clang -fsanitize=fuzzer,address "$tmp/f.c" -o "$tmp/f" >/dev/null 2>&1; then
  need+=(libclang-rt-14-dev)
fi
have clang-tidy || need+=(clang-tidy)
have dot || need+=(graphviz)
if [ "${1:-}" = "--bench" ]; then
  have valgrind || need+=(valgrind)
  have gnuplot || need+=(gnuplot-nox)
  have bc || need+=(bc)
  [ -f /usr/include/valgrind/callgrind.h ] || need+=(valgrind)
fi
have arm-none-eabi-gcc || need+=(gcc-arm-none-eabi)
# RISC-V: the cross compiler, picolibc (its C library), QEMU's riscv64 system.
have riscv64-unknown-elf-gcc || need+=(gcc-riscv64-unknown-elf)
[ -f /usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs ] || need+=(picolibc-riscv64-unknown-elf)
have qemu-system-riscv64 || need+=(qemu-system-misc)
# newlib gives the cross compiler its C library headers (string.h, errno.h).
echo '#include <string.h>' | arm-none-eabi-gcc -E -x c - >/dev/null 2>&1 ||
  need+=(libnewlib-arm-none-eabi)
# Sanitizer runtimes ship with gcc; check they link.
echo 'int main(void){return 0;}' > "$tmp/t.c"
if have cc; then
  cc -fsanitize=thread "$tmp/t.c" -o "$tmp/t" >/dev/null 2>&1 || need+=(libtsan2)
  cc -fsanitize=address,undefined "$tmp/t.c" -o "$tmp/t" >/dev/null 2>&1 || need+=(libasan8 libubsan1)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ -n "${NO_DEPS:-}" ]; then
  # The user installs things themselves: say what is missing, change nothing.
  echo "install_deps: NO_DEPS set; missing (Debian package names): ${need[*]}" >&2
  exit 0
fi
echo "install_deps: installing ${need[*]} (set NO_DEPS=1 to install them yourself)"
if [ "$(id -u)" -ne 0 ]; then
  echo "install_deps: not root; run: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}"
