# Cortex-M4 with its single-precision FPU (e.g. STM32F4, nRF52840), under
# qemu's mps2-an386. The int8 kernel uses the DSP extension (SXTAB16).
set(BITSTATE_CORTEX_M_FLAGS "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
set(BITSTATE_BOARD mps2-an386)
include(${CMAKE_CURRENT_LIST_DIR}/cortex-m.cmake)
