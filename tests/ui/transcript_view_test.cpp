// Proves the Chat page's transcript and composer, offscreen: splitMarkdownBlocks on tricky
// Markdown (indented, nested, unterminated fences; CRLF; inline triple backticks; long prose in
// sections); messages shown as bubble / rendered blocks with their footer; Copy on a code block
// copies exactly the code; the edit, regenerate and version signals; setItems keeping unchanged
// widgets; streamed text rendered complete after the coalescing timer, one update measured well
// under 8 ms on 4,000-character answers, and the event loop staying responsive at 200 tokens/s;
// prose blocks fitting their text at any width and leaving the wheel to the transcript; Tab
// reaching the action buttons; following the bottom while streaming and stopping when scrolled
// up; the composer's keys, busy and not-ready states and growth.
#include "ui/chat/chat_composer.h"
#include "ui/chat/markdown_blocks.h"
#include "ui/chat/message_view.h"
#include "ui/chat/transcript_view.h"
#include "ui/common/icons.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QToolButton>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace lathe;
using Kind = MarkdownBlock::Kind;

namespace {

MarkdownBlock prose(const QString& text, qsizetype start)
{
    MarkdownBlock block;
    block.text = text;
    block.sourceStart = start;
    return block;
}

MarkdownBlock code(const QString& text, const QString& language, qsizetype start, bool closed = true)
{
    MarkdownBlock block;
    block.kind = Kind::Code;
    block.text = text;
    block.language = language;
    block.fenceClosed = closed;
    block.sourceStart = start;
    return block;
}

QString describe(const QVector<MarkdownBlock>& blocks)
{
    QStringList parts;
    for (const MarkdownBlock& block : blocks) {
        parts << QStringLiteral("%1[%2%3@%4]%5")
                     .arg(block.kind == Kind::Code ? QStringLiteral("code") : QStringLiteral("prose"), block.language,
                          block.fenceClosed ? QString() : QStringLiteral(" open"))
                     .arg(block.sourceStart)
                     .arg(block.text);
    }
    return parts.join(QStringLiteral(" | "));
}

TranscriptItem userItem(qint64 id, const QString& text)
{
    TranscriptItem item;
    item.id = id;
    item.role = QStringLiteral("user");
    item.text = text;
    return item;
}

TranscriptItem assistantItem(qint64 id, const QString& text)
{
    TranscriptItem item;
    item.id = id;
    item.role = QStringLiteral("assistant");
    item.text = text;
    return item;
}

template <typename T>
T* child(const QWidget* parent, const char* name)
{
    return parent->findChild<T*>(QString::fromLatin1(name));
}

// A long answer the way small models write them: paragraphs, lists, inline code and four
// fenced code blocks, about 4,000 characters.
QString longAnswer()
{
    QString text;
    for (int part = 0; part < 4; ++part) {
        text += QStringLiteral("## Step %1\n\nThe **tokenizer** splits the text into pieces; each piece maps to an id "
                               "in `vocab.json`. Merges apply in rank order, and *byte fallback* covers the rest. "
                               "See [the docs](https://huggingface.co/docs) for details.\n\n"
                               "- first, normalize the input\n- then pre-tokenize on whitespace\n"
                               "- finally apply the merges\n\n")
                    .arg(part + 1);
        text += QStringLiteral("```python\n");
        for (int line = 0; line < 10; ++line) {
            text += QStringLiteral("tokens_%1 = tokenizer.encode(\"example %2\", add_special_tokens=False)\n").arg(line).arg(part);
        }
        text += QStringLiteral("```\n\n");
    }
    text += QStringLiteral("That is all: the ids go to the model, one embedding row each.");
    return text;
}

// A long answer without code: thirteen paragraphs, about 4,300 characters.
QString longProse()
{
    QStringList paragraphs;
    for (int i = 0; i < 13; ++i) {
        paragraphs << QStringLiteral("Paragraph %1 explains how the sampler picks the next token: it scales the logits by "
                                     "the temperature, keeps the *top-k* candidates and the smallest set whose mass reaches "
                                     "`top_p`, then draws from what is left. A seed makes the draw repeatable, and a "
                                     "repetition penalty pushes down tokens the answer already used.")
                          .arg(i + 1);
    }
    return paragraphs.join(QStringLiteral("\n\n"));
}

// Cuts text into pieces of about four characters, like a BPE model's tokens.
QStringList tokensOf(const QString& text)
{
    QStringList tokens;
    for (qsizetype i = 0; i < text.size(); i += 4) {
        tokens << text.mid(i, 4);
    }
    return tokens;
}

// Whether every prose block under root is as tall as its text, laid out at its own width.
bool proseBlocksFitTheirText(const QWidget* root)
{
    const QList<QTextBrowser*> blocks = root->findChildren<QTextBrowser*>(QStringLiteral("proseBlock"));
    if (blocks.isEmpty()) {
        return false;
    }
    for (const QTextBrowser* block : blocks) {
        const int textHeight = int(std::ceil(block->document()->size().height()));
        if (block->document()->textWidth() != block->viewport()->width() || block->height() != textHeight ||
            block->verticalScrollBar()->maximum() != 0) {
            return false;
        }
    }
    return true;
}

double percentile(QVector<double> values, double fraction)
{
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min<qsizetype>(values.size() - 1, qsizetype(fraction * double(values.size())));
    return values[index];
}

}  // namespace

class TranscriptViewTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void splitsMarkdownBlocks_data();
    void splitsMarkdownBlocks();

    void showsItems();
    void emptyStateShowsWithoutItems();
    void copyOnACodeBlockCopiesExactlyTheCode();
    void copyMessageCopiesTheWholeText();
    void editFlowEmitsEditSubmitted();
    void regenerateAndVersionSignals();
    void readOnlyHidesEditAndRegenerate();
    void cutMessagesSayTheyAreNotSent();
    void setItemsReusesUnchangedViews();
    void streamedTextEndsUpComplete();
    void streamingUpdateIsCheap_data();
    void streamingUpdateIsCheap();
    void streamingKeepsTheEventLoopResponsive();
    void tabReachesTheActionButtons();
    void followsTheBottomWhileStreaming();
    void wheelOverABlockIsLeftToTheTranscript();
    void proseBlocksFitTheirTextAtAnyWidth();

    void composerSendsOnEnter();
    void composerWhileBusy();
    void composerNotReady();
    void composerGrowsWithItsText();
};

void TranscriptViewTest::initTestCase()
{
    initUiResources();
}

void TranscriptViewTest::splitsMarkdownBlocks_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<int>("sectionChars");
    QTest::addColumn<QVector<MarkdownBlock>>("expected");

    QTest::newRow("empty") << QString() << 0 << QVector<MarkdownBlock>{};
    QTest::newRow("blank lines only") << QStringLiteral("\n  \n\t\n") << 0 << QVector<MarkdownBlock>{};
    QTest::newRow("prose trimmed of blank lines")
        << QStringLiteral("\n\nHello *world*\n\nSecond paragraph\n\n")
        << 0 << QVector<MarkdownBlock>{prose(QStringLiteral("Hello *world*\n\nSecond paragraph"), 2)};
    QTest::newRow("prose, code, prose")
        << QStringLiteral("Try this:\n```python\nprint(1)\n\nprint(2)\n```\nDone.")
        << 0 << QVector<MarkdownBlock>{prose(QStringLiteral("Try this:"), 0), code(QStringLiteral("print(1)\n\nprint(2)"), QStringLiteral("python"), 10),
                                  prose(QStringLiteral("Done."), 43)};
    QTest::newRow("info string: first word is the language")
        << QStringLiteral("``` js title=\"a.js\"\nlet a;\n```")
        << 0 << QVector<MarkdownBlock>{code(QStringLiteral("let a;"), QStringLiteral("js"), 0)};
    QTest::newRow("tilde fence may carry a backtick in its info")
        << QStringLiteral("~~~ a`b\nx\n~~~")
        << 0 << QVector<MarkdownBlock>{code(QStringLiteral("x"), QStringLiteral("a`b"), 0)};
    QTest::newRow("inline triple backticks are not a fence")
        << QStringLiteral("Use ```code``` here\n```bash``` too")
        << 0 << QVector<MarkdownBlock>{prose(QStringLiteral("Use ```code``` here\n```bash``` too"), 0)};
    QTest::newRow("two backticks are not a fence")
        << QStringLiteral("``x``\ny")
        << 0 << QVector<MarkdownBlock>{prose(QStringLiteral("``x``\ny"), 0)};
    QTest::newRow("unterminated fence is a code block being written")
        << QStringLiteral("Here:\n```rust\nfn main() {\n    let x")
        << 0 << QVector<MarkdownBlock>{prose(QStringLiteral("Here:"), 0),
                                  code(QStringLiteral("fn main() {\n    let x"), QStringLiteral("rust"), 6, false)};
    QTest::newRow("unterminated fence ending in a newline")
        << QStringLiteral("```\na\n")
        << 0 << QVector<MarkdownBlock>{code(QStringLiteral("a"), QString(), 0, false)};
    QTest::newRow("opening fence still being written")
        << QStringLiteral("Look:\n```py")
        << 0 << QVector<MarkdownBlock>{prose(QStringLiteral("Look:"), 0), code(QString(), QStringLiteral("py"), 6, false)};
    QTest::newRow("partial closing fence does not close")
        << QStringLiteral("```\ncode\n``")
        << 0 << QVector<MarkdownBlock>{code(QStringLiteral("code\n``"), QString(), 0, false)};
    QTest::newRow("indented fence in a list item loses its indentation")
        << QStringLiteral("1. Step one\n   ```sh\n   ls -l\n     two more\n  less\n   ```\n2. Step two")
        << 0 << QVector<MarkdownBlock>{prose(QStringLiteral("1. Step one"), 0),
                                  code(QStringLiteral("ls -l\n  two more\nless"), QStringLiteral("sh"), 12),
                                  prose(QStringLiteral("2. Step two"), 58)};
    QTest::newRow("tab-indented fence")
        << QStringLiteral("-\tx\n\t```\n\tcode\n\t```")
        << 0 << QVector<MarkdownBlock>{prose(QStringLiteral("-\tx"), 0), code(QStringLiteral("code"), QString(), 4)};
    QTest::newRow("longer fence nests a shorter one")
        << QStringLiteral("````md\n```\ninner\n```\n````\nafter")
        << 0 << QVector<MarkdownBlock>{code(QStringLiteral("```\ninner\n```"), QStringLiteral("md"), 0), prose(QStringLiteral("after"), 26)};
    QTest::newRow("other fence character does not close")
        << QStringLiteral("```\na\n~~~\nb\n```")
        << 0 << QVector<MarkdownBlock>{code(QStringLiteral("a\n~~~\nb"), QString(), 0)};
    QTest::newRow("text after the closing run does not close")
        << QStringLiteral("```\na\n``` x\n```")
        << 0 << QVector<MarkdownBlock>{code(QStringLiteral("a\n``` x"), QString(), 0)};
    QTest::newRow("closing fence may have trailing spaces and be longer")
        << QStringLiteral("```\na\n`````  \nb")
        << 0 << QVector<MarkdownBlock>{code(QStringLiteral("a"), QString(), 0), prose(QStringLiteral("b"), 14)};
    QTest::newRow("closing fence indented four more columns does not close")
        << QStringLiteral("```\nx\n    ```\n```")
        << 0 << QVector<MarkdownBlock>{code(QStringLiteral("x\n    ```"), QString(), 0)};
    QTest::newRow("CRLF line breaks")
        << QStringLiteral("a\r\n```c\r\nint x;\r\n```\r\n")
        << 0 << QVector<MarkdownBlock>{prose(QStringLiteral("a"), 0), code(QStringLiteral("int x;"), QStringLiteral("c"), 3)};
    QTest::newRow("blank lines kept inside code")
        << QStringLiteral("```\n\nx\n\n```")
        << 0 << QVector<MarkdownBlock>{code(QStringLiteral("\nx\n"), QString(), 0)};
    QTest::newRow("empty code block")
        << QStringLiteral("```\n```")
        << 0 << QVector<MarkdownBlock>{code(QString(), QString(), 0)};
    QTest::newRow("adjacent code blocks, blank prose dropped")
        << QStringLiteral("```a\n1\n```\n\n~~~b\n2\n~~~")
        << 0 << QVector<MarkdownBlock>{code(QStringLiteral("1"), QStringLiteral("a"), 0), code(QStringLiteral("2"), QStringLiteral("b"), 12)};
}

