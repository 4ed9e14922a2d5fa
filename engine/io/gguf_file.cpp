// GGUF parsing: one bounds-checked pass over the header at open, so that every later read
// (metadata views, tensor byte spans) is known to lie inside the mapping. Counts and lengths
// are checked against the bytes that remain before anything is allocated for them, so a
// hostile header can neither crash the reader nor make it allocate gigabytes.
#include "io/gguf_file.h"

#include "core/error.h"

#include <array>
#include <bit>
#include <cstring>
#include <limits>

namespace lathe {

struct GgufFile::State {
    MappedFile map;
    std::span<const std::byte> bytes;
    std::string name;
    std::uint32_t version = 0;
    std::uint32_t alignment = 32;
    std::uint64_t dataOffset = 0;
    std::vector<Entry> metadata;
    std::unordered_map<std::string_view, std::size_t> keyIndex;
    std::vector<GgufTensorInfo> tensors;
    std::unordered_map<std::string_view, std::size_t> tensorIndex;
};

namespace {

constexpr std::uint32_t kDefaultAlignment = 32;
constexpr int kMaxArrayDepth = 8;    // nested arrays deeper than this are not GGUF any tool writes
constexpr std::uint32_t kMaxDims = 4;  // GGML_MAX_DIMS

// Fixed encoded size of a scalar value type; 0 for string, array and unknown types.
std::uint64_t scalarSize(GgufType type)
{
    switch (type) {
    case GgufType::UInt8:
    case GgufType::Int8:
    case GgufType::Bool: return 1;
    case GgufType::UInt16:
    case GgufType::Int16: return 2;
    case GgufType::UInt32:
    case GgufType::Int32:
    case GgufType::Float32: return 4;
    case GgufType::UInt64:
    case GgufType::Int64:
    case GgufType::Float64: return 8;
    case GgufType::String:
    case GgufType::Array: return 0;
    }
    return 0;
}

bool knownValueType(std::uint32_t raw)
{
    return raw <= static_cast<std::uint32_t>(GgufType::Float64);
}

template <typename T>
T load(const std::byte* p)
{
    T value;
    std::memcpy(&value, p, sizeof value);
    return value;  // GGUF is little-endian, as is every machine Lathe runs on
}

std::string inQuotes(std::string_view s)
{
    std::string out = "\"";
    out += s;
    out += '"';
    return out;
}

}  // namespace

// ---- Type tables -------------------------------------------------------------------------

std::string ggufTypeName(GgufType type)
{
    static constexpr std::array<const char*, 13> names = {"UINT8", "INT8", "UINT16", "INT16", "UINT32", "INT32", "FLOAT32",
                                                          "BOOL", "STRING", "ARRAY", "UINT64", "INT64", "FLOAT64"};
    const auto raw = static_cast<std::uint32_t>(type);
    return raw < names.size() ? names[raw] : "type " + std::to_string(raw);
}

std::optional<GgmlTypeTraits> ggmlTypeTraits(GgmlType type)
{
    // gguf 0.19.0 constants.GGML_QUANT_SIZES, QK_K = 256.
    constexpr std::uint32_t K = 256;
    switch (type) {
    case GgmlType::F32: return GgmlTypeTraits{"F32", 1, 4};
    case GgmlType::F16: return GgmlTypeTraits{"F16", 1, 2};
    case GgmlType::Q4_0: return GgmlTypeTraits{"Q4_0", 32, 2 + 16};
    case GgmlType::Q4_1: return GgmlTypeTraits{"Q4_1", 32, 2 + 2 + 16};
    case GgmlType::Q5_0: return GgmlTypeTraits{"Q5_0", 32, 2 + 4 + 16};
    case GgmlType::Q5_1: return GgmlTypeTraits{"Q5_1", 32, 2 + 2 + 4 + 16};
    case GgmlType::Q8_0: return GgmlTypeTraits{"Q8_0", 32, 2 + 32};
    case GgmlType::Q8_1: return GgmlTypeTraits{"Q8_1", 32, 4 + 4 + 32};
    case GgmlType::Q2_K: return GgmlTypeTraits{"Q2_K", K, 2 + 2 + K / 16 + K / 4};
    case GgmlType::Q3_K: return GgmlTypeTraits{"Q3_K", K, 2 + K / 4 + K / 8 + 12};
    case GgmlType::Q4_K: return GgmlTypeTraits{"Q4_K", K, 2 + 2 + K / 2 + 12};
    case GgmlType::Q5_K: return GgmlTypeTraits{"Q5_K", K, 2 + 2 + K / 2 + K / 8 + 12};
    case GgmlType::Q6_K: return GgmlTypeTraits{"Q6_K", K, 2 + K / 2 + K / 4 + K / 16};
    case GgmlType::Q8_K: return GgmlTypeTraits{"Q8_K", K, 4 + K + K / 8};
    case GgmlType::IQ2_XXS: return GgmlTypeTraits{"IQ2_XXS", K, 2 + K / 4};
    case GgmlType::IQ2_XS: return GgmlTypeTraits{"IQ2_XS", K, 2 + K / 4 + K / 32};
    case GgmlType::IQ3_XXS: return GgmlTypeTraits{"IQ3_XXS", K, 2 + K / 4 + K / 8};
    case GgmlType::IQ1_S: return GgmlTypeTraits{"IQ1_S", K, 2 + K / 8 + K / 16};
    case GgmlType::IQ4_NL: return GgmlTypeTraits{"IQ4_NL", 32, 2 + 16};
    case GgmlType::IQ3_S: return GgmlTypeTraits{"IQ3_S", K, 2 + K / 4 + K / 8 + K / 32 + 4};
    case GgmlType::IQ2_S: return GgmlTypeTraits{"IQ2_S", K, 2 + K / 4 + K / 16};
    case GgmlType::IQ4_XS: return GgmlTypeTraits{"IQ4_XS", K, 2 + 2 + K / 2 + K / 64};
    case GgmlType::I8: return GgmlTypeTraits{"I8", 1, 1};
    case GgmlType::I16: return GgmlTypeTraits{"I16", 1, 2};
    case GgmlType::I32: return GgmlTypeTraits{"I32", 1, 4};
    case GgmlType::I64: return GgmlTypeTraits{"I64", 1, 8};
    case GgmlType::F64: return GgmlTypeTraits{"F64", 1, 8};
    case GgmlType::IQ1_M: return GgmlTypeTraits{"IQ1_M", K, K / 8 + K / 16 + K / 32};
    case GgmlType::BF16: return GgmlTypeTraits{"BF16", 1, 2};
    case GgmlType::TQ1_0: return GgmlTypeTraits{"TQ1_0", K, 2 + 4 * 13};
    case GgmlType::TQ2_0: return GgmlTypeTraits{"TQ2_0", K, 2 + 64};
    case GgmlType::MXFP4: return GgmlTypeTraits{"MXFP4", 32, 1 + 16};
    case GgmlType::NVFP4: return GgmlTypeTraits{"NVFP4", 64, 4 + 32};
    case GgmlType::Q1_0: return GgmlTypeTraits{"Q1_0", 128, 2 + 16};
    }
    return std::nullopt;
}

std::string ggmlTypeName(GgmlType type)
{
    if (const auto traits = ggmlTypeTraits(type)) {
        return std::string(traits->name);
    }
    return "type " + std::to_string(static_cast<std::uint32_t>(type));
}

std::uint64_t GgufTensorInfo::elementCount() const
{
    std::uint64_t count = 1;
    for (const std::uint64_t d : shape) {
        count *= d;  // checked against overflow at open
    }
    return count;
}

// ---- Values ------------------------------------------------------------------------------

bool GgufValue::isInteger() const
{
    switch (m_type) {
    case GgufType::UInt8:
    case GgufType::Int8:
    case GgufType::UInt16:
    case GgufType::Int16:
    case GgufType::UInt32:
    case GgufType::Int32:
    case GgufType::UInt64:
    case GgufType::Int64: return true;
    default: return false;
    }
}

std::string GgufValue::field() const
{
    return (m_key != nullptr ? *m_key : std::string()) + m_indexPath;
}

void GgufValue::wrongType(const char* wanted) const
{
    std::string what = ggufTypeName(m_type);
    if (m_type == GgufType::Array) {
        what = "an ARRAY of " + ggufTypeName(m_elementType);
    }
    throwInvalid(m_file != nullptr ? *m_file : std::string(), field(), std::string("expected ") + wanted + ", found " + what);
}

void GgufValue::requireArray() const
{
    if (m_type != GgufType::Array) {
        wrongType("an ARRAY");
    }
}

std::string_view GgufValue::asString() const
{
    if (m_type != GgufType::String) {
        wrongType("a STRING");
    }
    return {reinterpret_cast<const char*>(m_data + 8), static_cast<std::size_t>(m_bytes - 8)};
}

bool GgufValue::asBool() const
{
    if (m_type != GgufType::Bool) {
        wrongType("a BOOL");
    }
    return load<std::uint8_t>(m_data) != 0;
}

std::int64_t GgufValue::asInt() const
{
    switch (m_type) {
    case GgufType::UInt8: return load<std::uint8_t>(m_data);
    case GgufType::Int8: return load<std::int8_t>(m_data);
    case GgufType::UInt16: return load<std::uint16_t>(m_data);
    case GgufType::Int16: return load<std::int16_t>(m_data);
    case GgufType::UInt32: return load<std::uint32_t>(m_data);
    case GgufType::Int32: return load<std::int32_t>(m_data);
    case GgufType::Int64: return load<std::int64_t>(m_data);
    case GgufType::UInt64: {
        const auto v = load<std::uint64_t>(m_data);
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            throwInvalid(m_file != nullptr ? *m_file : std::string(), field(), "value " + std::to_string(v) + " is out of range");
        }
        return static_cast<std::int64_t>(v);
    }
    default: wrongType("an integer");
    }
}

