// Pre-tokenizers of tokenizers 0.23.3: each splits a normalized piece into words the way the
// reference's NormalizedString::split does (find_matches spans, then the delimiter behavior),
// writing straight into the packed Words buffer. Regexes are compiled once (PCRE2 JIT); the
// scratch buffers are per thread, so stages stay immutable and thread-safe.
#include "tokenizer/components.h"
#include "tokenizer/unicode_text.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <vector>

namespace lathe::tok {

// ---- GPT-2 byte alphabet -----------------------------------------------------------------

namespace {

struct ByteTables {
    std::array<char32_t, 256> toCp{};
    std::array<std::array<char, 4>, 256> utf8{};  // encoded code point, length in [3]
    ByteTables()
    {
        char32_t next = 0x100;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
            toCp[b] = printable ? static_cast<char32_t>(b) : next++;
            std::string s;
            appendUtf8(s, toCp[b]);
            for (size_t i = 0; i < s.size(); ++i) utf8[b][i] = s[i];
            utf8[b][3] = static_cast<char>(s.size());
        }
    }
};

const ByteTables& byteTables()
{
    static const ByteTables tables;
    return tables;
}

void appendByteLevel(std::string& out, std::string_view bytes)
{
    const ByteTables& t = byteTables();
    for (char c : bytes) {
        const auto& e = t.utf8[static_cast<unsigned char>(c)];
        out.append(e.data(), static_cast<size_t>(e[3]));
    }
}

}  // namespace

char32_t byteToUnicode(uint8_t byte)
{
    return byteTables().toCp[byte];
}

int unicodeToByte(char32_t cp)
{
    if (cp < 0x100) {
        const bool printable = (cp >= 0x21 && cp <= 0x7E) || (cp >= 0xA1 && cp <= 0xAC) || (cp >= 0xAE);
        return printable ? static_cast<int>(cp) : -1;
    }
    if (cp < 0x100 + 68) {
        static const std::array<uint8_t, 68> inverse = [] {
            std::array<uint8_t, 68> a{};
            for (int b = 0; b < 256; ++b) {
                const char32_t c = byteToUnicode(static_cast<uint8_t>(b));
                if (c >= 0x100) a[c - 0x100] = static_cast<uint8_t>(b);
            }
            return a;
        }();
        return inverse[cp - 0x100];
    }
    return -1;
}

std::string byteLevelEncode(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size() * 2);
    appendByteLevel(out, bytes);
    return out;
}

bool byteLevelDecode(std::string_view text, std::string& bytes)
{
    for (size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b >= 0x21 && b <= 0x7E) {  // the common case: printable ASCII maps to itself
            bytes += static_cast<char>(b);
            ++i;
            continue;
        }
        const int v = unicodeToByte(decodeUtf8(text, i));
        if (v < 0) return false;
        bytes += static_cast<char>(v);
    }
    return true;
}

namespace {

using detail::boolField;
using detail::stringField;

enum class Behavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

Behavior behaviorField(const nlohmann::json& spec, const Origin& origin)
{
    const std::string b = stringField(spec, "behavior", origin);
    if (b == "Removed") return Behavior::Removed;
    if (b == "Isolated") return Behavior::Isolated;
    if (b == "MergedWithPrevious") return Behavior::MergedWithPrevious;
    if (b == "MergedWithNext") return Behavior::MergedWithNext;
    if (b == "Contiguous") return Behavior::Contiguous;
    throwInvalid(origin.file, origin.child("behavior").field,
                 "unknown variant `" + b +
                     "`, expected one of `Removed`, `Isolated`, `MergedWithPrevious`, `MergedWithNext`, `Contiguous`");
}

struct Span {
    uint32_t start;
    uint32_t end;
    bool match;
};

// Per-thread span list (a split never recurses into another split while it holds it).
std::vector<Span>& spanScratch()
{
    thread_local std::vector<Span> spans;
    spans.clear();
    return spans;
}

// find_matches of a regex: the gaps and the matches, covering the text in order.
void regexSpans(const Regex& re, std::string_view text, std::vector<Span>& spans)
{
    size_t prev = 0;
    re.forEachMatch(text, [&](size_t s, size_t e) {
        if (prev != s) spans.push_back({static_cast<uint32_t>(prev), static_cast<uint32_t>(s), false});
        spans.push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(e), true});
        prev = e;
    });
    if (prev != text.size()) spans.push_back({static_cast<uint32_t>(prev), static_cast<uint32_t>(text.size()), false});
}

