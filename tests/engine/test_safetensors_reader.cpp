// The safetensors reader as a security boundary: every rule of the reference reader, plus
// duplicate keys and index checks, gives an error naming the file, the tensor or field and
// the rule; valid edge cases (scalars, empty tensors, padding, unknown fields) are accepted.
#include "core/error.h"
#include "io/checkpoint.h"
#include "io/safetensors_file.h"
#include "test_files.h"

#include <QtTest>

using namespace lathe;
using lathe::test::safetensorsBytes;

namespace {

// Parses bytes in memory as a file of that size.
SafetensorsHeader parseBytes(const std::string& bytes)
{
    return parseSafetensorsHeader({reinterpret_cast<const std::byte*>(bytes.data()), bytes.size()}, bytes.size(), "bad.safetensors");
}

}  // namespace

class TestSafetensorsReader : public QObject {
    Q_OBJECT
private slots:
    void validFile()
    {
        const std::string header = R"({"__metadata__":{"format":"pt","note":"ü"},"b":{"dtype":"F16","shape":[2],"data_offsets":[8,12]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
        const SafetensorsHeader h = parseBytes(safetensorsBytes(header, std::string(12, '\0')));
        QCOMPARE(h.headerBytes, std::uint64_t(header.size()));
        QVERIFY(h.hasMetadata);
        QCOMPARE(h.metadata.size(), std::size_t(2));
        QCOMPARE(h.metadata[1].second, std::string("ü"));
        QCOMPARE(h.tensors.size(), std::size_t(2));
        QCOMPARE(h.tensors[0].name, std::string("b"));  // header order kept
        QCOMPARE(h.tensors[0].dtype, DType::F16);
        QCOMPARE(h.tensors[0].begin, std::uint64_t(8));
        QCOMPARE(h.dataBytes, std::uint64_t(12));
    }

