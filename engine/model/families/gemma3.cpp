// Gemma 3 text: Gemma 2's layer layout plus q/k norms (also scaled by 1 + w); local layers use
// their own RoPE base (ModelConfig::localRope). transformers: models/gemma3/modeling_gemma3.py.
#include "model/family.h"

namespace lathe {

FamilySpec gemma3Family(const ModelConfig& config)
{
    FamilySpec spec = gemma2Family(config);
    spec.architecture = config.architecture;  // Gemma3ForCausalLM (or the text part of ...ForConditionalGeneration)
    spec.qNorm = "self_attn.q_norm";
    spec.kNorm = "self_attn.k_norm";
    return spec;
}

}  // namespace lathe
