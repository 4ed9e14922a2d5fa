// jinja2's builtin filters (filters.py) plus transformers' tojson. The ones that are
// generators in jinja2 (map, select*, reject*, unique, batch, slice, items, reverse) return
// one-shot Iterator values here too, so `|length` on them fails and a second loop over them
// sees nothing, exactly as in Python.
#include "chat/template_args.h"
#include "chat/template_builtins.h"
#include "chat/template_json.h"
#include "chat/template_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

namespace lathe::chat {
namespace {

std::string softStr(const Value& v) { return toStr(v); }

Value markup(std::string s) { return Value::string(std::move(s)).asMarkup(); }

std::string htmlEscape(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '\'': out += "&#39;"; break;
        case '"': out += "&#34;"; break;
        default: out += c;
        }
    }
    return out;
}

// _prepare_attribute_parts: "a.0.b" -> ["a", 0, "b"]
std::vector<Value> attributeParts(const Value& attribute)
{
    std::vector<Value> parts;
    if (attribute.isNone() || attribute.isUndefined()) return parts;
    if (!attribute.isString()) {
        parts.push_back(attribute);
        return parts;
    }
    for (const std::string_view part : text::split(attribute.str(), std::string_view("."), -1)) {
        bool digits = !part.empty();
        for (size_t p = 0; p < part.size();) {
            if (!text::isDigit(text::decode(part, p))) digits = false;
        }
        if (digits && text::isAscii(part) && part.size() < 18) parts.push_back(Value::integer(std::strtoll(std::string(part).c_str(), nullptr, 10)));
        else parts.push_back(Value::string(std::string(part)));
    }
    return parts;
}

Value lowerIfString(const Value& v) { return v.isString() ? Value::string(text::lower(v.str())) : v; }

// make_attrgetter
Value getPath(Interpreter& interp, Value item, const std::vector<Value>& parts, const Value* fallback = nullptr)
{
    for (const Value& part : parts) {
        item = interp.getItem(item, part);
        if (fallback && item.isUndefined()) item = *fallback;
    }
    return item;
}

Value doLength(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "length", {}, 0);
    switch (v.kind()) {
    case ValueKind::Undefined:
        return Value::integer(0);
    case ValueKind::String:
        return Value::integer(static_cast<int64_t>(text::length(v.str())));
    case ValueKind::List:
        return Value::integer(static_cast<int64_t>(v.listSize()));
    case ValueKind::Dict:
        return Value::integer(static_cast<int64_t>(v.dictSize()));
    default:
        fail(TemplateErrorKind::Type, "object of type '" + typeName(v) + "' has no len()");
    }
}

Value doAbs(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "abs", {}, 0);
    if (v.isIntegral()) return v.asInt() < 0 ? negate(interp, v, true) : Value::integer(v.asInt());
    if (v.isFloat()) return Value::floating(std::fabs(v.asDouble()));
    fail(TemplateErrorKind::Type, "bad operand type for abs(): '" + typeName(v) + "'");
}

Value doAttr(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "attr", {"name"}, 1);
    const Value name = bound.get(0);
    if (!name.isString()) fail(TemplateErrorKind::Type, "attribute name must be string");
    if (v.isDict() && !hasMethod(v, name.str())) {
        return Value::undefined(name.str(), UndefinedReason::Attribute, name.owner(), ValueKind::Dict);
    }
    return interp.getAttr(v, name.str(), name.owner());
}

Value doBatch(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "batch", {"linecount", "fill_with"}, 1);
    const int64_t count = bound.integer(0, 1, "linecount");
    const Value fill = bound.get(1, Value::none());
    std::vector<Value> rows;
    std::vector<Value> row;
    for (Value& item : interp.iterate(v)) {
        if (static_cast<int64_t>(row.size()) == count) {
            rows.push_back(Value::list(std::move(row)));
            row.clear();
        }
        row.push_back(std::move(item));
    }
    if (!row.empty()) {
        if (!fill.isNone()) {
            while (static_cast<int64_t>(row.size()) < count) row.push_back(fill);
        }
        rows.push_back(Value::list(std::move(row)));
    }
    return Value::iterator(std::move(rows));
}

Value doCapitalize(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "capitalize", {}, 0);
    return Value::string(text::capitalize(softStr(v)));
}

