// Recursive descent over the token list, one function per grammar rule of jinja2's
// parser.py. Nesting is bounded (kMaxDepth) so a hostile template cannot overflow the stack,
// and unknown filters/tests fail at parse time except inside if/conditional expressions,
// where jinja2 defers the error to run time (its "soft frames").
#include "chat/template_parser.h"

#include "chat/template_builtins.h"

#include <algorithm>
#include <initializer_list>

namespace lathe::chat {
namespace {

constexpr int kMaxDepth = 200;

struct MacroUses {
    bool caller = false;
    bool varargs = false;
    bool kwargs = false;
};

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

    TemplateTree parse()
    {
        TemplateTree tree;
        tree.body = subparse({});
        checkNames(tree.body, false);
        analyzeScopes(tree);
        return tree;
    }

private:
    // ---- unknown filters and tests: jinja2 reports them when it compiles the template,
    // except inside an if statement or an inline if ("soft frames"), where only evaluating
    // them fails. Scopes of their own (loop bodies, macros, blocks) are never soft.
    void checkExpr(const Expr* e, bool soft)
    {
        if (!e) return;
        if (e->kind == ExprKind::CondExpr) soft = true;
        if (!soft && e->kind == ExprKind::Filter && !e->filter) {
            throw SyntaxProblem{e->line, e->column, "No filter named '" + e->name + "'."};
        }
        if (!soft && e->kind == ExprKind::Test && !e->test) {
            throw SyntaxProblem{e->line, e->column, "No test named '" + e->name + "'."};
        }
        checkExpr(e->a.get(), soft);
        checkExpr(e->b.get(), soft);
        checkExpr(e->c.get(), soft);
        for (const ExprPtr& item : e->items) checkExpr(item.get(), soft);
        for (const Keyword& kw : e->keywords) checkExpr(kw.value.get(), soft);
        checkExpr(e->dynArgs.get(), soft);
        checkExpr(e->dynKwargs.get(), soft);
    }

    void checkNames(const StmtList& body, bool soft)
    {
        for (const StmtPtr& s : body) {
            switch (s->kind) {
            case StmtKind::Output:
                for (const OutputPart& part : s->parts) checkExpr(part.expr.get(), soft);
                break;
            case StmtKind::If:
                for (const IfBranch& branch : s->branches) {
                    checkExpr(branch.test.get(), true);
                    checkNames(branch.body, true);
                }
                checkNames(s->elseBody, true);
                break;
            case StmtKind::For:
                checkExpr(s->value.get(), soft);
                checkExpr(s->test.get(), false);
                checkNames(s->body, false);
                checkNames(s->elseBody, false);
                break;
            case StmtKind::Set:
                checkExpr(s->value.get(), soft);
                break;
            case StmtKind::SetBlock:
            case StmtKind::FilterBlock:
                checkNames(s->body, false);
                checkExpr(s->value.get(), false);
                break;
            case StmtKind::Macro:
            case StmtKind::CallBlock:
                for (const ExprPtr& d : s->defaults) checkExpr(d.get(), false);
                if (s->kind == StmtKind::CallBlock) checkExpr(s->value.get(), soft);
                checkNames(s->body, false);
                break;
            case StmtKind::With:
                for (const ExprPtr& v : s->values) checkExpr(v.get(), soft);
                checkNames(s->body, false);
                break;
            case StmtKind::Generation:
                checkNames(s->body, false);
                break;
            default:
                break;
            }
        }
    }

    // ---- token stream
    const Token& current() const { return m_tokens[m_pos]; }
    const Token& look() const { return m_tokens[std::min(m_pos + 1, m_tokens.size() - 1)]; }
    const Token& next()
    {
        const Token& t = m_tokens[m_pos];
        if (m_pos + 1 < m_tokens.size()) ++m_pos;
        return t;
    }
    bool is(TokenType type) const { return current().type == type; }
    bool isName(std::string_view name) const { return is(TokenType::Name) && current().text == name; }
    bool skipIf(TokenType type)
    {
        if (!is(type)) return false;
        next();
        return true;
    }
    bool skipName(std::string_view name)
    {
        if (!isName(name)) return false;
        next();
        return true;
    }

    [[noreturn]] void fail(const Token& at, std::string message) const
    {
        throw SyntaxProblem{at.line, at.column, std::move(message)};
    }

    std::string describe(const Token& t) const
    {
        if (t.type == TokenType::Name) return t.text;
        return describeToken(t.type);
    }

