# Cortex-M3, no FPU and no DSP extension (e.g. STM32F1), under qemu's
# mps2-an385: the plain scalar kernels; float models run on soft floats.
set(BITSTATE_CORTEX_M_FLAGS "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")
set(BITSTATE_BOARD mps2-an385)
include(${CMAKE_CURRENT_LIST_DIR}/cortex-m.cmake)
