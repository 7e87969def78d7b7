#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Compile the first ```c block under a heading of a Markdown file, as
# written: "run" builds it as a program with the host library and runs it;
# "compile" compiles it as a translation unit.
# Usage: check_doc_c.sh BUILD_DIR FILE "HEADING TEXT" run|compile
set -euo pipefail
build=$1; file=$2; heading=$3; mode=$4
out=$build/doc-snippets
mkdir -p "$out"
name=$(echo "$file-$heading" | tr -c 'A-Za-z0-9' '_')
awk -v h="$heading" '
  $0 ~ "^#+ " h "$" { found = 1; next }
  found && /^```c$/ { inside = 1; next }
  inside && /^```$/ { exit }
  inside { print }
' "$file" > "$out/$name.c"
if [ ! -s "$out/$name.c" ]; then
  echo "check_doc_c: no c block under \"$heading\" in $file" >&2
  exit 1
fi
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Iinclude -Iport/posix"
if [ "$mode" = run ]; then
  # shellcheck disable=SC2086
  cc $flags "$out/$name.c" src/*.c port/posix/dma_port.c boards/host/startup.c drivers/emul/*.c \
    -o "$out/$name" -pthread
  "./$out/$name"
else
  # shellcheck disable=SC2086
  cc $flags -c "$out/$name.c" -o "$out/$name.o"
fi
echo "check_doc_c: $file, \"$heading\": ok ($mode)"
