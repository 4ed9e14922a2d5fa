// What compute devices this build and machine offer, and the versions of the GPU libraries,
// for `lathe-cli devices` and the About dialog. Never throws: a build without CUDA or a
// machine without a driver is reported as a reason, not an error.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lathe {

struct DeviceInfo {
    int index = 0;
    std::string name;
    std::string kind;  // "cuda" or "cpu"
    std::uint64_t totalBytes = 0;
    std::uint64_t freeBytes = 0;
    std::string computeCapability;  // "9.0" for CUDA devices, empty for the CPU
};

struct CudaDeviceReport {
    bool builtWithCuda = false;
    std::vector<DeviceInfo> devices;  // CUDA devices found (empty when none)
    std::string reason;               // why there are none: "built without CUDA", "no CUDA driver", ...
};

CudaDeviceReport queryCudaDevices();

// The host CPU as a device (name from /proc/cpuinfo, memory from /proc/meminfo).
DeviceInfo cpuDevice();

struct BackendVersions {
    std::string cudaRuntime;  // "13.0", or empty when built without CUDA
    std::string cudaDriver;   // highest CUDA version the driver supports, or empty when no driver
    std::string cublasLt;     // "13.1.0"
    std::string nccl;         // "2.28.9"
};

BackendVersions backendVersions();

}  // namespace lathe