    const Token& expect(TokenType type)
    {
        if (!is(type)) {
            if (is(TokenType::Eof)) fail(current(), std::string("unexpected end of template, expected '") + describeToken(type) + "'");
            fail(current(), std::string("expected token '") + describeToken(type) + "', got '" + describe(current()) + "'");
        }
        return next();
    }

    const Token& expectName(std::string_view name)
    {
        if (!isName(name)) {
            fail(current(), "expected token '" + std::string(name) + "', got '" + describe(current()) + "'");
        }
        return next();
    }

    struct DepthGuard {
        explicit DepthGuard(Parser& p) : parser(p)
        {
            if (++parser.m_depth > kMaxDepth) parser.fail(parser.current(), "template nested too deeply");
        }
        ~DepthGuard() { --parser.m_depth; }
        Parser& parser;
    };

    ExprPtr node(ExprKind kind, int line)
    {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->line = line;
        return e;
    }

    // ---- statements
    StmtList subparse(std::initializer_list<std::string_view> endTokens)
    {
        StmtList body;
        Stmt* output = nullptr;  // the Output node data and {{ }} accumulate into
        while (!is(TokenType::Eof)) {
            const Token& token = current();
            if (token.type == TokenType::Data) {
                if (!output) output = appendOutput(body, token.line);
                output->parts.push_back(OutputPart{token.text, nullptr});
                next();
            } else if (token.type == TokenType::VariableBegin) {
                next();
                if (!output) output = appendOutput(body, token.line);
                ExprPtr e = parseTuple(true, {}, false);
                expect(TokenType::VariableEnd);
                output->parts.push_back(OutputPart{{}, std::move(e)});
            } else if (token.type == TokenType::BlockBegin) {
                output = nullptr;
                next();
                if (is(TokenType::Name) &&
                    std::find(endTokens.begin(), endTokens.end(), current().text) != endTokens.end()) {
                    return body;
                }
                StmtPtr stmt = parseStatement();
                if (stmt) body.push_back(std::move(stmt));
                expect(TokenType::BlockEnd);
            } else {
                fail(token, "unexpected '" + describe(token) + "'");
            }
        }
        if (endTokens.size() != 0) {
            std::string wanted;
            for (const auto& e : endTokens) {
                if (!wanted.empty()) wanted += "' or '";
                wanted += e;
            }
            fail(current(), "unexpected end of template, expected '" + wanted + "'");
        }
        return body;
    }

    Stmt* appendOutput(StmtList& body, int line)
    {
        auto s = std::make_unique<Stmt>();
        s->kind = StmtKind::Output;
        s->line = line;
        body.push_back(std::move(s));
        return body.back().get();
    }

    StmtList parseStatements(std::initializer_list<std::string_view> endTokens, bool dropNeedle)
    {
        skipIf(TokenType::Colon);
        expect(TokenType::BlockEnd);
        StmtList body = subparse(endTokens);
        if (dropNeedle) next();
        return body;
    }

    StmtPtr parseStatement()
    {
        DepthGuard guard(*this);
        const Token& token = current();
        if (token.type != TokenType::Name) fail(token, "tag name expected");
        const std::string& tag = token.text;
        if (tag == "for") return parseFor();
        if (tag == "if") return parseIf();
        if (tag == "set") return parseSet();
        if (tag == "macro") return parseMacro();
        if (tag == "call") return parseCallBlock();
        if (tag == "filter") return parseFilterBlock();
        if (tag == "with") return parseWith();
        if (tag == "print") return parsePrint();
        if (tag == "generation") return parseGeneration();
        if (tag == "break" || tag == "continue") {
            if (m_loopDepth == 0) throw SyntaxProblem{token.line, token.column, "'" + tag + "' outside of a loop", true};
            auto s = std::make_unique<Stmt>();
            s->kind = tag == "break" ? StmtKind::Break : StmtKind::Continue;
            s->line = token.line;
            next();
            return s;
        }
        if (tag == "block" || tag == "extends" || tag == "include" || tag == "import" || tag == "from" ||
            tag == "autoescape" || tag == "do") {
            fail(token, "the '" + tag + "' tag is not supported in chat templates");
        }
        fail(token, "Encountered unknown tag '" + tag + "'.");
    }

    StmtPtr makeStmt(StmtKind kind, int line)
    {
        auto s = std::make_unique<Stmt>();
        s->kind = kind;
        s->line = line;
        return s;
    }

