// Model configs and rotary tables against transformers 5.23. The golden values come from the
// reference stack (tests/data/model_configs/make_config_expectations.py and
// make_rope_expectations.py, see SOURCE.md there): for every config.json in that folder, what
// transformers builds from it (sizes, biases, tying, which layers' masks slide and how far, the
// rotary tables per layer kind); for every rope case, the inv_freq table and attention scaling
// of the family's own rotary module after a forward pass of a given length. The rest pins the
// quirks by hand and checks that bad configs are refused naming the key.
#include "core/error.h"
#include "model/model_config.h"
#include "model/rope.h"
#include "test_files.h"

#include <QtTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

using namespace lathe;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// tests/data/model_configs, from the source tree the test was built from.
fs::path dataDir()
{
    return fs::path(LATHE_TEST_DATA_DIR) / "model_configs";
}

json readJson(const fs::path& path)
{
    std::ifstream in(path);
    return json::parse(in);
}

// Distance in representable floats (same sign assumed; inv_freq is positive).
std::int64_t ulps(float a, float b)
{
    return std::abs(static_cast<std::int64_t>(std::bit_cast<std::int32_t>(a))
                    - static_cast<std::int64_t>(std::bit_cast<std::int32_t>(b)));
}

std::optional<RopeType> ropeTypeNamed(const std::string& name)
{
    static const std::map<std::string, RopeType> names = {
        {"default", RopeType::Default}, {"linear", RopeType::Linear},     {"dynamic", RopeType::Dynamic},
        {"yarn", RopeType::Yarn},       {"longrope", RopeType::LongRope}, {"llama3", RopeType::Llama3},
    };
    const auto it = names.find(name);
    return it == names.end() ? std::nullopt : std::optional(it->second);
}

// Counts entries compared and exact matches; fails beyond two ulps. The one inexact step is
// pow: torch evaluates `base ** exponents` with Sleef's vector powf, which is within an ulp of
// the exact power but not always correctly rounded, and no C library pow reproduces its misses;
// the reciprocal that follows can turn one ulp in the power into two in inv_freq. Everything
// else is float32 in torch's order, so almost all entries must match to the bit.
struct TableCheck {
    int compared = 0;
    int exact = 0;
    int twoUlps = 0;
};

bool compareTable(const RopeFrequencies& got, const json& at, const std::string& what, TableCheck& tally)
{
    const json& expected = at["inv_freq"];
    if (got.invFreq.size() != expected.size()) {
        qWarning("%s: %zu frequencies, transformers has %zu", what.c_str(), got.invFreq.size(), expected.size());
        return false;
    }
    if (got.rotaryDim != static_cast<std::int64_t>(2 * expected.size())) {
        qWarning("%s: rotaryDim %lld", what.c_str(), static_cast<long long>(got.rotaryDim));
        return false;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const float want = static_cast<float>(expected[i].get<double>());
        ++tally.compared;
        tally.exact += got.invFreq[i] == want ? 1 : 0;
        tally.twoUlps += ulps(got.invFreq[i], want) == 2 ? 1 : 0;
        if (ulps(got.invFreq[i], want) > 2) {
            qWarning("%s: inv_freq[%zu] = %.9g, transformers %.9g", what.c_str(), i, got.invFreq[i], want);
            return false;
        }
    }
    const float wantScaling = static_cast<float>(at["attention_scaling"].get<double>());
    if (got.attentionScaling != wantScaling) {
        qWarning("%s: attention scaling %.9g, transformers %.9g", what.c_str(), got.attentionScaling, wantScaling);
        return false;
    }
    return true;
}

bool sameRope(const RopeConfig& a, const RopeConfig& b)
{
    return a.type == b.type && a.theta == b.theta && a.partialRotaryFactor == b.partialRotaryFactor
           && a.factor == b.factor && a.originalMaxPositionEmbeddings == b.originalMaxPositionEmbeddings
           && a.lowFreqFactor == b.lowFreqFactor && a.highFreqFactor == b.highFreqFactor
           && a.attentionFactor == b.attentionFactor && a.betaFast == b.betaFast && a.betaSlow == b.betaSlow
           && a.mscale == b.mscale && a.mscaleAllDim == b.mscaleAllDim && a.truncate == b.truncate
           && a.shortFactor == b.shortFactor && a.longFactor == b.longFactor;
}

