// Python str semantics over UTF-8. Case mapping and character classes come from utf8proc,
// which uses simple (one-to-one) case mappings; the one full mapping templates may meet,
// 'ß'.upper() == 'SS', is special-cased.
#include "chat/template_text.h"

#include <utf8proc.h>

#include <algorithm>

namespace lathe::chat::text {

char32_t decode(std::string_view s, size_t& pos)
{
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos),
                                                 static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
    if (n <= 0) {
        ++pos;
        return 0xDC00 + b0;  // Python's surrogateescape: one invalid byte, one code point
    }
    pos += static_cast<size_t>(n);
    return static_cast<char32_t>(cp);
}

void encode(std::string& out, char32_t cp)
{
    if (cp >= 0xDC80 && cp <= 0xDCFF) {  // a surrogate-escaped byte goes back as itself
        out += static_cast<char>(cp - 0xDC00);
        return;
    }
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool isAscii(std::string_view s)
{
    for (const char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

size_t length(std::string_view s)
{
    size_t n = 0;
    for (size_t pos = 0; pos < s.size(); ++n) decode(s, pos);
    return n;
}

std::vector<size_t> offsets(std::string_view s)
{
    std::vector<size_t> result;
    result.reserve(s.size() + 1);
    for (size_t pos = 0; pos < s.size();) {
        result.push_back(pos);
        decode(s, pos);
    }
    result.push_back(s.size());
    return result;
}

namespace {

utf8proc_category_t category(char32_t cp)
{
    if (cp > 0x10FFFF) return UTF8PROC_CATEGORY_CN;
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp));
}

template <typename F>
std::string mapChars(std::string_view s, F f)
{
    std::string out;
    out.reserve(s.size());
    for (size_t pos = 0; pos < s.size();) f(out, decode(s, pos));
    return out;
}

void appendUpper(std::string& out, char32_t cp)
{
    if (cp == 0xDF) {
        out += "SS";
        return;
    }
    encode(out, toUpper(cp));
}

}  // namespace

bool isSpace(char32_t cp)
{
    if (cp < 0x80) return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool isPrintable(char32_t cp)
{
    if (cp == ' ') return true;
    if (cp >= 0xDC80 && cp <= 0xDCFF) return false;
    switch (category(cp)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_ZS:
        return false;
    default:
        return true;
    }
}

bool isAlpha(char32_t cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    switch (category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return true;
    default:
        return false;
    }
}

bool isDecimal(char32_t cp)
{
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return category(cp) == UTF8PROC_CATEGORY_ND;
}

bool isDigit(char32_t cp)
{
    // Nd plus the superscript and circled digits Python also counts.
    return isDecimal(cp) || cp == 0xB2 || cp == 0xB3 || cp == 0xB9 || (cp >= 0x2070 && cp <= 0x2079) ||
           (cp >= 0x2080 && cp <= 0x2089) || (cp >= 0x2460 && cp <= 0x2468);
}

bool isNumeric(char32_t cp)
{
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    const auto c = category(cp);
    return c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO;
}

bool isAlnum(char32_t cp) { return isAlpha(cp) || isNumeric(cp); }

bool isWordChar(char32_t cp) { return cp == '_' || isAlnum(cp); }

bool isLower(char32_t cp)
{
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return utf8proc_islower(static_cast<utf8proc_int32_t>(cp));
}

bool isUpper(char32_t cp)
{
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return utf8proc_isupper(static_cast<utf8proc_int32_t>(cp));
}

bool isCased(char32_t cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return isLower(cp) || isUpper(cp) || category(cp) == UTF8PROC_CATEGORY_LT;
}

char32_t toUpper(char32_t cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
    if (cp > 0x10FFFF) return cp;
    return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp)));
}

char32_t toLower(char32_t cp)
{
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp > 0x10FFFF) return cp;
    return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

