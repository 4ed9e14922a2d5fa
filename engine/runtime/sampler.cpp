// The sampling chain of sampler.h. Candidates are ids, filtered in place in m_order; per-id
// values live in vocab-sized arrays sized once, so sampling allocates nothing. Sorting is
// partial: a stage that needs ranks grows a sorted prefix only as far as it reads.
#include "runtime/sampler.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <string>

namespace lathe {

namespace {

constexpr const char* kFile = "sampling";
constexpr float kInf = std::numeric_limits<float>::infinity();

std::string number(double value)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", value);
    return buf;
}

void check(bool ok, const char* field, const std::string& rule, double value)
{
    if (!ok) {
        throwInvalid(kFile, field, rule + ", got " + number(value));
    }
}

std::uint64_t splitmix64(std::uint64_t& state)
{
    state += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

// Grows the sorted prefix ids[0, sorted) to ids[0, want) under `before`, a strict total order.
// Everything past the prefix stays not-before everything in it, so the prefix is exactly the
// start of the fully sorted list, whatever the standard library's nth_element does.
template <class Before>
std::size_t growSortedPrefix(std::int32_t* ids, std::size_t n, std::size_t sorted, std::size_t want, Before before)
{
    want = std::min(want, n);
    if (want <= sorted) {
        return sorted;
    }
    if (want < n) {
        std::nth_element(ids + sorted, ids + want, ids + n, before);
    }
    std::sort(ids + sorted, ids + want, before);
    return want;
}

constexpr std::size_t kFirstChunk = 64;

}  // namespace

Sampler::Sampler(const SamplingParams& params, std::int64_t vocabSize)
    : m_params(params)
    , m_vocab(vocabSize)
{
    const SamplingParams& p = params;
    check(std::isfinite(p.temperature) && p.temperature >= 0.0f, "temperature",
          "must be a finite number >= 0 (0 is greedy)", p.temperature);
    check(p.topK >= 0, "top_k", "must be >= 0 (0 is off)", p.topK);
    check(p.topP > 0.0f && p.topP <= 1.0f, "top_p", "must be in (0, 1] (1 is off)", p.topP);
    check(p.minP >= 0.0f && p.minP <= 1.0f, "min_p", "must be in [0, 1] (0 is off)", p.minP);
    check(p.typicalP > 0.0f && p.typicalP <= 1.0f, "typical_p", "must be in (0, 1] (1 is off)", p.typicalP);
    check(std::isfinite(p.repetitionPenalty) && p.repetitionPenalty > 0.0f, "repetition_penalty",
          "must be a finite number > 0 (1 is off)", p.repetitionPenalty);
    check(p.frequencyPenalty >= -2.0f && p.frequencyPenalty <= 2.0f, "frequency_penalty",
          "must be in [-2, 2] (0 is off)", p.frequencyPenalty);
    check(p.presencePenalty >= -2.0f && p.presencePenalty <= 2.0f, "presence_penalty",
          "must be in [-2, 2] (0 is off)", p.presencePenalty);
    check(p.topLogprobs >= 0 && p.topLogprobs <= 20, "top_logprobs", "must be in [0, 20]", p.topLogprobs);
    check(vocabSize > 0 && vocabSize <= std::numeric_limits<std::int32_t>::max(), "vocab_size",
          "must be in [1, 2^31 - 1]", static_cast<double>(vocabSize));

    const auto n = static_cast<std::size_t>(vocabSize);
    m_counts.assign(n, 0);
    m_seen.assign(n, 0);
    m_seenList.reserve(n);
    m_generatedList.reserve(n);
    m_scratch.assign(n, 0.0f);
    m_weights.assign(n, 0.0f);
    if (p.typicalP < 1.0f) {
        m_keys.assign(n, 0.0f);
    }
    m_order.assign(n, 0);
    reset({});
}

void Sampler::reset(std::span<const std::int32_t> promptIds)
{
    for (std::int32_t id : m_seenList) {
        m_seen[static_cast<std::size_t>(id)] = 0;
    }
    m_seenList.clear();
    for (std::int32_t id : m_generatedList) {
        m_counts[static_cast<std::size_t>(id)] = 0;
    }
    m_generatedList.clear();
    for (std::int32_t id : promptIds) {
        if (id >= 0 && id < m_vocab && !m_seen[static_cast<std::size_t>(id)]) {
            m_seen[static_cast<std::size_t>(id)] = 1;
            m_seenList.push_back(id);
        }
    }
    seedGenerator();
}

void Sampler::accept(std::int32_t id)
{
    if (id < 0 || id >= m_vocab) {
        return;
    }
    const auto i = static_cast<std::size_t>(id);
    if (!m_seen[i]) {
        m_seen[i] = 1;
        m_seenList.push_back(id);  // within the capacity reserved by the constructor
    }
    if (m_counts[i]++ == 0) {
        m_generatedList.push_back(id);
    }
}

void Sampler::seedGenerator()
{
    std::uint64_t state = m_params.seed;
    for (auto& word : m_rngState) {
        word = splitmix64(state);
    }
}

// xoshiro256** (Blackman and Vigna), then the top 53 bits as a double in [0, 1).
double Sampler::nextUniform()
{
    std::uint64_t* s = m_rngState;
    const std::uint64_t result = rotl(s[1] * 5, 7) * 9;
    const std::uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return static_cast<double>(result >> 11) * 0x1.0p-53;
}

void Sampler::checkLogits(std::span<const float> logits) const
{
    if (static_cast<std::int64_t>(logits.size()) != m_vocab) {
        throwInvalid(kFile, "logits", "expected " + std::to_string(m_vocab) + " values, got "
                                          + std::to_string(logits.size()));
    }
    bool anyFinite = false;
    for (std::size_t i = 0; i < logits.size(); ++i) {
        const float v = logits[i];
        if (!(v < kInf)) {
            throwInvalid(kFile, "logits", (std::isnan(v) ? "NaN" : "+inf") + std::string(" at id ") + std::to_string(i));
        }
        anyFinite = anyFinite || v > -kInf;
    }
    if (!anyFinite) {
        throwInvalid(kFile, "logits", "every logit is -inf");
    }
}

float Sampler::penalized(std::int32_t id, float logit) const
{
    const auto i = static_cast<std::size_t>(id);
    float x = logit;
    const float r = m_params.repetitionPenalty;
    if (r != 1.0f && m_seen[i]) {
        x = x < 0.0f ? x * r : x / r;
    }
    if (const std::int32_t count = m_counts[i]; count > 0) {
        x -= static_cast<float>(count) * m_params.frequencyPenalty;
        x -= m_params.presencePenalty;
    }
    return x;
}

std::int32_t Sampler::penalizedArgmax(std::span<const float> logits) const
{
    std::int32_t best = 0;
    float bestValue = -kInf;
    bool found = false;
    for (std::size_t i = 0; i < logits.size(); ++i) {
        const auto id = static_cast<std::int32_t>(i);
        const float v = m_seen[i] ? penalized(id, logits[i]) : logits[i];
        if (!found || v > bestValue) {  // strictly greater: the first of equal maxima wins
            best = id;
            bestValue = v;
            found = true;
        }
    }
    return best;
}

std::size_t Sampler::survivors(std::span<const float> logits, double& total)
{
    // One pass: penalties (seen ids only), temperature, the candidate list and its max.
    const float t = m_params.temperature;
    const std::size_t vocab = logits.size();
    std::size_t n = 0;
    float vmax = -kInf;
    for (std::size_t i = 0; i < vocab; ++i) {
        float v = logits[i];
        if (m_seen[i]) {
            v = penalized(static_cast<std::int32_t>(i), v);
        }
        v = v / t;
        m_scratch[i] = v;
        if (v > -kInf) {
            m_order[n++] = static_cast<std::int32_t>(i);
            if (v > vmax) {
                vmax = v;
            }
        }
    }
    if (n == 0) {
        throwInvalid(kFile, "logits", "no finite logit is left after the penalties");
    }
    if (vmax == kInf) {
        // A temperature (or penalty) small enough to overflow: its limit, the greedy choice.
        m_order[0] = penalizedArgmax(logits);
        m_weights[static_cast<std::size_t>(m_order[0])] = 1.0f;
        total = 1.0;
        return 1;
    }

    n = keepTopK(n);  // keeps id order and the max
    for (std::size_t j = 0; j < n; ++j) {
        const auto id = static_cast<std::size_t>(m_order[j]);
        m_weights[id] = std::exp(m_scratch[id] - vmax);
    }
    bool idOrder = true;
    if (m_params.topP < 1.0f) {
        n = keepTopP(n, vmax);
        idOrder = false;
    }
    n = keepMinP(n);  // keeps the order
    if (m_params.typicalP < 1.0f) {
        n = keepTypical(n);
        idOrder = false;
    }
    if (!idOrder) {
        std::sort(m_order.begin(), m_order.begin() + static_cast<std::ptrdiff_t>(n));
    }
    total = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
        total += m_weights[static_cast<std::size_t>(m_order[j])];
    }
    return n;
}

