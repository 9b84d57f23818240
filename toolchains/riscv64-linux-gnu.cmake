# Cross-compile for 64-bit RISC-V Linux (rv64gc), Debian's g++-riscv64-linux-gnu
# and qemu-user. Highway 1.0.3's RISC-V vector target is experimental and gcc 12
# has no RVV intrinsics, so bitstate is built, as on armv7, with the Highway
# headers only and one target fixed at compile time: there the scalar one
# (Highway's EMU128/SCALAR code). No riscv64 package beyond the compiler is
# needed. Tests run under qemu-riscv64.
set(BITSTATE_CROSS_TRIPLET riscv64-linux-gnu)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
set(BITSTATE_HWY_STATIC ON CACHE BOOL "Highway static dispatch (riscv64: scalar)" FORCE)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-riscv64 -L /usr/riscv64-linux-gnu)
