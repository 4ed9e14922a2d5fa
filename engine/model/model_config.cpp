// config.json and generation_config.json read as transformers 5.23 reads them: the family is
// chosen by model_type (as AutoConfig does), absent keys take the family class's defaults, the
// rope keys are standardized as RotaryEmbeddingConfigMixin does, and the per-layer attention
// kinds follow what each modeling_<family>.py masks (not just what layer_types says).
#include "model/model_config.h"

#include "core/error.h"
#include "core/file_io.h"

#include <array>
#include <cmath>
#include <limits>

namespace lathe {
namespace {

using json = nlohmann::json;

enum class Family { Llama, Mistral, Qwen2, Qwen3, Gemma2, Gemma3, Phi3 };

// How a family's modeling code decides which layers get a sliding-window mask.
enum class SlidingRule {
    Never,        // Llama: sliding_window is not read
    AllLayers,    // Mistral, Phi-3: every layer, when sliding_window is set
    LayerTypes,   // Qwen2/3, Gemma 2/3: layer_types (explicit, or derived by the config class)
};

// One family's configuration class defaults (transformers 5.23 configuration_<family>.py).
struct FamilyInfo {
    Family family;
    const char* modelType;
    const char* architecture;  // the causal-LM class
    std::int64_t vocabSize;
    std::int64_t hiddenSize;
    std::int64_t intermediateSize;
    std::int64_t numLayers;
    std::int64_t numHeads;
    std::int64_t numKvHeads;   // 0: as many as numHeads
    std::int64_t headDim;      // 0: hidden / heads
    std::int64_t maxPositionEmbeddings;
    double rmsNormEps;
    bool tieWordEmbeddings;
    std::optional<std::int32_t> bosTokenId;
    std::optional<std::int32_t> eosTokenId;
    std::optional<std::int32_t> padTokenId;
    std::optional<std::int64_t> slidingWindow;
    SlidingRule slidingRule;
    const char* activationKey;  // hidden_act, or Gemma's hidden_activation
    const char* activationDefault;
    bool checksHiddenDivisible;  // validate_architecture: hidden % heads even with explicit head_dim
};

constexpr std::optional<std::int32_t> kNone = std::nullopt;

const std::array<FamilyInfo, 7> kFamilies = {{
    {Family::Llama, "llama", "LlamaForCausalLM", 32000, 4096, 11008, 32, 32, 0, 0, 2048, 1e-6, false, 1, 2, kNone,
     std::nullopt, SlidingRule::Never, "hidden_act", "silu", true},
    {Family::Mistral, "mistral", "MistralForCausalLM", 32000, 4096, 14336, 32, 32, 8, 0, 4096 * 32, 1e-6, false, 1, 2,
     kNone, 4096, SlidingRule::AllLayers, "hidden_act", "silu", false},
    {Family::Qwen2, "qwen2", "Qwen2ForCausalLM", 151936, 4096, 22016, 32, 32, 32, 0, 32768, 1e-6, false, kNone, kNone,
     kNone, 4096, SlidingRule::LayerTypes, "hidden_act", "silu", false},
    {Family::Qwen3, "qwen3", "Qwen3ForCausalLM", 151936, 4096, 22016, 32, 32, 32, 128, 32768, 1e-6, false, kNone, kNone,
     kNone, 4096, SlidingRule::LayerTypes, "hidden_act", "silu", false},
    {Family::Gemma2, "gemma2", "Gemma2ForCausalLM", 256000, 2304, 9216, 26, 8, 4, 256, 8192, 1e-6, true, 2, 1, 0, 4096,
     SlidingRule::LayerTypes, "hidden_activation", "gelu_pytorch_tanh", true},
    {Family::Gemma3, "gemma3_text", "Gemma3ForCausalLM", 262208, 2304, 9216, 26, 8, 4, 256, 131072, 1e-6, true, 2, 1, 0,
     4096, SlidingRule::LayerTypes, "hidden_activation", "gelu_pytorch_tanh", true},
    {Family::Phi3, "phi3", "Phi3ForCausalLM", 32064, 3072, 8192, 32, 32, 0, 0, 4096, 1e-5, false, 1, 32000, 32000,
     std::nullopt, SlidingRule::AllLayers, "hidden_act", "silu", false},
}};

// The multimodal Gemma 3 wrapper: its language model is a gemma3_text config under text_config.
constexpr const char* kGemma3Multimodal = "Gemma3ForConditionalGeneration";
constexpr const char* kGemma3MultimodalType = "gemma3";

// Phi-3 keeps the pretraining length outside the rope entry, with a class default.
constexpr std::int64_t kPhi3OriginalMaxPositionEmbeddings = 4096;
constexpr double kDefaultTheta = 10000.0;
constexpr double kGemma3GlobalTheta = 1'000'000.0;
constexpr double kGemma3LocalTheta = 10'000.0;
constexpr std::int64_t kGemma3SlidingWindowPattern = 6;

std::string shortDump(const json& value)
{
    std::string text = value.dump();
    if (text.size() > 80) {
        text = text.substr(0, 77) + "...";
    }
    return text;
}

json readJsonDocument(const std::filesystem::path& path)
{
    const std::string text = readWholeFile(path);
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        throwInvalid(path.string(), "", std::string("not valid JSON: ") + e.what());
    }
}

std::string joined(const std::vector<std::string>& names)
{
    std::string out;
    for (const std::string& name : names) {
        out += out.empty() ? "" : ", ";
        out += name;
    }
    return out;
}

// Typed access to one JSON object, naming keys as `prefix + key` in errors. A key set to null
// counts as absent unless the caller asks for the null (nullable keys).
class Keys {
public:
    Keys(const json& object, const std::string& file, std::string prefix)
        : m_object(object)
        , m_file(file)
        , m_prefix(std::move(prefix))
    {
    }

