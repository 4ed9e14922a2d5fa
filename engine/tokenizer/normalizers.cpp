// Normalizers of tokenizers 0.23.3, rewriting a piece of text in place. Only the normalized
// text matters to the engine (no alignments), so each is a plain string transform; the
// Unicode data is the reference's (see unicode_text.cpp), and ASCII takes exact fast paths.
#include "tokenizer/components.h"
#include "tokenizer/unicode_text.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace lathe::tok {
namespace {

class UnicodeNorm final : public Normalizer {
public:
    explicit UnicodeNorm(NormForm form) : m_form(form) {}
    void normalize(std::string& text) const override
    {
        if (isAscii(text)) return;
        thread_local std::string out;
        out.clear();
        normalizeUnicode(text, m_form, out);
        text.swap(out);
    }

private:
    NormForm m_form;
};

class Lowercase final : public Normalizer {
public:
    void normalize(std::string& text) const override
    {
        if (isAscii(text)) {
            for (char& c : text) {
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
            }
            return;
        }
        thread_local std::string out;
        out.clear();
        out.reserve(text.size() + 8);
        for (size_t i = 0; i < text.size();) appendLowercase(out, decodeUtf8(text, i));
        text.swap(out);
    }
};

class Strip final : public Normalizer {
public:
    Strip(bool left, bool right) : m_left(left), m_right(right) {}
    void normalize(std::string& text) const override
    {
        size_t begin = 0;
        size_t end = text.size();
        if (m_left) {
            while (begin < end) {
                size_t next = begin;
                if (!isWhiteSpace(decodeUtf8(text, next))) break;
                begin = next;
            }
        }
        if (m_right) {
            while (end > begin) {
                size_t start = end - 1;
                while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
                size_t pos = start;
                if (!isWhiteSpace(decodeUtf8(text, pos))) break;
                end = start;
            }
        }
        if (begin == 0 && end == text.size()) return;
        text = text.substr(begin, end - begin);
    }

private:
    bool m_left;
    bool m_right;
};

class StripAccents final : public Normalizer {
public:
    void normalize(std::string& text) const override
    {
        if (isAscii(text)) return;
        size_t w = 0;
        for (size_t i = 0; i < text.size();) {
            const size_t at = i;
            const char32_t cp = decodeUtf8(text, i);
            if (isReferenceCombiningMark(cp)) continue;
            for (size_t k = at; k < i; ++k) text[w++] = text[k];
        }
        text.resize(w);
    }
};

class Replace final : public Normalizer {
public:
    Replace(Regex regex, std::string content) : m_regex(std::move(regex)), m_content(std::move(content)) {}
    void normalize(std::string& text) const override
    {
        thread_local std::string out;
        out.clear();
        size_t prev = 0;
        bool any = false;
        m_regex.forEachMatch(text, [&](size_t s, size_t e) {
            out.append(text, prev, s - prev);
            out += m_content;
            prev = e;
            any = true;
        });
        if (!any) return;
        out.append(text, prev, std::string::npos);
        text.swap(out);
    }

private:
    Regex m_regex;
    std::string m_content;
};

class Prepend final : public Normalizer {
public:
    explicit Prepend(std::string prefix) : m_prefix(std::move(prefix)) {}
    void normalize(std::string& text) const override
    {
        if (!text.empty()) text.insert(0, m_prefix);
    }

private:
    std::string m_prefix;
};

class Sequence final : public Normalizer {
public:
    explicit Sequence(std::vector<std::unique_ptr<Normalizer>> stages) : m_stages(std::move(stages)) {}
    void normalize(std::string& text) const override
    {
        for (const auto& s : m_stages) s->normalize(text);
    }

private:
    std::vector<std::unique_ptr<Normalizer>> m_stages;
};

}  // namespace

std::unique_ptr<Normalizer> makeNormalizer(const nlohmann::json& spec, const Origin& origin)
{
    if (spec.is_null()) return nullptr;
    const std::string type = detail::componentType(spec, origin, "normalizer");
    if (type == "NFC") return std::make_unique<UnicodeNorm>(NormForm::Nfc);
    if (type == "NFD") return std::make_unique<UnicodeNorm>(NormForm::Nfd);
    if (type == "NFKC") return std::make_unique<UnicodeNorm>(NormForm::Nfkc);
    if (type == "NFKD") return std::make_unique<UnicodeNorm>(NormForm::Nfkd);
    if (type == "Lowercase") return std::make_unique<Lowercase>();
    if (type == "StripAccents") return std::make_unique<StripAccents>();
    if (type == "Strip") {
        const bool left = detail::boolField(spec, "strip_left", origin);
        const bool right = detail::boolField(spec, "strip_right", origin);
        return std::make_unique<Strip>(left, right);
    }
    if (type == "Replace") {
        Regex regex = detail::patternField(spec, origin);
        return std::make_unique<Replace>(std::move(regex), detail::stringField(spec, "content", origin));
    }
    if (type == "Prepend") return std::make_unique<Prepend>(detail::stringField(spec, "prepend", origin));
    if (type == "Sequence") {
        const nlohmann::json& list = detail::arrayField(spec, "normalizers", origin);
        std::vector<std::unique_ptr<Normalizer>> stages;
        for (size_t i = 0; i < list.size(); ++i) {
            const Origin child = origin.child("normalizers").at(i);
            if (list[i].is_null()) throwInvalid(child.file, child.field, "expected a normalizer object, found null");
            stages.push_back(makeNormalizer(list[i], child));
        }
        return std::make_unique<Sequence>(std::move(stages));
    }
    if (type == "Precompiled") {
        detail::unsupportedType(origin, "normalizer", type,
                                "the SentencePiece precompiled charsmap is not implemented");
    }
    detail::unsupportedType(origin, "normalizer", type);
}

}  // namespace lathe::tok
