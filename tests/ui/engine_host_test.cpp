// Proves the Qt<->engine boundary: requests come back as queued signals on the GUI thread
// with the request's id; the worker runs on the thread named "lathe-engine"; engine errors
// become failed() with the engine's message; Cancelled becomes cancelled(), not a failure; a
// new statistics request cancels the one before it.
#include "app/engine_host.h"
#include "app/engine_worker.h"
#include "tests/ui/test_checkpoints.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <chrono>
#include <thread>

using namespace lathe;

class EngineHostTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void opensOnTheEngineThread();
    void reportsOpenErrorsAsFailed();
    void computesStatistics();
    void comparesCheckpoints();
    void newStatsRequestCancelsThePrevious();
    void workerReportsCancelledNotFailed();
    void queriesBackendVersions();

private:
    CheckpointPtr openSync(EngineHost& host, const QString& path);

    QTemporaryDir m_dir;
    QString m_small;
    QString m_large;
    QString m_other;
};

void EngineHostTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_small = m_dir.filePath(QStringLiteral("small.safetensors"));
    test::writeCheckpoint(m_small, {test::TestTensor{"w", DType::F32, {2, 3}, {-2.5f, 0.0f, 1.0f, 2.0f, 3.0f, 7.0f}},
                                    test::rampTensor("b", DType::BF16, {4}, 1.0f, 1.0f)});
    m_other = m_dir.filePath(QStringLiteral("other.safetensors"));
    test::writeCheckpoint(m_other, {test::TestTensor{"w", DType::F32, {2, 3}, {-2.5f, 0.5f, 1.0f, 2.0f, 3.0f, 7.0f}},
                                    test::rampTensor("c", DType::F32, {2}, 0.0f, 1.0f)});
    // Big enough that statistics take many chunks (and so many chances to see a cancel).
    m_large = m_dir.filePath(QStringLiteral("large.safetensors"));
    test::writeCheckpoint(m_large, {test::rampTensor("big", DType::F32, {4096, 1024}, -1.0f, 1e-6f),
                                    test::rampTensor("small", DType::F32, {4}, 0.0f, 1.0f)});
}

CheckpointPtr EngineHostTest::openSync(EngineHost& host, const QString& path)
{
    QSignalSpy opened(&host, &EngineHost::checkpointOpened);
    const RequestId id = host.openCheckpoint(path);
    if (!opened.wait(10000)) {
        return nullptr;
    }
    if (opened.first().at(0).value<RequestId>() != id) {
        return nullptr;
    }
    return opened.first().at(1).value<CheckpointPtr>();
}

void EngineHostTest::opensOnTheEngineThread()
{
    EngineHost host(2);
    QCOMPARE(host.engineThread().objectName(), QStringLiteral("lathe-engine"));
    QVERIFY(host.engineThread().isRunning());
    QCOMPARE(host.threadCount(), 2u);

    QThread* signalThread = nullptr;
    connect(&host, &EngineHost::checkpointOpened, this, [&] { signalThread = QThread::currentThread(); });
    const CheckpointPtr checkpoint = openSync(host, m_small);
    QVERIFY(checkpoint);
    QCOMPARE(checkpoint->tensors().size(), std::size_t(2));
    QCOMPARE(signalThread, QThread::currentThread());  // delivered on the GUI (test) thread
}

void EngineHostTest::reportsOpenErrorsAsFailed()
{
    EngineHost host(1);
    const QString bad = m_dir.filePath(QStringLiteral("bad.safetensors"));
    test::writeRawFile(bad, std::string("\x10\x00\x00\x00\x00\x00\x00\x00{\"a\":", 13));
    QSignalSpy failed(&host, &EngineHost::failed);
    QSignalSpy opened(&host, &EngineHost::checkpointOpened);
    const RequestId id = host.openCheckpoint(bad);
    QVERIFY(host.isPending(id));
    QVERIFY(failed.wait(10000));
    QCOMPARE(opened.count(), 0);
    QCOMPARE(failed.first().at(0).value<RequestId>(), id);
    const QString message = failed.first().at(1).toString();
    QVERIFY2(message.startsWith(QStringLiteral("bad.safetensors: ")), qPrintable(message));
    QVERIFY(!host.isPending(id));

    QSignalSpy failedMissing(&host, &EngineHost::failed);
    host.openCheckpoint(m_dir.filePath(QStringLiteral("missing.safetensors")));
    QVERIFY(failedMissing.wait(10000));
    QVERIFY(failedMissing.first().at(1).toString().contains(QStringLiteral("no such file or folder")));
}

