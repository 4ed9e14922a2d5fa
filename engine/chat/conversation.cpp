// Conversation: the message tree and its selection, the JSON format (written and validated
// field by field), the Markdown export, titles and search.
#include "chat/conversation.h"

#include "core/error.h"

#include <utf8proc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <unordered_map>

namespace lathe::chat {
namespace {

using json = nlohmann::json;

// Ids stay exact in every JSON reader, JavaScript's included.
constexpr std::int64_t kMaxNodeId = (std::int64_t{1} << 53) - 1;
constexpr std::size_t kTitleCharacters = 48;

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool isUtf8Continuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && isBlank(text.front())) text.remove_prefix(1);
    while (!text.empty() && isBlank(text.back())) text.remove_suffix(1);
    return text;
}

// Lowercase for search: ASCII directly, other code points through utf8proc; bytes that are not
// valid UTF-8 are kept as they are (a search must not fail on them).
std::string lowercase(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (byte < 0x80) {
            out += static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte);
            ++pos;
            continue;
        }
        utf8proc_int32_t codePoint = 0;
        const utf8proc_ssize_t length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                                         static_cast<utf8proc_ssize_t>(text.size() - pos), &codePoint);
        if (length <= 0) {
            out += static_cast<char>(byte);
            ++pos;
            continue;
        }
        utf8proc_uint8_t encoded[4];
        const utf8proc_ssize_t written = utf8proc_encode_char(utf8proc_tolower(codePoint), encoded);
        out.append(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(written));
        pos += static_cast<std::size_t>(length);
    }
    return out;
}

std::string randomHexId()
{
    std::random_device device;
    std::string id;
    for (int i = 0; i < 4; ++i) {
        char word[9];
        std::snprintf(word, sizeof word, "%08x", static_cast<unsigned>(device()));
        id += word;
    }
    return id;
}

bool isRole(std::string_view role)
{
    return role == "user" || role == "assistant";
}

// JSON cannot hold NaN or infinities (nlohmann would write null, which the reader rejects).
double finiteOrZero(double value)
{
    return std::isfinite(value) ? value : 0.0;
}

template <typename T>
json optionalValue(const std::optional<T>& value)
{
    return value ? json(*value) : json(nullptr);
}

json optionalNumber(const std::optional<double>& value)
{
    return value && std::isfinite(*value) ? json(*value) : json(nullptr);
}

// Reads the document, failing with the file and the field on the first thing that is wrong.
class DocumentReader {
public:
    explicit DocumentReader(const std::string& file) : m_file(file) {}

    [[noreturn]] void fail(const std::string& field, const std::string& reason) const
    {
        throwInvalid(m_file, field, reason);
    }

    const json& required(const json& object, const char* key, const std::string& field) const
    {
        const auto it = object.find(key);
        if (it == object.end()) fail(field, "is missing");
        return *it;
    }

    // nullptr when absent or null.
    const json* optional(const json& object, const char* key) const
    {
        const auto it = object.find(key);
        return it == object.end() || it->is_null() ? nullptr : &*it;
    }

    void requireType(const json& value, json::value_t type, const char* name, const std::string& field) const
    {
        if (value.type() != type) fail(field, std::string("expected ") + name + ", found " + value.type_name());
    }

    const json& object(const json& value, const std::string& field) const
    {
        requireType(value, json::value_t::object, "an object", field);
        return value;
    }

    std::string string(const json& value, const std::string& field) const
    {
        requireType(value, json::value_t::string, "a string", field);
        return value.get<std::string>();
    }

    std::int64_t integer(const json& value, const std::string& field, std::int64_t min, std::int64_t max) const
    {
        if (!value.is_number_integer()) fail(field, std::string("expected an integer, found ") + value.type_name());
        const bool tooBig = value.is_number_unsigned() &&
                            value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        const std::int64_t n = tooBig ? std::numeric_limits<std::int64_t>::max() : value.get<std::int64_t>();
        if (tooBig || n < min || n > max) {
            fail(field, value.dump() + " is out of range (" + std::to_string(min) +
                            (max == std::numeric_limits<std::int64_t>::max() ? " or more" : " to " + std::to_string(max)) +
                            ")");
        }
        return n;
    }

