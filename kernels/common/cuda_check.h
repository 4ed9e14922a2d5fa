// Error checks for CUDA runtime calls that report the call site instead of aborting:
// kernels/ functions return or throw, the engine decides what a person sees.
#pragma once

#include <cuda_runtime.h>

#include <stdexcept>
#include <string>

namespace lathe::kernels {

inline void cudaCheckAt(cudaError_t status, const char* call, const char* file, int line)
{
    if (status != cudaSuccess) {
        throw std::runtime_error(std::string(file) + ":" + std::to_string(line) + ": " + call + ": " +
                                 cudaGetErrorString(status));
    }
}

}  // namespace lathe::kernels

#define LATHE_CUDA_CHECK(call) ::lathe::kernels::cudaCheckAt((call), #call, __FILE__, __LINE__)
