// Chat template discovery and apply_chat_template's bookkeeping around the render, read from
// transformers 5.23.0 (tokenization_utils_base.py: from_pretrained, __init__,
// special_tokens_map, get_chat_template, apply_chat_template; utils/chat_template_utils.py:
// render_jinja_template; integrations/gguf/gguf_tokenizer_mapping.py).
#include "chat/template_source.h"

#include "core/error.h"
#include "core/file_io.h"
#include "io/gguf_file.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>

namespace lathe::chat {
namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

// One template and its parse, done on first use: transformers compiles only the template it
// renders, so a broken template that is never chosen must not fail the model.
struct TemplateSlot {
    std::once_flag once;
    std::optional<ChatTemplate> parsed;
};

struct TemplateSource::State {
    std::vector<Named> templates;
    // One slot per template; pointers so that the once_flags never move.
    std::vector<std::unique_ptr<TemplateSlot>> slots;
    bool single = false;  // one template given as a string: used whatever the tools
    ordered_json specialTokens = ordered_json::object();
    std::string location;

    void add(std::string name, std::string text, std::string origin)
    {
        // A later template of the same name replaces the earlier one in place, as a Python
        // dict built from the list does.
        for (Named& existing : templates) {
            if (existing.name == name) {
                existing.text = std::move(text);
                existing.origin = std::move(origin);
                return;
            }
        }
        templates.push_back({std::move(name), std::move(text), std::move(origin)});
        slots.push_back(std::make_unique<TemplateSlot>());
    }
};

namespace {

constexpr std::array<const char*, 7> kNamedSpecialTokens = {"bos_token", "eos_token", "unk_token", "sep_token",
                                                            "pad_token", "cls_token", "mask_token"};

json parseJsonFile(const fs::path& path)
{
    const std::string text = readWholeFile(path);
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        throwInvalid(path.string(), {}, std::string("not valid JSON: ") + e.what());
    }
}

// The text of a special-token value as str(token) gives it: a string, or an AddedToken object
// ({"__type": "AddedToken", "content": ...}); nullopt for anything transformers skips.
std::optional<std::string> tokenText(const json& value)
{
    if (value.is_string()) return value.get<std::string>();
    if (value.is_object()) {
        const auto content = value.find("content");
        if (content != value.end() && content->is_string()) return content->get<std::string>();
    }
    return std::nullopt;
}

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// tokenizer.special_tokens_map of a tokenizer built from this tokenizer_config.json: the
// seven named tokens, then every other "*_token" key holding a token (transformers 5's
// model-specific tokens: image_token, boi_token, ...), then an extra_special_tokens object's
// entries. A list of extra/additional special tokens is not part of the map.
ordered_json specialTokensFromConfig(const json& config, const std::string& file)
{
    ordered_json tokens = ordered_json::object();
    for (const char* key : kNamedSpecialTokens) {
        const auto it = config.find(key);
        if (it == config.end() || it->is_null()) continue;
        const auto text = tokenText(*it);
        if (!text) throwInvalid(file, key, "must be a string, an AddedToken object or null");
        tokens[key] = *text;
    }
    for (const auto& [key, value] : config.items()) {
        if (!endsWith(key, "_token") || tokens.contains(key)) continue;
        if (std::find_if(kNamedSpecialTokens.begin(), kNamedSpecialTokens.end(),
                         [&](const char* named) { return key == named; }) != kNamedSpecialTokens.end()) {
            continue;
        }
        // Booleans (add_bos_token) and nulls are not tokens; transformers skips them too.
        const bool addedToken = value.is_object() && value.contains("__type") && value["__type"] == "AddedToken";
        if (value.is_string() || addedToken) {
            tokens[key] = *tokenText(value);
        }
    }
    // additional_special_tokens is the older name; it counts only when extra_special_tokens
    // is absent or empty.
    const json* extra = nullptr;
    for (const char* key : {"extra_special_tokens", "additional_special_tokens"}) {
        const auto it = config.find(key);
        if (it != config.end() && !it->is_null() && !it->empty()) {
            extra = &*it;
            break;
        }
    }
    if (extra && extra->is_object()) {
        for (const auto& [name, value] : extra->items()) {
            const auto text = tokenText(value);
            if (!text) throwInvalid(file, "extra_special_tokens." + name, "must be a string or an AddedToken object");
            tokens[name] = *text;
        }
    }
    return tokens;
}

// tokenizer_config.json's "chat_template": a string, or a list of {"name", "template"}.
void addConfigTemplates(TemplateSource::State& state, const json& config, const std::string& file)
{
    const auto it = config.find("chat_template");
    if (it == config.end() || it->is_null()) return;
    if (it->is_string()) {
        state.add("default", it->get<std::string>(), file + ": chat_template");
        state.single = true;
        return;
    }
    if (!it->is_array()) throwInvalid(file, "chat_template", "must be a string or a list of {name, template} objects");
    for (size_t i = 0; i < it->size(); ++i) {
        const json& entry = (*it)[i];
        const std::string field = "chat_template[" + std::to_string(i) + "]";
        if (!entry.is_object()) throwInvalid(file, field, "must be an object with \"name\" and \"template\"");
        const auto name = entry.find("name");
        const auto text = entry.find("template");
        if (name == entry.end() || !name->is_string()) throwInvalid(file, field + ".name", "must be a string");
        if (text == entry.end() || !text->is_string()) throwInvalid(file, field + ".template", "must be a string");
        state.add(name->get<std::string>(), text->get<std::string>(), file + ": " + field);
    }
}

// Python's str.isspace for one code point.
bool isPythonSpace(char32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// The code point of the UTF-8 sequence at [begin, end) (nullopt when malformed).
std::optional<char32_t> decodeUtf8(std::string_view s)
{
    const auto b0 = static_cast<unsigned char>(s[0]);
    const size_t length = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || length != s.size()) return std::nullopt;
    if (length == 1) return b0;
    char32_t c = b0 & (0x7F >> length);
    for (size_t i = 1; i < length; ++i) c = (c << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
    return c;
}

// The length of the last UTF-8 sequence of a non-empty string.
size_t lastSequenceLength(std::string_view s)
{
    size_t n = 1;
    while (n < s.size() && n < 4 && (static_cast<unsigned char>(s[s.size() - n]) & 0xC0) == 0x80) ++n;
    return n;
}

size_t firstSequenceLength(std::string_view s)
{
    size_t n = 1;
    while (n < s.size() && n < 4 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
    return n;
}

std::string_view pythonRstrip(std::string_view s)
{
    while (!s.empty()) {
        const size_t n = lastSequenceLength(s);
        const auto c = decodeUtf8(s.substr(s.size() - n));
        if (!c || !isPythonSpace(*c)) break;
        s.remove_suffix(n);
    }
    return s;
}

std::string_view pythonStrip(std::string_view s)
{
    s = pythonRstrip(s);
    while (!s.empty()) {
        const size_t n = firstSequenceLength(s);
        const auto c = decodeUtf8(s.substr(0, n));
        if (!c || !isPythonSpace(*c)) break;
        s.remove_prefix(n);
    }
    return s;
}

// Python truthiness of a JSON value (`if add_generation_prompt:`).
bool truthy(const ordered_json& value)
{
    switch (value.type()) {
    case ordered_json::value_t::null: return false;
    case ordered_json::value_t::boolean: return value.get<bool>();
    case ordered_json::value_t::number_integer:
    case ordered_json::value_t::number_unsigned: return value.get<int64_t>() != 0;
    case ordered_json::value_t::number_float: return value.get<double>() != 0.0;
    case ordered_json::value_t::string:
    case ordered_json::value_t::array:
    case ordered_json::value_t::object: return !value.empty();
    default: return true;
    }
}

// Names a message's reasoning goes by; the first is the one templates read.
constexpr std::array<const char*, 3> kReasoningFields = {"reasoning_content", "thinking", "reasoning"};

// transformers' _alias_reasoning_fields: a message with reasoning under any of its names gets
// it as "thinking" (first, unless the message has its own) and as "reasoning_content".
ordered_json aliasReasoning(const ordered_json& message)
{
    const ordered_json* reasoning = nullptr;
    for (const char* field : kReasoningFields) {
        const auto it = message.find(field);
        if (it != message.end() && !it->is_null()) {
            reasoning = &*it;
            break;
        }
    }
    if (!reasoning) return message;
    ordered_json aliased = ordered_json::object();
    aliased["thinking"] = *reasoning;
    for (const auto& [key, value] : message.items()) aliased[key] = value;
    aliased["reasoning_content"] = *reasoning;
    return aliased;
}

constexpr std::string_view kContinueTag = "CONTINUE_FINAL_MESSAGE_TAG ";

// render_jinja_template's preparation for continue_final_message: marks the end of the text to
// continue with a tag, so that the cut can find it after rendering. Returns that text.
std::string markFinalMessage(ordered_json& messages, const ordered_json& continueFinal, const std::string& templateText)
{
    const std::string field = continueFinal.is_string() ? continueFinal.get<std::string>() : "content";
    ordered_json& last = messages.back();
    const auto found = last.find(field);
    if (found == last.end() || found->is_null()) {
        throwInvalid({}, "continue_final_message",
                     "continue_final_message is set but the final message has no \"" + field + "\" to continue!");
    }
    const ordered_json finalValue = *found;
    std::vector<std::string> fields{field};
    if (std::find(kReasoningFields.begin(), kReasoningFields.end(), field) != kReasoningFields.end()) {
        // Reasoning is copied under several names: tag every copy, accept whichever one the template reads.
        fields.clear();
        for (const char* name : kReasoningFields) {
            const auto it = last.find(name);
            if (it != last.end() && *it == finalValue) fields.emplace_back(name);
        }
    }
    if (std::none_of(fields.begin(), fields.end(),
                     [&](const std::string& f) { return templateText.find(f) != std::string::npos; })) {
        throwInvalid({}, "continue_final_message",
                     "continue_final_message is set to \"" + field + "\" but this is not an accepted field in the chat_template");
    }
    auto notText = [&] {
        throwInvalid({}, "continue_final_message", "the final message's \"" + field + "\" is not text to continue");
    };
    if (finalValue.is_array()) {
        // The last block with a "text" is the one continued.
        ordered_json& blocks = last[field];
        for (size_t i = blocks.size(); i-- > 0;) {
            ordered_json& block = blocks[i];
            const bool hasText = block.is_object() ? block.contains("text")
                                 : block.is_string() ? block.get<std::string>().find("text") != std::string::npos
                                                     : false;
            if (!hasText) continue;
            if (!block.is_object() || !block["text"].is_string()) notText();
            std::string text = block["text"].get<std::string>();
            block["text"] = text + std::string(kContinueTag);
            return text;
        }
        throwInvalid({}, "continue_final_message",
                     "continue_final_message is set but we could not find any text to continue in the final message!");
    }
    if (!finalValue.is_string()) notText();
    for (const std::string& f : fields) {
        ordered_json& value = last[f];
        if (!value.is_string()) notText();
        value = value.get<std::string>() + std::string(kContinueTag);
    }
    return finalValue.get<std::string>();
}

// The cut after rendering: everything from the tag on goes; when the template trimmed the
// space after the tag, trailing whitespace before it goes too.
void cutAtFinalMessage(AppliedTemplate& applied, const std::string& finalText)
{
    const std::string_view tag = pythonStrip(kContinueTag);
    std::string& text = applied.text;
    if (text.find(pythonStrip(finalText)) == std::string::npos || text.find(tag) == std::string::npos) {
        throwInvalid({}, "continue_final_message",
                     "continue_final_message is set but the final message does not appear in the chat after applying "
                     "the chat template! This can happen if the chat template deletes portions of the final message. "
                     "Final message to continue: " + std::string(pythonStrip(finalText)));
    }
    const size_t at = text.rfind(tag);
    if (std::string_view(text).substr(at, kContinueTag.size()) == kContinueTag) {
        text.resize(at);
    } else {
        text.resize(pythonRstrip(std::string_view(text).substr(0, at)).size());
    }
    std::vector<std::pair<size_t, size_t>> spans;
    for (auto [begin, end] : applied.generationSpans) {
        if (begin >= text.size()) continue;
        spans.emplace_back(begin, std::min(end, text.size()));
    }
    applied.generationSpans = std::move(spans);
}

std::string ggufString(const GgufValue& value, const std::string& file)
{
    if (!value.isString()) throwInvalid(file, value.key(), "must be a string, not " + ggufTypeName(value.type()));
    return std::string(value.asString());
}

void addGgufTemplates(TemplateSource::State& state, const fs::path& path);

}  // namespace

TemplateSource::TemplateSource(std::unique_ptr<State> state) : m_state(std::move(state)) {}
TemplateSource::TemplateSource(TemplateSource&&) noexcept = default;
TemplateSource& TemplateSource::operator=(TemplateSource&&) noexcept = default;
TemplateSource::~TemplateSource() = default;

TemplateSource TemplateSource::fromTokenizerConfig(const json& config, const std::string& source)
{
    if (!config.is_object()) throwInvalid(source, {}, "a tokenizer_config.json holds one JSON object");
    auto state = std::make_unique<State>();
    state->location = source;
    state->specialTokens = specialTokensFromConfig(config, source);
    addConfigTemplates(*state, config, source);
    return TemplateSource(std::move(state));
}

TemplateSource TemplateSource::fromTemplateFile(const fs::path& path)
{
    auto state = std::make_unique<State>();
    state->location = path.string();
    state->add("default", readWholeFile(path), path.string());
    state->single = true;
    return TemplateSource(std::move(state));
}

TemplateSource TemplateSource::fromModel(const fs::path& path)
{
    std::error_code ec;
    if (!fs::exists(path, ec)) throwIo(path.string(), "no such file or folder", ENOENT);
    if (!fs::is_directory(path, ec)) {
        if (path.extension() != ".gguf") {
            throwInvalid(path.string(), {}, "a model is a folder (tokenizer_config.json, chat_template.jinja) or a .gguf file");
        }
        auto state = std::make_unique<State>();
        state->location = path.string();
        addGgufTemplates(*state, path);
        return TemplateSource(std::move(state));
    }

    const fs::path configPath = path / "tokenizer_config.json";
    json config = json::object();
    if (fs::exists(configPath, ec)) {
        config = parseJsonFile(configPath);
        if (!config.is_object()) throwInvalid(configPath.string(), {}, "a tokenizer_config.json holds one JSON object");
    }
    TemplateSource source = fromTokenizerConfig(config, configPath.string());
    State& state = *source.m_state;
    state.location = path.string();

    // Template files beside the tokenizer replace the config's templates altogether:
    // chat_template.jinja is "default", additional_chat_templates/NAME.jinja adds NAME. Only a
    // lone chat_template.jinja is a single template; any other set is a dict of named ones.
    std::vector<std::pair<std::string, fs::path>> files;
    if (fs::is_regular_file(path / "chat_template.jinja", ec)) files.emplace_back("default", path / "chat_template.jinja");
    const fs::path extraDir = path / "additional_chat_templates";
    if (fs::is_directory(extraDir, ec)) {
        std::vector<std::pair<std::string, fs::path>> extra;
        for (const fs::directory_entry& entry : fs::directory_iterator(extraDir, ec)) {
            const std::string name = entry.path().filename().string();
            if (!endsWith(name, ".jinja")) continue;
            extra.emplace_back(name.substr(0, name.size() - 6), entry.path());
        }
        std::sort(extra.begin(), extra.end());  // directory order is arbitrary; names are a dict's keys
        files.insert(files.end(), extra.begin(), extra.end());
    }
    if (!files.empty()) {
        state.templates.clear();
        state.slots.clear();
        for (auto& [name, file] : files) {
            state.add(name, readWholeFile(file), file.string());
        }
        state.single = state.templates.size() == 1 && state.templates.front().name == "default";
    }
    return source;
}

namespace {

void addGgufTemplates(TemplateSource::State& state, const fs::path& path)
{
    const GgufFile gguf = GgufFile::open(path);
    const std::string file = gguf.name();
    // tokenizer.chat_template is the default; tokenizer.chat_template.NAME are named ones
    // (llama.cpp's convention for a list template; transformers reads only the default).
    for (const GgufFile::Entry& entry : gguf.metadata()) {
        constexpr std::string_view prefix = "tokenizer.chat_template";
        const std::string_view key = entry.key;
        if (key == prefix) {
            state.add("default", ggufString(entry.value, file), file + ": " + entry.key);
        } else if (key.size() > prefix.size() + 1 && key.substr(0, prefix.size() + 1) == "tokenizer.chat_template.") {
            state.add(std::string(key.substr(prefix.size() + 1)), ggufString(entry.value, file), file + ": " + entry.key);
        }
    }
    // A default found among named ones moves to the front, as the config list puts it.
    auto& templates = state.templates;
    const auto def = std::find_if(templates.begin(), templates.end(), [](const auto& t) { return t.name == "default"; });
    if (def != templates.end()) std::rotate(templates.begin(), def, def + 1);
    state.single = templates.size() == 1 && templates.front().name == "default";

    // The special tokens transformers' GGUF loader sets: the token strings of the ids.
    const GgufValue* tokens = gguf.find("tokenizer.ggml.tokens");
    constexpr std::array<std::pair<const char*, const char*>, 4> special = {{{"bos_token", "tokenizer.ggml.bos_token_id"},
                                                                            {"eos_token", "tokenizer.ggml.eos_token_id"},
                                                                            {"unk_token", "tokenizer.ggml.unknown_token_id"},
                                                                            {"pad_token", "tokenizer.ggml.padding_token_id"}}};
    for (const auto& [name, key] : special) {
        const GgufValue* id = gguf.find(key);
        if (!id) continue;
        if (!tokens || !tokens->isArray()) throwInvalid(file, "tokenizer.ggml.tokens", "is missing or not an array");
        const int64_t index = id->asInt();
        if (index < 0 || static_cast<uint64_t>(index) >= tokens->size()) {
            throwInvalid(file, key, std::to_string(index) + " is outside the vocabulary (" +
                                        std::to_string(tokens->size()) + " tokens)");
        }
        state.specialTokens[name] = ggufString(tokens->at(static_cast<uint64_t>(index)), file);
    }
}

}  // namespace

const std::vector<TemplateSource::Named>& TemplateSource::templates() const { return m_state->templates; }
const ordered_json& TemplateSource::specialTokens() const { return m_state->specialTokens; }
void TemplateSource::setSpecialTokens(ordered_json tokens) { m_state->specialTokens = std::move(tokens); }
const std::string& TemplateSource::location() const { return m_state->location; }

const TemplateSource::Named& TemplateSource::select(bool withTools) const
{
    const auto& templates = m_state->templates;
    if (templates.empty()) {
        throwInvalid(m_state->location, "chat_template",
                     "this model has no chat template (no chat_template.jinja, no \"chat_template\" in "
                     "tokenizer_config.json, no tokenizer.chat_template in a GGUF)");
    }
    if (m_state->single) return templates.front();
    auto named = [&](std::string_view name) -> const Named* {
        for (const Named& t : templates) {
            if (t.name == name) return &t;
        }
        return nullptr;
    };
    if (withTools) {
        if (const Named* toolUse = named("tool_use")) return *toolUse;
    }
    if (const Named* fallback = named("default")) return *fallback;
    std::vector<std::string> names;
    for (const Named& t : templates) names.push_back(t.name);
    std::sort(names.begin(), names.end());
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
    throwInvalid(m_state->location, "chat_template",
                 "this model has several chat templates and none is named \"default\" (" + list + ")");
}

const ChatTemplate& TemplateSource::parsed(const Named& chosen) const
{
    const auto& templates = m_state->templates;
    const auto index = static_cast<size_t>(&chosen - templates.data());
    if (index >= templates.size()) throwInvalid(m_state->location, {}, "parsed(): not a template of this source");
    TemplateSlot& slot = *m_state->slots[index];
    // A parse error leaves the flag unset (call_once rethrows), so a retry reports it again.
    std::call_once(slot.once, [&] { slot.parsed.emplace(ChatTemplate::parse(chosen.text, chosen.origin)); });
    return *slot.parsed;
}

AppliedTemplate applyChatTemplate(const TemplateSource& source, const ordered_json& request, const RenderLimits& limits)
{
    if (!request.is_object()) throwInvalid({}, {}, "the request must be a JSON object (messages, tools, ...)");
    static const ordered_json null;
    auto field = [&](const char* key) -> const ordered_json& {
        const auto it = request.find(key);
        return it == request.end() ? null : *it;
    };

    // messages: one conversation, each message an object; keys holding null are dropped (as
    // transformers does: templates handle a missing key better than a None).
    const ordered_json& conversation = field("messages");
    if (conversation.is_null()) throwInvalid({}, "messages", "is missing");
    if (!conversation.is_array()) throwInvalid({}, "messages", "must be a list of messages");
    if (conversation.empty()) {
        throwInvalid({}, "messages", "Cannot apply chat template to an empty conversation. Provide at least one message.");
    }
    if (conversation.front().is_array()) {
        throwInvalid({}, "messages", "a list of conversations (a batch) is not supported; give one conversation");
    }
    ordered_json messages = ordered_json::array();
    for (size_t i = 0; i < conversation.size(); ++i) {
        const ordered_json& message = conversation[i];
        if (!message.is_object()) {
            throwInvalid({}, "messages[" + std::to_string(i) + "]", "Chat messages should be dicts, but got " + message.dump());
        }
        ordered_json kept = ordered_json::object();
        for (const auto& [key, value] : message.items()) {
            if (!value.is_null()) kept[key] = value;
        }
        messages.push_back(aliasReasoning(kept));
    }

    const ordered_json& tools = field("tools");
    if (!tools.is_null()) {
        if (!tools.is_array()) throwInvalid({}, "tools", "must be a list of JSON schemas");
        for (size_t i = 0; i < tools.size(); ++i) {
            if (!tools[i].is_object()) {
                throwInvalid({}, "tools[" + std::to_string(i) + "]",
                             "Tools should either be a JSON schema, or a callable function with type hints and a "
                             "docstring suitable for auto-conversion to a schema.");
            }
        }
    }
    const ordered_json& documents = field("documents");
    if (!documents.is_null()) {
        if (!documents.is_array()) throwInvalid({}, "documents", "must be a list of objects");
        for (size_t i = 0; i < documents.size(); ++i) {
            if (!documents[i].is_object()) {
                throwInvalid({}, "documents[" + std::to_string(i) + "]",
                             "Documents should be a list of dicts with 'title' and 'text' keys!");
            }
        }
    }
    const ordered_json addGenerationPrompt = request.contains("add_generation_prompt") ? field("add_generation_prompt")
                                                                                        : ordered_json(false);
    const ordered_json& continueFinal = field("continue_final_message");
    const bool continuing = truthy(continueFinal);
    if (continuing && truthy(addGenerationPrompt)) {
        throwInvalid({}, "continue_final_message",
                     "continue_final_message and add_generation_prompt are not compatible. Use continue_final_message "
                     "when you want the model to continue the final message, and add_generation_prompt when you want "
                     "to add a header that will prompt it to start a new assistant message instead.");
    }

    const TemplateSource::Named& chosen = source.select(!tools.is_null());
    const ChatTemplate& compiled = source.parsed(chosen);

    std::string finalText;
    if (continuing) finalText = markFinalMessage(messages, continueFinal, chosen.text);

    // {**special_tokens_map, **kwargs}, then the named arguments of apply_chat_template.
    ordered_json variables = source.specialTokens();
    for (const auto& [key, value] : request.items()) {
        if (key == "messages" || key == "tools" || key == "documents" || key == "add_generation_prompt" ||
            key == "continue_final_message") {
            continue;
        }
        variables[key] = value;
    }
    variables["messages"] = std::move(messages);
    variables["tools"] = tools;
    variables["documents"] = documents;
    variables["add_generation_prompt"] = addGenerationPrompt;

    Rendered rendered = compiled.render(variables, limits);
    AppliedTemplate applied{std::move(rendered.text), std::move(rendered.generationSpans), chosen.name};
    if (continuing) cutAtFinalMessage(applied, finalText);
    return applied;
}

}  // namespace lathe::chat
