// ChatPage, its lasting side: the conversation list (open, rename, delete, export), the page's
// settings and what it takes on the command line. (Layout and streaming: chat_page.cpp.)
#include "ui/chat/chat_page.h"

#include "core/error.h"
#include "ui/chat/chat_composer.h"
#include "ui/common/engine_text.h"
#include "ui/chat/conversation_list.h"
#include "ui/chat/sampling_panel.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>

namespace lathe {
void ChatPage::refreshList()
{
    QVector<ConversationListItem> items;
    for (const chat::ConversationSummary& summary : m_store.list()) {
        ConversationListItem item;
        item.id = toQString(summary.id);
        item.title = summary.title.empty() ? tr("New chat") : toQString(summary.title);
        item.snippet = toQString(summary.snippet);
        item.updated = QDateTime::fromMSecsSinceEpoch(summary.updatedMs);
        item.messages = int(summary.messageCount);
        items.push_back(item);
    }
    m_list->setItems(items);
    if (m_conversation && !m_conversation->empty()) {
        m_list->setCurrent(toQString(m_conversation->id()));
    }
}

void ChatPage::newConversation()
{
    if (m_columns[0].answerRequest != 0 || m_columns[1].answerRequest != 0) {
        stop();
    }
    saveConversation();
    m_conversation.reset();
    m_sampling->setSettings(m_sampling->settings());
    m_list->setCurrent(QString());
    refreshTranscripts();
    schedulePreview();
    m_composer->editor()->setFocus();
}

void ChatPage::openConversation(const QString& id)
{
    if (id.isEmpty() || (m_conversation && toQString(m_conversation->id()) == id)) {
        return;
    }
    if (m_columns[0].answerRequest != 0 || m_columns[1].answerRequest != 0) {
        stop();
        // The answers end (as Cancelled) in the conversation they belong to before it closes.
        return;
    }
    saveConversation();
    try {
        m_conversation = std::make_unique<chat::Conversation>(m_store.load(id.toStdString()));
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Cannot open the conversation"), toQString(e.what()));
        return;
    }
    m_sampling->setSystemPrompt(toQString(m_conversation->systemPrompt()));
    m_sampling->setSettings(m_conversation->sampling());
    m_list->setCurrent(id);
    refreshTranscripts();
    schedulePreview();
}

void ChatPage::renameConversation(const QString& id, const QString& title)
{
    try {
        chat::Conversation conversation =
            m_conversation && toQString(m_conversation->id()) == id ? *m_conversation : m_store.load(id.toStdString());
        conversation.setTitle(title.trimmed().toStdString());
        m_store.save(conversation);
        if (m_conversation && toQString(m_conversation->id()) == id) {
            m_conversation->setTitle(title.trimmed().toStdString());
        }
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Cannot rename the conversation"), toQString(e.what()));
    }
    refreshList();
}

void ChatPage::deleteConversation(const QString& id)
{
    const bool current = m_conversation && toQString(m_conversation->id()) == id;
    if (current) {
        stop();
    }
    try {
        m_store.remove(id.toStdString());
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Cannot delete the conversation"), toQString(e.what()));
        return;
    }
    if (current) {
        m_conversation.reset();
        refreshTranscripts();
        schedulePreview();
    }
    refreshList();
}

void ChatPage::exportConversation(const QString& id, const QString& format)
{
    chat::Conversation conversation = chat::Conversation::create();
    try {
        conversation = m_conversation && toQString(m_conversation->id()) == id ? *m_conversation : m_store.load(id.toStdString());
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Cannot export the conversation"), toQString(e.what()));
        return;
    }
    const bool markdown = format == QLatin1String("markdown");
    QString name = toQString(conversation.title()).simplified();
    name.replace(QRegularExpression(QStringLiteral("[^\\w\\- ]+"), QRegularExpression::UseUnicodePropertiesOption),
                 QString());
    if (name.isEmpty()) {
        name = tr("conversation");
    }
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(name + (markdown ? QStringLiteral(".md") : QStringLiteral(".json")));
    const QString file = QFileDialog::getSaveFileName(
        this, markdown ? tr("Export as Markdown") : tr("Export as JSON"), suggested,
        markdown ? tr("Markdown (*.md);;All files (*)") : tr("JSON (*.json);;All files (*)"));
    if (file.isEmpty()) {
        return;
    }
    try {
        if (markdown) {
            chat::exportMarkdown(conversation, toFsPath(file));
        } else {
            chat::exportJson(conversation, toFsPath(file));
        }
        emit statusMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(file)));
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Export failed"), toQString(e.what()));
    }
}

