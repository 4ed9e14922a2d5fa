// How numbers read in Lathe: byte sizes in binary units, parameter counts with group
// separators or in short form, statistics with six significant digits, shapes as the CLI
// prints them. All use the default QLocale, so German shows "1,50 GiB".
#pragma once

#include "core/dtype.h"

#include <QString>

#include <cstdint>
#include <span>

namespace lathe {

QString formatBytes(std::uint64_t bytes);           // "1.50 GiB", "512 B"
QString formatBytesExact(std::uint64_t bytes);      // "1,610,612,736 bytes"
QString formatCount(std::uint64_t count);           // "4,194,304"
QString formatCountShort(std::uint64_t count);      // "8.03 B", "124 M", "4.19 K", "512"
QString formatValue(double value, int precision = 6);  // "-0.0712891", "NaN", "∞", "−∞"
QString formatDType(DType dtype);                   // "BF16"
QString shapeText(std::span<const std::uint64_t> shape);  // "[4096, 4096]", "[]" for scalars

}  // namespace lathe
