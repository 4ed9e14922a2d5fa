// Reads a model's weights for the decoder, whatever holds them: a safetensors checkpoint (used
// in place from the map) or a GGUF file (Q8_0/Q4_0/Q4_1 used in place as ggml blocks, other
// ggml formats dequantized once at load). Each tensor is checked against the shape the config
// implies, so a wrong checkpoint fails at load with the tensor's name and both shapes.
// Memory the reader creates (dequantized or --quantize'd weights) is owned by the model.
#pragma once

#include "backend/backend.h"
#include "io/checkpoint.h"
#include "io/gguf_file.h"
#include "model/gguf_model.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace lathe {

// A weight as its file stores it, in Hugging Face naming and shape.
struct SourceTensor {
    std::string file;                   // the file holding it, for messages
    std::string name;
    std::vector<std::uint64_t> shape;   // Hugging Face order
    std::span<const std::byte> bytes;
    std::optional<DType> dtype;         // safetensors dtype, or the dense GGUF types
    std::optional<GgmlType> ggml;       // a GGUF tensor's type
    std::int64_t permuteHeads = 0;      // rows in GGUF's permuted q/k order
    float valueOffset = 0.0f;           // added to each value as transformers does (GGUF Gemma norms: -1)
};

class TensorSource {
public:
    virtual ~TensorSource() = default;
    virtual const SourceTensor* find(const std::string& name) const = 0;
};

class CheckpointSource final : public TensorSource {
public:
    explicit CheckpointSource(std::shared_ptr<const Checkpoint> checkpoint);
    const SourceTensor* find(const std::string& name) const override;

private:
    std::shared_ptr<const Checkpoint> m_checkpoint;
    std::unordered_map<std::string, SourceTensor> m_tensors;
};

class GgufSource final : public TensorSource {
public:
    GgufSource(const GgufFile& file, const GgufModel& model);
    const SourceTensor* find(const std::string& name) const override;

private:
    std::unordered_map<std::string, SourceTensor> m_tensors;
};

// Owned weight memory (dequantized or quantized at load); kept alive by the model.
using WeightStorage = std::vector<std::unique_ptr<std::byte[]>>;

class WeightReader {
public:
    // quantize: BlockFormat::Q8_0 quantizes dense matrices at load (--quantize q8_0).
    WeightReader(const TensorSource& source, std::string where, BlockFormat quantize, WeightStorage& storage);

    bool has(const std::string& name) const { return m_source.find(name) != nullptr; }
    // Throws InvalidInput naming the tensor when it is missing (`why`: the config values).
    const SourceTensor& require(const std::string& name, const std::string& why) const;

    // A [rows, cols] matrix: in place when the device can compute with its format.
    MatrixView matrix(const std::string& name, std::int64_t rows, std::int64_t cols, const std::string& why);
    // A 1-D weight (norm scale, bias) as float32 on `backend`, plus `offset` (Gemma's 1 + w).
    DeviceBuffer vector(Backend& backend, const std::string& name, std::int64_t size, const std::string& why,
                        float offset = 0.0f);
    // True when some matrix read so far keeps GGUF's permuted q/k row order (interleaved RoPE).
    bool permutedQueryKey() const { return m_permuted; }
    // The spans of the file read since the last call (one layer's weights, for streaming).
    std::vector<std::span<const std::byte>> takeMapped() { return std::exchange(m_mapped, {}); }

private:
    std::byte* own(std::size_t bytes);

    const TensorSource& m_source;
    std::string m_where;
    BlockFormat m_quantize;
    WeightStorage& m_storage;
    std::vector<std::span<const std::byte>> m_mapped;
    bool m_permuted = false;
};

}  // namespace lathe
