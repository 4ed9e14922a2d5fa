// KvCache: per-layer block pools on each layer's device, a free-block stack and fixed-size
// block tables, so admitting and finishing sequences never touches the heap.
#include "runtime/kv_cache.h"

#include "core/error.h"
#include "model/decoder.h"

namespace lathe {

KvCache::KvCache(const DecoderModel& model, std::int32_t blocks, std::int32_t maxSequences,
                 std::int64_t maxTokensPerSequence, std::int32_t blockSize)
    : m_blockSize(blockSize), m_totalBlocks(blocks), m_maxTokens(maxTokensPerSequence)
{
    if (blocks <= 0 || maxSequences <= 0 || maxTokensPerSequence <= 0 || blockSize <= 0) {
        throw Error(ErrorKind::InvalidInput, "kv cache", "size",
                    "blocks, sequences, tokens per sequence and block size must be positive");
    }
    const ModelConfig& c = model.config();
    const auto perBlock = static_cast<std::size_t>(blockSize) * static_cast<std::size_t>(c.numKvHeads * c.headDim);
    for (const DecoderLayer& layer : model.layers()) {
        DeviceBuffer k = layer.backend->allocate(perBlock * static_cast<std::size_t>(blocks));
        DeviceBuffer v = layer.backend->allocate(perBlock * static_cast<std::size_t>(blocks));
        PagedKvView view;
        view.k = k.data();
        view.v = v.data();
        view.numBlocks = blocks;
        view.blockSize = blockSize;
        view.kvHeads = static_cast<std::int32_t>(c.numKvHeads);
        view.headDim = static_cast<std::int32_t>(c.headDim);
        m_layers.push_back(view);
        m_storage.push_back(std::move(k));
        m_storage.push_back(std::move(v));
    }
    m_blocksPerSequence = blocksFor(maxTokensPerSequence);
    m_free.reserve(static_cast<std::size_t>(blocks));
    for (std::int32_t b = blocks - 1; b >= 0; --b) {
        m_free.push_back(b);
    }
    m_tables.resize(static_cast<std::size_t>(maxSequences));
    m_tableBlocks.assign(static_cast<std::size_t>(maxSequences), 0);
    for (std::int32_t s = maxSequences - 1; s >= 0; --s) {
        m_freeSlots.push_back(s);
    }
    for (auto& table : m_tables) {
        table.assign(static_cast<std::size_t>(m_blocksPerSequence), -1);
        m_tablePointers.push_back(table.data());
    }
}

std::int32_t KvCache::blocksFor(std::int64_t tokens) const
{
    return static_cast<std::int32_t>((tokens + m_blockSize - 1) / m_blockSize);
}

std::int64_t KvCache::bytesPerToken(const DecoderModel& model)
{
    const ModelConfig& c = model.config();
    return 2 * c.numLayers * c.numKvHeads * c.headDim * static_cast<std::int64_t>(sizeof(float));
}

std::int32_t KvCache::acquire(std::int64_t tokens)
{
    if (tokens <= 0 || tokens > m_maxTokens) {
        return -1;
    }
    const std::int32_t needed = blocksFor(tokens);
    if (m_freeSlots.empty() || needed > static_cast<std::int32_t>(m_free.size())) {
        return -1;
    }
    const std::int32_t slot = m_freeSlots.back();
    m_freeSlots.pop_back();
    auto& table = m_tables[static_cast<std::size_t>(slot)];
    for (std::int32_t i = 0; i < needed; ++i) {
        table[static_cast<std::size_t>(i)] = m_free.back();
        m_free.pop_back();
    }
    m_tableBlocks[static_cast<std::size_t>(slot)] = needed;
    return slot;
}

void KvCache::release(std::int32_t slot)
{
    auto& table = m_tables[static_cast<std::size_t>(slot)];
    for (std::int32_t i = m_tableBlocks[static_cast<std::size_t>(slot)] - 1; i >= 0; --i) {
        m_free.push_back(table[static_cast<std::size_t>(i)]);
        table[static_cast<std::size_t>(i)] = -1;
    }
    m_tableBlocks[static_cast<std::size_t>(slot)] = 0;
    m_freeSlots.push_back(slot);
}

}  // namespace lathe
