// Proves the Chat page's side panels, each driven offscreen with QTest: the conversation list
// groups, filters by the page's search results, keeps its selection across updates, renames in
// place with F2 and deletes only after confirmation; the sampling panel keeps unset fields unset,
// rejects values outside the ranges transformers and TGI accept, and keeps presets through
// QSettings with the built-ins undeletable; the template view counts tokens, names a token's id
// and text on hover and stays fast at 8,000 tokens; the context bar words the fitting and the
// cutting cases; the model picker emits only usable choices; the endpoint dialog validates URLs
// and never loses a saved key by accident.
#include "ui/chat/context_bar.h"
#include "ui/chat/conversation_list.h"
#include "ui/chat/endpoint_dialog.h"
#include "ui/chat/model_picker.h"
#include "ui/chat/sampling_panel.h"
#include "ui/chat/template_view.h"
#include "ui/common/icons.h"

#include <QAbstractItemModel>
#include <QContextMenuEvent>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QToolTip>
#include <QtTest>

#include <limits>

using namespace lathe;
using Field = SamplingPanel::Field;

namespace {

QVector<ConversationListItem> sampleConversations(const QDateTime& now)
{
    auto item = [](const char* id, const char* title, const char* snippet, const QDateTime& updated, int messages) {
        return ConversationListItem{QString::fromUtf8(id), QString::fromUtf8(title), QString::fromUtf8(snippet), updated,
                                    messages};
    };
    return {
        item("old", "Rust lifetimes", "A borrow lasts until…", now.addDays(-30), 6),
        item("today", "Chat templates", "What does add_generation_prompt do?", now.addSecs(-120), 4),
        item("week", "Quantization", "Q4_0 keeps one scale per 32 weights", now.addDays(-3), 10),
        item("yesterday", "Tokenizer bug", "The space before the digit…", now.addDays(-1), 2),
    };
}

QStringList headerTexts(const QAbstractItemModel* model, int headerRole)
{
    QStringList headers;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(headerRole).toBool()) {
            headers << index.data().toString();
        }
    }
    return headers;
}

// Clicks the button with ROLE in the message box that opens next.
void answerNextMessageBox(QMessageBox::ButtonRole role)
{
    QTimer::singleShot(0, [role] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box != nullptr);
        for (QAbstractButton* button : box->buttons()) {
            if (box->buttonRole(button) == role) {
                button->click();
                return;
            }
        }
        QFAIL("no button with the asked role");
    });
}

}  // namespace

class ChatPanelsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void conversationListGroupsNewestFirst();
    void conversationListFiltersBySearchResults();
    void conversationListDebouncesSearch();
    void conversationListKeepsSelectionAndScroll();
    void conversationListRenamesWithF2();
    void conversationListDeletesOnlyWhenConfirmed();
    void conversationListExports();
    void relativeTimes();

    void samplingKeepsUnsetFieldsUnset();
    void samplingTypedValuesApply();
    void samplingRejectsInvalidValues_data();
    void samplingRejectsInvalidValues();
    void samplingAcceptsRangeEdges();
    void samplingResets();
    void samplingStopStringsUseEscapes();
    void systemPromptIsDebouncedAndFlushed();
    void presetsPersistAndBuiltInsStay();
    void answerStatistics();

    void templateViewCountsAndNamesTokens();
    void templateViewHoverShowsTheToken();
    void templateViewShowsWhitespace();
    void templateViewHandlesEightThousandTokens();
    void templateViewUnavailable();

    void contextBarFits();
    void contextBarCuts();
    void contextBarUnknown();

    void modelPickerEmitsOnlyUsableChoices();
    void modelPickerFiltersAndChoosesByKeyboard();
    void modelPickerLoadingAndErrors();

    void endpointUrlValidation();
    void endpointDialogEnablesConnectOnlyForValidUrls();
    void endpointDialogKeepsSavedKey();
    void endpointDialogTestConnection();
};

void ChatPanelsTest::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    initUiResources();
}

// --- ConversationList ------------------------------------------------------------------------

void ChatPanelsTest::conversationListGroupsNewestFirst()
{
    ConversationList list;
    list.setItems(sampleConversations(QDateTime::currentDateTime()));
    QCOMPARE(list.visibleIds(), (QStringList{"today", "yesterday", "week", "old"}));
    QCOMPARE(headerTexts(list.view()->model(), ConversationList::HeaderRole),
             (QStringList{"Today", "Yesterday", "Previous 7 days", "Older"}));
    QVERIFY(list.emptyText().isEmpty());

    list.setItems({});
    QVERIFY2(list.emptyText().startsWith(QStringLiteral("No conversations yet.")), qPrintable(list.emptyText()));
}

void ChatPanelsTest::conversationListFiltersBySearchResults()
{
    ConversationList list;
    list.setItems(sampleConversations(QDateTime::currentDateTime()));
    list.setSearchResults(QSet<QString>{"old", "yesterday"});
    QCOMPARE(list.visibleIds(), (QStringList{"yesterday", "old"}));
    QCOMPARE(headerTexts(list.view()->model(), ConversationList::HeaderRole), (QStringList{"Yesterday", "Older"}));

    list.searchField()->setText(QStringLiteral("zebra"));
    list.setSearchResults(QSet<QString>{});
    QVERIFY(list.visibleIds().isEmpty());
    QCOMPARE(list.emptyText(), QStringLiteral("No conversation contains “zebra”."));

    list.setSearchResults(std::nullopt);
    QCOMPARE(list.visibleIds().size(), 4);
    QVERIFY(list.emptyText().isEmpty());
}

void ChatPanelsTest::conversationListDebouncesSearch()
{
    ConversationList list;
    list.show();
    QSignalSpy search(&list, &ConversationList::searchChanged);
    QTest::keyClicks(list.searchField(), QStringLiteral("tok"));
    QCOMPARE(search.count(), 0);
    QTRY_COMPARE(search.count(), 1);
    QCOMPARE(search.first().at(0).toString(), QStringLiteral("tok"));
}

