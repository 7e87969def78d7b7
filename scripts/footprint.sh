#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Code and data bytes of the library for one Cortex-M build (objects built
# at -Os by `make cross`) and for the Cortex-A9 of the Zynq board, and RAM
# per channel of the PL081 instances of the mps2-an505 board and of the
# PL330 of the Zynq board. Prints Markdown tables.
# Usage: footprint.sh BUILD_DIR CPU BOARD_OBJ ZYNQ_OBJ_DIR
set -eu
build=$1; cpu=$2; board_obj=$3; zobj=$4
size=arm-none-eabi-size
row() { # label objects...
  local label=$1; shift
  $size -t "$@" | tail -n 1 | awk -v l="$label" '{ printf "| %s | %d | %d | %d |\n", l, $1, $2, $3 }'
}
obj=$build/$cpu/obj
echo "Cortex-M (-mcpu=$cpu -mthumb -Os), arm-none-eabi-gcc $(arm-none-eabi-gcc -dumpversion)"
echo
echo "| part | text (code + const) | data | bss |"
echo "|---|---:|---:|---:|"
# The core every driver needs, and the software chaining only drivers of
# controllers without descriptors (the PDMA) link.
core() { echo "$1/src/dma_core.o $1/src/dma_validate.o $1/src/dma_events.o $1/src/device.o"; }
row "core (dma_core, dma_validate, dma_events, device)" $(core $obj)
row "PL08x driver" $obj/drivers/pl08x/pl08x.o
row "core + PL08x driver" $(core $obj) $obj/drivers/pl08x/pl08x.o
row "PL330 driver (with its microcode assembler)" $obj/drivers/pl330/*.o
row "core + PL330 driver" $(core $obj) $obj/drivers/pl330/*.o
row "core + software chaining (dma_chain) + SiFive PDMA driver" $(core $obj) $obj/src/dma_chain.o $obj/drivers/sifive_pdma/*.o
nr=$build/cortex-m33-noreasons/obj
if [ "$cpu" = cortex-m33 ] && [ -d "$nr" ]; then
  row "core + PL08x driver, refusal reasons off (DMA_CONFIG_REASONS=0)" $(core $nr) $nr/drivers/pl08x/pl08x.o
  row "core + PL330 driver, refusal reasons off (DMA_CONFIG_REASONS=0)" $(core $nr) $nr/drivers/pl330/*.o
fi
# What each option of dma_options.h saves on core + PL08x (Cortex-M33).
text_of() { $size -t "$@" | tail -n 1 | awk '{ print $1 }'; }
if [ "$cpu" = cortex-m33 ] && [ -d "$build/cortex-m33-minimal/obj" ]; then
  full=$(text_of $(core $obj) $obj/drivers/pl08x/pl08x.o)
  echo
  echo "Leaving features out (\`include/dma/dma_options.h\`), core + PL08x driver, Cortex-M33 -Os:"
  echo
  echo "| build | text (code + const) | saved |"
  echo "|---|---:|---:|"
  echo "| every feature (the default) | $full | - |"
  for f in CYCLIC CHAINING HALF_COMPLETE SUSPEND RELOAD; do
    o=$build/cortex-m33-no-$f/obj
    t=$(text_of $(core $o) $o/drivers/pl08x/pl08x.o)
    echo "| DMA_CONFIG_$f=0 | $t | $((full - t)) |"
  done
  t=$(text_of $(core $nr) $nr/drivers/pl08x/pl08x.o)
  echo "| DMA_CONFIG_REASONS=0 | $t | $((full - t)) |"
  o=$build/cortex-m33-minimal/obj
  t=$(text_of $(core $o) $o/drivers/pl08x/pl08x.o)
  echo "| all six at 0 | $t | $((full - t)) |"
fi
echo
echo "RISC-V (-Os), riscv64-unknown-elf-gcc $(riscv64-unknown-elf-gcc -dumpversion), picolibc"
echo
echo "| part | text (code + const) | data | bss |"
echo "|---|---:|---:|---:|"
rvrow() { # label objects...
  local label=$1; shift
  riscv64-unknown-elf-size -t "$@" | tail -n 1 | awk -v l="$label" '{ printf "| %s | %d | %d | %d |\n", l, $1, $2, $3 }'
}
for rv in rv32 rv64; do
  o=$build/$rv/obj
  arch=$([ $rv = rv32 ] && echo RV32IMAC || echo RV64IMAC)
  rvrow "$arch: core + software chaining + SiFive PDMA driver + port" $(core $o) $o/src/dma_chain.o \
    $o/drivers/sifive_pdma/*.o $o/port/riscv/*.o
done
echo
echo "Cortex-A9 (-mcpu=cortex-a9 -marm -Os), the Zynq board's build"
echo
echo "| part | text (code + const) | data | bss |"
echo "|---|---:|---:|---:|"
row "core + PL330 driver" $(core $zobj) $zobj/drivers/pl330/*.o
echo
# Per-instance static RAM, from the symbol sizes of one PL081 (2 channels).
ram() {
  local hex
  hex=$(arm-none-eabi-nm -S "$board_obj" | awk -v s="$1" '$4 ~ s { print $2; exit }')
  [ -n "$hex" ] || { echo "footprint: no symbol matching $1 in $board_obj" >&2; exit 1; }
  echo $((16#$hex))
}
core=$(ram 'dma_pl081_0_chans_$'); blocks=$(ram 'dma_pl081_0_blocks_$'); drv=$(ram 'dma_pl081_0_pl08x_chans_$')
echo "RAM per channel (PL081 instance of the mps2-an505 board, 2 channels):"
echo
echo "| storage | bytes per channel |"
echo "|---|---:|"
echo "| core state (struct dma_core_chan) | $((core / 2)) |"
echo "| block descriptors (16 x struct dma_block_config) | $((blocks / 2)) |"
echo "| PL08x LLI pool and item table (64 items) | $((drv / 2)) |"
echo "| total | $(((core + blocks + drv) / 2)) |"
echo
# The same for the PL330 instance of the Zynq board (8 channels).
board_obj=$zobj/boards/zynq7000/board.o
core=$(ram 'dma_pl330_chans_$'); blocks=$(ram 'dma_pl330_blocks_$'); drv=$(ram 'dma_pl330_pl330_chans_$')
opt() { sed -n "s/^#define $1 \([0-9]*\)$/\1/p" include/dma/dma_pl330.h; }
echo "RAM per channel (PL330 instance of the Zynq board, 8 channels; PL330_PROG_BYTES $(opt PL330_PROG_BYTES), PL330_GROUPS_PER_CHANNEL $(opt PL330_GROUPS_PER_CHANNEL)):"
echo
echo "| storage | bytes per channel |"
echo "|---|---:|"
echo "| core state (struct dma_core_chan) | $((core / 8)) |"
echo "| block descriptors (16 x struct dma_block_config) | $((blocks / 8)) |"
echo "| PL330 program, loop-nest table and event points | $((drv / 8)) |"
echo "| total | $(((core + blocks + drv) / 8)) |"
