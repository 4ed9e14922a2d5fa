// libFuzzer target for the safetensors header parser: arbitrary bytes are a whole file
// (length prefix, JSON header, data buffer). The parser must either return a header or
// throw lathe::Error; any other exception, a crash or a sanitizer report is a bug. Two
// properties are checked on top: an accepted header tiles the file exactly, and the header
// read alone (as through an HTTP range, the data not at hand) gets the same verdict.
#include "core/error.h"
#include "io/safetensors_header.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <span>

namespace {

[[noreturn]] void bug(const char* what)
{
    std::fprintf(stderr, "fuzz_safetensors_header: %s\n", what);
    std::abort();
}

// The parsed header, or nullopt when the parser rejected the input with lathe::Error.
std::optional<lathe::SafetensorsHeader> parse(std::span<const std::byte> prefix, std::uint64_t fileSize)
{
    try {
        return lathe::parseSafetensorsHeader(prefix, fileSize, "fuzz");
    } catch (const lathe::Error&) {
        return std::nullopt;  // rejecting bad input is the expected outcome
    } catch (const std::exception& e) {
        std::fprintf(stderr, "unexpected exception type (not lathe::Error): %s\n", e.what());
        bug("an exception other than lathe::Error escaped");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    const std::optional<lathe::SafetensorsHeader> whole = parse(bytes, size);
    if (whole) {
        std::uint64_t covered = 0;
        for (const lathe::TensorInfo& t : whole->tensors) {
            if (t.end < t.begin || t.end > whole->dataBytes) {
                bug("accepted a tensor outside the data buffer");
            }
            covered += t.byteSize();
        }
        if (covered != whole->dataBytes || whole->dataStart() + whole->dataBytes != size) {
            bug("accepted a header that does not tile the file");
        }
    }

    // The same file seen through a prefix of exactly 8 + N bytes must get the same verdict;
    // one byte less must be refused (never read past the prefix: ASan watches).
    if (size >= 8) {
        std::uint64_t n = 0;
        for (int i = 7; i >= 0; --i) {
            n = (n << 8) | data[i];
        }
        if (n <= size - 8) {
            const std::size_t headerEnd = static_cast<std::size_t>(8 + n);
            const std::optional<lathe::SafetensorsHeader> ranged = parse(bytes.first(headerEnd), size);
            if (ranged.has_value() != whole.has_value()) {
                bug("the header alone and the whole file got different verdicts");
            }
            if (ranged && ranged->tensors.size() != whole->tensors.size()) {
                bug("the header alone and the whole file parsed to different tensors");
            }
            if (headerEnd > 8 && parse(bytes.first(headerEnd - 1), size)) {
                bug("accepted a prefix shorter than 8 + N bytes");
            }
        }
    }
    return 0;
}