void ChatPanelsTest::conversationListKeepsSelectionAndScroll()
{
    const QDateTime now = QDateTime::currentDateTime();
    QVector<ConversationListItem> items;
    for (int i = 0; i < 60; ++i) {
        items.push_back({QStringLiteral("c%1").arg(i), QStringLiteral("Conversation %1").arg(i), QStringLiteral("…"),
                         now.addSecs(-3600 * i), 2});
    }
    ConversationList list;
    list.resize(260, 400);
    list.show();
    QVERIFY(QTest::qWaitForWindowExposed(&list));
    QSignalSpy current(&list, &ConversationList::currentChanged);
    list.setItems(items);
    list.setCurrent(QStringLiteral("c30"));
    QCOMPARE(current.count(), 0);  // set by the page: no echo
    QScrollBar* scroll = list.view()->verticalScrollBar();
    QVERIFY(scroll->maximum() > 200);
    scroll->setValue(200);

    // The store changed (a title and a new conversation): the page sends everything again.
    items[30].title = QStringLiteral("Renamed elsewhere");
    items.push_back({QStringLiteral("new"), QStringLiteral("Newest"), QString(), now.addDays(-40), 0});
    list.setItems(items);
    QCOMPARE(list.current(), QStringLiteral("c30"));
    QCOMPARE(list.view()->currentIndex().data().toString(), QStringLiteral("Renamed elsewhere"));
    QVERIFY(list.view()->selectionModel()->isSelected(list.view()->currentIndex()));
    QCOMPARE(scroll->value(), 200);
    QCOMPARE(current.count(), 0);

    // The user moving down emits the next conversation.
    list.view()->setFocus();
    QTest::keyClick(list.view(), Qt::Key_Down);
    QCOMPARE(current.count(), 1);
    QCOMPARE(current.first().at(0).toString(), QStringLiteral("c31"));
}

void ChatPanelsTest::conversationListRenamesWithF2()
{
    ConversationList list;
    list.resize(280, 400);
    list.show();
    QVERIFY(QTest::qWaitForWindowExposed(&list));
    list.setItems(sampleConversations(QDateTime::currentDateTime()));
    list.setCurrent(QStringLiteral("week"));
    list.view()->setFocus();
    QSignalSpy renamed(&list, &ConversationList::renameRequested);

    QTest::keyClick(list.view(), Qt::Key_F2);
    auto* editor = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY(editor != nullptr);
    QCOMPARE(editor->text(), QStringLiteral("Quantization"));
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("GGUF quantization"));
    QTest::keyClick(editor, Qt::Key_Return);  // the delegate commits from the event loop
    QTRY_COMPARE(renamed.count(), 1);
    QCOMPARE(renamed.first().at(0).toString(), QStringLiteral("week"));
    QCOMPARE(renamed.first().at(1).toString(), QStringLiteral("GGUF quantization"));

    // Escape and an unchanged or blank title request nothing.
    QTest::keyClick(list.view(), Qt::Key_F2);
    editor = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY(editor != nullptr);
    editor->setText(QStringLiteral("   "));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(QApplication::focusWidget() == list.view());
    QCOMPARE(renamed.count(), 1);
    QCOMPARE(list.view()->currentIndex().data().toString(), QStringLiteral("GGUF quantization"));
}

void ChatPanelsTest::conversationListDeletesOnlyWhenConfirmed()
{
    ConversationList list;
    list.resize(280, 400);
    list.show();
    QVERIFY(QTest::qWaitForWindowExposed(&list));
    list.setItems(sampleConversations(QDateTime::currentDateTime()));
    list.setCurrent(QStringLiteral("yesterday"));
    list.view()->setFocus();
    QSignalSpy deleted(&list, &ConversationList::deleteRequested);

    answerNextMessageBox(QMessageBox::RejectRole);
    QTest::keyClick(list.view(), Qt::Key_Delete);
    QCOMPARE(deleted.count(), 0);
    list.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&list));
    list.view()->setFocus();

    answerNextMessageBox(QMessageBox::DestructiveRole);
    QTest::keyClick(list.view(), Qt::Key_Delete);
    QCOMPARE(deleted.count(), 1);
    QCOMPARE(deleted.first().at(0).toString(), QStringLiteral("yesterday"));
}

void ChatPanelsTest::conversationListExports()
{
    ConversationList list;
    list.setItems(sampleConversations(QDateTime::currentDateTime()));
    list.setCurrent(QStringLiteral("old"));
    QSignalSpy exported(&list, &ConversationList::exportRequested);
    for (QAction* action : list.view()->actions()) {
        if (action->text() == QStringLiteral("Export as Markdown…") || action->text() == QStringLiteral("Export as JSON…")) {
            action->trigger();
        }
    }
    QCOMPARE(exported.count(), 2);
    QCOMPARE(exported.at(0).at(0).toString(), QStringLiteral("old"));
    QCOMPARE(exported.at(0).at(1).toString(), QStringLiteral("markdown"));
    QCOMPARE(exported.at(1).at(1).toString(), QStringLiteral("json"));

    // The menu key opens the selected row's menu with the same actions.
    list.show();
    QVERIFY(QTest::qWaitForWindowExposed(&list));
    QStringList menuTexts;
    QTimer::singleShot(0, [&menuTexts] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        QVERIFY(menu != nullptr);
        for (QAction* action : menu->actions()) {
            if (!action->isSeparator()) {
                menuTexts << action->text();
            }
        }
        menu->close();
    });
    QContextMenuEvent menuKey(QContextMenuEvent::Keyboard, QPoint(5, 5), list.view()->mapToGlobal(QPoint(5, 5)));
    QApplication::sendEvent(list.view(), &menuKey);
    QCOMPARE(menuTexts, (QStringList{"Rename", "Export as Markdown…", "Export as JSON…", "Delete…"}));

    // Nothing selected: the actions are off.
    list.setCurrent(QString());
    for (QAction* action : list.view()->actions()) {
        QVERIFY(!action->isEnabled());
    }
}

