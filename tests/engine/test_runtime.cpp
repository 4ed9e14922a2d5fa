// The model runtime end to end on tiny random models written here: batching never changes a
// token (4 sequences of different lengths decoded together equal each one decoded alone),
// chunked prefill equals one-pass prefill, disk-mapped layers equal resident ones, the stop
// conditions and cancellation, no heap allocation in a decode step, and load errors that name
// the tensor, the shapes or the supported architectures. transformers' numbers are checked by
// the conformance tier (tests/conformance/test_model_forward.py).
#include "core/error.h"
#include "io/safetensors_writer.h"
#include "model/decoder.h"
#include "model/device_map.h"
#include "runtime/generator.h"
#include "runtime/kv_cache.h"
#include "test_files.h"
#include "tiny_model.h"

#include <QtTest>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <random>

// Counts heap allocations on the current thread while armed (the no-allocation test).
namespace {
std::atomic<bool> g_countAllocations{false};
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size)
{
    if (g_countAllocations.load(std::memory_order_relaxed)) {
        g_allocations.fetch_add(1, std::memory_order_relaxed);
    }
    if (void* p = std::malloc(size == 0 ? 1 : size)) {
        return p;
    }
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace lathe;
using lathe::test::TinyModel;
using lathe::test::writeTinyModel;

namespace {


struct Completion {
    std::vector<std::int32_t> ids;
    FinishReason finish = FinishReason::None;
};

// Generates for each prompt, all submitted to one generator (decoded together).
std::vector<Completion> generateAll(const DecoderModel& model, const std::vector<std::vector<std::int32_t>>& prompts,
                                    const SamplingParams& sampling, std::int64_t maxNew, GeneratorOptions options = {})
{
    Generator generator(model, nullptr, options);
    std::vector<Completion> results(prompts.size());
    for (std::size_t i = 0; i < prompts.size(); ++i) {
        GenerationRequest request;
        request.prompt = prompts[i];
        request.sampling = sampling;
        request.sampling.seed = 1000 + i;
        request.maxNewTokens = maxNew;
        generator.submit(request, [&results, i](const GenerationEvent& event) {
            if (event.token != nullptr) {
                results[i].ids.push_back(event.token->id);
            }
            if (event.finish != FinishReason::None) {
                results[i].finish = event.finish;
            }
            return true;
        });
    }
    generator.run();
    return results;
}

std::vector<std::int32_t> randomPrompt(std::size_t length, unsigned seed, int vocab)
{
    std::mt19937 rng(seed);
    std::vector<std::int32_t> ids(length);
    for (auto& id : ids) {
        id = static_cast<std::int32_t>(3 + rng() % static_cast<unsigned>(vocab - 3));
    }
    return ids;
}

}  // namespace

class TestRuntime : public QObject {
    Q_OBJECT

private slots:
    void batchedDecodeEqualsSolo_data();
    void batchedDecodeEqualsSolo();
    void chunkedPrefillEqualsOnePass();
    void diskLayersEqualResident();
    void deviceMapResolvesLongestPrefix();
    void deviceMapRejectsBadValues();
    void stopsAtEosAndLength();
    void callbackCancels();
    void cancelAllFromAnotherThread();
    void decodeStepDoesNotAllocate();
    void sameSeedSameTokens();
    void moreRequestsThanSlotsWaitTheirTurn();
    void quantizeAtLoadStaysClose();
    void loadErrorsNameTheProblem();
    void promptLongerThanContextIsRefused();
};

void TestRuntime::batchedDecodeEqualsSolo_data()
{
    QTest::addColumn<bool>("bf16");
    QTest::addColumn<bool>("sampled");
    QTest::newRow("f32 greedy") << false << false;
    QTest::newRow("bf16 greedy") << true << false;
    QTest::newRow("f32 sampled") << false << true;
}

void TestRuntime::batchedDecodeEqualsSolo()
{
    QFETCH(bool, bf16);
    QFETCH(bool, sampled);
    test::TempDir dir;
    TinyModel spec;
    spec.dtype = bf16 ? DType::BF16 : DType::F32;
    writeTinyModel(dir.path(), spec);
    ModelLoadOptions load;
    load.threads = 2;
    const auto model = DecoderModel::load(dir.path(), load);

    SamplingParams sampling;
    sampling.temperature = sampled ? 0.9f : 0.0f;
    sampling.topK = sampled ? 20 : 0;
    const std::vector<std::vector<std::int32_t>> prompts = {
        randomPrompt(3, 1, spec.vocab), randomPrompt(17, 2, spec.vocab), randomPrompt(40, 3, spec.vocab),
        randomPrompt(9, 4, spec.vocab)};
    GeneratorOptions options;
    options.maxSequences = 4;
    options.maxBatchTokens = 32;  // prompts are prefilled in chunks beside other sequences' decodes
    const auto together = generateAll(*model, prompts, sampling, 24, options);
    for (std::size_t i = 0; i < prompts.size(); ++i) {
        GeneratorOptions solo;
        solo.maxSequences = 1;
        // Seeds follow the index inside generateAll; give the solo run the same one.
        Generator generator(*model, nullptr, solo);
        GenerationRequest request;
        request.prompt = prompts[i];
        request.sampling = sampling;
        request.sampling.seed = 1000 + i;
        request.maxNewTokens = 24;
        std::vector<std::int32_t> alone;
        generator.submit(request, [&](const GenerationEvent& event) {
            if (event.token != nullptr) {
                alone.push_back(event.token->id);
            }
            return true;
        });
        generator.run();
        QCOMPARE(together[i].ids.size(), std::size_t(24));
        QCOMPARE(together[i].ids, alone);
    }
    // Not a degenerate model: the four continuations are not all the same.
    QVERIFY(together[0].ids != together[1].ids || together[1].ids != together[2].ids);
}

void TestRuntime::chunkedPrefillEqualsOnePass()
{
    test::TempDir dir;
    writeTinyModel(dir.path(), TinyModel{});
    const auto model = DecoderModel::load(dir.path());
    const auto ids = randomPrompt(45, 9, 97);
    const auto whole = model->sequenceLogits(ids, 64);
    const auto chunked = model->sequenceLogits(ids, 7);
    QCOMPARE(chunked.size(), whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
        QCOMPARE(chunked[i], whole[i]);  // bitwise: each row is computed the same way
    }
}

void TestRuntime::diskLayersEqualResident()
{
    test::TempDir dir;
    writeTinyModel(dir.path(), TinyModel{});
    const auto resident = DecoderModel::load(dir.path());
    ModelLoadOptions options;
    options.deviceMap = DeviceMap::fromJson(
        nlohmann::json{{"model.embed_tokens", "cpu"}, {"model.layers.0", "cpu"}, {"model.layers.1", "disk"},
                       {"model.layers.2", "disk"}, {"model.norm", "cpu"}, {"lm_head", "disk"}},
        "map.json");
    const auto streamed = DecoderModel::load(dir.path(), options);
    QVERIFY(streamed->layers()[1].placement == Placement::disk());
    QVERIFY(streamed->layers()[0].placement == Placement::cpu());
    QVERIFY(streamed->weightBytes() < resident->weightBytes());  // disk layers are not loaded
    const auto ids = randomPrompt(20, 5, 97);
    QCOMPARE(streamed->sequenceLogits(ids, 8), resident->sequenceLogits(ids, 8));
}

void TestRuntime::deviceMapResolvesLongestPrefix()
{
    const auto map = DeviceMap::fromJson(
        nlohmann::json{{"model", 0}, {"model.layers.1", "cpu"}, {"model.layers.10", "disk"}, {"lm_head", "cuda:1"}},
        "map.json");
    QCOMPARE(map.resolve("model.layers.1").toString(), std::string("cpu"));
    QCOMPARE(map.resolve("model.layers.10").toString(), std::string("disk"));
    QCOMPARE(map.resolve("model.layers.11").toString(), std::string("0"));  // not "model.layers.1" by text prefix
    QCOMPARE(map.resolve("model.layers.1.mlp").toString(), std::string("cpu"));
    QCOMPARE(map.resolve("lm_head").toString(), std::string("1"));
    QCOMPARE(map.resolve("other").toString(), std::string("cpu"));
    QCOMPARE(DeviceMap::fromJson(nlohmann::json{{"", "disk"}}, "m").resolve("model.norm").toString(), std::string("disk"));
}

void TestRuntime::deviceMapRejectsBadValues()
{
    for (const auto& bad : {nlohmann::json{{"model", "gpu"}}, nlohmann::json{{"model", -1}},
                            nlohmann::json{{"model", "cuda:x"}}, nlohmann::json::array()}) {
        try {
            DeviceMap::fromJson(bad, "map.json");
            QFAIL(("accepted " + bad.dump()).c_str());
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::InvalidInput);
            QCOMPARE(e.file(), std::string("map.json"));
        }
    }
}

