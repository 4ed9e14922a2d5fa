// SseParser: an incremental parser of server-sent events (text/event-stream), as the HTML
// standard's EventSource reads them: bytes arrive in chunks split anywhere, lines end in CRLF,
// LF or CR, `field: value` lines fill the event (one space after the colon is dropped), data
// lines are joined with "\n", lines starting with ':' are comments (keep-alives) and a blank line
// dispatches the event. Streams of TGI and OpenAI-compatible servers end with `data: [DONE]`
// (OpenAI) or simply close (TGI's /generate_stream).
//
// Memory is bounded: a line, or an event's data, longer than maxEventBytes is an error that names
// the limit (a server that never sends a newline must not eat memory).
//
// Threads: one parser per stream, used from one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace lathe::remote {

struct SseEvent {
    std::string type;                   // the `event:` field; "message" when the event has none
    std::string data;                   // the `data:` lines joined with "\n"
    std::string id;                     // the last `id:` seen on the stream (it carries over)
    std::optional<std::int64_t> retryMs;  // the last valid `retry:` seen on the stream

    // `data: [DONE]`, the end of an OpenAI-style stream.
    bool isDone() const;
};

class SseParser {
public:
    static constexpr std::size_t kDefaultMaxEventBytes = std::size_t(8) << 20;

    // Gets each event as it is dispatched; return false to stop: the parser then drops the rest.
    using EventHandler = std::function<bool(const SseEvent& event)>;

    explicit SseParser(EventHandler onEvent, std::size_t maxEventBytes = kDefaultMaxEventBytes);

    // Parses the next bytes. Returns false once the handler has asked to stop (later feeds do
    // nothing). Throws lathe::Error (InvalidInput) when a line or an event's data exceeds the
    // limit; the parser is then unusable.
    bool feed(std::string_view bytes);

    // True once a `data: [DONE]` event was dispatched.
    bool sawDone() const { return m_sawDone; }
    std::int64_t eventsDispatched() const { return m_dispatched; }
    // Whether bytes of an event that was never ended by a blank line are pending: at the end of
    // the stream such an event is not dispatched (as EventSource does).
    bool hasPartialEvent() const { return !m_line.empty() || m_hasData || !m_type.empty(); }

private:
    void processLine(std::string_view line);
    void dispatch();
    [[noreturn]] void throwTooLong(std::string_view what) const;

    EventHandler m_onEvent;
    std::size_t m_maxEventBytes;
    std::string m_line;         // the current line, not yet ended
    bool m_skipLf = false;      // the previous chunk ended with CR: a leading LF belongs to it
    bool m_atStart = true;      // a UTF-8 byte order mark at the very start is dropped
    bool m_stopped = false;
    bool m_sawDone = false;
    std::string m_data;
    bool m_hasData = false;
    std::string m_type;
    std::string m_lastId;
    std::optional<std::int64_t> m_retryMs;
    std::int64_t m_dispatched = 0;
};

}  // namespace lathe::remote