// Every field but `raw`.
bool sameConfig(const ModelConfig& a, const ModelConfig& b)
{
    return a.architecture == b.architecture && a.modelType == b.modelType && a.vocabSize == b.vocabSize
           && a.hiddenSize == b.hiddenSize && a.intermediateSize == b.intermediateSize && a.numLayers == b.numLayers
           && a.numHeads == b.numHeads && a.numKvHeads == b.numKvHeads && a.headDim == b.headDim
           && a.maxPositionEmbeddings == b.maxPositionEmbeddings && a.rmsNormEps == b.rmsNormEps
           && a.activation == b.activation && a.tieWordEmbeddings == b.tieWordEmbeddings
           && a.attentionBias == b.attentionBias && a.attentionOutputBias == b.attentionOutputBias
           && a.mlpBias == b.mlpBias && a.slidingWindow == b.slidingWindow && a.layerTypes == b.layerTypes
           && sameRope(a.rope, b.rope) && sameRope(a.localRope, b.localRope)
           && a.attnLogitSoftcapping == b.attnLogitSoftcapping && a.finalLogitSoftcapping == b.finalLogitSoftcapping
           && a.queryPreAttnScalar == b.queryPreAttnScalar && a.dtype == b.dtype && a.eosTokenIds == b.eosTokenIds
           && a.bosTokenId == b.bosTokenId && a.padTokenId == b.padTokenId;
}

template <typename T>
std::optional<T> optionalOf(const json& v)
{
    return v.is_null() ? std::nullopt : std::optional<T>(v.get<T>());
}

// The error parseModelConfig throws for `document`, if any.
std::optional<Error> parseError(const json& document)
{
    try {
        parseModelConfig(document, "config.json");
    } catch (const Error& e) {
        return e;
    }
    return std::nullopt;
}

json llamaDocument()
{
    return json{{"architectures", {"LlamaForCausalLM"}}, {"model_type", "llama"}, {"hidden_size", 4096},
                {"num_attention_heads", 32}, {"num_key_value_heads", 8}, {"num_hidden_layers", 32}};
}

}  // namespace

#define VERIFY_ERROR(document, expectedKind, expectedField, reasonPart)                                            \
    do {                                                                                                          \
        const std::optional<Error> error_ = parseError(document);                                                 \
        QVERIFY2(error_.has_value(), "no error thrown");                                                          \
        QCOMPARE(error_->kind(), expectedKind);                                                                   \
        QCOMPARE(QString::fromStdString(error_->field()), QStringLiteral(expectedField));                          \
        QVERIFY2(error_->reason().find(reasonPart) != std::string::npos, error_->what());                         \
    } while (false)

class TestModelConfig : public QObject {
    Q_OBJECT

private:
    fs::path m_data;

    ModelConfig load(const std::string& name) { return loadModelConfig(m_data / name); }

private slots:
    void initTestCase()
    {
        m_data = dataDir();
        QVERIFY2(!m_data.empty(), "tests/data/model_configs not found");
    }

