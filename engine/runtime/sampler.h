// Token sampling over a model's next-token logits, as transformers' logits processors do it:
// repetition penalty, frequency and presence penalties (OpenAI's definitions, over generated
// tokens), then temperature, top-k, top-p, min-p and typical-p, then a draw from a seeded
// generator (the same seed gives the same tokens). temperature <= 0 is greedy (argmax).
// Logprobs are those of the model's distribution before any processing (log-softmax of the raw
// logits), for the chosen token and the top-n tokens.
//
// The chain, in transformers' order (GenerationMixin._get_logits_processor), each warper with
// min_tokens_to_keep = 1, over the ids whose logit is finite:
//   1. repetition penalty over prompt and generated ids: l < 0 ? l * r : l / r (once per id);
//   2. frequency and presence over generated ids: l -= count * f, then l -= p where count > 0;
//   3. temperature: l / t;
//   4. top-k: drops ids whose logit is below the k-th largest (ids tied with it all stay);
//   5. top-p: keeps the most likely ids while the mass of those above is < top_p (transformers
//      drops ids whose ascending cumulative probability is <= 1 - top_p; the same set);
//   6. min-p: drops ids with p < min_p * max p;
//   7. typical-p: ranks ids by |-log p - H| (H the entropy), finds the first rank where the
//      cumulative probability reaches typical_p and keeps every id ranked no worse than it;
//   8. softmax of the survivors and a draw: u = (xoshiro256** >> 11) * 2^-53, the generator
//      seeded by four splitmix64 outputs of `seed`; the first id, in increasing id order, whose
//      running weight exceeds u * total weight.
// Greedy (temperature <= 0) runs 1-2 and takes the first id of the largest logit (torch.argmax).
// Where equal probabilities straddle a top-p or typical-p cut, the lower id is ranked first
// (transformers' unstable sort leaves it arbitrary). The PRNG stream is the same everywhere; the
// float chain (exp, sums in a fixed order) gives the same tokens for the same build.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace lathe {

struct SamplingParams {
    float temperature = 1.0f;        // <= 0: greedy
    std::int32_t topK = 0;           // 0: off
    float topP = 1.0f;               // 1: off
    float minP = 0.0f;               // 0: off
    float typicalP = 1.0f;           // 1: off
    float repetitionPenalty = 1.0f;  // 1: off (transformers: over prompt and generated ids)
    float frequencyPenalty = 0.0f;   // 0: off (subtracts count * penalty, generated ids)
    float presencePenalty = 0.0f;    // 0: off (subtracts penalty once per generated id)
    std::uint64_t seed = 0;
    std::int32_t topLogprobs = 0;    // how many top alternatives to report (0: none)
};

struct TokenLogprob {
    std::int32_t id = 0;
    float logprob = 0.0f;
};

struct SampledToken {
    std::int32_t id = 0;
    float logprob = 0.0f;            // of id under the raw distribution
    std::vector<TokenLogprob> top;   // topLogprobs entries, most likely first (capacity reserved once)
};

// One sequence's sampler. All memory is allocated by the constructor and reset(); sample() and
// accept() allocate nothing. Not thread-safe; one per sequence.
class Sampler {
public:
    // Throws lathe::Error(InvalidInput) naming the parameter for values out of range
    // (top_p outside (0, 1], negative top_k, repetition_penalty <= 0, ...).
    Sampler(const SamplingParams& params, std::int64_t vocabSize);

    // Starts a sequence: the prompt ids count for the repetition penalty, the generated counts
    // are cleared and the generator restarts from `seed` (so a reset sampler repeats itself).
    void reset(std::span<const std::int32_t> promptIds);
    // Chooses the next token from `logits` (vocabSize raw logits; read only, never modified).
    // out.top is resized to min(topLogprobs, vocabSize) within its capacity, so a SampledToken
    // reused across calls allocates only on its first. Throws lathe::Error for a wrong size, a
    // NaN or +inf logit, or no finite logit.
    void sample(std::span<float> logits, SampledToken& out);
    // Records a generated token (it counts for all the penalties from now on). Ids outside
    // [0, vocabSize) are ignored, in reset() too, as transformers drops ids past the lm_head.
    void accept(std::int32_t id);

    // The distribution sample() would draw from now (penalties from the current state): probs[id]
    // after the whole chain, 0 for dropped ids; one-hot at the argmax when greedy. For tests and
    // for showing the distribution; allocates nothing and consumes no random number.
    void processedProbabilities(std::span<const float> logits, std::span<float> probs);

    const SamplingParams& params() const { return m_params; }

private:
    SamplingParams m_params;
    std::int64_t m_vocab = 0;
    std::uint64_t m_rngState[4] = {};
    std::vector<std::int32_t> m_counts;        // generated-token counts (frequency/presence)
    std::vector<std::uint8_t> m_seen;          // ids in prompt or generated (repetition)
    std::vector<std::int32_t> m_seenList;      // the ids of m_seen set to 1, to clear it fast
    std::vector<std::int32_t> m_generatedList; // the ids of m_counts > 0
    std::vector<float> m_scratch;              // processed logits, by id
    std::vector<float> m_weights;              // exp(processed - max), by id, for the survivors
    std::vector<float> m_keys;                 // typical-p rank keys, by id (typical only)
    std::vector<std::int32_t> m_order;         // candidate ids, survivors first

    void seedGenerator();
    double nextUniform();
    void checkLogits(std::span<const float> logits) const;
    float penalized(std::int32_t id, float logit) const;
    std::int32_t penalizedArgmax(std::span<const float> logits) const;
    // Runs the chain; the survivors are m_order[0, n) in increasing id order with their
    // m_weights, and `total` their weight sum (in that order). Returns n (>= 1).
    std::size_t survivors(std::span<const float> logits, double& total);
    std::size_t keepTopK(std::size_t n);
    std::size_t keepTopP(std::size_t n, float maxLogit);
    std::size_t keepMinP(std::size_t n);
    std::size_t keepTypical(std::size_t n);
};

}  // namespace lathe
