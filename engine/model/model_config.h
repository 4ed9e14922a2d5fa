// A model's config.json and generation_config.json read as transformers 5.23 reads them, for the
// decoder families Lathe runs (see supportedArchitectures()). Both the old keys (rope_theta,
// rope_scaling, torch_dtype) and the new ones (rope_parameters, dtype, layer_types) are accepted;
// absent keys take the family's defaults from transformers' configuration_<family>.py.
// Plain values: copy freely.
#pragma once

#include "core/dtype.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lathe {

enum class RopeType { Default, Linear, Dynamic, Yarn, LongRope, Llama3 };

// One set of rotary parameters (transformers' rope_parameters / rope_scaling entry).
struct RopeConfig {
    RopeType type = RopeType::Default;
    double theta = 10000.0;
    double partialRotaryFactor = 1.0;          // rotary dims = head_dim * factor (Phi-4-mini)
    // linear, dynamic, yarn, llama3, longrope. The factor the computation uses: where transformers
    // derives it (yarn with `factor: null`, longrope without one: max_position_embeddings /
    // original_max_position_embeddings) the parser stores the derived value.
    double factor = 1.0;
    // llama3, yarn, longrope: the pretraining length, as transformers resolves it (a top-level
    // original_max_position_embeddings wins, then the rope entry's, then max_position_embeddings).
    std::optional<std::int64_t> originalMaxPositionEmbeddings;
    // llama3
    double lowFreqFactor = 1.0;
    double highFreqFactor = 4.0;
    // yarn
    std::optional<double> attentionFactor;     // yarn and longrope: explicit attention_factor
    double betaFast = 32.0;
    double betaSlow = 1.0;
    std::optional<double> mscale;
    std::optional<double> mscaleAllDim;
    bool truncate = true;
    // longrope
    std::vector<double> shortFactor;
    std::vector<double> longFactor;
};

enum class LayerAttention { Full, Sliding };
enum class HiddenActivation { Silu, GeluTanh };

struct ModelConfig {
    std::string architecture;   // "LlamaForCausalLM" (the first of `architectures`)
    std::string modelType;      // "llama", "mistral", "qwen2", "qwen3", "gemma2", "gemma3_text", "phi3"
    std::int64_t vocabSize = 0;
    std::int64_t hiddenSize = 0;
    std::int64_t intermediateSize = 0;
    std::int64_t numLayers = 0;
    std::int64_t numHeads = 0;
    std::int64_t numKvHeads = 0;
    std::int64_t headDim = 0;   // explicit head_dim, else hidden / heads
    std::int64_t maxPositionEmbeddings = 0;
    double rmsNormEps = 1e-6;
    HiddenActivation activation = HiddenActivation::Silu;
    bool tieWordEmbeddings = false;
    bool attentionBias = false;  // q/k/v (and o, where the family has it) carry biases
    bool attentionOutputBias = false;  // o_proj carries a bias (attention_bias, except Qwen2: q/k/v only)
    bool mlpBias = false;
    // The window of Sliding layers: a query at position q sees keys k with q - window < k <= q,
    // i.e. `window` keys counting itself (transformers' mask: kv_idx > q_idx - sliding_window).
    std::optional<std::int64_t> slidingWindow;
    std::vector<LayerAttention> layerTypes;         // one per layer, as the family's modeling code masks it
    RopeConfig rope;                                // full-attention layers
    RopeConfig localRope;                           // sliding layers (== rope unless the family differs: Gemma 3)
    std::optional<double> attnLogitSoftcapping;     // Gemma 2
    std::optional<double> finalLogitSoftcapping;    // Gemma 2
    std::optional<double> queryPreAttnScalar;       // Gemma 2/3: attention scale = this^-0.5
    std::optional<DType> dtype;                     // dtype / torch_dtype, when given
    std::vector<std::int32_t> eosTokenIds;          // eos_token_id, int or list
    std::optional<std::int32_t> bosTokenId;
    std::optional<std::int32_t> padTokenId;
    nlohmann::json raw;                             // the document as read (the text_config for nested configs)
};

// The architectures this engine runs, for the "unknown architecture" message.
const std::vector<std::string>& supportedArchitectures();

// Parses a config document. `file` names it in errors. The family is chosen by model_type (as
// AutoConfig does; architectures must agree with it), or by architectures when model_type is
// absent. Gemma3ForConditionalGeneration (model_type gemma3) is read through its text_config: the
// language model's values come from there, while eos/bos/pad ids, dtype and tie_word_embeddings
// set on the outer document win, as transformers resolves them for the wrapper. No size key is
// required: real configs (gemma-3-4b's text_config) rely on the class defaults.
// Throws lathe::Error: InvalidInput for malformed or inconsistent values (naming the key and
// value: non-positive sizes, heads not dividing, layer_types of the wrong length, a sliding layer
// without a window, a rope entry missing a key its type needs), Unsupported for an architecture
// not in supportedArchitectures() (the message lists them), a rope type, activation or layer kind
// not handled.
ModelConfig parseModelConfig(const nlohmann::json& document, const std::string& file);
// Reads folder/config.json.
ModelConfig loadModelConfig(const std::filesystem::path& folder);

// generation_config.json: the defaults `generate` takes from the model.
struct GenerationDefaults {
    std::optional<bool> doSample;
    std::optional<double> temperature;
    std::optional<std::int64_t> topK;
    std::optional<double> topP;
    std::optional<double> minP;
    std::optional<double> typicalP;
    std::optional<double> repetitionPenalty;
    std::optional<std::int64_t> maxNewTokens;
    std::optional<std::int64_t> maxLength;
    std::vector<std::int32_t> eosTokenIds;
    std::optional<std::int32_t> bosTokenId;
    std::optional<std::int32_t> padTokenId;
};

// Reads folder/generation_config.json; a folder without one gives empty defaults.
GenerationDefaults loadGenerationDefaults(const std::filesystem::path& folder);
GenerationDefaults parseGenerationDefaults(const nlohmann::json& document, const std::string& file);

}  // namespace lathe
