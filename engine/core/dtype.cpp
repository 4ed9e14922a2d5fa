// DType names, sizes and exact small-float decoding, after the OCP 8-bit floating point and
// microscaling (MX) specifications and IEEE 754 binary16.
#include "core/dtype.h"

#include <bit>
#include <cmath>
#include <limits>

namespace lathe {
namespace {

struct DTypeRow {
    DType dtype;
    std::string_view name;
    int bits;
    DTypeKind kind;
};

constexpr std::array<DTypeRow, kDTypeCount> kRows{{
    {DType::Bool, "BOOL", 8, DTypeKind::Bool},
    {DType::F4, "F4", 4, DTypeKind::Float},
    {DType::F6_E2M3, "F6_E2M3", 6, DTypeKind::Float},
    {DType::F6_E3M2, "F6_E3M2", 6, DTypeKind::Float},
    {DType::U8, "U8", 8, DTypeKind::UnsignedInt},
    {DType::I8, "I8", 8, DTypeKind::SignedInt},
    {DType::F8_E5M2, "F8_E5M2", 8, DTypeKind::Float},
    {DType::F8_E4M3, "F8_E4M3", 8, DTypeKind::Float},
    {DType::F8_E8M0, "F8_E8M0", 8, DTypeKind::Float},
    {DType::F8_E4M3FNUZ, "F8_E4M3FNUZ", 8, DTypeKind::Float},
    {DType::F8_E5M2FNUZ, "F8_E5M2FNUZ", 8, DTypeKind::Float},
    {DType::I16, "I16", 16, DTypeKind::SignedInt},
    {DType::U16, "U16", 16, DTypeKind::UnsignedInt},
    {DType::F16, "F16", 16, DTypeKind::Float},
    {DType::BF16, "BF16", 16, DTypeKind::Float},
    {DType::I32, "I32", 32, DTypeKind::SignedInt},
    {DType::U32, "U32", 32, DTypeKind::UnsignedInt},
    {DType::F32, "F32", 32, DTypeKind::Float},
    {DType::C64, "C64", 64, DTypeKind::Complex},
    {DType::F64, "F64", 64, DTypeKind::Float},
    {DType::I64, "I64", 64, DTypeKind::SignedInt},
    {DType::U64, "U64", 64, DTypeKind::UnsignedInt},
}};

const DTypeRow& row(DType dtype)
{
    return kRows[static_cast<std::size_t>(dtype)];
}

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Value of a sign/exponent/mantissa field triple for formats without inf; `bias` as usual,
// subnormals when the exponent field is 0. ldexp keeps it exact: every such value fits f32.
float miniFloat(bool negative, unsigned exponent, unsigned mantissa, int mantissaBits, int bias)
{
    const float scale = static_cast<float>(1u << mantissaBits);
    float magnitude;
    if (exponent == 0) {
        magnitude = std::ldexp(static_cast<float>(mantissa) / scale, 1 - bias);
    } else {
        magnitude = std::ldexp(1.0f + static_cast<float>(mantissa) / scale, static_cast<int>(exponent) - bias);
    }
    return negative ? -magnitude : magnitude;
}

}  // namespace

const std::array<DType, kDTypeCount>& allDTypes()
{
    static const std::array<DType, kDTypeCount> all = [] {
        std::array<DType, kDTypeCount> out{};
        for (int i = 0; i < kDTypeCount; ++i) {
            out[i] = kRows[i].dtype;
        }
        return out;
    }();
    return all;
}

std::string_view dtypeName(DType dtype) { return row(dtype).name; }
int dtypeBits(DType dtype) { return row(dtype).bits; }
DTypeKind dtypeKind(DType dtype) { return row(dtype).kind; }
bool dtypeIsFloat(DType dtype) { return row(dtype).kind == DTypeKind::Float; }

std::optional<DType> dtypeFromName(std::string_view name)
{
    for (const DTypeRow& r : kRows) {
        if (r.name == name) {
            return r.dtype;
        }
    }
    return std::nullopt;
}

float f16ToF32(std::uint16_t bits)
{
    const std::uint32_t sign = static_cast<std::uint32_t>(bits & 0x8000u) << 16;
    const std::uint32_t exponent = (bits >> 10) & 0x1Fu;
    const std::uint32_t mantissa = bits & 0x3FFu;
    std::uint32_t out;
    if (exponent == 0x1F) {
        out = sign | 0x7F800000u | (mantissa << 13);  // inf or NaN (payload kept)
    } else if (exponent != 0) {
        out = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        out = sign;
    } else {
        // Subnormal: value = mantissa * 2^-24, exact in f32.
        const float magnitude = std::ldexp(static_cast<float>(mantissa), -24);
        return sign ? -magnitude : magnitude;
    }
    return std::bit_cast<float>(out);
}

float bf16ToF32(std::uint16_t bits)
{
    return std::bit_cast<float>(static_cast<std::uint32_t>(bits) << 16);
}

float f8e4m3ToF32(std::uint8_t bits)
{
    if ((bits & 0x7F) == 0x7F) {
        return kNaN;
    }
    return miniFloat(bits & 0x80, (bits >> 3) & 0xF, bits & 0x7, 3, 7);
}

float f8e5m2ToF32(std::uint8_t bits)
{
    // E5M2 is the upper byte of an IEEE binary16.
    return f16ToF32(static_cast<std::uint16_t>(bits << 8));
}

float f8e8m0ToF32(std::uint8_t bits)
{
    if (bits == 0xFF) {
        return kNaN;
    }
    return std::ldexp(1.0f, static_cast<int>(bits) - 127);
}

float f8e4m3fnuzToF32(std::uint8_t bits)
{
    if (bits == 0x80) {
        return kNaN;
    }
    return miniFloat(bits & 0x80, (bits >> 3) & 0xF, bits & 0x7, 3, 8);
}

float f8e5m2fnuzToF32(std::uint8_t bits)
{
    if (bits == 0x80) {
        return kNaN;
    }
    return miniFloat(bits & 0x80, (bits >> 2) & 0x1F, bits & 0x3, 2, 16);
}

float f4e2m1ToF32(std::uint8_t nibble)
{
    return miniFloat(nibble & 0x8, (nibble >> 1) & 0x3, nibble & 0x1, 1, 1);
}

float f6e2m3ToF32(std::uint8_t bits6)
{
    return miniFloat(bits6 & 0x20, (bits6 >> 3) & 0x3, bits6 & 0x7, 3, 1);
}

float f6e3m2ToF32(std::uint8_t bits6)
{
    return miniFloat(bits6 & 0x20, (bits6 >> 2) & 0x7, bits6 & 0x3, 2, 3);
}

float smallFloatToF32(DType dtype, std::uint8_t bits)
{
    switch (dtype) {
    case DType::F4: return f4e2m1ToF32(bits & 0xF);
    case DType::F6_E2M3: return f6e2m3ToF32(bits & 0x3F);
    case DType::F6_E3M2: return f6e3m2ToF32(bits & 0x3F);
    case DType::F8_E5M2: return f8e5m2ToF32(bits);
    case DType::F8_E4M3: return f8e4m3ToF32(bits);
    case DType::F8_E8M0: return f8e8m0ToF32(bits);
    case DType::F8_E4M3FNUZ: return f8e4m3fnuzToF32(bits);
    case DType::F8_E5M2FNUZ: return f8e5m2fnuzToF32(bits);
    default: return kNaN;
    }
}

std::uint16_t f32ToBf16(float value)
{
    std::uint32_t bits = std::bit_cast<std::uint32_t>(value);
    if (std::isnan(value)) {
        return static_cast<std::uint16_t>((bits >> 16) | 0x40);  // keep it a quiet NaN
    }
    bits += 0x7FFFu + ((bits >> 16) & 1u);
    return static_cast<std::uint16_t>(bits >> 16);
}

std::uint16_t f32ToF16(float value)
{
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(value);
    const std::uint16_t sign = static_cast<std::uint16_t>((bits >> 16) & 0x8000u);
    const std::uint32_t absBits = bits & 0x7FFFFFFFu;
    if (absBits > 0x7F800000u) {
        return sign | 0x7E00u;  // NaN
    }
    if (absBits >= 0x477FF000u) {
        return sign | 0x7C00u;  // rounds to inf (65520 and above), or is inf
    }
    if (absBits < 0x38800000u) {
        // Result is subnormal or zero: value / 2^-24 rounded to nearest even.
        const float magnitude = std::bit_cast<float>(absBits);
        const float scaled = std::ldexp(magnitude, 24);
        return sign | static_cast<std::uint16_t>(std::nearbyint(scaled));
    }
    // Normal: rebias the exponent and round the 13 dropped mantissa bits to nearest even.
    std::uint32_t rebased = absBits - (112u << 23);
    rebased += 0xFFFu + ((rebased >> 13) & 1u);
    return sign | static_cast<std::uint16_t>(rebased >> 13);
}

}  // namespace lathe
