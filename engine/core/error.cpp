// Typed engine errors: formatting of "FILE: FIELD: REASON".
#include "core/error.h"

#include <cstring>

namespace lathe {
namespace {

std::string composeMessage(const std::string& file, const std::string& field, const std::string& reason)
{
    std::string message;
    for (const std::string* part : {&file, &field}) {
        if (!part->empty()) {
            message += *part;
            message += ": ";
        }
    }
    message += reason;
    return message;
}

}  // namespace

Error::Error(ErrorKind kind, std::string file, std::string field, std::string reason)
    : std::runtime_error(composeMessage(file, field, reason))
    , m_kind(kind)
    , m_file(std::move(file))
    , m_field(std::move(field))
    , m_reason(std::move(reason))
{
}

int Error::exitCode() const
{
    return (m_kind == ErrorKind::InvalidInput || m_kind == ErrorKind::Unsupported) ? 2 : 1;
}

void throwInvalid(const std::string& file, const std::string& field, const std::string& reason)
{
    throw Error(ErrorKind::InvalidInput, file, field, reason);
}

void throwIo(const std::string& file, const std::string& reason, int errnoValue)
{
    std::string text = reason;
    if (errnoValue != 0) {
        text += ": ";
        text += std::strerror(errnoValue);
    }
    throw Error(ErrorKind::Io, file, {}, text);
}

void throwCancelled(const std::string& what)
{
    throw Error(ErrorKind::Cancelled, {}, {}, what + " cancelled");
}

}  // namespace lathe
