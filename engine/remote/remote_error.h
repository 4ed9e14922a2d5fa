// RemoteError: a failure talking to a chat server (Text Generation Inference or an
// OpenAI-compatible endpoint): no connection, a timeout, an HTTP error status with the server's
// own message (TGI's {"error", "error_type"}, OpenAI's {"error": {"message"}}, FastAPI's
// {"detail"}), or an answer that is not what the protocol promises. what() says what happened
// and what to do ("http://host:8080/v1/chat/completions: 401 Unauthorized: the server refused
// the API key; check the key for this endpoint"). The key itself never appears in a message.
//
// lathe::Error kinds (CLI exit codes): the request or its key is wrong (401, 403, 404, 400,
// 422) -> InvalidInput (exit 2); the server or the network failed -> Unavailable (exit 1);
// cancelled -> Cancelled.
//
// Threads: plain values.
#pragma once

#include "core/error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lathe::remote {

enum class RemoteErrorKind {
    Connection,    // no connection: refused, unknown host, TLS failure
    Timeout,       // connect timeout, or no byte for the idle timeout
    Unauthorized,  // 401
    Forbidden,     // 403
    NotFound,      // 404 (and 405: no such route)
    Validation,    // 422, 400 and other 4xx: the server rejected the request
    Overloaded,    // 429
    Server,        // 5xx, 424: the server failed while answering
    Protocol,      // an answer that is not what the API promises (malformed JSON, wrong stream)
    Cancelled,     // the caller cancelled
};
std::string_view remoteErrorKindName(RemoteErrorKind kind);

class RemoteError : public Error {
public:
    // `url`: the request's URL; `httpStatus`: 0 when no HTTP answer came; `serverMessage`: what
    // the server said, as it said it (may be empty); `reason`: the sentence what() ends with.
    RemoteError(RemoteErrorKind kind, std::string url, int httpStatus, std::string serverMessage, std::string reason,
                std::optional<std::int64_t> retryAfterSeconds = std::nullopt);

    RemoteErrorKind remoteKind() const { return m_remoteKind; }
    int httpStatus() const { return m_httpStatus; }
    const std::string& url() const { return file(); }
    const std::string& serverMessage() const { return m_serverMessage; }
    std::optional<std::int64_t> retryAfterSeconds() const { return m_retryAfterSeconds; }

private:
    RemoteErrorKind m_remoteKind;
    int m_httpStatus;
    std::string m_serverMessage;
    std::optional<std::int64_t> m_retryAfterSeconds;
};

// An HTTP answer with a status outside 2xx, as the client saw it.
struct HttpFailure {
    std::string url;
    int status = 0;
    std::string body;  // the start of the body (bounded by the client)
    std::optional<std::int64_t> retryAfterSeconds;
    bool apiKeySent = false;
};
RemoteError remoteErrorFromHttp(const HttpFailure& failure);

// An error event inside a 200 stream (`eventData`, the event's JSON): TGI's {"error": msg,
// "error_type": type} or OpenAI's {"error": {"message", "type", "http_status_code"?}}.
// httpStatus() is the status the error stands for (validation 422, overloaded 429, generation
// 424, others 500, or the event's own http_status_code).
RemoteError remoteErrorFromStreamEvent(const std::string& url, std::string_view eventData);

// The server's message in an error body: TGI's "error", OpenAI's "error.message", FastAPI's
// "detail" (a string or a list of {msg}), else the body's text; one line, at most ~300
// characters, control characters dropped.
std::string serverMessageFromBody(std::string_view body);

// "Unauthorized" for 401, ...: the reason phrase of an HTTP status ("" when unknown).
std::string_view httpReasonPhrase(int status);

}  // namespace lathe::remote
