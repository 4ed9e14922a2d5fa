// Mistral: Llama's layers; what differs is in the config (sliding_window, explicit head_dim),
// which ModelConfig carries. transformers: models/mistral/modeling_mistral.py (no biases).
#include "model/family.h"

namespace lathe {

FamilySpec mistralFamily(const ModelConfig& /*config*/)
{
    FamilySpec spec;
    spec.architecture = "MistralForCausalLM";
    return spec;
}

}  // namespace lathe