    // Every config folder, in both key styles, against what transformers built from it.
    void familiesMatchTransformers()
    {
        const json expectations = readJson(m_data / "config_expectations.json");
        QCOMPARE(QString::fromStdString(expectations["transformers"].get<std::string>()), QStringLiteral("5.23.0"));
        int folders = 0;
        TableCheck tally;
        for (const auto& [name, want] : expectations["configs"].items()) {
            const ModelConfig c = load(name);
            const ModelConfig v5 = load(name + "-v5");
            QVERIFY2(sameConfig(c, v5), (name + ": old keys and transformers' own save disagree").c_str());
            const QByteArray what = QByteArray::fromStdString(name);
            QVERIFY2(c.architecture == want["architecture"].get<std::string>(), what);
            QVERIFY2(c.modelType == want["model_type"].get<std::string>(), what);
            QVERIFY2(c.vocabSize == want["vocab_size"].get<std::int64_t>(), what);
            QVERIFY2(c.hiddenSize == want["hidden_size"].get<std::int64_t>(), what);
            QVERIFY2(c.intermediateSize == want["intermediate_size"].get<std::int64_t>(), what);
            QVERIFY2(c.numLayers == want["num_hidden_layers"].get<std::int64_t>(), what);
            QVERIFY2(c.numHeads == want["num_attention_heads"].get<std::int64_t>(), what);
            QVERIFY2(c.numKvHeads == want["num_key_value_heads"].get<std::int64_t>(), what);
            QVERIFY2(c.headDim == want["head_dim"].get<std::int64_t>(), what);
            QVERIFY2(c.maxPositionEmbeddings == want["max_position_embeddings"].get<std::int64_t>(), what);
            QVERIFY2(c.rmsNormEps == want["rms_norm_eps"].get<double>(), what);
            const std::string activation = want["activation"].get<std::string>();
            QVERIFY2(c.activation == (activation == "silu" ? HiddenActivation::Silu : HiddenActivation::GeluTanh), what);
            QVERIFY2(c.tieWordEmbeddings == want["tie_word_embeddings"].get<bool>(), what);
            QVERIFY2(c.attentionBias == want["attention_bias"].get<bool>(), what);
            QVERIFY2(c.attentionOutputBias == want["attention_output_bias"].get<bool>(), what);
            QVERIFY2(c.mlpBias == want["mlp_bias"].get<bool>(), what);
            QVERIFY2(c.slidingWindow == optionalOf<std::int64_t>(want["sliding_window"]), what);
            QVERIFY2(c.attnLogitSoftcapping == optionalOf<double>(want["attn_logit_softcapping"]), what);
            QVERIFY2(c.finalLogitSoftcapping == optionalOf<double>(want["final_logit_softcapping"]), what);
            QVERIFY2(c.queryPreAttnScalar == optionalOf<double>(want["query_pre_attn_scalar"]), what);
            const double scale = want["attention_scaling_of_scores"].get<double>();
            QVERIFY2(std::pow(c.queryPreAttnScalar.value_or(static_cast<double>(c.headDim)), -0.5) == scale, what);
            const std::optional<std::string> dtype = optionalOf<std::string>(want["dtype"]);
            const std::map<std::string, DType> dtypes = {
                {"bfloat16", DType::BF16}, {"float16", DType::F16}, {"float32", DType::F32}};
            QVERIFY2(c.dtype == (dtype ? std::optional(dtypes.at(*dtype)) : std::nullopt), what);
            QVERIFY2(c.eosTokenIds == want["eos_token_ids"].get<std::vector<std::int32_t>>(), what);
            QVERIFY2(c.bosTokenId == optionalOf<std::int32_t>(want["bos_token_id"]), what);
            QVERIFY2(c.padTokenId == optionalOf<std::int32_t>(want["pad_token_id"]), what);

            // Which layers slide, and how many keys the last query sees there.
            const json& layers = want["layers"];
            QVERIFY2(c.layerTypes.size() == layers.size(), what);
            for (std::size_t i = 0; i < layers.size(); ++i) {
                const bool sliding = layers[i]["sliding"].get<bool>();
                QVERIFY2((c.layerTypes[i] == LayerAttention::Sliding) == sliding,
                         (name + " layer " + std::to_string(i)).c_str());
                if (sliding) {
                    QVERIFY2(c.slidingWindow == layers[i]["window"].get<std::int64_t>(), what);
                }
            }

            // Rotary parameters and tables per layer kind.
            for (const auto& [kind, rope] : want["rope"].items()) {
                const RopeConfig& r = kind == "sliding_attention" ? c.localRope : c.rope;
                const json& p = rope["parameters"];
                QVERIFY2(r.type == ropeTypeNamed(p["rope_type"].get<std::string>()), what);
                QVERIFY2(r.theta == p["rope_theta"].get<double>(), what);
                if (p.contains("factor") && !p["factor"].is_null()) {
                    QVERIFY2(r.factor == p["factor"].get<double>(), what);
                }
                if (p.contains("original_max_position_embeddings")) {
                    QVERIFY2(r.originalMaxPositionEmbeddings
                                 == p["original_max_position_embeddings"].get<std::int64_t>(),
                             what);
                }
                if (c.modelType == "phi3") {
                    QCOMPARE(r.partialRotaryFactor, p.value("partial_rotary_factor", 1.0));
                }
                for (const json& at : rope["at"]) {
                    const std::int64_t seqLen = at["seq_len"].get<std::int64_t>();
                    const RopeFrequencies f = computeRopeFrequencies(r, c.headDim, c.maxPositionEmbeddings, seqLen);
                    QVERIFY(compareTable(f, at, name + " " + kind + " seq_len " + std::to_string(seqLen), tally));
                }
            }
            ++folders;
        }
        QVERIFY(folders >= 20);
        qInfo("%d configs; %d of %d inv_freq entries bit-exact, %d two ulps apart", folders, tally.exact,
              tally.compared, tally.twoUlps);
        QVERIFY(tally.exact * 100 >= tally.compared * 99);
    }

    // Each rope type's table and attention scaling, as the family's rotary module has them.
    void ropeTablesMatchTransformers()
    {
        const json expectations = readJson(m_data / "rope_expectations.json");
        TableCheck tally;
        std::set<RopeType> types;
        for (const json& c : expectations["cases"]) {
            const std::string name = c["name"].get<std::string>();
            const ModelConfig config = parseModelConfig(c["config"], name);
            const bool sliding = c["layer_type"].is_string() && c["layer_type"].get<std::string>() == "sliding_attention";
            const RopeConfig& rope = sliding ? config.localRope : config.rope;
            types.insert(rope.type);
            for (const json& at : c["at"]) {
                const std::int64_t seqLen = at["seq_len"].get<std::int64_t>();
                const RopeFrequencies f = computeRopeFrequencies(rope, config.headDim, config.maxPositionEmbeddings, seqLen);
                QVERIFY(compareTable(f, at, name + " seq_len " + std::to_string(seqLen), tally));
            }
        }
        QCOMPARE(types.size(), std::size_t(6));
        qInfo("%d of %d inv_freq entries bit-exact, %d two ulps apart", tally.exact, tally.compared, tally.twoUlps);
        QVERIFY(tally.exact * 100 >= tally.compared * 99);
    }