std::size_t Sampler::keepTopK(std::size_t n)
{
    const auto k = static_cast<std::size_t>(m_params.topK);
    if (k == 0 || k >= n) {
        return n;
    }
    // The k-th largest value, repeats counted, from a min-heap of the k largest seen so far;
    // m_weights is free until the weights are computed, so it holds the heap. One pass whose
    // test (v > the heap's least) is almost always false, not a selection over all candidates.
    float* heap = m_weights.data();
    const auto heapOrder = std::greater<float>();
    for (std::size_t j = 0; j < k; ++j) {
        heap[j] = m_scratch[static_cast<std::size_t>(m_order[j])];
    }
    std::make_heap(heap, heap + k, heapOrder);
    for (std::size_t j = k; j < n; ++j) {
        const float v = m_scratch[static_cast<std::size_t>(m_order[j])];
        if (v > heap[0]) {
            std::pop_heap(heap, heap + k, heapOrder);
            heap[k - 1] = v;
            std::push_heap(heap, heap + k, heapOrder);
        }
    }
    const float kth = heap[0];
    std::size_t kept = 0;
    for (std::size_t j = 0; j < n; ++j) {  // transformers drops only logits < the k-th: ties stay
        const std::int32_t id = m_order[j];
        if (m_scratch[static_cast<std::size_t>(id)] >= kth) {
            m_order[kept++] = id;
        }
    }
    return kept;
}

