// jinja2's lexer (lexer.py) re-done by hand. The regular expressions it is built from are
// quoted next to the code that matches them, because byte-exact output depends on their
// corner cases: which whitespace "-" eats, when lstrip_blocks applies ("line_starting"), the
// one newline trim_blocks removes, and brace balancing deciding whether "}}" ends a tag.
#include "chat/template_lexer.h"

#include "chat/template_text.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace lathe::chat {
namespace {

enum class TagKind { Variable, Block, Comment };

class Lexer {
public:
    explicit Lexer(std::string_view source)
    {
        // newline_re.split(source)[::2] joined by "\n", minus one trailing newline
        m_src.reserve(source.size());
        for (size_t i = 0; i < source.size(); ++i) {
            if (source[i] == '\r') {
                m_src += '\n';
                if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
            } else {
                m_src += source[i];
            }
        }
        if (!m_src.empty() && m_src.back() == '\n') m_src.pop_back();
        m_lineStarts.push_back(0);
        for (size_t i = 0; i < m_src.size(); ++i) {
            if (m_src[i] == '\n') m_lineStarts.push_back(i + 1);
        }
    }

    std::vector<Token> run()
    {
        size_t pos = 0;
        bool lineStarting = true;
        const std::string_view src = m_src;
        while (pos < src.size()) {
            const size_t tag = findTagStart(pos);
            if (tag == std::string_view::npos) {
                pushData(src.substr(pos), pos);
                break;
            }
            const char kindChar = src[tag + 1];
            const TagKind kind = kindChar == '{' ? TagKind::Variable : kindChar == '%' ? TagKind::Block : TagKind::Comment;
            size_t afterBegin = tag + 2;
            char sign = 0;
            if (afterBegin < src.size() && (src[afterBegin] == '-' || src[afterBegin] == '+')) {
                sign = src[afterBegin];
                ++afterBegin;
            }
            size_t rawEnd = 0;
            const bool raw = kind == TagKind::Block && matchRawBegin(tag, rawEnd);
            std::string_view text = src.substr(pos, tag - pos);
            text = applyStrip(text, sign, kind == TagKind::Variable, lineStarting);
            pushData(text, pos);

            if (raw) {
                pos = lexRaw(rawEnd, lineStarting);
                continue;
            }
            if (kind == TagKind::Comment) {
                pos = skipComment(afterBegin, tag, lineStarting);
                continue;
            }
            push(kind == TagKind::Variable ? TokenType::VariableBegin : TokenType::BlockBegin, tag);
            pos = lexTag(afterBegin, kind, tag, lineStarting);
        }
        push(TokenType::Eof, m_src.size());
        return std::move(m_tokens);
    }

private:
    [[noreturn]] void error(size_t offset, std::string message)
    {
        const auto [line, column] = lineColumn(offset);
        throw SyntaxProblem{line, column, std::move(message)};
    }

    std::pair<int, int> lineColumn(size_t offset) const
    {
        const auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset) - 1;
        const int line = static_cast<int>(it - m_lineStarts.begin()) + 1;
        const size_t start = *it;
        const int column = static_cast<int>(text::length(std::string_view(m_src).substr(start, offset - start))) + 1;
        return {line, column};
    }

    Token& push(TokenType type, size_t offset)
    {
        Token token;
        token.type = type;
        const auto [line, column] = lineColumn(std::min(offset, m_src.size()));
        token.line = line;
        token.column = column;
        m_tokens.push_back(std::move(token));
        return m_tokens.back();
    }

    void pushData(std::string_view text, size_t offset)
    {
        if (text.empty()) return;
        push(TokenType::Data, offset).text = std::string(text);
    }

    size_t findTagStart(size_t pos) const
    {
        const std::string_view src = m_src;
        for (size_t i = src.find('{', pos); i != std::string_view::npos; i = src.find('{', i + 1)) {
            if (i + 1 < src.size() && (src[i + 1] == '{' || src[i + 1] == '%' || src[i + 1] == '#')) return i;
        }
        return std::string_view::npos;
    }

