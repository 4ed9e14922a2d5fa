// Conversations of the Chat page: the message tree (edit-and-resend and regenerate branch, the
// old branches stay reachable, sibling arrows, what a backend is sent for each leaf, the compare
// leaf), the JSON format (round trip, and every validation error naming its field on documents
// written by hand), the store (list/save/remove/search with bad files beside good ones, no
// temporary files left), and the Markdown export against a text written by hand.
#include "chat/conversation.h"
#include "chat/conversation_store.h"
#include "core/error.h"
#include "core/file_io.h"
#include "test_files.h"

#include <QtTest>

#include <functional>

using namespace lathe;
using namespace lathe::chat;
using json = nlohmann::json;

namespace {

std::vector<std::int64_t> ids(const std::vector<const Conversation::Node*>& nodes)
{
    std::vector<std::int64_t> out;
    for (const Conversation::Node* n : nodes) out.push_back(n->id);
    return out;
}

std::string describe(const std::vector<Message>& messages)
{
    std::string out;
    for (const Message& m : messages) out += m.role + ":" + m.content + "|";
    return out;
}

// Runs `f` and requires an lathe::Error of `kind` whose message contains every fragment.
void expectError(const std::function<void()>& f, ErrorKind kind, const std::vector<std::string>& fragments,
                 const std::string& context = {})
{
    try {
        f();
    } catch (const Error& e) {
        const std::string message = e.what();
        QVERIFY2(e.kind() == kind, (context + ": wrong kind for: " + message).c_str());
        for (const std::string& fragment : fragments) {
            QVERIFY2(message.find(fragment) != std::string::npos,
                     (context + ": \"" + fragment + "\" not in: " + message).c_str());
        }
        return;
    }
    QFAIL((context + ": no lathe::Error thrown").c_str());
}

// A valid document as a person would write it: two roots, the first with an answer that was
// regenerated once.
json handWrittenDocument()
{
    return json::parse(R"({
        "format": "lathe-conversation",
        "version": 1,
        "id": "0123456789abcdef0123456789abcdef",
        "title": "",
        "systemPrompt": "Be brief.",
        "createdMs": 1700000000000,
        "updatedMs": 1700000005000,
        "sampling": {"temperature": 0.5, "topK": null, "stop": ["</s>"]},
        "nextId": 5,
        "selectedRoot": 1,
        "compareLeaf": 2,
        "nodes": [
            {"id": 1, "parent": 0, "role": "user", "content": "Hi", "createdMs": 1700000000000, "selectedChild": 3},
            {"id": 2, "parent": 1, "role": "assistant", "content": "Hello!", "createdMs": 1700000001000,
             "answer": {"backend": "tiny", "finish": "eos", "error": "", "promptTokens": 12, "completionTokens": 3,
                        "droppedMessages": 0, "timeToFirstTokenMs": 20.5, "tokensPerSecond": 40}},
            {"id": 3, "parent": 1, "role": "assistant", "content": "Hey.", "createdMs": 1700000002000},
            {"id": 4, "parent": 0, "role": "user", "content": "Other start", "createdMs": 1700000003000}
        ]
    })");
}

Conversation withUpdatedMs(const Conversation& conversation, std::int64_t updatedMs)
{
    json document = conversation.toJson();
    document["updatedMs"] = updatedMs;
    return Conversation::fromJson(document, "test");
}

std::vector<std::string> filesIn(const std::filesystem::path& folder)
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

