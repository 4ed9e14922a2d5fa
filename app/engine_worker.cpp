// EngineWorker: runs engine requests on the "lathe-engine" thread and turns their results,
// progress and typed errors into queued signals.
#include "app/engine_worker.h"

#include "core/error.h"
#include "core/thread_pool.h"

#include <QFile>

#include <chrono>
#include <new>

namespace lathe {

EngineWorker::EngineWorker(unsigned threads, QObject* parent)
    : QObject(parent)
    , m_pool(std::make_unique<ThreadPool>(threads))
{
}

EngineWorker::~EngineWorker() = default;

unsigned EngineWorker::poolSize() const
{
    return m_pool->size();
}

void EngineWorker::runGuarded(RequestId id, const std::function<void()>& job)
{
    try {
        job();
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::Cancelled) {
            emit cancelled(id);
        } else {
            emit failed(id, QString::fromStdString(e.what()));
        }
    } catch (const std::bad_alloc&) {
        emit failed(id, tr("not enough memory for this request"));
    } catch (const std::exception& e) {
        emit failed(id, QString::fromStdString(e.what()));
    }
}

std::function<bool(double)> EngineWorker::progressCallback(RequestId id, const CancelToken& cancel)
{
    using Clock = std::chrono::steady_clock;
    // The engine calls this on the calling (engine) thread only, so the captured state needs
    // no lock; the token is the one value the GUI thread writes.
    auto lastEmit = std::make_shared<Clock::time_point>(Clock::now());
    return [this, id, cancel, lastEmit](double fraction) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            return false;
        }
        const auto now = Clock::now();
        if (now - *lastEmit >= std::chrono::milliseconds(kProgressIntervalMs)) {
            *lastEmit = now;
            emit progress(id, fraction);
        }
        return true;
    };
}

void EngineWorker::openCheckpoint(RequestId id, const QString& path)
{
    runGuarded(id, [&] {
        const std::filesystem::path fsPath(QFile::encodeName(path).toStdString());
        CheckpointPtr checkpoint = Checkpoint::open(fsPath);
        emit checkpointOpened(id, checkpoint);
    });
}

void EngineWorker::computeStats(RequestId id, const CheckpointPtr& checkpoint, quint64 tensorIndex,
                                const CancelToken& cancel)
{
    // A request superseded while it waited in the queue never starts.
    if (cancel && cancel->load()) {
        emit cancelled(id);
        return;
    }
    runGuarded(id, [&] {
        if (!checkpoint || tensorIndex >= checkpoint->tensors().size()) {
            throw Error(ErrorKind::InvalidInput, {}, "tensor", "no tensor with index " + std::to_string(tensorIndex));
        }
        const Checkpoint::Tensor& tensor = checkpoint->tensors()[tensorIndex];
        StatsOptions options;
        options.pool = m_pool.get();
        options.progress = progressCallback(id, cancel);
        const TensorStats stats = computeTensorStats(tensor.info->dtype, checkpoint->tensorBytes(tensor),
                                                     tensor.info->elementCount(), options);
        emit progress(id, 1.0);
        emit statsReady(id, stats);
    });
}

void EngineWorker::diffCheckpoints(RequestId id, const CheckpointPtr& a, const CheckpointPtr& b,
                                   const CancelToken& cancel)
{
    if (cancel && cancel->load()) {
        emit cancelled(id);
        return;
    }
    runGuarded(id, [&] {
        if (!a || !b) {
            throw Error(ErrorKind::InvalidInput, {}, "comparison", "both checkpoints must be open");
        }
        DiffOptions options;
        options.pool = m_pool.get();
        options.progress = progressCallback(id, cancel);
        auto diffs = std::make_shared<const std::vector<TensorDiff>>(lathe::diffCheckpoints(*a, *b, options));
        emit progress(id, 1.0);
        emit diffReady(id, diffs);
    });
}

void EngineWorker::queryBackendVersions(RequestId id)
{
    // backendVersions() never throws, but loading the GPU libraries can take a moment, which
    // is why it runs here and not on the GUI thread.
    runGuarded(id, [&] { emit backendVersionsReady(id, backendVersions()); });
}

}  // namespace lathe
