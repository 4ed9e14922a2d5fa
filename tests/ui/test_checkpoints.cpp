// Test checkpoints: encoding float values into the dtypes the tests use.
#include "tests/ui/test_checkpoints.h"

#include "core/error.h"
#include "io/safetensors_writer.h"

#include <QFile>

#include <cstring>

namespace lathe::test {
namespace {

std::vector<std::byte> encode(DType dtype, const std::vector<float>& values)
{
    std::vector<std::byte> bytes;
    auto append = [&bytes](const void* data, std::size_t size) {
        const auto* p = static_cast<const std::byte*>(data);
        bytes.insert(bytes.end(), p, p + size);
    };
    for (float value : values) {
        switch (dtype) {
        case DType::F32: append(&value, sizeof value); break;
        case DType::BF16: {
            const std::uint16_t bits = f32ToBf16(value);
            append(&bits, sizeof bits);
            break;
        }
        case DType::F16: {
            const std::uint16_t bits = f32ToF16(value);
            append(&bits, sizeof bits);
            break;
        }
        default: throw Error(ErrorKind::Unsupported, {}, "dtype", "test helper encodes F32, BF16 and F16 only");
        }
    }
    return bytes;
}

}  // namespace

void writeCheckpoint(const QString& path, const std::vector<TestTensor>& tensors, const Metadata& metadata)
{
    std::vector<std::vector<std::byte>> storage;
    storage.reserve(tensors.size());
    std::vector<TensorToWrite> toWrite;
    for (const TestTensor& tensor : tensors) {
        storage.push_back(encode(tensor.dtype, tensor.values));
        toWrite.push_back(TensorToWrite{tensor.name, tensor.dtype, tensor.shape, storage.back()});
    }
    SafetensorsWriteOptions options;
    options.metadata = metadata;
    options.withMetadata = !metadata.empty();
    writeSafetensors(std::filesystem::path(QFile::encodeName(path).toStdString()), toWrite, options);
}

TestTensor rampTensor(const std::string& name, DType dtype, std::vector<std::uint64_t> shape, float start, float step)
{
    std::uint64_t count = 1;
    for (std::uint64_t dim : shape) {
        count *= dim;
    }
    TestTensor tensor{name, dtype, std::move(shape), {}};
    tensor.values.resize(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        tensor.values[i] = start + step * float(i);
    }
    return tensor;
}

void writeRawFile(const QString& path, const std::string& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        throw Error(ErrorKind::Io, path.toStdString(), {}, "cannot write test file");
    }
    file.write(bytes.data(), qint64(bytes.size()));
}

}  // namespace lathe::test
