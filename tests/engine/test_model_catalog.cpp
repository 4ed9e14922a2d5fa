// The Chat page's model catalog over a fake huggingface_hub cache built here (config.json,
// safetensors, tokenizer and template files, tiny GGUFs written byte by byte): supported,
// unsupported, missing tokenizer / template / weights, refs/main against the newest snapshot,
// datasets and spaces ignored; describeModel for picked paths; the data folders the
// environment selects and the demo model found there.
#include "core/data_paths.h"
#include "core/error.h"
#include "model/model_catalog.h"
#include "test_files.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <functional>
#include <optional>

using namespace lathe;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A little-endian GGUF v3 writer: metadata first, then tensors whose F32 data is laid out at
// 32-byte aligned offsets.
class TinyGguf {
public:
    TinyGguf& string(const std::string& key, const std::string& value)
    {
        m_metadata.push_back(str(key) + u32(8) + str(value));
        return *this;
    }
    TinyGguf& uint32(const std::string& key, std::uint32_t value)
    {
        m_metadata.push_back(str(key) + u32(4) + u32(value));
        return *this;
    }
    TinyGguf& float32(const std::string& key, float value)
    {
        std::uint32_t bits;
        std::memcpy(&bits, &value, 4);
        m_metadata.push_back(str(key) + u32(6) + u32(bits));
        return *this;
    }
    TinyGguf& strings(const std::string& key, const std::vector<std::string>& values)
    {
        std::string entry = str(key) + u32(9) + u32(8) + u64(values.size());
        for (const std::string& v : values) entry += str(v);
        m_metadata.push_back(entry);
        return *this;
    }
    TinyGguf& int32s(const std::string& key, const std::vector<std::int32_t>& values)
    {
        std::string entry = str(key) + u32(9) + u32(5) + u64(values.size());
        for (const std::int32_t v : values) entry += u32(static_cast<std::uint32_t>(v));
        m_metadata.push_back(entry);
        return *this;
    }
    // An F32 tensor; shape in GGUF order (ne0 first).
    TinyGguf& tensor(const std::string& name, const std::vector<std::uint64_t>& shape)
    {
        std::uint64_t elements = 1;
        std::string entry = str(name) + u32(static_cast<std::uint32_t>(shape.size()));
        for (const std::uint64_t d : shape) {
            entry += u64(d);
            elements *= d;
        }
        entry += u32(0) + u64(m_dataBytes);
        m_tensors.push_back(entry);
        m_dataBytes += (elements * 4 + 31) / 32 * 32;
        return *this;
    }
    std::string bytes() const
    {
        std::string out = "GGUF" + u32(3) + u64(m_tensors.size()) + u64(m_metadata.size());
        for (const std::string& m : m_metadata) out += m;
        for (const std::string& t : m_tensors) out += t;
        out.append((32 - out.size() % 32) % 32, '\0');
        out.append(m_dataBytes, '\0');
        return out;
    }

private:
    static std::string le(std::uint64_t v, int n)
    {
        std::string out;
        for (int i = 0; i < n; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
        return out;
    }
    static std::string u32(std::uint32_t v) { return le(v, 4); }
    static std::string u64(std::uint64_t v) { return le(v, 8); }
    static std::string str(const std::string& s) { return u64(s.size()) + s; }

    std::vector<std::string> m_metadata;
    std::vector<std::string> m_tensors;
    std::uint64_t m_dataBytes = 0;
};

enum class GgufTokenizer { Included, Missing };

// A one-layer llama-layout GGUF (hidden 8, 2 heads of 4, 1 KV head, FFN 16, vocabulary 7) with a
// byte-level BPE tokenizer and a chat template; 656 parameters, counted by hand:
// 7*8 embedding + 8 output norm + 8 attn norm + 8*8 q + 8*4 k + 8*4 v + 8*8 o + 3 * 8*16 MLP + 8 ffn norm.
std::string tinyGguf(const std::string& architecture, GgufTokenizer tokenizer = GgufTokenizer::Included)
{
    TinyGguf g;
    g.string("general.architecture", architecture)
        .uint32(architecture + ".context_length", 64)
        .uint32(architecture + ".embedding_length", 8)
        .uint32(architecture + ".block_count", 1)
        .uint32(architecture + ".feed_forward_length", 16)
        .uint32(architecture + ".attention.head_count", 2)
        .uint32(architecture + ".attention.head_count_kv", 1)
        .float32(architecture + ".attention.layer_norm_rms_epsilon", 1e-6f)
        .float32(architecture + ".rope.freq_base", 10000.0f)
        .uint32(architecture + ".rope.dimension_count", 4);
    if (tokenizer == GgufTokenizer::Included) {
        g.string("tokenizer.ggml.model", "gpt2")
            .string("tokenizer.ggml.pre", "gpt-2")
            .strings("tokenizer.ggml.tokens", {"a", "b", "ab", "\xC4\xA0", "\xC4\xA0" "ab", "<|endoftext|>", "<|im_start|>"})
            .int32s("tokenizer.ggml.token_type", {1, 1, 1, 1, 1, 3, 3})
            .strings("tokenizer.ggml.merges", {"a b", "\xC4\xA0 ab"})
            .uint32("tokenizer.ggml.eos_token_id", 5)
            .string("tokenizer.chat_template", "{% for m in messages %}{{ m['content'] }}{% endfor %}");
    } else {
        g.uint32(architecture + ".vocab_size", 7);
    }
    g.tensor("token_embd.weight", {8, 7})
        .tensor("output_norm.weight", {8})
        .tensor("blk.0.attn_norm.weight", {8})
        .tensor("blk.0.attn_q.weight", {8, 8})
        .tensor("blk.0.attn_k.weight", {8, 4})
        .tensor("blk.0.attn_v.weight", {8, 4})
        .tensor("blk.0.attn_output.weight", {8, 8})
        .tensor("blk.0.ffn_gate.weight", {8, 16})
        .tensor("blk.0.ffn_up.weight", {8, 16})
        .tensor("blk.0.ffn_down.weight", {16, 8})
        .tensor("blk.0.ffn_norm.weight", {8});
    return g.bytes();
}

json llamaConfig()
{
    return {{"architectures", {"LlamaForCausalLM"}}, {"model_type", "llama"}, {"hidden_size", 8},
            {"intermediate_size", 16}, {"num_hidden_layers", 1}, {"num_attention_heads", 2},
            {"num_key_value_heads", 1}, {"vocab_size", 7}, {"max_position_embeddings", 64}};
}

json bertConfig()
{
    return {{"architectures", {"BertModel"}}, {"model_type", "bert"}, {"hidden_size", 8}};
}

// One F32 tensor of shape [2, 3]: 6 parameters.
std::string tinySafetensors()
{
    return test::safetensorsBytes(R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}})", std::string(24, '\0'));
}

