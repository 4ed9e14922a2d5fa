// The CPU backend's kernels: plain, multi-threaded C++ that computes what transformers computes
// in float32. Weights are used where they lie (in the checkpoint's memory map) in their own
// format (F32, BF16, F16); activations are float32. No kernel allocates: scratch comes from the
// caller, so a decode step allocates nothing.
//
// Determinism: every output element is reduced in one fixed order that depends only on the
// shapes of that element's own inputs -- not on the number of rows in the batch, the thread
// count, or how work is split. A sequence decoded in a batch and decoded alone gives bitwise
// the same numbers.
#pragma once

#include "core/dtype.h"

#include <cstdint>

namespace lathe {
class ThreadPool;
}

namespace lathe::cpu {

// ggml block formats a weight can be computed in without dequantizing it (GGUF files, or
// --quantize q8_0): each row is cols/32 blocks of ggml's layout (io/ggml_quants.h).
enum class BlockFormat : std::uint8_t { None, Q8_0, Q4_0, Q4_1 };

// A weight matrix as the checkpoint stores it: row-major [rows, cols], F32, BF16 or F16 --
// or, when blocks != None, rows of ggml blocks (dtype is then ignored).
struct MatrixView {
    const void* data = nullptr;
    DType dtype = DType::F32;
    std::int64_t rows = 0;
    std::int64_t cols = 0;
    BlockFormat blocks = BlockFormat::None;
};

// y[m, n] = sum_k x[m, k] * W[n, k] (+ bias[n]) for m < M, n < W.rows, k < W.cols.
// x has row stride ldx, y row stride ldy (floats); y must not overlap x. bias may be null. pool may be null (the
// calling thread does all of it). Throws lathe::Error(Unsupported) for a dtype other than
// F32/BF16/F16. Weights may sit at any address (a safetensors data offset need not be aligned).
// Each y[m, n] is summed in 8 lanes (lane l takes k % 8 == l, in increasing k), the lanes added
// as a fixed tree, then the bias added: the order depends on K alone.
// With w.blocks != None, each row of x is quantized once per call to Q8_0 (Q8_1 for Q4_1
// weights) and y[m, n] = ggml's reference dot product of W row n with it (io/ggml_quants.h),
// then + bias[n] -- again one order per element. W.cols must be a multiple of 32 (else
// InvalidInput). The quantized rows live in a per-thread buffer that only grows, so repeated
// calls of one size allocate nothing.
void linear(ThreadPool* pool, const float* x, std::int64_t M, std::int64_t ldx, const MatrixView& w,
            const float* bias, float* y, std::int64_t ldy);

// out[0..cols) = row `row` of m, converted to float32 (embedding lookup; ggml blocks are
// dequantized as gguf.quants does). A row outside the matrix throws lathe::Error(InvalidInput).
void rowToF32(const MatrixView& m, std::int64_t row, float* out);

// Converts n elements of dtype F32/BF16/F16 to float32 (norm weights, biases).
void toF32(const void* data, DType dtype, std::int64_t n, float* out);

// RMSNorm as transformers' LlamaRMSNorm in float32, per row of `dim`:
// out = x * rsqrt(mean(x^2) + eps) * weight. weight is float32 (callers fold in Gemma's 1 + w).
// x and out may be the same rows.
void rmsNorm(const float* x, std::int64_t rows, std::int64_t dim, std::int64_t ldx, const float* weight,
             float eps, float* out, std::int64_t ldOut);

// Rotary position embedding, half-split as transformers' rotate_half: for each token t, head h
// and i < rotaryDim/2, the pair (x[i], x[i + rotaryDim/2]) of that head is rotated by
// angle = float(positions[t]) * invFreq[i] (a float32 product, as transformers forms it), with
// cos and sin (of that float32 angle) multiplied by attentionScaling. Dims >= rotaryDim are left
// as they are (partial rotary). x: token t, head h starts at x + t*ld + h*headDim. An odd
// rotaryDim or one above headDim throws lathe::Error(InvalidInput).
void applyRope(float* x, std::int64_t tokens, std::int64_t heads, std::int64_t headDim, std::int64_t ld,
               const std::int32_t* positions, const float* invFreq, std::int64_t rotaryDim,
               float attentionScaling);

// The same rotation with adjacent pairs (x[2i], x[2i + 1]) rotated by position * invFreq[i]
// (llama.cpp's "normal" rope, for GGUF llama-family models, whose converter permuted the q/k
// rows so that this equals applyRope on the original rows). Same angles, cos/sin and errors.
void applyRopeInterleaved(float* x, std::int64_t tokens, std::int64_t heads, std::int64_t headDim, std::int64_t ld,
                          const std::int32_t* positions, const float* invFreq, std::int64_t rotaryDim,
                          float attentionScaling);

// One layer's paged KV cache on the CPU, in the style of vLLM: fixed blocks of blockSize token
// slots; K and V each [numBlocks, blockSize, kvHeads, headDim] float32.
struct PagedKvView {
    float* k = nullptr;
    float* v = nullptr;
    std::int32_t numBlocks = 0;
    std::int32_t blockSize = 16;
    std::int32_t kvHeads = 0;
    std::int32_t headDim = 0;
};

// The tokens of one step (prefill chunks and decode tokens of several sequences together).
// Token t belongs to sequence tokenSequence[t] and sits at position positions[t]; its slot is
// blockTables[seq][pos / blockSize] * blockSize + pos % blockSize.
struct AttentionBatch {
    std::int64_t tokens = 0;
    const std::int32_t* tokenSequence = nullptr;
    const std::int32_t* positions = nullptr;
    const std::int32_t* const* blockTables = nullptr;
};

// Stores each token's k and v rows (kvHeads*headDim floats, row strides ldk/ldv) in its slot.
// A negative position or a block table entry outside [0, numBlocks) throws
// lathe::Error(InvalidInput) (entries past the end of a table cannot be checked).
void writeKv(const float* k, std::int64_t ldk, const float* v, std::int64_t ldv, const AttentionBatch& batch,
             const PagedKvView& cache);

struct AttentionParams {
    std::int32_t heads = 0;    // query heads; head h reads kv head h / (heads / kvHeads)
    float scale = 1.0f;        // multiplies q.k
    float softcap = 0.0f;      // > 0: scores = tanh(scores / softcap) * softcap (Gemma 2)
    std::int32_t window = 0;   // > 0: attend only kv positions p with pos - window < p (transformers' sliding window)
};

// Causal attention of every token over its own sequence's cached positions p <= positions[t]
// (within the window): out[t, h, :] = sum_p softmax_p(score) * v[p]. Scores are float32 as
// torch forms them (q.k * scale, then the softcap); the streaming softmax and the weighted sum
// run in double, so the result is within float rounding of the float64 softmax of those scores.
// q row stride ldq (heads*headDim floats per token, head-major), out row stride ldo. The cache
// must already hold the k/v of every position attended to (writeKv for this step first).
// Throws lathe::Error: Unsupported for headDim > 512, InvalidInput when heads is not a multiple
// of kvHeads or a block table entry lies outside the cache.
void pagedAttention(ThreadPool* pool, const float* q, std::int64_t ldq, const AttentionBatch& batch,
                    const PagedKvView& cache, const AttentionParams& params, float* out, std::int64_t ldo);

enum class GatedActivation { Silu, GeluTanh };

// out[r, c] = act(gate[r, c]) * up[r, c] for r < rows, c < cols: SiLU (x * sigmoid(x)) or
// gelu_pytorch_tanh (0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))). out may alias gate.
void gatedActivation(GatedActivation act, const float* gate, std::int64_t ldg, const float* up, std::int64_t ldu,
                     std::int64_t rows, std::int64_t cols, float* out, std::int64_t ldo);

// x[i] += y[i]
void addInPlace(float* x, const float* y, std::int64_t n);
// x[i] *= s
void scaleInPlace(float* x, float s, std::int64_t n);
// x[i] = tanh(x[i] / cap) * cap (Gemma 2's final logit soft-capping)
void softcapInPlace(float* x, float cap, std::int64_t n);

}  // namespace lathe::cpu
