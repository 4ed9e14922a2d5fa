// A GGUF file seen as a Hugging Face model, as transformers 5.23 builds one with
// from_pretrained(..., gguf_file=...) (integrations/ggml.py + modeling_gguf_pytorch_utils.py):
// the config.json and generation_config.json it derives from the GGUF metadata, and for every
// tensor its Hugging Face name and shape. llama.cpp's converter permutes the rows of q/k
// projections of llama-architecture models for its interleaved RoPE; transformers undoes it
// when it dequantizes. Plain values; the GgufFile must outlive the tensor views.
#pragma once

#include "core/dtype.h"
#include "io/gguf_file.h"
#include "tokenizer/gguf_tokenizer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lathe {

struct GgufModelTensor {
    std::string hfName;                    // "model.layers.0.self_attn.q_proj.weight"
    const GgufTensorInfo* info = nullptr;  // the GGUF tensor ("blk.0.attn_q.weight")
    std::vector<std::int64_t> hfShape;     // Hugging Face order: [out, in] for matrices
    // The rows are in llama.cpp's permuted q/k order; transformers' reverse permutation over
    // `permuteHeads` heads restores Hugging Face order (0: not permuted).
    std::int64_t permuteHeads = 0;
    // Added to every element after dequantization: -1 for Gemma 2/3 norms, which llama.cpp
    // stores as 1 + w and transformers' Gemma2TensorProcessor shifts back (in float32).
    float valueOffset = 0.0f;
};

struct GgufModel {
    // config.json: architectures, model_type and the keys transformers derives from the
    // metadata, in their saved 5.x form (rope_theta as rope_parameters); everything else is the
    // config class's default, as for transformers. parseModelConfig() reads it.
    nlohmann::ordered_json config;
    nlohmann::ordered_json generationConfig;  // generation_config.json (bos/eos/pad ids)
    std::vector<GgufModelTensor> tensors;     // in file order; only the model's own tensors
    std::string architecture;                 // general.architecture ("llama", "qwen2", ...)
};

// general.architecture llama (model_type mistral when general.name is exactly "mistral", as
// transformers decides it), qwen2, qwen3, gemma2, gemma3 (gemma3_text), phi3. Throws
// lathe::Error: Unsupported for any other architecture (listing these), InvalidInput naming the
// key or tensor for missing or inconsistent metadata, a parameter of the Hugging Face model
// without its GGUF tensor, or a tensor whose shape does not fit the config (where transformers'
// loader would fail on a size mismatch). Tensors the Hugging Face model has no parameter for
// (rope_freqs, rope_factors_*) are left out.
GgufModel describeGgufModel(const GgufFile& file);

// The general.architecture values describeGgufModel accepts ("llama", "qwen2", ...).
const std::vector<std::string>& ggufModelArchitectures();

// Row index in the permuted (GGUF) order of Hugging Face row `row` of a q/k projection with
// `rows` rows over `heads` heads (transformers' reverse_permute, as an index map).
std::int64_t ggufPermutedRow(std::int64_t row, std::int64_t rows, std::int64_t heads);

struct GgufConvertOptions {
    DType dtype = DType::BF16;             // BF16 or F32 safetensors
    bool overwrite = false;                // replace files in an existing OUT_DIR
    std::function<bool(double)> progress;  // fraction done; false cancels
};

// Writes a Hugging Face model folder that transformers loads: config.json,
// generation_config.json, tokenizer.json + tokenizer_config.json (with the chat template, as
// export-tokenizer writes them) and model.safetensors (dequantized, q/k in Hugging Face order).
// Every file appears atomically. Throws lathe::Error.
void convertGgufToFolder(const GgufFile& file, const std::filesystem::path& outDir, const GgufConvertOptions& options);

// A GGUF's tokenizer (tokenizerDocumentsFromGguf) as export-tokenizer and convert write it:
// outDir/tokenizer.json and outDir/tokenizer_config.json, each atomically. The folder must
// exist; existing files are replaced. Returns the two paths.
std::vector<std::filesystem::path> writeTokenizerFiles(const TokenizerDocuments& documents,
                                                       const std::filesystem::path& outDir);

// A JSON document written atomically the way transformers saves its JSON files: indented by
// 2, UTF-8 kept, a final newline; invalid UTF-8 in a string is replaced (U+FFFD) rather than
// failing the write.
void writeJsonFileAtomically(const std::filesystem::path& path, const nlohmann::json& document);
void writeJsonFileAtomically(const std::filesystem::path& path, const nlohmann::ordered_json& document);

}  // namespace lathe
