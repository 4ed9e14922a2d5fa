// The CPU kernels: plain C++ and 4-wide vector extensions that the compiler maps to SSE/NEON at
// -O2 (hand-written SIMD comes later). Every reduction runs in an order fixed by the reduced
// length alone (see cpu_ops.h), and no kernel allocates: scratch lives on the stack, sized by
// the constants below. Each product of linear goes through the one function dotMicro, so if a
// target fuses a*b+c into an FMA (-march with FMA), it fuses every path alike (tested).
#include "backend/cpu/cpu_ops.h"

#include "core/error.h"
#include "core/thread_pool.h"
#include "io/ggml_quants.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

namespace lathe::cpu {
namespace {

// A dot product is split over kLanes accumulators, lane l summing the k with k % kLanes == l in
// increasing k; the lanes are then added as a fixed tree. The lanes are what lets the compiler
// vectorize, and the order depends on K alone.
constexpr int kLanes = 8;
// linear's blocking: kCols weight rows are converted to float kChunk elements at a time and
// used for kRows rows of x before the next chunk; kMicro columns share each load of x.
constexpr std::int64_t kChunk = 512;  // a multiple of kLanes, so lanes stay aligned to k
constexpr int kCols = 8;
constexpr int kRows = 8;
constexpr int kMicro = 4;
// pagedAttention's limits: the per-head accumulator, the query heads that share one pass over
// their kv head (GQA), and a chunk of scores. 8 x 512 doubles is 32 KiB of stack.
constexpr std::int32_t kMaxHeadDim = 512;
constexpr std::int32_t kHeadGroup = 8;
constexpr std::int64_t kScoreChunk = 64;
// applyRope computes cos/sin for this many pairs at a time, shared by every head of a token.
constexpr std::int64_t kRopeChunk = 64;
// Below this many multiply-adds a linear runs on the calling thread: waking workers costs more.
constexpr std::int64_t kMinParallelWork = 1 << 16;

[[noreturn]] void throwUnsupported(const std::string& field, const std::string& reason)
{
    throw Error(ErrorKind::Unsupported, {}, field, reason);
}

// Eight float lanes as two 4-wide values. GCC/Clang vector extensions, not intrinsics: 4-wide
// is what every x86-64 and ARM64 target has natively (a wider generic vector makes GCC keep it
// in memory without AVX), and each lane is plain IEEE float arithmetic, so the numbers are those
// of the scalar loop.
using Quad = float __attribute__((vector_size(4 * sizeof(float))));
using QuadBits = std::uint32_t __attribute__((vector_size(4 * sizeof(std::uint32_t))));
using QuadHalves = std::uint16_t __attribute__((vector_size(4 * sizeof(std::uint16_t))));

struct Lanes {
    Quad lo = {};  // lanes 0..3
    Quad hi = {};  // lanes 4..7
};

Quad loadQuad(const float* p)
{
    Quad v;
    std::memcpy(&v, p, sizeof v);  // unaligned load
    return v;
}

Lanes loadLanes(const float* p)
{
    return Lanes{loadQuad(p), loadQuad(p + 4)};
}

// The last n < kLanes elements, zero-padded: adding 0 * 0 leaves a lane as it is, and keeps
// the accumulators in registers (indexing a lane would force them to memory).
Lanes loadTail(const float* p, std::int64_t n)
{
    float padded[kLanes] = {};
    std::memcpy(padded, p, static_cast<std::size_t>(n) * sizeof(float));
    return loadLanes(padded);
}

// acc += x * w, lane by lane.
void multiplyAdd(Lanes& acc, const Lanes& x, const Lanes& w)
{
    acc.lo += x.lo * w.lo;
    acc.hi += x.hi * w.hi;
}

float reduceLanes(const Lanes& a)
{
    return ((a.lo[0] + a.lo[1]) + (a.lo[2] + a.lo[3])) + ((a.hi[0] + a.hi[1]) + (a.hi[2] + a.hi[3]));
}

// sum_k a[k] * b[k] in the lane order above.
float dotLanes(const float* a, const float* b, std::int64_t n)
{
    Lanes acc;
    std::int64_t k = 0;
    for (; k + kLanes <= n; k += kLanes) {
        multiplyAdd(acc, loadLanes(a + k), loadLanes(b + k));
    }
    if (k < n) {
        multiplyAdd(acc, loadTail(a + k, n - k), loadTail(b + k, n - k));
    }
    return reduceLanes(acc);
}

// Exact binary16 -> binary32 without branches, so it vectorizes (M. Dukhan's FP16 library
// method): normals and inf/NaN by moving the bits and rescaling the exponent with one exact
// multiply, subnormals by a magic-number subtraction. Equal to core/dtype.h's f16ToF32 for all
// 65536 inputs (tested), and it never makes a subnormal float, which is slow on x86.
template <class Bits, class Float>
Float f16Bits(const Bits& h)
{
    const Bits w = h << 16;
    const Bits sign = w & 0x80000000u;
    const Bits twoW = w + w;  // drops the sign
    const Float normalized = std::bit_cast<Float>(Bits((twoW >> 4) + (0xE0u << 23))) * 0x1.0p-112f;
    const Float denormalized = std::bit_cast<Float>(Bits((twoW >> 17) | (126u << 23))) - 0.5f;
    const Bits bits = twoW < (1u << 27) ? std::bit_cast<Bits>(denormalized) : std::bit_cast<Bits>(normalized);
    return std::bit_cast<Float>(Bits(sign | bits));
}

template <class Bits, class Float>
Float bf16Bits(const Bits& h)
{
    return std::bit_cast<Float>(Bits(h << 16));
}

// n 16-bit elements that may sit at an odd address (a safetensors data offset is not promised
// to be aligned) to float32, four at a time.
template <bool kF16>
void convert16(const unsigned char* p, std::int64_t n, float* out)
{
    std::int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        QuadHalves halves;
        std::memcpy(&halves, p + 2 * i, sizeof halves);
        const QuadBits bits = __builtin_convertvector(halves, QuadBits);
        const Quad v = kF16 ? f16Bits<QuadBits, Quad>(bits) : bf16Bits<QuadBits, Quad>(bits);
        std::memcpy(out + i, &v, sizeof v);
    }
    for (; i < n; ++i) {
        std::uint16_t h;
        std::memcpy(&h, p + 2 * i, 2);
        const std::uint32_t bits = h;
        out[i] = kF16 ? f16Bits<std::uint32_t, float>(bits) : bf16Bits<std::uint32_t, float>(bits);
    }
}

void convertToF32(const void* data, DType dtype, std::int64_t n, float* out)
{
    const auto* bytes = static_cast<const unsigned char*>(data);
    switch (dtype) {
    case DType::F32:
        std::memcpy(out, data, static_cast<std::size_t>(n) * sizeof(float));
        return;
    case DType::BF16:
        convert16<false>(bytes, n, out);
        return;
    case DType::F16:
        convert16<true>(bytes, n, out);
        return;
    default:
        throwUnsupported("dtype", "the CPU kernels take F32, BF16 or F16, not " + std::string(dtypeName(dtype)));
    }
}

void requireFloatDType(DType dtype, const char* what)
{
    if (dtype != DType::F32 && dtype != DType::BF16 && dtype != DType::F16) {
        throwUnsupported(what, "the CPU kernels take F32, BF16 or F16, not " + std::string(dtypeName(dtype)));
    }
}

// ---- linear ----

struct LinearArgs {
    const float* x;
    std::int64_t M;
    std::int64_t ldx;
    const MatrixView* w;
    bool wDirect;  // F32 weights aligned for float access: used in place, no copy
    const float* bias;
    float* y;
    std::int64_t ldy;
    std::int64_t colsPerTask;
};

// acc[j] += the lanes of x . w[j] over n elements (n a multiple of kLanes except in the last
// chunk). Four columns at once, so each load of x serves four products.
void dotMicro(const float* x, const float* const* w, std::int64_t n, Lanes* acc)
{
    Lanes a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];  // in registers for the loop
    const float* w0 = w[0];
    const float* w1 = w[1];
    const float* w2 = w[2];
    const float* w3 = w[3];
    std::int64_t k = 0;
    for (; k + kLanes <= n; k += kLanes) {
        const Lanes xv = loadLanes(x + k);
        multiplyAdd(a0, xv, loadLanes(w0 + k));
        multiplyAdd(a1, xv, loadLanes(w1 + k));
        multiplyAdd(a2, xv, loadLanes(w2 + k));
        multiplyAdd(a3, xv, loadLanes(w3 + k));
    }
    if (k < n) {
        const Lanes xv = loadTail(x + k, n - k);
        multiplyAdd(a0, xv, loadTail(w0 + k, n - k));
        multiplyAdd(a1, xv, loadTail(w1 + k, n - k));
        multiplyAdd(a2, xv, loadTail(w2 + k, n - k));
        multiplyAdd(a3, xv, loadTail(w3 + k, n - k));
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

// Output columns [n0, n1) for every row. The loop order keeps kCols weight rows hot in cache
// while every block of kRows rows of x passes over them; the sums of each y[m, n] still run
// through dotMicro in the same order whatever the blocking.
void linearColumns(const LinearArgs& a, std::int64_t n0, std::int64_t n1)
{
    const std::int64_t K = a.w->cols;
    const auto* wBytes = static_cast<const unsigned char*>(a.w->data);
    const std::size_t wElement = a.w->dtype == DType::F32 ? 4 : 2;
    alignas(64) float wbuf[kCols][kChunk];
    Lanes acc[kRows][kCols];

    for (std::int64_t nb = n0; nb < n1; nb += kCols) {
        const int nc = static_cast<int>(std::min<std::int64_t>(kCols, n1 - nb));
        for (std::int64_t mb = 0; mb < a.M; mb += kRows) {
            const int mc = static_cast<int>(std::min<std::int64_t>(kRows, a.M - mb));
            for (auto& row : acc) {
                std::fill(std::begin(row), std::end(row), Lanes{});
            }
            for (std::int64_t k0 = 0; k0 < K; k0 += kChunk) {
                const std::int64_t kc = std::min(kChunk, K - k0);
                const float* wrows[kCols];
                for (int j = 0; j < nc; ++j) {
                    const std::int64_t offset = (nb + j) * K + k0;
                    if (a.wDirect) {
                        wrows[j] = static_cast<const float*>(a.w->data) + offset;
                    } else {
                        convertToF32(wBytes + offset * wElement, a.w->dtype, kc, wbuf[j]);
                        wrows[j] = wbuf[j];
                    }
                }
                // Columns past the end repeat a real one; their sums are dropped.
                for (int j = nc; j < kCols; ++j) {
                    wrows[j] = wrows[0];
                }
                const int ncPadded = (nc + kMicro - 1) / kMicro * kMicro;
                for (int m = 0; m < mc; ++m) {
                    const float* xr = a.x + (mb + m) * a.ldx + k0;
                    for (int j = 0; j < ncPadded; j += kMicro) {
                        dotMicro(xr, wrows + j, kc, acc[m] + j);
                    }
                }
            }
            for (int m = 0; m < mc; ++m) {
                float* yr = a.y + (mb + m) * a.ldy + nb;
                for (int j = 0; j < nc; ++j) {
                    const float sum = reduceLanes(acc[m][j]);
                    yr[j] = a.bias ? sum + a.bias[nb + j] : sum;
                }
            }
        }
    }
}

// ---- linear over ggml blocks ----

std::int64_t blockRowBytes(BlockFormat format, std::int64_t cols)
{
    const std::int64_t blocks = cols / kQuantBlock;
    switch (format) {
    case BlockFormat::Q8_0: return blocks * kQ8_0BlockBytes;
    case BlockFormat::Q4_0: return blocks * 18;
    case BlockFormat::Q4_1: return blocks * 20;
    case BlockFormat::None: break;
    }
    return 0;
}

GgmlType blockGgmlType(BlockFormat format)
{
    switch (format) {
    case BlockFormat::Q8_0: return GgmlType::Q8_0;
    case BlockFormat::Q4_0: return GgmlType::Q4_0;
    case BlockFormat::Q4_1: return GgmlType::Q4_1;
    case BlockFormat::None: break;
    }
    return GgmlType::F32;
}

void requireWholeBlocks(std::int64_t cols)
{
    if (cols % kQuantBlock != 0) {
        throwInvalid({}, "cols", "a matrix of ggml blocks needs cols a multiple of " + std::to_string(kQuantBlock) +
                                     ", not " + std::to_string(cols));
    }
}

struct BlockLinearArgs {
    const unsigned char* xq;  // M rows of quantized activations, xqRowBytes each
    std::int64_t xqRowBytes;
    std::int64_t M;
    const MatrixView* w;
    std::int64_t wRowBytes;
    const float* bias;
    float* y;
    std::int64_t ldy;
    std::int64_t colsPerTask;
};

// Output columns [n0, n1): kCols weight rows stay in cache while every activation row passes
// over them. Each y[m, n] is one call of the ggml-order dot product, so the split cannot
// change it.
void blockLinearColumns(const BlockLinearArgs& a, std::int64_t n0, std::int64_t n1)
{
    const std::int64_t K = a.w->cols;
    const auto* wBytes = static_cast<const unsigned char*>(a.w->data);
    for (std::int64_t nb = n0; nb < n1; nb += kCols) {
        const std::int64_t nc = std::min<std::int64_t>(kCols, n1 - nb);
        for (std::int64_t m = 0; m < a.M; ++m) {
            const unsigned char* xr = a.xq + m * a.xqRowBytes;
            float* yr = a.y + m * a.ldy;
            for (std::int64_t j = 0; j < nc; ++j) {
                const std::int64_t n = nb + j;
                const unsigned char* wr = wBytes + n * a.wRowBytes;
                float sum = 0.0f;
                switch (a.w->blocks) {
                case BlockFormat::Q8_0: sum = dotQ8_0(wr, xr, K); break;
                case BlockFormat::Q4_0: sum = dotQ4_0(wr, xr, K); break;
                case BlockFormat::Q4_1: sum = dotQ4_1(wr, xr, K); break;
                case BlockFormat::None: break;
                }
                yr[n] = a.bias ? sum + a.bias[n] : sum;
            }
        }
    }
}

// The activations quantized for one call: per calling thread, grown the first time a larger
// size is needed and kept, so a decode loop allocates on its first step only.
unsigned char* activationScratch(std::size_t bytes)
{
    thread_local std::vector<unsigned char> scratch;
    if (scratch.size() < bytes) {
        scratch.resize(bytes);
    }
    return scratch.data();
}

// ---- attention ----

struct AttentionArgs {
    const float* q;
    std::int64_t ldq;
    const AttentionBatch* batch;
    const PagedKvView* cache;
    const AttentionParams* params;
    float* out;
    std::int64_t ldo;
    std::int64_t groupsPerToken;  // work items of one token: kv heads x chunks of kHeadGroup heads
    std::int64_t items;           // tokens * groupsPerToken
    std::int64_t tasks;
};

// Slot of `pos` of sequence `seq`, checking the block table entry against the cache.
std::int64_t slotOf(const AttentionBatch& batch, const PagedKvView& cache, std::int32_t seq, std::int32_t pos)
{
    const std::int32_t block = batch.blockTables[seq][pos / cache.blockSize];
    if (block < 0 || block >= cache.numBlocks) {
        throwInvalid({}, "block_table",
                     "sequence " + std::to_string(seq) + " maps position " + std::to_string(pos) +
                         " to block " + std::to_string(block) + " of a cache with " +
                         std::to_string(cache.numBlocks) + " blocks");
    }
    return static_cast<std::int64_t>(block) * cache.blockSize + pos % cache.blockSize;
}

using DoublePair = double __attribute__((vector_size(2 * sizeof(double))));
using FloatPair = float __attribute__((vector_size(2 * sizeof(float))));

// acc[d] += weight * v[d] in double, two at a time.
void accumulateScaled(double* acc, double weight, const float* v, std::int64_t n)
{
    std::int64_t d = 0;
    for (; d + 2 <= n; d += 2) {
        FloatPair vf;
        std::memcpy(&vf, v + d, sizeof vf);
        DoublePair sum;
        std::memcpy(&sum, acc + d, sizeof sum);
        sum += weight * __builtin_convertvector(vf, DoublePair);
        std::memcpy(acc + d, &sum, sizeof sum);
    }
    if (d < n) {
        acc[d] += weight * v[d];
    }
}

// Streaming softmax of the query heads [h0, h0 + hn) of token t, all reading kv head kvHead:
// each k and v row is loaded once for the group. The positions go a chunk of contiguous slots
// at a time; the scores are float32 as torch's matmul * scale gives them (then softcapped), and
// the exponentials, their sum and the weighted values are double, so each head's result is the
// float64 softmax of its float32 scores -- computed per head in an order that does not depend
// on the grouping, the batch or the threads.
void attendGroup(const AttentionArgs& a, std::int64_t t, std::int32_t kvHead, std::int32_t h0, std::int32_t hn)
{
    const AttentionBatch& batch = *a.batch;
    const PagedKvView& cache = *a.cache;
    const AttentionParams& p = *a.params;
    const std::int64_t D = cache.headDim;
    const std::int64_t kvRow = static_cast<std::int64_t>(cache.kvHeads) * D;
    const std::int32_t seq = batch.tokenSequence[t];
    const std::int32_t pos = batch.positions[t];
    const std::int32_t first = p.window > 0 ? std::max(0, pos - p.window + 1) : 0;

    alignas(16) double acc[kHeadGroup][kMaxHeadDim];
    double runningMax[kHeadGroup];
    double denominator[kHeadGroup];
    float scores[kHeadGroup][kScoreChunk];
    for (std::int32_t g = 0; g < hn; ++g) {
        std::fill(acc[g], acc[g] + D, 0.0);
        runningMax[g] = -INFINITY;
        denominator[g] = 0.0;
    }

    for (std::int32_t p0 = first; p0 <= pos;) {
        // Positions [p0, p1) lie in one cache block, so their slots are consecutive.
        const std::int32_t blockEnd = (p0 / cache.blockSize + 1) * cache.blockSize;
        const std::int32_t p1 =
            static_cast<std::int32_t>(std::min<std::int64_t>({pos + 1, blockEnd, p0 + kScoreChunk}));
        const std::int64_t slot0 = slotOf(batch, cache, seq, p0);
        const float* k = cache.k + slot0 * kvRow + kvHead * D;
        const float* v = cache.v + slot0 * kvRow + kvHead * D;
        const std::int32_t n = p1 - p0;

        for (std::int32_t i = 0; i < n; ++i) {
            for (std::int32_t g = 0; g < hn; ++g) {
                const float* q = a.q + t * a.ldq + (h0 + g) * D;
                float s = dotLanes(q, k + i * kvRow, D) * p.scale;
                if (p.softcap > 0.0f) {
                    s = std::tanh(s / p.softcap) * p.softcap;
                }
                scores[g][i] = s;
            }
        }
        for (std::int32_t g = 0; g < hn; ++g) {
            const float chunkMax = *std::max_element(scores[g], scores[g] + n);
            if (chunkMax > runningMax[g]) {
                const double rescale = std::exp(runningMax[g] - chunkMax);  // 0 on the first chunk
                denominator[g] *= rescale;
                for (std::int64_t d = 0; d < D; ++d) {
                    acc[g][d] *= rescale;
                }
                runningMax[g] = chunkMax;
            }
        }
        for (std::int32_t i = 0; i < n; ++i) {
            for (std::int32_t g = 0; g < hn; ++g) {
                const double weight = std::exp(static_cast<double>(scores[g][i]) - runningMax[g]);
                denominator[g] += weight;
                accumulateScaled(acc[g], weight, v + i * kvRow, D);
            }
        }
        p0 = p1;
    }

    for (std::int32_t g = 0; g < hn; ++g) {
        float* o = a.out + t * a.ldo + (h0 + g) * D;
        for (std::int64_t d = 0; d < D; ++d) {
            o[d] = static_cast<float>(acc[g][d] / denominator[g]);
        }
    }
}

// Runs body(task) for task < tasks over the pool, or inline. The body is passed by reference
// inside a one-pointer lambda, small enough for std::function's inline storage: no allocation.
template <class Body>
void runTasks(ThreadPool* pool, std::int64_t tasks, const Body& body)
{
    if (pool == nullptr || tasks <= 1 || pool->size() == 1) {
        for (std::int64_t task = 0; task < tasks; ++task) {
            body(task);
        }
        return;
    }
    const Body* bodyPtr = &body;
    pool->run(static_cast<std::size_t>(tasks),
              [bodyPtr](std::size_t task, unsigned) { (*bodyPtr)(static_cast<std::int64_t>(task)); });
}

}  // namespace

void linear(ThreadPool* pool, const float* x, std::int64_t M, std::int64_t ldx, const MatrixView& w,
            const float* bias, float* y, std::int64_t ldy)
{
    if (w.blocks == BlockFormat::None) {
        requireFloatDType(w.dtype, "weight dtype");
    } else {
        requireWholeBlocks(w.cols);
    }
    const std::int64_t N = w.rows;
    const std::int64_t K = w.cols;
    if (M < 0 || N < 0 || K < 0 || (M > 1 && (ldx < K || ldy < N))) {
        throwInvalid({}, "linear", "bad shape: M " + std::to_string(M) + ", N " + std::to_string(N) + ", K " +
                                       std::to_string(K) + ", ldx " + std::to_string(ldx) + ", ldy " +
                                       std::to_string(ldy));
    }
    if (M == 0 || N == 0) {
        return;
    }

    // Whole groups of kCols columns per task, about four tasks per worker for balance.
    const std::int64_t groups = (N + kCols - 1) / kCols;
    std::int64_t tasks = 1;
    if (pool != nullptr && M * N * K >= kMinParallelWork) {
        tasks = std::min<std::int64_t>(groups, static_cast<std::int64_t>(pool->size()) * 4);
    }
    const std::int64_t colsPerTask = (groups + tasks - 1) / tasks * kCols;
    tasks = (N + colsPerTask - 1) / colsPerTask;

    if (w.blocks != BlockFormat::None) {
        // Each activation row is quantized once (Q8_1 for Q4_1 weights, else Q8_0), as ggml does.
        const bool q8_1 = w.blocks == BlockFormat::Q4_1;
        const std::int64_t xqRowBytes = K / kQuantBlock * (q8_1 ? kQ8_1BlockBytes : kQ8_0BlockBytes);
        unsigned char* xq = activationScratch(static_cast<std::size_t>(M * xqRowBytes));
        for (std::int64_t m = 0; m < M; ++m) {
            if (q8_1) {
                quantizeQ8_1(x + m * ldx, K, xq + m * xqRowBytes);
            } else {
                quantizeQ8_0(x + m * ldx, K, xq + m * xqRowBytes);
            }
        }
        const BlockLinearArgs blockArgs{xq, xqRowBytes, M, &w, blockRowBytes(w.blocks, K), bias, y, ldy, colsPerTask};
        runTasks(pool, tasks, [&blockArgs, N](std::int64_t task) {
            const std::int64_t n0 = task * blockArgs.colsPerTask;
            blockLinearColumns(blockArgs, n0, std::min(N, n0 + blockArgs.colsPerTask));
        });
        return;
    }

    LinearArgs args{x, M, ldx, &w, false, bias, y, ldy, colsPerTask};
    args.wDirect = w.dtype == DType::F32 && reinterpret_cast<std::uintptr_t>(w.data) % alignof(float) == 0;


    runTasks(pool, tasks, [&args, N](std::int64_t task) {
        const std::int64_t n0 = task * args.colsPerTask;
        linearColumns(args, n0, std::min(N, n0 + args.colsPerTask));
    });
}

void rowToF32(const MatrixView& m, std::int64_t row, float* out)
{
    if (m.blocks == BlockFormat::None) {
        requireFloatDType(m.dtype, "dtype");
    } else {
        requireWholeBlocks(m.cols);
    }
    if (row < 0 || row >= m.rows) {
        throwInvalid({}, "row", "row " + std::to_string(row) + " is outside a matrix of " + std::to_string(m.rows) +
                                    " rows");
    }
    if (m.blocks != BlockFormat::None) {
        const std::int64_t rowBytes = blockRowBytes(m.blocks, m.cols);
        dequantizeGgml(blockGgmlType(m.blocks), static_cast<const unsigned char*>(m.data) + row * rowBytes, m.cols,
                       out);
        return;
    }
    const std::size_t element = m.dtype == DType::F32 ? 4 : 2;
    convertToF32(static_cast<const unsigned char*>(m.data) + row * m.cols * element, m.dtype, m.cols, out);
}

void toF32(const void* data, DType dtype, std::int64_t n, float* out)
{
    convertToF32(data, dtype, n, out);
}

void rmsNorm(const float* x, std::int64_t rows, std::int64_t dim, std::int64_t ldx, const float* weight,
             float eps, float* out, std::int64_t ldOut)
{
    for (std::int64_t r = 0; r < rows; ++r) {
        const float* xr = x + r * ldx;
        float* o = out + r * ldOut;
        // torch sums x^2 in float32 with a blocked order of its own; the double sum is closer
        // to the exact mean than either, and is what the ~1e-6 agreement is measured against.
        double sumSquares = 0.0;
        for (std::int64_t i = 0; i < dim; ++i) {
            sumSquares += static_cast<double>(xr[i]) * xr[i];
        }
        const float variance = static_cast<float>(sumSquares / static_cast<double>(dim));
        const float inverse = 1.0f / std::sqrt(variance + eps);
        for (std::int64_t i = 0; i < dim; ++i) {
            o[i] = weight[i] * (xr[i] * inverse);
        }
    }
}

namespace {

enum class RopePairs { HalfSplit, Interleaved };

// Both rope layouts with the same float32 angles and cos/sin: only which two elements form
// pair i differs -- (i, i + rotaryDim/2) or (2i, 2i + 1).
template <RopePairs kPairs>
void rope(float* x, std::int64_t tokens, std::int64_t heads, std::int64_t headDim, std::int64_t ld,
          const std::int32_t* positions, const float* invFreq, std::int64_t rotaryDim, float attentionScaling)
{
    if (rotaryDim < 0 || rotaryDim % 2 != 0 || rotaryDim > headDim) {
        throwInvalid({}, "rotary_dim",
                     "rotary dim " + std::to_string(rotaryDim) + " must be even and at most head_dim " +
                         std::to_string(headDim));
    }
    const std::int64_t half = rotaryDim / 2;
    float cosines[kRopeChunk];
    float sines[kRopeChunk];
    for (std::int64_t t = 0; t < tokens; ++t) {
        const float position = static_cast<float>(positions[t]);
        for (std::int64_t i0 = 0; i0 < half; i0 += kRopeChunk) {
            const std::int64_t n = std::min(kRopeChunk, half - i0);
            for (std::int64_t i = 0; i < n; ++i) {
                const float angle = position * invFreq[i0 + i];  // float32, as transformers forms it
                cosines[i] = static_cast<float>(std::cos(static_cast<double>(angle))) * attentionScaling;
                sines[i] = static_cast<float>(std::sin(static_cast<double>(angle))) * attentionScaling;
            }
            for (std::int64_t h = 0; h < heads; ++h) {
                float* head = x + t * ld + h * headDim;
                for (std::int64_t i = 0; i < n; ++i) {
                    // q * cos + rotate_half(q) * sin, rotate_half(q) = cat(-q2, q1)
                    float& first = kPairs == RopePairs::HalfSplit ? head[i0 + i] : head[2 * (i0 + i)];
                    float& second = kPairs == RopePairs::HalfSplit ? head[i0 + i + half] : head[2 * (i0 + i) + 1];
                    const float x1 = first;
                    const float x2 = second;
                    first = x1 * cosines[i] - x2 * sines[i];
                    second = x2 * cosines[i] + x1 * sines[i];
                }
            }
        }
    }
}

}  // namespace

void applyRope(float* x, std::int64_t tokens, std::int64_t heads, std::int64_t headDim, std::int64_t ld,
               const std::int32_t* positions, const float* invFreq, std::int64_t rotaryDim,
               float attentionScaling)
{
    rope<RopePairs::HalfSplit>(x, tokens, heads, headDim, ld, positions, invFreq, rotaryDim, attentionScaling);
}

void applyRopeInterleaved(float* x, std::int64_t tokens, std::int64_t heads, std::int64_t headDim, std::int64_t ld,
                          const std::int32_t* positions, const float* invFreq, std::int64_t rotaryDim,
                          float attentionScaling)
{
    rope<RopePairs::Interleaved>(x, tokens, heads, headDim, ld, positions, invFreq, rotaryDim, attentionScaling);
}

namespace {

void checkCacheShape(const PagedKvView& cache)
{
    if (cache.blockSize <= 0 || cache.kvHeads <= 0 || cache.headDim <= 0 || cache.numBlocks < 0) {
        throwInvalid({}, "kv_cache",
                     "bad shape: " + std::to_string(cache.numBlocks) + " blocks of " +
                         std::to_string(cache.blockSize) + " slots, " + std::to_string(cache.kvHeads) +
                         " kv heads of dim " + std::to_string(cache.headDim));
    }
}

void checkPosition(std::int64_t t, std::int32_t pos)
{
    if (pos < 0) {
        throwInvalid({}, "positions", "token " + std::to_string(t) + " has position " + std::to_string(pos));
    }
}

}  // namespace

void writeKv(const float* k, std::int64_t ldk, const float* v, std::int64_t ldv, const AttentionBatch& batch,
             const PagedKvView& cache)
{
    checkCacheShape(cache);
    const std::int64_t row = static_cast<std::int64_t>(cache.kvHeads) * cache.headDim;
    for (std::int64_t t = 0; t < batch.tokens; ++t) {
        checkPosition(t, batch.positions[t]);
        const std::int64_t slot = slotOf(batch, cache, batch.tokenSequence[t], batch.positions[t]);
        std::memcpy(cache.k + slot * row, k + t * ldk, static_cast<std::size_t>(row) * sizeof(float));
        std::memcpy(cache.v + slot * row, v + t * ldv, static_cast<std::size_t>(row) * sizeof(float));
    }
}

void pagedAttention(ThreadPool* pool, const float* q, std::int64_t ldq, const AttentionBatch& batch,
                    const PagedKvView& cache, const AttentionParams& params, float* out, std::int64_t ldo)
{
    checkCacheShape(cache);
    if (cache.headDim > kMaxHeadDim) {
        throwUnsupported("head_dim", "head_dim " + std::to_string(cache.headDim) +
                                         " is larger than the CPU attention kernel's " +
                                         std::to_string(kMaxHeadDim));
    }
    if (params.heads <= 0 || params.heads % cache.kvHeads != 0) {
        throwInvalid({}, "num_attention_heads",
                     std::to_string(params.heads) + " query heads cannot share " +
                         std::to_string(cache.kvHeads) + " kv heads evenly");
    }
    for (std::int64_t t = 0; t < batch.tokens; ++t) {
        checkPosition(t, batch.positions[t]);
    }

    // Work items are (token, kv head, up to kHeadGroup of its query heads), dealt round-robin
    // (task, task + tasks, ...) so that the long rows of a prefill (late tokens attend to more
    // positions) spread over all tasks.
    const std::int32_t perKv = params.heads / cache.kvHeads;
    const std::int32_t chunksPerKv = (perKv + kHeadGroup - 1) / kHeadGroup;
    AttentionArgs args{q, ldq, &batch, &cache, &params, out, ldo, 0, 0, 1};
    args.groupsPerToken = static_cast<std::int64_t>(cache.kvHeads) * chunksPerKv;
    args.items = batch.tokens * args.groupsPerToken;
    if (pool != nullptr) {
        args.tasks = std::min<std::int64_t>(args.items, static_cast<std::int64_t>(pool->size()) * 8);
    }
    runTasks(pool, args.tasks, [&args, perKv, chunksPerKv](std::int64_t task) {
        for (std::int64_t item = task; item < args.items; item += args.tasks) {
            const std::int64_t t = item / args.groupsPerToken;
            const std::int64_t rest = item % args.groupsPerToken;
            const auto kvHead = static_cast<std::int32_t>(rest / chunksPerKv);
            const auto chunk = static_cast<std::int32_t>(rest % chunksPerKv);
            const std::int32_t h0 = kvHead * perKv + chunk * kHeadGroup;
            attendGroup(args, t, kvHead, h0, std::min(kHeadGroup, perKv - chunk * kHeadGroup));
        }
    });
}

void gatedActivation(GatedActivation act, const float* gate, std::int64_t ldg, const float* up, std::int64_t ldu,
                     std::int64_t rows, std::int64_t cols, float* out, std::int64_t ldo)
{
    // In float32, term by term as torch's CPU kernels write them.
    constexpr float kBeta = 0.7978845608028654f;  // sqrt(2 / pi)
    constexpr float kKappa = 0.044715f;
    for (std::int64_t r = 0; r < rows; ++r) {
        const float* g = gate + r * ldg;
        const float* u = up + r * ldu;
        float* o = out + r * ldo;
        if (act == GatedActivation::Silu) {
            for (std::int64_t c = 0; c < cols; ++c) {
                o[c] = g[c] / (1.0f + std::exp(-g[c])) * u[c];
            }
        } else {
            for (std::int64_t c = 0; c < cols; ++c) {
                const float xv = g[c];
                const float inner = kBeta * (xv + kKappa * (xv * xv * xv));
                o[c] = 0.5f * xv * (1.0f + std::tanh(inner)) * u[c];
            }
        }
    }
}

void addInPlace(float* x, const float* y, std::int64_t n)
{
    for (std::int64_t i = 0; i < n; ++i) {
        x[i] += y[i];
    }
}

void scaleInPlace(float* x, float s, std::int64_t n)
{
    for (std::int64_t i = 0; i < n; ++i) {
        x[i] *= s;
    }
}

void softcapInPlace(float* x, float cap, std::int64_t n)
{
    for (std::int64_t i = 0; i < n; ++i) {
        x[i] = std::tanh(x[i] / cap) * cap;
    }
}

}  // namespace lathe::cpu
