// Gemma 2: norms scale by (1 + w); four norms per layer (post_attention_layernorm is applied to
// the attention output, pre/post_feedforward_layernorm around the MLP); embeddings scaled by
// sqrt(hidden); GeGLU; attention and final-logit soft-capping and the query_pre_attn_scalar
// attention scale come from the config. transformers: models/gemma2/modeling_gemma2.py.
#include "model/family.h"

namespace lathe {

FamilySpec gemma2Family(const ModelConfig& config)
{
    FamilySpec spec;
    spec.architecture = "Gemma2ForCausalLM";
    spec.norm = NormStyle::OffsetOne;
    spec.scaleEmbeddings = true;
    spec.postAttentionNorm = "post_attention_layernorm";
    spec.preFeedforwardNorm = "pre_feedforward_layernorm";
    spec.postFeedforwardNorm = "post_feedforward_layernorm";
    spec.qkvBias = config.attentionBias;
    spec.oBias = config.attentionBias;
    return spec;
}

}  // namespace lathe
