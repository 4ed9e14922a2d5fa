// DType names, sizes and exact small-float decoding, checked against values stated in the
// OCP FP8 / MX specifications and IEEE 754 (not against the code's own formulas).
#include "core/dtype.h"

#include <QtTest>

#include <cmath>

using namespace lathe;

class TestDType : public QObject {
    Q_OBJECT
private slots:
    void namesRoundTripAndEnumOrder()
    {
        const char* expected[] = {"BOOL", "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0",
                                  "F8_E4M3FNUZ", "F8_E5M2FNUZ", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "C64",
                                  "F64", "I64", "U64"};
        QCOMPARE(int(allDTypes().size()), 22);
        for (int i = 0; i < 22; ++i) {
            QCOMPARE(QString::fromUtf8(dtypeName(allDTypes()[i]).data()).left(int(dtypeName(allDTypes()[i]).size())),
                     QString::fromLatin1(expected[i]));
            QCOMPARE(dtypeFromName(expected[i]), std::optional<DType>(allDTypes()[i]));
        }
        QVERIFY(!dtypeFromName("bf16"));
        QVERIFY(!dtypeFromName("F8"));
        QVERIFY(!dtypeFromName(""));
    }

    void bitSizes()
    {
        QCOMPARE(dtypeBits(DType::F4), 4);
        QCOMPARE(dtypeBits(DType::F6_E2M3), 6);
        QCOMPARE(dtypeBits(DType::Bool), 8);
        QCOMPARE(dtypeBits(DType::F8_E8M0), 8);
        QCOMPARE(dtypeBits(DType::BF16), 16);
        QCOMPARE(dtypeBits(DType::C64), 64);
        QCOMPARE(dtypeBits(DType::U64), 64);
    }

    void f16AgainstCompiler()
    {
        // _Float16 is the compiler's IEEE binary16: an independent reference for all 65536 patterns.
        for (std::uint32_t bits = 0; bits < 65536; ++bits) {
            _Float16 h;
            const auto b16 = static_cast<std::uint16_t>(bits);
            std::memcpy(&h, &b16, 2);
            const float expected = static_cast<float>(h);
            const float got = f16ToF32(b16);
            if (std::isnan(expected)) {
                QVERIFY2(std::isnan(got), qPrintable(QString::number(bits, 16)));
            } else {
                QVERIFY2(got == expected && std::signbit(got) == std::signbit(expected), qPrintable(QString::number(bits, 16)));
            }
        }
    }

    void f32ToF16RoundsLikeCompiler()
    {
        const float samples[] = {0.0f, -0.0f, 1.0f, 65504.0f, 65519.0f, 65520.0f, 1e-8f, 5.96e-8f, 2.98e-8f, 3.0e-8f,
                                 6.1e-5f, 0.1f, -3.14159f, 1e6f, -1e-3f, 2049.0f, 2051.0f, 4097.0f};
        for (float f : samples) {
            const _Float16 h = static_cast<_Float16>(f);
            std::uint16_t expected;
            std::memcpy(&expected, &h, 2);
            QCOMPARE(f32ToF16(f), expected);
        }
    }

    void bf16()
    {
        QCOMPARE(bf16ToF32(0x3F80), 1.0f);
        QCOMPARE(bf16ToF32(0xC000), -2.0f);
        QCOMPARE(bf16ToF32(0x7F7F), 3.3895313892515355e38f);
        QVERIFY(std::isinf(bf16ToF32(0x7F80)));
        QVERIFY(std::isnan(bf16ToF32(0x7FC0)));
        QCOMPARE(bf16ToF32(0x0001), std::ldexp(1.0f, -133));  // smallest subnormal
        QCOMPARE(f32ToBf16(1.0f), std::uint16_t(0x3F80));
        QCOMPARE(f32ToBf16(1.00390625f), std::uint16_t(0x3F80));  // halfway, rounds to even
        QCOMPARE(f32ToBf16(1.01171875f), std::uint16_t(0x3F82));  // halfway, rounds to even (up)
    }

