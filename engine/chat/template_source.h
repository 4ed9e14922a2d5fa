// Where a model's chat template comes from and what it is rendered with, as transformers
// 5.23.0 does it: template discovery (chat_template.jinja, additional_chat_templates/*.jinja,
// tokenizer_config.json, GGUF metadata), the choice between named templates, the variables
// apply_chat_template passes (special tokens, messages, tools, ...) and continue_final_message,
// which transformers applies around the render rather than inside the template.
#pragma once

#include "chat/chat_template.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace lathe::chat {

// The templates and special tokens of one model. Immutable once built; may be used from
// several threads at once.
class TemplateSource {
public:
    // A model folder (tokenizer_config.json, chat_template.jinja, additional_chat_templates/*.jinja) or a
    // .gguf file (tokenizer.chat_template, tokenizer.chat_template.<name>). A model without
    // any template is valid here; select() reports it.
    static TemplateSource fromModel(const std::filesystem::path& path);
    // One template file, used for every request; no special tokens.
    static TemplateSource fromTemplateFile(const std::filesystem::path& path);
    // tokenizer_config.json's content (its "chat_template" and special tokens); `source`
    // names the file in errors. Templates found in files beside it are not looked for.
    static TemplateSource fromTokenizerConfig(const nlohmann::json& config, const std::string& source);

    TemplateSource(TemplateSource&&) noexcept;
    TemplateSource& operator=(TemplateSource&&) noexcept;
    ~TemplateSource();

    struct Named {
        std::string name;    // "default", "tool_use", "rag", ...
        std::string text;    // the Jinja source
        std::string origin;  // "chat_template.jinja", "tokenizer_config.json: chat_template[1]"
    };
    // Every template found. One unnamed template is listed under the name "default".
    const std::vector<Named>& templates() const;
    // transformers' get_chat_template(None, tools): the one template; with several, "tool_use"
    // when tools are given and it exists, else "default". Throws InvalidInput when the model has
    // no template or several without a default. The template is parsed when it is first used,
    // so a syntax error in a template that is never chosen does not fail (as in transformers).
    const Named& select(bool withTools) const;
    const ChatTemplate& parsed(const Named& chosen) const;

    // The special tokens transformers passes to the template (tokenizer.special_tokens_map):
    // bos/eos/unk/sep/pad/cls/mask_token when set, then the model's own *_token names
    // (image_token, ...) and the entries of an extra_special_tokens object. Not the
    // additional_special_tokens list: transformers 5 keeps those out of the map.
    const nlohmann::ordered_json& specialTokens() const;
    // Replaces the special tokens (a template file rendered with a model's tokenizer).
    void setSpecialTokens(nlohmann::ordered_json tokens);

    // Where the templates were looked for (the folder, file or GGUF), for messages.
    const std::string& location() const;

    struct State;

private:
    explicit TemplateSource(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

// A rendered prompt: the text after continue_final_message, and where the {% generation %}
// spans are (byte ranges of `text`; spans past the cut are clipped).
struct AppliedTemplate {
    std::string text;
    std::vector<std::pair<size_t, size_t>> generationSpans;
    std::string templateName;  // which of TemplateSource::templates() rendered it
};

// apply_chat_template(tokenize=False) for one request. `request` is one JSON object as a
// caller writes it: messages (required), tools, documents, add_generation_prompt,
// continue_final_message (true, or the name of the field to continue), and any other key,
// which becomes a template variable overriding a special token of the same name. Throws
// lathe::Error (InvalidInput): a malformed request, the template's own raise_exception
// message, or a continue_final_message the rendered text cannot honour.
AppliedTemplate applyChatTemplate(const TemplateSource& source, const nlohmann::ordered_json& request,
                                  const RenderLimits& limits = {});

}  // namespace lathe::chat
