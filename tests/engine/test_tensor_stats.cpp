// Tensor statistics on small tensors whose answers are worked out by hand, NaN/Inf handling,
// every dtype family (pattern counting, packed, wide), threads vs one thread, cancellation.
#include "core/dtype.h"
#include "core/error.h"
#include "core/thread_pool.h"
#include "inspect/tensor_stats.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace lathe;

namespace {

template <typename T>
std::span<const std::byte> asBytes(const std::vector<T>& v)
{
    return {reinterpret_cast<const std::byte*>(v.data()), v.size() * sizeof(T)};
}

std::vector<std::uint16_t> toBf16(const std::vector<float>& values)
{
    std::vector<std::uint16_t> out;
    for (float f : values) {
        std::uint32_t bits;
        std::memcpy(&bits, &f, 4);
        out.push_back(static_cast<std::uint16_t>(bits >> 16));  // values chosen exact in bf16
    }
    return out;
}

}  // namespace

class TestTensorStats : public QObject {
    Q_OBJECT
private slots:
    void bf16HandWorked()
    {
        // 1, 2, 3, 4, 0, -2: sum 8, mean 4/3; squared deviations sum = 1/9+4/9+25/9+64/9+16/9+100/9 = 210/9
        // sample variance = 210/9/5 = 14/3.
        const auto data = toBf16({1, 2, 3, 4, 0, -2});
        StatsOptions options;
        options.bins = 3;
        const TensorStats s = computeTensorStats(DType::BF16, asBytes(data), data.size(), options);
        QCOMPARE(s.count, std::uint64_t(6));
        QCOMPARE(s.finiteCount, std::uint64_t(6));
        QCOMPARE(s.zeroCount, std::uint64_t(1));
        QCOMPARE(s.min, -2.0);
        QCOMPARE(s.max, 4.0);
        QVERIFY(std::abs(s.mean - 4.0 / 3.0) < 1e-15);
        QVERIFY(std::abs(s.std - std::sqrt(14.0 / 3.0)) < 1e-14);
        // bins of width 2 over [-2, 4]: [-2,0): -2 ; [0,2): 0, 1 ; [2,4]: 2, 3, 4
        QCOMPARE(s.histogram.counts, (std::vector<std::uint64_t>{1, 2, 3}));
        QCOMPARE(s.histogram.lo, -2.0);
        QCOMPARE(s.histogram.hi, 4.0);
    }

    void nanAndInfinities()
    {
        const float inf = std::numeric_limits<float>::infinity();
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const std::vector<float> f32{1.0f, nan, inf, -inf, -0.0f, 3.0f, nan};
        for (DType dtype : {DType::F32, DType::BF16, DType::F16}) {
            TensorStats s;
            if (dtype == DType::F32) {
                s = computeTensorStats(dtype, asBytes(f32), f32.size());
            } else if (dtype == DType::BF16) {
                const auto b = toBf16(f32);
                s = computeTensorStats(dtype, asBytes(b), b.size());
            } else {
                std::vector<std::uint16_t> h;
                for (float f : f32) {
                    h.push_back(f32ToF16(f));
                }
                s = computeTensorStats(dtype, asBytes(h), h.size());
            }
            QCOMPARE(s.nanCount, std::uint64_t(2));
            QCOMPARE(s.posInfCount, std::uint64_t(1));
            QCOMPARE(s.negInfCount, std::uint64_t(1));
            QCOMPARE(s.zeroCount, std::uint64_t(1));
            QCOMPARE(s.finiteCount, std::uint64_t(3));
            QCOMPARE(s.min, -0.0);
            QCOMPARE(s.max, 3.0);
            QCOMPARE(s.mean, 4.0 / 3.0);
            std::uint64_t histogramTotal = 0;
            for (auto c : s.histogram.counts) {
                histogramTotal += c;
            }
            QCOMPARE(histogramTotal, std::uint64_t(3));
        }
    }

    void allNonFinite()
    {
        const std::vector<float> data{std::numeric_limits<float>::quiet_NaN()};
        const TensorStats s = computeTensorStats(DType::F32, asBytes(data), 1);
        QCOMPARE(s.nanCount, std::uint64_t(1));
        QVERIFY(std::isnan(s.min) && std::isnan(s.mean));
    }