char32_t toTitle(char32_t cp)
{
    if (cp < 0x80) return toUpper(cp);
    if (cp > 0x10FFFF) return cp;
    return static_cast<char32_t>(utf8proc_totitle(static_cast<utf8proc_int32_t>(cp)));
}

std::string upper(std::string_view s)
{
    return mapChars(s, [](std::string& out, char32_t cp) { appendUpper(out, cp); });
}

std::string lower(std::string_view s)
{
    return mapChars(s, [](std::string& out, char32_t cp) { encode(out, toLower(cp)); });
}

std::string capitalize(std::string_view s)
{
    bool first = true;
    return mapChars(s, [&](std::string& out, char32_t cp) {
        if (first) {
            if (cp == 0xDF) out += "Ss";
            else encode(out, toTitle(cp));
        } else {
            encode(out, toLower(cp));
        }
        first = false;
    });
}

std::string title(std::string_view s)
{
    bool previousCased = false;
    return mapChars(s, [&](std::string& out, char32_t cp) {
        if (previousCased) encode(out, toLower(cp));
        else if (cp == 0xDF) out += "Ss";
        else encode(out, toTitle(cp));
        previousCased = isCased(cp);
    });
}

std::string swapcase(std::string_view s)
{
    return mapChars(s, [](std::string& out, char32_t cp) {
        if (isUpper(cp)) encode(out, toLower(cp));
        else if (isLower(cp)) appendUpper(out, cp);
        else encode(out, cp);
    });
}

std::string_view strip(std::string_view s, std::optional<std::string_view> chars, bool left, bool right)
{
    std::vector<char32_t> set;
    if (chars) {
        for (size_t pos = 0; pos < chars->size();) set.push_back(decode(*chars, pos));
    }
    auto strippable = [&](char32_t cp) {
        return chars ? std::find(set.begin(), set.end(), cp) != set.end() : isSpace(cp);
    };
    size_t begin = 0;
    size_t end = s.size();
    if (left) {
        while (begin < end) {
            size_t next = begin;
            if (!strippable(decode(s, next))) break;
            begin = next;
        }
    }
    if (right && end > begin) {
        const std::string_view rest = s.substr(begin, end - begin);
        if (isAscii(rest)) {
            while (end > begin && strippable(static_cast<unsigned char>(s[end - 1]))) --end;
        } else {
            const std::vector<size_t> offs = offsets(rest);
            size_t k = offs.size() - 1;
            while (k > 0) {
                size_t p = offs[k - 1];
                if (!strippable(decode(rest, p))) break;
                --k;
            }
            end = begin + offs[k];
        }
    }
    return s.substr(begin, end - begin);
}

std::vector<std::string_view> split(std::string_view s, std::optional<std::string_view> sep, int64_t maxsplit)
{
    std::vector<std::string_view> parts;
    if (maxsplit < 0) maxsplit = INT64_MAX;
    if (sep) {
        size_t start = 0;
        while (maxsplit-- > 0) {
            const size_t hit = s.find(*sep, start);
            if (hit == std::string_view::npos) break;
            parts.push_back(s.substr(start, hit - start));
            start = hit + sep->size();
        }
        parts.push_back(s.substr(start));
        return parts;
    }
    size_t pos = 0;
    auto skipSpace = [&] {
        while (pos < s.size()) {
            size_t next = pos;
            if (!isSpace(decode(s, next))) break;
            pos = next;
        }
    };
    skipSpace();
    while (pos < s.size()) {
        if (maxsplit-- <= 0) {
            // The rest, with trailing whitespace stripped, is the last part.
            parts.push_back(strip(s.substr(pos), std::nullopt, false, true));
            return parts;
        }
        const size_t start = pos;
        while (pos < s.size()) {
            size_t next = pos;
            if (isSpace(decode(s, next))) break;
            pos = next;
        }
        parts.push_back(s.substr(start, pos - start));
        skipSpace();
    }
    return parts;
}

