# Cross-compile for 32-bit ARM Linux (armv7 hard-float, NEON), Debian's
# g++-arm-linux-gnueabihf and qemu-user. Highway 1.0.3 cannot dispatch at run
# time on armv7 (it never detects NEON there), so bitstate is built with the
# Highway headers only and the NEON target fixed at compile time
# (BITSTATE_HWY_STATIC); no armhf libhwy is needed. Tests run under qemu-arm.
set(BITSTATE_CROSS_TRIPLET arm-linux-gnueabihf)
set(CMAKE_SYSTEM_PROCESSOR armv7l)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
# Highway's headers use __fp16, which neon-vfpv4 only has in IEEE mode.
# -Wno-psabi: GCC notes an ABI change of GCC 7.1 on every std::vector
# iterator passed by value; irrelevant when one compiler builds everything.
set(CMAKE_C_FLAGS_INIT "-mfpu=neon-vfpv4 -mfp16-format=ieee")
set(CMAKE_CXX_FLAGS_INIT "-mfpu=neon-vfpv4 -mfp16-format=ieee -Wno-psabi")
set(BITSTATE_HWY_STATIC ON CACHE BOOL "Highway static dispatch (armv7)" FORCE)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm -L /usr/arm-linux-gnueabihf)
