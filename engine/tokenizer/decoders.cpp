// Decoders of tokenizers 0.23.3 (decode_chain over the token strings). Stages that turn
// tokens into bytes repair invalid UTF-8 exactly where the reference does: ByteLevel with
// from_utf8_lossy over the concatenation of all tokens, ByteFallback with one U+FFFD per byte
// of a run of byte tokens that is not valid UTF-8 as a whole.
#include "tokenizer/components.h"
#include "tokenizer/unicode_text.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace lathe::tok {
namespace {

// Rust's str::replace, including its rule for an empty pattern (a match before every char
// and at the end).
std::string rustReplace(std::string_view s, std::string_view from, std::string_view to)
{
    std::string out;
    if (from.empty()) {
        for (size_t i = 0; i < s.size();) {
            out += to;
            const size_t n = utf8SeqLength(static_cast<unsigned char>(s[i]));
            out.append(s.substr(i, n));
            i += n;
        }
        out += to;
        return out;
    }
    size_t prev = 0;
    size_t pos = s.find(from);
    while (pos != std::string_view::npos) {
        out.append(s.substr(prev, pos - prev));
        out += to;
        prev = pos + from.size();
        pos = s.find(from, prev);
    }
    out.append(s.substr(prev));
    return out;
}

class ByteLevelDec final : public Decoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        std::string bytes;
        for (const std::string& t : tokens) {
            const size_t mark = bytes.size();
            if (!byteLevelDecode(t, bytes)) {  // a token outside the alphabet stays as it is
                bytes.resize(mark);
                bytes += t;
            }
        }
        std::string text;
        text.reserve(bytes.size());
        appendUtf8Lossy(text, bytes);
        tokens.assign(1, std::move(text));
    }
};

enum class Prepend { Always, First, Never };

class MetaspaceDec final : public Decoder {
public:
    MetaspaceDec(std::string replacement, Prepend scheme) : m_replacement(std::move(replacement)), m_scheme(scheme) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        for (size_t i = 0; i < tokens.size(); ++i) {
            // Every replacement char becomes a space, except in the first token (unless the
            // scheme is "never"), where all of them are dropped.
            const bool drop = i == 0 && m_scheme != Prepend::Never;
            tokens[i] = rustReplace(tokens[i], m_replacement, drop ? "" : " ");
        }
    }

private:
    std::string m_replacement;
    Prepend m_scheme;
};

class ReplaceDec final : public Decoder {
public:
    ReplaceDec(Regex regex, std::string content) : m_regex(std::move(regex)), m_content(std::move(content)) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        for (std::string& t : tokens) {
            std::string out;
            size_t prev = 0;
            bool any = false;
            m_regex.forEachMatch(t, [&](size_t s, size_t e) {
                out.append(t, prev, s - prev);
                out += m_content;
                prev = e;
                any = true;
            });
            if (!any) continue;
            out.append(t, prev, std::string::npos);
            t = std::move(out);
        }
    }

private:
    Regex m_regex;
    std::string m_content;
};

int hexDigit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// "<0xNN>" -> NN, as u8::from_str_radix(&token[3..5], 16) reads it (which takes "+N" too).
int byteToken(std::string_view t)
{
    if (t.size() != 6 || t.substr(0, 3) != "<0x" || t[5] != '>') return -1;
    if (t[3] == '+') return hexDigit(t[4]);
    const int hi = hexDigit(t[3]);
    const int lo = hexDigit(t[4]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

class ByteFallbackDec final : public Decoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        std::vector<std::string> out;
        out.reserve(tokens.size());
        std::string run;
        const auto flush = [&] {
            if (run.empty()) return;
            if (isValidUtf8(run)) {
                out.push_back(run);
            } else {
                for (size_t i = 0; i < run.size(); ++i) out.emplace_back("\xEF\xBF\xBD");
            }
            run.clear();
        };
        for (std::string& t : tokens) {
            const int b = byteToken(t);
            if (b >= 0) {
                run += static_cast<char>(b);
                continue;
            }
            flush();
            out.push_back(std::move(t));
        }
        flush();
        tokens.swap(out);
    }
};

