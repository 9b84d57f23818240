// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Compiles step_kernels-inl.h for every Highway target and exports one
// kernel table per target.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/step_kernels-inl.h"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"
#include "kernels/step_kernels-inl.h"

#if HWY_ONCE
namespace bitstate {
namespace kernels {

HWY_EXPORT(GetKernelTable);

const KernelTable& DispatchedKernels() {
  return *HWY_DYNAMIC_DISPATCH(GetKernelTable)();
}

}  // namespace kernels
}  // namespace bitstate
#endif  // HWY_ONCE
