// The decoder-only transformer all supported families are (model/family.h says how each one
// differs): loading a Hugging Face folder according to a device map, with weights used in
// place from the safetensors memory map, and one forward step over a batch of tokens from
// several sequences (prefill chunks and decode tokens together) against the paged KV cache.
//
// Thread-safety: a loaded model is immutable; forward() may be called from one thread at a time
// per Workspace/KvCache pair (the generator's thread).
#pragma once

#include "backend/backend.h"
#include "io/checkpoint.h"
#include "io/gguf_file.h"
#include "model/device_map.h"
#include "model/family.h"
#include "model/model_config.h"
#include "model/rope.h"
#include "model/weight_reader.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace lathe {

class KvCache;
class CpuBackend;

struct ModelLoadOptions {
    DeviceMap deviceMap;                       // empty: everything on the CPU
    unsigned threads = 0;                      // CPU threads; 0: the physical cores
    std::function<bool(double)> progress;      // fraction loaded; false cancels (Error Cancelled)
    BlockFormat quantize = BlockFormat::None;  // Q8_0: quantize dense weights at load (speed over exactness)
};

// config.json of a model folder, or the config a .gguf file describes (as transformers derives it).
ModelConfig readModelConfig(const std::filesystem::path& model);
// generation_config.json of a folder, or the ids a .gguf file gives.
GenerationDefaults readGenerationDefaults(const std::filesystem::path& model);
// True for a path to a GGUF file (by its magic bytes).
bool isGgufFile(const std::filesystem::path& path);

// One decoder layer's weights on its device. Matrices are [out, in] as in the checkpoint.
struct DecoderLayer {
    Placement placement;
    Backend* backend = nullptr;
    LayerAttention attention = LayerAttention::Full;
    std::int32_t window = 0;  // sliding window (0: full attention)
    MatrixView q, k, v, qkv, o;        // q [heads*hd, hidden], k/v [kv*hd, hidden], qkv fused, o [hidden, heads*hd]
    MatrixView gate, up, gateUp, down; // gate/up [I, hidden], gateUp [2I, hidden], down [hidden, I]
    DeviceBuffer qBias, kBias, vBias, oBias, gateBias, upBias, downBias;
    DeviceBuffer inputNorm, postAttentionNorm, preFeedforwardNorm, postFeedforwardNorm, qNorm, kNorm;  // f32, (1+w) folded
    std::vector<std::span<const std::byte>> mappedWeights;  // for streaming from disk
};

// One step's tokens. Tokens of one sequence are contiguous and in position order.
struct StepBatch {
    std::span<const std::int32_t> ids;
    std::span<const std::int32_t> positions;
    std::span<const std::int32_t> sequenceSlots;   // per token: its KvCache slot
    std::span<const std::int32_t> logitTokens;     // token indices whose next-token logits are wanted
    // Per token, the sequence length that length-dependent RoPE (dynamic NTK, LongRoPE) is
    // computed for: transformers uses max(position_ids) + 1 of the forward call, i.e. the whole
    // prompt's length for every prompt token. Empty: each sequence's highest position + 1.
    std::span<const std::int32_t> ropeLengths;
};

// Activation memory of forward(), sized once for a step of up to maxTokens tokens and
// maxLogitRows logit rows; forward() allocates nothing else on the CPU.
class Workspace {
public:
    std::int64_t maxTokens() const { return m_maxTokens; }
    std::int64_t maxLogitRows() const { return m_maxLogitRows; }

private:
    friend class DecoderModel;
    std::int64_t m_maxTokens = 0;
    std::int64_t m_maxLogitRows = 0;
    struct Buffers {
        Backend* backend = nullptr;
        DeviceBuffer x, h, qkv, attn, gateUp, tmp, rows, logits;
    };
    std::vector<Buffers> m_perBackend;
    std::vector<float> m_host;                  // cross-device transfers
    std::vector<std::int32_t> m_sequenceIndex;  // per token: index into m_tables
    std::vector<const std::int32_t*> m_tables;  // per step sequence: its block table
    RopeFrequencies m_dynamicRope[2];           // dynamic NTK tables, by layer type
    std::int64_t m_dynamicLength[2] = {-1, -1};
};

