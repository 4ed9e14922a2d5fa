// A GGUF file as the Hugging Face model transformers 5.23 builds from it: the config keys
// load_gguf_checkpoint derives (GGUF_CONFIG_MAPPING), the tensor names of gguf-py's name map,
// LlamaTensorProcessor's q/k reverse permutation and Gemma2TensorProcessor's norm shift; and
// the conversion of the file into a model folder.
#include "model/gguf_model.h"

#include "core/error.h"
#include "core/file_io.h"
#include "io/ggml_quants.h"
#include "io/safetensors_writer.h"
#include "model/model_config.h"
#include "tokenizer/gguf_tokenizer.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <fcntl.h>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

namespace lathe {
namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

namespace {

enum class Family { Llama, Mistral, Qwen2, Qwen3, Gemma2, Gemma3, Phi3 };

struct FamilyInfo {
    Family family;
    const char* modelType;     // config.json model_type
    const char* architecture;  // config.json architectures[0]
};

FamilyInfo familyInfo(Family family)
{
    switch (family) {
    case Family::Llama: return {family, "llama", "LlamaForCausalLM"};
    case Family::Mistral: return {family, "mistral", "MistralForCausalLM"};
    case Family::Qwen2: return {family, "qwen2", "Qwen2ForCausalLM"};
    case Family::Qwen3: return {family, "qwen3", "Qwen3ForCausalLM"};
    case Family::Gemma2: return {family, "gemma2", "Gemma2ForCausalLM"};
    case Family::Gemma3: return {family, "gemma3_text", "Gemma3ForCausalLM"};
    case Family::Phi3: return {family, "phi3", "Phi3ForCausalLM"};
    }
    return {family, "llama", "LlamaForCausalLM"};
}

// GGUF_CONFIG_MAPPING for the families above: "<arch>.<key>" -> config key. rope.dimension_count
// maps to head_dim for llama/mistral only (the others map it to None: dropped).
std::vector<std::pair<std::string_view, std::string_view>> architectureKeys(Family family)
{
    std::vector<std::pair<std::string_view, std::string_view>> keys = {
        {"context_length", "max_position_embeddings"},
        {"block_count", "num_hidden_layers"},
        {"feed_forward_length", "intermediate_size"},
        {"embedding_length", "hidden_size"},
        {"rope.freq_base", "rope_theta"},
        {"attention.head_count", "num_attention_heads"},
        {"attention.head_count_kv", "num_key_value_heads"},
        {"attention.layer_norm_rms_epsilon", "rms_norm_eps"},
        {"vocab_size", "vocab_size"},
    };
    if (family == Family::Llama || family == Family::Mistral) {
        keys.emplace_back("rope.dimension_count", "head_dim");
    }
    if (family == Family::Gemma2 || family == Family::Gemma3) {
        keys.emplace_back("attention.key_length", "head_dim");
        keys.emplace_back("attention.sliding_window", "sliding_window");
    }
    return keys;
}

std::string replaceAll(std::string text, std::string_view from, std::string_view to)
{
    if (from.empty() || from == to) {
        return text;
    }
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// One metadata value as transformers' _gguf_parse_value reads it: integers, floats (a FLOAT32
// widened to double), bools, strings; arrays element by element, a one-element array as its
// element. String values have the architecture renamed (llama -> mistral) as the loader does.
ordered_json metadataJson(const GgufValue& value, std::string_view from, std::string_view to, int depth = 0)
{
    switch (value.type()) {
    case GgufType::Bool: return value.asBool();
    case GgufType::String: return replaceAll(std::string(value.asString()), from, to);
    case GgufType::Float32:
    case GgufType::Float64: return value.asDouble();
    case GgufType::Array: {
        if (depth > 8) {
            throwInvalid({}, value.field(), "arrays nested too deeply");
        }
        ordered_json list = ordered_json::array();
        for (std::uint64_t i = 0; i < value.size(); ++i) {
            list.push_back(metadataJson(value.at(i), from, to, depth + 1));
        }
        if (list.size() == 1) {
            return list[0];
        }
        return list;
    }
    default:
        if (value.isInteger()) {
            return value.asInt();
        }
        throwInvalid({}, value.field(), "has an unknown value type " + ggufTypeName(value.type()));
    }
}

struct TensorRole {
    std::string_view hfSuffix;  // after "model.layers.N." (per layer) or the whole name (global)
    enum class Permute { None, QueryHeads, KeyValueHeads } permute = Permute::None;
};

// gguf-py's tensor name map (gguf 0.19.0, TensorNameMap) restricted to the parameters the
// Hugging Face model of each family has. Keys: GGUF names after "blk.N." (per layer).
std::vector<std::pair<std::string_view, TensorRole>> layerTensors(Family family)
{
    using P = TensorRole::Permute;
    std::vector<std::pair<std::string_view, TensorRole>> t = {
        {"attn_norm.weight", {"input_layernorm.weight"}},
        {"attn_output.weight", {"self_attn.o_proj.weight"}},
        {"ffn_down.weight", {"mlp.down_proj.weight"}},
    };
    if (family == Family::Phi3) {
        t.push_back({"attn_qkv.weight", {"self_attn.qkv_proj.weight"}});
        t.push_back({"ffn_up.weight", {"mlp.gate_up_proj.weight"}});
        t.push_back({"ffn_norm.weight", {"post_attention_layernorm.weight"}});
        return t;
    }
    const bool llama = family == Family::Llama || family == Family::Mistral;
    t.push_back({"attn_q.weight", {"self_attn.q_proj.weight", llama ? P::QueryHeads : P::None}});
    t.push_back({"attn_k.weight", {"self_attn.k_proj.weight", llama ? P::KeyValueHeads : P::None}});
    t.push_back({"attn_v.weight", {"self_attn.v_proj.weight"}});
    t.push_back({"ffn_gate.weight", {"mlp.gate_proj.weight"}});
    t.push_back({"ffn_up.weight", {"mlp.up_proj.weight"}});
    if (family == Family::Qwen2) {
        t.push_back({"attn_q.bias", {"self_attn.q_proj.bias"}});
        t.push_back({"attn_k.bias", {"self_attn.k_proj.bias"}});
        t.push_back({"attn_v.bias", {"self_attn.v_proj.bias"}});
    }
    if (family == Family::Qwen3 || family == Family::Gemma3) {
        t.push_back({"attn_q_norm.weight", {"self_attn.q_norm.weight"}});
        t.push_back({"attn_k_norm.weight", {"self_attn.k_norm.weight"}});
    }
    if (family == Family::Gemma2 || family == Family::Gemma3) {
        t.push_back({"post_attention_norm.weight", {"post_attention_layernorm.weight"}});
        t.push_back({"ffn_norm.weight", {"pre_feedforward_layernorm.weight"}});
        t.push_back({"post_ffw_norm.weight", {"post_feedforward_layernorm.weight"}});
    } else {
        t.push_back({"ffn_norm.weight", {"post_attention_layernorm.weight"}});
    }
    return t;
}

// "blk.12.attn_q.weight" -> (12, "attn_q.weight").
std::optional<std::pair<std::int64_t, std::string_view>> splitBlockName(std::string_view name)
{
    constexpr std::string_view prefix = "blk.";
    if (name.substr(0, prefix.size()) != prefix) {
        return std::nullopt;
    }
    const std::string_view rest = name.substr(prefix.size());
    const std::size_t dot = rest.find('.');
    if (dot == std::string_view::npos || dot == 0 || (dot > 1 && rest[0] == '0')) {
        return std::nullopt;
    }
    std::int64_t block = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + dot, block);
    if (ec != std::errc() || end != rest.data() + dot) {
        return std::nullopt;
    }
    return std::pair{block, rest.substr(dot + 1)};
}

std::string architectureList()
{
    std::string out;
    for (const std::string& a : ggufModelArchitectures()) {
        out += (out.empty() ? "" : ", ") + a;
    }
    return out;
}

// The config value as an integer, when the GGUF gave one (transformers reads the raw dict).
std::optional<std::int64_t> configInteger(const ordered_json& config, const char* key)
{
    const auto it = config.find(key);
    if (it == config.end() || !it->is_number_integer()) {
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string out = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        out += (i ? ", " : "") + std::to_string(shape[i]);
    }
    return out + "]";
}

// The shape transformers' model of this config gives the parameter (a GGUF tensor of another
// shape makes its loader fail with a size mismatch).
std::vector<std::int64_t> expectedShape(const ModelConfig& c, const std::string& hfName)
{
    // Sizes from a hostile file may overflow: such a product matches no tensor (-1).
    auto mul = [](std::int64_t a, std::int64_t b) {
        std::int64_t r = 0;
        return __builtin_mul_overflow(a, b, &r) ? std::int64_t{-1} : r;
    };
    auto add = [](std::int64_t a, std::int64_t b) {
        std::int64_t r = 0;
        return a < 0 || b < 0 || __builtin_add_overflow(a, b, &r) ? std::int64_t{-1} : r;
    };
    const std::int64_t q = mul(c.numHeads, c.headDim);
    const std::int64_t kv = mul(c.numKvHeads, c.headDim);
    auto ends = [&](std::string_view suffix) {
        return hfName.size() >= suffix.size() && hfName.compare(hfName.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (hfName == "model.embed_tokens.weight" || hfName == "lm_head.weight") {
        return {c.vocabSize, c.hiddenSize};
    }
    if (ends("self_attn.q_norm.weight") || ends("self_attn.k_norm.weight")) {
        return {c.headDim};
    }
    if (ends("norm.weight") || ends("layernorm.weight")) {
        return {c.hiddenSize};
    }
    if (ends(".qkv_proj.weight")) return {add(q, mul(2, kv)), c.hiddenSize};
    if (ends(".q_proj.weight")) return {q, c.hiddenSize};
    if (ends(".k_proj.weight") || ends(".v_proj.weight")) return {kv, c.hiddenSize};
    if (ends(".q_proj.bias")) return {q};
    if (ends(".k_proj.bias") || ends(".v_proj.bias")) return {kv};
    if (ends("o_proj.weight")) return {c.hiddenSize, q};
    if (ends(".gate_up_proj.weight")) return {mul(2, c.intermediateSize), c.hiddenSize};
    if (ends(".gate_proj.weight") || ends(".up_proj.weight")) return {c.intermediateSize, c.hiddenSize};
    if (ends(".down_proj.weight")) return {c.hiddenSize, c.intermediateSize};
    return {};
}

}  // namespace

const std::vector<std::string>& ggufModelArchitectures()
{
    static const std::vector<std::string> names = {"llama", "qwen2", "qwen3", "gemma2", "gemma3", "phi3"};
    return names;
}

std::int64_t ggufPermutedRow(std::int64_t row, std::int64_t rows, std::int64_t heads)
{
    // llama.cpp stores head h as rows (h, d, j) for d < dim, j < 2 (pairs interleaved);
    // Hugging Face as (h, j, d): the two rotary halves one after the other.
    const std::int64_t dim = rows / heads / 2;
    const std::int64_t head = row / (2 * dim);
    const std::int64_t within = row % (2 * dim);
    const std::int64_t half = within / dim;
    const std::int64_t d = within % dim;
    return head * 2 * dim + d * 2 + half;
}

GgufModel describeGgufModel(const GgufFile& file)
{
    const std::string& name = file.name();
    GgufModel model;
    const GgufValue* archValue = file.find("general.architecture");
    if (archValue == nullptr) {
        throwInvalid(name, "general.architecture", "is missing");
    }
    if (!archValue->isString()) {
        throwInvalid(name, "general.architecture", "must be a string, got " + ggufTypeName(archValue->type()));
    }
    const std::string architecture(archValue->asString());
    model.architecture = architecture;

    static const std::map<std::string, Family, std::less<>> families = {
        {"llama", Family::Llama}, {"qwen2", Family::Qwen2}, {"qwen3", Family::Qwen3},
        {"gemma2", Family::Gemma2}, {"gemma3", Family::Gemma3}, {"phi3", Family::Phi3},
    };
    const auto found = families.find(architecture);
    if (found == families.end()) {
        throw Error(ErrorKind::Unsupported, name, "general.architecture",
                    "\"" + architecture + "\" is not supported (supported: " + architectureList() + ")");
    }
    Family family = found->second;
    // transformers: `"mistral" in model_name`, where model_name is the *list* read_field returns,
    // so only a general.name of exactly "mistral" makes a llama GGUF a Mistral model.
    std::string updated = architecture;
    if (family == Family::Llama) {
        const GgufValue* generalName = file.find("general.name");
        if (generalName != nullptr && generalName->isString() && generalName->asString() == "mistral") {
            family = Family::Mistral;
            updated = "mistral";
        }
    }
    const FamilyInfo info = familyInfo(family);

    // The config dict load_gguf_checkpoint builds, in its order: tie_word_embeddings first,
    // then the mapped keys in file order.
    ordered_json derived = ordered_json::object();
    derived["tie_word_embeddings"] = file.findTensor("output.weight") == nullptr;
    const auto archKeys = architectureKeys(family);
    for (const GgufFile::Entry& entry : file.metadata()) {
        const std::string key = replaceAll(entry.key, architecture, updated);
        const std::size_t dot = key.find('.');
        if (dot == std::string::npos) {
            continue;
        }
        const std::string_view prefix = std::string_view(key).substr(0, dot);
        const std::string_view rest = std::string_view(key).substr(dot + 1);
        std::string_view target;
        if (prefix == "general") {
            target = rest == "architecture" ? "model_type" : rest == "name" ? "_model_name_or_path" : "";
        } else if (prefix == "tokenizer") {
            target = rest == "ggml.bos_token_id"       ? "bos_token_id"
                     : rest == "ggml.eos_token_id"     ? "eos_token_id"
                     : rest == "ggml.unknown_token_id" ? "unk_token_id"
                     : rest == "ggml.padding_token_id" ? "pad_token_id"
                                                       : "";
        } else if (prefix == updated) {
            for (const auto& [gguf, hf] : archKeys) {
                if (rest == gguf) {
                    target = hf;
                }
            }
        }
        if (!target.empty()) {
            ordered_json value = metadataJson(entry.value, architecture, updated);
            derived[std::string(target)] = std::move(value);
        }
    }
    if (!derived.contains("vocab_size")) {
        if (const GgufValue* tokens = file.find("tokenizer.ggml.tokens")) {
            if (!tokens->isArray()) {
                throwInvalid(name, "tokenizer.ggml.tokens", "must be an array, got " + ggufTypeName(tokens->type()));
            }
            derived["vocab_size"] = tokens->size();
        }
    }
    derived["model_type"] = info.modelType;  // gemma3 -> gemma3_text; llama -> mistral as above

    // config.json: the derived keys in transformers 5's saved form (rope_theta becomes
    // rope_parameters, as the config classes standardize it), with architectures.
    ordered_json& config = model.config;
    config["architectures"] = ordered_json::array({info.architecture});
    config["model_type"] = info.modelType;
    for (const auto& [key, value] : derived.items()) {
        if (key == "model_type") {
            continue;
        }
        if (key == "rope_theta") {
            const ordered_json base = {{"rope_theta", value}, {"rope_type", "default"}};
            if (family == Family::Gemma3) {
                // Gemma3TextConfig: the GGUF's freq_base is the global theta; the sliding layers
                // keep rope_local_base_freq's default (10000).
                config["rope_parameters"] = {
                    {"sliding_attention", {{"rope_type", "default"}, {"rope_theta", 10000.0}}},
                    {"full_attention", {{"rope_type", "default"}, {"rope_theta", value}}},
                };
            } else if (family == Family::Phi3) {
                config["rope_parameters"] = {{"rope_theta", value}, {"partial_rotary_factor", 1.0}, {"rope_type", "default"}};
            } else {
                config["rope_parameters"] = base;
            }
            continue;
        }
        config[key] = value;
    }

    // Tensors. The Hugging Face model's layer count comes from block_count; without it
    // transformers would fall back to the class default, which no real GGUF relies on.
    const std::string blockKey = architecture + ".block_count";
    const std::optional<std::int64_t> layers = configInteger(derived, "num_hidden_layers");
    if (!layers) {
        throwInvalid(name, blockKey, derived.contains("num_hidden_layers") ? "must be an integer" : "is missing");
    }
    if (*layers < 1) {
        throwInvalid(name, blockKey, "must be positive, got " + std::to_string(*layers));
    }
    const auto perLayer = layerTensors(family);
    const bool gemma = family == Family::Gemma2 || family == Family::Gemma3;
    std::vector<TensorRole::Permute> roles;
    std::unordered_set<std::string> seen;
    for (const GgufTensorInfo& tensor : file.tensors()) {
        std::string hfName;
        TensorRole::Permute role = TensorRole::Permute::None;
        if (tensor.name == "token_embd.weight") {
            hfName = "model.embed_tokens.weight";
        } else if (tensor.name == "output_norm.weight") {
            hfName = "model.norm.weight";
        } else if (tensor.name == "output.weight") {
            hfName = "lm_head.weight";
        } else if (const auto block = splitBlockName(tensor.name); block && block->first < *layers) {
            for (const auto& [gguf, target] : perLayer) {
                if (block->second == gguf) {
                    hfName = "model.layers." + std::to_string(block->first) + "." + std::string(target.hfSuffix);
                    role = target.permute;
                }
            }
        }
        if (hfName.empty()) {
            continue;  // not a parameter of the Hugging Face model (rope_freqs, rope_factors_*, ...)
        }
        GgufModelTensor out;
        out.hfName = hfName;
        out.info = &tensor;
        for (auto it = tensor.shape.rbegin(); it != tensor.shape.rend(); ++it) {
            if (*it > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                throwInvalid(name, "tensor \"" + tensor.name + "\"", "dimension " + std::to_string(*it) + " is too large");
            }
            out.hfShape.push_back(static_cast<std::int64_t>(*it));
        }
        if (gemma && tensor.name.find("norm.weight") != std::string::npos) {
            out.valueOffset = -1.0f;
        }
        seen.insert(tensor.name);
        roles.push_back(role);
        model.tensors.push_back(std::move(out));
    }

    // Every parameter of the Hugging Face model must come from the file (transformers would
    // leave a missing one randomly initialized, with a warning). This also bounds the layer
    // count by the file's tensors before anything is sized by it.
    auto require = [&](const std::string& gguf, const std::string& hf) {
        if (seen.count(gguf) == 0) {
            throwInvalid(name, "tensor \"" + gguf + "\"", "is missing (it holds " + hf + ")");
        }
    };
    require("token_embd.weight", "model.embed_tokens.weight");
    require("output_norm.weight", "model.norm.weight");
    for (std::int64_t layer = 0; layer < *layers; ++layer) {
        const std::string prefix = "blk." + std::to_string(layer) + ".";
        for (const auto& [gguf, target] : perLayer) {
            require(prefix + std::string(gguf), "model.layers." + std::to_string(layer) + "." + std::string(target.hfSuffix));
        }
    }

    // The config as the runtime (and transformers' config class, with its defaults) reads it.
    // (A general.name that is not UTF-8 is carried with U+FFFD, as the files are written.)
    const ModelConfig parsed = parseModelConfig(
        nlohmann::json::parse(config.dump(-1, ' ', false, ordered_json::error_handler_t::replace)), name);

    // generation_config.json: GenerationConfig.from_model_config takes the special ids of the
    // model's config, class defaults included (Gemma's pad 0, Phi-3's eos/pad 32000).
    model.generationConfig = ordered_json::object();
    if (parsed.bosTokenId) {
        model.generationConfig["bos_token_id"] = *parsed.bosTokenId;
    }
    if (parsed.eosTokenIds.size() == 1) {
        model.generationConfig["eos_token_id"] = parsed.eosTokenIds[0];
    } else if (!parsed.eosTokenIds.empty()) {
        model.generationConfig["eos_token_id"] = parsed.eosTokenIds;
    }
    if (parsed.padTokenId) {
        model.generationConfig["pad_token_id"] = *parsed.padTokenId;
    }

    // LlamaTensorProcessor permutes only when both head counts are in the GGUF's config (it
    // reads the raw dict, not the config class), with the counts given there.
    const bool permute = (family == Family::Llama || family == Family::Mistral) &&
                         derived.contains("num_attention_heads") && derived.contains("num_key_value_heads");
    for (std::size_t i = 0; i < model.tensors.size(); ++i) {
        GgufModelTensor& t = model.tensors[i];
        const std::vector<std::int64_t> want = expectedShape(parsed, t.hfName);
        if (t.hfShape != want) {
            throwInvalid(name, "tensor \"" + t.info->name + "\"",
                         "has shape " + shapeText(t.hfShape) + " (Hugging Face order) but " + t.hfName +
                             " of this config needs " + shapeText(want));
        }
        if (permute && roles[i] != TensorRole::Permute::None) {
            t.permuteHeads = roles[i] == TensorRole::Permute::QueryHeads ? parsed.numHeads : parsed.numKvHeads;
            const std::int64_t rows = t.hfShape[0];
            if (t.permuteHeads > rows / 2 || rows % (2 * t.permuteHeads) != 0) {
                throwInvalid(name, "tensor \"" + t.info->name + "\"",
                             std::to_string(rows) + " rows cannot be split into " + std::to_string(t.permuteHeads) +
                                 " heads of rotary pairs");
            }
        }
    }
    return model;
}

// ---- writing files

namespace {

void writeText(const fs::path& path, const std::string& text)
{
    writeFileAtomically(path, text);
}

std::uint64_t elementsOf(const std::vector<std::int64_t>& shape)
{
    std::uint64_t n = 1;
    for (std::int64_t d : shape) {
        n *= static_cast<std::uint64_t>(d);
    }
    return n;
}

// model.safetensors, tensor by tensor: dequantize (float32, as gguf-py), shift Gemma norms,
// restore q/k row order, convert to the output dtype and append. Only one tensor is held.
void writeModelSafetensors(const GgufFile& file, const GgufModel& model, const fs::path& path,
                           const GgufConvertOptions& options)
{
    const std::size_t elementBytes = options.dtype == DType::F32 ? 4 : 2;
    std::vector<TensorToWrite> entries;
    entries.reserve(model.tensors.size());
    // The header builder checks each span's length and reads no data: give it a length only.
    static const std::byte placeholder{};
    for (const GgufModelTensor& t : model.tensors) {
        TensorToWrite entry;
        entry.name = t.hfName;
        entry.dtype = options.dtype;
        entry.shape.assign(t.hfShape.begin(), t.hfShape.end());
        entry.data = std::span<const std::byte>(&placeholder, elementsOf(t.hfShape) * elementBytes);
        entries.push_back(std::move(entry));
    }
    std::vector<const TensorToWrite*> order;
    for (const TensorToWrite& e : entries) {
        order.push_back(&e);
    }
    const std::string header = buildSafetensorsHeader(order, {{"format", "pt"}}, true);
    std::unordered_map<std::string_view, const GgufModelTensor*> byName;
    for (const GgufModelTensor& t : model.tensors) {
        byName[t.hfName] = &t;
    }

    std::uint64_t totalBytes = 0;
    for (const GgufModelTensor& t : model.tensors) {
        totalBytes += t.info->bytes;
    }
    AtomicFileWriter out(path);
    std::uint8_t length[8];
    for (int i = 0; i < 8; ++i) {
        length[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(header.size()) >> (8 * i));
    }
    out.write(length, 8);
    out.write(header.data(), header.size());

    std::vector<float> values;
    std::vector<std::uint16_t> halves;
    std::uint64_t doneBytes = 0;
    for (const TensorToWrite* entry : order) {
        const GgufModelTensor& t = *byName.at(entry->name);
        const std::uint64_t count = elementsOf(t.hfShape);
        values.resize(count);
        const std::span<const std::byte> blocks = file.tensorBytes(*t.info);
        dequantizeGgml(t.info->type, blocks.data(), static_cast<std::int64_t>(count), values.data());
        if (t.valueOffset != 0.0f) {
            for (float& v : values) {
                v += t.valueOffset;
            }
        }
        const std::int64_t rows = t.hfShape.empty() ? 1 : t.hfShape[0];
        const std::uint64_t rowLength = rows == 0 ? 0 : count / static_cast<std::uint64_t>(rows);
        auto sourceRow = [&](std::int64_t row) {
            return t.permuteHeads > 0 ? ggufPermutedRow(row, rows, t.permuteHeads) : row;
        };
        if (options.dtype == DType::F32) {
            if (t.permuteHeads == 0) {
                out.write(values.data(), count * 4);
            } else {
                for (std::int64_t row = 0; row < rows; ++row) {
                    out.write(values.data() + static_cast<std::uint64_t>(sourceRow(row)) * rowLength, rowLength * 4);
                }
            }
        } else {
            halves.resize(count);
            for (std::int64_t row = 0; row < rows; ++row) {
                const float* from = values.data() + static_cast<std::uint64_t>(sourceRow(row)) * rowLength;
                std::uint16_t* to = halves.data() + static_cast<std::uint64_t>(row) * rowLength;
                for (std::uint64_t i = 0; i < rowLength; ++i) {
                    to[i] = f32ToBf16(from[i]);
                }
            }
            out.write(halves.data(), count * 2);
        }
        doneBytes += t.info->bytes;
        if (options.progress && !options.progress(totalBytes == 0 ? 1.0 : static_cast<double>(doneBytes) / totalBytes)) {
            throwCancelled("converting " + file.name());
        }
    }
    out.commit();
}

}  // namespace

void writeJsonFileAtomically(const fs::path& path, const nlohmann::json& document)
{
    writeText(path, document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void writeJsonFileAtomically(const fs::path& path, const nlohmann::ordered_json& document)
{
    writeText(path, document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

std::vector<fs::path> writeTokenizerFiles(const TokenizerDocuments& documents, const fs::path& outDir)
{
    const fs::path tokenizerPath = outDir / "tokenizer.json";
    const fs::path configPath = outDir / "tokenizer_config.json";
    writeJsonFileAtomically(tokenizerPath, documents.tokenizer);
    writeJsonFileAtomically(configPath, documents.config);
    return {tokenizerPath, configPath};
}

void convertGgufToFolder(const GgufFile& file, const fs::path& outDir, const GgufConvertOptions& options)
{
    if (options.dtype != DType::BF16 && options.dtype != DType::F32) {
        throwInvalid(outDir.string(), "dtype", std::string(dtypeName(options.dtype)) + " is not an output dtype (BF16 or F32)");
    }
    static const char* const kFiles[] = {"config.json", "generation_config.json", "model.safetensors", "tokenizer.json",
                                         "tokenizer_config.json"};
    std::error_code ec;
    if (!options.overwrite) {
        for (const char* fileName : kFiles) {
            if (fs::exists(outDir / fileName, ec)) {
                throwInvalid(outDir.string(), {}, std::string("already holds ") + fileName + "; pass --overwrite to replace it");
            }
        }
    }
    // Everything that can reject the input runs before the folder is touched.
    GgufModel model = describeGgufModel(file);
    const TokenizerDocuments tokenizer = tokenizerDocumentsFromGguf(file);
    for (const GgufModelTensor& t : model.tensors) {
        if (!ggmlCanDequantize(t.info->type)) {
            throw Error(ErrorKind::Unsupported, file.name(), "tensor \"" + t.info->name + "\"",
                        "type " + ggmlTypeName(t.info->type) + " cannot be dequantized");
        }
    }
    fs::create_directories(outDir, ec);
    if (ec) {
        throwIo(outDir.string(), "cannot create the folder", ec.value());
    }
    writeModelSafetensors(file, model, outDir / "model.safetensors", options);
    model.config["dtype"] = options.dtype == DType::F32 ? "float32" : "bfloat16";
    writeJsonFileAtomically(outDir / "config.json", model.config);
    writeJsonFileAtomically(outDir / "generation_config.json", model.generationConfig);
    writeTokenizerFiles(tokenizer, outDir);
}

}  // namespace lathe
