// The tokenizer of a GGUF file (tokenizer.ggml.* metadata) as the two documents transformers
// builds when it loads a GGUF (GGUFTokenizerSkeleton + the GGUF*Converter of
// transformers/integrations/ggml.py, transformers 5.23.0): a tokenizer.json and the
// tokenizer_config.json fields. Lathe's Tokenizer loads them like files from a folder.
#pragma once

#include <nlohmann/json.hpp>

namespace lathe {

class GgufFile;

namespace tok {

struct TokenizerDocuments {
    nlohmann::json tokenizer;  // a complete tokenizer.json document
    nlohmann::json config;     // tokenizer_config.json: special tokens, add_bos/eos, chat_template, ...
};

// Throws lathe::Error: Unsupported naming the key and value for a tokenizer transformers
// cannot convert (tokenizer.ggml.model other than "llama"/"gpt2" for the architecture at
// hand, ...), InvalidInput for missing or malformed tokenizer.ggml.* keys.
TokenizerDocuments tokenizerDocumentsFromGguf(const GgufFile& gguf);

}  // namespace tok

using tok::TokenizerDocuments;
using tok::tokenizerDocumentsFromGguf;

}  // namespace lathe
