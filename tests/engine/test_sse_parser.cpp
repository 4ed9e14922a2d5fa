// The server-sent events parser: the EventSource rules (line endings, fields, comments, the one
// space after the colon, multi-line data, dispatch on blank lines, id/retry carrying over), the
// [DONE] marker, the same events whatever the chunk boundaries, and the memory bound.
#include "core/error.h"
#include "remote/sse_parser.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace lathe;
using namespace lathe::remote;

namespace {

struct Seen {
    std::string type;
    std::string data;
    std::string id;
    std::int64_t retryMs = -1;
    bool operator==(const Seen&) const = default;
};

std::vector<Seen> parseChunks(const std::vector<std::string>& chunks, std::size_t limit = SseParser::kDefaultMaxEventBytes)
{
    std::vector<Seen> seen;
    SseParser parser(
        [&](const SseEvent& e) {
            seen.push_back({e.type, e.data, e.id, e.retryMs.value_or(-1)});
            return true;
        },
        limit);
    for (const auto& chunk : chunks) {
        parser.feed(chunk);
    }
    return seen;
}

std::vector<Seen> parse(const std::string& stream)
{
    return parseChunks({stream});
}

std::vector<std::string> datas(const std::vector<Seen>& events)
{
    std::vector<std::string> out;
    for (const auto& e : events) {
        out.push_back(e.data);
    }
    return out;
}

using Strings = std::vector<std::string>;

// A stream with every feature once: BOM, CRLF/CR/LF, comments, fields, multi-line data, an
// event without data, [DONE].
const std::string kSample =
    "\xEF\xBB\xBF: keep-alive\r\n"
    "event: token\r\n"
    "id: 41\r\n"
    "retry: 2500\r\n"
    "data: {\"text\": \"Hel\"}\r\n"
    "\r\n"
    "data:{\"text\": \"lo\"}\r\r"
    ": ping\n\n"
    "event: ignored-without-data\n\n"
    "data: line one\n"
    "data:  two spaces\n"
    "data\n"
    "unknown: field\n"
    "id: 42\n"
    "\n"
    "data: [DONE]\n\n";

const std::vector<Seen> kSampleEvents = {
    {"token", "{\"text\": \"Hel\"}", "41", 2500},
    {"message", "{\"text\": \"lo\"}", "41", 2500},
    {"message", "line one\n two spaces\n", "42", 2500},
    {"message", "[DONE]", "42", 2500},
};

}  // namespace

class TestSseParser : public QObject {
    Q_OBJECT
private slots:
    void dataLinesWithAndWithoutSpace()
    {
        QCOMPARE(datas(parse("data: a\n\ndata:b\n\ndata:  c\n\n")), (Strings{"a", "b", " c"}));
    }

    void lineEndings()
    {
        QCOMPARE(datas(parse("data: lf\n\ndata: crlf\r\n\r\ndata: cr\r\rdata: mixed\r\n\n")),
                 (Strings{"lf", "crlf", "cr", "mixed"}));
    }

    void multiLineDataJoinedWithNewline()
    {
        QCOMPARE(datas(parse("data: one\ndata: two\ndata:\ndata: four\n\n")), (Strings{"one\ntwo\n\nfour"}));
        QCOMPARE(datas(parse("data\n\n")), (Strings{""}));  // a field name alone: empty value
    }

    void commentsAreIgnored()
    {
        QCOMPARE(datas(parse(": ping\n\n:\n: another\ndata: x\n: inside an event\ndata: y\n\n")), (Strings{"x\ny"}));
    }

