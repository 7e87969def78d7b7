# SPDX-License-Identifier: Apache-2.0
# Portable DMA controller library.
#
#   make demo    build and run the demo on the emulated controller
#   make check   build everything (warnings are errors) and run every test:
#                unit, conformance (plain, ASan+UBSan, TSan, QEMU), Zephyr
#                compatibility, no-heap check, Cortex-M cross builds, docs
#   make bench   benchmarks (table, CSV, chart in build/bench; make bench-record
#                copies them to docs/bench, the record the README shows)
#   make docs    API reference in build/docs/html
#
# Build output goes to build/<variant>/.

# Quiet by default: one line per file built, the test runner's progress and
# its closing total; V=1 shows every command.
V ?= 0
ifeq ($(V),1)
Q :=
show = @true
else
Q := @
show = @printf '  %-3s %s\n' $(1) $(2)
endif

CC        ?= cc
CROSS_CC  ?= arm-none-eabi-gcc
CROSS_AR  ?= arm-none-eabi-ar
BUILD     ?= build

WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wpointer-arith -Wcast-align -Wundef
STD       := -std=c11 -D_POSIX_C_SOURCE=200809L
INCLUDES  := -Iinclude -Isrc -Itests/common -Itests/conformance -Idrivers/pl330

# The library: one shared core. Nothing else is needed on a target.
CORE_SRCS := src/dma_core.c src/dma_validate.c src/dma_events.c src/dma_chain.c src/device.c
# Register-level drivers, built for the host (unit tests against a register
# file) and for every Cortex-M target.
PL330_SRCS := drivers/pl330/pl330.c drivers/pl330/pl330_asm.c
PDMA_SRCS := drivers/sifive_pdma/sifive_pdma.c
HW_DRIVER_SRCS := drivers/pl08x/pl08x.c $(PL330_SRCS) $(PDMA_SRCS)
# The skeleton driver (the template for new drivers): portable, built for
# the host (conformance suite) and cross-compiled for every Cortex-M target.
SKELETON_SRCS := drivers/skeleton/dma_skeleton.c
# Host port and the emulated controller.
HOST_SRCS := port/posix/dma_port.c boards/host/startup.c drivers/emul/dma_emul.c drivers/emul/dma_emul_default.c \
             drivers/emul/dma_emul_periph.c drivers/emul/dma_emul_trace.c
HOST_LIB_SRCS := $(CORE_SRCS) $(HOST_SRCS)

CONF_SRCS := tests/conformance/dma_conformance.c tests/common/ttest.c
HOST_TEST_SRCS := tests/common/ttest.c tests/common/ttest_host.c

# Host variants: name, compiler flags, link flags.
VARIANTS := host asan tsan
CFLAGS_host := -O2 -g
CFLAGS_asan := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
               -fno-sanitize-recover=all
CFLAGS_tsan := -O1 -g -fsanitize=thread

# Cortex-M cross builds of the core (port/cortex_m).
CROSS_CPUS := cortex-m0plus cortex-m3 cortex-m4 cortex-m33
CROSS_CFLAGS := -std=c11 -mthumb -Os -ffunction-sections -fdata-sections \
                -ffreestanding $(WARN) $(INCLUDES) -Iport/cortex_m


.PHONY: run-zynq-example run-riscv-example cross-riscv
.PHONY: help install install-check mutation fuzz-planted all demo run-uart-example check test cross no-heap deps cmake-build target run-qemu-example footprint bench bench-record docs static-analysis fuzz stress bad-inputs-table check-bad-inputs-table clean

all: $(foreach v,$(VARIANTS),$(BUILD)/$(v)/conformance_emul) $(BUILD)/host/demo

# One line per target a user runs. Dependencies come from Debian's packages
# through scripts/install_deps.sh; NO_DEPS=1 lists what is missing instead.
help:
	@echo "make demo              build and run the demo on the emulated controller"
	@echo "make check             build everything (warnings are errors) and run every test"
	@echo "make run-qemu-example  a 3-block copy and a chained channel on QEMU's PL081"
	@echo "make run-zynq-example  a 4-block copy and a cyclic ring on QEMU's PL330 (Cortex-A9)"
	@echo "make run-riscv-example a chained copy and a cyclic ring on QEMU's SiFive PDMA (RISC-V)"
	@echo "make run-uart-example  UART receive ring on the emulated serial port, VCD timeline"
	@echo "make bench             benchmarks against same-run baselines (writes build/bench only)"
	@echo "make bench-record      run them and refresh the record in docs/bench"
	@echo "make footprint         code and RAM of core + PL08x for Cortex-M33 (docs/footprint.md)"
	@echo "make fuzz              long fuzzing runs (FUZZ_SECONDS=300)"
	@echo "make fuzz-planted      plant known bugs, time how long fuzz_api takes to catch each"
	@echo "make stress            long stress, fault-injection and race runs (STRESS_SECONDS, RACE_TRIES)"
	@echo "make mutation          mutation testing of the library (MUTATION_ARGS=\"--file F --sample N\")"
	@echo "make docs              API reference in build/docs/html"
	@echo "make static-analysis   cppcheck and clang-tidy, zero findings"
	@echo "make bad-inputs-table  regenerate docs/bad-inputs.md from the suite"
	@echo "make cross             the library for Cortex-M0+/M3/M4/M33"
	@echo "make install PREFIX=.. the host library, headers, pkg-config portable-dma, CMake PortableDMA"
	@echo "make clean             remove build/"
	@echo "NO_DEPS=1 make ...     do not install packages; print what is missing"

# ---------------------------------------------------------------- host builds
# $(1) = variant
define host_variant
$(BUILD)/$(1)/obj/%.o: %.c
	@mkdir -p $$(dir $$@)
	$$(call show,CC,$$<)
	$$(Q)$$(CC) $$(STD) $$(WARN) $$(CFLAGS_$(1)) $$(INCLUDES) -Iport/posix -MMD -MP -c $$< -o $$@

$(BUILD)/$(1)/libdma.a: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS))
	@rm -f $$@
	$$(call show,AR,$$@)
	$$(Q)ar rcs $$@ $$^

