// Llama 1/2/3.x (and SmolLM2, TinyLlama): the base every other family here varies.
// transformers: models/llama/modeling_llama.py. attention_bias puts biases on q/k/v/o,
// mlp_bias on gate/up/down.
#include "model/family.h"

namespace lathe {

FamilySpec llamaFamily(const ModelConfig& config)
{
    FamilySpec spec;
    spec.architecture = "LlamaForCausalLM";
    spec.qkvBias = config.attentionBias;
    spec.oBias = config.attentionBias;
    spec.mlpBias = config.mlpBias;
    return spec;
}

}  // namespace lathe
