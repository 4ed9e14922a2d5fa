// EngineHost: the GUI-thread face of the Qt<->engine boundary. It owns the "lathe-engine"
// QThread and the EngineWorker on it, hands out request ids, keeps a cancel token per request
// and re-emits the worker's results on the GUI thread. Pages talk only to this object.
// Threads: every member function is called on the GUI thread and every signal is emitted on
// it; the worker runs on "lathe-engine"; nothing here ever waits for engine work (the
// destructor excepted, which cancels what is running first).
#pragma once

#include "app/engine_values.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <unordered_map>

namespace lathe {

class EngineWorker;

class EngineHost : public QObject {
    Q_OBJECT

public:
    // threads: the engine's data-parallel pool size (0: LATHE_THREADS or all cores).
    explicit EngineHost(unsigned threads = 0, QObject* parent = nullptr);
    ~EngineHost() override;
    EngineHost(const EngineHost&) = delete;
    EngineHost& operator=(const EngineHost&) = delete;

    RequestId openCheckpoint(const QString& path);
    // Cancels the previous statistics request (results for it may still arrive as cancelled).
    RequestId computeStats(const CheckpointPtr& checkpoint, std::size_t tensorIndex);
    // Cancels the previous comparison.
    RequestId diffCheckpoints(const CheckpointPtr& a, const CheckpointPtr& b);
    RequestId queryBackendVersions();

    // Asks a running or queued request to stop; it then ends with cancelled() (or with its
    // result, when it finished first). Unknown or finished ids are ignored.
    void cancel(RequestId id);
    bool isPending(RequestId id) const { return m_pending.count(id) != 0; }

    unsigned threadCount() const { return m_threadCount; }
    const QThread& engineThread() const { return m_thread; }

signals:
    void checkpointOpened(lathe::RequestId id, const lathe::CheckpointPtr& checkpoint);
    void statsReady(lathe::RequestId id, const lathe::TensorStats& stats);
    void diffReady(lathe::RequestId id, const lathe::TensorDiffsPtr& diffs);
    void backendVersionsReady(lathe::RequestId id, const lathe::BackendVersions& versions);
    void progress(lathe::RequestId id, double fraction);
    void failed(lathe::RequestId id, const QString& message);
    void cancelled(lathe::RequestId id);

private:
    RequestId startRequest(CancelToken* tokenOut);
    void finishRequest(RequestId id);

    QThread m_thread;
    EngineWorker* m_worker = nullptr;  // lives on m_thread; deleted after it stops
    unsigned m_threadCount = 0;
    RequestId m_nextId = 1;
    RequestId m_lastStats = 0;
    RequestId m_lastDiff = 0;
    std::unordered_map<RequestId, CancelToken> m_pending;  // GUI thread only
};

}  // namespace lathe
