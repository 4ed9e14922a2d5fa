// ChatTemplate: parse once into an immutable tree, render with a fresh Interpreter per call.
// Turns the engine's internal failures (SyntaxProblem from the lexer/parser, RenderFailure
// from the interpreter) into TemplateErrors that name the template, the line and the reason.
#include "chat/chat_template.h"

#include "chat/template_interpreter.h"
#include "chat/template_parser.h"

#include <new>

namespace lathe::chat {

TemplateError::TemplateError(TemplateErrorKind kind, std::string source, std::string field, std::string reason)
    : lathe::Error(ErrorKind::InvalidInput, std::move(source), std::move(field), std::move(reason))
    , m_templateKind(kind)
{
}

const char* templateErrorKindName(TemplateErrorKind kind)
{
    switch (kind) {
    case TemplateErrorKind::Syntax: return "syntax";
    case TemplateErrorKind::Undefined: return "undefined";
    case TemplateErrorKind::Raised: return "raise";
    case TemplateErrorKind::Security: return "security";
    case TemplateErrorKind::Type: return "type";
    case TemplateErrorKind::Limit: return "limit";
    case TemplateErrorKind::Other: return "other";
    }
    return "other";
}

struct ChatTemplate::Impl {
    std::string source;
    TemplateTree tree;
};

ChatTemplate::ChatTemplate(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ChatTemplate::ChatTemplate(ChatTemplate&&) noexcept = default;
ChatTemplate& ChatTemplate::operator=(ChatTemplate&&) noexcept = default;
ChatTemplate::~ChatTemplate() = default;

ChatTemplate ChatTemplate::parse(std::string_view text, std::string source)
{
    auto impl = std::make_unique<Impl>();
    impl->source = std::move(source);
    try {
        impl->tree = parseTemplate(text);
    } catch (const SyntaxProblem& problem) {
        throw TemplateError(problem.pythonSyntaxError ? TemplateErrorKind::Other : TemplateErrorKind::Syntax, impl->source,
                            "line " + std::to_string(problem.line) + ", column " + std::to_string(problem.column),
                            problem.message);
    }
    return ChatTemplate(std::move(impl));
}

Rendered ChatTemplate::render(const nlohmann::ordered_json& variables, const RenderLimits& limits) const
{
    if (!variables.is_object() && !variables.is_null()) {
        throw TemplateError(TemplateErrorKind::Type, m_impl->source, "variables", "must be a JSON object");
    }
    Interpreter interpreter(m_impl->tree, variables, limits);
    try {
        return interpreter.run();
    } catch (const RenderFailure& failure) {
        throw TemplateError(failure.kind, m_impl->source, "line " + std::to_string(interpreter.currentLine()),
                            failure.message);
    } catch (const std::bad_alloc&) {
        throw TemplateError(TemplateErrorKind::Limit, m_impl->source, "line " + std::to_string(interpreter.currentLine()),
                            "out of memory while rendering");
    }
}

const std::string& ChatTemplate::source() const { return m_impl->source; }

}  // namespace lathe::chat
