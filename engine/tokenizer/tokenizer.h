// A Hugging Face tokenizer, run in-process: tokenizer.json (+ tokenizer_config.json beside it)
// or the tokenizer.ggml.* metadata of a GGUF file, giving the ids and text the `tokenizers`
// library (and transformers' fast tokenizers on top of it) give.
//
// A Tokenizer is immutable once loaded; encode() and decode() may run on many threads at once.
#pragma once

#include "tokenizer/components.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::tok {

class BpeModel;
class AddedTokenMatcher;
class PostProcessor;

struct AddedToken {
    int32_t id = 0;
    std::string content;
    bool singleWord = false;
    bool lstrip = false;
    bool rstrip = false;
    bool normalized = true;
    bool special = false;
};

class Tokenizer {
public:
    // PATH: a tokenizer.json, a folder holding one (tokenizer_config.json beside it is read
    // too), or a .gguf file. Throws lathe::Error naming the file, the field and the reason.
    static Tokenizer load(const std::filesystem::path& path);
    // From the two documents' text; `config` may be empty. `source` names the files in errors.
    static Tokenizer fromJson(std::string_view tokenizerJson, std::string_view configJson,
                              const std::string& source);
    // `applyBosEosFlags`: whether add_bos_token / add_eos_token of the config rewrite the
    // post-processor. transformers (5.x) ignores them when a tokenizer.json exists -- its
    // post-processor rules -- and applies them when it builds the tokenizer itself (GGUF).
    static Tokenizer fromJson(const nlohmann::json& tokenizer, const nlohmann::json* config,
                              const std::string& source, bool applyBosEosFlags = false);

    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;
    ~Tokenizer();

    // tokenizer(text, add_special_tokens=addSpecialTokens).input_ids
    std::vector<int32_t> encode(std::string_view text, bool addSpecialTokens = true) const;
    // tokenizer.decode(ids, skip_special_tokens=skipSpecialTokens). Throws for an id outside
    // the vocabulary.
    std::string decode(std::span<const int32_t> ids, bool skipSpecialTokens = false) const;

    // The vocabulary size including added tokens (len(tokenizer)).
    size_t size() const;
    std::optional<int32_t> tokenToId(std::string_view token) const;
    // The token string of an id (as convert_ids_to_tokens); nullopt outside the vocabulary.
    std::optional<std::string> idToToken(int32_t id) const;
    bool isSpecial(int32_t id) const;
    const std::vector<AddedToken>& addedTokens() const;

    // The special tokens of tokenizer_config.json (empty when absent).
    const std::string& bosToken() const;
    const std::string& eosToken() const;
    const std::string& padToken() const;
    const std::string& unkToken() const;
    // tokenizer_config.json's "chat_template" as written (string or list), or null.
    const nlohmann::json& chatTemplate() const;
    const std::string& source() const;

private:
    struct Impl;
    explicit Tokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
    friend class StreamDecoder;
};

// Incremental detokenization: push ids as they are generated and get back only text that is
// final -- complete UTF-8, never a split emoji or CJK character, never a space that a later
// token would remove. The concatenation of everything returned, finish() included, equals
// tokenizer.decode(all ids) with the same skipSpecialTokens.
class StreamDecoder {
public:
    StreamDecoder(const Tokenizer& tokenizer, bool skipSpecialTokens = false);
    std::string push(int32_t id);
    // The text still held back (an incomplete byte sequence at the very end, decoded as the
    // one-shot decode would).
    std::string finish();

private:
    const Tokenizer* m_tokenizer;
    bool m_skipSpecial;
    std::vector<int32_t> m_ids;
    size_t m_prefixStart = 0;
    size_t m_readIndex = 0;
    std::string m_prefixText;
    std::string m_emitted;  // everything push() returned, for finish()
};

}  // namespace lathe::tok