double GgufValue::asDouble() const
{
    switch (m_type) {
    case GgufType::Float32: return load<float>(m_data);
    case GgufType::Float64: return load<double>(m_data);
    case GgufType::UInt64: return static_cast<double>(load<std::uint64_t>(m_data));
    default:
        if (!isInteger()) {
            wrongType("a number");
        }
        return static_cast<double>(asInt());
    }
}

GgufType GgufValue::elementType() const
{
    requireArray();
    return m_elementType;
}

std::uint64_t GgufValue::size() const
{
    requireArray();
    return m_count;
}

// Parsing (and the bounds checks) happen in GgufParser; this only walks what it validated.
class GgufParser {
public:
    // Encoded length of one value of `type` at `p` (already validated: cannot run past the end).
    static std::uint64_t encodedLength(GgufType type, const std::byte* p)
    {
        if (type == GgufType::String) {
            return 8 + load<std::uint64_t>(p);
        }
        if (type == GgufType::Array) {
            const auto elementType = static_cast<GgufType>(load<std::uint32_t>(p));
            const auto count = load<std::uint64_t>(p + 4);
            std::uint64_t length = 12;
            if (const std::uint64_t fixed = scalarSize(elementType)) {
                return length + fixed * count;
            }
            for (std::uint64_t i = 0; i < count; ++i) {
                length += encodedLength(elementType, p + length);
            }
            return length;
        }
        return scalarSize(type);
    }