    const json& object() const { return m_object; }
    std::string field(const std::string& key) const { return m_prefix + key; }

    bool contains(const std::string& key) const { return m_object.contains(key); }
    bool present(const std::string& key) const { return contains(key) && !m_object.at(key).is_null(); }
    const json& at(const std::string& key) const { return m_object.at(key); }

    [[noreturn]] void invalid(const std::string& key, const std::string& reason) const
    {
        throwInvalid(m_file, field(key), reason);
    }

    [[noreturn]] void unsupported(const std::string& key, const std::string& reason) const
    {
        throw Error(ErrorKind::Unsupported, m_file, field(key), reason);
    }

    std::optional<std::int64_t> optInteger(const std::string& key) const
    {
        const json* v = typed(key, &json::is_number_integer, "an integer");
        return v ? std::optional(v->get<std::int64_t>()) : std::nullopt;
    }

    std::int64_t integer(const std::string& key, std::int64_t fallback) const
    {
        return optInteger(key).value_or(fallback);
    }

    std::int64_t positive(const std::string& key, std::int64_t fallback) const
    {
        const std::int64_t v = integer(key, fallback);
        if (v <= 0) {
            invalid(key, "must be positive, got " + std::to_string(v));
        }
        return v;
    }

    std::optional<double> optNumber(const std::string& key) const
    {
        const json* v = typed(key, &json::is_number, "a number");
        return v ? std::optional(v->get<double>()) : std::nullopt;
    }

    double number(const std::string& key, double fallback) const { return optNumber(key).value_or(fallback); }

    bool boolean(const std::string& key, bool fallback) const
    {
        const json* v = typed(key, &json::is_boolean, "true or false");
        return v ? v->get<bool>() : fallback;
    }

    std::optional<std::string> optString(const std::string& key) const
    {
        const json* v = typed(key, &json::is_string, "a string");
        return v ? std::optional(v->get<std::string>()) : std::nullopt;
    }

    std::optional<std::int32_t> optTokenId(const std::string& key) const
    {
        const std::optional<std::int64_t> v = optInteger(key);
        if (v && (*v < std::numeric_limits<std::int32_t>::min() || *v > std::numeric_limits<std::int32_t>::max())) {
            invalid(key, "is out of range: " + std::to_string(*v));
        }
        return v ? std::optional<std::int32_t>(static_cast<std::int32_t>(*v)) : std::nullopt;
    }

    // eos_token_id: an int or a list of ints; nullopt when the key is absent (null: an empty list).
    std::optional<std::vector<std::int32_t>> optTokenIds(const std::string& key) const
    {
        if (!contains(key)) {
            return std::nullopt;
        }
        const json& v = at(key);
        std::vector<std::int32_t> ids;
        auto add = [&](const json& id) {
            if (!id.is_number_integer() || id.get<std::int64_t>() < std::numeric_limits<std::int32_t>::min()
                || id.get<std::int64_t>() > std::numeric_limits<std::int32_t>::max()) {
                invalid(key, "must be a token id or a list of them, got " + shortDump(v));
            }
            ids.push_back(static_cast<std::int32_t>(id.get<std::int64_t>()));
        };
        if (v.is_array()) {
            for (const json& id : v) {
                add(id);
            }
        } else if (!v.is_null()) {
            add(v);
        }
        return ids;
    }

