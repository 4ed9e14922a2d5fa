// ChatPage: layout, the conversation's life cycle, the columns' backends, streaming.
#include "ui/chat/chat_page.h"

#include "core/data_paths.h"
#include "core/error.h"
#include "ui/chat/chat_composer.h"
#include "ui/common/engine_text.h"
#include "ui/chat/context_bar.h"
#include "ui/chat/conversation_list.h"
#include "ui/chat/endpoint_dialog.h"
#include "ui/chat/model_picker.h"
#include "ui/chat/sampling_panel.h"
#include "ui/chat/template_view.h"
#include "ui/chat/transcript_view.h"
#include "ui/common/icons.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace lathe {
namespace {

ModelChoice::Kind choiceKind(CatalogEntry::Kind kind)
{
    switch (kind) {
    case CatalogEntry::Kind::Demo:
        return ModelChoice::Kind::Demo;
    case CatalogEntry::Kind::HubCache:
        return ModelChoice::Kind::HubCache;
    case CatalogEntry::Kind::Folder:
        return ModelChoice::Kind::Folder;
    case CatalogEntry::Kind::Gguf:
        return ModelChoice::Kind::Gguf;
    }
    return ModelChoice::Kind::Folder;
}

QString entryDetail(const CatalogEntry& entry)
{
    QStringList parts;
    if (!entry.architecture.empty()) {
        parts << toQString(entry.architecture);
    }
    if (entry.parameters > 0) {
        const double millions = double(entry.parameters) / 1e6;
        parts << (millions >= 1000 ? QObject::tr("%L1B params").arg(millions / 1000, 0, 'f', 1)
                                   : QObject::tr("%L1M params").arg(millions, 0, 'f', 0));
    }
    if (entry.bytes > 0) {
        parts << QLocale().formattedDataSize(qint64(entry.bytes), 1, QLocale::DataSizeSIFormat);
    }
    return parts.join(QStringLiteral(" · "));
}

// A model that failed to load: the engine's message plus what to do about it.
QString loadAdvice(const QString& message)
{
    const QString lower = message.toLower();
    if (lower.contains(QLatin1String("out of memory"))) {
        return message;
    }
    if (lower.contains(QLatin1String("architecture"))) {
        return QObject::tr("%1\nChoose a model of a supported family, or convert it.").arg(message);
    }
    if (lower.contains(QLatin1String("tensor"))) {
        return QObject::tr("%1\nThe checkpoint is incomplete or does not match its config.json: download it again.").arg(message);
    }
    if (lower.contains(QLatin1String("chat template")) || lower.contains(QLatin1String("tokenizer"))) {
        return QObject::tr("%1\nChat needs an instruction-tuned model that ships its tokenizer and chat template.").arg(message);
    }
    return message;
}

}  // namespace

ChatPage::ChatPage(ChatService& service, const QString& conversationsFolder, const QString& configFolder, QWidget* parent)
    : Page(parent)
    , m_service(service)
    , m_store(toFsPath(conversationsFolder))
    , m_endpoints(toFsPath(configFolder))
{
    setObjectName(QStringLiteral("chatPage"));
    buildUi();
    connectService();
    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(150);
    connect(&m_previewTimer, &QTimer::timeout, this, &ChatPage::requestPreview);
    refreshList();
    scanModels();
    updateComposer();
}

ChatPage::~ChatPage()
{
    for (Column& column : m_columns) {
        m_service.cancel(column.answerRequest);
        m_service.cancel(column.loadRequest);
    }
    if (m_conversation && !m_conversation->empty()) {
        try {
            m_store.save(*m_conversation);
        } catch (const Error&) {
            // Nothing to tell anyone any more; the last save stays on disk.
        }
    }
}

QString ChatPage::title() const
{
    return tr("Chat");
}

QIcon ChatPage::icon() const
{
    return lathe::icon(IconName::Chat);
}

