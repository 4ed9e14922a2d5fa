// Writing safetensors files in the reference writer's canonical layout: tensors sorted by
// dtype (descending enum order) then name, packed without gaps, compact JSON header with
// __metadata__ first, padded with spaces to a multiple of 8. Writes are atomic (temp + rename).
#pragma once

#include "core/file_io.h"
#include "io/safetensors_header.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace lathe {

struct TensorToWrite {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::uint64_t> shape;
    std::span<const std::byte> data;  // exactly shape × dtype bytes, little-endian row-major
};

// The header bytes (without the 8-byte length) for these tensors, in canonical order.
// `metadata` may be empty and `withMetadata` false to leave "__metadata__" out entirely.
// Throws lathe::Error when a tensor's data length does not match its shape and dtype, or a
// name repeats.
std::string buildSafetensorsHeader(std::vector<const TensorToWrite*>& tensorsInOut, const Metadata& metadata,
                                   bool withMetadata);

struct SafetensorsWriteOptions {
    Metadata metadata;          // written as __metadata__ (keys sorted for a stable file)
    bool withMetadata = false;  // true: write __metadata__ even when empty
};

// Writes one file atomically: a temporary file beside `path`, fsync, then rename.
void writeSafetensors(const std::filesystem::path& path, std::span<const TensorToWrite> tensors,
                      const SafetensorsWriteOptions& options = {});

struct ShardedWriteOptions {
    std::uint64_t maxShardBytes = 5'000'000'000;  // transformers' default "5GB"
    std::string prefix = "model";                 // model.safetensors / model-00001-of-00002.safetensors
    Metadata shardMetadata{{"format", "pt"}};     // each shard's __metadata__
    nlohmann::ordered_json indexMetadata = nlohmann::ordered_json::object();  // merged under "metadata"
};

// Splits tensors into shards as huggingface_hub's `split_state_dict_into_shards` does (in
// the given order; a new shard when the next tensor would overflow the current one; a
// tensor larger than the limit alone in its shard), writes them and, with more than one
// shard, the index "<prefix>.safetensors.index.json" with metadata.total_size. Returns the
// files written, the index last. Every file appears atomically; the index is written last.
std::vector<std::filesystem::path> writeSafetensorsSharded(const std::filesystem::path& folder,
                                                           std::span<const TensorToWrite> tensors,
                                                           const ShardedWriteOptions& options = {});

}  // namespace lathe
