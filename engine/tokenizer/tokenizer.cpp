// Loads tokenizer.json (+ tokenizer_config.json) into the pipeline stages and runs them the way
// `tokenizers` and transformers' fast tokenizers do: added tokens split out first (raw ones on
// the raw text, normalized ones on the normalized text), normalizer, pre-tokenizer, BPE per
// word, post-processor; and ids -> token strings -> decoder chain on the way back.
#include "tokenizer/tokenizer.h"

#include "core/error.h"
#include "core/file_io.h"
#include "core/mapped_file.h"
#include "io/gguf_file.h"
#include "tokenizer/added_tokens.h"
#include "tokenizer/bpe.h"
#include "tokenizer/gguf_tokenizer.h"
#include "tokenizer/post_processors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace fs = std::filesystem;

namespace lathe::tok {

namespace {

// Offset of the first byte that is not valid UTF-8 (Rust's str rules: no overlongs, no
// surrogates, nothing past U+10FFFF), or npos.
size_t invalidUtf8Offset(std::string_view s)
{
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t chunk;
            std::memcpy(&chunk, p + i, 8);
            if ((chunk & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char b0 = p[i];
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        size_t length;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            if (b0 == 0xE0) lo = 0xA0;
            if (b0 == 0xED) hi = 0x9F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            if (b0 == 0xF0) lo = 0x90;
            if (b0 == 0xF4) hi = 0x8F;
        } else {
            return i;
        }
        if (i + length > n) return i;
        if (p[i + 1] < lo || p[i + 1] > hi) return i;
        for (size_t k = 2; k < length; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

nlohmann::json parseJson(std::string_view text, const std::string& file)
{
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann's message carries the byte position; drop its "[json.exception...]" prefix.
        std::string what = e.what();
        if (const auto close = what.find("] "); close != std::string::npos) what = what.substr(close + 2);
        throwInvalid(file, {}, "not valid JSON: " + what);
    }
}

bool boolField(const nlohmann::json& object, const char* key, bool fallback, const Origin& origin)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) throwInvalid(origin.file, origin.child(key).field, "must be true or false");
    return it->get<bool>();
}

AddedToken addedTokenFrom(const nlohmann::json& entry, const Origin& origin, bool requireId)
{
    if (!entry.is_object()) throwInvalid(origin.file, origin.field, "an added token is an object");
    AddedToken token;
    const auto content = entry.find("content");
    if (content == entry.end() || !content->is_string()) {
        throwInvalid(origin.file, origin.child("content").field, "must be a string");
    }
    token.content = content->get<std::string>();
    if (const size_t bad = invalidUtf8Offset(token.content); bad != std::string_view::npos) {
        throwInvalid(origin.file, origin.child("content").field, "is not valid UTF-8");
    }
    if (requireId) {
        const auto id = entry.find("id");
        if (id == entry.end() || !id->is_number_integer() || id->get<int64_t>() < 0 || id->get<int64_t>() > INT32_MAX) {
            throwInvalid(origin.file, origin.child("id").field, "must be a token id (an integer >= 0)");
        }
        token.id = static_cast<int32_t>(id->get<int64_t>());
    }
    token.special = boolField(entry, "special", false, origin);
    token.singleWord = boolField(entry, "single_word", false, origin);
    token.lstrip = boolField(entry, "lstrip", false, origin);
    token.rstrip = boolField(entry, "rstrip", false, origin);
    token.normalized = boolField(entry, "normalized", !token.special, origin);
    return token;
}

bool sameToken(const AddedToken& a, const AddedToken& b)
{
    return a.content == b.content && a.singleWord == b.singleWord && a.lstrip == b.lstrip && a.rstrip == b.rstrip &&
           a.normalized == b.normalized && a.special == b.special;
}

}  // namespace

struct Tokenizer::Impl {
    std::string source;
    std::unique_ptr<Normalizer> normalizer;
    std::unique_ptr<PreTokenizer> preTokenizer;
    std::unique_ptr<BpeModel> model;
    std::unique_ptr<PostProcessor> postProcessor;
    std::unique_ptr<Decoder> decoder;

