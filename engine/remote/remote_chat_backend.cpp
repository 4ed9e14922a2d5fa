// Remote chat: URL routes, request bodies, the server's /info and /v1/models, and the decoding
// of TGI and OpenAI event streams into text, finish reason, token counts and timings. The HTTP
// itself is http_exchange's.
#include "remote/remote_chat_backend.h"

#include "core/byte_size.h"
#include "remote/http_exchange.h"
#include "remote/remote_error.h"
#include "remote/sse_parser.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lathe::remote {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

constexpr std::size_t kJsonBodyLimit = std::size_t(16) << 20;  // /info, /v1/models

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// A request to the endpoint: its key and timeouts.
HttpRequest endpointRequest(const std::string& url, const Endpoint& endpoint, const std::atomic<bool>* cancel)
{
    HttpRequest request;
    request.url = url;
    request.bearerToken = endpoint.apiKey;
    request.connectTimeout = endpoint.connectTimeout;
    request.idleTimeout = endpoint.idleTimeout;
    request.cancel = cancel;
    return request;
}

// GET url, expecting a JSON document. nullopt for a 404/405 (no such route); throws RemoteError
// for every other failure; a 2xx body that is not JSON comes back as a discarded value.
std::optional<Json> getJson(const std::string& url, const Endpoint& endpoint, const std::atomic<bool>* cancel)
{
    HttpRequest request = endpointRequest(url, endpoint, cancel);
    request.accept = "application/json";
    std::string body;
    bool tooLong = false;
    const HttpOutcome outcome = performHttpExchange(request, [&](std::string_view chunk, const HttpOutcome&) {
        tooLong = body.size() + chunk.size() > kJsonBodyLimit;
        if (!tooLong) {
            body.append(chunk);
        }
        return !tooLong;
    });
    if (outcome.failed() || outcome.cancelled) {
        throw transportError(outcome, request);
    }
    if (tooLong) {
        throw RemoteError(RemoteErrorKind::Protocol, url, outcome.status, {},
                          "the answer is longer than " + formatByteSize(kJsonBodyLimit) + "; this is not a chat server's answer");
    }
    if (outcome.status == 404 || outcome.status == 405) {
        return std::nullopt;
    }
    if (!outcome.success()) {
        throw remoteErrorFromHttp({url, outcome.status, outcome.errorBody, outcome.retryAfter, !endpoint.apiKey.empty()});
    }
    return Json::parse(body, nullptr, false);
}

