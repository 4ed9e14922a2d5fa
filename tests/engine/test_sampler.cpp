// Sampling chain and stop strings. The chain is checked stage by stage against transformers'
// logits processors (tests/data/sampling/expectations.json, made by the script beside it), the
// draws against those distributions by a chi-squared test, the seeded stream against pinned ids;
// penalties, logprobs, greedy ties, validation and "no allocation in sample()" directly. The stop
// matcher is checked against a byte-by-byte oracle at every split of the text.
#include "core/error.h"
#include "runtime/sampler.h"
#include "runtime/stop_strings.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <new>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

// ---- allocation counter: every operator new of this binary goes through here, counted while
// g_countAllocations is set. AddressSanitizer brings its own operator new (and reports ours as
// mismatched), so a sanitizer build leaves it out and checks only that no buffer moved.
#if defined(__SANITIZE_ADDRESS__)
#define LATHE_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LATHE_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef LATHE_COUNT_ALLOCATIONS
#define LATHE_COUNT_ALLOCATIONS 1
#endif

namespace {
std::atomic<bool> g_countAllocations{false};
std::atomic<long> g_allocations{0};
}  // namespace

#if LATHE_COUNT_ALLOCATIONS
namespace {
void* countedAlloc(std::size_t size, std::size_t align)
{
    if (g_countAllocations.load(std::memory_order_relaxed)) {
        g_allocations.fetch_add(1, std::memory_order_relaxed);
    }
    if (size == 0) {
        size = 1;
    }
    void* p = align <= alignof(std::max_align_t) ? std::malloc(size)
                                                 : std::aligned_alloc(align, (size + align - 1) / align * align);
    if (p == nullptr) {
        throw std::bad_alloc();
    }
    return p;
}
}  // namespace

