// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Compiles int_kernels-inl.h for every Highway target and exports one integer
// kernel table per target.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/int_kernels-inl.h"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"
#include "kernels/int_kernels-inl.h"

#if HWY_ONCE
namespace bitstate {
namespace kernels {

#if BITSTATE_HWY_STATIC
const IntKernelTable& DispatchedIntKernels() { return *HWY_STATIC_DISPATCH(GetIntKernelTable)(); }
#else
HWY_EXPORT(GetIntKernelTable);

const IntKernelTable& DispatchedIntKernels() { return *HWY_DYNAMIC_DISPATCH(GetIntKernelTable)(); }
#endif

}  // namespace kernels
}  // namespace bitstate
#endif  // HWY_ONCE
