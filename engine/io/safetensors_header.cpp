// Safetensors header parsing: simdjson's DOM walked into TensorInfo, rejecting what the
// reference rejects (and duplicate keys), then the reference's validation order:
// sort by offsets, contiguity, checked element and bit counts, full coverage of the buffer.
#include "io/safetensors_header.h"

#include "core/error.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
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

const char* jsonTypeName(simdjson::dom::element_type type)
{
    using T = simdjson::dom::element_type;
    switch (type) {
    case T::ARRAY: return "an array";
    case T::OBJECT: return "an object";
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE: return "a number";
    case T::STRING: return "a string";
    case T::BOOL: return "a boolean";
    case T::NULL_VALUE: return "null";
    }
    return "a value";
}

// A JSON number as the reference's usize: non-negative and integral, within 64 bits.
template <typename Where>
std::uint64_t unsignedField(const simdjson::dom::element& value, const Where& where)
{
    using T = simdjson::dom::element_type;
    switch (value.type()) {
    case T::UINT64: return value.get_uint64().value_unsafe();
    case T::INT64: {
        const std::int64_t v = value.get_int64().value_unsafe();
        if (v < 0) {
            throw std::invalid_argument(where() + "negative number " + std::to_string(v) + " (must be a non-negative integer)");
        }
        return static_cast<std::uint64_t>(v);
    }
    case T::DOUBLE: throw std::invalid_argument(where() + "number " + std::to_string(value.get_double().value_unsafe()) + " is not a non-negative 64-bit integer");
    default: throw std::invalid_argument(where() + "has the wrong type (" + jsonTypeName(value.type()) + "), expected an integer");
    }
}

void readMetadata(const simdjson::dom::element& value, SafetensorsHeader& header)
{
    if (value.is_null()) {
        return;  // the reference reads null as "no metadata" (an Option)
    }
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) {
        throw std::invalid_argument(std::string("__metadata__: must be an object, not ") + jsonTypeName(value.type()));
    }
    header.hasMetadata = true;
    std::unordered_set<std::string_view> keys;
    for (const auto field : object) {
        if (!keys.insert(field.key).second) {
            throw std::invalid_argument("__metadata__: duplicate key " + inQuotes(field.key));
        }
        std::string_view text;
        if (field.value.get_string().get(text) != simdjson::SUCCESS) {
            throw std::invalid_argument("__metadata__: value of " + inQuotes(field.key) + " is " + jsonTypeName(field.value.type()) +
                                        "; metadata values must be strings");
        }
        header.metadata.emplace_back(std::string(field.key), std::string(text));
    }
}

TensorInfo readTensor(std::string_view name, const simdjson::dom::element& value)
{
    // Messages are built only on failure: this runs once per tensor, 100,000 times for big headers.
    auto where = [&] { return tensorField(name) + ": "; };
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) {
        throw std::invalid_argument(where() + "must be an object, not " + jsonTypeName(value.type()));
    }
    TensorInfo tensor;
    tensor.name = std::string(name);
    bool seenDType = false;
    bool seenShape = false;
    bool seenOffsets = false;
    for (const auto field : object) {
        auto fieldWhere = [&] { return where() + "field " + inQuotes(field.key) + ": "; };
        auto once = [&](bool& seen) {
            if (seen) {
                throw std::invalid_argument(where() + "duplicate field " + inQuotes(field.key));
            }
            seen = true;
        };
        if (field.key == "dtype") {
            once(seenDType);
            std::string_view text;
            if (field.value.get_string().get(text) != simdjson::SUCCESS) {
                throw std::invalid_argument(fieldWhere() + "has the wrong type (" + jsonTypeName(field.value.type()) + "), expected a string");
            }
            const auto dtype = dtypeFromName(text);
            if (!dtype) {
                throw std::invalid_argument(where() + "unknown dtype " + inQuotes(text));
            }
            tensor.dtype = *dtype;
        } else if (field.key == "shape" || field.key == "data_offsets") {
            const bool isShape = field.key == "shape";
            once(isShape ? seenShape : seenOffsets);
            simdjson::dom::array array;
            if (field.value.get_array().get(array) != simdjson::SUCCESS) {
                throw std::invalid_argument(fieldWhere() + "has the wrong type (" + jsonTypeName(field.value.type()) + "), expected an array");
            }
            std::vector<std::uint64_t> numbers;
            numbers.reserve(array.size());
            for (const auto item : array) {
                numbers.push_back(unsignedField(item, fieldWhere));
            }
            if (isShape) {
                tensor.shape = std::move(numbers);
            } else {
                if (numbers.size() != 2) {
                    throw std::invalid_argument(fieldWhere() + "must hold exactly 2 integers, not " + std::to_string(numbers.size()));
                }
                tensor.begin = numbers[0];
                tensor.end = numbers[1];
            }
        }
        // Other fields are ignored, as the reference (serde without deny_unknown_fields) does.
    }
    if (!seenDType || !seenShape || !seenOffsets) {
        const char* missing = !seenDType ? "dtype" : (!seenShape ? "shape" : "data_offsets");
        throw std::invalid_argument(where() + "missing field \"" + missing + "\"");
    }
    return tensor;
}