Value doCenter(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "center", {"width"}, 0);
    const int64_t width = bound.integer(0, 80, "width");
    std::string s = text::center(softStr(v), std::min<int64_t>(width, int64_t(interp.limits().maxValueBytes)), ' ');
    interp.chargeValueBytes(s.size());
    return Value::string(std::move(s));
}

Value doDefault(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "default", {"default_value", "boolean"}, 0);
    const Value fallback = bound.get(0, Value::string(""));
    if (v.isUndefined() || (bound.flag(1, false) && !truthy(v))) return fallback;
    return v;
}

Value doDictsort(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "dictsort", {"case_sensitive", "by", "reverse"}, 0);
    const bool caseSensitive = bound.flag(0, false);
    const Value by = bound.get(1, Value::borrowed("key"));
    const bool reverse = bound.flag(2, false);
    size_t pos;
    if (by.isString() && by.str() == "key") pos = 0;
    else if (by.isString() && by.str() == "value") pos = 1;
    else fail(TemplateErrorKind::Other, "You can only sort by either \"key\" or \"value\"");
    if (!v.isDict()) fail(TemplateErrorKind::Type, "'" + typeName(v) + "' object has no attribute 'items'");
    std::vector<Value> items;
    std::vector<Value> keys;
    for (size_t i = 0; i < v.dictSize(); ++i) {
        Value k = v.dictKeyAt(i);
        Value val = v.dictValueAt(i);
        const Value& sortKey = pos == 0 ? k : val;
        keys.push_back(caseSensitive ? sortKey : lowerIfString(sortKey));
        items.push_back(Value::list({k, val}, ListFlavor::Tuple));
    }
    std::vector<size_t> order(items.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return reverse ? lessThan(interp, keys[b], keys[a]) : lessThan(interp, keys[a], keys[b]);
    });
    std::vector<Value> sorted;
    for (const size_t i : order) sorted.push_back(items[i]);
    return Value::list(std::move(sorted));
}

Value doEscape(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "escape", {}, 0);
    if (v.isMarkup()) return v;
    std::string s = htmlEscape(softStr(v));
    interp.chargeValueBytes(s.size());
    return markup(std::move(s));
}

Value doForceEscape(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "forceescape", {}, 0);
    std::string s = htmlEscape(softStr(v));
    interp.chargeValueBytes(s.size());
    return markup(std::move(s));
}

Value doFirst(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "first", {}, 0);
    if (v.isList()) {
        if (v.listSize()) return v.listAt(0);
    } else if (v.kind() == ValueKind::Iterator) {
        IteratorObject* it = v.iteratorObject();
        if (it->pos < it->items.size()) return it->items[it->pos++];
    } else {
        std::vector<Value> items = interp.iterate(v);
        if (!items.empty()) return items.front();
    }
    return Value::undefined("No first item, sequence was empty.", UndefinedReason::Hint);
}

Value doLast(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "last", {}, 0);
    if (v.kind() == ValueKind::Iterator) fail(TemplateErrorKind::Type, "'" + typeName(v) + "' object is not reversible");
    std::vector<Value> items = interp.iterate(v);
    if (!items.empty()) return items.back();
    return Value::undefined("No last item, sequence was empty.", UndefinedReason::Hint);
}

// Python's float(str): surrounding whitespace, underscores between digits, inf/nan words.
bool parsePythonFloat(std::string_view s, double& out)
{
    s = text::strip(s, std::nullopt, true, true);
    std::string clean;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_') {
            if (i == 0 || i + 1 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i - 1])) ||
                !std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
                return false;
            }
            continue;
        }
        clean += s[i];
    }
    if (clean.empty()) return false;
    std::string lowered = text::lower(clean);
    std::string_view body = lowered;
    bool negative = false;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
        negative = body[0] == '-';
        body.remove_prefix(1);
    }
    if (body == "inf" || body == "infinity") {
        out = negative ? -HUGE_VAL : HUGE_VAL;
        return true;
    }
    if (body == "nan") {
        out = std::nan("");
        return true;
    }
    for (const char c : body) {
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == '+' || c == '-')) return false;
    }
    char* end = nullptr;
    out = std::strtod(clean.c_str(), &end);
    return end && *end == '\0';
}

Value doFloat(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "float", {"default"}, 0);
    const Value fallback = bound.get(0, Value::floating(0.0));
    if (v.isUndefined()) interp.failUndefined(v);
    if (v.isNumber()) return Value::floating(v.asDouble());
    if (v.isString()) {
        double d;
        if (parsePythonFloat(v.str(), d)) return Value::floating(d);
    }
    return fallback;
}

