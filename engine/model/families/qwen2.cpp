// Qwen2 / Qwen2.5: Llama's layers with biases on q/k/v (never on o_proj or the MLP).
// transformers: models/qwen2/modeling_qwen2.py.
#include "model/family.h"

namespace lathe {

FamilySpec qwen2Family(const ModelConfig& /*config*/)
{
    FamilySpec spec;
    spec.architecture = "Qwen2ForCausalLM";
    spec.qkvBias = true;
    return spec;
}

}  // namespace lathe