# Objects are linked directly (not through the archive) so that every
# device registration and constructor is kept.
$(BUILD)/$(1)/conformance_emul: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) $$(CONF_SRCS) tests/common/ttest_host.c tests/conformance/emul_serial_target.c tests/conformance/main_emul.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/conformance_emul_virtual: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) $$(CONF_SRCS) tests/conformance/emul_serial_target.c tests/conformance/main_emul_virtual.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/test_emul_virtual: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) tests/unit/test_emul_virtual.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

# The emulator's start-up with the system refusing its semaphore or thread:
# the calls wrapped, and no start-up constructor (the test initialises).
EMUL_INIT_WRAPS := -Wl,--wrap=sem_init,--wrap=sem_destroy,--wrap=pthread_attr_init,--wrap=pthread_create
$(BUILD)/$(1)/test_emul_init: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(CORE_SRCS) port/posix/dma_port.c drivers/emul/dma_emul.c drivers/emul/dma_emul_periph.c drivers/emul/dma_emul_trace.c tests/unit/test_emul_init.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread $$(EMUL_INIT_WRAPS)

$(BUILD)/$(1)/test_options: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) tests/unit/test_options.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/conformance_profiles: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) $$(SKELETON_SRCS) $$(CONF_SRCS) tests/common/ttest_host.c tests/common/ordering.c tests/conformance/emul_serial_target.c tests/conformance/runner_ip.c tests/conformance/main_profiles.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/test_chain: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) tests/conformance/runner_ip.c tests/common/ordering.c tests/unit/test_chain.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/test_skeleton: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(CORE_SRCS) port/posix/dma_port.c boards/host/startup.c $$(SKELETON_SRCS) tests/unit/test_skeleton.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/test_core: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(CORE_SRCS) port/posix/dma_port.c boards/host/startup.c tests/unit/test_core.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/test_pl08x: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(CORE_SRCS) $$(HW_DRIVER_SRCS) port/posix/dma_port.c boards/host/startup.c tests/unit/test_pl08x.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

# The PL08x driver on a model of the silicon: registers through dma_mmio_*.
$(BUILD)/$(1)/obj-mmio/%.o: %.c
	@mkdir -p $$(dir $$@)
	$$(call show,CC,$$<)
	$$(Q)$$(CC) $$(STD) $$(WARN) $$(CFLAGS_$(1)) -DDMA_MMIO_EXTERNAL $$(INCLUDES) -Itests/unit -Iport/posix -MMD -MP -c $$< -o $$@

$(BUILD)/$(1)/test_pl08x_silicon_driver: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(CORE_SRCS) port/posix/dma_port.c boards/host/startup.c $$(HOST_TEST_SRCS)) $$(patsubst %.c,$(BUILD)/$(1)/obj-mmio/%.o,$$(HW_DRIVER_SRCS) tests/unit/pl08x_silicon.c tests/common/ordering.c tests/unit/test_pl08x_silicon_driver.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/test_pl08x_silicon: $$(patsubst %.c,$(BUILD)/$(1)/obj-mmio/%.o,tests/unit/pl08x_silicon.c tests/unit/test_pl08x_silicon.c tests/common/ordering.c port/posix/dma_port.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@

# The DMA-330 (PL330) silicon model and its self-test (ttest output).
$(BUILD)/$(1)/test_pl330_silicon: $$(patsubst %.c,$(BUILD)/$(1)/obj-mmio/%.o,tests/unit/pl330_silicon.c tests/unit/test_pl330_silicon.c tests/common/ordering.c port/posix/dma_port.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@

# The SiFive PDMA silicon model and its self-test (ttest output).
$(BUILD)/$(1)/test_pdma_silicon: $$(patsubst %.c,$(BUILD)/$(1)/obj-mmio/%.o,tests/unit/pdma_silicon.c tests/unit/test_pdma_silicon.c tests/common/ordering.c port/posix/dma_port.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@

$(BUILD)/$(1)/test_pl330_silicon_driver: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(CORE_SRCS) port/posix/dma_port.c boards/host/startup.c $$(HOST_TEST_SRCS)) $$(patsubst %.c,$(BUILD)/$(1)/obj-mmio/%.o,$$(PL330_SRCS) tests/unit/pl330_silicon.c tests/common/ordering.c tests/unit/driver_harness.c tests/unit/test_pl330_driver.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/test_sifive_pdma_driver: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(CORE_SRCS) port/posix/dma_port.c boards/host/startup.c $$(HOST_TEST_SRCS)) $$(patsubst %.c,$(BUILD)/$(1)/obj-mmio/%.o,$$(PDMA_SRCS) tests/unit/pdma_silicon.c tests/common/ordering.c tests/unit/driver_harness.c tests/unit/test_sifive_pdma_driver.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/test_pl330_asm: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,drivers/pl330/pl330_asm.c tests/unit/test_pl330_asm.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/test_periph: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) tests/unit/test_periph.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/test_trace: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) tests/unit/test_trace.c $$(HOST_TEST_SRCS))
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/zephyr_compat: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) tests/zephyr_compat/test_memcpy.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/stress: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) tests/stress/stress.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

# The race tests build the library with preemption points (DMA_TEST_PREEMPT).
$(BUILD)/$(1)/obj-race/%.o: %.c
	@mkdir -p $$(dir $$@)
	$$(call show,CC,$$<)
	$$(Q)$$(CC) $$(STD) $$(WARN) $$(CFLAGS_$(1)) -DDMA_TEST_PREEMPT $$(INCLUDES) -Iport/posix -MMD -MP -c $$< -o $$@

$(BUILD)/$(1)/races: $$(patsubst %.c,$(BUILD)/$(1)/obj-race/%.o,$$(HOST_LIB_SRCS) tests/stress/races.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/faults: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) tests/stress/faults.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

$(BUILD)/$(1)/uart_rx_ring: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) examples/uart_rx_ring/main.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread

# The library used from C++ (the headers are C++-clean; see check_headers.sh).
$(BUILD)/$(1)/test_emul_from_cpp: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS)) tests/cpp/test_emul_from_cpp.cpp
	$$(call show,LD,$$@)
	$$(Q)$$(CXX) -std=c++17 -Wall -Wextra -Werror $$(CFLAGS_$(1)) -Iinclude -Iport/posix $$^ -o $$@ -pthread