Value doFormat(Interpreter&, const Value& v, CallArgs& args)
{
    if (!args.positional.empty() && !args.keywords.empty()) {
        fail(TemplateErrorKind::Other, "can't handle positional and keyword arguments at the same time");
    }
    Value formatArgs;
    if (!args.keywords.empty()) {
        auto dict = std::make_shared<DictObject>();
        for (auto& [k, val] : args.keywords) dict->items.emplace_back(Value::string(std::string(k)), val);
        formatArgs = Value::dict(std::move(dict));
    } else {
        formatArgs = Value::list(args.positional, ListFlavor::Tuple);
    }
    return Value::string(percentFormat(softStr(v), formatArgs));
}

Value doIndent(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "indent", {"width", "first", "blank"}, 0);
    const Value width = bound.get(0, Value::integer(4));
    std::string indention;
    if (width.isString()) {
        indention = std::string(width.str());
    } else if (width.isIntegral()) {
        if (width.asInt() > 0) {
            interp.chargeValueBytes(static_cast<size_t>(width.asInt()));
            indention.assign(static_cast<size_t>(width.asInt()), ' ');
        }
    } else {
        fail(TemplateErrorKind::Type, "can't multiply sequence by non-int of type '" + typeName(width) + "'");
    }
    const bool first = bound.flag(1, false);
    const bool blank = bound.flag(2, false);
    if (v.isUndefined()) interp.failUndefined(v);  // s += "\n" on an Undefined
    if (!v.isString()) fail(TemplateErrorKind::Type, "unsupported operand type(s) for +=: '" + typeName(v) + "' and 'str'");
    std::string s(v.str());
    s += '\n';
    const std::vector<std::string_view> lines = text::splitlines(s, false);
    std::string rv;
    if (blank) {
        for (size_t i = 0; i < lines.size(); ++i) {
            if (i) rv += "\n" + indention;
            rv += lines[i];
        }
    } else {
        rv = std::string(lines.empty() ? std::string_view() : lines[0]);
        for (size_t i = 1; i < lines.size(); ++i) {
            rv += '\n';
            if (!lines[i].empty()) rv += indention;
            rv += lines[i];
        }
    }
    if (first) rv = indention + rv;
    interp.chargeValueBytes(rv.size());
    return Value::string(std::move(rv));
}

// Python's int(str, base): whitespace, sign, underscores, base prefixes for base 0/16/8/2.
bool parsePythonInt(std::string_view s, int64_t base, int64_t& out)
{
    s = text::strip(s, std::nullopt, true, true);
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.size() >= 2 && s[0] == '0') {
        const char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
        if ((p == 'x' && (base == 16 || base == 0)) || (p == 'o' && (base == 8 || base == 0)) ||
            (p == 'b' && (base == 2 || base == 0))) {
            base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
            s.remove_prefix(2);
            if (!s.empty() && s[0] == '_') s.remove_prefix(1);
        }
    }
    if (base == 0) base = 10;
    if (s.empty() || base < 2 || base > 36) return false;
    uint64_t value = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '_') {
            if (i == 0 || i + 1 >= s.size() || s[i + 1] == '_') return false;
            continue;
        }
        int digit;
        if (c >= '0' && c <= '9') digit = c - '0';
        else if (std::isalpha(static_cast<unsigned char>(c))) digit = std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
        else return false;
        if (digit >= base) return false;
        if (__builtin_mul_overflow(value, static_cast<uint64_t>(base), &value) ||
            __builtin_add_overflow(value, static_cast<uint64_t>(digit), &value) || value > uint64_t(INT64_MAX)) {
            fail(TemplateErrorKind::Limit, "integer result does not fit in 64 bits");
        }
    }
    out = negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
    return true;
}

Value doInt(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "int", {"default", "base"}, 0);
    const Value fallback = bound.get(0, Value::integer(0));
    const int64_t base = bound.integer(1, 10, "base");
    if (v.isUndefined()) interp.failUndefined(v);
    if (v.isIntegral()) return Value::integer(v.asInt());
    if (v.isFloat()) {
        const double d = v.asDouble();
        if (std::isnan(d) || std::isinf(d)) return fallback;
        if (std::fabs(d) >= 9.2e18) fail(TemplateErrorKind::Limit, "integer result does not fit in 64 bits");
        return Value::integer(static_cast<int64_t>(d));
    }
    if (v.isString()) {
        int64_t out;
        if (parsePythonInt(v.str(), base, out)) return Value::integer(out);
        double d;
        if (parsePythonFloat(v.str(), d) && !std::isnan(d) && !std::isinf(d)) {
            if (std::fabs(d) >= 9.2e18) fail(TemplateErrorKind::Limit, "integer result does not fit in 64 bits");
            return Value::integer(static_cast<int64_t>(d));
        }
    }
    return fallback;
}