class TestConversation : public QObject {
    Q_OBJECT
private slots:
    void branchesKeepOldAnswersReachable()
    {
        Conversation c = Conversation::create();
        QVERIFY(Conversation::isValidId(c.id()));
        QCOMPARE(c.id().size(), std::size_t(32));
        QVERIFY(c.empty());
        QCOMPARE(c.leaf(), std::int64_t(0));

        const std::int64_t u1 = c.append(0, "user", "Hello");
        const std::int64_t a1 = c.append(u1, "assistant", "Hi!");
        const std::int64_t u2 = c.append(a1, "user", "Tell me a joke");
        const std::int64_t a2 = c.append(u2, "assistant", "Joke A");
        QCOMPARE(ids(c.path()), (std::vector<std::int64_t>{u1, a1, u2, a2}));
        QCOMPARE(c.leaf(), a2);

        // Edit-and-resend: a sibling of the user turn, answered on its own branch.
        const std::int64_t u2b = c.branchFrom(u2, "Tell me a story");
        QCOMPARE(c.node(u2b)->parent, a1);
        QCOMPARE(c.node(u2b)->role, std::string("user"));
        const std::int64_t a2b = c.append(u2b, "assistant", "Story");
        QCOMPARE(ids(c.path()), (std::vector<std::int64_t>{u1, a1, u2b, a2b}));
        QCOMPARE(c.siblings(u2), (SiblingPosition{0, 2}));
        QCOMPARE(c.siblings(u2b), (SiblingPosition{1, 2}));
        QCOMPARE(ids(c.pathTo(a2)), (std::vector<std::int64_t>{u1, a1, u2, a2}));
        QCOMPARE(c.node(a2)->content, std::string("Joke A"));

        // Regenerate: an empty assistant sibling that streams in.
        const std::int64_t a2c = c.branchFrom(a2b, "");
        c.appendContent(a2c, "Once ");
        c.appendContent(a2c, "upon a time");
        QCOMPARE(c.node(a2c)->content, std::string("Once upon a time"));
        QCOMPARE(c.siblings(a2c), (SiblingPosition{1, 2}));
        QCOMPARE(c.leaf(), a2c);

        // The arrows: each branch remembers what was shown inside it; the ends clamp.
        QCOMPARE(c.selectSibling(u2b, -1), u2);
        QCOMPARE(ids(c.path()), (std::vector<std::int64_t>{u1, a1, u2, a2}));
        QCOMPARE(c.selectSibling(u2, -1), u2);
        QCOMPARE(c.selectSibling(u2, +5), u2b);
        QCOMPARE(c.leaf(), a2c);
        QCOMPARE(c.selectSibling(a2c, -1), a2b);
        QCOMPARE(c.leaf(), a2b);

        // What each leaf sends to a backend.
        c.setSystemPrompt("Be brief.");
        QCOMPARE(describe(c.messages(a2)),
                 std::string("system:Be brief.|user:Hello|assistant:Hi!|user:Tell me a joke|assistant:Joke A|"));
        QCOMPARE(describe(c.messages(u2b)), std::string("system:Be brief.|user:Hello|assistant:Hi!|user:Tell me a story|"));
        c.setSystemPrompt("");
        QCOMPARE(describe(c.messages(a1)), std::string("user:Hello|assistant:Hi!|"));
        QVERIFY(c.messages(0).empty());

        // Compare mode: a second leaf; promoting it to the main column selects its path.
        c.setCompareLeaf(a2);
        QCOMPARE(c.compareLeaf(), a2);
        c.selectPathTo(a2);
        QCOMPARE(c.leaf(), a2);
        c.selectPathTo(a2c);
        QCOMPARE(c.leaf(), a2c);
    }

    void removingASubtreeMovesTheSelectionAndNeverReusesIds()
    {
        Conversation c = Conversation::create();
        const std::int64_t u1 = c.append(0, "user", "Q");
        const std::int64_t a1 = c.append(u1, "assistant", "A1");
        const std::int64_t a2 = c.branchFrom(a1, "A2");
        const std::int64_t a3 = c.branchFrom(a1, "A3");
        const std::int64_t follow = c.append(a2, "user", "more");
        c.selectSibling(a3, -1);  // a2 shown
        c.setCompareLeaf(follow);

        c.removeSubtree(a2);  // the shown one: its previous sibling takes its place
        QCOMPARE(c.leaf(), a1);
        QCOMPARE(c.compareLeaf(), std::int64_t(0));
        QVERIFY(c.node(follow) == nullptr);
        QCOMPARE(c.children(u1), (std::vector<std::int64_t>{a1, a3}));
        c.removeSubtree(a1);  // the first one: the next sibling is shown
        QCOMPARE(c.leaf(), a3);
        QCOMPARE(c.siblings(a3), (SiblingPosition{0, 1}));
        c.removeSubtree(u1);
        QVERIFY(c.empty());
        QVERIFY(c.path().empty());
        QCOMPARE(c.append(0, "user", "again"), follow + 1);
    }