    StmtPtr parseFor()
    {
        auto s = makeStmt(StmtKind::For, next().line);
        s->target = parseAssignTarget(true, false, {"in"}, false);
        expectName("in");
        s->value = parseTuple(false, {"recursive"}, false);
        if (skipName("if")) s->test = parseExpression(true);
        s->recursive = skipName("recursive");
        ++m_loopDepth;
        s->body = parseStatements({"endfor", "else"}, false);
        --m_loopDepth;
        if (next().text != "endfor") s->elseBody = parseStatements({"endfor"}, true);
        return s;
    }

    StmtPtr parseIf()
    {
        auto s = makeStmt(StmtKind::If, next().line);
        while (true) {
            IfBranch branch;
            branch.test = parseTuple(false, {}, false);
            branch.body = parseStatements({"elif", "else", "endif"}, false);
            s->branches.push_back(std::move(branch));
            const Token& token = next();
            if (token.text == "elif") continue;
            if (token.text == "else") s->elseBody = parseStatements({"endif"}, true);
            break;
        }
        return s;
    }

    StmtPtr parseSet()
    {
        const int line = next().line;
        ExprPtr target = parseAssignTarget(true, false, {}, true);
        if (skipIf(TokenType::Assign)) {
            auto s = makeStmt(StmtKind::Set, line);
            s->target = std::move(target);
            s->value = parseTuple(true, {}, false);
            return s;
        }
        auto s = makeStmt(StmtKind::SetBlock, line);
        s->target = std::move(target);
        if (is(TokenType::Pipe)) s->value = parseFilter(nullptr, false);
        s->body = parseStatements({"endset"}, true);
        return s;
    }

    void parseSignature(Stmt& s)
    {
        expect(TokenType::LParen);
        while (!is(TokenType::RParen)) {
            if (!s.params.empty()) expect(TokenType::Comma);
            const Token& name = expect(TokenType::Name);
            if (name.text == "caller") s.usesCaller = true;  // an explicit caller parameter
            s.params.push_back(name.text);
            if (skipIf(TokenType::Assign)) {
                s.defaults.push_back(parseExpression(true));
            } else if (!s.defaults.empty()) {
                fail(name, "non-default argument follows default argument");
            }
        }
        expect(TokenType::RParen);
    }

    StmtPtr parseMacroBody(StmtPtr s, std::initializer_list<std::string_view> end)
    {
        const int loops = m_loopDepth;
        m_loopDepth = 0;
        m_macroUses.push_back({});
        s->body = parseStatements(end, true);
        const MacroUses uses = m_macroUses.back();
        m_macroUses.pop_back();
        // Names used by a nested macro count for the enclosing one too, as in jinja2.
        if (!m_macroUses.empty()) {
            m_macroUses.back().caller |= uses.caller;
            m_macroUses.back().varargs |= uses.varargs;
            m_macroUses.back().kwargs |= uses.kwargs;
        }
        s->usesCaller = s->usesCaller || uses.caller;
        s->usesVarargs = uses.varargs;
        s->usesKwargs = uses.kwargs;
        m_loopDepth = loops;
        return s;
    }

    StmtPtr parseMacro()
    {
        auto s = makeStmt(StmtKind::Macro, next().line);
        s->name = expect(TokenType::Name).text;
        parseSignature(*s);
        return parseMacroBody(std::move(s), {"endmacro"});
    }

    StmtPtr parseCallBlock()
    {
        auto s = makeStmt(StmtKind::CallBlock, next().line);
        s->name = "caller";
        if (is(TokenType::LParen)) parseSignature(*s);
        const Token& at = current();
        s->value = parseExpression(true);
        if (s->value->kind != ExprKind::Call) fail(at, "expected call");
        return parseMacroBody(std::move(s), {"endcall"});
    }

    StmtPtr parseFilterBlock()
    {
        auto s = makeStmt(StmtKind::FilterBlock, next().line);
        s->value = parseFilter(nullptr, true);
        s->body = parseStatements({"endfilter"}, true);
        return s;
    }

    StmtPtr parseWith()
    {
        auto s = makeStmt(StmtKind::With, next().line);
        while (!is(TokenType::BlockEnd)) {
            if (!s->targets.empty()) expect(TokenType::Comma);
            s->targets.push_back(parseAssignTarget(true, false, {}, false));
            expect(TokenType::Assign);
            s->values.push_back(parseExpression(true));
        }
        s->body = parseStatements({"endwith"}, true);
        return s;
    }

