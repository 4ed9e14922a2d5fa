// Typed errors of the engine. Every failure the engine reports is an lathe::Error that
// names the file, the field (tensor, key, argument) and the reason, so the CLI and the GUI
// can show a message a person can act on. The engine never exits or aborts on bad input.
#pragma once

#include <stdexcept>
#include <string>

namespace lathe {

enum class ErrorKind {
    InvalidInput,  // malformed file, bad argument, unsupported content (CLI exit 2)
    Unsupported,   // valid input the engine cannot handle (CLI exit 2)
    Io,            // the operating system failed us: open, read, write, rename (CLI exit 1)
    Cancelled,     // a progress callback asked to stop (CLI exit 1)
    Unavailable,   // a backend or device that is not there (CLI exit 1)
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string file, std::string field, std::string reason);

    ErrorKind kind() const { return m_kind; }
    const std::string& file() const { return m_file; }
    const std::string& field() const { return m_field; }
    const std::string& reason() const { return m_reason; }

    // Exit status as ../specs/cli.md fixes it: 2 for bad input, 1 for everything else.
    int exitCode() const;

private:
    ErrorKind m_kind;
    std::string m_file;
    std::string m_field;
    std::string m_reason;
};

// Shorthands for the common cases.
[[noreturn]] void throwInvalid(const std::string& file, const std::string& field, const std::string& reason);
[[noreturn]] void throwIo(const std::string& file, const std::string& reason, int errnoValue = 0);
[[noreturn]] void throwCancelled(const std::string& what);

}  // namespace lathe