    std::vector<double> numberList(const std::string& key) const
    {
        if (!present(key)) {
            invalid(key, "is missing");
        }
        const json& v = at(key);
        if (!v.is_array()) {
            invalid(key, "must be a list of numbers, got " + shortDump(v));
        }
        std::vector<double> out;
        for (const json& x : v) {
            if (!x.is_number()) {
                invalid(key, "must be a list of numbers, got an entry " + shortDump(x));
            }
            out.push_back(x.get<double>());
        }
        return out;
    }

private:
    // The value of `key` when present (not null), checked with `is`; nullptr when absent.
    const json* typed(const std::string& key, bool (json::*is)() const noexcept, const char* what) const
    {
        if (!present(key)) {
            return nullptr;
        }
        const json& v = at(key);
        if (!(v.*is)()) {
            invalid(key, std::string("must be ") + what + ", got " + shortDump(v));
        }
        return &v;
    }

    const json& m_object;
    const std::string& m_file;
    std::string m_prefix;
};

const FamilyInfo* familyByModelType(const std::string& modelType)
{
    for (const FamilyInfo& f : kFamilies) {
        if (modelType == f.modelType) {
            return &f;
        }
    }
    return nullptr;
}

const FamilyInfo* familyByArchitecture(const std::string& architecture)
{
    for (const FamilyInfo& f : kFamilies) {
        if (architecture == f.architecture) {
            return &f;
        }
    }
    if (architecture == kGemma3Multimodal) {
        return familyByModelType("gemma3_text");
    }
    return nullptr;
}

[[noreturn]] void throwUnsupportedArchitecture(const std::string& file, const std::string& field, const std::string& name)
{
    throw Error(ErrorKind::Unsupported, file, field,
                "'" + name + "' is not an architecture Lathe runs (supported: " + joined(supportedArchitectures()) + ")");
}

// --- rope -----------------------------------------------------------------------------------

std::optional<RopeType> ropeTypeFromName(const std::string& name)
{
    // "su" is LongRoPE's first name (early Phi-3 configs).
    static const std::array<std::pair<const char*, RopeType>, 7> names = {{
        {"default", RopeType::Default}, {"linear", RopeType::Linear}, {"dynamic", RopeType::Dynamic},
        {"yarn", RopeType::Yarn}, {"longrope", RopeType::LongRope}, {"su", RopeType::LongRope},
        {"llama3", RopeType::Llama3},
    }};
    for (const auto& [text, type] : names) {
        if (name == text) {
            return type;
        }
    }
    return std::nullopt;
}

// What surrounds one rope entry: the values transformers fills in around it.
struct RopeContext {
    Family family = Family::Llama;
    double theta = kDefaultTheta;                           // rope_theta outside the entry, or the class default
    std::optional<double> partialRotaryFactor;              // partial_rotary_factor outside the entry
    std::optional<std::int64_t> topLevelOriginalMax;        // original_max_position_embeddings outside the entry
    std::int64_t maxPositionEmbeddings = 0;
    std::int64_t headDim = 0;
    std::int64_t hiddenOverHeads = 0;                       // Phi-3 sizes its factor lists from this
};

RopeConfig parseRopeEntry(const Keys& entry, const RopeContext& ctx)
{
    RopeConfig rope;
    // rope_type, else the legacy `type`, else default (standardize_rope_params).
    std::optional<std::string> typeName = entry.optString("rope_type");
    std::string typeKey = "rope_type";
    if (!typeName) {
        typeName = entry.optString("type");
        typeKey = "type";
    }
    const std::string name = typeName.value_or("default");
    const std::optional<RopeType> type = ropeTypeFromName(name);
    if (!type) {
        entry.unsupported(typeKey, "rope type '" + name
                                       + "' is not supported (default, linear, dynamic, yarn, longrope, su, llama3)");
    }
    rope.type = *type;
    // Phi3Config maps the legacy "su" and "yarn" to longrope, and accepts nothing but default and longrope.
    if (ctx.family == Family::Phi3) {
        if (name == "yarn") {
            rope.type = RopeType::LongRope;
        }
        if (rope.type != RopeType::Default && rope.type != RopeType::LongRope) {
            entry.invalid(typeKey, "Phi3ForCausalLM takes only default or longrope rope, got '" + name + "'");
        }
    }

    rope.theta = entry.number("rope_theta", ctx.theta);  // the caller checked ctx.theta
    if (!(rope.theta > 0.0)) {
        entry.invalid("rope_theta", "must be positive, got " + std::to_string(rope.theta));
    }

    // Only Phi-3 rotates part of each head. Elsewhere the default rope ignores the factor, and
    // the scaled types would build a table the attention cannot apply.
    std::optional<double> partial = entry.optNumber("partial_rotary_factor");
    if (!partial) {
        partial = ctx.partialRotaryFactor;
    }
    if (ctx.family == Family::Phi3) {
        rope.partialRotaryFactor = partial.value_or(1.0);
        if (!(rope.partialRotaryFactor > 0.0 && rope.partialRotaryFactor <= 1.0)) {
            entry.invalid("partial_rotary_factor", "must be in (0, 1], got " + std::to_string(rope.partialRotaryFactor));
        }
    } else if (partial && *partial != 1.0 && rope.type != RopeType::Default) {
        entry.unsupported("partial_rotary_factor", "a partial rotary factor is only applied by Phi3ForCausalLM");
    }
    const auto rotaryDim = static_cast<std::int64_t>(static_cast<double>(ctx.headDim) * rope.partialRotaryFactor);

    if (rope.type == RopeType::Llama3 || rope.type == RopeType::Yarn || rope.type == RopeType::LongRope) {
        // Phi3Config always has the attribute (default 4096); other configs have it when the
        // document sets it at the top level. Either way it replaces the entry's value.
        if (ctx.family == Family::Phi3) {
            rope.originalMaxPositionEmbeddings = ctx.topLevelOriginalMax.value_or(kPhi3OriginalMaxPositionEmbeddings);
        } else if (ctx.topLevelOriginalMax) {
            rope.originalMaxPositionEmbeddings = ctx.topLevelOriginalMax;
        } else {
            rope.originalMaxPositionEmbeddings =
                entry.optInteger("original_max_position_embeddings").value_or(ctx.maxPositionEmbeddings);
        }
        if (*rope.originalMaxPositionEmbeddings <= 0) {
            entry.invalid("original_max_position_embeddings",
                          "must be positive, got " + std::to_string(*rope.originalMaxPositionEmbeddings));
        }
    }
    const double derivedFactor = rope.originalMaxPositionEmbeddings
                                     ? static_cast<double>(ctx.maxPositionEmbeddings)
                                           / static_cast<double>(*rope.originalMaxPositionEmbeddings)
                                     : 1.0;

    switch (rope.type) {
    case RopeType::Default:
        break;
    case RopeType::Linear:
    case RopeType::Dynamic:
    case RopeType::Llama3:
        if (!entry.present("factor")) {
            entry.invalid("factor", "is missing (required for rope type " + name + ")");
        }
        rope.factor = entry.number("factor", 1.0);
        break;
    case RopeType::Yarn:
        if (!entry.contains("factor")) {
            entry.invalid("factor", "is missing (required for rope type yarn)");
        }
        rope.factor = entry.number("factor", derivedFactor);
        break;
    case RopeType::LongRope:
        rope.factor = entry.number("factor", derivedFactor);
        break;
    }
    if (!(rope.factor > 0.0)) {
        entry.invalid("factor", "must be positive, got " + std::to_string(rope.factor));
    }

    if (rope.type == RopeType::Llama3) {
        for (const char* key : {"low_freq_factor", "high_freq_factor"}) {
            if (!entry.present(key)) {
                entry.invalid(key, "is missing (required for rope type llama3)");
            }
        }
        rope.lowFreqFactor = entry.number("low_freq_factor", 1.0);
        rope.highFreqFactor = entry.number("high_freq_factor", 4.0);
        if (rope.lowFreqFactor <= 0.0 || rope.highFreqFactor == rope.lowFreqFactor) {
            entry.invalid("high_freq_factor", "must differ from low_freq_factor (both positive), got "
                                                  + std::to_string(rope.highFreqFactor) + " and "
                                                  + std::to_string(rope.lowFreqFactor));
        }
    }
    if (rope.type == RopeType::Yarn || rope.type == RopeType::LongRope) {
        rope.attentionFactor = entry.optNumber("attention_factor");
        if (rope.attentionFactor && *rope.attentionFactor < 0.0) {
            entry.invalid("attention_factor", "must not be negative, got " + std::to_string(*rope.attentionFactor));
        }
    }
    if (rope.type == RopeType::Yarn) {
        // `beta_fast or 32`, `beta_slow or 1`: zero also takes the default.
        const double fast = entry.number("beta_fast", 0.0);
        const double slow = entry.number("beta_slow", 0.0);
        rope.betaFast = fast != 0.0 ? fast : 32.0;
        rope.betaSlow = slow != 0.0 ? slow : 1.0;
        if (rope.betaFast <= 0.0 || rope.betaSlow <= 0.0) {
            entry.invalid("beta_fast", "beta_fast and beta_slow must be positive");
        }
        rope.mscale = entry.optNumber("mscale");
        rope.mscaleAllDim = entry.optNumber("mscale_all_dim");
        rope.truncate = entry.boolean("truncate", true);
    }
    if (rope.type == RopeType::LongRope) {
        rope.shortFactor = entry.numberList("short_factor");
        rope.longFactor = entry.numberList("long_factor");
        // The computation needs one factor per rotated pair; Phi3Config also checks the lists
        // against hidden / heads * partial (the same unless head_dim is explicit).
        std::vector<std::int64_t> dims = {rotaryDim};
        if (ctx.family == Family::Phi3) {
            dims.push_back(static_cast<std::int64_t>(static_cast<double>(ctx.hiddenOverHeads) * rope.partialRotaryFactor));
        }
        for (const auto& [key, list] :
             {std::pair{"short_factor", &rope.shortFactor}, std::pair{"long_factor", &rope.longFactor}}) {
            for (const std::int64_t dim : dims) {
                if (static_cast<std::int64_t>(list->size()) != dim / 2) {
                    entry.invalid(key, "has " + std::to_string(list->size()) + " entries; the rotary dimension "
                                           + std::to_string(dim) + " needs " + std::to_string(dim / 2));
                }
            }
        }
    }
    return rope;
}

double positiveNumber(const Keys& keys, const std::string& key, double fallback)
{
    const double v = keys.number(key, fallback);
    if (!(v > 0.0)) {
        keys.invalid(key, "must be positive, got " + std::to_string(v));
    }
    return v;
}

// --- layers ---------------------------------------------------------------------------------

std::vector<LayerAttention> parseLayerTypes(const Keys& keys, std::int64_t numLayers)
{
    const json& v = keys.at("layer_types");
    if (!v.is_array()) {
        keys.invalid("layer_types", "must be a list of layer kinds, got " + shortDump(v));
    }
    if (static_cast<std::int64_t>(v.size()) != numLayers) {
        keys.invalid("layer_types", "has " + std::to_string(v.size()) + " entries for num_hidden_layers "
                                        + std::to_string(numLayers));
    }
    std::vector<LayerAttention> out;
    for (const json& t : v) {
        const std::string kind = t.is_string() ? t.get<std::string>() : std::string();
        if (kind == "full_attention" || kind == "attention") {  // "attention": transformers' legacy name
            out.push_back(LayerAttention::Full);
        } else if (kind == "sliding_attention") {
            out.push_back(LayerAttention::Sliding);
        } else if (kind == "chunked_attention" || kind == "linear_attention" || kind == "hybrid") {
            keys.unsupported("layer_types",
                             "layer kind '" + kind + "' is not supported (full_attention, sliding_attention)");
        } else {
            keys.invalid("layer_types", "has an unknown layer kind " + shortDump(t));
        }
    }
    return out;
}

HiddenActivation parseActivation(const Keys& keys, const FamilyInfo& info)
{
    const std::string name = keys.optString(info.activationKey).value_or(info.activationDefault);
    if (name == "silu" || name == "swish") {
        return HiddenActivation::Silu;
    }
    if (name == "gelu_pytorch_tanh") {
        return HiddenActivation::GeluTanh;
    }
    keys.unsupported(info.activationKey, "activation '" + name + "' is not supported (silu, gelu_pytorch_tanh)");
}

std::optional<DType> parseDType(const Keys& keys)
{
    for (const char* key : {"dtype", "torch_dtype"}) {
        const std::optional<std::string> name = keys.optString(key);
        if (!name) {
            continue;
        }
        if (*name == "bfloat16") {
            return DType::BF16;
        }
        if (*name == "float16" || *name == "half") {
            return DType::F16;
        }
        if (*name == "float32" || *name == "float") {
            return DType::F32;
        }
        if (*name == "float64" || *name == "double") {
            return DType::F64;
        }
        keys.invalid(key, "unknown dtype '" + *name + "' (bfloat16, float16, float32, float64)");
    }
    return std::nullopt;
}

// Which layers get a sliding-window mask, and the window, as each modeling file decides.
void resolveLayers(const Keys& keys, const FamilyInfo& info, ModelConfig& c)
{
    std::optional<std::int64_t> window =
        keys.contains("sliding_window") ? keys.optInteger("sliding_window") : info.slidingWindow;
    if (window && *window <= 0) {
        keys.invalid("sliding_window", "must be positive, got " + std::to_string(*window));
    }
    std::optional<std::vector<LayerAttention>> declared;
    if (keys.present("layer_types")) {
        declared = parseLayerTypes(keys, c.numLayers);  // validated for every family, as transformers does
    }
    const auto n = static_cast<std::size_t>(c.numLayers);
    const bool qwen = info.family == Family::Qwen2 || info.family == Family::Qwen3;
    switch (info.slidingRule) {
    case SlidingRule::Never:
        window.reset();
        c.layerTypes.assign(n, LayerAttention::Full);
        break;
    case SlidingRule::AllLayers:
        c.layerTypes.assign(n, window ? LayerAttention::Sliding : LayerAttention::Full);
        break;
    case SlidingRule::LayerTypes:
        if (qwen && !keys.boolean("use_sliding_window", false)) {
            window.reset();  // Qwen2Config/Qwen3Config keep the window only with use_sliding_window
        }
        if (declared) {
            c.layerTypes = *declared;
        } else if (qwen) {
            const std::int64_t maxWindowLayers = keys.integer("max_window_layers", 28);
            for (std::int64_t i = 0; i < c.numLayers; ++i) {
                c.layerTypes.push_back(window && i >= maxWindowLayers ? LayerAttention::Sliding : LayerAttention::Full);
            }
        } else {
            // Gemma 2: every other layer from the first; Gemma 3: all but every pattern-th.
            std::int64_t pattern = 2;
            if (info.family == Family::Gemma3) {
                pattern = keys.integer("sliding_window_pattern", kGemma3SlidingWindowPattern);
                if (pattern <= 0) {
                    keys.invalid("sliding_window_pattern", "must be positive, got " + std::to_string(pattern));
                }
            }
            for (std::int64_t i = 0; i < c.numLayers; ++i) {
                c.layerTypes.push_back((i + 1) % pattern != 0 ? LayerAttention::Sliding : LayerAttention::Full);
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (c.layerTypes[i] == LayerAttention::Sliding && !window) {
                keys.invalid(declared ? "layer_types" : "sliding_window",
                             "layer " + std::to_string(i) + " is sliding_attention but there is no sliding_window"
                                 + (qwen ? " (use_sliding_window is false)" : ""));
            }
        }
        break;
    }
    c.slidingWindow = window;
}

// rope / localRope from rope_scaling, rope_parameters and the legacy top-level bases.
void resolveRope(const Keys& keys, const FamilyInfo& info, ModelConfig& c, const std::string& file)
{
    RopeContext ctx;
    ctx.family = info.family;
    ctx.maxPositionEmbeddings = c.maxPositionEmbeddings;
    ctx.headDim = c.headDim;
    ctx.hiddenOverHeads = c.hiddenSize / c.numHeads;
    ctx.partialRotaryFactor = keys.optNumber("partial_rotary_factor");
    ctx.topLevelOriginalMax = keys.optInteger("original_max_position_embeddings");
    auto object = [&](const char* key) -> const json* {
        if (!keys.present(key)) {
            return nullptr;
        }
        if (!keys.at(key).is_object()) {
            keys.invalid(key, "must be an object, got " + shortDump(keys.at(key)));
        }
        return &keys.at(key);
    };
    const json* scaling = object("rope_scaling");
    const json* parameters = object("rope_parameters");

    if (info.family == Family::Gemma3) {
        // Gemma3TextConfig: rope_parameters per layer kind; rope_scaling updates the full-attention
        // entry; rope_theta / rope_local_base_freq are the legacy bases of full / sliding layers.
        json nested = parameters ? *parameters : json::object();
        for (const char* kind : {"full_attention", "sliding_attention"}) {
            if (!nested.contains(kind) || nested[kind].is_null()) {
                nested[kind] = json{{"rope_type", "default"}};
            } else if (!nested[kind].is_object()) {
                keys.invalid(std::string("rope_parameters.") + kind, "must be an object, got " + shortDump(nested[kind]));
            }
        }
        if (scaling) {
            nested["full_attention"].update(*scaling);
        }
        RopeContext full = ctx;
        full.theta = positiveNumber(keys, "rope_theta", kGemma3GlobalTheta);
        full.topLevelOriginalMax.reset();  // nested entries default to max_position_embeddings only
        RopeContext local = full;
        local.theta = positiveNumber(keys, "rope_local_base_freq", kGemma3LocalTheta);
        const std::string fullPrefix = scaling && !parameters ? "rope_scaling." : "rope_parameters.full_attention.";
        c.rope = parseRopeEntry(Keys(nested["full_attention"], file, keys.field(fullPrefix)), full);
        c.localRope = parseRopeEntry(
            Keys(nested["sliding_attention"], file, keys.field("rope_parameters.sliding_attention.")), local);
        return;
    }
    // `rope_scaling` (the legacy key) replaces rope_parameters when it is a non-empty object.
    const json empty = json::object();
    const json* entry = scaling && !scaling->empty() ? scaling : (parameters ? parameters : &empty);
    const std::string name = entry == scaling ? "rope_scaling" : "rope_parameters";
    for (const char* kind : {"full_attention", "sliding_attention"}) {
        if (entry->contains(kind)) {
            keys.invalid(name, std::string("has a per-layer-kind entry '") + kind + "', which " + info.architecture
                                   + " does not read");
        }
    }
    ctx.theta = positiveNumber(keys, "rope_theta", kDefaultTheta);
    c.rope = parseRopeEntry(Keys(*entry, file, keys.field(name + ".")), ctx);
    c.localRope = c.rope;
}

// The whole text config, for one family. `outer` is the multimodal wrapper's document, whose
// token ids, dtype and tie_word_embeddings take precedence (as transformers resolves them).
ModelConfig parseTextConfig(const Keys& keys, const FamilyInfo& info, const Keys* outer, const std::string& file)
{
    ModelConfig c;
    c.modelType = info.modelType;
    c.raw = keys.object();

    c.vocabSize = keys.positive("vocab_size", info.vocabSize);
    c.hiddenSize = keys.positive("hidden_size", info.hiddenSize);
    c.intermediateSize = keys.positive("intermediate_size", info.intermediateSize);
    c.numLayers = keys.positive("num_hidden_layers", info.numLayers);
    c.numHeads = keys.positive("num_attention_heads", info.numHeads);
    c.numKvHeads = keys.positive("num_key_value_heads", info.numKvHeads > 0 ? info.numKvHeads : c.numHeads);
    const bool headDimGiven = keys.present("head_dim") || info.headDim > 0;
    c.headDim = headDimGiven ? keys.positive("head_dim", info.headDim) : c.hiddenSize / c.numHeads;
    if (c.hiddenSize % c.numHeads != 0 && (info.checksHiddenDivisible || !headDimGiven)) {
        keys.invalid("num_attention_heads", std::to_string(c.numHeads) + " heads do not divide hidden_size "
                                                + std::to_string(c.hiddenSize));
    }
    if (c.headDim <= 0) {
        keys.invalid("num_attention_heads", std::to_string(c.numHeads) + " heads leave no head dimension of hidden_size "
                                                + std::to_string(c.hiddenSize));
    }
    if (c.numHeads % c.numKvHeads != 0) {
        keys.invalid("num_key_value_heads", std::to_string(c.numKvHeads) + " key/value heads do not divide "
                                                + std::to_string(c.numHeads) + " attention heads");
    }
    c.maxPositionEmbeddings = keys.positive("max_position_embeddings", info.maxPositionEmbeddings);
    c.rmsNormEps = positiveNumber(keys, "rms_norm_eps", info.rmsNormEps);
    c.activation = parseActivation(keys, info);

    // Biases: Llama, Qwen3 and Gemma read attention_bias for all four projections; Qwen2 has
    // q/k/v biases by construction and none on o_proj; Mistral and Phi-3 have none. Only Llama
    // reads mlp_bias.
    if (info.family == Family::Qwen2) {
        c.attentionBias = true;
    } else if (info.family != Family::Mistral && info.family != Family::Phi3) {
        c.attentionBias = keys.boolean("attention_bias", false);
        c.attentionOutputBias = c.attentionBias;
    }
    c.mlpBias = info.family == Family::Llama && keys.boolean("mlp_bias", false);

    // Token ids, dtype and tying: the wrapper's own values first.
    auto tokenId = [&](const char* key, std::optional<std::int32_t> fallback) {
        if (outer && outer->present(key)) {
            return outer->optTokenId(key);
        }
        return keys.contains(key) ? keys.optTokenId(key) : fallback;
    };
    c.bosTokenId = tokenId("bos_token_id", info.bosTokenId);
    c.padTokenId = tokenId("pad_token_id", info.padTokenId);
    if (outer && outer->present("eos_token_id")) {
        c.eosTokenIds = *outer->optTokenIds("eos_token_id");
    } else if (const auto eos = keys.optTokenIds("eos_token_id")) {
        c.eosTokenIds = *eos;
    } else if (info.eosTokenId) {
        c.eosTokenIds = {*info.eosTokenId};
    }
    c.dtype = parseDType(keys);
    if (!c.dtype && outer) {
        c.dtype = parseDType(*outer);
    }
    c.tieWordEmbeddings = (outer ? *outer : keys).boolean("tie_word_embeddings", info.tieWordEmbeddings);

    if (info.family == Family::Gemma2 || info.family == Family::Gemma3) {
        if (keys.boolean("use_bidirectional_attention", false)) {
            keys.unsupported("use_bidirectional_attention", "bidirectional attention (embedding models) is not supported");
        }
        c.queryPreAttnScalar = positiveNumber(keys, "query_pre_attn_scalar", 256.0);
        // Gemma 2 caps by default (50 on attention logits, 30 on final logits); Gemma 3 does not.
        const bool gemma2 = info.family == Family::Gemma2;
        auto cap = [&](const char* key, double gemma2Default) {
            return keys.contains(key) ? keys.optNumber(key) : (gemma2 ? std::optional(gemma2Default) : std::nullopt);
        };
        c.attnLogitSoftcapping = cap("attn_logit_softcapping", 50.0);
        c.finalLogitSoftcapping = cap("final_logit_softcapping", 30.0);
    }

    resolveLayers(keys, info, c);
    resolveRope(keys, info, c, file);
    return c;
}

}  // namespace

const std::vector<std::string>& supportedArchitectures()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const FamilyInfo& f : kFamilies) {
            out.emplace_back(f.architecture);
        }
        out.emplace_back(kGemma3Multimodal);
        return out;
    }();
    return names;
}

