// decodeElements: one tight loop per dtype.
#include "core/element_decode.h"

#include <cmath>
#include <complex>
#include <cstring>

namespace lathe {
namespace {

template <typename T>
T load(const std::byte* p)
{
    T value;
    std::memcpy(&value, p, sizeof(T));
    return value;
}

template <typename T, typename Convert>
void decodeLoop(const std::byte* base, std::uint64_t first, std::size_t count, double* out, Convert convert)
{
    const std::byte* p = base + first * sizeof(T);
    for (std::size_t i = 0; i < count; ++i) {
        out[i] = convert(load<T>(p + i * sizeof(T)));
    }
}

std::uint8_t f6Bits(const std::byte* base, std::uint64_t index)
{
    const std::byte* group = base + (index / 4) * 3;
    const std::uint32_t word = static_cast<std::uint32_t>(group[0]) | (static_cast<std::uint32_t>(group[1]) << 8) |
                               (static_cast<std::uint32_t>(group[2]) << 16);
    return static_cast<std::uint8_t>((word >> (6 * (index % 4))) & 0x3F);
}

}  // namespace

void decodeElements(DType dtype, std::span<const std::byte> data, std::uint64_t first, std::size_t count, double* out)
{
    const std::byte* base = data.data();
    auto identity = [](auto v) { return static_cast<double>(v); };
    switch (dtype) {
    case DType::Bool: decodeLoop<std::uint8_t>(base, first, count, out, [](std::uint8_t v) { return v != 0 ? 1.0 : 0.0; }); break;
    case DType::U8: decodeLoop<std::uint8_t>(base, first, count, out, identity); break;
    case DType::I8: decodeLoop<std::int8_t>(base, first, count, out, identity); break;
    case DType::I16: decodeLoop<std::int16_t>(base, first, count, out, identity); break;
    case DType::U16: decodeLoop<std::uint16_t>(base, first, count, out, identity); break;
    case DType::I32: decodeLoop<std::int32_t>(base, first, count, out, identity); break;
    case DType::U32: decodeLoop<std::uint32_t>(base, first, count, out, identity); break;
    case DType::I64: decodeLoop<std::int64_t>(base, first, count, out, identity); break;
    case DType::U64: decodeLoop<std::uint64_t>(base, first, count, out, identity); break;
    case DType::F16: decodeLoop<std::uint16_t>(base, first, count, out, [](std::uint16_t v) { return double(f16ToF32(v)); }); break;
    case DType::BF16: decodeLoop<std::uint16_t>(base, first, count, out, [](std::uint16_t v) { return double(bf16ToF32(v)); }); break;
    case DType::F32: decodeLoop<float>(base, first, count, out, identity); break;
    case DType::F64: decodeLoop<double>(base, first, count, out, identity); break;
    case DType::C64:
        for (std::size_t i = 0; i < count; ++i) {
            const float re = load<float>(base + (first + i) * 8);
            const float im = load<float>(base + (first + i) * 8 + 4);
            out[i] = std::hypot(static_cast<double>(re), static_cast<double>(im));
        }
        break;
    case DType::F8_E5M2:
    case DType::F8_E4M3:
    case DType::F8_E8M0:
    case DType::F8_E4M3FNUZ:
    case DType::F8_E5M2FNUZ:
        decodeLoop<std::uint8_t>(base, first, count, out, [dtype](std::uint8_t v) { return double(smallFloatToF32(dtype, v)); });
        break;
    case DType::F4:
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint64_t index = first + i;
            const auto byte = static_cast<std::uint8_t>(base[index / 2]);
            out[i] = f4e2m1ToF32(index % 2 == 0 ? (byte & 0xF) : (byte >> 4));
        }
        break;
    case DType::F6_E2M3:
    case DType::F6_E3M2:
        for (std::size_t i = 0; i < count; ++i) {
            out[i] = smallFloatToF32(dtype, f6Bits(base, first + i));
        }
        break;
    }
}

}  // namespace lathe