    StmtPtr parsePrint()
    {
        auto s = makeStmt(StmtKind::Output, next().line);
        while (!is(TokenType::BlockEnd)) {
            if (!s->parts.empty()) expect(TokenType::Comma);
            s->parts.push_back(OutputPart{{}, parseExpression(true)});
        }
        return s;
    }

    StmtPtr parseGeneration()
    {
        auto s = makeStmt(StmtKind::Generation, next().line);
        const int loops = m_loopDepth;
        m_loopDepth = 0;  // the body is a caller() function: no loop around it
        s->body = parseStatements({"endgeneration"}, true);
        m_loopDepth = loops;
        return s;
    }

    ExprPtr parseAssignTarget(bool withTuple, bool nameOnly, std::initializer_list<std::string_view> extraEnd,
                              bool withNamespace)
    {
        const Token& at = current();
        ExprPtr target;
        if (nameOnly) {
            const Token& name = expect(TokenType::Name);
            target = node(ExprKind::Name, name.line);
            target->name = name.text;
            return target;
        }
        if (withTuple) target = parseTuple(true, extraEnd, false, true, withNamespace);
        else target = parsePrimary(withNamespace);
        checkAssignable(*target, at);
        return target;
    }

    void checkAssignable(const Expr& e, const Token& at)
    {
        if (e.kind == ExprKind::Name) {
            if (e.name == "true" || e.name == "false" || e.name == "none" || e.name == "True" || e.name == "False" ||
                e.name == "None") {
                fail(at, "can't assign to 'const'");
            }
            return;
        }
        if (e.kind == ExprKind::NSRef) return;
        if (e.kind == ExprKind::Tuple) {
            for (const auto& item : e.items) checkAssignable(*item, at);
            return;
        }
        const char* what = e.kind == ExprKind::Const ? "const" : e.kind == ExprKind::Getattr ? "getattr" : "expression";
        fail(at, std::string("can't assign to '") + what + "'");
    }

    // ---- expressions
    ExprPtr parseExpression(bool withCondexpr)
    {
        if (withCondexpr) return parseCondexpr();
        return parseOr();
    }

    ExprPtr parseCondexpr()
    {
        DepthGuard guard(*this);
        int line = current().line;
        ExprPtr expr1 = parseOr();
        while (skipName("if")) {
            ExprPtr expr2 = parseOr();
            ExprPtr expr3;
            if (skipName("else")) expr3 = parseCondexpr();
            auto cond = node(ExprKind::CondExpr, line);
            cond->a = std::move(expr1);
            cond->b = std::move(expr2);
            cond->c = std::move(expr3);
            expr1 = std::move(cond);
            line = current().line;
        }
        return expr1;
    }

    ExprPtr binary(ExprKind kind, ExprPtr left, ExprPtr right, int line)
    {
        auto e = node(kind, line);
        e->a = std::move(left);
        e->b = std::move(right);
        return e;
    }

    ExprPtr parseOr()
    {
        const int line = current().line;
        ExprPtr left = parseAnd();
        while (skipName("or")) left = binary(ExprKind::Or, std::move(left), parseAnd(), line);
        return left;
    }

    ExprPtr parseAnd()
    {
        const int line = current().line;
        ExprPtr left = parseNot();
        while (skipName("and")) left = binary(ExprKind::And, std::move(left), parseNot(), line);
        return left;
    }

    ExprPtr parseNot()
    {
        if (isName("not")) {
            DepthGuard guard(*this);
            const int line = next().line;
            auto e = node(ExprKind::Not, line);
            e->a = parseNot();
            return e;
        }
        return parseCompare();
    }

    ExprPtr parseCompare()
    {
        const int line = current().line;
        ExprPtr expr = parseMath1();
        ExprPtr cmp;
        while (true) {
            CompareOp op;
            const TokenType t = current().type;
            if (t == TokenType::Eq) op = CompareOp::Eq;
            else if (t == TokenType::Ne) op = CompareOp::Ne;
            else if (t == TokenType::Lt) op = CompareOp::Lt;
            else if (t == TokenType::LtEq) op = CompareOp::LtEq;
            else if (t == TokenType::Gt) op = CompareOp::Gt;
            else if (t == TokenType::GtEq) op = CompareOp::GtEq;
            else if (isName("in")) op = CompareOp::In;
            else if (isName("not") && look().type == TokenType::Name && look().text == "in") {
                next();
                op = CompareOp::NotIn;
            } else {
                break;
            }
            next();
            if (!cmp) {
                cmp = node(ExprKind::Compare, line);
                cmp->items.push_back(std::move(expr));
            }
            cmp->ops.push_back(op);
            cmp->items.push_back(parseMath1());
        }
        return cmp ? std::move(cmp) : std::move(expr);
    }