    size_t skipWhitespace(size_t pos) const
    {
        const std::string_view src = m_src;
        while (pos < src.size()) {
            size_t next = pos;
            if (!text::isSpace(text::decode(src, next))) break;
            pos = next;
        }
        return pos;
    }

    bool startsWith(size_t pos, std::string_view what) const
    {
        return std::string_view(m_src).substr(pos, what.size()) == what;
    }

    // {%(-|+|)\s*raw\s*(?:-%}\s*|%})
    bool matchRawBegin(size_t tag, size_t& end) const
    {
        size_t p = tag + 2;
        if (p < m_src.size() && (m_src[p] == '-' || m_src[p] == '+')) ++p;
        p = skipWhitespace(p);
        if (!startsWith(p, "raw")) return false;
        p = skipWhitespace(p + 3);
        if (startsWith(p, "-%}")) {
            end = skipWhitespace(p + 3);
            return true;
        }
        if (startsWith(p, "%}")) {
            end = p + 2;
            return true;
        }
        return false;
    }

    // OptionalLStrip: "-" strips all whitespace before the tag; otherwise lstrip_blocks
    // removes the spaces between the last newline (or the start of a line) and a block or
    // comment tag, when nothing else stands there.
    std::string_view applyStrip(std::string_view text, char sign, bool isVariable, bool lineStarting) const
    {
        if (sign == '-') return text::strip(text, std::nullopt, false, true);
        if (sign == '+' || isVariable) return text;
        const size_t newline = text.rfind('\n');
        const size_t lPos = newline == std::string_view::npos ? 0 : newline + 1;
        if (lPos == 0 && !lineStarting) return text;
        const std::string_view tail = text.substr(lPos);
        if (tail.empty()) return text;  // \s+ needs one character
        for (size_t p = 0; p < tail.size();) {
            if (!text::isSpace(text::decode(tail, p))) return text;
        }
        return text.substr(0, lPos);
    }

    size_t lexRaw(size_t pos, bool& lineStarting)
    {
        const std::string_view src = m_src;
        // (.*?)((?:{%(-|+|))\s*endraw\s*(?:+%}|-%}\s*|%}\n?))
        for (size_t p = src.find("{%", pos); p != std::string_view::npos; p = src.find("{%", p + 1)) {
            size_t q = p + 2;
            char sign = 0;
            if (q < src.size() && (src[q] == '-' || src[q] == '+')) sign = src[q++];
            q = skipWhitespace(q);
            if (!startsWith(q, "endraw")) continue;
            q = skipWhitespace(q + 6);
            size_t end;
            if (startsWith(q, "+%}")) end = q + 3;
            else if (startsWith(q, "-%}")) end = skipWhitespace(q + 3);
            else if (startsWith(q, "%}")) end = q + 2 + (startsWith(q + 2, "\n") ? 1 : 0);
            else continue;
            pushData(applyStrip(src.substr(pos, p - pos), sign, false, lineStarting), pos);
            lineStarting = src[end - 1] == '\n';
            return end;
        }
        error(pos, "Missing end of raw directive");
    }

    // (.*?)((?:\+#}|\-#}\s*|#}\n?))
    size_t skipComment(size_t pos, size_t tag, bool& lineStarting)
    {
        const std::string_view src = m_src;
        const size_t close = src.find("#}", pos);
        if (close == std::string_view::npos) error(tag, "Missing end of comment tag");
        size_t end;
        if (close > pos && src[close - 1] == '+') end = close + 2;
        else if (close > pos && src[close - 1] == '-') end = skipWhitespace(close + 2);
        else end = close + 2 + (startsWith(close + 2, "\n") ? 1 : 0);
        lineStarting = src[end - 1] == '\n';
        return end;
    }

