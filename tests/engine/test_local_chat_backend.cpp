// LocalChatBackend on a tiny random model written here, with a hand-written character-level
// tokenizer and a ChatML-like template: the prompt is the template's text and its tokens, the
// oldest turns are cut (at user turns, the system prompt and the last turn kept) exactly when the
// prompt and the answer's room exceed the context, the context plan agrees with what is sent,
// answers are reproducible and honour max new tokens, cancel flags and the stream callback, and
// models without a tokenizer or chat template are refused before their weights are read.
#include "chat/local_chat_backend.h"
#include "core/error.h"
#include "model/decoder.h"
#include "test_files.h"
#include "tiny_model.h"

#include <QtTest>

#include <atomic>
#include <fstream>

using namespace lathe;

namespace {

constexpr std::string_view kTemplate =
    "{% for m in messages %}<|im_start|>{{ m.role }}:{{ m.content }}<|im_end|>{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant:{% endif %}";

// Printable ASCII as ids 0..94, then the two special tokens: vocabulary 97, the tiny model's.
void writeCharTokenizer(const std::filesystem::path& folder, bool withTemplate)
{
    nlohmann::ordered_json vocab = nlohmann::ordered_json::object();
    for (int c = 32; c < 127; ++c) {
        vocab[std::string(1, char(c))] = c - 32;
    }
    auto special = [](int id, const char* text) {
        return nlohmann::ordered_json{{"id", id},         {"content", text},  {"single_word", false}, {"lstrip", false},
                                      {"rstrip", false}, {"normalized", false}, {"special", true}};
    };
    const nlohmann::ordered_json tokenizer = {
        {"version", "1.0"},
        {"truncation", nullptr},
        {"padding", nullptr},
        {"added_tokens", {special(95, "<|im_start|>"), special(96, "<|im_end|>")}},
        {"normalizer", nullptr},
        {"pre_tokenizer", nullptr},
        {"post_processor", nullptr},
        {"decoder", nullptr},
        {"model",
         {{"type", "BPE"}, {"dropout", nullptr}, {"unk_token", nullptr}, {"continuing_subword_prefix", nullptr},
          {"end_of_word_suffix", nullptr}, {"fuse_unk", false}, {"byte_fallback", false}, {"ignore_merges", false},
          {"vocab", vocab}, {"merges", nlohmann::ordered_json::array()}}}};
    std::ofstream(folder / "tokenizer.json") << tokenizer.dump();
    nlohmann::ordered_json config = {{"eos_token", "<|im_end|>"}};
    if (withTemplate) {
        config["chat_template"] = std::string(kTemplate);
    }
    std::ofstream(folder / "tokenizer_config.json") << config.dump();
}

std::unique_ptr<chat::LocalChatBackend> loadTiny(const std::filesystem::path& folder, int context = 128)
{
    test::TinyModel spec;
    spec.maxPositions = context;
    test::writeTinyModel(folder, spec);
    writeCharTokenizer(folder, true);
    ModelLoadOptions options;
    options.threads = 1;
    return chat::LocalChatBackend::load(folder.string(), options);
}

std::vector<chat::Message> conversation(int turns, const std::string& system = "sys")
{
    std::vector<chat::Message> messages;
    if (!system.empty()) {
        messages.push_back({"system", system});
    }
    for (int i = 0; i < turns; ++i) {
        messages.push_back({"user", "question " + std::to_string(i)});
        if (i + 1 < turns) {
            messages.push_back({"assistant", "answer " + std::to_string(i)});
        }
    }
    return messages;
}

std::string expectedText(const std::vector<chat::Message>& messages)
{
    std::string text;
    for (const auto& m : messages) {
        text += "<|im_start|>" + m.role + ":" + m.content + "<|im_end|>";
    }
    return text + "<|im_start|>assistant:";
}

}  // namespace

class LocalChatBackendTest : public QObject {
    Q_OBJECT

private slots:
    void rendersTheTemplateAndItsTokens();
    void cutsTheOldestTurnsToFit();
    void refusesWhatCannotFit();
    void planAgreesWithTheRender();
    void answersAreReproducible();
    void cancelAndCallbackStop();
    void refusesModelsWithoutTokenizerOrTemplate();
};