Value doJoin(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "join", {"d", "attribute"}, 0);
    const std::string separator = softStr(bound.get(0, Value::borrowed("")));
    const std::vector<Value> parts = attributeParts(bound.get(1, Value::none()));
    std::string out;
    bool first = true;
    for (const Value& item : interp.iterate(v)) {
        if (!first) out += separator;
        first = false;
        appendStr(out, parts.empty() ? item : getPath(interp, item, parts));
        if (out.size() > interp.limits().maxValueBytes) interp.chargeValueBytes(out.size());
    }
    interp.chargeValueBytes(out.size());
    return Value::string(std::move(out));
}

Value doList(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "list", {}, 0);
    return Value::list(interp.iterate(v));
}

Value doItems(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "items", {}, 0);
    if (v.isUndefined()) return Value::iterator({});
    if (!v.isDict()) fail(TemplateErrorKind::Type, "Can only get item pairs from a mapping.");
    std::vector<Value> items;
    for (size_t i = 0; i < v.dictSize(); ++i) items.push_back(Value::list({v.dictKeyAt(i), v.dictValueAt(i)}, ListFlavor::Tuple));
    return Value::iterator(std::move(items));
}

Value doLower(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "lower", {}, 0);
    return Value::string(text::lower(softStr(v)));
}

Value doUpper(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "upper", {}, 0);
    return Value::string(text::upper(softStr(v)));
}

Value doMap(Interpreter& interp, const Value& v, CallArgs& args)
{
    if (!truthy(v)) return Value::iterator({});
    std::vector<Value> out;
    if (args.positional.empty() && std::any_of(args.keywords.begin(), args.keywords.end(), [](const auto& kw) { return kw.first == "attribute"; })) {
        Value attribute;
        Value fallback;
        bool hasDefault = false;
        for (auto& [k, val] : args.keywords) {
            if (k == "attribute") attribute = val;
            else if (k == "default") {
                fallback = val;
                hasDefault = true;
            } else {
                fail(TemplateErrorKind::Other, "Unexpected keyword argument '" + std::string(k) + "'");
            }
        }
        const std::vector<Value> parts = attributeParts(attribute);
        const bool useDefault = hasDefault && !fallback.isNone();
        for (const Value& item : interp.iterate(v)) out.push_back(getPath(interp, item, parts, useDefault ? &fallback : nullptr));
        return Value::iterator(std::move(out));
    }
    if (args.positional.empty()) fail(TemplateErrorKind::Other, "map requires a filter argument");
    const Value name = args.positional[0];
    if (!name.isString()) fail(TemplateErrorKind::Other, "map requires a filter name");
    CallArgs rest;
    rest.positional.assign(args.positional.begin() + 1, args.positional.end());
    rest.keywords = args.keywords;
    for (const Value& item : interp.iterate(v)) {
        CallArgs copy = rest;
        out.push_back(interp.callFilterByName(name.str(), item, copy));
    }
    return Value::iterator(std::move(out));
}

Value minMax(Interpreter& interp, const Value& v, CallArgs& args, bool wantMax, const char* fn)
{
    BoundArgs bound(args, fn, {"case_sensitive", "attribute"}, 0);
    const bool caseSensitive = bound.flag(0, false);
    const std::vector<Value> parts = attributeParts(bound.get(1, Value::none()));
    const std::vector<Value> items = interp.iterate(v);
    if (items.empty()) return Value::undefined("No aggregated item, sequence was empty.", UndefinedReason::Hint);
    auto key = [&](const Value& item) {
        Value k = parts.empty() ? item : getPath(interp, item, parts);
        return caseSensitive ? k : lowerIfString(k);
    };
    size_t best = 0;
    Value bestKey = key(items[0]);
    for (size_t i = 1; i < items.size(); ++i) {
        Value k = key(items[i]);
        const bool better = wantMax ? lessThan(interp, bestKey, k) : lessThan(interp, k, bestKey);
        if (better) {
            best = i;
            bestKey = std::move(k);
        }
    }
    return items[best];
}

