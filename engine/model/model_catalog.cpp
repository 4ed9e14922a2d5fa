// The model catalog: hub cache layout (models--org--name/refs/main -> snapshots/<commit>),
// and per model the checks LocalChatBackend::load would fail on, done on metadata only.
#include "model/model_catalog.h"

#include "chat/template_source.h"
#include "core/data_paths.h"
#include "core/error.h"
#include "io/checkpoint.h"
#include "io/gguf_file.h"
#include "model/gguf_model.h"
#include "model/model_config.h"
#include "tokenizer/gguf_tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <system_error>

namespace lathe {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr std::uint64_t kMaxConfigBytes = 16u << 20;
constexpr std::uint64_t kMaxRefBytes = 1024;
// Quantized repos keep files one or two folders down ("Q4_K_M/model.gguf"); deeper is not a model.
constexpr int kMaxGgufDepth = 2;

bool contains(const std::vector<std::string>& names, const std::string& name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joined(const std::vector<std::string>& parts, const char* separator)
{
    std::string out;
    for (const std::string& part : parts) {
        out += out.empty() ? "" : separator;
        out += part;
    }
    return out;
}

// "Llama, Mistral, Qwen2, ..." from supportedArchitectures()' class names.
std::string familyList()
{
    std::vector<std::string> families;
    for (std::string name : supportedArchitectures()) {
        for (const std::string_view suffix : {"ForCausalLM", "ForConditionalGeneration"}) {
            if (name.size() > suffix.size() && name.ends_with(suffix)) name.resize(name.size() - suffix.size());
        }
        if (!contains(families, name)) families.push_back(name);
    }
    return joined(families, ", ");
}

// An error as one clause of a problem: "field: reason", without the (long) file path.
std::string clause(const Error& error)
{
    return error.field().empty() ? error.reason() : error.field() + ": " + error.reason();
}

void finish(CatalogEntry& entry, const std::vector<std::string>& problems)
{
    entry.supported = problems.empty();
    entry.problem = joined(problems, "; ");
}

// A template must be found, chosen and parse: what LocalChatBackend needs to render a prompt.
void checkChatTemplate(const fs::path& model, std::vector<std::string>& problems)
{
    try {
        const chat::TemplateSource source = chat::TemplateSource::fromModel(model);
        if (source.templates().empty()) {
            problems.emplace_back("no chat template");
            return;
        }
        source.parsed(source.select(false));
    } catch (const Error& e) {
        problems.push_back("chat template: " + clause(e));
    }
}

std::uint64_t fileSize(const fs::path& path)
{
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    return ec ? 0 : size;
}

// "model-00001-of-00003.gguf": {1, 3}, as llama.cpp's gguf-split names the parts.
std::optional<std::pair<int, int>> splitPart(const std::string& fileName)
{
    constexpr std::string_view kOf = "-of-";
    constexpr std::size_t kDigits = 5;
    const std::size_t tail = kDigits + kOf.size() + kDigits + std::string_view(".gguf").size();
    if (fileName.size() < tail + 1 || fileName[fileName.size() - tail - 1] != '-') return std::nullopt;
    const std::string_view part = std::string_view(fileName).substr(fileName.size() - tail);
    const auto number = [](std::string_view digits) -> std::optional<int> {
        if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
        return std::stoi(std::string(digits));
    };
    const auto index = number(part.substr(0, kDigits));
    const auto count = number(part.substr(kDigits + kOf.size(), kDigits));
    if (part.substr(kDigits, kOf.size()) != kOf || !index || !count) return std::nullopt;
    return std::pair{*index, *count};
}

// config.json's own name for the architecture, before any parsing that could reject it.
std::string declaredArchitecture(const json& config)
{
    if (!config.is_object()) return {};
    if (const auto it = config.find("architectures"); it != config.end() && it->is_array() && !it->empty() &&
                                                      it->front().is_string()) {
        return it->front().get<std::string>();
    }
    if (const auto it = config.find("model_type"); it != config.end() && it->is_string()) return it->get<std::string>();
    return {};
}

CatalogEntry describeFolder(const fs::path& folder, CatalogEntry::Kind kind, std::string name)
{
    CatalogEntry entry;
    entry.kind = kind;
    entry.name = std::move(name);
    entry.path = folder;
    std::vector<std::string> problems;

    const fs::path configPath = folder / "config.json";
    try {
        json config;
        try {
            config = json::parse(readSmallFile(configPath, kMaxConfigBytes));
        } catch (const json::parse_error& e) {
            throwInvalid(configPath.string(), {}, std::string("not valid JSON: ") + e.what());
        }
        entry.architecture = declaredArchitecture(config);
        try {
            entry.architecture = parseModelConfig(config, configPath.string()).architecture;
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::Unsupported && !contains(supportedArchitectures(), entry.architecture)) {
                problems.push_back("architecture " + (entry.architecture.empty() ? "(none given)" : entry.architecture) +
                                   " is not supported (Lathe runs " + familyList() + ")");
            } else {
                problems.push_back("config.json: " + clause(e));
            }
        }
    } catch (const Error& e) {
        problems.push_back("config.json: " + clause(e));
    }

    // The safetensors headers give the parameter count; opening maps the shards without
    // reading them, and fails on a shard that is missing or shorter than its header says.
    try {
        const auto checkpoint = Checkpoint::open(folder);
        entry.parameters = static_cast<std::int64_t>(checkpoint->totalParameters());
        for (const SafetensorsFile& shard : checkpoint->shards()) entry.bytes += shard.fileSize();
    } catch (const Error& e) {
        bool anyWeights = false;
        std::error_code ec;
        for (const fs::directory_entry& file : fs::directory_iterator(folder, ec)) {
            const std::string fileName = file.path().filename().string();
            anyWeights = anyWeights || fileName.ends_with(".safetensors") || fileName.ends_with(".safetensors.index.json");
        }
        problems.push_back(anyWeights ? "weights: " + std::string(e.what()) : "no weights (no .safetensors file)");
    }

    std::error_code ec;
    if (!fs::is_regular_file(folder / "tokenizer.json", ec)) problems.emplace_back("no tokenizer (tokenizer.json)");
    checkChatTemplate(folder, problems);
    finish(entry, problems);
    return entry;
}

CatalogEntry describeGguf(const fs::path& path, CatalogEntry::Kind kind, std::string name)
{
    CatalogEntry entry;
    entry.kind = kind;
    entry.name = std::move(name);
    entry.path = path;
    entry.bytes = fileSize(path);
    std::vector<std::string> problems;
    try {
        const GgufFile file = GgufFile::open(path);
        if (const GgufValue* architecture = file.find("general.architecture"); architecture && architecture->isString()) {
            entry.architecture = std::string(architecture->asString());
        }
        for (const GgufTensorInfo& tensor : file.tensors()) {
            entry.parameters += static_cast<std::int64_t>(tensor.elementCount());
        }
        if (const auto split = splitPart(path.filename().string()); split && split->second > 1) {
            problems.push_back("split into " + std::to_string(split->second) +
                               " files (Lathe runs single-file GGUFs; llama-gguf-split --merge joins them)");
        } else {
            try {
                describeGgufModel(file);
            } catch (const Error& e) {
                if (e.kind() == ErrorKind::Unsupported && !contains(ggufModelArchitectures(), entry.architecture)) {
                    problems.push_back("architecture " + (entry.architecture.empty() ? "(none given)" : entry.architecture) +
                                       " is not supported (Lathe runs GGUF " + joined(ggufModelArchitectures(), ", ") +
                                       ")");
                } else {
                    problems.push_back(clause(e));
                }
            }
        }
        if (file.find("tokenizer.ggml.model") == nullptr) {
            problems.emplace_back("no tokenizer (tokenizer.ggml.* metadata)");
        } else {
            try {
                tokenizerDocumentsFromGguf(file);
            } catch (const Error& e) {
                problems.push_back("tokenizer: " + clause(e));
            }
        }
    } catch (const Error& e) {
        problems.push_back("not a readable GGUF: " + clause(e));
        finish(entry, problems);
        return entry;
    }
    checkChatTemplate(path, problems);
    finish(entry, problems);
    return entry;
}

// refs/main's snapshot when it is there, else the most recently written snapshot.
std::optional<fs::path> chooseSnapshot(const fs::path& repo)
{
    std::error_code ec;
    const fs::path snapshots = repo / "snapshots";
    try {
        std::string commit = readSmallFile(repo / "refs" / "main", kMaxRefBytes);
        while (!commit.empty() && (commit.back() == '\n' || commit.back() == '\r' || commit.back() == ' ')) {
            commit.pop_back();
        }
        const bool hex = !commit.empty() && std::all_of(commit.begin(), commit.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        });
        if (hex && fs::is_directory(snapshots / commit, ec)) return snapshots / commit;
    } catch (const Error&) {
        // No readable refs/main: a revision downloaded by commit, or a cache written by hand.
    }
    std::optional<fs::path> newest;
    fs::file_time_type newestTime;
    for (const fs::directory_entry& snapshot : fs::directory_iterator(snapshots, ec)) {
        if (!snapshot.is_directory(ec)) continue;
        const fs::file_time_type time = snapshot.last_write_time(ec);
        if (ec) continue;
        if (!newest || time > newestTime) {
            newest = snapshot.path();
            newestTime = time;
        }
    }
    return newest;
}