// find_matches of a char predicate: each matching char is its own match.
template <typename Pred>
void charSpans(std::string_view text, Pred&& pred, std::vector<Span>& spans)
{
    size_t last = 0;
    for (size_t i = 0; i < text.size();) {
        const size_t at = i;
        const char32_t cp = decodeUtf8(text, i);
        if (pred(cp)) {
            if (last < at) spans.push_back({static_cast<uint32_t>(last), static_cast<uint32_t>(at), false});
            spans.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(i), true});
            last = i;
        }
    }
    if (last < text.size()) spans.push_back({static_cast<uint32_t>(last), static_cast<uint32_t>(text.size()), false});
}

// NormalizedString::split's behaviors over the spans; emits the kept pieces. Returns whether
// the first word emitted starts at offset 0 of `text` (for Metaspace's "first" scheme later
// in a Sequence).
template <typename Emit>
bool applyBehavior(std::string_view text, std::vector<Span>& spans, Behavior behavior, bool invert, Emit&& emit)
{
    if (invert) {
        for (Span& s : spans) s.match = !s.match;
    }
    bool first = true;
    bool firstAtStart = false;
    const auto out = [&](uint32_t start, uint32_t end) {
        if (start >= end) return;
        if (first) {
            firstAtStart = start == 0;
            first = false;
        }
        emit(text.substr(start, end - start));
    };
    switch (behavior) {
    case Behavior::Removed:
        for (const Span& s : spans) {
            if (!s.match) out(s.start, s.end);
        }
        break;
    case Behavior::Isolated:
        for (const Span& s : spans) out(s.start, s.end);
        break;
    case Behavior::Contiguous: {
        // Runs of equal flags merge.
        size_t n = 0;
        bool prev = false;
        for (const Span& s : spans) {
            if (s.match == prev && n > 0) {
                spans[n - 1].end = s.end;
            } else {
                spans[n++] = s;
            }
            prev = s.match;
        }
        for (size_t i = 0; i < n; ++i) out(spans[i].start, spans[i].end);
        break;
    }
    case Behavior::MergedWithPrevious: {
        size_t n = 0;
        bool prev = false;
        for (const Span& s : spans) {
            if (s.match && !prev && n > 0) {
                spans[n - 1].end = s.end;
            } else {
                spans[n++] = s;
            }
            prev = s.match;
        }
        for (size_t i = 0; i < n; ++i) out(spans[i].start, spans[i].end);
        break;
    }
    case Behavior::MergedWithNext: {
        // The reference folds from the end: a match not followed by a match joins the next piece.
        size_t n = spans.size();
        size_t w = spans.size();  // write cursor from the back
        bool prev = false;
        for (size_t k = n; k-- > 0;) {
            const Span s = spans[k];
            if (s.match && !prev && w < n) {
                spans[w].start = s.start;
            } else {
                spans[--w] = s;
            }
            prev = s.match;
        }
        for (size_t i = w; i < n; ++i) out(spans[i].start, spans[i].end);
        break;
    }
    }
    return firstAtStart;
}

// Our stages also report whether their first word starts at the piece's offset 0, which the
// reference knows from offsets and Metaspace's "first" scheme asks about.
class Stage : public PreTokenizer {
public:
    void split(std::string_view piece, bool atTextStart, Words& out) const final { run(piece, atTextStart, out); }
    virtual bool run(std::string_view piece, bool atTextStart, Words& out) const = 0;
};

// ---- ByteLevel -----------------------------------------------------------------------------

const char* kGpt2Pattern = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

class ByteLevelPre final : public Stage {
public:
    ByteLevelPre(bool addPrefixSpace, bool useRegex, bool raw)
        : m_addPrefixSpace(addPrefixSpace), m_useRegex(useRegex), m_raw(raw),
          m_regex(useRegex ? std::make_unique<Regex>(Regex::fromOniguruma(kGpt2Pattern)) : nullptr)
    {
    }