Value doMin(Interpreter& interp, const Value& v, CallArgs& args) { return minMax(interp, v, args, false, "min"); }
Value doMax(Interpreter& interp, const Value& v, CallArgs& args) { return minMax(interp, v, args, true, "max"); }

Value selectOrReject(Interpreter& interp, const Value& v, CallArgs& args, bool select, bool lookupAttr)
{
    if (!truthy(v)) return Value::iterator({});
    size_t off = 0;
    std::vector<Value> parts;
    if (lookupAttr) {
        if (args.positional.empty()) fail(TemplateErrorKind::Other, "Missing parameter for attribute name");
        parts = attributeParts(args.positional[0]);
        off = 1;
    }
    std::optional<std::string> testName;
    CallArgs testArgs;
    if (args.positional.size() > off) {
        const Value name = args.positional[off];
        if (!name.isString()) fail(TemplateErrorKind::Other, "test name must be a string");
        testName = std::string(name.str());
        testArgs.positional.assign(args.positional.begin() + static_cast<ptrdiff_t>(off + 1), args.positional.end());
        testArgs.keywords = args.keywords;
    }
    std::vector<Value> out;
    for (Value& item : interp.iterate(v)) {
        const Value subject = lookupAttr ? getPath(interp, item, parts) : item;
        bool result;
        if (testName) {
            CallArgs copy = testArgs;
            result = interp.callTestByName(*testName, subject, copy);
        } else {
            result = truthy(subject);
        }
        if (result == select) out.push_back(std::move(item));
    }
    return Value::iterator(std::move(out));
}

Value doSelect(Interpreter& i, const Value& v, CallArgs& a) { return selectOrReject(i, v, a, true, false); }
Value doReject(Interpreter& i, const Value& v, CallArgs& a) { return selectOrReject(i, v, a, false, false); }
Value doSelectattr(Interpreter& i, const Value& v, CallArgs& a) { return selectOrReject(i, v, a, true, true); }
Value doRejectattr(Interpreter& i, const Value& v, CallArgs& a) { return selectOrReject(i, v, a, false, true); }

Value doReplace(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "replace", {"old", "new", "count"}, 2);
    const int64_t count = bound.integer(2, -1, "count");
    std::string s = text::replace(softStr(v), softStr(bound.get(0)), softStr(bound.get(1)), count);
    interp.chargeValueBytes(s.size());
    return Value::string(std::move(s));
}

Value doReverse(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "reverse", {}, 0);
    if (v.isString()) {
        std::vector<Value> chars = interp.iterate(v);
        std::string out;
        for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += it->str();
        return Value::string(std::move(out));
    }
    const ValueKind k = v.kind();
    if (k != ValueKind::List && k != ValueKind::Dict && k != ValueKind::Iterator && k != ValueKind::Undefined) {
        fail(TemplateErrorKind::Other, "argument must be iterable");
    }
    std::vector<Value> items = interp.iterate(v);
    std::reverse(items.begin(), items.end());
    if (v.kind() == ValueKind::Iterator) return Value::list(std::move(items));  // list(value).reverse()
    const char* type = v.isDict() ? "dict_reversekeyiterator" : "list_reverseiterator";
    if (v.isList() && v.listFlavor() == ListFlavor::Tuple) type = "reversed";
    return Value::iterator(std::move(items), type);
}

double roundHalfEven(double value, int64_t digits)
{
    if (digits >= 0) {
        if (digits > 300) return value;
        char buf[512];
        std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(digits), value);
        return std::strtod(buf, nullptr);
    }
    const double scale = std::pow(10.0, static_cast<double>(-digits));
    return std::nearbyint(value / scale) * scale;
}

Value doRound(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "round", {"precision", "method"}, 0);
    const int64_t precision = bound.integer(0, 0, "precision");
    const Value method = bound.get(1, Value::borrowed("common"));
    const std::string m = method.isString() ? std::string(method.str()) : "";
    if (m != "common" && m != "ceil" && m != "floor") fail(TemplateErrorKind::Other, "method must be common, ceil or floor");
    if (!v.isNumber()) fail(TemplateErrorKind::Type, "type " + typeName(v) + " doesn't define __round__ method");
    if (m == "common") {
        if (v.isIntegral()) {
            if (precision >= 0) return Value::integer(v.asInt());
            return Value::integer(static_cast<int64_t>(roundHalfEven(double(v.asInt()), precision)));
        }
        return Value::floating(roundHalfEven(v.asDouble(), precision));
    }
    const double scale = std::pow(10.0, static_cast<double>(precision));
    const double x = v.asDouble() * scale;
    return Value::floating((m == "ceil" ? std::ceil(x) : std::floor(x)) / scale);
}