void scanRepo(const fs::path& repoFolder, const std::string& repo, std::vector<CatalogEntry>& out)
{
    const std::optional<fs::path> snapshot = chooseSnapshot(repoFolder);
    if (!snapshot) return;

    std::error_code ec;
    bool hasSafetensors = false;
    std::vector<fs::path> ggufs;  // relative to the snapshot
    fs::recursive_directory_iterator it(*snapshot, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it.depth() >= kMaxGgufDepth) it.disable_recursion_pending();
        const fs::path& file = it->path();
        const std::string fileName = file.filename().string();
        if (it.depth() == 0 && (fileName.ends_with(".safetensors") || fileName.ends_with(".safetensors.index.json"))) {
            hasSafetensors = true;
        }
        if (file.extension() == ".gguf") ggufs.push_back(file.lexically_relative(*snapshot));
    }
    std::sort(ggufs.begin(), ggufs.end());

    if (fs::is_regular_file(*snapshot / "config.json", ec) && (hasSafetensors || ggufs.empty())) {
        out.push_back(describeFolder(*snapshot, CatalogEntry::Kind::HubCache, repo));
    }
    for (const fs::path& relative : ggufs) {
        const std::string name = repo + "/" + relative.generic_string();
        const fs::path file = *snapshot / relative;
        if (const auto split = splitPart(relative.filename().string()); split && split->first > 1) {
            continue;  // the first part stands for the model
        }
        if (!fs::is_regular_file(file, ec)) {
            // A snapshot link whose blob is gone: the download did not finish or was pruned.
            CatalogEntry entry;
            entry.kind = CatalogEntry::Kind::HubCache;
            entry.name = name;
            entry.path = file;
            entry.problem = "the file is missing from the cache (download it again)";
            out.push_back(std::move(entry));
            continue;
        }
        out.push_back(describeGguf(file, CatalogEntry::Kind::HubCache, name));
    }
}

}  // namespace

