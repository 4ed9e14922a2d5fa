// Checkpoint: resolving what the user opened into shards, and checking an index against them.
#include "io/checkpoint.h"

#include "core/error.h"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <set>

namespace lathe {
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMaxIndexBytes = 256ull << 20;

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string inQuotes(std::string_view s)
{
    return "\"" + std::string(s) + "\"";
}

}  // namespace

std::string readSmallFile(const fs::path& path, std::uint64_t maxBytes)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) {
        throwIo(path.filename().string(), "cannot read: " + ec.message());
    }
    if (size > maxBytes) {
        throwInvalid(path.filename().string(), {}, "file is " + std::to_string(size) + " bytes, more than the " +
                                                        std::to_string(maxBytes) + " allowed for it");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throwIo(path.filename().string(), "cannot open", errno);
    }
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uint64_t>(in.gcount()) != size) {
        throwIo(path.filename().string(), "short read");
    }
    return text;
}

void Checkpoint::addShard(const fs::path& file)
{
    m_shards.push_back(SafetensorsFile::open(file));
}

void Checkpoint::openIndex(Checkpoint& checkpoint, const fs::path& indexPath)
{
    const std::string indexName = indexPath.filename().string();
    nlohmann::ordered_json index;
    try {
        index = nlohmann::ordered_json::parse(readSmallFile(indexPath, kMaxIndexBytes));
    } catch (const nlohmann::json::exception& e) {
        throwInvalid(indexName, {}, std::string("not valid JSON: ") + e.what());
    }
    if (!index.is_object()) {
        throwInvalid(indexName, {}, "must be a JSON object");
    }
    if (index.contains("metadata")) {
        if (!index["metadata"].is_object()) {
            throwInvalid(indexName, "metadata", "must be an object");
        }
        checkpoint.m_indexMetadata = index["metadata"];
    }
    const auto weightMap = index.find("weight_map");
    if (weightMap == index.end() || !weightMap->is_object()) {
        throwInvalid(indexName, "weight_map", weightMap == index.end() ? "missing" : "must be an object");
    }
    // Shards as transformers loads them: the sorted set of files the weight map names.
    std::set<std::string> shardNames;
    for (const auto& [tensor, shard] : weightMap->items()) {
        if (!shard.is_string()) {
            throwInvalid(indexName, "weight_map." + tensor, "must be a file name string");
        }
        const std::string name = shard.get<std::string>();
        const fs::path rel(name);
        if (name.empty() || rel.is_absolute() || name.find("..") != std::string::npos) {
            throwInvalid(indexName, "weight_map." + tensor, "shard " + inQuotes(name) + " is not a plain file name inside the folder");
        }
        shardNames.insert(name);
    }
    const fs::path folder = indexPath.parent_path();
    std::map<std::string, std::uint32_t> shardIndex;
    for (const std::string& name : shardNames) {
        const fs::path shardPath = folder / name;
        std::error_code ec;
        if (!fs::is_regular_file(shardPath, ec)) {
            throwInvalid(indexName, "weight_map", "names shard " + inQuotes(name) + ", which does not exist");
        }
        shardIndex[name] = static_cast<std::uint32_t>(checkpoint.m_shards.size());
        checkpoint.addShard(shardPath);
    }
    checkpoint.finish();
    for (const auto& [tensor, shard] : weightMap->items()) {
        const Tensor* found = checkpoint.find(tensor);
        const std::string shardName = shard.get<std::string>();
        if (found == nullptr) {
            throwInvalid(indexName, "weight_map", "tensor " + inQuotes(tensor) + " is mapped to " + inQuotes(shardName) + ", which does not hold it");
        }
        if (found->shard != shardIndex[shardName]) {
            throwInvalid(indexName, "weight_map",
                         "tensor " + inQuotes(tensor) + " is mapped to " + inQuotes(shardName) + " but is in " +
                             inQuotes(checkpoint.m_shards[found->shard].path().filename().string()));
        }
    }
    std::size_t unlisted = 0;
    for (const Tensor& t : checkpoint.m_tensors) {
        if (!weightMap->contains(t.info->name)) {
            if (++unlisted <= 5) {
                checkpoint.m_warnings.push_back("tensor " + inQuotes(t.info->name) + " in " +
                                                inQuotes(checkpoint.m_shards[t.shard].path().filename().string()) +
                                                " is not listed in " + indexName);
            }
        }
    }
    if (unlisted > 5) {
        checkpoint.m_warnings.push_back(std::to_string(unlisted - 5) + " more tensors are not listed in " + indexName);
    }
}

