// A read-only memory-mapped file. Tensors are read through the map without copying; a file
// of size 0 is valid (no map). Move-only; the bytes live as long as the object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>

namespace lathe {

class MappedFile {
public:
    // Throws lathe::Error (Io) naming the path when it cannot be opened or mapped.
    static MappedFile open(const std::filesystem::path& path);

    MappedFile() = default;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    const std::byte* data() const { return m_data; }
    std::uint64_t size() const { return m_size; }
    std::span<const std::byte> bytes() const { return {m_data, static_cast<std::size_t>(m_size)}; }
    const std::filesystem::path& path() const { return m_path; }

    // Hints for the kernel's page cache: a sequential pass is coming over [offset, offset+length).
    void adviseSequential(std::uint64_t offset, std::uint64_t length) const;
    // Drops this file's pages from the page cache (for cold-cache measurements); best effort.
    void dropFromPageCache() const;

private:
    void release();

    std::filesystem::path m_path;
    const std::byte* m_data = nullptr;
    std::uint64_t m_size = 0;
};

}  // namespace lathe
