// Reading a whole file into memory, with the engine's typed I/O errors. For small text files
// (JSON documents, templates, inputs); large data is memory-mapped (mapped_file.h).
#pragma once

#include <filesystem>
#include <string>

namespace lathe {

// The bytes of `path`, as they are. Throws lathe::Error (Io) naming the file.
std::string readWholeFile(const std::filesystem::path& path);

}  // namespace lathe
