// The paged KV cache of many sequences, in the style of vLLM: the cache of each layer is a pool
// of fixed-size blocks (blockSize token slots) on that layer's device; a sequence owns a list of
// block ids (its block table), the same in every layer. Blocks are taken when a sequence is
// admitted and returned when it ends, so sequences of any lengths share one pool without
// fragmentation. Not thread-safe: the generator's scheduling thread owns it.
#pragma once

#include "backend/backend.h"

#include <cstdint>
#include <vector>

namespace lathe {

class DecoderModel;

class KvCache {
public:
    // Allocates `blocks` blocks of every layer on the layer's device, and block tables for up to
    // maxSequences sequences of up to maxTokensPerSequence tokens each.
    KvCache(const DecoderModel& model, std::int32_t blocks, std::int32_t maxSequences,
            std::int64_t maxTokensPerSequence, std::int32_t blockSize = 16);

    std::int32_t blockSize() const { return m_blockSize; }
    std::int32_t totalBlocks() const { return m_totalBlocks; }
    std::int32_t freeBlocks() const { return static_cast<std::int32_t>(m_free.size()); }
    std::int64_t maxTokensPerSequence() const { return m_maxTokens; }
    std::int32_t blocksFor(std::int64_t tokens) const;
    // Bytes of one token's K and V over all layers (for sizing the pool).
    static std::int64_t bytesPerToken(const DecoderModel& model);

    // A sequence slot whose block table covers `tokens` positions, or -1 when there are not
    // enough free blocks or slots now. Allocates nothing on the heap.
    std::int32_t acquire(std::int64_t tokens);
    void release(std::int32_t slot);

    const std::int32_t* const* blockTables() const { return m_tablePointers.data(); }
    PagedKvView layer(std::size_t index) const { return m_layers[index]; }

private:
    std::int32_t m_blockSize;
    std::int32_t m_totalBlocks;
    std::int64_t m_maxTokens;
    std::int32_t m_blocksPerSequence;
    std::vector<DeviceBuffer> m_storage;          // per layer: K then V
    std::vector<PagedKvView> m_layers;
    std::vector<std::int32_t> m_free;             // free block ids (a stack)
    std::vector<std::int32_t> m_freeSlots;        // free sequence slots (a stack)
    std::vector<std::vector<std::int32_t>> m_tables;  // per slot: block ids
    std::vector<std::int32_t> m_tableBlocks;      // per slot: blocks in use
    std::vector<const std::int32_t*> m_tablePointers;
};

}  // namespace lathe
