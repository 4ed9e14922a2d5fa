// ggml's tensor block formats, as GGUF files store them: dequantization of every format a
// model loader meets (F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K..Q6_K), Q8_0/Q8_1
// quantization (of activations, and of weights for --quantize q8_0), and the quantized dot
// products the CPU backend computes Q8_0/Q4_0/Q4_1 weights with, as llama.cpp's reference
// (non-SIMD) code defines them. The gguf Python package (gguf.quants) is the reference.
#pragma once

#include "io/gguf_file.h"

#include <cstddef>
#include <cstdint>

namespace lathe {

// True for the types dequantize() handles.
bool ggmlCanDequantize(GgmlType type);

// Dequantizes `count` elements (a multiple of the type's block size) read from `blocks` (any
// alignment) into out. Throws lathe::Error(Unsupported) naming the type for one it cannot.
void dequantizeGgml(GgmlType type, const void* blocks, std::int64_t count, float* out);

// ggml's block_q8_0 (34 bytes: f16 scale d, 32 int8) and block_q8_1 (36 bytes: f16 d,
// f16 s = d * sum(q), 32 int8), the formats activations are quantized to for the dot products.
inline constexpr std::int64_t kQ8_0BlockBytes = 34;
inline constexpr std::int64_t kQ8_1BlockBytes = 36;
inline constexpr std::int64_t kQuantBlock = 32;

// Quantizes `count` floats (a multiple of 32) as ggml's quantize_row_q8_0_ref / _q8_1_ref.
void quantizeQ8_0(const float* x, std::int64_t count, void* out);
void quantizeQ8_1(const float* x, std::int64_t count, void* out);

// Dot products of one weight row (`count` elements, a multiple of 32) with one activation row
// quantized by quantizeQ8_0 (for Q8_0 and Q4_0 weights) or quantizeQ8_1 (for Q4_1 weights), as
// ggml's ggml_vec_dot_<w>_q8_<n>_generic computes them: an exact integer sum per block, then
// in float32, blocks in order: Q8_0 sum += sumi * (d_w * d_a); Q4_0 sum += (sumi * d_w) * d_a;
// Q4_1 sum += (d_w * d_a) * sumi + m_w * s_a. Rows may sit at any address.
float dotQ8_0(const void* weightRow, const void* activationQ8_0, std::int64_t count);
float dotQ4_0(const void* weightRow, const void* activationQ8_0, std::int64_t count);
float dotQ4_1(const void* weightRow, const void* activationQ8_1, std::int64_t count);

}  // namespace lathe