void ChatPanelsTest::relativeTimes()
{
    const QDateTime now(QDate(2024, 5, 15), QTime(14, 0));  // a Wednesday
    QCOMPARE(ConversationList::relativeTime(now.addSecs(-20), now), QStringLiteral("Just now"));
    QCOMPARE(ConversationList::relativeTime(now.addSecs(-5 * 60 - 10), now), QStringLiteral("5 min ago"));
    QCOMPARE(ConversationList::relativeTime(QDateTime(QDate(2024, 5, 15), QTime(9, 30)), now),
             QLocale().toString(QTime(9, 30), QLocale::ShortFormat));
    QCOMPARE(ConversationList::relativeTime(QDateTime(QDate(2024, 5, 14), QTime(23, 50)), now), QStringLiteral("Yesterday"));
    QCOMPARE(ConversationList::relativeTime(QDateTime(QDate(2024, 5, 11), QTime(8, 0)), now), QStringLiteral("Saturday"));
    QCOMPARE(ConversationList::relativeTime(QDateTime(QDate(2024, 3, 2), QTime(8, 0)), now),
             QLocale().toString(QDate(2024, 3, 2), QLocale::ShortFormat));
}

// --- SamplingPanel ---------------------------------------------------------------------------

void ChatPanelsTest::samplingKeepsUnsetFieldsUnset()
{
    SamplingPanel panel;
    chat::SamplingSettings defaults;
    defaults.temperature = 0.7;
    defaults.topK = 50;
    defaults.topP = 0.9;
    defaults.maxNewTokens = 512;
    panel.setModelDefaults(defaults, QStringLiteral("generation_config.json"));
    const chat::SamplingSettings fresh = panel.settings();
    QVERIFY(!fresh.temperature && !fresh.topK && !fresh.topP && !fresh.minP && !fresh.repetitionPenalty &&
            !fresh.maxNewTokens && !fresh.seed && fresh.stop.empty());
    QCOMPARE(panel.fieldEditor(Field::Temperature)->placeholderText(), QStringLiteral("0.7 (default)"));
    QCOMPARE(panel.fieldEditor(Field::MaxNewTokens)->placeholderText(), QStringLiteral("512 (default)"));
    QCOMPARE(panel.fieldEditor(Field::Seed)->placeholderText(), QStringLiteral("random"));
    QVERIFY(panel.fieldEditor(Field::Temperature)->text().isEmpty());

    chat::SamplingSettings set;
    set.temperature = 0.0;  // greedy: set, and different from unset
    set.topK = 0;
    set.repetitionPenalty = 1.15;
    set.seed = std::uint64_t(std::numeric_limits<std::int64_t>::max());
    set.stop = {"\n\nUser:", "###"};
    QSignalSpy changed(&panel, &SamplingPanel::settingsChanged);
    panel.setSettings(set);
    QCOMPARE(changed.count(), 0);
    const chat::SamplingSettings back = panel.settings();
    QCOMPARE(back.temperature, std::optional<double>(0.0));
    QCOMPARE(back.topK, std::optional<std::int32_t>(0));
    QCOMPARE(back.repetitionPenalty, std::optional<double>(1.15));
    QCOMPARE(back.seed, std::optional<std::uint64_t>(9223372036854775807ULL));
    QCOMPARE(back.stop, (std::vector<std::string>{"\n\nUser:", "###"}));
    QVERIFY(!back.topP && !back.minP && !back.maxNewTokens);
    QCOMPARE(panel.fieldEditor(Field::Temperature)->text(), QStringLiteral("0"));
    QCOMPARE(panel.fieldEditor(Field::Seed)->text(), QStringLiteral("9223372036854775807"));
    QVERIFY(panel.fieldEditor(Field::TopP)->text().isEmpty());
    QVERIFY(panel.fieldResetButton(Field::Temperature)->isEnabled());
    QVERIFY(!panel.fieldResetButton(Field::TopP)->isEnabled());
}

void ChatPanelsTest::samplingTypedValuesApply()
{
    SamplingPanel panel;
    panel.show();
    QSignalSpy changed(&panel, &SamplingPanel::settingsChanged);
    // A valid text counts while it is typed; the change is announced once the field is done.
    QTest::keyClicks(panel.fieldEditor(Field::Temperature), QStringLiteral("1.25"));
    QCOMPARE(panel.settings().temperature, std::optional<double>(1.25));
    QCOMPARE(changed.count(), 0);
    QTest::keyClick(panel.fieldEditor(Field::Temperature), Qt::Key_Return);
    QCOMPARE(changed.count(), 1);
    QTest::keyClicks(panel.fieldEditor(Field::MaxNewTokens), QStringLiteral("0256"));
    QTest::keyClick(panel.fieldEditor(Field::MaxNewTokens), Qt::Key_Return);
    QCOMPARE(panel.settings().maxNewTokens, std::optional<std::int64_t>(256));
    QCOMPARE(panel.fieldEditor(Field::MaxNewTokens)->text(), QStringLiteral("256"));
    QCOMPARE(changed.count(), 2);

    // Emptying a field hands it back to the model.
    panel.fieldEditor(Field::Temperature)->selectAll();
    QTest::keyClick(panel.fieldEditor(Field::Temperature), Qt::Key_Backspace);
    QTest::keyClick(panel.fieldEditor(Field::Temperature), Qt::Key_Return);
    QVERIFY(!panel.settings().temperature);
    QCOMPARE(changed.count(), 3);
}

void ChatPanelsTest::samplingRejectsInvalidValues_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("text");
    QTest::newRow("negative temperature") << int(Field::Temperature) << QStringLiteral("-0.1");
    QTest::newRow("temperature not a number") << int(Field::Temperature) << QStringLiteral("warm");
    QTest::newRow("negative top-k") << int(Field::TopK) << QStringLiteral("-1");
    QTest::newRow("fractional top-k") << int(Field::TopK) << QStringLiteral("2.5");
    QTest::newRow("top-p zero") << int(Field::TopP) << QStringLiteral("0");
    QTest::newRow("top-p above one") << int(Field::TopP) << QStringLiteral("1.5");
    QTest::newRow("min-p above one") << int(Field::MinP) << QStringLiteral("1.01");
    QTest::newRow("repetition penalty zero") << int(Field::RepetitionPenalty) << QStringLiteral("0");
    QTest::newRow("max new tokens zero") << int(Field::MaxNewTokens) << QStringLiteral("0");
    QTest::newRow("seed past 2^63-1") << int(Field::Seed) << QStringLiteral("9223372036854775808");
    QTest::newRow("negative seed") << int(Field::Seed) << QStringLiteral("-4");
}

