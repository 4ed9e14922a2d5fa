// The saved conversations: one <id>.json per conversation in a folder (conversationsFolder()
// in the app), written atomically, listed newest first for the Chat page's sidebar and
// searched there. A file that does not load is reported (problems()) and skipped, so one bad
// file never hides the others. Also the JSON and Markdown export of one conversation.
//
// Threads: a store is used from one thread at a time (list() records its problems); two
// stores over the same folder in different threads are safe, every write being a rename.
#pragma once

#include "chat/conversation.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::chat {

// One row of the conversation list.
struct ConversationSummary {
    std::string id;
    std::string title;  // Conversation::title(); "" before the first user message
    std::int64_t updatedMs = 0;
    std::int64_t messageCount = 0;  // messages on the shown path
    std::string snippet;            // the shown path's last message: its first line, ~80 characters
};

// A file of the folder that list() could not load.
struct StoreProblem {
    std::filesystem::path path;
    std::string message;  // the lathe::Error's text: file, field, reason
};

class ConversationStore {
public:
    // The folder need not exist yet; save() creates it.
    explicit ConversationStore(std::filesystem::path folder);

    const std::filesystem::path& folder() const { return m_folder; }

    // Every conversation that loads, newest updatedMs first (ties by id). Never throws for a
    // bad file (see problems()); throws lathe::Error (Io) when the folder cannot be read.
    std::vector<ConversationSummary> list() const;
    // The files the last list() or search() skipped, and why.
    const std::vector<StoreProblem>& problems() const { return m_problems; }

    // Throws lathe::Error: InvalidInput for an id that is not a conversation id or a file that
    // does not validate (naming it and the field), Io when it cannot be read.
    Conversation load(const std::string& id) const;
    // Writes folder/<id>.json atomically, creating the folder.
    void save(const Conversation& conversation);
    // Deletes folder/<id>.json; nothing happens when there is no such file.
    void remove(const std::string& id);
    // The ids of the conversations that match (Conversation::matches), in list() order.
    std::vector<std::string> search(std::string_view query) const;

    std::filesystem::path fileFor(const std::string& id) const;  // validates the id

private:
    std::vector<Conversation> loadAll() const;

    std::filesystem::path m_folder;
    mutable std::vector<StoreProblem> m_problems;
};

// The conversation's JSON document (the saved format), written atomically to `path`.
void exportJson(const Conversation& conversation, const std::filesystem::path& path);
// Conversation::toMarkdown(), written atomically to `path`.
void exportMarkdown(const Conversation& conversation, const std::filesystem::path& path);

}  // namespace lathe::chat