void* operator new(std::size_t size) { return countedAlloc(size, alignof(std::max_align_t)); }
void* operator new[](std::size_t size) { return countedAlloc(size, alignof(std::max_align_t)); }
void* operator new(std::size_t size, std::align_val_t al) { return countedAlloc(size, static_cast<std::size_t>(al)); }
void* operator new[](std::size_t size, std::align_val_t al) { return countedAlloc(size, static_cast<std::size_t>(al)); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
#endif

using namespace lathe;
using nlohmann::json;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

json loadExpectations()
{
    const QString path = QFINDTESTDATA("../data/sampling/expectations.json");
    if (path.isEmpty()) {
        return {};
    }
    std::ifstream in(path.toStdString());
    return json::parse(in);
}

std::vector<float> logitsOf(const json& doc, const std::string& name)
{
    std::vector<float> out;
    for (const auto& v : doc["logits"][name]) {
        out.push_back(v.is_null() ? -kInf : v.get<float>());
    }
    return out;
}

SamplingParams paramsOf(const json& p)
{
    SamplingParams s;
    s.temperature = p["temperature"].get<float>();
    s.topK = p["top_k"].get<std::int32_t>();
    s.topP = p["top_p"].get<float>();
    s.minP = p["min_p"].get<float>();
    s.typicalP = p["typical_p"].get<float>();
    s.repetitionPenalty = p["repetition_penalty"].get<float>();
    s.frequencyPenalty = p["frequency_penalty"].get<float>();
    s.presencePenalty = p["presence_penalty"].get<float>();
    return s;
}

// Puts a sampler in the state the expectations were made in: the prompt, then generated ids.
void replayHistory(Sampler& sampler, const json& doc)
{
    sampler.reset(doc["prompt_ids"].get<std::vector<std::int32_t>>());
    for (std::int32_t id : doc["generated_ids"].get<std::vector<std::int32_t>>()) {
        sampler.accept(id);
    }
}

std::vector<double> logSoftmax(const std::vector<float>& logits)
{
    double m = -INFINITY;
    for (float v : logits) {
        m = std::max(m, static_cast<double>(v));
    }
    double sum = 0.0;
    for (float v : logits) {
        sum += std::exp(static_cast<double>(v) - m);
    }
    std::vector<double> out;
    for (float v : logits) {
        out.push_back(static_cast<double>(v) - m - std::log(sum));
    }
    return out;
}

std::vector<float> randomLogits(std::size_t n, std::uint32_t seed, float scale = 2.0f)
{
    std::mt19937 gen(seed);
    std::normal_distribution<float> normal(0.0f, scale);
    std::vector<float> out(n);
    for (auto& v : out) {
        v = normal(gen);
    }
    return out;
}

// Upper quantile of chi-squared with `df` degrees of freedom at z standard deviations
// (Wilson-Hilferty); z = 6.5 puts a false failure near 4e-11.
double chiSquaredLimit(int df, double z = 6.5)
{
    const double a = 2.0 / (9.0 * df);
    const double c = 1.0 - a + z * std::sqrt(a);
    return df * c * c * c;
}

struct ChiSquared {
    double statistic = 0.0;
    int df = 0;
    long outside = 0;  // draws of ids with expected probability 0
};

// Draws `draws` tokens and compares the counts with `expected` (per id; 0 = must never come).
// Cells expected under 5 draws are pooled.
ChiSquared drawAndTest(Sampler& sampler, const std::vector<float>& logits, const std::vector<double>& expected, long draws)
{
    std::vector<long> counts(logits.size(), 0);
    std::vector<float> row = logits;
    SampledToken out;
    for (long i = 0; i < draws; ++i) {
        sampler.sample(row, out);
        ++counts[static_cast<std::size_t>(out.id)];
    }
    ChiSquared r;
    double pooledExpected = 0.0;
    long pooledObserved = 0;
    int cells = 0;
    for (std::size_t id = 0; id < logits.size(); ++id) {
        const double e = expected[id] * static_cast<double>(draws);
        if (expected[id] == 0.0) {
            r.outside += counts[id];
            continue;
        }
        if (e < 5.0) {
            pooledExpected += e;
            pooledObserved += counts[id];
            continue;
        }
        r.statistic += (static_cast<double>(counts[id]) - e) * (static_cast<double>(counts[id]) - e) / e;
        ++cells;
    }
    if (pooledExpected > 0.0) {
        const double d = static_cast<double>(pooledObserved) - pooledExpected;
        r.statistic += d * d / std::max(pooledExpected, 1e-300);
        ++cells;
    }
    r.df = std::max(cells - 1, 1);
    return r;
}

// ---- stop strings: the oracle walks the text byte by byte and stops at the first byte that
// completes a stop, taking the longest stop that ends there.
struct StopResult {
    std::string output;
    std::string matched;
    bool stopped = false;
};

StopResult stopOracle(const std::string& text, const std::vector<std::string>& stops)
{
    for (std::size_t end = 1; end <= text.size(); ++end) {
        const std::string_view head(text.data(), end);
        const std::string* best = nullptr;
        for (const auto& s : stops) {
            if (!s.empty() && head.ends_with(s) && (best == nullptr || s.size() > best->size())) {
                best = &s;
            }
        }
        if (best != nullptr) {
            return {text.substr(0, end - best->size()), *best, true};
        }
    }
    return {text, "", false};
}

// The longest suffix of `text` that is a proper prefix of a stop: what must be held back.
std::size_t heldOracle(const std::string& text, const std::vector<std::string>& stops)
{
    std::size_t best = 0;
    for (const auto& s : stops) {
        for (std::size_t len = 1; len < s.size() && len <= text.size(); ++len) {
            if (std::string_view(text).substr(text.size() - len) == std::string_view(s).substr(0, len)) {
                best = std::max(best, len);
            }
        }
    }
    return best;
}

// Feeds `text` cut at `cuts` (increasing offsets) and checks every intermediate output against
// the oracle: emitted text never runs past what is safe, and holds back no more than needed.
bool feedsLikeOracle(const std::string& text, const std::vector<std::string>& stops, const std::vector<std::size_t>& cuts, QString& why)
{
    const StopResult want = stopOracle(text, stops);
    StopStringMatcher matcher(stops);
    std::string emitted;
    std::size_t from = 0;
    std::vector<std::size_t> ends = cuts;
    ends.push_back(text.size());
    for (std::size_t to : ends) {
        const bool wasStopped = matcher.stopped();
        const std::string out = matcher.feed(std::string_view(text).substr(from, to - from));
        if (wasStopped && !out.empty()) {
            why = "output after the stop";
            return false;
        }
        emitted += out;
        const std::string fed = text.substr(0, to);
        const StopResult sofar = stopOracle(fed, stops);
        if (sofar.stopped != matcher.stopped()) {
            why = QString("stopped() is %1 after %2 bytes").arg(matcher.stopped()).arg(to);
            return false;
        }
        if (!sofar.stopped && emitted != fed.substr(0, fed.size() - heldOracle(fed, stops))) {
            why = QString("after %1 bytes emitted \"%2\"").arg(to).arg(QString::fromStdString(emitted));
            return false;
        }
        from = to;
    }
    emitted += matcher.flush();
    if (emitted != want.output || matcher.stopped() != want.stopped || matcher.matched() != want.matched) {
        why = QString("got \"%1\" (stop \"%2\"), want \"%3\" (stop \"%4\")")
                  .arg(QString::fromStdString(emitted), QString::fromStdString(matcher.matched()),
                       QString::fromStdString(want.output), QString::fromStdString(want.matched));
        return false;
    }
    return true;
}

}  // namespace

