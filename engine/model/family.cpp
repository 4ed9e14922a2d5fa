// familySpec: the architecture name to its family file.
#include "model/family.h"

#include "core/error.h"

namespace lathe {

FamilySpec familySpec(const ModelConfig& config)
{
    const std::string& arch = config.architecture;
    if (arch == "LlamaForCausalLM") {
        return llamaFamily(config);
    }
    if (arch == "MistralForCausalLM") {
        return mistralFamily(config);
    }
    if (arch == "Qwen2ForCausalLM") {
        return qwen2Family(config);
    }
    if (arch == "Qwen3ForCausalLM") {
        return qwen3Family(config);
    }
    if (arch == "Gemma2ForCausalLM") {
        return gemma2Family(config);
    }
    if (arch == "Gemma3ForCausalLM" || arch == "Gemma3ForConditionalGeneration") {
        return gemma3Family(config);
    }
    if (arch == "Phi3ForCausalLM") {
        return phi3Family(config);
    }
    std::string list;
    for (const auto& name : supportedArchitectures()) {
        list += (list.empty() ? "" : ", ") + name;
    }
    throw Error(ErrorKind::Unsupported, "config.json", "architectures",
                "\"" + arch + "\" is not supported; supported: " + list);
}

}  // namespace lathe