std::int64_t intField(const Json& object, const char* name)
{
    const auto it = object.find(name);
    return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string stringField(const Json& object, const char* name)
{
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// ---------------------------------------------------------------------------------------------
// Streams

chat::Finish finishOf(std::string_view reason)
{
    if (reason == "length") {
        return chat::Finish::Length;
    }
    if (reason == "stop_sequence") {
        return chat::Finish::Stop;
    }
    return chat::Finish::Eos;  // "stop", "eos_token", and what other servers say when they are done
}

// The start of a bad event for a message: 80 bytes at most, cut at a UTF-8 character boundary.
std::string snippet(std::string_view text)
{
    std::size_t length = std::min<std::size_t>(text.size(), 80);
    while (length < text.size() && length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) {
        --length;
    }
    std::string out(text.substr(0, length));
    for (char& c : out) {
        c = static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
    return length < text.size() ? out + "..." : out;
}

// Turns the events of one answer into text (TGI's /generate_stream or OpenAI chunks).
class StreamDecoder {
public:
    StreamDecoder(ApiStyle style, std::string url, const chat::ChatRequest& request, const chat::StreamCallback& onText)
        : m_style(style)
        , m_url(std::move(url))
        , m_request(request)
        , m_onText(onText)
        , m_start(Clock::now())
        , m_parser([this](const SseEvent& event) { return onEvent(event); })
    {
    }

    // A 2xx body chunk; false ends the transfer.
    bool onChunk(std::string_view chunk, const HttpOutcome& outcome)
    {
        if (m_parser.eventsDispatched() == 0 && !m_parser.hasPartialEvent() && !outcome.contentType.empty() &&
            outcome.contentType.find("text/event-stream") == std::string::npos) {
            m_protocolError = "the answer is " + outcome.contentType +
                              ", not an event stream (text/event-stream); does this server stream chat answers?";
            return false;
        }
        try {
            return m_parser.feed(chunk);
        } catch (const Error& e) {
            m_protocolError = e.reason();
            return false;
        }
    }

    chat::ChatResult finish(const HttpOutcome& outcome, const HttpRequest& request)
    {
        const auto end = Clock::now();
        if (m_streamError) {
            if (m_result.text.empty()) {
                throw *m_streamError;
            }
            return broken("the server reported an error after " + tokens() + ": " + m_streamError->reason());
        }
        if (!m_protocolError.empty()) {
            if (m_result.text.empty()) {
                throw RemoteError(RemoteErrorKind::Protocol, m_url, outcome.status, {},
                                  "the server's stream is malformed: " + m_protocolError);
            }
            return broken("the server's stream broke after " + tokens() + ": " + m_protocolError);
        }
        if (outcome.cancelled || m_cancelled) {
            m_result.finish = chat::Finish::Cancelled;
            return timed(end);
        }
        if (outcome.failed() && !m_finishReason) {  // a break after the finish reason loses nothing
            if (m_result.text.empty()) {
                throw transportError(outcome, request);
            }
            if (outcome.idleTimeout) {
                return broken("no data from the server for " + std::to_string(request.idleTimeout.count()) +
                              " s after " + tokens() + " (the idle timeout)");
            }
            return broken("connection dropped after " + tokens() + " (" + outcome.failureMessage + ")");
        }
        if (!m_finishReason && !m_parser.sawDone()) {
            if (m_result.text.empty()) {
                throw RemoteError(RemoteErrorKind::Protocol, m_url, outcome.status, {},
                                  "the server closed the stream without an answer");
            }
            return broken("connection dropped after " + tokens());
        }
        m_result.finish = finishOf(m_finishReason.value_or("stop"));
        return timed(end);
    }

private:
    bool onEvent(const SseEvent& event)
    {
        if (m_request.cancel != nullptr && m_request.cancel->load()) {
            m_cancelled = true;
            return false;
        }
        if (event.isDone()) {
            return false;  // nothing follows [DONE]
        }
        const Json json = Json::parse(event.data, nullptr, false);
        if (!json.is_object()) {
            m_protocolError = "an event that is not a JSON object: \"" + snippet(event.data) + "\"";
            return false;
        }
        if (const auto error = json.find("error"); error != json.end() && !error->is_null()) {
            m_streamError = remoteErrorFromStreamEvent(m_url, event.data);
            return false;
        }
        return m_style == ApiStyle::Tgi ? onTgiEvent(json) : onOpenAiChunk(json);
    }

    // {"index", "token": {"id", "text", "logprob", "special"}, "generated_text", "details"}
    bool onTgiEvent(const Json& event)
    {
        if (const auto details = event.find("details"); details != event.end() && details->is_object()) {
            m_finishReason = stringField(*details, "finish_reason");
            if (const std::int64_t generated = intField(*details, "generated_tokens"); generated > 0) {
                m_reportedTokens = generated;
            }
            if (details->contains("input_length")) {
                m_result.promptTokens = intField(*details, "input_length");
            }
        }
        if (!m_finishReason && event.contains("generated_text") && event["generated_text"].is_string()) {
            m_finishReason = "stop";  // the last event, from a server that sent no details
        }
        const auto token = event.find("token");
        if (token == event.end() || !token->is_object()) {
            return true;
        }
        ++m_tokens;
        const bool special = token->contains("special") && (*token)["special"].is_boolean() && (*token)["special"].get<bool>();
        return special || emit(stringField(*token, "text"));
    }

    // {"choices": [{"index", "delta": {"role", "content"}, "finish_reason"}], "usage"}
    bool onOpenAiChunk(const Json& chunk)
    {
        readUsage(chunk);
        const auto choices = chunk.find("choices");
        if (choices == chunk.end() || !choices->is_array()) {
            return true;
        }
        for (const auto& choice : *choices) {
            if (!choice.is_object() || intField(choice, "index") != 0) {
                continue;
            }
            if (const std::string reason = stringField(choice, "finish_reason"); !reason.empty()) {
                m_finishReason = reason;
            }
            const auto delta = choice.find("delta");
            if (delta != choice.end() && delta->is_object()) {
                const std::string content = stringField(*delta, "content");
                if (!content.empty()) {
                    ++m_tokens;
                    if (!emit(content)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    void readUsage(const Json& object)
    {
        const auto usage = object.find("usage");
        if (usage != object.end() && usage->is_object()) {
            m_result.promptTokens = intField(*usage, "prompt_tokens");
            m_reportedTokens = intField(*usage, "completion_tokens");
        }
    }

    bool emit(const std::string& text)
    {
        if (text.empty()) {
            return true;
        }
        if (m_result.text.empty()) {
            m_first = Clock::now();
        }
        m_result.text += text;
        if (!m_onText(text)) {
            m_cancelled = true;
            return false;
        }
        return true;
    }

    std::string tokens() const { return std::to_string(m_tokens) + (m_tokens == 1 ? " token" : " tokens"); }

    chat::ChatResult broken(std::string why)
    {
        m_result.finish = chat::Finish::Error;
        m_result.error = std::move(why);
        return timed(Clock::now());
    }

    chat::ChatResult timed(Clock::time_point end)
    {
        m_result.completionTokens = m_reportedTokens > 0 ? m_reportedTokens : m_tokens;
        if (!m_result.text.empty()) {
            m_result.timeToFirstTokenMs = std::chrono::duration<double, std::milli>(m_first - m_start).count();
            const double decodeSeconds = std::chrono::duration<double>(end - m_first).count();
            m_result.tokensPerSecond = m_result.completionTokens > 1 && decodeSeconds > 0
                                           ? static_cast<double>(m_result.completionTokens - 1) / decodeSeconds
                                           : 0.0;
        }
        return std::move(m_result);
    }

    ApiStyle m_style;
    std::string m_url;
    const chat::ChatRequest& m_request;
    const chat::StreamCallback& m_onText;
    Clock::time_point m_start;
    Clock::time_point m_first;
    SseParser m_parser;
    chat::ChatResult m_result;
    std::int64_t m_tokens = 0;          // token events (TGI) or chunks with text (OpenAI)
    std::int64_t m_reportedTokens = 0;  // what the server counted (usage, details)
    std::optional<std::string> m_finishReason;
    std::optional<RemoteError> m_streamError;
    std::string m_protocolError;
    bool m_cancelled = false;
};

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string_view apiStyleName(ApiStyle style)
{
    switch (style) {
    case ApiStyle::Auto:
        return "auto";
    case ApiStyle::OpenAI:
        return "openai";
    case ApiStyle::Tgi:
        return "tgi";
    }
    return "auto";
}

std::optional<ApiStyle> apiStyleFromName(std::string_view name)
{
    for (const ApiStyle style : {ApiStyle::Auto, ApiStyle::OpenAI, ApiStyle::Tgi}) {
        if (name == apiStyleName(style)) {
            return style;
        }
    }
    return std::nullopt;
}

EndpointRoutes resolveEndpoint(const Endpoint& endpoint)
{
    const UrlParts parts = splitUrl(endpoint.url);
    std::string path = parts.path;
    while (!path.empty() && path.back() == '/') {
        path.pop_back();
    }
    // The server's root: the path without the route the URL may name.
    std::string root = path;
    for (const std::string_view route : {"/generate_stream", "/chat/completions"}) {
        if (endsWith(root, route)) {
            root.resize(root.size() - route.size());
            break;
        }
    }
    if (endsWith(root, "/v1")) {
        root.resize(root.size() - 3);
    }
    EndpointRoutes routes;
    routes.rootUrl = parts.origin() + root;
    const bool tgi = endpoint.style == ApiStyle::Tgi || (endpoint.style == ApiStyle::Auto && endsWith(path, "/generate_stream"));
    if (tgi) {
        routes.style = ApiStyle::Tgi;
        routes.chatUrl = parts.origin() + root + "/generate_stream" + parts.tail;
        return routes;
    }
    // As huggingface_hub's InferenceClient.chat_completion builds the URL.
    routes.style = ApiStyle::OpenAI;
    if (endsWith(path, "/chat/completions")) {
        routes.chatUrl = endpoint.url;
    } else if (endsWith(path, "/v1")) {
        routes.chatUrl = parts.origin() + path + "/chat/completions" + parts.tail;
    } else if (endsWith(path, "/generate_stream")) {  // named as TGI's route, but asked for OpenAI's
        routes.chatUrl = parts.origin() + root + "/v1/chat/completions" + parts.tail;
    } else {
        routes.chatUrl = parts.origin() + path + "/v1/chat/completions" + parts.tail;
    }
    return routes;
}

RemoteChatBackend::RemoteChatBackend(Endpoint endpoint)
    : m_endpoint(std::move(endpoint))
    , m_routes(resolveEndpoint(m_endpoint))
{
    for (const char c : m_endpoint.apiKey) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {  // would break the header (or add one)
            throwInvalid(m_endpoint.url, "API key", "contains a control character (a line break?); check how it was copied");
        }
    }
    const UrlParts parts = splitUrl(m_routes.rootUrl);
    const std::size_t at = parts.authority.rfind('@');
    m_info.name = at == std::string::npos ? parts.authority : parts.authority.substr(at + 1);
    m_info.description = m_routes.rootUrl;
}

RemoteChatBackend::~RemoteChatBackend() = default;

void RemoteChatBackend::connect(const std::atomic<bool>* cancel)
{
    const std::string infoUrl = m_routes.rootUrl + "/info";
    if (const auto info = getJson(infoUrl, m_endpoint, cancel); info && info->is_object() && info->contains("model_id")) {
        // Text Generation Inference.
        m_info.name = stringField(*info, "model_id");
        m_info.maxInputTokens = intField(*info, "max_input_tokens");
        if (m_info.maxInputTokens == 0) {
            m_info.maxInputTokens = intField(*info, "max_input_length");  // before TGI 2.1
        }
        m_info.contextTokens = intField(*info, "max_total_tokens");
        const std::string version = stringField(*info, "version");
        m_info.description = "TGI" + (version.empty() ? std::string() : " " + version) + " at " + m_routes.rootUrl;
        m_modelId.clear();
        return;
    }
    const auto models = getJson(m_routes.rootUrl + "/v1/models", m_endpoint, cancel);
    if (models && models->is_object() && models->contains("data") && (*models)["data"].is_array() &&
        !(*models)["data"].empty() && (*models)["data"][0].is_object()) {
        const Json& model = (*models)["data"][0];
        m_modelId = stringField(model, "id");
        if (!m_modelId.empty()) {
            m_info.name = m_modelId;
        }
        if (const auto meta = model.find("meta"); meta != model.end() && meta->is_object()) {
            m_info.contextTokens = intField(*meta, "n_ctx_train");  // llama.cpp's server
        }
        m_info.description = "OpenAI-compatible server at " + m_routes.rootUrl;
        return;
    }
    m_info.description = "chat server at " + m_routes.rootUrl + ", model not reported";
}

void RemoteChatBackend::checkReady() const
{
    if (m_routes.style == ApiStyle::Tgi && !m_renderer) {
        throwInvalid(m_routes.chatUrl, {},
                     "TGI's /generate_stream route takes a prompt string, which needs the model's chat template, "
                     "and there is none for this endpoint; use the server's /v1/chat/completions route instead "
                     "(give the server's root URL)");
    }
}

std::string RemoteChatBackend::openAiRequestBody(const chat::ChatRequest& request) const
{
    const chat::SamplingSettings& s = request.sampling;
    Json body = Json::object();
    body["model"] = m_modelId.empty() ? "tgi" : m_modelId;  // "tgi": the model TGI serves
    Json messages = Json::array();
    for (const auto& message : request.messages) {
        messages.push_back({{"role", message.role}, {"content", message.content}});
    }
    body["messages"] = std::move(messages);
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};
    if (s.maxNewTokens) {
        body["max_tokens"] = *s.maxNewTokens;
    }
    if (s.temperature) {
        body["temperature"] = *s.temperature;
    }
    if (s.topP) {
        body["top_p"] = *s.topP;
    }
    if (s.seed) {
        body["seed"] = *s.seed;
    }
    if (!s.stop.empty()) {
        body["stop"] = s.stop;
    }
    // Extensions of vLLM, TGI and llama.cpp's servers; OpenAI's own API ignores them.
    if (s.topK) {
        body["top_k"] = *s.topK;
    }
    if (s.minP) {
        body["min_p"] = *s.minP;
    }
    if (s.repetitionPenalty) {
        body["repetition_penalty"] = *s.repetitionPenalty;
        body["repeat_penalty"] = *s.repetitionPenalty;  // llama.cpp's name for it
    }
    return body.dump();
}

std::string RemoteChatBackend::tgiRequestBody(const chat::ChatRequest& request) const
{
    checkReady();
    const chat::SamplingSettings& s = request.sampling;
    // TGI's GenerateParameters: with a parameters object, sampling is off unless do_sample (or
    // temperature/top_k/top_p) says otherwise; temperature must be > 0 and top_p in (0, 1).
    Json parameters = Json::object();
    const bool greedy = s.temperature && *s.temperature <= 0.0;
    if (s.temperature) {
        parameters["do_sample"] = !greedy;
        if (!greedy) {
            parameters["temperature"] = *s.temperature;
        }
    }
    if (!greedy && s.topK && *s.topK > 0) {
        parameters["top_k"] = *s.topK;
    }
    if (!greedy && s.topP && *s.topP > 0.0 && *s.topP < 1.0) {
        parameters["top_p"] = *s.topP;
    }
    if (s.repetitionPenalty && *s.repetitionPenalty > 0.0) {
        parameters["repetition_penalty"] = *s.repetitionPenalty;
    }
    if (s.maxNewTokens) {
        parameters["max_new_tokens"] = *s.maxNewTokens;
    }
    if (s.seed) {
        parameters["seed"] = *s.seed;
    }
    if (!s.stop.empty()) {
        parameters["stop"] = s.stop;
    }
    parameters["details"] = true;
    return Json{{"inputs", m_renderer(request.messages)}, {"parameters", std::move(parameters)}}.dump();
}

chat::ChatResult RemoteChatBackend::complete(const chat::ChatRequest& request, const chat::StreamCallback& onText)
{
    checkReady();
    HttpRequest http = endpointRequest(m_routes.chatUrl, m_endpoint, request.cancel);
    http.post = true;
    http.postBody = m_routes.style == ApiStyle::Tgi ? tgiRequestBody(request) : openAiRequestBody(request);
    http.accept = "text/event-stream";
    StreamDecoder decoder(m_routes.style, m_routes.chatUrl, request, onText);
    const HttpOutcome outcome =
        performHttpExchange(http, [&](std::string_view chunk, const HttpOutcome& answer) { return decoder.onChunk(chunk, answer); });
    if (!outcome.failed() && !outcome.cancelled && !outcome.success()) {
        throw remoteErrorFromHttp({http.url, outcome.status, outcome.errorBody, outcome.retryAfter, !m_endpoint.apiKey.empty()});
    }
    return decoder.finish(outcome, http);
}

}  // namespace lathe::remote
