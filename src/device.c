/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Device registry: device definitions place a pointer to themselves in the
 * "dma_devices" linker section; GNU ld brackets it with __start_/__stop_
 * symbols. Weak references keep images with no device linkable.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dma/device.h"

extern const struct device *const __start_dma_devices[] __attribute__((weak));
extern const struct device *const __stop_dma_devices[] __attribute__((weak));

/*
 * Number of registered devices. The section bounds are distinct objects to
 * the compiler, so they are compared as integers, not as pointers.
 */
static size_t device_count(void)
{
	return ((uintptr_t)__stop_dma_devices - (uintptr_t)__start_dma_devices) /
	       sizeof(const struct device *);
}

int device_init(const struct device *dev)
{
	if (dev == NULL) {
		return -1;
	}
	if (!dev->state->initialized) {
		dev->state->init_res = dev->init != NULL ? dev->init(dev) : 0;
		dev->state->initialized = true;
	}
	return dev->state->init_res;
}

void device_init_all(void)
{
	for (size_t i = 0; i < device_count(); i++) {
		(void)device_init(__start_dma_devices[i]);
	}
}

bool device_is_ready(const struct device *dev)
{
	return dev != NULL && dev->state->initialized && dev->state->init_res == 0;
}

const char *device_init_failure(const struct device *dev)
{
	if (dev == NULL || !dev->state->initialized || dev->state->init_res == 0) {
		return NULL;
	}
	return dev->state->init_reason != NULL ? dev->state->init_reason
					       : "its init function failed and gave no reason";
}

static const struct device *find(const char *name)
{
	for (size_t i = 0; name != NULL && i < device_count(); i++) {
		const struct device *d = __start_dma_devices[i];

		if (strcmp(d->name, name) == 0) {
			return d;
		}
	}
	return NULL;
}

const char *device_not_ready_reason(const char *name)
{
	const struct device *d = find(name);

	if (d == NULL) {
		return "no device of that name is linked in: link the objects that define "
		       "it directly (an archive member nothing else refers to is dropped), "
		       "and keep the dma_devices section (KEEP(*(dma_devices))) on bare metal";
	}
	if (!d->state->initialized) {
		return "it was not initialised: call device_init_all() at start-up";
	}
	return device_init_failure(d);
}

const struct device *device_get_binding(const char *name)
{
	const struct device *d = find(name);

	return device_is_ready(d) ? d : NULL;
}