    void integersAndBool()
    {
        const std::vector<std::int8_t> i8{-128, 127, 0, 1};
        TensorStats s = computeTensorStats(DType::I8, asBytes(i8), i8.size());
        QCOMPARE(s.min, -128.0);
        QCOMPARE(s.max, 127.0);
        QCOMPARE(s.mean, 0.0);
        const std::vector<std::int64_t> i64{-5, 10, 1000000000000LL};
        s = computeTensorStats(DType::I64, asBytes(i64), i64.size());
        QCOMPARE(s.max, 1e12);
        QCOMPARE(s.min, -5.0);
        const std::vector<std::uint8_t> flags{0, 1, 1, 2};  // any non-zero byte is true
        s = computeTensorStats(DType::Bool, asBytes(flags), flags.size());
        QCOMPARE(s.mean, 0.75);
        QCOMPARE(s.zeroCount, std::uint64_t(1));
    }

    void packedMicroscalingFormats()
    {
        // F4: bytes 0x21 -> elements 0.5 (low nibble 1) and 1.0 (high nibble 2); 0xF7 -> 6.0, -6.0.
        const std::vector<std::uint8_t> f4{0x21, 0xF7};
        TensorStats s = computeTensorStats(DType::F4, asBytes(f4), 4);
        QCOMPARE(s.count, std::uint64_t(4));
        QCOMPARE(s.min, -6.0);
        QCOMPARE(s.max, 6.0);
        QCOMPARE(s.mean, (0.5 + 1.0 + 6.0 - 6.0) / 4.0);
        // F6 E2M3: four elements 0x08 (1.0), 0x1F (7.5), 0x01 (0.125), 0x28 (-1.0) packed
        // little-endian into 24 bits: w = 0x08 | 0x1F<<6 | 0x01<<12 | 0x28<<18.
        const std::uint32_t w = 0x08u | (0x1Fu << 6) | (0x01u << 12) | (0x28u << 18);
        const std::vector<std::uint8_t> f6{std::uint8_t(w), std::uint8_t(w >> 8), std::uint8_t(w >> 16)};
        s = computeTensorStats(DType::F6_E2M3, asBytes(f6), 4);
        QCOMPARE(s.min, -1.0);
        QCOMPARE(s.max, 7.5);
        QCOMPARE(s.mean, (1.0 + 7.5 + 0.125 - 1.0) / 4.0);
        // F8 E4M3: 448 (0x7E), NaN (0x7F), 1 (0x38)
        const std::vector<std::uint8_t> f8{0x7E, 0x7F, 0x38};
        s = computeTensorStats(DType::F8_E4M3, asBytes(f8), 3);
        QCOMPARE(s.max, 448.0);
        QCOMPARE(s.nanCount, std::uint64_t(1));
    }

    void bytePatternsCountedExactly()
    {
        // 8-bit tensors are counted two bytes at a time in a table whose slots are a permutation
        // of the pairs; 256 bins over U8 values 0..255 give one bin per byte value, so the
        // histogram must equal a plain count of every byte. Sizes cross the 8 MB chunks and end
        // on an odd byte and a partial word; uniform, skewed and constant data, 1 and 3 threads.
        std::mt19937_64 rng(11);
        std::normal_distribution<double> normal(128.0, 12.0);
        ThreadPool pool(3);
        for (const std::size_t n : {std::size_t(2), std::size_t(7), std::size_t(13), std::size_t(17u << 20) + 5}) {
            for (int kind = 0; kind < 3; ++kind) {
                std::vector<std::uint8_t> data(n);
                for (auto& b : data) {
                    b = kind == 0   ? std::uint8_t(rng())
                        : kind == 1 ? std::uint8_t(std::clamp(normal(rng), 0.0, 255.0))
                                    : std::uint8_t(0x42);
                }
                data.front() = 0;  // pin the range to [0, 255]: bin i holds value i
                data.back() = 255;
                std::vector<std::uint64_t> expected(256, 0);
                for (std::uint8_t b : data) {
                    ++expected[b];
                }
                for (ThreadPool* p : {static_cast<ThreadPool*>(nullptr), &pool}) {
                    StatsOptions options;
                    options.bins = 256;
                    options.pool = p;
                    const TensorStats s = computeTensorStats(DType::U8, asBytes(data), n, options);
                    QCOMPARE(s.histogram.counts, expected);
                    QCOMPARE(s.zeroCount, expected[0]);
                    QCOMPARE(s.min, 0.0);
                    QCOMPARE(s.max, 255.0);
                    // Signed view of the same bytes: the two's complement values, same counts.
                    const TensorStats i = computeTensorStats(DType::I8, asBytes(data), n, options);
                    double sum = 0.0;
                    for (int b = 0; b < 256; ++b) {
                        sum += double(static_cast<std::int8_t>(b)) * double(expected[std::size_t(b)]);
                    }
                    QCOMPARE(i.finiteCount, std::uint64_t(n));
                    QVERIFY(std::abs(i.mean - sum / double(n)) <= 1e-12 * (1.0 + std::abs(sum / double(n))));
                }
            }
        }
    }

