// A GGUF file (v2 and v3, little-endian), memory-mapped and validated once at open: the
// metadata key/values as zero-copy views into the mapping (a 150k-entry token list costs no
// copy), the tensor infos with their ggml types, absolute offsets and byte sizes checked
// against the file. Serves both the tokenizer (tokenizer.ggml.*) and the model loader.
#pragma once

#include "core/mapped_file.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lathe {

// The value types of GGUF metadata (gguf.GGUFValueType).
enum class GgufType : std::uint32_t {
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
};
// "UINT8", "STRING", ... as the gguf package names them; "type 99" for an unknown one.
std::string ggufTypeName(GgufType type);

// The tensor types of ggml (gguf.GGMLQuantizationType, gguf 0.19.0). Values are the file's.
enum class GgmlType : std::uint32_t {
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q8_1 = 9,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    Q8_K = 15,
    IQ2_XXS = 16,
    IQ2_XS = 17,
    IQ3_XXS = 18,
    IQ1_S = 19,
    IQ4_NL = 20,
    IQ3_S = 21,
    IQ2_S = 22,
    IQ4_XS = 23,
    I8 = 24,
    I16 = 25,
    I32 = 26,
    I64 = 27,
    F64 = 28,
    IQ1_M = 29,
    BF16 = 30,
    TQ1_0 = 34,
    TQ2_0 = 35,
    MXFP4 = 39,
    NVFP4 = 40,
    Q1_0 = 41,
};

// Block layout of a ggml type: `blockElements` elements are stored in `blockBytes` bytes
// (gguf.GGML_QUANT_SIZES). Unquantized types have blocks of one element.
struct GgmlTypeTraits {
    std::string_view name;  // "Q4_K", "F16", ...
    std::uint32_t blockElements = 0;
    std::uint32_t blockBytes = 0;
};
// nullopt for a type number this table does not know.
std::optional<GgmlTypeTraits> ggmlTypeTraits(GgmlType type);
std::string ggmlTypeName(GgmlType type);  // "type 5" for an unknown one

class GgufParser;

// A metadata value: a view into the file's mapping, valid as long as the GgufFile. Every
// view was bounds-checked when the file was opened, so reading never goes past the mapping;
// asking for the wrong type throws lathe::Error (InvalidInput) naming the key.
class GgufValue {
public:
    GgufType type() const { return m_type; }
    bool isArray() const { return m_type == GgufType::Array; }
    bool isString() const { return m_type == GgufType::String; }
    bool isInteger() const;  // any of the (u)int types
    bool isFloat() const { return m_type == GgufType::Float32 || m_type == GgufType::Float64; }

    std::string_view asString() const;
    bool asBool() const;
    // Any integer type; throws when the value does not fit (a UINT64 above INT64_MAX).
    std::int64_t asInt() const;
    // Any integer or float type.
    double asDouble() const;

    // Arrays: element type, element count, random access. at() is O(1) for fixed-size
    // elements and walks the array for strings and nested arrays.
    GgufType elementType() const;
    std::uint64_t size() const;
    GgufValue at(std::uint64_t index) const;
    // The elements of an array of strings, as views into the mapping (no string copies).
    std::vector<std::string_view> strings() const;
    std::vector<std::int64_t> integers() const;  // array of any integer type
    std::vector<double> doubles() const;         // array of any integer or float type
    // The raw little-endian element bytes of an array of fixed-size elements.
    std::span<const std::byte> elementBytes() const;

    // Where this value sits (for error messages): the key, with "[i]" for array elements.
    const std::string& key() const { return *m_key; }
    std::string field() const;

private:
    friend class GgufParser;
    [[noreturn]] void wrongType(const char* wanted) const;
    void requireArray() const;

    const std::string* m_file = nullptr;  // the file name, for errors
    const std::string* m_key = nullptr;
    std::string m_indexPath;  // "[3][1]" for nested elements
    GgufType m_type = GgufType::UInt8;
    const std::byte* m_data = nullptr;  // the payload (after the type tag)
    std::uint64_t m_bytes = 0;          // encoded length of the payload
    // arrays
    GgufType m_elementType = GgufType::UInt8;
    std::uint64_t m_count = 0;
};

struct GgufTensorInfo {
    std::string name;
    std::vector<std::uint64_t> shape;  // GGUF order: ne[0] (fastest varying) first
    GgmlType type = GgmlType::F32;
    std::uint64_t offset = 0;          // as written: relative to the data section
    std::uint64_t fileOffset = 0;      // absolute offset in the file
    std::uint64_t bytes = 0;
    std::uint64_t elementCount() const;
};

class GgufFile {
public:
    // Maps and validates the whole header. Throws lathe::Error: Io when the file cannot be
    // read, InvalidInput naming the key or tensor for anything malformed, Unsupported for a
    // big-endian file or an unknown version.
    static GgufFile open(const std::filesystem::path& path);
    // Parses bytes held elsewhere (tests, fuzzing); `bytes` must outlive the GgufFile.
    // `name` is used in error messages.
    static GgufFile fromBytes(std::span<const std::byte> bytes, std::string name);

    GgufFile(GgufFile&&) noexcept;
    GgufFile& operator=(GgufFile&&) noexcept;
    ~GgufFile();

    std::uint32_t version() const;
    // The name used in errors (the file name).
    const std::string& name() const;
    // Empty for fromBytes().
    const std::filesystem::path& path() const;
    std::uint64_t fileSize() const;
    std::uint32_t alignment() const;
    // Absolute offset of the tensor data section (the end of the header padded to the
    // alignment; may lie at or past the end of a file without tensors).
    std::uint64_t dataOffset() const;

    struct Entry {
        std::string key;
        GgufValue value;
    };
    // Metadata in file order.
    const std::vector<Entry>& metadata() const;
    const GgufValue* find(std::string_view key) const;
    // Throws InvalidInput naming the key when it is missing.
    const GgufValue& at(std::string_view key) const;

    const std::vector<GgufTensorInfo>& tensors() const;
    const GgufTensorInfo* findTensor(std::string_view name) const;
    std::span<const std::byte> tensorBytes(const GgufTensorInfo& tensor) const;

    struct State;

private:
    explicit GgufFile(std::unique_ptr<State> state);
    // On the heap so that values (which point at their key and the file name) survive moves.
    std::unique_ptr<State> m_state;
};

}  // namespace lathe
