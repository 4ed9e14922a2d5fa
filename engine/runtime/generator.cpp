// Generator: admission by free KV blocks, chunked prefill next to single-token decode in the same
// step, sampling and stop conditions per sequence.
#include "runtime/generator.h"

#include "core/error.h"
#include "model/decoder.h"
#include "tokenizer/tokenizer.h"

#include <algorithm>

namespace lathe {

std::string_view finishReasonName(FinishReason reason)
{
    switch (reason) {
    case FinishReason::Eos:
        return "eos";
    case FinishReason::Stop:
        return "stop";
    case FinishReason::Length:
        return "length";
    case FinishReason::Cancelled:
        return "cancelled";
    case FinishReason::None:
        break;
    }
    return "none";
}

void checkPromptFitsContext(std::int64_t promptTokens, std::int64_t context)
{
    if (promptTokens >= context) {
        throwInvalid("generate", "prompt",
                     "has " + std::to_string(promptTokens) + " tokens but the model's context is " +
                         std::to_string(context) + " (max_position_embeddings): no room for a new token");
    }
}

struct Generator::Sequence {
    std::int64_t id = 0;
    GenerationRequest request;
    GenerationCallback callback;
    std::unique_ptr<Sampler> sampler;
    std::unique_ptr<tok::StreamDecoder> decoder;
    std::unique_ptr<StopStringMatcher> stops;
    std::vector<std::int32_t> tokens;  // prompt, then generated ids
    std::int64_t promptLength = 0;
    std::int64_t limit = 0;            // tokens the sequence may reach (prompt + new, within the context)
    std::int32_t slot = -1;            // KV slot once admitted
    std::int64_t prefilled = 0;        // prompt tokens already in the cache
    std::int64_t generated = 0;
    SampledToken sampled;
    bool done = false;
};

Generator::Generator(const DecoderModel& model, const tok::Tokenizer* tokenizer, const GeneratorOptions& options)
    : m_model(model), m_tokenizer(tokenizer), m_options(options)
{
    if (m_options.maxSequences <= 0 || m_options.maxBatchTokens <= 0 || m_options.blockSize <= 0) {
        throwInvalid("generator", "options", "sequences, batch tokens and block size must be positive");
    }
    m_options.maxBatchTokens = std::max<std::int64_t>(m_options.maxBatchTokens, m_options.maxSequences);
    const std::int64_t context = model.contextLength();
    std::int64_t kvTokens = m_options.kvCacheTokens;
    if (kvTokens <= 0) {
        const std::int64_t perToken = KvCache::bytesPerToken(model);
        const std::int64_t cap = std::max<std::int64_t>((1ll << 30) / std::max<std::int64_t>(perToken, 1), 1);
        kvTokens = std::min(context * m_options.maxSequences, cap);
    }
    const std::int64_t blocks = (kvTokens + m_options.blockSize - 1) / m_options.blockSize;
    m_cache = std::make_unique<KvCache>(model, static_cast<std::int32_t>(blocks), m_options.maxSequences,
                                        std::min(context, blocks * m_options.blockSize), m_options.blockSize);
    m_workspace = std::make_unique<Workspace>(model.makeWorkspace(m_options.maxBatchTokens, m_options.maxSequences));
    const auto maxTokens = static_cast<std::size_t>(m_options.maxBatchTokens);
    m_ids.reserve(maxTokens);
    m_positions.reserve(maxTokens);
    m_slots.reserve(maxTokens);
    m_ropeLengths.reserve(maxTokens);
    m_logitTokens.reserve(static_cast<std::size_t>(m_options.maxSequences));
    m_logitOwners.reserve(static_cast<std::size_t>(m_options.maxSequences));
    m_logits.resize(static_cast<std::size_t>(m_options.maxSequences * model.vocabSize()));
}

Generator::~Generator() = default;

std::int64_t Generator::pendingRequests() const
{
    return static_cast<std::int64_t>(m_sequences.size());
}

std::int64_t Generator::submit(GenerationRequest request, GenerationCallback callback)
{
    const std::int64_t context = m_model.contextLength();
    const auto promptLength = static_cast<std::int64_t>(request.prompt.size());
    if (promptLength == 0) {
        throwInvalid("generate", "prompt", "is empty: give at least one token");
    }
    checkPromptFitsContext(promptLength, context);
    if (promptLength >= m_cache->maxTokensPerSequence()) {
        throwInvalid("generate", "prompt",
                     "has " + std::to_string(promptLength) + " tokens but the KV cache holds " +
                         std::to_string(m_cache->maxTokensPerSequence()) + " per sequence");
    }
    for (const std::int32_t id : request.prompt) {
        if (id < 0 || id >= m_model.vocabSize()) {
            throwInvalid("generate", "prompt",
                         "token id " + std::to_string(id) + " is outside the vocabulary [0, " +
                             std::to_string(m_model.vocabSize()) + ")");
        }
    }
    if (request.maxNewTokens <= 0) {
        throwInvalid("generate", "max_new_tokens", std::to_string(request.maxNewTokens) + " is not positive");
    }
    if (!request.stopStrings.empty() && m_tokenizer == nullptr) {
        throwInvalid("generate", "stop", "stop strings need the model's tokenizer, and none is loaded");
    }
    auto sequence = std::make_unique<Sequence>();
    sequence->id = m_nextId++;
    sequence->sampler = std::make_unique<Sampler>(request.sampling, m_model.vocabSize());
    sequence->sampler->reset(request.prompt);
    if (m_tokenizer != nullptr) {
        sequence->decoder = std::make_unique<tok::StreamDecoder>(*m_tokenizer, true);
    }
    sequence->stops = std::make_unique<StopStringMatcher>(request.stopStrings);
    sequence->promptLength = promptLength;
    sequence->limit = std::min({promptLength + request.maxNewTokens, context, m_cache->maxTokensPerSequence()});
    sequence->tokens = request.prompt;
    sequence->tokens.reserve(static_cast<std::size_t>(sequence->limit));
    sequence->sampled.top.reserve(static_cast<std::size_t>(std::max(request.sampling.topLogprobs, 0)));
    sequence->request = std::move(request);
    sequence->callback = std::move(callback);
    const std::int64_t id = sequence->id;
    m_sequences.push_back(std::move(sequence));
    return id;
}

void Generator::finish(Sequence& sequence, FinishReason reason, const SampledToken* token, std::string_view text)
{
    sequence.done = true;
    if (sequence.slot >= 0) {
        m_cache->release(sequence.slot);
        sequence.slot = -1;
    }
    std::string tail(text);
    if (reason != FinishReason::Stop && reason != FinishReason::Cancelled) {
        // The text held back for a possible stop string or an unfinished character is final now.
        if (sequence.decoder) {
            tail += sequence.stops->feed(sequence.decoder->finish());
        }
        tail += sequence.stops->flush();
    }
    GenerationEvent event;
    event.request = sequence.id;
    event.token = token;
    event.text = tail;
    event.generatedTokens = sequence.generated;
    event.finish = reason;
    sequence.callback(event);
}

bool Generator::step()
{
    if (m_cancelAll.exchange(false)) {
        for (auto& sequence : m_sequences) {
            finish(*sequence, FinishReason::Cancelled, nullptr, {});
        }
        m_sequences.clear();
        return false;
    }
    if (m_sequences.empty()) {
        return false;
    }

    // Admit waiting sequences in order while their whole length fits in free blocks. A
    // sequence that can never fit alone was refused by submit().
    for (auto& sequence : m_sequences) {
        if (sequence->slot < 0) {
            sequence->slot = m_cache->acquire(sequence->limit);
            if (sequence->slot < 0) {
                break;  // first come, first served: later ones wait too
            }
        }
    }

    // Decode tokens of running sequences first (one each), then prefill chunks in order.
    m_ids.clear();
    m_positions.clear();
    m_slots.clear();
    m_ropeLengths.clear();
    m_logitTokens.clear();
    m_logitOwners.clear();
    const auto budget = static_cast<std::size_t>(m_options.maxBatchTokens);
    for (auto& sequence : m_sequences) {
        if (sequence->slot >= 0 && sequence->prefilled == sequence->promptLength) {
            const auto position = static_cast<std::int32_t>(sequence->tokens.size() - 1);
            m_logitTokens.push_back(static_cast<std::int32_t>(m_ids.size()));
            m_logitOwners.push_back(sequence.get());
            m_ids.push_back(sequence->tokens.back());
            m_positions.push_back(position);
            m_slots.push_back(sequence->slot);
            m_ropeLengths.push_back(position + 1);
        }
    }
    for (auto& sequence : m_sequences) {
        if (sequence->slot < 0 || sequence->prefilled == sequence->promptLength || m_ids.size() >= budget) {
            continue;
        }
        // Prefill up to the last prompt token; the last one is fed like a decode token so that
        // its logits come out of this step.
        const std::int64_t remaining = sequence->promptLength - sequence->prefilled;
        const auto take = std::min<std::int64_t>(remaining, static_cast<std::int64_t>(budget - m_ids.size()));
        for (std::int64_t i = 0; i < take; ++i) {
            const std::int64_t position = sequence->prefilled + i;
            m_ids.push_back(sequence->tokens[static_cast<std::size_t>(position)]);
            m_positions.push_back(static_cast<std::int32_t>(position));
            m_slots.push_back(sequence->slot);
            m_ropeLengths.push_back(static_cast<std::int32_t>(sequence->promptLength));
        }
        sequence->prefilled += take;
        if (sequence->prefilled == sequence->promptLength) {
            m_logitTokens.push_back(static_cast<std::int32_t>(m_ids.size() - 1));
            m_logitOwners.push_back(sequence.get());
        }
    }

    if (!m_ids.empty()) {
        StepBatch batch{m_ids, m_positions, m_slots, m_logitTokens, m_ropeLengths};
        m_model.forward(batch, *m_cache, *m_workspace, m_logits.data());
    }

    const std::int64_t vocab = m_model.vocabSize();
    for (std::size_t r = 0; r < m_logitOwners.size(); ++r) {
        Sequence& sequence = *m_logitOwners[r];
        std::span<float> row(m_logits.data() + static_cast<std::int64_t>(r) * vocab, static_cast<std::size_t>(vocab));
        sequence.sampler->sample(row, sequence.sampled);
        const std::int32_t id = sequence.sampled.id;
        sequence.sampler->accept(id);
        sequence.tokens.push_back(id);
        ++sequence.generated;

        std::string text;
        if (sequence.decoder) {
            text = sequence.stops->feed(sequence.decoder->push(id));
        }
        FinishReason reason = FinishReason::None;
        if (sequence.stops->stopped()) {
            reason = FinishReason::Stop;
        } else if (std::find(sequence.request.eosTokenIds.begin(), sequence.request.eosTokenIds.end(), id) !=
                   sequence.request.eosTokenIds.end()) {
            reason = FinishReason::Eos;
        } else if (static_cast<std::int64_t>(sequence.tokens.size()) >= sequence.limit) {
            reason = FinishReason::Length;
        }
        if (reason != FinishReason::None) {
            finish(sequence, reason, &sequence.sampled, text);
            continue;
        }
        GenerationEvent event;
        event.request = sequence.id;
        event.token = &sequence.sampled;
        event.text = text;
        event.generatedTokens = sequence.generated;
        if (!sequence.callback(event)) {
            finish(sequence, FinishReason::Cancelled, nullptr, {});
        }
    }
    std::erase_if(m_sequences, [](const std::unique_ptr<Sequence>& sequence) { return sequence->done; });
    return !m_sequences.empty();
}

void Generator::run()
{
    while (step()) {
    }
}

}  // namespace lathe
