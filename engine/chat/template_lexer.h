// The template lexer: jinja2's lexer with transformers' settings (trim_blocks, lstrip_blocks,
// keep_trailing_newline off, newlines normalised to "\n"). It applies all whitespace control
// ({%- -%}, {%+, +%}), drops comments and unwraps raw blocks, so the parser sees only data,
// tag delimiters and expression tokens.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::chat {

enum class TokenType : uint8_t {
    Data,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    // operators
    Add, Sub, Div, FloorDiv, Mul, Mod, Pow, Tilde,
    LBracket, RBracket, LParen, RParen, LBrace, RBrace,
    Eq, Ne, Gt, GtEq, Lt, LtEq, Assign, Dot, Colon, Pipe, Comma, Semicolon,
    Eof,
};

struct Token {
    TokenType type = TokenType::Eof;
    int line = 1;
    int column = 1;
    std::string text;  // Data / Name / String (unescaped) value
    int64_t intValue = 0;
    double floatValue = 0.0;
};

// "line L, column C: reason" problems found while lexing or parsing. Nearly all are
// jinja2 TemplateSyntaxErrors; a break/continue outside a loop is a Python SyntaxError in
// jinja2 (its compiled code is invalid), which the differential test classes as "other".
struct SyntaxProblem {
    int line;
    int column;
    std::string message;
    bool pythonSyntaxError = false;
};

// Tokenizes the whole template; throws SyntaxProblem.
std::vector<Token> tokenizeTemplate(std::string_view source);

const char* describeToken(TokenType type);

}  // namespace lathe::chat