void ChatPage::buildUi()
{
    m_list = new ConversationList(this);
    m_list->setMinimumWidth(160);

    // Centre: the model pickers, the transcript column(s), the context bar and the composer.
    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);

    m_columnsSplitter = new QSplitter(Qt::Horizontal, centre);
    m_columnsSplitter->setChildrenCollapsible(false);
    for (int index = 0; index < 2; ++index) {
        Column& column = m_columns[std::size_t(index)];
        column.box = new QWidget(m_columnsSplitter);
        auto* layout = new QVBoxLayout(column.box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        auto* bar = new QHBoxLayout;
        bar->setContentsMargins(12, 8, 12, 8);
        // Narrow windows (a laptop, a tiled half screen) still fit: names elide, the panels scroll.
        column.box->setMinimumWidth(280);
        column.picker = new ModelPicker(column.box);
        column.picker->setMinimumWidth(160);
        bar->addWidget(column.picker, 1);
        if (index == 0) {
            m_compareButton = new QToolButton(column.box);
            m_compareButton->setIcon(lathe::icon(IconName::Compare));
            m_compareButton->setText(tr("Compare"));
            m_compareButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            m_compareButton->setCheckable(true);
            m_compareButton->setToolTip(tr("Send the conversation to a second model or server and read both "
                                           "answers side by side"));
            bar->addWidget(m_compareButton);
            connect(m_compareButton, &QToolButton::toggled, this, &ChatPage::setCompareMode);
        }
        layout->addLayout(bar);
        column.transcript = new TranscriptView(column.box);
        layout->addWidget(column.transcript, 1);
        m_columnsSplitter->addWidget(column.box);

        connect(column.picker, &ModelPicker::chosen, this, [this, index](const ModelChoice& choice) {
            applyModelChoice(index, choice);
        });
        connect(column.picker, &ModelPicker::openFolderRequested, this, [this, index] { chooseModelFolder(index); });
        connect(column.picker, &ModelPicker::openGgufRequested, this, [this, index] { chooseGgufFile(index); });
        connect(column.picker, &ModelPicker::connectEndpointRequested, this, [this, index] { chooseEndpoint(index); });
        connect(column.picker, &ModelPicker::refreshRequested, this, &ChatPage::scanModels);
        connect(column.picker, &ModelPicker::cancelLoadRequested, this, [this, index] {
            m_service.cancel(m_columns[std::size_t(index)].loadRequest);
        });
        connect(column.transcript, &TranscriptView::editSubmitted, this,
                [this, index](qint64 node, const QString& text) { onEdit(index, node, text); });
        connect(column.transcript, &TranscriptView::regenerateRequested, this,
                [this, index](qint64 node) { onRegenerate(index, node); });
        connect(column.transcript, &TranscriptView::siblingRequested, this,
                [this, index](qint64 node, int delta) { onSibling(index, node, delta); });
        connect(column.transcript, &TranscriptView::copyRequested, this,
                [this] { emit statusMessage(tr("Copied to the clipboard")); });
    }
    m_columns[1].box->hide();
    centreLayout->addWidget(m_columnsSplitter, 1);

    m_modelWarnings = new QLabel(centre);
    m_modelWarnings->setWordWrap(true);
    m_modelWarnings->setContentsMargins(16, 4, 16, 4);
    m_modelWarnings->hide();
    centreLayout->addWidget(m_modelWarnings);

    auto* bottom = new QWidget(centre);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(16, 4, 16, 12);
    bottomLayout->setSpacing(6);
    m_contextBar = new ContextBar(bottom);
    m_composer = new ChatComposer(bottom);
    bottomLayout->addWidget(m_contextBar);
    bottomLayout->addWidget(m_composer);
    centreLayout->addWidget(bottom);

    // Right: settings of the conversation and the prompt the template made.
    m_sideTabs = new QTabWidget(this);
    m_sideTabs->setDocumentMode(true);
    auto* settingsScroll = new QScrollArea(m_sideTabs);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    settingsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sampling = new SamplingPanel(settingsScroll);
    settingsScroll->setWidget(m_sampling);
    m_template = new TemplateView(m_sideTabs);
    m_sideTabs->addTab(settingsScroll, tr("Settings"));
    m_sideTabs->addTab(m_template, tr("Prompt"));
    m_sideTabs->setMinimumWidth(200);

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->addWidget(m_list);
    m_mainSplitter->addWidget(centre);
    m_mainSplitter->addWidget(m_sideTabs);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setStretchFactor(2, 0);
    m_mainSplitter->setSizes({260, 820, 340});
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mainSplitter);

    connect(m_composer, &ChatComposer::sendRequested, this, &ChatPage::send);
    connect(m_composer, &ChatComposer::stopRequested, this, &ChatPage::stop);
    connect(m_composer->editor(), &QPlainTextEdit::textChanged, this, &ChatPage::schedulePreview);

    connect(m_list, &ConversationList::newRequested, this, &ChatPage::newConversation);
    connect(m_list, &ConversationList::currentChanged, this, &ChatPage::openConversation);
    connect(m_list, &ConversationList::renameRequested, this, &ChatPage::renameConversation);
    connect(m_list, &ConversationList::deleteRequested, this, &ChatPage::deleteConversation);
    connect(m_list, &ConversationList::exportRequested, this, &ChatPage::exportConversation);
    connect(m_list, &ConversationList::searchChanged, this, [this](const QString& text) {
        if (text.trimmed().isEmpty()) {
            m_list->setSearchResults(std::nullopt);
            return;
        }
        QSet<QString> ids;
        for (const std::string& id : m_store.search(text.trimmed().toStdString())) {
            ids.insert(toQString(id));
        }
        m_list->setSearchResults(ids);
    });
    addAction(m_list->newChatAction());

    connect(m_sampling, &SamplingPanel::systemPromptEdited, this, [this](const QString& text) {
        if (!m_conversation && text.isEmpty()) {
            return;
        }
        ensureConversation();
        if (toQString(m_conversation->systemPrompt()) != text) {
            m_conversation->setSystemPrompt(text.toStdString());
            saveConversation();
            schedulePreview();
        }
    });
    connect(m_sampling, &SamplingPanel::settingsChanged, this, [this] {
        if (m_conversation) {
            m_conversation->setSampling(m_sampling->settings());
            saveConversation();
        }
        schedulePreview();
    });
}

