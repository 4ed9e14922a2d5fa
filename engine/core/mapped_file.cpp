// POSIX implementation of MappedFile (mmap, madvise, posix_fadvise).
#include "core/mapped_file.h"

#include "core/error.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace lathe {

MappedFile MappedFile::open(const std::filesystem::path& path)
{
    const std::string name = path.string();
    const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throwIo(name, "cannot open", errno);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        throwIo(name, "cannot stat", err);
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(ErrorKind::InvalidInput, name, {}, "not a regular file");
    }
    MappedFile file;
    file.m_path = path;
    file.m_size = static_cast<std::uint64_t>(st.st_size);
    if (file.m_size > 0) {
        void* addr = ::mmap(nullptr, static_cast<std::size_t>(file.m_size), PROT_READ, MAP_SHARED, fd, 0);
        if (addr == MAP_FAILED) {
            const int err = errno;
            ::close(fd);
            throwIo(name, "cannot map", err);
        }
        file.m_data = static_cast<const std::byte*>(addr);
    }
    ::close(fd);  // the mapping keeps the file alive
    return file;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_path(std::move(other.m_path))
    , m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept
{
    if (this != &other) {
        release();
        m_path = std::move(other.m_path);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

MappedFile::~MappedFile()
{
    release();
}

void MappedFile::release()
{
    if (m_data != nullptr) {
        ::munmap(const_cast<std::byte*>(m_data), static_cast<std::size_t>(m_size));
        m_data = nullptr;
    }
}

void MappedFile::adviseSequential(std::uint64_t offset, std::uint64_t length) const
{
    if (m_data == nullptr || offset >= m_size) {
        return;
    }
    const long page = ::sysconf(_SC_PAGESIZE);
    const std::uint64_t start = offset - offset % static_cast<std::uint64_t>(page);
    const std::uint64_t end = std::min(m_size, offset + length);
    ::madvise(const_cast<std::byte*>(m_data) + start, static_cast<std::size_t>(end - start), MADV_SEQUENTIAL);
    ::madvise(const_cast<std::byte*>(m_data) + start, static_cast<std::size_t>(end - start), MADV_WILLNEED);
}

void MappedFile::dropFromPageCache() const
{
    const int fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    if (m_data != nullptr) {
        // Our own mapping pins nothing, but tell the kernel we are done with these pages.
        ::madvise(const_cast<std::byte*>(m_data), static_cast<std::size_t>(m_size), MADV_DONTNEED);
    }
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

}  // namespace lathe
