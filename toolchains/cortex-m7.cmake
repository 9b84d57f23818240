# Cortex-M7 with its FPU (e.g. STM32F7/H7, i.MX RT), under qemu's mps2-an500.
# The int8 kernel uses the DSP extension (SXTAB16).
# Highway's headers use __fp16, which fpv5 only has in IEEE mode.
set(BITSTATE_CORTEX_M_FLAGS "-mcpu=cortex-m7 -mthumb -mfloat-abi=hard -mfpu=fpv5-d16 -mfp16-format=ieee")
set(BITSTATE_BOARD mps2-an500)
include(${CMAKE_CURRENT_LIST_DIR}/cortex-m.cmake)
