# SPDX-License-Identifier: Apache-2.0
# CMake toolchain file for Cortex-M with Debian's arm-none-eabi-gcc:
#   cmake -DCMAKE_TOOLCHAIN_FILE=path/to/dma/cmake/arm-none-eabi.cmake -DDMA_CPU=cortex-m33 ...
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
if(NOT DEFINED DMA_CPU)
  set(DMA_CPU cortex-m33)
endif()
set(CMAKE_C_FLAGS_INIT "-mcpu=${DMA_CPU} -mthumb -ffunction-sections -fdata-sections")
