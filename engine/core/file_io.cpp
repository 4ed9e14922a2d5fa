// readWholeFile: one stream read, errors naming the file and errno.
#include "core/file_io.h"

#include "core/error.h"

#include <cerrno>
#include <fstream>
#include <sstream>

namespace lathe {

std::string readWholeFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throwIo(path.string(), "cannot open", errno);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throwIo(path.string(), "cannot read", errno);
    return std::move(buffer).str();
}

}  // namespace lathe
