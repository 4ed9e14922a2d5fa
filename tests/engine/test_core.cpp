// Core services: thread pool (all tasks run once, errors propagate), byte sizes, errors,
// memory-mapped files.
#include "core/byte_size.h"
#include "core/error.h"
#include "core/mapped_file.h"
#include "core/thread_pool.h"
#include "test_files.h"

#include <QtTest>

#include <atomic>

using namespace lathe;

class TestCore : public QObject {
    Q_OBJECT
private slots:
    void threadPoolRunsEveryTaskOnce()
    {
        ThreadPool pool(3);
        QCOMPARE(pool.size(), 3u);
        for (int round = 0; round < 50; ++round) {
            std::vector<std::atomic<int>> hits(257);
            pool.run(hits.size(), [&](std::size_t task, unsigned worker) {
                QVERIFY(worker < 3);
                ++hits[task];
            });
            for (auto& h : hits) {
                QCOMPARE(h.load(), 1);
            }
        }
    }

    void threadPoolPropagatesErrors()
    {
        ThreadPool pool(2);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, pool.run(100, [](std::size_t task, unsigned) {
            if (task == 17) {
                throw std::runtime_error("task 17");
            }
        }));
        std::atomic<int> count{0};
        pool.run(10, [&](std::size_t, unsigned) { ++count; });  // still usable
        QCOMPARE(count.load(), 10);
    }

    void byteSizes()
    {
        QCOMPARE(parseByteSize("5GB", "x"), std::uint64_t(5'000'000'000));
        QCOMPARE(parseByteSize("2GiB", "x"), std::uint64_t(2ull << 30));
        QCOMPARE(parseByteSize("500MB", "x"), std::uint64_t(500'000'000));
        QCOMPARE(parseByteSize("1.5KiB", "x"), std::uint64_t(1536));
        QCOMPARE(parseByteSize("123", "x"), std::uint64_t(123));
        QCOMPARE(parseByteSize("10mb", "x"), std::uint64_t(10'000'000));
        QVERIFY_THROWS_EXCEPTION(Error, parseByteSize("GB", "x"));
        QVERIFY_THROWS_EXCEPTION(Error, parseByteSize("5XB", "x"));
        QVERIFY_THROWS_EXCEPTION(Error, parseByteSize("-5", "x"));
        QCOMPARE(formatByteSize(512), std::string("512 B"));
        QCOMPARE(formatByteSize(1536), std::string("1.50 KiB"));
        QCOMPARE(formatByteSize(5ull << 30), std::string("5.00 GiB"));
    }

    void errorMessages()
    {
        const Error e(ErrorKind::InvalidInput, "model.safetensors", "tensor \"x\"", "bad");
        QCOMPARE(QString(e.what()), QString("model.safetensors: tensor \"x\": bad"));
        QCOMPARE(e.exitCode(), 2);
        QCOMPARE(Error(ErrorKind::Io, "f", "", "gone").exitCode(), 1);
        QCOMPARE(QString(Error(ErrorKind::Io, "", "", "gone").what()), QString("gone"));
    }

    void mappedFile()
    {
        test::TempDir dir;
        test::writeBytes(dir / "f.bin", "hello");
        const MappedFile file = MappedFile::open(dir / "f.bin");
        QCOMPARE(file.size(), std::uint64_t(5));
        QCOMPARE(std::memcmp(file.data(), "hello", 5), 0);
        file.adviseSequential(0, 5);
        test::writeBytes(dir / "empty.bin", "");
        QCOMPARE(MappedFile::open(dir / "empty.bin").size(), std::uint64_t(0));
        QVERIFY_THROWS_EXCEPTION(Error, MappedFile::open(dir / "missing.bin"));
        QVERIFY_THROWS_EXCEPTION(Error, MappedFile::open(dir.path()));  // a folder
    }
};

QTEST_APPLESS_MAIN(TestCore)
#include "test_core.moc"
