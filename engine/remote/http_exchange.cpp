// HTTP exchanges over libcurl: an easy handle on a multi handle polled every 50 ms. Redirects are
// followed here, not by curl, so the origin is checked before the key goes along.
#include "remote/http_exchange.h"

#include <curl/curl.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>

namespace lathe::remote {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kErrorBodyLimit = std::size_t(64) << 10;  // enough for any error message
constexpr int kMaxRedirects = 5;
constexpr int kPollMs = 50;

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
    void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct MultiDeleter {
    void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::string lowered(std::string_view text)
{
    std::string out(text);
    for (char& c : out) {
        c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

TransferFailure failureOf(CURLcode code)
{
    switch (code) {
    case CURLE_OK:
        return TransferFailure::None;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return TransferFailure::HostNotFound;
    case CURLE_COULDNT_CONNECT:
        return TransferFailure::CannotConnect;
    case CURLE_OPERATION_TIMEDOUT:
        return TransferFailure::TimedOut;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return TransferFailure::Tls;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return TransferFailure::UnusableUrl;
    case CURLE_WEIRD_SERVER_REPLY:
        return TransferFailure::NotHttp;
    default:
        return TransferFailure::Other;
    }
}

struct TransferState {
    CURL* easy = nullptr;
    HttpOutcome* outcome = nullptr;
    const BodySink* sink = nullptr;
    Clock::time_point lastByte;
    std::exception_ptr exception;  // thrown by the sink, rethrown after cleanup
};

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& state = *static_cast<TransferState*>(user);
    state.lastByte = Clock::now();
    const std::size_t bytes = size * count;
    std::string_view line(data, bytes);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
        line.remove_suffix(1);
    }
    HttpOutcome& outcome = *state.outcome;
    if (line.starts_with("HTTP/")) {  // a new answer (after a 100 Continue): forget the last one's headers
        outcome.contentType.clear();
        outcome.retryAfter.reset();
        return bytes;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
        return bytes;
    }
    const std::string name = lowered(line.substr(0, colon));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
    }
    if (name == "content-type") {
        outcome.contentType = lowered(value);
    } else if (name == "retry-after" && !value.empty() && value.size() < 10 &&
               value.find_first_not_of("0123456789") == std::string_view::npos) {
        outcome.retryAfter = std::stoll(std::string(value));  // an HTTP-date form is not used by these servers
    }
    return bytes;
}

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& state = *static_cast<TransferState*>(user);
    state.lastByte = Clock::now();
    const std::size_t bytes = size * count;
    HttpOutcome& outcome = *state.outcome;
    if (outcome.status == 0) {
        long status = 0;
        curl_easy_getinfo(state.easy, CURLINFO_RESPONSE_CODE, &status);
        outcome.status = static_cast<int>(status);
    }
    if (!outcome.success()) {
        const std::size_t room = kErrorBodyLimit - std::min(kErrorBodyLimit, outcome.errorBody.size());
        outcome.errorBody.append(data, std::min(room, bytes));
        outcome.stoppedEarly = bytes > room;  // enough of an error body: stop reading it
        return outcome.stoppedEarly ? 0 : bytes;
    }
    try {
        outcome.stoppedEarly = !(*state.sink)(std::string_view(data, bytes), outcome);
    } catch (...) {
        state.exception = std::current_exception();
        outcome.stoppedEarly = true;
    }
    return outcome.stoppedEarly ? 0 : bytes;
}

