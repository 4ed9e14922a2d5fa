// Python's operators on template values: arithmetic with floor division and modulo that
// round toward negative infinity, string and list concatenation and repetition, ordering,
// membership and slicing. Integers are 64-bit here (Python's are unbounded): an overflow
// fails the render with a Limit error instead of wrapping.
#include "chat/template_interpreter.h"

#include "chat/template_builtins.h"
#include "chat/template_text.h"

#include <cmath>

namespace lathe::chat {
namespace {

const char* opSymbol(ExprKind op)
{
    switch (op) {
    case ExprKind::Add: return "+";
    case ExprKind::Sub: return "-";
    case ExprKind::Mul: return "*";
    case ExprKind::Div: return "/";
    case ExprKind::FloorDiv: return "//";
    case ExprKind::Mod: return "%";
    case ExprKind::Pow: return "** or pow()";
    default: return "?";
    }
}

[[noreturn]] void unsupported(ExprKind op, const Value& a, const Value& b)
{
    fail(TemplateErrorKind::Type, std::string("unsupported operand type(s) for ") + opSymbol(op) + ": '" + typeName(a) +
                                      "' and '" + typeName(b) + "'");
}

[[noreturn]] void overflow() { fail(TemplateErrorKind::Limit, "integer result does not fit in 64 bits"); }

int64_t checkedAdd(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) overflow();
    return r;
}

int64_t checkedSub(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_sub_overflow(a, b, &r)) overflow();
    return r;
}

int64_t checkedMul(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_mul_overflow(a, b, &r)) overflow();
    return r;
}

// CPython's float_divmod.
void floatDivmod(double vx, double wx, double& floordiv, double& mod)
{
    mod = std::fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod != 0.0) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, wx);
    }
    if (div != 0.0) {
        floordiv = std::floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
        floordiv = std::copysign(0.0, vx / wx);
    }
}

Value repeat(Interpreter& interp, const Value& seq, int64_t times)
{
    if (times < 0) times = 0;
    if (seq.isString()) {
        const size_t bytes = seq.str().size();
        if (bytes && static_cast<uint64_t>(times) > interp.limits().maxValueBytes / bytes) {
            interp.chargeValueBytes(interp.limits().maxValueBytes + 1);
        }
        interp.chargeValueBytes(bytes * static_cast<size_t>(times));
        std::string out;
        out.reserve(bytes * static_cast<size_t>(times));
        for (int64_t i = 0; i < times; ++i) out += seq.str();
        return Value::string(std::move(out));
    }
    const size_t n = seq.listSize();
    if (n && static_cast<uint64_t>(times) > interp.limits().maxValueBytes / (n * sizeof(Value))) {
        interp.chargeValueBytes(interp.limits().maxValueBytes + 1);
    }
    interp.chargeValueBytes(n * static_cast<size_t>(times) * sizeof(Value));
    std::vector<Value> items;
    items.reserve(n * static_cast<size_t>(times));
    for (int64_t i = 0; i < times; ++i) {
        for (size_t k = 0; k < n; ++k) items.push_back(seq.listAt(k));
    }
    return Value::list(std::move(items), seq.listFlavor());
}

bool isSequenceList(const Value& v)
{
    return v.isList() && (v.listFlavor() == ListFlavor::List || v.listFlavor() == ListFlavor::Tuple);
}

Value intPow(int64_t base, int64_t exponent)
{
    int64_t result = 1;
    while (exponent > 0) {
        if (exponent & 1) result = checkedMul(result, base);
        exponent >>= 1;
        if (exponent) base = checkedMul(base, base);
    }
    return Value::integer(result);
}

}  // namespace

