// Post-processors of tokenizer.json: what encode() adds around the model's ids when special
// tokens are asked for (TemplateProcessing's BOS/EOS, Bert/Roberta's CLS/SEP), and the
// processors that add nothing to ids (ByteLevel: offsets only).
#pragma once

#include "tokenizer/components.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lathe::tok {

class PostProcessor {
public:
    virtual ~PostProcessor() = default;
    // `ids` holds the encoded single sequence; adds the special ids around it when
    // `addSpecialTokens` (the reference leaves the sequence as it is otherwise).
    virtual void process(std::vector<int32_t>& ids, bool addSpecialTokens) const = 0;
};

// `spec` is the "post_processor" object; null gives nullptr.
std::unique_ptr<PostProcessor> makePostProcessor(const nlohmann::json& spec, const Origin& origin);

// The TemplateProcessing transformers installs from add_bos_token / add_eos_token:
// "[bos:0] $A:0 [eos:0]".
std::unique_ptr<PostProcessor> makeBosEosProcessor(std::vector<int32_t> prefix, std::vector<int32_t> suffix);

}  // namespace lathe::tok