$(BUILD)/$(1)/demo: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(HOST_LIB_SRCS) examples/demo/main.c)
	$$(call show,LD,$$@)
	$$(Q)$$(CC) $$(CFLAGS_$(1)) $$^ -o $$@ -pthread
endef
$(foreach v,$(VARIANTS),$(eval $(call host_variant,$(v))))
# A host build without the features a build can leave out (dma_options.h):
# the conformance suite must find each missing, as on a controller without
# it (refused at dma_config, -ENOSYS for the calls).
DROP_FEATURES := -DDMA_CONFIG_CYCLIC=0 -DDMA_CONFIG_CHAINING=0 -DDMA_CONFIG_HALF_COMPLETE=0 \
                 -DDMA_CONFIG_SUSPEND=0 -DDMA_CONFIG_RELOAD=0
CFLAGS_lean := -O2 -g $(DROP_FEATURES)
$(eval $(call host_variant,lean))

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------- install
# The host library (core, host port, emulated controller) with its headers,
# a pkg-config file (portable-dma) and a CMake package (PortableDMA).
# The version is written once, in include/dma/dma_version.h.
PREFIX ?= /usr/local
DMA_VERSION := $(shell sed -n 's/^\#define DMA_VERSION_STRING "\(.*\)"/\1/p' include/dma/dma_version.h)
INSTALL_ROOT = $(DESTDIR)$(abspath $(PREFIX))
SUBST = sed -e 's|@PREFIX@|$(abspath $(PREFIX))|g' -e 's|@DMA_VERSION@|$(DMA_VERSION)|g'

