// Small checkpoints the GUI tests write for themselves with the engine's writer: named
// tensors with known values in F32, BF16 or F16, so tests can check what the pages show.
#pragma once

#include "core/dtype.h"
#include "io/safetensors_header.h"

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace lathe::test {

struct TestTensor {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::uint64_t> shape;
    std::vector<float> values;  // encoded into dtype (exactly for values the dtype holds)
};

// Writes one .safetensors file; throws lathe::Error like the writer.
void writeCheckpoint(const QString& path, const std::vector<TestTensor>& tensors, const Metadata& metadata = {});

// A tensor of `count` values start, start+step, ...
TestTensor rampTensor(const std::string& name, DType dtype, std::vector<std::uint64_t> shape, float start, float step);

// Writes bytes as they are (for broken files).
void writeRawFile(const QString& path, const std::string& bytes);

}  // namespace lathe::test
