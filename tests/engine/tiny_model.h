// A tiny random Llama-style checkpoint written by the test itself (config.json and
// model.safetensors with seeded weights), with knobs for the error cases: the runtime's and the
// chat backend's unit tests run real models without downloading any.
#pragma once

#include "core/dtype.h"
#include "io/safetensors_writer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace lathe::test {

struct TinyModel {
    std::string architecture = "LlamaForCausalLM";
    std::string modelType = "llama";
    DType dtype = DType::F32;
    int vocab = 97;
    int hidden = 32;
    int intermediate = 48;
    int layers = 3;
    int heads = 4;
    int kvHeads = 2;
    int maxPositions = 256;
    bool tied = false;
    nlohmann::json extra = nlohmann::json::object();
    std::vector<std::string> dropTensors;
    std::map<std::string, std::vector<std::uint64_t>> reshape;  // tensor -> wrong shape
};

// Writes config.json and model.safetensors with seeded random weights.
inline void writeTinyModel(const std::filesystem::path& folder, const TinyModel& m, unsigned seed = 7)
{
    std::filesystem::create_directories(folder);
    nlohmann::json config = {{"architectures", {m.architecture}},
                             {"model_type", m.modelType},
                             {"vocab_size", m.vocab},
                             {"hidden_size", m.hidden},
                             {"intermediate_size", m.intermediate},
                             {"num_hidden_layers", m.layers},
                             {"num_attention_heads", m.heads},
                             {"num_key_value_heads", m.kvHeads},
                             {"max_position_embeddings", m.maxPositions},
                             {"rms_norm_eps", 1e-5},
                             {"rope_theta", 10000.0},
                             {"tie_word_embeddings", m.tied},
                             {"eos_token_id", 2},
                             {"bos_token_id", 1},
                             {"torch_dtype", m.dtype == DType::BF16 ? "bfloat16" : "float32"}};
    for (const auto& [key, value] : m.extra.items()) {
        config[key] = value;
    }
    std::ofstream(folder / "config.json") << config.dump(2);

    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 0.3f);
    const int hd = m.hidden / m.heads;
    std::vector<std::pair<std::string, std::vector<std::uint64_t>>> shapes = {
        {"model.embed_tokens.weight", {std::uint64_t(m.vocab), std::uint64_t(m.hidden)}},
        {"model.norm.weight", {std::uint64_t(m.hidden)}}};
    if (!m.tied) {
        shapes.push_back({"lm_head.weight", {std::uint64_t(m.vocab), std::uint64_t(m.hidden)}});
    }
    for (int l = 0; l < m.layers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        shapes.push_back({p + "self_attn.q_proj.weight", {std::uint64_t(m.heads * hd), std::uint64_t(m.hidden)}});
        shapes.push_back({p + "self_attn.k_proj.weight", {std::uint64_t(m.kvHeads * hd), std::uint64_t(m.hidden)}});
        shapes.push_back({p + "self_attn.v_proj.weight", {std::uint64_t(m.kvHeads * hd), std::uint64_t(m.hidden)}});
        shapes.push_back({p + "self_attn.o_proj.weight", {std::uint64_t(m.hidden), std::uint64_t(m.heads * hd)}});
        shapes.push_back({p + "mlp.gate_proj.weight", {std::uint64_t(m.intermediate), std::uint64_t(m.hidden)}});
        shapes.push_back({p + "mlp.up_proj.weight", {std::uint64_t(m.intermediate), std::uint64_t(m.hidden)}});
        shapes.push_back({p + "mlp.down_proj.weight", {std::uint64_t(m.hidden), std::uint64_t(m.intermediate)}});
        shapes.push_back({p + "input_layernorm.weight", {std::uint64_t(m.hidden)}});
        shapes.push_back({p + "post_attention_layernorm.weight", {std::uint64_t(m.hidden)}});
    }
    std::vector<std::vector<std::byte>> storage;
    std::vector<TensorToWrite> tensors;
    for (auto& [name, shape] : shapes) {
        if (std::find(m.dropTensors.begin(), m.dropTensors.end(), name) != m.dropTensors.end()) {
            continue;
        }
        if (auto it = m.reshape.find(name); it != m.reshape.end()) {
            shape = it->second;
        }
        std::uint64_t count = 1;
        for (auto d : shape) {
            count *= d;
        }
        std::vector<std::byte> bytes(count * (m.dtype == DType::BF16 ? 2 : 4));
        for (std::uint64_t i = 0; i < count; ++i) {
            float value = normal(rng);
            if (shape.size() == 1) {
                value = 1.0f + 0.2f * value;  // norm weights near one
            }
            if (m.dtype == DType::BF16) {
                const std::uint16_t bits = f32ToBf16(value);
                std::memcpy(bytes.data() + 2 * i, &bits, 2);
            } else {
                std::memcpy(bytes.data() + 4 * i, &value, 4);
            }
        }
        storage.push_back(std::move(bytes));
        TensorToWrite tensor;
        tensor.name = name;
        tensor.dtype = m.dtype;
        tensor.shape = shape;
        tensor.data = storage.back();
        tensors.push_back(tensor);
    }
    writeSafetensors(folder / "model.safetensors", tensors);
}

}  // namespace lathe::test
