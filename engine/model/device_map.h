// Where each part of a model lives: accelerate's device_map (module name -> GPU index, "cpu" or
// "disk"), as the Planner exports it and `--device-map FILE.json` reads it. A module takes the
// placement of the longest map key that is the module itself or one of its parents ("" covers
// the whole model), as accelerate resolves it.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>

namespace lathe {

struct Placement {
    enum class Kind { Cpu, Gpu, Disk };
    Kind kind = Kind::Cpu;
    int gpu = 0;  // Kind::Gpu: the CUDA device index

    static Placement cpu() { return {}; }
    static Placement disk() { return {Kind::Disk, 0}; }
    static Placement cudaDevice(int index) { return {Kind::Gpu, index}; }

    std::string toString() const;  // "cpu", "disk", "0", "1", ...
    bool operator==(const Placement&) const = default;
};

class DeviceMap {
public:
    // Everything on the CPU.
    DeviceMap() = default;

    // {"model.embed_tokens": 0, "model.layers.0": "cpu", "lm_head": "disk", ...}; values are
    // integers, "cpu", "disk", "cuda" or "cuda:N". Throws lathe::Error naming the key and value.
    static DeviceMap fromJson(const nlohmann::json& map, const std::string& file);
    static DeviceMap fromFile(const std::string& path);

    Placement resolve(std::string_view module) const;
    bool empty() const { return m_entries.empty(); }
    const std::map<std::string, Placement>& entries() const { return m_entries; }

private:
    std::map<std::string, Placement> m_entries;
};

}  // namespace lathe