    ExprPtr parseMath1()
    {
        const int line = current().line;
        ExprPtr left = parseConcat();
        while (is(TokenType::Add) || is(TokenType::Sub)) {
            const ExprKind kind = is(TokenType::Add) ? ExprKind::Add : ExprKind::Sub;
            next();
            left = binary(kind, std::move(left), parseConcat(), line);
        }
        return left;
    }

    ExprPtr parseConcat()
    {
        const int line = current().line;
        ExprPtr first = parseMath2();
        if (!is(TokenType::Tilde)) return first;
        auto e = node(ExprKind::Concat, line);
        e->items.push_back(std::move(first));
        while (skipIf(TokenType::Tilde)) e->items.push_back(parseMath2());
        return e;
    }

    ExprPtr parseMath2()
    {
        const int line = current().line;
        ExprPtr left = parsePow();
        while (true) {
            ExprKind kind;
            if (is(TokenType::Mul)) kind = ExprKind::Mul;
            else if (is(TokenType::Div)) kind = ExprKind::Div;
            else if (is(TokenType::FloorDiv)) kind = ExprKind::FloorDiv;
            else if (is(TokenType::Mod)) kind = ExprKind::Mod;
            else break;
            next();
            left = binary(kind, std::move(left), parsePow(), line);
        }
        return left;
    }

    ExprPtr parsePow()
    {
        const int line = current().line;
        ExprPtr left = parseUnary(true);
        while (skipIf(TokenType::Pow)) left = binary(ExprKind::Pow, std::move(left), parseUnary(true), line);
        return left;
    }

    ExprPtr parseUnary(bool withFilter)
    {
        DepthGuard guard(*this);
        const int line = current().line;
        ExprPtr e;
        if (skipIf(TokenType::Sub)) {
            e = node(ExprKind::Neg, line);
            e->a = parseUnary(false);
        } else if (skipIf(TokenType::Add)) {
            e = node(ExprKind::Pos, line);
            e->a = parseUnary(false);
        } else {
            e = parsePrimary(false);
        }
        e = parsePostfix(std::move(e));
        if (withFilter) e = parseFilterExpr(std::move(e));
        return e;
    }

    void noteName(const std::string& name)
    {
        if (m_macroUses.empty()) return;
        if (name == "caller") m_macroUses.back().caller = true;
        else if (name == "varargs") m_macroUses.back().varargs = true;
        else if (name == "kwargs") m_macroUses.back().kwargs = true;
    }

    ExprPtr parsePrimary(bool withNamespace)
    {
        DepthGuard guard(*this);
        const Token& token = current();
        if (token.type == TokenType::Name) {
            next();
            const std::string& v = token.text;
            if (v == "true" || v == "false" || v == "True" || v == "False") {
                auto e = node(ExprKind::Const, token.line);
                e->constant = Value::boolean(v == "true" || v == "True");
                return e;
            }
            if (v == "none" || v == "None") {
                auto e = node(ExprKind::Const, token.line);
                e->constant = Value::none();
                return e;
            }
            if (withNamespace && is(TokenType::Dot)) {
                next();
                auto e = node(ExprKind::NSRef, token.line);
                e->name = v;
                e->attr = expect(TokenType::Name).text;
                return e;
            }
            auto e = node(ExprKind::Name, token.line);
            e->name = v;
            noteName(v);
            return e;
        }
        if (token.type == TokenType::String) {
            std::string text = next().text;
            while (is(TokenType::String)) text += next().text;
            auto e = node(ExprKind::Const, token.line);
            e->constant = Value::string(std::move(text));
            return e;
        }
        if (token.type == TokenType::Integer || token.type == TokenType::Float) {
            next();
            auto e = node(ExprKind::Const, token.line);
            e->constant = token.type == TokenType::Integer ? Value::integer(token.intValue) : Value::floating(token.floatValue);
            return e;
        }
        if (token.type == TokenType::LParen) {
            next();
            ExprPtr e = parseTuple(true, {}, true);
            expect(TokenType::RParen);
            return e;
        }
        if (token.type == TokenType::LBracket) return parseList();
        if (token.type == TokenType::LBrace) return parseDict();
        if (token.type == TokenType::Eof) fail(token, "unexpected end of template");
        fail(token, "unexpected '" + describe(token) + "'");
    }