void LocalChatBackendTest::rendersTheTemplateAndItsTokens()
{
    test::TempDir dir;
    const auto backend = loadTiny(dir.path());
    const auto messages = conversation(2);
    const chat::RenderedPrompt prompt = backend->render(messages, 8);
    QCOMPARE(prompt.text, expectedText(messages));
    QCOMPARE(prompt.droppedMessages, std::int64_t(0));
    // Special tokens are single ids, every other character its own.
    std::vector<std::int32_t> expected;
    for (const auto& m : messages) {
        expected.push_back(95);
        for (char c : m.role + ":" + m.content) {
            expected.push_back(c - 32);
        }
        expected.push_back(96);
    }
    expected.push_back(95);
    for (char c : std::string("assistant:")) {
        expected.push_back(c - 32);
    }
    QCOMPARE(prompt.ids, expected);
    QCOMPARE(backend->info().contextTokens, std::int64_t(128));
}

void LocalChatBackendTest::cutsTheOldestTurnsToFit()
{
    test::TempDir dir;
    const auto backend = loadTiny(dir.path(), 128);
    // A user turn is 17 tokens (<|im_start|> "user:question N" <|im_end|>), an answer 20
    // ("assistant:answer N"), the system prompt 12, the generation prompt 11.
    const auto messages = conversation(4);  // 12 + 4 * 17 + 3 * 20 + 11 = 151 tokens
    const auto full = backend->render(conversation(4), 1);
    QVERIFY(full.droppedMessages > 0);  // 151 > 127
    // With 20 tokens kept for the answer the budget is 108: dropping turn 0 (user + answer)
    // leaves 114, dropping turn 1 too leaves 77.
    const chat::RenderedPrompt cut = backend->render(messages, 20);
    QCOMPARE(cut.droppedMessages, std::int64_t(4));
    std::vector<chat::Message> kept = {messages[0], messages[5], messages[6], messages[7]};
    QCOMPARE(cut.text, expectedText(kept));
    QVERIFY(cut.ids.size() <= 108);
    // One turn fewer would have fit with a smaller answer.
    const chat::RenderedPrompt wider = backend->render(messages, 4);
    QCOMPARE(wider.droppedMessages, std::int64_t(2));
    QVERIFY(wider.ids.size() <= 124);
}

void LocalChatBackendTest::refusesWhatCannotFit()
{
    test::TempDir dir;
    const auto backend = loadTiny(dir.path(), 64);
    std::vector<chat::Message> messages = {{"system", std::string(40, 'x')}, {"user", std::string(30, 'y')}};
    try {
        backend->render(messages, 8);
        QFAIL("a prompt larger than the context was accepted");
    } catch (const Error& e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidInput);
        QVERIFY2(std::string(e.what()).find("shorten") != std::string::npos, e.what());
        QVERIFY2(std::string(e.what()).find("64") != std::string::npos, e.what());
    }
    // The plan shows the whole prompt over the context and says why.
    chat::SamplingSettings sampling;
    sampling.maxNewTokens = 8;
    chat::RenderedPrompt untouched;
    const chat::ContextPlan plan = backend->plan(messages, sampling, &untouched);
    QCOMPARE(plan.promptTokens, std::int64_t(97));
    QCOMPARE(plan.fullPromptTokens, std::int64_t(97));
    QVERIFY2(plan.overflow.find("shorten") != std::string::npos, plan.overflow.c_str());
    QVERIFY(untouched.ids.empty());
    // The last message must be the user's.
    QVERIFY_THROWS_EXCEPTION(Error, backend->render({{"user", "a"}, {"assistant", "b"}}, 8));
}

