// EngineWorker: the engine side of the one Qt<->engine boundary. It lives on the QThread named
// "lathe-engine" (EngineHost moves it there) and runs one request at a time. Every slot here
// is called only on that thread, through queued calls; every signal is emitted on that thread
// and reaches the GUI through queued connections carrying values (see engine_values.h).
#pragma once

#include "app/engine_values.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace lathe {

class ThreadPool;

class EngineWorker : public QObject {
    Q_OBJECT

public:
    // threads: size of the data-parallel pool (0: LATHE_THREADS or the hardware concurrency).
    // The pool is created here but only ever run() from the engine thread, one job at a time.
    explicit EngineWorker(unsigned threads = 0, QObject* parent = nullptr);
    ~EngineWorker() override;

    unsigned poolSize() const;

public slots:
    // Requests, invoked through queued calls. Each ends in exactly one of: its result signal, failed() or cancelled().
    void openCheckpoint(RequestId id, const QString& path);
    void computeStats(RequestId id, const CheckpointPtr& checkpoint, quint64 tensorIndex, const CancelToken& cancel);
    void diffCheckpoints(RequestId id, const CheckpointPtr& a, const CheckpointPtr& b, const CancelToken& cancel);
    void queryBackendVersions(RequestId id);

signals:
    void checkpointOpened(lathe::RequestId id, const lathe::CheckpointPtr& checkpoint);
    void statsReady(lathe::RequestId id, const lathe::TensorStats& stats);
    void diffReady(lathe::RequestId id, const lathe::TensorDiffsPtr& diffs);
    void backendVersionsReady(lathe::RequestId id, const lathe::BackendVersions& versions);
    // Fraction done (0..1), at most every kProgressIntervalMs per request.
    void progress(lathe::RequestId id, double fraction);
    // The engine's message (lathe::Error::what(): "FILE: FIELD: REASON").
    void failed(lathe::RequestId id, const QString& message);
    void cancelled(lathe::RequestId id);

public:
    static constexpr int kProgressIntervalMs = 50;

private:
    // Runs `job`, turning engine errors into failed()/cancelled() for request `id`.
    void runGuarded(RequestId id, const std::function<void()>& job);
    // A progress callback for the engine: throttles progress() and answers the cancel token.
    std::function<bool(double)> progressCallback(RequestId id, const CancelToken& cancel);

    std::unique_ptr<ThreadPool> m_pool;
};

}  // namespace lathe
