// Added-token splitting as tokenizers' AddedVocabulary does it: a leftmost-longest scan (the
// reference uses Aho-Corasick in that mode; a byte trie walked from each start position gives
// the same matches), then the single_word / lstrip / rstrip rules on each match.
#include "tokenizer/added_tokens.h"

#include "tokenizer/unicode_text.h"

#include <utf8proc.h>

#include <algorithm>

namespace lathe::tok {

namespace {

// Decodes the code point starting at `i` (input is valid UTF-8).
char32_t decodeAt(std::string_view s, size_t i, size_t* length)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        *length = 1;
        return b0;
    }
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                    static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    *length = n > 0 ? static_cast<size_t>(n) : 1;
    return n > 0 ? static_cast<char32_t>(cp) : 0xFFFD;
}

// The code point that ends at `end` (exclusive).
char32_t decodeBefore(std::string_view s, size_t end)
{
    size_t begin = end - 1;
    while (begin > 0 && (static_cast<unsigned char>(s[begin]) & 0xC0) == 0x80) --begin;
    size_t length = 0;
    return decodeAt(s, begin, &length);
}

}  // namespace

bool isRegexWordChar(char32_t c)
{
    // Rust regex \w: Alphabetic, Mark, Decimal_Number, Connector_Punctuation, Join_Control.
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (c == 0x200C || c == 0x200D) return true;
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_PC:
        return true;
    case UTF8PROC_CATEGORY_SO:
        // Other_Alphabetic symbols: circled and squared Latin letters.
        return (c >= 0x24B6 && c <= 0x24E9) || (c >= 0x1F130 && c <= 0x1F149) ||
               (c >= 0x1F150 && c <= 0x1F169) || (c >= 0x1F170 && c <= 0x1F189);
    default:
        return false;
    }
}

AddedTokenMatcher::AddedTokenMatcher(const std::vector<Pattern>& patterns)
{
    for (const Pattern& pattern : patterns) {
        if (pattern.content.empty()) continue;  // the reference ignores empty tokens
        int32_t node = 0;
        for (const char c : pattern.content) {
            const auto byte = static_cast<unsigned char>(c);
            int32_t next = child(node, byte);
            if (next < 0) {
                next = static_cast<int32_t>(m_nodes.size());
                m_nodes.emplace_back();
                auto& children = m_nodes[node].children;
                children.insert(std::lower_bound(children.begin(), children.end(), std::make_pair(byte, int32_t(-1))),
                                {byte, next});
            }
            node = next;
        }
        // Two tokens with the same content: the first one given wins, as in the reference's
        // pattern list.
        if (m_nodes[node].pattern < 0) {
            m_nodes[node].pattern = static_cast<int32_t>(m_patterns.size());
            m_patterns.push_back(pattern);
        }
        m_firstByte[static_cast<unsigned char>(pattern.content[0])] = true;
    }
}

int32_t AddedTokenMatcher::child(int32_t node, unsigned char byte) const
{
    const auto& children = m_nodes[node].children;
    const auto it = std::lower_bound(children.begin(), children.end(), std::make_pair(byte, int32_t(-1)));
    return it != children.end() && it->first == byte ? it->second : -1;
}

void AddedTokenMatcher::split(std::string_view text, std::vector<Split>& out) const
{
    if (text.empty()) return;
    if (empty()) {
        out.push_back(Split{0, text.size(), -1});
        return;
    }
    size_t pieceStart = 0;  // the reference's start_offset: end of the previous accepted match
    size_t pos = 0;
    while (pos < text.size()) {
        if (!m_firstByte[static_cast<unsigned char>(text[pos])]) {
            ++pos;
            continue;
        }
        // Longest match starting at pos.
        int32_t node = 0;
        int32_t found = -1;
        size_t foundEnd = 0;
        for (size_t i = pos; i < text.size(); ++i) {
            node = child(node, static_cast<unsigned char>(text[i]));
            if (node < 0) break;
            if (m_nodes[node].pattern >= 0) {
                found = m_nodes[node].pattern;
                foundEnd = i + 1;
            }
        }
        if (found < 0) {
            ++pos;
            continue;
        }
        const Pattern& pattern = m_patterns[found];
        size_t start = pos;
        size_t stop = foundEnd;
        pos = foundEnd;  // the scan goes on after this match, kept or not
        if (pattern.singleWord) {
            const bool startSpace = start == 0 || !isRegexWordChar(decodeBefore(text, start));
            size_t length = 0;
            const bool stopSpace = stop == text.size() || !isRegexWordChar(decodeAt(text, stop, &length));
            if (!startSpace || !stopSpace) continue;
        }
        if (pattern.lstrip) {
            size_t newStart = start;
            while (newStart > 0) {
                size_t b = newStart - 1;
                while (b > 0 && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) --b;
                size_t length = 0;
                if (!isWhiteSpace(decodeAt(text, b, &length))) break;
                newStart = b;
            }
            start = std::max(newStart, pieceStart);
        }
        if (pattern.rstrip) {
            while (stop < text.size()) {
                size_t length = 0;
                if (!isWhiteSpace(decodeAt(text, stop, &length))) break;
                stop += length;
            }
        }
        if (pieceStart < start) out.push_back(Split{pieceStart, start, -1});
        out.push_back(Split{start, stop, pattern.id});
        pieceStart = stop;
    }
    if (pieceStart < text.size()) out.push_back(Split{pieceStart, text.size(), -1});
}

}  // namespace lathe::tok