Value binaryOp(Interpreter& interp, ExprKind op, const Value& a, const Value& b)
{
    if (op == ExprKind::Mod && a.isString()) {
        std::string s = percentFormat(a.str(), b);
        interp.chargeValueBytes(s.size());
        return Value::string(std::move(s));
    }
    if (a.isUndefined()) interp.failUndefined(a);
    if (b.isUndefined()) interp.failUndefined(b);
    const bool ints = a.isIntegral() && b.isIntegral();
    const bool numbers = a.isNumber() && b.isNumber();
    switch (op) {
    case ExprKind::Add:
        if (ints) return Value::integer(checkedAdd(a.asInt(), b.asInt()));
        if (numbers) return Value::floating(a.asDouble() + b.asDouble());
        if (a.isString() && b.isString() && (a.isMarkup() || b.isMarkup()) && !(a.isMarkup() && b.isMarkup())) {
            // Markup.__add__ / __radd__ escape the plain operand
            CallArgs none;
            const Value escA = a.isMarkup() ? a : interp.callFilterByName("escape", a, none);
            const Value escB = b.isMarkup() ? b : interp.callFilterByName("escape", b, none);
            interp.chargeValueBytes(escA.str().size() + escB.str().size());
            return Value::string(std::string(escA.str()) + std::string(escB.str())).asMarkup();
        }
        if (a.isString() && b.isString()) {
            interp.chargeValueBytes(a.str().size() + b.str().size());
            std::string s;
            s.reserve(a.str().size() + b.str().size());
            s += a.str();
            s += b.str();
            Value result = Value::string(std::move(s));
            return a.isMarkup() ? result.asMarkup() : result;
        }
        if (isSequenceList(a) && isSequenceList(b) && a.listFlavor() == b.listFlavor()) {
            std::vector<Value> items;
            items.reserve(a.listSize() + b.listSize());
            for (size_t i = 0; i < a.listSize(); ++i) items.push_back(a.listAt(i));
            for (size_t i = 0; i < b.listSize(); ++i) items.push_back(b.listAt(i));
            interp.chargeValueBytes(items.size() * sizeof(Value));
            return Value::list(std::move(items), a.listFlavor());
        }
        break;
    case ExprKind::Sub:
        if (ints) return Value::integer(checkedSub(a.asInt(), b.asInt()));
        if (numbers) return Value::floating(a.asDouble() - b.asDouble());
        break;
    case ExprKind::Mul:
        if (ints) return Value::integer(checkedMul(a.asInt(), b.asInt()));
        if (numbers) return Value::floating(a.asDouble() * b.asDouble());
        if ((a.isString() || isSequenceList(a)) && b.isIntegral()) return repeat(interp, a, b.asInt());
        if (a.isIntegral() && (b.isString() || isSequenceList(b))) return repeat(interp, b, a.asInt());
        break;
    case ExprKind::Div:
        if (numbers) {
            if (b.asDouble() == 0.0) fail(TemplateErrorKind::Other, "division by zero");
            return Value::floating(a.asDouble() / b.asDouble());
        }
        break;
    case ExprKind::FloorDiv:
        if (ints) {
            const int64_t x = a.asInt();
            const int64_t y = b.asInt();
            if (y == 0) fail(TemplateErrorKind::Other, "integer division or modulo by zero");
            if (x == INT64_MIN && y == -1) overflow();
            int64_t q = x / y;
            if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
            return Value::integer(q);
        }
        if (numbers) {
            if (b.asDouble() == 0.0) fail(TemplateErrorKind::Other, "float floor division by zero");
            double q, m;
            floatDivmod(a.asDouble(), b.asDouble(), q, m);
            return Value::floating(q);
        }
        break;
    case ExprKind::Mod:
        if (ints) {
            const int64_t x = a.asInt();
            const int64_t y = b.asInt();
            if (y == 0) fail(TemplateErrorKind::Other, "integer modulo by zero");
            if (y == -1) return Value::integer(0);
            int64_t m = x % y;
            if (m != 0 && ((m < 0) != (y < 0))) m += y;
            return Value::integer(m);
        }
        if (numbers) {
            if (b.asDouble() == 0.0) fail(TemplateErrorKind::Other, "float modulo by zero");
            double q, m;
            floatDivmod(a.asDouble(), b.asDouble(), q, m);
            return Value::floating(m);
        }
        break;
    case ExprKind::Pow:
        if (ints) {
            if (b.asInt() >= 0) return intPow(a.asInt(), b.asInt());
            if (a.asInt() == 0) fail(TemplateErrorKind::Other, "0.0 cannot be raised to a negative power");
            return Value::floating(std::pow(a.asDouble(), b.asDouble()));
        }
        if (numbers) {
            const double x = a.asDouble();
            const double y = b.asDouble();
            if (x == 0.0 && y < 0) fail(TemplateErrorKind::Other, "0.0 cannot be raised to a negative power");
            if (x < 0 && std::floor(y) != y) fail(TemplateErrorKind::Other, "complex results are not supported");
            return Value::floating(std::pow(x, y));
        }
        break;
    default:
        break;
    }
    unsupported(op, a, b);
}

Value negate(Interpreter& interp, const Value& v, bool negative)
{
    if (v.isUndefined()) interp.failUndefined(v);
    if (v.isIntegral()) {
        if (!negative) return Value::integer(v.asInt());
        if (v.asInt() == INT64_MIN) overflow();
        return Value::integer(-v.asInt());
    }
    if (v.isFloat()) return Value::floating(negative ? -v.asDouble() : v.asDouble());
    fail(TemplateErrorKind::Type, std::string("bad operand type for unary ") + (negative ? "-" : "+") + ": '" + typeName(v) + "'");
}