void ChatPage::connectService()
{
    connect(&m_service, &ChatService::loadProgress, this, [this](RequestId id, double fraction) {
        const int column = columnOfRequest(id, true);
        if (column >= 0) {
            m_columns[std::size_t(column)].picker->setLoading(
                true, tr("Loading %1").arg(QFileInfo(m_columns[std::size_t(column)].loading).fileName()), fraction);
        }
    });
    connect(&m_service, &ChatService::backendReady, this, [this](RequestId id, int slot, const ChatModelInfo& info) {
        Column& column = m_columns[std::size_t(slot)];
        if (column.loadRequest != id) {
            return;
        }
        column.loadRequest = 0;
        column.loading.clear();
        column.model = info;
        column.picker->setLoading(false, {}, -1);
        column.picker->setCurrent(info.location);
        if (slot == 0) {
            m_lastModel = info.local ? info.location : QString();
            m_sampling->setModelDefaults(info.defaults, info.defaultsSource);
            if (!info.warnings.isEmpty()) {
                m_modelWarnings->setText(tr("⚠ %1").arg(info.warnings.join(QStringLiteral("\n⚠ "))));
                m_modelWarnings->show();
            } else {
                m_modelWarnings->hide();
            }
        }
        emit statusMessage(tr("%1 is ready").arg(toQString(info.info.name)));
        refreshColumn(slot);
        updateComposer();
        schedulePreview();
        updateBusy();
        sendPendingPrompts();
    });
    connect(&m_service, &ChatService::textStreamed, this, [this](RequestId id, const QString& text) {
        const int index = columnOfRequest(id, false);
        if (index < 0 || !m_conversation) {
            return;
        }
        Column& column = m_columns[std::size_t(index)];
        m_conversation->appendContent(column.answerNode, text.toStdString());
        column.transcript->appendText(column.answerNode, text);
    });
    connect(&m_service, &ChatService::answerFinished, this, [this](RequestId id, const chat::ChatResult& result) {
        const int index = columnOfRequest(id, false);
        if (index < 0 || !m_conversation) {
            return;
        }
        Column& column = m_columns[std::size_t(index)];
        chat::AnswerInfo info = m_conversation->node(column.answerNode)->answer.value_or(chat::AnswerInfo{});
        info.finish = std::string(chat::finishName(result.finish));
        info.error = result.error;
        info.promptTokens = result.promptTokens;
        info.completionTokens = result.completionTokens;
        info.droppedMessages = result.droppedMessages;
        info.timeToFirstTokenMs = result.timeToFirstTokenMs;
        info.tokensPerSecond = result.tokensPerSecond;
        // The streamed pieces and the result agree; the result is what the backend counted.
        m_conversation->setContent(column.answerNode, result.text);
        m_conversation->setAnswerInfo(column.answerNode, info);
        if (index == 0) {
            m_sampling->setLastAnswer(AnswerStatsView{info.timeToFirstTokenMs, info.tokensPerSecond,
                                                      info.completionTokens, toQString(info.finish), toQString(info.backend)});
        }
        column.answerRequest = 0;
        column.answerNode = 0;
        saveConversation();
        refreshColumn(index);
        refreshList();
        updateComposer();
        schedulePreview();
        updateBusy();
        sendPendingPrompts();
    });
    connect(&m_service, &ChatService::previewReady, this, [this](RequestId id, const PromptPreview& preview) {
        if (id != m_previewRequest) {
            return;
        }
        m_previewRequest = 0;
        const QScopeGuard settle([this] { updateBusy(); });
        if (preview.available) {
            QVector<PromptToken> tokens;
            tokens.reserve(preview.ids.size());
            for (qsizetype i = 0; i < preview.ids.size(); ++i) {
                tokens.push_back(PromptToken{preview.ids[i], preview.pieces[i], preview.special[i]});
            }
            m_template->setPrompt(preview.text, tokens, preview.templateOrigin);
        } else {
            m_template->setUnavailable(preview.reason);
        }
        const qint64 cut = preview.available ? preview.plan.droppedMessages : 0;
        const bool local = m_columns[0].model && m_columns[0].model->local;
        if (preview.available || (local && preview.plan.contextTokens > 0)) {
            // A local model's plan also when nothing is typed yet (all zero) or nothing fits even
            // cut (the whole prompt over the context).
            m_contextBar->setUsage(preview.plan.promptTokens, preview.plan.answerTokens, preview.plan.contextTokens,
                                   preview.plan.droppedMessages, preview.plan.fullPromptTokens);
        } else if (preview.plan.contextTokens > 0) {
            m_contextBar->setUnknown(tr("The server counts the prompt's tokens; it holds %L1 tokens in all.")
                                         .arg(preview.plan.contextTokens));
        } else {
            m_contextBar->setUnknown(preview.reason);
        }
        if (cut != m_cutMessages) {
            m_cutMessages = cut;
            refreshColumn(0);
        }
    });
    connect(&m_service, &ChatService::modelsScanned, this, [this](RequestId id, const std::vector<CatalogEntry>& entries) {
        if (id != m_scanRequest) {
            return;
        }
        m_scanRequest = 0;
        const QScopeGuard settle([this] { updateBusy(); });
        QVector<ModelChoice> choices;
        for (const CatalogEntry& entry : entries) {
            ModelChoice choice;
            choice.kind = choiceKind(entry.kind);
            choice.name = toQString(entry.name);
            choice.path = fromFsPath(entry.path);
            choice.detail = entryDetail(entry);
            choice.usable = entry.supported;
            choice.problem = toQString(entry.problem);
            choices.push_back(choice);
        }
        for (const remote::SavedEndpoint& endpoint : savedEndpoints()) {
            ModelChoice choice;
            choice.kind = ModelChoice::Kind::Endpoint;
            choice.name = toQString(endpoint.name.empty() ? endpoint.url : endpoint.name);
            choice.path = toQString(endpoint.url);
            choice.detail = toQString(endpoint.url);
            choices.push_back(choice);
        }
        for (Column& column : m_columns) {
            column.picker->setChoices(choices);
            if (column.model) {
                column.picker->setCurrent(column.model->location);
            }
        }
        // First start: the last model, else the demo model, loads by itself.
        Column& main = m_columns[0];
        if (!main.model && main.loadRequest == 0) {
            QString path = m_lastModel;
            if (path.isEmpty() || !QFileInfo::exists(path)) {
                path.clear();
                for (const CatalogEntry& entry : entries) {
                    if (entry.kind == CatalogEntry::Kind::Demo && entry.supported) {
                        path = fromFsPath(entry.path);
                    }
                }
            }
            if (!path.isEmpty()) {
                loadModel(0, path);
            }
        }
    });
    connect(&m_service, &ChatService::endpointTested, this, [this](RequestId id, bool ok, const QString& message) {
        if (id != m_testRequest) {
            return;
        }
        m_testRequest = 0;
        if (auto* dialog = findChild<EndpointDialog*>()) {
            dialog->setTestResult(ok, message);
        }
    });
    connect(&m_service, &ChatService::failed, this, [this](RequestId id, const QString& message) {
        if (id == m_previewRequest) {
            m_previewRequest = 0;
            m_template->setUnavailable(message);
            updateBusy();
            return;
        }
        if (id == m_scanRequest) {
            m_scanRequest = 0;
            emit statusMessage(tr("Could not list models: %1").arg(message));
            updateBusy();
            return;
        }
        if (id == m_testRequest) {
            m_testRequest = 0;
            if (auto* dialog = findChild<EndpointDialog*>()) {
                dialog->setTestResult(false, message);
            }
            return;
        }
        if (const int index = columnOfRequest(id, true); index >= 0) {
            showLoadError(index, loadAdvice(message));
            return;
        }
        if (const int index = columnOfRequest(id, false); index >= 0 && m_conversation) {
            // Nothing arrived: the error is the answer's footer; the empty answer stays so that
            // Regenerate can try again.
            Column& column = m_columns[std::size_t(index)];
            chat::AnswerInfo info = m_conversation->node(column.answerNode)->answer.value_or(chat::AnswerInfo{});
            info.finish = std::string(chat::finishName(chat::Finish::Error));
            info.error = message.toStdString();
            m_conversation->setAnswerInfo(column.answerNode, info);
            column.answerRequest = 0;
            column.answerNode = 0;
            m_pendingPrompts.clear();
            saveConversation();
            refreshColumn(index);
            updateComposer();
            updateBusy();
        }
    });
    connect(&m_service, &ChatService::cancelled, this, [this](RequestId id) {
        if (const int index = columnOfRequest(id, true); index >= 0) {
            Column& column = m_columns[std::size_t(index)];
            column.loadRequest = 0;
            column.loading.clear();
            column.picker->setLoading(false, {}, -1);
            if (column.model) {
                column.picker->setCurrent(column.model->location);
            }
            emit statusMessage(tr("Loading cancelled"));
            updateComposer();
            updateBusy();
        } else if (id == m_previewRequest) {
            m_previewRequest = 0;
            updateBusy();
        }
    });
}

