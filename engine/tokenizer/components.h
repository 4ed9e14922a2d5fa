// The pipeline stages of a Hugging Face tokenizer.json, as the engine runs them:
// normalizer -> pre-tokenizer -> model (bpe.h) -> post-processor, and the decoder chain back.
// Each stage is built from its JSON object by a factory that refuses, with a message naming
// the component, any type or option it cannot run exactly (never a silent approximation).
// Stages are immutable after construction and safe to use from many threads at once.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::tok {

// Where a component came from, for error messages: the file and the JSON path of the
// component ("pre_tokenizer.pretokenizers[1]").
struct Origin {
    std::string file;
    std::string field;
    Origin child(const std::string& key) const { return {file, field.empty() ? key : field + "." + key}; }
    Origin at(size_t index) const { return {file, field + "[" + std::to_string(index) + "]"}; }
};

// ---- Normalizers ------------------------------------------------------------------------

class Normalizer {
public:
    virtual ~Normalizer() = default;
    // Rewrites one piece of text (a span between added tokens) in place. Input and output
    // are UTF-8.
    virtual void normalize(std::string& text) const = 0;
};

// `spec` is the "normalizer" object of tokenizer.json; null gives nullptr (no normalizer).
std::unique_ptr<Normalizer> makeNormalizer(const nlohmann::json& spec, const Origin& origin);

// ---- Pre-tokenizers ---------------------------------------------------------------------

// The words a pre-tokenizer produces, packed into one buffer (no allocation per word).
class Words {
public:
    void clear() { m_bytes.clear(); m_ends.clear(); }
    // Appends a word; empty words are dropped, as tokenizers drops empty splits.
    void add(std::string_view word)
    {
        if (word.empty()) return;
        m_bytes.append(word);
        m_ends.push_back(static_cast<uint32_t>(m_bytes.size()));
    }
    size_t size() const { return m_ends.size(); }
    bool empty() const { return m_ends.empty(); }
    std::string_view operator[](size_t i) const
    {
        const uint32_t begin = i == 0 ? 0 : m_ends[i - 1];
        return std::string_view(m_bytes).substr(begin, m_ends[i] - begin);
    }

private:
    std::string m_bytes;
    std::vector<uint32_t> m_ends;
};

class PreTokenizer {
public:
    virtual ~PreTokenizer() = default;
    // Splits one normalized piece into words appended to `out` (which it does not clear).
    // `atTextStart` is true when the piece begins at offset 0 of the original text (what
    // Metaspace's prepend_scheme "first" asks about).
    virtual void split(std::string_view piece, bool atTextStart, Words& out) const = 0;
};

// `spec` is the "pre_tokenizer" object; null gives nullptr. With `byteLevelRaw`, a ByteLevel
// pre-tokenizer that is the last stage leaves words as raw bytes instead of mapping them to
// the GPT-2 printable alphabet: the BPE model then works on bytes (see bpe.h), which is the
// same tokenization without the mapping cost. The factory reports whether it did so.
std::unique_ptr<PreTokenizer> makePreTokenizer(const nlohmann::json& spec, const Origin& origin,
                                               bool allowByteLevelRaw, bool* usedByteLevelRaw);

// The GPT-2 byte <-> code point table of ByteLevel (bytes 0x21..0x7E, 0xA1..0xAC, 0xAE..0xFF
// map to themselves, the other 68 to U+0100 + n in order).
char32_t byteToUnicode(uint8_t byte);
// Inverse; returns -1 for a code point outside the table.
int unicodeToByte(char32_t codepoint);
// Maps every byte of `bytes` to its code point, as UTF-8.
std::string byteLevelEncode(std::string_view bytes);
// Maps the code points of `text` back to bytes; false when one is outside the table.
bool byteLevelDecode(std::string_view text, std::string& bytes);

// Rust's String::from_utf8_lossy: each maximal invalid subsequence becomes one U+FFFD.
std::string utf8Lossy(std::string_view bytes);

// ---- Decoders ---------------------------------------------------------------------------

class Decoder {
public:
    virtual ~Decoder() = default;
    // tokenizers' decode_chain: rewrites the list of token strings; the decoded text is the
    // concatenation of the result. As in the reference (Rust strings), every string in and
    // out is valid UTF-8: a stage that produces bytes (ByteLevel, ByteFallback) repairs
    // invalid sequences itself, exactly where and how the reference does (utf8Lossy).
    virtual void decodeChain(std::vector<std::string>& tokens) const = 0;
};

// `spec` is the "decoder" object; null gives nullptr.
std::unique_ptr<Decoder> makeDecoder(const nlohmann::json& spec, const Origin& origin);

}  // namespace lathe::tok