    void complexMagnitude()
    {
        const std::vector<float> c{3.0f, 4.0f, 0.0f, -1.0f};  // |3+4i| = 5, |-i| = 1
        const TensorStats s = computeTensorStats(DType::C64, asBytes(c), 2);
        QCOMPARE(s.min, 1.0);
        QCOMPARE(s.max, 5.0);
    }

    void largeTensorsAcrossChunks()
    {
        // 24M bf16 elements = 48 MB: several 8 MB chunks, spread over 4 workers.
        const std::size_t n = 24u << 20;
        std::vector<std::uint16_t> data(n);
        std::mt19937 rng(7);
        std::normal_distribution<float> normal(0.5f, 2.0f);
        double sum = 0;
        float lo = 1e30f, hi = -1e30f;
        for (std::size_t i = 0; i < n; ++i) {
            data[i] = f32ToBf16(normal(rng));
            const float v = bf16ToF32(data[i]);
            sum += v;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        ThreadPool pool(4);
        StatsOptions options;
        options.pool = &pool;
        int calls = 0;
        options.progress = [&](double) {
            ++calls;
            return true;
        };
        const TensorStats threaded = computeTensorStats(DType::BF16, asBytes(data), n, options);
        const TensorStats single = computeTensorStats(DType::BF16, asBytes(data), n);
        QCOMPARE(threaded.histogram.counts, single.histogram.counts);
        QCOMPARE(threaded.min, double(lo));
        QCOMPARE(threaded.max, double(hi));
        QVERIFY(std::abs(threaded.mean - sum / double(n)) < 1e-9);
        QVERIFY(std::abs(threaded.std - 2.0) < 0.01);
        QVERIFY(calls > 0);
        // The same data as f32 through the two-pass path.
        std::vector<float> f32(n);
        for (std::size_t i = 0; i < n; ++i) {
            f32[i] = bf16ToF32(data[i]);
        }
        const TensorStats wide = computeTensorStats(DType::F32, asBytes(f32), n, options);
        QCOMPARE(wide.min, threaded.min);
        QCOMPARE(wide.max, threaded.max);
        QVERIFY(std::abs(wide.mean - threaded.mean) < 1e-12);
        QVERIFY(std::abs(wide.std - threaded.std) < 1e-9);
        QCOMPARE(wide.histogram.counts, threaded.histogram.counts);
    }

    void cancellation()
    {
        std::vector<float> data(8u << 20, 1.0f);
        StatsOptions options;
        options.progress = [](double) { return false; };
        try {
            computeTensorStats(DType::F32, asBytes(data), data.size(), options);
            QFAIL("not cancelled");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Cancelled);
        }
    }

    void emptyTensor()
    {
        const TensorStats s = computeTensorStats(DType::F32, {}, 0);
        QCOMPARE(s.count, std::uint64_t(0));
        QVERIFY(std::isnan(s.mean));
    }
};

QTEST_APPLESS_MAIN(TestTensorStats)
#include "test_tensor_stats.moc"