    bool isTupleEnd(std::initializer_list<std::string_view> extraEnd) const
    {
        const TokenType t = current().type;
        if (t == TokenType::VariableEnd || t == TokenType::BlockEnd || t == TokenType::RParen) return true;
        if (t == TokenType::Name) {
            return std::find(extraEnd.begin(), extraEnd.end(), current().text) != extraEnd.end();
        }
        return false;
    }

    // parse_tuple(simplified, with_condexpr, extra_end_rules, explicit_parentheses, with_namespace)
    ExprPtr parseTuple(bool withCondexpr, std::initializer_list<std::string_view> extraEnd, bool explicitParens,
                       bool simplified = false, bool withNamespace = false)
    {
        const int line = current().line;
        std::vector<ExprPtr> args;
        bool isTuple = false;
        while (true) {
            if (!args.empty()) expect(TokenType::Comma);
            if (isTupleEnd(extraEnd)) break;
            if (simplified) args.push_back(parsePrimary(withNamespace));
            else args.push_back(parseExpression(withCondexpr));
            if (is(TokenType::Comma)) isTuple = true;
            else break;
        }
        if (!isTuple) {
            if (!args.empty()) return std::move(args[0]);
            if (!explicitParens) fail(current(), "Expected an expression, got '" + describe(current()) + "'");
        }
        auto e = node(ExprKind::Tuple, line);
        e->items = std::move(args);
        return e;
    }

    ExprPtr parseList()
    {
        const int line = expect(TokenType::LBracket).line;
        auto e = node(ExprKind::List, line);
        while (!is(TokenType::RBracket)) {
            if (!e->items.empty()) expect(TokenType::Comma);
            if (is(TokenType::RBracket)) break;
            e->items.push_back(parseExpression(true));
        }
        expect(TokenType::RBracket);
        return e;
    }

    ExprPtr parseDict()
    {
        const int line = expect(TokenType::LBrace).line;
        auto e = node(ExprKind::Dict, line);
        while (!is(TokenType::RBrace)) {
            if (!e->items.empty()) expect(TokenType::Comma);
            if (is(TokenType::RBrace)) break;
            e->items.push_back(parseExpression(true));
            expect(TokenType::Colon);
            e->items.push_back(parseExpression(true));
        }
        expect(TokenType::RBrace);
        return e;
    }

    ExprPtr parsePostfix(ExprPtr e)
    {
        while (true) {
            if (is(TokenType::Dot) || is(TokenType::LBracket)) e = parseSubscript(std::move(e));
            else if (is(TokenType::LParen)) e = parseCall(std::move(e));
            else break;
        }
        return e;
    }

    ExprPtr parseFilterExpr(ExprPtr e)
    {
        while (true) {
            if (is(TokenType::Pipe)) e = parseFilter(std::move(e), false);
            else if (isName("is")) e = parseTest(std::move(e));
            else if (is(TokenType::LParen)) e = parseCall(std::move(e));
            else break;
        }
        return e;
    }

    ExprPtr parseSubscript(ExprPtr e)
    {
        DepthGuard guard(*this);
        const Token& token = next();
        if (token.type == TokenType::Dot) {
            const Token& attr = current();
            next();
            if (attr.type == TokenType::Name) {
                auto g = node(ExprKind::Getattr, token.line);
                g->a = std::move(e);
                g->name = attr.text;
                return g;
            }
            if (attr.type != TokenType::Integer) fail(attr, "expected name or number");
            auto g = node(ExprKind::Getitem, token.line);
            g->a = std::move(e);
            g->b = node(ExprKind::Const, attr.line);
            g->b->constant = Value::integer(attr.intValue);
            return g;
        }
        // "["
        std::vector<ExprPtr> args;
        while (!is(TokenType::RBracket)) {
            if (!args.empty()) expect(TokenType::Comma);
            args.push_back(parseSubscribed());
        }
        expect(TokenType::RBracket);
        auto g = node(ExprKind::Getitem, token.line);
        g->a = std::move(e);
        if (args.size() == 1) {
            g->b = std::move(args[0]);
        } else {
            g->b = node(ExprKind::Tuple, token.line);
            g->b->items = std::move(args);
        }
        return g;
    }

