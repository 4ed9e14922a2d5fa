// LocalChatBackend: load, render with the context cut, generate.
#include "chat/local_chat_backend.h"

#include "chat/template_source.h"
#include "core/error.h"
#include "model/decoder.h"
#include "model/model_location.h"
#include "runtime/generator.h"
#include "tokenizer/tokenizer.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace lathe::chat {
namespace {

using Clock = std::chrono::steady_clock;

std::string displayName(const std::filesystem::path& path)
{
    return isGgufFile(path) ? path.stem().string() : path.filename().string();
}

nlohmann::ordered_json templateRequest(const std::vector<Message>& messages, std::size_t systemCount, std::size_t first)
{
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < messages.size(); ++i) {
        if (i < systemCount || i >= first) {
            list.push_back({{"role", messages[i].role}, {"content", messages[i].content}});
        }
    }
    return {{"messages", std::move(list)}, {"add_generation_prompt", true}};
}

// Where each turn may start once older ones are cut: at a user message (templates such as
// Gemma's require user/assistant alternation), never after the last user message.
std::vector<std::size_t> cutPoints(const std::vector<Message>& messages, std::size_t systemCount)
{
    std::vector<std::size_t> points;
    for (std::size_t i = systemCount; i < messages.size(); ++i) {
        if (messages[i].role == "user") {
            points.push_back(i);
        }
    }
    if (points.empty() || points.front() != systemCount) {
        points.insert(points.begin(), systemCount);
    }
    return points;
}

std::size_t leadingSystemMessages(const std::vector<Message>& messages)
{
    return !messages.empty() && messages.front().role == "system" ? 1 : 0;
}

Finish toFinish(FinishReason reason)
{
    switch (reason) {
    case FinishReason::Stop:
        return Finish::Stop;
    case FinishReason::Length:
        return Finish::Length;
    case FinishReason::Cancelled:
        return Finish::Cancelled;
    case FinishReason::Eos:
    case FinishReason::None:
        break;
    }
    return Finish::Eos;
}

}  // namespace

std::unique_ptr<LocalChatBackend> LocalChatBackend::load(const std::string& path, const ModelLoadOptions& options)
{
    std::unique_ptr<LocalChatBackend> backend(new LocalChatBackend());
    backend->m_path = resolveModelPath(path);
    const std::filesystem::path& location = backend->m_path;
    std::error_code ec;
    if (!isGgufFile(location) && !std::filesystem::is_regular_file(location / "tokenizer.json", ec)) {
        throwInvalid(location.string(), "tokenizer.json", "is missing: chat needs the model's tokenizer");
    }
    // Everything that can be refused cheaply comes before the weights are read.
    backend->m_template = std::make_unique<TemplateSource>(TemplateSource::fromModel(location));
    backend->m_template->select(false);  // no chat template: fails here, naming where it looked
    backend->m_tokenizer = std::make_unique<tok::Tokenizer>(tok::Tokenizer::load(location));
    backend->m_defaults = readGenerationDefaults(location);
    backend->m_model = DecoderModel::load(location, options);

    const ModelConfig& config = backend->m_model->config();
    backend->m_info.name = displayName(location);
    backend->m_info.description = config.architecture + (isGgufFile(location) ? " · GGUF" : "") + " · " +
                                  std::to_string(config.maxPositionEmbeddings) + " tokens of context";
    backend->m_info.contextTokens = config.maxPositionEmbeddings;
    backend->m_info.maxInputTokens = config.maxPositionEmbeddings - 1;
    return backend;
}

LocalChatBackend::~LocalChatBackend() = default;

const ModelConfig& LocalChatBackend::config() const
{
    return m_model->config();
}

std::string LocalChatBackend::templateOrigin() const
{
    return m_template->select(false).origin;
}

const std::vector<std::string>& LocalChatBackend::warnings() const
{
    return m_model->warnings();
}