// Walks a parsed header into `header`; std::invalid_argument carries the message.
void readHeaderObject(const simdjson::dom::element& root, SafetensorsHeader& header)
{
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) {
        throw std::invalid_argument(std::string("header must be a JSON object, not ") + jsonTypeName(root.type()));
    }
    header.tensors.reserve(object.size());
    std::vector<std::string_view> keys;  // views into the parser's strings, checked for repeats below
    keys.reserve(object.size());
    for (const auto field : object) {
        keys.push_back(field.key);
        if (field.key == "__metadata__") {
            readMetadata(field.value, header);
        } else {
            header.tensors.push_back(readTensor(field.key, field.value));
        }
    }
    std::sort(keys.begin(), keys.end());
    if (const auto repeat = std::adjacent_find(keys.begin(), keys.end()); repeat != keys.end()) {
        throw std::invalid_argument("duplicate key " + inQuotes(*repeat) + " in header");
    }
}

// serde_json (the reference) refuses nesting past 127 levels, the top object included.
constexpr std::size_t kMaxJsonDepth = 127;

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
        throwInvalid(file, "header", "length " + std::to_string(n) + " exceeds the limit of " +
                                         std::to_string(kSafetensorsMaxHeaderBytes) + " bytes");
    }
    if (8 + n > fileSize) {
        throwInvalid(file, "header", "length " + std::to_string(n) + " but the file holds only " +
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

    // nlohmann's lexer takes a NUL byte for the end of input; the reference rejects it (JSON
    // allows no raw control characters), so must we, or "{}\0<anything>" would pass.
    if (const void* nul = std::memchr(json, '\0', static_cast<std::size_t>(header.headerBytes))) {
        throwInvalid(file, "header", "header is not valid JSON: NUL byte at byte " +
                                         std::to_string(static_cast<const char*>(nul) - json));
    }

    // simdjson: full validation (UTF-8, grammar, no trailing content) at GB/s; a 100,000-tensor
    // header is ~10 MB. The DOM keeps every key, so duplicates are seen and rejected.
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (const auto error = parser.allocate(static_cast<std::size_t>(header.headerBytes), kMaxJsonDepth); error != simdjson::SUCCESS) {
        throwInvalid(file, "header", std::string("cannot parse the header: ") + simdjson::error_message(error));
    }
    if (const auto error = parser.parse(json, static_cast<std::size_t>(header.headerBytes)).get(root); error != simdjson::SUCCESS) {
        throwInvalid(file, "header", std::string("header is not valid JSON: ") + simdjson::error_message(error));
    }
    try {
        readHeaderObject(root, header);
    } catch (const std::invalid_argument& e) {
        throwInvalid(file, {}, e.what());
    }

    // Validation, in the reference's order: by (begin, end), tensors must tile the buffer.
    // Writers emit offset order, so check before sorting; sort (begin, end, index) triples.
    struct Span {
        std::uint64_t begin;
        std::uint64_t end;
        std::uint32_t index;
        bool operator<(const Span& o) const { return begin != o.begin ? begin < o.begin : end < o.end; }
    };
    std::vector<Span> order;
    order.reserve(header.tensors.size());
    for (std::uint32_t i = 0; i < header.tensors.size(); ++i) {
        order.push_back(Span{header.tensors[i].begin, header.tensors[i].end, i});
    }
    if (!std::is_sorted(order.begin(), order.end())) {
        std::stable_sort(order.begin(), order.end());
    }
    std::uint64_t start = 0;
    const TensorInfo* previous = nullptr;
    for (const Span& span : order) {
        const TensorInfo& t = header.tensors[span.index];
        auto field = [&] { return tensorField(t.name); };
        auto offsets = [&] { return "data_offsets [" + std::to_string(t.begin) + ", " + std::to_string(t.end) + "]"; };
        if (t.end < t.begin) {
            throwInvalid(file, field(), offsets() + " end before they begin");
        }
        if (t.begin > start) {
            throwInvalid(file, field(),
                         offsets() + " leave a hole of " + std::to_string(t.begin - start) + " bytes before it (expected to begin at " +
                             std::to_string(start) + "; tensors must cover the data buffer contiguously)");
        }
        if (t.begin < start) {
            throwInvalid(file, field(),
                         offsets() + " overlap " + (previous ? tensorField(previous->name) : std::string("the previous tensor")) +
                             ", which ends at " + std::to_string(start));
        }
        std::uint64_t elements = 1;
        for (std::uint64_t d : t.shape) {
            if (!checkedMul(elements, d, elements)) {
                throwInvalid(file, field(), "shape " + formatShape(t.shape) + " has more elements than fit in 64 bits");
            }
        }
        std::uint64_t bits = 0;
        if (!checkedMul(elements, static_cast<std::uint64_t>(dtypeBits(t.dtype)), bits)) {
            throwInvalid(file, field(), "shape " + formatShape(t.shape) + " × " + std::string(dtypeName(t.dtype)) +
                                          " is more bits than fit in 64 bits");
        }
        if (bits % 8 != 0) {
            throwInvalid(file, field(), "shape " + formatShape(t.shape) + " × " + std::string(dtypeName(t.dtype)) +
                                          " is not a whole number of bytes (" + std::to_string(bits) + " bits)");
        }
        if (t.end - t.begin != bits / 8) {
            throwInvalid(file, field(), offsets() + " but shape " + formatShape(t.shape) + " × " +
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