    // The added vocabulary, kept as the reference keeps it: special and classic tokens in the
    // order they were added (these lists decide the matching patterns), and per id the token
    // whose flags decide single_word / lstrip / rstrip.
    std::vector<AddedToken> specialList;
    std::vector<AddedToken> classicList;
    std::map<int32_t, AddedToken> byId;
    std::unordered_map<std::string, int32_t> byContent;
    std::unordered_set<std::string> specialContents;
    std::vector<AddedToken> addedTokens;  // byId in id order, for callers
    std::unordered_map<int32_t, std::string> tokenStrings;  // added ids -> their token string
    bool decoderHasByteFallback = false;
    AddedTokenMatcher rawMatcher;
    AddedTokenMatcher normalizedMatcher;

    std::string bos, eos, pad, unk;
    nlohmann::json chatTemplate;

    int64_t maxAddedId = -1;

    // Whether exactly this token (content and flags) is already added: the reference's
    // "added_tokens_map_r.values().any(|t| t == token)"; a content has one id, so one lookup.
    bool isAdded(const AddedToken& token) const
    {
        const auto id = byContent.find(token.content);
        if (id == byContent.end()) return false;
        const auto entry = byId.find(id->second);
        return entry != byId.end() && sameToken(entry->second, token);
    }

    std::optional<int32_t> tokenToId(std::string_view token) const
    {
        if (const auto it = byContent.find(std::string(token)); it != byContent.end()) return it->second;
        return model->tokenToId(token);
    }

    // tokenizers' AddedVocabulary::add_tokens.
    void addTokens(const std::vector<AddedToken>& tokens)
    {
        for (const AddedToken& token : tokens) {
            if (token.special && !token.content.empty() && !specialContents.count(token.content)) {
                specialList.push_back(token);
                specialContents.insert(token.content);
            }
        }
        for (const AddedToken& token : tokens) {
            if (token.content.empty()) continue;
            if (isAdded(token)) continue;
            int32_t id;
            if (const auto existing = tokenToId(token.content)) {
                id = *existing;
            } else {
                const auto vocabSize = static_cast<int64_t>(model->vocabSize());
                id = static_cast<int32_t>(maxAddedId < 0 ? vocabSize
                                                         : (maxAddedId >= vocabSize || vocabSize == 0 ? maxAddedId + 1
                                                                                                      : vocabSize));
            }
            byContent[token.content] = id;
            maxAddedId = std::max<int64_t>(maxAddedId, id);
            AddedToken stored = token;
            stored.id = id;
            byId[id] = stored;
            if (!specialContents.count(token.content)) classicList.push_back(stored);
        }
    }

    void refreshMatchers()
    {
        std::vector<AddedTokenMatcher::Pattern> raw, normalized;
        auto addPattern = [&](const AddedToken& token) {
            const auto id = tokenToId(token.content);
            if (!id) return;
            const AddedToken& rules = byId.count(*id) ? byId.at(*id) : token;
            AddedTokenMatcher::Pattern pattern{token.content, *id, rules.singleWord, rules.lstrip, rules.rstrip};
            if (token.normalized) {
                if (normalizer) normalizer->normalize(pattern.content);
                normalized.push_back(std::move(pattern));
            } else {
                raw.push_back(std::move(pattern));
            }
        };
        for (const AddedToken& token : specialList) addPattern(token);
        for (const AddedToken& token : classicList) addPattern(token);
        rawMatcher = AddedTokenMatcher(raw);
        normalizedMatcher = AddedTokenMatcher(normalized);
        addedTokens.clear();
        tokenStrings.clear();
        for (const auto& [id, token] : byId) {
            addedTokens.push_back(token);
            // The reference keeps a normalized token as the normalizer rewrote it: that string
            // is what id_to_token gives and what the decoder sees ("▁<flag>" under a
            // Prepend("▁") normalizer).
            std::string text = token.content;
            if (token.normalized && normalizer) normalizer->normalize(text);
            tokenStrings.emplace(id, std::move(text));
        }
    }

    // The token string the decoder sees for an id, or nullptr for an unknown id.
    const std::string* tokenString(int32_t id) const
    {
        if (const auto it = tokenStrings.find(id); it != tokenStrings.end()) return &it->second;
        return model->idToToken(id);
    }

