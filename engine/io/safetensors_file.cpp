// SafetensorsFile: map, then validate the header against the whole file.
#include "io/safetensors_file.h"

namespace lathe {

SafetensorsFile SafetensorsFile::open(const std::filesystem::path& path)
{
    SafetensorsFile file;
    file.m_file = MappedFile::open(path);
    file.m_header = parseSafetensorsHeader(file.m_file.bytes(), file.m_file.size(), path.filename().string());
    return file;
}

std::span<const std::byte> SafetensorsFile::tensorBytes(const TensorInfo& tensor) const
{
    return m_file.bytes().subspan(static_cast<std::size_t>(m_header.dataStart() + tensor.begin),
                                  static_cast<std::size_t>(tensor.byteSize()));
}

}  // namespace lathe
