// The CPU kernels against naive float64 references written here: linear for every weight
// dtype and odd shapes, bitwise determinism across batch size, blocking and thread count,
// linear over ggml blocks against io/ggml_quants' dot products, rope (partial, scaled; half-split
// and interleaved, and how the interleaved one undoes the GGUF q/k permutation), the paged KV cache and attention (shuffled blocks, mixed prefill and
// decode, GQA, sliding window, softcap) against dense attention, RMSNorm and activations.
// Kernels may not allocate: operator new is counted around them.
#include "backend/cpu/cpu_ops.h"
#include "core/dtype.h"
#include "core/error.h"
#include "core/thread_pool.h"
#include "io/ggml_quants.h"

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <numbers>
#include <numeric>
#include <random>
#include <string>
#include <vector>

// Every ordinary allocation of the process goes through here, so a test can see whether a
// kernel allocated.
namespace {
std::atomic<long> g_allocations{0};
}

void* operator new(std::size_t size)
{
    ++g_allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) {
        return p;
    }
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept
{
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    std::free(p);
}

using namespace lathe;
using namespace lathe::cpu;

namespace {

std::vector<float> randomFloats(std::mt19937& rng, std::size_t n, float lo = -1.0f, float hi = 1.0f)
{
    std::uniform_real_distribution<float> dist(lo, hi);
    std::vector<float> out(n);
    for (float& v : out) {
        v = dist(rng);
    }
    return out;
}

// A weight matrix in the bytes of its dtype, with the exact values it stands for. `offset`
// bytes of padding in front let a test place the data at an unaligned address.
struct Weights {
    std::vector<unsigned char> bytes;
    std::vector<double> values;  // [rows, cols], exact
    std::size_t offset = 0;
    MatrixView view;
};

Weights makeWeights(std::mt19937& rng, DType dtype, std::int64_t rows, std::int64_t cols, std::size_t offset = 0)
{
    Weights w;
    const std::size_t n = static_cast<std::size_t>(rows * cols);
    const std::size_t element = dtype == DType::F32 ? 4 : 2;
    w.offset = offset;
    w.bytes.resize(offset + n * element);
    w.values.resize(n);
    const std::vector<float> source = randomFloats(rng, n);
    for (std::size_t i = 0; i < n; ++i) {
        if (dtype == DType::F32) {
            std::memcpy(&w.bytes[offset + 4 * i], &source[i], 4);
            w.values[i] = source[i];
        } else {
            const std::uint16_t bits = dtype == DType::BF16 ? f32ToBf16(source[i]) : f32ToF16(source[i]);
            std::memcpy(&w.bytes[offset + 2 * i], &bits, 2);
            w.values[i] = dtype == DType::BF16 ? bf16ToF32(bits) : f16ToF32(bits);
        }
    }
    w.view = MatrixView{w.bytes.data() + offset, dtype, rows, cols};
    return w;
}

std::string shapeName(DType dtype, std::int64_t M, std::int64_t N, std::int64_t K)
{
    return std::string(dtypeName(dtype)) + " M=" + std::to_string(M) + " N=" + std::to_string(N) +
           " K=" + std::to_string(K);
}

// ---- ggml block weights ----

// Random ggml blocks of one format with realistic scales (both signs; Q4_1's minimum below 0).
// `offset` bytes of padding in front give an unaligned address.
struct BlockWeights {
    std::vector<unsigned char> bytes;
    std::size_t offset = 0;
    std::int64_t rowBytes = 0;
    MatrixView view;
};

std::int64_t formatBlockBytes(BlockFormat f)
{
    return f == BlockFormat::Q8_0 ? 34 : f == BlockFormat::Q4_0 ? 18 : 20;
}

const char* formatName(BlockFormat f)
{
    return f == BlockFormat::Q8_0 ? "Q8_0" : f == BlockFormat::Q4_0 ? "Q4_0" : "Q4_1";
}

BlockWeights makeBlockWeights(std::mt19937& rng, BlockFormat f, std::int64_t rows, std::int64_t cols,
                              std::size_t offset = 0)
{
    BlockWeights w;
    w.offset = offset;
    w.rowBytes = cols / 32 * formatBlockBytes(f);
    w.bytes.resize(offset + static_cast<std::size_t>(rows * w.rowBytes));
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_real_distribution<float> scale(0.002f, 0.05f);
    for (std::size_t i = offset; i < w.bytes.size(); ++i) {
        w.bytes[i] = static_cast<unsigned char>(byte(rng));
    }
    for (std::int64_t b = 0; b < rows * cols / 32; ++b) {
        unsigned char* block = w.bytes.data() + offset + b * formatBlockBytes(f);
        const std::uint16_t d = f32ToF16((byte(rng) & 1 ? -1.0f : 1.0f) * scale(rng));
        std::memcpy(block, &d, 2);
        if (f == BlockFormat::Q4_1) {
            const std::uint16_t m = f32ToF16(-8.0f * scale(rng));
            std::memcpy(block + 2, &m, 2);
        }
    }
    w.view = MatrixView{w.bytes.data() + offset, DType::F32, rows, cols, f};
    return w;
}

// y[m, n] as the block path must give it: ggml's dot of row n with x row m quantized, + bias.
float blockReference(const BlockWeights& w, const float* xRow, std::int64_t n, const float* bias)
{
    const std::int64_t K = w.view.cols;
    std::vector<unsigned char> xq(static_cast<std::size_t>(K / 32 * 36));
    const unsigned char* row = w.bytes.data() + w.offset + n * w.rowBytes;
    float sum = 0;
    switch (w.view.blocks) {
    case BlockFormat::Q8_0:
        quantizeQ8_0(xRow, K, xq.data());
        sum = dotQ8_0(row, xq.data(), K);
        break;
    case BlockFormat::Q4_0:
        quantizeQ8_0(xRow, K, xq.data());
        sum = dotQ4_0(row, xq.data(), K);
        break;
    case BlockFormat::Q4_1:
        quantizeQ8_1(xRow, K, xq.data());
        sum = dotQ4_1(row, xq.data(), K);
        break;
    case BlockFormat::None:
        break;
    }
    return bias ? sum + bias[n] : sum;
}

// ---- attention fixtures ----

using Step = std::pair<std::int32_t, std::int32_t>;  // (sequence, position) of one token

struct AttentionCase {
    const char* name;
    std::int32_t heads, kvHeads, headDim, blockSize;
    float scale, softcap;
    std::int32_t window;
    std::vector<std::int32_t> seqLens;                     // cached length of each sequence after the step
    std::vector<Step> step;                                  // the tokens of the step
};

// A paged cache holding dense random K/V of every sequence in shuffled physical blocks, and
// the step's queries.
struct AttentionFixture {
    AttentionCase c;
    std::vector<std::vector<float>> denseK, denseV;  // per sequence [len, kvHeads, headDim]
    std::vector<std::vector<std::int32_t>> tables;
    std::vector<const std::int32_t*> tablePtrs;
    std::vector<float> cacheK, cacheV;
    PagedKvView cache;
    std::vector<std::int32_t> tokenSeq, positions;
    std::vector<float> q;
    std::int64_t ldq = 0;

