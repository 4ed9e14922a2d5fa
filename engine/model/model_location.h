// What a --model argument names: a model folder (config.json beside safetensors and tokenizer
// files), a .gguf file, or a Hub repo id whose snapshot is already in the huggingface_hub cache
// (HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub; refs/main picks the snapshot).
#pragma once

#include <filesystem>
#include <string>

namespace lathe {

// Throws lathe::Error(InvalidInput) naming the argument and what was looked for.
std::filesystem::path resolveModelPath(const std::string& argument);

// The huggingface_hub cache folder the environment selects.
std::filesystem::path hubCacheFolder();

}  // namespace lathe