struct FolderParts {
    std::optional<json> config = llamaConfig();
    bool weights = true;
    bool tokenizer = true;
    std::optional<std::string> chatTemplate = "{% for m in messages %}{{ m['content'] }}{% endfor %}";
};

void writeModelFolder(const fs::path& folder, const FolderParts& parts)
{
    fs::create_directories(folder);
    if (parts.config) test::writeBytes(folder / "config.json", parts.config->dump());
    if (parts.weights) test::writeBytes(folder / "model.safetensors", tinySafetensors());
    if (parts.tokenizer) test::writeBytes(folder / "tokenizer.json", "{}");
    json tokenizerConfig = {{"eos_token", "</s>"}};
    if (parts.chatTemplate) tokenizerConfig["chat_template"] = *parts.chatTemplate;
    test::writeBytes(folder / "tokenizer_config.json", tokenizerConfig.dump());
}

// models--org--name/snapshots/<commit>, with refs/main naming it when `main`.
fs::path snapshot(const fs::path& cache, const std::string& repoFolder, const std::string& commit, bool main)
{
    const fs::path repo = cache / repoFolder;
    fs::create_directories(repo / "snapshots" / commit);
    if (main) {
        fs::create_directories(repo / "refs");
        test::writeBytes(repo / "refs" / "main", commit);
    }
    return repo / "snapshots" / commit;
}

const CatalogEntry* find(const std::vector<CatalogEntry>& entries, const std::string& name)
{
    for (const CatalogEntry& e : entries) {
        if (e.name == name) return &e;
    }
    return nullptr;
}

bool contains(const std::string& text, const std::string& fragment)
{
    return text.find(fragment) != std::string::npos;
}

// Sets (or with nullptr unsets) an environment variable for the scope.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : m_name(name)
    {
        if (const char* old = std::getenv(name)) m_old = old;
        value ? ::setenv(name, value, 1) : ::unsetenv(name);
    }
    ~ScopedEnv() { m_old ? ::setenv(m_name, m_old->c_str(), 1) : ::unsetenv(m_name); }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

}  // namespace

