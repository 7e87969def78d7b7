/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief The device model: instances, registry, initialisation.
 *
 * The device model: a controller is a `const struct device` defined
 * statically (const configuration, mutable data, const operations), found by
 * name with device_get_binding() or used directly through the symbol its
 * definition macro created.
 */
#ifndef DMA_DEVICE_H_
#define DMA_DEVICE_H_

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Initialisation state of one device (mutable, one per device). */
struct device_state {
	/** Result of the device's init function, valid once @ref initialized. */
	int init_res;
	/** Why the init function failed (static text), NULL if it did not. */
	const char *init_reason;
	/** True once the init function has run. */
	bool initialized;
};

/** A device instance. Always used through a `const struct device *`. */
struct device {
	/** Name used by device_get_binding(). */
	const char *name;
	/** Read-only configuration of the instance (hardware facts). */
	const void *config;
	/** Operations table of the driver. */
	const void *api;
	/** Initialisation state. */
	struct device_state *state;
	/** Mutable run-time data of the instance. */
	void *data;
	/** Init function, run once by device_init_all() or device_init(). */
	int (*init)(const struct device *dev);
};

/**
 * @brief Find a device by name.
 *
 * @param name Name given in the device's definition.
 * @return The device if it exists and its initialisation succeeded, else NULL.
 */
const struct device *device_get_binding(const char *name);

/**
 * @brief Tell whether a device was initialised successfully.
 * @param dev The device, or NULL.
 * @return true if @p dev is non-NULL and its init function returned 0.
 */
bool device_is_ready(const struct device *dev);

/**
 * @brief Why a device is not ready, by name: for the application that got
 *        NULL from device_get_binding().
 * @param name The name given to device_get_binding().
 * @return NULL if the device is ready; otherwise a sentence: no device of
 *         that name is linked in (e.g. its object was left in an archive
 *         and dropped by the linker, or the linker script lacks
 *         KEEP(*(dma_devices))), it was not initialised, or why its init
 *         function refused the instance (as device_init_failure()).
 */
const char *device_not_ready_reason(const char *name);

/**
 * @brief Why a device's init function refused it.
 * @param dev The device.
 * @return The reason (static text), or NULL if it did not fail.
 */
const char *device_init_failure(const struct device *dev);

/**
 * @brief Run the init function of every defined device that has not run yet.
 *
 * Called once at start-up: on the host by a constructor in
 * boards/host/startup.c (link it in), and by the board's start-up code on
 * bare metal before main(). Not reentrant.
 */
void device_init_all(void);

/**
 * @brief Run one device's init function if it has not run yet.
 * @param dev The device.
 * @return the init function's result (-1 for a NULL device).
 */
int device_init(const struct device *dev);

/**
 * @cond INTERNAL_HIDDEN
 * Devices are registered by placing a pointer to them in the linker section
 * "dma_devices". GNU ld provides __start_/__stop_ symbols for it; bare-metal
 * linker scripts must KEEP() the section.
 */
#define DEVICE_REGISTER_(sym)                                                  \
	__attribute__((used, section("dma_devices"))) static const struct device \
		*const sym##_registration_ = &sym
/** @endcond */

/**
 * @brief Define a device instance and register it for device_get_binding().
 *
 * @param sym     C identifier of the `const struct device` object.
 * @param dev_name Name string.
 * @param init_fn Init function.
 * @param data_ptr Pointer to the mutable data.
 * @param config_ptr Pointer to the const configuration.
 * @param api_ptr Pointer to the const operations table.
 */
#define DEVICE_DEFINE_STATIC(sym, dev_name, init_fn, data_ptr, config_ptr, api_ptr) \
	static struct device_state sym##_state_;                                   \
	const struct device sym = {                                                \
		.name = (dev_name),                                                \
		.config = (config_ptr),                                            \
		.api = (api_ptr),                                                  \
		.state = &sym##_state_,                                            \
		.data = (data_ptr),                                                \
		.init = (init_fn),                                                 \
	};                                                                         \
	DEVICE_REGISTER_(sym)

#ifdef __cplusplus
}
#endif

#endif /* DMA_DEVICE_H_ */