std::size_t Sampler::keepTopP(std::size_t n, float maxLogit)
{
    // Weight per band of distance below the max logit (band b: b <= max - l < b + 1).
    constexpr int kBands = 64;
    double bandWeight[kBands] = {};
    double total = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
        const auto id = static_cast<std::size_t>(m_order[j]);
        const float d = maxLogit - m_scratch[id];
        const int band = d < static_cast<float>(kBands - 1) ? static_cast<int>(d) : kBands - 1;
        bandWeight[band] += m_weights[id];
    }
    for (double w : bandWeight) {
        total += w;
    }
    const double limit = static_cast<double>(m_params.topP) * total;

    // Exact pre-cut: once the ids closer to the max than `cut` weigh at least `limit`, every id
    // at or past `cut` has all of them ranked above it and is dropped, so only the closer ones
    // need ranking. The margin covers the walk below summing in another order.
    float cut = kInf;
    double closer = 0.0;
    for (int band = 0; band < kBands - 1; ++band) {
        closer += bandWeight[band];
        if (closer >= limit * (1.0 + 1e-9)) {
            cut = static_cast<float>(band + 1);
            break;
        }
    }
    if (cut < kInf) {
        std::size_t kept = 0;
        for (std::size_t j = 0; j < n; ++j) {
            const std::int32_t id = m_order[j];
            if (maxLogit - m_scratch[static_cast<std::size_t>(id)] < cut) {
                m_order[kept++] = id;
            }
        }
        n = kept;
    }

    const auto before = [this](std::int32_t a, std::int32_t b) {
        const float va = m_scratch[static_cast<std::size_t>(a)];
        const float vb = m_scratch[static_cast<std::size_t>(b)];
        return va > vb || (va == vb && a < b);
    };
    std::int32_t* ids = m_order.data();
    std::size_t sorted = 0;
    std::size_t chunk = kFirstChunk;
    std::size_t kept = 0;
    double above = 0.0;  // weight of the ids ranked above ids[kept]
    while (kept < n) {
        if (kept == sorted) {
            sorted = growSortedPrefix(ids, n, sorted, sorted + chunk, before);
            chunk *= 2;
        }
        if (kept > 0 && above >= limit) {
            break;
        }
        above += m_weights[static_cast<std::size_t>(ids[kept])];
        ++kept;
    }
    return kept;
}

std::size_t Sampler::keepMinP(std::size_t n)
{
    // p < min_p * max p, as weights relative to the max (still a survivor: top-k and top-p keep it).
    const float minP = m_params.minP;
    if (minP <= 0.0f) {
        return n;
    }
    std::size_t kept = 0;
    for (std::size_t j = 0; j < n; ++j) {
        const std::int32_t id = m_order[j];
        if (!(m_weights[static_cast<std::size_t>(id)] < minP)) {
            m_order[kept++] = id;
        }
    }
    return kept;
}