SamplingSettings LocalChatBackend::defaultSampling() const
{
    SamplingSettings s;
    const bool sample = m_defaults.doSample.value_or(false);
    s.temperature = sample ? m_defaults.temperature.value_or(1.0) : 0.0;
    s.topK = static_cast<std::int32_t>(m_defaults.topK.value_or(50));
    s.topP = m_defaults.topP.value_or(1.0);
    s.minP = m_defaults.minP.value_or(0.0);
    s.repetitionPenalty = m_defaults.repetitionPenalty.value_or(1.0);
    s.maxNewTokens = m_defaults.maxNewTokens.value_or(512);
    s.seed = 0;
    return s;
}

RenderedPrompt LocalChatBackend::render(const std::vector<Message>& messages, std::int64_t answerTokens) const
{
    return renderFitting(messages, answerTokens, nullptr);
}

RenderedPrompt LocalChatBackend::renderFitting(const std::vector<Message>& messages, std::int64_t answerTokens,
                                               std::int64_t* fullTokens) const
{
    if (messages.empty() || messages.back().role != "user") {
        throwInvalid("conversation", "messages", "must end with a user message");
    }
    const std::int64_t context = m_model->contextLength();
    const std::int64_t budget = context - std::clamp<std::int64_t>(answerTokens, 1, std::max<std::int64_t>(1, context / 2));
    const std::size_t systemCount = leadingSystemMessages(messages);
    RenderedPrompt prompt;
    // The first cut point keeps everything: that render is the whole conversation's prompt.
    const std::vector<std::size_t> points = cutPoints(messages, systemCount);
    for (std::size_t point : points) {
        const AppliedTemplate applied = applyChatTemplate(*m_template, templateRequest(messages, systemCount, point));
        prompt.text = applied.text;
        // As apply_chat_template(tokenize=True): the template writes the special tokens itself.
        prompt.ids = m_tokenizer->encode(prompt.text, false);
        prompt.droppedMessages = static_cast<std::int64_t>(point - systemCount);
        if (fullTokens != nullptr && point == points.front()) {
            *fullTokens = static_cast<std::int64_t>(prompt.ids.size());
        }
        if (static_cast<std::int64_t>(prompt.ids.size()) <= budget) {
            return prompt;
        }
    }
    throwInvalid("conversation", "last message",
                 (systemCount > 0 ? "with the system prompt takes " : "takes ") + std::to_string(prompt.ids.size()) +
                     " tokens, but the context holds " + std::to_string(context) + " with " +
                     std::to_string(context - budget) +
                     " kept for the answer: shorten the message or the system prompt, or lower max new tokens");
}

ContextPlan LocalChatBackend::plan(const std::vector<Message>& messages, const SamplingSettings& sampling,
                                   RenderedPrompt* sent) const
{
    ContextPlan plan;
    plan.contextTokens = m_model->contextLength();
    const std::int64_t maxNew = sampling.maxNewTokens.value_or(defaultSampling().maxNewTokens.value_or(512));
    // The same render complete() makes, once: its first pass is the whole prompt.
    plan.fullPromptTokens = -1;
    try {
        RenderedPrompt prompt = renderFitting(messages, maxNew, &plan.fullPromptTokens);
        plan.promptTokens = static_cast<std::int64_t>(prompt.ids.size());
        plan.droppedMessages = prompt.droppedMessages;
        if (sent != nullptr) {
            *sent = std::move(prompt);
        }
    } catch (const Error& e) {
        if (plan.fullPromptTokens < 0) {
            throw;  // the messages or the template, not the context
        }
        // Nothing fits: everything but the system prompt and the last turn would go, and still
        // too much is left. The bar shows the whole prompt over the context.
        plan.overflow = e.what();
        plan.promptTokens = plan.fullPromptTokens;
        plan.droppedMessages = static_cast<std::int64_t>(messages.size() - leadingSystemMessages(messages)) - 1;
    }
    plan.answerTokens = std::clamp<std::int64_t>(std::min(maxNew, plan.contextTokens - plan.promptTokens), 0, maxNew);
    return plan;
}