    void validEdgeCases()
    {
        // Scalar (1 element), empty tensors sharing an offset, whitespace before and after, an
        // unknown field inside a tensor (ignored, as serde does), an empty header.
        const std::string header =
            "  {\"s\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8],\"extra\":{\"x\":[1,2,{\"y\":null}]}},"
            "\"e1\":{\"dtype\":\"F32\",\"shape\":[0,4],\"data_offsets\":[8,8]},\"e2\":{\"dtype\":\"BF16\",\"shape\":[3,0],\"data_offsets\":[8,8]},"
            "\"f4\":{\"dtype\":\"F4\",\"shape\":[2,3],\"data_offsets\":[8,11]}}   ";
        const SafetensorsHeader h = parseBytes(safetensorsBytes(header, std::string(11, '\x11')));
        QCOMPARE(h.tensors.size(), std::size_t(4));
        QCOMPARE(h.tensors[0].elementCount(), std::uint64_t(1));
        QCOMPARE(h.tensors[1].elementCount(), std::uint64_t(0));
        QVERIFY(!h.hasMetadata);
        const SafetensorsHeader empty = parseBytes(safetensorsBytes("{}      ", ""));
        QCOMPARE(empty.tensors.size(), std::size_t(0));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");  // a fragment of the message naming the rule
        auto st = [](const std::string& header, const std::string& data, std::int64_t n = -1) {
            const std::string b = safetensorsBytes(header, data, n);
            return QByteArray(b.data(), qsizetype(b.size()));
        };
        const std::string one = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
        QTest::newRow("shorter than 8 bytes") << QByteArray("\x05\0\0", 3) << "starts with an 8-byte header length";
        QTest::newRow("header over the limit") << st("{}", "", 100'000'001) << "exceeds the limit of 100000000";
        QTest::newRow("header past end of file") << st(one, "", 4096) << "truncated";
        QTest::newRow("data truncated") << st(one, std::string(4, '\0')) << "tensors need 8 bytes of data but the file holds only 4";
        QTest::newRow("trailing bytes") << st(one, std::string(9, '\0')) << "1 bytes after the last tensor";
        QTest::newRow("not json") << st("{\"a\":", std::string(8, '\0')) << "not valid JSON";
        QTest::newRow("invalid utf-8") << st("{\"\xff\":{}}", "") << "not valid JSON";
        QTest::newRow("array header") << st("[]", "") << "must be a JSON object";
        QTest::newRow("hole") << st(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", std::string(8, '\0')) << "hole of 4 bytes";
        QTest::newRow("overlap") << st(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", std::string(8, '\0')) << "overlap";
        QTest::newRow("end before begin") << st(R"({"a":{"dtype":"U8","shape":[0],"data_offsets":[4,0]}})", std::string(4, '\0')) << "end before they begin";
        QTest::newRow("shape x dtype != length") << st(R"({"a":{"dtype":"F16","shape":[2,4],"data_offsets":[0,12]}})", std::string(12, '\0')) << "needs 16 bytes";
        QTest::newRow("element count overflow") << st(R"({"a":{"dtype":"U8","shape":[4294967296,4294967296],"data_offsets":[0,0]}})", "") << "more elements than fit";
        QTest::newRow("bit count overflow") << st(R"({"a":{"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,0]}})", "") << "more bits than fit";
        QTest::newRow("misaligned F4") << st(R"({"a":{"dtype":"F4","shape":[3],"data_offsets":[0,1]}})", std::string(1, '\0')) << "not a whole number of bytes";
        QTest::newRow("unknown dtype") << st(R"({"a":{"dtype":"F7","shape":[1],"data_offsets":[0,1]}})", std::string(1, '\0')) << "unknown dtype \"F7\"";
        QTest::newRow("negative offset") << st(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[-1,0]}})", "") << "negative number";
        QTest::newRow("float shape") << st(R"({"a":{"dtype":"U8","shape":[1.5],"data_offsets":[0,1]}})", std::string(1, '\0')) << "not a non-negative 64-bit integer";
        QTest::newRow("huge number") << st(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,18446744073709551616]}})", "") << "parsing a number";
        QTest::newRow("three offsets") << st(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1,2]}})", std::string(1, '\0')) << "exactly 2 integers";
        QTest::newRow("missing shape") << st(R"({"a":{"dtype":"U8","data_offsets":[0,1]}})", std::string(1, '\0')) << "missing field \"shape\"";
        QTest::newRow("string dtype wrong type") << st(R"({"a":{"dtype":3,"shape":[1],"data_offsets":[0,1]}})", std::string(1, '\0')) << "wrong type";
        QTest::newRow("non-string metadata") << st(R"({"__metadata__":{"step":3},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}})", std::string(1, '\0')) << "metadata values must be strings";
        QTest::newRow("nested metadata") << st(R"({"__metadata__":{"k":{"x":"y"}}})", "") << "__metadata__";
        QTest::newRow("metadata not object") << st(R"({"__metadata__":"x"})", "") << "must be an object";
        QTest::newRow("duplicate tensor") << st(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}})", std::string(2, '\0')) << "duplicate key \"a\"";
        QTest::newRow("duplicate metadata") << st(R"({"__metadata__":{},"__metadata__":{}})", "") << "duplicate key \"__metadata__\"";
        QTest::newRow("duplicate metadata key") << st(R"({"__metadata__":{"k":"1","k":"2"}})", "") << "duplicate key \"k\"";
        QTest::newRow("duplicate field") << st(R"({"a":{"dtype":"U8","dtype":"I8","shape":[1],"data_offsets":[0,1]}})", std::string(1, '\0')) << "duplicate field \"dtype\"";
        QTest::newRow("trailing garbage in header") << st(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}x)", std::string(1, '\0')) << "not valid JSON";
        QTest::newRow("nul padding") << st(std::string("{}") + std::string(6, '\0'), "") << "not valid JSON";
    }

    void rejects()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        try {
            parseBytes(std::string(bytes.constData(), std::size_t(bytes.size())));
            QFAIL("accepted a bad file");
        } catch (const Error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith("bad.safetensors: "), qPrintable(message));
            QVERIFY2(message.contains(expected), qPrintable(message));
            QCOMPARE(e.kind(), ErrorKind::InvalidInput);
            QCOMPARE(e.exitCode(), 2);
        }
    }

    void errorNamesTheTensor()
    {
        const std::string b = safetensorsBytes(R"({"lm_head.weight":{"dtype":"F16","shape":[2,4],"data_offsets":[0,12]}})", std::string(12, '\0'));
        try {
            parseBytes(b);
            QFAIL("accepted");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QString("bad.safetensors: tensor \"lm_head.weight\": data_offsets [0, 12] but shape [2, 4] × F16 needs 16 bytes"));
            QCOMPARE(QString::fromStdString(e.field()), QString("tensor \"lm_head.weight\""));
        }
    }

    void truncationAtEveryLength()
    {
        // Every prefix of a valid file is rejected cleanly (no crash, no out-of-bounds read).
        const std::string full = safetensorsBytes(R"({"__metadata__":{"a":"b"},"x":{"dtype":"BF16","shape":[3],"data_offsets":[0,6]}})", "abcdef");
        parseBytes(full);
        for (std::size_t n = 0; n < full.size(); ++n) {
            const std::string prefix = full.substr(0, n);
            QVERIFY_THROWS_EXCEPTION(Error, parseBytes(prefix));
        }
    }

    void checkpointFolderAndIndex()
    {
        test::TempDir dir;
        const std::string a = safetensorsBytes(R"({"w.a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}})", "ab");
        const std::string b = safetensorsBytes(R"({"w.b":{"dtype":"U8","shape":[3],"data_offsets":[0,3]}})", "cde");
        test::writeBytes(dir / "model-00001-of-00002.safetensors", a);
        test::writeBytes(dir / "model-00002-of-00002.safetensors", b);
        test::writeBytes(dir / "model.safetensors.index.json",
                         R"({"metadata":{"total_size":5},"weight_map":{"w.b":"model-00002-of-00002.safetensors","w.a":"model-00001-of-00002.safetensors"}})");
        for (const auto& path : {dir.path(), dir / "model.safetensors.index.json"}) {
            const auto checkpoint = Checkpoint::open(path);
            QCOMPARE(checkpoint->shards().size(), std::size_t(2));
            QCOMPARE(checkpoint->tensors().size(), std::size_t(2));
            QCOMPARE(checkpoint->tensors()[0].info->name, std::string("w.a"));  // sorted shard order
            QCOMPARE(checkpoint->totalParameters(), std::uint64_t(5));
            QVERIFY(checkpoint->indexMetadata().has_value());
            QCOMPARE((*checkpoint->indexMetadata())["total_size"].get<int>(), 5);
            const auto bytes = checkpoint->tensorBytes(*checkpoint->find("w.b"));
            QCOMPARE(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()), std::string("cde"));
        }
    }

    void indexErrors_data()
    {
        QTest::addColumn<QString>("index");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing shard") << R"({"weight_map":{"w.a":"model-00001-of-00002.safetensors","w.b":"gone.safetensors"}})" << "names shard \"gone.safetensors\", which does not exist";
        QTest::newRow("tensor not in shard") << R"({"weight_map":{"w.a":"model-00001-of-00002.safetensors","w.zz":"model-00001-of-00002.safetensors"}})" << "tensor \"w.zz\" is mapped to \"model-00001-of-00002.safetensors\", which does not hold it";
        QTest::newRow("wrong shard") << R"({"weight_map":{"w.a":"model-00002-of-00002.safetensors","w.b":"model-00001-of-00002.safetensors"}})" << "is mapped to \"model-00002-of-00002.safetensors\" but is in \"model-00001-of-00002.safetensors\"";
        QTest::newRow("no weight_map") << R"({"metadata":{}})" << "weight_map: missing";
        QTest::newRow("not json") << R"({"weight_map":)" << "not valid JSON";
        QTest::newRow("escaping path") << R"({"weight_map":{"w.a":"../x.safetensors"}})" << "not a plain file name";
        QTest::newRow("non-string shard") << R"({"weight_map":{"w.a":1}})" << "must be a file name string";
    }

    void indexErrors()
    {
        QFETCH(QString, index);
        QFETCH(QString, expected);
        test::TempDir dir;
        test::writeBytes(dir / "model-00001-of-00002.safetensors", safetensorsBytes(R"({"w.a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}})", "ab"));
        test::writeBytes(dir / "model-00002-of-00002.safetensors", safetensorsBytes(R"({"w.b":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}})", "c"));
        test::writeBytes(dir / "model.safetensors.index.json", index.toStdString());
        try {
            Checkpoint::open(dir / "model.safetensors.index.json");
            QFAIL("accepted a bad index");
        } catch (const Error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith("model.safetensors.index.json: "), qPrintable(message));
            QVERIFY2(message.contains(expected), qPrintable(message));
        }
    }

    void duplicateTensorAcrossFiles()
    {
        test::TempDir dir;
        test::writeBytes(dir / "a.safetensors", safetensorsBytes(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}})", "a"));
        test::writeBytes(dir / "b.safetensors", safetensorsBytes(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}})", "b"));
        QVERIFY_THROWS_EXCEPTION(Error, Checkpoint::open(dir.path()));
    }

    void missingAndEmpty()
    {
        test::TempDir dir;
        try {
            Checkpoint::open(dir / "nope.safetensors");
            QFAIL("opened a missing file");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Io);
            QCOMPARE(e.exitCode(), 1);
        }
        try {
            Checkpoint::open(dir.path());
            QFAIL("opened an empty folder");
        } catch (const Error& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains("holds no .safetensors file"));
        }
        test::writeBytes(dir / "empty.safetensors", "");
        QVERIFY_THROWS_EXCEPTION(Error, Checkpoint::open(dir / "empty.safetensors"));
    }

    void unlistedTensorWarns()
    {
        test::TempDir dir;
        test::writeBytes(dir / "s.safetensors",
                         safetensorsBytes(R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"b":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}})", "ab"));
        test::writeBytes(dir / "model.safetensors.index.json", R"({"weight_map":{"a":"s.safetensors"}})");
        const auto checkpoint = Checkpoint::open(dir.path());
        QCOMPARE(checkpoint->warnings().size(), std::size_t(1));
        QVERIFY(QString::fromStdString(checkpoint->warnings()[0]).contains("\"b\""));
    }
};

QTEST_APPLESS_MAIN(TestSafetensorsReader)
#include "test_safetensors_reader.moc"
