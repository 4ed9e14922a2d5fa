// Chat templates: the Jinja subset real chat templates use, rendered byte for byte as
// transformers' apply_chat_template(tokenize=False) renders them (jinja2's
// ImmutableSandboxedEnvironment with trim_blocks, lstrip_blocks, loopcontrols and
// transformers' raise_exception / strftime_now / tojson / {% generation %}).
//
// Sandboxed by construction: templates reach nothing but the variables they are given;
// recursion depth, loop iterations and output size are bounded, so a hostile template fails
// with a message instead of hanging or crashing. A parsed ChatTemplate is immutable and may be
// rendered from several threads at once.
#pragma once

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lathe::chat {

// What went wrong, in jinja2's terms, for callers that sort failures (the differential test
// compares these classes with the exceptions jinja2 raises).
enum class TemplateErrorKind {
    Syntax,     // TemplateSyntaxError (also unknown filters/tests, as jinja2 reports them)
    Undefined,  // UndefinedError: using an undefined value beyond printing or testing it
    Raised,     // raise_exception(msg) in the template; reason() is exactly msg
    Security,   // SecurityError: the immutable sandbox refused (list.append, __class__, ...)
    Type,       // TypeError: an operation on values of the wrong types
    Limit,      // a RenderLimits bound (or an integer too large for 64 bits)
    Other,      // every other runtime error (ZeroDivisionError, ValueError, ...)
};

// Every error parse() and render() throw is a TemplateError: a lathe::Error (InvalidInput)
// whose file is the template's source, whose field is "line L, column C" (parse) or "line L"
// (render), plus the jinja2 class above.
class TemplateError : public lathe::Error {
public:
    TemplateError(TemplateErrorKind kind, std::string source, std::string field, std::string reason);
    TemplateErrorKind templateKind() const { return m_templateKind; }

private:
    TemplateErrorKind m_templateKind;
};

// The lower-case name of a kind as the batch renderer prints it ("syntax", "raise", ...).
const char* templateErrorKindName(TemplateErrorKind kind);

struct RenderLimits {
    size_t maxOutputBytes = 16u << 20;      // rendered text
    size_t maxLoopIterations = 1u << 22;    // all loops of one render together
    size_t maxCallDepth = 64;               // macro / caller() / recursive loop nesting
    size_t maxValueBytes = 64u << 20;       // strings and lists a render may build
};

struct Rendered {
    std::string text;
    // Byte ranges [begin, end) of `text` produced inside {% generation %} blocks: the
    // assistant tokens transformers' return_assistant_tokens_mask marks.
    std::vector<std::pair<size_t, size_t>> generationSpans;
};

class ChatTemplate {
public:
    // Parses a template. A syntax error throws lathe::Error (InvalidInput) whose field is
    // "line L, column C" and whose reason says what is wrong; `source` names the file.
    static ChatTemplate parse(std::string_view text, std::string source);

    ChatTemplate(ChatTemplate&&) noexcept;
    ChatTemplate& operator=(ChatTemplate&&) noexcept;
    ~ChatTemplate();

    // Renders with `variables` (a JSON object: messages, tools, add_generation_prompt,
    // bos_token, ...; key order is kept, as Python dicts keep it). raise_exception(msg) in
    // the template throws lathe::Error (InvalidInput) whose reason is exactly msg; exceeding
    // a limit throws InvalidInput naming the limit.
    Rendered render(const nlohmann::ordered_json& variables, const RenderLimits& limits = {}) const;

    const std::string& source() const;

private:
    struct Impl;
    explicit ChatTemplate(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace lathe::chat