int ChatPage::columnOfRequest(RequestId id, bool load) const
{
    if (id == 0) {
        return -1;
    }
    for (int index = 0; index < 2; ++index) {
        const Column& column = m_columns[std::size_t(index)];
        if ((load ? column.loadRequest : column.answerRequest) == id) {
            return index;
        }
    }
    return -1;
}

void ChatPage::showLoadError(int index, const QString& message)
{
    Column& column = m_columns[std::size_t(index)];
    column.loadRequest = 0;
    column.loading.clear();
    column.picker->setLoading(false, {}, -1);
    column.picker->setLoadError(message);
    if (column.model) {
        column.picker->setCurrent(column.model->location);
    }
    m_pendingPrompts.clear();
    updateComposer();
    updateBusy();
}

std::vector<remote::SavedEndpoint> ChatPage::savedEndpoints()
{
    try {
        return m_endpoints.list();
    } catch (const Error& e) {
        emit statusMessage(tr("Saved endpoints unreadable: %1").arg(toQString(e.what())));
        return {};
    }
}

void ChatPage::loadModel(int index, const QString& path)
{
    Column& column = m_columns[std::size_t(index)];
    m_service.cancel(column.loadRequest);
    column.loading = path;
    column.loadRequest = m_service.loadModel(index, path);
    column.picker->setLoadError({});
    column.picker->setLoading(true, tr("Loading %1").arg(QFileInfo(path).fileName()), -1);
    updateComposer();
    updateBusy();
}

