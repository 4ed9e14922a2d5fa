// HTTP exchanges with a chat server over libcurl: one request, its answer's status and headers,
// the body handed to a sink chunk by chunk (so an event stream is read while it arrives), and
// failures turned into RemoteError. Redirects are followed on the same scheme, host and port
// only, so a bearer token never travels to another server.
//
// Threads: performHttpExchange() blocks on the caller's thread; the cancel flag may be set from
// any thread and is seen within ~50 ms. Exchanges share no state; any thread may run one.
#pragma once

#include "remote/remote_error.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace lathe::remote {

// scheme://authority path tail, where tail is "?query#fragment".
struct UrlParts {
    std::string scheme;  // "http" or "https", lowercase
    std::string authority;
    std::string path;
    std::string tail;
    std::string origin() const { return scheme + "://" + authority; }
};

// Throws lathe::Error (InvalidInput) naming the URL when it is not an http:// or https:// URL
// with a host.
UrlParts splitUrl(const std::string& url);

struct HttpRequest {
    std::string url;
    bool post = false;
    std::string postBody;  // sent as application/json when `post`
    std::string accept;  // the Accept header
    std::string bearerToken;  // empty: no Authorization header
    std::chrono::seconds connectTimeout{10};
    std::chrono::seconds idleTimeout{120};  // no byte for this long ends the exchange
    const std::atomic<bool>* cancel = nullptr;
};

// Why a transfer ended without a whole answer, from libcurl's result.
enum class TransferFailure {
    None,
    HostNotFound,  // the host (or the proxy) has no address
    CannotConnect,  // refused, unreachable
    TimedOut,  // no connection within the connect timeout, or curl saw the transfer stall
    Tls,  // handshake or certificate
    UnusableUrl,  // malformed, or a scheme libcurl does not speak
    NotHttp,  // the server's answer is not HTTP
    Other,  // anything else, e.g. the connection broke
};

struct HttpOutcome {
    int status = 0;  // 0: no HTTP answer
    std::string contentType;  // lowercase
    std::optional<std::int64_t> retryAfter;  // seconds
    std::string redirectUrl;  // where a 3xx answer points, made absolute
    std::string errorBody;  // the start of a non-2xx body, at most 64 KiB
    TransferFailure failure = TransferFailure::None;
    std::string failureMessage;  // libcurl's words for the failure
    bool cancelled = false;  // the cancel flag
    bool stoppedEarly = false;  // the body sink returned false, or an error body was long enough
    bool idleTimeout = false;  // no byte for the request's idle timeout
    bool connected = false;  // a connection was made (tells a connect timeout from a stall)

    // The transfer broke: not cancelled, not ended by the sink, and no whole answer came.
    bool failed() const { return !cancelled && !stoppedEarly && (idleTimeout || failure != TransferFailure::None); }
    bool success() const { return status >= 200 && status < 300; }
};

// Gets a 2xx answer's body chunk by chunk; returns false to end the transfer. What it throws
// ends the transfer too and comes out of performHttpExchange() once libcurl is cleaned up.
using BodySink = std::function<bool(std::string_view chunk, const HttpOutcome& outcome)>;

// Runs the exchange, following redirects to the same origin (five in a row are an error).
// Failures of the transfer are reported in the outcome (see transportError); throws RemoteError
// (Protocol) for a redirect to another origin or too many redirects, and RemoteError
// (Connection) when libcurl cannot start.
HttpOutcome performHttpExchange(HttpRequest request, const BodySink& sink);

// The outcome of a cancelled or failed() exchange as a RemoteError that says what to check.
RemoteError transportError(const HttpOutcome& outcome, const HttpRequest& request);

}  // namespace lathe::remote