    void misuseThrowsNamingTheMessage()
    {
        Conversation c = Conversation::create();
        const std::int64_t u1 = c.append(0, "user", "Q");
        expectError([&] { c.append(99, "user", "x"); }, ErrorKind::InvalidInput, {"message 99", "no such message"});
        expectError([&] { c.append(u1, "system", "x"); }, ErrorKind::InvalidInput, {"role", "\"system\""});
        expectError([&] { c.setAnswerInfo(u1, {}); }, ErrorKind::InvalidInput, {"only assistant messages"});
        expectError([&] { c.setCompareLeaf(7); }, ErrorKind::InvalidInput, {"message 7"});
        expectError([&] { c.pathTo(7); }, ErrorKind::InvalidInput, {"message 7"});
        expectError([&] { c.siblings(7); }, ErrorKind::InvalidInput, {"message 7"});
        expectError([&] { c.removeSubtree(7); }, ErrorKind::InvalidInput, {"message 7"});
        QCOMPARE(c.nodeCount(), std::size_t(1));
    }

    void titlesFollowTheFirstUserMessage()
    {
        Conversation c = Conversation::create();
        QCOMPARE(c.title(), std::string());
        const std::int64_t u1 =
            c.append(0, "user", "\n   How do I convert a GGUF file into a Hugging Face folder with Lathe?\nSecond line");
        QCOMPARE(c.suggestTitle(), std::string("How do I convert a GGUF file into a Hugging Face\u2026"));
        QCOMPARE(c.title(), c.suggestTitle());
        c.setTitle("GGUF conversion");
        QCOMPARE(c.title(), std::string("GGUF conversion"));
        c.setTitle("");
        c.branchFrom(u1, "Short question");
        QCOMPARE(c.title(), std::string("Short question"));

        // Cut at the last space in the second half; a code point is never split.
        QCOMPARE(firstLinePreview("one two three four five six seven eight nine ten eleven", 20),
                 std::string("one two three four\u2026"));
        std::string accents;
        for (int i = 0; i < 30; ++i) accents += "\u00e9";
        QCOMPARE(firstLinePreview(accents, 10), std::string("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u2026"));
        QCOMPARE(firstLinePreview("  \n\t\n", 10), std::string());
        // A code fence says nothing: the first line with words does.
        QCOMPARE(firstLinePreview("```python\ndef f():\n```", 40), std::string("def f():"));
        QCOMPARE(firstLinePreview("\n~~~\n", 10), std::string());
    }

    void searchIsCaseInsensitiveOverEveryBranch()
    {
        Conversation c = Conversation::create();
        const std::int64_t u1 = c.append(0, "user", "Grüße aus KÖLN");
        const std::int64_t a1 = c.append(u1, "assistant", "Danke!");
        c.branchFrom(a1, "Something else entirely");  // a1 is no longer shown
        QVERIFY(c.matches("köln"));
        QVERIFY(c.matches("GRÜSSE") == false);  // lowercase, not case folding: ß stays ß
        QVERIFY(c.matches("GRÜ"));
        QVERIFY(c.matches("danke"));
        QVERIFY(c.matches(""));
        QVERIFY(!c.matches("absent"));
        c.setTitle("Travel Plans");
        QVERIFY(c.matches("travel"));
        c.setSystemPrompt("You are a Pirate.");
        QVERIFY(c.matches("pirate"));
        // Invalid UTF-8 neither throws nor matches by accident.
        c.setContent(a1, std::string("bad \xC3 byte"));
        QVERIFY(c.matches(std::string("\xC3 BYTE")));
        QVERIFY(!c.matches("bad byte"));
    }