std::size_t Sampler::keepTypical(std::size_t n)
{
    double total = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
        total += m_weights[static_cast<std::size_t>(m_order[j])];
    }
    // log p = (l - max) - log total, without an exp round trip. The weights are relative to the
    // candidates' max, which is still a survivor here (top-k, top-p and min-p keep it).
    float vmax = -kInf;
    for (std::size_t j = 0; j < n; ++j) {
        vmax = std::max(vmax, m_scratch[static_cast<std::size_t>(m_order[j])]);
    }
    const double logTotal = std::log(total);
    double entropy = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
        const auto id = static_cast<std::size_t>(m_order[j]);
        const double p = m_weights[id] / total;
        if (p > 0.0) {
            entropy -= p * (static_cast<double>(m_scratch[id] - vmax) - logTotal);
        }
    }
    for (std::size_t j = 0; j < n; ++j) {
        const auto id = static_cast<std::size_t>(m_order[j]);
        const double logP = static_cast<double>(m_scratch[id] - vmax) - logTotal;
        m_keys[id] = static_cast<float>(std::fabs(-logP - entropy));
    }
    const auto before = [this](std::int32_t a, std::int32_t b) {
        const float ka = m_keys[static_cast<std::size_t>(a)];
        const float kb = m_keys[static_cast<std::size_t>(b)];
        return ka < kb || (ka == kb && a < b);
    };
    std::int32_t* ids = m_order.data();
    const double mass = static_cast<double>(m_params.typicalP) * total;
    std::size_t sorted = 0;
    std::size_t chunk = kFirstChunk;
    std::size_t last = n - 1;  // transformers clamps to the last rank when the mass is never reached
    double cumulative = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
        if (j == sorted) {
            sorted = growSortedPrefix(ids, n, sorted, sorted + chunk, before);
            chunk *= 2;
        }
        cumulative += m_weights[static_cast<std::size_t>(ids[j])];
        if (cumulative >= mass) {
            last = j;
            break;
        }
    }
    const float threshold = m_keys[static_cast<std::size_t>(ids[last])];
    std::size_t kept = last + 1;
    for (std::size_t j = kept; j < n; ++j) {  // ids whose key equals the threshold's stay
        if (m_keys[static_cast<std::size_t>(ids[j])] <= threshold) {
            std::swap(ids[kept++], ids[j]);
        }
    }
    return kept;
}

void Sampler::sample(std::span<float> logits, SampledToken& out)
{
    if (static_cast<std::int64_t>(logits.size()) != m_vocab) {
        checkLogits(logits);  // throws the size error
    }
    // One pass over the raw logits: validity, max, and the top-n for the logprobs.
    const std::size_t nTop = std::min(static_cast<std::size_t>(m_params.topLogprobs), logits.size());
    out.top.resize(nTop);
    std::size_t filled = 0;
    float rawMax = -kInf;
    for (std::size_t i = 0; i < logits.size(); ++i) {
        const float v = logits[i];
        if (!(v < kInf)) {
            checkLogits(logits);  // throws, naming the id
        }
        if (v > rawMax) {  // a branch, not a max chain: the loop is not latency-bound
            rawMax = v;
        }
        if (nTop > 0 && (filled < nTop || v > out.top[nTop - 1].logprob)) {
            std::size_t j = filled < nTop ? filled++ : nTop - 1;
            while (j > 0 && out.top[j - 1].logprob < v) {  // equal values keep the lower id first
                out.top[j] = out.top[j - 1];
                --j;
            }
            out.top[j] = {static_cast<std::int32_t>(i), v};
        }
    }
    if (rawMax == -kInf) {
        checkLogits(logits);  // throws: every logit is -inf
    }
    double sum = 0.0;
    for (const float v : logits) {
        sum += std::exp(v - rawMax);
    }
    const double logNorm = static_cast<double>(rawMax) + std::log(sum);
    for (auto& entry : out.top) {
        entry.logprob = static_cast<float>(static_cast<double>(entry.logprob) - logNorm);
    }

    std::int32_t chosen = 0;
    if (m_params.temperature <= 0.0f) {
        chosen = penalizedArgmax(logits);
    } else {
        double total = 0.0;
        const std::size_t n = survivors(logits, total);
        const double target = nextUniform() * total;
        double running = 0.0;
        chosen = m_order[n - 1];
        std::int32_t lastPositive = m_order[0];
        bool hit = false;
        for (std::size_t j = 0; j < n; ++j) {
            const std::int32_t id = m_order[j];
            const float w = m_weights[static_cast<std::size_t>(id)];
            if (w > 0.0f) {
                lastPositive = id;
            }
            running += w;
            if (running > target) {
                chosen = id;
                hit = true;
                break;
            }
        }
        if (!hit) {  // rounding left the target past the running sum: the last id with weight
            chosen = lastPositive;
        }
    }
    out.id = chosen;
    out.logprob = static_cast<float>(static_cast<double>(logits[static_cast<std::size_t>(chosen)]) - logNorm);
}

void Sampler::processedProbabilities(std::span<const float> logits, std::span<float> probs)
{
    checkLogits(logits);
    if (static_cast<std::int64_t>(probs.size()) != m_vocab) {
        throwInvalid(kFile, "probabilities", "expected " + std::to_string(m_vocab) + " values, got "
                                                 + std::to_string(probs.size()));
    }
    std::fill(probs.begin(), probs.end(), 0.0f);
    if (m_params.temperature <= 0.0f) {
        probs[static_cast<std::size_t>(penalizedArgmax(logits))] = 1.0f;
        return;
    }
    double total = 0.0;
    const std::size_t n = survivors(logits, total);
    for (std::size_t j = 0; j < n; ++j) {
        const auto id = static_cast<std::size_t>(m_order[j]);
        probs[id] = static_cast<float>(m_weights[id] / total);
    }
}

}  // namespace lathe
