// Remote errors: HTTP statuses and servers' error bodies turned into messages a person can act on.
#include "remote/remote_error.h"

#include <nlohmann/json.hpp>

namespace lathe::remote {
namespace {

constexpr std::size_t kMessageLimit = 300;

ErrorKind errorKindOf(RemoteErrorKind kind)
{
    switch (kind) {
    case RemoteErrorKind::Unauthorized:
    case RemoteErrorKind::Forbidden:
    case RemoteErrorKind::NotFound:
    case RemoteErrorKind::Validation:
        return ErrorKind::InvalidInput;
    case RemoteErrorKind::Cancelled:
        return ErrorKind::Cancelled;
    case RemoteErrorKind::Connection:
    case RemoteErrorKind::Timeout:
    case RemoteErrorKind::Overloaded:
    case RemoteErrorKind::Server:
    case RemoteErrorKind::Protocol:
        return ErrorKind::Unavailable;
    }
    return ErrorKind::Unavailable;
}

RemoteErrorKind kindOfStatus(int status)
{
    switch (status) {
    case 401:
        return RemoteErrorKind::Unauthorized;
    case 403:
        return RemoteErrorKind::Forbidden;
    case 404:
    case 405:
        return RemoteErrorKind::NotFound;
    case 408:
        return RemoteErrorKind::Timeout;
    case 429:
        return RemoteErrorKind::Overloaded;
    case 424:
        return RemoteErrorKind::Server;
    default:
        break;
    }
    if (status >= 400 && status < 500) {
        return RemoteErrorKind::Validation;
    }
    return status >= 500 && status < 600 ? RemoteErrorKind::Server : RemoteErrorKind::Protocol;
}

// "401 Unauthorized", or "HTTP 599" for a status without a known phrase.
std::string statusLine(int status)
{
    const std::string_view phrase = httpReasonPhrase(status);
    return phrase.empty() ? "HTTP " + std::to_string(status) : std::to_string(status) + " " + std::string(phrase);
}

bool sameText(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

// One line of readable text: control characters become spaces, runs of spaces collapse, at most
// kMessageLimit bytes (cut at a UTF-8 character boundary).
std::string oneLine(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        const bool space = static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == ' ';
        if (space) {
            if (!out.empty() && out.back() != ' ') {
                out.push_back(' ');
            }
        } else {
            out.push_back(c);
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    if (out.size() > kMessageLimit) {
        std::size_t cut = kMessageLimit;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        out.resize(cut);
        out += "...";
    }
    return out;
}

std::string messageOfJson(const nlohmann::json& body)
{
    if (!body.is_object()) {
        return body.is_string() ? body.get<std::string>() : std::string();
    }
    if (const auto error = body.find("error"); error != body.end()) {
        if (error->is_string()) {
            return error->get<std::string>();
        }
        if (error->is_object()) {
            const auto message = error->find("message");
            if (message != error->end() && message->is_string()) {
                return message->get<std::string>();
            }
        }
    }
    if (const auto detail = body.find("detail"); detail != body.end()) {
        if (detail->is_string()) {
            return detail->get<std::string>();
        }
        if (detail->is_array()) {  // FastAPI's validation errors: [{"loc": [...], "msg": ...}]
            std::string joined;
            for (const auto& item : *detail) {
                if (!item.is_object() || !item.contains("msg") || !item["msg"].is_string()) {
                    continue;
                }
                if (!joined.empty()) {
                    joined += "; ";
                }
                if (item.contains("loc") && item["loc"].is_array() && !item["loc"].empty()) {
                    const auto& last = item["loc"].back();
                    joined += (last.is_string() ? last.get<std::string>() : last.dump()) + ": ";
                }
                joined += item["msg"].get<std::string>();
            }
            return joined;
        }
    }
    if (const auto message = body.find("message"); message != body.end() && message->is_string()) {
        return message->get<std::string>();
    }
    return {};
}

std::string reasonFor(RemoteErrorKind kind, int status, const std::string& message, bool apiKeySent,
                      std::optional<std::int64_t> retryAfter)
{
    const bool informative = !message.empty() && !sameText(message, httpReasonPhrase(status));
    const std::string said = informative ? " (the server said: \"" + message + "\")" : std::string();
    switch (kind) {
    case RemoteErrorKind::Unauthorized:
        return (apiKeySent ? "the server refused the API key; check the key for this endpoint"
                           : "the server needs an API key and none was given; set one for this endpoint") +
               said;
    case RemoteErrorKind::Forbidden:
        return "the server refused access with this API key; check that the key may use this endpoint" + said;
    case RemoteErrorKind::NotFound:
        return "nothing answers at this URL; check the address (TGI and OpenAI-compatible servers answer at "
               "/v1/chat/completions under the server's root URL)" +
               said;
    case RemoteErrorKind::Validation:
        return "the server rejected the request: " + (message.empty() ? std::string("it gave no reason") : message);
    case RemoteErrorKind::Overloaded: {
        std::string text = "the server is overloaded (429); retry in a moment";
        if (retryAfter) {
            text += " (it asks to wait " + std::to_string(*retryAfter) + " s)";
        }
        return text + said;
    }
    case RemoteErrorKind::Timeout:
        return "the server gave up waiting for the request; retry" + said;
    case RemoteErrorKind::Server:
        return "the server failed while answering" + (message.empty() ? std::string() : ": " + message) +
               "; retry, or look at the server's log";
    case RemoteErrorKind::Connection:
    case RemoteErrorKind::Protocol:
    case RemoteErrorKind::Cancelled:
        break;
    }
    return "unexpected HTTP status " + std::to_string(status) + said;
}

}  // namespace

std::string_view remoteErrorKindName(RemoteErrorKind kind)
{
    switch (kind) {
    case RemoteErrorKind::Connection:
        return "connection";
    case RemoteErrorKind::Timeout:
        return "timeout";
    case RemoteErrorKind::Unauthorized:
        return "unauthorized";
    case RemoteErrorKind::Forbidden:
        return "forbidden";
    case RemoteErrorKind::NotFound:
        return "not found";
    case RemoteErrorKind::Validation:
        return "validation";
    case RemoteErrorKind::Overloaded:
        return "overloaded";
    case RemoteErrorKind::Server:
        return "server";
    case RemoteErrorKind::Protocol:
        return "protocol";
    case RemoteErrorKind::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

RemoteError::RemoteError(RemoteErrorKind kind, std::string url, int httpStatus, std::string serverMessage,
                         std::string reason, std::optional<std::int64_t> retryAfterSeconds)
    : Error(errorKindOf(kind), std::move(url), httpStatus > 0 ? statusLine(httpStatus) : std::string(), std::move(reason))
    , m_remoteKind(kind)
    , m_httpStatus(httpStatus)
    , m_serverMessage(std::move(serverMessage))
    , m_retryAfterSeconds(retryAfterSeconds)
{
}

RemoteError remoteErrorFromHttp(const HttpFailure& failure)
{
    const RemoteErrorKind kind = kindOfStatus(failure.status);
    std::string message = serverMessageFromBody(failure.body);
    std::string reason = reasonFor(kind, failure.status, message, failure.apiKeySent, failure.retryAfterSeconds);
    return RemoteError(kind, failure.url, failure.status, std::move(message), std::move(reason), failure.retryAfterSeconds);
}

RemoteError remoteErrorFromStreamEvent(const std::string& url, std::string_view eventData)
{
    const auto event = nlohmann::json::parse(eventData, nullptr, false);
    int status = 500;
    if (event.is_object()) {
        const auto& error = event.contains("error") ? event["error"] : nlohmann::json();
        const std::string type = event.contains("error_type") && event["error_type"].is_string()
                                     ? event["error_type"].get<std::string>()
                                     : error.is_object() && error.contains("type") && error["type"].is_string()
                                         ? error["type"].get<std::string>()
                                         : std::string();
        if (error.is_object() && error.contains("http_status_code") && error["http_status_code"].is_number_integer()) {
            status = error["http_status_code"].get<int>();
        } else if (type == "validation" || type == "invalid_request_error") {
            status = 422;
        } else if (type == "overloaded") {
            status = 429;
        } else if (type == "generation") {
            status = 424;
        }
    }
    const RemoteErrorKind kind = kindOfStatus(status);
    std::string message = serverMessageFromBody(eventData);
    std::string reason = reasonFor(kind, status, message, false, std::nullopt);
    return RemoteError(kind, url, status, std::move(message), std::move(reason));
}

std::string serverMessageFromBody(std::string_view body)
{
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_discarded()) {
        return oneLine(messageOfJson(json));
    }
    // An HTML error page (a proxy's 502): its title says enough.
    const std::size_t title = body.find("<title>");
    if (title != std::string_view::npos) {
        const std::size_t end = body.find("</title>", title);
        return oneLine(body.substr(title + 7, end == std::string_view::npos ? std::string_view::npos : end - title - 7));
    }
    return body.starts_with("<") ? std::string() : oneLine(body);
}

std::string_view httpReasonPhrase(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 424: return "Failed Dependency";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return {};
    }
}

}  // namespace lathe::remote