    explicit AttentionFixture(const AttentionCase& ac, std::uint32_t seed = 7) : c(ac)
    {
        std::mt19937 rng(seed);
        const std::int64_t row = static_cast<std::int64_t>(c.kvHeads) * c.headDim;
        std::int32_t blocks = 3;  // spare blocks that stay unused
        for (std::int32_t len : c.seqLens) {
            blocks += (len + c.blockSize - 1) / c.blockSize;
        }
        std::vector<std::int32_t> physical(blocks);
        std::iota(physical.begin(), physical.end(), 0);
        std::shuffle(physical.begin(), physical.end(), rng);
        std::size_t next = 0;
        for (std::int32_t len : c.seqLens) {
            std::vector<std::int32_t> table;
            for (std::int32_t b = 0; b < (len + c.blockSize - 1) / c.blockSize; ++b) {
                table.push_back(physical[next++]);
            }
            tables.push_back(table);
            denseK.push_back(randomFloats(rng, static_cast<std::size_t>(len * row)));
            denseV.push_back(randomFloats(rng, static_cast<std::size_t>(len * row)));
        }
        for (auto& t : tables) {
            tablePtrs.push_back(t.data());
        }
        cacheK.assign(static_cast<std::size_t>(blocks) * c.blockSize * row, NAN);
        cacheV.assign(cacheK.size(), NAN);
        cache = PagedKvView{cacheK.data(), cacheV.data(), blocks, c.blockSize, c.kvHeads, c.headDim};

        // Fill the cache through writeKv, one batch holding every position of every sequence.
        std::vector<std::int32_t> allSeq, allPos;
        std::vector<float> allK, allV;
        for (std::size_t s = 0; s < c.seqLens.size(); ++s) {
            for (std::int32_t p = 0; p < c.seqLens[s]; ++p) {
                allSeq.push_back(static_cast<std::int32_t>(s));
                allPos.push_back(p);
                allK.insert(allK.end(), denseK[s].begin() + p * row, denseK[s].begin() + (p + 1) * row);
                allV.insert(allV.end(), denseV[s].begin() + p * row, denseV[s].begin() + (p + 1) * row);
            }
        }
        AttentionBatch all{static_cast<std::int64_t>(allSeq.size()), allSeq.data(), allPos.data(), tablePtrs.data()};
        writeKv(allK.data(), row, allV.data(), row, all, cache);

        for (auto [s, p] : c.step) {
            tokenSeq.push_back(s);
            positions.push_back(p);
        }
        ldq = static_cast<std::int64_t>(c.heads) * c.headDim + 3;
        q = randomFloats(rng, c.step.size() * static_cast<std::size_t>(ldq));
    }

    AttentionBatch batch() const
    {
        return AttentionBatch{static_cast<std::int64_t>(tokenSeq.size()), tokenSeq.data(), positions.data(),
                              tablePtrs.data()};
    }
    AttentionParams params() const { return AttentionParams{c.heads, c.scale, c.softcap, c.window}; }
    std::int64_t ldo() const { return static_cast<std::int64_t>(c.heads) * c.headDim + 2; }

    std::vector<float> run(ThreadPool* pool) const
    {
        std::vector<float> out(c.step.size() * static_cast<std::size_t>(ldo()), -7.0f);
        pagedAttention(pool, q.data(), ldq, batch(), cache, params(), out.data(), ldo());
        return out;
    }