    bool run(std::string_view piece, bool, Words& out) const override
    {
        if (piece.empty()) return false;
        thread_local std::string prefixed;
        std::string_view text = piece;
        if (m_addPrefixSpace && piece[0] != ' ') {
            prefixed.assign(1, ' ');
            prefixed.append(piece);
            text = prefixed;
        }
        if (!m_useRegex) {
            emit(text, out);
            return true;
        }
        size_t prev = 0;
        m_regex->forEachMatch(text, [&](size_t s, size_t e) {
            if (prev != s) emit(text.substr(prev, s - prev), out);
            emit(text.substr(s, e - s), out);
            prev = e;
        });
        if (prev != text.size()) emit(text.substr(prev), out);
        return true;
    }

private:
    void emit(std::string_view word, Words& out) const
    {
        if (m_raw) {
            out.add(word);
            return;
        }
        thread_local std::string mapped;
        mapped.clear();
        appendByteLevel(mapped, word);
        out.add(mapped);
    }

    bool m_addPrefixSpace;
    bool m_useRegex;
    bool m_raw;
    std::unique_ptr<Regex> m_regex;
};

// ---- Split ---------------------------------------------------------------------------------

class SplitPre final : public Stage {
public:
    SplitPre(Regex regex, Behavior behavior, bool invert)
        : m_regex(std::move(regex)), m_behavior(behavior), m_invert(invert)
    {
    }

    bool run(std::string_view piece, bool, Words& out) const override
    {
        if (piece.empty()) return false;
        if (m_behavior == Behavior::Isolated) {  // every span is kept: no span list needed
            bool firstAtStart = false;
            bool first = true;
            size_t prev = 0;
            const auto emit = [&](size_t s, size_t e) {
                if (s == e) return;
                if (first) {
                    firstAtStart = s == 0;
                    first = false;
                }
                out.add(piece.substr(s, e - s));
            };
            m_regex.forEachMatch(piece, [&](size_t s, size_t e) {
                emit(prev, s);
                emit(s, e);
                prev = e;
            });
            emit(prev, piece.size());
            return firstAtStart;
        }
        std::vector<Span>& spans = spanScratch();
        regexSpans(m_regex, piece, spans);
        return applyBehavior(piece, spans, m_behavior, m_invert, [&](std::string_view w) { out.add(w); });
    }

private:
    Regex m_regex;
    Behavior m_behavior;
    bool m_invert;
};

// ---- Metaspace -----------------------------------------------------------------------------

enum class Prepend { Always, First, Never };

class MetaspacePre final : public Stage {
public:
    MetaspacePre(std::string replacement, Prepend scheme, bool split)
        : m_replacement(std::move(replacement)), m_scheme(scheme), m_split(split)
    {
    }

    bool run(std::string_view piece, bool atTextStart, Words& out) const override
    {
        if (piece.empty()) return false;
        thread_local std::string text;
        text.clear();
        // Spaces become the replacement first, then the prefix goes on if the text does not
        // already start with one.
        for (char c : piece) {
            if (c == ' ') {
                text += m_replacement;
            } else {
                text += c;
            }
        }
        const bool startsWith = text.compare(0, m_replacement.size(), m_replacement) == 0;
        if (!startsWith && (m_scheme == Prepend::Always || (m_scheme == Prepend::First && atTextStart))) {
            text.insert(0, m_replacement);
        }
        if (!m_split) {
            out.add(text);
            return true;
        }
        // MergedWithNext on the replacement char: a word starts at every replacement.
        size_t start = 0;
        size_t pos = text.find(m_replacement, 1);
        while (pos != std::string::npos) {
            out.add(std::string_view(text).substr(start, pos - start));
            start = pos;
            pos = text.find(m_replacement, pos + m_replacement.size());
        }
        out.add(std::string_view(text).substr(start));
        return true;
    }

private:
    std::string m_replacement;
    Prepend m_scheme;
    bool m_split;
};

// ---- Char-predicate pre-tokenizers -----------------------------------------------------------

