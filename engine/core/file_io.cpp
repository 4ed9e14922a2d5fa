// readWholeFile: one stream read, errors naming the file and errno. AtomicFileWriter: temp
// sibling + fsync + rename.
#include "core/file_io.h"

#include "core/error.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <random>
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

AtomicFileWriter::AtomicFileWriter(std::filesystem::path target, unsigned mode) : m_target(std::move(target))
{
    std::random_device rd;
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".%08x.tmp", static_cast<unsigned>(rd()));
    m_temp = m_target.string() + suffix;
    m_fd = ::open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
    if (m_fd < 0) {
        throwIo(m_target.string(), "cannot create temporary file " + m_temp, errno);
    }
}

AtomicFileWriter::~AtomicFileWriter()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        ::unlink(m_temp.c_str());
    }
}

void AtomicFileWriter::write(const void* data, std::size_t bytes)
{
    const char* p = static_cast<const char*>(data);
    while (bytes > 0) {
        const ssize_t n = ::write(m_fd, p, std::min<std::size_t>(bytes, std::size_t{1} << 30));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throwIo(m_target.string(), "cannot write", errno);
        }
        p += n;
        bytes -= static_cast<std::size_t>(n);
    }
}

void AtomicFileWriter::commit()
{
    if (::fsync(m_fd) != 0) {
        throwIo(m_target.string(), "cannot flush to disk", errno);
    }
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(m_temp.c_str());
        throwIo(m_target.string(), "cannot close", err);
    }
    if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
        const int err = errno;
        ::unlink(m_temp.c_str());
        throwIo(m_target.string(), "cannot rename temporary file into place", err);
    }
}

void writeFileAtomically(const std::filesystem::path& path, std::span<const std::span<const std::byte>> pieces)
{
    AtomicFileWriter out(path);
    for (std::span<const std::byte> piece : pieces) {
        out.write(piece);
    }
    out.commit();
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view text, unsigned mode)
{
    AtomicFileWriter out(path, mode);
    out.write(text.data(), text.size());
    out.commit();
}

}  // namespace lathe