void ChatPage::connectEndpoint(int index, const EndpointSettings& endpoint)
{
    Column& column = m_columns[std::size_t(index)];
    m_service.cancel(column.loadRequest);
    column.loading = endpoint.url;
    column.loadRequest = m_service.connectEndpoint(index, endpoint);
    column.picker->setLoadError({});
    column.picker->setLoading(true, tr("Connecting to %1").arg(endpoint.url), -1);
    updateComposer();
    updateBusy();
}

void ChatPage::applyModelChoice(int index, const ModelChoice& choice)
{
    if (choice.kind == ModelChoice::Kind::Endpoint) {
        EndpointSettings endpoint;
        endpoint.url = choice.path;
        for (const remote::SavedEndpoint& saved : savedEndpoints()) {
            if (toQString(saved.url) == choice.path) {
                endpoint.style = saved.style;
            }
        }
        try {
            endpoint.apiKey = toQString(m_endpoints.apiKey(choice.path.toStdString()).value_or(std::string()));
        } catch (const Error& e) {
            showLoadError(index, toQString(e.what()));
            return;
        }
        connectEndpoint(index, endpoint);
        return;
    }
    loadModel(index, choice.path);
}

void ChatPage::chooseModelFolder(int index)
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Model Folder"), QDir::homePath());
    if (!folder.isEmpty()) {
        loadModel(index, folder);
    }
}

