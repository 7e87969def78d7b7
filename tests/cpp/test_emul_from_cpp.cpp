// SPDX-License-Identifier: Apache-2.0
// The emulated controller driven from C++ (as a GoogleTest or Catch2 test
// would): a copy with a lambda-free C callback, fault injection, and the
// refusal hook. Prints "cpp: N passed, N failed".
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include "dma/dma_emul.h"

// An instance defined in a C++ file, as a test fixture would.
DMA_EMUL_DEFINE(cpp_emul, "cpp_emul", 2, 4);

static std::atomic<int> last_status{1};
static std::atomic<unsigned> calls{0};
static const char *reason;

extern "C" void on_done(const struct device *, void *, uint32_t, int status)
{
	last_status = status;
	calls++;
}

extern "C" void on_refusal(const struct device *, uint32_t, int, const char *why)
{
	reason = why;
}

static unsigned passed, failed;

static void check(bool ok, const char *what)
{
	std::printf("%s %s\n", ok ? "PASS" : "FAIL", what);
	(ok ? passed : failed)++;
}

static bool wait_calls(unsigned n)
{
	for (int i = 0; i < 5000 && calls < n; i++) {
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	}
	return calls >= n;
}

int main()
{
	static uint8_t src[512], dst[512];
	const struct device *dev = device_get_binding("dma_emul");
	struct dma_block_config blk = {};
	struct dma_config cfg = {};

	check(dev != nullptr, "cpp/dma_emul-ready");
	check(device_is_ready(&cpp_emul) && device_get_binding("cpp_emul") == &cpp_emul,
	      "cpp/instance-defined-in-cpp-ready");
	if (dev == nullptr) {
		std::printf("cpp: %u passed, %u failed\n", passed, failed);
		return 1;
	}
	for (unsigned i = 0; i < sizeof(src); i++) {
		src[i] = static_cast<uint8_t>(i * 5u + 3u);
	}
	blk.source_address = reinterpret_cast<uintptr_t>(src);
	blk.dest_address = reinterpret_cast<uintptr_t>(dst);
	blk.block_size = sizeof(src);
	cfg.channel_direction = MEMORY_TO_MEMORY;
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = 1;
	cfg.head_block = &blk;
	cfg.dma_callback = on_done;

	check(dma_config(dev, 0, &cfg) == 0 && dma_start(dev, 0) == 0, "cpp/config-and-start");
	check(wait_calls(1) && last_status == DMA_STATUS_COMPLETE &&
		      std::memcmp(src, dst, sizeof(src)) == 0,
	      "cpp/copy-completes-with-the-right-bytes");

	check(dma_emul_inject_fault(dev, 0, 0, 128, -EIO) == 0 && dma_start(dev, 0) == 0 &&
		      wait_calls(2) && last_status == -EIO,
	      "cpp/injected-bus-error-reaches-the-callback");

	dma_set_refusal_hook(on_refusal);
	check(dma_start(dev, 7) == -EINVAL && reason != nullptr, "cpp/refusal-hook-tells-why");
	dma_set_refusal_hook(nullptr);
	dma_release_channel(dev, 0);
	std::printf("cpp: %u passed, %u failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
