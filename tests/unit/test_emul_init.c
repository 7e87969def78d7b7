/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The emulated controller's start-up when the system refuses what it needs
 * (its semaphore, its engine thread): the device is not ready, its init
 * returns the system's errno, the reason names the refusal, and nothing is
 * left behind. And when nothing is refused: the device runs a transfer, its
 * callback in interrupt context (the engine thread plays the interrupt).
 *
 * Linked with --wrap for sem_init, sem_destroy, pthread_attr_init and
 * pthread_create, and without the start-up constructor: each device is
 * initialised by the test, after it has chosen what the system refuses.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <string.h>

#include "dma/dma_emul.h"
#include "dma/dma_port.h"
#include "ttest.h"
#include "ttest_host.h"

DMA_EMUL_DEFINE(emul_no_sem, "emul_no_semaphore", 2, 1);
DMA_EMUL_DEFINE(emul_no_attr, "emul_no_thread_attributes", 2, 1);
DMA_EMUL_DEFINE(emul_no_thread, "emul_no_thread", 2, 1);
DMA_EMUL_DEFINE(emul_ok, "emul_nothing_refused", 2, 1);

/* What the system refuses next (0: nothing), and the semaphores alive. */
static int refuse_sem, refuse_attr, refuse_thread;
static int sems_alive;

int __real_sem_init(sem_t *sem, int pshared, unsigned value);
int __wrap_sem_init(sem_t *sem, int pshared, unsigned value);
int __real_sem_destroy(sem_t *sem);
int __wrap_sem_destroy(sem_t *sem);
int __real_pthread_attr_init(pthread_attr_t *attr);
int __wrap_pthread_attr_init(pthread_attr_t *attr);
int __real_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *),
			  void *arg);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *),
			  void *arg);

int __wrap_sem_init(sem_t *sem, int pshared, unsigned value)
{
	if (refuse_sem != 0) {
		errno = refuse_sem;
		return -1;
	}
	sems_alive++;
	return __real_sem_init(sem, pshared, value);
}

int __wrap_sem_destroy(sem_t *sem)
{
	sems_alive--;
	return __real_sem_destroy(sem);
}

int __wrap_pthread_attr_init(pthread_attr_t *attr)
{
	return refuse_attr != 0 ? refuse_attr : __real_pthread_attr_init(attr);
}

int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *),
			  void *arg)
{
	return refuse_thread != 0 ? refuse_thread : __real_pthread_create(t, attr, fn, arg);
}

static void check_refused(const struct device *dev, const char *name, int err, const char *call)
{
	const char *reason;

	EXPECT_EQ(-err, device_init(dev));
	EXPECT_TRUE(!device_is_ready(dev), "%s is ready after the system refused %s", name, call);
	EXPECT_TRUE(device_get_binding(name) == NULL, "device_get_binding(\"%s\") found it", name);
	reason = device_init_failure(dev);
	EXPECT_TRUE(reason != NULL && strstr(reason, call) != NULL,
		    "reason for %s: \"%s\", expected one naming %s", name,
		    reason != NULL ? reason : "(none)", call);
	EXPECT_TRUE(sems_alive == 0, "%d semaphore(s) left after the refused init of %s",
		    sems_alive, name);
}

static void test_refusals_reported(void)
{
	if (!ttest_begin("emul-init/system-refusals-fail-the-device-with-reason")) {
		return;
	}
	refuse_sem = ENOSPC;
	check_refused(&emul_no_sem, "emul_no_semaphore", ENOSPC, "sem_init");
	refuse_sem = 0;
	refuse_attr = ENOMEM;
	check_refused(&emul_no_attr, "emul_no_thread_attributes", ENOMEM, "pthread_attr_init");
	refuse_attr = 0;
	refuse_thread = EAGAIN;
	check_refused(&emul_no_thread, "emul_no_thread", EAGAIN, "pthread_create");
	refuse_thread = 0;
	ttest_end();
}

static atomic_int done_status = INT_MIN; /* no callback yet */
static atomic_bool done_in_isr;

static void on_done(const struct device *dev, void *user_data, uint32_t ch, int status)
{
	(void)dev;
	(void)user_data;
	(void)ch;
	atomic_store(&done_in_isr, dma_port_in_isr());
	atomic_store(&done_status, status);
}

static bool finished(void *arg)
{
	(void)arg;
	return atomic_load(&done_status) != INT_MIN;
}

static void test_nothing_refused_runs(void)
{
	static uint8_t a[128], b[128];
	struct dma_block_config blk = {0};
	struct dma_config cfg = {0};

	if (!ttest_begin("emul-init/nothing-refused-runs-callbacks-as-interrupts")) {
		return;
	}
	ASSERT_EQ(0, device_init(&emul_ok));
	EXPECT_TRUE(sems_alive == 1, "%d semaphore(s) alive after a successful init, expected 1 "
		    "(the engine's, in use)", sems_alive);
	ASSERT_TRUE(device_get_binding("emul_nothing_refused") == &emul_ok,
		    "device_get_binding(\"emul_nothing_refused\") did not find it");
	for (unsigned i = 0; i < sizeof(a); i++) {
		a[i] = (uint8_t)(i * 3u + 1u);
	}
	blk.source_address = (uintptr_t)a;
	blk.dest_address = (uintptr_t)b;
	blk.block_size = sizeof(a);
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = 1;
	cfg.head_block = &blk;
	cfg.dma_callback = on_done;
	ASSERT_EQ(0, dma_config(&emul_ok, 1, &cfg));
	ASSERT_EQ(0, dma_start(&emul_ok, 1));
	ASSERT_TRUE(ttest_wait(finished, NULL, 5000), "no callback within 5 s");
	EXPECT_EQ(DMA_STATUS_COMPLETE, atomic_load(&done_status));
	EXPECT_EQ(0, memcmp(a, b, sizeof(a)));
	EXPECT_TRUE(atomic_load(&done_in_isr),
		    "dma_port_in_isr() false in the callback, expected true (the engine thread "
		    "plays the controller's interrupt)");
	ttest_end();
}

int main(void)
{
	ttest_init(&ttest_host_platform);
	test_refusals_reported();
	test_nothing_refused_runs();
	return ttest_summary("unit-emul-init") == 0 ? 0 : 1;
}
