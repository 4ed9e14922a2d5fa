// A conversation of the Chat page: a tree of messages, because editing a user turn and resending
// it, or regenerating an answer, adds a sibling instead of overwriting (the "< 2/3 >" arrows).
// Every node remembers which of its children is shown; following those choices from the root
// gives the main column, and a second leaf (compareLeaf) gives the compare column. Saved as a
// versioned JSON document (ConversationStore) and exported as JSON or Markdown.
//
// Threads: a plain value with no locking; one thread at a time (the GUI thread owns the open
// conversation and hands copies to workers).
#pragma once

#include "chat/chat_backend.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::chat {

// What is known about how an assistant message was produced, for the line under the answer.
struct AnswerInfo {
    std::string backend;  // the model or endpoint name
    std::string finish;   // finishName() of the result; "" while the answer is streaming
    std::string error;    // Finish::Error, or a request that failed before any text
    std::int64_t promptTokens = -1;  // -1: the backend did not say
    std::int64_t completionTokens = 0;
    std::int64_t droppedMessages = 0;
    double timeToFirstTokenMs = 0.0;
    double tokensPerSecond = 0.0;

    bool operator==(const AnswerInfo&) const = default;
};

// A message among the messages that share its parent: shown as "< index+1/count >".
struct SiblingPosition {
    int index = 0;  // 0-based, in creation order
    int count = 0;

    bool operator==(const SiblingPosition&) const = default;
};

// The first line of `text` that is neither blank nor a Markdown code fence, trimmed and cut at a word to about
// `maxCharacters` code points, with "…" where it was cut: titles and list snippets.
std::string firstLinePreview(std::string_view text, std::size_t maxCharacters);

class Conversation {
public:
    struct Node {
        std::int64_t id = 0;      // unique in the conversation, never reused (even after removal)
        std::int64_t parent = 0;  // 0: a first message (root level)
        std::string role;         // "user" or "assistant"
        std::string content;      // Markdown, as typed or as the model wrote it
        std::int64_t createdMs = 0;          // unix time in milliseconds
        std::optional<AnswerInfo> answer;    // assistant messages, once an answer was asked for
        std::vector<std::int64_t> children;  // in creation order (ascending ids)
        std::int64_t selectedChild = 0;      // the child shown after this one; 0 iff no children
    };

    // The document's "format" and the newest "version" this code reads and writes.
    static constexpr std::string_view kFormat = "lathe-conversation";
    static constexpr int kVersion = 1;

    // An empty conversation with a new random id (128 bits as 32 lowercase hex digits) and
    // createdMs = updatedMs = now.
    static Conversation create();

    // A conversation id is 1 to 64 lowercase hex digits: safe as a file name.
    static bool isValidId(std::string_view id);

    // Reads a document written by toJson(). Validates everything: types, the format and version,
    // the id, unique node ids, parents that exist, no cycles, selected children that are
    // children, known roles, value ranges. Throws lathe::Error naming `fileForErrors` and the
    // field ("nodes[3].parent") with what is wrong: InvalidInput, or Unsupported for a newer
    // version. A node's "selectedChild" of 0 (or absent) selects its newest child.
    static Conversation fromJson(const nlohmann::json& document, const std::string& fileForErrors);
    // The whole tree, nodes in id order: the saved format and the JSON export.
    nlohmann::json toJson() const;
    // The shown path as Markdown: the title as "# ", the system prompt, then "**User**" and
    // "**Assistant** (model, finish)" sections with each message's content verbatim.
    std::string toMarkdown() const;

    const std::string& id() const { return m_id; }
    // The title set by the user, else suggestTitle() (which follows the shown path).
    std::string title() const;
    const std::string& customTitle() const { return m_title; }
    void setTitle(std::string title);  // "" returns to the automatic title
    // The first line of the shown path's first user message, cut at a word to about 48
    // characters ("…" marks a cut); "" when there is no user message yet.
    std::string suggestTitle() const;

