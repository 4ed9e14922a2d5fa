// Number formatting shared by every page; translated unit words go through QCoreApplication.
#include "ui/common/number_format.h"

#include <QCoreApplication>
#include <QLocale>

#include <array>
#include <cmath>

namespace lathe {

QString formatBytes(std::uint64_t bytes)
{
    static constexpr std::array<const char*, 6> kUnits = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024) {
        return QCoreApplication::translate("lathe::NumberFormat", "%1 B").arg(bytes);
    }
    double value = double(bytes);
    std::size_t unit = 0;
    value /= 1024.0;
    while (value >= 1024.0 && unit + 1 < kUnits.size()) {
        value /= 1024.0;
        ++unit;
    }
    // Three significant digits: 1.50, 15.0, 150.
    const int decimals = value < 10.0 ? 2 : value < 100.0 ? 1 : 0;
    return QStringLiteral("%1 %2").arg(QLocale().toString(value, 'f', decimals), QLatin1String(kUnits[unit]));
}

QString formatBytesExact(std::uint64_t bytes)
{
    return QCoreApplication::translate("lathe::NumberFormat", "%1 bytes").arg(formatCount(bytes));
}

QString formatCount(std::uint64_t count)
{
    return QLocale().toString(static_cast<qulonglong>(count));
}

QString formatCountShort(std::uint64_t count)
{
    struct Scale {
        double factor;
        const char* suffix;
    };
    // Model sizes are spoken in these short scales ("8B", "124M"), in every language we ship.
    static constexpr std::array<Scale, 4> kScales = {{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}}};
    for (const Scale& scale : kScales) {
        if (double(count) >= scale.factor) {
            const double value = double(count) / scale.factor;
            const int decimals = value < 10.0 ? 2 : value < 100.0 ? 1 : 0;
            return QStringLiteral("%1 %2").arg(QLocale().toString(value, 'f', decimals), QLatin1String(scale.suffix));
        }
    }
    return formatCount(count);
}

QString formatValue(double value, int precision)
{
    if (std::isnan(value)) {
        return QStringLiteral("NaN");
    }
    if (std::isinf(value)) {
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    }
    // Qt 6 locales write the exponent as "E"; "2.1e-06" is how numbers read in this field.
    QString text = QLocale().toString(value, 'g', precision);
    text.replace(QLatin1Char('E'), QLatin1Char('e'));
    return text;
}

QString formatDType(DType dtype)
{
    const std::string_view name = dtypeName(dtype);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

QString shapeText(std::span<const std::uint64_t> shape)
{
    QString text = QStringLiteral("[");
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0) {
            text += QStringLiteral(", ");
        }
        text += QString::number(shape[i]);
    }
    text += QLatin1Char(']');
    return text;
}

}  // namespace lathe
