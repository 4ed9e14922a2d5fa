// Reading and writing whole files with the engine's typed I/O errors. Reads are for small text
// files (JSON documents, templates, inputs); large data is memory-mapped (mapped_file.h).
// Every write is atomic: a temporary sibling, fsynced, renamed over the target, so a reader
// sees the old file or the new one, never half of one.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace lathe {

// The bytes of `path`, as they are. Throws lathe::Error (Io) naming the file.
std::string readWholeFile(const std::filesystem::path& path);

// A file written piece by piece into a temporary sibling ("<target>.<random>.tmp") and renamed
// into place by commit(); the temporary file is removed when the writer is dropped uncommitted.
class AtomicFileWriter {
public:
    // mode: the new file's permissions (before the umask); 0600 for secrets.
    explicit AtomicFileWriter(std::filesystem::path target, unsigned mode = 0666);
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
    ~AtomicFileWriter();

    void write(const void* data, std::size_t bytes);
    void write(std::span<const std::byte> bytes) { write(bytes.data(), bytes.size()); }
    void commit();  // fsync, close, rename

private:
    std::filesystem::path m_target;
    std::string m_temp;
    int m_fd = -1;
};

// Writes bytes (or text) to `path` atomically.
void writeFileAtomically(const std::filesystem::path& path, std::span<const std::span<const std::byte>> pieces);
void writeFileAtomically(const std::filesystem::path& path, std::string_view text, unsigned mode = 0666);

}  // namespace lathe
