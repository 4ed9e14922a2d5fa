// The BPE model of tokenizer.json: vocabulary, ranked merges and the merge loop that turns one
// pre-tokenized word into ids, as the `tokenizers` library's BPE does (both merges forms,
// byte_fallback, ignore_merges, unk_token with fuse_unk, continuing_subword_prefix,
// end_of_word_suffix). Words may be given as raw bytes when a ByteLevel pre-tokenizer left them
// unmapped (see makePreTokenizer): the vocabulary is then keyed by the bytes its tokens stand for.
#pragma once

#include "tokenizer/components.h"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::tok {

// An open-addressing map from byte strings to ids; the keys live in one arena. Read-only after
// construction, so lookups need no lock.
class StringIdMap {
public:
    // Returns false when `key` is already present (the first id is kept).
    bool insert(std::string_view key, int32_t id);
    std::optional<int32_t> find(std::string_view key) const;
    size_t size() const { return m_count; }

private:
    struct Slot {
        uint64_t hash = 0;
        uint32_t offset = 0;
        uint32_t length = 0;
        int32_t id = -1;  // -1: empty
    };
    void grow();
    std::vector<Slot> m_slots;
    std::string m_arena;
    size_t m_count = 0;
};

uint64_t hashBytes(std::string_view bytes);

class BpeModel {
public:
    // `spec` is the "model" object of tokenizer.json (type "BPE"). With `byteLevelRaw`, words
    // arrive as raw bytes and vocabulary entries are translated from the GPT-2 byte alphabet.
    BpeModel(const nlohmann::json& spec, const Origin& origin, bool byteLevelRaw);
    // Whether a model of this spec can take raw-byte words (no byte fallback, no subword
    // prefix or word suffix, which are written in the mapped alphabet).
    static bool supportsByteLevelRaw(const nlohmann::json& spec);
    ~BpeModel();

    // Appends the ids of one word.
    void tokenize(std::string_view word, std::vector<int32_t>& ids) const;

    size_t vocabSize() const { return m_vocabSize; }
    std::optional<int32_t> tokenToId(std::string_view token) const;
    // The token as written in tokenizer.json; nullptr for an id not in the vocabulary.
    const std::string* idToToken(int32_t id) const;

private:
    struct Symbol {
        int32_t id;
        int32_t prev;
        int32_t next;
        uint32_t length;  // bytes of the word this symbol covers; 0 once merged away
    };
    struct MergeEntry {
        uint64_t pair = ~uint64_t(0);  // (left id << 32) | right id; all ones: empty
        uint32_t rank = 0;
        int32_t merged = 0;
    };
    const MergeEntry* findMerge(int32_t left, int32_t right) const;
    void initialSymbols(std::string_view word, std::vector<Symbol>& symbols) const;
    void mergeSymbols(std::vector<Symbol>& symbols) const;
    void tokenizeUncached(std::string_view word, std::vector<int32_t>& ids) const;

    StringIdMap m_vocab;                  // the tokens as written in the file
    StringIdMap m_rawVocab;               // byte-level raw: the bytes each token stands for
    std::vector<std::string> m_tokens;    // id -> token as written in the file
    std::vector<uint8_t> m_hasToken;
    size_t m_vocabSize = 0;
    std::vector<MergeEntry> m_merges;     // open addressing on `pair`
    uint64_t m_mergeMask = 0;

    bool m_byteLevelRaw = false;
    std::array<int32_t, 256> m_byteIds{};   // byte-level raw: the id of each single byte, or -1
    std::array<int32_t, 256> m_fallbackIds{};  // byte_fallback: the id of "<0xNN>", or -1
    bool m_byteFallback = false;
    bool m_ignoreMerges = false;
    bool m_fuseUnk = false;
    std::string m_unkToken;
    std::optional<int32_t> m_unkId;
    std::string m_prefix;  // continuing_subword_prefix
    std::string m_suffix;  // end_of_word_suffix

    // Per-word cache, as the reference keeps one; sharded so threads rarely meet on a lock.
    struct CacheShard;
    static constexpr size_t kCacheShards = 16;
    std::unique_ptr<CacheShard[]> m_cache;
};

}  // namespace lathe::tok
