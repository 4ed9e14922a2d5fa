// RemoteChatBackend: a chat server answering over HTTP with server-sent events: Text Generation
// Inference, or any OpenAI-compatible /v1/chat/completions endpoint (vLLM, llama.cpp's server,
// Ollama). The URL is normalised as huggingface_hub's InferenceClient.chat_completion does; a
// URL ending in /generate_stream (or ApiStyle::Tgi) uses TGI's text route instead, which takes a
// prompt string rendered by the model's chat template (setPromptRenderer).
//
// HTTP goes through libcurl (http_exchange.h): one easy handle per request, redirects followed
// on the same host only (the API key never travels elsewhere), a connect timeout and an idle
// timeout (no byte for that long). The API key is sent as `Authorization: Bearer` only when set
// and never appears in a message.
//
// Threads: connect() and complete() block on the caller's (worker) thread; the cancel flags may
// be set from any thread and take effect within ~50 ms, or at the next token. One call at a
// time per backend.
#pragma once

#include "chat/chat_backend.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::remote {

enum class ApiStyle {
    Auto,    // /generate_stream URLs speak TGI's text route, every other URL the OpenAI chat API
    OpenAI,  // POST .../v1/chat/completions with messages
    Tgi,     // POST .../generate_stream with a prompt string
};
std::string_view apiStyleName(ApiStyle style);  // "auto", "openai", "tgi"
std::optional<ApiStyle> apiStyleFromName(std::string_view name);

struct Endpoint {
    std::string url;     // the server's root, .../v1, .../v1/chat/completions or .../generate_stream
    std::string apiKey;  // empty: no Authorization header
    ApiStyle style = ApiStyle::Auto;
    std::chrono::seconds connectTimeout{10};
    std::chrono::seconds idleTimeout{120};  // no byte for this long ends the request
};

// Where an endpoint's requests go.
struct EndpointRoutes {
    ApiStyle style = ApiStyle::OpenAI;  // OpenAI or Tgi, never Auto
    std::string chatUrl;                // the POST target
    std::string rootUrl;                // the server's root: {root}/info and {root}/v1/models
};

// The routes of `endpoint`. Throws lathe::Error (InvalidInput) naming the URL when it is not an
// http:// or https:// URL with a host.
EndpointRoutes resolveEndpoint(const Endpoint& endpoint);

// Renders a conversation as the model's prompt (its chat template with the generation prompt).
using PromptRenderer = std::function<std::string(const std::vector<chat::Message>& messages)>;

class RemoteChatBackend final : public chat::ChatBackend {
public:
    // Resolves the routes (throws lathe::Error on a bad URL); talks to nobody yet.
    explicit RemoteChatBackend(Endpoint endpoint);
    ~RemoteChatBackend() override;

    // Asks the server what it serves: GET {root}/info (TGI: model id, token limits, version);
    // when that is 404, GET {root}/v1/models (the first model's id; llama.cpp's meta.n_ctx_train).
    // A server that answers neither still works, named host:port. Throws RemoteError (401,
    // connection refused, timeout, cancelled, ...).
    void connect(const std::atomic<bool>* cancel = nullptr);

    const chat::BackendInfo& info() const override { return m_info; }
    const EndpointRoutes& routes() const { return m_routes; }
    const Endpoint& endpoint() const { return m_endpoint; }

    // Needed by the TGI text route; without one that route fails with a clear error.
    void setPromptRenderer(PromptRenderer renderer) { m_renderer = std::move(renderer); }
    // Throws lathe::Error (InvalidInput) when complete() cannot work as configured: the TGI text
    // route without a prompt renderer. complete() checks it too.
    void checkReady() const;

    chat::ChatResult complete(const chat::ChatRequest& request, const chat::StreamCallback& onText) override;

    // The JSON bodies complete() posts (for tests and logs).
    std::string openAiRequestBody(const chat::ChatRequest& request) const;
    std::string tgiRequestBody(const chat::ChatRequest& request) const;

private:
    Endpoint m_endpoint;
    EndpointRoutes m_routes;
    chat::BackendInfo m_info;
    std::string m_modelId;  // from /v1/models; "tgi" (the served model) otherwise
    PromptRenderer m_renderer;
};

}  // namespace lathe::remote