    // Dense float64 attention of token t, head h: softmax over p in (pos - window, pos].
    std::vector<double> reference(std::size_t t, std::int32_t h) const
    {
        const std::int32_t s = tokenSeq[t];
        const std::int32_t pos = positions[t];
        const std::int32_t g = h / (c.heads / c.kvHeads);
        const std::int64_t row = static_cast<std::int64_t>(c.kvHeads) * c.headDim;
        const float* qh = q.data() + t * ldq + h * c.headDim;
        std::vector<double> scores;
        std::vector<std::int32_t> attended;
        for (std::int32_t p = 0; p <= pos; ++p) {
            if (c.window > 0 && !(p > pos - c.window)) {
                continue;
            }
            double dot = 0;
            for (std::int32_t d = 0; d < c.headDim; ++d) {
                dot += static_cast<double>(qh[d]) * denseK[s][p * row + g * c.headDim + d];
            }
            double score = dot * c.scale;
            if (c.softcap > 0) {
                score = std::tanh(score / c.softcap) * c.softcap;
            }
            scores.push_back(score);
            attended.push_back(p);
        }
        const double top = *std::max_element(scores.begin(), scores.end());
        double sum = 0;
        for (double& sc : scores) {
            sc = std::exp(sc - top);
            sum += sc;
        }
        std::vector<double> out(c.headDim, 0.0);
        for (std::size_t i = 0; i < attended.size(); ++i) {
            for (std::int32_t d = 0; d < c.headDim; ++d) {
                out[d] += scores[i] / sum * denseV[s][attended[i] * row + g * c.headDim + d];
            }
        }
        return out;
    }
};

std::vector<Step> prefill(std::int32_t seq, std::int32_t from, std::int32_t to)
{
    std::vector<Step> out;
    for (std::int32_t p = from; p < to; ++p) {
        out.emplace_back(seq, p);
    }
    return out;
}

std::vector<Step> concat(const std::vector<std::vector<Step>>& parts)
{
    std::vector<Step> out;
    for (auto& p : parts) {
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

std::vector<AttentionCase> attentionCases()
{
    return {
        {"prefill", 4, 4, 64, 8, 0.125f, 0, 0, {37}, prefill(0, 0, 37)},
        {"chunked prefill over history", 4, 2, 64, 8, 0.125f, 0, 0, {50}, prefill(0, 30, 50)},
        {"decode batch, GQA", 8, 2, 32, 16, 0.17f, 0, 0, {1, 17, 64, 100},
         {{0, 0}, {1, 16}, {2, 63}, {3, 99}}},
        {"mixed prefill and decode, odd head_dim", 6, 3, 21, 4, 0.2182f, 0, 0, {13, 41, 26},
         concat({prefill(0, 0, 13), {{1, 40}}, prefill(2, 20, 26)})},
        {"sliding window, MQA over 12 heads", 12, 1, 16, 4, 0.25f, 0, 5, {30, 9},
         concat({prefill(0, 0, 30), {{1, 8}}})},
        {"softcap", 4, 2, 32, 8, 1.0f, 5.0f, 0, {40, 7}, concat({prefill(0, 30, 40), {{1, 6}}})},
        {"softcap, window, GQA (Gemma 2 local)", 8, 4, 24, 4, 0.6f, 4.0f, 7, {33, 12},
         concat({prefill(0, 20, 33), {{1, 11}}})},
        {"long decode, large blocks and head_dim 512", 2, 1, 512, 128, 0.0442f, 0, 0, {300, 129},
         {{0, 299}, {1, 128}}},
    };
}

// linear() over `view` [N, K]: row 17 of a 19-row batch, alone, at index 5 of rows 12..18 and
// inside all 19 rows, over no pool and pools of 1, 2 and 3 threads, gives the same bits.
void expectRowsIndependent(std::mt19937& rng, const MatrixView& view, std::int64_t K, std::int64_t N, const char* label)
{
    ThreadPool pool1(1), pool2(2), pool3(3);
    const std::vector<float> bias = randomFloats(rng, N);
    const std::vector<float> batch = randomFloats(rng, 19 * K);
    std::vector<float> single(N);
    linear(nullptr, batch.data() + 17 * K, 1, K, view, bias.data(), single.data(), N);
    for (ThreadPool* pool : {static_cast<ThreadPool*>(nullptr), &pool1, &pool2, &pool3}) {
        std::vector<float> one(N), seven(7 * N), nineteen(19 * N);
        linear(pool, batch.data() + 17 * K, 1, K, view, bias.data(), one.data(), N);
        linear(pool, batch.data() + 12 * K, 7, K, view, bias.data(), seven.data(), N);
        linear(pool, batch.data(), 19, K, view, bias.data(), nineteen.data(), N);
        const QString what = QString("%1 pool %2").arg(label).arg(pool ? pool->size() : 0);
        QVERIFY2(std::memcmp(one.data(), single.data(), N * sizeof(float)) == 0, qPrintable(what));
        QVERIFY2(std::memcmp(seven.data() + 5 * N, single.data(), N * sizeof(float)) == 0, qPrintable(what));
        QVERIFY2(std::memcmp(nineteen.data() + 17 * N, single.data(), N * sizeof(float)) == 0, qPrintable(what));
    }
}

}  // namespace

class TestCpuOps : public QObject {
    Q_OBJECT
private slots:
    void conversionsAreExact()
    {
        // toF32 over every 16-bit pattern equals core/dtype.h's reference conversion.
        std::vector<std::uint16_t> all(65536);
        std::iota(all.begin(), all.end(), 0);
        std::vector<float> out(all.size());
        for (DType dtype : {DType::F16, DType::BF16}) {
            toF32(all.data(), dtype, 65536, out.data());
            for (std::uint32_t i = 0; i < 65536; ++i) {
                const float expected = dtype == DType::F16 ? f16ToF32(static_cast<std::uint16_t>(i))
                                                           : bf16ToF32(static_cast<std::uint16_t>(i));
                if (std::isnan(expected)) {
                    QVERIFY2(std::isnan(out[i]), qPrintable(QString::number(i, 16)));
                } else {
                    QVERIFY2(std::bit_cast<std::uint32_t>(out[i]) == std::bit_cast<std::uint32_t>(expected),
                             qPrintable(QString("%1 0x%2").arg(dtypeName(dtype).data()).arg(i, 0, 16)));
                }
            }
        }
        const float f32[3] = {1.5f, -0.0f, 3e-41f};
        float copy[3];
        toF32(f32, DType::F32, 3, copy);
        QVERIFY(std::memcmp(f32, copy, sizeof f32) == 0);
        QVERIFY_THROWS_EXCEPTION(Error, toF32(f32, DType::I32, 3, copy));
    }

    void rowToF32ReadsOneRow()
    {
        std::mt19937 rng(1);
        for (DType dtype : {DType::F32, DType::BF16, DType::F16}) {
            const Weights w = makeWeights(rng, dtype, 5, 11, 1);  // odd address
            std::vector<float> row(11);
            rowToF32(w.view, 3, row.data());
            for (int i = 0; i < 11; ++i) {
                QCOMPARE(static_cast<double>(row[i]), w.values[3 * 11 + i]);
            }
            try {
                rowToF32(w.view, 5, row.data());
                QFAIL("row 5 of 5 was accepted");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::InvalidInput);
            }
        }
    }

    void linearMatchesReference()
    {
        // Odd shapes: K around the lane count and across the 512-element conversion chunk,
        // N not a multiple of the column blocks, M across the 8-row blocks; strided x and y.
        std::mt19937 rng(2);
        ThreadPool pool(3);
        double worst = 0;
        for (DType dtype : {DType::F32, DType::BF16, DType::F16}) {
            for (std::int64_t K : {1, 7, 8, 9, 33, 517, 1030}) {
                for (std::int64_t N : {1, 3, 5, 13, 37}) {
                    for (std::int64_t M = 1; M <= 9; ++M) {
                        if (K > 100 && M % 4 != 1) {
                            continue;  // keep the big shapes few
                        }
                        for (bool withBias : {false, true}) {
                            const Weights w = makeWeights(rng, dtype, N, K);
                            const std::int64_t ldx = K + 3;
                            const std::int64_t ldy = N + 2;
                            const std::vector<float> x = randomFloats(rng, M * ldx);
                            const std::vector<float> bias = randomFloats(rng, N);
                            std::vector<float> y(M * ldy, 99.0f);
                            linear(M % 2 ? &pool : nullptr, x.data(), M, ldx, w.view,
                                   withBias ? bias.data() : nullptr, y.data(), ldy);
                            for (std::int64_t m = 0; m < M; ++m) {
                                for (std::int64_t n = 0; n < N; ++n) {
                                    double ref = withBias ? bias[n] : 0.0;
                                    double bound = std::abs(ref);
                                    for (std::int64_t k = 0; k < K; ++k) {
                                        const double t = x[m * ldx + k] * w.values[n * K + k];
                                        ref += t;
                                        bound += std::abs(t);
                                    }
                                    const double err = std::abs(y[m * ldy + n] - ref) / bound;
                                    worst = std::max(worst, err);
                                    const std::string where = shapeName(dtype, M, N, K) + " m=" + std::to_string(m) +
                                                              " n=" + std::to_string(n) + " err " + std::to_string(err);
                                    QVERIFY2(err <= 2e-6, where.c_str());
                                }
                                for (std::int64_t n = N; n < ldy; ++n) {
                                    QCOMPARE(y[m * ldy + n], 99.0f);  // the stride's gap is not written
                                }
                            }
                        }
                    }
                }
            }
        }
        qInfo("worst error relative to sum |x w|: %.3g", worst);
    }

    void linearIsDeterministic()
    {
        // y[m, n] depends on row m of x and on K alone: the same row alone, inside 7 rows and as
        // the second row of the third 8-row block of 19 rows, over no pool and pools of 1, 2 and
        // 3 threads (which split the columns differently), gives the same bits.
        std::mt19937 rng(3);
        for (DType dtype : {DType::F32, DType::BF16, DType::F16}) {
            const Weights w = makeWeights(rng, dtype, 133, 1037);
            expectRowsIndependent(rng, w.view, 1037, 133, dtypeName(dtype).data());
        }
    }

    void linearReadsUnalignedWeights()
    {
        // A safetensors data offset need not be aligned: the same weights one byte off give the
        // same bits.
        std::mt19937 rng(4);
        for (DType dtype : {DType::F32, DType::BF16, DType::F16}) {
            std::mt19937 same(9);
            const Weights aligned = makeWeights(same, dtype, 21, 70, 0);
            std::mt19937 again(9);
            const Weights shifted = makeWeights(again, dtype, 21, 70, 1);
            const std::vector<float> x = randomFloats(rng, 3 * 70);
            std::vector<float> a(3 * 21), b(3 * 21);
            linear(nullptr, x.data(), 3, 70, aligned.view, nullptr, a.data(), 21);
            linear(nullptr, x.data(), 3, 70, shifted.view, nullptr, b.data(), 21);
            QVERIFY(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
        }
    }

    void linearRejectsOtherDtypes()
    {
        const std::uint8_t bytes[16] = {};
        const MatrixView w{bytes, DType::F8_E4M3, 4, 4};
        float x[4] = {}, y[4];
        try {
            linear(nullptr, x, 1, 4, w, nullptr, y, 4);
            QFAIL("F8 weights were accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Unsupported);
        }
    }

    void linearWithBlocksMatchesDots()
    {
        // Each y[m, n] is bitwise ggml's dot of weight row n with x row m quantized (Q8_0, or
        // Q8_1 for Q4_1) plus the bias; odd N, M across 1..9, strided x and y, pools of 1..3
        // threads, and shapes large enough to be split over the pool.
        std::mt19937 rng(12);
        ThreadPool pool1(1), pool2(2), pool3(3);
        ThreadPool* pools[] = {nullptr, &pool1, &pool2, &pool3};
        int poolIndex = 0;
        for (BlockFormat f : {BlockFormat::Q8_0, BlockFormat::Q4_0, BlockFormat::Q4_1}) {
            for (std::int64_t K : {32, 64, 96, 544, 2080}) {
                for (std::int64_t N : {1, 3, 13, 37, 77}) {
                    for (std::int64_t M = 1; M <= 9; ++M) {
                        if (K > 100 && M % 4 != 1) {
                            continue;
                        }
                        for (bool withBias : {false, true}) {
                            const BlockWeights w = makeBlockWeights(rng, f, N, K, M % 3);
                            const std::int64_t ldx = K + 3;
                            const std::int64_t ldy = N + 2;
                            const std::vector<float> x = randomFloats(rng, M * ldx, -3.0f, 3.0f);
                            const std::vector<float> bias = randomFloats(rng, N);
                            std::vector<float> y(M * ldy, 99.0f);
                            ThreadPool* pool = pools[poolIndex++ % 4];
                            const float* b = withBias ? bias.data() : nullptr;
                            linear(pool, x.data(), M, ldx, w.view, b, y.data(), ldy);
                            for (std::int64_t m = 0; m < M; ++m) {
                                for (std::int64_t n = 0; n < N; ++n) {
                                    const float ref = blockReference(w, x.data() + m * ldx, n, b);
                                    QVERIFY2(std::bit_cast<std::uint32_t>(y[m * ldy + n]) ==
                                                 std::bit_cast<std::uint32_t>(ref),
                                             qPrintable(QString("%1 M=%2 N=%3 K=%4 m=%5 n=%6: %7 vs %8")
                                                            .arg(formatName(f)).arg(M).arg(N).arg(K).arg(m).arg(n)
                                                            .arg(y[m * ldy + n]).arg(ref)));
                                }
                                for (std::int64_t n = N; n < ldy; ++n) {
                                    QCOMPARE(y[m * ldy + n], 99.0f);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    void linearWithBlocksIsDeterministic()
    {
        // As for dense weights, for the block formats.
        std::mt19937 rng(13);
        for (BlockFormat f : {BlockFormat::Q8_0, BlockFormat::Q4_0, BlockFormat::Q4_1}) {
            const BlockWeights w = makeBlockWeights(rng, f, 133, 1056);
            expectRowsIndependent(rng, w.view, 1056, 133, formatName(f));
        }
    }

    void linearWithBlocksIsCloseToFloat()
    {
        // Sanity of the whole path: within the quantization error of the activations (8 bits)
        // of the float64 product of the dequantized weights and the float x.
        std::mt19937 rng(14);
        const std::int64_t K = 512, N = 9, M = 3;
        for (BlockFormat f : {BlockFormat::Q8_0, BlockFormat::Q4_0, BlockFormat::Q4_1}) {
            const BlockWeights w = makeBlockWeights(rng, f, N, K);
            const std::vector<float> x = randomFloats(rng, M * K);
            std::vector<float> y(M * N), row(K);
            linear(nullptr, x.data(), M, K, w.view, nullptr, y.data(), N);
            for (std::int64_t n = 0; n < N; ++n) {
                rowToF32(w.view, n, row.data());
                for (std::int64_t m = 0; m < M; ++m) {
                    double ref = 0, bound = 0;
                    for (std::int64_t k = 0; k < K; ++k) {
                        ref += static_cast<double>(row[k]) * x[m * K + k];
                        bound += std::abs(static_cast<double>(row[k]) * x[m * K + k]);
                    }
                    QVERIFY2(std::abs(y[m * N + n] - ref) <= 0.01 * bound,
                             qPrintable(QString("%1: %2 vs %3").arg(formatName(f)).arg(y[m * N + n]).arg(ref)));
                }
            }
        }
    }

    void linearWithBlocksRejectsPartialBlocks()
    {
        const unsigned char bytes[256] = {};
        const MatrixView w{bytes, DType::F32, 2, 48, BlockFormat::Q8_0};
        float x[96] = {}, y[4];
        try {
            linear(nullptr, x, 1, 48, w, nullptr, y, 2);
            QFAIL("48 columns of Q8_0 were accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::InvalidInput);
        }
        QVERIFY_THROWS_EXCEPTION(Error, rowToF32(w, 0, x));
    }

    void rowToF32DequantizesBlocks()
    {
        // An embedding table in ggml blocks, at an odd address: a row is dequantizeGgml of that
        // row's bytes; a row outside the table throws.
        std::mt19937 rng(15);
        const GgmlType types[] = {GgmlType::Q8_0, GgmlType::Q4_0, GgmlType::Q4_1};
        int i = 0;
        for (BlockFormat f : {BlockFormat::Q8_0, BlockFormat::Q4_0, BlockFormat::Q4_1}) {
            const BlockWeights w = makeBlockWeights(rng, f, 6, 96, 1);
            std::vector<float> row(96), expected(96);
            for (std::int64_t r = 0; r < 6; ++r) {
                rowToF32(w.view, r, row.data());
                dequantizeGgml(types[i], w.bytes.data() + w.offset + r * w.rowBytes, 96, expected.data());
                QVERIFY(std::memcmp(row.data(), expected.data(), 96 * sizeof(float)) == 0);
            }
            try {
                rowToF32(w.view, 6, row.data());
                QFAIL("row 6 of 6 was accepted");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::InvalidInput);
            }
            ++i;
        }
    }

    void rmsNormMatchesReference()
    {
        std::mt19937 rng(5);
        const std::int64_t rows = 3, dim = 37, ldx = 40, ldo = 39;
        const float eps = 1e-6f;
        const std::vector<float> x = randomFloats(rng, rows * ldx, -3.0f, 3.0f);
        const std::vector<float> weight = randomFloats(rng, dim, 0.5f, 1.5f);
        std::vector<float> out(rows * ldo, 5.0f);
        rmsNorm(x.data(), rows, dim, ldx, weight.data(), eps, out.data(), ldo);
        for (std::int64_t r = 0; r < rows; ++r) {
            double meanSquare = 0;
            for (std::int64_t i = 0; i < dim; ++i) {
                meanSquare += static_cast<double>(x[r * ldx + i]) * x[r * ldx + i];
            }
            meanSquare /= dim;
            for (std::int64_t i = 0; i < dim; ++i) {
                const double ref = x[r * ldx + i] / std::sqrt(meanSquare + eps) * weight[i];
                QVERIFY2(std::abs(out[r * ldo + i] - ref) <= 1e-6 * std::abs(ref) + 1e-12,
                         qPrintable(QString("row %1 dim %2: %3 vs %4").arg(r).arg(i).arg(out[r * ldo + i]).arg(ref)));
            }
            QCOMPARE(out[r * ldo + dim], 5.0f);
        }
        // In place gives the same bits.
        std::vector<float> inPlace = x;
        rmsNorm(inPlace.data(), rows, dim, ldx, weight.data(), eps, inPlace.data(), ldx);
        for (std::int64_t r = 0; r < rows; ++r) {
            QVERIFY(std::memcmp(&inPlace[r * ldx], &out[r * ldo], dim * sizeof(float)) == 0);
        }
    }

    void ropeMatchesReference()
    {
        struct Case {
            std::int64_t headDim, rotaryDim;
            float scaling;
        };
        // Partial rotary with scaling; full rotary; more pairs than one cos/sin chunk; none.
        for (const Case c : {Case{10, 6, 1.25f}, Case{64, 64, 1.0f}, Case{160, 160, 0.9f}, Case{8, 0, 1.0f}}) {
            std::mt19937 rng(6);
            const std::int64_t tokens = 4, heads = 3;
            const std::int64_t ld = heads * c.headDim + 5;
            const std::int32_t positions[tokens] = {0, 7, 4097, 131071};
            std::vector<float> invFreq(c.rotaryDim / 2);
            for (std::size_t i = 0; i < invFreq.size(); ++i) {
                invFreq[i] = 1.0f / std::pow(10000.0f, static_cast<float>(2 * i) / static_cast<float>(c.rotaryDim));
            }
            const std::vector<float> x = randomFloats(rng, tokens * ld);
            std::vector<float> y = x;
            applyRope(y.data(), tokens, heads, c.headDim, ld, positions, invFreq.data(), c.rotaryDim, c.scaling);
            const std::int64_t half = c.rotaryDim / 2;
            for (std::int64_t t = 0; t < tokens; ++t) {
                for (std::int64_t h = 0; h < heads; ++h) {
                    const std::int64_t base = t * ld + h * c.headDim;
                    for (std::int64_t i = 0; i < half; ++i) {
                        const float angle = static_cast<float>(positions[t]) * invFreq[i];  // float32 product
                        const double cs = std::cos(static_cast<double>(angle)) * c.scaling;
                        const double sn = std::sin(static_cast<double>(angle)) * c.scaling;
                        const double x1 = x[base + i], x2 = x[base + half + i];
                        const double tol = 1e-6 * (std::abs(x1) + std::abs(x2)) * c.scaling;
                        QVERIFY2(std::abs(y[base + i] - (x1 * cs - x2 * sn)) <= tol,
                                 qPrintable(QString("t %1 h %2 i %3 first half").arg(t).arg(h).arg(i)));
                        QVERIFY2(std::abs(y[base + half + i] - (x2 * cs + x1 * sn)) <= tol,
                                 qPrintable(QString("t %1 h %2 i %3 second half").arg(t).arg(h).arg(i)));
                    }
                    for (std::int64_t d = c.rotaryDim; d < c.headDim; ++d) {
                        QCOMPARE(y[base + d], x[base + d]);  // partial rotary: passed through
                    }
                }
                for (std::int64_t d = heads * c.headDim; d < ld; ++d) {
                    QCOMPARE(y[t * ld + d], x[t * ld + d]);
                }
            }
        }
        float x[4] = {};
        const std::int32_t pos = 0;
        const float inv[2] = {1, 1};
        QVERIFY_THROWS_EXCEPTION(Error, applyRope(x, 1, 1, 4, 4, &pos, inv, 3, 1.0f));
        QVERIFY_THROWS_EXCEPTION(Error, applyRope(x, 1, 1, 4, 4, &pos, inv, 6, 1.0f));
    }

    void ropeInterleavedMatchesReference()
    {
        // Adjacent pairs (2i, 2i + 1) rotated by position * invFreq[i]; partial rotary leaves
        // the tail, and the row stride's gap, untouched.
        struct Case {
            std::int64_t headDim, rotaryDim;
            float scaling;
        };
        for (const Case c : {Case{10, 6, 1.25f}, Case{64, 64, 1.0f}, Case{160, 160, 0.9f}, Case{8, 0, 1.0f}}) {
            std::mt19937 rng(16);
            const std::int64_t tokens = 4, heads = 3;
            const std::int64_t ld = heads * c.headDim + 5;
            const std::int32_t positions[tokens] = {0, 7, 4097, 131071};
            std::vector<float> invFreq(c.rotaryDim / 2);
            for (std::size_t i = 0; i < invFreq.size(); ++i) {
                invFreq[i] = 1.0f / std::pow(10000.0f, static_cast<float>(2 * i) / static_cast<float>(c.rotaryDim));
            }
            const std::vector<float> x = randomFloats(rng, tokens * ld);
            std::vector<float> y = x;
            applyRopeInterleaved(y.data(), tokens, heads, c.headDim, ld, positions, invFreq.data(), c.rotaryDim,
                                 c.scaling);
            for (std::int64_t t = 0; t < tokens; ++t) {
                for (std::int64_t h = 0; h < heads; ++h) {
                    const std::int64_t base = t * ld + h * c.headDim;
                    for (std::int64_t i = 0; i < c.rotaryDim / 2; ++i) {
                        const float angle = static_cast<float>(positions[t]) * invFreq[i];
                        const double cs = std::cos(static_cast<double>(angle)) * c.scaling;
                        const double sn = std::sin(static_cast<double>(angle)) * c.scaling;
                        const double x1 = x[base + 2 * i], x2 = x[base + 2 * i + 1];
                        const double tol = 1e-6 * (std::abs(x1) + std::abs(x2)) * c.scaling;
                        QVERIFY2(std::abs(y[base + 2 * i] - (x1 * cs - x2 * sn)) <= tol,
                                 qPrintable(QString("t %1 h %2 i %3 even").arg(t).arg(h).arg(i)));
                        QVERIFY2(std::abs(y[base + 2 * i + 1] - (x2 * cs + x1 * sn)) <= tol,
                                 qPrintable(QString("t %1 h %2 i %3 odd").arg(t).arg(h).arg(i)));
                    }
                    for (std::int64_t d = c.rotaryDim; d < c.headDim; ++d) {
                        QCOMPARE(y[base + d], x[base + d]);
                    }
                }
                for (std::int64_t d = heads * c.headDim; d < ld; ++d) {
                    QCOMPARE(y[t * ld + d], x[t * ld + d]);
                }
            }
        }
        float x[4] = {};
        const std::int32_t pos = 0;
        const float inv[2] = {1, 1};
        QVERIFY_THROWS_EXCEPTION(Error, applyRopeInterleaved(x, 1, 1, 4, 4, &pos, inv, 3, 1.0f));
        QVERIFY_THROWS_EXCEPTION(Error, applyRopeInterleaved(x, 1, 1, 4, 4, &pos, inv, 6, 1.0f));
    }

    void ropeInterleavedUndoesTheGgufPermutation()
    {
        // llama.cpp's converter permutes the q/k projection rows of each head, HF -> GGUF:
        // gguf row 2i = hf row i, gguf row 2i + 1 = hf row i + d/2. Projecting with the permuted
        // weights and applying the interleaved rope gives, bit for bit, the HF projection with
        // the half-split rope, permuted the same way.
        std::mt19937 rng(17);
        const std::int64_t heads = 3, d = 16, hidden = 40, tokens = 3;
        const std::int64_t rows = heads * d;
        const Weights hf = makeWeights(rng, DType::F32, rows, hidden);
        std::vector<float> gguf(rows * hidden);
        const auto ggufRowOf = [d](std::int64_t hfRow) {
            const std::int64_t h = hfRow / d, r = hfRow % d;
            return h * d + (r < d / 2 ? 2 * r : 2 * (r - d / 2) + 1);
        };
        const float* hfData = static_cast<const float*>(hf.view.data);
        for (std::int64_t r = 0; r < rows; ++r) {
            std::memcpy(&gguf[ggufRowOf(r) * hidden], hfData + r * hidden, hidden * sizeof(float));
        }
        const MatrixView ggufView{gguf.data(), DType::F32, rows, hidden};
        const std::vector<float> x = randomFloats(rng, tokens * hidden);
        std::vector<float> qHf(tokens * rows), qGguf(tokens * rows);
        linear(nullptr, x.data(), tokens, hidden, hf.view, nullptr, qHf.data(), rows);
        linear(nullptr, x.data(), tokens, hidden, ggufView, nullptr, qGguf.data(), rows);
        const std::int32_t positions[tokens] = {3, 100, 5000};
        std::vector<float> invFreq(d / 2);
        for (std::size_t i = 0; i < invFreq.size(); ++i) {
            invFreq[i] = 1.0f / std::pow(500000.0f, static_cast<float>(2 * i) / static_cast<float>(d));
        }
        applyRope(qHf.data(), tokens, heads, d, rows, positions, invFreq.data(), d, 1.0f);
        applyRopeInterleaved(qGguf.data(), tokens, heads, d, rows, positions, invFreq.data(), d, 1.0f);
        for (std::int64_t t = 0; t < tokens; ++t) {
            for (std::int64_t r = 0; r < rows; ++r) {
                QVERIFY2(std::bit_cast<std::uint32_t>(qGguf[t * rows + ggufRowOf(r)]) ==
                             std::bit_cast<std::uint32_t>(qHf[t * rows + r]),
                         qPrintable(QString("token %1 hf row %2").arg(t).arg(r)));
            }
        }
    }

    void writeKvFollowsSlotMapping()
    {
        // Block tables with shuffled, non-contiguous blocks; each token lands in
        // table[pos / blockSize] * blockSize + pos % blockSize and nowhere else.
        const std::int32_t blockSize = 4, kvHeads = 2, headDim = 3, numBlocks = 6;
        const std::int64_t row = kvHeads * headDim;
        const std::int32_t table0[] = {5, 2, 0};
        const std::int32_t table1[] = {3, 1};
        const std::int32_t* tables[] = {table0, table1};
        std::vector<std::int32_t> seqs, positions;
        for (std::int32_t p = 0; p < 10; ++p) {
            seqs.push_back(0);
            positions.push_back(p);
            if (p < 6) {
                seqs.push_back(1);
                positions.push_back(p);
            }
        }
        const std::int64_t tokens = static_cast<std::int64_t>(seqs.size());
        const std::int64_t ldk = row + 2, ldv = row + 1;
        std::vector<float> k(tokens * ldk), v(tokens * ldv);
        for (std::int64_t t = 0; t < tokens; ++t) {
            for (std::int64_t i = 0; i < row; ++i) {
                k[t * ldk + i] = static_cast<float>(1000 * seqs[t] + 10 * positions[t] + i);
                v[t * ldv + i] = -k[t * ldk + i];
            }
        }
        std::vector<float> cacheK(numBlocks * blockSize * row, 12345.0f), cacheV = cacheK;
        const PagedKvView cache{cacheK.data(), cacheV.data(), numBlocks, blockSize, kvHeads, headDim};
        writeKv(k.data(), ldk, v.data(), ldv, AttentionBatch{tokens, seqs.data(), positions.data(), tables}, cache);

        std::vector<int> written(numBlocks * blockSize, 0);
        for (std::int64_t t = 0; t < tokens; ++t) {
            const std::int32_t p = positions[t];
            const std::int64_t slot = tables[seqs[t]][p / blockSize] * blockSize + p % blockSize;
            ++written[slot];
            for (std::int64_t i = 0; i < row; ++i) {
                QCOMPARE(cacheK[slot * row + i], k[t * ldk + i]);
                QCOMPARE(cacheV[slot * row + i], v[t * ldv + i]);
            }
        }
        for (std::size_t slot = 0; slot < written.size(); ++slot) {
            QVERIFY(written[slot] <= 1);
            if (written[slot] == 0) {
                for (std::int64_t i = 0; i < row; ++i) {
                    QCOMPARE(cacheK[slot * row + i], 12345.0f);
                    QCOMPARE(cacheV[slot * row + i], 12345.0f);
                }
            }
        }
        // A table entry outside the cache is an error, not a stray write.
        const std::int32_t badTable[] = {6};
        const std::int32_t* badTables[] = {badTable};
        const std::int32_t seq0 = 0, pos0 = 1;
        QVERIFY_THROWS_EXCEPTION(Error, writeKv(k.data(), ldk, v.data(), ldv,
                                                AttentionBatch{1, &seq0, &pos0, badTables}, cache));
    }

    void pagedAttentionMatchesDenseAttention()
    {
        ThreadPool pool(3);
        for (const AttentionCase& c : attentionCases()) {
            const AttentionFixture f(c);
            const std::vector<float> out = f.run(&pool);
            const std::vector<float> inline_ = f.run(nullptr);
            QVERIFY2(std::memcmp(out.data(), inline_.data(), out.size() * sizeof(float)) == 0, c.name);
            double worst = 0;
            for (std::size_t t = 0; t < c.step.size(); ++t) {
                for (std::int32_t h = 0; h < c.heads; ++h) {
                    const std::vector<double> ref = f.reference(t, h);
                    for (std::int32_t d = 0; d < c.headDim; ++d) {
                        const double err = std::abs(out[t * f.ldo() + h * c.headDim + d] - ref[d]);
                        worst = std::max(worst, err);
                        QVERIFY2(err <= 2e-6, qPrintable(QString("%1: token %2 head %3 dim %4: %5 vs %6")
                                                             .arg(c.name).arg(t).arg(h).arg(d)
                                                             .arg(out[t * f.ldo() + h * c.headDim + d]).arg(ref[d])));
                    }
                }
                for (std::int64_t d = static_cast<std::int64_t>(c.heads) * c.headDim; d < f.ldo(); ++d) {
                    QCOMPARE(out[t * f.ldo() + d], -7.0f);
                }
            }
            qInfo("%s: worst abs error %.3g", c.name, worst);
        }
    }

    void pagedAttentionIsBatchInvariant()
    {
        // A decode token attended alone gives the same bits as inside the batch.
        const AttentionCase c = attentionCases()[3];
        const AttentionFixture batched(c);
        const std::vector<float> all = batched.run(nullptr);
        const std::size_t lone = 13;  // sequence 1's decode token
        AttentionFixture alone(c);
        alone.tokenSeq = {batched.tokenSeq[lone]};
        alone.positions = {batched.positions[lone]};
        alone.q.assign(batched.q.begin() + lone * batched.ldq, batched.q.begin() + (lone + 1) * batched.ldq);
        alone.c.step = {c.step[lone]};
        ThreadPool pool(2);
        const std::vector<float> one = alone.run(&pool);
        const std::size_t width = static_cast<std::size_t>(c.heads) * c.headDim;
        QVERIFY(std::memcmp(one.data(), all.data() + lone * batched.ldo(), width * sizeof(float)) == 0);
    }

    void pagedAttentionRejectsBadShapes()
    {
        AttentionCase c = attentionCases()[2];
        {
            AttentionCase big = c;
            big.headDim = 513;
            const AttentionFixture f(big);
            try {
                f.run(nullptr);
                QFAIL("head_dim 513 was accepted");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::Unsupported);
                QCOMPARE(e.field(), std::string("head_dim"));
            }
        }
        {
            AttentionFixture f(c);
            f.c.heads = 3;  // 3 query heads over 2 kv heads
            QVERIFY_THROWS_EXCEPTION(Error, f.run(nullptr));
        }
        {
            AttentionFixture f(c);
            f.tables[3][2] = f.cache.numBlocks;  // a block past the cache
            ThreadPool pool(2);
            QVERIFY_THROWS_EXCEPTION(Error, f.run(&pool));
        }
    }

    void gatedActivationsMatchReference()
    {
        std::mt19937 rng(8);
        const std::int64_t rows = 3, cols = 29, ldg = 31, ldu = 30, ldo = 33;
        const std::vector<float> gate = randomFloats(rng, rows * ldg, -9.0f, 9.0f);
        const std::vector<float> up = randomFloats(rng, rows * ldu, -2.0f, 2.0f);
        for (GatedActivation act : {GatedActivation::Silu, GatedActivation::GeluTanh}) {
            std::vector<float> out(rows * ldo, 3.0f);
            gatedActivation(act, gate.data(), ldg, up.data(), ldu, rows, cols, out.data(), ldo);
            for (std::int64_t r = 0; r < rows; ++r) {
                for (std::int64_t c = 0; c < cols; ++c) {
                    const double x = gate[r * ldg + c];
                    const double u = up[r * ldu + c];
                    const double inner = std::sqrt(2 / std::numbers::pi) * (x + 0.044715 * x * x * x);
                    const double a = act == GatedActivation::Silu ? x / (1 + std::exp(-x))
                                                                  : 0.5 * x * (1 + std::tanh(inner));
                    const double ref = a * u;
                    // float32 tanh near -1 cancels in 1 + tanh: torch loses the same bits there.
                    QVERIFY2(std::abs(out[r * ldo + c] - ref) <= 1e-6 * std::abs(ref) + 1e-7 * std::abs(x * u),
                             qPrintable(QString("act %1 x %2: %3 vs %4")
                                            .arg(int(act)).arg(x).arg(out[r * ldo + c]).arg(ref)));
                }
                QCOMPARE(out[r * ldo + cols], 3.0f);
            }
            // out may alias gate.
            std::vector<float> aliased = gate;
            gatedActivation(act, aliased.data(), ldg, up.data(), ldu, rows, cols, aliased.data(), ldg);
            for (std::int64_t r = 0; r < rows; ++r) {
                QVERIFY(std::memcmp(&aliased[r * ldg], &out[r * ldo], cols * sizeof(float)) == 0);
            }
        }
    }

    void elementwiseOps()
    {
        float x[5] = {1, -2, 30, 0.5f, -100};
        const float y[5] = {0.5f, 2, -1, 0.25f, 0};
        addInPlace(x, y, 5);
        QCOMPARE(x[0], 1.5f);
        QCOMPARE(x[1], 0.0f);
        QCOMPARE(x[2], 29.0f);
        QCOMPARE(x[4], -100.0f);
        scaleInPlace(x, 2.0f, 4);
        QCOMPARE(x[0], 3.0f);
        QCOMPARE(x[3], 1.5f);
        QCOMPARE(x[4], -100.0f);  // n = 4 stops before it
        softcapInPlace(x, 30.0f, 5);
        const double expected[5] = {3, 0, 58, 1.5, -100};
        for (int i = 0; i < 5; ++i) {
            const double ref = std::tanh(expected[i] / 30) * 30;
            QVERIFY(std::abs(x[i] - ref) <= 1e-6 * std::abs(ref));
        }
        QVERIFY(std::abs(x[4]) < 30.0f);
    }

    void kernelsDoNotAllocate()
    {
        std::mt19937 rng(10);
        ThreadPool pool(3);
        const Weights w = makeWeights(rng, DType::BF16, 200, 700);
        const std::vector<float> x = randomFloats(rng, 5 * 700);
        std::vector<float> y(5 * 200);
        AttentionFixture f(attentionCases()[3]);
        std::vector<float> out(f.c.step.size() * f.ldo());
        std::vector<float> norm(5 * 700), weight(700, 1.0f);
        std::vector<float> invFreq(32, 0.01f);
        std::vector<std::int32_t> positions = {0, 1, 2, 3, 4};
        std::vector<float> rowOut(704);

        // ggml blocks: the first call may grow the thread's quantized-activation buffer (Q4_1's
        // Q8_1 rows are the larger), later ones of that size may not allocate.
        const BlockWeights q4_1 = makeBlockWeights(rng, BlockFormat::Q4_1, 200, 704);
        const BlockWeights q8_0 = makeBlockWeights(rng, BlockFormat::Q8_0, 200, 704);
        const std::vector<float> xq = randomFloats(rng, 5 * 704);
        linear(&pool, xq.data(), 5, 704, q4_1.view, nullptr, y.data(), 200);

        const long before = g_allocations.load();
        linear(&pool, xq.data(), 5, 704, q4_1.view, nullptr, y.data(), 200);
        linear(&pool, xq.data(), 5, 704, q8_0.view, nullptr, y.data(), 200);
        linear(nullptr, xq.data(), 1, 704, q8_0.view, nullptr, y.data(), 200);
        rowToF32(q8_0.view, 3, rowOut.data());
        applyRopeInterleaved(norm.data(), 5, 10, 70, 700, positions.data(), invFreq.data(), 64, 1.0f);
        linear(&pool, x.data(), 5, 700, w.view, nullptr, y.data(), 200);
        linear(nullptr, x.data(), 5, 700, w.view, nullptr, y.data(), 200);
        pagedAttention(&pool, f.q.data(), f.ldq, f.batch(), f.cache, f.params(), out.data(), f.ldo());
        writeKv(f.q.data(), f.ldq, f.q.data(), f.ldq, f.batch(), f.cache);
        rmsNorm(x.data(), 5, 700, 700, weight.data(), 1e-5f, norm.data(), 700);
        applyRope(norm.data(), 5, 10, 70, 700, positions.data(), invFreq.data(), 64, 1.0f);
        gatedActivation(GatedActivation::GeluTanh, norm.data(), 700, x.data(), 700, 5, 700, norm.data(), 700);
        rowToF32(w.view, 7, rowOut.data());
        const long after = g_allocations.load();
        QCOMPARE(after - before, 0L);
    }
};

QTEST_APPLESS_MAIN(TestCpuOps)
#include "test_cpu_ops.moc"
