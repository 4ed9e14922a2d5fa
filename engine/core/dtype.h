// Element types of tensors: every dtype the safetensors format defines, in the format's own
// enum order (the writer sorts by it), with exact conversions of the small float formats to f32.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace lathe {

// Order matters: it is safetensors' `Dtype` enum order, which the canonical writer sorts by.
enum class DType : std::uint8_t {
    Bool,
    F4,
    F6_E2M3,
    F6_E3M2,
    U8,
    I8,
    F8_E5M2,
    F8_E4M3,
    F8_E8M0,
    F8_E4M3FNUZ,
    F8_E5M2FNUZ,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    C64,
    F64,
    I64,
    U64,
};

inline constexpr int kDTypeCount = 22;

enum class DTypeKind { Bool, SignedInt, UnsignedInt, Float, Complex };

const std::array<DType, kDTypeCount>& allDTypes();
std::string_view dtypeName(DType dtype);                      // "BF16", "F8_E4M3", ...
std::optional<DType> dtypeFromName(std::string_view name);    // exact, case-sensitive
int dtypeBits(DType dtype);                                   // 4, 6, 8, 16, 32 or 64
DTypeKind dtypeKind(DType dtype);
bool dtypeIsFloat(DType dtype);                               // the real floating-point formats

// Exact conversions (every input maps to the f32 with the same value; NaN stays NaN).
float f16ToF32(std::uint16_t bits);
float bf16ToF32(std::uint16_t bits);
float f8e4m3ToF32(std::uint8_t bits);      // OCP E4M3 "fn": bias 7, no inf, S.1111.111 is NaN
float f8e5m2ToF32(std::uint8_t bits);      // OCP E5M2: IEEE-like, bias 15
float f8e8m0ToF32(std::uint8_t bits);      // OCP E8M0 scale: 2^(e-127), 0xFF is NaN
float f8e4m3fnuzToF32(std::uint8_t bits);  // bias 8, no inf, 0x80 is the only NaN
float f8e5m2fnuzToF32(std::uint8_t bits);  // bias 16, no inf, 0x80 is the only NaN
float f4e2m1ToF32(std::uint8_t nibble);    // OCP MXFP4 element: low 4 bits used
float f6e2m3ToF32(std::uint8_t bits6);     // OCP MXFP6 E2M3: low 6 bits used
float f6e3m2ToF32(std::uint8_t bits6);     // OCP MXFP6 E3M2: low 6 bits used

// Decodes the 8-bit (or smaller, in the low bits) float formats by dtype; other dtypes -> NaN.
float smallFloatToF32(DType dtype, std::uint8_t bits);

// Round-to-nearest-even conversions from f32 (NaN stays NaN), used to write test data and exports.
std::uint16_t f32ToBf16(float value);
std::uint16_t f32ToF16(float value);

}  // namespace lathe
