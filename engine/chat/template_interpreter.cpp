// Statement execution and expression evaluation. Attribute and item access follow the
// sandbox's getattr/getitem (attribute first for `.x`, item first for `[x]`, each falling
// back on the other, unsafe names and mutating methods refused); macros follow
// jinja2.runtime.Macro's argument binding; loops expose jinja2's LoopContext.
#include "chat/template_interpreter.h"

#include "chat/template_builtins.h"
#include "chat/template_text.h"

#include <algorithm>

namespace lathe::chat {

const Value* Scope::find(std::string_view name) const
{
    for (const Scope* s = this; s; s = s->parent.get()) {
        for (auto it = s->vars.rbegin(); it != s->vars.rend(); ++it) {
            if (it->first == name) return &it->second;
        }
    }
    return nullptr;
}

void Scope::set(std::string_view name, Value value)
{
    for (auto& [n, v] : vars) {
        if (n == name) {
            v = std::move(value);
            return;
        }
    }
    vars.emplace_back(name, std::move(value));
}

namespace {

// A macro, or the caller of a {% call %} block.
struct MacroObject final : HostObject {
    MacroObject(const Stmt& s, std::shared_ptr<Scope> c) : stmt(s), closure(std::move(c)) {}
    const char* typeName() const override { return "Macro"; }
    bool isCallable() const override { return true; }
    Value call(Interpreter& interp, CallArgs& args) override { return interp.invokeMacro(stmt, closure, args); }
    Value attribute(Interpreter&, std::string_view name) override
    {
        if (name == "name") return Value::borrowed(stmt.name);
        return Value::undefined(name, UndefinedReason::Attribute, {}, ValueKind::Object);
    }
    std::string repr() const override { return "<Macro '" + stmt.name + "'>"; }
    const Stmt& stmt;
    std::shared_ptr<Scope> closure;
};

struct LoopObject;
Value callLoopMethod(LoopObject& loop, std::string_view name, CallArgs& args, bool& handled);

// loop.cycle / loop.changed taken without calling them.
struct LoopMethod final : HostObject {
    LoopMethod(std::shared_ptr<LoopObject> l, std::string_view n) : loop(std::move(l)), name(n) {}
    const char* typeName() const override { return "method"; }
    bool isCallable() const override { return true; }
    Value call(Interpreter&, CallArgs& args) override
    {
        bool handled = false;
        return callLoopMethod(*loop, name, args, handled);
    }
    std::shared_ptr<LoopObject> loop;
    std::string_view name;
};

// jinja2.runtime.LoopContext over a materialised list.
struct LoopObject final : HostObject, std::enable_shared_from_this<LoopObject> {
    const char* typeName() const override { return "LoopContext"; }
    bool isCallable() const override { return true; }

    Value call(Interpreter& interp, CallArgs& args) override
    {
        if (!forStmt->recursive) fail(TemplateErrorKind::Type, "The loop must have the 'recursive' marker to be called recursively.");
        if (args.positional.size() != 1 || !args.keywords.empty()) fail(TemplateErrorKind::Type, "loop() takes one argument");
        return interp.renderRecursiveLoop(*forStmt, scope, args.positional[0], depth0 + 1);
    }

    Value attribute(Interpreter&, std::string_view name) override
    {
        const int64_t length = static_cast<int64_t>(items.size());
        const int64_t i = static_cast<int64_t>(index0);
        if (name == "index") return Value::integer(i + 1);
        if (name == "index0") return Value::integer(i);
        if (name == "first") return Value::boolean(index0 == 0);
        if (name == "last") return Value::boolean(index0 + 1 == items.size());
        if (name == "length") return Value::integer(length);
        if (name == "revindex") return Value::integer(length - i);
        if (name == "revindex0") return Value::integer(length - i - 1);
        if (name == "depth") return Value::integer(static_cast<int64_t>(depth0) + 1);
        if (name == "depth0") return Value::integer(static_cast<int64_t>(depth0));
        if (name == "previtem") {
            if (index0 == 0) return Value::undefined("there is no previous item", UndefinedReason::Hint);
            return items[index0 - 1];
        }
        if (name == "nextitem") {
            if (index0 + 1 >= items.size()) return Value::undefined("there is no next item", UndefinedReason::Hint);
            return items[index0 + 1];
        }
        if (name == "cycle") return Value::host(std::make_shared<LoopMethod>(shared_from_this(), "cycle"));
        if (name == "changed") return Value::host(std::make_shared<LoopMethod>(shared_from_this(), "changed"));
        return Value::undefined(name, UndefinedReason::Attribute, {}, ValueKind::Object);
    }

    std::string repr() const override
    {
        return "<LoopContext " + std::to_string(index0 + 1) + "/" + std::to_string(items.size()) + ">";
    }