    void ropeLengthDependence()
    {
        RopeConfig rope;
        QVERIFY(!ropeDependsOnLength(rope));
        rope.type = RopeType::Dynamic;
        QVERIFY(ropeDependsOnLength(rope));
        rope.type = RopeType::LongRope;
        QVERIFY(ropeDependsOnLength(rope));
        rope.type = RopeType::Yarn;
        QVERIFY(!ropeDependsOnLength(rope));

        // Dynamic: the construction table up to max_position_embeddings, a larger base beyond.
        rope.type = RopeType::Dynamic;
        rope.factor = 2.0;
        const RopeFrequencies at0 = computeRopeFrequencies(rope, 128, 2048, 0);
        const RopeFrequencies atMax = computeRopeFrequencies(rope, 128, 2048, 2048);
        const RopeFrequencies beyond = computeRopeFrequencies(rope, 128, 2048, 4096);
        QCOMPARE(at0.invFreq, atMax.invFreq);
        QCOMPARE(at0.invFreq[0], 1.0f);
        QVERIFY(beyond.invFreq[63] < atMax.invFreq[63]);
    }

    void llamaQuirks()
    {
        const ModelConfig c = load("llama-3.1-8b-instruct");
        QCOMPARE(c.headDim, std::int64_t(128));
        QCOMPARE(c.numKvHeads, std::int64_t(8));
        QCOMPARE(c.rope.type, RopeType::Llama3);
        QCOMPARE(c.rope.theta, 500000.0);
        QCOMPARE(c.rope.factor, 8.0);
        QCOMPARE(c.rope.originalMaxPositionEmbeddings, std::optional<std::int64_t>(8192));
        QCOMPARE(c.eosTokenIds, (std::vector<std::int32_t>{128001, 128008, 128009}));
        QCOMPARE(c.dtype, std::optional(DType::BF16));
        QVERIFY(!c.tieWordEmbeddings);
        QVERIFY(!c.slidingWindow);

        const ModelConfig smol = load("smollm2-135m");  // integer rope_theta, tied, 9 heads of 64
        QCOMPARE(smol.rope.theta, 100000.0);
        QCOMPARE(smol.headDim, std::int64_t(64));
        QVERIFY(smol.tieWordEmbeddings);

        // LlamaConfig's defaults for everything absent.
        const ModelConfig d = load("llama-defaults");
        QCOMPARE(d.vocabSize, std::int64_t(32000));
        QCOMPARE(d.intermediateSize, std::int64_t(11008));
        QCOMPARE(d.maxPositionEmbeddings, std::int64_t(2048));
        QCOMPARE(d.numKvHeads, d.numHeads);
        QCOMPARE(d.bosTokenId, std::optional<std::int32_t>(1));
        QCOMPARE(d.eosTokenIds, std::vector<std::int32_t>{2});
        QCOMPARE(d.rope.theta, 10000.0);
        QVERIFY(!d.dtype);

        // Llama never slides, whatever sliding_window says.
        json doc = llamaDocument();
        doc["sliding_window"] = 4096;
        const ModelConfig s = parseModelConfig(doc, "config.json");
        QVERIFY(!s.slidingWindow);
        QVERIFY(std::ranges::all_of(s.layerTypes, [](LayerAttention a) { return a == LayerAttention::Full; }));

        doc = llamaDocument();
        doc["attention_bias"] = true;
        doc["mlp_bias"] = true;
        const ModelConfig b = parseModelConfig(doc, "config.json");
        QVERIFY(b.attentionBias && b.attentionOutputBias && b.mlpBias);
    }

