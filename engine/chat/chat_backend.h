// ChatBackend: what answers a conversation, streaming: the local engine (LocalChatBackend, a
// loaded model with its tokenizer and chat template) or a remote server (RemoteChatBackend:
// Text Generation Inference or any OpenAI-compatible /v1/chat/completions endpoint). The Chat
// page, its compare view and `lathe-cli chat` talk to this interface only.
//
// Threads: complete() blocks and runs on the caller's (worker) thread; `cancel` may be set from
// any other thread. One complete() at a time per backend.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::chat {

struct Message {
    std::string role;  // "system", "user", "assistant"
    std::string content;
};

// Unset fields take the backend's defaults (the model's generation_config.json locally, the
// server's own defaults remotely). temperature 0 means greedy.
struct SamplingSettings {
    std::optional<double> temperature;
    std::optional<std::int32_t> topK;
    std::optional<double> topP;
    std::optional<double> minP;
    std::optional<double> repetitionPenalty;
    std::optional<std::int64_t> maxNewTokens;
    std::optional<std::uint64_t> seed;
    std::vector<std::string> stop;
};

struct ChatRequest {
    std::vector<Message> messages;  // the conversation, system prompt first when there is one
    SamplingSettings sampling;
    // Set from any thread to stop: the answer so far is kept and the result says Cancelled.
    // Checked at least once per token (locally: between engine steps; remotely: the transfer
    // is aborted and the connection closed).
    const std::atomic<bool>* cancel = nullptr;
};

enum class Finish {
    Eos,        // the model ended its answer
    Stop,       // a stop string matched
    Length,     // max new tokens or the context's end
    Cancelled,  // the request's cancel flag, or the stream callback returned false
    Error,      // the stream broke after text arrived (ChatResult::error says why)
};
std::string_view finishName(Finish finish);  // "eos", "stop", "length", "cancelled", "error"

struct ChatResult {
    std::string text;
    Finish finish = Finish::Eos;
    std::string error;                // Finish::Error: what broke ("connection dropped after 37 tokens")
    std::int64_t promptTokens = -1;   // -1 when the backend does not say
    std::int64_t completionTokens = 0;
    std::int64_t droppedMessages = 0; // oldest messages left out so the prompt fits the context
    double timeToFirstTokenMs = 0.0;  // from the call to the first text
    double tokensPerSecond = 0.0;     // decode speed after the first token
};

// Gets every piece of answer text as it becomes final, each whole UTF-8 (the local runtime's
// stream decoder holds back incomplete byte sequences; a server's pieces come out of JSON
// strings); return false to stop (Finish::Cancelled).
using StreamCallback = std::function<bool(std::string_view text)>;

struct BackendInfo {
    std::string name;               // what the UI shows: model folder name, or the server's model id
    std::string description;        // one line: architecture and size, or the server's URL and version
    std::int64_t contextTokens = 0;   // 0: unknown
    std::int64_t maxInputTokens = 0;  // 0: unknown (TGI's /info tells)
};

class ChatBackend {
public:
    virtual ~ChatBackend() = default;

    virtual const BackendInfo& info() const = 0;

    // Streams the answer to the conversation. Failures before any text arrived throw
    // lathe::Error (a RemoteError for HTTP failures, with the status and the server's message);
    // a stream that breaks after text arrived returns what came with Finish::Error.
    virtual ChatResult complete(const ChatRequest& request, const StreamCallback& onText) = 0;
};

}  // namespace lathe::chat
