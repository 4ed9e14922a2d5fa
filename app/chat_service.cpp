// ChatService: lanes (a QThread plus a context object living on it), jobs posted to them as
// queued functors, results posted back to the GUI thread as queued functors that emit the
// signals. Every value crossing is copied or shared immutably; the cancel flags are the one
// shared mutable state (atomics).
#include "app/chat_service.h"

#include "core/error.h"
#include "core/thread_pool.h"
#include "model/decoder.h"
#include "model/model_location.h"
#include "tokenizer/tokenizer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMetaObject>

#include <algorithm>

namespace lathe {

struct ChatService::Lane {
    QThread thread;
    QObject* context = nullptr;  // lives on `thread`; deleted there when it finishes

    explicit Lane(const QString& name)
    {
        thread.setObjectName(name);
        context = new QObject;
        context->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, context, &QObject::deleteLater);
        thread.start();
    }
    ~Lane()
    {
        thread.quit();
        thread.wait();
    }
};

namespace {

constexpr int kProgressIntervalMs = 50;

std::string toPath(const QString& path)
{
    return QFile::encodeName(path).toStdString();
}

QString errorText(const std::exception& e)
{
    return QString::fromStdString(e.what());
}

unsigned chatThreads(unsigned requested)
{
    if (requested > 0) {
        return requested;
    }
    if (!qEnvironmentVariableIsEmpty("LATHE_THREADS")) {
        return ThreadPool::defaultThreadCount();
    }
    const unsigned cores = ThreadPool::physicalCoreCount();
    return cores > 1 ? cores - 1 : 1;
}

}  // namespace

ChatService::ChatService(unsigned threads, QObject* parent)
    : QObject(parent)
    , m_threads(chatThreads(threads))
{
    registerEngineMetaTypes();
    qRegisterMetaType<ChatModelInfo>("lathe::ChatModelInfo");
    qRegisterMetaType<PromptPreview>("lathe::PromptPreview");
    qRegisterMetaType<chat::ChatResult>("lathe::chat::ChatResult");
    qRegisterMetaType<std::vector<CatalogEntry>>("std::vector<lathe::CatalogEntry>");
    for (int slot = 0; slot < kSlots; ++slot) {
        m_slotLanes[std::size_t(slot)] = std::make_unique<Lane>(QStringLiteral("lathe-chat-%1").arg(slot));
    }
    m_auxLane = std::make_unique<Lane>(QStringLiteral("lathe-chat-aux"));
}

ChatService::~ChatService()
{
    for (auto& [id, token] : m_pending) {
        token->store(true);
    }
    // The lanes join their threads; queued jobs see their cancel flags and end at once.
    m_slotLanes = {};
    m_auxLane.reset();
}

RequestId ChatService::startRequest()
{
    const RequestId id = m_nextId++;
    m_pending.emplace(id, std::make_shared<std::atomic<bool>>(false));
    return id;
}

void ChatService::finishRequest(RequestId id)
{
    m_pending.erase(id);
}

void ChatService::cancel(RequestId id)
{
    const auto it = m_pending.find(id);
    if (it != m_pending.end()) {
        it->second->store(true);
    }
}

void ChatService::toGui(std::function<void()> fn)
{
    QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection);
}

void ChatService::post(Lane& lane, RequestId id, std::function<void(const std::atomic<bool>& cancel)> job)
{
    const CancelToken token = m_pending.at(id);
    QMetaObject::invokeMethod(
        lane.context,
        [this, id, token, job = std::move(job)] {
            if (token->load()) {
                toGui([this, id] {
                    finishRequest(id);
                    emit cancelled(id);
                });
                return;
            }
            try {
                job(*token);
            } catch (const Error& e) {
                const bool wasCancel = e.kind() == ErrorKind::Cancelled;
                const QString message = errorText(e);
                toGui([this, id, wasCancel, message] {
                    finishRequest(id);
                    if (wasCancel) {
                        emit cancelled(id);
                    } else {
                        emit failed(id, message);
                    }
                });
            } catch (const std::bad_alloc&) {
                toGui([this, id] {
                    finishRequest(id);
                    emit failed(id, tr("Out of memory. Close other models or programs, choose a smaller model or a "
                                       "quantized GGUF, and try again."));
                });
            } catch (const std::exception& e) {
                const QString message = errorText(e);
                toGui([this, id, message] {
                    finishRequest(id);
                    emit failed(id, message);
                });
            }
        },
        Qt::QueuedConnection);
}