void TranscriptViewTest::splitsMarkdownBlocks()
{
    QFETCH(QString, markdown);
    QFETCH(int, sectionChars);
    QFETCH(QVector<MarkdownBlock>, expected);
    const QVector<MarkdownBlock> blocks = splitMarkdownBlocks(markdown, sectionChars);
    QVERIFY2(blocks == expected, qPrintable(QStringLiteral("got: %1\nwanted: %2").arg(describe(blocks), describe(expected))));
}

void TranscriptViewTest::showsItems()
{
    TranscriptView transcript;
    transcript.resize(800, 600);
    TranscriptItem system;
    system.id = 1;
    system.role = QStringLiteral("system");
    system.text = QStringLiteral("You are terse.");
    TranscriptItem answer = assistantItem(3, QStringLiteral("Sure:\n```cpp\nint main() {}\n```\nThat compiles."));
    answer.stats = QStringLiteral("SmolLM2 · 0.21 s to first token · 18.3 tokens/s · 143 tokens · eos");
    answer.error = QStringLiteral("Connection dropped after 37 tokens");
    transcript.setItems({system, userItem(2, QStringLiteral("Write\nC++")), answer});
    transcript.show();

    QCOMPARE(transcript.messageViews().size(), 2);
    QVERIFY(transcript.messageView(1) == nullptr);
    MessageView* user = transcript.messageView(2);
    QVERIFY(user != nullptr);
    QCOMPARE(child<QLabel>(user, "userText")->text(), QStringLiteral("Write\nC++"));

    MessageView* assistant = transcript.messageView(3);
    const QList<QTextBrowser*> prose = assistant->findChildren<QTextBrowser*>(QStringLiteral("proseBlock"));
    QCOMPARE(prose.size(), 2);
    QCOMPARE(prose[0]->toPlainText(), QStringLiteral("Sure:"));
    QCOMPARE(prose[1]->toPlainText(), QStringLiteral("That compiles."));
    QCOMPARE(child<QPlainTextEdit>(assistant, "codeBody")->toPlainText(), QStringLiteral("int main() {}"));
    QCOMPARE(child<QLabel>(assistant, "codeLanguage")->text(), QStringLiteral("cpp"));
    QCOMPARE(child<QPlainTextEdit>(assistant, "codeBody")->lineWrapMode(), QPlainTextEdit::NoWrap);

    QLabel* stats = child<QLabel>(assistant, "messageStats");
    QVERIFY(stats->isVisible());
    QCOMPARE(stats->text(), answer.stats);
    QLabel* error = child<QLabel>(assistant, "messageError");
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), answer.error);
    QVERIFY(!child<QWidget>(assistant, "streamingIndicator")->isVisible());

    answer.error.clear();
    transcript.updateItem(answer);
    QVERIFY(!error->isVisible());
    QVERIFY(stats->isVisible());
}

void TranscriptViewTest::emptyStateShowsWithoutItems()
{
    TranscriptView transcript;
    transcript.resize(700, 500);
    transcript.setEmptyText(QStringLiteral("Ask SmolLM2-135M-Instruct anything"), QStringLiteral("Answers stay on this computer."));
    transcript.show();
    QWidget* empty = child<QWidget>(&transcript, "transcriptEmpty");
    QVERIFY(empty->isVisible());
    QCOMPARE(child<QLabel>(&transcript, "transcriptEmptyTitle")->text(), QStringLiteral("Ask SmolLM2-135M-Instruct anything"));

    transcript.setItems({userItem(1, QStringLiteral("hi"))});
    QVERIFY(!empty->isVisible());
    transcript.setItems({});
    QVERIFY(empty->isVisible());
    QVERIFY(transcript.messageViews().isEmpty());
}

void TranscriptViewTest::copyOnACodeBlockCopiesExactlyTheCode()
{
    TranscriptView transcript;
    transcript.resize(800, 600);
    // Tabs, trailing spaces, a blank line and a non-breaking space must survive the copy.
    const QString code = QStringLiteral("def f(x):\n\treturn x  \n\n# caf\u00e9\u00a0ok");
    transcript.setItems({assistantItem(7, QStringLiteral("Intro\n\n```python\n") + code + QStringLiteral("\n```\n\nOutro"))});
    transcript.show();
    QSignalSpy copied(&transcript, &TranscriptView::copyRequested);

    QGuiApplication::clipboard()->clear();
    auto* copy = child<QToolButton>(transcript.messageView(7), "copyCodeButton");
    QVERIFY(copy != nullptr);
    QCOMPARE(copy->text(), QStringLiteral("Copy"));
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), code);
    QCOMPARE(copied.size(), 1);
    QCOMPARE(copied.at(0).at(0).toString(), code);
    QCOMPARE(copy->text(), QStringLiteral("Copied"));
    QTRY_COMPARE_WITH_TIMEOUT(copy->text(), QStringLiteral("Copy"), 3000);
}

