// Decoding tensor elements of any dtype to double, for statistics and diffs. Loads are
// unaligned-safe (data offsets in a safetensors file need not be aligned).
#pragma once

#include "core/dtype.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace lathe {

// Decodes elements [first, first + count) of `data` (a whole tensor's bytes) into `out`.
// Complex C64 decodes to its magnitude |z|. Packed formats: F4 holds two elements per byte,
// the first in the low nibble; F6 holds four elements per three bytes, element k of a group
// in bits [6k, 6k+6) of the group read as a little-endian 24-bit integer.
// The caller guarantees the range lies inside the tensor.
void decodeElements(DType dtype, std::span<const std::byte> data, std::uint64_t first, std::size_t count, double* out);

}  // namespace lathe
