// jinja2's symbol analysis (idtracking.py), reduced to what changes output: which names a
// scope holds as locals from its start. jinja2 compiles every scope (the template, a loop
// body, a macro ...) to a Python function whose locals are fixed at compile time: a name
// first assigned in a scope, and unknown to the enclosing scopes, is a local that reads as
// undefined until the assignment runs -- even if a render variable has that name, and even
// when it is read from a loop or macro that runs before the assignment. Every other name
// reads through to the enclosing scopes and the render variables, which the interpreter's
// dynamic lookup already does.
#include "chat/template_ast.h"

#include <map>
#include <set>

namespace lathe::chat {
namespace {

enum class Ref { Param, Resolve, Alias, Undefined };

struct Symbols {
    const Symbols* parent = nullptr;  // the enclosing scope's finished analysis
    std::map<std::string, Ref> refs;
    std::set<std::string> stores;
    // Statements whose own scopes are analysed once this scope is complete, as jinja2
    // compiles them (shared by the copies made for if-branches).
    std::vector<Stmt*>* pending = nullptr;

    bool findRef(const std::string& name) const
    {
        for (const Symbols* s = this; s; s = s->parent) {
            if (s->refs.count(name)) return true;
        }
        return false;
    }
    void load(const std::string& name)
    {
        if (!findRef(name)) refs[name] = Ref::Resolve;
    }
    void store(const std::string& name)
    {
        stores.insert(name);
        if (refs.count(name)) return;
        refs[name] = (parent && parent->findRef(name)) ? Ref::Alias : Ref::Undefined;
    }
    void param(const std::string& name)
    {
        stores.insert(name);
        refs[name] = Ref::Param;
    }
    // Symbols.branch_update: a name assigned in some branches of an if, not all three
    // (body, elifs, else), is read through from outside until assigned.
    void branchUpdate(const std::vector<Symbols>& branches)
    {
        std::map<std::string, int> counts;
        for (const Symbols& b : branches) {
            for (const std::string& target : b.stores) {
                if (!stores.count(target)) ++counts[target];
            }
        }
        for (const Symbols& b : branches) {
            for (const auto& [name, ref] : b.refs) refs[name] = ref;
            stores.insert(b.stores.begin(), b.stores.end());
        }
        for (const auto& [name, count] : counts) {
            if (count == static_cast<int>(branches.size())) continue;
            refs[name] = (parent && parent->findRef(name)) ? Ref::Alias : Ref::Resolve;
        }
    }
    std::vector<std::string> missing() const
    {
        std::vector<std::string> names;
        for (const auto& [name, ref] : refs) {
            if (ref == Ref::Undefined) names.push_back(name);
        }
        return names;
    }
};

void visitExpr(const Expr* e, Symbols& sym)
{
    if (!e) return;
    if (e->kind == ExprKind::Name || e->kind == ExprKind::NSRef) sym.load(e->name);
    visitExpr(e->a.get(), sym);
    visitExpr(e->b.get(), sym);
    visitExpr(e->c.get(), sym);
    for (const ExprPtr& item : e->items) visitExpr(item.get(), sym);
    for (const Keyword& kw : e->keywords) visitExpr(kw.value.get(), sym);
    visitExpr(e->dynArgs.get(), sym);
    visitExpr(e->dynKwargs.get(), sym);
}

void storeTarget(const Expr& target, Symbols& sym, bool asParam)
{
    if (target.kind == ExprKind::Name) {
        if (asParam) sym.param(target.name);
        else sym.store(target.name);
    } else if (target.kind == ExprKind::NSRef) {
        sym.load(target.name);
    } else if (target.kind == ExprKind::Tuple) {
        for (const ExprPtr& item : target.items) storeTarget(*item, sym, asParam);
    }
}

void visitStmts(const StmtList& body, Symbols& sym);
void analyzeChildren(const std::vector<Stmt*>& pending, const Symbols& sym);
std::vector<std::string> analyzeFrame(const StmtList& body, const Symbols& parent, const std::vector<const Expr*>& params,
                                      const std::vector<std::string>& namedParams);

// One `if` with its elif chain from branch `index` on, as jinja2 nests them.
void visitIf(Stmt& stmt, size_t index, Symbols& sym, bool topLevel)
{
    visitExpr(stmt.branches[index].test.get(), sym);
    std::vector<Symbols> branches(3, sym);
    visitStmts(stmt.branches[index].body, branches[0]);
    if (topLevel) {
        for (size_t k = index + 1; k < stmt.branches.size(); ++k) visitIf(stmt, k, branches[1], false);
        visitStmts(stmt.elseBody, branches[2]);
    }
    sym.branchUpdate(branches);
}

void visitStmt(Stmt& stmt, Symbols& sym)
{
    switch (stmt.kind) {
    case StmtKind::Output:
        for (const OutputPart& part : stmt.parts) visitExpr(part.expr.get(), sym);
        break;
    case StmtKind::If:
        visitIf(stmt, 0, sym, true);
        break;
    case StmtKind::For:
        visitExpr(stmt.value.get(), sym);
        sym.pending->push_back(&stmt);
        break;
    case StmtKind::Set:
        visitExpr(stmt.value.get(), sym);
        storeTarget(*stmt.target, sym, false);
        break;
    case StmtKind::SetBlock:
        storeTarget(*stmt.target, sym, false);
        sym.pending->push_back(&stmt);
        break;
    case StmtKind::Macro:
    case StmtKind::CallBlock: {
        if (stmt.kind == StmtKind::Macro) sym.store(stmt.name);
        else visitExpr(stmt.value.get(), sym);
        sym.pending->push_back(&stmt);
        break;
    }
    case StmtKind::FilterBlock:
        visitExpr(stmt.value.get(), sym);
        sym.pending->push_back(&stmt);
        break;
    case StmtKind::With:
        for (const ExprPtr& v : stmt.values) visitExpr(v.get(), sym);
        sym.pending->push_back(&stmt);
        break;
    case StmtKind::Generation:
        sym.pending->push_back(&stmt);
        break;
    case StmtKind::Break:
    case StmtKind::Continue:
        break;
    }
}

void visitStmts(const StmtList& body, Symbols& sym)
{
    for (const StmtPtr& stmt : body) visitStmt(*stmt, sym);
}

// Phase 2: the scopes of the statements a finished scope contains.
void analyzeChildren(const std::vector<Stmt*>& pending, const Symbols& sym)
{
    for (Stmt* stmt : pending) {
        switch (stmt->kind) {
        case StmtKind::For:
            stmt->missingAtEntry = analyzeFrame(stmt->body, sym, {stmt->target.get()}, {"loop"});
            stmt->elseMissingAtEntry = analyzeFrame(stmt->elseBody, sym, {}, {});
            break;
        case StmtKind::Macro:
        case StmtKind::CallBlock: {
            std::vector<std::string> params = stmt->params;
            params.push_back("caller");
            params.push_back("varargs");
            params.push_back("kwargs");
            stmt->missingAtEntry = analyzeFrame(stmt->body, sym, {}, params);
            break;
        }
        case StmtKind::With: {
            std::vector<const Expr*> targets;
            for (const ExprPtr& t : stmt->targets) targets.push_back(t.get());
            stmt->missingAtEntry = analyzeFrame(stmt->body, sym, targets, {});
            break;
        }
        default:
            stmt->missingAtEntry = analyzeFrame(stmt->body, sym, {}, {});
        }
    }
}

std::vector<std::string> analyzeFrame(const StmtList& body, const Symbols& parent, const std::vector<const Expr*>& params,
                                      const std::vector<std::string>& namedParams)
{
    std::vector<Stmt*> pending;
    Symbols sym;
    sym.parent = &parent;
    sym.pending = &pending;
    for (const Expr* p : params) {
        if (p) storeTarget(*p, sym, true);
    }
    for (const std::string& p : namedParams) sym.param(p);
    visitStmts(body, sym);
    analyzeChildren(pending, sym);
    return sym.missing();
}

}  // namespace

void analyzeScopes(TemplateTree& tree)
{
    std::vector<Stmt*> pending;
    Symbols root;
    root.pending = &pending;
    visitStmts(tree.body, root);
    analyzeChildren(pending, root);
    tree.missingAtEntry = root.missing();
}

}  // namespace lathe::chat