RequestId ChatService::loadModel(int slot, const QString& path)
{
    const RequestId id = startRequest();
    const unsigned threads = m_threads;
    post(*m_slotLanes.at(std::size_t(slot)), id, [this, id, slot, path, threads](const std::atomic<bool>& cancel) {
        ModelLoadOptions options;
        options.threads = threads;
        QElapsedTimer sinceProgress;
        sinceProgress.start();
        options.progress = [this, id, &cancel, &sinceProgress](double fraction) {
            if (sinceProgress.elapsed() >= kProgressIntervalMs) {
                sinceProgress.restart();
                toGui([this, id, fraction] { emit loadProgress(id, fraction); });
            }
            return !cancel.load();
        };
        std::shared_ptr<chat::LocalChatBackend> backend = chat::LocalChatBackend::load(toPath(path), options);
        ChatModelInfo info;
        info.info = backend->info();
        info.local = true;
        info.location = QFile::decodeName(backend->path().c_str());
        info.defaults = backend->defaultSampling();
        info.defaultsSource = path.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive) ? tr("the GGUF file")
                                                                                         : tr("generation_config.json");
        for (const std::string& warning : backend->warnings()) {
            info.warnings << QString::fromStdString(warning);
        }
        toGui([this, id, slot, backend, info] {
            finishRequest(id);
            m_backends[std::size_t(slot)] = backend;
            emit backendReady(id, slot, info);
        });
    });
    return id;
}

RequestId ChatService::connectEndpoint(int slot, const EndpointSettings& endpoint)
{
    const RequestId id = startRequest();
    post(*m_slotLanes.at(std::size_t(slot)), id, [this, id, slot, endpoint](const std::atomic<bool>& cancel) {
        remote::Endpoint settings;
        settings.url = endpoint.url.toStdString();
        settings.apiKey = endpoint.apiKey.toStdString();
        settings.style = endpoint.style;
        auto backend = std::make_shared<remote::RemoteChatBackend>(settings);
        backend->connect(&cancel);
        ChatModelInfo info;
        info.info = backend->info();
        info.location = endpoint.url;
        info.defaultsSource = tr("the server");
        toGui([this, id, slot, backend, info] {
            finishRequest(id);
            m_backends[std::size_t(slot)] = backend;
            emit backendReady(id, slot, info);
        });
    });
    return id;
}

void ChatService::unload(int slot)
{
    // Jobs already queued hold their own reference; the model is freed after the last one.
    m_backends.at(std::size_t(slot)).reset();
}

RequestId ChatService::send(int slot, std::vector<chat::Message> messages, chat::SamplingSettings sampling)
{
    const RequestId id = startRequest();
    std::shared_ptr<chat::ChatBackend> backend = m_backends.at(std::size_t(slot));
    if (!backend) {
        QMetaObject::invokeMethod(
            this,
            [this, id] {
                finishRequest(id);
                emit failed(id, tr("No model is loaded. Choose one above."));
            },
            Qt::QueuedConnection);
        return id;
    }
    post(*m_slotLanes.at(std::size_t(slot)), id,
         [this, id, backend, messages = std::move(messages), sampling = std::move(sampling)](const std::atomic<bool>& cancel) {
             chat::ChatRequest request;
             request.messages = messages;
             request.sampling = sampling;
             request.cancel = &cancel;
             // Pieces are whole UTF-8 (the ChatBackend contract): each goes to the page as it is.
             const chat::ChatResult result = backend->complete(request, [this, id](std::string_view text) {
                 const QString piece = QString::fromUtf8(text.data(), qsizetype(text.size()));
                 toGui([this, id, piece] { emit textStreamed(id, piece); });
                 return true;
             });
             toGui([this, id, result] {
                 finishRequest(id);
                 emit answerFinished(id, result);
             });
         });
    return id;
}

