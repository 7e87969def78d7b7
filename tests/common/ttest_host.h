/* SPDX-License-Identifier: Apache-2.0 */
/* The ttest platform for test programs that run on a host. */
#ifndef TTEST_HOST_H_
#define TTEST_HOST_H_

#include "ttest.h"

extern const struct ttest_platform ttest_host_platform;

#endif /* TTEST_HOST_H_ */