    const std::string& systemPrompt() const { return m_systemPrompt; }
    void setSystemPrompt(std::string prompt);
    const SamplingSettings& sampling() const { return m_sampling; }
    void setSampling(SamplingSettings sampling);

    std::int64_t createdMs() const { return m_createdMs; }
    // The last change of content (messages, answers, title, system prompt, sampling); choosing
    // which branch is shown does not count.
    std::int64_t updatedMs() const { return m_updatedMs; }

    bool empty() const { return m_nodes.empty(); }
    std::size_t nodeCount() const { return m_nodes.size(); }
    // nullptr when there is no such node. Valid until that node is removed.
    const Node* node(std::int64_t id) const;
    // The children of `parentId` in creation order; 0: the root level.
    const std::vector<std::int64_t>& children(std::int64_t parentId) const;

    // The main column: from the root, following each node's selected child.
    std::vector<const Node*> path() const;
    // Root..leafId (any node, not only a leaf); empty for 0. Throws for an unknown id.
    std::vector<const Node*> pathTo(std::int64_t leafId) const;
    // The last node of path(); 0 when the conversation is empty.
    std::int64_t leaf() const;
    // What a ChatBackend is sent to answer after `leafId`: the system prompt (when not empty)
    // then the roles and contents of pathTo(leafId), verbatim.
    std::vector<Message> messages(std::int64_t leafId) const;

    // Adds a message under `parent` (0: at the root level) and shows it: it becomes its parent's
    // selected child. role: "user" or "assistant". Returns its id. Throws lathe::Error
    // (InvalidInput) for an unknown parent or role.
    std::int64_t append(std::int64_t parent, std::string role, std::string content);
    // Adds a sibling of `siblingId` (same parent, same role) and shows it: Edit-and-resend of a
    // user turn, or an empty assistant sibling to Regenerate into. The old branch stays
    // reachable through the sibling arrows. Returns the new id.
    std::int64_t branchFrom(std::int64_t siblingId, std::string content);
    void setContent(std::int64_t id, std::string content);
    void appendContent(std::int64_t id, std::string_view text);  // streaming
    // Assistant messages only.
    void setAnswerInfo(std::int64_t id, AnswerInfo info);
    // Removes the node and everything under it. Where it was the selected child, its previous
    // sibling is shown (else the next one); a compare leaf inside it is cleared.
    void removeSubtree(std::int64_t id);

    SiblingPosition siblings(std::int64_t id) const;
    // Shows the sibling `delta` places away from `id` (-1: "<", +1: ">") and returns its id.
    // Clamps at the first and last sibling rather than wrapping, so the arrows stop at the
    // ends as the "< 1/3 >" label suggests.
    std::int64_t selectSibling(std::int64_t id, int delta);
    // Selects every node on root..id, so that path() passes through `id` (a search hit, the
    // compare column promoted to the main one).
    void selectPathTo(std::int64_t id);

    // The compare column's leaf; 0: not comparing.
    std::int64_t compareLeaf() const { return m_compareLeaf; }
    void setCompareLeaf(std::int64_t id);  // 0 clears; throws for an unknown id

    // Whether `query` occurs, case-insensitively (Unicode lowercase), in the title, the system
    // prompt or any message of any branch. An empty query matches.
    bool matches(std::string_view query) const;

private:
    Conversation() = default;

    Node& mutableNode(std::int64_t id);
    std::vector<std::int64_t>& childrenOf(std::int64_t parentId);
    std::int64_t& selectedChildOf(std::int64_t parentId);
    void touch();

    std::string m_id;
    std::string m_title;
    std::string m_systemPrompt;
    SamplingSettings m_sampling;
    std::int64_t m_createdMs = 0;
    std::int64_t m_updatedMs = 0;
    std::map<std::int64_t, Node> m_nodes;  // by id; std::map keeps node() pointers stable
    std::vector<std::int64_t> m_rootChildren;
    std::int64_t m_rootSelected = 0;
    std::int64_t m_nextId = 1;
    std::int64_t m_compareLeaf = 0;
};

}  // namespace lathe::chat
