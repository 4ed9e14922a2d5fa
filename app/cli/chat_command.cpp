// lathe-cli chat: a conversation in the terminal with a local model (--model) or a chat server
// (--endpoint: TGI or any OpenAI-compatible endpoint), through the ChatBackend interface alone.
// The prompt "> " and the statistics go to stderr, the answers stream to stdout, so piped
// input and output work. Ctrl-C stops the answer being written (its text stays in the
// conversation); a second Ctrl-C, or one at the prompt, leaves.
#include "arguments.h"
#include "commands.h"

#include "chat/local_chat_backend.h"
#include "core/error.h"
#include "model/decoder.h"
#include "remote/remote_chat_backend.h"
#include "remote/remote_error.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace lathe::cli {
namespace {

// Set by SIGINT while an answer (or the connection, or the model load) is under way.
std::atomic<bool> g_cancel{false};
std::atomic<bool> g_busy{false};

void onInterrupt(int)
{
    if (g_busy.load() && !g_cancel.load()) {
        g_cancel.store(true);
        return;
    }
    // At the prompt the person leaves, as with /exit; a second Ctrl-C abandons the answer.
    const bool abandoning = g_busy.load();
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, "\n", 1);
    ::_exit(abandoning ? 1 : 0);
}

// Installs onInterrupt for the command's lifetime.
class InterruptHandler {
public:
    InterruptHandler()
    {
        struct sigaction action {};
        action.sa_handler = onInterrupt;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, &m_previous);
    }
    ~InterruptHandler() { sigaction(SIGINT, &m_previous, nullptr); }
    InterruptHandler(const InterruptHandler&) = delete;
    InterruptHandler& operator=(const InterruptHandler&) = delete;

private:
    struct sigaction m_previous {};
};

// Marks a stretch of work that Ctrl-C cancels instead of leaving.
class BusyScope {
public:
    BusyScope()
    {
        g_cancel.store(false);
        g_busy.store(true);
    }
    ~BusyScope() { g_busy.store(false); }
    BusyScope(const BusyScope&) = delete;
    BusyScope& operator=(const BusyScope&) = delete;
};

// Only what the command line sets: the backend fills in the rest (the model's
// generation_config.json locally, the server's defaults remotely).
chat::SamplingSettings samplingSettings(const Arguments& args)
{
    chat::SamplingSettings s;
    if (args.option("temperature")) {
        s.temperature = realOption(args, "temperature", 0.0, 0.0, 100.0);
    }
    if (args.option("top-k")) {
        s.topK = static_cast<std::int32_t>(args.integer("top-k", 0, 0, 1 << 30));
    }
    if (args.option("top-p")) {
        s.topP = realOption(args, "top-p", 1.0, 0.0, 1.0);
    }
    if (args.option("min-p")) {
        s.minP = realOption(args, "min-p", 0.0, 0.0, 1.0);
    }
    if (args.option("repetition-penalty")) {
        s.repetitionPenalty = realOption(args, "repetition-penalty", 1.0, 0.0, 100.0);
    }
    if (args.option("seed")) {
        s.seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, INT64_MAX));
    }
    if (args.option("max-new-tokens")) {
        s.maxNewTokens = args.integer("max-new-tokens", 0, 1, 1 << 30);
    }
    s.stop = args.options("stop");
    return s;
}

std::unique_ptr<chat::ChatBackend> localBackend(const std::string& path, const Arguments& args)
{
    ModelLoadOptions options = modelLoadOptions(args);
    options.progress = [](double) { return !g_cancel.load(); };
    const BusyScope busy;
    auto backend = chat::LocalChatBackend::load(path, options);
    for (const auto& warning : backend->warnings()) {
        std::cerr << "warning: " << warning << "\n";
    }
    return backend;
}

std::unique_ptr<chat::ChatBackend> remoteBackend(const std::string& url, const Arguments& args)
{
    remote::Endpoint endpoint;
    endpoint.url = url;
    if (const auto variable = args.option("api-key-env")) {
        const char* key = std::getenv(variable->c_str());
        if (key == nullptr || *key == '\0') {
            throwInvalid({}, "--api-key-env", "the environment variable " + *variable +
                                                  " is not set or empty; put the API key in it (export " + *variable + "=...)");
        }
        endpoint.apiKey = key;
    }
    auto backend = std::make_unique<remote::RemoteChatBackend>(std::move(endpoint));
    backend->checkReady();  // the TGI text route needs a chat template this command does not have
    const BusyScope busy;
    backend->connect(&g_cancel);
    return backend;
}