void EngineHostTest::computesStatistics()
{
    EngineHost host(2);
    const CheckpointPtr checkpoint = openSync(host, m_small);
    QVERIFY(checkpoint);
    const Checkpoint::Tensor* w = checkpoint->find("w");
    QVERIFY(w != nullptr);
    QSignalSpy ready(&host, &EngineHost::statsReady);
    const RequestId id = host.computeStats(checkpoint, std::size_t(w - checkpoint->tensors().data()));
    QVERIFY(ready.wait(10000));
    QCOMPARE(ready.first().at(0).value<RequestId>(), id);
    const TensorStats stats = ready.first().at(1).value<TensorStats>();
    QCOMPARE(stats.count, quint64(6));
    QCOMPARE(stats.min, -2.5);
    QCOMPARE(stats.max, 7.0);
    QCOMPARE(stats.zeroCount, quint64(1));
    QCOMPARE(stats.histogram.counts.size(), std::size_t(100));
}

void EngineHostTest::comparesCheckpoints()
{
    EngineHost host(2);
    const CheckpointPtr a = openSync(host, m_small);
    const CheckpointPtr b = openSync(host, m_other);
    QVERIFY(a && b);
    QSignalSpy ready(&host, &EngineHost::diffReady);
    const RequestId id = host.diffCheckpoints(a, b);
    QVERIFY(ready.wait(10000));
    QCOMPARE(ready.first().at(0).value<RequestId>(), id);
    const TensorDiffsPtr diffs = ready.first().at(1).value<TensorDiffsPtr>();
    QVERIFY(diffs);
    QCOMPARE(diffs->size(), std::size_t(3));  // w changed, b removed, c added
    QCOMPARE(diffs->at(0).name, std::string("w"));
    QCOMPARE(diffs->at(0).status, TensorDiffStatus::Changed);
    QCOMPARE(diffs->at(0).maxAbsDiff, 0.5);
}

void EngineHostTest::newStatsRequestCancelsThePrevious()
{
    EngineHost host(2);
    const CheckpointPtr checkpoint = openSync(host, m_large);
    QVERIFY(checkpoint);
    QSignalSpy ready(&host, &EngineHost::statsReady);
    QSignalSpy cancelled(&host, &EngineHost::cancelled);
    QSignalSpy failed(&host, &EngineHost::failed);
    const std::size_t big = std::size_t(checkpoint->find("big") - checkpoint->tensors().data());
    const std::size_t small = std::size_t(checkpoint->find("small") - checkpoint->tensors().data());
    const RequestId first = host.computeStats(checkpoint, big);
    const RequestId second = host.computeStats(checkpoint, small);
    QTRY_VERIFY_WITH_TIMEOUT(!host.isPending(first) && !host.isPending(second), 20000);
    QCOMPARE(failed.count(), 0);
    // The second always completes; the first was cancelled (unless it won the race outright).
    bool secondDone = false;
    for (const auto& args : ready) {
        secondDone = secondDone || args.at(0).value<RequestId>() == second;
    }
    QVERIFY(secondDone);
    QCOMPARE(ready.count() + cancelled.count(), 2);
    for (const auto& args : cancelled) {
        QCOMPARE(args.at(0).value<RequestId>(), first);
    }
}

void EngineHostTest::workerReportsCancelledNotFailed()
{
    // Driven directly on this thread, so the order of events is exact.
    EngineWorker worker(1);
    const CheckpointPtr checkpoint = Checkpoint::open(std::filesystem::path(QFile::encodeName(m_large).toStdString()));
    const std::size_t big = std::size_t(checkpoint->find("big") - checkpoint->tensors().data());
    QSignalSpy cancelled(&worker, &EngineWorker::cancelled);
    QSignalSpy failed(&worker, &EngineWorker::failed);
    QSignalSpy ready(&worker, &EngineWorker::statsReady);

    // Cancelled while queued: never starts.
    auto token = std::make_shared<std::atomic<bool>>(true);
    worker.computeStats(7, checkpoint, big, token);
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(cancelled.first().at(0).value<RequestId>(), RequestId(7));

    // Cancelled while running: the engine's Cancelled error is reported as cancelled().
    auto running = std::make_shared<std::atomic<bool>>(false);
    std::thread flip([running] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        running->store(true);
    });
    worker.computeStats(8, checkpoint, big, running);
    flip.join();
    QCOMPARE(failed.count(), 0);
    QCOMPARE(cancelled.count() + ready.count(), 2);  // cancelled unless it beat the 5 ms

    // Out-of-range tensor: a failure with a message, not a crash.
    worker.computeStats(9, checkpoint, 99, std::make_shared<std::atomic<bool>>(false));
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("no tensor with index 99")));
}

void EngineHostTest::queriesBackendVersions()
{
    EngineHost host(1);
    QSignalSpy ready(&host, &EngineHost::backendVersionsReady);
    const RequestId id = host.queryBackendVersions();
    QVERIFY(ready.wait(30000));
    QCOMPARE(ready.first().at(0).value<RequestId>(), id);
}

QTEST_MAIN(EngineHostTest)
#include "engine_host_test.moc"
