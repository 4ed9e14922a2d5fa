// generate / forward: the model runtime from the command line. generate streams one answer
// (or prints one JSON document), forward writes every position's logits for comparisons with
// transformers. (chat, over the same runtime or a remote server: chat_command.cpp.)
#include "arguments.h"
#include "commands.h"

#include "backend/cpu/cpu_backend.h"
#include "chat/template_source.h"
#include "core/error.h"
#include "core/file_io.h"
#include "io/safetensors_writer.h"
#include "model/decoder.h"
#include "model/model_location.h"
#include "runtime/generator.h"
#include "tokenizer/tokenizer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

namespace lathe::cli {
namespace {

using Clock = std::chrono::steady_clock;

const std::set<std::string> kSamplingOptions = {"temperature", "top-k", "top-p", "min-p", "typical-p",
                                                 "repetition-penalty", "frequency-penalty", "presence-penalty",
                                                 "seed", "top-logprobs"};

std::set<std::string> withSampling(std::set<std::string> options)
{
    options.insert(kSamplingOptions.begin(), kSamplingOptions.end());
    return options;
}

std::unique_ptr<DecoderModel> loadModel(const std::filesystem::path& folder, const Arguments& args)
{
    auto model = DecoderModel::load(folder, modelLoadOptions(args));
    for (const auto& warning : model->warnings()) {
        std::cerr << "warning: " << warning << "\n";
    }
    return model;
}

std::optional<tok::Tokenizer> loadTokenizer(const std::filesystem::path& folder)
{
    std::error_code ec;
    if (isGgufFile(folder)) {
        return tok::Tokenizer::load(folder);  // the GGUF's own vocabulary
    }
    if (!std::filesystem::is_regular_file(folder / "tokenizer.json", ec)) {
        return std::nullopt;
    }
    return tok::Tokenizer::load(folder);
}

// Sampling settings: the model's generation_config.json first, the command line over it, and
// transformers' GenerationConfig defaults (top_k 50) for what neither sets. Sampling is on when
// the config says do_sample or any sampling option is given; --temperature 0 is greedy.
SamplingParams samplingParams(const Arguments& args, const GenerationDefaults& defaults)
{
    SamplingParams params;
    bool sample = defaults.doSample.value_or(false);
    for (const auto& name : kSamplingOptions) {
        if (name != "top-logprobs" && args.option(name)) {
            sample = true;
        }
    }
    params.temperature = static_cast<float>(realOption(args, "temperature", defaults.temperature.value_or(1.0), 0.0, 100.0));
    params.topK = static_cast<std::int32_t>(args.integer("top-k", defaults.topK.value_or(50), 0, 1 << 30));
    params.topP = static_cast<float>(realOption(args, "top-p", defaults.topP.value_or(1.0), 0.0, 1.0));
    params.minP = static_cast<float>(realOption(args, "min-p", defaults.minP.value_or(0.0), 0.0, 1.0));
    params.typicalP = static_cast<float>(realOption(args, "typical-p", defaults.typicalP.value_or(1.0), 0.0, 1.0));
    params.repetitionPenalty =
        static_cast<float>(realOption(args, "repetition-penalty", defaults.repetitionPenalty.value_or(1.0), 0.0, 100.0));
    params.frequencyPenalty = static_cast<float>(realOption(args, "frequency-penalty", 0.0, -2.0, 2.0));
    params.presencePenalty = static_cast<float>(realOption(args, "presence-penalty", 0.0, -2.0, 2.0));
    params.seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, INT64_MAX));
    params.topLogprobs = static_cast<std::int32_t>(args.integer("top-logprobs", 0, 0, 20));
    if (!sample) {
        params.temperature = 0.0f;
    }
    return params;
}

std::vector<std::int32_t> eosIds(const ModelConfig& config, const GenerationDefaults& defaults)
{
    return defaults.eosTokenIds.empty() ? config.eosTokenIds : defaults.eosTokenIds;
}

nlohmann::ordered_json readMessagesRequest(const std::string& path)
{
    nlohmann::ordered_json document;
    try {
        document = nlohmann::ordered_json::parse(readWholeFile(path));
    } catch (const nlohmann::json::parse_error& e) {
        throwInvalid(path, "--messages", std::string("not valid JSON: ") + e.what());
    }
    if (document.is_array()) {
        document = nlohmann::ordered_json{{"messages", std::move(document)}};
    }
    if (!document.is_object() || !document.contains("messages")) {
        throwInvalid(path, "--messages", "expected a JSON array of messages or an object with \"messages\"");
    }
    document["add_generation_prompt"] = true;
    return document;
}

std::vector<std::int32_t> renderAndEncode(const std::filesystem::path& folder, const tok::Tokenizer& tokenizer,
                                          const nlohmann::ordered_json& request)
{
    const auto source = chat::TemplateSource::fromModel(folder);
    const auto applied = chat::applyChatTemplate(source, request);
    // As apply_chat_template(tokenize=True): the template writes the special tokens itself.
    return tokenizer.encode(applied.text, false);
}