install: $(BUILD)/host/libdma.a
	$(Q)install -d $(INSTALL_ROOT)/include/dma $(INSTALL_ROOT)/include/portable-dma/port \
	  $(INSTALL_ROOT)/lib/pkgconfig $(INSTALL_ROOT)/lib/cmake/PortableDMA
	$(Q)install -m 644 include/dma/*.h $(INSTALL_ROOT)/include/dma/
	$(Q)install -m 644 port/posix/dma_port_impl.h $(INSTALL_ROOT)/include/portable-dma/port/
	$(Q)install -m 644 $(BUILD)/host/libdma.a $(INSTALL_ROOT)/lib/libportable-dma.a
	$(Q)$(SUBST) cmake/portable-dma.pc.in > $(INSTALL_ROOT)/lib/pkgconfig/portable-dma.pc
	$(Q)$(SUBST) cmake/PortableDMAConfig.cmake.in > $(INSTALL_ROOT)/lib/cmake/PortableDMA/PortableDMAConfig.cmake
	$(Q)$(SUBST) cmake/PortableDMAConfigVersion.cmake.in > $(INSTALL_ROOT)/lib/cmake/PortableDMA/PortableDMAConfigVersion.cmake
	@echo "installed portable-dma $(DMA_VERSION) in $(INSTALL_ROOT)"

# An application outside the tree against an installed copy, through
# pkg-config and through find_package (run by make check).
install-check:
	$(Q)rm -rf $(BUILD)/prefix $(BUILD)/installed-cmake
	$(Q)$(MAKE) --no-print-directory install PREFIX=$(BUILD)/prefix
	$(Q)PKG_CONFIG_PATH=$(abspath $(BUILD)/prefix)/lib/pkgconfig sh -c \
	  'cc -std=c11 -Wall -Wextra -Werror $$(pkg-config --cflags portable-dma) tests/apps/copy_app.c \
	   $$(pkg-config --libs portable-dma) -o $(BUILD)/prefix/app-pkgconfig'
	$(Q)./$(BUILD)/prefix/app-pkgconfig
	$(Q)cmake -S tests/install -B $(BUILD)/installed-cmake -DCMAKE_PREFIX_PATH=$(abspath $(BUILD)/prefix) >/dev/null
	$(Q)+cmake --build $(BUILD)/installed-cmake
	$(Q)./$(BUILD)/installed-cmake/app

# ---------------------------------------------------------------- demo
demo: deps
	@$(MAKE) --no-print-directory $(BUILD)/host/demo
	$(Q)./$(BUILD)/host/demo

# UART receive ring with idle detection on the emulated serial port; writes
# the DMA's timeline to build/uart_rx_ring.vcd (GTKWave).
run-uart-example: $(BUILD)/host/uart_rx_ring
	$(Q)cd $(BUILD) && ./host/uart_rx_ring
	@echo "the timeline is $(BUILD)/uart_rx_ring.vcd (open it with GTKWave)"

# ---------------------------------------------------------------- cross
# $(1) = cpu
define cross_cpu
$(BUILD)/$(1)/obj/%.o: %.c
	@mkdir -p $$(dir $$@)
	$$(call show,CC,$$<)
	$$(Q)$$(CROSS_CC) -mcpu=$(1) $$(CROSS_CFLAGS) -MMD -MP -c $$< -o $$@

$(BUILD)/$(1)/libdma.a: $$(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$$(CORE_SRCS) $$(HW_DRIVER_SRCS) $$(SKELETON_SRCS))
	@rm -f $$@
	$$(call show,AR,$$@)
	$$(Q)$$(CROSS_AR) rcs $$@ $$^
endef
$(foreach c,$(CROSS_CPUS),$(eval $(call cross_cpu,$(c))))

# The library without refusal reasons (DMA_CONFIG_REASONS=0), and without
# every feature a build can leave out (dma_options.h), must build too; their
# sizes are in docs/footprint.md.
define cross_variant
$(BUILD)/cortex-m33-$(1)/obj/%.o: %.c
	@mkdir -p $$(dir $$@)
	$$(call show,CC,$$<)
	$$(Q)$$(CROSS_CC) -mcpu=cortex-m33 $$(CROSS_CFLAGS) $(2) -MMD -MP -c $$< -o $$@

$(BUILD)/cortex-m33-$(1)/libdma.a: $$(patsubst %.c,$(BUILD)/cortex-m33-$(1)/obj/%.o,$$(CORE_SRCS) $$(HW_DRIVER_SRCS) $$(SKELETON_SRCS))
	@rm -f $$@
	$$(call show,AR,$$@)
	$$(Q)$$(CROSS_AR) rcs $$@ $$^
endef
$(eval $(call cross_variant,noreasons,-DDMA_CONFIG_REASONS=0))
$(eval $(call cross_variant,minimal,-DDMA_CONFIG_REASONS=0 $(DROP_FEATURES)))
# One feature left out at a time, for the footprint table.
DROPPABLE := CYCLIC CHAINING HALF_COMPLETE SUSPEND RELOAD
$(foreach f,$(DROPPABLE),$(eval $(call cross_variant,no-$(f),-DDMA_CONFIG_$(f)=0)))

cross: $(foreach c,$(CROSS_CPUS),$(BUILD)/$(c)/libdma.a) $(BUILD)/cortex-m33-noreasons/libdma.a $(BUILD)/cortex-m33-minimal/libdma.a \
       $(foreach f,$(DROPPABLE),$(BUILD)/cortex-m33-no-$(f)/libdma.a)

# ---------------------------------------------------------------- QEMU board
# mps2-an505 (Cortex-M33): the conformance suite and an example, run under
# qemu-system-arm. Uses the cortex-m33 objects of the library.
BOARD_DIR   := boards/mps2_an505
BOARD_SRCS  := $(BOARD_DIR)/startup.c $(BOARD_DIR)/board.c
TARGET_CFLAGS := -mcpu=cortex-m33 -mthumb -mfloat-abi=soft -Os -ffunction-sections \
                 -fdata-sections -std=c11 $(WARN) $(INCLUDES) -Iport/cortex_m -I$(BOARD_DIR)
TARGET_LDFLAGS := -mcpu=cortex-m33 -mthumb -mfloat-abi=soft -nostartfiles \
                  -T $(BOARD_DIR)/link.ld -Wl,--gc-sections --specs=nosys.specs
TOBJ := $(BUILD)/mps2_an505/obj

$(TOBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call show,CC,$<)
	$(Q)$(CROSS_CC) $(TARGET_CFLAGS) -MMD -MP -c $< -o $@

TARGET_LIB_OBJS := $(patsubst %.c,$(TOBJ)/%.o,$(CORE_SRCS) $(HW_DRIVER_SRCS) $(BOARD_SRCS))

$(BUILD)/mps2_an505/conformance.elf: $(TARGET_LIB_OBJS) $(patsubst %.c,$(TOBJ)/%.o,$(CONF_SRCS) tests/conformance/main_mps2.c) $(BOARD_DIR)/link.ld
	$(call show,LD,$@)
	$(Q)$(CROSS_CC) $(TARGET_LDFLAGS) $(filter %.o,$^) -o $@

$(BUILD)/mps2_an505/example.elf: $(TARGET_LIB_OBJS) $(TOBJ)/examples/qemu_pl081/main.o $(BOARD_DIR)/link.ld
	$(call show,LD,$@)
	$(Q)$(CROSS_CC) $(TARGET_LDFLAGS) $(filter %.o,$^) -o $@

$(BUILD)/mps2_an505/bench.elf: $(TARGET_LIB_OBJS) $(TOBJ)/bench/bench_mps2.o $(BOARD_DIR)/link.ld
	$(call show,LD,$@)
	$(Q)$(CROSS_CC) $(TARGET_LDFLAGS) $(filter %.o,$^) -o $@

target: $(BUILD)/mps2_an505/conformance.elf $(BUILD)/mps2_an505/example.elf $(BUILD)/zynq7000/conformance.elf $(BUILD)/zynq7000/example.elf $(BUILD)/sifive_u/conformance.elf $(BUILD)/sifive_u/example.elf cross-riscv

QEMU_RUN := scripts/run_qemu.sh

# ---------------------------------------------------------------- RISC-V
# sifive_u (FU540, RV64, machine mode, PLIC): the PDMA conformance suite and
# example, run under qemu-system-riscv64; the library for RV32 and RV64
# (footprint). C library: picolibc (Debian's picolibc-riscv64-unknown-elf).
RV_CC    ?= riscv64-unknown-elf-gcc
RV64_CPU := -march=rv64imac -misa-spec=2.2 -mabi=lp64 -mcmodel=medany
RV32_CPU := -march=rv32imac -misa-spec=2.2 -mabi=ilp32
RV_CFLAGS := --specs=picolibc.specs -Os -ffunction-sections -fdata-sections -std=c11 $(WARN) \
             $(INCLUDES) -Iport/riscv
RV_PORT_SRCS := port/riscv/dma_port.c
SIFIVE_DIR := boards/sifive_u
SOBJ := $(BUILD)/sifive_u/obj
SIFIVE_LDFLAGS := $(RV64_CPU) --specs=picolibc.specs -nostartfiles \
                  -T $(SIFIVE_DIR)/link.ld -Wl,--gc-sections -Wl,--no-warn-rwx-segments
QEMU_SIFIVE := $(QEMU_RUN) -M sifive_u

$(SOBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call show,CC,$<)
	$(Q)$(RV_CC) $(RV64_CPU) $(RV_CFLAGS) -I$(SIFIVE_DIR) -MMD -MP -c $< -o $@

$(SOBJ)/%.o: %.S
	@mkdir -p $(dir $@)
	$(call show,AS,$<)
	$(Q)$(RV_CC) $(RV64_CPU) -c $< -o $@

SIFIVE_LIB_OBJS := $(patsubst %.c,$(SOBJ)/%.o,$(CORE_SRCS) $(PDMA_SRCS) $(RV_PORT_SRCS) $(SIFIVE_DIR)/board.c) \
                   $(SOBJ)/$(SIFIVE_DIR)/start.o

$(BUILD)/sifive_u/conformance.elf: $(SIFIVE_LIB_OBJS) $(patsubst %.c,$(SOBJ)/%.o,$(CONF_SRCS) tests/conformance/main_sifive_u.c) $(SIFIVE_DIR)/link.ld
	$(call show,LD,$@)
	$(Q)$(RV_CC) $(SIFIVE_LDFLAGS) $(filter %.o,$^) -o $@

$(BUILD)/sifive_u/example.elf: $(SIFIVE_LIB_OBJS) $(SOBJ)/examples/riscv_pdma/main.o $(SIFIVE_DIR)/link.ld
	$(call show,LD,$@)
	$(Q)$(RV_CC) $(SIFIVE_LDFLAGS) $(filter %.o,$^) -o $@

# A chained 4-block copy and a cyclic ring (suspended, resumed) on the PDMA.
run-riscv-example: deps $(BUILD)/sifive_u/example.elf
	$(Q)$(QEMU_SIFIVE) $(BUILD)/sifive_u/example.elf

# The benchmark's board: no pacing (runs inside the register write on QEMU).
$(SOBJ)-bench/$(SIFIVE_DIR)/board.o: $(SIFIVE_DIR)/board.c
	@mkdir -p $(dir $@)
	$(call show,CC,$<)
	$(Q)$(RV_CC) $(RV64_CPU) $(RV_CFLAGS) -I$(SIFIVE_DIR) -DBOARD_PDMA_QUIRKS=0 -MMD -MP -c $< -o $@

$(BUILD)/sifive_u/bench.elf: $(patsubst %.c,$(SOBJ)/%.o,$(CORE_SRCS) $(PDMA_SRCS) $(RV_PORT_SRCS) bench/bench_sifive_u.c) $(SOBJ)-bench/$(SIFIVE_DIR)/board.o $(SOBJ)/$(SIFIVE_DIR)/start.o $(SIFIVE_DIR)/link.ld
	$(call show,LD,$@)
	$(Q)$(RV_CC) $(SIFIVE_LDFLAGS) $(filter %.o,$^) -o $@

# The library for RV32 and RV64 (-Os), for the footprint record.
$(BUILD)/rv32/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call show,CC,$<)
	$(Q)$(RV_CC) $(RV32_CPU) $(RV_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/rv64/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call show,CC,$<)
	$(Q)$(RV_CC) $(RV64_CPU) $(RV_CFLAGS) -MMD -MP -c $< -o $@

cross-riscv: $(patsubst %.c,$(BUILD)/rv32/obj/%.o,$(CORE_SRCS) $(PDMA_SRCS) $(RV_PORT_SRCS)) \
             $(patsubst %.c,$(BUILD)/rv64/obj/%.o,$(CORE_SRCS) $(PDMA_SRCS) $(RV_PORT_SRCS))

# ---------------------------------------------------------------- Zynq board
# xilinx-zynq-a9 (Cortex-A9, ARMv7-A, GIC): the PL330 conformance suite and
# example, run under qemu-system-arm.
ZYNQ_DIR    := boards/zynq7000
ZYNQ_CPU    := -mcpu=cortex-a9 -marm -mfloat-abi=soft
ZYNQ_CFLAGS := $(ZYNQ_CPU) -Os -ffunction-sections -fdata-sections -std=c11 $(WARN) \
               $(INCLUDES) -Iport/armv7a -I$(ZYNQ_DIR)
ZYNQ_LDFLAGS := $(ZYNQ_CPU) -nostartfiles -T $(ZYNQ_DIR)/link.ld -Wl,--gc-sections \
                --specs=nosys.specs
ZOBJ := $(BUILD)/zynq7000/obj
QEMU_ZYNQ := $(QEMU_RUN) -M xilinx-zynq-a9

$(ZOBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call show,CC,$<)
	$(Q)$(CROSS_CC) $(ZYNQ_CFLAGS) -MMD -MP -c $< -o $@

$(ZOBJ)/%.o: %.S
	@mkdir -p $(dir $@)
	$(call show,AS,$<)
	$(Q)$(CROSS_CC) $(ZYNQ_CPU) -c $< -o $@

ZYNQ_LIB_OBJS := $(patsubst %.c,$(ZOBJ)/%.o,$(CORE_SRCS) $(PL330_SRCS) $(ZYNQ_DIR)/board.c) \
                 $(ZOBJ)/$(ZYNQ_DIR)/startup.o

$(BUILD)/zynq7000/conformance.elf: $(ZYNQ_LIB_OBJS) $(patsubst %.c,$(ZOBJ)/%.o,$(CONF_SRCS) tests/conformance/main_zynq.c) $(ZYNQ_DIR)/link.ld
	$(call show,LD,$@)
	$(Q)$(CROSS_CC) $(ZYNQ_LDFLAGS) $(filter %.o,$^) -o $@

$(BUILD)/zynq7000/example.elf: $(ZYNQ_LIB_OBJS) $(ZOBJ)/examples/zynq_pl330/main.o $(ZYNQ_DIR)/link.ld
	$(call show,LD,$@)
	$(Q)$(CROSS_CC) $(ZYNQ_LDFLAGS) $(filter %.o,$^) -o $@

# The benchmark's board: no pacing (programs run inside DMAGO on QEMU).
$(ZOBJ)-bench/$(ZYNQ_DIR)/board.o: $(ZYNQ_DIR)/board.c
	@mkdir -p $(dir $@)
	$(call show,CC,$<)
	$(Q)$(CROSS_CC) $(ZYNQ_CFLAGS) -DBOARD_PL330_QUIRKS=0 -MMD -MP -c $< -o $@

$(BUILD)/zynq7000/bench.elf: $(patsubst %.c,$(ZOBJ)/%.o,$(CORE_SRCS) $(PL330_SRCS) bench/bench_zynq.c) $(ZOBJ)-bench/$(ZYNQ_DIR)/board.o $(ZOBJ)/$(ZYNQ_DIR)/startup.o $(ZYNQ_DIR)/link.ld
	$(call show,LD,$@)
	$(Q)$(CROSS_CC) $(ZYNQ_LDFLAGS) $(filter %.o,$^) -o $@

# A multi-block copy and a cyclic ring on the PL330.
run-zynq-example: deps $(BUILD)/zynq7000/example.elf
	$(Q)$(QEMU_ZYNQ) $(BUILD)/zynq7000/example.elf


# Code and data size of core + PL08x for Cortex-M33 at -Os; the record kept
# in the repository is docs/footprint.md (refreshed by `make footprint`).
FOOTPRINT = scripts/footprint.sh $(BUILD) cortex-m33 $(TOBJ)/$(BOARD_DIR)/board.o $(BUILD)/zynq7000/obj

footprint: cross target cross-riscv
	@{ echo "# Footprint"; echo; echo "Generated by \`make footprint\`."; echo; $(FOOTPRINT); } > docs/footprint.md
	@cat docs/footprint.md

run-qemu-example: deps $(BUILD)/mps2_an505/example.elf
	$(Q)$(QEMU_RUN) $(BUILD)/mps2_an505/example.elf

# ---------------------------------------------------------------- checks
TEST_BINS := $(foreach v,$(VARIANTS),$(BUILD)/$(v)/test_emul_from_cpp $(BUILD)/$(v)/test_core $(BUILD)/$(v)/test_pl08x $(BUILD)/$(v)/test_pl08x_silicon_driver $(BUILD)/$(v)/test_pl08x_silicon $(BUILD)/$(v)/test_pl330_silicon $(BUILD)/$(v)/test_pdma_silicon $(BUILD)/$(v)/test_pl330_asm $(BUILD)/$(v)/test_pl330_silicon_driver $(BUILD)/$(v)/test_sifive_pdma_driver $(BUILD)/$(v)/test_periph $(BUILD)/$(v)/test_trace $(BUILD)/$(v)/conformance_emul $(BUILD)/$(v)/conformance_emul_virtual $(BUILD)/$(v)/test_emul_virtual $(BUILD)/$(v)/test_emul_init $(BUILD)/$(v)/conformance_profiles $(BUILD)/$(v)/test_chain $(BUILD)/$(v)/test_skeleton) \
             $(BUILD)/host/zephyr_compat $(BUILD)/asan/zephyr_compat \
             $(BUILD)/lean/conformance_emul_virtual $(BUILD)/lean/conformance_profiles $(BUILD)/lean/test_options

deps:
	@scripts/install_deps.sh

no-heap: $(BUILD)/host/libdma.a cross
	$(Q)scripts/check_no_heap.sh $(BUILD)/host/libdma.a $(foreach c,$(CROSS_CPUS),$(BUILD)/$(c)/libdma.a)

# ---------------------------------------------------------------- fuzzing
# libFuzzer targets (clang): the API against the emulated controller in
# lock-step with a reference model, and configuration validation alone.
# make check runs a fixed number of iterations; make fuzz runs for longer.
FUZZ_CC      ?= clang
FUZZ_CFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -g -O2 \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-sanitize-coverage=trace-cmp \
                $(INCLUDES) -Iport/posix -Itests/fuzz
FUZZ_SECONDS ?= 300
FUZZ_JOBS    ?= $(shell nproc 2>/dev/null || echo 1)
FUZZ_CHECK_RUNS_API    ?= 100000
FUZZ_PLANTED_SECONDS   ?= 60
FUZZ_CHECK_RUNS_CONFIG ?= 200000

$(BUILD)/fuzz/fuzz_api: $(HOST_LIB_SRCS) tests/fuzz/model.c tests/fuzz/fuzz_api.c $(wildcard include/dma/*.h src/*.h tests/fuzz/*.h)
	@mkdir -p $(dir $@)
	$(call show,LD,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(filter %.c,$^) -o $@ -pthread

$(BUILD)/fuzz/fuzz_config: src/dma_validate.c src/dma_core.c src/device.c port/posix/dma_port.c boards/host/startup.c tests/fuzz/model.c tests/fuzz/fuzz_config.c $(wildcard include/dma/*.h src/*.h tests/fuzz/*.h)
	@mkdir -p $(dir $@)
	$(call show,LD,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(filter %.c,$^) -o $@

FUZZ_BINS := $(BUILD)/fuzz/fuzz_api $(BUILD)/fuzz/fuzz_config
FUZZ_API_CMD = scripts/run_fuzz.sh fuzz-api $(BUILD)/fuzz/fuzz_api tests/fuzz/corpus/api $(BUILD)/fuzz/run-api
FUZZ_CONFIG_CMD = scripts/run_fuzz.sh fuzz-config $(BUILD)/fuzz/fuzz_config tests/fuzz/corpus/config $(BUILD)/fuzz/run-config

fuzz: deps $(FUZZ_BINS)
	$(Q)FUZZ_JOBS=$(FUZZ_JOBS) $(FUZZ_API_CMD) -max_total_time=$(FUZZ_SECONDS)
	$(Q)$(FUZZ_CONFIG_CMD) -max_total_time=$(FUZZ_SECONDS)

# Plant each bug of tests/fuzz/planted/bugs.txt in a copy of the tree and
# time how long fuzz_api takes to catch it (make check runs it too).
fuzz-planted: deps
	$(Q)scripts/fuzz_planted.sh $(FUZZ_PLANTED_SECONDS)

# Mutation testing (scripts/mutation.py): every code line of the library
# mutated, each mutant built and judged by the host tests. Resumable; per
# file or sampled: make mutation MUTATION_ARGS="--file src/dma_core.c --sample 50".
MUTATION_ARGS ?=
mutation: deps
	python3 scripts/mutation.py $(MUTATION_ARGS)

# cppcheck and clang-tidy on the library, zero findings (.clang-tidy).
static-analysis:
	$(Q)scripts/static_analysis.sh

# The CMake entry point users add to their projects must keep building.
# The README's recipe from an application outside the tree (run), and a
# Cortex-M application with the toolchain file and DMA_PORT set by the
# parent on the first configure.
cmake-build:
	$(Q)rm -rf $(BUILD)/cmake-prefix $(BUILD)/cmake-installed-app
	$(Q)cmake -S . -B $(BUILD)/cmake -DDMA_BUILD_DEMO=ON -DCMAKE_C_FLAGS="$(WARN)" \
	  -DCMAKE_INSTALL_PREFIX=$(abspath $(BUILD)/cmake-prefix) >/dev/null
	$(Q)+cmake --build $(BUILD)/cmake
	$(Q)cmake --install $(BUILD)/cmake >/dev/null
	$(Q)cmake -S tests/install -B $(BUILD)/cmake-installed-app \
	  -DCMAKE_PREFIX_PATH=$(abspath $(BUILD)/cmake-prefix) >/dev/null
	$(Q)+cmake --build $(BUILD)/cmake-installed-app
	$(Q)./$(BUILD)/cmake-installed-app/app
	$(Q)rm -rf $(BUILD)/cmake-host $(BUILD)/cmake-m33
	$(Q)cmake -S tests/cmake/host -B $(BUILD)/cmake-host >/dev/null
	$(Q)+cmake --build $(BUILD)/cmake-host
	$(Q)./$(BUILD)/cmake-host/app
	$(Q)cmake -S tests/cmake/cortex_m -B $(BUILD)/cmake-m33 -DCMAKE_TOOLCHAIN_FILE=$(CURDIR)/cmake/arm-none-eabi.cmake >/dev/null
	$(Q)+cmake --build $(BUILD)/cmake-m33

# Concurrency stress (TSan) and fault injection (ASan+UBSan): short in make
# check, long in make stress.
STRESS_CHECK_SECONDS ?= 15
STRESS_SECONDS ?= 120
FAULT_CHECK_ITERATIONS ?= 500
FAULT_ITERATIONS ?= 20000
RACE_CHECK_TRIES ?= 20000
RACE_TRIES ?= 1000000
STRESS_BINS := $(BUILD)/tsan/stress $(BUILD)/host/stress $(BUILD)/asan/faults $(BUILD)/tsan/races $(BUILD)/host/races

stress: $(STRESS_BINS)
	$(Q)scripts/run_tests.sh --timeout $$(( $(STRESS_SECONDS) * 3 + 60 )) \
	  "stress-tsan=$(BUILD)/tsan/stress $(STRESS_SECONDS)" \
	  "stress=$(BUILD)/host/stress $(STRESS_SECONDS)" \
	  "faults=$(BUILD)/asan/faults $(FAULT_ITERATIONS) 12345" \
	  "races-tsan=$(BUILD)/tsan/races $(RACE_TRIES)" \
	  "races=$(BUILD)/host/races $(RACE_TRIES)"

# docs/bad-inputs.md is generated by running every invalid input the suite
# checks; make check fails if the committed table differs from a fresh run.
bad-inputs-table: $(BUILD)/host/conformance_emul
	$(Q)scripts/bad_inputs_table.sh ./$(BUILD)/host/conformance_emul > docs/bad-inputs.md

check-bad-inputs-table: $(BUILD)/host/conformance_emul
	@scripts/bad_inputs_table.sh ./$(BUILD)/host/conformance_emul | diff -u docs/bad-inputs.md - \
	  && echo "docs/bad-inputs.md matches a fresh run" \
	  || { echo "docs/bad-inputs.md is out of date: run make bad-inputs-table"; exit 1; }

test: $(TEST_BINS) $(BUILD)/host/demo $(BUILD)/host/uart_rx_ring target cross $(FUZZ_BINS) $(STRESS_BINS) check-bad-inputs-table
	@mkdir -p $(BUILD)/logs
	$(Q)./$(BUILD)/host/demo > $(BUILD)/logs/demo.log 2>&1 || { cat $(BUILD)/logs/demo.log; exit 1; }
	@echo "demo ran (output in $(BUILD)/logs/demo.log)"
	$(Q)cd $(BUILD) && ./host/uart_rx_ring > logs/uart_rx_ring.log 2>&1 || { cat logs/uart_rx_ring.log; exit 1; }
	@echo "UART RX ring example ran: $$(tail -n 1 $(BUILD)/logs/uart_rx_ring.log)"
	$(Q)cd $(BUILD) && ./host/uart_rx_ring --virtual logs/uart_virtual_1.vcd > logs/uart_virtual_1.log 2>&1 && \
	  ./host/uart_rx_ring --virtual logs/uart_virtual_2.vcd > logs/uart_virtual_2.log 2>&1 && \
	  cmp logs/uart_virtual_1.vcd logs/uart_virtual_2.vcd && \
	  sed 's/_[12]\.vcd//' logs/uart_virtual_1.log > logs/uart_virtual_1.txt && \
	  sed 's/_[12]\.vcd//' logs/uart_virtual_2.log > logs/uart_virtual_2.txt && \
	  cmp -s logs/uart_virtual_1.txt logs/uart_virtual_2.txt \
	  || { echo "UART example on virtual time: two runs differ (or failed)"; cat logs/uart_virtual_1.log; exit 1; }
	@echo "UART RX ring example on virtual time: two runs, byte-identical VCD and output"
	$(Q)$(QEMU_RUN) $(BUILD)/mps2_an505/example.elf > $(BUILD)/logs/qemu_example.log 2>&1 || { cat $(BUILD)/logs/qemu_example.log; exit 1; }
	@echo "QEMU example ran (output in $(BUILD)/logs/qemu_example.log)"
	$(Q)$(QEMU_ZYNQ) $(BUILD)/zynq7000/example.elf > $(BUILD)/logs/zynq_example.log 2>&1 || { cat $(BUILD)/logs/zynq_example.log; exit 1; }
	@echo "Zynq PL330 example ran (output in $(BUILD)/logs/zynq_example.log)"
	$(Q)$(QEMU_SIFIVE) $(BUILD)/sifive_u/example.elf > $(BUILD)/logs/riscv_example.log 2>&1 || { cat $(BUILD)/logs/riscv_example.log; exit 1; }
	@echo "RISC-V PDMA example ran (output in $(BUILD)/logs/riscv_example.log)"
	@$(FOOTPRINT)
	$(Q)scripts/run_doc_snippet.sh docs/writing-a-driver.md "Running the conformance suite on your driver" > $(BUILD)/logs/doc_driver_recipe.log 2>&1 || { cat $(BUILD)/logs/doc_driver_recipe.log; exit 1; }
	@echo "docs/writing-a-driver.md's build recipe ran: $$(tail -n 1 $(BUILD)/logs/doc_driver_recipe.log)"
	$(Q)scripts/run_doc_snippet.sh docs/getting-started.md "Your own program on the Zynq board" > $(BUILD)/logs/doc_zynq_recipe.log 2>&1 || { cat $(BUILD)/logs/doc_zynq_recipe.log; exit 1; }
	@echo "docs/getting-started.md's Zynq recipe ran: $$(tail -n 1 $(BUILD)/logs/doc_zynq_recipe.log)"
	$(Q)scripts/run_doc_snippet.sh docs/getting-started.md "Your own program on the sifive_u board" > $(BUILD)/logs/doc_riscv_recipe.log 2>&1 || { cat $(BUILD)/logs/doc_riscv_recipe.log; exit 1; }
	@echo "docs/getting-started.md's RISC-V recipe ran: $$(tail -n 1 $(BUILD)/logs/doc_riscv_recipe.log)"
	$(Q)scripts/run_doc_snippet.sh README.md "Adding it to a project" > $(BUILD)/logs/readme_make_recipe.log 2>&1 || { cat $(BUILD)/logs/readme_make_recipe.log; exit 1; }
	@echo "README's Make recipe with its example ran (-std=c11, 9 copies on 8 channels)"
	$(Q)scripts/run_doc_snippet.sh docs/porting.md "Leaving features out" > $(BUILD)/logs/doc_lean_recipe.log 2>&1 || { cat $(BUILD)/logs/doc_lean_recipe.log; exit 1; }
	@echo "docs/porting.md's lean build ran: $$(tail -n 1 $(BUILD)/logs/doc_lean_recipe.log)"
	@# Every C snippet in the docs, as written (README's is built by the recipe above).
	$(Q)scripts/check_doc_c.sh $(BUILD) docs/getting-started.md "1. On your host, with the emulated controller" run > $(BUILD)/logs/doc_snippets.log 2>&1 || { cat $(BUILD)/logs/doc_snippets.log; exit 1; }
	$(Q)scripts/check_doc_c.sh $(BUILD) docs/getting-started.md "Deterministic tests on virtual time" run >> $(BUILD)/logs/doc_snippets.log 2>&1 || { cat $(BUILD)/logs/doc_snippets.log; exit 1; }
	$(Q)scripts/check_doc_c.sh $(BUILD) docs/peripheral-dma.md "Attaching your own peripheral model" compile >> $(BUILD)/logs/doc_snippets.log 2>&1 || { cat $(BUILD)/logs/doc_snippets.log; exit 1; }
	$(Q)scripts/check_doc_c.sh $(BUILD) docs/peripheral-dma.md "The timeline trace" compile >> $(BUILD)/logs/doc_snippets.log 2>&1 || { cat $(BUILD)/logs/doc_snippets.log; exit 1; }
	@echo "the C snippets of the docs compiled (and the getting-started program ran)"
	$(Q)scripts/run_tests.sh $(TEST_BINS) "mps2-an505/conformance=$(QEMU_RUN) $(BUILD)/mps2_an505/conformance.elf" \
	  "zynq7000/conformance=$(QEMU_ZYNQ) $(BUILD)/zynq7000/conformance.elf" \
	  "sifive_u/conformance=$(QEMU_SIFIVE) $(BUILD)/sifive_u/conformance.elf" \
	  "fuzz-api=$(FUZZ_API_CMD) -runs=$(FUZZ_CHECK_RUNS_API)" \
	  "fuzz-config=$(FUZZ_CONFIG_CMD) -runs=$(FUZZ_CHECK_RUNS_CONFIG)" \
	  "fuzz-planted=scripts/fuzz_planted.sh $(FUZZ_PLANTED_SECONDS)" \
	  "stress-tsan=$(BUILD)/tsan/stress $(STRESS_CHECK_SECONDS)" \
	  "faults=$(BUILD)/asan/faults $(FAULT_CHECK_ITERATIONS)" \
	  "races-tsan=$(BUILD)/tsan/races $(RACE_CHECK_TRIES)" \
	  "races=$(BUILD)/host/races $(RACE_CHECK_TRIES)" \
	  "headers=scripts/check_headers.sh $(BUILD)"
	$(Q)scripts/compare_skips.sh $(BUILD)/logs/build_host_conformance_profiles.log $(BUILD)/logs/mps2-an505_conformance.log

check: deps
	$(Q)$(MAKE) --no-print-directory no-heap cmake-build install-check docs static-analysis
	$(Q)$(MAKE) --no-print-directory test

# ---------------------------------------------------------------- docs
# The API reference (Doxygen; any warning, including undocumented public API,
# fails the build) with the state machine drawn from docs/state_machine.dot,
# which is also rendered to docs/state_machine.svg for the README.
docs: deps
	@mkdir -p $(BUILD)/docs
	$(Q)dot -Tsvg docs/state_machine.dot -o docs/state_machine.svg
	$(Q)doxygen docs/Doxyfile || { cat $(BUILD)/docs/warnings.log; exit 1; }
	@if [ -s $(BUILD)/docs/warnings.log ]; then cat $(BUILD)/docs/warnings.log; exit 1; fi
	@echo "docs: $(BUILD)/docs/html/index.html"

# ---------------------------------------------------------------- benchmarks
BENCH_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_ISOC11_SOURCE -O2 -g $(WARN) $(INCLUDES) -Iport/posix

$(BUILD)/bench/bench_calls: $(CORE_SRCS) port/posix/dma_port.c boards/host/startup.c bench/bench_calls.c $(wildcard include/dma/*.h src/*.h)
	@mkdir -p $(dir $@)
	$(call show,LD,$@)
	$(Q)$(CC) $(BENCH_CFLAGS) $(filter %.c,$^) -o $@ -pthread

$(BUILD)/bench/bench_emul: $(HOST_LIB_SRCS) bench/bench_emul.c $(wildcard include/dma/*.h src/*.h)
	@mkdir -p $(dir $@)
	$(call show,LD,$@)
	$(Q)$(CC) $(BENCH_CFLAGS) $(filter %.c,$^) -o $@ -pthread

bench-record: bench
	$(Q)mkdir -p docs/bench
	$(Q)cp $(BUILD)/bench/results.csv $(BUILD)/bench/results.md $(BUILD)/bench/throughput.png docs/bench/

bench:
	@scripts/install_deps.sh --bench
	$(Q)$(MAKE) --no-print-directory $(BUILD)/bench/bench_calls $(BUILD)/bench/bench_emul $(BUILD)/mps2_an505/bench.elf $(BUILD)/zynq7000/bench.elf $(BUILD)/sifive_u/bench.elf cross cross-riscv
	$(Q)bench/run_all.sh $(BUILD)

clean:
	$(Q)rm -rf $(BUILD)