    void jsonRoundTripIsExact()
    {
        Conversation c = Conversation::create();
        c.setTitle("Round trip");
        c.setSystemPrompt("System text");
        SamplingSettings sampling;
        sampling.temperature = 0.7;
        sampling.topK = 40;
        sampling.seed = 18446744073709551615ull;
        sampling.stop = {"</s>", "\nUser:"};
        c.setSampling(sampling);
        const std::int64_t u1 = c.append(0, "user", "Hi \u263A \"quoted\"\n");
        const std::int64_t a1 = c.append(u1, "assistant", "Hello");
        AnswerInfo info;
        info.backend = "SmolLM2";
        info.finish = "length";
        info.promptTokens = 17;
        info.completionTokens = 64;
        info.droppedMessages = 2;
        info.timeToFirstTokenMs = 12.25;
        info.tokensPerSecond = 88.5;
        c.setAnswerInfo(a1, info);
        const std::int64_t a2 = c.branchFrom(a1, "Hey");
        c.selectSibling(a2, -1);
        c.setCompareLeaf(a2);
        const std::int64_t gone = c.append(a1, "user", "removed");
        c.removeSubtree(gone);

        const json first = c.toJson();
        QCOMPARE(first["format"], json("lathe-conversation"));
        QCOMPARE(first["version"], json(1));
        QVERIFY(first["sampling"]["topP"].is_null());
        QVERIFY(first["sampling"]["maxNewTokens"].is_null());
        const Conversation read = Conversation::fromJson(json::parse(first.dump()), "round.json");
        QCOMPARE(read.toJson(), first);
        QCOMPARE(read.id(), c.id());
        QCOMPARE(read.sampling().seed, sampling.seed);
        QVERIFY(!read.sampling().topP.has_value());
        QCOMPARE(read.node(a1)->answer, std::optional<AnswerInfo>(info));
        QVERIFY(!read.node(a2)->answer.has_value());
        QCOMPARE(read.leaf(), a1);
        QCOMPARE(read.compareLeaf(), a2);

        // The next id survives the file, so a removed id is never given out again.
        Conversation again = read;
        QCOMPARE(again.append(a1, "user", "next"), gone + 1);
    }

    void handWrittenDocumentLoads()
    {
        const Conversation c = Conversation::fromJson(handWrittenDocument(), "hand.json");
        QCOMPARE(ids(c.path()), (std::vector<std::int64_t>{1, 3}));
        QCOMPARE(c.siblings(4), (SiblingPosition{1, 2}));
        QCOMPARE(c.sampling().temperature, std::optional<double>(0.5));
        QVERIFY(!c.sampling().topK.has_value());
        QCOMPARE(c.node(2)->answer->tokensPerSecond, 40.0);
        QCOMPARE(c.title(), std::string("Hi"));
        QCOMPARE(c.compareLeaf(), std::int64_t(2));

        // Without selections the newest child is shown.
        json document = handWrittenDocument();
        document.erase("selectedRoot");
        document["nodes"][0].erase("selectedChild");
        QCOMPARE(ids(Conversation::fromJson(document, "hand.json").path()), (std::vector<std::int64_t>{4}));
    }

