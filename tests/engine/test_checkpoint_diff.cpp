// Checkpoint comparison: statuses, and max |Δ| / relative Frobenius norm worked out by hand.
#include "core/dtype.h"
#include "core/error.h"
#include "core/thread_pool.h"
#include "inspect/checkpoint_diff.h"
#include "io/checkpoint.h"
#include "io/safetensors_writer.h"
#include "test_files.h"

#include <QtTest>

#include <cmath>
#include <cstring>

using namespace lathe;

namespace {

std::string floats(const std::vector<float>& v)
{
    return test::floatsAsBytes(v);
}

std::span<const std::byte> bytesOf(const std::string& s)
{
    return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

const TensorDiff& byName(const std::vector<TensorDiff>& diffs, const std::string& name)
{
    for (const TensorDiff& d : diffs) {
        if (d.name == name) {
            return d;
        }
    }
    throw std::runtime_error("no diff for " + name);
}

}  // namespace

class TestCheckpointDiff : public QObject {
    Q_OBJECT
private slots:
    void statusesAndNorms()
    {
        test::TempDir dir;
        const std::string same = floats({1, 2, 3});
        const std::string baseW = floats({3, 0, 4, 0});     // ||a|| = 5
        const std::string tunedW = floats({3, 1, 4, -2});   // Δ = (0, 1, 0, -2): max 2, ||Δ|| = √5
        const std::string gone = floats({1});
        const std::string shapeA = floats({1, 2, 3, 4});
        const std::string shapeB = floats({1, 2, 3, 4});
        const std::string newOne = floats({9});
        std::uint16_t bf[3] = {f32ToBf16(1.0f), f32ToBf16(2.0f), f32ToBf16(3.5f)};
        const std::string castB(reinterpret_cast<const char*>(bf), 6);  // 1, 2, 3 -> 1, 2, 3.5 in bf16

        writeSafetensors(dir / "a.safetensors", std::vector<TensorToWrite>{
                                                     {"same", DType::F32, {3}, bytesOf(same)},
                                                     {"w", DType::F32, {2, 2}, bytesOf(baseW)},
                                                     {"gone", DType::F32, {1}, bytesOf(gone)},
                                                     {"reshaped", DType::F32, {4}, bytesOf(shapeA)},
                                                     {"cast", DType::F32, {3}, bytesOf(same)},
                                                 });
        writeSafetensors(dir / "b.safetensors", std::vector<TensorToWrite>{
                                                     {"same", DType::F32, {3}, bytesOf(same)},
                                                     {"w", DType::F32, {2, 2}, bytesOf(tunedW)},
                                                     {"reshaped", DType::F32, {2, 2}, bytesOf(shapeB)},
                                                     {"cast", DType::BF16, {3}, bytesOf(castB)},
                                                     {"new", DType::F32, {1}, bytesOf(newOne)},
                                                 });
        const auto a = Checkpoint::open(dir / "a.safetensors");
        const auto b = Checkpoint::open(dir / "b.safetensors");
        ThreadPool pool(2);
        DiffOptions options;
        options.pool = &pool;
        const auto diffs = diffCheckpoints(*a, *b, options);
        QCOMPARE(diffs.size(), std::size_t(6));
        QCOMPARE(byName(diffs, "same").status, TensorDiffStatus::Identical);
        QCOMPARE(byName(diffs, "same").maxAbsDiff, 0.0);
        const TensorDiff& w = byName(diffs, "w");
        QCOMPARE(w.status, TensorDiffStatus::Changed);
        QCOMPARE(w.maxAbsDiff, 2.0);
        QVERIFY(std::abs(w.relativeFrobenius - std::sqrt(5.0) / 5.0) < 1e-15);
        QCOMPARE(byName(diffs, "gone").status, TensorDiffStatus::Removed);
        QCOMPARE(byName(diffs, "new").status, TensorDiffStatus::Added);
        QCOMPARE(diffs.back().name, std::string("new"));  // only-in-b tensors come last
        QCOMPARE(byName(diffs, "reshaped").status, TensorDiffStatus::ShapeChanged);
        QVERIFY(std::isnan(byName(diffs, "reshaped").maxAbsDiff));
        const TensorDiff& cast = byName(diffs, "cast");
        QCOMPARE(cast.status, TensorDiffStatus::Changed);
        QCOMPARE(cast.dtypeA, DType::F32);
        QCOMPARE(cast.dtypeB, DType::BF16);
        QCOMPARE(cast.maxAbsDiff, 0.5);
        QVERIFY(std::abs(cast.relativeFrobenius - 0.5 / std::sqrt(14.0)) < 1e-15);
    }

    void cancellable()
    {
        test::TempDir dir;
        const std::string data = floats(std::vector<float>(1u << 21, 1.0f));
        writeSafetensors(dir / "a.safetensors", std::vector<TensorToWrite>{{"w", DType::F32, {1u << 21}, bytesOf(data)}});
        const auto a = Checkpoint::open(dir / "a.safetensors");
        DiffOptions options;
        options.progress = [](double) { return false; };
        QVERIFY_THROWS_EXCEPTION(Error, diffCheckpoints(*a, *a, options));
    }
};

QTEST_APPLESS_MAIN(TestCheckpointDiff)
#include "test_checkpoint_diff.moc"