ChatResult LocalChatBackend::complete(const ChatRequest& request, const StreamCallback& onText)
{
    const auto start = Clock::now();
    const SamplingSettings defaults = defaultSampling();
    const SamplingSettings& s = request.sampling;
    GenerationRequest generation;
    generation.maxNewTokens = s.maxNewTokens.value_or(*defaults.maxNewTokens);
    if (generation.maxNewTokens < 1) {
        throwInvalid("sampling", "max new tokens", "must be at least 1, not " + std::to_string(generation.maxNewTokens));
    }
    RenderedPrompt prompt = render(request.messages, generation.maxNewTokens);
    // Sampling follows TGI's rule: on when the model's config samples or any of temperature,
    // top-k, top-p, min-p is set; an explicit temperature of 0 is greedy.
    bool sample = m_defaults.doSample.value_or(false) || s.topK || s.topP || s.minP;
    if (s.temperature) {
        sample = *s.temperature > 0.0;
    }
    SamplingParams& params = generation.sampling;
    params.temperature = sample ? static_cast<float>(s.temperature.value_or(*defaults.temperature > 0 ? *defaults.temperature : 1.0)) : 0.0f;
    params.topK = s.topK.value_or(*defaults.topK);
    params.topP = static_cast<float>(s.topP.value_or(*defaults.topP));
    params.minP = static_cast<float>(s.minP.value_or(*defaults.minP));
    params.repetitionPenalty = static_cast<float>(s.repetitionPenalty.value_or(*defaults.repetitionPenalty));
    params.seed = s.seed.value_or(0);
    if (!s.seed && sample) {
        params.seed = static_cast<std::uint64_t>(Clock::now().time_since_epoch().count());
    }
    generation.eosTokenIds = m_defaults.eosTokenIds.empty() ? m_model->config().eosTokenIds : m_defaults.eosTokenIds;
    generation.stopStrings = s.stop;
    const std::int64_t context = m_model->contextLength();
    generation.maxNewTokens = std::min<std::int64_t>(generation.maxNewTokens, context - static_cast<std::int64_t>(prompt.ids.size()));

    ChatResult result;
    result.promptTokens = static_cast<std::int64_t>(prompt.ids.size());
    result.droppedMessages = prompt.droppedMessages;
    generation.prompt = std::move(prompt.ids);

    GeneratorOptions options;
    options.maxSequences = 1;
    options.kvCacheTokens = result.promptTokens + generation.maxNewTokens;
    Generator generator(*m_model, m_tokenizer.get(), options);
    Clock::time_point first;
    bool stopRequested = false;
    generator.submit(std::move(generation), [&](const GenerationEvent& event) {
        if (event.token != nullptr) {
            if (result.completionTokens == 0) {
                first = Clock::now();
            }
            ++result.completionTokens;
        }
        if (!event.text.empty()) {
            result.text += event.text;
            if (!stopRequested && onText && !onText(event.text)) {
                stopRequested = true;
            }
        }
        if (event.finish != FinishReason::None) {
            result.finish = toFinish(event.finish);
        }
        return !stopRequested && !(request.cancel != nullptr && request.cancel->load());
    });
    while (generator.step()) {
        if (request.cancel != nullptr && request.cancel->load()) {
            generator.cancelAll();  // a long prefill stops between its chunks
        }
    }
    const auto end = Clock::now();
    if (result.completionTokens > 0) {
        result.timeToFirstTokenMs = std::chrono::duration<double, std::milli>(first - start).count();
        const double decodeSeconds = std::chrono::duration<double>(end - first).count();
        result.tokensPerSecond =
            result.completionTokens > 1 && decodeSeconds > 0 ? static_cast<double>(result.completionTokens - 1) / decodeSeconds : 0.0;
    }
    return result;
}

}  // namespace lathe::chat