void TestRuntime::stopsAtEosAndLength()
{
    test::TempDir dir;
    writeTinyModel(dir.path(), TinyModel{});
    const auto model = DecoderModel::load(dir.path());
    const auto prompt = randomPrompt(5, 11, 97);
    SamplingParams greedy;
    greedy.temperature = 0.0f;
    const auto free = generateAll(*model, {prompt}, greedy, 12);
    QCOMPARE(free[0].finish, FinishReason::Length);
    QCOMPARE(free[0].ids.size(), std::size_t(12));

    // Make the 4th generated token an end-of-sequence id: generation stops there, keeping it.
    Generator generator(*model, nullptr);
    GenerationRequest request;
    request.prompt = prompt;
    request.sampling = greedy;
    request.maxNewTokens = 12;
    request.eosTokenIds = {free[0].ids[3]};
    Completion stopped;
    generator.submit(request, [&](const GenerationEvent& event) {
        if (event.token != nullptr) {
            stopped.ids.push_back(event.token->id);
        }
        stopped.finish = event.finish;
        return true;
    });
    generator.run();
    QCOMPARE(stopped.finish, FinishReason::Eos);
    const auto firstEos = std::find(free[0].ids.begin(), free[0].ids.end(), free[0].ids[3]) - free[0].ids.begin();
    QCOMPARE(stopped.ids, std::vector<std::int32_t>(free[0].ids.begin(), free[0].ids.begin() + firstEos + 1));

    // The context bounds the length too.
    TinyModel shortContext;
    shortContext.maxPositions = 10;
    test::TempDir small;
    writeTinyModel(small.path(), shortContext);
    const auto smallModel = DecoderModel::load(small.path());
    const auto bounded = generateAll(*smallModel, {prompt}, greedy, 100);
    QCOMPARE(bounded[0].ids.size(), std::size_t(5));
    QCOMPARE(bounded[0].finish, FinishReason::Length);
}