    static GgufValue element(const GgufValue& array, std::uint64_t index, const std::byte* p)
    {
        GgufValue v;
        v.m_file = array.m_file;
        v.m_key = array.m_key;
        v.m_indexPath = array.m_indexPath + "[" + std::to_string(index) + "]";
        v.m_type = array.m_elementType;
        v.m_data = p;
        v.m_bytes = encodedLength(v.m_type, p);
        if (v.m_type == GgufType::Array) {
            v.m_elementType = static_cast<GgufType>(load<std::uint32_t>(p));
            v.m_count = load<std::uint64_t>(p + 4);
        }
        return v;
    }

    // ---- validation pass ----

    GgufParser(GgufFile::State& state) : m_s(state), m_end(state.bytes.size()) {}

    void parse();

private:
    [[noreturn]] void fail(const std::string& field, const std::string& reason) const { throwInvalid(m_s.name, field, reason); }

    std::uint64_t remaining() const { return m_end - m_pos; }

    void need(std::uint64_t n, const std::string& field, const char* what) const
    {
        if (n > remaining()) {
            fail(field, std::string("file truncated: ") + what + " needs " + std::to_string(n) + " bytes at offset " +
                            std::to_string(m_pos) + ", only " + std::to_string(remaining()) + " remain");
        }
    }