    void everyValidationErrorNamesItsField()
    {
        struct Case {
            const char* name;
            std::function<void(json&)> edit;
            std::vector<std::string> fragments;
            ErrorKind kind = ErrorKind::InvalidInput;
        };
        const std::vector<Case> cases = {
            {"not an object", [](json& d) { d = json::array(); }, {"document", "expected an object, found array"}},
            {"format missing", [](json& d) { d.erase("format"); }, {"format", "is missing"}},
            {"format wrong", [](json& d) { d["format"] = "chatgpt-export"; }, {"format", "\"chatgpt-export\""}},
            {"version newer", [](json& d) { d["version"] = 2; }, {"version", "newer"}, ErrorKind::Unsupported},
            {"version text", [](json& d) { d["version"] = "1"; }, {"version", "expected an integer, found string"}},
            {"id uppercase", [](json& d) { d["id"] = "ABCDEF"; }, {"id", "lowercase hex"}},
            {"id path", [](json& d) { d["id"] = "../../etc/passwd"; }, {"id", "lowercase hex"}},
            {"title number", [](json& d) { d["title"] = 5; }, {"title", "expected a string, found number"}},
            {"systemPrompt missing", [](json& d) { d.erase("systemPrompt"); }, {"systemPrompt", "is missing"}},
            {"createdMs negative", [](json& d) { d["createdMs"] = -1; }, {"createdMs", "out of range"}},
            {"updatedMs huge", [](json& d) { d["updatedMs"] = 18446744073709551615ull; }, {"updatedMs", "out of range"}},
            {"sampling array", [](json& d) { d["sampling"] = json::array(); }, {"sampling", "expected an object"}},
            {"temperature text", [](json& d) { d["sampling"]["temperature"] = "hot"; },
             {"sampling.temperature", "expected a number"}},
            {"temperature negative", [](json& d) { d["sampling"]["temperature"] = -0.5; },
             {"sampling.temperature", "out of range"}},
            {"topP above 1", [](json& d) { d["sampling"]["topP"] = 1.5; }, {"sampling.topP", "out of range"}},
            {"topK float", [](json& d) { d["sampling"]["topK"] = 4.5; }, {"sampling.topK", "expected an integer"}},
            {"repetitionPenalty zero", [](json& d) { d["sampling"]["repetitionPenalty"] = 0; },
             {"sampling.repetitionPenalty", "greater than 0"}},
            {"maxNewTokens zero", [](json& d) { d["sampling"]["maxNewTokens"] = 0; },
             {"sampling.maxNewTokens", "out of range"}},
            {"seed negative", [](json& d) { d["sampling"]["seed"] = -3; }, {"sampling.seed", "negative"}},
            {"stop entry", [](json& d) { d["sampling"]["stop"] = json::array({"ok", 1}); },
             {"sampling.stop[1]", "expected a string"}},
            {"nodes object", [](json& d) { d["nodes"] = json::object(); }, {"nodes", "expected an array"}},
            {"node not object", [](json& d) { d["nodes"][1] = "x"; }, {"nodes[1]", "expected an object"}},
            {"node id missing", [](json& d) { d["nodes"][1].erase("id"); }, {"nodes[1].id", "is missing"}},
            {"node id zero", [](json& d) { d["nodes"][1]["id"] = 0; }, {"nodes[1].id", "out of range"}},
            {"node id duplicate", [](json& d) { d["nodes"][2]["id"] = 1; }, {"nodes[2].id", "also the id of nodes[0]"}},
            {"parent missing", [](json& d) { d["nodes"][1]["parent"] = 99; },
             {"nodes[1].parent", "no message has the id 99"}},
            {"parent itself", [](json& d) { d["nodes"][0]["parent"] = 1; }, {"nodes[0].parent", "its own parent"}},
            {"parent cycle",
             [](json& d) {
                 d["nodes"][1]["parent"] = 3;
                 d["nodes"][2]["parent"] = 2;
                 d["nodes"][0]["selectedChild"] = 0;
             },
             {"nodes[1].parent", "never reaches the root"}},
            {"role system", [](json& d) { d["nodes"][0]["role"] = "system"; }, {"nodes[0].role", "\"system\""}},
            {"content null", [](json& d) { d["nodes"][3]["content"] = nullptr; },
             {"nodes[3].content", "expected a string, found null"}},
            {"createdMs text", [](json& d) { d["nodes"][2]["createdMs"] = "now"; }, {"nodes[2].createdMs", "expected an integer"}},
            {"selectedChild not a child", [](json& d) { d["nodes"][0]["selectedChild"] = 4; },
             {"nodes[0].selectedChild", "message 4 is not a child of message 1"}},
            {"selectedChild of a leaf", [](json& d) { d["nodes"][2]["selectedChild"] = 2; },
             {"nodes[2].selectedChild", "not a child of message 3"}},
            {"answer on user", [](json& d) { d["nodes"][0]["answer"] = d["nodes"][1]["answer"]; },
             {"nodes[0].answer", "only assistant messages"}},
            {"answer finish unknown", [](json& d) { d["nodes"][1]["answer"]["finish"] = "done"; },
             {"nodes[1].answer.finish", "\"done\""}},
            {"answer promptTokens", [](json& d) { d["nodes"][1]["answer"]["promptTokens"] = -2; },
             {"nodes[1].answer.promptTokens", "out of range"}},
            {"answer speed text", [](json& d) { d["nodes"][1]["answer"]["tokensPerSecond"] = "fast"; },
             {"nodes[1].answer.tokensPerSecond", "expected a number"}},
            {"answer backend missing", [](json& d) { d["nodes"][1]["answer"].erase("backend"); },
             {"nodes[1].answer.backend", "is missing"}},
            {"nextId reused", [](json& d) { d["nextId"] = 4; }, {"nextId", "the largest is 4"}},
            {"nextId missing", [](json& d) { d.erase("nextId"); }, {"nextId", "is missing"}},
            {"selectedRoot not root", [](json& d) { d["selectedRoot"] = 2; }, {"selectedRoot", "not a first message"}},
            {"compareLeaf unknown", [](json& d) { d["compareLeaf"] = 42; }, {"compareLeaf", "no message has the id 42"}},
        };
        for (const Case& c : cases) {
            json document = handWrittenDocument();
            c.edit(document);
            std::vector<std::string> fragments = c.fragments;
            fragments.push_back("hand.json");
            expectError([&] { Conversation::fromJson(document, "hand.json"); }, c.kind, fragments, c.name);
        }
    }

