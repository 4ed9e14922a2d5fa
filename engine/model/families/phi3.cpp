// Phi-3 / Phi-3.5 / Phi-4-mini: fused projections -- qkv_proj [(heads + 2 kv_heads) * head_dim,
// hidden] and gate_up_proj [2 * intermediate, hidden], gate first -- and LongRoPE / partial
// rotary in the config. transformers: models/phi3/modeling_phi3.py (no biases).
#include "model/family.h"

namespace lathe {

FamilySpec phi3Family(const ModelConfig& /*config*/)
{
    FamilySpec spec;
    spec.architecture = "Phi3ForCausalLM";
    spec.qProj.clear();
    spec.kProj.clear();
    spec.vProj.clear();
    spec.qkvProj = "self_attn.qkv_proj";
    spec.gateProj.clear();
    spec.upProj.clear();
    spec.gateUpProj = "mlp.gate_up_proj";
    return spec;
}

}  // namespace lathe
