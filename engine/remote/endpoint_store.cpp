// Saved endpoints: endpoints.json {"endpoints": [{"name", "url", "style"}]} and
// endpoint-keys.json {"keys": {url: key}} (mode 0600).
#include "remote/endpoint_store.h"

#include "core/error.h"
#include "core/file_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace lathe::remote {
namespace {

using Json = nlohmann::ordered_json;

constexpr unsigned kSecretMode = 0600;

// The file's JSON object, or an empty object when the file does not exist.
Json readObject(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return Json::object();
    }
    const std::string text = readWholeFile(path);
    Json json;
    try {
        json = Json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // Only the position: the parser's own message quotes the text, which may be a key.
        throwInvalid(path.string(), {}, "is not valid JSON (at byte " + std::to_string(e.byte) + "); fix or delete the file");
    }
    if (!json.is_object()) {
        throwInvalid(path.string(), {}, "is not a JSON object; fix or delete the file");
    }
    return json;
}

std::vector<SavedEndpoint> readEndpoints(const std::filesystem::path& path)
{
    const Json json = readObject(path);
    std::vector<SavedEndpoint> endpoints;
    if (!json.contains("endpoints")) {
        return endpoints;
    }
    if (!json["endpoints"].is_array()) {
        throwInvalid(path.string(), "endpoints", "is not a list; fix or delete the file");
    }
    for (std::size_t i = 0; i < json["endpoints"].size(); ++i) {
        const Json& item = json["endpoints"][i];
        const std::string field = "endpoints[" + std::to_string(i) + "]";
        if (!item.is_object() || !item.contains("url") || !item["url"].is_string() ||
            (item.contains("name") && !item["name"].is_string())) {
            throwInvalid(path.string(), field, "needs a string \"url\" (and a string \"name\"); fix or delete the file");
        }
        SavedEndpoint endpoint;
        endpoint.url = item["url"].get<std::string>();
        endpoint.name = item.value("name", endpoint.url);
        const std::string style = item.contains("style") && item["style"].is_string() ? item["style"].get<std::string>() : "auto";
        const auto parsed = apiStyleFromName(style);
        if (!parsed) {
            throwInvalid(path.string(), field + ".style", "\"" + style + "\" is not auto, openai or tgi");
        }
        endpoint.style = *parsed;
        endpoints.push_back(std::move(endpoint));
    }
    return endpoints;
}

std::map<std::string, std::string> readKeys(const std::filesystem::path& path)
{
    const Json json = readObject(path);
    std::map<std::string, std::string> keys;
    if (!json.contains("keys")) {
        return keys;
    }
    if (!json["keys"].is_object()) {
        throwInvalid(path.string(), "keys", "is not an object of URL: key; fix or delete the file");
    }
    for (const auto& [url, key] : json["keys"].items()) {
        if (!key.is_string()) {
            throwInvalid(path.string(), "keys", "the key of " + url + " is not a string; fix or delete the file");
        }
        keys[url] = key.get<std::string>();
    }
    return keys;
}

void writeEndpoints(const std::filesystem::path& path, const std::vector<SavedEndpoint>& endpoints)
{
    Json list = Json::array();
    for (const auto& endpoint : endpoints) {
        list.push_back({{"name", endpoint.name}, {"url", endpoint.url}, {"style", std::string(apiStyleName(endpoint.style))}});
    }
    writeFileAtomically(path, Json{{"endpoints", std::move(list)}}.dump(2) + "\n");
}

void writeKeys(const std::filesystem::path& path, const std::map<std::string, std::string>& keys)
{
    Json object = Json::object();
    for (const auto& [url, key] : keys) {
        object[url] = key;
    }
    writeFileAtomically(path, Json{{"keys", std::move(object)}}.dump(2) + "\n", kSecretMode);
}

void createFolder(const std::filesystem::path& folder)
{
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
        throwIo(folder.string(), "cannot create the config folder", ec.value());
    }
}

}  // namespace

EndpointStore::EndpointStore(std::filesystem::path configFolder)
    : m_folder(std::move(configFolder))
{
}

std::vector<SavedEndpoint> EndpointStore::list() const
{
    std::vector<SavedEndpoint> endpoints = readEndpoints(endpointsFile());
    const auto keys = readKeys(keysFile());
    for (auto& endpoint : endpoints) {
        endpoint.hasKey = keys.count(endpoint.url) > 0;
    }
    return endpoints;
}

void EndpointStore::save(const SavedEndpoint& endpoint, const std::optional<std::string>& apiKey)
{
    resolveEndpoint(Endpoint{endpoint.url, {}, endpoint.style});  // throws on a URL that cannot work
    std::vector<SavedEndpoint> endpoints = readEndpoints(endpointsFile());
    auto keys = readKeys(keysFile());
    SavedEndpoint saved = endpoint;
    if (saved.name.empty()) {
        saved.name = saved.url;
    }
    const auto same = std::find_if(endpoints.begin(), endpoints.end(), [&](const SavedEndpoint& e) { return e.url == endpoint.url; });
    if (same != endpoints.end()) {
        *same = saved;
    } else {
        endpoints.push_back(saved);
    }
    createFolder(m_folder);
    // The key first: a crash between the two writes leaves a key without an entry (harmless),
    // never an entry that claims a key it lacks.
    if (apiKey) {
        if (apiKey->empty()) {
            keys.erase(endpoint.url);
        } else {
            keys[endpoint.url] = *apiKey;
        }
        writeKeys(keysFile(), keys);
    }
    writeEndpoints(endpointsFile(), endpoints);
}

void EndpointStore::remove(const std::string& url)
{
    std::vector<SavedEndpoint> endpoints = readEndpoints(endpointsFile());
    auto keys = readKeys(keysFile());
    const auto end = std::remove_if(endpoints.begin(), endpoints.end(), [&](const SavedEndpoint& e) { return e.url == url; });
    const bool listed = end != endpoints.end();
    endpoints.erase(end, endpoints.end());
    if (keys.erase(url) > 0) {
        writeKeys(keysFile(), keys);
    }
    if (listed) {
        writeEndpoints(endpointsFile(), endpoints);
    }
}

std::optional<std::string> EndpointStore::apiKey(const std::string& url) const
{
    const auto keys = readKeys(keysFile());
    const auto it = keys.find(url);
    return it == keys.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string maskSecret(std::string_view key)
{
    constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …
    if (key.size() < 8) {
        return std::string(kEllipsis);
    }
    if (key.size() < 16) {
        return std::string(kEllipsis) + std::string(key.substr(key.size() - 2));
    }
    // A vendor prefix ("sk-", "hf_") says which service the key belongs to.
    const std::size_t separator = key.find_first_of("-_");
    const std::string_view prefix = separator != std::string_view::npos && separator < 4 ? key.substr(0, separator + 1) : std::string_view();
    return std::string(prefix) + std::string(kEllipsis) + std::string(key.substr(key.size() - 4));
}

}  // namespace lathe::remote
