// LocalChatBackend: a model loaded in-process (a Hugging Face folder or a .gguf file) with its
// tokenizer, chat template and generation defaults, answering conversations on the CPU
// backend. It renders the conversation as transformers' apply_chat_template does, leaves out
// the oldest turns when the prompt would not fit the context (the system prompt and the last
// user turn are always kept), and streams the answer through the runtime's Generator.
#pragma once

#include "chat/chat_backend.h"
#include "model/model_config.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lathe {
class DecoderModel;
struct ModelLoadOptions;
namespace tok {
class Tokenizer;
}
namespace chat {
class TemplateSource;
}
}  // namespace lathe

namespace lathe::chat {

// The prompt a conversation becomes, as the model will see it.
struct RenderedPrompt {
    std::string text;                 // the chat template's output
    std::vector<std::int32_t> ids;    // its token ids (the template writes the special tokens)
    std::int64_t droppedMessages = 0; // oldest non-system messages left out to fit the context
};

// How a conversation fits the context: what the context bar shows.
struct ContextPlan {
    std::int64_t promptTokens = 0;       // tokens of the prompt that will be sent
    std::int64_t fullPromptTokens = 0;   // tokens of the whole conversation, before anything is cut
    std::int64_t answerTokens = 0;       // room kept for the answer: min(max new tokens, what is left)
    std::int64_t contextTokens = 0;      // the model's context
    std::int64_t droppedMessages = 0;    // messages (after the system prompt) that will be cut
    std::string overflow;                // why nothing fits, even with only the last turn ("" when it fits)
};

class LocalChatBackend final : public ChatBackend {
public:
    // Loads PATH (a folder, a .gguf or a Hub repo id in the cache) with its tokenizer and chat
    // template. Throws lathe::Error: unsupported architecture, missing tensors, a model
    // without a tokenizer or chat template (naming the file), cancelled through
    // options.progress.
    static std::unique_ptr<LocalChatBackend> load(const std::string& path, const ModelLoadOptions& options);
    ~LocalChatBackend() override;

    const BackendInfo& info() const override { return m_info; }
    ChatResult complete(const ChatRequest& request, const StreamCallback& onText) override;

    // The prompt for `messages` (with the generation prompt), cut to leave room for
    // `answerTokens` new tokens. Throws lathe::Error when even the system prompt and the last
    // message do not fit, or when the template raises.
    RenderedPrompt render(const std::vector<Message>& messages, std::int64_t answerTokens) const;
    // How `messages` (ending with a user message) fit the context with room for the answer
    // `sampling` asks for; with `sent`, also the prompt complete() would send (left untouched when
    // nothing fits: see ContextPlan::overflow). Throws lathe::Error when the template raises.
    ContextPlan plan(const std::vector<Message>& messages, const SamplingSettings& sampling,
                     RenderedPrompt* sent = nullptr) const;

    const tok::Tokenizer& tokenizer() const { return *m_tokenizer; }
    // Where the chat template comes from ("tokenizer_config.json", "chat_template.jinja", ...).
    std::string templateOrigin() const;
    const ModelConfig& config() const;
    const GenerationDefaults& defaults() const { return m_defaults; }
    const std::filesystem::path& path() const { return m_path; }
    const std::vector<std::string>& warnings() const;
    // The sampling a request gets when it leaves fields unset (generation_config.json, then
    // transformers' defaults): for the sampling panel's placeholders.
    SamplingSettings defaultSampling() const;

private:
    LocalChatBackend() = default;
    // render(), also telling the token count of the whole, uncut prompt (its first pass).
    RenderedPrompt renderFitting(const std::vector<Message>& messages, std::int64_t answerTokens,
                                 std::int64_t* fullTokens) const;

    std::filesystem::path m_path;
    std::unique_ptr<DecoderModel> m_model;
    std::unique_ptr<tok::Tokenizer> m_tokenizer;
    std::unique_ptr<TemplateSource> m_template;
    GenerationDefaults m_defaults;
    BackendInfo m_info;
};

}  // namespace lathe::chat