    void eventWithoutDataIsNotDispatched()
    {
        const auto events = parse("event: alone\n\nid: 3\n\ndata: x\n\n");
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].type, std::string("message"));  // the type does not carry over
        QCOMPARE(events[0].id, std::string("3"));           // the id does
    }

    void eventIdAndRetryFields()
    {
        const auto events = parse("event: update\nid: 7\nretry: 1500\ndata: x\n\n"
                                  "retry: soon\nid: other\ndata: y\n\n"
                                  "id\ndata: z\n\n");
        QCOMPARE(events.size(), std::size_t(3));
        QCOMPARE(events[0], (Seen{"update", "x", "7", 1500}));
        QCOMPARE(events[1], (Seen{"message", "y", "other", 1500}));  // a retry that is not digits is ignored
        QCOMPARE(events[2], (Seen{"message", "z", "", 1500}));  // "id" alone resets it
    }

    void idWithNulIsIgnored()
    {
        const std::string stream = std::string("id: 5\ndata: a\n\nid: x") + '\0' + "y\ndata: b\n\n";
        const auto events = parse(stream);
        QCOMPARE(events.size(), std::size_t(2));
        QCOMPARE(events[1].id, std::string("5"));
    }

    void unknownFieldsAreIgnored()
    {
        QCOMPARE(datas(parse("foo: bar\ndata: x\nDATA: not data\nData: neither\n\n")), (Strings{"x"}));
    }

    void byteOrderMarkOnlyAtStart()
    {
        QCOMPARE(datas(parse("\xEF\xBB\xBF" "data: x\n\n")), (Strings{"x"}));
        QCOMPARE(datas(parseChunks({"\xEF", "\xBB", "\xBF" "da", "ta: x\n\n"})), (Strings{"x"}));
        // Later, the same bytes are part of a field name: not "data".
        QCOMPARE(datas(parse("data: a\n\n\xEF\xBB\xBF" "data: b\n\n")), (Strings{"a"}));
    }

    void doneMarker()
    {
        for (const std::string stream : {"data: [DONE]\n\n", "data:[DONE]\n\n", "data: [DONE] \r\n\r\n"}) {
            bool done = false;
            SseParser parser([&](const SseEvent& e) {
                done = e.isDone();
                return true;
            });
            QVERIFY(!parser.sawDone());
            parser.feed(stream);
            QVERIFY2(done, stream.c_str());
            QVERIFY(parser.sawDone());
        }
        SseParser parser([](const SseEvent&) { return true; });
        parser.feed("data: {\"text\": \"[DONE]\"}\n\ndata: [DONE]x\n\n");
        QVERIFY(!parser.sawDone());
        QCOMPARE(parser.eventsDispatched(), std::int64_t(2));
    }

    void sampleInOneChunk()
    {
        QCOMPARE(parse(kSample), kSampleEvents);
    }

    // Every split point, and every pair of split points, gives the same events.
    void chunkBoundariesAnywhere()
    {
        for (std::size_t i = 0; i <= kSample.size(); ++i) {
            QCOMPARE(parseChunks({kSample.substr(0, i), kSample.substr(i)}), kSampleEvents);
        }
        for (std::size_t i = 0; i <= kSample.size(); i += 3) {
            for (std::size_t j = i; j <= kSample.size(); ++j) {
                QCOMPARE(parseChunks({kSample.substr(0, i), kSample.substr(i, j - i), kSample.substr(j)}), kSampleEvents);
            }
        }
        std::vector<std::string> bytes;
        for (const char c : kSample) {
            bytes.emplace_back(1, c);
        }
        QCOMPARE(parseChunks(bytes), kSampleEvents);
    }

    void crlfSplitBetweenChunks()
    {
        // "\r" ends a line at once; the "\n" that follows in the next chunk must not end another
        // (an empty line there would dispatch "a" early and split the event in two).
        QCOMPARE(datas(parseChunks({"data: a\r", "\ndata: b\r", "\n\r", "\n"})), (Strings{"a\nb"}));
        QCOMPARE(datas(parseChunks({"data: a\r", "", "\n\r\n"})), (Strings{"a"}));
    }

    void handlerStops()
    {
        std::vector<std::string> seen;
        SseParser parser([&](const SseEvent& e) {
            seen.push_back(e.data);
            return seen.size() < 2;
        });
        QVERIFY(parser.feed("data: 1\n\n"));
        QVERIFY(!parser.feed("data: 2\n\ndata: 3\n\n"));
        QVERIFY(!parser.feed("data: 4\n\n"));
        QCOMPARE(seen, (Strings{"1", "2"}));
    }

    void partialEventAtTheEnd()
    {
        std::vector<std::string> seen;
        SseParser parser([&](const SseEvent& e) {
            seen.push_back(e.data);
            return true;
        });
        QVERIFY(!parser.hasPartialEvent());
        parser.feed("data: whole\n\ndata: cut");
        QVERIFY(parser.hasPartialEvent());
        parser.feed(" off\n");
        QVERIFY(parser.hasPartialEvent());  // a data line, no blank line yet
        QCOMPARE(seen, (Strings{"whole"}));
        parser.feed("\n");
        QVERIFY(!parser.hasPartialEvent());
        QCOMPARE(seen, (Strings{"whole", "cut off"}));
    }

    void lineLimit()
    {
        // Exactly at the limit is fine...
        QCOMPARE(datas(parseChunks({"data: " + std::string(58, 'x') + "\n\n"}, 64)), (Strings{std::string(58, 'x')}));
        // ...one byte more is not, however it arrives.
        try {
            parseChunks({"data: " + std::string(59, 'x')}, 64);
            QFAIL("no error for a line over the limit");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::InvalidInput);
            QVERIFY2(std::string(e.what()).find("64 B") != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find("line") != std::string::npos, e.what());
        }
        SseParser parser([](const SseEvent&) { return true; }, 1024);
        std::size_t fed = 0;
        try {
            for (; fed < 100000; ++fed) {
                parser.feed("no newline ever ");
            }
            QFAIL("no error for a server that never ends a line");
        } catch (const Error& e) {
            QVERIFY(fed * 16 <= 1024 + 16);  // it stopped at the limit, not later
        }
    }

    void eventLimitCountsAllItsLines()
    {
        // Short lines, but the event's data keeps growing without a blank line.
        std::string stream;
        for (int i = 0; i < 20; ++i) {
            stream += "data: 0123456789\n";
        }
        try {
            parseChunks({stream}, 100);
            QFAIL("no error for an event over the limit");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("event") != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find("100 B") != std::string::npos, e.what());
        }
        // The same lines as separate events stay within it.
        std::string separate;
        for (int i = 0; i < 20; ++i) {
            separate += "data: 0123456789\n\n";
        }
        QCOMPARE(parseChunks({separate}, 100).size(), std::size_t(20));
    }
};

QTEST_APPLESS_MAIN(TestSseParser)
#include "test_sse_parser.moc"
