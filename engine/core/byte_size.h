// Byte sizes as people and the Hugging Face tools write them: "5GB" (10^9), "2GiB" (2^30),
// "500MB", "123" (bytes); and the reverse, for display.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lathe {

// Throws lathe::Error (InvalidInput) naming `field` when `text` is not a size.
std::uint64_t parseByteSize(std::string_view text, const std::string& field);

// "1.50 GiB", "512 B": binary units, three significant digits.
std::string formatByteSize(std::uint64_t bytes);

}  // namespace lathe