std::shared_ptr<const Checkpoint> Checkpoint::open(const fs::path& path)
{
    auto checkpoint = std::make_shared<Checkpoint>();
    checkpoint->m_path = path;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        throw Error(ErrorKind::Io, path.string(), {}, "no such file or folder");
    }
    if (fs::is_directory(status)) {
        checkpoint->m_source = Source::Folder;
        std::vector<fs::path> indexes;
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(path, ec)) {
            const std::string name = entry.path().filename().string();
            if (!entry.is_regular_file(ec)) {
                continue;
            }
            if (endsWith(name, ".safetensors.index.json")) {
                indexes.push_back(entry.path());
            } else if (endsWith(name, ".safetensors")) {
                files.push_back(entry.path());
            }
        }
        if (ec) {
            throwIo(path.string(), "cannot list folder: " + ec.message());
        }
        std::sort(indexes.begin(), indexes.end());
        std::sort(files.begin(), files.end());
        const fs::path preferredIndex = path / "model.safetensors.index.json";
        const fs::path preferredFile = path / "model.safetensors";
        if (std::find(indexes.begin(), indexes.end(), preferredIndex) != indexes.end()) {
            openIndex(*checkpoint, preferredIndex);
        } else if (std::find(files.begin(), files.end(), preferredFile) != files.end()) {
            checkpoint->addShard(preferredFile);
            checkpoint->finish();
        } else if (indexes.size() == 1) {
            openIndex(*checkpoint, indexes.front());
        } else if (!indexes.empty()) {
            throwInvalid(path.string(), {}, "holds several .safetensors.index.json files; open one of them");
        } else if (!files.empty()) {
            // Unsharded files side by side (an adapter folder, a split export): one model.
            for (const fs::path& file : files) {
                checkpoint->addShard(file);
            }
            checkpoint->finish();
        } else {
            throwInvalid(path.string(), {}, "holds no .safetensors file and no model.safetensors.index.json");
        }
        return checkpoint;
    }
    const std::string name = path.filename().string();
    if (endsWith(name, ".json")) {
        checkpoint->m_source = Source::Index;
        openIndex(*checkpoint, path);
    } else {
        checkpoint->m_source = Source::File;
        checkpoint->addShard(path);
        checkpoint->finish();
    }
    return checkpoint;
}

void Checkpoint::finish()
{
    m_tensors.clear();
    m_byName.clear();
    for (std::uint32_t s = 0; s < m_shards.size(); ++s) {
        for (const TensorInfo& info : m_shards[s].header().tensors) {
            m_byName.emplace_back(info.name, static_cast<std::uint32_t>(m_tensors.size()));
            m_tensors.push_back(Tensor{&info, s});
            const std::uint64_t elements = info.elementCount();
            m_totalParameters += elements;
            m_totalBytes += info.byteSize();
            m_parametersByDType[info.dtype] += elements;
            m_bytesByDType[info.dtype] += info.byteSize();
        }
    }
    std::sort(m_byName.begin(), m_byName.end());
    const auto repeat = std::adjacent_find(m_byName.begin(), m_byName.end(),
                                           [](const auto& x, const auto& y) { return x.first == y.first; });
    if (repeat != m_byName.end()) {
        const Tensor& first = m_tensors[repeat->second];
        const Tensor& second = m_tensors[std::next(repeat)->second];
        throwInvalid(m_shards[second.shard].path().filename().string(), "tensor " + inQuotes(second.info->name),
                     "also stored in " + inQuotes(m_shards[first.shard].path().filename().string()));
    }
}

const Checkpoint::Tensor* Checkpoint::find(std::string_view name) const
{
    const auto it = std::lower_bound(m_byName.begin(), m_byName.end(), name,
                                     [](const auto& entry, std::string_view key) { return entry.first < key; });
    return (it == m_byName.end() || it->first != name) ? nullptr : &m_tensors[it->second];
}

std::span<const std::byte> Checkpoint::tensorBytes(const Tensor& tensor) const
{
    return m_shards[tensor.shard].tensorBytes(*tensor.info);
}

const Metadata& Checkpoint::metadata() const
{
    static const Metadata empty;
    return m_shards.empty() ? empty : m_shards.front().header().metadata;
}

}  // namespace lathe
