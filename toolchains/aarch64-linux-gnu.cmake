# Cross-compile for 64-bit ARM Linux (Debian: g++-aarch64-linux-gnu, qemu-user,
# and Highway from multiarch: dpkg --add-architecture arm64; apt-get install
# libhwy-dev:arm64). Highway dispatches at run time between NEON, SVE and
# SVE2; ctest runs every test under qemu-user (QEMU_CPU=cortex-a53 selects
# the NEON path, qemu's default CPU runs SVE2).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
# The multiarch libhwy.so lives in /usr/lib/aarch64-linux-gnu, outside qemu's
# sysroot, hence the LD_LIBRARY_PATH for the guest.
set(CMAKE_CROSSCOMPILING_EMULATOR
    qemu-aarch64 -L /usr/aarch64-linux-gnu -E LD_LIBRARY_PATH=/usr/lib/aarch64-linux-gnu)