    double number(const json& value, const std::string& field, double min, double max) const
    {
        if (!value.is_number()) fail(field, std::string("expected a number, found ") + value.type_name());
        const double x = value.get<double>();
        if (!(x >= min && x <= max)) {
            fail(field, value.dump() + " is out of range (" + json(min).dump() +
                            (max == std::numeric_limits<double>::max() ? " or more" : " to " + json(max).dump()) + ")");
        }
        return x;
    }

    template <typename T, typename Read>
    void optionalField(const json& object, const char* key, const std::string& field, std::optional<T>& out,
                       Read read) const
    {
        if (const json* value = optional(object, key)) out = read(*value, field);
    }

private:
    const std::string& m_file;
};

constexpr double kNoLimit = std::numeric_limits<double>::max();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

json samplingToJson(const SamplingSettings& s)
{
    return json{
        {"temperature", optionalNumber(s.temperature)},
        {"topK", optionalValue(s.topK)},
        {"topP", optionalNumber(s.topP)},
        {"minP", optionalNumber(s.minP)},
        {"repetitionPenalty", optionalNumber(s.repetitionPenalty)},
        {"maxNewTokens", optionalValue(s.maxNewTokens)},
        {"seed", optionalValue(s.seed)},
        {"stop", s.stop},
    };
}

SamplingSettings samplingFromJson(const DocumentReader& r, const json& value)
{
    r.object(value, "sampling");
    SamplingSettings s;
    const auto number = [&](double min, double max) {
        return [&r, min, max](const json& v, const std::string& field) { return r.number(v, field, min, max); };
    };
    r.optionalField(value, "temperature", "sampling.temperature", s.temperature, number(0.0, kNoLimit));
    r.optionalField(value, "topK", "sampling.topK", s.topK, [&](const json& v, const std::string& field) {
        return static_cast<std::int32_t>(r.integer(v, field, 0, std::numeric_limits<std::int32_t>::max()));
    });
    r.optionalField(value, "topP", "sampling.topP", s.topP, number(0.0, 1.0));
    r.optionalField(value, "minP", "sampling.minP", s.minP, number(0.0, 1.0));
    r.optionalField(value, "repetitionPenalty", "sampling.repetitionPenalty", s.repetitionPenalty,
                    [&](const json& v, const std::string& field) {
                        const double x = r.number(v, field, 0.0, kNoLimit);
                        if (x <= 0.0) r.fail(field, "must be greater than 0");
                        return x;
                    });
    r.optionalField(value, "maxNewTokens", "sampling.maxNewTokens", s.maxNewTokens,
                    [&](const json& v, const std::string& field) { return r.integer(v, field, 1, kInt64Max); });
    r.optionalField(value, "seed", "sampling.seed", s.seed, [&](const json& v, const std::string& field) {
        if (!v.is_number_integer()) r.fail(field, std::string("expected an integer, found ") + v.type_name());
        if (!v.is_number_unsigned() && v.get<std::int64_t>() < 0) r.fail(field, v.dump() + " is negative");
        return v.get<std::uint64_t>();
    });
    if (const json* stop = r.optional(value, "stop")) {
        r.requireType(*stop, json::value_t::array, "an array of strings", "sampling.stop");
        for (std::size_t i = 0; i < stop->size(); ++i) {
            s.stop.push_back(r.string((*stop)[i], "sampling.stop[" + std::to_string(i) + "]"));
        }
    }
    return s;
}

json answerToJson(const AnswerInfo& a)
{
    return json{
        {"backend", a.backend},
        {"finish", a.finish},
        {"error", a.error},
        {"promptTokens", a.promptTokens},
        {"completionTokens", a.completionTokens},
        {"droppedMessages", a.droppedMessages},
        {"timeToFirstTokenMs", finiteOrZero(a.timeToFirstTokenMs)},
        {"tokensPerSecond", finiteOrZero(a.tokensPerSecond)},
    };
}

