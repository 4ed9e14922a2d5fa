// Proves the Chat page end to end, offscreen, against the local chat test server
// (tests/remote/sse_test_server.py: a deterministic "You said: …" answer, faults chosen by URL):
// a whole conversation typed and sent with QTest (stream, stop, and the messages' own Regenerate,
// Edit and ‹ › buttons), switching conversations, a restarted page finding everything restored,
// the compare view streaming from two backends at once, and every server fault ending in a
// clear state with the composer usable again. realServer() streams from llama.cpp's server and
// runs in the conformance tier (test_remote_llama_server.py sets LATHE_TEST_LLAMA_SERVER).
#include "app/chat_service.h"
#include "chat/conversation.h"
#include "ui/chat/chat_composer.h"
#include "ui/chat/chat_page.h"
#include "ui/chat/conversation_list.h"
#include "ui/chat/message_view.h"
#include "ui/chat/model_picker.h"
#include "ui/chat/sampling_panel.h"
#include "ui/chat/transcript_view.h"
#include "ui/common/icons.h"

#include <QAbstractButton>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace lathe;

namespace {

constexpr int kWaitMs = 30000;

std::string lastAnswer(const chat::Conversation& conversation)
{
    const auto path = conversation.path();
    return path.empty() ? std::string() : path.back()->content;
}

}  // namespace

class ChatPageTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void conversationFlow();
    void stopKeepsThePartialAnswer();
    void conversationsAreRestoredAfterARestart();
    void compareStreamsTwoBackendsAtOnce();
    void serverFaultsEndInAClearState_data();
    void serverFaultsEndInAClearState();
    void connectionErrorsAreShown();
    void loadErrorsSayWhatToDo();
    void realServer();

private:
    QString url(const QString& faults = {}) const;
    void makePage();
    void connectTo(int column, const QString& url);
    void typeAndSend(const QString& text);
    // Clicks a message's action button (objectName) as a user would.
    void clickAction(int column, qint64 node, const char* button);
    void waitIdle();

    QTemporaryDir m_dir;
    QProcess m_server;
    int m_port = 0;
    std::unique_ptr<ChatService> m_service;
    std::unique_ptr<ChatPage> m_page;
};

void ChatPageTest::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    initUiResources();
    QVERIFY(m_dir.isValid());
    // The page must not find (and load) the demo model or cached models here.
    qputenv("LATHE_DATA_DIR", m_dir.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("HF_HUB_CACHE", m_dir.filePath(QStringLiteral("hub")).toLocal8Bit());

    m_server.setProgram(QStringLiteral("python3"));
    m_server.setArguments({QStringLiteral(LATHE_SOURCE_DIR "/tests/remote/sse_test_server.py"), QStringLiteral("--port"),
                           QStringLiteral("0")});
    m_server.start();
    QVERIFY2(m_server.waitForStarted(10000), "python3 must be installed to run the chat test server");
    QVERIFY(m_server.waitForReadyRead(10000));
    const QByteArray line = m_server.readLine().trimmed();
    QVERIFY2(line.startsWith("PORT "), line.constData());
    m_port = line.mid(5).toInt();
    QVERIFY(m_port > 0);
}

void ChatPageTest::cleanupTestCase()
{
    m_server.kill();
    m_server.waitForFinished();
}

void ChatPageTest::init()
{
    QDir(m_dir.filePath(QStringLiteral("conversations"))).removeRecursively();
    m_service = std::make_unique<ChatService>(1);
    makePage();
}

void ChatPageTest::cleanup()
{
    m_page.reset();
    m_service.reset();
}

QString ChatPageTest::url(const QString& faults) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(faults);
}

void ChatPageTest::makePage()
{
    m_page = std::make_unique<ChatPage>(*m_service, m_dir.filePath(QStringLiteral("conversations")), m_dir.path());
    m_page->resize(1400, 900);
    m_page->show();
}

