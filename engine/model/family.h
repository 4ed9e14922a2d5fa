// What distinguishes one decoder family from another, as data: the names of its weights (the
// checkpoint's own keys, relative to "model.layers.N."), which optional parts it has, and how
// its norms and embeddings are scaled. One file per family in model/families/ fills one of
// these from the family's config; the shared decoder (model/decoder.h) runs them all.
#pragma once

#include "model/model_config.h"

#include <string>

namespace lathe {

enum class NormStyle {
    Plain,      // x_hat * w (Llama)
    OffsetOne,  // x_hat * (1 + w) (Gemma)
};

struct FamilySpec {
    std::string architecture;  // "LlamaForCausalLM"

    NormStyle norm = NormStyle::Plain;
    bool scaleEmbeddings = false;  // embeddings * sqrt(hidden) (Gemma)

    // Per-layer weight names relative to "model.layers.N." (without ".weight"); empty: absent.
    // Attention: separate q/k/v projections or one fused qkv projection.
    std::string qProj = "self_attn.q_proj";
    std::string kProj = "self_attn.k_proj";
    std::string vProj = "self_attn.v_proj";
    std::string qkvProj;  // [(heads + 2*kv_heads) * head_dim, hidden], rows q then k then v (Phi-3)
    std::string oProj = "self_attn.o_proj";
    std::string qNorm;    // per-head RMSNorm of q before RoPE [head_dim] (Qwen3, Gemma 3)
    std::string kNorm;
    // MLP: separate gate/up or fused gate_up (gate rows first, then up).
    std::string gateProj = "mlp.gate_proj";
    std::string upProj = "mlp.up_proj";
    std::string gateUpProj;  // [2 * intermediate, hidden] (Phi-3)
    std::string downProj = "mlp.down_proj";
    // Norms around the two blocks.
    std::string inputNorm = "input_layernorm";              // before attention
    std::string postAttentionNorm;                          // on the attention output, before the residual add (Gemma)
    std::string preFeedforwardNorm = "post_attention_layernorm";  // before the MLP (Llama's name for it)
    std::string postFeedforwardNorm;                        // on the MLP output (Gemma)

    bool qkvBias = false;   // q/k/v (or qkv) projections have ".bias"
    bool oBias = false;
    bool mlpBias = false;   // gate/up/down have ".bias"
};

// The spec of config.architecture (the config parser has already refused unknown ones).
FamilySpec familySpec(const ModelConfig& config);

// One per family, in model/families/<family>.cpp.
FamilySpec llamaFamily(const ModelConfig& config);
FamilySpec mistralFamily(const ModelConfig& config);
FamilySpec qwen2Family(const ModelConfig& config);
FamilySpec qwen3Family(const ModelConfig& config);
FamilySpec gemma2Family(const ModelConfig& config);
FamilySpec gemma3Family(const ModelConfig& config);
FamilySpec phi3Family(const ModelConfig& config);

}  // namespace lathe