    size_t lexTag(size_t pos, TagKind kind, size_t tagStart, bool& lineStarting)
    {
        const std::string_view src = m_src;
        std::vector<char> balance;
        while (true) {
            if (balance.empty()) {
                size_t end = 0;
                if (kind == TagKind::Block) {
                    if (startsWith(pos, "+%}")) end = pos + 3;
                    else if (startsWith(pos, "-%}")) end = skipWhitespace(pos + 3);
                    else if (startsWith(pos, "%}")) end = pos + 2 + (startsWith(pos + 2, "\n") ? 1 : 0);
                } else {
                    if (startsWith(pos, "-}}")) end = skipWhitespace(pos + 3);
                    else if (startsWith(pos, "}}")) end = pos + 2;
                }
                if (end) {
                    push(kind == TagKind::Block ? TokenType::BlockEnd : TokenType::VariableEnd, pos);
                    lineStarting = src[end - 1] == '\n';
                    return end;
                }
            }
            const size_t afterSpace = skipWhitespace(pos);
            if (afterSpace != pos) {
                pos = afterSpace;
                continue;
            }
            if (pos >= src.size()) {
                error(tagStart, kind == TagKind::Block ? "unexpected end of template, expected '%}'"
                                                       : "unexpected end of template, expected '}}'");
            }
            const size_t next = lexToken(pos, balance);
            pos = next;
        }
    }

    static bool isIdentStart(char32_t cp) { return cp == '_' || text::isAlpha(cp); }
    static bool isIdentChar(char32_t cp) { return cp == '_' || text::isAlnum(cp); }

    // (\d+_)*\d+ : digits with single underscores between them
    size_t matchDigits(size_t pos, int base = 10) const
    {
        const std::string_view src = m_src;
        auto isDigit = [&](char c) {
            if (base == 16) return std::isxdigit(static_cast<unsigned char>(c)) != 0;
            if (base == 8) return c >= '0' && c <= '7';
            if (base == 2) return c == '0' || c == '1';
            return c >= '0' && c <= '9';
        };
        size_t p = pos;
        if (p >= src.size() || !isDigit(src[p])) return pos;
        while (p < src.size()) {
            if (isDigit(src[p])) {
                ++p;
            } else if (src[p] == '_' && p + 1 < src.size() && isDigit(src[p + 1])) {
                p += 2;
            } else {
                break;
            }
        }
        return p;
    }

    static std::string withoutUnderscores(std::string_view s)
    {
        std::string out;
        for (const char c : s) {
            if (c != '_') out += c;
        }
        return out;
    }

    size_t lexNumber(size_t pos)
    {
        const std::string_view src = m_src;
        // float_re, unless preceded by "."
        if (pos == 0 || src[pos - 1] != '.') {
            const size_t intEnd = matchDigits(pos);
            size_t p = intEnd;
            bool isFloat = false;
            size_t fracEnd = p;
            if (p < src.size() && src[p] == '.') {
                fracEnd = matchDigits(p + 1);
                if (fracEnd == p + 1) fracEnd = p;  // no digits after the dot
            }
            size_t q = fracEnd;
            if (q < src.size() && (src[q] == 'e' || src[q] == 'E')) {
                size_t r = q + 1;
                if (r < src.size() && (src[r] == '+' || src[r] == '-')) ++r;
                const size_t expEnd = matchDigits(r);
                if (expEnd > r) {
                    p = expEnd;
                    isFloat = true;
                }
            }
            if (!isFloat && fracEnd > intEnd) {
                p = fracEnd;
                isFloat = true;
            }
            if (isFloat) {
                Token& token = push(TokenType::Float, pos);
                const std::string digits = withoutUnderscores(src.substr(pos, p - pos));
                token.floatValue = std::strtod(digits.c_str(), nullptr);
                return p;
            }
        }
        // integer_re
        Token& token = push(TokenType::Integer, pos);
        if (src[pos] == '0' && pos + 1 < src.size()) {
            const char prefix = static_cast<char>(std::tolower(static_cast<unsigned char>(src[pos + 1])));
            const int base = prefix == 'b' ? 2 : prefix == 'o' ? 8 : prefix == 'x' ? 16 : 0;
            if (base) {
                // 0x(_?[\da-f])+ : an underscore may follow the prefix
                size_t start = pos + 2;
                if (start < src.size() && src[start] == '_') ++start;
                const size_t end = matchDigits(start, base);
                if (end > start) {
                    const std::string digits = withoutUnderscores(src.substr(pos + 2, end - pos - 2));
                    errno = 0;
                    const unsigned long long v = std::strtoull(digits.c_str(), nullptr, base);
                    if (errno == ERANGE || v > uint64_t(INT64_MAX)) error(pos, "integer literal too large");
                    token.intValue = static_cast<int64_t>(v);
                    return end;
                }
            }
        }
        if (src[pos] == '0') {  // 0(_?0)*
            size_t p = pos + 1;
            while (p < src.size()) {
                if (src[p] == '0') ++p;
                else if (src[p] == '_' && p + 1 < src.size() && src[p + 1] == '0') p += 2;
                else break;
            }
            token.intValue = 0;
            return p;
        }
        const size_t end = matchDigits(pos);
        const std::string digits = withoutUnderscores(src.substr(pos, end - pos));
        errno = 0;
        const unsigned long long v = std::strtoull(digits.c_str(), nullptr, 10);
        if (errno == ERANGE || v > uint64_t(INT64_MAX)) error(pos, "integer literal too large");
        token.intValue = static_cast<int64_t>(v);
        return end;
    }

