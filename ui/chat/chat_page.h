// ChatPage: the chat playground. Conversations on the left (saved one JSON file each, restored
// on start), the transcript in the middle (one column, or two side by side in compare mode,
// each answered by its own backend: a local model or a remote server), the composer with the
// context bar below it, and on the right the system prompt, sampling settings, answer
// statistics and the prompt the chat template made. All engine work goes through ChatService;
// this page only keeps the conversation and the widgets in step.
//
// Threads: GUI thread only.
#pragma once

#include "app/chat_service.h"
#include "chat/conversation.h"
#include "chat/conversation_store.h"
#include "remote/endpoint_store.h"
#include "ui/common/page.h"

#include <QPointer>
#include <QTimer>

#include <array>
#include <functional>
#include <memory>
#include <optional>

class QSplitter;
class QTabWidget;
class QToolButton;
class QLabel;

namespace lathe {

class ChatComposer;
class ContextBar;
class ConversationList;
class ModelPicker;
class SamplingPanel;
class TemplateView;
class TranscriptView;
struct ModelChoice;

class ChatPage : public Page {
    Q_OBJECT

public:
    // conversationsFolder: where conversations are saved; configFolder: saved endpoints.
    ChatPage(ChatService& service, const QString& conversationsFolder, const QString& configFolder,
             QWidget* parent = nullptr);
    ~ChatPage() override;

    QString pageId() const override { return QStringLiteral("chat"); }
    QString title() const override;
    QIcon icon() const override;

    // `--model PATH`, `--endpoint URL [--api-key-env VAR]`, `--compare-model PATH`,
    // `--system TEXT`, `--prompt TEXT` (sent once the model is ready; repeatable: one turn each).
    bool applyArguments(const QStringList& arguments, QString* error) override;
    // Busy while the catalog is read, a model loads, an answer streams or the prompt preview is
    // being made (what --screenshot waits for).
    bool isBusy() const override;

    void loadSettings(const QSettings& settings) override;
    void saveSettings(QSettings& settings) const override;

    // For tests and the main window.
    void loadModel(int column, const QString& path);
    void connectEndpoint(int column, const EndpointSettings& endpoint);
    void setCompareMode(bool on);
    bool compareMode() const { return m_compare; }
    void send(const QString& text);
    void stop();
    void newConversation();
    void openConversation(const QString& id);
    const chat::Conversation* conversation() const { return m_conversation.get(); }
    ChatComposer* composer() const { return m_composer; }
    TranscriptView* transcript(int column) const { return m_columns[std::size_t(column)].transcript; }
    ModelPicker* modelPicker(int column) const { return m_columns[std::size_t(column)].picker; }
    ConversationList* conversationList() const { return m_list; }
    SamplingPanel* samplingPanel() const { return m_sampling; }
    TemplateView* templateView() const { return m_template; }
    ContextBar* contextBar() const { return m_contextBar; }
    bool hasModel(int column) const { return m_columns[std::size_t(column)].model.has_value(); }

protected:
    void hideEvent(QHideEvent* event) override;

private:
    struct Column {
        ModelPicker* picker = nullptr;
        TranscriptView* transcript = nullptr;
        QWidget* box = nullptr;
        std::optional<ChatModelInfo> model;
        QString loading;          // path or URL being loaded
        RequestId loadRequest = 0;
        RequestId answerRequest = 0;
        qint64 answerNode = 0;    // the assistant node being streamed
    };

    void buildUi();
    void connectService();
    void setBusy(bool busy);
    void updateBusy();
    void updateComposer();
    void refreshTranscripts();
    void refreshColumn(int column);
    void refreshList();
    void schedulePreview();
    void requestPreview();
    void scanModels();
    void applyModelChoice(int column, const ModelChoice& choice);
    void chooseModelFolder(int column);
    void chooseGgufFile(int column);
    void chooseEndpoint(int column);
    void ensureConversation();
    void saveConversation();
    // Sends the conversation up to `userNode` to the column's backend, answering into a new
    // assistant node under it.
    void startAnswer(int column, qint64 userNode);
    void startAnswerInto(int column, qint64 assistantNode);
    // Runs a change made for the compare column, then shows `mainLeaf` in the main column again
    // (a new node is selected in its parent, which the two columns may share).
    void keepingMainPath(qint64 mainLeaf, const std::function<void()>& change);
    void onEdit(int column, qint64 node, const QString& text);
    void onRegenerate(int column, qint64 node);
    void onSibling(int column, qint64 node, int delta);
    void exportConversation(const QString& id, const QString& format);
    void deleteConversation(const QString& id);
    void renameConversation(const QString& id, const QString& title);
    int columnOfRequest(RequestId id, bool load) const;
    qint64 columnLeaf(int column) const;
    QString statsLine(const chat::AnswerInfo& info) const;
    void sendPendingPrompts();
    void showLoadError(int column, const QString& message);
    // The saved endpoints; a corrupt file is reported once and treated as empty.
    std::vector<remote::SavedEndpoint> savedEndpoints();

    ChatService& m_service;
    chat::ConversationStore m_store;
    remote::EndpointStore m_endpoints;
    std::unique_ptr<chat::Conversation> m_conversation;
    std::array<Column, 2> m_columns;
    bool m_compare = false;
    bool m_busy = false;

    ConversationList* m_list = nullptr;
    ChatComposer* m_composer = nullptr;
    ContextBar* m_contextBar = nullptr;
    SamplingPanel* m_sampling = nullptr;
    TemplateView* m_template = nullptr;
    QTabWidget* m_sideTabs = nullptr;
    QSplitter* m_columnsSplitter = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QToolButton* m_compareButton = nullptr;
    QLabel* m_modelWarnings = nullptr;

    QTimer m_previewTimer;
    RequestId m_previewRequest = 0;
    RequestId m_scanRequest = 0;
    RequestId m_testRequest = 0;
    QStringList m_pendingPrompts;   // --prompt arguments, sent in turn
    qint64 m_cutMessages = 0;       // oldest messages of the main column the next prompt leaves out
    QString m_lastModel;            // restored at start
    QString m_systemPromptForNew;   // --system
};

}  // namespace lathe
