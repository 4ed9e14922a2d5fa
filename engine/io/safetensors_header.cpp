// Safetensors header parsing: a SAX pass over the JSON (nlohmann) that builds TensorInfo
// directly and rejects what the reference rejects, then the reference's validation order:
// sort by offsets, contiguity, checked element and bit counts, full coverage of the buffer.
#include "io/safetensors_header.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <optional>
#include <unordered_set>

namespace lathe {
namespace {

std::string inQuotes(std::string_view s)
{
    std::string out = "\"";
    out += s;
    out += '"';
    return out;
}

std::string tensorField(std::string_view name)
{
    return "tensor " + inQuotes(name);
}

// Builds the header from SAX events. Depth 1 keys are "__metadata__" or tensor names; depth 2
// holds a tensor's fields (unknown fields are skipped, as serde does) or metadata strings.
class HeaderBuilder : public nlohmann::json_sax<nlohmann::json> {
public:
    HeaderBuilder(std::string_view fileName, SafetensorsHeader& header)
        : m_file(fileName)
        , m_header(header)
    {
    }

    bool null() override { return scalar("null"); }
    bool boolean(bool) override { return scalar("a boolean"); }
    bool number_integer(number_integer_t value) override
    {
        if (value < 0) {
            return fail("negative number " + std::to_string(value) + " (must be a non-negative integer)");
        }
        return unsignedValue(static_cast<std::uint64_t>(value));
    }
    bool number_unsigned(number_unsigned_t value) override { return unsignedValue(value); }
    bool number_float(number_float_t, const string_t& text) override
    {
        return scalarNumberFail("number " + text + " is not a non-negative 64-bit integer");
    }
    bool binary(binary_t&) override { return scalar("binary"); }

    bool string(string_t& value) override
    {
        if (m_skipDepth > 0) {
            return true;
        }
        if (m_depth == 1) {
            return fail(atKey() + "must be an object, not a string");
        }
        if (m_depth == 2 && m_inMetadata) {
            m_header.metadata.emplace_back(std::move(m_key), std::move(value));
            return true;
        }
        if (m_depth == 2 && m_field == Field::DType) {
            const auto dtype = dtypeFromName(value);
            if (!dtype) {
                return fail(atKey() + "unknown dtype " + inQuotes(value));
            }
            m_tensor.dtype = *dtype;
            m_seenDType = true;
            return true;
        }
        return fail(atField() + "has the wrong type (string " + inQuotes(value) + ")");
    }

    bool start_object(std::size_t) override
    {
        if (m_skipDepth > 0) {
            ++m_skipDepth;
            return true;
        }
        ++m_depth;
        if (m_depth == 1) {
            return true;
        }
        if (m_depth == 2) {
            if (m_key == "__metadata__") {
                m_inMetadata = true;
                m_header.hasMetadata = true;
                m_metadataKeys.clear();
                return true;
            }
            m_tensor = TensorInfo{};
            m_tensor.name = m_key;
            m_seenDType = m_seenShape = m_seenOffsets = false;
            return true;
        }
        if (m_depth == 3 && m_field == Field::Other && !m_inMetadata) {
            --m_depth;
            m_skipDepth = 1;
            return true;
        }
        return fail(atField() + "has the wrong type (an object)");
    }

    bool end_object() override
    {
        if (m_skipDepth > 0) {
            --m_skipDepth;
            return true;
        }
        if (m_depth == 2) {
            if (m_inMetadata) {
                m_inMetadata = false;
            } else {
                if (!m_seenDType || !m_seenShape || !m_seenOffsets) {
                    const char* missing = !m_seenDType ? "dtype" : (!m_seenShape ? "shape" : "data_offsets");
                    return fail(tensorField(m_tensor.name) + ": missing field \"" + missing + "\"");
                }
                m_header.tensors.push_back(std::move(m_tensor));
            }
        }
        --m_depth;
        return true;
    }