    void mistralQuirks()
    {
        // v0.1: a 4096 window on every layer; v0.3: null, no window anywhere.
        const ModelConfig v1 = load("mistral-7b-v0.1");
        QCOMPARE(v1.slidingWindow, std::optional<std::int64_t>(4096));
        QVERIFY(std::ranges::all_of(v1.layerTypes, [](LayerAttention a) { return a == LayerAttention::Sliding; }));
        const ModelConfig v3 = load("mistral-7b-instruct-v0.3");
        QVERIFY(!v3.slidingWindow);
        QVERIFY(std::ranges::all_of(v3.layerTypes, [](LayerAttention a) { return a == LayerAttention::Full; }));
        QCOMPARE(v3.rope.theta, 1e6);
        // An absent sliding_window is MistralConfig's default 4096, not "none".
        const ModelConfig d = load("mistral-defaults");
        QCOMPARE(d.slidingWindow, std::optional<std::int64_t>(4096));
        QCOMPARE(d.layerTypes.front(), LayerAttention::Sliding);
        QCOMPARE(d.numKvHeads, std::int64_t(8));
        QCOMPARE(d.maxPositionEmbeddings, std::int64_t(131072));
        // Explicit head_dim different from hidden / heads.
        const ModelConfig nemo = load("mistral-nemo-instruct-2407");
        QCOMPARE(nemo.headDim, std::int64_t(128));
        QCOMPARE(nemo.hiddenSize / nemo.numHeads, std::int64_t(160));
        QVERIFY(!nemo.attentionBias && !nemo.attentionOutputBias);
    }

    void qwenQuirks()
    {
        // Qwen2: q/k/v biases by construction, none on o_proj; the window is off unless use_sliding_window.
        const ModelConfig q = load("qwen2.5-0.5b-instruct");
        QVERIFY(q.attentionBias);
        QVERIFY(!q.attentionOutputBias);
        QVERIFY(q.tieWordEmbeddings);
        QVERIFY(!q.slidingWindow);
        QCOMPARE(q.headDim, std::int64_t(64));
        QVERIFY(std::ranges::all_of(q.layerTypes, [](LayerAttention a) { return a == LayerAttention::Full; }));
        // use_sliding_window: layers from max_window_layers on slide.
        const ModelConfig s = load("qwen2-sliding");
        QCOMPARE(s.slidingWindow, std::optional<std::int64_t>(40));
        QCOMPARE(s.layerTypes, (std::vector<LayerAttention>{LayerAttention::Full, LayerAttention::Full, LayerAttention::Full,
                                                            LayerAttention::Full, LayerAttention::Sliding,
                                                            LayerAttention::Sliding}));
        QCOMPARE(s.dtype, std::optional(DType::F16));
        // YaRN through the legacy `type` key.
        const ModelConfig y = load("qwen2.5-7b-instruct-yarn");
        QCOMPARE(y.rope.type, RopeType::Yarn);
        QCOMPARE(y.rope.factor, 4.0);
        QCOMPARE(y.rope.originalMaxPositionEmbeddings, std::optional<std::int64_t>(32768));
        // Qwen3: explicit head_dim 128 (16 x 128 != 1024), no biases.
        const ModelConfig q3 = load("qwen3-0.6b");
        QCOMPARE(q3.headDim, std::int64_t(128));
        QVERIFY(!q3.attentionBias);
        QCOMPARE(load("qwen3-defaults").headDim, std::int64_t(128));
    }

    void gemmaQuirks()
    {
        const ModelConfig g2 = load("gemma-2-9b-it");
        QCOMPARE(g2.activation, HiddenActivation::GeluTanh);
        QCOMPARE(g2.attnLogitSoftcapping, std::optional(50.0));
        QCOMPARE(g2.finalLogitSoftcapping, std::optional(30.0));
        QCOMPARE(g2.queryPreAttnScalar, std::optional(256.0));
        QCOMPARE(g2.layerTypes[0], LayerAttention::Sliding);  // even layers slide
        QCOMPARE(g2.layerTypes[1], LayerAttention::Full);
        QCOMPARE(g2.dtype, std::optional(DType::F32));
        QVERIFY(g2.tieWordEmbeddings);

        const ModelConfig g3 = load("gemma-3-1b-it");
        QCOMPARE(g3.slidingWindow, std::optional<std::int64_t>(512));
        for (std::size_t i = 0; i < g3.layerTypes.size(); ++i) {  // five local, one global
            QCOMPARE(g3.layerTypes[i], (i + 1) % 6 == 0 ? LayerAttention::Full : LayerAttention::Sliding);
        }
        QCOMPARE(g3.rope.theta, 1e6);
        QCOMPARE(g3.localRope.theta, 10000.0);
        QVERIFY(!g3.attnLogitSoftcapping && !g3.finalLogitSoftcapping);
        QCOMPARE(g3.eosTokenIds, (std::vector<std::int32_t>{1, 106}));

        // The multimodal wrapper: the language model from text_config, the rest from the outside.
        const ModelConfig mm = load("gemma-3-4b-it");
        QCOMPARE(mm.architecture, std::string("Gemma3ForConditionalGeneration"));
        QCOMPARE(mm.modelType, std::string("gemma3_text"));
        QCOMPARE(mm.hiddenSize, std::int64_t(2560));
        QCOMPARE(mm.vocabSize, std::int64_t(262208));  // Gemma3TextConfig's default
        QCOMPARE(mm.numLayers, std::int64_t(34));
        QCOMPARE(mm.rope.type, RopeType::Linear);
        QCOMPARE(mm.rope.factor, 8.0);
        QCOMPARE(mm.localRope.type, RopeType::Default);
        QCOMPARE(mm.dtype, std::optional(DType::BF16));
        QCOMPARE(mm.eosTokenIds, (std::vector<std::int32_t>{1, 106}));
        QCOMPARE(mm.raw["hidden_size"].get<int>(), 2560);

        const ModelConfig p4 = load("gemma3-pattern-4");
        QCOMPARE(p4.layerTypes[3], LayerAttention::Full);
        QCOMPARE(p4.layerTypes[4], LayerAttention::Sliding);
        QCOMPARE(p4.rope.type, RopeType::Dynamic);
        QCOMPARE(p4.localRope.type, RopeType::Default);
        QCOMPARE(p4.localRope.theta, 20000.0);
    }

