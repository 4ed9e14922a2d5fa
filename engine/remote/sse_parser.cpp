// Server-sent events: line splitting across chunks, fields, dispatch on blank lines.
#include "remote/sse_parser.h"

#include "core/byte_size.h"
#include "core/error.h"

#include <algorithm>

namespace lathe::remote {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string_view trimmed(std::string_view text)
{
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

// `retry:` takes ASCII digits only; anything else (or an absurd value) is ignored, as
// EventSource does.
std::optional<std::int64_t> retryValue(std::string_view value)
{
    if (value.empty() || value.size() > 15 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::int64_t ms = 0;
    for (const char c : value) {
        ms = ms * 10 + (c - '0');
    }
    return ms;
}

}  // namespace

bool SseEvent::isDone() const
{
    return trimmed(data) == "[DONE]";
}

SseParser::SseParser(EventHandler onEvent, std::size_t maxEventBytes)
    : m_onEvent(std::move(onEvent))
    , m_maxEventBytes(maxEventBytes)
{
}

bool SseParser::feed(std::string_view bytes)
{
    if (m_stopped) {
        return false;
    }
    std::size_t at = 0;
    if (m_skipLf && !bytes.empty()) {
        m_skipLf = false;
        if (bytes.front() == '\n') {
            at = 1;
        }
    }
    while (at < bytes.size()) {
        const std::size_t end = bytes.find_first_of("\r\n", at);
        const std::size_t stop = end == std::string_view::npos ? bytes.size() : end;
        m_line.append(bytes.substr(at, stop - at));
        if (m_line.size() + m_data.size() > m_maxEventBytes) {
            throwTooLong(m_line.size() > m_data.size() ? "a line" : "an event");
        }
        if (end == std::string_view::npos) {
            break;
        }
        processLine(m_line);
        m_line.clear();
        at = end + 1;
        if (bytes[end] == '\r') {
            if (at < bytes.size()) {
                at += bytes[at] == '\n' ? 1 : 0;
            } else {
                m_skipLf = true;  // CRLF split between two chunks
            }
        }
        if (m_stopped) {
            return false;
        }
    }
    return true;
}

void SseParser::processLine(std::string_view line)
{
    if (m_atStart) {
        m_atStart = false;
        if (line.starts_with(kByteOrderMark)) {
            line.remove_prefix(kByteOrderMark.size());
        }
    }
    if (line.empty()) {
        dispatch();
        return;
    }
    if (line.front() == ':') {
        return;  // a comment: servers send them as keep-alives
    }
    const std::size_t colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
    if (value.starts_with(' ')) {
        value.remove_prefix(1);
    }
    if (field == "data") {
        m_data.append(value);
        m_data.push_back('\n');
        m_hasData = true;
    } else if (field == "event") {
        m_type.assign(value);
    } else if (field == "id") {
        if (value.find('\0') == std::string_view::npos) {
            m_lastId.assign(value);
        }
    } else if (field == "retry") {
        if (const auto ms = retryValue(value)) {
            m_retryMs = ms;
        }
    }
    // Other fields are ignored, as the standard says.
}

void SseParser::dispatch()
{
    if (!m_hasData) {
        m_type.clear();  // an event without data lines is dropped
        return;
    }
    SseEvent event;
    event.type = m_type.empty() ? "message" : std::move(m_type);
    m_data.pop_back();  // the "\n" after the last data line
    event.data = std::move(m_data);
    event.id = m_lastId;
    event.retryMs = m_retryMs;
    m_data.clear();
    m_type.clear();
    m_hasData = false;
    ++m_dispatched;
    m_sawDone = m_sawDone || event.isDone();
    m_stopped = !m_onEvent(event);
}

void SseParser::throwTooLong(std::string_view what) const
{
    throwInvalid({}, "server-sent events",
                 std::string(what) + " longer than " + formatByteSize(m_maxEventBytes) +
                     " without an end (the limit of one event); the server is not sending a valid event stream");
}

}  // namespace lathe::remote
