// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Firmware builds use Highway's headers without libhwy, whose only symbol
// the kernels reference is hwy::Abort (a failed HWY_ASSERT: never reached by
// bitstate's kernels). It stops the core where a debugger sees it.
#include "hwy/base.h"

namespace hwy {

HWY_NORETURN void HWY_FORMAT(3, 4) Abort(const char*, int, const char*, ...) {
  for (;;) __asm__ volatile("bkpt #0");
}

}  // namespace hwy
