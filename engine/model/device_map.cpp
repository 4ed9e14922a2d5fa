// DeviceMap: parsing accelerate's dict and resolving module names by their longest prefix.
#include "model/device_map.h"

#include "core/error.h"
#include "core/file_io.h"

#include <charconv>

namespace lathe {

std::string Placement::toString() const
{
    switch (kind) {
    case Kind::Cpu:
        return "cpu";
    case Kind::Disk:
        return "disk";
    case Kind::Gpu:
        break;
    }
    return std::to_string(gpu);
}

namespace {

Placement parsePlacement(const nlohmann::json& value, const std::string& file, const std::string& key)
{
    const std::string field = "device_map[\"" + key + "\"]";
    if (value.is_number_integer()) {
        const auto index = value.get<std::int64_t>();
        if (index < 0 || index > 1023) {
            throwInvalid(file, field, "GPU index " + std::to_string(index) + " is out of range");
        }
        return Placement::cudaDevice(static_cast<int>(index));
    }
    if (!value.is_string()) {
        throwInvalid(file, field, "expected a GPU index, \"cpu\" or \"disk\", got " + value.dump());
    }
    const auto text = value.get<std::string>();
    if (text == "cpu") {
        return Placement::cpu();
    }
    if (text == "disk") {
        return Placement::disk();
    }
    if (text == "cuda") {
        return Placement::cudaDevice(0);
    }
    if (text.starts_with("cuda:")) {
        int index = -1;
        const char* begin = text.data() + 5;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(begin, end, index);
        if (ec == std::errc() && ptr == end && begin != end && index >= 0 && index <= 1023) {
            return Placement::cudaDevice(index);
        }
    }
    throwInvalid(file, field, "\"" + text + "\" is not a device: expected a GPU index, \"cuda:N\", \"cpu\" or \"disk\"");
}

}  // namespace

DeviceMap DeviceMap::fromJson(const nlohmann::json& map, const std::string& file)
{
    if (!map.is_object()) {
        throwInvalid(file, "device_map", "expected a JSON object of module name -> device");
    }
    DeviceMap result;
    for (const auto& [key, value] : map.items()) {
        result.m_entries[key] = parsePlacement(value, file, key);
    }
    return result;
}

DeviceMap DeviceMap::fromFile(const std::string& path)
{
    const std::string text = readWholeFile(path);
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throwInvalid(path, "device_map", std::string("not valid JSON: ") + e.what());
    }
    // A Planner export may wrap the map: {"device_map": {...}, ...}.
    if (document.is_object() && document.contains("device_map") && document["device_map"].is_object()) {
        return fromJson(document["device_map"], path);
    }
    return fromJson(document, path);
}

Placement DeviceMap::resolve(std::string_view module) const
{
    // Walk from the module itself up through its parents: "a.b.c", "a.b", "a", "".
    std::string_view name = module;
    while (true) {
        if (auto it = m_entries.find(std::string(name)); it != m_entries.end()) {
            return it->second;
        }
        if (name.empty()) {
            return Placement::cpu();
        }
        const auto dot = name.rfind('.');
        name = dot == std::string_view::npos ? std::string_view() : name.substr(0, dot);
    }
}

}  // namespace lathe