    // Whether the decoder chain holds ByteFallback and this id is one of its "<0xNN>" tokens:
    // a run of them is decoded as a whole (one U+FFFD per token when the run is not UTF-8),
    // so the streaming decoder waits for the run to end.
    bool isFallbackByte(int32_t id) const
    {
        if (!decoderHasByteFallback) return false;
        const std::string* token = tokenString(id);
        return token && token->size() == 6 && token->compare(0, 3, "<0x") == 0 && token->back() == '>';
    }
};

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::load(const fs::path& path)
{
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        const fs::path json = path / "tokenizer.json";
        if (!fs::exists(json, ec)) {
            throwInvalid(path.string(), {}, "this folder has no tokenizer.json");
        }
        const fs::path config = path / "tokenizer_config.json";
        const std::string configText = fs::exists(config, ec) ? readWholeFile(config) : std::string();
        return fromJson(readWholeFile(json), configText, json.string());
    }
    if (!fs::exists(path, ec)) throwIo(path.string(), "no such file or folder", ENOENT);
    if (path.extension() == ".gguf") {
        const GgufFile gguf = GgufFile::open(path);
        const TokenizerDocuments documents = tokenizerDocumentsFromGguf(gguf);
        return fromJson(documents.tokenizer, &documents.config, path.string(), true);
    }
    const fs::path config = path.parent_path() / "tokenizer_config.json";
    const std::string configText =
        path.filename() == "tokenizer.json" && fs::exists(config, ec) ? readWholeFile(config) : std::string();
    return fromJson(readWholeFile(path), configText, path.string());
}

Tokenizer Tokenizer::fromJson(std::string_view tokenizerJson, std::string_view configJson, const std::string& source)
{
    const nlohmann::json tokenizer = parseJson(tokenizerJson, source);
    if (configJson.empty()) return fromJson(tokenizer, nullptr, source);
    const std::string configName = (fs::path(source).parent_path() / "tokenizer_config.json").string();
    const nlohmann::json config = parseJson(configJson, configName);
    return fromJson(tokenizer, &config, source);
}