    ExprPtr parseSubscribed()
    {
        const int line = current().line;
        ExprPtr start;
        if (is(TokenType::Colon)) {
            next();
        } else {
            ExprPtr e = parseExpression(true);
            if (!is(TokenType::Colon)) return e;
            next();
            start = std::move(e);
        }
        auto slice = node(ExprKind::Slice, line);
        slice->a = std::move(start);
        if (!is(TokenType::Colon) && !is(TokenType::RBracket) && !is(TokenType::Comma)) slice->b = parseExpression(true);
        if (is(TokenType::Colon)) {
            next();
            if (!is(TokenType::RBracket) && !is(TokenType::Comma)) slice->c = parseExpression(true);
        }
        return slice;
    }

    void parseCallArgs(Expr& call)
    {
        const Token& open = expect(TokenType::LParen);
        bool requireComma = false;
        auto ensure = [&](bool ok) {
            if (!ok) fail(open, "invalid syntax for function call expression");
        };
        while (!is(TokenType::RParen)) {
            if (requireComma) {
                expect(TokenType::Comma);
                if (is(TokenType::RParen)) break;
            }
            if (is(TokenType::Mul)) {
                ensure(!call.dynArgs && !call.dynKwargs);
                next();
                call.dynArgs = parseExpression(true);
            } else if (is(TokenType::Pow)) {
                ensure(!call.dynKwargs);
                next();
                call.dynKwargs = parseExpression(true);
            } else if (is(TokenType::Name) && look().type == TokenType::Assign) {
                ensure(!call.dynKwargs);
                std::string key = next().text;
                next();
                call.keywords.push_back(Keyword{std::move(key), parseExpression(true)});
            } else {
                ensure(!call.dynArgs && !call.dynKwargs && call.keywords.empty());
                call.items.push_back(parseExpression(true));
            }
            requireComma = true;
        }
        expect(TokenType::RParen);
    }

    ExprPtr parseCall(ExprPtr callee)
    {
        DepthGuard guard(*this);
        auto call = node(ExprKind::Call, current().line);
        call->a = std::move(callee);
        parseCallArgs(*call);
        return call;
    }

    std::string dottedName()
    {
        std::string name = expect(TokenType::Name).text;
        while (is(TokenType::Dot)) {
            next();
            name += "." + expect(TokenType::Name).text;
        }
        return name;
    }

    ExprPtr parseFilter(ExprPtr e, bool startInline)
    {
        while (is(TokenType::Pipe) || startInline) {
            DepthGuard guard(*this);
            if (!startInline) next();
            const Token& at = current();
            auto f = node(ExprKind::Filter, at.line);
            f->name = dottedName();
            f->filter = findFilter(f->name);
            f->column = at.column;
            if (is(TokenType::LParen)) parseCallArgs(*f);
            f->a = std::move(e);
            e = std::move(f);
            startInline = false;
        }
        return e;
    }

    ExprPtr parseTest(ExprPtr e)
    {
        DepthGuard guard(*this);
        const int line = next().line;  // "is"
        const bool negated = skipName("not");
        const Token& at = current();
        auto t = node(ExprKind::Test, line);
        t->name = dottedName();
        t->test = findTest(t->name);
        t->column = at.column;
        const TokenType type = current().type;
        if (type == TokenType::LParen) {
            parseCallArgs(*t);
        } else if ((type == TokenType::Name || type == TokenType::String || type == TokenType::Integer ||
                    type == TokenType::Float || type == TokenType::LBracket || type == TokenType::LBrace) &&
                   !isName("else") && !isName("or") && !isName("and")) {
            if (isName("is")) fail(current(), "You cannot chain multiple tests with is");
            t->items.push_back(parsePostfix(parsePrimary(false)));
        }
        t->a = std::move(e);
        if (!negated) return t;
        auto n = node(ExprKind::Not, line);
        n->a = std::move(t);
        return n;
    }

    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    int m_depth = 0;
    int m_loopDepth = 0;
    std::vector<MacroUses> m_macroUses;
};

}  // namespace

TemplateTree parseTemplate(std::string_view source)
{
    return Parser(tokenizeTemplate(source)).parse();
}

}  // namespace lathe::chat