void ChatPageTest::connectTo(int column, const QString& endpoint)
{
    m_page->connectEndpoint(column, EndpointSettings{endpoint, {}, remote::ApiStyle::Auto});
    QTRY_VERIFY_WITH_TIMEOUT(m_page->hasModel(column), kWaitMs);
    waitIdle();
}

void ChatPageTest::typeAndSend(const QString& text)
{
    QPlainTextEdit* editor = m_page->composer()->editor();
    editor->setFocus();
    QTest::keyClicks(editor, text);
    QCOMPARE(m_page->composer()->text(), text);
    QTest::keyClick(editor, Qt::Key_Return);
}

void ChatPageTest::clickAction(int column, qint64 node, const char* button)
{
    MessageView* view = m_page->transcript(column)->messageView(node);
    QVERIFY2(view != nullptr, "no message view for the node");
    auto* action = view->findChild<QAbstractButton*>(QLatin1String(button));
    QVERIFY2(action != nullptr, button);
    QVERIFY2(action->isEnabled(), button);
    QTest::mouseClick(action, Qt::LeftButton);
}

void ChatPageTest::waitIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), kWaitMs);
}

void ChatPageTest::conversationFlow()
{
    connectTo(0, url(QStringLiteral("/fault/slow-5")));
    typeAndSend(QStringLiteral("hello there"));
    QVERIFY(m_page->isBusy());
    QVERIFY(m_page->composer()->text().isEmpty());
    waitIdle();
    const chat::Conversation* conversation = m_page->conversation();
    QVERIFY(conversation != nullptr);
    auto path = conversation->path();
    QCOMPARE(int(path.size()), 2);
    QCOMPARE(path[0]->content, std::string("hello there"));
    QCOMPARE(path[1]->content, std::string("You said: hello there"));
    QVERIFY(path[1]->answer.has_value());
    QCOMPARE(path[1]->answer->finish, std::string("eos"));
    QCOMPARE(path[1]->answer->backend, std::string("lathe-test/echo"));
    QVERIFY(path[1]->answer->completionTokens >= 4);
    QCOMPARE(conversation->title(), std::string("hello there"));

    // A second turn: the server gets the whole conversation.
    typeAndSend(QStringLiteral("and again"));
    waitIdle();
    path = m_page->conversation()->path();
    QCOMPARE(int(path.size()), 4);
    QCOMPARE(path[3]->content, std::string("You said: and again"));

    // Regenerate the last answer (its button): a sibling, shown, the first one still there.
    const qint64 firstAnswer = path[3]->id;
    clickAction(0, firstAnswer, "regenerateButton");
    waitIdle();
    path = m_page->conversation()->path();
    QCOMPARE(int(path.size()), 4);
    QVERIFY(path[3]->id != firstAnswer);
    QCOMPARE(path[3]->content, std::string("You said: and again"));
    QCOMPARE(m_page->conversation()->siblings(path[3]->id), (chat::SiblingPosition{1, 2}));

    // Edit-and-resend the first user turn (Edit, retype, Ctrl+Enter): a new branch from there.
    const qint64 firstUser = path[0]->id;
    clickAction(0, firstUser, "editButton");
    MessageView* edited = m_page->transcript(0)->messageView(firstUser);
    QVERIFY(edited->isEditing());
    QPlainTextEdit* editEditor = edited->editEditor();
    editEditor->selectAll();
    QTest::keyClicks(editEditor, QStringLiteral("hello edited"));
    QTest::keyClick(editEditor, Qt::Key_Return, Qt::ControlModifier);
    waitIdle();
    path = m_page->conversation()->path();
    QCOMPARE(int(path.size()), 2);
    QCOMPARE(path[0]->content, std::string("hello edited"));
    QCOMPARE(path[1]->content, std::string("You said: hello edited"));
    QCOMPARE(m_page->conversation()->siblings(path[0]->id), (chat::SiblingPosition{1, 2}));

    // Back to the first branch with "‹": its four messages and regenerated answer return.
    clickAction(0, path[0]->id, "previousVersionButton");
    path = m_page->conversation()->path();
    QCOMPARE(int(path.size()), 4);
    QCOMPARE(path[0]->content, std::string("hello there"));
    QCOMPARE(m_page->conversation()->siblings(path[3]->id), (chat::SiblingPosition{1, 2}));

    // A new conversation, then back to the first.
    const std::string firstId = m_page->conversation()->id();
    m_page->newConversation();
    QVERIFY(m_page->conversation() == nullptr);
    typeAndSend(QStringLiteral("second chat"));
    waitIdle();
    const std::string secondId = m_page->conversation()->id();
    QVERIFY(secondId != firstId);
    QTRY_COMPARE(m_page->conversationList()->visibleIds().size(), 2);
    m_page->openConversation(QString::fromStdString(firstId));
    QCOMPARE(m_page->conversation()->id(), firstId);
    QCOMPARE(int(m_page->conversation()->path().size()), 4);
}

