// The parsed template: expression and statement nodes as jinja2's parser builds them
// (nodes.py), resolved once at parse time (filters and tests to function pointers, constants
// to Values) so that rendering walks the tree without lookups by name where it can.
#pragma once

#include "chat/template_value.h"

#include <memory>
#include <string>
#include <vector>

namespace lathe::chat {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtPtr>;

using FilterFn = Value (*)(Interpreter& interp, const Value& subject, CallArgs& args);
using TestFn = bool (*)(Interpreter& interp, const Value& subject, CallArgs& args);

enum class ExprKind : uint8_t {
    Const, Name, NSRef, Getattr, Getitem, Slice, Call, Filter, Test,
    Neg, Pos, Not, Add, Sub, Mul, Div, FloorDiv, Mod, Pow, And, Or,
    Concat, Compare, CondExpr, List, Tuple, Dict,
};

enum class CompareOp : uint8_t { Eq, Ne, Lt, LtEq, Gt, GtEq, In, NotIn };

struct Keyword {
    std::string name;
    ExprPtr value;
};

struct Expr {
    ExprKind kind = ExprKind::Const;
    int line = 0;
    int column = 0;  // Filter / Test: where the name starts, for "No filter named ..."
    Value constant;              // Const
    std::string name;            // Name; Getattr attribute; Filter/Test name; NSRef namespace
    std::string attr;            // NSRef attribute
    ExprPtr a, b, c;             // operands (Getitem: a[b]; Slice: b:c step in items; CondExpr: a if b else c)
    std::vector<ExprPtr> items;  // List/Tuple/Concat/Compare operands/Call+Filter+Test args/Dict k,v,k,v
    std::vector<Keyword> keywords;
    ExprPtr dynArgs, dynKwargs;  // *args, **kwargs of a call
    std::vector<CompareOp> ops;  // Compare
    FilterFn filter = nullptr;   // resolved Filter (null: unknown, fails when evaluated)
    TestFn test = nullptr;       // resolved Test
};

enum class StmtKind : uint8_t {
    Output, For, If, Set, SetBlock, Macro, CallBlock, FilterBlock, Break, Continue, With, Generation,
};

struct OutputPart {
    std::string data;  // template text, when expr is null
    ExprPtr expr;
};

struct IfBranch {
    ExprPtr test;
    StmtList body;
};

struct Stmt {
    StmtKind kind = StmtKind::Output;
    int line = 0;
    std::vector<OutputPart> parts;  // Output
    ExprPtr target;                 // For / Set / SetBlock target (Name, Tuple or NSRef)
    ExprPtr value;                  // For iterable; Set value; CallBlock call; Filter chain (SetBlock, FilterBlock)
    ExprPtr test;                   // For filter condition
    StmtList body;
    StmtList elseBody;              // For else; If else
    std::vector<IfBranch> branches; // If / elif
    bool recursive = false;         // For
    // Macro and CallBlock signature
    std::string name;
    std::vector<std::string> params;
    std::vector<ExprPtr> defaults;  // for the last defaults.size() params
    bool usesCaller = false;
    bool usesVarargs = false;
    bool usesKwargs = false;
    // With
    std::vector<ExprPtr> targets;
    std::vector<ExprPtr> values;
    // Names this statement's scope (loop body, macro, block body ...) holds from its start,
    // undefined until assigned: jinja2 compiles them to locals set to `missing` (see
    // template_scopes.cpp). elseMissing is the same for a for-loop's else block.
    std::vector<std::string> missingAtEntry;
    std::vector<std::string> elseMissingAtEntry;
};

struct TemplateTree {
    StmtList body;
    std::vector<std::string> missingAtEntry;  // of the template's top-level scope
};

// Works out which names each scope holds from its start (template_scopes.cpp).
void analyzeScopes(TemplateTree& tree);

}  // namespace lathe::chat
