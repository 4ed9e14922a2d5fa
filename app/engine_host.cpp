// EngineHost: starts the engine thread, forwards requests to the worker as queued calls and
// its signals back as queued signals, and tracks cancel tokens per request.
#include "app/engine_host.h"

#include "app/engine_worker.h"

#include <QMetaObject>

namespace lathe {

void registerEngineMetaTypes()
{
    qRegisterMetaType<RequestId>("lathe::RequestId");
    qRegisterMetaType<CheckpointPtr>("lathe::CheckpointPtr");
    qRegisterMetaType<TensorDiffsPtr>("lathe::TensorDiffsPtr");
    qRegisterMetaType<TensorStats>("lathe::TensorStats");
    qRegisterMetaType<BackendVersions>("lathe::BackendVersions");
}

EngineHost::EngineHost(unsigned threads, QObject* parent)
    : QObject(parent)
{
    registerEngineMetaTypes();
    m_worker = new EngineWorker(threads);
    m_threadCount = m_worker->poolSize();
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("lathe-engine"));

    // Results end a request: forget its token, then pass the value on.
    connect(m_worker, &EngineWorker::checkpointOpened, this,
            [this](RequestId id, const CheckpointPtr& checkpoint) {
                finishRequest(id);
                emit checkpointOpened(id, checkpoint);
            }, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::statsReady, this,
            [this](RequestId id, const TensorStats& stats) {
                finishRequest(id);
                emit statsReady(id, stats);
            }, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::diffReady, this,
            [this](RequestId id, const TensorDiffsPtr& diffs) {
                finishRequest(id);
                emit diffReady(id, diffs);
            }, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::backendVersionsReady, this,
            [this](RequestId id, const BackendVersions& versions) {
                finishRequest(id);
                emit backendVersionsReady(id, versions);
            }, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::failed, this,
            [this](RequestId id, const QString& message) {
                finishRequest(id);
                emit failed(id, message);
            }, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::cancelled, this,
            [this](RequestId id) {
                finishRequest(id);
                emit cancelled(id);
            }, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::progress, this,
            [this](RequestId id, double fraction) {
                if (isPending(id)) {
                    emit progress(id, fraction);
                }
            }, Qt::QueuedConnection);

    m_thread.start();
}

EngineHost::~EngineHost()
{
    // Running work checks its token between chunks, so this wait is short.
    for (auto& [id, token] : m_pending) {
        token->store(true);
    }
    m_thread.quit();
    m_thread.wait();
    delete m_worker;  // its thread has finished: no one else can touch it now
}

RequestId EngineHost::startRequest(CancelToken* tokenOut)
{
    const RequestId id = m_nextId++;
    auto token = std::make_shared<std::atomic<bool>>(false);
    m_pending.emplace(id, token);
    if (tokenOut != nullptr) {
        *tokenOut = std::move(token);
    }
    return id;
}

void EngineHost::finishRequest(RequestId id)
{
    m_pending.erase(id);
}

void EngineHost::cancel(RequestId id)
{
    const auto it = m_pending.find(id);
    if (it != m_pending.end()) {
        it->second->store(true);
    }
}

RequestId EngineHost::openCheckpoint(const QString& path)
{
    const RequestId id = startRequest(nullptr);
    EngineWorker* worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id, path] { worker->openCheckpoint(id, path); }, Qt::QueuedConnection);
    return id;
}

RequestId EngineHost::computeStats(const CheckpointPtr& checkpoint, std::size_t tensorIndex)
{
    cancel(m_lastStats);
    CancelToken token;
    const RequestId id = startRequest(&token);
    m_lastStats = id;
    EngineWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, id, checkpoint, tensorIndex, token] { worker->computeStats(id, checkpoint, tensorIndex, token); },
        Qt::QueuedConnection);
    return id;
}

RequestId EngineHost::diffCheckpoints(const CheckpointPtr& a, const CheckpointPtr& b)
{
    cancel(m_lastDiff);
    CancelToken token;
    const RequestId id = startRequest(&token);
    m_lastDiff = id;
    EngineWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, id, a, b, token] { worker->diffCheckpoints(id, a, b, token); }, Qt::QueuedConnection);
    return id;
}

RequestId EngineHost::queryBackendVersions()
{
    const RequestId id = startRequest(nullptr);
    EngineWorker* worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, id] { worker->queryBackendVersions(id); }, Qt::QueuedConnection);
    return id;
}

}  // namespace lathe
