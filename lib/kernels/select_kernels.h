// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The kernel table a model runs for its KernelEngine, float or integer.
#ifndef BITSTATE_KERNELS_SELECT_KERNELS_H_
#define BITSTATE_KERNELS_SELECT_KERNELS_H_

#include "bitstate/error.h"
#include "bitstate/kernel_engine.h"

namespace bitstate {
namespace kernels {

// `xsimd` is null where that engine has no such table (not built, or no
// integer kernels); choosing it then throws `unavailable`.
template <typename Table>
const Table* SelectKernels(KernelEngine engine, const Table& simd, const Table& scalar,
                           const Table* xsimd, const char* unavailable) {
  switch (engine) {
    case KernelEngine::kSimd: return &simd;
    case KernelEngine::kScalarReference: return &scalar;
    case KernelEngine::kXsimd:
      if (xsimd == nullptr) throw Error(unavailable);
      return xsimd;
  }
  throw Error("unknown kernel engine");
}

}  // namespace kernels
}  // namespace bitstate

#endif  // BITSTATE_KERNELS_SELECT_KERNELS_H_
