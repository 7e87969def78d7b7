/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief The library's version: the one place it is written (the Makefile,
 *        CMake and the installed pkg-config and CMake package read it here).
 */
#ifndef DMA_DMA_VERSION_H_
#define DMA_DMA_VERSION_H_

/** Major version: incompatible API changes. */
#define DMA_VERSION_MAJOR 0
/** Minor version: added features. */
#define DMA_VERSION_MINOR 3
/** Patch version: fixes. */
#define DMA_VERSION_PATCH 0
/** The version as a string. */
#define DMA_VERSION_STRING "0.3.0"

#endif /* DMA_DMA_VERSION_H_ */