void ChatPage::chooseGgufFile(int index)
{
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Open GGUF Model"), QDir::homePath(), tr("GGUF models (*.gguf);;All files (*)"));
    if (!file.isEmpty()) {
        loadModel(index, file);
    }
}

void ChatPage::chooseEndpoint(int index)
{
    auto* dialog = new EndpointDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EndpointDialog::testRequested, this,
            [this](const QString& url, remote::ApiStyle style, const QString& key) {
                QString usedKey = key;
                if (usedKey.isEmpty()) {
                    try {
                        usedKey = toQString(m_endpoints.apiKey(url.toStdString()).value_or(std::string()));
                    } catch (const Error&) {
                        // A corrupt key file: test without a key; the answer will say 401 if one is needed.
                    }
                }
                m_service.cancel(m_testRequest);
                m_testRequest = m_service.testEndpoint(EndpointSettings{url, usedKey, style});
            });
    connect(dialog, &QDialog::accepted, this, [this, dialog, index] {
        EndpointSettings endpoint{dialog->url(), dialog->apiKey(), dialog->apiStyle()};
        remote::SavedEndpoint saved;
        saved.name = dialog->displayName().toStdString();
        saved.url = endpoint.url.toStdString();
        saved.style = endpoint.style;
        try {
            m_endpoints.save(saved, dialog->keyToSave());
            if (endpoint.apiKey.isEmpty()) {
                endpoint.apiKey = toQString(m_endpoints.apiKey(saved.url).value_or(std::string()));
            }
        } catch (const Error& e) {
            QMessageBox::warning(this, tr("Endpoint not saved"), toQString(e.what()));
        }
        connectEndpoint(index, endpoint);
        scanModels();
    });
    dialog->open();
}

void ChatPage::scanModels()
{
    m_service.cancel(m_scanRequest);
    m_scanRequest = m_service.scanModels();
    updateBusy();
}

void ChatPage::setCompareMode(bool on)
{
    if (m_compare == on) {
        return;
    }
    m_compare = on;
    m_compareButton->setChecked(on);
    Column& second = m_columns[1];
    second.box->setVisible(on);
    if (on) {
        m_columnsSplitter->setSizes({1, 1});
    } else {
        m_service.cancel(second.answerRequest);
    }
    refreshTranscripts();
    updateComposer();
}

void ChatPage::ensureConversation()
{
    if (m_conversation) {
        return;
    }
    m_conversation = std::make_unique<chat::Conversation>(chat::Conversation::create());
    m_conversation->setSystemPrompt(m_sampling->systemPrompt().toStdString());
    m_conversation->setSampling(m_sampling->settings());
}

void ChatPage::saveConversation()
{
    if (!m_conversation || m_conversation->empty()) {
        return;
    }
    try {
        m_store.save(*m_conversation);
    } catch (const Error& e) {
        emit statusMessage(tr("Could not save the conversation: %1").arg(toQString(e.what())));
    }
    refreshList();
}

qint64 ChatPage::columnLeaf(int index) const
{
    if (!m_conversation) {
        return 0;
    }
    // Until the compare column has a branch of its own it shows the main one.
    return index == 0 || m_conversation->compareLeaf() == 0 ? m_conversation->leaf() : m_conversation->compareLeaf();
}

void ChatPage::send(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || m_columns[0].answerRequest != 0 || m_columns[1].answerRequest != 0) {
        return;
    }
    if (!m_columns[0].model) {
        emit statusMessage(tr("Load a model first"));
        return;
    }
    ensureConversation();
    m_composer->clear();
    const bool comparing = m_compare && m_columns[1].model;
    const qint64 mainLeaf = m_conversation->leaf();
    const qint64 compareLeaf = columnLeaf(1);
    const qint64 userNode = m_conversation->append(mainLeaf, "user", text.toStdString());
    if (comparing) {
        // The compare column continues its own branch once it has one; until then it answers
        // the same user turn, its answer a sibling of the main column's.
        const qint64 userB = compareLeaf == mainLeaf ? userNode : m_conversation->append(compareLeaf, "user", text.toStdString());
        keepingMainPath(userNode, [&] { startAnswer(1, userB); });
    }
    startAnswer(0, userNode);
}

