// The canonical writer: the layout the reference writer produces (checked against bytes
// written out by hand from the format's rules), sharding as huggingface_hub splits, and
// atomic replacement.
#include "core/error.h"
#include "io/checkpoint.h"
#include "io/safetensors_writer.h"
#include "test_files.h"

#include <QtTest>

#include <fstream>
#include <sstream>

using namespace lathe;

namespace {

std::string readAll(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::span<const std::byte> bytesOf(const std::string& s)
{
    return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

}  // namespace

class TestSafetensorsWriter : public QObject {
    Q_OBJECT
private slots:
    void canonicalLayout()
    {
        test::TempDir dir;
        const std::string f1 = "AAAA", f2 = "BBBB", u = "cd";
        const std::vector<TensorToWrite> tensors{
            {"b", DType::F32, {1}, bytesOf(f1)},
            {"a", DType::U8, {2}, bytesOf(u)},
            {"c", DType::F32, {1}, bytesOf(f2)},
        };
        writeSafetensors(dir / "x.safetensors", tensors, {{{"format", "pt"}}, true});
        std::string header =
            R"({"__metadata__":{"format":"pt"},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"c":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"a":{"dtype":"U8","shape":[2],"data_offsets":[8,10]}})";
        header.append((8 - header.size() % 8) % 8, ' ');
        QCOMPARE(readAll(dir / "x.safetensors"), test::safetensorsBytes(header, "AAAABBBBcd"));
    }

    void emptyFileIsSixteenBytes()
    {
        test::TempDir dir;
        writeSafetensors(dir / "e.safetensors", {});
        const std::string expected("\x08\0\0\0\0\0\0\0{}      ", 16);
        QCOMPARE(readAll(dir / "e.safetensors"), expected);
    }

    void roundTripThroughReader()
    {
        test::TempDir dir;
        const std::string big(6 * 2, '\x7f'), small(3, '\x01');
        const std::vector<TensorToWrite> tensors{{"model.w", DType::BF16, {2, 3}, bytesOf(big)}, {"model.mask", DType::Bool, {3}, bytesOf(small)}};
        writeSafetensors(dir / "r.safetensors", tensors, {{{"k", "v"}}, false});
        const auto checkpoint = Checkpoint::open(dir / "r.safetensors");
        QCOMPARE(checkpoint->tensors().size(), std::size_t(2));
        const auto* w = checkpoint->find("model.w");
        QVERIFY(w);
        QCOMPARE(w->info->shape, (std::vector<std::uint64_t>{2, 3}));
        QCOMPARE(w->info->begin % 2, std::uint64_t(0));
        QCOMPARE(checkpoint->shards()[0].header().dataStart() % 8, std::uint64_t(0));
        const auto data = checkpoint->tensorBytes(*w);
        QCOMPARE(std::string(reinterpret_cast<const char*>(data.data()), data.size()), big);
        QCOMPARE(checkpoint->metadata().size(), std::size_t(1));
    }

    void rejectsInconsistentTensors()
    {
        test::TempDir dir;
        const std::string three = "abc";
        QVERIFY_THROWS_EXCEPTION(Error, writeSafetensors(dir / "x.safetensors", std::vector<TensorToWrite>{{"a", DType::F16, {2}, bytesOf(three)}}));
        QVERIFY_THROWS_EXCEPTION(Error, writeSafetensors(dir / "x.safetensors",
                                                         std::vector<TensorToWrite>{{"a", DType::U8, {3}, bytesOf(three)}, {"a", DType::U8, {3}, bytesOf(three)}}));
        QVERIFY_THROWS_EXCEPTION(Error, writeSafetensors(dir / "x.safetensors", std::vector<TensorToWrite>{{"__metadata__", DType::U8, {3}, bytesOf(three)}}));
        QVERIFY(!std::filesystem::exists(dir / "x.safetensors"));
    }

    void atomicReplaceLeavesNoTemporaries()
    {
        test::TempDir dir;
        test::writeBytes(dir / "x.safetensors", "old contents");
        const std::string data = "zz";
        writeSafetensors(dir / "x.safetensors", std::vector<TensorToWrite>{{"a", DType::U8, {2}, bytesOf(data)}});
        int files = 0;
        for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
            ++files;
        }
        QCOMPARE(files, 1);
        QVERIFY(Checkpoint::open(dir / "x.safetensors")->find("a") != nullptr);
        try {
            writeSafetensors(dir / "missing-folder" / "x.safetensors", std::vector<TensorToWrite>{{"a", DType::U8, {2}, bytesOf(data)}});
            QFAIL("wrote into a folder that does not exist");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Io);
        }
    }

    void shardingFollowsTheReferenceSplit()
    {
        // Sizes 40, 30, 50, 10, 20 with a limit of 45, as split_state_dict_into_shards does it:
        // [40]; 30 would overflow, so [40] closes and [30] opens; 50 is over the limit and goes
        // alone, listed when seen; 10 joins the open [30]; 20 would overflow [30, 10] -> [20].
        test::TempDir dir;
        const std::string s40(40, 'a'), s30(30, 'b'), s50(50, 'c'), s10(10, 'd'), s20(20, 'e');
        const std::vector<TensorToWrite> tensors{{"t1", DType::U8, {40}, bytesOf(s40)}, {"t2", DType::U8, {30}, bytesOf(s30)},
                                                 {"t3", DType::U8, {50}, bytesOf(s50)}, {"t4", DType::U8, {10}, bytesOf(s10)},
                                                 {"t5", DType::U8, {20}, bytesOf(s20)}};
        ShardedWriteOptions options;
        options.maxShardBytes = 45;
        const auto written = writeSafetensorsSharded(dir.path(), tensors, options);
        QCOMPARE(written.size(), std::size_t(5));
        QCOMPARE(written.back().filename().string(), std::string("model.safetensors.index.json"));
        const auto index = nlohmann::json::parse(readAll(written.back()));
        QCOMPARE(index["metadata"]["total_size"].get<int>(), 150);
        QCOMPARE(index["weight_map"]["t1"].get<std::string>(), std::string("model-00001-of-00004.safetensors"));
        QCOMPARE(index["weight_map"]["t3"].get<std::string>(), std::string("model-00002-of-00004.safetensors"));
        QCOMPARE(index["weight_map"]["t2"].get<std::string>(), std::string("model-00003-of-00004.safetensors"));
        QCOMPARE(index["weight_map"]["t4"].get<std::string>(), std::string("model-00003-of-00004.safetensors"));
        QCOMPARE(index["weight_map"]["t5"].get<std::string>(), std::string("model-00004-of-00004.safetensors"));
        const auto checkpoint = Checkpoint::open(dir.path());
        QCOMPARE(checkpoint->shards().size(), std::size_t(4));
        QCOMPARE(checkpoint->totalBytes(), std::uint64_t(150));
        QCOMPARE(checkpoint->metadata().at(0), (std::pair<std::string, std::string>("format", "pt")));
    }

    void singleShardHasNoIndex()
    {
        test::TempDir dir;
        const std::string data = "abcd";
        const auto written = writeSafetensorsSharded(dir.path(), std::vector<TensorToWrite>{{"w", DType::U8, {4}, bytesOf(data)}});
        QCOMPARE(written.size(), std::size_t(1));
        QCOMPARE(written[0].filename().string(), std::string("model.safetensors"));
        QVERIFY(!std::filesystem::exists(dir / "model.safetensors.index.json"));
    }
};

QTEST_APPLESS_MAIN(TestSafetensorsWriter)
#include "test_safetensors_writer.moc"