class TestModelCatalog : public QObject {
    Q_OBJECT
private slots:
    void scansAFakeHubCache()
    {
        test::TempDir dir;
        const fs::path cache = dir.path();
        // refs/main names the older, supported snapshot; a newer one must not win over it.
        writeModelFolder(snapshot(cache, "models--org--good", "aaaa1111", true), {});
        const fs::path newer = snapshot(cache, "models--org--good", "bbbb2222", false);
        writeModelFolder(newer, {.config = bertConfig()});
        // No refs/main: the newest snapshot.
        const fs::path old = snapshot(cache, "models--org--by-date", "1111", false);
        writeModelFolder(old, {.config = bertConfig()});
        const fs::path recent = snapshot(cache, "models--org--by-date", "2222", false);
        writeModelFolder(recent, {});
        fs::last_write_time(old, fs::file_time_type::clock::now() - std::chrono::hours(2));
        fs::last_write_time(recent, fs::file_time_type::clock::now() - std::chrono::hours(1));

        writeModelFolder(snapshot(cache, "models--org--bert", "c0ffee", true), {.config = bertConfig()});
        writeModelFolder(snapshot(cache, "models--org--no-tokenizer", "c0ffee", true), {.tokenizer = false});
        writeModelFolder(snapshot(cache, "models--org--no-template", "c0ffee", true), {.chatTemplate = std::nullopt});
        writeModelFolder(snapshot(cache, "models--org--bad-template", "c0ffee", true), {.chatTemplate = "{% for %}"});
        writeModelFolder(snapshot(cache, "models--org--no-weights", "c0ffee", true), {.weights = false});
        writeModelFolder(snapshot(cache, "models--org--broken-config", "c0ffee", true), {.config = std::nullopt});
        test::writeBytes(cache / "models--org--broken-config" / "snapshots" / "c0ffee" / "config.json", "{oops");

        // A GGUF repo: one entry per file, subfolders included, a config.json beside them ignored.
        const fs::path ggufs = snapshot(cache, "models--org--tiny-GGUF", "d00d", true);
        test::writeBytes(ggufs / "config.json", llamaConfig().dump());
        test::writeBytes(ggufs / "tiny.Q8_0.gguf", tinyGguf("llama"));
        test::writeBytes(ggufs / "bert.gguf", tinyGguf("bert"));
        fs::create_directories(ggufs / "more");
        test::writeBytes(ggufs / "more" / "untokenized.gguf", tinyGguf("llama", GgufTokenizer::Missing));
        test::writeBytes(ggufs / "big-00001-of-00002.gguf", tinyGguf("llama"));
        test::writeBytes(ggufs / "big-00002-of-00002.gguf", tinyGguf("llama"));
        test::writeBytes(ggufs / "not-really.gguf", "GGUF");
        fs::create_symlink(cache / "models--org--tiny-GGUF" / "blobs" / "missing", ggufs / "gone.gguf");

        // Not models, or nothing downloaded.
        writeModelFolder(snapshot(cache, "datasets--org--data", "c0ffee", true), {});
        writeModelFolder(snapshot(cache, "spaces--org--demo", "c0ffee", true), {});
        fs::create_directories(cache / "models--org--empty" / "refs");
        fs::create_directories(cache / ".locks" / "models--org--good");
        writeModelFolder(snapshot(cache, "models--org--readme-only", "c0ffee", true), {.config = std::nullopt,
                                                                                     .weights = false,
                                                                                     .tokenizer = false});

        const std::vector<CatalogEntry> entries = scanHubCache(cache);
        std::vector<std::string> names;
        for (const CatalogEntry& e : entries) names.push_back(e.name);
        QCOMPARE(names, (std::vector<std::string>{
                            "org/bad-template",
                            "org/bert",
                            "org/broken-config",
                            "org/by-date",
                            "org/good",
                            "org/no-template",
                            "org/no-tokenizer",
                            "org/no-weights",
                            "org/tiny-GGUF/bert.gguf",
                            "org/tiny-GGUF/big-00001-of-00002.gguf",
                            "org/tiny-GGUF/gone.gguf",
                            "org/tiny-GGUF/more/untokenized.gguf",
                            "org/tiny-GGUF/not-really.gguf",
                            "org/tiny-GGUF/tiny.Q8_0.gguf",
                        }));

        const CatalogEntry* good = find(entries, "org/good");
        QCOMPARE(good->kind, CatalogEntry::Kind::HubCache);
        QCOMPARE(good->path, cache / "models--org--good" / "snapshots" / "aaaa1111");
        QCOMPARE(good->architecture, std::string("LlamaForCausalLM"));
        QCOMPARE(good->parameters, std::int64_t(6));
        QCOMPARE(good->bytes, std::uint64_t(tinySafetensors().size()));
        QVERIFY2(good->supported, good->problem.c_str());
        QCOMPARE(good->problem, std::string());

        const CatalogEntry* byDate = find(entries, "org/by-date");
        QCOMPARE(byDate->path, recent);
        QVERIFY2(byDate->supported, byDate->problem.c_str());

        const CatalogEntry* bert = find(entries, "org/bert");
        QVERIFY(!bert->supported);
        QCOMPARE(bert->architecture, std::string("BertModel"));
        QCOMPARE(bert->problem,
                 std::string("architecture BertModel is not supported (Lathe runs Llama, Mistral, Qwen2, Qwen3, "
                             "Gemma2, Gemma3, Phi3)"));

        QCOMPARE(find(entries, "org/no-tokenizer")->problem, std::string("no tokenizer (tokenizer.json)"));
        QVERIFY(!find(entries, "org/no-tokenizer")->supported);
        QCOMPARE(find(entries, "org/no-template")->problem, std::string("no chat template"));
        QVERIFY(contains(find(entries, "org/bad-template")->problem, "chat template: "));
        QCOMPARE(find(entries, "org/no-weights")->problem, std::string("no weights (no .safetensors file)"));
        QCOMPARE(find(entries, "org/no-weights")->bytes, std::uint64_t(0));
        QVERIFY(contains(find(entries, "org/broken-config")->problem, "config.json: not valid JSON"));

        const CatalogEntry* gguf = find(entries, "org/tiny-GGUF/tiny.Q8_0.gguf");
        QCOMPARE(gguf->kind, CatalogEntry::Kind::HubCache);
        QCOMPARE(gguf->path, ggufs / "tiny.Q8_0.gguf");
        QCOMPARE(gguf->architecture, std::string("llama"));
        QCOMPARE(gguf->parameters, std::int64_t(656));
        QCOMPARE(gguf->bytes, std::uint64_t(tinyGguf("llama").size()));
        QVERIFY2(gguf->supported, gguf->problem.c_str());

        QCOMPARE(find(entries, "org/tiny-GGUF/bert.gguf")->problem,
                 std::string("architecture bert is not supported (Lathe runs GGUF llama, qwen2, qwen3, gemma2, gemma3, phi3)"));
        QCOMPARE(find(entries, "org/tiny-GGUF/more/untokenized.gguf")->problem,
                 std::string("no tokenizer (tokenizer.ggml.* metadata); no chat template"));
        QVERIFY(contains(find(entries, "org/tiny-GGUF/big-00001-of-00002.gguf")->problem, "split into 2 files"));
        QVERIFY(contains(find(entries, "org/tiny-GGUF/not-really.gguf")->problem, "not a readable GGUF"));
        QVERIFY(contains(find(entries, "org/tiny-GGUF/gone.gguf")->problem, "missing from the cache"));
        for (const CatalogEntry& e : entries) {
            QVERIFY2(e.supported == e.problem.empty(), e.name.c_str());
        }

        QVERIFY(scanHubCache(dir / "no-such-cache").empty());
    }