void ChatPageTest::stopKeepsThePartialAnswer()
{
    connectTo(0, url(QStringLiteral("/fault/slow-150")));
    typeAndSend(QStringLiteral("one two three four five six seven eight nine ten eleven twelve"));
    // Stop once the first words are there (Escape in the composer, as a user would).
    QTRY_VERIFY_WITH_TIMEOUT(lastAnswer(*m_page->conversation()).size() >= std::string("You said:").size(), kWaitMs);
    QElapsedTimer sinceStop;
    sinceStop.start();
    QTest::keyClick(m_page->composer()->editor(), Qt::Key_Escape);
    waitIdle();
    // The transfer stops within one token (150 ms apart here).
    QVERIFY2(sinceStop.elapsed() < 1000, qPrintable(QString::number(sinceStop.elapsed())));
    const auto path = m_page->conversation()->path();
    const auto& answer = *path.back();
    QCOMPARE(answer.answer->finish, std::string("cancelled"));
    QVERIFY(!answer.content.empty());
    QVERIFY(answer.content.size() < std::string("You said: one two three four five six seven eight nine ten eleven twelve").size());
    // The composer takes the next message at once.
    typeAndSend(QStringLiteral("next"));
    QTRY_COMPARE_WITH_TIMEOUT(lastAnswer(*m_page->conversation()), std::string("You said: next"), kWaitMs);
}

void ChatPageTest::conversationsAreRestoredAfterARestart()
{
    connectTo(0, url());
    m_page->samplingPanel()->setSystemPrompt(QStringLiteral("Be brief."));
    typeAndSend(QStringLiteral("remember me"));
    waitIdle();
    clickAction(0, m_page->conversation()->leaf(), "regenerateButton");
    waitIdle();
    const std::string id = m_page->conversation()->id();
    const nlohmann::json before = m_page->conversation()->toJson();
    QCOMPARE(m_page->conversation()->systemPrompt(), std::string("Be brief."));

    // A new page (Lathe restarted) over the same folder.
    QSettings settings(m_dir.filePath(QStringLiteral("page.ini")), QSettings::IniFormat);
    m_page->saveSettings(settings);
    m_page.reset();
    makePage();
    m_page->loadSettings(settings);
    QVERIFY(m_page->conversation() != nullptr);
    QCOMPARE(m_page->conversation()->id(), id);
    QCOMPARE(m_page->conversation()->toJson(), before);
    QCOMPARE(m_page->samplingPanel()->systemPrompt(), QStringLiteral("Be brief."));
    QCOMPARE(m_page->conversationList()->visibleIds(), QStringList{QString::fromStdString(id)});
}

