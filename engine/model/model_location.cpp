// resolveModelPath: local folders first, then the Hub cache's refs/main -> snapshots/<commit>.
#include "model/model_location.h"

#include "core/error.h"
#include "core/file_io.h"

#include <algorithm>
#include <cstdlib>

namespace lathe {

std::filesystem::path hubCacheFolder()
{
    if (const char* cache = std::getenv("HF_HUB_CACHE"); cache != nullptr && *cache != '\0') {
        return cache;
    }
    if (const char* home = std::getenv("HF_HOME"); home != nullptr && *home != '\0') {
        return std::filesystem::path(home) / "hub";
    }
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
        return std::filesystem::path(xdg) / "huggingface" / "hub";
    }
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr ? home : "/") / ".cache" / "huggingface" / "hub";
}

std::filesystem::path resolveModelPath(const std::string& argument)
{
    std::error_code ec;
    const std::filesystem::path path(argument);
    if (std::filesystem::is_directory(path, ec)) {
        if (!std::filesystem::is_regular_file(path / "config.json", ec)) {
            throwInvalid(argument, "config.json", "is missing: a model folder holds config.json beside its safetensors");
        }
        return path;
    }
    if (std::filesystem::exists(path, ec)) {
        if (path.extension() == ".gguf") {
            return path;
        }
        throwInvalid(argument, "model",
                     "is a file, not a model (a folder with config.json and safetensors, or a .gguf file)");
    }
    // A repo id: "name" or "owner/name", as the Hub spells them.
    const bool looksLikeRepo = !argument.empty() && argument.find("..") == std::string::npos &&
                               argument.front() != '/' && std::count(argument.begin(), argument.end(), '/') <= 1;
    if (looksLikeRepo) {
        std::string folderName = "models--" + argument;
        for (std::size_t at = folderName.find('/'); at != std::string::npos; at = folderName.find('/')) {
            folderName.replace(at, 1, "--");
        }
        const auto repo = hubCacheFolder() / folderName;
        if (std::filesystem::is_regular_file(repo / "refs" / "main", ec)) {
            std::string commit = readWholeFile(repo / "refs" / "main");
            while (!commit.empty() && (commit.back() == '\n' || commit.back() == '\r' || commit.back() == ' ')) {
                commit.pop_back();
            }
            const auto snapshot = repo / "snapshots" / commit;
            if (std::filesystem::is_regular_file(snapshot / "config.json", ec)) {
                return snapshot;
            }
            throwInvalid(argument, "model",
                         "the Hub cache's snapshot " + snapshot.string() + " has no config.json (download it again)");
        }
        throwInvalid(argument, "model",
                     "is neither a folder nor a repo in the Hub cache (" + repo.string() + " not found)");
    }
    throwInvalid(argument, "model", "does not exist");
}

}  // namespace lathe