bool ChatPage::applyArguments(const QStringList& arguments, QString* error)
{
    QString model;
    QString compareModel;
    QString endpoint;
    QString keyVariable;
    QStringList prompts;
    QString system;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        static const QStringList valued = {QStringLiteral("--model"), QStringLiteral("--compare-model"),
                                           QStringLiteral("--endpoint"), QStringLiteral("--api-key-env"),
                                           QStringLiteral("--prompt"), QStringLiteral("--system")};
        if (!valued.contains(argument)) {
            *error = tr("unknown argument \"%1\" for the chat page (it takes --model PATH, --endpoint URL "
                        "[--api-key-env VAR], --compare-model PATH, --system TEXT, --prompt TEXT)")
                         .arg(argument);
            return false;
        }
        if (i + 1 >= arguments.size()) {
            *error = tr("%1 needs a value").arg(argument);
            return false;
        }
        const QString value = arguments[++i];
        if (argument == QLatin1String("--model")) {
            model = value;
        } else if (argument == QLatin1String("--compare-model")) {
            compareModel = value;
        } else if (argument == QLatin1String("--endpoint")) {
            endpoint = value;
        } else if (argument == QLatin1String("--api-key-env")) {
            keyVariable = value;
        } else if (argument == QLatin1String("--prompt")) {
            prompts << value;
        } else {
            system = value;
        }
    }
    if (!model.isEmpty() && !endpoint.isEmpty()) {
        *error = tr("give --model or --endpoint, not both");
        return false;
    }
    EndpointSettings remote;
    if (!endpoint.isEmpty()) {
        remote.url = endpoint;
        if (!keyVariable.isEmpty()) {
            remote.apiKey = qEnvironmentVariable(keyVariable.toLocal8Bit().constData());
            if (remote.apiKey.isEmpty()) {
                *error = tr("--api-key-env: the environment variable %1 is not set").arg(keyVariable);
                return false;
            }
        }
    }
    if (!system.isEmpty()) {
        m_sampling->setSystemPrompt(system);
    }
    if (!prompts.isEmpty() || !model.isEmpty() || !endpoint.isEmpty()) {
        newConversation();
    }
    m_pendingPrompts = prompts;
    if (!model.isEmpty()) {
        loadModel(0, model);
    } else if (!endpoint.isEmpty()) {
        connectEndpoint(0, remote);
    }
    if (!compareModel.isEmpty()) {
        setCompareMode(true);
        loadModel(1, compareModel);
    }
    updateBusy();
    return true;
}

void ChatPage::loadSettings(const QSettings& settings)
{
    m_sampling->loadSettings(settings);
    m_lastModel = settings.value(QStringLiteral("lastModel")).toString();
    const QByteArray splitter = settings.value(QStringLiteral("splitter")).toByteArray();
    if (!splitter.isEmpty()) {
        m_mainSplitter->restoreState(splitter);
    }
    const QString current = settings.value(QStringLiteral("conversation")).toString();
    if (!current.isEmpty() && chat::Conversation::isValidId(current.toStdString())) {
        openConversation(current);
    }
}

void ChatPage::saveSettings(QSettings& settings) const
{
    m_sampling->saveSettings(settings);
    settings.setValue(QStringLiteral("lastModel"), m_lastModel);
    settings.setValue(QStringLiteral("splitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("conversation"),
                      m_conversation && !m_conversation->empty() ? toQString(m_conversation->id()) : QString());
}

void ChatPage::hideEvent(QHideEvent* event)
{
    saveConversation();
    Page::hideEvent(event);
}

}  // namespace lathe
