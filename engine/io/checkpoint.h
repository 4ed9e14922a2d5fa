// A checkpoint as a user opens it: one .safetensors file, a sharded checkpoint through its
// model.safetensors.index.json, or a folder holding either. Shards appear as one model.
// Immutable after open(): safe to share (std::shared_ptr<const Checkpoint>) across threads.
#pragma once

#include "io/safetensors_file.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lathe {

class Checkpoint {
public:
    enum class Source { File, Index, Folder };

    struct Tensor {
        const TensorInfo* info;  // points into shards()[shard].header()
        std::uint32_t shard;
    };

    // Throws lathe::Error naming the file and what is wrong (bad header, missing shard,
    // a tensor the index names but no shard holds, the same tensor in two shards...).
    static std::shared_ptr<const Checkpoint> open(const std::filesystem::path& path);

    const std::filesystem::path& path() const { return m_path; }  // what the user opened
    Source source() const { return m_source; }
    const std::vector<SafetensorsFile>& shards() const { return m_shards; }
    // Files in index order (sorted shard names), tensors in each file's header order.
    const std::vector<Tensor>& tensors() const { return m_tensors; }
    const Tensor* find(std::string_view name) const;
    std::span<const std::byte> tensorBytes(const Tensor& tensor) const;
    const std::filesystem::path& shardPath(const Tensor& tensor) const { return m_shards[tensor.shard].path(); }

    // The first shard's __metadata__ (empty when it has none).
    const Metadata& metadata() const;
    // The index file's "metadata" object, when opened through an index.
    const std::optional<nlohmann::ordered_json>& indexMetadata() const { return m_indexMetadata; }
    // Things that are odd but not wrong, e.g. a shard tensor the index does not list.
    const std::vector<std::string>& warnings() const { return m_warnings; }

    std::uint64_t totalParameters() const { return m_totalParameters; }
    std::uint64_t totalBytes() const { return m_totalBytes; }
    const std::map<DType, std::uint64_t>& parametersByDType() const { return m_parametersByDType; }
    const std::map<DType, std::uint64_t>& bytesByDType() const { return m_bytesByDType; }

private:
    void addShard(const std::filesystem::path& file);
    void finish();
    static void openIndex(Checkpoint& checkpoint, const std::filesystem::path& indexPath);

    std::filesystem::path m_path;
    Source m_source = Source::File;
    std::vector<SafetensorsFile> m_shards;
    std::vector<Tensor> m_tensors;
    std::vector<std::pair<std::string_view, std::uint32_t>> m_byName;  // sorted by name
    std::optional<nlohmann::ordered_json> m_indexMetadata;
    std::vector<std::string> m_warnings;
    std::uint64_t m_totalParameters = 0;
    std::uint64_t m_totalBytes = 0;
    std::map<DType, std::uint64_t> m_parametersByDType;
    std::map<DType, std::uint64_t> m_bytesByDType;
};

// Reads a whole small file (an index, a config) with a size cap; throws lathe::Error.
std::string readSmallFile(const std::filesystem::path& path, std::uint64_t maxBytes);

}  // namespace lathe