void ChatPanelsTest::samplingRejectsInvalidValues()
{
    QFETCH(int, field);
    QFETCH(QString, text);
    SamplingPanel panel;
    panel.show();
    chat::SamplingSettings before;
    before.temperature = 0.5;
    before.topK = 40;
    before.topP = 0.95;
    before.minP = 0.05;
    before.repetitionPenalty = 1.1;
    before.maxNewTokens = 100;
    before.seed = 7;
    panel.setSettings(before);
    QSignalSpy changed(&panel, &SamplingPanel::settingsChanged);

    QLineEdit* edit = panel.fieldEditor(Field(field));
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(!panel.fieldError(Field(field)).isEmpty());
    QCOMPARE(changed.count(), 0);
    // The value before the edit stays in force, whatever valid texts were passed on the way.
    const chat::SamplingSettings after = panel.settings();
    QCOMPARE(after.temperature, before.temperature);
    QCOMPARE(after.topK, before.topK);
    QCOMPARE(after.topP, before.topP);
    QCOMPARE(after.minP, before.minP);
    QCOMPARE(after.repetitionPenalty, before.repetitionPenalty);
    QCOMPARE(after.maxNewTokens, before.maxNewTokens);
    QCOMPARE(after.seed, before.seed);
    QCOMPARE(edit->text(), text);  // left for the user to correct
}

void ChatPanelsTest::samplingAcceptsRangeEdges()
{
    SamplingPanel panel;
    panel.show();
    const std::vector<std::pair<Field, QString>> edges = {
        {Field::Temperature, QStringLiteral("0")},  {Field::TopK, QStringLiteral("0")},
        {Field::TopP, QStringLiteral("1")},         {Field::MinP, QStringLiteral("0")},
        {Field::MinP, QStringLiteral("1")},         {Field::RepetitionPenalty, QStringLiteral("0.01")},
        {Field::MaxNewTokens, QStringLiteral("1")}, {Field::Seed, QStringLiteral("0")},
    };
    for (const auto& [field, text] : edges) {
        panel.fieldEditor(field)->selectAll();
        QTest::keyClicks(panel.fieldEditor(field), text);
        QVERIFY2(panel.fieldError(field).isEmpty(), qPrintable(text + QStringLiteral(": ") + panel.fieldError(field)));
    }
    const chat::SamplingSettings settings = panel.settings();
    QCOMPARE(settings.temperature, std::optional<double>(0.0));
    QCOMPARE(settings.topP, std::optional<double>(1.0));
    QCOMPARE(settings.minP, std::optional<double>(1.0));
    QCOMPARE(settings.repetitionPenalty, std::optional<double>(0.01));
    QCOMPARE(settings.maxNewTokens, std::optional<std::int64_t>(1));
    QCOMPARE(settings.seed, std::optional<std::uint64_t>(0));
}