struct GenerationResult {
    std::vector<std::int32_t> ids;
    std::string text;
    FinishReason finish = FinishReason::None;
    double timeToFirstTokenMs = 0.0;
    double tokensPerSecond = 0.0;
    nlohmann::ordered_json logprobs = nlohmann::ordered_json::array();
};

// Runs one request to its end; `onText` gets the text as it becomes final.
GenerationResult generateOnce(const DecoderModel& model, const tok::Tokenizer* tokenizer, GenerationRequest request,
                              const std::function<void(std::string_view)>& onText)
{
    GeneratorOptions options;
    options.maxSequences = 1;
    options.kvCacheTokens = std::min<std::int64_t>(model.contextLength(),
                                                   static_cast<std::int64_t>(request.prompt.size()) + request.maxNewTokens);
    Generator generator(model, tokenizer, options);
    GenerationResult result;
    const bool wantLogprobs = request.sampling.topLogprobs > 0;
    const auto start = Clock::now();
    Clock::time_point first;
    generator.submit(std::move(request), [&](const GenerationEvent& event) {
        if (event.token != nullptr) {
            if (result.ids.empty()) {
                first = Clock::now();
            }
            result.ids.push_back(event.token->id);
            if (wantLogprobs) {
                nlohmann::ordered_json top = nlohmann::ordered_json::array();
                for (const auto& alternative : event.token->top) {
                    top.push_back({{"id", alternative.id}, {"logprob", jsonNumber(alternative.logprob)}});
                }
                result.logprobs.push_back(
                    {{"id", event.token->id}, {"logprob", jsonNumber(event.token->logprob)}, {"top", std::move(top)}});
            }
        }
        if (!event.text.empty()) {
            result.text += event.text;
            onText(event.text);
        }
        if (event.finish != FinishReason::None) {
            result.finish = event.finish;
        }
        return true;
    });
    generator.run();
    const auto end = Clock::now();
    if (!result.ids.empty()) {
        result.timeToFirstTokenMs = std::chrono::duration<double, std::milli>(first - start).count();
        const double decodeSeconds = std::chrono::duration<double>(end - first).count();
        result.tokensPerSecond =
            result.ids.size() > 1 && decodeSeconds > 0 ? static_cast<double>(result.ids.size() - 1) / decodeSeconds : 0.0;
    }
    return result;
}

}  // namespace

int runGenerate(const Args& raw)
{
    const Arguments args(raw, {"json"},
                         withSampling({"model", "prompt", "messages", "ids", "max-new-tokens", "stop", "threads",
                                       "device-map", "quantize"}));
    args.expectPositionals({});
    const auto modelArg = args.option("model");
    if (!modelArg) {
        throwInvalid({}, "--model", "is required (a model folder or a Hub repo id in the cache)");
    }
    const int prompts = (args.option("prompt") ? 1 : 0) + (args.option("messages") ? 1 : 0) + (args.option("ids") ? 1 : 0);
    if (prompts != 1) {
        throwInvalid({}, "--prompt", "give exactly one of --prompt TEXT, --messages FILE.json or --ids 1,2,3");
    }
    const auto folder = resolveModelPath(*modelArg);
    const ModelConfig config = readModelConfig(folder);
    const GenerationDefaults defaults = readGenerationDefaults(folder);
    std::optional<tok::Tokenizer> tokenizer = loadTokenizer(folder);
    if (!tokenizer && (args.option("prompt") || args.option("messages") || !args.options("stop").empty())) {
        throwInvalid(folder.string(), "tokenizer.json", "is missing: --prompt, --messages and --stop need the tokenizer");
    }

    GenerationRequest request;
    if (const auto prompt = args.option("prompt")) {
        request.prompt = tokenizer->encode(*prompt, true);
    } else if (const auto messages = args.option("messages")) {
        request.prompt = renderAndEncode(folder, *tokenizer, readMessagesRequest(*messages));
    } else {
        request.prompt = parseIdList(*args.option("ids"));
    }
    request.sampling = samplingParams(args, defaults);
    request.maxNewTokens = args.integer("max-new-tokens", defaults.maxNewTokens.value_or(256), 1, 1 << 30);
    request.eosTokenIds = eosIds(config, defaults);
    request.stopStrings = args.options("stop");
    const auto promptTokens = static_cast<std::int64_t>(request.prompt.size());
    checkPromptFitsContext(promptTokens, config.maxPositionEmbeddings);  // before the load, to fail fast

    const auto model = loadModel(folder, args);
    const bool json = args.flag("json");
    const GenerationResult result =
        generateOnce(*model, tokenizer ? &*tokenizer : nullptr, std::move(request), [&](std::string_view text) {
            if (!json) {
                std::cout << text << std::flush;
            }
        });
    if (json) {
        nlohmann::ordered_json out;
        out["ids"] = result.ids;
        out["text"] = result.text;
        out["finish_reason"] = std::string(finishReasonName(result.finish));
        out["prompt_tokens"] = promptTokens;
        out["generated_tokens"] = result.ids.size();
        out["time_to_first_token_ms"] = jsonNumber(result.timeToFirstTokenMs);
        out["tokens_per_second"] = jsonNumber(result.tokensPerSecond);
        if (args.option("top-logprobs")) {
            out["logprobs"] = result.logprobs;
        }
        printJson(out);
    } else {
        std::cout << "\n";
        std::cerr << "[" << finishReasonName(result.finish) << ": " << result.ids.size() << " tokens, "
                  << static_cast<long>(result.timeToFirstTokenMs) << " ms to first token, " << result.tokensPerSecond
                  << " tokens/s]\n";
    }
    return 0;
}