    // Python's "unicode-escape" decoding of a string literal's body.
    std::string unescape(std::string_view body, size_t offset)
    {
        std::string out;
        out.reserve(body.size());
        for (size_t i = 0; i < body.size(); ++i) {
            const char c = body[i];
            if (c != '\\' || i + 1 >= body.size()) {
                out += c;
                continue;
            }
            const char e = body[++i];
            auto hex = [&](int digits) -> char32_t {
                char32_t v = 0;
                for (int k = 0; k < digits; ++k) {
                    const size_t at = i + 1 + static_cast<size_t>(k);
                    if (at >= body.size() || !std::isxdigit(static_cast<unsigned char>(body[at]))) {
                        error(offset, digits == 2 ? "truncated \\xXX escape"
                                                  : digits == 4 ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape");
                    }
                    const char h = body[at];
                    v = v * 16 + static_cast<char32_t>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (std::tolower(h) - 'a' + 10));
                }
                i += static_cast<size_t>(digits);
                return v;
            };
            switch (e) {
            case '\n':
                break;
            case '\\':
                out += '\\';
                break;
            case '\'':
                out += '\'';
                break;
            case '"':
                out += '"';
                break;
            case 'a':
                out += '\a';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'v':
                out += '\v';
                break;
            case 'x':
                text::encode(out, hex(2));
                break;
            case 'u':
                text::encode(out, hex(4));
                break;
            case 'U': {
                const char32_t cp = hex(8);
                if (cp > 0x10FFFF) error(offset, "illegal Unicode character");
                text::encode(out, cp);
                break;
            }
            case 'N':
                error(offset, "\\N{...} escapes are not supported");
            default:
                if (e >= '0' && e <= '7') {
                    char32_t v = static_cast<char32_t>(e - '0');
                    for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k) {
                        v = v * 8 + static_cast<char32_t>(body[++i] - '0');
                    }
                    text::encode(out, v);
                } else {
                    out += '\\';
                    out += e;
                }
            }
        }
        return out;
    }

    size_t lexToken(size_t pos, std::vector<char>& balance)
    {
        const std::string_view src = m_src;
        const char c = src[pos];
        if (c >= '0' && c <= '9') return lexNumber(pos);
        {
            size_t p = pos;
            const char32_t cp = text::decode(src, p);
            if (isIdentStart(cp)) {
                while (p < src.size()) {
                    size_t q = p;
                    if (!isIdentChar(text::decode(src, q))) break;
                    p = q;
                }
                push(TokenType::Name, pos).text = std::string(src.substr(pos, p - pos));
                return p;
            }
        }
        if (c == '\'' || c == '"') {
            size_t p = pos + 1;
            while (p < src.size() && src[p] != c) p += src[p] == '\\' ? 2 : 1;
            if (p >= src.size()) error(pos, std::string("unexpected char '") + c + "'");
            std::string value = unescape(src.substr(pos + 1, p - pos - 1), pos);
            push(TokenType::String, pos).text = std::move(value);
            return p + 1;
        }
        static const struct {
            const char* text;
            TokenType type;
        } kOperators[] = {
            {"//", TokenType::FloorDiv}, {"**", TokenType::Pow}, {"==", TokenType::Eq}, {"!=", TokenType::Ne},
            {">=", TokenType::GtEq}, {"<=", TokenType::LtEq}, {"+", TokenType::Add}, {"-", TokenType::Sub},
            {"/", TokenType::Div}, {"*", TokenType::Mul}, {"%", TokenType::Mod}, {"~", TokenType::Tilde},
            {"[", TokenType::LBracket}, {"]", TokenType::RBracket}, {"(", TokenType::LParen}, {")", TokenType::RParen},
            {"{", TokenType::LBrace}, {"}", TokenType::RBrace}, {">", TokenType::Gt}, {"<", TokenType::Lt},
            {"=", TokenType::Assign}, {".", TokenType::Dot}, {":", TokenType::Colon}, {"|", TokenType::Pipe},
            {",", TokenType::Comma}, {";", TokenType::Semicolon},
        };
        for (const auto& op : kOperators) {
            if (!startsWith(pos, op.text)) continue;
            const std::string_view text(op.text);
            if (text == "{" || text == "(" || text == "[") {
                balance.push_back(text == "{" ? '}' : text == "(" ? ')' : ']');
            } else if (text == "}" || text == ")" || text == "]") {
                if (balance.empty()) error(pos, "unexpected '" + std::string(text) + "'");
                const char expected = balance.back();
                balance.pop_back();
                if (expected != text[0]) {
                    error(pos, "unexpected '" + std::string(text) + "', expected '" + std::string(1, expected) + "'");
                }
            }
            push(op.type, pos);
            return pos + text.size();
        }
        size_t p = pos;
        std::string shown;
        text::encode(shown, text::decode(src, p));
        error(pos, "unexpected char '" + shown + "'");
    }

    std::string m_src;
    std::vector<size_t> m_lineStarts;
    std::vector<Token> m_tokens;
};

}  // namespace