void TranscriptViewTest::copyMessageCopiesTheWholeText()
{
    TranscriptView transcript;
    transcript.resize(800, 600);
    const QString answer = QStringLiteral("**Bold** and\n```\nx\n```");
    transcript.setItems({userItem(1, QStringLiteral("q")), assistantItem(2, answer)});
    transcript.show();
    QSignalSpy copied(&transcript, &TranscriptView::copyRequested);
    QTest::mouseClick(child<QToolButton>(transcript.messageView(2), "copyMessageButton"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), answer);
    QCOMPARE(copied.size(), 1);
    QCOMPARE(copied.at(0).at(0).toString(), answer);
}

void TranscriptViewTest::editFlowEmitsEditSubmitted()
{
    TranscriptView transcript;
    transcript.resize(800, 600);
    transcript.setItems({userItem(4, QStringLiteral("What is BPE?")), assistantItem(5, QStringLiteral("Byte pair encoding."))});
    transcript.show();
    QSignalSpy submitted(&transcript, &TranscriptView::editSubmitted);
    MessageView* user = transcript.messageView(4);
    QWidget* bubble = child<QWidget>(user, "userBubble");

    QTest::mouseClick(child<QToolButton>(user, "editButton"), Qt::LeftButton);
    QVERIFY(user->isEditing());
    QVERIFY(!bubble->isVisible());
    QPlainTextEdit* editor = user->editEditor();
    QCOMPARE(editor->toPlainText(), QStringLiteral("What is BPE?"));

    // Escape cancels without a signal.
    QTest::keyClick(editor, Qt::Key_Escape);
    QVERIFY(!user->isEditing());
    QVERIFY(bubble->isVisible());
    QCOMPARE(submitted.size(), 0);

    QTest::mouseClick(child<QToolButton>(user, "editButton"), Qt::LeftButton);
    auto* send = child<QPushButton>(user, "editSendButton");
    editor->setPlainText(QStringLiteral("   \n "));
    QVERIFY(!send->isEnabled());
    editor->setPlainText(QStringLiteral("What is WordPiece?\nBriefly."));
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted.at(0).at(0).toLongLong(), 4);
    QCOMPARE(submitted.at(0).at(1).toString(), QStringLiteral("What is WordPiece?\nBriefly."));
    QVERIFY(!user->isEditing());

    // Ctrl+Enter sends too.
    QTest::mouseClick(child<QToolButton>(user, "editButton"), Qt::LeftButton);
    editor->setPlainText(QStringLiteral("Third try"));
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(submitted.size(), 2);
    QCOMPARE(submitted.at(1).at(1).toString(), QStringLiteral("Third try"));
}

void TranscriptViewTest::regenerateAndVersionSignals()
{
    TranscriptView transcript;
    transcript.resize(800, 600);
    TranscriptItem answer = assistantItem(9, QStringLiteral("Second version"));
    answer.siblingIndex = 1;
    answer.siblingCount = 3;
    TranscriptItem question = userItem(8, QStringLiteral("q"));
    transcript.setItems({question, answer});
    transcript.show();
    QSignalSpy regenerate(&transcript, &TranscriptView::regenerateRequested);
    QSignalSpy sibling(&transcript, &TranscriptView::siblingRequested);

    MessageView* view = transcript.messageView(9);
    QTest::mouseClick(child<QToolButton>(view, "regenerateButton"), Qt::LeftButton);
    QCOMPARE(regenerate.size(), 1);
    QCOMPARE(regenerate.at(0).at(0).toLongLong(), 9);

    QCOMPARE(child<QLabel>(view, "versionLabel")->text(), QStringLiteral("2/3"));
    QVERIFY(child<QLabel>(view, "versionLabel")->isVisible());
    QTest::mouseClick(child<QToolButton>(view, "previousVersionButton"), Qt::LeftButton);
    QTest::mouseClick(child<QToolButton>(view, "nextVersionButton"), Qt::LeftButton);
    QCOMPARE(sibling.size(), 2);
    QCOMPARE(sibling.at(0).at(0).toLongLong(), 9);
    QCOMPARE(sibling.at(0).at(1).toInt(), -1);
    QCOMPARE(sibling.at(1).at(1).toInt(), +1);

    answer.siblingIndex = 0;
    transcript.updateItem(answer);
    QCOMPARE(child<QLabel>(view, "versionLabel")->text(), QStringLiteral("1/3"));
    QVERIFY(!child<QToolButton>(view, "previousVersionButton")->isEnabled());
    QVERIFY(child<QToolButton>(view, "nextVersionButton")->isEnabled());

    // A message with one version has no navigator.
    QVERIFY(!child<QLabel>(transcript.messageView(8), "versionLabel")->isVisible());
}

void TranscriptViewTest::readOnlyHidesEditAndRegenerate()
{
    TranscriptView transcript;
    transcript.resize(800, 600);
    transcript.setItems({userItem(1, QStringLiteral("q")), assistantItem(2, QStringLiteral("a"))});
    transcript.show();
    auto* edit = child<QToolButton>(transcript.messageView(1), "editButton");
    auto* regenerate = child<QToolButton>(transcript.messageView(2), "regenerateButton");
    QVERIFY(!edit->isHidden());
    QVERIFY(!regenerate->isHidden());
    transcript.setReadOnly(true);
    QVERIFY(edit->isHidden());
    QVERIFY(regenerate->isHidden());
    QVERIFY(!child<QToolButton>(transcript.messageView(2), "copyMessageButton")->isHidden());
    // Views created while read-only are read-only too.
    transcript.setItems({userItem(1, QStringLiteral("q")), assistantItem(2, QStringLiteral("a")), userItem(3, QStringLiteral("more"))});
    QVERIFY(child<QToolButton>(transcript.messageView(3), "editButton")->isHidden());
    transcript.setReadOnly(false);
    QVERIFY(!edit->isHidden());
    QVERIFY(!child<QToolButton>(transcript.messageView(3), "editButton")->isHidden());
}

