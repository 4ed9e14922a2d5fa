// UTF-8 and Unicode helpers shared by the tokenizer stages, and a PCRE2 regex that behaves
// like the Oniguruma regexes of the `tokenizers` library (pattern translation, find_iter's
// handling of empty matches). Unicode data that differs between the libraries we link and
// the reference (utf8proc 2.8 / PCRE2 10.42 against tokenizers 0.23.3) is patched here.
#pragma once

#include "tokenizer/components.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

typedef struct pcre2_real_code_8 pcre2_code_8;

namespace lathe::tok {

// Length of the UTF-8 sequence a lead byte starts (1 for continuation bytes, so that
// loops over valid text never stall).
inline size_t utf8SeqLength(unsigned char lead)
{
    if (lead < 0xC0) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

// Decodes the code point at `pos` of valid UTF-8 and advances `pos` past it.
inline char32_t decodeUtf8(std::string_view s, size_t& pos)
{
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    const size_t n = utf8SeqLength(b0);
    char32_t cp = b0 & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (size_t i = 1; i < n; ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[pos + i]) & 0x3F);
    pos += n;
    return cp;
}

void appendUtf8(std::string& out, char32_t cp);

bool isAscii(std::string_view s);
// Exactly Rust's str::from_utf8 acceptance (no surrogates, no overlongs, <= U+10FFFF).
bool isValidUtf8(std::string_view s);
// Rust's String::from_utf8_lossy (declared in components.h as utf8Lossy).
void appendUtf8Lossy(std::string& out, std::string_view bytes);

// Rust's char::is_whitespace (the Unicode White_Space property).
bool isWhiteSpace(char32_t cp);

// Unicode data as the reference sees it (see unicode_text.cpp for where it differs from
// utf8proc and why).
enum class NormForm { Nfc, Nfd, Nfkc, Nfkd };
// Normalizes valid UTF-8 `in`, appending to `out`.
void normalizeUnicode(std::string_view in, NormForm form, std::string& out);
// Rust's char::to_lowercase (full mapping, no context), appended as UTF-8.
void appendLowercase(std::string& out, char32_t cp);
// What tokenizers' StripAccents removes (unicode-normalization's is_combining_mark).
bool isReferenceCombiningMark(char32_t cp);
// utf8proc general category helpers used by the char-based pre-tokenizers and BertNormalizer.
bool isRustAlphanumeric(char32_t cp);
bool isRustNumeric(char32_t cp);        // char::is_numeric (Digits)
bool isUnicodePunctuation(char32_t cp);  // tokenizers' is_punc: ASCII punctuation or any P*
int generalCategory(char32_t cp);        // utf8proc_category()

// A compiled regex in the reference's Oniguruma dialect, run with PCRE2 (UTF, UCP, JIT).
// Immutable after construction; match() may be called from many threads at once.
class Regex {
public:
    // `pattern` in Oniguruma syntax as tokenizer.json stores it. Throws std::invalid_argument
    // for a pattern that does not compile, and lathe::Error(Unsupported) for a construct whose
    // Oniguruma meaning cannot be reproduced exactly (the caller adds the file and field).
    static Regex fromOniguruma(std::string_view pattern);
    // A literal string (tokenizers escapes it and compiles it as a regex).
    static Regex literal(std::string_view text);

    Regex(Regex&& other) noexcept;
    Regex& operator=(Regex&& other) noexcept;
    Regex(const Regex&) = delete;
    Regex& operator=(const Regex&) = delete;
    ~Regex();

    // Calls fn(start, end) for every match, in order, with the empty-match rule of the onig
    // crate's find_iter: an empty match right where the previous match ended is skipped.
    template <typename Fn>
    void forEachMatch(std::string_view text, Fn&& fn) const
    {
        if (text.empty()) return;  // find_matches of "" is one non-match, even for x*
        if (m_literalOnly) {
            forEachLiteral(text, fn);
            return;
        }
        size_t lastEnd = 0;
        size_t lastMatchEnd = SIZE_MAX;
        while (lastEnd <= text.size()) {
            size_t s, e;
            if (!find(text, lastEnd, s, e)) return;
            if (s == e && lastMatchEnd == e) {
                lastEnd += lastEnd < text.size() ? utf8SeqLength(static_cast<unsigned char>(text[lastEnd])) : 1;
                continue;
            }
            lastEnd = e;
            lastMatchEnd = e;
            fn(s, e);
        }
    }

    const std::string& translatedPattern() const { return m_translated; }

private:
    Regex() = default;
    bool find(std::string_view text, size_t start, size_t& s, size_t& e) const;
    template <typename Fn>
    void forEachLiteral(std::string_view text, Fn& fn) const
    {
        // Non-overlapping leftmost occurrences, as the escaped regex finds them.
        size_t pos = 0;
        while (pos < text.size()) {
            const size_t hit = text.find(m_literal, pos);
            if (hit == std::string_view::npos) return;
            fn(hit, hit + m_literal.size());
            pos = hit + m_literal.size();
        }
    }

    pcre2_code_8* m_code = nullptr;
    bool m_literalOnly = false;
    std::string m_literal;
    std::string m_translated;
};

// The Oniguruma -> PCRE2 translation (exposed for tests and error messages).
std::string translateOnigurumaPattern(std::string_view pattern);

// Typed access to the fields of tokenizer.json component objects, for the component
// factories. Errors name the field and what is wrong, as serde's do ("missing field `x`").
namespace detail {
const nlohmann::json& requireField(const nlohmann::json& spec, const char* key, const Origin& origin);
bool boolField(const nlohmann::json& spec, const char* key, const Origin& origin);
std::string stringField(const nlohmann::json& spec, const char* key, const Origin& origin);
size_t sizeField(const nlohmann::json& spec, const char* key, const Origin& origin);
// A Rust `char`: a string of exactly one code point.
std::string charField(const nlohmann::json& spec, const char* key, const Origin& origin);
const nlohmann::json& arrayField(const nlohmann::json& spec, const char* key, const Origin& origin);
// The "type" of a component object; `what` is "normalizer", "pre-tokenizer" or "decoder".
std::string componentType(const nlohmann::json& spec, const Origin& origin, const char* what);
[[noreturn]] void unsupportedType(const Origin& origin, const char* what, const std::string& type,
                                  const std::string& why = {});
// {"String": s} or {"Regex": r}, as Split and Replace store their pattern, compiled.
Regex patternField(const nlohmann::json& spec, const Origin& origin);
}  // namespace detail

}  // namespace lathe::tok