    template <typename T>
    T read(const std::string& field, const char* what)
    {
        need(sizeof(T), field, what);
        const T v = load<T>(m_s.bytes.data() + m_pos);
        m_pos += sizeof(T);
        return v;
    }

    std::string_view readString(const std::string& field, const char* what)
    {
        const auto length = read<std::uint64_t>(field, what);
        if (length > remaining()) {
            fail(field, std::string(what) + " length " + std::to_string(length) + " runs past the end of the file (" +
                            std::to_string(remaining()) + " bytes remain at offset " + std::to_string(m_pos) + ")");
        }
        std::string_view s(reinterpret_cast<const char*>(m_s.bytes.data() + m_pos), static_cast<std::size_t>(length));
        m_pos += length;
        return s;
    }

    GgufType readType(const std::string& field, const char* what)
    {
        const auto raw = read<std::uint32_t>(field, what);
        if (!knownValueType(raw)) {
            fail(field, std::string("unknown ") + what + " " + std::to_string(raw) + " (GGUF defines 0..12)");
        }
        return static_cast<GgufType>(raw);
    }

    // Validates one value of `type` starting at m_pos and moves past it.
    void skipValue(GgufType type, const std::string& field, int depth)
    {
        if (type == GgufType::String) {
            readString(field, "string");
            return;
        }
        if (type != GgufType::Array) {
            need(scalarSize(type), field, "value");
            m_pos += scalarSize(type);
            return;
        }
        if (depth >= kMaxArrayDepth) {
            fail(field, "arrays nested more than " + std::to_string(kMaxArrayDepth) + " deep");
        }
        const GgufType elementType = readType(field, "array element type");
        const auto count = read<std::uint64_t>(field, "array length");
        // Every element takes at least this many bytes; a count that cannot fit is rejected
        // before walking (and before anyone allocates for it).
        const std::uint64_t minElement = elementType == GgufType::String ? 8 : elementType == GgufType::Array ? 12 : scalarSize(elementType);
        if (count > remaining() / minElement) {
            fail(field, "array of " + std::to_string(count) + " " + ggufTypeName(elementType) + " elements needs at least " +
                            std::to_string(minElement) + " bytes each, but only " + std::to_string(remaining()) + " bytes remain");
        }
        if (elementType != GgufType::String && elementType != GgufType::Array) {
            m_pos += count * minElement;
            return;
        }
        for (std::uint64_t i = 0; i < count; ++i) {
            skipValue(elementType, elementType == GgufType::Array ? field + "[" + std::to_string(i) + "]" : field, depth + 1);
        }
    }

    GgufFile::State& m_s;
    std::uint64_t m_pos = 0;
    std::uint64_t m_end = 0;
};