void TranscriptViewTest::cutMessagesSayTheyAreNotSent()
{
    TranscriptView transcript;
    transcript.resize(800, 600);
    TranscriptItem old = userItem(1, QStringLiteral("long ago"));
    old.cut = true;
    transcript.setItems({old, assistantItem(2, QStringLiteral("a"))});
    transcript.show();
    QLabel* note = child<QLabel>(transcript.messageView(1), "cutNote");
    QVERIFY(note->isVisible());
    QCOMPARE(note->text(), QStringLiteral("Outside the context: not sent"));
    QVERIFY(!child<QLabel>(transcript.messageView(2), "cutNote")->isVisible());
    old.cut = false;
    transcript.updateItem(old);
    QVERIFY(!note->isVisible());
}

void TranscriptViewTest::setItemsReusesUnchangedViews()
{
    TranscriptView transcript;
    transcript.resize(800, 600);
    QVector<TranscriptItem> items = {userItem(1, QStringLiteral("q1")), assistantItem(2, QStringLiteral("a1")),
                                     userItem(3, QStringLiteral("q2")), assistantItem(4, QStringLiteral("a2"))};
    transcript.setItems(items);
    transcript.show();
    const QVector<MessageView*> before = transcript.messageViews();

    // Another branch from message 2 on: 1 and 2 stay, 2's footer changes, 3 and 4 are replaced.
    QVector<TranscriptItem> branch = {items[0], items[1], userItem(5, QStringLiteral("q2 edited")), assistantItem(6, QStringLiteral("a2'"))};
    branch[1].stats = QStringLiteral("12 tokens");
    transcript.setItems(branch);
    const QVector<MessageView*> after = transcript.messageViews();
    QCOMPARE(after.size(), 4);
    QCOMPARE(after[0], before[0]);
    QCOMPARE(after[1], before[1]);
    QCOMPARE(child<QLabel>(after[1], "messageStats")->text(), QStringLiteral("12 tokens"));
    QVERIFY(!after.contains(before[2]));
    QVERIFY(!after.contains(before[3]));
    QCOMPARE(after[2]->item().text, QStringLiteral("q2 edited"));
    QVERIFY(transcript.messageView(3) == nullptr);

    // The same list again changes nothing.
    transcript.setItems(branch);
    QCOMPARE(transcript.messageViews(), after);

    // The old views go away.
    QPointer<MessageView> gone = before[2];
    QTRY_VERIFY(gone.isNull());
}

void TranscriptViewTest::streamedTextEndsUpComplete()
{
    TranscriptView transcript;
    transcript.resize(800, 600);
    TranscriptItem answer = assistantItem(2, QString());
    answer.streaming = true;
    transcript.setItems({userItem(1, QStringLiteral("Show me")), answer});
    transcript.show();
    MessageView* view = transcript.messageView(2);
    QVERIFY(child<QWidget>(view, "streamingIndicator")->isVisible());

    const QString full = QStringLiteral("Here is code:\n\n```python\nprint(1)\nprint(2)\n```\n\nAnd a list:\n\n- a\n- b\n\n~~~\nplain\n~~~\nDone.");
    // Three characters at a time: fences arrive split across chunks.
    for (qsizetype i = 0; i < full.size(); i += 3) {
        transcript.appendText(2, full.mid(i, 3));
    }
    QCOMPARE(view->item().text, full);
    QVERIFY(view->hasPendingText());
    QVERIFY(view->renderedBlocks().isEmpty());  // appendText only accumulates
    // The page's own copy may lag behind what was appended: the shown text does not go back.
    TranscriptItem lagging = answer;
    lagging.text = full.left(20);
    lagging.stats = QStringLiteral("12 tokens so far");
    transcript.updateItem(lagging);
    QCOMPARE(view->item().text, full);
    QCOMPARE(child<QLabel>(view, "messageStats")->text(), QStringLiteral("12 tokens so far"));
    QTRY_VERIFY(!view->hasPendingText());

    const QVector<MarkdownBlock> expected = {
        prose(QStringLiteral("Here is code:"), 0), code(QStringLiteral("print(1)\nprint(2)"), QStringLiteral("python"), 15),
        prose(QStringLiteral("And a list:\n\n- a\n- b"), 48), code(QStringLiteral("plain"), QString(), 70),
        prose(QStringLiteral("Done."), 84)};
    QCOMPARE(describe(view->renderedBlocks()), describe(expected));

    // Streaming again, flushing after every chunk: each intermediate state is rendered and the
    // result is the same.
    answer.text.clear();
    answer.id = 3;
    transcript.setItems({userItem(1, QStringLiteral("Show me")), answer});
    view = transcript.messageView(3);
    for (qsizetype i = 0; i < full.size(); i += 2) {
        view->appendText(full.mid(i, 2));
        view->flushText();
    }
    QCOMPARE(describe(view->renderedBlocks()), describe(expected));
    const QList<QTextBrowser*> prose = view->findChildren<QTextBrowser*>(QStringLiteral("proseBlock"));
    QCOMPARE(prose.size(), 3);
    QCOMPARE(prose[1]->toPlainText(), QStringLiteral("And a list:\na\nb"));  // rendered: the bullets are list formatting
    const QList<QPlainTextEdit*> bodies = view->findChildren<QPlainTextEdit*>(QStringLiteral("codeBody"));
    QCOMPARE(bodies.size(), 2);
    QCOMPARE(bodies[0]->toPlainText(), QStringLiteral("print(1)\nprint(2)"));

    // The page ends the stream with the final state: the indicator goes, the stats come.
    answer.text = full;
    answer.streaming = false;
    answer.stats = QStringLiteral("0.2 s to first token");
    transcript.updateItem(answer);
    QVERIFY(!child<QWidget>(view, "streamingIndicator")->isVisible());
    QVERIFY(child<QLabel>(view, "messageStats")->isVisible());
    QCOMPARE(describe(view->renderedBlocks()), describe(expected));
}