class FuseDec final : public Decoder {
public:
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        std::string all;
        for (const std::string& t : tokens) all += t;
        tokens.assign(1, std::move(all));
    }
};

class StripDec final : public Decoder {
public:
    StripDec(std::string content, size_t start, size_t stop, Origin origin)
        : m_content(std::move(content)), m_start(start), m_stop(stop), m_origin(std::move(origin))
    {
    }
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        std::vector<size_t> bounds;  // char starts, plus the end
        for (std::string& t : tokens) {
            bounds.clear();
            for (size_t i = 0; i < t.size(); i += utf8SeqLength(static_cast<unsigned char>(t[i]))) bounds.push_back(i);
            const size_t chars = bounds.size();
            bounds.push_back(t.size());
            const auto charIs = [&](size_t k) {
                return t.compare(bounds[k], bounds[k + 1] - bounds[k], m_content) == 0;
            };
            size_t startCut = 0;
            for (size_t k = 0; k < m_start && k < chars; ++k) {
                if (!charIs(k)) break;
                startCut = k + 1;
            }
            size_t stopCut = chars;
            for (size_t k = 0; k < m_stop; ++k) {
                if (k >= chars) panic("index out of bounds");  // the reference panics here
                const size_t index = chars - k - 1;
                if (!charIs(index)) break;
                stopCut = index;
            }
            if (startCut > stopCut) panic("slice index starts after its end");
            t = t.substr(bounds[startCut], bounds[stopCut] - bounds[startCut]);
        }
    }

private:
    [[noreturn]] void panic(const std::string& what) const
    {
        throw Error(ErrorKind::InvalidInput, m_origin.file, m_origin.field,
                    "decoder Strip cannot strip this token (the reference library panics: " + what + ")");
    }
    std::string m_content;
    size_t m_start;
    size_t m_stop;
    Origin m_origin;
};

std::string wordPieceCleanup(std::string s)
{
    static const std::pair<const char*, const char*> kRules[] = {
        {" .", "."}, {" ?", "?"}, {" !", "!"}, {" ,", ","}, {" ' ", "'"}, {" n't", "n't"},
        {" 'm", "'m"}, {" do not", " don't"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"},
    };
    for (const auto& [from, to] : kRules) s = rustReplace(s, from, to);
    return s;
}

class WordPieceDec final : public Decoder {
public:
    WordPieceDec(std::string prefix, bool cleanup) : m_prefix(std::move(prefix)), m_cleanup(cleanup) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        for (size_t i = 0; i < tokens.size(); ++i) {
            std::string& t = tokens[i];
            if (i != 0) {
                if (t.compare(0, m_prefix.size(), m_prefix) == 0) {
                    t.erase(0, m_prefix.size());  // replacen(prefix, "", 1) on a prefix match
                } else {
                    t.insert(0, " ");
                }
            }
            if (m_cleanup) t = wordPieceCleanup(std::move(t));
        }
    }

private:
    std::string m_prefix;
    bool m_cleanup;
};

class BpeDec final : public Decoder {
public:
    explicit BpeDec(std::string suffix) : m_suffix(std::move(suffix)) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        for (size_t i = 0; i < tokens.size(); ++i) {
            tokens[i] = rustReplace(tokens[i], m_suffix, i + 1 == tokens.size() ? "" : " ");
        }
    }

private:
    std::string m_suffix;
};

class CtcDec final : public Decoder {
public:
    CtcDec(std::string pad, std::string delimiter, bool cleanup)
        : m_pad(std::move(pad)), m_delimiter(std::move(delimiter)), m_cleanup(cleanup)
    {
    }
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        std::vector<std::string> out;
        for (size_t i = 0; i < tokens.size(); ++i) {
            if (i > 0 && tokens[i] == tokens[i - 1]) continue;  // dedup of consecutive repeats
            std::string r = rustReplace(tokens[i], m_pad, "");
            if (m_cleanup) r = rustReplace(wordPieceCleanup(std::move(r)), m_delimiter, " ");
            if (!r.empty()) out.push_back(std::move(r));
        }
        tokens.swap(out);
    }

private:
    std::string m_pad;
    std::string m_delimiter;
    bool m_cleanup;
};