template <typename Pred>
class CharSplitPre final : public Stage {
public:
    CharSplitPre(Pred pred, Behavior behavior) : m_pred(pred), m_behavior(behavior) {}

    bool run(std::string_view piece, bool, Words& out) const override
    {
        if (piece.empty()) return false;
        std::vector<Span>& spans = spanScratch();
        charSpans(piece, m_pred, spans);
        return applyBehavior(piece, spans, m_behavior, false, [&](std::string_view w) { out.add(w); });
    }

private:
    Pred m_pred;
    Behavior m_behavior;
};

template <typename Pred>
std::unique_ptr<Stage> charSplit(Pred pred, Behavior behavior)
{
    return std::make_unique<CharSplitPre<Pred>>(pred, behavior);
}

struct IsWhiteSpace {
    bool operator()(char32_t c) const { return isWhiteSpace(c); }
};
struct IsPunctuation {
    bool operator()(char32_t c) const { return isUnicodePunctuation(c); }
};
struct IsNumeric {
    bool operator()(char32_t c) const { return isRustNumeric(c); }
};
struct IsChar {
    char32_t ch;
    bool operator()(char32_t c) const { return c == ch; }
};

// ---- Sequence ------------------------------------------------------------------------------

class SequencePre final : public Stage {
public:
    explicit SequencePre(std::vector<std::unique_ptr<Stage>> stages) : m_stages(std::move(stages)) {}

    bool run(std::string_view piece, bool atTextStart, Words& out) const override
    {
        if (m_stages.empty()) {
            out.add(piece);
            return !piece.empty();
        }
        if (m_stages.size() == 1) return m_stages[0]->run(piece, atTextStart, out);
        // Two buffers per nesting level, per thread.
        thread_local std::vector<std::unique_ptr<Words>> pool;
        thread_local size_t depth = 0;
        if (pool.size() < 2 * (depth + 1)) {
            pool.push_back(std::make_unique<Words>());
            pool.push_back(std::make_unique<Words>());
        }
        Words* current = pool[2 * depth].get();
        Words* next = pool[2 * depth + 1].get();
        ++depth;
        struct Leave {
            ~Leave() { --depth; }
        } leave;
        current->clear();
        bool firstAtStart = m_stages[0]->run(piece, atTextStart, *current) && atTextStart;
        for (size_t s = 1; s < m_stages.size(); ++s) {
            Words* target = s + 1 == m_stages.size() ? &out : next;
            if (target != &out) target->clear();
            bool stageFirst = false;
            bool gotFirst = false;
            for (size_t w = 0; w < current->size(); ++w) {
                const bool starts = w == 0 && firstAtStart;
                const size_t before = target->size();
                const bool r = m_stages[s]->run((*current)[w], starts, *target);
                if (!gotFirst && target->size() > before) {
                    gotFirst = true;
                    stageFirst = starts && r;
                }
            }
            firstAtStart = stageFirst;
            std::swap(current, next);
        }
        return firstAtStart;
    }

private:
    std::vector<std::unique_ptr<Stage>> m_stages;
};

// ---- Factory -------------------------------------------------------------------------------

std::unique_ptr<Stage> build(const nlohmann::json& spec, const Origin& origin, bool byteLevelRaw, bool* usedRaw);

std::unique_ptr<Stage> buildByteLevel(const nlohmann::json& spec, const Origin& origin, bool raw, bool* usedRaw)
{
    const bool addPrefixSpace = boolField(spec, "add_prefix_space", origin);
    boolField(spec, "trim_offsets", origin);  // required by the reference; offsets only
    const bool useRegex = spec.contains("use_regex") ? boolField(spec, "use_regex", origin) : true;
    if (raw && usedRaw) *usedRaw = true;
    return std::make_unique<ByteLevelPre>(addPrefixSpace, useRegex, raw);
}

