// ChatService: the Chat page's side of the Qt<->engine boundary. It holds up to two chat
// backends (slot 0: the main column; slot 1: the compare column), each a loaded model
// (chat::LocalChatBackend) or a remote server (RemoteChatBackend), and runs their work on named
// worker threads: "lathe-chat-0" and "lathe-chat-1" load models, connect and generate, one job
// at a time per slot, so two columns stream in parallel; "lathe-chat-aux" renders prompt
// previews, scans the model catalog and tests endpoints, so none of that waits for an answer.
//
// Threads: every member function is called on the GUI thread and every signal is emitted on
// it, carrying values; nothing here waits for engine work (the destructor excepted: it cancels
// what runs, then joins the threads). Generation uses max(1, cores - 1) threads unless
// LATHE_THREADS says otherwise, leaving a core for the UI.
#pragma once

#include "app/engine_values.h"
#include "chat/chat_backend.h"
#include "chat/local_chat_backend.h"
#include "model/model_catalog.h"
#include "remote/remote_chat_backend.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QVector>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace lathe {

// What the page learns when a backend is ready.
struct ChatModelInfo {
    chat::BackendInfo info;
    bool local = false;
    QString location;                   // model path, or the endpoint's URL
    chat::SamplingSettings defaults;    // what unset sampling fields become
    QString defaultsSource;             // "generation_config.json", "server defaults"
    QStringList warnings;
};

// The prompt a conversation becomes and how it fits: the template view and the context bar.
struct PromptPreview {
    bool available = false;             // false: remote servers render their own prompt
    QString reason;                     // why not available, or the render error
    QString text;
    QVector<qint32> ids;
    QStringList pieces;                 // each id's text (special tokens as written)
    QVector<bool> special;
    QString templateOrigin;             // "tokenizer_config.json", "chat_template.jinja", GGUF
    chat::ContextPlan plan;
};

struct EndpointSettings {
    QString url;
    QString apiKey;
    remote::ApiStyle style = remote::ApiStyle::Auto;
};

class ChatService : public QObject {
    Q_OBJECT

public:
    static constexpr int kSlots = 2;

    // threads: generation threads (0: LATHE_THREADS, else max(1, physical cores - 1)).
    explicit ChatService(unsigned threads = 0, QObject* parent = nullptr);
    ~ChatService() override;
    ChatService(const ChatService&) = delete;
    ChatService& operator=(const ChatService&) = delete;

    // Replaces the slot's backend once the load or connection succeeds (the old one keeps
    // answering until then). Ends in backendReady, failed or cancelled; loadProgress between.
    RequestId loadModel(int slot, const QString& path);
    RequestId connectEndpoint(int slot, const EndpointSettings& endpoint);
    void unload(int slot);
    bool hasBackend(int slot) const { return m_backends.at(std::size_t(slot)) != nullptr; }

    // Streams an answer from the slot's backend: textStreamed per piece, then answerFinished
    // (also for Cancelled and mid-stream Error results) or failed (before any text).
    RequestId send(int slot, std::vector<chat::Message> messages, chat::SamplingSettings sampling);
    RequestId preview(int slot, std::vector<chat::Message> messages, chat::SamplingSettings sampling);
    // Lists the demo model and the Hugging Face cache's models.
    RequestId scanModels();
    // Connects to an endpoint without keeping it: endpointTested.
    RequestId testEndpoint(const EndpointSettings& endpoint);

    // Stops a request: a stream stops within one token and ends in answerFinished(Cancelled);
    // a load ends in cancelled(). Unknown or finished ids are ignored.
    void cancel(RequestId id);
    bool isPending(RequestId id) const { return m_pending.count(id) != 0; }

    unsigned generationThreads() const { return m_threads; }

signals:
    void loadProgress(lathe::RequestId id, double fraction);
    void backendReady(lathe::RequestId id, int slot, const lathe::ChatModelInfo& info);
    void textStreamed(lathe::RequestId id, const QString& text);
    void answerFinished(lathe::RequestId id, const lathe::chat::ChatResult& result);
    void previewReady(lathe::RequestId id, const lathe::PromptPreview& preview);
    void modelsScanned(lathe::RequestId id, const std::vector<lathe::CatalogEntry>& entries);
    void endpointTested(lathe::RequestId id, bool ok, const QString& message);
    void failed(lathe::RequestId id, const QString& message);
    void cancelled(lathe::RequestId id);

private:
    struct Lane;
    RequestId startRequest();
    void finishRequest(RequestId id);
    // Runs job on the lane's thread; job gets the request's cancel flag.
    void post(Lane& lane, RequestId id, std::function<void(const std::atomic<bool>& cancel)> job);
    // Runs fn on the GUI thread (from a worker), as a queued call.
    void toGui(std::function<void()> fn);

    unsigned m_threads = 1;
    std::array<std::unique_ptr<Lane>, kSlots> m_slotLanes;
    std::unique_ptr<Lane> m_auxLane;
    std::array<std::shared_ptr<chat::ChatBackend>, kSlots> m_backends;  // GUI thread's view
    std::unordered_map<RequestId, CancelToken> m_pending;
    RequestId m_nextId = 1;
};

}  // namespace lathe

Q_DECLARE_METATYPE(lathe::ChatModelInfo)
Q_DECLARE_METATYPE(lathe::PromptPreview)
Q_DECLARE_METATYPE(lathe::chat::ChatResult)
Q_DECLARE_METATYPE(std::vector<lathe::CatalogEntry>)