void LocalChatBackendTest::planAgreesWithTheRender()
{
    test::TempDir dir;
    const auto backend = loadTiny(dir.path(), 128);
    chat::SamplingSettings sampling;
    sampling.maxNewTokens = 20;
    const auto messages = conversation(4);
    chat::RenderedPrompt planned;
    const chat::ContextPlan plan = backend->plan(messages, sampling, &planned);
    const chat::RenderedPrompt sent = backend->render(messages, 20);
    QCOMPARE(planned.text, sent.text);
    QCOMPARE(planned.ids, sent.ids);
    QVERIFY(plan.overflow.empty());
    QCOMPARE(plan.contextTokens, std::int64_t(128));
    QCOMPARE(plan.promptTokens, std::int64_t(sent.ids.size()));
    QCOMPARE(plan.droppedMessages, sent.droppedMessages);
    QCOMPARE(plan.fullPromptTokens, std::int64_t(151));
    QCOMPARE(plan.answerTokens, std::int64_t(20));
}

void LocalChatBackendTest::answersAreReproducible()
{
    test::TempDir dir;
    const auto backend = loadTiny(dir.path(), 128);
    chat::ChatRequest request;
    request.messages = conversation(1);
    request.sampling.temperature = 0.0;
    request.sampling.maxNewTokens = 12;
    std::string streamed;
    const chat::ChatResult a = backend->complete(request, [&](std::string_view text) {
        streamed += text;
        return true;
    });
    QCOMPARE(streamed, a.text);
    QVERIFY(a.completionTokens >= 1 && a.completionTokens <= 12);
    QVERIFY(a.finish == chat::Finish::Length || a.finish == chat::Finish::Eos);
    QCOMPARE(a.promptTokens, std::int64_t(backend->render(request.messages, 12).ids.size()));
    const chat::ChatResult b = backend->complete(request, {});
    QCOMPARE(b.text, a.text);
    QCOMPARE(b.completionTokens, a.completionTokens);

    // Seeded sampling repeats too.
    request.sampling.temperature = 0.9;
    request.sampling.seed = 99;
    const chat::ChatResult c = backend->complete(request, {});
    const chat::ChatResult d = backend->complete(request, {});
    QCOMPARE(c.text, d.text);
}

void LocalChatBackendTest::cancelAndCallbackStop()
{
    test::TempDir dir;
    const auto backend = loadTiny(dir.path(), 256);
    chat::ChatRequest request;
    request.messages = conversation(1);
    request.sampling.temperature = 0.0;
    request.sampling.maxNewTokens = 100;
    std::atomic<bool> cancel{true};
    request.cancel = &cancel;
    const chat::ChatResult cancelled = backend->complete(request, {});
    QCOMPARE(cancelled.finish, chat::Finish::Cancelled);
    QVERIFY(cancelled.completionTokens <= 1);

    // The flag set from the callback: the answer stops within one token.
    cancel = false;
    std::int64_t pieces = 0;
    const chat::ChatResult flagged = backend->complete(request, [&](std::string_view) {
        if (++pieces == 3) {
            cancel = true;
        }
        return true;
    });
    QCOMPARE(flagged.finish, chat::Finish::Cancelled);
    QVERIFY(flagged.completionTokens <= 4);

    cancel = false;
    pieces = 0;
    const chat::ChatResult stopped = backend->complete(request, [&](std::string_view) { return ++pieces < 2; });
    QCOMPARE(stopped.finish, chat::Finish::Cancelled);
    QVERIFY(stopped.completionTokens <= 3);
}

void LocalChatBackendTest::refusesModelsWithoutTokenizerOrTemplate()
{
    test::TempDir noTokenizer;
    test::writeTinyModel(noTokenizer.path(), test::TinyModel{});
    try {
        chat::LocalChatBackend::load(noTokenizer.path().string(), ModelLoadOptions{});
        QFAIL("a model without tokenizer.json was loaded");
    } catch (const Error& e) {
        QVERIFY2(std::string(e.what()).find("tokenizer.json") != std::string::npos, e.what());
    }
    test::TempDir noTemplate;
    test::writeTinyModel(noTemplate.path(), test::TinyModel{});
    writeCharTokenizer(noTemplate.path(), false);
    try {
        chat::LocalChatBackend::load(noTemplate.path().string(), ModelLoadOptions{});
        QFAIL("a model without a chat template was loaded");
    } catch (const Error& e) {
        QVERIFY2(std::string(e.what()).find("template") != std::string::npos, e.what());
    }
}

QTEST_GUILESS_MAIN(LocalChatBackendTest)
#include "test_local_chat_backend.moc"
