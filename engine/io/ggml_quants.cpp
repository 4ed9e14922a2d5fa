// ggml's block formats, decoded as gguf.quants decodes them: every value is formed with the
// same float32 operations in the same order (d * q, then + m or - dmin * m), so the results are
// bitwise those of the Python reference. The layouts are ggml-common.h's block_* structs; blocks
// are read byte by byte, so any alignment works.
#include "io/ggml_quants.h"

#include "core/dtype.h"
#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace lathe {
namespace {

constexpr int kSuperBlock = 256;  // QK_K

float half(const unsigned char* p)
{
    return f16ToF32(static_cast<std::uint16_t>(p[0] | (p[1] << 8)));
}

std::uint16_t halfBits(float v)
{
    return f32ToF16(v);
}

void putHalf(unsigned char* p, float v)
{
    const std::uint16_t bits = halfBits(v);
    p[0] = static_cast<unsigned char>(bits & 0xFF);
    p[1] = static_cast<unsigned char>(bits >> 8);
}

// ---- 32-element blocks ----

void dequantQ4_0(const unsigned char* b, float* y)  // d, qs[16]
{
    const float d = half(b);
    for (int j = 0; j < 16; ++j) {
        y[j] = d * static_cast<float>((b[2 + j] & 0x0F) - 8);
        y[j + 16] = d * static_cast<float>((b[2 + j] >> 4) - 8);
    }
}

void dequantQ4_1(const unsigned char* b, float* y)  // d, m, qs[16]
{
    const float d = half(b);
    const float m = half(b + 2);
    for (int j = 0; j < 16; ++j) {
        y[j] = d * static_cast<float>(b[4 + j] & 0x0F) + m;
        y[j + 16] = d * static_cast<float>(b[4 + j] >> 4) + m;
    }
}

std::uint32_t load32(const unsigned char* p)
{
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

void dequantQ5_0(const unsigned char* b, float* y)  // d, qh[4], qs[16]
{
    const float d = half(b);
    const std::uint32_t qh = load32(b + 2);
    for (int j = 0; j < 16; ++j) {
        const int lo = static_cast<int>((b[6 + j] & 0x0F) | (((qh >> j) & 1u) << 4));
        const int hi = static_cast<int>((b[6 + j] >> 4) | (((qh >> (j + 16)) & 1u) << 4));
        y[j] = d * static_cast<float>(lo - 16);
        y[j + 16] = d * static_cast<float>(hi - 16);
    }
}

void dequantQ5_1(const unsigned char* b, float* y)  // d, m, qh[4], qs[16]
{
    const float d = half(b);
    const float m = half(b + 2);
    const std::uint32_t qh = load32(b + 4);
    for (int j = 0; j < 16; ++j) {
        const unsigned lo = (b[8 + j] & 0x0Fu) | (((qh >> j) & 1u) << 4);
        const unsigned hi = (b[8 + j] >> 4) | (((qh >> (j + 16)) & 1u) << 4);
        y[j] = d * static_cast<float>(lo) + m;
        y[j + 16] = d * static_cast<float>(hi) + m;
    }
}

void dequantQ8_0(const unsigned char* b, float* y)  // d, qs[32]
{
    const float d = half(b);
    for (int j = 0; j < 32; ++j) {
        y[j] = static_cast<float>(static_cast<std::int8_t>(b[2 + j])) * d;
    }
}

// ---- 256-element super-blocks (k-quants) ----

void dequantQ2_K(const unsigned char* b, float* y)  // scales[16], qs[64], d, dmin
{
    const unsigned char* scales = b;
    const unsigned char* qs = b + 16;
    const float d = half(b + 80);
    const float dmin = half(b + 82);
    for (int e = 0; e < kSuperBlock; ++e) {
        // element e = half * 128 + shift * 32 + l takes bits 2*shift of qs[half * 32 + l]
        const int h = e / 128;
        const int shift = (e % 128) / 32;
        const int l = e % 32;
        const int group = e / 16;
        const float dl = d * static_cast<float>(scales[group] & 0x0F);
        const float ml = dmin * static_cast<float>(scales[group] >> 4);
        const int q = (qs[h * 32 + l] >> (2 * shift)) & 3;
        y[e] = dl * static_cast<float>(q) - ml;
    }
}

void dequantQ3_K(const unsigned char* b, float* y)  // hmask[32], qs[64], scales[12], d
{
    const unsigned char* hmask = b;
    const unsigned char* qs = b + 32;
    const unsigned char* sc = b + 96;
    const float d = half(b + 108);
    float dl[16];
    for (int i = 0; i < 16; ++i) {
        // 6-bit scales: low 4 bits in sc[0..8) (nibble i / 8), high 2 bits in sc[8..12)
        const int low = (sc[i % 8] >> (4 * (i / 8))) & 0x0F;
        const int high = (sc[8 + i % 4] >> (2 * (i / 4))) & 0x03;
        dl[i] = d * static_cast<float>((low | (high << 4)) - 32);
    }
    for (int e = 0; e < kSuperBlock; ++e) {
        const int h = e / 128;
        const int shift = (e % 128) / 32;
        const int l = e % 32;
        const int low = (qs[h * 32 + l] >> (2 * shift)) & 3;
        const int bit = (hmask[l] >> (e / 32)) & 1;  // a set bit means no -4 offset
        y[e] = dl[e / 16] * static_cast<float>(low - (bit ? 0 : 4));
    }
}

// Q4_K/Q5_K's 8 pairs of 6-bit (scale, min) in 12 bytes.
void scaleMinK4(const unsigned char* s, int j, int& scale, int& min)
{
    if (j < 4) {
        scale = s[j] & 0x3F;
        min = s[j + 4] & 0x3F;
    } else {
        scale = (s[j + 4] & 0x0F) | ((s[j - 4] >> 6) << 4);
        min = (s[j + 4] >> 4) | ((s[j] >> 6) << 4);
    }
}

void dequantQ4_K(const unsigned char* b, float* y)  // d, dmin, scales[12], qs[128]
{
    const float d = half(b);
    const float dmin = half(b + 2);
    const unsigned char* qs = b + 16;
    for (int sb = 0; sb < 8; ++sb) {
        int scale = 0;
        int min = 0;
        scaleMinK4(b + 4, sb, scale, min);
        const float dl = d * static_cast<float>(scale);
        const float ml = dmin * static_cast<float>(min);
        const int chunk = sb / 2;
        const int shift = 4 * (sb % 2);
        for (int l = 0; l < 32; ++l) {
            const int q = (qs[chunk * 32 + l] >> shift) & 0x0F;
            y[sb * 32 + l] = dl * static_cast<float>(q) - ml;
        }
    }
}

void dequantQ5_K(const unsigned char* b, float* y)  // d, dmin, scales[12], qh[32], qs[128]
{
    const float d = half(b);
    const float dmin = half(b + 2);
    const unsigned char* qh = b + 16;
    const unsigned char* qs = b + 48;
    for (int sb = 0; sb < 8; ++sb) {
        int scale = 0;
        int min = 0;
        scaleMinK4(b + 4, sb, scale, min);
        const float dl = d * static_cast<float>(scale);
        const float ml = dmin * static_cast<float>(min);
        const int chunk = sb / 2;
        const int shift = 4 * (sb % 2);
        for (int l = 0; l < 32; ++l) {
            const int q = ((qs[chunk * 32 + l] >> shift) & 0x0F) | (((qh[l] >> sb) & 1) << 4);
            y[sb * 32 + l] = dl * static_cast<float>(q) - ml;
        }
    }
}

void dequantQ6_K(const unsigned char* b, float* y)  // ql[128], qh[64], scales[16] (int8), d
{
    const unsigned char* ql = b;
    const unsigned char* qh = b + 128;
    const unsigned char* sc = b + 192;
    const float d = half(b + 208);
    float dl[16];
    for (int i = 0; i < 16; ++i) {
        dl[i] = d * static_cast<float>(static_cast<std::int8_t>(sc[i]));
    }
    for (int e = 0; e < kSuperBlock; ++e) {
        // low nibbles: e = half*128 + nib*64 + l (l < 64); high bits: e = half*128 + s*32 + l (l < 32)
        const int h = e / 128;
        const int r = e % 128;
        const int low = (ql[h * 64 + r % 64] >> (4 * (r / 64))) & 0x0F;
        const int high = (qh[h * 32 + r % 32] >> (2 * (r / 32))) & 0x03;
        y[e] = dl[e / 16] * static_cast<float>((low | (high << 4)) - 32);
    }
}

using BlockDecoder = void (*)(const unsigned char*, float*);

struct BlockCodec {
    int elements;
    int bytes;
    BlockDecoder decode;
};

bool blockCodec(GgmlType type, BlockCodec& codec)
{
    switch (type) {
    case GgmlType::Q4_0: codec = {32, 18, dequantQ4_0}; return true;
    case GgmlType::Q4_1: codec = {32, 20, dequantQ4_1}; return true;
    case GgmlType::Q5_0: codec = {32, 22, dequantQ5_0}; return true;
    case GgmlType::Q5_1: codec = {32, 24, dequantQ5_1}; return true;
    case GgmlType::Q8_0: codec = {32, 34, dequantQ8_0}; return true;
    case GgmlType::Q2_K: codec = {256, 84, dequantQ2_K}; return true;
    case GgmlType::Q3_K: codec = {256, 110, dequantQ3_K}; return true;
    case GgmlType::Q4_K: codec = {256, 144, dequantQ4_K}; return true;
    case GgmlType::Q5_K: codec = {256, 176, dequantQ5_K}; return true;
    case GgmlType::Q6_K: codec = {256, 210, dequantQ6_K}; return true;
    default: return false;
    }
}

void requireBlocks(std::int64_t count, std::int64_t block, const char* what)
{
    if (count < 0 || count % block != 0) {
        throwInvalid({}, what, std::to_string(count) + " elements are not a whole number of " + std::to_string(block) +
                                   "-element blocks");
    }
}

// The integer part of the dot products: sum_j w[j] * a[j] over a block of 32. Exact, so any
// order gives the same int; the nibbles are unpacked to int8 first, which lets the compiler
// vectorize the products like Q8_0's.
int blockDot(const std::int8_t* w, const std::int8_t* a)
{
    int sum = 0;
    for (int j = 0; j < 32; ++j) {
        sum += w[j] * a[j];
    }
    return sum;
}

// The 32 nibbles of a Q4 block (low nibbles are elements 0..15, high ones 16..31), minus offset.
void unpackNibbles(const unsigned char* qs, int offset, std::int8_t* out)
{
    for (int j = 0; j < 16; ++j) {
        out[j] = static_cast<std::int8_t>((qs[j] & 0x0F) - offset);
        out[j + 16] = static_cast<std::int8_t>((qs[j] >> 4) - offset);
    }
}

}  // namespace

bool ggmlCanDequantize(GgmlType type)
{
    BlockCodec codec{};
    return type == GgmlType::F32 || type == GgmlType::F16 || type == GgmlType::BF16 || blockCodec(type, codec);
}

void dequantizeGgml(GgmlType type, const void* blocks, std::int64_t count, float* out)
{
    const auto* p = static_cast<const unsigned char*>(blocks);
    if (count < 0) {
        throwInvalid({}, "count", "negative element count " + std::to_string(count));
    }
    switch (type) {
    case GgmlType::F32:
        std::memcpy(out, p, static_cast<std::size_t>(count) * sizeof(float));
        return;
    case GgmlType::F16:
        for (std::int64_t i = 0; i < count; ++i) {
            out[i] = half(p + 2 * i);
        }
        return;
    case GgmlType::BF16:
        for (std::int64_t i = 0; i < count; ++i) {
            const auto bits = static_cast<std::uint32_t>(p[2 * i] | (p[2 * i + 1] << 8)) << 16;
            std::memcpy(out + i, &bits, sizeof bits);
        }
        return;
    default:
        break;
    }
    BlockCodec codec{};
    if (!blockCodec(type, codec)) {
        throw Error(ErrorKind::Unsupported, {}, "type",
                    "cannot dequantize ggml type " + ggmlTypeName(type));
    }
    requireBlocks(count, codec.elements, "count");
    const std::int64_t nb = count / codec.elements;
    for (std::int64_t i = 0; i < nb; ++i) {
        codec.decode(p + i * codec.bytes, out + i * codec.elements);
    }
}

void quantizeQ8_0(const float* x, std::int64_t count, void* out)
{
    requireBlocks(count, kQuantBlock, "count");
    auto* y = static_cast<unsigned char*>(out);
    for (std::int64_t i = 0; i < count / kQuantBlock; ++i, x += kQuantBlock, y += kQ8_0BlockBytes) {
        float amax = 0.0f;
        for (int j = 0; j < kQuantBlock; ++j) {
            amax = std::max(amax, std::fabs(x[j]));
        }
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        putHalf(y, d);
        for (int j = 0; j < kQuantBlock; ++j) {
            y[2 + j] = static_cast<unsigned char>(static_cast<std::int8_t>(std::round(x[j] * id)));
        }
    }
}

void quantizeQ8_1(const float* x, std::int64_t count, void* out)
{
    requireBlocks(count, kQuantBlock, "count");
    auto* y = static_cast<unsigned char*>(out);
    for (std::int64_t i = 0; i < count / kQuantBlock; ++i, x += kQuantBlock, y += kQ8_1BlockBytes) {
        float amax = 0.0f;
        for (int j = 0; j < kQuantBlock; ++j) {
            amax = std::max(amax, std::fabs(x[j]));
        }
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        int sum = 0;  // of the int8 values, as the reference sums them
        for (int j = 0; j < kQuantBlock; ++j) {
            const auto q = static_cast<std::int8_t>(std::round(x[j] * id));
            y[4 + j] = static_cast<unsigned char>(q);
            sum += q;
        }
        putHalf(y, d);
        putHalf(y + 2, static_cast<float>(sum) * d);  // the float32 d, not its f16 rounding
    }
}

float dotQ8_0(const void* weightRow, const void* activationQ8_0, std::int64_t count)
{
    const auto* w = static_cast<const unsigned char*>(weightRow);
    const auto* a = static_cast<const unsigned char*>(activationQ8_0);
    float sum = 0.0f;
    for (std::int64_t i = 0; i < count / kQuantBlock; ++i, w += kQ8_0BlockBytes, a += kQ8_0BlockBytes) {
        std::int8_t wq[32];
        std::int8_t aq[32];
        std::memcpy(wq, w + 2, 32);
        std::memcpy(aq, a + 2, 32);
        const int sumi = blockDot(wq, aq);
        sum += static_cast<float>(sumi) * (half(w) * half(a));
    }
    return sum;
}

float dotQ4_0(const void* weightRow, const void* activationQ8_0, std::int64_t count)
{
    const auto* w = static_cast<const unsigned char*>(weightRow);
    const auto* a = static_cast<const unsigned char*>(activationQ8_0);
    float sum = 0.0f;
    for (std::int64_t i = 0; i < count / kQuantBlock; ++i, w += 18, a += kQ8_0BlockBytes) {
        std::int8_t wq[32];
        std::int8_t aq[32];
        unpackNibbles(w + 2, 8, wq);
        std::memcpy(aq, a + 2, 32);
        const int sumi = blockDot(wq, aq);
        sum += static_cast<float>(sumi) * half(w) * half(a);  // (sumi * d_w) * d_a, as ggml writes it
    }
    return sum;
}

float dotQ4_1(const void* weightRow, const void* activationQ8_1, std::int64_t count)
{
    const auto* w = static_cast<const unsigned char*>(weightRow);
    const auto* a = static_cast<const unsigned char*>(activationQ8_1);
    float sum = 0.0f;
    for (std::int64_t i = 0; i < count / kQuantBlock; ++i, w += 20, a += kQ8_1BlockBytes) {
        std::int8_t wq[32];
        std::int8_t aq[32];
        unpackNibbles(w + 4, 0, wq);
        std::memcpy(aq, a + 4, 32);
        const int sumi = blockDot(wq, aq);
        const float scaled = (half(w) * half(a)) * static_cast<float>(sumi);
        const float offset = half(w + 2) * half(a + 2);  // m_w * s_a
        sum += scaled + offset;
    }
    return sum;
}

}  // namespace lathe
