// Generation sessions over one loaded model: requests (prompt ids, sampling, stops) are
// admitted as KV-cache blocks allow, their prompts prefilled in chunks and their tokens decoded
// together, one step at a time; each new token goes to the request's callback, which can cancel.
// Continuous batching in the style of vLLM: a sequence that ends frees its blocks for the next
// one at once. Every sequence computes exactly what it would alone (the kernels are
// deterministic per row), so batching never changes a token.
//
// Thread-safety: submit/step/run from one thread (the generation worker); cancelAll() from any.
#pragma once

#include "runtime/kv_cache.h"
#include "runtime/sampler.h"
#include "runtime/stop_strings.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lathe {

class DecoderModel;
class Workspace;
namespace tok {
class Tokenizer;
class StreamDecoder;
}

enum class FinishReason { None, Eos, Stop, Length, Cancelled };
std::string_view finishReasonName(FinishReason reason);  // "eos", "stop", "length", "cancelled"

// Throws lathe::Error(InvalidInput) unless a prompt of `promptTokens` leaves room for one new
// token in a context of `context` positions (callers check it before loading a model, too).
void checkPromptFitsContext(std::int64_t promptTokens, std::int64_t context);

struct GenerationRequest {
    std::vector<std::int32_t> prompt;
    SamplingParams sampling;
    std::int64_t maxNewTokens = 256;
    std::vector<std::int32_t> eosTokenIds;  // any of them ends the sequence (the id is kept in the output)
    std::vector<std::string> stopStrings;   // end the sequence when the text contains one (needs a tokenizer)
};

struct GenerationEvent {
    std::int64_t request = 0;
    const SampledToken* token = nullptr;   // the new token; null on a final event without one
    std::string_view text;                 // text that became final with this token (special tokens skipped)
    std::int64_t generatedTokens = 0;
    FinishReason finish = FinishReason::None;  // set on the request's last event
};

// Return false to cancel the request (a final event with FinishReason::Cancelled follows).
using GenerationCallback = std::function<bool(const GenerationEvent&)>;

struct GeneratorOptions {
    std::int32_t maxSequences = 8;       // decoded together
    std::int64_t maxBatchTokens = 256;   // tokens per step: decode tokens plus prefill chunks
    std::int64_t kvCacheTokens = 0;      // KV pool size in tokens; 0: maxSequences x the context, capped at 1 GiB of cache
    std::int32_t blockSize = 16;
};

class Generator {
public:
    // tokenizer may be null (no text, no stop strings). The model must outlive the generator.
    Generator(const DecoderModel& model, const tok::Tokenizer* tokenizer, const GeneratorOptions& options = {});
    ~Generator();

    // Queues a request; returns its id. Throws lathe::Error(InvalidInput) for an empty prompt, a
    // prompt that leaves no room in the context (naming both lengths), an id outside the
    // vocabulary, bad sampling values, or stop strings without a tokenizer.
    std::int64_t submit(GenerationRequest request, GenerationCallback callback);

    // One scheduling step: admits waiting requests, runs one forward over decode tokens and
    // prefill chunks, samples and reports. Returns false when no request is left.
    bool step();
    // Steps until every request has finished.
    void run();
    // Cancels every request at the next step boundary (from any thread).
    void cancelAll() { m_cancelAll.store(true); }

    std::int64_t pendingRequests() const;
    const GeneratorOptions& options() const { return m_options; }

private:
    struct Sequence;
    void finish(Sequence& sequence, FinishReason reason, const SampledToken* token, std::string_view text);

    const DecoderModel& m_model;
    const tok::Tokenizer* m_tokenizer;
    GeneratorOptions m_options;
    std::unique_ptr<KvCache> m_cache;
    std::unique_ptr<Workspace> m_workspace;
    std::vector<std::unique_ptr<Sequence>> m_sequences;  // admitted and waiting, in submission order
    std::int64_t m_nextId = 1;
    std::atomic<bool> m_cancelAll{false};
    // Step scratch, sized once.
    std::vector<std::int32_t> m_ids, m_positions, m_slots, m_logitTokens, m_ropeLengths;
    std::vector<Sequence*> m_logitOwners;
    std::vector<float> m_logits;
};

}  // namespace lathe
