// GGUF tokenizer metadata -> the tokenizer.json and tokenizer_config.json transformers 5.23.0
// ends up with after AutoTokenizer.from_pretrained(folder, gguf_file=...): the builder of
// integrations/gguf/gguf_tokenizer_mapping.py (LlamaTokenizer / GPT2Tokenizer shapes, merges
// from the file or recovered from scores), its added special tokens and split regex, then the
// outer TokenizersBackend's named special tokens and post-processor. Each rule below says
// which step of transformers it mirrors; the added-token id rules are the `tokenizers` crate's.
#include "tokenizer/gguf_tokenizer.h"

#include "core/error.h"
#include "io/gguf_file.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lathe::tok {
namespace {

using nlohmann::json;

// ---- UTF-8 ------------------------------------------------------------------------------

// Python's bytes.decode("utf-8") (strict): no overlongs, surrogates or code points past U+10FFFF.
bool validUtf8(std::string_view s)
{
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= n) {
            return false;
        }
        for (int i = 1; i <= n; ++i) {
            if ((p[i] & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
            return false;
        }
        p += n + 1;
    }
    return true;
}

// Code points of valid UTF-8 (validated before).
std::vector<std::uint32_t> codePoints(std::string_view s)
{
    std::vector<std::uint32_t> out;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        const unsigned char c = *p;
        int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
        std::uint32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
        for (int i = 1; i <= n; ++i) {
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        out.push_back(cp);
        p += n + 1;
    }
    return out;
}

// Byte offsets where each code point starts, plus the end.
std::vector<std::size_t> codePointOffsets(std::string_view s)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            out.push_back(i);
        }
    }
    out.push_back(s.size());
    return out;
}

