// One safetensors file, memory-mapped and validated. Tensor bytes are views into the map.
// Immutable after open(): safe to read from several threads at once.
#pragma once

#include "core/mapped_file.h"
#include "io/safetensors_header.h"

#include <filesystem>
#include <span>

namespace lathe {

class SafetensorsFile {
public:
    // Maps and validates the file; throws lathe::Error naming the file and the rule broken.
    static SafetensorsFile open(const std::filesystem::path& path);

    const std::filesystem::path& path() const { return m_file.path(); }
    const SafetensorsHeader& header() const { return m_header; }
    const MappedFile& mapped() const { return m_file; }
    std::uint64_t fileSize() const { return m_file.size(); }

    // The tensor's bytes in the map (bounds validated at open).
    std::span<const std::byte> tensorBytes(const TensorInfo& tensor) const;

private:
    MappedFile m_file;
    SafetensorsHeader m_header;
};

}  // namespace lathe