std::vector<CatalogEntry> scanHubCache(const fs::path& hubCache)
{
    std::vector<CatalogEntry> entries;
    std::error_code ec;
    fs::directory_iterator it(hubCache, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string folder = it->path().filename().string();
        constexpr std::string_view kPrefix = "models--";  // datasets--, spaces--, .locks are not models
        if (!folder.starts_with(kPrefix) || folder.size() == kPrefix.size() || !it->is_directory(ec)) continue;
        // huggingface_hub writes repo_id.replace("/", "--"); "--" cannot occur in a repo name.
        std::string repo = folder.substr(kPrefix.size());
        for (std::size_t at = repo.find("--"); at != std::string::npos; at = repo.find("--", at + 1)) {
            repo.replace(at, 2, "/");
        }
        try {
            scanRepo(it->path(), repo, entries);
        } catch (const std::exception& e) {
            // A filesystem failure inside one repo (permissions, a vanished folder).
            CatalogEntry entry;
            entry.kind = CatalogEntry::Kind::HubCache;
            entry.name = repo;
            entry.path = it->path();
            entry.problem = e.what();
            entries.push_back(std::move(entry));
        }
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const CatalogEntry& a, const CatalogEntry& b) { return a.name < b.name; });
    return entries;
}

std::optional<CatalogEntry> demoModelEntry()
{
    // The converted folder first: its bf16 weights prefill several times faster on the CPU than
    // the Q4_1 blocks, and it is what fetch-demo-model.sh makes the GGUF into.
    const fs::path folder = demoModelFolder();
    std::error_code ec;
    if (fs::is_regular_file(folder / "config.json", ec) && fs::is_regular_file(folder / "model.safetensors", ec)) {
        return describeFolder(folder, CatalogEntry::Kind::Demo, folder.filename().string());
    }
    const fs::path gguf = demoModelGguf();
    if (!fs::is_regular_file(gguf, ec)) return std::nullopt;
    return describeGguf(gguf, CatalogEntry::Kind::Demo, gguf.filename().string());
}

CatalogEntry describeModel(const fs::path& path)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (fs::is_directory(status)) {
        if (fs::is_regular_file(path / "config.json", ec)) {
            // "folder/" names the folder, not an empty last component.
            const fs::path folder = path.has_filename() ? path : path.parent_path();
            return describeFolder(path, CatalogEntry::Kind::Folder, folder.filename().string());
        }
        for (const fs::directory_entry& file : fs::directory_iterator(path, ec)) {
            if (file.path().extension() == ".gguf") {
                throwInvalid(path.string(), {}, "has no config.json but holds .gguf files: pick one of those files");
            }
        }
        throwInvalid(path.string(), {}, "is not a model folder: it has no config.json");
    }
    if (fs::is_regular_file(status) && path.extension() == ".gguf") {
        return describeGguf(path, CatalogEntry::Kind::Gguf, path.filename().string());
    }
    if (!fs::exists(status)) throwInvalid(path.string(), {}, "does not exist");
    throwInvalid(path.string(), {}, "is neither a model folder (with config.json) nor a .gguf file");
}

}  // namespace lathe
