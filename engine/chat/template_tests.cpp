// jinja2's builtin tests (tests.py): `x is defined`, `x is string`, `x is divisibleby 3`, the
// comparison aliases (eq, ==, lt, ...), and `in`. They follow Python's isinstance rules:
// a bool is a number but not an integer, Undefined is iterable and a sequence.
#include "chat/template_args.h"
#include "chat/template_builtins.h"
#include "chat/template_text.h"

#include <unordered_map>

namespace lathe::chat {
namespace {

bool testOdd(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "odd", {}, 0);
    return equals(binaryOp(interp, ExprKind::Mod, v, Value::integer(2)), Value::integer(1));
}

bool testEven(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "even", {}, 0);
    return equals(binaryOp(interp, ExprKind::Mod, v, Value::integer(2)), Value::integer(0));
}

bool testDivisibleby(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "divisibleby", {"num"}, 1);
    return equals(binaryOp(interp, ExprKind::Mod, v, bound.get(0)), Value::integer(0));
}

bool testDefined(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "defined", {}, 0);
    return !v.isUndefined();
}

bool testUndefined(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "undefined", {}, 0);
    return v.isUndefined();
}

bool testFilter(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "filter", {}, 0);
    return v.isString() && findFilter(v.str()) != nullptr;
}

bool testTest(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "test", {}, 0);
    return v.isString() && findTest(v.str()) != nullptr;
}

bool testNone(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "none", {}, 0);
    return v.isNone();
}

bool testBoolean(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "boolean", {}, 0);
    return v.isBool();
}

bool testFalse(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "false", {}, 0);
    return v.isBool() && !v.asBool();
}

bool testTrue(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "true", {}, 0);
    return v.isBool() && v.asBool();
}

bool testInteger(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "integer", {}, 0);
    return v.isInt();
}

bool testFloat(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "float", {}, 0);
    return v.isFloat();
}

// str.islower() / str.isupper(): some cased character, and none of the other case.
bool caseTest(const Value& v, bool wantLower)
{
    const std::string s = toStr(v);
    bool cased = false;
    for (size_t pos = 0; pos < s.size();) {
        const char32_t cp = text::decode(s, pos);
        const bool lower = text::isLower(cp);
        const bool upper = text::isUpper(cp) || (text::isCased(cp) && !lower && !text::isUpper(cp));
        if (wantLower ? upper : lower) return false;
        if (wantLower ? lower : text::isUpper(cp)) cased = true;
    }
    return cased;
}

bool testLower(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "lower", {}, 0);
    return caseTest(v, true);
}

bool testUpper(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "upper", {}, 0);
    return caseTest(v, false);
}

bool testString(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "string", {}, 0);
    return v.isString();
}

bool testMapping(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "mapping", {}, 0);
    return v.isDict();
}

bool testNumber(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "number", {}, 0);
    return v.isNumber();
}

bool testSequence(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "sequence", {}, 0);
    switch (v.kind()) {
    case ValueKind::Undefined:  // has __len__ and a class-level __getitem__
    case ValueKind::String:
    case ValueKind::Dict:
        return true;
    case ValueKind::List:
        return v.listFlavor() == ListFlavor::List || v.listFlavor() == ListFlavor::Tuple;
    default:
        return false;
    }
}

bool testIterable(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "iterable", {}, 0);
    switch (v.kind()) {
    case ValueKind::Undefined:
    case ValueKind::String:
    case ValueKind::List:
    case ValueKind::Dict:
    case ValueKind::Iterator:
        return true;
    case ValueKind::Object:
        return std::string_view(v.hostObject()->typeName()) == "LoopContext";
    default:
        return false;
    }
}

bool testCallable(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "callable", {}, 0);
    if (v.isUndefined()) return true;  // jinja2's Undefined defines __call__ (to fail)
    return v.kind() == ValueKind::Object && v.hostObject()->isCallable();
}

bool testSameas(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "sameas", {"other"}, 1);
    const Value& other = bound.get(0);
    if (v.kind() != other.kind()) return false;
    switch (v.kind()) {
    case ValueKind::None:
        return true;
    case ValueKind::Bool:
        return v.asBool() == other.asBool();
    case ValueKind::Int:  // CPython caches the small ints
        return v.asInt() == other.asInt() && v.asInt() >= -5 && v.asInt() <= 256;
    case ValueKind::Float:
        return false;
    case ValueKind::String:
        return v.str().data() == other.str().data() && v.str().size() == other.str().size();
    default:
        return v.identity() == other.identity();
    }
}

bool testEscaped(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "escaped", {}, 0);
    return v.isMarkup();
}

bool testIn(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "in", {"seq"}, 1);
    return containsValue(interp, bound.get(0), v);
}

bool testEq(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "eq", {"b"}, 1);
    return equals(v, bound.get(0));
}

bool testNe(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "ne", {"b"}, 1);
    return !equals(v, bound.get(0));
}

bool testGt(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "gt", {"b"}, 1);
    return lessThan(interp, bound.get(0), v);
}

bool testGe(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "ge", {"b"}, 1);
    return !lessThan(interp, v, bound.get(0));
}

bool testLt(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "lt", {"b"}, 1);
    return lessThan(interp, v, bound.get(0));
}

bool testLe(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "le", {"b"}, 1);
    return !lessThan(interp, bound.get(0), v);
}

const std::unordered_map<std::string_view, TestFn>& testTable()
{
    static const std::unordered_map<std::string_view, TestFn> table = {
        {"odd", testOdd}, {"even", testEven}, {"divisibleby", testDivisibleby}, {"defined", testDefined},
        {"undefined", testUndefined}, {"filter", testFilter}, {"test", testTest}, {"none", testNone},
        {"boolean", testBoolean}, {"false", testFalse}, {"true", testTrue}, {"integer", testInteger},
        {"float", testFloat}, {"lower", testLower}, {"upper", testUpper}, {"string", testString},
        {"mapping", testMapping}, {"number", testNumber}, {"sequence", testSequence}, {"iterable", testIterable},
        {"callable", testCallable}, {"sameas", testSameas}, {"escaped", testEscaped}, {"in", testIn},
        {"==", testEq}, {"eq", testEq}, {"equalto", testEq}, {"!=", testNe}, {"ne", testNe},
        {">", testGt}, {"gt", testGt}, {"greaterthan", testGt}, {"ge", testGe}, {">=", testGe},
        {"<", testLt}, {"lt", testLt}, {"lessthan", testLt}, {"<=", testLe}, {"le", testLe},
    };
    return table;
}

}  // namespace

TestFn findTest(std::string_view name)
{
    const auto& table = testTable();
    const auto it = table.find(name);
    return it == table.end() ? nullptr : it->second;
}

}  // namespace lathe::chat
