# Cross-compile for 32-bit ARM Linux (armv7 hard-float, NEON), Debian's
# g++-arm-linux-gnueabihf and qemu-user. Highway 1.0.3 cannot dispatch at run
# time on armv7 (it never detects NEON there), so bitstate is built with the
# Highway headers only and the NEON target fixed at compile time
# (BITSTATE_HWY_STATIC); no armhf libhwy is needed. Tests run under qemu-arm.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH /usr/arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
# Highway's headers use __fp16, which neon-vfpv4 only has in IEEE mode.
set(CMAKE_C_FLAGS_INIT "-mfpu=neon-vfpv4 -mfp16-format=ieee")
set(CMAKE_CXX_FLAGS_INIT "-mfpu=neon-vfpv4 -mfp16-format=ieee")
set(BITSTATE_HWY_STATIC ON CACHE BOOL "Highway static dispatch (armv7)" FORCE)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm -L /usr/arm-linux-gnueabihf)