void ChatPanelsTest::samplingResets()
{
    SamplingPanel panel;
    panel.show();
    chat::SamplingSettings set;
    set.temperature = 0.2;
    set.topP = 0.8;
    set.stop = {"END"};
    panel.setSettings(set);
    QSignalSpy changed(&panel, &SamplingPanel::settingsChanged);

    QTest::mouseClick(panel.fieldResetButton(Field::Temperature), Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QVERIFY(!panel.settings().temperature);
    QCOMPARE(panel.settings().topP, std::optional<double>(0.8));
    QVERIFY(!panel.fieldResetButton(Field::Temperature)->isEnabled());

    // An invalid text is cleared by its reset too.
    QTest::keyClicks(panel.fieldEditor(Field::TopK), QStringLiteral("-3"));
    QVERIFY(!panel.fieldError(Field::TopK).isEmpty());
    panel.resetAll();
    QCOMPARE(changed.count(), 2);
    const chat::SamplingSettings cleared = panel.settings();
    QVERIFY(!cleared.topP && !cleared.topK && cleared.stop.empty());
    QVERIFY(panel.fieldError(Field::TopK).isEmpty());
    QVERIFY(panel.fieldEditor(Field::TopK)->text().isEmpty());
}

void ChatPanelsTest::samplingStopStringsUseEscapes()
{
    SamplingPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    chat::SamplingSettings set;
    set.stop = {"\n\nUser:"};
    panel.setSettings(set);
    QCOMPARE(panel.stopList()->item(0)->text(), QStringLiteral("\\n\\nUser:"));

    QSignalSpy changed(&panel, &SamplingPanel::settingsChanged);
    QToolButton* add = nullptr;
    for (QToolButton* button : panel.findChildren<QToolButton*>()) {
        if (button->text() == QStringLiteral("Add")) {
            add = button;
        }
    }
    QVERIFY(add != nullptr);
    QTest::mouseClick(add, Qt::LeftButton);
    auto* editor = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY(editor != nullptr);
    QTest::keyClicks(editor, QStringLiteral("</code>\\t"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(panel.settings().stop, (std::vector<std::string>{"\n\nUser:", "</code>\t"}));
    QVERIFY(changed.count() >= 1);

    // An added line left empty goes away.
    QTest::mouseClick(add, Qt::LeftButton);
    editor = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY(editor != nullptr);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(panel.stopList()->count(), 2);
    QCOMPARE(panel.settings().stop.size(), std::size_t(2));
}

void ChatPanelsTest::systemPromptIsDebouncedAndFlushed()
{
    SamplingPanel panel;
    panel.show();
    QSignalSpy edited(&panel, &SamplingPanel::systemPromptEdited);
    panel.setSystemPrompt(QStringLiteral("Be brief."));
    QCOMPARE(edited.count(), 0);
    panel.systemPromptEditor()->moveCursor(QTextCursor::End);

    QTest::keyClicks(panel.systemPromptEditor(), QStringLiteral(" Always."));
    QCOMPARE(edited.count(), 0);
    QTRY_COMPARE(edited.count(), 1);
    QCOMPARE(edited.last().at(0).toString(), QStringLiteral("Be brief. Always."));

    // Switching conversations right after typing delivers the edit first, for the old one.
    QTest::keyClicks(panel.systemPromptEditor(), QStringLiteral("!"));
    panel.setSystemPrompt(QStringLiteral("Other conversation"));
    QCOMPARE(edited.count(), 2);
    QCOMPARE(edited.last().at(0).toString(), QStringLiteral("Be brief. Always.!"));
    QTest::qWait(600);
    QCOMPARE(edited.count(), 2);
    QCOMPARE(panel.systemPrompt(), QStringLiteral("Other conversation"));
}

void ChatPanelsTest::presetsPersistAndBuiltInsStay()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ini = dir.filePath(QStringLiteral("lathe.ini"));
    const QVector<SystemPromptPreset> builtIns = SamplingPanel::builtInPresets();
    QVERIFY(builtIns.size() >= 2);
    const QString pirateText = QStringLiteral("Answer like a pirate.\nKeep it, arr, short; use \"quotes\" freely.");
    {
        SamplingPanel panel;
        QSignalSpy changed(&panel, &SamplingPanel::presetsChanged);
        QVERIFY(panel.savePreset(QStringLiteral("Pirate"), pirateText));
        QVERIFY(panel.savePreset(QStringLiteral("Terse"), QStringLiteral("One line.")));
        QVERIFY(!panel.savePreset(builtIns[0].name, QStringLiteral("overwrite")));
        QVERIFY(!panel.savePreset(QStringLiteral("  "), QStringLiteral("no name")));
        QVERIFY(!panel.deletePreset(builtIns[1].name));
        QCOMPARE(changed.count(), 2);
        QSettings settings(ini, QSettings::IniFormat);
        panel.saveSettings(settings);
    }
    SamplingPanel panel;
    {
        const QSettings settings(ini, QSettings::IniFormat);
        panel.loadSettings(settings);
    }
    const QVector<SystemPromptPreset> presets = panel.presets();
    QCOMPARE(presets.size(), builtIns.size() + 2);
    for (qsizetype i = 0; i < builtIns.size(); ++i) {
        QCOMPARE(presets[i].name, builtIns[i].name);
        QCOMPARE(presets[i].text, builtIns[i].text);
        QVERIFY(presets[i].builtIn);
    }
    QCOMPARE(presets[builtIns.size()].name, QStringLiteral("Pirate"));
    QCOMPARE(presets[builtIns.size()].text, pirateText);
    QVERIFY(!presets[builtIns.size()].builtIn);
    QCOMPARE(presets[builtIns.size() + 1].name, QStringLiteral("Terse"));

    // Choosing a preset in the combo replaces the prompt and reports the edit at once.
    QSignalSpy edited(&panel, &SamplingPanel::systemPromptEdited);
    panel.presetCombo()->activated(int(builtIns.size()));
    QCOMPARE(panel.systemPrompt(), pirateText);
    QCOMPARE(edited.count(), 1);

    QVERIFY(panel.deletePreset(QStringLiteral("Pirate")));
    QCOMPARE(panel.presets().size(), builtIns.size() + 1);
    QCOMPARE(panel.presetCombo()->currentIndex(), -1);  // the text stays, now a custom prompt
}

void ChatPanelsTest::answerStatistics()
{
    SamplingPanel panel;
    using Stat = SamplingPanel::AnswerStat;
    QVERIFY(panel.answerStatText(Stat::Tokens).isEmpty());
    panel.setLastAnswer(AnswerStatsView{412.4, 23.46, 1234, QStringLiteral("length"), QStringLiteral("Local (CPU)")});
    QCOMPARE(panel.answerStatText(Stat::TimeToFirstToken), QStringLiteral("412 ms"));
    QCOMPARE(panel.answerStatText(Stat::Speed), QStringLiteral("23.5 tokens/s"));
    QCOMPARE(panel.answerStatText(Stat::Tokens), QStringLiteral("1,234"));
    QCOMPARE(panel.answerStatText(Stat::Finish), QStringLiteral("Length limit"));
    QCOMPARE(panel.answerStatText(Stat::Backend), QStringLiteral("Local (CPU)"));
    panel.setLastAnswer(AnswerStatsView{2350.0, 8.0, 3, QStringLiteral("eos"), QString()});
    QCOMPARE(panel.answerStatText(Stat::TimeToFirstToken), QStringLiteral("2.35 s"));
    QCOMPARE(panel.answerStatText(Stat::Finish), QStringLiteral("End of answer"));
    panel.setLastAnswer(std::nullopt);
    QVERIFY(panel.answerStatText(Stat::Speed).isEmpty());
}

// --- TemplateView ----------------------------------------------------------------------------

namespace {

const QString kChatMlPrompt = QStringLiteral("<|im_start|>user\nHello world<|im_end|>\n");

QVector<PromptToken> chatMlTokens()
{
    return {
        {151644, QStringLiteral("<|im_start|>"), true},
        {872, QStringLiteral("user"), false},
        {198, QStringLiteral("\n"), false},
        {9707, QStringLiteral("Hello"), false},
        {1879, QStringLiteral(" world"), false},
        {151645, QStringLiteral("<|im_end|>"), false},  // not flagged: recognised by its shape
        {198, QStringLiteral("\n"), false},
    };
}

}  // namespace

void ChatPanelsTest::templateViewCountsAndNamesTokens()
{
    TemplateView view;
    view.setPrompt(kChatMlPrompt, chatMlTokens(), QStringLiteral("chat_template.jinja"));
    QCOMPARE(view.summaryText(), QStringLiteral("7 token(s) · chat_template.jinja"));
    QCOMPARE(view.tokenToolTip(2), QStringLiteral("id 198 · '\\n'"));
    QCOMPARE(view.tokenToolTip(4), QStringLiteral("id 1879 · ' world'"));
    QCOMPARE(view.tokenToolTip(0), QStringLiteral("id 151644 · '<|im_start|>'\nspecial token"));
    QCOMPARE(view.tokenToolTip(5), QStringLiteral("id 151645 · '<|im_end|>'\nspecial token"));
    QVERIFY(view.tokenToolTip(7).isEmpty());

    QCOMPARE(view.copyText(), kChatMlPrompt);
    view.setMode(TemplateView::Mode::Tokens);
    QCOMPARE(view.copyText(), QStringLiteral("[151644, 872, 198, 9707, 1879, 151645, 198]"));

    QVERIFY(TemplateView::looksSpecial(QStringLiteral("<s>")));
    QVERIFY(TemplateView::looksSpecial(QStringLiteral("<start_of_turn>")));
    QVERIFY(TemplateView::looksSpecial(QStringLiteral("[INST]")));
    QVERIFY(!TemplateView::looksSpecial(QStringLiteral("<div>")));
    QVERIFY(!TemplateView::looksSpecial(QStringLiteral(" <|im_end|>")));
}

void ChatPanelsTest::templateViewHoverShowsTheToken()
{
    TemplateView view;
    view.resize(500, 300);
    view.setPrompt(kChatMlPrompt, chatMlTokens(), QStringLiteral("chat_template.jinja"));
    view.setMode(TemplateView::Mode::Tokens);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    for (int i : {0, 1, 3, 4, 5}) {
        const QRect rect = view.tokenRect(i);
        QVERIFY(rect.isValid());
        QCOMPARE(view.tokenAt(rect.center()), i);
    }
    QWidget* viewport = view.tokensView()->viewport();
    const QPoint at = view.tokenRect(3).center();
    QHelpEvent help(QEvent::ToolTip, at, viewport->mapToGlobal(at));
    QApplication::sendEvent(viewport, &help);
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("id 9707 · 'Hello'"));
    QToolTip::hideText();
    // Far below the last line there is no token.
    QCOMPARE(view.tokenAt(QPoint(5, viewport->height() - 2)), -1);
}

void ChatPanelsTest::templateViewShowsWhitespace()
{
    TemplateView view;
    view.setPrompt(QStringLiteral("a b\nc"), {}, QString());
    QCOMPARE(view.textView()->toPlainText(), QStringLiteral("a b\nc"));
    QCOMPARE(view.summaryText(), QStringLiteral("5 character(s)"));
    view.setShowWhitespace(true);
    QCOMPARE(view.textView()->toPlainText(), QStringLiteral("a·b↵\nc"));
    QCOMPARE(view.copyText(), QStringLiteral("a b\nc"));  // marks are for the eyes only
    view.setShowWhitespace(false);
    QCOMPARE(view.textView()->toPlainText(), QStringLiteral("a b\nc"));
}

void ChatPanelsTest::templateViewHandlesEightThousandTokens()
{
    QVector<PromptToken> tokens;
    QString text;
    for (int i = 0; i < 8000; ++i) {
        PromptToken token;
        if (i % 400 == 0) {
            token = {151644, QStringLiteral("<|im_start|>"), true};
        } else if (i % 25 == 0) {
            token = {198, QStringLiteral("\n"), false};
        } else {
            token = {1000 + i % 500, QStringLiteral(" w%1").arg(i % 500), false};
        }
        text += token.text;
        tokens.push_back(token);
    }
    TemplateView view;
    view.resize(700, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer timer;
    timer.start();
    view.setPrompt(text, tokens, QStringLiteral("tokenizer_config.json"));
    view.setMode(TemplateView::Mode::Tokens);
    view.grab();  // lays out and paints what is visible
    view.tokensView()->verticalScrollBar()->setValue(view.tokensView()->verticalScrollBar()->maximum());
    view.grab();
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed < 2000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
    QCOMPARE(view.summaryText(), QStringLiteral("8,000 token(s) · tokenizer_config.json"));
    QCOMPARE(view.tokenToolTip(7999), QStringLiteral("id 1499 · ' w499'"));
    QCOMPARE(view.tokensView()->document()->characterCount() > 8000, true);
}

void ChatPanelsTest::templateViewUnavailable()
{
    TemplateView view;
    view.setPrompt(kChatMlPrompt, chatMlTokens(), QStringLiteral("chat_template.jinja"));
    view.setUnavailable(QStringLiteral("The server renders the template itself."));
    QVERIFY(view.isUnavailable());
    QCOMPARE(view.unavailableReason(), QStringLiteral("The server renders the template itself."));
    QVERIFY(!view.copyButton()->isEnabled());
    QVERIFY(view.tokenToolTip(0).isEmpty());
}

// --- ContextBar ------------------------------------------------------------------------------

void ChatPanelsTest::contextBarFits()
{
    ContextBar bar;
    bar.show();
    bar.setUsage(1234, 512, 8192, 0, 1234);
    QCOMPARE(bar.usageText(), QStringLiteral("1,234 + 512 of 8,192 tokens"));
    QVERIFY(bar.warningText().isEmpty());
}

void ChatPanelsTest::contextBarCuts()
{
    ContextBar bar;
    bar.show();
    // 9,728 prompt tokens + 512 for the answer = 2,048 more than the 8,192 of context.
    bar.setUsage(6000, 512, 8192, 3, 9728);
    QCOMPARE(bar.usageText(), QStringLiteral("6,000 + 512 of 8,192 tokens"));
    QCOMPARE(bar.warningText(), QStringLiteral("3 oldest message(s) will be cut (2,048 tokens over)"));
    QLabel* warning = nullptr;
    for (QLabel* label : bar.findChildren<QLabel*>()) {
        if (label->text() == bar.warningText()) {
            warning = label;
        }
    }
    QVERIFY(warning != nullptr && warning->isVisible());
    QVERIFY(warning->toolTip().contains(QStringLiteral("the system prompt and the last message are always kept")));

    bar.setUsage(100, 512, 8192, 0, 100);
    QVERIFY(bar.warningText().isEmpty());
    QVERIFY(!warning->isVisible());
}

void ChatPanelsTest::contextBarUnknown()
{
    ContextBar bar;
    bar.setUsage(1, 2, 3, 0, 1);
    bar.setUnknown(QStringLiteral("The server does not report its context size."));
    QCOMPARE(bar.usageText(), QStringLiteral("Context size unknown"));
    QVERIFY(bar.warningText().isEmpty());
}

// --- ModelPicker -----------------------------------------------------------------------------

namespace {

QVector<ModelChoice> sampleChoices()
{
    using Kind = ModelChoice::Kind;
    auto usable = [](Kind kind, const char* name, const char* path, const char* detail) {
        return ModelChoice{kind, QString::fromUtf8(name), QString::fromUtf8(path), QString::fromUtf8(detail), true, QString()};
    };
    return {
        usable(Kind::Endpoint, "TGI on gpu-box", "http://gpu-box:8080", "Text Generation Inference"),
        usable(Kind::Demo, "SmolLM2-135M-Instruct", "/data/demo/smollm2", "LlamaForCausalLM · 135M params · 270 MB"),
        usable(Kind::HubCache, "Qwen/Qwen2.5-0.5B-Instruct", "Qwen/Qwen2.5-0.5B-Instruct", "Qwen2ForCausalLM · 494M params"),
        {Kind::HubCache, QStringLiteral("Qwen/Qwen2-VL-2B"), QStringLiteral("Qwen/Qwen2-VL-2B"), QString(), false,
         QStringLiteral("Qwen2VLForConditionalGeneration is not supported")},
        usable(Kind::Gguf, "tiny.Q4_0.gguf", "/models/tiny.Q4_0.gguf", "llama · Q4_0"),
    };
}

int rowOfName(QAbstractItemModel* model, const QString& name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == name) {
            return row;
        }
    }
    return -1;
}

}  // namespace