Value doSafe(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "safe", {}, 0);
    return markup(softStr(v));
}

Value doSlice(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "slice", {"slices", "fill_with"}, 1);
    const int64_t slices = bound.integer(0, 1, "slices");
    const Value fill = bound.get(1, Value::none());
    if (slices <= 0) fail(TemplateErrorKind::Other, slices == 0 ? "integer division or modulo by zero" : "slices must be positive");
    if (slices > 100000) fail(TemplateErrorKind::Limit, "too many slices");
    const std::vector<Value> seq = interp.iterate(v);
    const int64_t length = static_cast<int64_t>(seq.size());
    const int64_t perSlice = length / slices;
    const int64_t withExtra = length % slices;
    int64_t offset = 0;
    std::vector<Value> out;
    for (int64_t n = 0; n < slices; ++n) {
        const int64_t start = offset + n * perSlice;
        if (n < withExtra) ++offset;
        const int64_t end = offset + (n + 1) * perSlice;
        std::vector<Value> part(seq.begin() + start, seq.begin() + end);
        if (!fill.isNone() && n >= withExtra) part.push_back(fill);
        out.push_back(Value::list(std::move(part)));
    }
    return Value::iterator(std::move(out));
}

Value doSort(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "sort", {"reverse", "case_sensitive", "attribute"}, 0);
    const bool reverse = bound.flag(0, false);
    const bool caseSensitive = bound.flag(1, false);
    const Value attribute = bound.get(2, Value::none());
    std::vector<std::vector<Value>> paths;  // make_multi_attrgetter: "a,b" sorts by a then b
    if (attribute.isString()) {
        for (const std::string_view part : text::split(attribute.str(), std::string_view(","), -1)) {
            paths.push_back(attributeParts(Value::string(std::string(part))));
        }
    } else {
        paths.push_back(attributeParts(attribute));
    }
    std::vector<Value> items = interp.iterate(v);
    std::vector<Value> keys;
    keys.reserve(items.size());
    for (const Value& item : items) {
        std::vector<Value> key;
        for (const auto& path : paths) {
            Value k = getPath(interp, item, path);
            key.push_back(caseSensitive ? k : lowerIfString(k));
        }
        keys.push_back(Value::list(std::move(key)));
    }
    std::vector<size_t> order(items.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return reverse ? lessThan(interp, keys[b], keys[a]) : lessThan(interp, keys[a], keys[b]);
    });
    std::vector<Value> sorted;
    sorted.reserve(items.size());
    for (const size_t i : order) sorted.push_back(items[i]);
    return Value::list(std::move(sorted));
}

Value doString(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "string", {}, 0);
    if (v.isString()) return v;
    return Value::string(toStr(v));
}

