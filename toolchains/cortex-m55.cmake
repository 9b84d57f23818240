# Cortex-M55 with Helium (MVE) and its FPU (e.g. Alif Ensemble), under qemu's
# mps3-an547. The int8 kernel uses MVE (arm_mve.h).
set(BITSTATE_CORTEX_M_FLAGS "-mcpu=cortex-m55 -mthumb -mfloat-abi=hard -mfpu=auto")
set(BITSTATE_BOARD mps3-an547)
include(${CMAKE_CURRENT_LIST_DIR}/cortex-m.cmake)
