// dataFolder / configFolder: environment lookups in XDG order, absolute values only.
#include "core/data_paths.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>

namespace lathe {
namespace {

// The variable's value when it is set to an absolute path; the XDG spec has relative values
// ignored (they would depend on the working directory).
std::optional<std::filesystem::path> absoluteFromEnvironment(const char* name)
{
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        return std::nullopt;
    }
    std::filesystem::path path(value);
    if (!path.is_absolute()) {
        return std::nullopt;
    }
    return path;
}

std::filesystem::path homeFolder()
{
    if (auto home = absoluteFromEnvironment("HOME")) {
        return *home;
    }
    // No usable $HOME (a service, a stripped environment): the account's home directory.
    if (const passwd* entry = ::getpwuid(::getuid()); entry != nullptr && entry->pw_dir != nullptr) {
        return entry->pw_dir;
    }
    return "/";
}

std::filesystem::path chooseFolder(const char* latheVariable, const char* xdgVariable, const char* homeRelative)
{
    if (auto folder = absoluteFromEnvironment(latheVariable)) {
        return *folder;
    }
    if (auto xdg = absoluteFromEnvironment(xdgVariable)) {
        return *xdg / "lathe";
    }
    return homeFolder() / homeRelative / "lathe";
}

}  // namespace

std::filesystem::path dataFolder()
{
    return chooseFolder("LATHE_DATA_DIR", "XDG_DATA_HOME", ".local/share");
}

std::filesystem::path configFolder()
{
    return chooseFolder("LATHE_CONFIG_DIR", "XDG_CONFIG_HOME", ".config");
}

std::filesystem::path conversationsFolder()
{
    return dataFolder() / "conversations";
}

std::filesystem::path demoModelGguf()
{
    return dataFolder() / "models" / "SmolLM2-135M-Instruct.Q4_1.gguf";
}

std::filesystem::path demoModelFolder()
{
    return dataFolder() / "models" / "SmolLM2-135M-Instruct";
}

}  // namespace lathe