std::string encodeUtf8(std::uint32_t cp)
{
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

// GPT-2's bytes_to_unicode(): printable bytes stand for themselves, the other 68 for U+0100...
struct ByteAlphabet {
    std::array<std::string, 256> spelling;
    std::array<std::uint32_t, 256> codePoint{};
    ByteAlphabet()
    {
        std::uint32_t next = 256;
        for (std::uint32_t b = 0; b < 256; ++b) {
            const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
            codePoint[b] = printable ? b : next++;
            spelling[b] = encodeUtf8(codePoint[b]);
        }
    }
    static bool contains(std::uint32_t cp)
    {
        return (cp >= 33 && cp <= 126) || (cp >= 161 && cp <= 172) || (cp >= 174 && cp <= 255) || (cp >= 256 && cp < 256 + 68);
    }
    // set(token) <= alphabet
    static bool spells(std::string_view token)
    {
        for (const std::uint32_t cp : codePoints(token)) {
            if (!contains(cp)) {
                return false;
            }
        }
        return true;
    }
    std::string respell(std::string_view token) const
    {
        std::string out;
        for (const char c : token) {
            out += spelling[static_cast<unsigned char>(c)];
        }
        return out;
    }
};

const ByteAlphabet& byteAlphabet()
{
    static const ByteAlphabet alphabet;
    return alphabet;
}

// ---- The pieces transformers' tokenizer classes build (as `tokenizers` serializes them) ----

const char* const kMetaspace = "\xE2\x96\x81";  // "▁"

json metaspacePreTokenizer()
{
    // LlamaTokenizer: add_prefix_space defaults to True and legacy to False -> "first".
    return {{"type", "Metaspace"}, {"replacement", kMetaspace}, {"prepend_scheme", "first"}, {"split", false}};
}

json sentencePieceDecoder()
{
    return {{"type", "Sequence"},
            {"decoders",
             json::array({{{"type", "Replace"}, {"pattern", {{"String", kMetaspace}}}, {"content", " "}},
                          {{"type", "ByteFallback"}},
                          {{"type", "Fuse"}},
                          {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}})}};
}

json byteLevel(bool addPrefixSpace, bool useRegex)
{
    return {{"type", "ByteLevel"}, {"add_prefix_space", addPrefixSpace}, {"trim_offsets", true}, {"use_regex", useRegex}};
}

// GGUF_PRE_TOKENIZER_SPLITS of gguf_tokenizer_mapping.py (transformers 5.23.0), by
// tokenizer.ggml.pre. Any other name (including "default", "gpt-2", "smollm", none) keeps
// the builder's pre-tokenizer.
const char* splitRegexFor(std::string_view pre)
{
    static const char* const llama3 =
        R"re((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
    static const char* const tekken =
        R"re([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
    static const char* const qwen2 =
        R"re((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
    static const char* const qwen35 =
        R"re((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?[\p{L}\p{M}]+|\p{N}| ?[^\s\p{L}\p{M}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
    static const char* const gpt4o =
        R"re([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
    static const std::unordered_map<std::string_view, const char*> table = {
        {"llama3", llama3},        {"llama-v3", llama3},   {"llama-bpe", llama3},    {"falcon3", llama3},
        {"falcon-h1", llama3},     {"pixtral", llama3},    {"midm-2.0", llama3},     {"lfm2", llama3},
        {"jina-v5-nano", llama3},  {"dbrx", llama3},       {"smaug-bpe", llama3},    {"tekken", tekken},
        {"qwen2", qwen2},          {"deepseek-r1-qwen", qwen2}, {"kormo", qwen2},    {"f2llmv2", qwen2},
        {"megrez", qwen2},         {"qwen35", qwen35},     {"gpt-4o", gpt4o},        {"llama4", gpt4o},
        {"kanana2", gpt4o},        {"talkie", gpt4o},      {"minimax-m2", gpt4o},
    };
    const auto it = table.find(pre);
    return it == table.end() ? nullptr : it->second;
}

// ---- The state of a tokenizers.Tokenizer while transformers builds it ---------------------

struct Added {
    std::string content;
    bool special = false;
    bool normalized = false;
};

class Builder {
public:
    std::unordered_map<std::string, std::int64_t> vocab;  // model vocabulary (BPE)
    std::vector<std::pair<std::string, std::string>> merges;
    // Added tokens: content -> id and id -> token, as tokenizers' AddedVocabulary keeps them.
    std::unordered_map<std::string, std::int64_t> addedIds;
    std::map<std::int64_t, Added> addedById;

    bool inVocabOrAdded(const std::string& token) const { return addedIds.count(token) != 0 || vocab.count(token) != 0; }

    std::optional<std::int64_t> tokenToId(const std::string& token) const
    {
        if (const auto it = addedIds.find(token); it != addedIds.end()) {
            return it->second;
        }
        if (const auto it = vocab.find(token); it != vocab.end()) {
            return it->second;
        }
        return std::nullopt;
    }

    // AddedVocabulary::add_tokens for one token: a token equal in content and flags to one
    // already added is ignored; otherwise it keeps the id it has (added or in the model) or
    // gets the next one past both the model's size and the added ids, and its flags replace
    // any earlier ones.
    void add(const std::string& content, bool special, bool normalized)
    {
        if (content.empty()) {
            return;
        }
        if (const auto it = addedIds.find(content); it != addedIds.end()) {
            const Added& old = addedById.at(it->second);
            if (old.special == special && old.normalized == normalized) {
                return;
            }
        }
        std::int64_t id = 0;
        if (const auto existing = tokenToId(content)) {
            id = *existing;
        } else {
            const auto vocabSize = static_cast<std::int64_t>(vocab.size());
            if (addedById.empty()) {
                id = vocabSize;
            } else {
                const std::int64_t maxId = addedById.rbegin()->first;
                id = (maxId >= vocabSize || vocabSize == 0) ? maxId + 1 : vocabSize;
            }
        }
        addedIds[content] = id;
        addedById[id] = Added{content, special, normalized};
    }
};

// ---- Reading the metadata as transformers' reader does -----------------------------------

class Converter {
public:
    explicit Converter(const GgufFile& gguf) : m_gguf(gguf), m_file(gguf.name()) {}
    TokenizerDocuments run();

private:
    [[noreturn]] void invalid(const std::string& field, const std::string& reason) const { throwInvalid(m_file, field, reason); }
    [[noreturn]] void unsupported(const std::string& field, const std::string& reason) const
    {
        throw Error(ErrorKind::Unsupported, m_file, field, reason);
    }

    void checkReadable() const;
    std::vector<std::string_view> stringArray(const char* key, bool required) const;
    std::optional<std::string> tokenForId(const char* key, const std::vector<std::string_view>& tokens) const;
    std::optional<bool> flag(const char* key) const;
    json valueToJson(const GgufValue& value) const;

    void buildMerges(Builder& b, const std::vector<std::string_view>& tokens, bool gemmaOrder) const;
    void checkMerges(const Builder& b) const;

    const GgufFile& m_gguf;
    std::string m_file;
};

// transformers' reader fails on what it cannot read anywhere in the metadata (not only in
// tokenizer.*): nested arrays, and strings that are not UTF-8 (keys, string values, and the
// two string arrays it decodes).
void Converter::checkReadable() const
{
    for (const GgufFile::Entry& entry : m_gguf.metadata()) {
        if (!validUtf8(entry.key)) {
            invalid(entry.key, "metadata key is not valid UTF-8");
        }
        const GgufValue& v = entry.value;
        if (v.type() == GgufType::String && !validUtf8(v.asString())) {
            invalid(entry.key, "string value is not valid UTF-8");
        }
        if (v.isArray() && v.elementType() == GgufType::Array) {
            unsupported(entry.key, "an array of arrays, which transformers' GGUF reader cannot read");
        }
    }
}

std::vector<std::string_view> Converter::stringArray(const char* key, bool required) const
{
    const GgufValue* v = m_gguf.find(key);
    if (v == nullptr) {
        if (required) {
            invalid(key, "missing: the tokenizer cannot be built without it");
        }
        return {};
    }
    if (!v->isArray() || v->elementType() != GgufType::String) {
        invalid(key, "expected an ARRAY of STRING, found " +
                         (v->isArray() ? "an ARRAY of " + ggufTypeName(v->elementType()) : ggufTypeName(v->type())));
    }
    std::vector<std::string_view> out = v->strings();
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (!validUtf8(out[i])) {
            invalid(std::string(key) + "[" + std::to_string(i) + "]", "not valid UTF-8");
        }
    }
    return out;
}