AnswerInfo answerFromJson(const DocumentReader& r, const json& value, const std::string& field)
{
    r.object(value, field);
    AnswerInfo a;
    a.backend = r.string(r.required(value, "backend", field + ".backend"), field + ".backend");
    a.finish = r.string(r.required(value, "finish", field + ".finish"), field + ".finish");
    static const std::vector<std::string> kFinishes = {"", "eos", "stop", "length", "cancelled", "error"};
    if (std::find(kFinishes.begin(), kFinishes.end(), a.finish) == kFinishes.end()) {
        r.fail(field + ".finish", "\"" + a.finish + "\" is not one of eos, stop, length, cancelled, error (or \"\")");
    }
    a.error = r.string(r.required(value, "error", field + ".error"), field + ".error");
    a.promptTokens = r.integer(r.required(value, "promptTokens", field + ".promptTokens"), field + ".promptTokens", -1,
                               kInt64Max);
    a.completionTokens = r.integer(r.required(value, "completionTokens", field + ".completionTokens"),
                                   field + ".completionTokens", 0, kInt64Max);
    a.droppedMessages = r.integer(r.required(value, "droppedMessages", field + ".droppedMessages"),
                                  field + ".droppedMessages", 0, kInt64Max);
    a.timeToFirstTokenMs = r.number(r.required(value, "timeToFirstTokenMs", field + ".timeToFirstTokenMs"),
                                    field + ".timeToFirstTokenMs", 0.0, kNoLimit);
    a.tokensPerSecond = r.number(r.required(value, "tokensPerSecond", field + ".tokensPerSecond"),
                                 field + ".tokensPerSecond", 0.0, kNoLimit);
    return a;
}

}  // namespace

std::string firstLinePreview(std::string_view text, std::size_t maxCharacters)
{
    // The first line with words: blank lines and Markdown code fences ("```python") say nothing.
    std::string_view line;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        line = trimmed(text.substr(0, end));
        const bool fence = line.starts_with("```") || line.starts_with("~~~");
        if ((!line.empty() && !fence) || end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    if (line.starts_with("```") || line.starts_with("~~~")) line = {};
    // Cut after maxCharacters code points: where a word ends there, else back to the last
    // space in the second half (a word is not split unless it is very long).
    std::size_t characters = 0;
    std::size_t cut = line.size();
    std::size_t lastSpace = std::string_view::npos;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (isUtf8Continuation(line[i])) continue;
        if (characters == maxCharacters) {
            cut = line[i] == ' ' || lastSpace == std::string_view::npos ? i : lastSpace;
            break;
        }
        if (line[i] == ' ' && characters >= maxCharacters / 2) lastSpace = i;
        ++characters;
    }
    if (cut == line.size()) return std::string(line);
    return std::string(trimmed(line.substr(0, cut))) + "\u2026";
}

Conversation Conversation::create()
{
    Conversation conversation;
    conversation.m_id = randomHexId();
    conversation.m_createdMs = nowMs();
    conversation.m_updatedMs = conversation.m_createdMs;
    return conversation;
}