std::vector<std::string_view> rsplit(std::string_view s, std::optional<std::string_view> sep, int64_t maxsplit)
{
    if (maxsplit < 0) return split(s, sep, maxsplit);
    std::vector<std::string_view> parts;
    if (sep) {
        size_t end = s.size();
        while (maxsplit-- > 0) {
            if (end < sep->size()) break;
            const size_t hit = s.rfind(*sep, end - sep->size());
            if (hit == std::string_view::npos) break;
            parts.push_back(s.substr(hit + sep->size(), end - hit - sep->size()));
            end = hit;
        }
        parts.push_back(s.substr(0, end));
        std::reverse(parts.begin(), parts.end());
        return parts;
    }
    const std::vector<size_t> offs = offsets(s);
    size_t i = offs.size() - 1;  // index into offs of the current end
    auto spaceAt = [&](size_t k) {
        size_t p = offs[k];
        return isSpace(decode(s, p));
    };
    while (i > 0 && spaceAt(i - 1)) --i;
    while (i > 0) {
        if (maxsplit-- <= 0) {
            parts.push_back(strip(s.substr(0, offs[i]), std::nullopt, true, false));
            std::reverse(parts.begin(), parts.end());
            return parts;
        }
        const size_t end = i;
        while (i > 0 && !spaceAt(i - 1)) --i;
        parts.push_back(s.substr(offs[i], offs[end] - offs[i]));
        while (i > 0 && spaceAt(i - 1)) --i;
    }
    std::reverse(parts.begin(), parts.end());
    return parts;
}

std::vector<std::string_view> splitlines(std::string_view s, bool keepends)
{
    std::vector<std::string_view> lines;
    size_t start = 0;
    size_t pos = 0;
    while (pos < s.size()) {
        const size_t at = pos;
        const char32_t cp = decode(s, pos);
        const bool isBreak = cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x1C || cp == 0x1D ||
                             cp == 0x1E || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
        if (!isBreak) continue;
        if (cp == '\r' && pos < s.size() && s[pos] == '\n') ++pos;
        lines.push_back(s.substr(start, (keepends ? pos : at) - start));
        start = pos;
    }
    if (start < s.size()) lines.push_back(s.substr(start));
    return lines;
}

std::string replace(std::string_view s, std::string_view old, std::string_view with, int64_t count)
{
    if (count < 0) count = INT64_MAX;
    std::string out;
    if (old.empty()) {
        // Python inserts `with` before every code point and at the end.
        size_t pos = 0;
        while (pos < s.size() && count > 0) {
            out += with;
            --count;
            const size_t start = pos;
            decode(s, pos);
            out.append(s.substr(start, pos - start));
        }
        if (count > 0 && pos >= s.size()) out += with;
        else out.append(s.substr(pos));
        return out;
    }
    size_t start = 0;
    while (count-- > 0) {
        const size_t hit = s.find(old, start);
        if (hit == std::string_view::npos) break;
        out.append(s.substr(start, hit - start));
        out += with;
        start = hit + old.size();
    }
    out.append(s.substr(start));
    return out;
}

size_t count(std::string_view s, std::string_view sub)
{
    if (sub.empty()) return length(s) + 1;
    size_t n = 0;
    for (size_t pos = s.find(sub); pos != std::string_view::npos; pos = s.find(sub, pos + sub.size())) ++n;
    return n;
}

std::string center(std::string_view s, int64_t width, char32_t fill)
{
    const int64_t len = static_cast<int64_t>(length(s));
    if (width <= len) return std::string(s);
    const int64_t marg = width - len;
    // CPython: left = marg / 2 + (marg & width & 1)
    const int64_t left = marg / 2 + (marg & width & 1);
    std::string out;
    for (int64_t i = 0; i < left; ++i) encode(out, fill);
    out += s;
    for (int64_t i = 0; i < marg - left; ++i) encode(out, fill);
    return out;
}

}  // namespace lathe::chat::text