    void f8e4m3()
    {
        QCOMPARE(f8e4m3ToF32(0x7E), 448.0f);                  // largest
        QCOMPARE(f8e4m3ToF32(0xFE), -448.0f);
        QCOMPARE(f8e4m3ToF32(0x08), std::ldexp(1.0f, -6));    // smallest normal
        QCOMPARE(f8e4m3ToF32(0x01), std::ldexp(1.0f, -9));    // smallest subnormal
        QCOMPARE(f8e4m3ToF32(0x38), 1.0f);
        QVERIFY(std::isnan(f8e4m3ToF32(0x7F)));
        QVERIFY(std::isnan(f8e4m3ToF32(0xFF)));
        QCOMPARE(f8e4m3ToF32(0x80), -0.0f);
        QVERIFY(std::signbit(f8e4m3ToF32(0x80)));
    }

    void f8e5m2()
    {
        QCOMPARE(f8e5m2ToF32(0x7B), 57344.0f);
        QCOMPARE(f8e5m2ToF32(0x3C), 1.0f);
        QCOMPARE(f8e5m2ToF32(0x01), std::ldexp(1.0f, -16));
        QVERIFY(std::isinf(f8e5m2ToF32(0x7C)) && f8e5m2ToF32(0x7C) > 0);
        QVERIFY(std::isinf(f8e5m2ToF32(0xFC)) && f8e5m2ToF32(0xFC) < 0);
        QVERIFY(std::isnan(f8e5m2ToF32(0x7D)));
    }

    void f8Fnuz()
    {
        QCOMPARE(f8e4m3fnuzToF32(0x7F), 240.0f);
        QCOMPARE(f8e4m3fnuzToF32(0x40), 1.0f);
        QCOMPARE(f8e4m3fnuzToF32(0x01), std::ldexp(1.0f, -10));
        QVERIFY(std::isnan(f8e4m3fnuzToF32(0x80)));
        QCOMPARE(f8e4m3fnuzToF32(0xFF), -240.0f);
        QCOMPARE(f8e5m2fnuzToF32(0x7F), 57344.0f);
        QCOMPARE(f8e5m2fnuzToF32(0x40), 1.0f);
        QCOMPARE(f8e5m2fnuzToF32(0x01), std::ldexp(1.0f, -17));
        QVERIFY(std::isnan(f8e5m2fnuzToF32(0x80)));
    }

    void f8e8m0()
    {
        QCOMPARE(f8e8m0ToF32(127), 1.0f);
        QCOMPARE(f8e8m0ToF32(128), 2.0f);
        QCOMPARE(f8e8m0ToF32(0), std::ldexp(1.0f, -127));
        QCOMPARE(f8e8m0ToF32(254), std::ldexp(1.0f, 127));
        QVERIFY(std::isnan(f8e8m0ToF32(255)));
    }

    void mxElements()
    {
        // OCP MX spec: FP4 E2M1 positive values.
        const float fp4[] = {0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f, 6.0f};
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(f4e2m1ToF32(std::uint8_t(i)), fp4[i]);
            QCOMPARE(f4e2m1ToF32(std::uint8_t(i | 8)), -fp4[i]);
        }
        QCOMPARE(f6e2m3ToF32(0x1F), 7.5f);    // E2M3 max normal
        QCOMPARE(f6e2m3ToF32(0x01), 0.125f);  // min subnormal
        QCOMPARE(f6e2m3ToF32(0x08), 1.0f);    // min normal
        QCOMPARE(f6e2m3ToF32(0x3F), -7.5f);
        QCOMPARE(f6e3m2ToF32(0x1F), 28.0f);   // E3M2 max normal
        QCOMPARE(f6e3m2ToF32(0x01), 0.0625f); // min subnormal
        QCOMPARE(f6e3m2ToF32(0x04), 0.25f);   // min normal
        QCOMPARE(f6e3m2ToF32(0x0C), 1.0f);
    }
};

QTEST_APPLESS_MAIN(TestDType)
#include "test_dtype.moc"