void TestRuntime::callbackCancels()
{
    test::TempDir dir;
    writeTinyModel(dir.path(), TinyModel{});
    const auto model = DecoderModel::load(dir.path());
    Generator generator(*model, nullptr);
    GenerationRequest request;
    request.prompt = randomPrompt(5, 12, 97);
    request.sampling.temperature = 0.0f;
    request.maxNewTokens = 50;
    int tokens = 0;
    FinishReason finish = FinishReason::None;
    generator.submit(request, [&](const GenerationEvent& event) {
        if (event.token != nullptr) {
            ++tokens;
        }
        finish = event.finish;
        return tokens < 3;
    });
    generator.run();
    QCOMPARE(tokens, 3);
    QCOMPARE(finish, FinishReason::Cancelled);
    QCOMPARE(generator.pendingRequests(), std::int64_t(0));
}

void TestRuntime::cancelAllFromAnotherThread()
{
    test::TempDir dir;
    writeTinyModel(dir.path(), TinyModel{});
    const auto model = DecoderModel::load(dir.path());
    Generator generator(*model, nullptr);
    GenerationRequest request;
    request.prompt = randomPrompt(5, 13, 97);
    request.maxNewTokens = 200;
    FinishReason finish = FinishReason::None;
    int tokens = 0;
    generator.submit(request, [&](const GenerationEvent& event) {
        if (event.token != nullptr && ++tokens == 2) {
            std::thread([&generator] { generator.cancelAll(); }).join();
        }
        finish = event.finish;
        return true;
    });
    generator.run();
    QCOMPARE(finish, FinishReason::Cancelled);
    QVERIFY(tokens >= 2 && tokens <= 3);  // takes effect at the next step
}