// One exchange, no redirects followed. The loop polls every kPollMs for the cancel flag and the
// idle timeout, so neither waits for curl's own (about once a second) progress calls.
HttpOutcome performOnce(const HttpRequest& request, const BodySink& sink)
{
    initCurlOnce();
    std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
    std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
    if (!easy || !multi) {
        throw RemoteError(RemoteErrorKind::Connection, request.url, 0, {}, "libcurl could not start a transfer (out of memory)");
    }
    curl_slist* rawHeaders = nullptr;
    rawHeaders = curl_slist_append(rawHeaders, ("Accept: " + request.accept).c_str());
    if (request.post) {
        rawHeaders = curl_slist_append(rawHeaders, "Content-Type: application/json");
        rawHeaders = curl_slist_append(rawHeaders, "Expect:");  // no 100-continue round trip for long conversations
    }
    if (!request.bearerToken.empty()) {
        rawHeaders = curl_slist_append(rawHeaders, ("Authorization: Bearer " + request.bearerToken).c_str());
    }
    std::unique_ptr<curl_slist, SlistDeleter> headers(rawHeaders);

    HttpOutcome outcome;
    TransferState state;
    state.easy = easy.get();
    state.outcome = &outcome;
    state.sink = &sink;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    CURL* e = easy.get();
    curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // redirects: performHttpExchange() checks the host first
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connectTimeout.count() * 1000));
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(e, CURLOPT_USERAGENT, "Lathe");
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &state);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &state);
    if (request.post) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.postBody.size()));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.postBody.data());
    }

    curl_multi_add_handle(multi.get(), e);
    state.lastByte = Clock::now();
    const auto idle = std::chrono::duration_cast<Clock::duration>(request.idleTimeout);
    CURLcode code = CURLE_OK;
    while (true) {
        int running = 0;
        const CURLMcode mc = curl_multi_perform(multi.get(), &running);
        if (mc != CURLM_OK) {
            code = CURLE_FAILED_INIT;
            outcome.failureMessage = curl_multi_strerror(mc);
            break;
        }
        if (running == 0 || outcome.stoppedEarly) {
            break;
        }
        if (request.cancel != nullptr && request.cancel->load()) {
            outcome.cancelled = true;
            break;
        }
        if (Clock::now() - state.lastByte > idle) {
            outcome.idleTimeout = true;
            break;
        }
        curl_multi_poll(multi.get(), nullptr, 0, kPollMs, nullptr);
    }
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
        if (message->msg == CURLMSG_DONE && message->easy_handle == e) {
            code = message->data.result;
        }
    }
    if (outcome.status == 0) {
        long status = 0;
        curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
        outcome.status = static_cast<int>(status);
    }
    if (char* redirect = nullptr; curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &redirect) == CURLE_OK && redirect) {
        outcome.redirectUrl = redirect;
    }
    curl_off_t connectTime = 0;
    curl_easy_getinfo(e, CURLINFO_CONNECT_TIME_T, &connectTime);
    outcome.connected = connectTime > 0 || outcome.status > 0;
    outcome.failure = failureOf(code);
    if (code != CURLE_OK) {
        outcome.failureMessage = errorBuffer[0] != '\0' ? errorBuffer : curl_easy_strerror(code);
    }
    curl_multi_remove_handle(multi.get(), e);
    if (state.exception) {
        std::rethrow_exception(state.exception);
    }
    return outcome;
}

}  // namespace

UrlParts splitUrl(const std::string& url)
{
    const std::size_t sep = url.find("://");
    UrlParts parts;
    if (sep != std::string::npos) {
        parts.scheme = lowered(std::string_view(url).substr(0, sep));
    }
    if (parts.scheme != "http" && parts.scheme != "https") {
        throwInvalid(url, {}, "not an http:// or https:// URL (a chat server's address, e.g. http://localhost:8080)");
    }
    const std::size_t hostStart = sep + 3;
    const std::size_t pathStart = std::min(url.find_first_of("/?#", hostStart), url.size());
    parts.authority = url.substr(hostStart, pathStart - hostStart);
    const std::size_t tailStart = std::min(url.find_first_of("?#", pathStart), url.size());
    parts.path = url.substr(pathStart, tailStart - pathStart);
    parts.tail = url.substr(tailStart);
    const std::size_t at = parts.authority.rfind('@');
    const std::string host = at == std::string::npos ? parts.authority : parts.authority.substr(at + 1);
    if (host.empty() || host.front() == ':' || host.back() == ':' || host.find_first_of(" \t\r\n") != std::string::npos) {
        throwInvalid(url, {}, "the URL has no valid host");
    }
    return parts;
}