void TranscriptViewTest::streamingUpdateIsCheap_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("four code blocks") << longAnswer();
    QTest::newRow("prose only") << longProse();
}

void TranscriptViewTest::streamingUpdateIsCheap()
{
    QFETCH(QString, text);
    QVERIFY(text.size() >= 4000);
    TranscriptView transcript;
    transcript.resize(900, 700);
    QVector<TranscriptItem> items;
    // An earlier exchange above, so a full-transcript relayout per update would show.
    for (qint64 id = 1; id <= 10; id += 2) {
        items << userItem(id, QStringLiteral("Question %1\nwith two lines").arg(id));
        items << assistantItem(id + 1, longAnswer().left(1200));
    }
    TranscriptItem answer = assistantItem(100, QString());
    answer.streaming = true;
    items << userItem(99, QStringLiteral("Explain tokenizers")) << answer;
    transcript.setItems(items);
    transcript.show();
    QVERIFY(QTest::qWaitForWindowExposed(&transcript));
    MessageView* view = transcript.messageView(100);

    const QStringList tokens = tokensOf(text);
    // 200 tokens/s with a 40 ms render interval: 8 tokens per update. One update: the render,
    // the layout it causes and the repaint of the transcript (it follows the bottom).
    constexpr int kTokensPerUpdate = 8;
    QVector<double> milliseconds;
    for (qsizetype i = 0; i < tokens.size(); i += kTokensPerUpdate) {
        for (qsizetype j = i; j < std::min(tokens.size(), i + kTokensPerUpdate); ++j) {
            view->appendText(tokens[j]);
        }
        QElapsedTimer timer;
        timer.start();
        view->flushText();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        transcript.viewport()->repaint();
        milliseconds << double(timer.nsecsElapsed()) / 1e6;
    }
    QCOMPARE(view->item().text, text);
    QStringList shown;
    for (const MarkdownBlock& block : view->renderedBlocks()) {
        shown << (block.kind == Kind::Code ? QStringLiteral("```%1\n%2\n```").arg(block.language, block.text) : block.text);
    }
    QCOMPARE(shown.join(QStringLiteral("\n\n")), text);  // every character shown once, in order
    QVERIFY(view->renderedBlocks().size() > 2);  // the prose-only answer is shown in sections

    const double median = percentile(milliseconds, 0.5);
    const double p90 = percentile(milliseconds, 0.9);
    const double worst = percentile(milliseconds, 1.0);
    qInfo("%lld updates of a %lld-character answer: median %.2f ms, p90 %.2f ms, max %.2f ms",
          qlonglong(milliseconds.size()), qlonglong(text.size()), median, p90, worst);
    QVERIFY2(p90 < 8.0, qPrintable(QStringLiteral("p90 %1 ms").arg(p90)));
    QVERIFY2(worst < 50.0, qPrintable(QStringLiteral("max %1 ms").arg(worst)));
}

void TranscriptViewTest::streamingKeepsTheEventLoopResponsive()
{
    TranscriptView transcript;
    transcript.resize(900, 700);
    TranscriptItem answer = assistantItem(2, QString());
    answer.streaming = true;
    transcript.setItems({userItem(1, QStringLiteral("Explain tokenizers")), answer});
    transcript.show();
    QVERIFY(QTest::qWaitForWindowExposed(&transcript));

    // 256 tokens at 200 tokens/s; a 1 ms timer measures how long the event loop is away. A
    // plain event loop runs it: QTest's waits sleep between their rounds of events.
    const QStringList tokens = tokensOf(longAnswer()).mid(0, 256);
    MessageView* view = transcript.messageView(2);
    QEventLoop loop;
    qsizetype next = 0;
    QTimer producer;
    producer.setInterval(5);
    connect(&producer, &QTimer::timeout, &transcript, [&] {
        if (next < tokens.size()) {
            transcript.appendText(2, tokens[next++]);
        } else if (!view->hasPendingText()) {
            producer.stop();
            QTimer::singleShot(100, &loop, &QEventLoop::quit);  // the last render's layout and paint
        }
    });
    QVector<double> gaps;
    QElapsedTimer clock;
    qint64 last = 0;
    QTimer probe;
    probe.setInterval(1);
    probe.setTimerType(Qt::PreciseTimer);
    connect(&probe, &QTimer::timeout, &transcript, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps << double(now - last) / 1e6;
        last = now;
    });
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    clock.start();
    producer.start();
    probe.start();
    loop.exec();
    probe.stop();
    QCOMPARE(next, tokens.size());
    QCOMPARE(view->item().text, tokens.join(QString()));
    const double p99 = percentile(gaps, 0.99);
    const double worst = percentile(gaps, 1.0);
    qInfo("event-loop gaps over %lld probes: p99 %.2f ms, max %.2f ms", qlonglong(gaps.size()), p99, worst);
    QVERIFY2(p99 <= 16.0, qPrintable(QStringLiteral("p99 %1 ms").arg(p99)));
    QVERIFY2(worst <= 50.0, qPrintable(QStringLiteral("max %1 ms").arg(worst)));
}

