// The safetensors header: parsing and validation of the 8-byte length and the JSON header,
// enforcing every rule of the reference reader (safetensors' `SafeTensors::read_metadata`)
// plus duplicate-key rejection and checked arithmetic. A file from the internet is a
// security boundary: nothing here reads past the bytes it is given.
#pragma once

#include "core/dtype.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lathe {

// The reference reader's cap on the header length N.
inline constexpr std::uint64_t kSafetensorsMaxHeaderBytes = 100'000'000;

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::uint64_t> shape;  // empty: a scalar (one element)
    std::uint64_t begin = 0;           // data_offsets, relative to the data buffer
    std::uint64_t end = 0;

    std::uint64_t elementCount() const;  // product of the shape (validated not to overflow)
    std::uint64_t byteSize() const { return end - begin; }
};

using Metadata = std::vector<std::pair<std::string, std::string>>;  // in header order

struct SafetensorsHeader {
    std::uint64_t headerBytes = 0;  // N, the JSON length as written (padding included)
    bool hasMetadata = false;       // "__metadata__" present
    Metadata metadata;
    std::vector<TensorInfo> tensors;  // in header order
    std::uint64_t dataBytes = 0;      // length of the data buffer = the last tensor's end

    std::uint64_t dataStart() const { return 8 + headerBytes; }
};

// Reads the header length prefix. `prefix` must hold at least 8 bytes; throws otherwise.
std::uint64_t readSafetensorsHeaderLength(std::span<const std::byte> prefix, std::uint64_t fileSize,
                                          std::string_view fileName);

// Parses and validates a header. `prefix` holds the file's first bytes (at least 8 + N of
// them); `fileSize` is the whole file's length, against which the data buffer is checked
// (so a remote header read through an HTTP range validates like a local file).
// Throws lathe::Error (InvalidInput) naming `fileName`, the tensor or field, and the rule.
SafetensorsHeader parseSafetensorsHeader(std::span<const std::byte> prefix, std::uint64_t fileSize,
                                         std::string_view fileName);

// "[2, 4]" -- shapes as messages and the CLI print them.
std::string formatShape(std::span<const std::uint64_t> shape);

}  // namespace lathe