class TestSampler : public QObject {
    Q_OBJECT

    json m_doc;

private slots:
    void initTestCase()
    {
        m_doc = loadExpectations();
        QVERIFY2(!m_doc.is_null(), "tests/data/sampling/expectations.json not found");
        QVERIFY(m_doc["cases"].size() > 200);
    }

    void validationNamesTheParameter()
    {
        struct Bad {
            const char* field;
            SamplingParams params;
            std::int64_t vocab = 10;
        };
        const auto with = [](auto edit) {
            SamplingParams p;
            edit(p);
            return p;
        };
        const std::vector<Bad> bad = {
            {"temperature", with([](SamplingParams& p) { p.temperature = -0.1f; })},
            {"temperature", with([](SamplingParams& p) { p.temperature = NAN; })},
            {"temperature", with([](SamplingParams& p) { p.temperature = kInf; })},
            {"top_k", with([](SamplingParams& p) { p.topK = -1; })},
            {"top_p", with([](SamplingParams& p) { p.topP = 0.0f; })},
            {"top_p", with([](SamplingParams& p) { p.topP = 1.01f; })},
            {"top_p", with([](SamplingParams& p) { p.topP = NAN; })},
            {"min_p", with([](SamplingParams& p) { p.minP = -0.01f; })},
            {"min_p", with([](SamplingParams& p) { p.minP = 1.5f; })},
            {"typical_p", with([](SamplingParams& p) { p.typicalP = 0.0f; })},
            {"typical_p", with([](SamplingParams& p) { p.typicalP = 1.2f; })},
            {"repetition_penalty", with([](SamplingParams& p) { p.repetitionPenalty = 0.0f; })},
            {"repetition_penalty", with([](SamplingParams& p) { p.repetitionPenalty = -1.0f; })},
            {"frequency_penalty", with([](SamplingParams& p) { p.frequencyPenalty = 2.5f; })},
            {"frequency_penalty", with([](SamplingParams& p) { p.frequencyPenalty = -2.01f; })},
            {"presence_penalty", with([](SamplingParams& p) { p.presencePenalty = -3.0f; })},
            {"presence_penalty", with([](SamplingParams& p) { p.presencePenalty = NAN; })},
            {"top_logprobs", with([](SamplingParams& p) { p.topLogprobs = -1; })},
            {"top_logprobs", with([](SamplingParams& p) { p.topLogprobs = 21; })},
            {"vocab_size", SamplingParams{}, 0},
            {"vocab_size", SamplingParams{}, -5},
        };
        for (const auto& b : bad) {
            try {
                Sampler s(b.params, b.vocab);
                QFAIL(qPrintable(QString("no error for %1").arg(b.field)));
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::InvalidInput);
                QCOMPARE(QString::fromStdString(e.field()), QString(b.field));
                QCOMPARE(QString::fromStdString(e.file()), QString("sampling"));
                QVERIFY2(e.reason().find("got") != std::string::npos, e.what());
            }
        }
        // The edges of the ranges are valid.
        SamplingParams edges;
        edges.temperature = 0.0f;
        edges.topP = 1.0f;
        edges.minP = 1.0f;
        edges.typicalP = 1.0f;
        edges.frequencyPenalty = -2.0f;
        edges.presencePenalty = 2.0f;
        edges.topLogprobs = 20;
        edges.topK = 1000000;
        Sampler ok(edges, 1);
        edges.minP = 0.0f;
        edges.typicalP = 0.001f;
        edges.topP = 0.001f;
        Sampler ok2(edges, 3);
    }

    // Every stage, alone and chained, over the reference grid: the surviving ids exactly, their
    // probabilities to float precision.
    void chainMatchesTransformers()
    {
        int checked = 0;
        for (const auto& c : m_doc["cases"]) {
            const std::vector<float> logits = logitsOf(m_doc, c["logits"]);
            Sampler sampler(paramsOf(c["params"]), static_cast<std::int64_t>(logits.size()));
            replayHistory(sampler, m_doc);
            std::vector<float> probs(logits.size());
            sampler.processedProbabilities(logits, probs);

            std::vector<std::int32_t> kept;
            for (std::size_t i = 0; i < probs.size(); ++i) {
                if (probs[i] > 0.0f) {
                    kept.push_back(static_cast<std::int32_t>(i));
                }
            }
            const auto wantKept = c["kept"].get<std::vector<std::int32_t>>();
            const auto wantProbs = c["probs"].get<std::vector<double>>();
            const QString label = QString::fromStdString(c["logits"].get<std::string>() + " " + c["params"].dump());
            QVERIFY2(kept == wantKept, qPrintable(label + QString(": %1 kept, want %2").arg(kept.size()).arg(wantKept.size())));
            for (std::size_t j = 0; j < kept.size(); ++j) {
                const double got = probs[static_cast<std::size_t>(kept[j])];
                QVERIFY2(std::fabs(got - wantProbs[j]) <= 2e-6 + 2e-5 * wantProbs[j],
                         qPrintable(label + QString(": p[%1] = %2, want %3").arg(kept[j]).arg(got).arg(wantProbs[j])));
            }
            ++checked;
        }
        QCOMPARE(checked, static_cast<int>(m_doc["cases"].size()));
    }

    // The documented generator and draw rule, pinned by ids computed in Python.
    void seededDrawsArePinned()
    {
        for (const auto& d : m_doc["draws"]) {
            const std::vector<float> logits = logitsOf(m_doc, d["logits"]);
            SamplingParams p;
            p.temperature = d["temperature"].get<float>();
            p.seed = d["seed"].get<std::uint64_t>();
            Sampler sampler(p, static_cast<std::int64_t>(logits.size()));
            std::vector<float> row = logits;
            SampledToken out;
            std::vector<std::int32_t> got;
            for (std::size_t i = 0; i < d["ids"].size(); ++i) {
                sampler.sample(row, out);
                got.push_back(out.id);
            }
            QVERIFY(got == d["ids"].get<std::vector<std::int32_t>>());
        }
    }

    // Draws follow the reference distribution of each stage (chi-squared), and never leave its
    // support. The same test rejects the draws of a different temperature, so it has teeth.
    void drawsFollowTheDistribution()
    {
        const long draws = 200000;
        int tested = 0;
        std::set<std::string> seen;
        for (const auto& c : m_doc["cases"]) {
            const std::string name = c["logits"];
            const SamplingParams params = paramsOf(c["params"]);
            if ((name != "normal64" && name != "peaked48" && name != "masked40") || params.temperature <= 0.0f
                || params.repetitionPenalty != 1.0f || params.frequencyPenalty != 0.0f || params.presencePenalty != 0.0f
                || c["kept"].size() < 2) {
                continue;
            }
            // One case per combination of active stages and logits vector.
            const std::string stages = name + (params.temperature != 1.0f ? " T" : "") + (params.topK > 0 ? " K" : "")
                                       + (params.topP < 1.0f ? " P" : "") + (params.minP > 0.0f ? " M" : "")
                                       + (params.typicalP < 1.0f ? " Y" : "");
            if (!seen.insert(stages).second) {
                continue;
            }
            const std::vector<float> logits = logitsOf(m_doc, name);
            std::vector<double> expected(logits.size(), 0.0);
            const auto kept = c["kept"].get<std::vector<std::int32_t>>();
            const auto probs = c["probs"].get<std::vector<double>>();
            for (std::size_t j = 0; j < kept.size(); ++j) {
                expected[static_cast<std::size_t>(kept[j])] = probs[j];
            }
            SamplingParams seeded = params;
            seeded.seed = 1000 + static_cast<std::uint64_t>(tested);
            Sampler sampler(seeded, static_cast<std::int64_t>(logits.size()));
            const ChiSquared r = drawAndTest(sampler, logits, expected, draws);
            const QString label = QString::fromStdString(name + " " + c["params"].dump());
            QVERIFY2(r.outside == 0, qPrintable(label + QString(": %1 draws outside the kept set").arg(r.outside)));
            QVERIFY2(r.statistic < chiSquaredLimit(r.df),
                     qPrintable(label + QString(": chi2 %1 with %2 df, limit %3").arg(r.statistic).arg(r.df).arg(chiSquaredLimit(r.df))));
            ++tested;
        }
        qInfo("%d distributions tested", tested);
        QVERIFY(tested >= 20);

        // Power: temperature 1 draws tested against the temperature 0.5 distribution.
        const std::vector<float> logits = logitsOf(m_doc, "normal64");
        std::vector<double> halfTemperature(logits.size());
        {
            SamplingParams p;
            p.temperature = 0.5f;
            Sampler s(p, static_cast<std::int64_t>(logits.size()));
            std::vector<float> probs(logits.size());
            s.processedProbabilities(logits, probs);
            std::copy(probs.begin(), probs.end(), halfTemperature.begin());
        }
        Sampler plain(SamplingParams{}, static_cast<std::int64_t>(logits.size()));
        const ChiSquared wrong = drawAndTest(plain, logits, halfTemperature, 20000);
        QVERIFY(wrong.statistic > 10 * chiSquaredLimit(wrong.df));
    }

    // Wide vocabularies: the partial sorts of top-p and typical-p cross several chunks, and the
    // draws stay inside the sets the full-sort definition gives.
    void largeVocabularyMatchesFullSort()
    {
        const std::vector<float> logits = randomLogits(50000, 7, 1.0f);
        for (float topP : {0.5f, 0.9f, 0.99f}) {
            SamplingParams p;
            p.topP = topP;
            Sampler sampler(p, static_cast<std::int64_t>(logits.size()));
            std::vector<float> probs(logits.size());
            sampler.processedProbabilities(logits, probs);
            // Definition: sort descending, keep while the mass above is < top_p.
            std::vector<std::int32_t> ids(logits.size());
            std::iota(ids.begin(), ids.end(), 0);
            std::sort(ids.begin(), ids.end(), [&](std::int32_t a, std::int32_t b) {
                return logits[a] > logits[b] || (logits[a] == logits[b] && a < b);
            });
            const std::vector<double> logp = logSoftmax(logits);
            double above = 0.0;
            std::size_t want = 0;
            while (want < ids.size() && (want == 0 || above < topP)) {
                above += std::exp(logp[static_cast<std::size_t>(ids[want])]);
                ++want;
            }
            const auto kept = static_cast<std::size_t>(std::count_if(probs.begin(), probs.end(), [](float v) { return v > 0.0f; }));
            QVERIFY2(kept + 1 >= want && kept <= want + 1, qPrintable(QString("top_p %1: kept %2, want %3").arg(topP).arg(kept).arg(want)));
            QVERIFY(kept > 64);  // crossed the first chunk
            for (std::size_t j = 0; j + 1 < std::min(kept, want); ++j) {
                QVERIFY(probs[static_cast<std::size_t>(ids[j])] > 0.0f);
            }
        }
    }

    void sameSeedSameTokens()
    {
        const std::vector<float> logits = randomLogits(300, 1, 0.3f);  // nearly flat
        SamplingParams p;
        p.temperature = 0.9f;
        p.topK = 200;
        p.topP = 0.95f;
        p.seed = 12345;
        const auto run = [&](const SamplingParams& params, int n) {
            Sampler s(params, static_cast<std::int64_t>(logits.size()));
            s.reset(std::vector<std::int32_t>{1, 2, 3});
            std::vector<std::int32_t> ids;
            std::vector<float> row = logits;
            SampledToken out;
            for (int i = 0; i < n; ++i) {
                s.sample(row, out);
                s.accept(out.id);
                ids.push_back(out.id);
            }
            return ids;
        };
        const auto a = run(p, 100);
        QVERIFY(a == run(p, 100));
        SamplingParams other = p;
        other.seed = 12346;
        QVERIFY(a != run(other, 100));

        // reset() starts the stream again.
        Sampler s(p, static_cast<std::int64_t>(logits.size()));
        std::vector<float> row = logits;
        SampledToken out;
        std::vector<std::int32_t> first, second;
        for (int i = 0; i < 30; ++i) {
            s.sample(row, out);
            first.push_back(out.id);
        }
        s.reset({});
        for (int i = 0; i < 30; ++i) {
            s.sample(row, out);
            second.push_back(out.id);
        }
        QVERIFY(first == second);
    }

    void greedyTakesTheFirstMaximum()
    {
        SamplingParams p;
        p.temperature = 0.0f;
        p.topK = 1;      // ignored when greedy
        p.topP = 0.1f;   // ignored when greedy
        Sampler s(p, 6);
        std::vector<float> logits = {1.0f, 5.0f, -kInf, 5.0f, 2.0f, 5.0f};
        SampledToken out;
        for (int i = 0; i < 3; ++i) {
            s.sample(logits, out);
            QCOMPARE(out.id, 1);
        }
        // Penalties still apply: id 1 was generated, so id 3 is now first.
        SamplingParams pen = p;
        pen.presencePenalty = 0.5f;
        Sampler s2(pen, 6);
        s2.accept(1);
        s2.sample(logits, out);
        QCOMPARE(out.id, 3);
        std::vector<float> probs(6);
        s2.processedProbabilities(logits, probs);
        QVERIFY(probs == (std::vector<float>{0, 0, 0, 1, 0, 0}));
    }

    // Repetition (prompt and generated), frequency and presence (generated only), exactly.
    void penaltiesChangeLogitsAsDefined()
    {
        const std::vector<float> logits = {2.0f, -1.0f, 0.5f, 3.0f, -0.25f, 1.0f};
        SamplingParams p;
        p.repetitionPenalty = 1.5f;
        p.frequencyPenalty = 0.5f;
        p.presencePenalty = 0.25f;
        Sampler s(p, 6);
        s.reset(std::vector<std::int32_t>{0, 1, 1, 99, -3});  // out-of-range ids are ignored
        s.accept(2);
        s.accept(2);
        s.accept(0);
        s.accept(4);
        s.accept(6);  // ignored
        std::vector<float> want = logits;
        want[0] = 2.0f / 1.5f - 1 * 0.5f - 0.25f;       // prompt + generated once
        want[1] = -1.0f * 1.5f;                         // prompt only: repetition, no count
        want[2] = 0.5f / 1.5f - 2 * 0.5f - 0.25f;       // generated twice
        want[4] = -0.25f * 1.5f - 1 * 0.5f - 0.25f;     // negative: multiplied
        std::vector<float> probs(6);
        s.processedProbabilities(logits, probs);
        const std::vector<double> wantLog = logSoftmax(want);
        for (std::size_t i = 0; i < 6; ++i) {
            QVERIFY2(std::fabs(probs[i] - std::exp(wantLog[i])) < 1e-6, qPrintable(QString("id %1").arg(i)));
        }
        // reset() forgets the history.
        s.reset({});
        s.processedProbabilities(logits, probs);
        const std::vector<double> rawLog = logSoftmax(logits);
        for (std::size_t i = 0; i < 6; ++i) {
            QVERIFY(std::fabs(probs[i] - std::exp(rawLog[i])) < 1e-6);
        }
        // ... and counts start again from zero.
        s.accept(2);
        s.processedProbabilities(logits, probs);
        std::vector<float> again = logits;
        again[2] = 0.5f / 1.5f - 1 * 0.5f - 0.25f;
        const std::vector<double> againLog = logSoftmax(again);
        for (std::size_t i = 0; i < 6; ++i) {
            QVERIFY(std::fabs(probs[i] - std::exp(againLog[i])) < 1e-6);
        }
        // Repetition penalty applies once per id however often it appears.
        SamplingParams rep;
        rep.repetitionPenalty = 2.0f;
        Sampler r(rep, 6);
        r.reset(std::vector<std::int32_t>{3, 3, 3});
        r.accept(3);
        r.processedProbabilities(logits, probs);
        std::vector<float> once = logits;
        once[3] = 1.5f;
        const std::vector<double> onceLog = logSoftmax(once);
        QVERIFY(std::fabs(probs[3] - std::exp(onceLog[3])) < 1e-6);
    }

    void logprobsAreTheRawLogSoftmax()
    {
        std::vector<float> logits = randomLogits(500, 3);
        logits[10] = logits[20] = logits[30] = 9.0f;  // ties at the top: lower id first
        logits[40] = -kInf;
        const std::vector<double> logp = logSoftmax(logits);
        std::vector<std::int32_t> byRank(logits.size());
        std::iota(byRank.begin(), byRank.end(), 0);
        std::stable_sort(byRank.begin(), byRank.end(), [&](std::int32_t a, std::int32_t b) { return logits[a] > logits[b]; });

        SamplingParams p;
        p.temperature = 0.7f;
        p.topK = 20;
        p.repetitionPenalty = 1.3f;
        p.presencePenalty = 1.0f;
        p.topLogprobs = 5;
        p.seed = 9;
        Sampler s(p, static_cast<std::int64_t>(logits.size()));
        SampledToken out;
        for (int step = 0; step < 50; ++step) {
            s.sample(logits, out);
            QVERIFY(std::fabs(out.logprob - logp[static_cast<std::size_t>(out.id)]) < 1e-5);
            QCOMPARE(out.top.size(), std::size_t(5));
            for (std::size_t j = 0; j < 5; ++j) {
                QCOMPARE(out.top[j].id, byRank[j]);
                QVERIFY(std::fabs(out.top[j].logprob - logp[static_cast<std::size_t>(byRank[j])]) < 1e-5);
            }
            s.accept(out.id);
        }
        QCOMPARE(out.top[0].id, 10);
        QCOMPARE(out.top[1].id, 20);
        QCOMPARE(out.top[2].id, 30);

        // Fewer ids than asked for; none asked for.
        SamplingParams small;
        small.topLogprobs = 20;
        Sampler tiny(small, 3);
        std::vector<float> three = {0.0f, 1.0f, 0.5f};
        tiny.sample(three, out);
        QCOMPARE(out.top.size(), std::size_t(3));
        QCOMPARE(out.top[0].id, 1);
        QCOMPARE(out.top[1].id, 2);
        Sampler none(SamplingParams{}, 3);
        none.sample(three, out);
        QVERIFY(out.top.empty());
    }

    void sampleAllocatesNothing()
    {
        std::vector<SamplingParams> configs;
        SamplingParams p;
        p.topLogprobs = 5;
        configs.push_back(p);  // plain
        p.temperature = 0.0f;
        configs.push_back(p);  // greedy
        p.temperature = 0.8f;
        p.topK = 40;
        configs.push_back(p);
        p.topK = 0;
        p.topP = 0.9f;
        configs.push_back(p);
        p.topP = 1.0f;
        p.minP = 0.05f;
        configs.push_back(p);
        p.minP = 0.0f;
        p.typicalP = 0.9f;
        configs.push_back(p);
        p.topK = 1000;
        p.topP = 0.95f;
        p.minP = 0.01f;
        p.repetitionPenalty = 1.1f;
        p.frequencyPenalty = 0.2f;
        p.presencePenalty = 0.3f;
        configs.push_back(p);

        const std::vector<float> logits = randomLogits(5000, 11, 1.0f);
        for (const auto& config : configs) {
            Sampler s(config, static_cast<std::int64_t>(logits.size()));
            s.reset(std::vector<std::int32_t>{1, 2, 3, 4});
            std::vector<float> row = logits;
            std::vector<float> probs(logits.size());
            SampledToken out;
            s.sample(row, out);  // out.top gets its capacity here
            const float* data = row.data();
            const TokenLogprob* top = out.top.data();
            g_allocations = 0;
            g_countAllocations = true;
            for (int i = 0; i < 300; ++i) {
                s.sample(row, out);
                s.accept(out.id);
            }
            s.processedProbabilities(row, probs);
            g_countAllocations = false;
            QCOMPARE(g_allocations.load(), 0L);
            QCOMPARE(row.data(), data);
            QCOMPARE(out.top.data(), top);
            QVERIFY(row == logits);  // the logits are read only
        }
        if (!LATHE_COUNT_ALLOCATIONS) {
            QSKIP("sanitizer build: allocations not counted, only buffers checked");
        }
    }

    void badLogitsAreErrors()
    {
        Sampler s(SamplingParams{}, 4);
        SampledToken out;
        std::vector<float> wrongSize = {1.0f, 2.0f};
        QVERIFY_THROWS_EXCEPTION(Error, s.sample(wrongSize, out));
        std::vector<float> nan = {1.0f, NAN, 0.0f, 0.0f};
        QVERIFY_THROWS_EXCEPTION(Error, s.sample(nan, out));
        std::vector<float> inf = {1.0f, kInf, 0.0f, 0.0f};
        QVERIFY_THROWS_EXCEPTION(Error, s.sample(inf, out));
        std::vector<float> allMasked = {-kInf, -kInf, -kInf, -kInf};
        QVERIFY_THROWS_EXCEPTION(Error, s.sample(allMasked, out));
        std::vector<float> probs(4);
        QVERIFY_THROWS_EXCEPTION(Error, s.processedProbabilities(nan, probs));
        // -inf ids are never drawn.
        std::vector<float> masked = {0.0f, -kInf, 0.0f, -kInf};
        for (int i = 0; i < 200; ++i) {
            s.sample(masked, out);
            QVERIFY(out.id == 0 || out.id == 2);
        }
    }

    void overflowingTemperatureIsGreedy()
    {
        SamplingParams p;
        p.temperature = 1e-38f;
        Sampler s(p, 4);
        std::vector<float> logits = {3.0f, 7.5f, 7.0f, -1.0f};
        SampledToken out;
        for (int i = 0; i < 20; ++i) {
            s.sample(logits, out);
            QCOMPARE(out.id, 1);
        }
    }

    // ---- stop strings

    void stopStringsEverySplit()
    {
        struct Scenario {
            std::string text;
            std::vector<std::string> stops;
            std::string output;
            std::string matched;
        };
        const std::vector<Scenario> scenarios = {
            {"Hello world. The end", {"The end"}, "Hello world. ", "The end"},
            {"no stop in here", {"STOP", "</s>"}, "no stop in here", ""},
            {"ends with a partial </", {"</s>"}, "ends with a partial </", ""},
            {"xabcd", {"abcd", "bc"}, "xa", "bc"},                // the first completed wins
            {"xabcd", {"bc", "abcd"}, "xa", "bc"},
            {"qabc", {"bc", "abc"}, "q", "abc"},                  // same end: the longest
            {"aaab", {"aab"}, "a", "aab"},                        // overlap inside the stop
            {"abababc", {"ababc"}, "ab", "ababc"},
            {"one\n\ntwo", {"\n\n", "\n"}, "one", "\n"},
            {"User: hi\nAssistant: yo", {"\nUser:", "\nAssistant:"}, "User: hi", "\nAssistant:"},
            {"naïve café — 終わりです。", {"終わり"}, "naïve café — ", "終わり"},
            {"naïve café — 終わりです。", {"é —", "終"}, "naïve caf", "é —"},
            {"日本語の日本", {"日本人"}, "日本語の日本", ""},        // a multibyte partial held, then flushed
            {"stop at start", {"stop"}, "", "stop"},
            {"aaaa", {"aaaaa"}, "aaaa", ""},
            {"text", {""}, "text", ""},                            // empty stops are ignored
        };
        for (const auto& sc : scenarios) {
            const StopResult o = stopOracle(sc.text, sc.stops);
            QCOMPARE(o.output, sc.output);  // the oracle itself, on the worked examples
            QCOMPARE(o.matched, sc.matched);
            QString why;
            const QString label = QString::fromStdString(sc.text);
            QVERIFY2(feedsLikeOracle(sc.text, sc.stops, {}, why), qPrintable(label + ": " + why));
            for (std::size_t cut = 0; cut <= sc.text.size(); ++cut) {
                QVERIFY2(feedsLikeOracle(sc.text, sc.stops, {cut}, why), qPrintable(label + QString(" cut %1: ").arg(cut) + why));
            }
            for (std::size_t a = 0; a <= sc.text.size(); ++a) {
                for (std::size_t b = a; b <= sc.text.size(); ++b) {
                    QVERIFY2(feedsLikeOracle(sc.text, sc.stops, {a, b}, why), qPrintable(label + QString(" cuts %1,%2: ").arg(a).arg(b) + why));
                }
            }
            std::vector<std::size_t> everyByte(sc.text.size());
            std::iota(everyByte.begin(), everyByte.end(), 0);
            QVERIFY2(feedsLikeOracle(sc.text, sc.stops, everyByte, why), qPrintable(label + " byte by byte: " + why));
        }
    }

    // Random texts over a small alphabet, so stops overlap and recur often.
    void stopStringsRandomized()
    {
        std::mt19937 gen(5);
        const std::string alphabet = "ab\xC3\xA9";  // 'a', 'b' and the two bytes of "é"
        std::uniform_int_distribution<int> letter(0, 2);
        const auto randomText = [&](int n) {
            std::string s;
            for (int i = 0; i < n; ++i) {
                const int c = letter(gen);
                s += c == 2 ? std::string("\xC3\xA9") : std::string(1, alphabet[static_cast<std::size_t>(c)]);
            }
            return s;
        };
        for (int round = 0; round < 400; ++round) {
            std::vector<std::string> stops;
            for (int i = 0, n = 1 + round % 3; i < n; ++i) {
                stops.push_back(randomText(1 + static_cast<int>(gen() % 4)));
            }
            const std::string text = randomText(12);
            std::vector<std::size_t> cuts;
            for (std::size_t i = 0; i < text.size(); ++i) {
                if (gen() % 3 == 0) {
                    cuts.push_back(i);
                }
            }
            QString why;
            QVERIFY2(feedsLikeOracle(text, stops, cuts, why), qPrintable(QString::fromStdString(text) + ": " + why));
        }
    }

    void stopStringsFlushAndAfterStop()
    {
        StopStringMatcher none({});
        QCOMPARE(none.feed("anything"), std::string("anything"));  // no stops: nothing is held
        QCOMPARE(none.flush(), std::string());

        StopStringMatcher m({"END"});
        QCOMPARE(m.feed("the E"), std::string("the "));
        QCOMPARE(m.feed("N"), std::string());
        QCOMPARE(m.flush(), std::string("EN"));
        QVERIFY(!m.stopped());

        StopStringMatcher s({"END"});
        QCOMPARE(s.feed("a b EN"), std::string("a b "));
        QCOMPARE(s.feed("D and more"), std::string());
        QVERIFY(s.stopped());
        QCOMPARE(s.matched(), std::string("END"));
        QCOMPARE(s.feed("later"), std::string());
        QCOMPARE(s.flush(), std::string());
    }
};

QTEST_APPLESS_MAIN(TestSampler)
#include "test_sampler.moc"