    bool start_array(std::size_t) override
    {
        if (m_skipDepth > 0) {
            ++m_skipDepth;
            return true;
        }
        if (m_depth == 2 && !m_inMetadata && (m_field == Field::Shape || m_field == Field::Offsets)) {
            ++m_depth;
            m_arrayLength = 0;
            if (m_field == Field::Shape) {
                m_tensor.shape.clear();
            }
            return true;
        }
        if (m_depth == 2 && !m_inMetadata && m_field == Field::Other) {
            m_skipDepth = 1;
            return true;
        }
        if (m_depth == 0) {
            return fail("header must be a JSON object, not an array");
        }
        return fail(atField() + "has the wrong type (an array)");
    }

    bool end_array() override
    {
        if (m_skipDepth > 0) {
            --m_skipDepth;
            return true;
        }
        --m_depth;
        if (m_field == Field::Offsets) {
            if (m_arrayLength != 2) {
                return fail(atField() + "must hold exactly 2 integers, not " + std::to_string(m_arrayLength));
            }
            m_seenOffsets = true;
        } else {
            m_seenShape = true;
        }
        return true;
    }

    bool key(string_t& value) override
    {
        if (m_skipDepth > 0) {
            return true;
        }
        if (m_depth == 1) {
            if (!m_topKeys.insert(value).second) {
                return fail("duplicate key " + inQuotes(value) + " in header");
            }
            m_key = std::move(value);
            return true;
        }
        if (m_inMetadata) {
            if (!m_metadataKeys.insert(value).second) {
                return fail("__metadata__: duplicate key " + inQuotes(value));
            }
            m_key = std::move(value);
            return true;
        }
        Field field = Field::Other;
        bool* seen = nullptr;
        if (value == "dtype") {
            field = Field::DType;
            seen = &m_seenDType;
        } else if (value == "shape") {
            field = Field::Shape;
            seen = &m_seenShape;
        } else if (value == "data_offsets") {
            field = Field::Offsets;
            seen = &m_seenOffsets;
        }
        if (seen != nullptr && *seen) {
            return fail(tensorField(m_tensor.name) + ": duplicate field " + inQuotes(value));
        }
        m_field = field;
        m_fieldName = std::move(value);
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override
    {
        if (!m_error) {
            // nlohmann's text starts "[json.exception.parse_error.101] parse error at ...: "; keep the reason.
            std::string what = ex.what();
            const auto colon = what.find("] ");
            if (colon != std::string::npos) {
                what = what.substr(colon + 2);
            }
            m_error = "header is not valid JSON at byte " + std::to_string(position) + ": " + what;
        }
        return false;
    }

    const std::optional<std::string>& error() const { return m_error; }

private:
    enum class Field { DType, Shape, Offsets, Other };

    std::string atKey() const
    {
        return m_depth <= 1 ? std::string() : tensorField(m_key) + ": ";
    }

    std::string atField() const
    {
        if (m_depth <= 1) {
            return {};
        }
        if (m_inMetadata) {
            return "__metadata__: value of " + inQuotes(m_key) + ": ";
        }
        return tensorField(m_tensor.name) + ": field " + inQuotes(m_fieldName) + ": ";
    }

    bool fail(std::string message)
    {
        if (!m_error) {
            m_error = std::move(message);
        }
        return false;
    }

    bool scalar(const char* what)
    {
        if (m_skipDepth > 0) {
            return true;
        }
        if (m_depth == 2 && m_field == Field::Other && !m_inMetadata) {
            return true;
        }
        if (m_depth == 0) {
            return fail(std::string("header must be a JSON object, not ") + what);
        }
        if (m_depth == 1) {
            return fail(atKey() + "must be an object, not " + what);
        }
        if (m_inMetadata) {
            return fail(atField() + "is " + what + "; metadata values must be strings");
        }
        return fail(atField() + "has the wrong type (" + what + ")");
    }

    bool scalarNumberFail(const std::string& message)
    {
        if (m_skipDepth > 0 || (m_depth == 2 && m_field == Field::Other && !m_inMetadata)) {
            return true;
        }
        if (m_inMetadata && m_depth == 2) {
            return fail(atField() + "is a number; metadata values must be strings");
        }
        return fail(atField() + message);
    }

    bool unsignedValue(std::uint64_t value)
    {
        if (m_skipDepth > 0 || (m_depth == 2 && m_field == Field::Other && !m_inMetadata)) {
            return true;
        }
        if (m_depth == 3 && m_field == Field::Shape) {
            m_tensor.shape.push_back(value);
            ++m_arrayLength;
            return true;
        }
        if (m_depth == 3 && m_field == Field::Offsets) {
            if (m_arrayLength == 0) {
                m_tensor.begin = value;
            } else if (m_arrayLength == 1) {
                m_tensor.end = value;
            }
            ++m_arrayLength;
            return true;
        }
        return scalar("a number");
    }

    std::string_view m_file;
    SafetensorsHeader& m_header;
    int m_depth = 0;
    int m_skipDepth = 0;  // > 0 while inside an ignored (unknown) tensor field
    bool m_inMetadata = false;
    std::string m_key;
    std::string m_fieldName;
    Field m_field = Field::Other;
    TensorInfo m_tensor;
    bool m_seenDType = false;
    bool m_seenShape = false;
    bool m_seenOffsets = false;
    std::size_t m_arrayLength = 0;
    std::unordered_set<std::string> m_topKeys;
    std::unordered_set<std::string> m_metadataKeys;
    std::optional<std::string> m_error;
};

bool checkedMul(std::uint64_t a, std::uint64_t b, std::uint64_t& out)
{
    return !__builtin_mul_overflow(a, b, &out);
}

}  // namespace

std::string formatShape(std::span<const std::uint64_t> shape)
{
    std::string out = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i > 0) {
            out += ", ";
        }
        out += std::to_string(shape[i]);
    }
    out += ']';
    return out;
}