// tokenizer_config[name] = tokens[token_id] (Python indexing: negative ids count from the end).
std::optional<std::string> Converter::tokenForId(const char* key, const std::vector<std::string_view>& tokens) const
{
    const GgufValue* v = m_gguf.find(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    std::int64_t id = 0;
    if (v->isInteger()) {
        id = v->asInt();
    } else if (v->type() == GgufType::Bool) {
        id = v->asBool() ? 1 : 0;
    } else {
        invalid(key, "expected an integer token id, found " + ggufTypeName(v->type()));
    }
    const auto n = static_cast<std::int64_t>(tokens.size());
    const std::int64_t index = id < 0 ? id + n : id;
    if (index < 0 || index >= n) {
        invalid(key, "token id " + std::to_string(id) + " is outside the vocabulary of " + std::to_string(n) + " tokens");
    }
    return std::string(tokens[static_cast<std::size_t>(index)]);
}

std::optional<bool> Converter::flag(const char* key) const
{
    const GgufValue* v = m_gguf.find(key);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (v->type() == GgufType::Bool) {
        return v->asBool();
    }
    if (v->isInteger()) {
        return v->asInt() != 0;
    }
    invalid(key, "expected a BOOL, found " + ggufTypeName(v->type()));
}

json Converter::valueToJson(const GgufValue& v) const
{
    switch (v.type()) {
    case GgufType::String: return std::string(v.asString());
    case GgufType::Bool: return v.asBool();
    case GgufType::Float32:
    case GgufType::Float64: return v.asDouble();
    case GgufType::Array: {
        json out = json::array();
        for (std::uint64_t i = 0; i < v.size(); ++i) {
            out.push_back(valueToJson(v.at(i)));
        }
        return out;
    }
    default: return v.asInt();
    }
}

// get_merges(): the file's merges split on " ", else generate_merges(vocab, scores): every
// split of every token into two vocabulary pieces, ordered by the token's score (highest
// first), then by the pieces' lengths in code points (longest first); ties keep the order of
// first appearance of the token, and within a token the order of the pieces' ids.
void Converter::buildMerges(Builder& b, const std::vector<std::string_view>& tokens, bool gemmaOrder) const
{
    if (m_gguf.find("tokenizer.ggml.merges") != nullptr) {
        const auto merges = stringArray("tokenizer.ggml.merges", false);
        b.merges.reserve(merges.size());
        for (std::size_t i = 0; i < merges.size(); ++i) {
            const std::string_view m = merges[i];
            const auto space = m.find(' ');
            if (space == std::string_view::npos || m.find(' ', space + 1) != std::string_view::npos) {
                invalid("tokenizer.ggml.merges[" + std::to_string(i) + "]",
                        "\"" + std::string(m) + "\" is not two tokens separated by one space");
            }
            b.merges.emplace_back(std::string(m.substr(0, space)), std::string(m.substr(space + 1)));
        }
        return;
    }

    // vocab_scores = dict(zip(tokens, scores)) (or {token: -index} for Gemma): a later
    // duplicate token overwrites the score but keeps the first position.
    std::vector<double> scores;
    if (gemmaOrder) {
        scores.resize(tokens.size());
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            scores[i] = -static_cast<double>(i);
        }
    } else {
        const GgufValue* v = m_gguf.find("tokenizer.ggml.scores");
        if (v == nullptr) {
            invalid("tokenizer.ggml.scores", "missing: a file without merges needs scores to recover them");
        }
        if (!v->isArray()) {
            invalid("tokenizer.ggml.scores", "expected an ARRAY of numbers, found " + ggufTypeName(v->type()));
        }
        scores = v->doubles();
    }
    // generate_merges() looks pieces up in {token: index} of the file's own spelling (for a
    // byte-level file that is not the respelled BPE vocabulary; BPE() then checks the result).
    std::unordered_map<std::string_view, std::int64_t> rawVocab;
    rawVocab.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        rawVocab[tokens[i]] = static_cast<std::int64_t>(i);
    }
    const std::size_t count = std::min(tokens.size(), scores.size());
    std::vector<std::string_view> order;
    std::unordered_map<std::string_view, double> scoreOf;
    for (std::size_t i = 0; i < count; ++i) {
        if (scoreOf.find(tokens[i]) == scoreOf.end()) {
            order.push_back(tokens[i]);
        }
        scoreOf[tokens[i]] = scores[i];
    }

    struct Candidate {
        std::string_view left, right;
        double score;
        std::size_t leftLength, rightLength;
    };
    std::vector<Candidate> all;
    std::vector<Candidate> local;
    for (const std::string_view merge : order) {
        const double score = scoreOf[merge];
        const std::vector<std::size_t> offsets = codePointOffsets(merge);
        const std::size_t length = offsets.size() - 1;
        local.clear();
        for (std::size_t k = 1; k < length; ++k) {
            const std::string_view left = merge.substr(0, offsets[k]);
            const std::string_view right = merge.substr(offsets[k]);
            if (rawVocab.count(left) != 0 && rawVocab.count(right) != 0) {
                local.push_back({left, right, score, k, length - k});
            }
        }
        std::stable_sort(local.begin(), local.end(), [&](const Candidate& x, const Candidate& y) {
            const auto xl = rawVocab.at(x.left), yl = rawVocab.at(y.left);
            if (xl != yl) {
                return xl < yl;
            }
            return rawVocab.at(x.right) < rawVocab.at(y.right);
        });
        all.insert(all.end(), local.begin(), local.end());
    }
    // sorted(..., key=(score, len(l), len(r)), reverse=True) is stable for equal keys.
    std::stable_sort(all.begin(), all.end(), [](const Candidate& x, const Candidate& y) {
        if (x.score != y.score) {
            return x.score > y.score;
        }
        if (x.leftLength != y.leftLength) {
            return x.leftLength > y.leftLength;
        }
        return x.rightLength > y.rightLength;
    });
    b.merges.reserve(all.size());
    for (const Candidate& c : all) {
        b.merges.emplace_back(std::string(c.left), std::string(c.right));
    }
}

