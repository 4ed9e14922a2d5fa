// Plain C++ view of the CUDA runtime for the engine (no CUDA types cross this header):
// device enumeration and library versions. Implemented in kernels/ (compiled by nvcc).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lathe::kernels {

struct CudaDeviceProperties {
    int index = 0;
    std::string name;
    std::uint64_t totalBytes = 0;
    std::uint64_t freeBytes = 0;
    int major = 0;
    int minor = 0;
};

// Fills `devices`; returns an empty string on success, else why there are none
// ("no CUDA driver is installed", "the CUDA driver is older than the runtime", ...).
std::string listCudaDevices(std::vector<CudaDeviceProperties>& devices);

int cudaRuntimeVersion();  // e.g. 13000
int cudaDriverVersion();   // 0 when there is no driver
std::size_t cublasLtVersion();
int ncclVersion();

}  // namespace lathe::kernels
