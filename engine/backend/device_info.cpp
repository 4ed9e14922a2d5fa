// Devices and versions: asks kernels/ when built with CUDA, else says so.
#include "backend/device_info.h"

#include <fstream>
#include <sstream>

#ifdef LATHE_WITH_CUDA
#include "kernels/common/cuda_runtime_info.h"
#endif

namespace lathe {
namespace {

#ifdef LATHE_WITH_CUDA
std::string dotted(int major, int minor, int patch = -1)
{
    std::string s = std::to_string(major) + "." + std::to_string(minor);
    if (patch >= 0) {
        s += "." + std::to_string(patch);
    }
    return s;
}
#endif

}  // namespace

CudaDeviceReport queryCudaDevices()
{
    CudaDeviceReport report;
#ifdef LATHE_WITH_CUDA
    report.builtWithCuda = true;
    std::vector<kernels::CudaDeviceProperties> devices;
    try {
        report.reason = kernels::listCudaDevices(devices);
    } catch (const std::exception& e) {
        report.reason = e.what();
    }
    for (const auto& d : devices) {
        DeviceInfo info;
        info.index = d.index;
        info.name = d.name;
        info.kind = "cuda";
        info.totalBytes = d.totalBytes;
        info.freeBytes = d.freeBytes;
        info.computeCapability = dotted(d.major, d.minor);
        report.devices.push_back(info);
    }
#else
    report.reason = "Lathe was built without CUDA";
#endif
    return report;
}

DeviceInfo cpuDevice()
{
    DeviceInfo cpu;
    cpu.index = 0;
    cpu.kind = "cpu";
    cpu.name = "CPU";
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) {
                cpu.name = line.substr(line.find_first_not_of(' ', colon + 1));
            }
            break;
        }
    }
    std::ifstream meminfo("/proc/meminfo");
    for (std::string line; std::getline(meminfo, line);) {
        std::istringstream fields(line);
        std::string key;
        std::uint64_t kib = 0;
        fields >> key >> kib;
        if (key == "MemTotal:") {
            cpu.totalBytes = kib * 1024;
        } else if (key == "MemAvailable:") {
            cpu.freeBytes = kib * 1024;
        }
    }
    return cpu;
}

BackendVersions backendVersions()
{
    BackendVersions v;
#ifdef LATHE_WITH_CUDA
    const int runtime = kernels::cudaRuntimeVersion();
    v.cudaRuntime = dotted(runtime / 1000, (runtime % 1000) / 10);
    const int driver = kernels::cudaDriverVersion();
    if (driver > 0) {
        v.cudaDriver = dotted(driver / 1000, (driver % 1000) / 10);
    }
    const std::size_t lt = kernels::cublasLtVersion();
    v.cublasLt = dotted(static_cast<int>(lt / 10000), static_cast<int>((lt / 100) % 100), static_cast<int>(lt % 100));
    const int nccl = kernels::ncclVersion();
    if (nccl > 0) {
        v.nccl = dotted(nccl / 10000, (nccl / 100) % 100, nccl % 100);
    }
#endif
    return v;
}

}  // namespace lathe