void ChatPanelsTest::modelPickerEmitsOnlyUsableChoices()
{
    ModelPicker picker;
    picker.resize(420, 60);
    picker.show();
    QVERIFY(QTest::qWaitForWindowExposed(&picker));
    picker.setChoices(sampleChoices());
    picker.setCurrent(QStringLiteral("/data/demo/smollm2"));
    QCOMPARE(picker.buttonText(), QStringLiteral("SmolLM2-135M-Instruct · LlamaForCausalLM · 135M params · 270 MB"));
    QSignalSpy chosen(&picker, &ModelPicker::chosen);

    QTest::mouseClick(picker.button(), Qt::LeftButton);
    QVERIFY(picker.isPopupVisible());
    QListView* list = picker.popupList();
    QAbstractItemModel* model = list->model();
    QCOMPARE(headerTexts(model, ModelPicker::HeaderRole), (QStringList{"Demo", "Hugging Face cache", "Local", "Endpoints"}));
    QCOMPARE(list->currentIndex().data().toString(), QStringLiteral("SmolLM2-135M-Instruct"));

    const int unusable = rowOfName(model, QStringLiteral("Qwen/Qwen2-VL-2B"));
    QVERIFY(unusable >= 0);
    QVERIFY(!(model->flags(model->index(unusable, 0)) & Qt::ItemIsEnabled));
    QVERIFY(model->index(unusable, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("not supported")));
    list->scrollTo(model->index(unusable, 0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(model->index(unusable, 0)).center());
    QCOMPARE(chosen.count(), 0);
    QVERIFY(picker.isPopupVisible());

    const QModelIndex gguf = model->index(rowOfName(model, QStringLiteral("tiny.Q4_0.gguf")), 0);
    list->scrollTo(gguf);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(gguf).center());
    QCOMPARE(chosen.count(), 1);
    const auto choice = chosen.first().at(0).value<ModelChoice>();
    QCOMPARE(choice.path, QStringLiteral("/models/tiny.Q4_0.gguf"));
    QCOMPARE(choice.kind, ModelChoice::Kind::Gguf);
    QVERIFY(!picker.isPopupVisible());

    // The "add more" actions are signals for the page.
    QSignalSpy folder(&picker, &ModelPicker::openFolderRequested);
    QSignalSpy endpoint(&picker, &ModelPicker::connectEndpointRequested);
    picker.showPopup();
    for (QPushButton* button : picker.findChildren<QPushButton*>()) {
        const QString text = button->text();
        if (text == QStringLiteral("Open model folder…") || text == QStringLiteral("Connect to endpoint…")) {
            button->click();
        }
    }
    QCOMPARE(folder.count(), 1);
    QCOMPARE(endpoint.count(), 1);
}

