// libFuzzer target for the safetensors header parser: arbitrary bytes are a whole file
// (length prefix, JSON header, data buffer). The parser must either return a header or
// throw lathe::Error; any other exception, a crash or a sanitizer report is a bug.
#include "core/error.h"
#include "io/safetensors_header.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    try {
        const lathe::SafetensorsHeader header = lathe::parseSafetensorsHeader(bytes, size, "fuzz");
        // A header that validated must describe exactly the bytes it was given.
        std::uint64_t covered = 0;
        for (const lathe::TensorInfo& t : header.tensors) {
            if (t.end < t.begin || t.end > header.dataBytes) {
                std::fprintf(stderr, "accepted a tensor outside the data buffer\n");
                std::abort();
            }
            covered += t.byteSize();
        }
        if (covered != header.dataBytes || header.dataStart() + header.dataBytes != size) {
            std::fprintf(stderr, "accepted a header that does not tile the file\n");
            std::abort();
        }
    } catch (const lathe::Error&) {
        // Rejecting bad input is the expected outcome.
    } catch (const std::exception& e) {
        std::fprintf(stderr, "unexpected exception type (not lathe::Error): %s\n", e.what());
        std::abort();
    }
    return 0;
}