RequestId ChatService::preview(int slot, std::vector<chat::Message> messages, chat::SamplingSettings sampling)
{
    const RequestId id = startRequest();
    std::shared_ptr<chat::ChatBackend> backend = m_backends.at(std::size_t(slot));
    post(*m_auxLane, id,
         [this, id, backend, messages = std::move(messages), sampling = std::move(sampling)](const std::atomic<bool>&) {
             PromptPreview preview;
             auto* local = dynamic_cast<const chat::LocalChatBackend*>(backend.get());
             if (local == nullptr) {
                 preview.reason = backend ? tr("The server applies its own chat template; its prompt is not shown here.")
                                          : tr("No model is loaded");
                 if (backend) {
                     preview.plan.contextTokens = backend->info().contextTokens;
                 }
             } else if (messages.empty() || messages.back().role != "user") {
                 preview.reason = tr("Type a message to see the prompt the chat template makes of it.");
                 preview.plan.contextTokens = local->info().contextTokens;
             } else {
                 try {
                     chat::RenderedPrompt prompt;
                     preview.plan = local->plan(messages, sampling, &prompt);
                     // Nothing fits: the bar shows the plan, the prompt view why.
                     preview.reason = QString::fromStdString(preview.plan.overflow);
                     preview.available = preview.plan.overflow.empty();
                     preview.text = QString::fromStdString(prompt.text);
                     preview.templateOrigin = QString::fromStdString(local->templateOrigin());
                     preview.ids.reserve(qsizetype(prompt.ids.size()));
                     const tok::Tokenizer& tokenizer = local->tokenizer();
                     for (const std::int32_t tokenId : prompt.ids) {  // empty when nothing fits
                         preview.ids.push_back(tokenId);
                         const std::int32_t one[1] = {tokenId};
                         preview.pieces << QString::fromStdString(tokenizer.decode(one, false));
                         preview.special.push_back(tokenizer.isSpecial(tokenId));
                     }
                 } catch (const Error& e) {
                     preview.reason = errorText(e);
                     preview.plan.contextTokens = local->info().contextTokens;
                 }
             }
             toGui([this, id, preview] {
                 finishRequest(id);
                 emit previewReady(id, preview);
             });
         });
    return id;
}

RequestId ChatService::scanModels()
{
    const RequestId id = startRequest();
    post(*m_auxLane, id, [this, id](const std::atomic<bool>&) {
        std::vector<CatalogEntry> entries;
        if (auto demo = demoModelEntry()) {
            entries.push_back(std::move(*demo));
        }
        std::vector<CatalogEntry> cached = scanHubCache(hubCacheFolder());
        entries.insert(entries.end(), std::make_move_iterator(cached.begin()), std::make_move_iterator(cached.end()));
        toGui([this, id, entries = std::move(entries)] {
            finishRequest(id);
            emit modelsScanned(id, entries);
        });
    });
    return id;
}

RequestId ChatService::testEndpoint(const EndpointSettings& endpoint)
{
    const RequestId id = startRequest();
    post(*m_auxLane, id, [this, id, endpoint](const std::atomic<bool>& cancel) {
        remote::Endpoint settings;
        settings.url = endpoint.url.toStdString();
        settings.apiKey = endpoint.apiKey.toStdString();
        settings.style = endpoint.style;
        settings.connectTimeout = std::chrono::seconds(5);
        remote::RemoteChatBackend backend(settings);
        bool ok = true;
        QString message;
        try {
            backend.connect(&cancel);
            const chat::BackendInfo& info = backend.info();
            message = tr("Connected: %1").arg(QString::fromStdString(info.name));
            if (!info.description.empty()) {
                message += QStringLiteral(" — ") + QString::fromStdString(info.description);
            }
        } catch (const Error& e) {
            ok = false;
            message = errorText(e);
        }
        toGui([this, id, ok, message] {
            finishRequest(id);
            emit endpointTested(id, ok, message);
        });
    });
    return id;
}

}  // namespace lathe