    void phi3Quirks()
    {
        const ModelConfig mini = load("phi-3-mini-4k-instruct");
        QCOMPARE(mini.slidingWindow, std::optional<std::int64_t>(2047));
        QVERIFY(std::ranges::all_of(mini.layerTypes, [](LayerAttention a) { return a == LayerAttention::Sliding; }));
        QCOMPARE(mini.rmsNormEps, 1e-5);

        // LongRoPE without a factor: max / original gives the attention scaling.
        const ModelConfig long128k = load("phi-3-mini-128k-instruct");
        QCOMPARE(long128k.rope.type, RopeType::LongRope);
        QCOMPARE(long128k.rope.factor, 32.0);
        QCOMPARE(long128k.rope.originalMaxPositionEmbeddings, std::optional<std::int64_t>(4096));
        const RopeFrequencies f = computeRopeFrequencies(long128k.rope, long128k.headDim, long128k.maxPositionEmbeddings, 1);
        QCOMPARE(f.attentionScaling, static_cast<float>(std::sqrt(1.0 + std::log(32.0) / std::log(4096.0))));

        const ModelConfig p4 = load("phi-4-mini-instruct");
        QCOMPARE(p4.rope.partialRotaryFactor, 0.75);
        QCOMPARE(computeRopeFrequencies(p4.rope, p4.headDim, p4.maxPositionEmbeddings, 1).rotaryDim, std::int64_t(96));
        QVERIFY(p4.tieWordEmbeddings);

        // Phi3Config: the top-level original_max_position_embeddings (default 4096) wins over the rope entry's.
        json doc = readJson(m_data / "phi-3-mini-128k-instruct" / "config.json");
        doc.erase("original_max_position_embeddings");
        doc["rope_scaling"]["original_max_position_embeddings"] = 8192;
        QCOMPARE(parseModelConfig(doc, "config.json").rope.originalMaxPositionEmbeddings, std::optional<std::int64_t>(4096));

        // "su", LongRoPE's first name, reads as longrope. (transformers 5.23 itself refuses "su" for
        // Phi-3 with a KeyError; the tables are LongRoPE's.)
        json su = readJson(m_data / "phi-3-mini-128k-instruct" / "config.json");
        su["rope_scaling"]["type"] = "su";
        QVERIFY(sameRope(parseModelConfig(su, "config.json").rope, long128k.rope));
        // Phi3Config turns a legacy "yarn" into longrope too.
        su["rope_scaling"]["type"] = "yarn";
        QCOMPARE(parseModelConfig(su, "config.json").rope.type, RopeType::LongRope);
    }

    void oldAndNewKeysAgree()
    {
        json old = llamaDocument();
        old["rope_theta"] = 500000.0;
        old["rope_scaling"] = {{"type", "linear"}, {"factor", 4.0}};
        old["torch_dtype"] = "bfloat16";
        json fresh = llamaDocument();
        fresh["rope_parameters"] = {{"rope_type", "linear"}, {"factor", 4.0}, {"rope_theta", 500000.0}};
        fresh["dtype"] = "bfloat16";
        QVERIFY(sameConfig(parseModelConfig(old, "a"), parseModelConfig(fresh, "b")));
        // dtype wins over torch_dtype; the rope entry's theta over the top-level one.
        fresh["torch_dtype"] = "float32";
        fresh["rope_theta"] = 10000.0;
        QVERIFY(sameConfig(parseModelConfig(old, "a"), parseModelConfig(fresh, "b")));
        // rope_scaling replaces rope_parameters when both are there.
        fresh["rope_scaling"] = {{"type", "dynamic"}, {"factor", 2.0}};
        QCOMPARE(parseModelConfig(fresh, "b").rope.type, RopeType::Dynamic);
        // Gemma 3 in both styles (also covered per folder by familiesMatchTransformers).
        QVERIFY(sameConfig(load("gemma-3-1b-it"), load("gemma-3-1b-it-v5")));
        QVERIFY(sameConfig(load("gemma-3-4b-it"), load("gemma-3-4b-it-v5")));
    }

