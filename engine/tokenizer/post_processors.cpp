// Post-processors: a template is a list of pieces -- special tokens (each one or more ids) and
// the sequence -- so every supported processor reduces to "these ids before, these after".
#include "tokenizer/post_processors.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

namespace lathe::tok {

namespace {

class AroundProcessor final : public PostProcessor {
public:
    AroundProcessor(std::vector<int32_t> before, std::vector<int32_t> after)
        : m_before(std::move(before)), m_after(std::move(after))
    {
    }
    void process(std::vector<int32_t>& ids, bool addSpecialTokens) const override
    {
        if (!addSpecialTokens) return;
        if (!m_before.empty()) ids.insert(ids.begin(), m_before.begin(), m_before.end());
        ids.insert(ids.end(), m_after.begin(), m_after.end());
    }

private:
    std::vector<int32_t> m_before;
    std::vector<int32_t> m_after;
};

class NothingProcessor final : public PostProcessor {
public:
    void process(std::vector<int32_t>&, bool) const override {}
};

class SequenceProcessor final : public PostProcessor {
public:
    explicit SequenceProcessor(std::vector<std::unique_ptr<PostProcessor>> processors)
        : m_processors(std::move(processors))
    {
    }
    void process(std::vector<int32_t>& ids, bool addSpecialTokens) const override
    {
        for (const auto& processor : m_processors) processor->process(ids, addSpecialTokens);
    }

private:
    std::vector<std::unique_ptr<PostProcessor>> m_processors;
};

const nlohmann::json& require(const nlohmann::json& object, const char* key, const Origin& origin)
{
    const auto it = object.find(key);
    if (it == object.end()) throwInvalid(origin.file, origin.child(key).field, "is missing");
    return *it;
}

std::unique_ptr<PostProcessor> templateProcessing(const nlohmann::json& spec, const Origin& origin)
{
    const nlohmann::json& single = require(spec, "single", origin);
    if (!single.is_array()) throwInvalid(origin.file, origin.child("single").field, "must be a list of pieces");
    const nlohmann::json* specials = nullptr;
    if (const auto it = spec.find("special_tokens"); it != spec.end() && !it->is_null()) {
        if (!it->is_object()) throwInvalid(origin.file, origin.child("special_tokens").field, "must be an object");
        specials = &*it;
    }
    std::vector<int32_t> before, after;
    bool seenSequence = false;
    for (size_t i = 0; i < single.size(); ++i) {
        const nlohmann::json& piece = single[i];
        const Origin where = origin.child("single").at(i);
        if (piece.is_object() && piece.contains("Sequence")) {
            const nlohmann::json& sequence = piece["Sequence"];
            if (!sequence.is_object() || sequence.value("id", std::string()) != "A") {
                throw Error(ErrorKind::Unsupported, origin.file, where.field,
                            "a single-sequence template can only hold sequence \"A\"");
            }
            if (seenSequence) {
                throw Error(ErrorKind::Unsupported, origin.file, where.field, "sequence \"A\" appears twice");
            }
            seenSequence = true;
            continue;
        }
        if (!piece.is_object() || !piece.contains("SpecialToken") || !piece["SpecialToken"].is_object() ||
            !piece["SpecialToken"].contains("id") || !piece["SpecialToken"]["id"].is_string()) {
            throwInvalid(origin.file, where.field, "a piece is {\"SpecialToken\": {\"id\": ...}} or {\"Sequence\": ...}");
        }
        const std::string name = piece["SpecialToken"]["id"].get<std::string>();
        if (!specials || !specials->contains(name)) {
            throwInvalid(origin.file, origin.child("special_tokens").field,
                         "the template uses special token \"" + name + "\", which is not defined here");
        }
        const nlohmann::json& token = (*specials)[name];
        const Origin tokenOrigin = origin.child("special_tokens").child(name);
        if (!token.is_object() || !token.contains("ids") || !token["ids"].is_array()) {
            throwInvalid(origin.file, tokenOrigin.field, "must hold a list of ids");
        }
        for (const nlohmann::json& id : token["ids"]) {
            if (!id.is_number_integer() || id.get<int64_t>() < 0 || id.get<int64_t>() > INT32_MAX) {
                throwInvalid(origin.file, tokenOrigin.child("ids").field, "holds " + id.dump() + ", not a token id");
            }
            (seenSequence ? after : before).push_back(static_cast<int32_t>(id.get<int64_t>()));
        }
    }
    if (!seenSequence) {
        // A template without $A drops the text; the reference would too, but no real file
        // does this, so it is far more likely a broken file than an intent.
        throwInvalid(origin.file, origin.child("single").field, "has no {\"Sequence\": {\"id\": \"A\"}} piece");
    }
    return std::make_unique<AroundProcessor>(std::move(before), std::move(after));
}

std::vector<int32_t> tokenIdPair(const nlohmann::json& spec, const char* key, const Origin& origin)
{
    // Bert/Roberta processors: "cls": ["[CLS]", 101].
    const nlohmann::json& value = require(spec, key, origin);
    if (!value.is_array() || value.size() != 2 || !value[1].is_number_integer()) {
        throwInvalid(origin.file, origin.child(key).field, "must be [token, id]");
    }
    return {static_cast<int32_t>(value[1].get<int64_t>())};
}

}  // namespace

std::unique_ptr<PostProcessor> makeBosEosProcessor(std::vector<int32_t> prefix, std::vector<int32_t> suffix)
{
    return std::make_unique<AroundProcessor>(std::move(prefix), std::move(suffix));
}

std::unique_ptr<PostProcessor> makePostProcessor(const nlohmann::json& spec, const Origin& origin)
{
    if (spec.is_null()) return nullptr;
    if (!spec.is_object() || !spec.contains("type") || !spec["type"].is_string()) {
        throwInvalid(origin.file, origin.field, "must be an object with a \"type\"");
    }
    const std::string type = spec["type"].get<std::string>();
    if (type == "TemplateProcessing") return templateProcessing(spec, origin);
    if (type == "ByteLevel") return std::make_unique<NothingProcessor>();
    if (type == "BertProcessing" || type == "RobertaProcessing") {
        return std::make_unique<AroundProcessor>(tokenIdPair(spec, "cls", origin), tokenIdPair(spec, "sep", origin));
    }
    if (type == "Sequence") {
        const nlohmann::json& list = require(spec, "processors", origin);
        if (!list.is_array()) throwInvalid(origin.file, origin.child("processors").field, "must be a list");
        std::vector<std::unique_ptr<PostProcessor>> processors;
        for (size_t i = 0; i < list.size(); ++i) {
            if (auto processor = makePostProcessor(list[i], origin.child("processors").at(i))) {
                processors.push_back(std::move(processor));
            }
        }
        return std::make_unique<SequenceProcessor>(std::move(processors));
    }
    throw Error(ErrorKind::Unsupported, origin.file, origin.field,
                "unsupported post-processor type \"" + type +
                    "\" (Lathe runs TemplateProcessing, ByteLevel, BertProcessing, RobertaProcessing, Sequence)");
}

}  // namespace lathe::tok