Value doStriptags(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "striptags", {}, 0);
    std::string s = softStr(v);
    // markupsafe: drop comments, then tags, collapse whitespace, unescape entities.
    for (size_t start; (start = s.find("<!--")) != std::string::npos;) {
        const size_t end = s.find("-->", start);
        if (end == std::string::npos) break;
        s.erase(start, end + 3 - start);
    }
    for (size_t start; (start = s.find('<')) != std::string::npos;) {
        const size_t end = s.find('>', start);
        if (end == std::string::npos) break;
        s.erase(start, end + 1 - start);
    }
    std::string joined;
    for (const std::string_view word : text::split(s, std::nullopt, -1)) {
        if (!joined.empty()) joined += ' ';
        joined += word;
    }
    static const std::pair<const char*, const char*> kEntities[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&#39;", "'"}, {"&#34;", "\""}, {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", "\xc2\xa0"},
    };
    std::string out;
    for (size_t i = 0; i < joined.size();) {
        bool replaced = false;
        if (joined[i] == '&') {
            for (const auto& [entity, ch] : kEntities) {
                if (joined.compare(i, std::strlen(entity), entity) == 0) {
                    out += ch;
                    i += std::strlen(entity);
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += joined[i++];
    }
    return Value::string(std::move(out));
}

Value doSum(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "sum", {"attribute", "start"}, 0);
    const std::vector<Value> parts = attributeParts(bound.get(0, Value::none()));
    Value total = bound.get(1, Value::integer(0));
    if (total.isString()) fail(TemplateErrorKind::Type, "sum() can't sum strings [use ''.join(seq) instead]");
    for (const Value& item : interp.iterate(v)) {
        total = binaryOp(interp, ExprKind::Add, total, parts.empty() ? item : getPath(interp, item, parts));
    }
    return total;
}

Value doTitle(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "title", {}, 0);
    // "".join(item[0].upper() + item[1:].lower() for item in re.split(r"([-\s({\[<]+)", s) if item)
    const std::string s = softStr(v);
    std::string out;
    bool atItemStart = true;
    bool inSeparator = false;
    for (size_t pos = 0; pos < s.size();) {
        const char32_t cp = text::decode(s, pos);
        const bool sep = cp == '-' || cp == '(' || cp == '{' || cp == '[' || cp == '<' || text::isSpace(cp);
        if (sep != inSeparator) atItemStart = true;
        inSeparator = sep;
        if (atItemStart) {
            if (cp == 0xDF) out += "SS";
            else text::encode(out, text::toUpper(cp));
            atItemStart = false;
        } else {
            text::encode(out, text::toLower(cp));
        }
    }
    return Value::string(std::move(out));
}

Value doTrim(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "trim", {"chars"}, 0);
    const Value chars = bound.get(0, Value::none());
    const std::string s = softStr(v);
    std::optional<std::string_view> set;
    if (chars.isString()) set = chars.str();
    else if (!chars.isNone()) fail(TemplateErrorKind::Type, "strip arg must be None or str");
    return Value::string(std::string(text::strip(s, set, true, true)));
}

Value doTruncate(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "truncate", {"length", "killwords", "end", "leeway"}, 0);
    const int64_t length = bound.integer(0, 255, "length");
    const bool killwords = bound.flag(1, false);
    const std::string end = softStr(bound.get(2, Value::borrowed("...")));
    const int64_t leeway = bound.integer(3, 5, "leeway");
    const int64_t endLen = static_cast<int64_t>(text::length(end));
    if (length < endLen) fail(TemplateErrorKind::Other, "expected length >= " + std::to_string(endLen) + ", got " + std::to_string(length));
    if (leeway < 0) fail(TemplateErrorKind::Other, "expected leeway >= 0, got " + std::to_string(leeway));
    if (!v.isString()) {
        // len(s) <= length + leeway returns s itself; anything longer needs str methods.
        int64_t size = -1;
        if (v.isUndefined()) size = 0;
        else if (v.isList()) size = static_cast<int64_t>(v.listSize());
        else if (v.isDict()) size = static_cast<int64_t>(v.dictSize());
        if (size < 0) fail(TemplateErrorKind::Type, "object of type '" + typeName(v) + "' has no len()");
        if (size <= length + leeway) return v;
        fail(TemplateErrorKind::Other, "'" + typeName(v) + "' object has no attribute 'rsplit'");
    }
    const std::string_view s = v.str();
    const std::vector<size_t> offs = text::offsets(s);
    const int64_t n = static_cast<int64_t>(offs.size() - 1);
    if (n <= length + leeway) return v;
    const int64_t keep = std::max<int64_t>(0, length - endLen);
    std::string_view head = s.substr(0, offs[static_cast<size_t>(std::min(keep, n))]);
    if (killwords) return Value::string(std::string(head) + end);
    const size_t space = head.rfind(' ');
    if (space != std::string_view::npos) head = head.substr(0, space);
    return Value::string(std::string(head) + end);
}

Value doUnique(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "unique", {"case_sensitive", "attribute"}, 0);
    const bool caseSensitive = bound.flag(0, false);
    const std::vector<Value> parts = attributeParts(bound.get(1, Value::none()));
    std::vector<Value> seen;
    std::vector<Value> out;
    for (Value& item : interp.iterate(v)) {
        Value key = parts.empty() ? item : getPath(interp, item, parts);
        if (!caseSensitive) key = lowerIfString(key);
        if (!isHashable(key)) fail(TemplateErrorKind::Type, "unhashable type: '" + typeName(key) + "'");
        if (std::none_of(seen.begin(), seen.end(), [&](const Value& s) { return equals(s, key); })) {
            seen.push_back(std::move(key));
            out.push_back(std::move(item));
        }
    }
    return Value::iterator(std::move(out));
}