void TranscriptViewTest::tabReachesTheActionButtons()
{
    TranscriptView transcript;
    transcript.resize(800, 600);
    transcript.setItems({userItem(1, QStringLiteral("q")), assistantItem(2, QStringLiteral("a")), userItem(3, QStringLiteral("q2")),
                         assistantItem(4, QStringLiteral("a2"))});
    transcript.show();
    QApplication::setActiveWindow(&transcript);
    QVERIFY(QTest::qWaitForWindowActive(&transcript));
    MessageView* first = transcript.messageView(1);
    auto* copy = child<QToolButton>(first, "copyMessageButton");
    QCOMPARE(copy->accessibleName(), QStringLiteral("Copy message"));
    // The pointer may rest anywhere on an offscreen screen: take it off the first message.
    transcript.setFocus();
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(first, &leave);
    QVERIFY(!first->actionsRevealed());  // not hovered, not focused, not the latest answer
    QVERIFY(transcript.messageView(4)->actionsRevealed());  // the latest answer keeps them

    bool reached = false;
    for (int press = 0; press < 40 && !reached; ++press) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached = QApplication::focusWidget() == copy;
    }
    QVERIFY(reached);
    QVERIFY(first->actionsRevealed());
    QTest::keyClick(copy, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), child<QToolButton>(first, "editButton"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QVERIFY(!first->actionsRevealed());
}

void TranscriptViewTest::followsTheBottomWhileStreaming()
{
    TranscriptView transcript;
    transcript.resize(700, 400);
    TranscriptItem answer = assistantItem(2, QString());
    answer.streaming = true;
    transcript.setItems({userItem(1, QStringLiteral("Count")), answer});
    transcript.show();
    QVERIFY(QTest::qWaitForWindowExposed(&transcript));
    QScrollBar* bar = transcript.verticalScrollBar();

    QString lines;
    for (int i = 0; i < 40; ++i) {
        transcript.appendText(2, QStringLiteral("Line %1 of the answer.\n\n").arg(i));
    }
    QTRY_VERIFY(bar->maximum() > 0 && !transcript.messageView(2)->hasPendingText());
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(transcript.isFollowingBottom());
    QVERIFY(transcript.jumpButton()->isHidden());

    // The reader scrolls up: the view stays where they are and offers a way back.
    bar->setValue(0);
    QVERIFY(!transcript.isFollowingBottom());
    QVERIFY(transcript.jumpButton()->isVisible());
    const int maximumBefore = bar->maximum();
    for (int i = 40; i < 60; ++i) {
        transcript.appendText(2, QStringLiteral("Line %1 of the answer.\n\n").arg(i));
    }
    QTRY_VERIFY(bar->maximum() > maximumBefore);
    QCOMPARE(bar->value(), 0);

    QTest::mouseClick(transcript.jumpButton(), Qt::LeftButton);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(transcript.isFollowingBottom());
    QVERIFY(transcript.jumpButton()->isHidden());
    for (int i = 60; i < 70; ++i) {
        transcript.appendText(2, QStringLiteral("Line %1 of the answer.\n\n").arg(i));
    }
    const int maximumFollowing = bar->maximum();
    QTRY_VERIFY(bar->maximum() > maximumFollowing);
    QTRY_COMPARE(bar->value(), bar->maximum());
}