ModelConfig parseModelConfig(const nlohmann::json& document, const std::string& file)
{
    if (!document.is_object()) {
        throwInvalid(file, "", "a model config must be a JSON object");
    }
    const Keys top(document, file, "");

    // The family: model_type decides, as AutoConfig does; architectures names the class.
    std::optional<std::string> architecture;
    if (top.present("architectures")) {
        const json& list = top.at("architectures");
        if (!list.is_array() || list.empty() || !list[0].is_string()) {
            top.invalid("architectures", "must be a non-empty list of class names, got " + shortDump(list));
        }
        architecture = list[0].get<std::string>();
    }
    const std::optional<std::string> modelType = top.optString("model_type");
    if (!architecture && !modelType) {
        top.invalid("model_type", "is missing, and so is architectures");
    }
    const FamilyInfo* byArchitecture = architecture ? familyByArchitecture(*architecture) : nullptr;
    if (architecture && !byArchitecture) {
        throwUnsupportedArchitecture(file, "architectures", *architecture);
    }
    const bool multimodal = (architecture && *architecture == kGemma3Multimodal)
                            || (!architecture && modelType && *modelType == kGemma3MultimodalType);
    const FamilyInfo* info = byArchitecture;
    if (modelType) {
        const FamilyInfo* byType =
            *modelType == kGemma3MultimodalType ? familyByModelType("gemma3_text") : familyByModelType(*modelType);
        if (!byType) {
            throwUnsupportedArchitecture(file, "model_type", *modelType);
        }
        const bool typeIsMultimodal = *modelType == kGemma3MultimodalType;
        if (byArchitecture && (byType != byArchitecture || typeIsMultimodal != multimodal)) {
            top.invalid("model_type", "'" + *modelType + "' does not match architectures '" + *architecture + "'");
        }
        info = byType;
    }

    ModelConfig c;
    if (multimodal) {
        if (!top.present("text_config") || !top.at("text_config").is_object()) {
            top.invalid("text_config", "is missing (Gemma3ForConditionalGeneration keeps its language model there)");
        }
        const Keys text(top.at("text_config"), file, "text_config.");
        if (const auto innerType = text.optString("model_type"); innerType && *innerType != "gemma3_text") {
            text.invalid("model_type", "must be gemma3_text, got '" + *innerType + "'");
        }
        c = parseTextConfig(text, *info, &top, file);
    } else {
        c = parseTextConfig(top, *info, nullptr, file);
    }
    c.architecture = architecture.value_or(multimodal ? kGemma3Multimodal : info->architecture);
    return c;
}

