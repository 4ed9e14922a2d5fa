// Fuzz target: what a chat server sends back, hostile. The input is a server-sent-events stream
// (its first byte seeds where the stream is cut into chunks): SseParser must give the same
// events however the bytes are split, and each event's data, and the stream as an error body,
// go through the error readers a failed request uses. Fails on a crash, a sanitizer report, an
// exception other than lathe::Error, or events that depend on the chunking.
#include "core/error.h"
#include "remote/remote_error.h"
#include "remote/sse_parser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Parsed {
    std::vector<std::string> events;  // type, id and data of each event, joined
    bool failed = false;              // a lathe::Error (an over-long line or event)
    bool done = false;
};

Parsed parse(std::string_view stream, std::uint8_t seed)
{
    Parsed parsed;
    lathe::remote::SseParser parser(
        [&](const lathe::remote::SseEvent& event) {
            parsed.events.push_back(event.type + '\x1f' + event.id + '\x1f' + event.data);
            return true;
        },
        4096);
    try {
        std::size_t at = 0;
        std::uint32_t state = seed;
        while (at < stream.size()) {
            state = state * 1103515245u + 12345u;
            const std::size_t size = seed == 0 ? stream.size() : 1 + (state >> 16) % 17;
            parser.feed(stream.substr(at, size));
            at += size;
        }
    } catch (const lathe::Error&) {
        parsed.failed = true;
    }
    parsed.done = parser.sawDone();
    return parsed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    const std::uint8_t seed = data[0];
    const std::string_view stream(reinterpret_cast<const char*>(data + 1), size - 1);
    const Parsed whole = parse(stream, 0);
    const Parsed chunked = parse(stream, seed | 1);
    // An over-long line may fail at a different event in chunks; otherwise they agree exactly.
    if (!whole.failed && !chunked.failed && (whole.events != chunked.events || whole.done != chunked.done)) {
        std::abort();
    }
    for (const std::string& event : whole.events) {
        const std::string data_ = event.substr(event.rfind('\x1f') + 1);
        const lathe::remote::RemoteError error = lathe::remote::remoteErrorFromStreamEvent("http://127.0.0.1:1/v1", data_);
        if (std::string_view(error.what()).empty()) {
            std::abort();
        }
    }
    lathe::remote::serverMessageFromBody(stream);
    lathe::remote::HttpFailure failure;
    failure.url = "http://127.0.0.1:1/v1/chat/completions";
    failure.status = 400 + seed % 200;
    failure.body = std::string(stream);
    if (std::string_view(lathe::remote::remoteErrorFromHttp(failure).what()).empty()) {
        std::abort();
    }
    return 0;
}