// A block must not swallow the wheel: it leaves the event unaccepted, and Qt hands an ignored
// wheel event from the window system on to the parents, up to the transcript.
void TranscriptViewTest::wheelOverABlockIsLeftToTheTranscript()
{
    TranscriptView transcript;
    transcript.resize(700, 300);
    transcript.setItems({userItem(1, QStringLiteral("q")), assistantItem(2, longAnswer())});
    transcript.show();
    QVERIFY(QTest::qWaitForWindowExposed(&transcript));
    MessageView* view = transcript.messageView(2);
    auto* prose = view->findChild<QTextBrowser*>(QStringLiteral("proseBlock"));
    auto* code = view->findChild<QPlainTextEdit*>(QStringLiteral("codeBody"));
    // Wide enough for the code, then so narrow that the code scrolls sideways.
    for (int width : {700, 420}) {
        transcript.resize(width, 300);
        QTRY_VERIFY(proseBlocksFitTheirText(&transcript));
        QTRY_COMPARE(code->horizontalScrollBar()->isVisible(), width < 500);
        for (QAbstractScrollArea* block : {static_cast<QAbstractScrollArea*>(prose), static_cast<QAbstractScrollArea*>(code)}) {
            QWidget* target = block->viewport();
            const QPointF position = QRectF(target->rect()).center();
            QWheelEvent wheel(position, target->mapToGlobal(position), QPoint(), QPoint(0, -120), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(target, &wheel);
            QVERIFY2(!wheel.isAccepted(), qPrintable(QStringLiteral("%1 at %2").arg(block->objectName()).arg(width)));
            QCOMPARE(block->verticalScrollBar()->value(), 0);
        }
    }

    // The transcript itself takes it.
    QScrollBar* bar = transcript.verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    bar->setValue(0);
    const QPointF position = QRectF(transcript.viewport()->rect()).center();
    QWheelEvent wheel(position, transcript.viewport()->mapToGlobal(position), QPoint(), QPoint(0, -120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(transcript.viewport(), &wheel);
    QVERIFY(bar->value() > 0);
}

// Every prose block is exactly as tall as its laid-out text, after the first layout and after
// the transcript changes width: nothing clipped, no block scrolling inside itself.
void TranscriptViewTest::proseBlocksFitTheirTextAtAnyWidth()
{
    TranscriptView transcript;
    transcript.resize(900, 600);
    transcript.setItems({userItem(1, QStringLiteral("q")), assistantItem(2, longAnswer()), userItem(3, QStringLiteral("more")),
                         assistantItem(4, longProse())});
    transcript.show();
    QVERIFY(QTest::qWaitForWindowExposed(&transcript));
    const auto fits = [&transcript] { return proseBlocksFitTheirText(&transcript); };
    QTRY_VERIFY(fits());
    for (int width : {520, 1300, 700}) {
        transcript.resize(width, 600);
        QTRY_VERIFY2(fits(), qPrintable(QStringLiteral("at width %1").arg(width)));
    }
    // Streaming into a block keeps it fitting too.
    TranscriptItem answer = assistantItem(6, QString());
    answer.streaming = true;
    transcript.setItems({userItem(1, QStringLiteral("q")), assistantItem(2, longAnswer()), userItem(5, QStringLiteral("again")), answer});
    for (const QString& token : tokensOf(longProse().left(900))) {
        transcript.appendText(6, token);
    }
    QTRY_VERIFY(!transcript.messageView(6)->hasPendingText());
    QTRY_VERIFY(fits());
}

void TranscriptViewTest::composerSendsOnEnter()
{
    ChatComposer composer;
    composer.resize(600, 80);
    composer.show();
    QSignalSpy send(&composer, &ChatComposer::sendRequested);
    QPlainTextEdit* editor = composer.editor();
    QVERIFY(!composer.sendButton()->isEnabled());

    // Enter on nothing or blanks sends nothing.
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::keyClicks(editor, QStringLiteral("   "));
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(send.size(), 0);
    QVERIFY(!composer.sendButton()->isEnabled());

    composer.clear();
    QTest::keyClicks(editor, QStringLiteral("hello"));
    QTest::keyClick(editor, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(editor, QStringLiteral("world"));
    QCOMPARE(composer.text(), QStringLiteral("hello\nworld"));
    QCOMPARE(send.size(), 0);
    QVERIFY(composer.sendButton()->isEnabled());
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(send.size(), 1);
    QCOMPARE(send.at(0).at(0).toString(), QStringLiteral("hello\nworld"));
    QCOMPARE(composer.text(), QStringLiteral("hello\nworld"));  // the page clears it

    QTest::keyClick(editor, Qt::Key_Enter, Qt::KeypadModifier);
    QCOMPARE(send.size(), 2);
    QTest::mouseClick(composer.sendButton(), Qt::LeftButton);
    QCOMPARE(send.size(), 3);
    QCOMPARE(composer.sendButton()->text(), QStringLiteral("Send"));
    QVERIFY(!composer.sendButton()->icon().isNull());
}

void TranscriptViewTest::composerWhileBusy()
{
    ChatComposer composer;
    composer.resize(600, 80);
    composer.show();
    QSignalSpy send(&composer, &ChatComposer::sendRequested);
    QSignalSpy stop(&composer, &ChatComposer::stopRequested);
    QPlainTextEdit* editor = composer.editor();

    // Escape when idle does nothing.
    QTest::keyClick(editor, Qt::Key_Escape);
    QCOMPARE(stop.size(), 0);

    composer.setText(QStringLiteral("next question"));
    composer.setBusy(true);
    QCOMPARE(composer.sendButton()->text(), QStringLiteral("Stop"));
    QVERIFY(composer.sendButton()->isEnabled());
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(send.size(), 0);
    QCOMPARE(composer.text(), QStringLiteral("next question"));  // Enter neither sends nor breaks the line

    QTest::keyClick(editor, Qt::Key_Escape);
    QCOMPARE(stop.size(), 1);
    QTest::mouseClick(composer.sendButton(), Qt::LeftButton);
    QCOMPARE(stop.size(), 2);
    QCOMPARE(send.size(), 0);

    composer.setBusy(false);
    QCOMPARE(composer.sendButton()->text(), QStringLiteral("Send"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(send.size(), 1);
    QCOMPARE(send.at(0).at(0).toString(), QStringLiteral("next question"));
}

void TranscriptViewTest::composerNotReady()
{
    ChatComposer composer;
    composer.resize(600, 80);
    composer.show();
    QSignalSpy send(&composer, &ChatComposer::sendRequested);
    composer.setText(QStringLiteral("typed before unloading"));
    composer.setReady(false, QStringLiteral("Load a model to start"));
    QVERIFY(!composer.editor()->isEnabled());
    QCOMPARE(composer.editor()->placeholderText(), QStringLiteral("Load a model to start"));
    QVERIFY(!composer.sendButton()->isEnabled());
    QTest::keyClick(composer.editor(), Qt::Key_Return);
    QCOMPARE(send.size(), 0);

    composer.setPlaceholderText(QStringLiteral("Message SmolLM2"));
    composer.setReady(true);
    QVERIFY(composer.editor()->isEnabled());
    QCOMPARE(composer.editor()->placeholderText(), QStringLiteral("Message SmolLM2"));
    QVERIFY(composer.sendButton()->isEnabled());
}

void TranscriptViewTest::composerGrowsWithItsText()
{
    ChatComposer composer;
    composer.resize(600, 80);
    composer.show();
    QPlainTextEdit* editor = composer.editor();
    const int oneLine = editor->height();
    const int lineSpacing = editor->fontMetrics().lineSpacing();

    composer.setText(QStringLiteral("1\n2\n3"));
    QTRY_COMPARE(editor->height(), oneLine + 2 * lineSpacing);
    QStringList many;
    for (int i = 0; i < 20; ++i) {
        many << QString::number(i);
    }
    composer.setText(many.join(u'\n'));
    QTRY_COMPARE(editor->height(), oneLine + (ChatComposer::kMaxLines - 1) * lineSpacing);
    composer.clear();
    QTRY_COMPARE(editor->height(), oneLine);
}

QTEST_MAIN(TranscriptViewTest)
#include "transcript_view_test.moc"
