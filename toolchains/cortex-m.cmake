# Shared part of the bare-metal Cortex-M toolchain files (arm-none-eabi-gcc
# and newlib from Debian): set BITSTATE_CORTEX_M_FLAGS and BITSTATE_BOARD,
# then include this. The build is then the firmware runtime
# (bitstate_runtime: no heap, exceptions, RTTI or files) and the firmware
# programs of examples/firmware and tests/firmware, run under
# qemu-system-arm on BITSTATE_BOARD (.ci/firmware-test).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
# No OS to link a test program against: compiler checks build a library.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Sections per function and object, so that --gc-sections drops what a
# firmware does not call.
set(CMAKE_C_FLAGS_INIT "${BITSTATE_CORTEX_M_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT
    "${BITSTATE_CORTEX_M_FLAGS} -ffunction-sections -fdata-sections -fno-exceptions -fno-rtti -fno-threadsafe-statics")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,--gc-sections --specs=rdimon.specs -nostartfiles")
set(CMAKE_CROSSCOMPILING_EMULATOR "")
set(BITSTATE_FIRMWARE ON CACHE BOOL "Bare-metal firmware build" FORCE)
set(BITSTATE_BOARD ${BITSTATE_BOARD} CACHE STRING "qemu-system-arm board (examples/firmware/boards)")