void TestRuntime::decodeStepDoesNotAllocate()
{
    test::TempDir dir;
    writeTinyModel(dir.path(), TinyModel{});
    ModelLoadOptions load;
    load.threads = 2;
    const auto model = DecoderModel::load(dir.path(), load);
    GeneratorOptions options;
    options.maxSequences = 2;
    Generator generator(*model, nullptr, options);
    for (int i = 0; i < 2; ++i) {
        GenerationRequest request;
        request.prompt = randomPrompt(6 + i, 20 + i, 97);
        request.sampling.temperature = 0.8f;
        request.sampling.topP = 0.9f;
        request.sampling.topLogprobs = 3;
        request.sampling.repetitionPenalty = 1.1f;
        request.maxNewTokens = 40;
        generator.submit(request, [](const GenerationEvent&) { return true; });
    }
    QVERIFY(generator.step());  // prefill (may size things once)
    QVERIFY(generator.step());
    g_allocations = 0;
    g_countAllocations = true;
    for (int i = 0; i < 10; ++i) {
        generator.step();
    }
    g_countAllocations = false;
    QCOMPARE(g_allocations.load(), 0L);
    generator.run();
}

void TestRuntime::sameSeedSameTokens()
{
    test::TempDir dir;
    writeTinyModel(dir.path(), TinyModel{});
    const auto model = DecoderModel::load(dir.path());
    SamplingParams sampling;
    sampling.temperature = 1.2f;
    const auto prompt = randomPrompt(6, 14, 97);
    const auto a = generateAll(*model, {prompt}, sampling, 30);
    const auto b = generateAll(*model, {prompt}, sampling, 30);
    QCOMPARE(a[0].ids, b[0].ids);
    const auto c = generateAll(*model, {prompt, prompt}, sampling, 30);  // seeds 1000 and 1001
    QCOMPARE(c[0].ids, a[0].ids);
    QVERIFY(c[1].ids != c[0].ids);
}

void TestRuntime::moreRequestsThanSlotsWaitTheirTurn()
{
    test::TempDir dir;
    writeTinyModel(dir.path(), TinyModel{});
    const auto model = DecoderModel::load(dir.path());
    SamplingParams greedy;
    greedy.temperature = 0.0f;
    std::vector<std::vector<std::int32_t>> prompts;
    for (unsigned i = 0; i < 7; ++i) {
        prompts.push_back(randomPrompt(4 + i * 3, 30 + i, 97));
    }
    GeneratorOptions tight;
    tight.maxSequences = 2;
    tight.kvCacheTokens = 64;  // room for about two sequences at once
    const auto queued = generateAll(*model, prompts, greedy, 10, tight);
    GeneratorOptions roomy;
    roomy.maxSequences = 7;
    const auto together = generateAll(*model, prompts, greedy, 10, roomy);
    for (std::size_t i = 0; i < prompts.size(); ++i) {
        QCOMPARE(queued[i].ids, together[i].ids);
        QCOMPARE(queued[i].finish, FinishReason::Length);
    }
}

