// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Built with BITSTATE_XSIMD=OFF: no xsimd backend.
#include "kernels/kernel_table.h"

namespace bitstate {
namespace kernels {

const KernelTable* XsimdKernels() { return nullptr; }

}  // namespace kernels
}  // namespace bitstate