std::uint64_t TensorInfo::elementCount() const
{
    std::uint64_t n = 1;
    for (std::uint64_t d : shape) {
        if (!checkedMul(n, d, n)) {
            return UINT64_MAX;
        }
    }
    return n;
}

std::uint64_t readSafetensorsHeaderLength(std::span<const std::byte> prefix, std::uint64_t fileSize,
                                          std::string_view fileName)
{
    const std::string file(fileName);
    if (fileSize < 8 || prefix.size() < 8) {
        throwInvalid(file, {}, "file is " + std::to_string(fileSize) +
                                   " bytes; a safetensors file starts with an 8-byte header length");
    }
    std::uint64_t n = 0;
    for (int i = 7; i >= 0; --i) {
        n = (n << 8) | static_cast<std::uint8_t>(prefix[static_cast<std::size_t>(i)]);
    }
    if (n > kSafetensorsMaxHeaderBytes) {
        throwInvalid(file, "header", "header length " + std::to_string(n) + " exceeds the limit of " +
                                         std::to_string(kSafetensorsMaxHeaderBytes) + " bytes");
    }
    if (8 + n > fileSize) {
        throwInvalid(file, "header", "header length " + std::to_string(n) + " but the file holds only " +
                                         std::to_string(fileSize - 8) +
                                         " bytes after the length prefix (truncated file?)");
    }
    return n;
}

