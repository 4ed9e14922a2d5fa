// The renderer: walks a parsed TemplateTree with one render's variables, scopes and limits.
// One Interpreter per render (ChatTemplate::render makes it), so a parsed template can be
// rendered from several threads at once. Scoping follows jinja2: for-loop bodies, macros,
// call blocks and with-blocks get their own scope (a new one per loop iteration), if-blocks do
// not; names resolve through the scopes, then the render variables, then the globals.
#pragma once

#include "chat/chat_template.h"
#include "chat/template_ast.h"

#include <memory>
#include <string>
#include <vector>

namespace lathe::chat {

struct Scope {
    std::shared_ptr<Scope> parent;
    std::vector<std::pair<std::string_view, Value>> vars;

    const Value* find(std::string_view name) const;
    void set(std::string_view name, Value value);
};

class Interpreter {
public:
    Interpreter(const TemplateTree& tree, const Json& variables, const RenderLimits& limits);
    // Breaks the reference cycles a render can make (a macro stored in the scope it closes
    // over, a namespace holding itself, a loop stored in a namespace), so nothing leaks.
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    // Renders the whole template; throws RenderFailure (the caller adds the line).
    Rendered run();
    int currentLine() const { return m_line; }

    // ---- services for the builtins (filters, tests, methods)
    Value getAttr(const Value& obj, std::string_view name, const std::shared_ptr<const ValueObject>& nameOwner = {});
    Value getItem(const Value& obj, const Value& key);
    Value callValue(const Value& callee, CallArgs& args);
    // Everything `for x in v` would visit (consumes a one-shot iterator).
    std::vector<Value> iterate(const Value& v);
    [[noreturn]] void failUndefined(const Value& undefined);
    // Fails the render with Limit once the bytes of strings/lists built pass the limit.
    void chargeValueBytes(size_t bytes);
    void chargeIterations(size_t count);
    Value callFilterByName(std::string_view name, const Value& subject, CallArgs& args);
    bool callTestByName(std::string_view name, const Value& subject, CallArgs& args);
    const RenderLimits& limits() const { return m_limits; }
    // Registers a namespace created during the render (for the cycle breaking above).
    void adopt(const std::shared_ptr<NamespaceObject>& ns) { m_namespaces.push_back(ns); }

    // ---- used by the host objects (macros, loops)
    Value invokeMacro(const Stmt& macro, const std::shared_ptr<Scope>& closure, CallArgs& args);
    Value renderRecursiveLoop(const Stmt& loop, const std::shared_ptr<Scope>& scope, const Value& iterable, size_t depth0);

private:
    enum class Flow { Normal, Break, Continue };

    Flow execList(const StmtList& body);
    Flow exec(const Stmt& stmt);
    void execOutput(const Stmt& stmt);
    Flow execFor(const Stmt& stmt);
    void runLoop(const Stmt& stmt, std::vector<Value> items, size_t depth0);
    std::string captureBlock(const Stmt& stmt, Flow* flow);
    Flow execSetBlock(const Stmt& stmt);
    void execCallBlock(const Stmt& stmt);
    Flow execFilterBlock(const Stmt& stmt);
    void execWith(const Stmt& stmt);
    void execGeneration(const Stmt& stmt);
    void assign(const Expr& target, const Value& value);
    void declareMissing(const std::vector<std::string>& names);
    std::string capture(const StmtList& body, Flow* flow = nullptr);
    void append(std::string_view text);
    void appendValue(const Value& v);

    Value eval(const Expr& e);
    Value lookup(std::string_view name);
    Value evalCall(const Expr& e, const Value* extraCaller = nullptr);
    void evalArgs(const Expr& e, CallArgs& args);
    Value evalFilter(const Expr& e, const Value* base);
    bool evalTest(const Expr& e);
    Value evalCompare(const Expr& e);
    Value evalSlice(const Value& obj, const Expr& slice);

    struct DepthGuard;
    std::shared_ptr<Scope> newScope(std::shared_ptr<Scope> parent);

    const TemplateTree& m_tree;
    const Json& m_variables;
    const RenderLimits& m_limits;
    std::shared_ptr<Scope> m_scope;
    std::string m_root;
    std::string* m_out = &m_root;
    std::vector<std::pair<size_t, size_t>> m_spans;
    std::vector<std::weak_ptr<Scope>> m_scopes;
    std::vector<std::weak_ptr<NamespaceObject>> m_namespaces;
    std::vector<std::weak_ptr<HostObject>> m_loops;
    std::vector<Value> m_keepAlive;  // keyword names that came from **kwargs dicts
    size_t m_valueBytes = 0;
    size_t m_iterations = 0;
    size_t m_callDepth = 0;
    int m_line = 1;
};

// Python operators on Values (template_operators.cpp).
Value binaryOp(Interpreter& interp, ExprKind op, const Value& a, const Value& b);
Value negate(Interpreter& interp, const Value& v, bool negative);
// a < b etc.; fails with TypeError for unorderable values as Python does.
bool lessThan(Interpreter& interp, const Value& a, const Value& b);
bool containsValue(Interpreter& interp, const Value& container, const Value& item);
// Python's slice of a str / list / tuple; Undefined for the values jinja2 gives up on.
Value sliceValue(Interpreter& interp, const Value& obj, const Value& start, const Value& stop, const Value& step);

}  // namespace lathe::chat
