// ggml's block formats against the gguf Python package (golden files in tests/data/ggml, made
// by make_quant_expectations.py): dequantization of every supported type bit for bit, from
// unaligned addresses; Q8_0 quantization byte for byte as gguf.quants gives it, Q8_1 as ggml's
// reference rule gives it; and the quantized dot products both bitwise against a plain scalar
// transcription of ggml's reference loops written here and within a tight bound of float64.
#include "io/ggml_quants.h"

#include "core/dtype.h"
#include "core/error.h"

#include <QtTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

using namespace lathe;

namespace {

std::vector<unsigned char> readGolden(const std::string& name)
{
    const std::string path = std::string(LATHE_TEST_DATA_DIR) + "/ggml/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        qFatal("missing golden file %s", path.c_str());
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<float> asFloats(const std::vector<unsigned char>& bytes)
{
    std::vector<float> out(bytes.size() / 4);
    std::memcpy(out.data(), bytes.data(), out.size() * 4);
    return out;
}

float halfAt(const unsigned char* p)
{
    std::uint16_t bits;
    std::memcpy(&bits, p, 2);
    return f16ToF32(bits);
}

void setHalf(unsigned char* p, float v)
{
    const std::uint16_t bits = f32ToF16(v);
    std::memcpy(p, &bits, 2);
}

enum class Format { Q8_0, Q4_0, Q4_1 };

constexpr int weightBlockBytes(Format f)
{
    return f == Format::Q8_0 ? 34 : f == Format::Q4_0 ? 18 : 20;
}

// Weight element j (< 32) of a block as the integer the dot product multiplies.
int weightInt(Format f, const unsigned char* block, int j)
{
    switch (f) {
    case Format::Q8_0:
        return static_cast<std::int8_t>(block[2 + j]);
    case Format::Q4_0:
        return (j < 16 ? block[2 + j] & 0x0F : block[2 + j - 16] >> 4) - 8;
    case Format::Q4_1:
        return j < 16 ? block[4 + j] & 0x0F : block[4 + j - 16] >> 4;
    }
    return 0;
}

// ggml's ggml_vec_dot_{q8_0_q8_0, q4_0_q8_0, q4_1_q8_1}_generic, transcribed loop by loop.
float referenceDot(Format f, const unsigned char* w, const unsigned char* a, std::int64_t count)
{
    const int actBytes = f == Format::Q4_1 ? 36 : 34;
    const int actQs = f == Format::Q4_1 ? 4 : 2;
    float sumf = 0;
    for (std::int64_t b = 0; b < count / 32; ++b, w += weightBlockBytes(f), a += actBytes) {
        int sumi = 0;
        for (int j = 0; j < 32; ++j) {
            sumi += weightInt(f, w, j) * static_cast<std::int8_t>(a[actQs + j]);
        }
        if (f == Format::Q8_0) {
            sumf += sumi * (halfAt(w) * halfAt(a));
        } else if (f == Format::Q4_0) {
            sumf += sumi * halfAt(w) * halfAt(a);
        } else {
            sumf += (halfAt(w) * halfAt(a)) * sumi + halfAt(w + 2) * halfAt(a + 2);
        }
    }
    return sumf;
}

float libraryDot(Format f, const void* w, const void* a, std::int64_t count)
{
    switch (f) {
    case Format::Q8_0: return dotQ8_0(w, a, count);
    case Format::Q4_0: return dotQ4_0(w, a, count);
    case Format::Q4_1: return dotQ4_1(w, a, count);
    }
    return 0;
}

// Random weight blocks: random quants, scales of a realistic size and both signs.
std::vector<unsigned char> randomWeightBlocks(std::mt19937& rng, Format f, std::int64_t blocks)
{
    std::vector<unsigned char> out(static_cast<std::size_t>(blocks * weightBlockBytes(f)));
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_real_distribution<float> scale(0.002f, 0.05f);
    for (auto& b : out) {
        b = static_cast<unsigned char>(byte(rng));
    }
    for (std::int64_t i = 0; i < blocks; ++i) {
        unsigned char* block = out.data() + i * weightBlockBytes(f);
        setHalf(block, (byte(rng) & 1 ? -1.0f : 1.0f) * scale(rng));
        if (f == Format::Q4_1) {
            setHalf(block + 2, -8.0f * scale(rng));  // the minimum
        }
    }
    return out;
}

struct TypeFile {
    GgmlType type;
    const char* file;
};

const TypeFile kTypes[] = {
    {GgmlType::F32, "f32"},   {GgmlType::F16, "f16"},   {GgmlType::BF16, "bf16"}, {GgmlType::Q4_0, "q4_0"},
    {GgmlType::Q4_1, "q4_1"}, {GgmlType::Q5_0, "q5_0"}, {GgmlType::Q5_1, "q5_1"}, {GgmlType::Q8_0, "q8_0"},
    {GgmlType::Q2_K, "q2_k"}, {GgmlType::Q3_K, "q3_k"}, {GgmlType::Q4_K, "q4_k"}, {GgmlType::Q5_K, "q5_k"},
    {GgmlType::Q6_K, "q6_k"},
};

}  // namespace

class TestGgmlQuants : public QObject {
    Q_OBJECT
private slots:
    void dequantizeMatchesGguf_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < static_cast<int>(std::size(kTypes)); ++i) {
            QTest::newRow(kTypes[i].file) << i;
        }
    }

    void dequantizeMatchesGguf()
    {
        // Random blocks (with all-0x00 and all-0xFF ones) give gguf.quants.dequantize's float32
        // bits exactly, read from any byte offset, whole or a block at a time.
        QFETCH(int, index);
        const TypeFile& t = kTypes[index];
        QVERIFY(ggmlCanDequantize(t.type));
        const std::vector<unsigned char> blocks = readGolden(std::string(t.file) + ".blocks");
        const std::vector<float> expected = asFloats(readGolden(std::string(t.file) + ".f32"));
        const auto traits = ggmlTypeTraits(t.type);
        QVERIFY(traits.has_value());
        const std::int64_t count = static_cast<std::int64_t>(expected.size());
        QCOMPARE(static_cast<std::int64_t>(blocks.size()), count / traits->blockElements * traits->blockBytes);
        for (std::size_t offset : {0, 1, 3}) {
            std::vector<unsigned char> shifted(offset + blocks.size());
            std::memcpy(shifted.data() + offset, blocks.data(), blocks.size());
            std::vector<float> out(expected.size(), -7.0f);
            dequantizeGgml(t.type, shifted.data() + offset, count, out.data());
            for (std::int64_t i = 0; i < count; ++i) {
                QVERIFY2(std::bit_cast<std::uint32_t>(out[i]) == std::bit_cast<std::uint32_t>(expected[i]),
                         qPrintable(QString("%1 offset %2 element %3: %4 vs gguf %5")
                                        .arg(t.file).arg(offset).arg(i).arg(out[i]).arg(expected[i])));
            }
        }
        std::vector<float> byBlock(expected.size());
        for (std::int64_t b = 0; b < count / traits->blockElements; ++b) {
            dequantizeGgml(t.type, blocks.data() + b * traits->blockBytes, traits->blockElements,
                           byBlock.data() + b * traits->blockElements);
        }
        QVERIFY(std::memcmp(byBlock.data(), expected.data(), expected.size() * 4) == 0);
    }

    void dequantizeRejectsOtherTypes()
    {
        const unsigned char bytes[512] = {};
        float out[256];
        for (GgmlType type : {GgmlType::Q8_1, GgmlType::Q8_K, GgmlType::IQ2_XXS, GgmlType::IQ4_NL, GgmlType::I8,
                              GgmlType::F64, GgmlType::TQ2_0, GgmlType::MXFP4}) {
            QVERIFY(!ggmlCanDequantize(type));
            try {
                dequantizeGgml(type, bytes, 256, out);
                QFAIL(qPrintable(QString::fromStdString(ggmlTypeName(type)) + " was accepted"));
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::Unsupported);
                QVERIFY2(std::string(e.what()).find(ggmlTypeName(type)) != std::string::npos, e.what());
            }
        }
        try {
            dequantizeGgml(GgmlType::Q4_K, bytes, 32, out);  // not a whole 256-element block
            QFAIL("a partial Q4_K block was accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::InvalidInput);
        }
    }

    void quantizeMatchesGguf()
    {
        // gguf.quants.quantize(Q8_0) byte for byte; Q8_1 as ggml's quantize_row_q8_1_ref
        // (transcribed in numpy by the script): random blocks of many magnitudes, an all-zero
        // block, ties at .5 (rounded away from zero), tiny values (d flushes to 0 in f16) and
        // huge ones (s overflows to inf). Written to an unaligned address.
        const std::vector<float> x = asFloats(readGolden("q8_0_input.f32"));
        const auto count = static_cast<std::int64_t>(x.size());
        QCOMPARE(count % 32, 0);
        const std::vector<unsigned char> q8_0 = readGolden("q8_0_expected.blocks");
        const std::vector<unsigned char> q8_1 = readGolden("q8_1_expected.blocks");
        QCOMPARE(static_cast<std::int64_t>(q8_0.size()), count / 32 * kQ8_0BlockBytes);
        QCOMPARE(static_cast<std::int64_t>(q8_1.size()), count / 32 * kQ8_1BlockBytes);

        std::vector<unsigned char> out(q8_1.size() + 1);
        quantizeQ8_0(x.data(), count, out.data() + 1);
        for (std::size_t i = 0; i < q8_0.size(); ++i) {
            QVERIFY2(out[1 + i] == q8_0[i], qPrintable(QString("Q8_0 byte %1 (block %2)").arg(i).arg(i / 34)));
        }
        quantizeQ8_1(x.data(), count, out.data() + 1);
        for (std::size_t i = 0; i < q8_1.size(); ++i) {
            QVERIFY2(out[1 + i] == q8_1[i], qPrintable(QString("Q8_1 byte %1 (block %2)").arg(i).arg(i / 36)));
        }
        QVERIFY_THROWS_EXCEPTION(Error, quantizeQ8_0(x.data(), 33, out.data()));
    }

    void dotProductsFollowGgml()
    {
        // Bitwise equal to the transcription of ggml's loops above, and within float rounding of
        // the float64 sum of dequantized weights times dequantized activations. For Q4_1 the
        // reference's m_w * s_a term uses s = f16(d * sum q) rather than f16(d) * sum q; that
        // difference is exactly accounted for in the bound, so the float part stays tight.
        std::mt19937 rng(11);
        std::uniform_real_distribution<float> value(-2.0f, 2.0f);
        double worst = 0;
        for (Format f : {Format::Q8_0, Format::Q4_0, Format::Q4_1}) {
            for (std::int64_t blocks : {1, 2, 7, 64, 130}) {
                for (int trial = 0; trial < 8; ++trial) {
                    const std::int64_t K = blocks * 32;
                    const std::vector<unsigned char> w = randomWeightBlocks(rng, f, blocks);
                    std::vector<float> x(static_cast<std::size_t>(K));
                    for (float& v : x) {
                        v = value(rng) * (trial % 2 ? 100.0f : 0.01f);
                    }
                    const int actBytes = f == Format::Q4_1 ? 36 : 34;
                    std::vector<unsigned char> a(static_cast<std::size_t>(blocks * actBytes));
                    if (f == Format::Q4_1) {
                        quantizeQ8_1(x.data(), K, a.data());
                    } else {
                        quantizeQ8_0(x.data(), K, a.data());
                    }
                    const float got = libraryDot(f, w.data(), a.data(), K);
                    const float ref = referenceDot(f, w.data(), a.data(), K);
                    const QString what = QString("format %1 blocks %2 trial %3").arg(int(f)).arg(blocks).arg(trial);
                    QVERIFY2(std::bit_cast<std::uint32_t>(got) == std::bit_cast<std::uint32_t>(ref),
                             qPrintable(what + QString(": %1 vs %2").arg(got).arg(ref)));

                    // Unaligned rows give the same bits.
                    std::vector<unsigned char> wShift(w.size() + 1), aShift(a.size() + 3);
                    std::memcpy(wShift.data() + 1, w.data(), w.size());
                    std::memcpy(aShift.data() + 3, a.data(), a.size());
                    QCOMPARE(std::bit_cast<std::uint32_t>(libraryDot(f, wShift.data() + 1, aShift.data() + 3, K)),
                             std::bit_cast<std::uint32_t>(got));

                    double exact = 0;      // sum_k w_k * a_k of the dequantized values
                    double magnitude = 0;  // sum over blocks of the terms the float sum rounds
                    double sDeviation = 0;
                    std::vector<float> wDeq(static_cast<std::size_t>(K));
                    dequantizeGgml(f == Format::Q8_0 ? GgmlType::Q8_0 : f == Format::Q4_0 ? GgmlType::Q4_0
                                                                                          : GgmlType::Q4_1,
                                   w.data(), K, wDeq.data());
                    for (std::int64_t b = 0; b < blocks; ++b) {
                        const unsigned char* wb = w.data() + b * weightBlockBytes(f);
                        const unsigned char* ab = a.data() + b * actBytes;
                        const double dw = halfAt(wb);
                        const double da = halfAt(ab);
                        long sumi = 0;
                        long sumA = 0;
                        for (int j = 0; j < 32; ++j) {
                            const int qa = static_cast<std::int8_t>(ab[actBytes - 32 + j]);
                            const double wk = f == Format::Q4_1 ? dw * weightInt(f, wb, j) + halfAt(wb + 2)
                                                                : dw * weightInt(f, wb, j);
                            // the test's exact weights equal dequantizeGgml's where it is exact
                            if (f != Format::Q4_1) {
                                QCOMPARE(static_cast<double>(wDeq[b * 32 + j]), wk);
                            }
                            exact += wk * (da * qa);
                            sumi += static_cast<long>(weightInt(f, wb, j)) * qa;
                            sumA += qa;
                        }
                        magnitude += std::abs(dw * da * static_cast<double>(sumi));
                        if (f == Format::Q4_1) {
                            const double m = halfAt(wb + 2);
                            magnitude += std::abs(m * halfAt(ab + 2));
                            sDeviation += std::abs(m * (halfAt(ab + 2) - da * static_cast<double>(sumA)));
                        }
                    }
                    // each block term: at most 3 roundings, then one per accumulation
                    const double bound = (static_cast<double>(blocks) + 3.0) * 0x1.0p-24 * magnitude + sDeviation;
                    const double err = std::abs(static_cast<double>(got) - exact);
                    QVERIFY2(err <= bound, qPrintable(what + QString(": %1 vs exact %2, bound %3")
                                                                 .arg(got).arg(exact).arg(bound)));
                    if (magnitude > 0) {
                        worst = std::max(worst, (err - sDeviation) / magnitude);
                    }
                }
            }
        }
        qInfo("worst float error relative to sum of |block terms|: %.3g", worst);
    }

    void q8_1SumUsesTheIntegerSum()
    {
        // s = f16(float(sum of the int8 quants) * d) with the float32 d, not the sum of the
        // floats: 3.3 (q 127), fifteen 0.01 (q 0) and sixteen -1.0 (q -38) give s = -481 * d,
        // about -12.50, where the float sum is -12.55.
        float x[32];
        for (int j = 0; j < 32; ++j) {
            x[j] = j == 0 ? 3.3f : j < 16 ? 0.01f : -1.0f;
        }
        unsigned char out[36];
        quantizeQ8_1(x, 32, out);
        int sum = 0;
        float floatSum = 0;
        for (int j = 0; j < 32; ++j) {
            sum += static_cast<std::int8_t>(out[4 + j]);
            floatSum += x[j];
        }
        QCOMPARE(sum, -481);
        const float d = 3.3f / 127.0f;
        std::uint16_t s;
        std::memcpy(&s, out + 2, 2);
        QCOMPARE(s, f32ToF16(static_cast<float>(sum) * d));
        QVERIFY(s != f32ToF16(floatSum));
        std::uint16_t dBits;
        std::memcpy(&dBits, out, 2);
        QCOMPARE(dBits, f32ToF16(d));
    }
};

QTEST_APPLESS_MAIN(TestGgmlQuants)
#include "test_ggml_quants.moc"
