// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Which implementation of the step kernels a model runs.
#ifndef BITSTATE_KERNEL_ENGINE_H_
#define BITSTATE_KERNEL_ENGINE_H_

namespace bitstate {

enum class KernelEngine {
  kSimd,             // best Highway target of this CPU (the default)
  kScalarReference,  // plain loops; bit-identical results, for tests/benches
  kXsimd,            // float kernels written with xsimd (built with BITSTATE_XSIMD=ON)
};

}  // namespace bitstate

#endif  // BITSTATE_KERNEL_ENGINE_H_