class DecoderModel {
public:
    // Reads folder/config.json and the safetensors (single or sharded), or a .gguf file, and
    // maps every weight.
    // Throws lathe::Error: Unsupported for an unknown architecture (listing the supported ones),
    // InvalidInput for missing or mis-shaped tensors (names and shapes), Cancelled.
    static std::unique_ptr<DecoderModel> load(const std::filesystem::path& folder, const ModelLoadOptions& options = {});
    ~DecoderModel();

    const ModelConfig& config() const { return m_config; }
    const FamilySpec& family() const { return m_family; }
    const std::filesystem::path& folder() const { return m_folder; }
    std::int64_t vocabSize() const { return m_config.vocabSize; }
    std::int64_t contextLength() const { return m_config.maxPositionEmbeddings; }
    const std::vector<DecoderLayer>& layers() const { return m_layers; }
    CpuBackend& cpuBackend() const { return *m_cpu; }
    const std::vector<std::string>& warnings() const { return m_warnings; }
    std::uint64_t weightBytes() const { return m_weightBytes; }

    Workspace makeWorkspace(std::int64_t maxTokens, std::int64_t maxLogitRows) const;

    // Runs the step's tokens through the model, storing their K/V in `cache`, and writes the
    // next-token logits of step.logitTokens to `logits` (host memory, [logitTokens, vocab]).
    void forward(const StepBatch& step, KvCache& cache, Workspace& workspace, float* logits) const;

    // The next-token logits of every position of one sequence, [ids, vocab] row-major: one
    // forward over the whole sequence (as transformers' model(ids)), run in steps of `chunk`
    // tokens; length-dependent RoPE sees the whole sequence's length. Throws InvalidInput for an
    // empty sequence, one longer than the context, or an id outside the vocabulary.
    std::vector<float> sequenceLogits(std::span<const std::int32_t> ids, std::int64_t chunk = 128) const;

private:
    DecoderModel() = default;
    void loadWeights(const ModelLoadOptions& options, const TensorSource& source);
    const RopeFrequencies& ropeFor(LayerAttention type, std::int64_t seqLen, Workspace& workspace) const;
    void runLayer(std::size_t index, const StepBatch& step, const AttentionBatch& batch, KvCache& cache,
                  Workspace& workspace) const;
    Workspace::Buffers& buffersFor(Workspace& workspace, Backend* backend) const;

    std::filesystem::path m_folder;
    ModelConfig m_config;
    FamilySpec m_family;
    std::unique_ptr<GgufFile> m_gguf;   // the file a GGUF model's weights live in
    std::unique_ptr<TensorSource> m_source;  // owns the maps the weight views point into
    WeightStorage m_storage;            // dequantized or quantized-at-load weights
    bool m_ropeInterleaved = false;     // q/k rows in GGUF's permuted order: rotate adjacent pairs
    std::unique_ptr<CpuBackend> m_cpu;
    std::vector<Backend*> m_backends;   // distinct backends, in layer order
    std::vector<DecoderLayer> m_layers;
    Backend* m_embedBackend = nullptr;
    Backend* m_headBackend = nullptr;
    MatrixView m_embed;                 // [vocab, hidden]
    MatrixView m_lmHead;                // [vocab, hidden] (the embedding when tied)
    DeviceBuffer m_finalNorm;
    float m_embedScale = 1.0f;
    // Rotary tables computed at load for Full and Sliding layers; length-dependent ones
    // (dynamic, longrope) are recomputed per step into the workspace.
    RopeFrequencies m_rope[2];
    RopeFrequencies m_ropeLong[2];      // longrope: the long-factor table
    std::vector<std::string> m_warnings;
    std::uint64_t m_weightBytes = 0;
};

}  // namespace lathe