Value doWordcount(Interpreter&, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "wordcount", {}, 0);
    const std::string s = softStr(v);
    int64_t count = 0;
    bool inWord = false;
    for (size_t pos = 0; pos < s.size();) {
        const bool word = text::isWordChar(text::decode(s, pos));
        if (word && !inWord) ++count;
        inWord = word;
    }
    return Value::integer(count);
}

void escapeNonAscii(std::string& s)
{
    std::string out;
    out.reserve(s.size());
    for (size_t pos = 0; pos < s.size();) {
        const char32_t cp = text::decode(s, pos);
        if (cp < 0x80) {
            out += static_cast<char>(cp);
            continue;
        }
        auto unit = [&](unsigned u) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\u%04x", u);
            out += buf;
        };
        if (cp >= 0x10000) {
            const unsigned v = static_cast<unsigned>(cp) - 0x10000;
            unit(0xD800 + (v >> 10));
            unit(0xDC00 + (v & 0x3FF));
        } else {
            unit(static_cast<unsigned>(cp));
        }
    }
    s = std::move(out);
}

Value doTojson(Interpreter& interp, const Value& v, CallArgs& args)
{
    BoundArgs bound(args, "tojson", {"ensure_ascii", "indent", "separators", "sort_keys"}, 0);
    JsonDumpOptions options;
    const bool ensureAscii = bound.flag(0, false);
    const Value indent = bound.get(1, Value::none());
    if (indent.isString()) {
        options.indent = std::string(indent.str());
    } else if (indent.isIntegral()) {
        options.indent = std::string(static_cast<size_t>(std::clamp<int64_t>(indent.asInt(), 0, 4096)), ' ');
    } else if (!indent.isNone()) {
        fail(TemplateErrorKind::Type, "can't multiply sequence by non-int of type '" + typeName(indent) + "'");
    }
    const Value separators = bound.get(2, Value::none());
    if (!separators.isNone()) {
        if (!separators.isList() || separators.listSize() != 2 || !separators.listAt(0).isString() || !separators.listAt(1).isString()) {
            fail(TemplateErrorKind::Type, "separators must be a pair of strings");
        }
        options.itemSeparator = std::string(separators.listAt(0).str());
        options.keySeparator = std::string(separators.listAt(1).str());
    }
    options.sortKeys = bound.flag(3, false);
    std::string out;
    appendJsonDump(out, v, options);
    if (ensureAscii) escapeNonAscii(out);
    interp.chargeValueBytes(out.size());
    return Value::string(std::move(out));
}

const std::unordered_map<std::string_view, FilterFn>& filterTable()
{
    static const std::unordered_map<std::string_view, FilterFn> table = {
        {"abs", doAbs}, {"attr", doAttr}, {"batch", doBatch}, {"capitalize", doCapitalize}, {"center", doCenter},
        {"count", doLength}, {"d", doDefault}, {"default", doDefault}, {"dictsort", doDictsort}, {"e", doEscape},
        {"escape", doEscape}, {"first", doFirst}, {"float", doFloat}, {"forceescape", doForceEscape},
        {"format", doFormat}, {"indent", doIndent}, {"int", doInt}, {"join", doJoin}, {"last", doLast},
        {"length", doLength}, {"list", doList}, {"lower", doLower}, {"items", doItems}, {"map", doMap},
        {"min", doMin}, {"max", doMax}, {"reject", doReject}, {"rejectattr", doRejectattr}, {"replace", doReplace},
        {"reverse", doReverse}, {"round", doRound}, {"safe", doSafe}, {"select", doSelect},
        {"selectattr", doSelectattr}, {"slice", doSlice}, {"sort", doSort}, {"string", doString},
        {"striptags", doStriptags}, {"sum", doSum}, {"title", doTitle}, {"trim", doTrim}, {"truncate", doTruncate},
        {"unique", doUnique}, {"upper", doUpper}, {"wordcount", doWordcount}, {"tojson", doTojson},
    };
    return table;
}

}  // namespace

FilterFn findFilter(std::string_view name)
{
    const auto& table = filterTable();
    const auto it = table.find(name);
    return it == table.end() ? nullptr : it->second;
}

}  // namespace lathe::chat