void ChatPage::keepingMainPath(qint64 mainLeaf, const std::function<void()>& change)
{
    change();
    if (mainLeaf != 0) {
        m_conversation->selectPathTo(mainLeaf);
    }
}

void ChatPage::startAnswer(int index, qint64 userNode)
{
    const qint64 assistant = m_conversation->append(userNode, "assistant", std::string());
    startAnswerInto(index, assistant);
}

void ChatPage::startAnswerInto(int index, qint64 assistantNode)
{
    Column& column = m_columns[std::size_t(index)];
    const chat::Conversation::Node* node = m_conversation->node(assistantNode);
    chat::AnswerInfo info;
    info.backend = column.model ? column.model->info.name : std::string();
    m_conversation->setAnswerInfo(assistantNode, info);
    if (index == 1) {
        m_conversation->setCompareLeaf(assistantNode);
    }
    column.answerNode = assistantNode;
    column.answerRequest = m_service.send(index, m_conversation->messages(node->parent), m_sampling->settings());
    saveConversation();
    refreshTranscripts();
    updateComposer();
    updateBusy();
}

void ChatPage::stop()
{
    for (Column& column : m_columns) {
        m_service.cancel(column.answerRequest);
    }
    m_pendingPrompts.clear();
}

void ChatPage::onEdit(int index, qint64 node, const QString& text)
{
    if (!m_conversation || m_columns[0].answerRequest != 0 || m_columns[1].answerRequest != 0 || text.trimmed().isEmpty() ||
        !m_columns[std::size_t(index)].model) {
        return;
    }
    if (index == 0) {
        startAnswer(0, m_conversation->branchFrom(node, text.toStdString()));
        return;
    }
    keepingMainPath(m_conversation->leaf(), [&] { startAnswer(1, m_conversation->branchFrom(node, text.toStdString())); });
}

void ChatPage::onRegenerate(int index, qint64 node)
{
    if (!m_conversation || m_columns[std::size_t(index)].answerRequest != 0 || !m_columns[std::size_t(index)].model) {
        return;
    }
    if (index == 0) {
        startAnswerInto(0, m_conversation->branchFrom(node, std::string()));
        return;
    }
    keepingMainPath(m_conversation->leaf(), [&] { startAnswerInto(1, m_conversation->branchFrom(node, std::string())); });
}

void ChatPage::onSibling(int index, qint64 node, int delta)
{
    if (!m_conversation) {
        return;
    }
    if (index == 0) {
        m_conversation->selectSibling(node, delta);
    } else {
        keepingMainPath(m_conversation->leaf(), [&] {
            // The compare column's leaf: below the chosen sibling, the choices last made there.
            qint64 leaf = m_conversation->selectSibling(node, delta);
            while (const chat::Conversation::Node* current = m_conversation->node(leaf)) {
                if (current->selectedChild == 0) {
                    break;
                }
                leaf = current->selectedChild;
            }
            m_conversation->setCompareLeaf(leaf);
        });
    }
    saveConversation();
    refreshTranscripts();
    schedulePreview();
}

QString ChatPage::statsLine(const chat::AnswerInfo& info) const
{
    QStringList parts;
    if (!info.backend.empty()) {
        parts << toQString(info.backend);
    }
    if (info.completionTokens > 0) {
        parts << tr("%1 s to first token").arg(info.timeToFirstTokenMs / 1000.0, 0, 'f', 2);
        if (info.tokensPerSecond > 0) {
            parts << tr("%1 tokens/s").arg(info.tokensPerSecond, 0, 'f', 1);
        }
        parts << tr("%n token(s)", nullptr, int(info.completionTokens));
    }
    if (info.finish == "eos") {
        parts << tr("end of answer");
    } else if (info.finish == "stop") {
        parts << tr("stop string");
    } else if (info.finish == "length") {
        parts << tr("length limit");
    }
    if (info.droppedMessages > 0) {
        parts << tr("%n oldest message(s) left out", nullptr, int(info.droppedMessages));
    }
    return parts.join(QStringLiteral(" · "));
}

void ChatPage::refreshTranscripts()
{
    refreshColumn(0);
    if (m_compare) {
        refreshColumn(1);
    }
}