// BPE(vocab, merges) refuses merges whose pieces or result are not in the vocabulary.
void Converter::checkMerges(const Builder& b) const
{
    for (std::size_t i = 0; i < b.merges.size(); ++i) {
        const auto& [left, right] = b.merges[i];
        for (const std::string* piece : {&left, &right}) {
            if (b.vocab.count(*piece) == 0) {
                invalid("tokenizer.ggml.merges[" + std::to_string(i) + "]", "token \"" + *piece + "\" is not in the vocabulary");
            }
        }
        if (b.vocab.count(left + right) == 0) {
            invalid("tokenizer.ggml.merges[" + std::to_string(i) + "]", "merged token \"" + left + right + "\" is not in the vocabulary");
        }
    }
}

json templateProcessing(const std::optional<std::pair<std::string, std::int64_t>>& bos,
                        const std::optional<std::pair<std::string, std::int64_t>>& eos)
{
    auto special = [](const std::string& id, int typeId) { return json{{"SpecialToken", {{"id", id}, {"type_id", typeId}}}}; };
    auto sequence = [](const char* id, int typeId) { return json{{"Sequence", {{"id", id}, {"type_id", typeId}}}}; };
    json single = json::array();
    json pair = json::array();
    if (bos) {
        single.push_back(special(bos->first, 0));
    }
    single.push_back(sequence("A", 0));
    if (eos) {
        single.push_back(special(eos->first, 0));
    }
    pair = single;
    if (bos) {
        pair.push_back(special(bos->first, 1));
    }
    pair.push_back(sequence("B", 1));
    if (eos) {
        pair.push_back(special(eos->first, 1));
    }
    json specialTokens = json::object();
    for (const auto* token : {&bos, &eos}) {
        if (*token) {
            specialTokens[(*token)->first] = {{"id", (*token)->first}, {"ids", {(*token)->second}}, {"tokens", {(*token)->first}}};
        }
    }
    return {{"type", "TemplateProcessing"}, {"single", single}, {"pair", pair}, {"special_tokens", specialTokens}};
}

