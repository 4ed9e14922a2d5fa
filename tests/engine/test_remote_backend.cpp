// RemoteChatBackend against tests/remote/sse_test_server.py (a stdlib Python server speaking
// TGI's and the OpenAI routes, with faults chosen by URL prefix): the text and token counts of
// both API styles, the bodies and headers sent (the server's --log), URL normalisation, every
// failure's state (RemoteError before text, Finish::Error or Cancelled after), cancel and idle
// timeouts, connect() info from /info and /v1/models, the API key; and the EndpointStore files.
#include "core/error.h"
#include "remote/endpoint_store.h"
#include "remote/remote_chat_backend.h"
#include "remote/remote_error.h"
#include "test_files.h"

#include <QProcess>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sys/stat.h>
#include <thread>

using namespace lathe;
using namespace lathe::remote;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

const char* const kServerScript = LATHE_TEST_DATA_DIR "/../remote/sse_test_server.py";

struct Reply {
    chat::ChatResult result;
    std::vector<std::string> pieces;
    double seconds = 0.0;
};

chat::ChatRequest userSays(const std::string& text)
{
    chat::ChatRequest request;
    request.messages = {{"user", text}};
    return request;
}

Reply ask(RemoteChatBackend& backend, const chat::ChatRequest& request, const chat::StreamCallback& extra = {})
{
    Reply reply;
    const auto start = Clock::now();
    reply.result = backend.complete(request, [&](std::string_view piece) {
        reply.pieces.emplace_back(piece);
        return extra ? extra(piece) : true;
    });
    reply.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return reply;
}

std::string joined(const std::vector<std::string>& pieces)
{
    std::string text;
    for (const auto& piece : pieces) {
        text += piece;
    }
    return text;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

// "role: content" lines: the stand-in for a chat template on the TGI text route.
std::string renderLines(const std::vector<chat::Message>& messages)
{
    std::string prompt;
    for (const auto& m : messages) {
        prompt += m.role + ": " + m.content + "\n";
    }
    return prompt;
}

}  // namespace

class TestRemoteBackend : public QObject {
    Q_OBJECT

    QProcess m_server;
    test::TempDir m_dir;
    std::string m_base;  // http://127.0.0.1:PORT

    std::filesystem::path logPath() const { return m_dir / "requests.jsonl"; }

    std::vector<Json> requests() const
    {
        std::vector<Json> entries;
        std::ifstream in(logPath());
        std::string line;
        while (std::getline(in, line)) {
            entries.push_back(Json::parse(line));
        }
        return entries;
    }

    // The last request the server saw for `path`.
    Json lastRequest(const std::string& path) const
    {
        const auto entries = requests();
        for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
            if ((*it)["path"] == path) {
                return *it;
            }
        }
        return Json();
    }

    Endpoint endpoint(const std::string& path, ApiStyle style = ApiStyle::Auto) const
    {
        Endpoint e;
        e.url = m_base + path;
        e.style = style;
        e.connectTimeout = std::chrono::seconds(5);
        e.idleTimeout = std::chrono::seconds(10);
        return e;
    }

    RemoteError errorOf(const std::string& path, ApiStyle style = ApiStyle::Auto)
    {
        RemoteChatBackend backend(endpoint(path, style));
        backend.setPromptRenderer(renderLines);
        try {
            backend.complete(userSays("hello"), [](std::string_view) { return true; });
        } catch (const RemoteError& e) {
            return e;
        }
        throw std::runtime_error("no RemoteError for " + path);
    }