void ChatPageTest::compareStreamsTwoBackendsAtOnce()
{
    connectTo(0, url(QStringLiteral("/fault/slow-40")));
    m_page->setCompareMode(true);
    connectTo(1, url(QStringLiteral("/fault/slow-40/fault/openai-only")));

    // Both answers must be streaming at the same moment.
    bool overlapped = false;
    QSet<RequestId> streaming;
    QSet<RequestId> finished;
    QObject scope;  // the connections below capture locals: they end with this function
    connect(m_service.get(), &ChatService::textStreamed, &scope, [&](RequestId id, const QString&) {
        if (!finished.contains(id)) {
            streaming.insert(id);
        }
        overlapped = overlapped || streaming.size() == 2;
    });
    connect(m_service.get(), &ChatService::answerFinished, &scope, [&](RequestId id, const chat::ChatResult&) {
        streaming.remove(id);
        finished.insert(id);
    });

    typeAndSend(QStringLiteral("compare me please"));
    waitIdle();
    QVERIFY(overlapped);
    const chat::Conversation& conversation = *m_page->conversation();
    const auto main = conversation.path();
    const auto other = conversation.pathTo(conversation.compareLeaf());
    QCOMPARE(int(main.size()), 2);
    QCOMPARE(int(other.size()), 2);
    QCOMPARE(main[0]->id, other[0]->id);  // one user turn, two answers
    QVERIFY(main[1]->id != other[1]->id);
    QCOMPARE(main[1]->content, std::string("You said: compare me please"));
    QCOMPARE(other[1]->content, std::string("You said: compare me please"));

    // The next turn continues each column's own branch.
    typeAndSend(QStringLiteral("second turn"));
    waitIdle();
    const auto main2 = m_page->conversation()->path();
    const auto other2 = m_page->conversation()->pathTo(m_page->conversation()->compareLeaf());
    QCOMPARE(int(main2.size()), 4);
    QCOMPARE(int(other2.size()), 4);
    QCOMPARE(main2[1]->id, main[1]->id);
    QCOMPARE(other2[1]->id, other[1]->id);
    QCOMPARE(main2[3]->content, std::string("You said: second turn"));
    QCOMPARE(other2[3]->content, std::string("You said: second turn"));

    // Regenerating in the compare column leaves the main column's answer shown.
    clickAction(1, other2[3]->id, "regenerateButton");
    waitIdle();
    QCOMPARE(m_page->conversation()->path().back()->id, main2[3]->id);
    QVERIFY(m_page->conversation()->compareLeaf() != other2[3]->id);
}

void ChatPageTest::serverFaultsEndInAClearState_data()
{
    QTest::addColumn<QString>("faults");
    QTest::addColumn<QString>("finish");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("partial");
    QTest::newRow("dropped") << QStringLiteral("/fault/drop-after-3") << QStringLiteral("error")
                             << QStringLiteral("dropped") << true;
    QTest::newRow("malformed event") << QStringLiteral("/fault/malformed") << QStringLiteral("error")
                                     << QStringLiteral("JSON") << true;
    QTest::newRow("error event") << QStringLiteral("/fault/stream-error") << QStringLiteral("error") << QString() << true;
    QTest::newRow("422") << QStringLiteral("/fault/post-status-422") << QStringLiteral("error")
                         << QStringLiteral("max_new_tokens") << false;
    QTest::newRow("429") << QStringLiteral("/fault/post-status-429") << QStringLiteral("error")
                         << QStringLiteral("overloaded") << false;
    QTest::newRow("500") << QStringLiteral("/fault/post-status-500") << QStringLiteral("error") << QStringLiteral("500") << false;
}

void ChatPageTest::serverFaultsEndInAClearState()
{
    QFETCH(QString, faults);
    QFETCH(QString, finish);
    QFETCH(QString, message);
    QFETCH(bool, partial);
    connectTo(0, url(faults));
    typeAndSend(QStringLiteral("please fail"));
    waitIdle();
    const auto path = m_page->conversation()->path();
    const auto& answer = *path.back();
    QVERIFY(answer.answer.has_value());
    QCOMPARE(QString::fromStdString(answer.answer->finish), finish);
    QVERIFY2(!answer.answer->error.empty(), answer.content.c_str());
    QVERIFY2(message.isEmpty() || QString::fromStdString(answer.answer->error).contains(message, Qt::CaseInsensitive),
             answer.answer->error.c_str());
    QCOMPARE(!answer.content.empty(), partial);
    // The page is usable again: the next message goes through.
    connectTo(0, url());
    typeAndSend(QStringLiteral("still here"));
    QTRY_COMPARE_WITH_TIMEOUT(lastAnswer(*m_page->conversation()), std::string("You said: still here"), kWaitMs);
}