void ChatPage::refreshColumn(int index)
{
    Column& column = m_columns[std::size_t(index)];
    QVector<TranscriptItem> items;
    if (m_conversation) {
        const qint64 leaf = columnLeaf(index);
        const auto nodes = index == 0 ? m_conversation->path() : m_conversation->pathTo(leaf);
        for (const chat::Conversation::Node* node : nodes) {
            TranscriptItem item;
            item.id = node->id;
            item.role = toQString(node->role);
            item.text = toQString(node->content);
            item.streaming = node->id == column.answerNode;
            // The oldest messages the next prompt leaves out (the context bar tells how many).
            item.cut = index == 0 && qint64(items.size()) < m_cutMessages;
            const chat::SiblingPosition position = m_conversation->siblings(node->id);
            item.siblingIndex = position.index;
            item.siblingCount = position.count;
            if (node->answer) {
                item.stats = statsLine(*node->answer);
                if (node->answer->finish == "cancelled") {
                    item.error = tr("Stopped");
                } else if (!node->answer->error.empty()) {
                    item.error = toQString(node->answer->error);
                }
            }
            items.push_back(item);
        }
    }
    column.transcript->setItems(items);
    column.transcript->setReadOnly(column.answerRequest != 0);
    if (column.model) {
        column.transcript->setEmptyText(tr("Ask %1 anything").arg(toQString(column.model->info.name)),
                                        toQString(column.model->info.description));
    } else {
        column.transcript->setEmptyText(tr("No model is loaded"),
                                        tr("Choose a model above: the demo model, one from the Hugging Face cache, "
                                           "a folder, a GGUF file or a server."));
    }
}

void ChatPage::schedulePreview()
{
    m_previewTimer.start();
    updateBusy();
}

void ChatPage::requestPreview()
{
    if (!m_columns[0].model) {
        m_template->setUnavailable(tr("No model is loaded"));
        m_contextBar->setUnknown(tr("No model is loaded"));
        updateBusy();
        return;
    }
    // The prompt the next message would make: the shown conversation plus what is typed.
    std::vector<chat::Message> messages;
    if (m_conversation) {
        messages = m_conversation->messages(m_conversation->leaf());
    } else if (!m_sampling->systemPrompt().isEmpty()) {
        messages.push_back({"system", m_sampling->systemPrompt().toStdString()});
    }
    const QString draft = m_composer->text().trimmed();
    if (!draft.isEmpty()) {
        messages.push_back({"user", draft.toStdString()});
    } else if (!messages.empty() && messages.back().role == "assistant") {
        // Show the prompt the last answer was made from.
        messages.pop_back();
    }
    m_service.cancel(m_previewRequest);
    m_previewRequest = m_service.preview(0, std::move(messages), m_sampling->settings());
}

void ChatPage::updateComposer()
{
    const Column& main = m_columns[0];
    const bool streaming = m_columns[0].answerRequest != 0 || m_columns[1].answerRequest != 0;
    m_composer->setBusy(streaming);
    if (main.model) {
        m_composer->setReady(true);
    } else if (main.loadRequest != 0) {
        m_composer->setReady(false, tr("Loading %1…").arg(QFileInfo(main.loading).fileName()));
    } else {
        m_composer->setReady(false, tr("Choose a model above to start"));
    }
    for (const Column& column : m_columns) {
        column.transcript->setReadOnly(streaming);
    }
}

bool ChatPage::isBusy() const
{
    return m_busy;
}

void ChatPage::setBusy(bool busy)
{
    if (m_busy != busy) {
        m_busy = busy;
        emit busyChanged(busy);
    }
}

void ChatPage::updateBusy()
{
    // Reading the catalog counts: the demo or last model starts loading when it ends.
    bool busy = !m_pendingPrompts.isEmpty() || m_scanRequest != 0 || m_previewTimer.isActive() || m_previewRequest != 0;
    for (const Column& column : m_columns) {
        busy = busy || column.loadRequest != 0 || column.answerRequest != 0;
    }
    setBusy(busy);
}

void ChatPage::sendPendingPrompts()
{
    if (m_pendingPrompts.isEmpty() || !m_columns[0].model || (m_compare && !m_columns[1].model) ||
        m_columns[0].answerRequest != 0 || m_columns[1].answerRequest != 0) {
        updateBusy();
        return;
    }
    send(m_pendingPrompts.takeFirst());
    updateBusy();
}

}  // namespace lathe
