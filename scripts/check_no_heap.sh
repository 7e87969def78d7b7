#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fail if any object of the given archives references a heap function.
# First proves on a control object that the check can see such a reference.
set -eu
heap='^(malloc|calloc|realloc|free|aligned_alloc|posix_memalign|memalign|valloc|pvalloc|reallocarray|strdup|strndup|_malloc_r|_free_r|_calloc_r|_realloc_r)$'

undefined_heap_refs() { # nm-tool archive
  "$1" -u "$2" 2>/dev/null | awk -v re="$heap" '
    /:$/ { obj = $0; next }
    { sym = $NF; if (sym ~ re) print obj " " sym }'
}

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '#include <stdlib.h>\nvoid *control(void) { return malloc(4); }\n' > "$tmp/control.c"
cc -c "$tmp/control.c" -o "$tmp/control.o"
ar rcs "$tmp/control.a" "$tmp/control.o"
if [ -z "$(undefined_heap_refs nm "$tmp/control.a")" ]; then
  echo "no-heap: the check failed to see malloc in a control object" >&2
  exit 1
fi

status=0
for lib in "$@"; do
  tool=nm
  case "$lib" in *cortex-m*) tool=arm-none-eabi-nm ;; esac
  refs=$(undefined_heap_refs "$tool" "$lib")
  if [ -n "$refs" ]; then
    echo "no-heap: $lib references the heap:"; echo "$refs" | sed 's/^/  /'
    status=1
  else
    echo "no-heap: $lib: no heap references"
  fi
done
exit $status