    void errorsNameTheKey()
    {
        json doc = llamaDocument();
        doc["architectures"] = {"GPT2LMHeadModel"};
        doc.erase("model_type");
        {
            const std::optional<Error> e = parseError(doc);
            QVERIFY(e);
            QCOMPARE(e->kind(), ErrorKind::Unsupported);
            QCOMPARE(e->field(), std::string("architectures"));
            QVERIFY(e->reason().find("GPT2LMHeadModel") != std::string::npos);
            for (const std::string& arch : supportedArchitectures()) {
                QVERIFY(e->reason().find(arch) != std::string::npos);
            }
        }
        doc = llamaDocument();
        doc["model_type"] = "gpt2";
        doc.erase("architectures");
        VERIFY_ERROR(doc, ErrorKind::Unsupported, "model_type", "gpt2");
        VERIFY_ERROR(json::object(), ErrorKind::InvalidInput, "model_type", "missing");
        VERIFY_ERROR(json::array(), ErrorKind::InvalidInput, "", "object");

        doc = llamaDocument();
        doc["model_type"] = "mistral";
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "model_type", "LlamaForCausalLM");

        doc = llamaDocument();
        doc["hidden_size"] = -5;
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "hidden_size", "-5");
        doc = llamaDocument();
        doc["num_hidden_layers"] = "32";
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "num_hidden_layers", "\"32\"");
        doc = llamaDocument();
        doc["num_attention_heads"] = 7;
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "num_attention_heads", "4096");
        doc = llamaDocument();
        doc["num_key_value_heads"] = 5;
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "num_key_value_heads", "5 key/value heads");
        doc = llamaDocument();
        doc["vocab_size"] = 0;
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "vocab_size", "0");
        doc = llamaDocument();
        doc["hidden_act"] = "relu";
        VERIFY_ERROR(doc, ErrorKind::Unsupported, "hidden_act", "relu");
        doc = llamaDocument();
        doc["torch_dtype"] = "int4";
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "torch_dtype", "int4");
        doc = llamaDocument();
        doc["eos_token_id"] = {1, "two"};
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "eos_token_id", "two");

        doc = llamaDocument();
        doc["layer_types"] = json::array({"full_attention", "full_attention", "full_attention"});
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "layer_types", "3 entries for num_hidden_layers 32");
        doc = json{{"architectures", {"Gemma2ForCausalLM"}}, {"num_hidden_layers", 2},
                   {"layer_types", {"sliding_attention", "global"}}};
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "layer_types", "global");
        doc = json{{"architectures", {"Qwen2ForCausalLM"}}, {"num_hidden_layers", 2},
                   {"layer_types", {"sliding_attention", "full_attention"}}};
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "layer_types", "use_sliding_window");
        doc = json{{"architectures", {"Gemma2ForCausalLM"}}, {"sliding_window", 0}};
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "sliding_window", "0");
        doc = json{{"architectures", {"Gemma2ForCausalLM"}}, {"sliding_window", nullptr}};
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "sliding_window", "no sliding_window");

        doc = llamaDocument();
        doc["rope_scaling"] = {{"type", "ntk-by-parts"}, {"factor", 2.0}};
        VERIFY_ERROR(doc, ErrorKind::Unsupported, "rope_scaling.type", "ntk-by-parts");
        doc = llamaDocument();
        doc["rope_parameters"] = {{"rope_type", "linear"}};
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "rope_parameters.factor", "missing");
        doc = llamaDocument();
        doc["rope_scaling"] = {{"rope_type", "llama3"}, {"factor", 8.0}, {"high_freq_factor", 4.0}};
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "rope_scaling.low_freq_factor", "missing");
        doc = llamaDocument();
        doc["rope_scaling"] = {{"rope_type", "linear"}, {"factor", -2.0}};
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "rope_scaling.factor", "-2");
        doc = llamaDocument();
        doc["rope_scaling"] = {{"rope_type", "linear"}, {"factor", 2.0}};
        doc["partial_rotary_factor"] = 0.5;
        VERIFY_ERROR(doc, ErrorKind::Unsupported, "rope_scaling.partial_rotary_factor", "Phi3");
        doc = llamaDocument();
        doc["rope_parameters"] = {{"full_attention", {{"rope_type", "default"}}}};
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "rope_parameters", "full_attention");

        doc = readJson(m_data / "phi-3-mini-128k-instruct" / "config.json");
        doc["rope_scaling"]["short_factor"].erase(0);
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "rope_scaling.short_factor", "47 entries");
        doc = readJson(m_data / "phi-3-mini-128k-instruct" / "config.json");
        doc["rope_scaling"].erase("long_factor");
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "rope_scaling.long_factor", "missing");
        doc = readJson(m_data / "phi-3-mini-4k-instruct" / "config.json");
        doc["rope_scaling"] = {{"type", "linear"}, {"factor", 2.0}};
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "rope_scaling.type", "linear");

        // Nested configs name the key under text_config.
        doc = readJson(m_data / "gemma-3-4b-it" / "config.json");
        doc["text_config"]["num_key_value_heads"] = 3;
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "text_config.num_key_value_heads", "3");
        doc["text_config"]["num_key_value_heads"] = 4;
        doc["text_config"]["rope_scaling"] = {{"rope_type", "yarn"}};
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "text_config.rope_scaling.factor", "missing");
        doc.erase("text_config");
        VERIFY_ERROR(doc, ErrorKind::InvalidInput, "text_config", "missing");
        doc = json{{"architectures", {"Gemma3ForCausalLM"}}, {"use_bidirectional_attention", true}};
        VERIFY_ERROR(doc, ErrorKind::Unsupported, "use_bidirectional_attention", "bidirectional");

        // Files.
        test::TempDir dir;
        QVERIFY_THROWS_EXCEPTION(Error, loadModelConfig(dir.path()));
        test::writeBytes(dir / "config.json", "{\"model_type\": ");
        try {
            loadModelConfig(dir.path());
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::InvalidInput);
            QVERIFY(e.file().find("config.json") != std::string::npos);
        }
    }

    void ropeComputationErrors()
    {
        RopeConfig rope;
        rope.type = RopeType::LongRope;
        rope.shortFactor.assign(10, 1.0);
        rope.longFactor.assign(64, 1.0);
        try {
            computeRopeFrequencies(rope, 128, 4096, 1);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.field(), std::string("short_factor"));
        }
        QCOMPARE(computeRopeFrequencies(rope, 20, 4096, 1).invFreq.size(), std::size_t(10));
        rope = RopeConfig{};
        rope.partialRotaryFactor = 0.5;
        try {
            computeRopeFrequencies(rope, 10, 4096, 1);  // 5 rotary dims
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.field(), std::string("partial_rotary_factor"));
        }
        rope = RopeConfig{};
        rope.factor = 0.0;
        QVERIFY_THROWS_EXCEPTION(Error, computeRopeFrequencies(rope, 128, 4096, 1));
    }

    void generationDefaults()
    {
        const GenerationDefaults llama = loadGenerationDefaults(m_data / "llama-3.1-8b-instruct");
        QCOMPARE(llama.doSample, std::optional(true));
        QCOMPARE(llama.temperature, std::optional(0.6));
        QCOMPARE(llama.topP, std::optional(0.9));
        QVERIFY(!llama.topK);
        QCOMPARE(llama.eosTokenIds, (std::vector<std::int32_t>{128001, 128008, 128009}));
        QCOMPARE(llama.bosTokenId, std::optional<std::int32_t>(128000));

        const GenerationDefaults qwen = loadGenerationDefaults(m_data / "qwen2.5-0.5b-instruct");
        QCOMPARE(qwen.topK, std::optional<std::int64_t>(20));
        QCOMPARE(qwen.repetitionPenalty, std::optional(1.1));
        QCOMPARE(qwen.padTokenId, std::optional<std::int32_t>(151643));
        QCOMPARE(qwen.eosTokenIds, (std::vector<std::int32_t>{151645, 151643}));

        const GenerationDefaults none = loadGenerationDefaults(m_data / "mistral-7b-v0.1");
        QVERIFY(!none.doSample && !none.temperature && none.eosTokenIds.empty());

        const GenerationDefaults single = parseGenerationDefaults(
            json{{"eos_token_id", 2}, {"max_new_tokens", 256}, {"min_p", 0.05}, {"typical_p", nullptr}}, "g");
        QCOMPARE(single.eosTokenIds, std::vector<std::int32_t>{2});
        QCOMPARE(single.maxNewTokens, std::optional<std::int64_t>(256));
        QCOMPARE(single.minP, std::optional(0.05));
        QVERIFY(!single.typicalP);

        try {
            parseGenerationDefaults(json{{"temperature", "hot"}}, "generation_config.json");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.field(), std::string("temperature"));
            QCOMPARE(e.file(), std::string("generation_config.json"));
        }
    }
};

QTEST_APPLESS_MAIN(TestModelConfig)
#include "test_model_config.moc"