    std::vector<Value> items;
    size_t index0 = 0;
    size_t depth0 = 0;
    const Stmt* forStmt = nullptr;
    std::shared_ptr<Scope> scope;  // the scope the loop statement runs in (for recursion)
    bool hasChanged = false;
    std::vector<Value> lastChanged;
};

Value callLoopMethod(LoopObject& loop, std::string_view name, CallArgs& args, bool& handled)
{
    handled = true;
    if (name == "cycle") {
        if (args.positional.empty()) fail(TemplateErrorKind::Type, "no items for cycling given");
        return args.positional[loop.index0 % args.positional.size()];
    }
    if (name == "changed") {
        bool same = loop.hasChanged && loop.lastChanged.size() == args.positional.size();
        for (size_t i = 0; same && i < args.positional.size(); ++i) same = equals(loop.lastChanged[i], args.positional[i]);
        if (same) return Value::boolean(false);
        loop.hasChanged = true;
        loop.lastChanged = args.positional;
        return Value::boolean(true);
    }
    handled = false;
    return Value();
}

bool isDunder(std::string_view name) { return name.size() >= 2 && name.substr(0, 2) == "__"; }

Value unsafeAttribute(const Value& obj, std::string_view name)
{
    return Value::undefinedWith("access to attribute '" + std::string(name) + "' of '" + typeName(obj) +
                                    "' object is unsafe.",
                                UndefinedReason::Unsafe);
}

}  // namespace

struct Interpreter::DepthGuard {
    explicit DepthGuard(Interpreter& i) : interp(i)
    {
        if (++interp.m_callDepth > interp.m_limits.maxCallDepth) {
            fail(TemplateErrorKind::Limit, "call depth limit reached (" + std::to_string(interp.m_limits.maxCallDepth) +
                                               " nested macro, caller or recursive loop calls)");
        }
    }
    ~DepthGuard() { --interp.m_callDepth; }
    Interpreter& interp;
};

Interpreter::Interpreter(const TemplateTree& tree, const Json& variables, const RenderLimits& limits)
    : m_tree(tree), m_variables(variables), m_limits(limits)
{
    m_scope = newScope(nullptr);
}

Interpreter::~Interpreter()
{
    m_scope.reset();
    for (const auto& weak : m_scopes) {
        if (auto scope = weak.lock()) {
            scope->vars.clear();
            scope->parent.reset();
        }
    }
    for (const auto& weak : m_namespaces) {
        if (auto ns = weak.lock()) ns->attrs.clear();
    }
    for (const auto& weak : m_loops) {
        if (auto loop = weak.lock()) {
            auto* l = static_cast<LoopObject*>(loop.get());
            l->items.clear();
            l->lastChanged.clear();
            l->scope.reset();
        }
    }
}

std::shared_ptr<Scope> Interpreter::newScope(std::shared_ptr<Scope> parent)
{
    auto scope = std::make_shared<Scope>();
    scope->parent = std::move(parent);
    m_scopes.push_back(scope);
    return scope;
}

void Interpreter::declareMissing(const std::vector<std::string>& names)
{
    for (const std::string& name : names) m_scope->vars.emplace_back(name, Value::undefined(name));
}

Rendered Interpreter::run()
{
    declareMissing(m_tree.missingAtEntry);
    execList(m_tree.body);
    Rendered rendered;
    rendered.text = std::move(m_root);
    rendered.generationSpans = std::move(m_spans);
    return rendered;
}

void Interpreter::chargeValueBytes(size_t bytes)
{
    m_valueBytes += bytes;
    if (m_valueBytes > m_limits.maxValueBytes) {
        fail(TemplateErrorKind::Limit, "value size limit reached (the render built more than " +
                                           std::to_string(m_limits.maxValueBytes) + " bytes of strings and lists)");
    }
}

void Interpreter::chargeIterations(size_t count)
{
    m_iterations += count;
    if (m_iterations > m_limits.maxLoopIterations) {
        fail(TemplateErrorKind::Limit,
             "loop iteration limit reached (" + std::to_string(m_limits.maxLoopIterations) + " iterations)");
    }
}

void Interpreter::append(std::string_view text)
{
    m_out->append(text);
    if (m_out->size() > m_limits.maxOutputBytes) {
        fail(TemplateErrorKind::Limit, "output size limit reached (" + std::to_string(m_limits.maxOutputBytes) + " bytes)");
    }
}

void Interpreter::appendValue(const Value& v)
{
    if (v.isString()) {
        append(v.str());
        return;
    }
    if (v.isUndefined()) return;
    const size_t before = m_out->size();
    appendStr(*m_out, v);
    if (m_out->size() > m_limits.maxOutputBytes) {
        m_out->resize(before);
        fail(TemplateErrorKind::Limit, "output size limit reached (" + std::to_string(m_limits.maxOutputBytes) + " bytes)");
    }
}

void Interpreter::failUndefined(const Value& undefined)
{
    fail(undefined.undefinedReason() == UndefinedReason::Unsafe ? TemplateErrorKind::Security : TemplateErrorKind::Undefined,
         undefinedMessage(undefined));
}

// ---------------------------------------------------------------- statements

Interpreter::Flow Interpreter::execList(const StmtList& body)
{
    for (const StmtPtr& stmt : body) {
        const Flow flow = exec(*stmt);
        if (flow != Flow::Normal) return flow;
    }
    return Flow::Normal;
}

Interpreter::Flow Interpreter::exec(const Stmt& stmt)
{
    m_line = stmt.line;
    switch (stmt.kind) {
    case StmtKind::Output:
        execOutput(stmt);
        return Flow::Normal;
    case StmtKind::For:
        return execFor(stmt);
    case StmtKind::If:
        for (const IfBranch& branch : stmt.branches) {
            m_line = branch.test->line;
            if (truthy(eval(*branch.test))) return execList(branch.body);
        }
        return execList(stmt.elseBody);
    case StmtKind::Set:
        if (stmt.target->kind == ExprKind::NSRef && lookup(stmt.target->name).kind() != ValueKind::Namespace) {
            // jinja2 checks the namespace before it evaluates the value
            fail(TemplateErrorKind::Other, "cannot assign attribute on non-namespace object");
        }
        assign(*stmt.target, eval(*stmt.value));
        return Flow::Normal;
    case StmtKind::SetBlock:
        return execSetBlock(stmt);
    case StmtKind::Macro:
        m_scope->set(stmt.name, Value::host(std::make_shared<MacroObject>(stmt, m_scope)));
        return Flow::Normal;
    case StmtKind::CallBlock:
        execCallBlock(stmt);
        return Flow::Normal;
    case StmtKind::FilterBlock:
        return execFilterBlock(stmt);
    case StmtKind::Break:
        return Flow::Break;
    case StmtKind::Continue:
        return Flow::Continue;
    case StmtKind::With:
        execWith(stmt);
        return Flow::Normal;
    case StmtKind::Generation:
        execGeneration(stmt);
        return Flow::Normal;
    }
    return Flow::Normal;
}

void Interpreter::execOutput(const Stmt& stmt)
{
    for (const OutputPart& part : stmt.parts) {
        if (!part.expr) {
            append(part.data);
            continue;
        }
        m_line = part.expr->line;
        appendValue(eval(*part.expr));
    }
}

Interpreter::Flow Interpreter::execFor(const Stmt& stmt)
{
    Value iterable = eval(*stmt.value);
    std::vector<Value> items = iterate(iterable);
    runLoop(stmt, std::move(items), 0);
    return Flow::Normal;
}

void Interpreter::runLoop(const Stmt& stmt, std::vector<Value> items, size_t depth0)
{
    const std::shared_ptr<Scope> outer = m_scope;
    auto loopScope = newScope(outer);
    m_scope = loopScope;
    struct Restore {
        Interpreter& i;
        std::shared_ptr<Scope> s;
        ~Restore() { i.m_scope = s; }
    } restore{*this, outer};

    if (stmt.test) {
        std::vector<Value> kept;
        for (Value& item : items) {
            chargeIterations(1);
            loopScope->vars.clear();
            assign(*stmt.target, item);
            if (truthy(eval(*stmt.test))) kept.push_back(std::move(item));
        }
        items = std::move(kept);
    }
    auto runElse = [&] {
        loopScope->vars.clear();
        declareMissing(stmt.elseMissingAtEntry);
        execList(stmt.elseBody);
    };
    if (items.empty()) {
        runElse();
        return;
    }
    auto loop = std::make_shared<LoopObject>();
    m_loops.push_back(loop);
    loop->items = std::move(items);
    loop->depth0 = depth0;
    loop->forStmt = &stmt;
    loop->scope = outer;
    const Value loopValue = Value::host(loop);
    // jinja2 clears its "no iteration" flag at the end of the loop body, so the else block
    // also runs when every iteration ended in break or continue.
    bool completed = false;
    for (size_t i = 0; i < loop->items.size(); ++i) {
        chargeIterations(1);
        loop->index0 = i;
        loopScope->vars.clear();
        declareMissing(stmt.missingAtEntry);
        assign(*stmt.target, loop->items[i]);
        loopScope->vars.emplace_back("loop", loopValue);
        const Flow flow = execList(stmt.body);
        if (flow == Flow::Break) break;
        if (flow == Flow::Normal) completed = true;
    }
    if (!completed && !stmt.elseBody.empty()) runElse();
}

Value Interpreter::renderRecursiveLoop(const Stmt& loop, const std::shared_ptr<Scope>& scope, const Value& iterable,
                                       size_t depth0)
{
    DepthGuard guard(*this);
    std::vector<Value> items = iterate(iterable);
    const std::shared_ptr<Scope> saved = m_scope;
    m_scope = scope;
    std::string buffer;
    std::string* out = m_out;
    m_out = &buffer;
    try {
        runLoop(loop, std::move(items), depth0);
    } catch (...) {
        m_out = out;
        m_scope = saved;
        throw;
    }
    m_out = out;
    m_scope = saved;
    chargeValueBytes(buffer.size());
    return Value::string(std::move(buffer));
}

void Interpreter::assign(const Expr& target, const Value& value)
{
    switch (target.kind) {
    case ExprKind::Name:
        m_scope->set(target.name, value);
        return;
    case ExprKind::NSRef: {
        const Value ns = lookup(target.name);
        if (ns.kind() != ValueKind::Namespace) fail(TemplateErrorKind::Other, "cannot assign attribute on non-namespace object");
        if (!target.attr.empty() && target.attr[0] == '_') {
            fail(TemplateErrorKind::Security, "Chat templates cannot store underscore-prefixed attributes on a namespace, but got '" +
                                                  target.attr + "'. Please rename the attribute.");
        }
        auto& attrs = ns.namespaceObject()->attrs;
        for (auto& [name, v] : attrs) {
            if (name == target.attr) {
                v = value;
                return;
            }
        }
        attrs.emplace_back(target.attr, value);
        return;
    }
    case ExprKind::Tuple: {
        std::vector<Value> items = iterate(value);
        if (items.size() != target.items.size()) {
            fail(TemplateErrorKind::Other, items.size() > target.items.size()
                                               ? "too many values to unpack (expected " + std::to_string(target.items.size()) + ")"
                                               : "not enough values to unpack (expected " + std::to_string(target.items.size()) +
                                                     ", got " + std::to_string(items.size()) + ")");
        }
        for (size_t i = 0; i < items.size(); ++i) assign(*target.items[i], items[i]);
        return;
    }
    default:
        fail(TemplateErrorKind::Syntax, "can't assign to this expression");
    }
}

std::string Interpreter::capture(const StmtList& body, Flow* flow)
{
    std::string buffer;
    std::string* saved = m_out;
    m_out = &buffer;
    try {
        const Flow result = execList(body);
        if (flow) *flow = result;
    } catch (...) {
        m_out = saved;
        throw;
    }
    m_out = saved;
    chargeValueBytes(buffer.size());
    return buffer;
}

// The output of a block-set or filter-block body, rendered in a scope of its own.
std::string Interpreter::captureBlock(const Stmt& stmt, Flow* flow)
{
    const std::shared_ptr<Scope> outer = m_scope;
    m_scope = newScope(outer);
    declareMissing(stmt.missingAtEntry);
    std::string text;
    try {
        text = capture(stmt.body, flow);
    } catch (...) {
        m_scope = outer;
        throw;
    }
    m_scope = outer;
    return text;
}

// A break/continue inside a block set or filter block leaves the block at once, as the
// Python loop statement it compiles to does: nothing is assigned or written.
Interpreter::Flow Interpreter::execSetBlock(const Stmt& stmt)
{
    Flow flow = Flow::Normal;
    std::string text = captureBlock(stmt, &flow);
    if (flow != Flow::Normal) return flow;
    Value value = Value::string(std::move(text));
    if (stmt.value) value = evalFilter(*stmt.value, &value);
    assign(*stmt.target, value);
    return Flow::Normal;
}

void Interpreter::execCallBlock(const Stmt& stmt)
{
    const Value caller = Value::host(std::make_shared<MacroObject>(stmt, m_scope));
    appendValue(evalCall(*stmt.value, &caller));
}

Interpreter::Flow Interpreter::execFilterBlock(const Stmt& stmt)
{
    Flow flow = Flow::Normal;
    std::string text = captureBlock(stmt, &flow);
    if (flow != Flow::Normal) return flow;
    const Value base = Value::string(std::move(text));
    appendValue(evalFilter(*stmt.value, &base));
    return Flow::Normal;
}

void Interpreter::execWith(const Stmt& stmt)
{
    std::vector<Value> values;
    for (const ExprPtr& v : stmt.values) values.push_back(eval(*v));
    const std::shared_ptr<Scope> outer = m_scope;
    auto inner = newScope(outer);
    m_scope = inner;
    declareMissing(stmt.missingAtEntry);
    try {
        for (size_t i = 0; i < values.size(); ++i) assign(*stmt.targets[i], values[i]);
        execList(stmt.body);
    } catch (...) {
        m_scope = outer;
        throw;
    }
    m_scope = outer;
}

void Interpreter::execGeneration(const Stmt& stmt)
{
    // transformers' AssistantTracker runs the body as a caller() (its own scope) and records
    // where its text lands in the rendered output.
    const std::shared_ptr<Scope> outer = m_scope;
    auto inner = newScope(outer);
    m_scope = inner;
    declareMissing(stmt.missingAtEntry);
    const bool atRoot = m_out == &m_root;
    const size_t begin = m_out->size();
    try {
        execList(stmt.body);
    } catch (...) {
        m_scope = outer;
        throw;
    }
    m_scope = outer;
    if (atRoot) m_spans.emplace_back(begin, m_out->size());
}

// ---------------------------------------------------------------- macros

Value Interpreter::invokeMacro(const Stmt& macro, const std::shared_ptr<Scope>& closure, CallArgs& args)
{
    DepthGuard guard(*this);
    const size_t count = macro.params.size();
    std::vector<Value> bound;
    std::vector<bool> missing;
    bound.reserve(count);
    for (size_t i = 0; i < std::min(count, args.positional.size()); ++i) {
        bound.push_back(args.positional[i]);
        missing.push_back(false);
    }
    bool foundCaller = false;
    if (bound.size() != count) {
        for (size_t i = bound.size(); i < count; ++i) {
            const std::string& name = macro.params[i];
            bool found = false;
            for (auto it = args.keywords.begin(); it != args.keywords.end(); ++it) {
                if (it->first == name) {
                    bound.push_back(std::move(it->second));
                    args.keywords.erase(it);
                    found = true;
                    break;
                }
            }
            if (!found) bound.emplace_back();
            missing.push_back(!found);
            if (name == "caller") foundCaller = true;
        }
    } else {
        foundCaller = std::find(macro.params.begin(), macro.params.end(), "caller") != macro.params.end();
    }
    const bool explicitCallerParam = std::find(macro.params.begin(), macro.params.end(), "caller") != macro.params.end();
    Value caller;
    bool bindCaller = false;
    if (macro.usesCaller && !foundCaller) {
        bindCaller = true;
        caller = Value::undefined("No caller defined", UndefinedReason::Hint);
        for (auto it = args.keywords.begin(); it != args.keywords.end(); ++it) {
            if (it->first == "caller") {
                caller = std::move(it->second);
                args.keywords.erase(it);
                break;
            }
        }
    }
    Value kwargs;
    if (macro.usesKwargs) {
        auto dict = std::make_shared<DictObject>();
        for (auto& [k, v] : args.keywords) dict->items.emplace_back(Value::string(std::string(k)), std::move(v));
        kwargs = Value::dict(std::move(dict));
    } else if (!args.keywords.empty()) {
        if (args.keywords.front().first == "caller" || std::any_of(args.keywords.begin(), args.keywords.end(),
                                                                   [](const auto& kw) { return kw.first == "caller"; })) {
            fail(TemplateErrorKind::Type, "macro '" + macro.name +
                                              "' was invoked with two values for the special caller argument. This is most likely a bug.");
        }
        fail(TemplateErrorKind::Type, "macro '" + macro.name + "' takes no keyword argument '" +
                                          std::string(args.keywords.front().first) + "'");
    }
    Value varargs;
    if (macro.usesVarargs) {
        std::vector<Value> extra;
        for (size_t i = count; i < args.positional.size(); ++i) extra.push_back(args.positional[i]);
        varargs = Value::list(std::move(extra), ListFlavor::Tuple);
    } else if (args.positional.size() > count) {
        fail(TemplateErrorKind::Type, "macro '" + macro.name + "' takes not more than " + std::to_string(count) + " argument(s)");
    }
    (void)explicitCallerParam;

    const std::shared_ptr<Scope> saved = m_scope;
    auto scope = newScope(closure);
    m_scope = scope;
    declareMissing(macro.missingAtEntry);
    std::string buffer;
    std::string* out = m_out;
    m_out = &buffer;
    try {
        const size_t firstDefault = count - macro.defaults.size();
        for (size_t i = 0; i < count; ++i) {
            if (missing[i]) {
                if (i >= firstDefault) {
                    bound[i] = eval(*macro.defaults[i - firstDefault]);
                } else {
                    bound[i] = Value::undefinedWith("parameter '" + macro.params[i] + "' was not provided", UndefinedReason::Hint);
                }
            }
            scope->set(macro.params[i], bound[i]);
        }
        if (bindCaller) scope->set("caller", caller);
        if (macro.usesKwargs) scope->set("kwargs", kwargs);
        if (macro.usesVarargs) scope->set("varargs", varargs);
        execList(macro.body);
    } catch (...) {
        m_out = out;
        m_scope = saved;
        throw;
    }
    m_out = out;
    m_scope = saved;
    chargeValueBytes(buffer.size());
    return Value::string(std::move(buffer));
}

// ---------------------------------------------------------------- expressions

Value Interpreter::lookup(std::string_view name)
{
    if (const Value* v = m_scope->find(name)) return *v;
    if (m_variables.is_object()) {
        const auto& object = m_variables.get_ref<const Json::object_t&>();
        for (const auto& [key, value] : object) {
            if (key == name) return Value::fromJson(value);
        }
    }
    Value global = findGlobal(name);
    if (!global.isUndefined()) return global;
    return Value::undefined(name);
}

std::vector<Value> Interpreter::iterate(const Value& v)
{
    std::vector<Value> items;
    switch (v.kind()) {
    case ValueKind::Undefined:
        return items;
    case ValueKind::List: {
        const size_t n = v.listSize();
        items.reserve(n);
        for (size_t i = 0; i < n; ++i) items.push_back(v.listAt(i));
        return items;
    }
    case ValueKind::Dict: {
        const size_t n = v.dictSize();
        items.reserve(n);
        for (size_t i = 0; i < n; ++i) items.push_back(v.dictKeyAt(i));
        return items;
    }
    case ValueKind::String: {
        const std::string_view s = v.str();
        for (size_t pos = 0; pos < s.size();) {
            const size_t start = pos;
            text::decode(s, pos);
            items.push_back(Value::string(std::string(s.substr(start, pos - start))));
        }
        return items;
    }
    case ValueKind::Iterator: {
        IteratorObject* it = v.iteratorObject();
        items.assign(it->items.begin() + static_cast<ptrdiff_t>(it->pos), it->items.end());
        it->pos = it->items.size();
        return items;
    }
    default:
        fail(TemplateErrorKind::Type, "'" + typeName(v) + "' object is not iterable");
    }
}

Value Interpreter::getAttr(const Value& obj, std::string_view name, const std::shared_ptr<const ValueObject>& nameOwner)
{
    switch (obj.kind()) {
    case ValueKind::Undefined:
        // Python finds the dunders every object has (x.__class__) on an Undefined too.
        if (isDunder(name)) return unsafeAttribute(obj, name);
        failUndefined(obj);
    case ValueKind::Dict: {
        if (hasMethod(obj, name)) {
            if (isMutatingMethod(obj, name)) return unsafeAttribute(obj, name);
            return boundMethod(obj, name);
        }
        if (isDunder(name)) return unsafeAttribute(obj, name);
        Value out;
        if (obj.dictFindString(name, out)) return out;
        return Value::undefined(name, UndefinedReason::Attribute, nameOwner, ValueKind::Dict);
    }
    case ValueKind::Namespace:
        for (const auto& [n, v] : obj.namespaceObject()->attrs) {
            if (n == name) return v;
        }
        break;
    case ValueKind::Object:
        if (isDunder(name)) return unsafeAttribute(obj, name);
        {
            Value v = obj.hostObject()->attribute(*this, name);
            if (v.isUndefined() && v.undefinedReason() == UndefinedReason::Attribute && nameOwner) {
                return Value::undefined(name, UndefinedReason::Attribute, nameOwner, ValueKind::Object);
            }
            return v;
        }
    case ValueKind::String:
    case ValueKind::List:
        if (hasMethod(obj, name)) {
            if (isMutatingMethod(obj, name)) return unsafeAttribute(obj, name);
            return boundMethod(obj, name);
        }
        break;
    default:
        break;
    }
    if (isDunder(name)) return unsafeAttribute(obj, name);
    return Value::undefined(name, UndefinedReason::Attribute, nameOwner, obj.kind());
}

Value Interpreter::getItem(const Value& obj, const Value& key)
{
    switch (obj.kind()) {
    case ValueKind::Undefined:
        failUndefined(obj);
    case ValueKind::Dict: {
        Value out;
        if (isHashable(key) && obj.dictFind(key, out)) return out;
        break;
    }
    case ValueKind::List:
        if (key.isIntegral()) {
            int64_t i = key.asInt();
            const auto n = static_cast<int64_t>(obj.listSize());
            if (i < 0) i += n;
            if (i >= 0 && i < n) return obj.listAt(static_cast<size_t>(i));
            return Value::undefinedWith(std::to_string(key.asInt()), UndefinedReason::Element);
        }
        break;
    case ValueKind::String:
        if (key.isIntegral()) {
            const std::string_view s = obj.str();
            int64_t i = key.asInt();
            if (text::isAscii(s)) {
                const auto n = static_cast<int64_t>(s.size());
                if (i < 0) i += n;
                if (i >= 0 && i < n) return Value::string(std::string(1, s[static_cast<size_t>(i)]));
            } else {
                const std::vector<size_t> offs = text::offsets(s);
                const auto n = static_cast<int64_t>(offs.size() - 1);
                if (i < 0) i += n;
                if (i >= 0 && i < n) {
                    return Value::string(std::string(s.substr(offs[static_cast<size_t>(i)], offs[static_cast<size_t>(i) + 1] - offs[static_cast<size_t>(i)])));
                }
            }
            return Value::undefinedWith(std::to_string(key.asInt()), UndefinedReason::Element);
        }
        break;
    default:
        break;
    }
    if (key.isString()) return getAttr(obj, key.str(), key.owner());
    return Value::undefinedWith(toRepr(key), UndefinedReason::Element);
}

Value Interpreter::callValue(const Value& callee, CallArgs& args)
{
    if (callee.isUndefined()) failUndefined(callee);
    if (callee.kind() == ValueKind::Object) return callee.hostObject()->call(*this, args);
    fail(TemplateErrorKind::Type, "'" + typeName(callee) + "' object is not callable");
}

void Interpreter::evalArgs(const Expr& e, CallArgs& args)
{
    args.positional.reserve(e.items.size());
    for (const ExprPtr& a : e.items) args.positional.push_back(eval(*a));
    for (const Keyword& kw : e.keywords) args.keywords.emplace_back(kw.name, eval(*kw.value));
    if (e.dynArgs) {
        for (Value& v : iterate(eval(*e.dynArgs))) args.positional.push_back(std::move(v));
    }
    if (e.dynKwargs) {
        const Value d = eval(*e.dynKwargs);
        if (!d.isDict()) fail(TemplateErrorKind::Type, "argument after ** must be a mapping, not " + typeName(d));
        for (size_t i = 0; i < d.dictSize(); ++i) {
            const Value key = d.dictKeyAt(i);
            if (!key.isString()) fail(TemplateErrorKind::Type, "keywords must be strings");
            // The key's text must outlive the call: keep its owner alive in a constant pool.
            if (key.owner()) {
                auto copy = Value::string(std::string(key.str()));
                m_keepAlive.push_back(copy);
                args.keywords.emplace_back(copy.str(), d.dictValueAt(i));
            } else {
                args.keywords.emplace_back(key.str(), d.dictValueAt(i));
            }
        }
    }
}

Value Interpreter::evalCall(const Expr& e, const Value* extraCaller)
{
    const Expr& callee = *e.a;
    CallArgs args;
    if (callee.kind == ExprKind::Getattr) {
        const Value obj = eval(*callee.a);
        const std::string_view name = callee.name;
        const ValueKind k = obj.kind();
        if ((k == ValueKind::String || k == ValueKind::List || k == ValueKind::Dict) && hasMethod(obj, name)) {
            if (isMutatingMethod(obj, name)) failUndefined(unsafeAttribute(obj, name));
            evalArgs(e, args);
            if (extraCaller) args.keywords.emplace_back("caller", *extraCaller);
            return callMethod(*this, obj, name, args);
        }
        if (k == ValueKind::Object && (name == "cycle" || name == "changed")) {
            if (auto* loop = dynamic_cast<LoopObject*>(obj.hostObject())) {
                evalArgs(e, args);
                bool handled = false;
                Value result = callLoopMethod(*loop, name, args, handled);
                if (handled) return result;
            }
        }
        const Value fn = getAttr(obj, name);
        evalArgs(e, args);
        if (extraCaller) args.keywords.emplace_back("caller", *extraCaller);
        return callValue(fn, args);
    }
    const Value fn = eval(callee);
    evalArgs(e, args);
    if (extraCaller) args.keywords.emplace_back("caller", *extraCaller);
    return callValue(fn, args);
}

Value Interpreter::callFilterByName(std::string_view name, const Value& subject, CallArgs& args)
{
    const FilterFn fn = findFilter(name);
    if (!fn) fail(TemplateErrorKind::Other, "No filter named '" + std::string(name) + "'.");
    return fn(*this, subject, args);
}

bool Interpreter::callTestByName(std::string_view name, const Value& subject, CallArgs& args)
{
    const TestFn fn = findTest(name);
    if (!fn) fail(TemplateErrorKind::Other, "No test named '" + std::string(name) + "'.");
    return fn(*this, subject, args);
}

Value Interpreter::evalFilter(const Expr& e, const Value* base)
{
    Value subject;
    if (e.a) subject = e.a->kind == ExprKind::Filter ? evalFilter(*e.a, base) : eval(*e.a);
    else if (base) subject = *base;
    if (!e.filter) fail(TemplateErrorKind::Other, "No filter named '" + e.name + "' found.");
    CallArgs args;
    evalArgs(e, args);
    m_line = e.line;
    return e.filter(*this, subject, args);
}

bool Interpreter::evalTest(const Expr& e)
{
    const Value subject = eval(*e.a);
    if (!e.test) fail(TemplateErrorKind::Other, "No test named '" + e.name + "' found.");
    CallArgs args;
    evalArgs(e, args);
    return e.test(*this, subject, args);
}

Value Interpreter::evalCompare(const Expr& e)
{
    Value left = eval(*e.items[0]);
    for (size_t i = 0; i < e.ops.size(); ++i) {
        Value right = eval(*e.items[i + 1]);
        bool ok = false;
        switch (e.ops[i]) {
        case CompareOp::Eq:
            ok = equals(left, right);
            break;
        case CompareOp::Ne:
            ok = !equals(left, right);
            break;
        case CompareOp::Lt:
            ok = lessThan(*this, left, right);
            break;
        case CompareOp::Gt:
            ok = lessThan(*this, right, left);
            break;
        case CompareOp::LtEq:
            ok = lessThan(*this, left, right) || (equals(left, right) && !left.isUndefined());
            if (left.isUndefined() || right.isUndefined()) failUndefined(left.isUndefined() ? left : right);
            break;
        case CompareOp::GtEq:
            ok = lessThan(*this, right, left) || (equals(left, right) && !left.isUndefined());
            if (left.isUndefined() || right.isUndefined()) failUndefined(left.isUndefined() ? left : right);
            break;
        case CompareOp::In:
            ok = containsValue(*this, right, left);
            break;
        case CompareOp::NotIn:
            ok = !containsValue(*this, right, left);
            break;
        }
        if (!ok) return Value::boolean(false);
        left = std::move(right);
    }
    return Value::boolean(true);
}

Value Interpreter::evalSlice(const Value& obj, const Expr& slice)
{
    const Value start = slice.a ? eval(*slice.a) : Value::none();
    const Value stop = slice.b ? eval(*slice.b) : Value::none();
    const Value step = slice.c ? eval(*slice.c) : Value::none();
    return sliceValue(*this, obj, start, stop, step);
}

Value Interpreter::eval(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Const:
        return e.constant;
    case ExprKind::Name:
        return lookup(e.name);
    case ExprKind::NSRef:
        return getAttr(lookup(e.name), e.attr);
    case ExprKind::Getattr:
        return getAttr(eval(*e.a), e.name);
    case ExprKind::Getitem: {
        const Value obj = eval(*e.a);
        if (e.b->kind == ExprKind::Slice) {
            if (obj.isUndefined()) failUndefined(obj);
            return evalSlice(obj, *e.b);
        }
        return getItem(obj, eval(*e.b));
    }
    case ExprKind::Slice:
        fail(TemplateErrorKind::Syntax, "a slice outside of a subscript");
    case ExprKind::Call:
        m_line = e.line;
        return evalCall(e);
    case ExprKind::Filter:
        return evalFilter(e, nullptr);
    case ExprKind::Test:
        return Value::boolean(evalTest(e));
    case ExprKind::Neg:
    case ExprKind::Pos:
        return negate(*this, eval(*e.a), e.kind == ExprKind::Neg);
    case ExprKind::Not:
        return Value::boolean(!truthy(eval(*e.a)));
    case ExprKind::And: {
        Value left = eval(*e.a);
        if (!truthy(left)) return left;
        return eval(*e.b);
    }
    case ExprKind::Or: {
        Value left = eval(*e.a);
        if (truthy(left)) return left;
        return eval(*e.b);
    }
    case ExprKind::Add:
    case ExprKind::Sub:
    case ExprKind::Mul:
    case ExprKind::Div:
    case ExprKind::FloorDiv:
    case ExprKind::Mod:
    case ExprKind::Pow: {
        const Value a = eval(*e.a);
        const Value b = eval(*e.b);
        return binaryOp(*this, e.kind, a, b);
    }
    case ExprKind::Concat: {
        std::string out;
        for (const ExprPtr& item : e.items) appendStr(out, eval(*item));
        chargeValueBytes(out.size());
        return Value::string(std::move(out));
    }
    case ExprKind::Compare:
        return evalCompare(e);
    case ExprKind::CondExpr:
        if (truthy(eval(*e.b))) return eval(*e.a);
        if (e.c) return eval(*e.c);
        return Value::undefinedWith("the inline if-expression on line " + std::to_string(e.line) +
                                        " evaluated to false and no else section was defined.",
                                    UndefinedReason::Hint);
    case ExprKind::List:
    case ExprKind::Tuple: {
        std::vector<Value> items;
        items.reserve(e.items.size());
        for (const ExprPtr& item : e.items) items.push_back(eval(*item));
        chargeValueBytes(items.size() * sizeof(Value));
        return Value::list(std::move(items), e.kind == ExprKind::Tuple ? ListFlavor::Tuple : ListFlavor::List);
    }
    case ExprKind::Dict: {
        auto dict = std::make_shared<DictObject>();
        for (size_t i = 0; i + 1 < e.items.size(); i += 2) {
            Value key = eval(*e.items[i]);
            Value value = eval(*e.items[i + 1]);
            if (!isHashable(key)) fail(TemplateErrorKind::Type, "unhashable type: '" + typeName(key) + "'");
            bool replaced = false;
            for (auto& [k, v] : dict->items) {
                if (equals(k, key)) {
                    v = std::move(value);
                    replaced = true;
                    break;
                }
            }
            if (!replaced) dict->items.emplace_back(std::move(key), std::move(value));
        }
        chargeValueBytes(dict->items.size() * 2 * sizeof(Value));
        return Value::dict(std::move(dict));
    }
    }
    return Value();
}

}  // namespace lathe::chat
