// BPE as tokenizers runs it. The merge loop merges, again and again, the adjacent pair with the
// lowest merge rank (leftmost first on equal ranks) until none applies -- the order the
// reference's priority queue produces; short words use a linear scan over cached pair ranks,
// long ones a heap, both giving that order.
#include "tokenizer/bpe.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <queue>
#include <unordered_map>

namespace lathe::tok {

namespace {

constexpr uint64_t kMix = 0x9E3779B97F4A7C15ull;

inline uint64_t load64(const char* p)
{
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

inline uint64_t mix(uint64_t a, uint64_t b)
{
    const __uint128_t product = static_cast<__uint128_t>(a ^ kMix) * (b ^ 0xD6E8FEB86659FD93ull);
    return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

size_t utf8Length(unsigned char lead)
{
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;
}

const nlohmann::json* member(const nlohmann::json& object, const char* key)
{
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string optionalString(const nlohmann::json& spec, const char* key, const Origin& origin)
{
    const nlohmann::json* value = member(spec, key);
    if (!value) return {};
    if (!value->is_string()) throwInvalid(origin.file, origin.child(key).field, "must be a string or null");
    return value->get<std::string>();
}

bool optionalBool(const nlohmann::json& spec, const char* key, const Origin& origin)
{
    const nlohmann::json* value = member(spec, key);
    if (!value) return false;
    if (!value->is_boolean()) throwInvalid(origin.file, origin.child(key).field, "must be true or false");
    return value->get<bool>();
}

}  // namespace

uint64_t hashBytes(std::string_view bytes)
{
    const char* p = bytes.data();
    size_t n = bytes.size();
    uint64_t h = n * kMix;
    while (n >= 16) {
        h = mix(load64(p) ^ h, load64(p + 8));
        p += 16;
        n -= 16;
    }
    if (n >= 8) {
        h = mix(load64(p) ^ h, load64(p + n - 8));
    } else if (n > 0) {
        uint64_t tail = 0;
        std::memcpy(&tail, p, n);
        h = mix(tail ^ h, n);
    }
    return h;
}

// ---- StringIdMap ------------------------------------------------------------------------

void StringIdMap::grow()
{
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    const size_t mask = m_slots.size() - 1;
    for (const Slot& slot : old) {
        if (slot.id < 0) continue;
        size_t i = slot.hash & mask;
        while (m_slots[i].id >= 0) i = (i + 1) & mask;
        m_slots[i] = slot;
    }
}

bool StringIdMap::insert(std::string_view key, int32_t id)
{
    if ((m_count + 1) * 2 > m_slots.size()) grow();
    const uint64_t hash = hashBytes(key);
    const size_t mask = m_slots.size() - 1;
    size_t i = hash & mask;
    while (m_slots[i].id >= 0) {
        const Slot& slot = m_slots[i];
        if (slot.hash == hash && std::string_view(m_arena).substr(slot.offset, slot.length) == key) return false;
        i = (i + 1) & mask;
    }
    m_slots[i] = Slot{hash, static_cast<uint32_t>(m_arena.size()), static_cast<uint32_t>(key.size()), id};
    m_arena.append(key);
    ++m_count;
    return true;
}

std::optional<int32_t> StringIdMap::find(std::string_view key) const
{
    if (m_slots.empty()) return std::nullopt;
    const uint64_t hash = hashBytes(key);
    const size_t mask = m_slots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& slot = m_slots[i];
        if (slot.id < 0) return std::nullopt;
        if (slot.hash == hash && slot.length == key.size() &&
            std::memcmp(m_arena.data() + slot.offset, key.data(), key.size()) == 0) {
            return slot.id;
        }
    }
}

// ---- Cache ------------------------------------------------------------------------------

struct BpeModel::CacheShard {
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return hashBytes(s); }
    };
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<int32_t>, Hash, std::equal_to<>> words;
};

namespace {
constexpr size_t kCacheWordMaxBytes = 64;
constexpr size_t kCacheShardCapacity = 4096;
}  // namespace

// ---- Construction -----------------------------------------------------------------------

BpeModel::BpeModel(const nlohmann::json& spec, const Origin& origin, bool byteLevelRaw)
    : m_byteLevelRaw(byteLevelRaw), m_cache(new CacheShard[kCacheShards])
{
    if (const nlohmann::json* dropout = member(spec, "dropout")) {
        if (!dropout->is_number()) throwInvalid(origin.file, origin.child("dropout").field, "must be a number or null");
        if (dropout->get<double>() != 0.0) {
            throw Error(ErrorKind::Unsupported, origin.file, origin.child("dropout").field,
                        "BPE dropout drops merges at random (a training-time option); Lathe encodes "
                        "deterministically and cannot reproduce it");
        }
    }
    m_byteFallback = optionalBool(spec, "byte_fallback", origin);
    m_ignoreMerges = optionalBool(spec, "ignore_merges", origin);
    m_fuseUnk = optionalBool(spec, "fuse_unk", origin);
    m_prefix = optionalString(spec, "continuing_subword_prefix", origin);
    m_suffix = optionalString(spec, "end_of_word_suffix", origin);
    const std::string unkToken = optionalString(spec, "unk_token", origin);

    const nlohmann::json* vocab = member(spec, "vocab");
    if (!vocab || !vocab->is_object()) {
        throwInvalid(origin.file, origin.child("vocab").field, "must be an object mapping tokens to ids");
    }
    m_tokens.clear();
    for (const auto& [token, idValue] : vocab->items()) {
        if (!idValue.is_number_integer() || idValue.get<int64_t>() < 0 || idValue.get<int64_t>() > INT32_MAX) {
            throwInvalid(origin.file, origin.child("vocab").field,
                         "token \"" + token + "\" has id " + idValue.dump() + "; ids are integers in [0, 2^31)");
        }
        const auto id = static_cast<int32_t>(idValue.get<int64_t>());
        if (static_cast<size_t>(id) >= m_tokens.size()) {
            if (static_cast<size_t>(id) > vocab->size() * 4 + 1024) {
                throwInvalid(origin.file, origin.child("vocab").field,
                             "token \"" + token + "\" has id " + std::to_string(id) + ", far beyond the " +
                                 std::to_string(vocab->size()) + " entries of the vocabulary");
            }
            m_tokens.resize(id + 1);
            m_hasToken.resize(id + 1, 0);
        }
        m_vocab.insert(token, id);
        // As the reference's reverse map, the last token written for an id names it.
        m_tokens[id] = token;
        m_hasToken[id] = 1;
    }
    m_vocabSize = vocab->size();

    if (!unkToken.empty()) {
        m_unkToken = unkToken;
        m_unkId = m_vocab.find(unkToken);
    }

    m_byteIds.fill(-1);
    m_fallbackIds.fill(-1);
    if (m_byteFallback) {
        static const char* hex = "0123456789ABCDEF";
        for (int b = 0; b < 256; ++b) {
            const std::string name = std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">";
            if (auto id = m_vocab.find(name)) m_fallbackIds[b] = *id;
        }
    }
    if (m_byteLevelRaw) {
        // Words arrive as raw bytes: key the vocabulary by the bytes each token stands for.
        // Tokens holding a code point outside the byte alphabet can never be formed from a
        // byte-level word, so they are left out of this map (they still decode).
        std::string bytes;
        for (size_t id = 0; id < m_tokens.size(); ++id) {
            if (!m_hasToken[id]) continue;
            bytes.clear();
            if (!byteLevelDecode(m_tokens[id], bytes)) continue;
            m_rawVocab.insert(bytes, static_cast<int32_t>(id));
        }
        for (int b = 0; b < 256; ++b) {
            const char c = static_cast<char>(b);
            if (auto id = m_rawVocab.find(std::string_view(&c, 1))) m_byteIds[b] = *id;
        }
    }

    // Merges: ["a", "b"] pairs (tokenizers >= 0.20) or legacy "a b" strings.
    const nlohmann::json* merges = member(spec, "merges");
    const size_t mergeCount = merges ? merges->size() : 0;
    if (merges && !merges->is_array()) throwInvalid(origin.file, origin.child("merges").field, "must be a list");
    size_t capacity = 16;
    while (capacity < mergeCount * 2 + 2) capacity *= 2;
    m_merges.assign(capacity, MergeEntry{});
    m_mergeMask = capacity - 1;
    std::string merged;
    for (size_t rank = 0; rank < mergeCount; ++rank) {
        const nlohmann::json& entry = (*merges)[rank];
        const Origin where = origin.child("merges").at(rank);
        std::string_view left, right;
        std::string legacy;
        if (entry.is_string()) {
            legacy = entry.get<std::string>();
            const size_t space = legacy.find(' ');
            if (space == std::string::npos || legacy.find(' ', space + 1) != std::string::npos) {
                throwInvalid(origin.file, where.field,
                             "merge \"" + legacy + "\" must be two tokens separated by one space");
            }
            left = std::string_view(legacy).substr(0, space);
            right = std::string_view(legacy).substr(space + 1);
        } else if (entry.is_array() && entry.size() == 2 && entry[0].is_string() && entry[1].is_string()) {
            left = entry[0].get_ref<const std::string&>();
            right = entry[1].get_ref<const std::string&>();
        } else {
            throwInvalid(origin.file, where.field, "a merge is a [\"left\", \"right\"] pair or a \"left right\" string");
        }
        const auto leftId = m_vocab.find(left);
        const auto rightId = m_vocab.find(right);
        if (!leftId || !rightId) {
            throwInvalid(origin.file, where.field,
                         "merge token \"" + std::string(!leftId ? left : right) + "\" is not in the vocabulary");
        }
        std::string_view rightPart = right;
        if (!m_prefix.empty() && rightPart.substr(0, m_prefix.size()) == m_prefix) rightPart.remove_prefix(m_prefix.size());
        merged.assign(left);
        merged.append(rightPart);
        const auto mergedId = m_vocab.find(merged);
        if (!mergedId) {
            throwInvalid(origin.file, where.field, "merged token \"" + merged + "\" is not in the vocabulary");
        }
        const uint64_t pair = (uint64_t(uint32_t(*leftId)) << 32) | uint32_t(*rightId);
        size_t i = (pair * kMix) >> 20 & m_mergeMask;
        while (m_merges[i].pair != ~uint64_t(0) && m_merges[i].pair != pair) i = (i + 1) & m_mergeMask;
        // A repeated pair takes the later rank, as the reference's map does.
        m_merges[i] = MergeEntry{pair, static_cast<uint32_t>(rank), *mergedId};
    }
}

BpeModel::~BpeModel() = default;

bool BpeModel::supportsByteLevelRaw(const nlohmann::json& spec)
{
    auto set = [&](const char* key) {
        const auto it = spec.find(key);
        if (it == spec.end() || it->is_null()) return false;
        if (it->is_boolean()) return it->get<bool>();
        return !(it->is_string() && it->get_ref<const std::string&>().empty());
    };
    return !set("byte_fallback") && !set("continuing_subword_prefix") && !set("end_of_word_suffix");
}

const BpeModel::MergeEntry* BpeModel::findMerge(int32_t left, int32_t right) const
{
    const uint64_t pair = (uint64_t(uint32_t(left)) << 32) | uint32_t(right);
    for (size_t i = (pair * kMix) >> 20 & m_mergeMask;; i = (i + 1) & m_mergeMask) {
        const MergeEntry& entry = m_merges[i];
        if (entry.pair == pair) return &entry;
        if (entry.pair == ~uint64_t(0)) return nullptr;
    }
}

std::optional<int32_t> BpeModel::tokenToId(std::string_view token) const
{
    return m_vocab.find(token);
}

const std::string* BpeModel::idToToken(int32_t id) const
{
    if (id < 0 || static_cast<size_t>(id) >= m_tokens.size() || !m_hasToken[id]) return nullptr;
    return &m_tokens[id];
}

// ---- Encoding ---------------------------------------------------------------------------

void BpeModel::initialSymbols(std::string_view word, std::vector<Symbol>& symbols) const
{
    symbols.clear();
    auto add = [&](int32_t id, uint32_t length) {
        const auto index = static_cast<int32_t>(symbols.size());
        symbols.push_back(Symbol{id, index - 1, index + 1, length});
    };
    if (m_byteLevelRaw) {
        // Every byte is one character of the byte-level alphabet.
        bool pendingUnk = false;
        uint32_t pendingLength = 0;
        for (const char c : word) {
            const int32_t id = m_byteIds[static_cast<unsigned char>(c)];
            if (id >= 0) {
                if (pendingUnk) {
                    add(*m_unkId, pendingLength);
                    pendingUnk = false;
                }
                add(id, 1);
            } else if (m_unkId || !m_unkToken.empty()) {
                if (!m_unkId) {
                    throwInvalid({}, "model.unk_token", "unk token \"" + m_unkToken + "\" is not in the vocabulary");
                }
                if (pendingUnk && m_fuseUnk) {
                    pendingLength += 1;
                } else {
                    if (pendingUnk) add(*m_unkId, pendingLength);
                    pendingUnk = true;
                    pendingLength = 1;
                }
            }
        }
        if (pendingUnk) add(*m_unkId, pendingLength);
    } else {
        bool pendingUnk = false;
        uint32_t pendingLength = 0;
        std::string piece;
        for (size_t i = 0; i < word.size();) {
            const size_t length = std::min(utf8Length(static_cast<unsigned char>(word[i])), word.size() - i);
            const bool first = i == 0;
            const bool last = i + length == word.size();
            std::string_view s = word.substr(i, length);
            if ((!first && !m_prefix.empty()) || (last && !m_suffix.empty())) {
                piece.clear();
                if (!first) piece += m_prefix;
                piece.append(s);
                if (last) piece += m_suffix;
                s = piece;
            }
            if (const auto id = m_vocab.find(s)) {
                if (pendingUnk) {
                    add(*m_unkId, pendingLength);
                    pendingUnk = false;
                }
                add(*id, static_cast<uint32_t>(length));
            } else {
                bool fellBack = false;
                if (m_byteFallback) {
                    fellBack = std::all_of(s.begin(), s.end(),
                                           [&](char c) { return m_fallbackIds[static_cast<unsigned char>(c)] >= 0; });
                    // As the reference: byte tokens go in at once, a pending unknown stays pending.
                    if (fellBack) {
                        for (const char c : s) add(m_fallbackIds[static_cast<unsigned char>(c)], 1);
                    }
                }
                if (!fellBack && !m_unkToken.empty()) {
                    if (!m_unkId) {
                        throwInvalid({}, "model.unk_token", "unk token \"" + m_unkToken + "\" is not in the vocabulary");
                    }
                    if (pendingUnk && m_fuseUnk) {
                        pendingLength += static_cast<uint32_t>(length);
                    } else {
                        if (pendingUnk) add(*m_unkId, pendingLength);
                        pendingUnk = true;
                        pendingLength = static_cast<uint32_t>(length);
                    }
                }
                // Without an unk token the character is dropped, as the reference drops it.
            }
            i += length;
        }
        if (pendingUnk) add(*m_unkId, pendingLength);
    }
    if (!symbols.empty()) symbols.back().next = -1;
}

void BpeModel::mergeSymbols(std::vector<Symbol>& symbols) const
{
    const size_t n = symbols.size();
    if (n < 2) return;
    constexpr uint32_t kNone = UINT32_MAX;
    if (n <= 48) {
        // Linear scan over the cached rank of each live pair.
        uint32_t ranks[48];
        int32_t merged[48];
        for (size_t i = 0; i + 1 < n; ++i) {
            const MergeEntry* m = findMerge(symbols[i].id, symbols[i + 1].id);
            ranks[i] = m ? m->rank : kNone;
            merged[i] = m ? m->merged : 0;
        }
        ranks[n - 1] = kNone;
        for (;;) {
            uint32_t best = kNone;
            int32_t pos = -1;
            for (int32_t i = 0; i >= 0; i = symbols[i].next) {
                if (ranks[i] < best) {
                    best = ranks[i];
                    pos = i;
                }
            }
            if (pos < 0) break;
            Symbol& left = symbols[pos];
            Symbol& right = symbols[left.next];
            left.id = merged[pos];
            left.length += right.length;
            right.length = 0;
            left.next = right.next;
            if (left.next >= 0) symbols[left.next].prev = pos;
            auto refresh = [&](int32_t i) {
                if (symbols[i].next < 0) {
                    ranks[i] = kNone;
                    return;
                }
                const MergeEntry* m = findMerge(symbols[i].id, symbols[symbols[i].next].id);
                ranks[i] = m ? m->rank : kNone;
                merged[i] = m ? m->merged : 0;
            };
            refresh(pos);
            if (left.prev >= 0) refresh(left.prev);
        }
        return;
    }
    // Long words: a heap of (rank, position), stale entries skipped when popped.
    struct Entry {
        uint32_t rank;
        int32_t pos;
        int32_t merged;
        bool operator>(const Entry& other) const
        {
            return rank != other.rank ? rank > other.rank : pos > other.pos;
        }
    };
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue;
    for (size_t i = 0; i + 1 < n; ++i) {
        if (const MergeEntry* m = findMerge(symbols[i].id, symbols[i + 1].id)) {
            queue.push(Entry{m->rank, static_cast<int32_t>(i), m->merged});
        }
    }
    while (!queue.empty()) {
        const Entry top = queue.top();
        queue.pop();
        Symbol& left = symbols[top.pos];
        if (left.length == 0 || left.next < 0) continue;
        const MergeEntry* current = findMerge(left.id, symbols[left.next].id);
        if (!current || current->merged != top.merged) continue;
        Symbol& right = symbols[left.next];
        left.id = top.merged;
        left.length += right.length;
        right.length = 0;
        left.next = right.next;
        if (left.next >= 0) symbols[left.next].prev = top.pos;
        if (left.prev >= 0) {
            if (const MergeEntry* m = findMerge(symbols[left.prev].id, left.id)) {
                queue.push(Entry{m->rank, left.prev, m->merged});
            }
        }
        if (left.next >= 0) {
            if (const MergeEntry* m = findMerge(left.id, symbols[left.next].id)) {
                queue.push(Entry{m->rank, top.pos, m->merged});
            }
        }
    }
}

void BpeModel::tokenizeUncached(std::string_view word, std::vector<int32_t>& ids) const
{
    if (m_ignoreMerges) {
        if (const auto id = m_byteLevelRaw ? m_rawVocab.find(word) : m_vocab.find(word)) {
            ids.push_back(*id);
            return;
        }
    }
    thread_local std::vector<Symbol> symbols;
    initialSymbols(word, symbols);
    mergeSymbols(symbols);
    for (int32_t i = symbols.empty() ? -1 : 0; i >= 0; i = symbols[i].next) ids.push_back(symbols[i].id);
}

void BpeModel::tokenize(std::string_view word, std::vector<int32_t>& ids) const
{
    if (word.empty()) return;
    if (word.size() > kCacheWordMaxBytes) {
        tokenizeUncached(word, ids);
        return;
    }
    const uint64_t hash = hashBytes(word);
    CacheShard& shard = m_cache[(hash >> 59) % kCacheShards];
    {
        std::lock_guard lock(shard.mutex);
        const auto it = shard.words.find(word);
        if (it != shard.words.end()) {
            ids.insert(ids.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    const size_t begin = ids.size();
    tokenizeUncached(word, ids);
    std::lock_guard lock(shard.mutex);
    if (shard.words.size() >= kCacheShardCapacity) shard.words.clear();
    shard.words.emplace(std::string(word), std::vector<int32_t>(ids.begin() + begin, ids.end()));
}

}  // namespace lathe::tok