class SequenceDec final : public Decoder {
public:
    explicit SequenceDec(std::vector<std::unique_ptr<Decoder>> stages) : m_stages(std::move(stages)) {}
    void decodeChain(std::vector<std::string>& tokens) const override
    {
        for (const auto& s : m_stages) s->decodeChain(tokens);
    }

private:
    std::vector<std::unique_ptr<Decoder>> m_stages;
};

Prepend prependScheme(const nlohmann::json& spec, const Origin& origin)
{
    std::optional<bool> addPrefixSpace;
    if (spec.contains("add_prefix_space")) addPrefixSpace = detail::boolField(spec, "add_prefix_space", origin);
    if (!spec.contains("prepend_scheme") || spec["prepend_scheme"].is_null()) {
        return !addPrefixSpace || *addPrefixSpace ? Prepend::Always : Prepend::Never;
    }
    const std::string s = detail::stringField(spec, "prepend_scheme", origin);
    Prepend scheme;
    if (s == "always") {
        scheme = Prepend::Always;
    } else if (s == "first") {
        scheme = Prepend::First;
    } else if (s == "never") {
        scheme = Prepend::Never;
    } else {
        throwInvalid(origin.file, origin.child("prepend_scheme").field,
                     "unknown variant `" + s + "`, expected one of `first`, `never`, `always`");
    }
    if (addPrefixSpace && !*addPrefixSpace && scheme != Prepend::Never) {
        throwInvalid(origin.file, origin.child("add_prefix_space").field,
                     "add_prefix_space does not match declared prepend_scheme");
    }
    return scheme;
}

}  // namespace

std::unique_ptr<Decoder> makeDecoder(const nlohmann::json& spec, const Origin& origin)
{
    if (spec.is_null()) return nullptr;
    const std::string type = detail::componentType(spec, origin, "decoder");
    if (type == "ByteLevel") {
        detail::boolField(spec, "add_prefix_space", origin);  // required by the reference
        detail::boolField(spec, "trim_offsets", origin);
        return std::make_unique<ByteLevelDec>();
    }
    if (type == "Metaspace") {
        std::string replacement = detail::charField(spec, "replacement", origin);
        if (spec.contains("split")) detail::boolField(spec, "split", origin);
        return std::make_unique<MetaspaceDec>(std::move(replacement), prependScheme(spec, origin));
    }
    if (type == "Replace") {
        Regex regex = detail::patternField(spec, origin);
        return std::make_unique<ReplaceDec>(std::move(regex), detail::stringField(spec, "content", origin));
    }
    if (type == "ByteFallback") return std::make_unique<ByteFallbackDec>();
    if (type == "Fuse") return std::make_unique<FuseDec>();
    if (type == "Strip") {
        std::string content = detail::charField(spec, "content", origin);
        const size_t start = detail::sizeField(spec, "start", origin);
        const size_t stop = detail::sizeField(spec, "stop", origin);
        return std::make_unique<StripDec>(std::move(content), start, stop, origin);
    }
    if (type == "WordPiece") {
        std::string prefix = detail::stringField(spec, "prefix", origin);
        return std::make_unique<WordPieceDec>(std::move(prefix), detail::boolField(spec, "cleanup", origin));
    }
    if (type == "BPEDecoder") return std::make_unique<BpeDec>(detail::stringField(spec, "suffix", origin));
    if (type == "CTC") {
        std::string pad = detail::stringField(spec, "pad_token", origin);
        std::string delimiter = detail::stringField(spec, "word_delimiter_token", origin);
        return std::make_unique<CtcDec>(std::move(pad), std::move(delimiter), detail::boolField(spec, "cleanup", origin));
    }
    if (type == "Sequence") {
        const nlohmann::json& list = detail::arrayField(spec, "decoders", origin);
        std::vector<std::unique_ptr<Decoder>> stages;
        for (size_t i = 0; i < list.size(); ++i) {
            const Origin child = origin.child("decoders").at(i);
            if (list[i].is_null()) throwInvalid(child.file, child.field, "expected a decoder object, found null");
            stages.push_back(makeDecoder(list[i], child));
        }
        return std::make_unique<SequenceDec>(std::move(stages));
    }
    detail::unsupportedType(origin, "decoder", type);
}

}  // namespace lathe::tok
