// ConversationStore: <id>.json files read with a size cap and validated by
// Conversation::fromJson, written through writeFileAtomically.
#include "chat/conversation_store.h"

#include "core/error.h"
#include "core/file_io.h"

#include <algorithm>
#include <system_error>

namespace lathe::chat {
namespace {

namespace fs = std::filesystem;

// Far above any real conversation; keeps a stray huge file from being read into memory.
constexpr std::uintmax_t kMaxConversationBytes = std::uintmax_t{256} << 20;
constexpr std::size_t kSnippetCharacters = 80;

// Indented, with a final newline; invalid UTF-8 that streamed into a message is replaced
// (U+FFFD) rather than failing the save.
std::string documentText(const Conversation& conversation)
{
    return conversation.toJson().dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Conversation readConversationFile(const fs::path& path)
{
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) throwIo(path.string(), "cannot read", ec.value());
    if (size > kMaxConversationBytes) {
        throwInvalid(path.string(), {},
                     "is " + std::to_string(size) + " bytes, more than a conversation file may hold (" +
                         std::to_string(kMaxConversationBytes) + ")");
    }
    const std::string text = readWholeFile(path);
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throwInvalid(path.string(), {}, std::string("not valid JSON: ") + e.what());
    }
    return Conversation::fromJson(document, path.string());
}

}  // namespace

ConversationStore::ConversationStore(fs::path folder) : m_folder(std::move(folder)) {}

fs::path ConversationStore::fileFor(const std::string& id) const
{
    if (!Conversation::isValidId(id)) {
        throwInvalid(m_folder.string(), "id", "\"" + id + "\" is not a conversation id (1 to 64 lowercase hex digits)");
    }
    return m_folder / (id + ".json");
}

Conversation ConversationStore::load(const std::string& id) const
{
    const fs::path path = fileFor(id);
    Conversation conversation = readConversationFile(path);
    if (conversation.id() != id) {
        // Saving it would write another file and leave this one behind.
        throwInvalid(path.string(), "id", "\"" + conversation.id() + "\" does not match the file name");
    }
    return conversation;
}

void ConversationStore::save(const Conversation& conversation)
{
    const fs::path path = fileFor(conversation.id());
    std::error_code ec;
    fs::create_directories(m_folder, ec);
    if (ec) throwIo(m_folder.string(), "cannot create the folder", ec.value());
    writeFileAtomically(path, documentText(conversation));
}

void ConversationStore::remove(const std::string& id)
{
    const fs::path path = fileFor(id);
    std::error_code ec;
    fs::remove(path, ec);
    if (ec) throwIo(path.string(), "cannot delete", ec.value());
}

std::vector<Conversation> ConversationStore::loadAll() const
{
    m_problems.clear();
    std::vector<Conversation> conversations;
    std::error_code ec;
    if (!fs::exists(m_folder, ec)) return conversations;
    fs::directory_iterator it(m_folder, ec);
    if (ec) throwIo(m_folder.string(), "cannot list the folder", ec.value());
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        const fs::path path = it->path();
        if (path.extension() != ".json") continue;  // temporary files of a save in progress, other files
        try {
            if (!it->is_regular_file()) throwInvalid(path.string(), {}, "is not a regular file");
            const std::string id = path.stem().string();
            if (!Conversation::isValidId(id)) {
                throwInvalid(path.string(), {}, "is not named like a conversation (<hex id>.json)");
            }
            conversations.push_back(load(id));
        } catch (const std::exception& e) {
            // lathe::Error as a rule; a filesystem or allocation failure on one file is still
            // one file's problem.
            m_problems.push_back({path, e.what()});
        }
    }
    if (ec) throwIo(m_folder.string(), "cannot list the folder", ec.value());
    std::sort(conversations.begin(), conversations.end(), [](const Conversation& a, const Conversation& b) {
        return a.updatedMs() != b.updatedMs() ? a.updatedMs() > b.updatedMs() : a.id() < b.id();
    });
    std::sort(m_problems.begin(), m_problems.end(),
              [](const StoreProblem& a, const StoreProblem& b) { return a.path < b.path; });
    return conversations;
}

std::vector<ConversationSummary> ConversationStore::list() const
{
    std::vector<ConversationSummary> summaries;
    for (const Conversation& c : loadAll()) {
        const auto path = c.path();
        summaries.push_back({
            .id = c.id(),
            .title = c.title(),
            .updatedMs = c.updatedMs(),
            .messageCount = static_cast<std::int64_t>(path.size()),
            .snippet = path.empty() ? std::string() : firstLinePreview(path.back()->content, kSnippetCharacters),
        });
    }
    return summaries;
}

std::vector<std::string> ConversationStore::search(std::string_view query) const
{
    std::vector<std::string> ids;
    for (const Conversation& c : loadAll()) {
        if (c.matches(query)) ids.push_back(c.id());
    }
    return ids;
}

void exportJson(const Conversation& conversation, const fs::path& path)
{
    writeFileAtomically(path, documentText(conversation));
}

void exportMarkdown(const Conversation& conversation, const fs::path& path)
{
    writeFileAtomically(path, conversation.toMarkdown());
}

}  // namespace lathe::chat