void GgufParser::parse()
{
    const std::byte* base = m_s.bytes.data();
    if (m_end < 4) {
        fail({}, "file truncated: " + std::to_string(m_end) + " bytes is too short for a GGUF header");
    }
    if (std::memcmp(base, "GGUF", 4) != 0) {
        std::string seen;
        for (int i = 0; i < 4; ++i) {
            const auto c = static_cast<unsigned char>(base[i]);
            seen += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
        }
        const bool legacy = std::memcmp(base, "lmgg", 4) == 0 || std::memcmp(base, "fmgg", 4) == 0 || std::memcmp(base, "tjgg", 4) == 0;
        fail("magic", "not a GGUF file (starts with \"" + seen + "\", expected \"GGUF\")" +
                          (legacy ? std::string("; this is a pre-GGUF ggml file, convert it with llama.cpp first") : std::string()));
    }
    m_pos = 4;
    const auto version = read<std::uint32_t>("version", "the version");
    if ((version & 0xFFFFu) == 0 && version != 0) {
        throw Error(ErrorKind::Unsupported, m_s.name, "version",
                    "big-endian GGUF (version " + std::to_string(__builtin_bswap32(version)) + ") is not supported");
    }
    if (version == 1) {
        throw Error(ErrorKind::Unsupported, m_s.name, "version", "GGUF v1 (32-bit counts) is not supported; only v2 and v3");
    }
    if (version != 2 && version != 3) {
        throw Error(ErrorKind::Unsupported, m_s.name, "version", "unknown GGUF version " + std::to_string(version) + "; only v2 and v3 are supported");
    }
    m_s.version = version;
    const auto tensorCount = read<std::uint64_t>("tensor_count", "the tensor count");
    const auto kvCount = read<std::uint64_t>("metadata_kv_count", "the metadata count");
    // Minimum encoded sizes: a key/value is a key length, a type and a 1-byte value; a tensor
    // info is a name length, a dimension count, a type and an offset.
    if (kvCount > remaining() / 13) {
        fail("metadata_kv_count", std::to_string(kvCount) + " key/value pairs cannot fit in the " + std::to_string(remaining()) + " bytes that remain");
    }
    m_s.metadata.reserve(static_cast<std::size_t>(kvCount));
    for (std::uint64_t i = 0; i < kvCount; ++i) {
        const std::string where = "metadata entry " + std::to_string(i);
        const std::string_view key = readString(where, "key");
        const std::string field(key);
        const GgufType type = readType(field, "value type");
        GgufValue value;
        value.m_type = type;
        value.m_data = base + m_pos;
        const std::uint64_t start = m_pos;
        if (type == GgufType::Array) {
            // Peek at the header (skipValue validates it) to fill in the view.
            skipValue(type, field, 0);
            value.m_elementType = static_cast<GgufType>(load<std::uint32_t>(base + start));
            value.m_count = load<std::uint64_t>(base + start + 4);
        } else {
            skipValue(type, field, 0);
        }
        value.m_bytes = m_pos - start;
        if (m_s.keyIndex.count(key) != 0) {
            fail(field, "duplicate metadata key");
        }
        m_s.keyIndex.emplace(key, m_s.metadata.size());  // views into the mapping: stable
        m_s.metadata.push_back({field, std::move(value)});
    }

    if (const auto it = m_s.keyIndex.find("general.alignment"); it != m_s.keyIndex.end()) {
        const GgufValue& v = m_s.metadata[it->second].value;
        if (v.m_type != GgufType::UInt32) {
            fail("general.alignment", "must be a UINT32, found " + ggufTypeName(v.m_type));
        }
        const auto alignment = load<std::uint32_t>(v.m_data);
        if (alignment == 0 || !std::has_single_bit(alignment)) {
            fail("general.alignment", std::to_string(alignment) + " is not a power of two");
        }
        m_s.alignment = alignment;
    } else {
        m_s.alignment = kDefaultAlignment;
    }

    if (tensorCount > remaining() / 24) {
        fail("tensor_count", std::to_string(tensorCount) + " tensor infos cannot fit in the " + std::to_string(remaining()) + " bytes that remain");
    }
    m_s.tensors.reserve(static_cast<std::size_t>(tensorCount));
    for (std::uint64_t i = 0; i < tensorCount; ++i) {
        GgufTensorInfo info;
        info.name = std::string(readString("tensor info " + std::to_string(i), "tensor name"));
        const std::string field = "tensor " + inQuotes(info.name);
        const auto dims = read<std::uint32_t>(field, "the dimension count");
        if (dims > kMaxDims) {
            fail(field, std::to_string(dims) + " dimensions (ggml tensors have at most " + std::to_string(kMaxDims) + ")");
        }
        std::uint64_t elements = 1;
        bool overflow = false;
        for (std::uint32_t d = 0; d < dims; ++d) {
            const auto n = read<std::uint64_t>(field, "a dimension");
            if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                fail(field, "dimension " + std::to_string(d) + " is " + std::to_string(n) + ", out of range");
            }
            if (n != 0 && elements > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) / n) {
                overflow = true;
            }
            elements *= n;
            info.shape.push_back(n);
        }
        if (overflow) {
            fail(field, "shape has more than 2^63 elements");
        }
        const auto rawType = read<std::uint32_t>(field, "the ggml type");
        info.type = static_cast<GgmlType>(rawType);
        info.offset = read<std::uint64_t>(field, "the data offset");
        const auto traits = ggmlTypeTraits(info.type);
        if (!traits) {
            throw Error(ErrorKind::Unsupported, m_s.name, field, "unknown ggml type " + std::to_string(rawType));
        }
        const std::uint64_t ne0 = info.shape.empty() ? 1 : info.shape[0];
        if (ne0 % traits->blockElements != 0) {
            fail(field, "first dimension " + std::to_string(ne0) + " is not a multiple of the " + std::string(traits->name) +
                            " block size " + std::to_string(traits->blockElements));
        }
        const std::uint64_t blocks = elements / traits->blockElements;
        if (blocks > std::numeric_limits<std::uint64_t>::max() / traits->blockBytes) {
            fail(field, "byte size overflows 64 bits");
        }
        info.bytes = blocks * traits->blockBytes;
        if (info.offset % m_s.alignment != 0) {
            fail(field, "data offset " + std::to_string(info.offset) + " is not a multiple of the alignment " + std::to_string(m_s.alignment));
        }
        if (m_s.tensorIndex.count(info.name) != 0) {
            fail(field, "duplicate tensor name");
        }
        m_s.tensors.push_back(std::move(info));
        // reserve() above: names do not move again, so the index can view them.
        m_s.tensorIndex.emplace(m_s.tensors.back().name, m_s.tensors.size() - 1);
    }

    const std::uint64_t headerEnd = m_pos;
    m_s.dataOffset = headerEnd + (m_s.alignment - headerEnd % m_s.alignment) % m_s.alignment;
    for (GgufTensorInfo& t : m_s.tensors) {
        const std::string field = "tensor " + inQuotes(t.name);
        const std::uint64_t fileSize = m_end;
        if (m_s.dataOffset > fileSize || t.offset > fileSize - m_s.dataOffset || t.bytes > fileSize - m_s.dataOffset - t.offset) {
            fail(field, "data [" + std::to_string(t.offset) + ", " + std::to_string(t.offset) + " + " + std::to_string(t.bytes) +
                            ") of the data section at " + std::to_string(m_s.dataOffset) + " runs past the end of the file (" +
                            std::to_string(fileSize) + " bytes)");
        }
        t.fileOffset = m_s.dataOffset + t.offset;
    }
    // Entries are final now: point every value at its (heap-stable) key and the file name.
    for (GgufFile::Entry& entry : m_s.metadata) {
        entry.value.m_key = &entry.key;
        entry.value.m_file = &m_s.name;
    }
}