std::unique_ptr<Stage> buildMetaspace(const nlohmann::json& spec, const Origin& origin)
{
    const std::string replacement = detail::charField(spec, "replacement", origin);
    // 0.23.3 accepts the legacy add_prefix_space (and str_rep, ignored); with both, they
    // must agree (add_prefix_space false with prepend_scheme "always" is an error there).
    std::optional<bool> addPrefixSpace;
    if (spec.contains("add_prefix_space")) addPrefixSpace = boolField(spec, "add_prefix_space", origin);
    Prepend scheme = Prepend::Always;
    if (spec.contains("prepend_scheme") && !spec["prepend_scheme"].is_null()) {
        const std::string s = stringField(spec, "prepend_scheme", origin);
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
    } else if (addPrefixSpace) {
        scheme = *addPrefixSpace ? Prepend::Always : Prepend::Never;
    }
    const bool split = spec.contains("split") ? boolField(spec, "split", origin) : true;
    return std::make_unique<MetaspacePre>(replacement, scheme, split);
}

std::unique_ptr<Stage> build(const nlohmann::json& spec, const Origin& origin, bool byteLevelRaw, bool* usedRaw)
{
    const std::string type = detail::componentType(spec, origin, "pre-tokenizer");
    if (type == "ByteLevel") return buildByteLevel(spec, origin, byteLevelRaw, usedRaw);
    if (type == "Split") {
        Regex regex = detail::patternField(spec, origin);
        const Behavior behavior = behaviorField(spec, origin);
        const bool invert = boolField(spec, "invert", origin);
        return std::make_unique<SplitPre>(std::move(regex), behavior, invert);
    }
    if (type == "Metaspace") return buildMetaspace(spec, origin);
    if (type == "Digits") {
        const bool individual = boolField(spec, "individual_digits", origin);
        return charSplit(IsNumeric{}, individual ? Behavior::Isolated : Behavior::Contiguous);
    }
    if (type == "Whitespace") {
        // `\w+|[^\w\s]+` in the Rust regex crate (not Oniguruma): its \w is Oniguruma's
        // in-class \w plus Join_Control (U+200C, U+200D), measured over all code points.
        return std::make_unique<SplitPre>(Regex::fromOniguruma(R"([\w\x{200C}\x{200D}]+|[^\w\x{200C}\x{200D}\s]+)"),
                                          Behavior::Removed, true);
    }
    if (type == "WhitespaceSplit") return charSplit(IsWhiteSpace{}, Behavior::Removed);
    if (type == "Punctuation") {
        const Behavior behavior = spec.contains("behavior") ? behaviorField(spec, origin) : Behavior::Isolated;
        return charSplit(IsPunctuation{}, behavior);
    }
    if (type == "BertPreTokenizer") {
        std::vector<std::unique_ptr<Stage>> stages;
        stages.push_back(charSplit(IsWhiteSpace{}, Behavior::Removed));
        stages.push_back(charSplit(IsPunctuation{}, Behavior::Isolated));
        return std::make_unique<SequencePre>(std::move(stages));
    }
    if (type == "CharDelimiterSplit") {
        const std::string d = detail::charField(spec, "delimiter", origin);
        size_t pos = 0;
        return charSplit(IsChar{decodeUtf8(d, pos)}, Behavior::Removed);
    }
    if (type == "Sequence") {
        const nlohmann::json& list = detail::arrayField(spec, "pretokenizers", origin);
        std::vector<std::unique_ptr<Stage>> stages;
        for (size_t i = 0; i < list.size(); ++i) {
            const Origin child = origin.child("pretokenizers").at(i);
            // Only the last stage may leave bytes raw: the ones after it would see them.
            const bool last = i + 1 == list.size();
            stages.push_back(build(list[i], child, byteLevelRaw && last, usedRaw));
        }
        return std::make_unique<SequencePre>(std::move(stages));
    }
    detail::unsupportedType(origin, "pre-tokenizer", type);
}

}  // namespace

std::unique_ptr<PreTokenizer> makePreTokenizer(const nlohmann::json& spec, const Origin& origin,
                                               bool allowByteLevelRaw, bool* usedByteLevelRaw)
{
    if (usedByteLevelRaw) *usedByteLevelRaw = false;
    if (spec.is_null()) return nullptr;
    bool used = false;
    std::unique_ptr<Stage> stage = build(spec, origin, allowByteLevelRaw, &used);
    if (usedByteLevelRaw) *usedByteLevelRaw = used;
    return stage;
}

}  // namespace lathe::tok