Tokenizer Tokenizer::fromJson(const nlohmann::json& document, const nlohmann::json* config, const std::string& source,
                             bool applyBosEosFlags)
{
    auto impl = std::make_unique<Impl>();
    impl->source = source;
    const Origin root{source, {}};
    if (!document.is_object()) throwInvalid(source, {}, "a tokenizer.json holds one JSON object");
    auto component = [&](const char* key) -> const nlohmann::json& {
        static const nlohmann::json null;
        const auto it = document.find(key);
        return it == document.end() ? null : *it;
    };

    // The model decides whether words can stay raw bytes through a ByteLevel pre-tokenizer.
    const nlohmann::json& modelSpec = component("model");
    if (!modelSpec.is_object()) throwInvalid(source, "model", "is missing or not an object");
    std::string modelType = "BPE";
    if (const auto type = modelSpec.find("type"); type != modelSpec.end()) {
        if (!type->is_string()) throwInvalid(source, "model.type", "must be a string");
        modelType = type->get<std::string>();
    } else if (!modelSpec.contains("merges")) {
        throwInvalid(source, "model.type", "is missing");
    }
    if (modelType != "BPE") {
        throw Error(ErrorKind::Unsupported, source, "model.type",
                    "unsupported model type \"" + modelType + "\" (Lathe runs BPE tokenizers)");
    }

    impl->normalizer = makeNormalizer(component("normalizer"), root.child("normalizer"));
    bool byteLevelRaw = false;
    impl->preTokenizer = makePreTokenizer(component("pre_tokenizer"), root.child("pre_tokenizer"),
                                          BpeModel::supportsByteLevelRaw(modelSpec), &byteLevelRaw);
    impl->model = std::make_unique<BpeModel>(modelSpec, root.child("model"), byteLevelRaw);
    impl->postProcessor = makePostProcessor(component("post_processor"), root.child("post_processor"));
    impl->decoder = makeDecoder(component("decoder"), root.child("decoder"));
    impl->decoderHasByteFallback = [](const nlohmann::json& spec) {
        bool found = false;
        auto visit = [&](const nlohmann::json& node, auto&& self) -> void {
            if (!node.is_object()) return;
            if (node.value("type", std::string()) == "ByteFallback") found = true;
            if (const auto list = node.find("decoders"); list != node.end() && list->is_array()) {
                for (const auto& child : *list) self(child, self);
            }
        };
        visit(spec, visit);
        return found;
    }(component("decoder"));

    // added_tokens: each is added as the reference adds it (declared ids are not trusted: the
    // reference recomputes them and only warns on a mismatch).
    if (const nlohmann::json& added = component("added_tokens"); !added.is_null()) {
        if (!added.is_array()) throwInvalid(source, "added_tokens", "must be a list");
        for (size_t i = 0; i < added.size(); ++i) {
            impl->addTokens({addedTokenFrom(added[i], root.child("added_tokens").at(i), true)});
        }
    }

    // tokenizer_config.json, as transformers' TokenizersBackend applies it.
    bool updatePostProcessor = impl->postProcessor == nullptr;
    bool addBos = false, addEos = false;
    if (config) {
        const std::string configFile = (fs::path(source).parent_path() / "tokenizer_config.json").string();
        const Origin configOrigin{configFile, {}};
        if (!config->is_object()) throwInvalid(configFile, {}, "a tokenizer_config.json holds one JSON object");
        auto tokenValue = [&](const nlohmann::json& value, const Origin& origin) -> std::optional<AddedToken> {
            if (value.is_null()) return std::nullopt;
            if (value.is_string()) {
                AddedToken token;
                token.content = value.get<std::string>();
                token.special = true;
                token.normalized = false;
                return token;
            }
            if (value.is_object()) return addedTokenFrom(value, origin, false);
            throwInvalid(origin.file, origin.field, "must be a string, an AddedToken object or null");
        };
        std::vector<AddedToken> toAdd;
        if (const auto decoder = config->find("added_tokens_decoder");
            decoder != config->end() && !decoder->is_null()) {
            if (!decoder->is_object()) throwInvalid(configFile, "added_tokens_decoder", "must be an object");
            std::vector<std::pair<int64_t, AddedToken>> entries;
            for (const auto& [key, value] : decoder->items()) {
                int64_t id = 0;
                try {
                    size_t used = 0;
                    id = std::stoll(key, &used);
                    if (used != key.size()) throw std::invalid_argument(key);
                } catch (const std::exception&) {
                    throwInvalid(configFile, "added_tokens_decoder." + key, "keys are token ids");
                }
                entries.emplace_back(id, addedTokenFrom(value, configOrigin.child("added_tokens_decoder").child(key), false));
            }
            std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            for (const auto& entry : entries) {
                if (!impl->isAdded(entry.second)) toAdd.push_back(entry.second);
            }
        }
        std::vector<std::string> named;
        std::vector<AddedToken> namedTokens;
        for (const char* key : {"bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"}) {
            const auto it = config->find(key);
            if (it == config->end()) continue;
            if (auto token = tokenValue(*it, configOrigin.child(key))) {
                named.push_back(token->content);
                namedTokens.push_back(*token);
                if (std::strcmp(key, "bos_token") == 0) impl->bos = token->content;
                if (std::strcmp(key, "eos_token") == 0) impl->eos = token->content;
                if (std::strcmp(key, "pad_token") == 0) impl->pad = token->content;
                if (std::strcmp(key, "unk_token") == 0) impl->unk = token->content;
            }
        }
        std::vector<AddedToken> extra;
        for (const char* key : {"extra_special_tokens", "additional_special_tokens"}) {
            const auto it = config->find(key);
            if (it == config->end() || it->is_null()) continue;
            if (it->is_array()) {
                for (size_t i = 0; i < it->size(); ++i) {
                    if (auto token = tokenValue((*it)[i], configOrigin.child(key).at(i))) extra.push_back(*token);
                }
            } else if (it->is_object()) {
                for (const auto& [name, value] : it->items()) {
                    if (auto token = tokenValue(value, configOrigin.child(key).child(name))) {
                        named.push_back(token->content);
                        namedTokens.push_back(*token);
                    }
                }
            } else {
                throwInvalid(configFile, key, "must be a list or an object");
            }
            break;  // transformers reads additional_special_tokens only when extra_special_tokens is absent
        }
        std::unordered_set<std::string> encoder;
        for (const auto& [content, id] : impl->byContent) encoder.insert(content);
        for (const AddedToken& token : toAdd) encoder.insert(token.content);
        for (AddedToken token : namedTokens) {
            if (encoder.count(token.content)) continue;
            token.special = true;
            toAdd.push_back(token);
            encoder.insert(token.content);
        }
        for (AddedToken token : extra) {
            if (encoder.count(token.content)) continue;
            if (std::find(named.begin(), named.end(), token.content) != named.end()) token.special = true;
            toAdd.push_back(token);
            encoder.insert(token.content);
        }
        for (AddedToken& token : toAdd) {
            if (!token.special && std::find(named.begin(), named.end(), token.content) != named.end()) token.special = true;
        }
        if (!toAdd.empty()) impl->addTokens(toAdd);

        if (applyBosEosFlags) {
            const bool explicitFlags = config->contains("add_bos_token") || config->contains("add_eos_token");
            addBos = boolField(*config, "add_bos_token", false, configOrigin);
            addEos = boolField(*config, "add_eos_token", false, configOrigin);
            updatePostProcessor = updatePostProcessor || explicitFlags;
        }
        if (const auto it = config->find("chat_template"); it != config->end()) impl->chatTemplate = *it;
    }
    if (updatePostProcessor) {
        // transformers' update_post_processor: "[bos:0] $A:0 [eos:0]" from the flags.
        std::vector<int32_t> before, after;
        if (addBos && !impl->bos.empty()) {
            const auto id = impl->tokenToId(impl->bos);
            if (!id) throwInvalid(source, "bos_token", "\"" + impl->bos + "\" is not in the vocabulary");
            before.push_back(*id);
        }
        if (addEos && !impl->eos.empty()) {
            const auto id = impl->tokenToId(impl->eos);
            if (!id) throwInvalid(source, "eos_token", "\"" + impl->eos + "\" is not in the vocabulary");
            after.push_back(*id);
        }
        impl->postProcessor = makeBosEosProcessor(std::move(before), std::move(after));
    }
    impl->refreshMatchers();
    return Tokenizer(std::move(impl));
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool addSpecialTokens) const
{
    if (const size_t bad = invalidUtf8Offset(text); bad != std::string_view::npos) {
        throwInvalid({}, "text", "is not valid UTF-8 at byte " + std::to_string(bad));
    }
    const Impl& impl = *m_impl;
    std::vector<int32_t> ids;
    ids.reserve(text.size() / 3 + 4);

    thread_local std::vector<AddedTokenMatcher::Split> rawSplits;
    thread_local std::vector<AddedTokenMatcher::Split> normalizedSplits;
    thread_local std::string normalized;
    thread_local Words words;
    rawSplits.clear();
    impl.rawMatcher.split(text, rawSplits);
    for (const AddedTokenMatcher::Split& raw : rawSplits) {
        if (raw.id >= 0) {
            ids.push_back(raw.id);
            continue;
        }
        normalized.assign(text.substr(raw.begin, raw.end - raw.begin));
        if (impl.normalizer) impl.normalizer->normalize(normalized);
        normalizedSplits.clear();
        impl.normalizedMatcher.split(normalized, normalizedSplits);
        for (const AddedTokenMatcher::Split& piece : normalizedSplits) {
            if (piece.id >= 0) {
                ids.push_back(piece.id);
                continue;
            }
            const std::string_view pieceText = std::string_view(normalized).substr(piece.begin, piece.end - piece.begin);
            const bool atTextStart = raw.begin == 0 && piece.begin == 0;
            if (!impl.preTokenizer) {
                impl.model->tokenize(pieceText, ids);
                continue;
            }
            words.clear();
            impl.preTokenizer->split(pieceText, atTextStart, words);
            for (size_t w = 0; w < words.size(); ++w) impl.model->tokenize(words[w], ids);
        }
    }
    if (impl.postProcessor) impl.postProcessor->process(ids, addSpecialTokens);
    return ids;
}