private slots:
    void initTestCase()
    {
        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_server.start("python3", {kServerScript, "--port", "0", "--exit-with-stdin", "--log", QString::fromStdString(logPath().string())});
        QVERIFY2(m_server.waitForStarted(10000), "python3 did not start");
        QByteArray line;
        const auto deadline = Clock::now() + std::chrono::seconds(15);
        while (!m_server.canReadLine() && Clock::now() < deadline) {
            m_server.waitForReadyRead(200);
        }
        line = m_server.readLine().trimmed();
        QVERIFY2(line.startsWith("PORT "), line.constData());
        m_base = "http://127.0.0.1:" + line.mid(5).toStdString();
    }

    void cleanupTestCase()
    {
        m_server.kill();
        m_server.waitForFinished(5000);
    }

    void urlNormalisation()
    {
        struct Case {
            std::string url;
            ApiStyle style;
            ApiStyle resolved;
            std::string chat;
            std::string root;
        };
        const std::vector<Case> cases = {
            {"http://h:8080", ApiStyle::Auto, ApiStyle::OpenAI, "http://h:8080/v1/chat/completions", "http://h:8080"},
            {"http://h:8080/", ApiStyle::Auto, ApiStyle::OpenAI, "http://h:8080/v1/chat/completions", "http://h:8080"},
            {"http://h:8080/v1", ApiStyle::Auto, ApiStyle::OpenAI, "http://h:8080/v1/chat/completions", "http://h:8080"},
            {"http://h:8080/v1/", ApiStyle::Auto, ApiStyle::OpenAI, "http://h:8080/v1/chat/completions", "http://h:8080"},
            {"http://h/v1/chat/completions", ApiStyle::Auto, ApiStyle::OpenAI, "http://h/v1/chat/completions", "http://h"},
            {"https://h/openai/deployments/x/chat/completions?api-version=2", ApiStyle::Auto, ApiStyle::OpenAI,
             "https://h/openai/deployments/x/chat/completions?api-version=2", "https://h/openai/deployments/x"},
            {"http://h/api?x=1", ApiStyle::Auto, ApiStyle::OpenAI, "http://h/api/v1/chat/completions?x=1", "http://h/api"},
            {"HTTP://h:3000/generate_stream", ApiStyle::Auto, ApiStyle::Tgi, "http://h:3000/generate_stream", "http://h:3000"},
            {"http://h:3000", ApiStyle::Tgi, ApiStyle::Tgi, "http://h:3000/generate_stream", "http://h:3000"},
            {"http://h:3000/v1/", ApiStyle::Tgi, ApiStyle::Tgi, "http://h:3000/generate_stream", "http://h:3000"},
            {"http://h:3000/generate_stream", ApiStyle::OpenAI, ApiStyle::OpenAI, "http://h:3000/v1/chat/completions",
             "http://h:3000"},
        };
        for (const auto& c : cases) {
            const EndpointRoutes routes = resolveEndpoint(Endpoint{c.url, {}, c.style});
            QCOMPARE(routes.style, c.resolved);
            QCOMPARE(routes.chatUrl, c.chat);
            QCOMPARE(routes.rootUrl, c.root);
        }
        for (const std::string bad : {"ftp://h/x", "localhost:8080", "http://", "http:///v1", "h:8080/v1", "http://h:/v1"}) {
            try {
                resolveEndpoint(Endpoint{bad, {}, ApiStyle::Auto});
                QFAIL(("accepted " + bad).c_str());
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::InvalidInput);
                QVERIFY2(contains(e.what(), bad), e.what());
            }
        }
    }

    void openAiStream()
    {
        RemoteChatBackend backend(endpoint(""));
        chat::ChatRequest request = userSays("hello big world");
        request.sampling.temperature = 0.5;
        request.sampling.maxNewTokens = 100;
        const Reply reply = ask(backend, request);
        QCOMPARE(reply.pieces, (std::vector<std::string>{"You", " said:", " hello", " big", " world"}));
        QCOMPARE(reply.result.text, std::string("You said: hello big world"));
        QCOMPARE(reply.result.finish, chat::Finish::Eos);
        QCOMPARE(reply.result.promptTokens, std::int64_t(3));       // the server's usage chunk
        QCOMPARE(reply.result.completionTokens, std::int64_t(6));   // five words and the end token
        QVERIFY(reply.result.timeToFirstTokenMs > 0.0);
        QVERIFY(reply.result.tokensPerSecond > 0.0);

        const Json sent = lastRequest("/v1/chat/completions");
        QCOMPARE(sent["method"], "POST");
        QCOMPARE(sent["headers"]["accept"], "text/event-stream");
        QCOMPARE(sent["headers"]["content-type"], "application/json");
        QCOMPARE(sent["authorization_present"], false);
        const Json expected = {{"model", "tgi"},
                               {"messages", {{{"role", "user"}, {"content", "hello big world"}}}},
                               {"stream", true},
                               {"stream_options", {{"include_usage", true}}},
                               {"max_tokens", 100},
                               {"temperature", 0.5}};
        QCOMPARE(sent["body"].dump(), expected.dump());
    }

    void openAiSamplingOptions()
    {
        RemoteChatBackend backend(endpoint("/v1"));
        chat::ChatRequest request = userSays("hi");
        request.messages.insert(request.messages.begin(), {"system", "be brief"});
        request.sampling = {0.0, 40, 0.9, 0.05, 1.1, 64, 7, {"END", "STOP"}};
        ask(backend, request);
        const Json body = lastRequest("/v1/chat/completions")["body"];
        QCOMPARE(body["messages"].size(), std::size_t(2));
        QCOMPARE(body["messages"][0]["role"], "system");
        QCOMPARE(body["temperature"], 0.0);
        QCOMPARE(body["top_k"], 40);
        QCOMPARE(body["top_p"], 0.9);
        QCOMPARE(body["min_p"], 0.05);
        QCOMPARE(body["repetition_penalty"], 1.1);
        QCOMPARE(body["repeat_penalty"], 1.1);
        QCOMPARE(body["max_tokens"], 64);
        QCOMPARE(body["seed"], 7);
        QCOMPARE(body["stop"], Json({"END", "STOP"}));
    }

    void lengthAndStopStrings()
    {
        RemoteChatBackend openai(endpoint(""));
        chat::ChatRequest request = userSays("hello big world");
        request.sampling.maxNewTokens = 2;
        Reply reply = ask(openai, request);
        QCOMPARE(reply.result.text, std::string("You said:"));
        QCOMPARE(reply.result.finish, chat::Finish::Length);
        QCOMPARE(reply.result.completionTokens, std::int64_t(2));

        request.sampling.maxNewTokens.reset();
        request.sampling.stop = {"big"};
        reply = ask(openai, request);
        QCOMPARE(reply.result.text, std::string("You said: hello "));  // the OpenAI API leaves the stop out
        QCOMPARE(reply.result.finish, chat::Finish::Eos);                // and calls it "stop"

        RemoteChatBackend tgi(endpoint("/generate_stream"));
        tgi.setPromptRenderer(renderLines);
        reply = ask(tgi, request);
        QCOMPARE(reply.result.text, std::string("You said: user: hello big"));
        QCOMPARE(reply.result.finish, chat::Finish::Stop);  // TGI's stop_sequence
        request.sampling.stop.clear();
        request.sampling.maxNewTokens = 3;
        reply = ask(tgi, request);
        QCOMPARE(reply.result.text, std::string("You said: user:"));
        QCOMPARE(reply.result.finish, chat::Finish::Length);
    }

    void tgiStream()
    {
        RemoteChatBackend backend(endpoint("/generate_stream"));
        QCOMPARE(backend.routes().style, ApiStyle::Tgi);
        backend.setPromptRenderer(renderLines);
        chat::ChatRequest request;
        request.messages = {{"system", "be brief"}, {"user", "hello big world"}};
        request.sampling.temperature = 0.7;
        request.sampling.topK = 40;
        request.sampling.topP = 1.0;  // TGI wants 0 < top_p < 1: left out
        request.sampling.maxNewTokens = 50;
        request.sampling.seed = 3;
        const Reply reply = ask(backend, request);
        // The end token is special: counted, not shown.
        QCOMPARE(reply.pieces, (std::vector<std::string>{"You", " said:", " user:", " hello", " big", " world"}));
        QCOMPARE(reply.result.finish, chat::Finish::Eos);
        QCOMPARE(reply.result.completionTokens, std::int64_t(7));  // details.generated_tokens
        QCOMPARE(reply.result.promptTokens, std::int64_t(7));      // details.input_length: the prompt's words
        const Json body = lastRequest("/generate_stream")["body"];
        const Json expected = {{"inputs", "system: be brief\nuser: hello big world\n"},
                               {"parameters",
                                {{"do_sample", true},
                                 {"temperature", 0.7},
                                 {"top_k", 40},
                                 {"max_new_tokens", 50},
                                 {"seed", 3},
                                 {"details", true}}}};
        QCOMPARE(body.dump(), expected.dump());

        // Greedy: no temperature (TGI refuses 0) and no sampling parameters that would turn it on.
        request.sampling.temperature = 0.0;
        request.sampling.topP = 0.9;
        request.sampling.repetitionPenalty = 1.2;
        request.sampling.stop = {"###"};
        QCOMPARE(ask(backend, request).result.text, std::string("You said: user: hello big world"));
        const Json greedy = lastRequest("/generate_stream")["body"]["parameters"];
        const Json expectedGreedy = {{"do_sample", false}, {"repetition_penalty", 1.2}, {"max_new_tokens", 50},
                                     {"seed", 3},          {"stop", {"###"}},           {"details", true}};
        QCOMPARE(greedy.dump(), expectedGreedy.dump());
    }

    void tgiRouteNeedsRenderer()
    {
        RemoteChatBackend backend(endpoint("", ApiStyle::Tgi));
        const std::size_t before = requests().size();
        for (int attempt = 0; attempt < 2; ++attempt) {
            try {
                if (attempt == 0) {
                    backend.checkReady();
                } else {
                    backend.complete(userSays("hi"), [](std::string_view) { return true; });
                }
                QFAIL("the TGI route ran without a prompt renderer");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::InvalidInput);
                QVERIFY2(contains(e.what(), "chat template") && contains(e.what(), "/v1/chat/completions"), e.what());
            }
        }
        QCOMPARE(requests().size(), before);  // nothing was sent
    }

    void httpErrorsBeforeText()
    {
        struct Case {
            int status;
            RemoteErrorKind kind;
            ErrorKind errorKind;
            std::string serverMessage;
            std::string says;
        };
        const std::vector<Case> cases = {
            {401, RemoteErrorKind::Unauthorized, ErrorKind::InvalidInput, "Invalid API key",
             "needs an API key and none was given"},
            {403, RemoteErrorKind::Forbidden, ErrorKind::InvalidInput, "This key may not use this model", "refused access"},
            {404, RemoteErrorKind::NotFound, ErrorKind::InvalidInput, "Not Found", "check the address"},
            {422, RemoteErrorKind::Validation, ErrorKind::InvalidInput,
             "Input validation error: `inputs` tokens + `max_new_tokens` must be <= 2048. Given: 1500 `inputs` tokens "
             "and 1000 `max_new_tokens`",
             "the server rejected the request: Input validation error: `inputs` tokens"},
            {400, RemoteErrorKind::Validation, ErrorKind::InvalidInput, "Bad request: malformed parameters",
             "rejected the request: Bad request"},
            {429, RemoteErrorKind::Overloaded, ErrorKind::Unavailable, "Model is overloaded",
             "the server is overloaded (429); retry in a moment (it asks to wait 7 s)"},
            {424, RemoteErrorKind::Server, ErrorKind::Unavailable, "Request failed during generation: CUDA out of memory",
             "failed while answering: Request failed during generation"},
            {500, RemoteErrorKind::Server, ErrorKind::Unavailable, "Incomplete generation", "failed while answering"},
        };
        for (const auto& c : cases) {
            // OpenAI bodies on /v1/..., TGI's {"error", "error_type"} on /generate_stream.
            for (const std::string route : {"", "/generate_stream"}) {
                const std::string path = "/fault/status-" + std::to_string(c.status) + route;
                const RemoteError e = errorOf(path);
                const std::string what = e.what();
                QCOMPARE(e.remoteKind(), c.kind);
                QCOMPARE(e.httpStatus(), c.status);
                QCOMPARE(e.kind(), c.errorKind);
                QCOMPARE(e.exitCode(), c.errorKind == ErrorKind::InvalidInput ? 2 : 1);
                QCOMPARE(e.serverMessage(), c.serverMessage);
                QVERIFY2(what.starts_with(m_base + path), what.c_str());
                QVERIFY2(contains(what, std::to_string(c.status) + " "), what.c_str());
                QVERIFY2(contains(what, c.says), what.c_str());
                QCOMPARE(e.retryAfterSeconds().has_value(), c.status == 429);
            }
        }
        const RemoteError e = errorOf("/fault/status-401");
        QCOMPARE(std::string(e.what()),
                 m_base + "/fault/status-401/v1/chat/completions: 401 Unauthorized: the server needs an API key and "
                          "none was given; set one for this endpoint (the server said: \"Invalid API key\")");
    }

    void connectionRefused()
    {
        Endpoint e = endpoint("");  // port 1: nobody listens there
        e.url = "http://127.0.0.1:1";
        RemoteChatBackend backend(e);
        for (int call = 0; call < 2; ++call) {
            try {
                if (call == 0) {
                    backend.connect();
                } else {
                    backend.complete(userSays("hi"), [](std::string_view) { return true; });
                }
                QFAIL("no error from a closed port");
            } catch (const RemoteError& error) {
                QCOMPARE(error.remoteKind(), RemoteErrorKind::Connection);
                QCOMPARE(error.httpStatus(), 0);
                QCOMPARE(error.exitCode(), 1);
                QVERIFY2(contains(error.what(), "http://127.0.0.1:1/") && contains(error.what(), "cannot connect"), error.what());
            }
        }
    }

    void droppedConnectionKeepsText()
    {
        for (const std::string route : {"", "/generate_stream"}) {
            RemoteChatBackend backend(endpoint("/fault/drop-after-3" + route));
            backend.setPromptRenderer(renderLines);
            const Reply reply = ask(backend, userSays("hello big world"));
            QCOMPARE(reply.result.text, route.empty() ? std::string("You said: hello") : std::string("You said: user:"));
            QCOMPARE(reply.result.finish, chat::Finish::Error);
            QVERIFY2(reply.result.error.starts_with("connection dropped after 3 tokens"), reply.result.error.c_str());
            QCOMPARE(reply.result.completionTokens, std::int64_t(3));
        }
        // Dropped before any text: an error, not an empty answer.
        try {
            RemoteChatBackend backend(endpoint("/fault/drop-after-0"));
            ask(backend, userSays("hello"));
            QFAIL("no error for a stream dropped before any text");
        } catch (const RemoteError& e) {
            QCOMPARE(e.remoteKind(), RemoteErrorKind::Connection);
            QCOMPARE(e.httpStatus(), 200);
        }
    }

    void malformedEventKeepsText()
    {
        for (const std::string route : {"", "/generate_stream"}) {
            RemoteChatBackend backend(endpoint("/fault/malformed" + route));
            backend.setPromptRenderer(renderLines);
            const Reply reply = ask(backend, userSays("hello big world"));
            QCOMPARE(reply.result.text, std::string("You said:"));
            QCOMPARE(reply.result.finish, chat::Finish::Error);
            QVERIFY2(contains(reply.result.error, "after 2 tokens") && contains(reply.result.error, "not a JSON object"),
                     reply.result.error.c_str());
        }
    }

    void streamErrorEventKeepsText()
    {
        for (const std::string route : {"", "/generate_stream"}) {
            RemoteChatBackend backend(endpoint("/fault/stream-error" + route));
            backend.setPromptRenderer(renderLines);
            const Reply reply = ask(backend, userSays("hello big world"));
            QCOMPARE(reply.result.text, std::string("You said:"));
            QCOMPARE(reply.result.finish, chat::Finish::Error);
            QVERIFY2(contains(reply.result.error, "after 2 tokens") && contains(reply.result.error, "CUDA out of memory"),
                     reply.result.error.c_str());
        }
    }

    void errorEventsBeforeText()
    {
        for (const std::string route : {"", "/generate_stream"}) {
            const RemoteError error = errorOf("/fault/stream-error-at-0" + route);
            QCOMPARE(error.remoteKind(), RemoteErrorKind::Server);
            QCOMPARE(error.httpStatus(), 424);  // TGI's "generation" error type, or the event's http_status_code
            QCOMPARE(error.serverMessage(), std::string("Request failed during generation: CUDA out of memory"));
            QCOMPARE(error.exitCode(), 1);
            const RemoteError malformed = errorOf("/fault/malformed-at-0" + route);
            QCOMPARE(malformed.remoteKind(), RemoteErrorKind::Protocol);
            QVERIFY2(contains(malformed.what(), "not a JSON object"), malformed.what());
        }
    }

    void answerThatIsNotAStream()
    {
        try {
            RemoteChatBackend backend(endpoint("/fault/no-stream"));
            ask(backend, userSays("hello"));
            QFAIL("a JSON answer was taken for a stream");
        } catch (const RemoteError& e) {
            QCOMPARE(e.remoteKind(), RemoteErrorKind::Protocol);
            QVERIFY2(contains(e.what(), "application/json, not an event stream"), e.what());
        }
    }

    void cancelFlagStopsWithinOneToken()
    {
        for (const std::string route : {"", "/generate_stream"}) {
            RemoteChatBackend backend(endpoint("/fault/slow-50" + route));
            backend.setPromptRenderer(renderLines);
            std::atomic<bool> cancel{false};
            chat::ChatRequest request = userSays("one two three four five six");
            request.cancel = &cancel;
            int seen = 0;
            const Reply cut = ask(backend, request, [&](std::string_view) {
                if (++seen == 2) {
                    cancel = true;  // as another thread would, between two tokens
                }
                return true;
            });
            QCOMPARE(cut.result.finish, chat::Finish::Cancelled);
            QCOMPARE(cut.pieces.size(), std::size_t(2));
            QCOMPARE(cut.result.text, std::string("You said:"));
        }
    }

    void cancelFromAnotherThread()
    {
        RemoteChatBackend backend(endpoint("/fault/slow-100"));
        std::atomic<bool> cancel{false};
        chat::ChatRequest request = userSays("a b c d e f g h i j k l m n o p");
        request.cancel = &cancel;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(350));
            cancel = true;
        });
        const Reply reply = ask(backend, request);
        canceller.join();
        QCOMPARE(reply.result.finish, chat::Finish::Cancelled);
        QVERIFY(!reply.pieces.empty() && reply.pieces.size() < 10);
        QCOMPARE(reply.result.text, joined(reply.pieces));
        QVERIFY2(reply.seconds < 0.35 + 0.25, std::to_string(reply.seconds).c_str());  // within about one token
    }

    void callbackFalseCancels()
    {
        RemoteChatBackend backend(endpoint(""));
        const Reply reply = ask(backend, userSays("hello big world"), [](std::string_view) { return false; });
        QCOMPARE(reply.result.finish, chat::Finish::Cancelled);
        QCOMPARE(reply.result.text, std::string("You"));
    }

    void cancelWhileWaitingForTheFirstByte()
    {
        RemoteChatBackend backend(endpoint("/fault/hang"));
        std::atomic<bool> cancel{false};
        chat::ChatRequest request = userSays("hello");
        request.cancel = &cancel;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            cancel = true;
        });
        const Reply reply = ask(backend, request);
        canceller.join();
        QCOMPARE(reply.result.finish, chat::Finish::Cancelled);
        QCOMPARE(reply.result.text, std::string());
        QVERIFY2(reply.seconds < 0.6, std::to_string(reply.seconds).c_str());
    }

    void idleTimeout()
    {
        Endpoint e = endpoint("/fault/hang");
        e.idleTimeout = std::chrono::seconds(1);
        RemoteChatBackend backend(e);
        const auto start = Clock::now();
        try {
            ask(backend, userSays("hello"));
            QFAIL("no timeout on a server that sends nothing");
        } catch (const RemoteError& error) {
            QCOMPARE(error.remoteKind(), RemoteErrorKind::Timeout);
            QCOMPARE(error.exitCode(), 1);
            QVERIFY2(contains(error.what(), "1 s (the idle timeout)"), error.what());
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        QVERIFY2(seconds >= 1.0 && seconds < 2.5, std::to_string(seconds).c_str());
    }

    void connectReadsTgiInfo()
    {
        RemoteChatBackend backend(endpoint("/v1/"));
        QCOMPARE(backend.info().name, m_base.substr(7));  // host:port until connected
        backend.connect();
        QCOMPARE(backend.info().name, std::string("lathe-test/echo"));
        QCOMPARE(backend.info().maxInputTokens, std::int64_t(1024));
        QCOMPARE(backend.info().contextTokens, std::int64_t(2048));
        QCOMPARE(backend.info().description, "TGI 3.0.0-test at " + m_base);
        QVERIFY(!lastRequest("/info").is_null());
        ask(backend, userSays("hi"));
        QCOMPARE(lastRequest("/v1/chat/completions")["body"]["model"], "tgi");  // TGI: its own model
    }

    void connectReadsOpenAiModels()
    {
        RemoteChatBackend backend(endpoint("/fault/openai-only"));
        backend.connect();
        QCOMPARE(backend.info().name, std::string("lathe-test/echo"));
        QCOMPARE(backend.info().contextTokens, std::int64_t(4096));  // meta.n_ctx_train
        QCOMPARE(backend.info().maxInputTokens, std::int64_t(0));
        QVERIFY(contains(backend.info().description, "OpenAI-compatible"));
        ask(backend, userSays("hi"));
        QCOMPARE(lastRequest("/fault/openai-only/v1/chat/completions")["body"]["model"], "lathe-test/echo");
    }

    void connectToAServerThatSaysNothing()
    {
        RemoteChatBackend backend(endpoint("/fault/no-info"));
        backend.connect();
        QCOMPARE(backend.info().name, m_base.substr(7));
        QCOMPARE(backend.info().contextTokens, std::int64_t(0));
        QCOMPARE(ask(backend, userSays("still works")).result.text, std::string("You said: still works"));
    }

    void connectErrors()
    {
        RemoteChatBackend unauthorized(endpoint("/fault/status-401"));
        try {
            unauthorized.connect();
            QFAIL("connect() accepted a 401");
        } catch (const RemoteError& e) {
            QCOMPARE(e.remoteKind(), RemoteErrorKind::Unauthorized);
            QVERIFY2(contains(e.what(), m_base + "/fault/status-401/info"), e.what());
        }
        RemoteChatBackend failing(endpoint("/fault/status-503"));
        try {
            failing.connect();
            QFAIL("connect() accepted a 503");
        } catch (const RemoteError& e) {
            QCOMPARE(e.remoteKind(), RemoteErrorKind::Server);
            QCOMPARE(e.exitCode(), 1);
        }
    }

    void apiKey()
    {
        const std::string path = "/fault/require-key-s3cret-key-1234";
        Endpoint e = endpoint(path);
        RemoteChatBackend none(e);
        try {
            none.connect();
            QFAIL("no key, no 401");
        } catch (const RemoteError& error) {
            QVERIFY2(contains(error.what(), "none was given"), error.what());
        }
        QCOMPARE(lastRequest(path + "/info")["authorization_present"], false);

        e.apiKey = "wrong-key-5678";
        RemoteChatBackend wrong(e);
        try {
            wrong.connect();
            QFAIL("a wrong key, no 401");
        } catch (const RemoteError& error) {
            QVERIFY2(contains(error.what(), "refused the API key; check the key"), error.what());
            QVERIFY2(!contains(error.what(), "wrong-key"), error.what());  // never the key itself
        }
        QCOMPARE(lastRequest(path + "/info")["authorization_correct"], false);

        e.apiKey = "s3cret-key-1234";
        RemoteChatBackend right(e);
        right.connect();
        QCOMPARE(right.info().name, std::string("lathe-test/echo"));
        QCOMPARE(ask(right, userSays("ok")).result.text, std::string("You said: ok"));
        const Json sent = lastRequest(path + "/v1/chat/completions");
        QCOMPARE(sent["authorization_present"], true);
        QCOMPARE(sent["authorization_correct"], true);

        e.apiKey = "two\r\nX-Injected: 1";
        QVERIFY_THROWS_EXCEPTION(Error, RemoteChatBackend{e});
    }

    void redirectsStayOnTheHost()
    {
        RemoteChatBackend same(endpoint("/fault/redirect"));
        QCOMPARE(ask(same, userSays("moved")).result.text, std::string("You said: moved"));
        QVERIFY(!lastRequest("/v1/chat/completions").is_null());

        const std::size_t before = requests().size();
        RemoteChatBackend away(endpoint("/fault/redirect-away"));
        try {
            ask(away, userSays("moved"));
            QFAIL("followed a redirect to another host");
        } catch (const RemoteError& e) {
            QCOMPARE(e.remoteKind(), RemoteErrorKind::Protocol);
            QVERIFY2(contains(e.what(), "another host"), e.what());
        }
        const auto entries = requests();
        QCOMPARE(entries.size(), before + 1);  // the redirect itself, nothing sent to localhost
    }

    void endpointStore()
    {
        test::TempDir config;
        EndpointStore store(config.path() / "lathe");
        QVERIFY(store.list().empty());
        QVERIFY(!store.apiKey("http://a:1").has_value());

        store.save({"Local TGI", "http://a:1", ApiStyle::Tgi, false}, std::string("sk-abcdefghijklmnop7f3a"));
        store.save({"vLLM", "http://b:2/v1", ApiStyle::Auto, false}, std::nullopt);
        auto list = store.list();
        QCOMPARE(list.size(), std::size_t(2));
        QCOMPARE(list[0].name, std::string("Local TGI"));
        QCOMPARE(list[0].style, ApiStyle::Tgi);
        QVERIFY(list[0].hasKey);
        QVERIFY(!list[1].hasKey);
        QCOMPARE(store.apiKey("http://a:1").value(), std::string("sk-abcdefghijklmnop7f3a"));

        // The key lives only in the 0600 file.
        struct stat keysStat {};
        QCOMPARE(::stat(store.keysFile().c_str(), &keysStat), 0);
        QCOMPARE(keysStat.st_mode & 0777, 0600u);
        std::ifstream listFile(store.endpointsFile());
        const std::string listText((std::istreambuf_iterator<char>(listFile)), std::istreambuf_iterator<char>());
        QVERIFY(!contains(listText, "abcdefgh"));

        // nullopt keeps the key, "" removes it; the same URL replaces in place.
        store.save({"Renamed", "http://a:1", ApiStyle::OpenAI, false}, std::nullopt);
        list = store.list();
        QCOMPARE(list[0].name, std::string("Renamed"));
        QCOMPARE(list[0].style, ApiStyle::OpenAI);
        QVERIFY(list[0].hasKey);
        store.save(list[0], std::string());
        QVERIFY(!store.apiKey("http://a:1").has_value());
        store.remove("http://b:2/v1");
        QCOMPARE(store.list().size(), std::size_t(1));

        QVERIFY_THROWS_EXCEPTION(Error, store.save({"bad", "not a url", ApiStyle::Auto, false}, std::nullopt));

        test::writeBytes(store.keysFile(), "{\"keys\": {\"http://a:1\": sk-leaked-secret}");
        try {
            store.apiKey("http://a:1");
            QFAIL("a corrupt key file was read");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), store.keysFile().string()), e.what());
            QVERIFY2(!contains(e.what(), "leaked"), e.what());
        }
        test::writeBytes(store.endpointsFile(), "{\"endpoints\": [{\"url\": \"http://a:1\", \"style\": \"grpc\"}]}");
        try {
            store.list();
            QFAIL("an unknown style was accepted");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), "endpoints.json") && contains(e.what(), "grpc"), e.what());
        }
    }

    void maskedSecrets()
    {
        QCOMPARE(maskSecret("sk-abcdefghijklmnop7f3a"), std::string("sk-\u2026" "7f3a"));
        QCOMPARE(maskSecret("hf_abcdefghijklmnopqrstuvwxyz12"), std::string("hf_\u2026" "yz12"));
        QCOMPARE(maskSecret("abcdefghijklmnopqrst"), std::string("\u2026qrst"));
        QCOMPARE(maskSecret("abcdefghij"), std::string("\u2026ij"));
        QCOMPARE(maskSecret("abc"), std::string("\u2026"));
        QCOMPARE(maskSecret(""), std::string("\u2026"));
    }
};

QTEST_GUILESS_MAIN(TestRemoteBackend)
#include "test_remote_backend.moc"
