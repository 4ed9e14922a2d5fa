// devices: the CUDA devices this build can use, or a clear line why there are none, and the CPU.
#include "arguments.h"
#include "commands.h"

#include "backend/device_info.h"
#include "core/byte_size.h"

#include <iostream>

namespace lathe::cli {

int runDevices(const Args& raw)
{
    const Arguments args(raw, {"json"}, {});
    args.expectPositionals({});
    const CudaDeviceReport cuda = queryCudaDevices();
    std::vector<DeviceInfo> devices = cuda.devices;
    devices.push_back(cpuDevice());
    if (args.flag("json")) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const DeviceInfo& d : devices) {
            out.push_back({{"index", d.index}, {"name", d.name}, {"kind", d.kind}, {"total_bytes", d.totalBytes}, {"free_bytes", d.freeBytes}});
        }
        printJson(out);
        if (cuda.devices.empty()) {
            std::cerr << "no CUDA devices: " << cuda.reason << "\n";
        }
        return 0;
    }
    if (cuda.devices.empty()) {
        std::cout << "No CUDA devices: " << cuda.reason << ".\n";
    }
    for (const DeviceInfo& d : devices) {
        std::cout << (d.kind == "cuda" ? "cuda:" + std::to_string(d.index) : std::string("cpu")) << "  " << d.name;
        if (!d.computeCapability.empty()) {
            std::cout << " (sm_" << d.computeCapability.substr(0, d.computeCapability.find('.'))
                      << d.computeCapability.substr(d.computeCapability.find('.') + 1) << ")";
        }
        std::cout << "  " << formatByteSize(d.freeBytes) << " free of " << formatByteSize(d.totalBytes) << "\n";
    }
    return 0;
}

}  // namespace lathe::cli
