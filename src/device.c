/*
 * Device registry: device definitions place a pointer to themselves in the
 * "dma_devices" linker section; GNU ld brackets it with __start_/__stop_
 * symbols. Weak references keep images with no device linkable.
 */
#include <string.h>

#include "dma/device.h"

extern const struct device *const __start_dma_devices[] __attribute__((weak));
extern const struct device *const __stop_dma_devices[] __attribute__((weak));

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
	for (const struct device *const *d = __start_dma_devices; d < __stop_dma_devices; d++) {
		(void)device_init(*d);
	}
}

bool device_is_ready(const struct device *dev)
{
	return dev != NULL && dev->state->initialized && dev->state->init_res == 0;
}

const struct device *device_get_binding(const char *name)
{
	if (name == NULL) {
		return NULL;
	}
	for (const struct device *const *d = __start_dma_devices; d < __stop_dma_devices; d++) {
		if (strcmp((*d)->name, name) == 0) {
			return device_is_ready(*d) ? *d : NULL;
		}
	}
	return NULL;
}