std::vector<Token> tokenizeTemplate(std::string_view source) { return Lexer(source).run(); }

const char* describeToken(TokenType type)
{
    switch (type) {
    case TokenType::Data: return "template data";
    case TokenType::VariableBegin: return "begin of print statement";
    case TokenType::VariableEnd: return "end of print statement";
    case TokenType::BlockBegin: return "begin of statement block";
    case TokenType::BlockEnd: return "end of statement block";
    case TokenType::Name: return "name";
    case TokenType::String: return "string";
    case TokenType::Integer: return "integer";
    case TokenType::Float: return "float";
    case TokenType::Add: return "+";
    case TokenType::Sub: return "-";
    case TokenType::Div: return "/";
    case TokenType::FloorDiv: return "//";
    case TokenType::Mul: return "*";
    case TokenType::Mod: return "%";
    case TokenType::Pow: return "**";
    case TokenType::Tilde: return "~";
    case TokenType::LBracket: return "[";
    case TokenType::RBracket: return "]";
    case TokenType::LParen: return "(";
    case TokenType::RParen: return ")";
    case TokenType::LBrace: return "{";
    case TokenType::RBrace: return "}";
    case TokenType::Eq: return "==";
    case TokenType::Ne: return "!=";
    case TokenType::Gt: return ">";
    case TokenType::GtEq: return ">=";
    case TokenType::Lt: return "<";
    case TokenType::LtEq: return "<=";
    case TokenType::Assign: return "=";
    case TokenType::Dot: return ".";
    case TokenType::Colon: return ":";
    case TokenType::Pipe: return "|";
    case TokenType::Comma: return ",";
    case TokenType::Semicolon: return ";";
    case TokenType::Eof: return "end of template";
    }
    return "token";
}

}  // namespace lathe::chat
