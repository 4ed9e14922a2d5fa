// What the Chat page's model picker lists: the demo model, the models in the huggingface_hub
// cache and any folder or .gguf the user picks, each with its architecture and size and
// whether Lathe can chat with it (and if not, why). Reads config.json, safetensors headers,
// GGUF metadata, tokenizer and template files, never the weights: under a millisecond for a
// folder; a GGUF's tokenizer is converted to learn whether Lathe can build it (about 0.2 s for
// a 50k-token vocabulary). Call it from a worker thread. Plain values, no shared state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lathe {

struct CatalogEntry {
    enum class Kind {
        Demo,      // the demo model in the data folder (its converted folder, else its GGUF)
        HubCache,  // a snapshot folder or a .gguf of a repo in the huggingface_hub cache
        Folder,    // a Hugging Face model folder the user picked
        Gguf,      // a .gguf file the user picked
    };
    Kind kind = Kind::Folder;
    // The repo id ("org/name"; "org/name/file.gguf" for a GGUF in a repo), or the folder or
    // file name.
    std::string name;
    std::filesystem::path path;  // what LocalChatBackend::load takes
    // config.json's architectures[0] (model_type when it has none), or general.architecture.
    std::string architecture;
    std::uint64_t bytes = 0;     // the weight files on disk
    std::int64_t parameters = 0; // 0: unknown
    bool supported = false;
    // Why not, one clause per reason joined by "; ": the architecture (with the supported
    // ones), no tokenizer, no chat template, no or incomplete weights, a malformed file.
    std::string problem;
};

// Every model repo of the cache (models--org--name; datasets and spaces are skipped), at the
// snapshot refs/main names, else the newest one: one entry for a snapshot with config.json
// beside safetensors weights (or with config.json and no GGUF: listed with "no weights"),
// and one per .gguf file in it. Repos with neither are not models Lathe can open and are
// skipped. Sorted by name. Never throws: a broken entry is listed with its problem; a missing
// cache folder gives an empty list.
std::vector<CatalogEntry> scanHubCache(const std::filesystem::path& hubCache);

// The demo model (Kind::Demo): its converted folder in the data folder (demoModelFolder()),
// else its GGUF (demoModelGguf()); nullopt when neither is there.
std::optional<CatalogEntry> demoModelEntry();

// A folder (with config.json) or .gguf file the user picked: Kind::Folder or Kind::Gguf.
// Throws lathe::Error (InvalidInput) naming the path when it is neither; problems with the
// model itself are reported in the entry.
CatalogEntry describeModel(const std::filesystem::path& path);

}  // namespace lathe
