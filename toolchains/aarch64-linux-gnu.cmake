# Cross-compile for 64-bit ARM Linux (Debian: g++-aarch64-linux-gnu, qemu-user,
# and Highway from multiarch: dpkg --add-architecture arm64; apt-get install
# libhwy-dev:arm64). Highway dispatches at run time between NEON, SVE and
# SVE2; ctest runs every test under qemu-user (QEMU_CPU=cortex-a53 selects
# the NEON path, qemu's default CPU runs SVE2).
set(BITSTATE_CROSS_TRIPLET aarch64-linux-gnu)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
# The multiarch libhwy.so lives in /usr/lib/aarch64-linux-gnu, outside qemu's
# sysroot, hence the LD_LIBRARY_PATH for the guest.
set(CMAKE_CROSSCOMPILING_EMULATOR
    qemu-aarch64 -L /usr/aarch64-linux-gnu -E LD_LIBRARY_PATH=/usr/lib/aarch64-linux-gnu)