bool Conversation::isValidId(std::string_view id)
{
    return !id.empty() && id.size() <= 64 &&
           std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// ---- the tree --------------------------------------------------------------------------------

const Conversation::Node* Conversation::node(std::int64_t id) const
{
    const auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : &it->second;
}

Conversation::Node& Conversation::mutableNode(std::int64_t id)
{
    const auto it = m_nodes.find(id);
    if (it == m_nodes.end()) {
        throwInvalid("conversation " + m_id, "message " + std::to_string(id), "no such message");
    }
    return it->second;
}

const std::vector<std::int64_t>& Conversation::children(std::int64_t parentId) const
{
    if (parentId == 0) return m_rootChildren;
    const Node* parent = node(parentId);
    if (parent == nullptr) {
        throwInvalid("conversation " + m_id, "message " + std::to_string(parentId), "no such message");
    }
    return parent->children;
}

std::vector<std::int64_t>& Conversation::childrenOf(std::int64_t parentId)
{
    return parentId == 0 ? m_rootChildren : mutableNode(parentId).children;
}

std::int64_t& Conversation::selectedChildOf(std::int64_t parentId)
{
    return parentId == 0 ? m_rootSelected : mutableNode(parentId).selectedChild;
}

void Conversation::touch()
{
    m_updatedMs = nowMs();
}

std::vector<const Conversation::Node*> Conversation::path() const
{
    std::vector<const Node*> nodes;
    for (std::int64_t id = m_rootSelected; id != 0;) {
        const Node& n = m_nodes.at(id);
        nodes.push_back(&n);
        id = n.selectedChild;
    }
    return nodes;
}

std::vector<const Conversation::Node*> Conversation::pathTo(std::int64_t leafId) const
{
    std::vector<const Node*> nodes;
    for (std::int64_t id = leafId; id != 0;) {
        const Node* n = node(id);
        if (n == nullptr) throwInvalid("conversation " + m_id, "message " + std::to_string(id), "no such message");
        nodes.push_back(n);
        id = n->parent;
    }
    std::reverse(nodes.begin(), nodes.end());
    return nodes;
}

std::int64_t Conversation::leaf() const
{
    const auto nodes = path();
    return nodes.empty() ? 0 : nodes.back()->id;
}

std::vector<Message> Conversation::messages(std::int64_t leafId) const
{
    std::vector<Message> out;
    if (!m_systemPrompt.empty()) out.push_back({"system", m_systemPrompt});
    for (const Node* n : pathTo(leafId)) {
        out.push_back({n->role, n->content});
    }
    return out;
}

std::int64_t Conversation::append(std::int64_t parent, std::string role, std::string content)
{
    if (!isRole(role)) {
        throwInvalid("conversation " + m_id, "role", "\"" + role + "\" is not a message role (user, assistant)");
    }
    std::vector<std::int64_t>& siblings = childrenOf(parent);  // throws for an unknown parent
    if (m_nextId > kMaxNodeId) throwInvalid("conversation " + m_id, "nextId", "no message ids left");
    const std::int64_t id = m_nextId++;
    Node n;
    n.id = id;
    n.parent = parent;
    n.role = std::move(role);
    n.content = std::move(content);
    n.createdMs = nowMs();
    siblings.push_back(id);
    selectedChildOf(parent) = id;
    m_nodes.emplace(id, std::move(n));
    touch();
    return id;
}

std::int64_t Conversation::branchFrom(std::int64_t siblingId, std::string content)
{
    const Node& sibling = mutableNode(siblingId);
    return append(sibling.parent, sibling.role, std::move(content));
}

void Conversation::setContent(std::int64_t id, std::string content)
{
    mutableNode(id).content = std::move(content);
    touch();
}

void Conversation::appendContent(std::int64_t id, std::string_view text)
{
    mutableNode(id).content += text;
    touch();
}

void Conversation::setAnswerInfo(std::int64_t id, AnswerInfo info)
{
    Node& n = mutableNode(id);
    if (n.role != "assistant") {
        throwInvalid("conversation " + m_id, "message " + std::to_string(id), "only assistant messages carry answer info");
    }
    n.answer = std::move(info);
    touch();
}

void Conversation::removeSubtree(std::int64_t id)
{
    const std::int64_t parent = mutableNode(id).parent;
    std::vector<std::int64_t>& siblings = childrenOf(parent);
    const auto position = std::find(siblings.begin(), siblings.end(), id);
    const std::size_t index = static_cast<std::size_t>(position - siblings.begin());
    siblings.erase(position);
    std::int64_t& selected = selectedChildOf(parent);
    if (selected == id) {
        selected = siblings.empty() ? 0 : siblings[index > 0 ? index - 1 : 0];
    }
    std::vector<std::int64_t> pending = {id};
    while (!pending.empty()) {
        const std::int64_t current = pending.back();
        pending.pop_back();
        const auto it = m_nodes.find(current);
        pending.insert(pending.end(), it->second.children.begin(), it->second.children.end());
        if (m_compareLeaf == current) m_compareLeaf = 0;
        m_nodes.erase(it);
    }
    touch();
}

SiblingPosition Conversation::siblings(std::int64_t id) const
{
    const Node* n = node(id);
    if (n == nullptr) throwInvalid("conversation " + m_id, "message " + std::to_string(id), "no such message");
    const std::vector<std::int64_t>& all = children(n->parent);
    const auto index = std::find(all.begin(), all.end(), id) - all.begin();
    return {static_cast<int>(index), static_cast<int>(all.size())};
}

std::int64_t Conversation::selectSibling(std::int64_t id, int delta)
{
    const SiblingPosition position = siblings(id);
    const std::int64_t parent = m_nodes.at(id).parent;
    const std::int64_t target = std::clamp<std::int64_t>(std::int64_t{position.index} + delta, 0, position.count - 1);
    const std::int64_t chosen = childrenOf(parent)[static_cast<std::size_t>(target)];
    selectedChildOf(parent) = chosen;
    return chosen;
}

void Conversation::selectPathTo(std::int64_t id)
{
    for (const Node* n : pathTo(id)) {
        selectedChildOf(n->parent) = n->id;
    }
}

void Conversation::setCompareLeaf(std::int64_t id)
{
    if (id != 0) mutableNode(id);  // must exist
    m_compareLeaf = id;
}

// ---- title, metadata, search ---------------------------------------------------------------

std::string Conversation::title() const
{
    return m_title.empty() ? suggestTitle() : m_title;
}

void Conversation::setTitle(std::string title)
{
    m_title = std::move(title);
    touch();
}

std::string Conversation::suggestTitle() const
{
    for (const Node* n : path()) {
        if (n->role == "user") return firstLinePreview(n->content, kTitleCharacters);
    }
    return {};
}

void Conversation::setSystemPrompt(std::string prompt)
{
    m_systemPrompt = std::move(prompt);
    touch();
}

void Conversation::setSampling(SamplingSettings sampling)
{
    m_sampling = std::move(sampling);
    touch();
}

bool Conversation::matches(std::string_view query) const
{
    if (query.empty()) return true;
    const std::string needle = lowercase(query);
    const auto contains = [&needle](std::string_view text) { return lowercase(text).find(needle) != std::string::npos; };
    if (contains(title()) || contains(m_systemPrompt)) return true;
    return std::any_of(m_nodes.begin(), m_nodes.end(), [&](const auto& entry) { return contains(entry.second.content); });
}

// ---- JSON ------------------------------------------------------------------------------------

json Conversation::toJson() const
{
    json nodes = json::array();
    for (const auto& [id, n] : m_nodes) {
        json entry = {
            {"id", n.id},
            {"parent", n.parent},
            {"role", n.role},
            {"content", n.content},
            {"createdMs", n.createdMs},
            {"selectedChild", n.selectedChild},
        };
        if (n.answer) entry["answer"] = answerToJson(*n.answer);
        nodes.push_back(std::move(entry));
    }
    return json{
        {"format", std::string(kFormat)},
        {"version", kVersion},
        {"id", m_id},
        {"title", m_title},
        {"systemPrompt", m_systemPrompt},
        {"createdMs", m_createdMs},
        {"updatedMs", m_updatedMs},
        {"sampling", samplingToJson(m_sampling)},
        {"nextId", m_nextId},
        {"selectedRoot", m_rootSelected},
        {"compareLeaf", m_compareLeaf},
        {"nodes", std::move(nodes)},
    };
}

Conversation Conversation::fromJson(const json& document, const std::string& fileForErrors)
{
    const DocumentReader r(fileForErrors);
    r.object(document, "document");
    const std::string format = r.string(r.required(document, "format", "format"), "format");
    if (format != kFormat) r.fail("format", "\"" + format + "\" is not \"" + std::string(kFormat) + "\"");
    const std::int64_t version = r.integer(r.required(document, "version", "version"), "version", 1, kInt64Max);
    if (version > kVersion) {
        throw Error(ErrorKind::Unsupported, fileForErrors, "version",
                    std::to_string(version) + " is newer than this Lathe reads (" + std::to_string(kVersion) + ")");
    }

    Conversation c;
    c.m_id = r.string(r.required(document, "id", "id"), "id");
    if (!isValidId(c.m_id)) r.fail("id", "\"" + c.m_id + "\" is not 1 to 64 lowercase hex digits");
    c.m_title = r.string(r.required(document, "title", "title"), "title");
    c.m_systemPrompt = r.string(r.required(document, "systemPrompt", "systemPrompt"), "systemPrompt");
    c.m_createdMs = r.integer(r.required(document, "createdMs", "createdMs"), "createdMs", 0, kInt64Max);
    c.m_updatedMs = r.integer(r.required(document, "updatedMs", "updatedMs"), "updatedMs", 0, kInt64Max);
    if (const json* sampling = r.optional(document, "sampling")) c.m_sampling = samplingFromJson(r, *sampling);

    const json& nodes = r.required(document, "nodes", "nodes");
    r.requireType(nodes, json::value_t::array, "an array", "nodes");
    std::unordered_map<std::int64_t, std::size_t> indexOf;  // id -> position in "nodes"
    std::vector<std::int64_t> selected(nodes.size());
    std::vector<Node> read;
    read.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const std::string field = "nodes[" + std::to_string(i) + "]";
        const json& entry = r.object(nodes[i], field);
        Node n;
        n.id = r.integer(r.required(entry, "id", field + ".id"), field + ".id", 1, kMaxNodeId);
        if (const auto [it, added] = indexOf.emplace(n.id, i); !added) {
            r.fail(field + ".id", std::to_string(n.id) + " is also the id of nodes[" + std::to_string(it->second) + "]");
        }
        n.parent = r.integer(r.required(entry, "parent", field + ".parent"), field + ".parent", 0, kMaxNodeId);
        if (n.parent == n.id) r.fail(field + ".parent", "a message cannot be its own parent");
        n.role = r.string(r.required(entry, "role", field + ".role"), field + ".role");
        if (!isRole(n.role)) r.fail(field + ".role", "\"" + n.role + "\" is not a message role (user, assistant)");
        n.content = r.string(r.required(entry, "content", field + ".content"), field + ".content");
        n.createdMs = r.integer(r.required(entry, "createdMs", field + ".createdMs"), field + ".createdMs", 0, kInt64Max);
        if (const json* selectedChild = r.optional(entry, "selectedChild")) {
            selected[i] = r.integer(*selectedChild, field + ".selectedChild", 0, kMaxNodeId);
        }
        if (const json* answer = r.optional(entry, "answer")) {
            if (n.role != "assistant") r.fail(field + ".answer", "only assistant messages carry answer info");
            n.answer = answerFromJson(r, *answer, field + ".answer");
        }
        read.push_back(std::move(n));
    }

    // Parents must exist, and following them must reach the root: a walk down from the root
    // level that misses a node means its ancestors loop.
    std::vector<std::vector<std::size_t>> childIndices(read.size());
    std::vector<std::size_t> rootIndices;
    for (std::size_t i = 0; i < read.size(); ++i) {
        if (read[i].parent == 0) {
            rootIndices.push_back(i);
            continue;
        }
        const auto parent = indexOf.find(read[i].parent);
        if (parent == indexOf.end()) {
            r.fail("nodes[" + std::to_string(i) + "].parent", "no message has the id " + std::to_string(read[i].parent));
        }
        childIndices[parent->second].push_back(i);
    }
    std::vector<bool> reached(read.size(), false);
    std::vector<std::size_t> pending = rootIndices;
    while (!pending.empty()) {
        const std::size_t i = pending.back();
        pending.pop_back();
        reached[i] = true;
        pending.insert(pending.end(), childIndices[i].begin(), childIndices[i].end());
    }
    for (std::size_t i = 0; i < read.size(); ++i) {
        if (!reached[i]) {
            r.fail("nodes[" + std::to_string(i) + "].parent",
                   "following the parents of message " + std::to_string(read[i].id) + " never reaches the root (a cycle)");
        }
    }

    const auto byId = [&read](std::size_t a, std::size_t b) { return read[a].id < read[b].id; };
    const auto chooseSelected = [&](std::int64_t wanted, std::vector<std::size_t> childList, const std::string& field,
                                    const std::string& owner, std::vector<std::int64_t>& childIds) {
        std::sort(childList.begin(), childList.end(), byId);
        for (const std::size_t child : childList) childIds.push_back(read[child].id);
        if (wanted == 0) return childIds.empty() ? std::int64_t{0} : childIds.back();
        if (std::find(childIds.begin(), childIds.end(), wanted) == childIds.end()) {
            r.fail(field, "message " + std::to_string(wanted) + " is not " + owner);
        }
        return wanted;
    };
    std::int64_t maxId = 0;
    for (std::size_t i = 0; i < read.size(); ++i) {
        Node& n = read[i];
        n.selectedChild = chooseSelected(selected[i], childIndices[i], "nodes[" + std::to_string(i) + "].selectedChild",
                                         "a child of message " + std::to_string(n.id), n.children);
        maxId = std::max(maxId, n.id);
    }
    std::int64_t wantedRoot = 0;
    if (const json* root = r.optional(document, "selectedRoot")) {
        wantedRoot = r.integer(*root, "selectedRoot", 0, kMaxNodeId);
    }
    c.m_rootSelected = chooseSelected(wantedRoot, rootIndices, "selectedRoot", "a first message (one without a parent)",
                                      c.m_rootChildren);

    c.m_nextId = r.integer(r.required(document, "nextId", "nextId"), "nextId", 1, kMaxNodeId + 1);
    if (c.m_nextId <= maxId) {
        r.fail("nextId", std::to_string(c.m_nextId) + " is not greater than every message id (the largest is " +
                             std::to_string(maxId) + ")");
    }
    if (const json* compare = r.optional(document, "compareLeaf")) {
        c.m_compareLeaf = r.integer(*compare, "compareLeaf", 0, kMaxNodeId);
        if (c.m_compareLeaf != 0 && indexOf.find(c.m_compareLeaf) == indexOf.end()) {
            r.fail("compareLeaf", "no message has the id " + std::to_string(c.m_compareLeaf));
        }
    }
    for (Node& n : read) {
        const std::int64_t id = n.id;
        c.m_nodes.emplace(id, std::move(n));
    }
    return c;
}

// ---- Markdown --------------------------------------------------------------------------------

std::string Conversation::toMarkdown() const
{
    std::vector<std::string> blocks;
    const std::string heading = title();
    blocks.push_back("# " + (heading.empty() ? std::string("Conversation") : heading));
    if (!m_systemPrompt.empty()) {
        blocks.push_back("**System**");
        blocks.push_back(m_systemPrompt);
    }
    for (const Node* n : path()) {
        if (n->role == "user") {
            blocks.push_back("**User**");
        } else {
            std::string label = "**Assistant**";
            if (n->answer) {
                std::string details = n->answer->backend;
                if (!n->answer->finish.empty()) details += (details.empty() ? "" : ", ") + n->answer->finish;
                if (!details.empty()) label += " (" + details + ")";
            }
            blocks.push_back(label);
        }
        if (!n->content.empty()) blocks.push_back(n->content);
        if (n->answer && !n->answer->error.empty()) blocks.push_back("_Error: " + n->answer->error + "_");
    }
    std::string out;
    for (const std::string& block : blocks) {
        out += out.empty() ? "" : "\n\n";
        out += block;
    }
    return out + "\n";
}

}  // namespace lathe::chat
