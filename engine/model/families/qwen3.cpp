// Qwen3: Llama's layers plus a per-head RMSNorm of q and k (q_norm, k_norm [head_dim]) before
// RoPE. transformers: models/qwen3/modeling_qwen3.py; attention_bias as in Llama.
#include "model/family.h"

namespace lathe {

FamilySpec qwen3Family(const ModelConfig& config)
{
    FamilySpec spec;
    spec.architecture = "Qwen3ForCausalLM";
    spec.qNorm = "self_attn.q_norm";
    spec.kNorm = "self_attn.k_norm";
    spec.qkvBias = config.attentionBias;
    spec.oBias = config.attentionBias;
    return spec;
}

}  // namespace lathe