int runForward(const Args& raw)
{
    const Arguments args(raw, {}, {"model", "ids", "out", "threads", "device-map", "quantize"});
    args.expectPositionals({});
    const auto modelArg = args.option("model");
    const auto idsArg = args.option("ids");
    const auto outArg = args.option("out");
    if (!modelArg || !idsArg || !outArg) {
        throwInvalid({}, !modelArg ? "--model" : !idsArg ? "--ids" : "--out", "is required");
    }
    const auto folder = resolveModelPath(*modelArg);
    const std::vector<std::int32_t> ids = parseIdList(*idsArg);
    const ModelConfig config = readModelConfig(folder);
    const auto length = static_cast<std::int64_t>(ids.size());
    if (length == 0) {
        throwInvalid({}, "--ids", "is empty: give at least one token id");
    }
    if (length > config.maxPositionEmbeddings) {
        throwInvalid({}, "--ids",
                     "has " + std::to_string(length) + " tokens but the model's context is " +
                         std::to_string(config.maxPositionEmbeddings) + " (max_position_embeddings)");
    }
    for (const std::int32_t id : ids) {
        if (id >= config.vocabSize) {
            throwInvalid({}, "--ids",
                         "token id " + std::to_string(id) + " is outside the vocabulary [0, " +
                             std::to_string(config.vocabSize) + ")");
        }
    }
    const auto model = loadModel(folder, args);
    const std::int64_t vocab = model->vocabSize();
    const std::vector<float> logits = model->sequenceLogits(ids);
    TensorToWrite tensor;
    tensor.name = "logits";
    tensor.dtype = DType::F32;
    tensor.shape = {static_cast<std::uint64_t>(length), static_cast<std::uint64_t>(vocab)};
    tensor.data = std::as_bytes(std::span(logits));
    writeSafetensors(*outArg, std::span(&tensor, 1));
    return 0;
}

}  // namespace lathe::cli

namespace lathe::cli {

// bench generate: prefill and decode speed on a random prompt (greedy, no early stop), the
// figures tests/bench/bench_generate.py sets beside transformers'.
int runBenchGenerate(const Args& raw)
{
    const Arguments args(raw, {"json"}, {"model", "prompt-tokens", "new-tokens", "threads", "repeat", "device-map", "quantize"});
    args.expectPositionals({});
    const auto modelArg = args.option("model");
    if (!modelArg) {
        throwInvalid({}, "--model", "is required");
    }
    const auto folder = resolveModelPath(*modelArg);
    const auto model = loadModel(folder, args);
    const std::int64_t promptTokens = args.integer("prompt-tokens", 128, 1, model->contextLength() - 2);
    const std::int64_t newTokens =
        args.integer("new-tokens", 64, 1, std::max<std::int64_t>(1, model->contextLength() - promptTokens));
    const std::int64_t repeat = args.integer("repeat", 3, 1, 1000);
    std::vector<double> prefill, decode;
    for (std::int64_t run = 0; run <= repeat; ++run) {  // run 0 warms up
        GenerationRequest request;
        std::uint64_t state = 12345;
        for (std::int64_t i = 0; i < promptTokens; ++i) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            request.prompt.push_back(static_cast<std::int32_t>((state >> 33) % static_cast<std::uint64_t>(model->vocabSize())));
        }
        request.sampling.temperature = 0.0f;
        request.maxNewTokens = newTokens;
        const GenerationResult result = generateOnce(*model, nullptr, std::move(request), [](std::string_view) {});
        if (run > 0) {
            prefill.push_back(static_cast<double>(promptTokens) / (result.timeToFirstTokenMs / 1000.0));
            decode.push_back(result.tokensPerSecond);
        }
    }
    auto median = [](std::vector<double> values) {
        std::sort(values.begin(), values.end());
        return values[values.size() / 2];
    };
    nlohmann::ordered_json out;
    out["model"] = folder.string();
    out["threads"] = model->cpuBackend().threads();
    out["prompt_tokens"] = promptTokens;
    out["new_tokens"] = newTokens;
    out["prefill_tokens_per_second"] = jsonNumber(median(prefill));
    out["decode_tokens_per_second"] = jsonNumber(median(decode));
    if (args.flag("json")) {
        printJson(out);
    } else {
        std::cout << "threads: " << model->cpuBackend().threads() << "\n"
                  << "prefill_tokens_per_second: " << median(prefill) << " tok/s\n"
                  << "decode_tokens_per_second: " << median(decode) << " tok/s\n";
    }
    return 0;
}

}  // namespace lathe::cli
