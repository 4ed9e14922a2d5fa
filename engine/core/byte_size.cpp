// parseByteSize / formatByteSize: decimal units (KB, MB, GB, TB) are powers of 10, binary
// units (KiB, MiB, GiB, TiB) powers of 2, as huggingface_hub and accelerate read them.
#include "core/byte_size.h"

#include "core/error.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace lathe {

std::uint64_t parseByteSize(std::string_view text, const std::string& field)
{
    std::size_t digits = 0;
    while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) {
        ++digits;
    }
    const std::string number(text.substr(0, digits));
    std::string unit;
    for (char c : text.substr(digits)) {
        if (c != ' ') {
            unit += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (number.empty() || ec != std::errc() || end != number.data() + number.size()) {
        throwInvalid({}, field, "\"" + std::string(text) + "\" is not a size (examples: 5GB, 500MB, 2GiB, 1048576)");
    }
    struct Unit {
        const char* name;
        double factor;
    };
    static constexpr std::array<Unit, 14> kUnits{{
        {"", 1.0}, {"B", 1.0}, {"K", 1e3}, {"KB", 1e3}, {"M", 1e6}, {"MB", 1e6}, {"G", 1e9}, {"GB", 1e9},
        {"T", 1e12}, {"TB", 1e12}, {"KIB", 1024.0}, {"MIB", 1048576.0}, {"GIB", 1073741824.0}, {"TIB", 1099511627776.0},
    }};
    for (const Unit& u : kUnits) {
        if (unit == u.name) {
            const double bytes = value * u.factor;
            if (!(bytes >= 0.0) || bytes >= 1.8e19) {
                throwInvalid({}, field, "\"" + std::string(text) + "\" is out of range");
            }
            return static_cast<std::uint64_t>(std::llround(bytes));
        }
    }
    throwInvalid({}, field, "\"" + std::string(text) + "\" has an unknown unit (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)");
}

std::string formatByteSize(std::uint64_t bytes)
{
    static constexpr std::array<const char*, 6> kNames{"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1024.0 && unit + 1 < kNames.size()) {
        value /= 1024.0;
        ++unit;
    }
    char out[32];
    if (unit == 0) {
        std::snprintf(out, sizeof out, "%llu B", static_cast<unsigned long long>(bytes));
    } else {
        std::snprintf(out, sizeof out, value < 10 ? "%.2f %s" : (value < 100 ? "%.1f %s" : "%.0f %s"), value, kNames[unit]);
    }
    return out;
}

}  // namespace lathe