    void markdownExportShowsTheShownPath()
    {
        Conversation c = Conversation::create();
        c.setTitle("Greetings");
        c.setSystemPrompt("Be brief.");
        const std::int64_t u1 = c.append(0, "user", "Hello **there**");
        const std::int64_t old = c.append(u1, "assistant", "An answer that was regenerated");
        const std::int64_t a1 = c.branchFrom(old, "Hi!\n\n- one\n- two");
        AnswerInfo info;
        info.backend = "SmolLM2-135M-Instruct";
        info.finish = "eos";
        c.setAnswerInfo(a1, info);
        const std::int64_t u2 = c.append(a1, "user", "And then?");
        const std::int64_t a2 = c.append(u2, "assistant", "Well");
        AnswerInfo broken;
        broken.backend = "http://localhost:8080";
        broken.finish = "error";
        broken.error = "connection dropped after 1 token";
        c.setAnswerInfo(a2, broken);

        const std::string expected =
            "# Greetings\n"
            "\n"
            "**System**\n"
            "\n"
            "Be brief.\n"
            "\n"
            "**User**\n"
            "\n"
            "Hello **there**\n"
            "\n"
            "**Assistant** (SmolLM2-135M-Instruct, eos)\n"
            "\n"
            "Hi!\n"
            "\n"
            "- one\n"
            "- two\n"
            "\n"
            "**User**\n"
            "\n"
            "And then?\n"
            "\n"
            "**Assistant** (http://localhost:8080, error)\n"
            "\n"
            "Well\n"
            "\n"
            "_Error: connection dropped after 1 token_\n";
        QCOMPARE(c.toMarkdown(), expected);

        Conversation untitled = Conversation::create();
        const std::int64_t q = untitled.append(0, "user", "What is 2+2?");
        untitled.append(q, "assistant", "");  // still streaming: no info yet
        QCOMPARE(untitled.toMarkdown(), std::string("# What is 2+2?\n\n**User**\n\nWhat is 2+2?\n\n**Assistant**\n"));
    }

