// EndpointStore: the chat servers a person saved in the Chat page, in the config folder:
// endpoints.json (name, URL, API style) and, apart from it, endpoint-keys.json holding the API
// keys (mode 0600, never in the same file as the list, so the list can be shown or shared).
// Endpoints are identified by their URL. Both files are written atomically; a corrupt file is an
// error naming it (never silently emptied). Keys are shown only masked (maskSecret).
//
// Threads: a value over two files, read on each call; one thread at a time (the GUI's).
#pragma once

#include "remote/remote_chat_backend.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::remote {

struct SavedEndpoint {
    std::string name;  // what the model picker shows
    std::string url;
    ApiStyle style = ApiStyle::Auto;
    bool hasKey = false;  // an API key is saved for this URL (list() fills it; save() ignores it)
};

class EndpointStore {
public:
    explicit EndpointStore(std::filesystem::path configFolder);

    // The saved endpoints, in the order they were first saved. Throws lathe::Error naming the
    // file when one is corrupt.
    std::vector<SavedEndpoint> list() const;

    // Adds the endpoint, or replaces the one with the same URL. apiKey: nullopt keeps the saved
    // key, "" removes it, anything else replaces it. Throws lathe::Error on a bad URL (InvalidInput)
    // or when a file cannot be written (Io).
    void save(const SavedEndpoint& endpoint, const std::optional<std::string>& apiKey);
    // Forgets the endpoint and its key (nothing happens for an unknown URL).
    void remove(const std::string& url);
    std::optional<std::string> apiKey(const std::string& url) const;

    std::filesystem::path endpointsFile() const { return m_folder / "endpoints.json"; }
    std::filesystem::path keysFile() const { return m_folder / "endpoint-keys.json"; }

private:
    std::filesystem::path m_folder;
};

// "sk-…7f3a": enough of a key to recognise it, never all of it (short keys show less).
std::string maskSecret(std::string_view key);

}  // namespace lathe::remote
