// Device enumeration through the CUDA runtime. With no driver the runtime answers
// cudaErrorInsufficientDriver / cudaErrorNoDevice; both become a reason, not an error.
#include "kernels/common/cuda_runtime_info.h"

#include <cuda_runtime.h>

namespace lathe::kernels {

std::string listCudaDevices(std::vector<CudaDeviceProperties>& devices)
{
    devices.clear();
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status == cudaErrorInsufficientDriver) {
        return cudaDriverVersion() == 0 ? "no CUDA driver is installed"
                                        : "the CUDA driver is older than the CUDA " +
                                              std::to_string(cudaRuntimeVersion() / 1000) + " runtime Lathe was built with";
    }
    if (status == cudaErrorNoDevice) {
        return "the CUDA driver found no GPU";
    }
    if (status != cudaSuccess) {
        return std::string("CUDA could not be initialised: ") + cudaGetErrorString(status);
    }
    for (int i = 0; i < count; ++i) {
        cudaDeviceProp prop{};
        if (cudaGetDeviceProperties(&prop, i) != cudaSuccess) {
            continue;
        }
        CudaDeviceProperties d;
        d.index = i;
        d.name = prop.name;
        d.totalBytes = prop.totalGlobalMem;
        d.major = prop.major;
        d.minor = prop.minor;
        if (cudaSetDevice(i) == cudaSuccess) {
            std::size_t freeBytes = 0;
            std::size_t totalBytes = 0;
            if (cudaMemGetInfo(&freeBytes, &totalBytes) == cudaSuccess) {
                d.freeBytes = freeBytes;
                d.totalBytes = totalBytes;
            }
        }
        devices.push_back(d);
    }
    return devices.empty() ? "the CUDA driver found no GPU" : std::string();
}

int cudaRuntimeVersion()
{
    int version = 0;
    cudaRuntimeGetVersion(&version);
    return version;
}

int cudaDriverVersion()
{
    int version = 0;
    if (cudaDriverGetVersion(&version) != cudaSuccess) {
        return 0;
    }
    return version;
}

}  // namespace lathe::kernels