std::string Tokenizer::decode(std::span<const int32_t> ids, bool skipSpecialTokens) const
{
    const Impl& impl = *m_impl;
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (const int32_t id : ids) {
        const std::string* token = impl.tokenString(id);
        if (!token) continue;  // the reference skips ids it does not know
        if (skipSpecialTokens && impl.specialContents.count(*token)) continue;
        tokens.push_back(*token);
    }
    std::string text;
    if (impl.decoder) {
        impl.decoder->decodeChain(tokens);
        for (const std::string& piece : tokens) text += piece;
    } else {
        for (size_t i = 0; i < tokens.size(); ++i) {
            if (i) text += ' ';
            text += tokens[i];
        }
    }
    return text;
}

size_t Tokenizer::size() const
{
    size_t extra = 0;
    for (const auto& [id, token] : m_impl->byId) {
        if (!m_impl->model->tokenToId(token.content)) ++extra;
    }
    return m_impl->model->vocabSize() + extra;
}

std::optional<int32_t> Tokenizer::tokenToId(std::string_view token) const
{
    return m_impl->tokenToId(token);
}

std::optional<std::string> Tokenizer::idToToken(int32_t id) const
{
    if (const std::string* token = m_impl->tokenString(id)) return *token;
    return std::nullopt;
}

