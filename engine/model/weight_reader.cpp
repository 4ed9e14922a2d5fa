// WeightReader: shape checks against the config, and the choice per tensor between using the
// file's bytes in place, dequantizing once, or quantizing once (--quantize q8_0).
#include "model/weight_reader.h"

#include "core/error.h"
#include "io/ggml_quants.h"

#include <cstring>

namespace lathe {

namespace {

std::string describeShape(std::int64_t rows, std::int64_t cols)
{
    return "[" + std::to_string(rows) + ", " + std::to_string(cols) + "]";
}

std::optional<DType> denseGgml(GgmlType type)
{
    switch (type) {
    case GgmlType::F32:
        return DType::F32;
    case GgmlType::F16:
        return DType::F16;
    case GgmlType::BF16:
        return DType::BF16;
    default:
        return std::nullopt;
    }
}

BlockFormat blockFormat(GgmlType type)
{
    switch (type) {
    case GgmlType::Q8_0:
        return BlockFormat::Q8_0;
    case GgmlType::Q4_0:
        return BlockFormat::Q4_0;
    case GgmlType::Q4_1:
        return BlockFormat::Q4_1;
    default:
        return BlockFormat::None;
    }
}

bool computable(DType dtype)
{
    return dtype == DType::F32 || dtype == DType::BF16 || dtype == DType::F16;
}

}  // namespace

CheckpointSource::CheckpointSource(std::shared_ptr<const Checkpoint> checkpoint) : m_checkpoint(std::move(checkpoint))
{
    for (const auto& tensor : m_checkpoint->tensors()) {
        SourceTensor source;
        source.file = m_checkpoint->shardPath(tensor).filename().string();
        source.name = tensor.info->name;
        source.shape = tensor.info->shape;
        source.bytes = m_checkpoint->tensorBytes(tensor);
        source.dtype = tensor.info->dtype;
        m_tensors.emplace(source.name, std::move(source));
    }
}

const SourceTensor* CheckpointSource::find(const std::string& name) const
{
    const auto it = m_tensors.find(name);
    return it == m_tensors.end() ? nullptr : &it->second;
}

GgufSource::GgufSource(const GgufFile& file, const GgufModel& model)
{
    for (const auto& tensor : model.tensors) {
        SourceTensor source;
        source.file = file.name();
        source.name = tensor.hfName;
        for (const std::int64_t d : tensor.hfShape) {
            source.shape.push_back(static_cast<std::uint64_t>(d));
        }
        source.bytes = file.tensorBytes(*tensor.info);
        source.ggml = tensor.info->type;
        source.dtype = denseGgml(tensor.info->type);
        source.permuteHeads = tensor.permuteHeads;
        source.valueOffset = static_cast<float>(tensor.valueOffset);
        m_tensors.emplace(source.name, std::move(source));
    }
}

const SourceTensor* GgufSource::find(const std::string& name) const
{
    const auto it = m_tensors.find(name);
    return it == m_tensors.end() ? nullptr : &it->second;
}

WeightReader::WeightReader(const TensorSource& source, std::string where, BlockFormat quantize, WeightStorage& storage)
    : m_source(source), m_where(std::move(where)), m_quantize(quantize), m_storage(storage)
{
}

const SourceTensor& WeightReader::require(const std::string& name, const std::string& why) const
{
    const SourceTensor* tensor = m_source.find(name);
    if (tensor == nullptr) {
        throwInvalid(m_where, "tensor \"" + name + "\"", "is missing from the checkpoint (" + why + ")");
    }
    return *tensor;
}

std::byte* WeightReader::own(std::size_t bytes)
{
    m_storage.push_back(std::make_unique<std::byte[]>(bytes));
    return m_storage.back().get();
}

MatrixView WeightReader::matrix(const std::string& name, std::int64_t rows, std::int64_t cols, const std::string& why)
{
    const SourceTensor& tensor = require(name, why);
    if (tensor.shape.size() != 2 || static_cast<std::int64_t>(tensor.shape[0]) != rows ||
        static_cast<std::int64_t>(tensor.shape[1]) != cols) {
        throwInvalid(tensor.file, "tensor \"" + name + "\"",
                     "has shape " + formatShape(tensor.shape) + " but the config (" + why + ") needs " +
                         describeShape(rows, cols));
    }
    if (tensor.permuteHeads > 0) {
        m_permuted = true;
    }
    MatrixView view{tensor.bytes.data(), DType::F32, rows, cols, BlockFormat::None};
    bool inPlace = true;
    if (tensor.dtype) {
        if (!computable(*tensor.dtype)) {
            throw Error(ErrorKind::Unsupported, tensor.file, "tensor \"" + name + "\"",
                        "is " + std::string(dtypeName(*tensor.dtype)) +
                            "; the runtime computes with F32, BF16 or F16 weights");
        }
        view.dtype = *tensor.dtype;
    } else if (const BlockFormat blocks = blockFormat(*tensor.ggml); blocks != BlockFormat::None) {
        view.blocks = blocks;
    } else if (ggmlCanDequantize(*tensor.ggml)) {
        // K-quants and the 5-bit formats: dequantized once, computed in float32.
        auto* out = reinterpret_cast<float*>(own(static_cast<std::size_t>(rows * cols) * sizeof(float)));
        dequantizeGgml(*tensor.ggml, tensor.bytes.data(), rows * cols, out);
        view.data = out;
        view.dtype = DType::F32;
        inPlace = false;
    } else {
        throw Error(ErrorKind::Unsupported, tensor.file, "tensor \"" + name + "\"",
                    "is " + ggmlTypeName(*tensor.ggml) + ", a ggml format the runtime cannot compute with");
    }

    if (m_quantize == BlockFormat::Q8_0 && view.blocks == BlockFormat::None && cols % kQuantBlock == 0) {
        const std::int64_t rowBytes = cols / kQuantBlock * kQ8_0BlockBytes;
        std::byte* out = own(static_cast<std::size_t>(rows * rowBytes));
        std::vector<float> row(static_cast<std::size_t>(cols));
        for (std::int64_t r = 0; r < rows; ++r) {
            cpu::rowToF32(view, r, row.data());
            quantizeQ8_0(row.data(), cols, out + r * rowBytes);
        }
        view = MatrixView{out, DType::F32, rows, cols, BlockFormat::Q8_0};
        inPlace = false;
    }
    if (inPlace) {
        m_mapped.push_back(tensor.bytes);
    }
    return view;
}

DeviceBuffer WeightReader::vector(Backend& backend, const std::string& name, std::int64_t size, const std::string& why,
                                  float offset)
{
    const SourceTensor& tensor = require(name, why);
    if (tensor.shape.size() != 1 || static_cast<std::int64_t>(tensor.shape[0]) != size) {
        throwInvalid(tensor.file, "tensor \"" + name + "\"",
                     "has shape " + formatShape(tensor.shape) + " but the config (" + why + ") needs [" +
                         std::to_string(size) + "]");
    }
    std::vector<float> host(static_cast<std::size_t>(size));
    if (tensor.dtype) {
        if (!computable(*tensor.dtype)) {
            throw Error(ErrorKind::Unsupported, tensor.file, "tensor \"" + name + "\"",
                        "is " + std::string(dtypeName(*tensor.dtype)) +
                            "; the runtime computes with F32, BF16 or F16 weights");
        }
        cpu::toF32(tensor.bytes.data(), *tensor.dtype, size, host.data());
    } else {
        dequantizeGgml(*tensor.ggml, tensor.bytes.data(), size, host.data());
    }
    if (tensor.valueOffset != 0.0f) {
        for (float& value : host) {
            value = value + tensor.valueOffset;  // llama.cpp stores Gemma's 1 + w; transformers subtracts 1
        }
    }
    if (offset != 0.0f) {
        for (float& value : host) {
            value = offset + value;  // float32, as transformers' (1.0 + self.weight.float())
        }
    }
    DeviceBuffer buffer = backend.allocate(static_cast<std::size_t>(size));
    backend.copyToDevice(buffer.data(), host.data(), host.size());
    return buffer;
}

}  // namespace lathe
