// Canonical safetensors writer and the sharding that transformers' save_pretrained applies.
#include "io/safetensors_writer.h"

#include "core/error.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <random>
#include <unistd.h>
#include <unordered_set>

namespace lathe {
namespace fs = std::filesystem;

namespace {

std::uint64_t expectedBytes(const TensorToWrite& t)
{
    std::uint64_t elements = 1;
    for (std::uint64_t d : t.shape) {
        if (__builtin_mul_overflow(elements, d, &elements)) {
            throwInvalid({}, "tensor \"" + t.name + "\"", "shape " + formatShape(t.shape) + " overflows 64 bits");
        }
    }
    std::uint64_t bits = 0;
    if (__builtin_mul_overflow(elements, static_cast<std::uint64_t>(dtypeBits(t.dtype)), &bits) || bits % 8 != 0) {
        throwInvalid({}, "tensor \"" + t.name + "\"", "shape " + formatShape(t.shape) + " × " +
                                                         std::string(dtypeName(t.dtype)) + " is not a whole number of bytes");
    }
    return bits / 8;
}

}  // namespace

std::string buildSafetensorsHeader(std::vector<const TensorToWrite*>& tensors, const Metadata& metadata,
                                   bool withMetadata)
{
    std::unordered_set<std::string_view> names;
    for (const TensorToWrite* t : tensors) {
        if (t->name == "__metadata__" || !names.insert(t->name).second) {
            throwInvalid({}, "tensor \"" + t->name + "\"", t->name == "__metadata__" ? "reserved name" : "name given twice");
        }
        const std::uint64_t need = expectedBytes(*t);
        if (t->data.size() != need) {
            throwInvalid({}, "tensor \"" + t->name + "\"",
                         std::to_string(t->data.size()) + " bytes of data but shape " + formatShape(t->shape) + " × " +
                             std::string(dtypeName(t->dtype)) + " needs " + std::to_string(need));
        }
    }
    // Larger dtypes first keeps every tensor naturally aligned once the header pads to 8.
    std::stable_sort(tensors.begin(), tensors.end(), [](const TensorToWrite* a, const TensorToWrite* b) {
        if (a->dtype != b->dtype) {
            return a->dtype > b->dtype;
        }
        return a->name < b->name;
    });
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (withMetadata || !metadata.empty()) {
        Metadata sorted = metadata;
        std::sort(sorted.begin(), sorted.end());
        nlohmann::ordered_json meta = nlohmann::ordered_json::object();
        for (const auto& [key, value] : sorted) {
            meta[key] = value;
        }
        header["__metadata__"] = std::move(meta);
    }
    std::uint64_t offset = 0;
    for (const TensorToWrite* t : tensors) {
        const std::uint64_t end = offset + t->data.size();
        header[t->name] = {{"dtype", dtypeName(t->dtype)}, {"shape", t->shape}, {"data_offsets", {offset, end}}};
        offset = end;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');
    if (text.size() > kSafetensorsMaxHeaderBytes) {
        throwInvalid({}, "header", "would be " + std::to_string(text.size()) + " bytes, over the " +
                                       std::to_string(kSafetensorsMaxHeaderBytes) + "-byte limit");
    }
    return text;
}

void writeSafetensors(const fs::path& path, std::span<const TensorToWrite> tensors, const SafetensorsWriteOptions& options)
{
    std::vector<const TensorToWrite*> order;
    order.reserve(tensors.size());
    for (const TensorToWrite& t : tensors) {
        order.push_back(&t);
    }
    std::string header;
    try {
        header = buildSafetensorsHeader(order, options.metadata, options.withMetadata);
    } catch (const Error& e) {
        throw Error(e.kind(), path.filename().string(), e.field(), e.reason());
    }
    std::uint8_t length[8];
    for (int i = 0; i < 8; ++i) {
        length[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(header.size()) >> (8 * i));
    }
    std::vector<std::span<const std::byte>> pieces;
    pieces.reserve(order.size() + 2);
    pieces.emplace_back(reinterpret_cast<const std::byte*>(length), 8);
    pieces.emplace_back(reinterpret_cast<const std::byte*>(header.data()), header.size());
    for (const TensorToWrite* t : order) {
        pieces.push_back(t->data);
    }
    writeFileAtomically(path, pieces);
}

std::vector<fs::path> writeSafetensorsSharded(const fs::path& folder, std::span<const TensorToWrite> tensors,
                                              const ShardedWriteOptions& options)
{
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) {
        throwIo(folder.string(), "cannot create folder: " + ec.message());
    }
    std::vector<std::vector<TensorToWrite>> shards;
    std::vector<TensorToWrite> current;
    std::uint64_t currentSize = 0;
    std::uint64_t totalSize = 0;
    for (const TensorToWrite& t : tensors) {
        const std::uint64_t size = t.data.size();
        totalSize += size;
        if (size > options.maxShardBytes) {
            shards.push_back({t});  // alone in its own shard; the open shard stays open
            continue;
        }
        if (currentSize + size > options.maxShardBytes) {
            shards.push_back(std::move(current));
            current.clear();
            currentSize = 0;
        }
        current.push_back(t);
        currentSize += size;
    }
    if (!current.empty() || shards.empty()) {
        shards.push_back(std::move(current));
    }
    SafetensorsWriteOptions shardOptions{options.shardMetadata, true};
    std::vector<fs::path> written;
    if (shards.size() == 1) {
        const fs::path file = folder / (options.prefix + ".safetensors");
        writeSafetensors(file, shards.front(), shardOptions);
        written.push_back(file);
        return written;
    }
    const std::size_t count = shards.size();
    nlohmann::ordered_json weightMap = nlohmann::ordered_json::object();
    std::vector<std::pair<std::string, std::string>> mapEntries;
    for (std::size_t i = 0; i < count; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "-%05zu-of-%05zu.safetensors", i + 1, count);
        const std::string fileName = options.prefix + name;
        writeSafetensors(folder / fileName, shards[i], shardOptions);
        written.push_back(folder / fileName);
        for (const TensorToWrite& t : shards[i]) {
            mapEntries.emplace_back(t.name, fileName);
        }
    }
    std::sort(mapEntries.begin(), mapEntries.end());  // transformers writes the map sorted by name
    for (const auto& [tensor, file] : mapEntries) {
        weightMap[tensor] = file;
    }
    nlohmann::ordered_json metadata = options.indexMetadata.is_object() ? options.indexMetadata : nlohmann::ordered_json::object();
    metadata["total_size"] = totalSize;
    nlohmann::ordered_json index = {{"metadata", metadata}, {"weight_map", weightMap}};
    const std::string text = index.dump(2) + "\n";
    const fs::path indexPath = folder / (options.prefix + ".safetensors.index.json");
    const std::span<const std::byte> piece(reinterpret_cast<const std::byte*>(text.data()), text.size());
    writeFileAtomically(indexPath, std::span(&piece, 1));
    written.push_back(indexPath);
    return written;
}

}  // namespace lathe