TokenizerDocuments Converter::run()
{
    checkReadable();
    const GgufValue* archValue = m_gguf.find("general.architecture");
    if (archValue == nullptr) {
        invalid("general.architecture", "missing (transformers needs it to load a GGUF)");
    }
    if (!archValue->isString()) {
        invalid("general.architecture", "expected a STRING, found " + ggufTypeName(archValue->type()));
    }
    const std::string architecture(archValue->asString());

    std::optional<std::string> model;
    if (const GgufValue* v = m_gguf.find("tokenizer.ggml.model")) {
        if (!v->isString()) {
            invalid("tokenizer.ggml.model", "expected a STRING, found " + ggufTypeName(v->type()));
        }
        model = std::string(v->asString());
    }
    // select_tokenizer_builder()
    enum class Kind { SentencePiece, Phi3, ByteLevel };
    Kind kind{};
    const bool gemmaArch = architecture == "gemma" || architecture == "gemma2" || architecture == "gemma3";
    if (model == "llama" && gemmaArch) {
        unsupported("general.architecture", "\"" + architecture + "\" with tokenizer.ggml.model \"llama\" (transformers' GemmaTokenizer conversion) is not converted by Lathe yet");
    } else if (model == "llama" && architecture == "phi3") {
        kind = Kind::Phi3;
    } else if (model == "llama") {
        kind = Kind::SentencePiece;
    } else if (model == "gpt2") {
        kind = Kind::ByteLevel;
    } else if (model == "t5" || model == "gemma4") {
        unsupported("tokenizer.ggml.model", "\"" + *model + "\" (transformers converts it with " +
                                                (*model == "t5" ? "T5Tokenizer, a Unigram model" : "GemmaTokenizer") +
                                                ") is not converted by Lathe yet");
    } else {
        unsupported("tokenizer.ggml.model",
                    (model ? "\"" + *model + "\"" : std::string("missing")) +
                        ": transformers can build a tokenizer only from \"gemma4\", \"gpt2\", \"llama\" or \"t5\"");
    }

    const std::vector<std::string_view> tokens = stringArray("tokenizer.ggml.tokens", true);
    Builder b;
    const ByteAlphabet& alphabet = byteAlphabet();
    // vocab = {token: index}: a repeated token keeps its last index.
    b.vocab.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        std::string token(tokens[i]);
        if (kind == Kind::ByteLevel && !ByteAlphabet::spells(token)) {
            token = alphabet.respell(token);
        }
        b.vocab[std::move(token)] = static_cast<std::int64_t>(i);
    }
    buildMerges(b, tokens, false);
    checkMerges(b);

    json doc;
    doc["version"] = "1.0";
    doc["truncation"] = nullptr;
    doc["padding"] = nullptr;
    json bpe = {{"type", "BPE"}, {"dropout", nullptr}, {"unk_token", nullptr}, {"ignore_merges", false}};
    if (kind == Kind::ByteLevel) {
        // GPT2Tokenizer.__init__
        bpe["continuing_subword_prefix"] = "";
        bpe["end_of_word_suffix"] = "";
        bpe["fuse_unk"] = false;
        bpe["byte_fallback"] = false;
        doc["normalizer"] = nullptr;
        doc["pre_tokenizer"] = byteLevel(false, true);
        doc["decoder"] = byteLevel(true, true);
    } else {
        // LlamaTokenizer.__init__ (+ phi3_tokenizer's normalizer in place of Metaspace)
        bpe["continuing_subword_prefix"] = nullptr;
        bpe["end_of_word_suffix"] = nullptr;
        bpe["fuse_unk"] = true;
        bpe["byte_fallback"] = true;
        if (kind == Kind::Phi3) {
            doc["normalizer"] = {{"type", "Sequence"},
                                 {"normalizers",
                                  json::array({{{"type", "Prepend"}, {"prepend", kMetaspace}},
                                               {{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", kMetaspace}}})}};
            doc["pre_tokenizer"] = nullptr;
        } else {
            doc["normalizer"] = nullptr;
            doc["pre_tokenizer"] = metaspacePreTokenizer();
        }
        doc["decoder"] = sentencePieceDecoder();
    }

    // The builder class's own special tokens, added by its TokenizersBackend.__init__ in
    // SPECIAL_TOKENS_ATTRIBUTES order (bos, eos, unk) as AddedToken(special=True).
    if (kind == Kind::ByteLevel) {
        b.add("<|endoftext|>", true, false);
    } else {
        b.add("<s>", true, false);
        b.add("</s>", true, false);
        b.add("<unk>", true, false);
    }

    // add_gguf_special_tokens(): CONTROL (3) tokens as special (in a byte-level vocabulary
    // only those spelled in the byte alphabet), then USER_DEFINED (4) tokens present in the
    // vocabulary as plain added tokens; both with normalized=False.
    if (const GgufValue* types = m_gguf.find("tokenizer.ggml.token_type")) {
        if (!types->isArray()) {
            invalid("tokenizer.ggml.token_type", "expected an ARRAY of integers, found " + ggufTypeName(types->type()));
        }
        if (types->elementType() == GgufType::String || types->elementType() == GgufType::Array) {
            invalid("tokenizer.ggml.token_type", "expected an ARRAY of integers, found an ARRAY of " + ggufTypeName(types->elementType()));
        }
        const std::vector<double> typeOf = types->doubles();
        const std::size_t n = std::min(typeOf.size(), tokens.size());
        for (std::size_t i = 0; i < n; ++i) {
            if (typeOf[i] == 3 && (kind != Kind::ByteLevel || ByteAlphabet::spells(tokens[i]))) {
                b.add(std::string(tokens[i]), true, false);
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (typeOf[i] == 4 && b.inVocabOrAdded(std::string(tokens[i]))) {
                b.add(std::string(tokens[i]), false, false);
            }
        }
    }

    // set_split_regex()
    std::optional<std::string> pre;
    if (const GgufValue* v = m_gguf.find("tokenizer.ggml.pre")) {
        if (v->isString()) {
            pre = std::string(v->asString());
        }
    }
    if (pre) {
        if (const char* regex = splitRegexFor(*pre)) {
            doc["pre_tokenizer"] = {{"type", "Sequence"},
                                    {"pretokenizers",
                                     json::array({{{"type", "Split"}, {"pattern", {{"Regex", regex}}}, {"behavior", "Isolated"}, {"invert", false}},
                                                  byteLevel(false, false)})}};
        }
    }

    // get_gguf_tokenizer(): the tokenizer_config kwargs.
    json config = json::object();
    std::optional<bool> addBos = flag("tokenizer.ggml.add_bos_token");
    const std::optional<bool> addEos = flag("tokenizer.ggml.add_eos_token");
    if (const GgufValue* v = m_gguf.find("tokenizer.chat_template")) {
        config["chat_template"] = valueToJson(*v);
    }
    if (!addBos && model == "llama") {
        addBos = true;  // older files have no flag; llama.cpp adds BOS to sentencepiece vocabularies
    }
    if (addBos) {
        config["add_bos_token"] = *addBos;
    }
    if (addEos) {
        config["add_eos_token"] = *addEos;
    }
    const std::optional<std::string> bos = tokenForId("tokenizer.ggml.bos_token_id", tokens);
    const std::optional<std::string> eos = tokenForId("tokenizer.ggml.eos_token_id", tokens);
    const std::optional<std::string> unk = tokenForId("tokenizer.ggml.unknown_token_id", tokens);
    const std::optional<std::string> pad = tokenForId("tokenizer.ggml.padding_token_id", tokens);

    // The outer TokenizersBackend.__init__: named special tokens that are not added tokens yet
    // become AddedToken(special=True, normalized=False); ones already added keep their flags.
    std::vector<std::string> named;
    for (const auto* token : {&bos, &eos, &unk, &pad}) {
        if (*token && std::find(named.begin(), named.end(), **token) == named.end()) {
            named.push_back(**token);
        }
    }
    for (const std::string& token : named) {
        if (b.addedIds.count(token) == 0) {
            b.add(token, true, false);
        }
    }
    // Qwen2Tokenizer (the class AutoTokenizer picks for these architectures) adds its special
    // tokens once more as AddedToken(special=True), which makes a user-defined one special.
    static const std::unordered_set<std::string_view> qwen2Architectures = {"qwen2", "qwen2moe", "qwen3", "qwen3moe"};
    if (qwen2Architectures.count(architecture) != 0) {
        for (const std::string& token : named) {
            b.add(token, true, false);
        }
    }

    // update_post_processor() runs when the config states add_bos_token or add_eos_token;
    // otherwise the builder's own (no special tokens) stays. Either way it is a template.
    std::optional<std::pair<std::string, std::int64_t>> bosPiece, eosPiece;
    if (addBos.value_or(false) && bos) {
        bosPiece = {{*bos, *b.tokenToId(*bos)}};
    }
    if (addEos.value_or(false) && eos) {
        eosPiece = {{*eos, *b.tokenToId(*eos)}};
    }
    doc["post_processor"] = templateProcessing(bosPiece, eosPiece);

    json vocab = json::object();
    for (const auto& [token, id] : b.vocab) {
        vocab[token] = id;
    }
    json merges = json::array();
    for (auto& [left, right] : b.merges) {
        merges.push_back(json::array({std::move(left), std::move(right)}));
    }
    bpe["vocab"] = std::move(vocab);
    bpe["merges"] = std::move(merges);
    doc["model"] = std::move(bpe);

    json added = json::array();
    for (const auto& [id, token] : b.addedById) {
        added.push_back({{"id", id},
                         {"content", token.content},
                         {"single_word", false},
                         {"lstrip", false},
                         {"rstrip", false},
                         {"normalized", token.normalized},
                         {"special", token.special}});
    }
    doc["added_tokens"] = std::move(added);

    for (const auto& [name, value] : {std::pair{"bos_token", &bos}, {"eos_token", &eos}, {"unk_token", &unk}, {"pad_token", &pad}}) {
        config[name] = *value ? json(**value) : json(nullptr);
    }
    config["clean_up_tokenization_spaces"] = false;
    config["backend"] = "tokenizers";
    // Everything model-specific is in tokenizer.json, so the generic class reloads it exactly.
    config["tokenizer_class"] = "TokenizersBackend";
    return {std::move(doc), std::move(config)};
}

}  // namespace

TokenizerDocuments tokenizerDocumentsFromGguf(const GgufFile& gguf)
{
    return Converter(gguf).run();
}

}  // namespace lathe::tok