SafetensorsHeader parseSafetensorsHeader(std::span<const std::byte> prefix, std::uint64_t fileSize,
                                         std::string_view fileName)
{
    const std::string file(fileName);
    SafetensorsHeader header;
    header.headerBytes = readSafetensorsHeaderLength(prefix, fileSize, fileName);
    if (prefix.size() < 8 + header.headerBytes) {
        throwInvalid(file, "header", "only " + std::to_string(prefix.size()) + " of the " +
                                         std::to_string(8 + header.headerBytes) + " header bytes were read");
    }
    const char* json = reinterpret_cast<const char*>(prefix.data() + 8);
    const char* jsonEnd = json + header.headerBytes;

    // nlohmann's lexer takes a NUL byte for the end of input; the reference rejects it (JSON
    // allows no raw control characters), so must we, or "{}\0<anything>" would pass.
    if (const void* nul = std::memchr(json, '\0', static_cast<std::size_t>(header.headerBytes))) {
        throwInvalid(file, "header", "header is not valid JSON: NUL byte at byte " +
                                         std::to_string(static_cast<const char*>(nul) - json));
    }

    HeaderBuilder builder(fileName, header);
    const bool ok = nlohmann::json::sax_parse(json, jsonEnd, &builder, nlohmann::json::input_format_t::json, true);
    if (!ok || builder.error()) {
        throwInvalid(file, "header", builder.error().value_or("header is not valid JSON"));
    }

    // Validation, in the reference's order: by (begin, end), tensors must tile the buffer.
    std::vector<std::uint32_t> order(header.tensors.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const TensorInfo& x = header.tensors[a];
        const TensorInfo& y = header.tensors[b];
        return std::tie(x.begin, x.end) < std::tie(y.begin, y.end);
    });
    std::uint64_t start = 0;
    const TensorInfo* previous = nullptr;
    for (std::uint32_t i : order) {
        const TensorInfo& t = header.tensors[i];
        const std::string field = tensorField(t.name);
        const std::string offsets = "data_offsets [" + std::to_string(t.begin) + ", " + std::to_string(t.end) + "]";
        if (t.end < t.begin) {
            throwInvalid(file, field, offsets + " end before they begin");
        }
        if (t.begin > start) {
            throwInvalid(file, field,
                         offsets + " leave a hole of " + std::to_string(t.begin - start) + " bytes before it (expected to begin at " +
                             std::to_string(start) + "; tensors must cover the data buffer contiguously)");
        }
        if (t.begin < start) {
            throwInvalid(file, field,
                         offsets + " overlap " + (previous ? tensorField(previous->name) : std::string("the previous tensor")) +
                             ", which ends at " + std::to_string(start));
        }
        std::uint64_t elements = 1;
        for (std::uint64_t d : t.shape) {
            if (!checkedMul(elements, d, elements)) {
                throwInvalid(file, field, "shape " + formatShape(t.shape) + " has more elements than fit in 64 bits");
            }
        }
        std::uint64_t bits = 0;
        if (!checkedMul(elements, static_cast<std::uint64_t>(dtypeBits(t.dtype)), bits)) {
            throwInvalid(file, field, "shape " + formatShape(t.shape) + " × " + std::string(dtypeName(t.dtype)) +
                                          " is more bits than fit in 64 bits");
        }
        if (bits % 8 != 0) {
            throwInvalid(file, field, "shape " + formatShape(t.shape) + " × " + std::string(dtypeName(t.dtype)) +
                                          " is not a whole number of bytes (" + std::to_string(bits) + " bits)");
        }
        if (t.end - t.begin != bits / 8) {
            throwInvalid(file, field, offsets + " but shape " + formatShape(t.shape) + " × " +
                                          std::string(dtypeName(t.dtype)) + " needs " + std::to_string(bits / 8) +
                                          " bytes");
        }
        start = t.end;
        previous = &t;
    }
    header.dataBytes = start;
    const std::uint64_t available = fileSize - header.dataStart();  // >= 0: checked with the length
    if (start != available) {
        if (start > available) {
            throwInvalid(file, "data", "tensors need " + std::to_string(start) + " bytes of data but the file holds only " +
                                           std::to_string(available) + " (truncated file?)");
        }
        throwInvalid(file, "data", "the file has " + std::to_string(available - start) +
                                       " bytes after the last tensor's data (trailing bytes are not allowed)");
    }
    return header;
}

}  // namespace lathe