bool Tokenizer::isSpecial(int32_t id) const
{
    const auto token = idToToken(id);
    return token && m_impl->specialContents.count(*token);
}

const std::vector<AddedToken>& Tokenizer::addedTokens() const { return m_impl->addedTokens; }
const std::string& Tokenizer::bosToken() const { return m_impl->bos; }
const std::string& Tokenizer::eosToken() const { return m_impl->eos; }
const std::string& Tokenizer::padToken() const { return m_impl->pad; }
const std::string& Tokenizer::unkToken() const { return m_impl->unk; }
const nlohmann::json& Tokenizer::chatTemplate() const { return m_impl->chatTemplate; }
const std::string& Tokenizer::source() const { return m_impl->source; }

// ---- Streaming ----------------------------------------------------------------------------

namespace {
bool endsWithReplacement(const std::string& s)
{
    return s.size() >= 3 && s.compare(s.size() - 3, 3, "\xEF\xBF\xBD") == 0;
}
}  // namespace

StreamDecoder::StreamDecoder(const Tokenizer& tokenizer, bool skipSpecialTokens)
    : m_tokenizer(&tokenizer), m_skipSpecial(skipSpecialTokens)
{
}

// The window scheme of tokenizers' DecodeStream: decode the ids from the start of the current
// window both with and without the new ones; the difference is final once it does not end in
// U+FFFD (an incomplete byte sequence). Decoding from a window start rather than from the
// first id keeps the cost per token constant, and both decodes see the same first token, so
// decoders that treat the first token specially (Metaspace, Strip) agree with each other.
std::string StreamDecoder::push(int32_t id)
{
    m_ids.push_back(id);
    // Hold while a byte run may still grow: after a "<0xNN>" token, and after a skipped
    // special token (which the decoder never sees, so it does not end a run either).
    if (m_tokenizer->m_impl->isFallbackByte(id) || (m_skipSpecial && m_tokenizer->isSpecial(id))) return {};
    const std::string text = m_tokenizer->decode(std::span(m_ids).subspan(m_prefixStart), m_skipSpecial);
    if (text.size() <= m_prefixText.size() || endsWithReplacement(text) ||
        text.compare(0, m_prefixText.size(), m_prefixText) != 0) {
        return {};
    }
    std::string fresh = text.substr(m_prefixText.size());
    // The next window starts where the last emitted text's ids began.
    const size_t newPrefixStart = m_readIndex;
    m_readIndex = m_ids.size();
    m_prefixStart = newPrefixStart;
    m_prefixText = m_tokenizer->decode(std::span(m_ids).subspan(m_prefixStart), m_skipSpecial);
    m_emitted += fresh;
    return fresh;
}

std::string StreamDecoder::finish()
{
    // The whole decode, once: what it has beyond the text already emitted. (Should a decoder
    // ever rewrite text behind an emitted chunk, the emitted part cannot be taken back; the
    // window scheme and the byte-run hold above are there so that it does not happen.)
    const std::string text = m_tokenizer->decode(m_ids, m_skipSpecial);
    std::string rest;
    if (text.size() > m_emitted.size() && text.compare(0, m_emitted.size(), m_emitted) == 0) {
        rest = text.substr(m_emitted.size());
    }
    m_ids.clear();
    m_prefixStart = m_readIndex = 0;
    m_prefixText.clear();
    m_emitted.clear();
    return rest;
}

}  // namespace lathe::tok