GgufValue GgufValue::at(std::uint64_t index) const
{
    requireArray();
    if (index >= m_count) {
        throwInvalid(m_file != nullptr ? *m_file : std::string(), field(),
                     "index " + std::to_string(index) + " is outside the array of " + std::to_string(m_count));
    }
    const std::byte* p = m_data + 12;
    if (const std::uint64_t fixed = scalarSize(m_elementType)) {
        return GgufParser::element(*this, index, p + index * fixed);
    }
    for (std::uint64_t i = 0; i < index; ++i) {
        p += GgufParser::encodedLength(m_elementType, p);
    }
    return GgufParser::element(*this, index, p);
}

std::vector<std::string_view> GgufValue::strings() const
{
    requireArray();
    if (m_elementType != GgufType::String) {
        wrongType("an ARRAY of STRING");
    }
    std::vector<std::string_view> out;
    out.reserve(static_cast<std::size_t>(m_count));
    const std::byte* p = m_data + 12;
    for (std::uint64_t i = 0; i < m_count; ++i) {
        const auto length = load<std::uint64_t>(p);
        out.emplace_back(reinterpret_cast<const char*>(p + 8), static_cast<std::size_t>(length));
        p += 8 + length;
    }
    return out;
}

std::span<const std::byte> GgufValue::elementBytes() const
{
    requireArray();
    const std::uint64_t fixed = scalarSize(m_elementType);
    if (fixed == 0) {
        wrongType("an ARRAY of fixed-size elements");
    }
    return {m_data + 12, static_cast<std::size_t>(fixed * m_count)};
}