std::string statusLine(const chat::ChatResult& result)
{
    char speed[64];
    std::snprintf(speed, sizeof speed, "%.1f", result.tokensPerSecond);
    std::string line = "[" + std::string(chat::finishName(result.finish)) + ", " + std::to_string(result.completionTokens) +
                       (result.completionTokens == 1 ? " token, " : " tokens, ") +
                       std::to_string(static_cast<long long>(result.timeToFirstTokenMs)) + " ms to first token, " + speed +
                       " tokens/s";
    if (result.droppedMessages > 0) {
        line += ", " + std::to_string(result.droppedMessages) + " oldest messages left out to fit the context";
    }
    if (result.finish == chat::Finish::Cancelled && !result.text.empty()) {
        line += "; the partial answer stays in the conversation";
    }
    return line + "]";
}

// True when no later turn can succeed either: the endpoint does not exist.
bool endsTheConversation(const Error& error)
{
    const auto* remoteError = dynamic_cast<const remote::RemoteError*>(&error);
    return remoteError != nullptr && remoteError->remoteKind() == remote::RemoteErrorKind::NotFound;
}

}  // namespace

int runChat(const Args& raw)
{
    const Arguments args(raw, {},
                         {"model", "endpoint", "api-key-env", "system", "max-new-tokens", "stop", "temperature", "top-k",
                          "top-p", "min-p", "repetition-penalty", "seed", "threads", "device-map", "quantize"});
    args.expectPositionals({});
    const auto model = args.option("model");
    const auto url = args.option("endpoint");
    if (model.has_value() == url.has_value()) {
        throwInvalid({}, model ? "--endpoint" : "--model",
                     "give exactly one of --model PATH (a local model) or --endpoint URL (a chat server)");
    }
    if (url) {
        for (const char* localOnly : {"threads", "device-map", "quantize"}) {
            if (args.option(localOnly)) {
                throwInvalid({}, std::string("--") + localOnly, "applies to a local --model, not to --endpoint");
            }
        }
    } else if (args.option("api-key-env")) {
        throwInvalid({}, "--api-key-env", "applies to --endpoint, not to a local --model");
    }
    const chat::SamplingSettings sampling = samplingSettings(args);

    const InterruptHandler interrupts;
    const std::unique_ptr<chat::ChatBackend> backend = url ? remoteBackend(*url, args) : localBackend(*model, args);
    const chat::BackendInfo& info = backend->info();
    std::cerr << "Chat with " << info.name << (info.description.empty() ? "" : " (" + info.description + ")")
              << ". /reset starts over, /exit or Ctrl-D leaves, Ctrl-C stops an answer.\n";

    std::vector<chat::Message> messages;
    if (const auto system = args.option("system")) {
        messages.push_back({"system", *system});
    }
    const std::size_t keep = messages.size();
    std::string line;
    while (true) {
        std::cerr << "> " << std::flush;
        if (!std::getline(std::cin, line)) {
            break;
        }
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line == "/exit" || line == "/quit") {
            break;
        }
        if (line == "/reset") {
            messages.resize(keep);
            continue;
        }
        if (line.empty()) {
            continue;
        }
        messages.push_back({"user", line});
        chat::ChatRequest request;
        request.messages = messages;
        request.sampling = sampling;
        request.cancel = &g_cancel;
        chat::ChatResult result;
        try {
            const BusyScope busy;
            result = backend->complete(request, [](std::string_view text) {
                std::cout << text << std::flush;
                return true;
            });
        } catch (const Error& e) {
            std::cerr << "error: " << e.what() << "\n";
            messages.pop_back();  // the turn failed before any answer: as if it was never asked
            if (endsTheConversation(e)) {
                return e.exitCode();
            }
            continue;
        }
        std::cout << "\n" << std::flush;
        std::cerr << statusLine(result) << "\n";
        if (result.finish == chat::Finish::Error) {
            std::cerr << "error: " << result.error << "\n";
            messages.pop_back();
            continue;
        }
        if (result.text.empty() && result.finish == chat::Finish::Cancelled) {
            messages.pop_back();
            continue;
        }
        messages.push_back({"assistant", result.text});
    }
    return 0;
}

}  // namespace lathe::cli