    void storeListsSavesRemovesAndSearches()
    {
        test::TempDir dir;
        ConversationStore store(dir / "conversations");
        QVERIFY(store.list().empty());
        QVERIFY(store.problems().empty());

        Conversation older = Conversation::create();
        const std::int64_t q = older.append(0, "user", "Tell me a joke");
        older.append(q, "assistant", "Why did the tensor cross the road?\nTo get to the other side.");
        older = withUpdatedMs(older, 1000);
        Conversation newer = Conversation::create();
        newer.setTitle("Recipes");
        newer.append(0, "user",
                     "I would like a recipe for a soup that uses carrots, potatoes, leeks and a lot of fresh thyme please");
        newer = withUpdatedMs(newer, 3000);
        Conversation empty = withUpdatedMs(Conversation::create(), 2000);
        store.save(older);
        store.save(newer);
        store.save(empty);

        // Files that must not hide the others.
        const auto folder = dir.path() / "conversations";
        test::writeBytes(folder / "deadbeef.json", "{not json");
        json wrongField = handWrittenDocument();
        wrongField["id"] = "cafe";
        wrongField["nodes"][1]["parent"] = 77;
        test::writeBytes(folder / "cafe.json", wrongField.dump());
        test::writeBytes(folder / "notes.json", "{}");
        json renamed = handWrittenDocument();  // valid, but its id is not its file name
        test::writeBytes(folder / "abcd.json", renamed.dump());
        test::writeBytes(folder / "readme.txt", "not a conversation");

        const std::vector<ConversationSummary> list = store.list();
        QCOMPARE(list.size(), std::size_t(3));
        QCOMPARE(list[0].id, newer.id());
        QCOMPARE(list[0].title, std::string("Recipes"));
        QCOMPARE(list[0].updatedMs, std::int64_t(3000));
        QCOMPARE(list[0].messageCount, std::int64_t(1));
        QCOMPARE(list[0].snippet,
                 std::string("I would like a recipe for a soup that uses carrots, potatoes, leeks and a lot of\u2026"));
        QCOMPARE(list[1].id, empty.id());
        QCOMPARE(list[1].title, std::string());
        QCOMPARE(list[1].messageCount, std::int64_t(0));
        QCOMPARE(list[1].snippet, std::string());
        QCOMPARE(list[2].id, older.id());
        QCOMPARE(list[2].title, std::string("Tell me a joke"));
        QCOMPARE(list[2].messageCount, std::int64_t(2));
        QCOMPARE(list[2].snippet, std::string("Why did the tensor cross the road?"));

        const std::vector<StoreProblem>& problems = store.problems();
        QCOMPARE(problems.size(), std::size_t(4));
        QCOMPARE(problems[0].path, folder / "abcd.json");
        QVERIFY(problems[0].message.find("does not match the file name") != std::string::npos);
        QCOMPARE(problems[1].path, folder / "cafe.json");
        QVERIFY(problems[1].message.find("nodes[1].parent") != std::string::npos);
        QCOMPARE(problems[2].path, folder / "deadbeef.json");
        QVERIFY(problems[2].message.find("not valid JSON") != std::string::npos);
        QCOMPARE(problems[3].path, folder / "notes.json");
        QVERIFY(problems[3].message.find("not named like a conversation") != std::string::npos);

        QCOMPARE(store.load(older.id()).toJson(), older.toJson());
        QCOMPARE(store.search("TENSOR"), std::vector<std::string>{older.id()});
        QCOMPARE(store.search("recipe"), std::vector<std::string>{newer.id()});
        QCOMPARE(store.search(""), (std::vector<std::string>{newer.id(), empty.id(), older.id()}));

        // Saving again replaces the file; no temporary file is left behind.
        older.setTitle("Jokes");
        store.save(older);
        QCOMPARE(store.load(older.id()).title(), std::string("Jokes"));
        std::vector<std::string> expectedFiles = {"abcd.json",           "cafe.json",          "deadbeef.json",
                                                  "notes.json",          "readme.txt",         empty.id() + ".json",
                                                  newer.id() + ".json", older.id() + ".json"};
        std::sort(expectedFiles.begin(), expectedFiles.end());
        QCOMPARE(filesIn(folder), expectedFiles);

        // A stream cut inside a UTF-8 sequence still saves: the stray byte becomes U+FFFD.
        Conversation cut = Conversation::create();
        cut.append(0, "user", std::string("caf\xC3"));
        store.save(cut);
        QCOMPARE(store.load(cut.id()).node(1)->content, std::string("caf\uFFFD"));
        store.remove(cut.id());

        store.remove(empty.id());
        store.remove(empty.id());  // already gone: nothing to do
        QVERIFY(!std::filesystem::exists(folder / (empty.id() + ".json")));
        QCOMPARE(store.list().size(), std::size_t(2));
        expectError([&] { store.load(empty.id()); }, ErrorKind::Io, {empty.id() + ".json"});

        // Ids become file names only when they are hex.
        expectError([&] { store.load("../secrets"); }, ErrorKind::InvalidInput, {"\"../secrets\"", "not a conversation id"});
        expectError([&] { store.remove("A/B"); }, ErrorKind::InvalidInput, {"not a conversation id"});
    }

    void exportsAreWrittenAtomically()
    {
        test::TempDir dir;
        Conversation c = Conversation::create();
        const std::int64_t q = c.append(0, "user", "Export me");
        c.append(q, "assistant", "Done.");
        exportJson(c, dir / "chat.json");
        exportMarkdown(c, dir / "chat.md");
        QCOMPARE(filesIn(dir.path()), (std::vector<std::string>{"chat.json", "chat.md"}));
        const json written = json::parse(readWholeFile(dir / "chat.json"));
        QCOMPARE(Conversation::fromJson(written, "chat.json").toJson(), c.toJson());
        QCOMPARE(readWholeFile(dir / "chat.md"),
                 std::string("# Export me\n\n**User**\n\nExport me\n\n**Assistant**\n\nDone.\n"));
        // Into a folder that does not exist: an error naming the file, and nothing written.
        expectError([&] { exportMarkdown(c, dir / "missing" / "chat.md"); }, ErrorKind::Io, {"chat.md"});
        QCOMPARE(filesIn(dir.path()), (std::vector<std::string>{"chat.json", "chat.md"}));
    }

};

QTEST_APPLESS_MAIN(TestConversation)
#include "test_conversation.moc"