std::vector<std::int64_t> GgufValue::integers() const
{
    requireArray();
    std::vector<std::int64_t> out;
    GgufValue probe;
    probe.m_type = m_elementType;
    if (!probe.isInteger()) {
        wrongType("an ARRAY of integers");
    }
    out.reserve(static_cast<std::size_t>(m_count));
    const std::uint64_t fixed = scalarSize(m_elementType);
    for (std::uint64_t i = 0; i < m_count; ++i) {
        GgufValue v;
        v.m_file = m_file;
        v.m_key = m_key;
        v.m_type = m_elementType;
        v.m_data = m_data + 12 + i * fixed;
        out.push_back(v.asInt());
    }
    return out;
}

std::vector<double> GgufValue::doubles() const
{
    requireArray();
    GgufValue probe;
    probe.m_type = m_elementType;
    if (!probe.isInteger() && !probe.isFloat()) {
        wrongType("an ARRAY of numbers");
    }
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(m_count));
    const std::uint64_t fixed = scalarSize(m_elementType);
    for (std::uint64_t i = 0; i < m_count; ++i) {
        GgufValue v;
        v.m_file = m_file;
        v.m_key = m_key;
        v.m_type = m_elementType;
        v.m_data = m_data + 12 + i * fixed;
        out.push_back(v.asDouble());
    }
    return out;
}

// ---- File --------------------------------------------------------------------------------

GgufFile::GgufFile(std::unique_ptr<State> state) : m_state(std::move(state)) {}
GgufFile::GgufFile(GgufFile&&) noexcept = default;
GgufFile& GgufFile::operator=(GgufFile&&) noexcept = default;
GgufFile::~GgufFile() = default;

GgufFile GgufFile::open(const std::filesystem::path& path)
{
    auto state = std::make_unique<State>();
    state->map = MappedFile::open(path);
    state->bytes = state->map.bytes();
    state->name = path.filename().string();
    GgufParser(*state).parse();
    return GgufFile(std::move(state));
}

GgufFile GgufFile::fromBytes(std::span<const std::byte> bytes, std::string name)
{
    auto state = std::make_unique<State>();
    state->bytes = bytes;
    state->name = std::move(name);
    GgufParser(*state).parse();
    return GgufFile(std::move(state));
}

std::uint32_t GgufFile::version() const { return m_state->version; }
const std::string& GgufFile::name() const { return m_state->name; }
const std::filesystem::path& GgufFile::path() const { return m_state->map.path(); }
std::uint64_t GgufFile::fileSize() const { return m_state->bytes.size(); }
std::uint32_t GgufFile::alignment() const { return m_state->alignment; }
std::uint64_t GgufFile::dataOffset() const { return m_state->dataOffset; }
const std::vector<GgufFile::Entry>& GgufFile::metadata() const { return m_state->metadata; }
const std::vector<GgufTensorInfo>& GgufFile::tensors() const { return m_state->tensors; }

const GgufValue* GgufFile::find(std::string_view key) const
{
    const auto it = m_state->keyIndex.find(key);
    return it == m_state->keyIndex.end() ? nullptr : &m_state->metadata[it->second].value;
}

const GgufValue& GgufFile::at(std::string_view key) const
{
    if (const GgufValue* v = find(key)) {
        return *v;
    }
    throwInvalid(m_state->name, std::string(key), "missing metadata key");
}

const GgufTensorInfo* GgufFile::findTensor(std::string_view name) const
{
    const auto it = m_state->tensorIndex.find(name);
    return it == m_state->tensorIndex.end() ? nullptr : &m_state->tensors[it->second];
}

std::span<const std::byte> GgufFile::tensorBytes(const GgufTensorInfo& tensor) const
{
    return m_state->bytes.subspan(static_cast<std::size_t>(tensor.fileOffset), static_cast<std::size_t>(tensor.bytes));
}

}  // namespace lathe