HttpOutcome performHttpExchange(HttpRequest request, const BodySink& sink)
{
    for (int hop = 0;; ++hop) {
        HttpOutcome outcome = performOnce(request, sink);
        const bool redirect = outcome.status >= 300 && outcome.status < 400 && !outcome.redirectUrl.empty();
        if (!redirect || outcome.failed() || outcome.cancelled) {
            return outcome;
        }
        const std::string& target = outcome.redirectUrl;
        bool sameOrigin = false;
        try {
            sameOrigin = lowered(splitUrl(target).origin()) == lowered(splitUrl(request.url).origin());
        } catch (const Error&) {
            sameOrigin = false;  // not an http(s) URL
        }
        if (!sameOrigin) {
            throw RemoteError(RemoteErrorKind::Protocol, request.url, outcome.status, {},
                              "the server redirects to " + target +
                                  ", another host; Lathe follows redirects on the same host only, so the API key "
                                  "stays with this server: use that URL if you trust it");
        }
        if (hop + 1 >= kMaxRedirects) {
            throw RemoteError(RemoteErrorKind::Protocol, request.url, outcome.status, {},
                              "more than " + std::to_string(kMaxRedirects) + " redirects; check the URL");
        }
        request.url = target;
    }
}

RemoteError transportError(const HttpOutcome& outcome, const HttpRequest& request)
{
    const std::string& url = request.url;
    if (outcome.cancelled) {
        return RemoteError(RemoteErrorKind::Cancelled, url, 0, {}, "cancelled");
    }
    if (outcome.idleTimeout) {
        return RemoteError(RemoteErrorKind::Timeout, url, outcome.status, {},
                           "no data from the server for " + std::to_string(request.idleTimeout.count()) +
                               " s (the idle timeout); the server may be stuck or overloaded");
    }
    const std::string reason = outcome.failureMessage;
    switch (outcome.failure) {
    case TransferFailure::HostNotFound:
        return RemoteError(RemoteErrorKind::Connection, url, 0, {}, "cannot find the host (" + reason + "); check the address");
    case TransferFailure::CannotConnect:
        return RemoteError(RemoteErrorKind::Connection, url, 0, {},
                           "cannot connect (" + reason + "); is the server running, and are the host and port right?");
    case TransferFailure::TimedOut:
        if (!outcome.connected) {
            return RemoteError(RemoteErrorKind::Timeout, url, 0, {},
                               "no connection within " + std::to_string(request.connectTimeout.count()) + " s (" +
                                   reason + "); check the address and that the server is up");
        }
        return RemoteError(RemoteErrorKind::Timeout, url, outcome.status, {}, "the server stopped answering (" + reason + ")");
    case TransferFailure::Tls:
        return RemoteError(RemoteErrorKind::Connection, url, 0, {},
                           "TLS failed (" + reason + "); check the server's certificate, and whether it speaks https at all");
    case TransferFailure::UnusableUrl:
        return RemoteError(RemoteErrorKind::Connection, url, 0, {}, "the URL cannot be used (" + reason + ")");
    case TransferFailure::NotHttp:
        return RemoteError(RemoteErrorKind::Protocol, url, outcome.status, {},
                           "the answer is not HTTP (" + reason + "); is this the right port?");
    case TransferFailure::None:
    case TransferFailure::Other:
        break;
    }
    if (outcome.status > 0) {
        return RemoteError(RemoteErrorKind::Connection, url, outcome.status, {}, "the connection broke during the answer (" + reason + ")");
    }
    return RemoteError(RemoteErrorKind::Connection, url, 0, {}, "the connection failed (" + reason + ")");
}

}  // namespace lathe::remote