    void describesPickedPaths()
    {
        test::TempDir dir;
        writeModelFolder(dir / "My-Model", {});
        const CatalogEntry folder = describeModel(dir / "My-Model");
        QCOMPARE(folder.kind, CatalogEntry::Kind::Folder);
        QCOMPARE(folder.name, std::string("My-Model"));
        QVERIFY2(folder.supported, folder.problem.c_str());
        QCOMPARE(describeModel(dir.path() / "My-Model" / "").name, std::string("My-Model"));

        test::writeBytes(dir / "model.gguf", tinyGguf("llama"));
        const CatalogEntry gguf = describeModel(dir / "model.gguf");
        QCOMPARE(gguf.kind, CatalogEntry::Kind::Gguf);
        QCOMPARE(gguf.name, std::string("model.gguf"));
        QCOMPARE(gguf.path, dir / "model.gguf");
        QVERIFY2(gguf.supported, gguf.problem.c_str());

        const auto expectInvalid = [](const std::function<void()>& f, const std::vector<std::string>& fragments) {
            try {
                f();
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::InvalidInput);
                for (const std::string& fragment : fragments) {
                    QVERIFY2(contains(e.what(), fragment), e.what());
                }
                return;
            }
            QFAIL("no lathe::Error thrown");
        };
        test::writeBytes(dir / "notes.txt", "hello");
        expectInvalid([&] { describeModel(dir / "notes.txt"); }, {(dir / "notes.txt").string(), "neither"});
        expectInvalid([&] { describeModel(dir / "absent"); }, {(dir / "absent").string(), "does not exist"});
        fs::create_directories(dir / "quants");
        test::writeBytes(dir / "quants" / "a.gguf", tinyGguf("llama"));
        expectInvalid([&] { describeModel(dir / "quants"); }, {(dir / "quants").string(), "pick one of those files"});
        fs::create_directories(dir / "plain");
        expectInvalid([&] { describeModel(dir / "plain"); }, {(dir / "plain").string(), "no config.json"});
    }

    void dataFoldersFollowTheEnvironment()
    {
        const ScopedEnv home("HOME", "/home/someone");
        {
            const ScopedEnv data("LATHE_DATA_DIR", "/srv/lathe-data");
            const ScopedEnv xdg("XDG_DATA_HOME", "/xdg/data");
            QCOMPARE(dataFolder(), fs::path("/srv/lathe-data"));
            QCOMPARE(conversationsFolder(), fs::path("/srv/lathe-data/conversations"));
            QCOMPARE(demoModelGguf(), fs::path("/srv/lathe-data/models/SmolLM2-135M-Instruct.Q4_1.gguf"));
            QCOMPARE(demoModelFolder(), fs::path("/srv/lathe-data/models/SmolLM2-135M-Instruct"));
        }
        {
            const ScopedEnv data("LATHE_DATA_DIR", "relative/dir");  // ignored, as XDG asks
            const ScopedEnv xdg("XDG_DATA_HOME", "/xdg/data");
            QCOMPARE(dataFolder(), fs::path("/xdg/data/lathe"));
        }
        {
            const ScopedEnv data("LATHE_DATA_DIR", "");
            const ScopedEnv xdg("XDG_DATA_HOME", "also-relative");
            QCOMPARE(dataFolder(), fs::path("/home/someone/.local/share/lathe"));
        }
        {
            const ScopedEnv config("LATHE_CONFIG_DIR", nullptr);
            const ScopedEnv xdg("XDG_CONFIG_HOME", nullptr);
            QCOMPARE(configFolder(), fs::path("/home/someone/.config/lathe"));
            const ScopedEnv xdgSet("XDG_CONFIG_HOME", "/xdg/config");
            QCOMPARE(configFolder(), fs::path("/xdg/config/lathe"));
            const ScopedEnv own("LATHE_CONFIG_DIR", "/etc/lathe-test");
            QCOMPARE(configFolder(), fs::path("/etc/lathe-test"));
        }
    }

    void findsTheDemoModelInTheDataFolder()
    {
        test::TempDir dir;
        const ScopedEnv data("LATHE_DATA_DIR", dir.path().c_str());
        QVERIFY(!demoModelEntry().has_value());
        fs::create_directories(dir / "models");
        test::writeBytes(dir / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf", tinyGguf("llama"));
        const std::optional<CatalogEntry> demo = demoModelEntry();
        QVERIFY(demo.has_value());
        QCOMPARE(demo->kind, CatalogEntry::Kind::Demo);
        QCOMPARE(demo->path, dir / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf");
        QCOMPARE(demo->name, std::string("SmolLM2-135M-Instruct.Q4_1.gguf"));
        QVERIFY2(demo->supported, demo->problem.c_str());

        // Once converted, the folder is the demo model (faster on the CPU than Q4_1 blocks).
        writeModelFolder(dir / "models" / "SmolLM2-135M-Instruct", FolderParts{});
        const std::optional<CatalogEntry> converted = demoModelEntry();
        QVERIFY(converted.has_value());
        QCOMPARE(converted->kind, CatalogEntry::Kind::Demo);
        QCOMPARE(converted->path, dir / "models" / "SmolLM2-135M-Instruct");
        QCOMPARE(converted->name, std::string("SmolLM2-135M-Instruct"));
        QVERIFY2(converted->supported, converted->problem.c_str());
    }
};

QTEST_APPLESS_MAIN(TestModelCatalog)
#include "test_model_catalog.moc"