void TestRuntime::quantizeAtLoadStaysClose()
{
    // --quantize q8_0: every matrix becomes ggml Q8_0 blocks, computed against Q8_0-quantized
    // activations. Its error is of the order of storing the weights in bf16 (8 significant
    // bits per value there, 8 bits of each 32-block's range here), times the activations' own
    // quantization: measured against the bf16 copy of the same model, it must stay within a
    // small multiple of that model's error, and must not be zero (the Q8_0 path ran).
    test::TempDir f32Dir;
    test::TempDir bf16Dir;
    TinyModel spec;
    spec.hidden = 64;
    spec.intermediate = 96;
    writeTinyModel(f32Dir.path(), spec);
    spec.dtype = DType::BF16;
    writeTinyModel(bf16Dir.path(), spec);  // same seed: the same weights, rounded
    const auto exact = DecoderModel::load(f32Dir.path());
    const auto rounded = DecoderModel::load(bf16Dir.path());
    ModelLoadOptions options;
    options.quantize = BlockFormat::Q8_0;
    const auto quantized = DecoderModel::load(f32Dir.path(), options);
    QCOMPARE(quantized->layers()[0].q.blocks, BlockFormat::Q8_0);
    QCOMPARE(quantized->layers().back().down.blocks, BlockFormat::Q8_0);
    QCOMPARE(exact->layers()[0].q.blocks, BlockFormat::None);
    const auto ids = randomPrompt(24, 16, spec.vocab);
    const auto reference = exact->sequenceLogits(ids, 32);
    auto maxDiff = [&](const std::vector<float>& other) {
        double worst = 0.0;
        for (std::size_t i = 0; i < reference.size(); ++i) {
            worst = std::max(worst, std::abs(double(reference[i]) - double(other[i])));
        }
        return worst;
    };
    const double q8Error = maxDiff(quantized->sequenceLogits(ids, 32));
    const double bf16Error = maxDiff(rounded->sequenceLogits(ids, 32));
    qInfo("max |logit error|: q8_0 %.4g, bf16 weights %.4g", q8Error, bf16Error);
    QVERIFY2(q8Error > 0.0, "quantization changed nothing: the Q8_0 path did not run");
    QVERIFY2(q8Error < 6.0 * bf16Error, (std::to_string(q8Error) + " vs bf16 " + std::to_string(bf16Error)).c_str());
}

void TestRuntime::loadErrorsNameTheProblem()
{
    auto expectError = [](const TinyModel& spec, ErrorKind kind, std::vector<std::string> needles) {
        test::TempDir dir;
        writeTinyModel(dir.path(), spec);
        try {
            DecoderModel::load(dir.path());
            QFAIL("loaded a broken model");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), kind);
            const std::string message = e.what();
            for (const auto& needle : needles) {
                QVERIFY2(message.find(needle) != std::string::npos, (message + " lacks " + needle).c_str());
            }
        }
    };
    TinyModel unknown;
    unknown.architecture = "GPTNeoXForCausalLM";
    unknown.modelType = "gpt_neox";
    expectError(unknown, ErrorKind::Unsupported, {"GPTNeoXForCausalLM", "LlamaForCausalLM", "Qwen3ForCausalLM"});

    TinyModel missing;
    missing.dropTensors = {"model.layers.2.mlp.down_proj.weight"};
    expectError(missing, ErrorKind::InvalidInput, {"model.layers.2.mlp.down_proj.weight", "missing"});

    TinyModel misShaped;
    misShaped.reshape["model.layers.1.self_attn.k_proj.weight"] = {32, 32};
    expectError(misShaped, ErrorKind::InvalidInput, {"model.layers.1.self_attn.k_proj.weight", "[32, 32]", "[16, 32]"});

    TinyModel noHead;
    noHead.dropTensors = {"lm_head.weight"};
    expectError(noHead, ErrorKind::InvalidInput, {"lm_head.weight", "tie_word_embeddings"});
}

void TestRuntime::promptLongerThanContextIsRefused()
{
    TinyModel spec;
    spec.maxPositions = 16;
    test::TempDir dir;
    writeTinyModel(dir.path(), spec);
    const auto model = DecoderModel::load(dir.path());
    Generator generator(*model, nullptr);
    GenerationRequest request;
    request.prompt = randomPrompt(16, 15, 97);
    try {
        generator.submit(request, [](const GenerationEvent&) { return true; });
        QFAIL("accepted a prompt as long as the context");
    } catch (const Error& e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidInput);
        QVERIFY(std::string(e.what()).find("16 tokens") != std::string::npos);
    }
    request.prompt = {200};
    QVERIFY_THROWS_EXCEPTION(Error, generator.submit(request, [](const GenerationEvent&) { return true; }));
}

QTEST_APPLESS_MAIN(TestRuntime)
#include "test_runtime.moc"