bool lessThan(Interpreter& interp, const Value& a, const Value& b)
{
    if (a.isUndefined()) interp.failUndefined(a);
    if (b.isUndefined()) interp.failUndefined(b);
    if (a.isIntegral() && b.isIntegral()) return a.asInt() < b.asInt();
    if (a.isNumber() && b.isNumber()) return a.asDouble() < b.asDouble();
    if (a.isString() && b.isString()) return a.str() < b.str();
    if (isSequenceList(a) && isSequenceList(b) && a.listFlavor() == b.listFlavor()) {
        const size_t n = std::min(a.listSize(), b.listSize());
        for (size_t i = 0; i < n; ++i) {
            const Value x = a.listAt(i);
            const Value y = b.listAt(i);
            if (!equals(x, y)) return lessThan(interp, x, y);
        }
        return a.listSize() < b.listSize();
    }
    fail(TemplateErrorKind::Type, "'<' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'");
}

bool containsValue(Interpreter& interp, const Value& container, const Value& item)
{
    switch (container.kind()) {
    case ValueKind::Undefined:
        return false;
    case ValueKind::String:
        if (!item.isString()) {
            fail(TemplateErrorKind::Type, "'in <string>' requires string as left operand, not " + typeName(item));
        }
        return container.str().find(item.str()) != std::string_view::npos;
    case ValueKind::List:
        for (size_t i = 0; i < container.listSize(); ++i) {
            if (equals(container.listAt(i), item)) return true;
        }
        return false;
    case ValueKind::Dict: {
        if (!isHashable(item)) fail(TemplateErrorKind::Type, "unhashable type: '" + typeName(item) + "'");
        Value out;
        return container.dictFind(item, out);
    }
    case ValueKind::Iterator: {
        IteratorObject* it = container.iteratorObject();
        while (it->pos < it->items.size()) {
            if (equals(it->items[it->pos++], item)) return true;
        }
        return false;
    }
    default:
        (void)interp;
        fail(TemplateErrorKind::Type, "argument of type '" + typeName(container) + "' is not iterable");
    }
}

Value sliceValue(Interpreter& interp, const Value& obj, const Value& startV, const Value& stopV, const Value& stepV)
{
    // jinja2 compiles slices to a plain Python subscript, bypassing the sandbox's getitem,
    // so every failure surfaces as Python raises it.
    const bool isText = obj.isString();
    if (obj.isDict()) fail(TemplateErrorKind::Other, "KeyError: slice(" + toRepr(startV) + ", " + toRepr(stopV) + ", " + toRepr(stepV) + ")");
    if (!isText && !isSequenceList(obj)) fail(TemplateErrorKind::Type, "'" + typeName(obj) + "' object is not subscriptable");
    for (const Value* v : {&startV, &stopV, &stepV}) {
        if (!v->isNone() && !v->isIntegral()) {
            fail(TemplateErrorKind::Type, "slice indices must be integers or None or have an __index__ method");
        }
    }
    const int64_t step = stepV.isNone() ? 1 : stepV.asInt();
    if (step == 0) fail(TemplateErrorKind::Other, "slice step cannot be zero");

    std::vector<size_t> offs;
    const bool ascii = isText && text::isAscii(obj.str());
    if (isText && !ascii) offs = text::offsets(obj.str());
    const int64_t length = isText ? (ascii ? static_cast<int64_t>(obj.str().size()) : static_cast<int64_t>(offs.size() - 1))
                                  : static_cast<int64_t>(obj.listSize());
    auto adjust = [&](const Value& v, bool isStart) -> int64_t {
        if (v.isNone()) {
            if (isStart) return step < 0 ? length - 1 : 0;
            return step < 0 ? -1 : length;
        }
        int64_t i = v.asInt();
        if (i < 0) {
            i += length;
            if (i < 0) i = step < 0 ? -1 : 0;
        } else if (i >= length) {
            i = step < 0 ? length - 1 : length;
        }
        return i;
    };
    const int64_t start = adjust(startV, true);
    const int64_t stop = adjust(stopV, false);
    if (isText) {
        const std::string_view s = obj.str();
        std::string out;
        if (step == 1 && start < stop) {
            if (ascii) out = std::string(s.substr(static_cast<size_t>(start), static_cast<size_t>(stop - start)));
            else out = std::string(s.substr(offs[static_cast<size_t>(start)], offs[static_cast<size_t>(stop)] - offs[static_cast<size_t>(start)]));
        } else {
            for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
                if (ascii) out += s[static_cast<size_t>(i)];
                else out.append(s.substr(offs[static_cast<size_t>(i)], offs[static_cast<size_t>(i) + 1] - offs[static_cast<size_t>(i)]));
            }
        }
        interp.chargeValueBytes(out.size());
        return Value::string(std::move(out));
    }
    std::vector<Value> items;
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) items.push_back(obj.listAt(static_cast<size_t>(i)));
    interp.chargeValueBytes(items.size() * sizeof(Value));
    return Value::list(std::move(items), obj.listFlavor());
}

}  // namespace lathe::chat
