// The template parser: jinja2's recursive-descent parser (parser.py) over the lexer's
// tokens, with the same precedence (condexpr < or < and < not < compare < + - < ~ < * / // %
// < ** (left-associative) < unary < postfix and filters) and the same statement set,
// plus loopcontrols' break/continue and transformers' {% generation %}.
#pragma once

#include "chat/template_ast.h"
#include "chat/template_lexer.h"

#include <string_view>

namespace lathe::chat {

// Parses a whole template; throws SyntaxProblem naming the line and column.
TemplateTree parseTemplate(std::string_view source);

}  // namespace lathe::chat