ModelConfig loadModelConfig(const std::filesystem::path& folder)
{
    const std::filesystem::path path = folder / "config.json";
    return parseModelConfig(readJsonDocument(path), path.string());
}

GenerationDefaults parseGenerationDefaults(const nlohmann::json& document, const std::string& file)
{
    if (!document.is_object()) {
        throwInvalid(file, "", "a generation config must be a JSON object");
    }
    const Keys keys(document, file, "");
    GenerationDefaults g;
    if (keys.present("do_sample")) {
        g.doSample = keys.boolean("do_sample", false);
    }
    g.temperature = keys.optNumber("temperature");
    g.topK = keys.optInteger("top_k");
    g.topP = keys.optNumber("top_p");
    g.minP = keys.optNumber("min_p");
    g.typicalP = keys.optNumber("typical_p");
    g.repetitionPenalty = keys.optNumber("repetition_penalty");
    g.maxNewTokens = keys.optInteger("max_new_tokens");
    g.maxLength = keys.optInteger("max_length");
    g.eosTokenIds = keys.optTokenIds("eos_token_id").value_or(std::vector<std::int32_t>{});
    g.bosTokenId = keys.optTokenId("bos_token_id");
    g.padTokenId = keys.optTokenId("pad_token_id");
    return g;
}

GenerationDefaults loadGenerationDefaults(const std::filesystem::path& folder)
{
    const std::filesystem::path path = folder / "generation_config.json";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return {};
    }
    return parseGenerationDefaults(readJsonDocument(path), path.string());
}

}  // namespace lathe
