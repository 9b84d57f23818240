// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Compiles step_kernels-inl.h for every Highway target and exports one float
// and one integer kernel table per target.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/step_kernels-inl.h"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"
#include "kernels/step_kernels-inl.h"

#if HWY_ONCE
namespace bitstate {
namespace kernels {

#if BITSTATE_HWY_STATIC
// One target chosen at compile time (armv7: Highway 1.0.3 cannot dispatch
// there, see toolchains/arm-linux-gnueabihf.cmake).
const KernelTable& DispatchedKernels() { return *HWY_STATIC_DISPATCH(GetKernelTable)(); }
const IntKernelTable& DispatchedIntKernels() { return *HWY_STATIC_DISPATCH(GetIntKernelTable)(); }
#else
HWY_EXPORT(GetKernelTable);
HWY_EXPORT(GetIntKernelTable);

const KernelTable& DispatchedKernels() { return *HWY_DYNAMIC_DISPATCH(GetKernelTable)(); }
const IntKernelTable& DispatchedIntKernels() { return *HWY_DYNAMIC_DISPATCH(GetIntKernelTable)(); }
#endif

}  // namespace kernels
}  // namespace bitstate
#endif  // HWY_ONCE