void ChatPanelsTest::modelPickerFiltersAndChoosesByKeyboard()
{
    ModelPicker picker;
    picker.show();
    QVERIFY(QTest::qWaitForWindowExposed(&picker));
    picker.setChoices(sampleChoices());
    QCOMPARE(picker.buttonText(), QStringLiteral("Choose a model…"));
    QSignalSpy chosen(&picker, &ModelPicker::chosen);
    picker.button()->setFocus();
    QTest::keyClick(picker.button(), Qt::Key_Down, Qt::AltModifier);
    QVERIFY(picker.isPopupVisible());
    QTest::keyClicks(picker.popupFilter(), QStringLiteral("qwen"));
    QCOMPARE(headerTexts(picker.popupList()->model(), ModelPicker::HeaderRole), (QStringList{"Hugging Face cache"}));
    QCOMPARE(picker.popupList()->model()->rowCount(), 3);
    // The only usable match is already current; Down stays on it (the other one is disabled).
    QTest::keyClick(picker.popupFilter(), Qt::Key_Down);
    QTest::keyClick(picker.popupFilter(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().at(0).value<ModelChoice>().name, QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"));

    picker.showPopup();
    QTest::keyClicks(picker.popupFilter(), QStringLiteral("nothing like this"));
    QCOMPARE(picker.popupList()->model()->rowCount(), 0);
    QTest::keyClick(picker.popupFilter(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
}

void ChatPanelsTest::modelPickerLoadingAndErrors()
{
    ModelPicker picker;
    picker.show();
    QSignalSpy cancel(&picker, &ModelPicker::cancelLoadRequested);
    picker.setLoadError(QStringLiteral("old error"));
    picker.setLoading(true, QStringLiteral("Loading SmolLM2…"), 0.45);
    QVERIFY(picker.progressBar()->isVisible());
    QCOMPARE(picker.progressBar()->value(), 450);
    QVERIFY(!picker.button()->isEnabled());
    QVERIFY(picker.loadError().isEmpty());  // a new load hides the last failure
    QTest::mouseClick(picker.cancelButton(), Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);

    picker.setLoading(true, QStringLiteral("Reading the tokenizer…"), -1.0);
    QCOMPARE(picker.progressBar()->maximum(), 0);  // indeterminate
    picker.setLoading(false);
    QVERIFY(!picker.progressBar()->isVisible());
    QVERIFY(picker.button()->isEnabled());

    picker.setLoadError(QStringLiteral("config.json: unsupported architecture. Pick another model."));
    QCOMPARE(picker.loadError(), QStringLiteral("config.json: unsupported architecture. Pick another model."));
    QTest::mouseClick(picker.dismissErrorButton(), Qt::LeftButton);
    QVERIFY(picker.loadError().isEmpty());
}

// --- EndpointDialog --------------------------------------------------------------------------

void ChatPanelsTest::endpointUrlValidation()
{
    QVERIFY(EndpointDialog::urlProblem(QString()).contains(QStringLiteral("Enter")));
    QVERIFY(EndpointDialog::urlProblem(QStringLiteral("localhost:8080")).contains(QStringLiteral("http://")));
    QVERIFY(EndpointDialog::urlProblem(QStringLiteral("ftp://example.com")).contains(QStringLiteral("http://")));
    QVERIFY(EndpointDialog::urlProblem(QStringLiteral("http://")).contains(QStringLiteral("host")));
    QVERIFY(!EndpointDialog::urlProblem(QStringLiteral("http://exa mple.com")).isEmpty());
    QVERIFY(EndpointDialog::urlProblem(QStringLiteral("http://localhost:8080")).isEmpty());
    QVERIFY(EndpointDialog::urlProblem(QStringLiteral(" https://api.example.com/v1 ")).isEmpty());
    QVERIFY(EndpointDialog::urlProblem(QStringLiteral("http://10.0.0.5:3000/generate_stream")).isEmpty());
}

void ChatPanelsTest::endpointDialogEnablesConnectOnlyForValidUrls()
{
    EndpointDialog dialog;
    dialog.show();
    QVERIFY(!dialog.acceptButton()->isEnabled());
    QVERIFY(dialog.urlError().isEmpty());  // empty is "not done", not an error
    QTest::keyClicks(dialog.urlEdit(), QStringLiteral("localhost:8080"));
    QVERIFY(!dialog.acceptButton()->isEnabled());
    QVERIFY(!dialog.urlError().isEmpty());
    dialog.urlEdit()->clear();
    QTest::keyClicks(dialog.urlEdit(), QStringLiteral("http://gpu-box:8080"));
    QVERIFY(dialog.acceptButton()->isEnabled());
    QVERIFY(dialog.urlError().isEmpty());
    QCOMPARE(dialog.displayName(), QStringLiteral("gpu-box"));
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Big GPU"));
    QCOMPARE(dialog.displayName(), QStringLiteral("Big GPU"));
    dialog.setApiStyle(remote::ApiStyle::Tgi);
    QCOMPARE(dialog.apiStyle(), remote::ApiStyle::Tgi);
}

void ChatPanelsTest::endpointDialogKeepsSavedKey()
{
    EndpointDialog dialog;
    dialog.show();
    dialog.setUrl(QStringLiteral("https://api.example.com/v1"));
    QCOMPARE(dialog.keyChange(), EndpointDialog::KeyChange::Clear);  // nothing saved, nothing typed
    dialog.setSavedKey(QStringLiteral("sk-…7f3a"));
    QVERIFY(dialog.keyEdit()->text().isEmpty());
    QVERIFY2(dialog.keyEdit()->placeholderText().contains(QStringLiteral("key saved (sk-…7f3a)")),
             qPrintable(dialog.keyEdit()->placeholderText()));
    QCOMPARE(dialog.keyChange(), EndpointDialog::KeyChange::Keep);
    QCOMPARE(dialog.keyToSave(), std::optional<std::string>());

    QTest::mouseClick(dialog.clearKeyButton(), Qt::LeftButton);
    QCOMPARE(dialog.keyChange(), EndpointDialog::KeyChange::Clear);
    QCOMPARE(dialog.keyToSave(), std::optional<std::string>(std::string()));
    QTest::mouseClick(dialog.clearKeyButton(), Qt::LeftButton);  // changed their mind
    QCOMPARE(dialog.keyChange(), EndpointDialog::KeyChange::Keep);

    QCOMPARE(dialog.keyEdit()->echoMode(), QLineEdit::Password);
    QTest::keyClicks(dialog.keyEdit(), QStringLiteral("sk-new-key-1234"));
    QCOMPARE(dialog.keyChange(), EndpointDialog::KeyChange::Replace);
    QCOMPARE(dialog.keyToSave(), std::optional<std::string>("sk-new-key-1234"));
    QTest::mouseClick(dialog.showKeyButton(), Qt::LeftButton);
    QCOMPARE(dialog.keyEdit()->echoMode(), QLineEdit::Normal);
    QTest::mouseClick(dialog.showKeyButton(), Qt::LeftButton);
    QCOMPARE(dialog.keyEdit()->echoMode(), QLineEdit::Password);
}

void ChatPanelsTest::endpointDialogTestConnection()
{
    EndpointDialog dialog;
    dialog.show();
    QSignalSpy test(&dialog, &EndpointDialog::testRequested);
    QVERIFY(!dialog.testButton()->isEnabled());
    dialog.setUrl(QStringLiteral("http://localhost:8080"));
    dialog.setApiStyle(remote::ApiStyle::OpenAI);
    QTest::keyClicks(dialog.keyEdit(), QStringLiteral("secret"));
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QCOMPARE(test.count(), 1);
    QCOMPARE(test.first().at(0).toString(), QStringLiteral("http://localhost:8080"));
    QCOMPARE(test.first().at(1).value<remote::ApiStyle>(), remote::ApiStyle::OpenAI);
    QCOMPARE(test.first().at(2).toString(), QStringLiteral("secret"));
    QVERIFY(!dialog.testButton()->isEnabled());  // one test at a time
    dialog.setTestResult(true, QStringLiteral("Connected: TGI 2.4, model HuggingFaceTB/SmolLM2-1.7B-Instruct"));
    QCOMPARE(dialog.testResultText(), QStringLiteral("✓ Connected: TGI 2.4, model HuggingFaceTB/SmolLM2-1.7B-Instruct"));
    QVERIFY(dialog.testButton()->isEnabled());

    // An answer for an address the user has since changed is dropped.
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QTest::keyClicks(dialog.urlEdit(), QStringLiteral("/v1"));
    dialog.setTestResult(false, QStringLiteral("connection refused"));
    QVERIFY(dialog.testResultText().isEmpty());
}

QTEST_MAIN(ChatPanelsTest)
#include "chat_panels_test.moc"