void ChatPageTest::connectionErrorsAreShown()
{
    // 401 at connect: the column stays without a model, the page idle, the composer says why.
    m_page->connectEndpoint(0, EndpointSettings{url(QStringLiteral("/fault/require-key-sesame")), {}, remote::ApiStyle::Auto});
    waitIdle();
    QVERIFY(!m_page->hasModel(0));
    QVERIFY(!m_page->composer()->isReady());
    // With the key it works (the server checks it on every request).
    m_page->connectEndpoint(0, EndpointSettings{url(QStringLiteral("/fault/require-key-sesame")), QStringLiteral("sesame"),
                                                remote::ApiStyle::Auto});
    QTRY_VERIFY_WITH_TIMEOUT(m_page->hasModel(0), kWaitMs);
    waitIdle();
    typeAndSend(QStringLiteral("with a key"));
    QTRY_COMPARE_WITH_TIMEOUT(lastAnswer(*m_page->conversation()), std::string("You said: with a key"), kWaitMs);

    // Nobody listening (port 1 is privileged and unused): a connection error, no hang.
    QElapsedTimer timer;
    timer.start();
    m_page->connectEndpoint(1, EndpointSettings{QStringLiteral("http://127.0.0.1:1"), {}, remote::ApiStyle::Auto});
    waitIdle();
    QVERIFY(!m_page->hasModel(1));
    QVERIFY(timer.elapsed() < 10000);
}

void ChatPageTest::loadErrorsSayWhatToDo()
{
    // A model folder without its tokenizer: refused before any weight is read, with advice.
    const QString folder = m_dir.filePath(QStringLiteral("no-tokenizer"));
    QVERIFY(QDir().mkpath(folder));
    QFile config(folder + QStringLiteral("/config.json"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"({"architectures": ["LlamaForCausalLM"], "model_type": "llama"})");
    config.close();
    m_page->loadModel(0, folder);
    waitIdle();
    QVERIFY(!m_page->hasModel(0));
    const QString error = m_page->modelPicker(0)->loadError();
    QVERIFY2(error.contains(QLatin1String("tokenizer.json")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("instruction-tuned")), qPrintable(error));
    QVERIFY(!m_page->composer()->isReady());

    // A path that is nothing at all.
    m_page->loadModel(0, m_dir.filePath(QStringLiteral("nowhere")));
    waitIdle();
    QVERIFY(!m_page->hasModel(0));
    QVERIFY2(m_page->modelPicker(0)->loadError().contains(QLatin1String("nowhere")),
             qPrintable(m_page->modelPicker(0)->loadError()));
}

void ChatPageTest::realServer()
{
    const QString server = qEnvironmentVariable("LATHE_TEST_LLAMA_SERVER");
    if (server.isEmpty()) {
        QSKIP("streams from llama.cpp's server in the conformance tier (test_remote_llama_server.py)");
    }
    const QString expected = qEnvironmentVariable("LATHE_TEST_LLAMA_EXPECTED");
    connectTo(0, server);
    chat::SamplingSettings sampling;
    sampling.temperature = 0.0;
    sampling.maxNewTokens = 48;
    m_page->samplingPanel()->setSettings(sampling);
    typeAndSend(qEnvironmentVariable("LATHE_TEST_LLAMA_PROMPT"));
    waitIdle();
    const auto path = m_page->conversation()->path();
    QVERIFY(path.back()->answer.has_value());
    QVERIFY2(path.back()->answer->error.empty(), path.back()->answer->error.c_str());
    QCOMPARE(QString::fromStdString(path.back()->content), expected);
}

QTEST_MAIN(ChatPageTest)
#include "chat_page_test.moc"
