// The Python methods templates call on values: str (split, strip, startswith, replace,
// format, is*(), ...), list/tuple (count, index, copy) and dict (items, keys, values, get,
// copy). Mutating methods of list and dict exist only to be refused: the immutable sandbox
// turns `xs.append(1)` into a SecurityError.
#include "chat/template_args.h"
#include "chat/template_builtins.h"
#include "chat/template_text.h"

#include <algorithm>
#include <unordered_set>

namespace lathe::chat {
namespace {

const std::unordered_set<std::string_view>& stringMethods()
{
    static const std::unordered_set<std::string_view> names = {
        "capitalize", "casefold", "center", "count", "endswith", "find", "format", "index", "isalnum", "isalpha",
        "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isspace", "istitle", "isupper",
        "join", "ljust", "lower", "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex",
        "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title",
        "upper", "zfill",
    };
    return names;
}

const std::unordered_set<std::string_view>& listMethods()
{
    static const std::unordered_set<std::string_view> names = {"count", "index", "copy", "append", "clear", "pop",
                                                               "reverse", "insert", "sort", "extend", "remove"};
    return names;
}

const std::unordered_set<std::string_view>& dictMethods()
{
    static const std::unordered_set<std::string_view> names = {"keys", "values", "items", "get", "copy", "fromkeys",
                                                               "clear", "pop", "popitem", "setdefault", "update"};
    return names;
}

// A `s.method` taken without calling it.
struct BoundMethod final : HostObject {
    BoundMethod(Value s, std::string_view n) : self(std::move(s)), name(n) {}
    const char* typeName() const override { return "builtin_function_or_method"; }
    bool isCallable() const override { return true; }
    Value call(Interpreter& interp, CallArgs& args) override { return callMethod(interp, self, name, args); }
    std::string repr() const override { return "<built-in method " + std::string(name) + ">"; }
    Value self;
    std::string_view name;  // points into the static method tables
};

std::string_view canonicalName(const Value& self, std::string_view name)
{
    const std::unordered_set<std::string_view>* table = nullptr;
    if (self.isString()) table = &stringMethods();
    else if (self.isList()) table = &listMethods();
    else if (self.isDict()) table = &dictMethods();
    if (!table) return {};
    const auto it = table->find(name);
    return it == table->end() ? std::string_view() : *it;
}

size_t codePointIndex(std::string_view s, size_t byteOffset) { return text::length(s.substr(0, byteOffset)); }

std::optional<std::string_view> optionalString(const BoundArgs& bound, size_t i, const char* fn)
{
    if (!bound.has(i) || bound.get(i).isNone()) return std::nullopt;
    if (!bound.get(i).isString()) fail(TemplateErrorKind::Type, std::string(fn) + " arg must be None or str");
    return bound.get(i).str();
}

std::string_view requireString(const Value& v, const char* fn)
{
    if (!v.isString()) fail(TemplateErrorKind::Type, std::string(fn) + "() argument must be str, not " + typeName(v));
    return v.str();
}

// startswith / endswith accept a string or a tuple of strings.
bool affixMatch(const Value& affix, std::string_view s, bool prefix, const char* fn)
{
    auto one = [&](const Value& a) {
        const std::string_view x = requireString(a, fn);
        if (x.size() > s.size()) return false;
        return prefix ? s.substr(0, x.size()) == x : s.substr(s.size() - x.size()) == x;
    };
    if (affix.isList() && affix.listFlavor() == ListFlavor::Tuple) {
        for (size_t i = 0; i < affix.listSize(); ++i) {
            if (one(affix.listAt(i))) return true;
        }
        return false;
    }
    if (!affix.isString()) {
        fail(TemplateErrorKind::Type, std::string(fn) + " first arg must be str or a tuple of str, not " + typeName(affix));
    }
    return one(affix);
}

template <typename Pred>
bool allChars(std::string_view s, Pred pred)
{
    if (s.empty()) return false;
    for (size_t pos = 0; pos < s.size();) {
        if (!pred(text::decode(s, pos))) return false;
    }
    return true;
}

Value stringList(const std::vector<std::string_view>& parts)
{
    std::vector<Value> items;
    items.reserve(parts.size());
    for (const std::string_view p : parts) items.push_back(Value::string(std::string(p)));
    return Value::list(std::move(items));
}

Value pad(Interpreter& interp, std::string_view s, const BoundArgs& bound, bool left, const char* fn)
{
    const int64_t width = bound.integer(0, 0, "width");
    char32_t fill = ' ';
    if (bound.has(1)) {
        const std::string_view f = requireString(bound.get(1), fn);
        if (text::length(f) != 1) fail(TemplateErrorKind::Type, "The fill character must be exactly one character long");
        size_t p = 0;
        fill = text::decode(f, p);
    }
    const int64_t len = static_cast<int64_t>(text::length(s));
    if (width <= len) return Value::string(std::string(s));
    interp.chargeValueBytes(static_cast<size_t>(width - len));
    std::string padding;
    for (int64_t i = 0; i < width - len; ++i) text::encode(padding, fill);
    return Value::string(left ? padding + std::string(s) : std::string(s) + padding);
}

Value stringMethod(Interpreter& interp, const Value& self, std::string_view name, CallArgs& args)
{
    const std::string_view s = self.str();
    if (name == "format") {
        std::string out = braceFormat(interp, s, args);
        interp.chargeValueBytes(out.size());
        return Value::string(std::move(out));
    }
    if (name == "upper" || name == "lower" || name == "casefold" || name == "title" || name == "capitalize" || name == "swapcase") {
        BoundArgs bound(args, name, {}, 0);
        if (name == "upper") return Value::string(text::upper(s));
        if (name == "title") return Value::string(text::title(s));
        if (name == "capitalize") return Value::string(text::capitalize(s));
        if (name == "swapcase") return Value::string(text::swapcase(s));
        return Value::string(text::lower(s));
    }
    if (name == "strip" || name == "lstrip" || name == "rstrip") {
        BoundArgs bound(args, name, {"chars"}, 0);
        const auto chars = optionalString(bound, 0, "strip");
        const std::string_view r = text::strip(s, chars, name != "rstrip", name != "lstrip");
        return Value::string(std::string(r));
    }
    if (name == "split" || name == "rsplit") {
        BoundArgs bound(args, name, {"sep", "maxsplit"}, 0);
        const auto sep = optionalString(bound, 0, "split");
        if (sep && sep->empty()) fail(TemplateErrorKind::Other, "empty separator");
        const int64_t maxsplit = bound.integer(1, -1, "maxsplit");
        return stringList(name == "split" ? text::split(s, sep, maxsplit) : text::rsplit(s, sep, maxsplit));
    }
    if (name == "splitlines") {
        BoundArgs bound(args, name, {"keepends"}, 0);
        return stringList(text::splitlines(s, bound.flag(0, false)));
    }
    if (name == "startswith" || name == "endswith") {
        BoundArgs bound(args, name, {"affix", "start", "end"}, 1);
        std::string_view view = s;
        if (bound.has(1) || bound.has(2)) {
            Value sliced = sliceValue(interp, self, bound.get(1, Value::none()), bound.get(2, Value::none()), Value::none());
            if (!sliced.isString()) fail(TemplateErrorKind::Type, "slice indices must be integers or None");
            return Value::boolean(affixMatch(bound.get(0), sliced.str(), name == "startswith", name == "startswith" ? "startswith" : "endswith"));
        }
        return Value::boolean(affixMatch(bound.get(0), view, name == "startswith", name == "startswith" ? "startswith" : "endswith"));
    }
    if (name == "replace") {
        BoundArgs bound(args, name, {"old", "new", "count"}, 2);
        std::string out = text::replace(s, requireString(bound.get(0), "replace"), requireString(bound.get(1), "replace"),
                                        bound.integer(2, -1, "count"));
        interp.chargeValueBytes(out.size());
        return Value::string(std::move(out));
    }
    if (name == "find" || name == "rfind" || name == "index" || name == "rindex" || name == "count") {
        BoundArgs bound(args, name, {"sub", "start", "end"}, 1);
        const std::string_view sub = requireString(bound.get(0), "find");
        std::string_view hay = s;
        size_t base = 0;
        if (bound.has(1) || bound.has(2)) {
            const Value sliced = sliceValue(interp, self, bound.get(1, Value::none()), bound.get(2, Value::none()), Value::none());
            if (!sliced.isString()) fail(TemplateErrorKind::Type, "slice indices must be integers or None");
            // the start index, in code points, of the slice
            int64_t start = bound.integer(1, 0, "start");
            const int64_t len = static_cast<int64_t>(text::length(s));
            if (start < 0) start = std::max<int64_t>(0, start + len);
            base = static_cast<size_t>(std::min(start, len));
            if (name == "count") return Value::integer(static_cast<int64_t>(text::count(sliced.str(), sub)));
            const size_t hit = (name == "find" || name == "index") ? sliced.str().find(sub) : sliced.str().rfind(sub);
            if (hit == std::string_view::npos || (static_cast<int64_t>(base) > len && !sub.empty())) {
                if (name == "index" || name == "rindex") fail(TemplateErrorKind::Other, "substring not found");
                return Value::integer(-1);
            }
            return Value::integer(static_cast<int64_t>(base + codePointIndex(sliced.str(), hit)));
        }
        if (name == "count") return Value::integer(static_cast<int64_t>(text::count(hay, sub)));
        const size_t hit = (name == "find" || name == "index") ? hay.find(sub) : hay.rfind(sub);
        if (hit == std::string_view::npos) {
            if (name == "index" || name == "rindex") fail(TemplateErrorKind::Other, "substring not found");
            return Value::integer(-1);
        }
        return Value::integer(static_cast<int64_t>(codePointIndex(hay, hit)));
    }
    if (name == "join") {
        BoundArgs bound(args, name, {"iterable"}, 1);
        std::string out;
        bool first = true;
        for (const Value& item : interp.iterate(bound.get(0))) {
            if (!item.isString()) {
                fail(TemplateErrorKind::Type, "sequence item: expected str instance, " + typeName(item) + " found");
            }
            if (!first) out += s;
            first = false;
            out += item.str();
            if (out.size() > interp.limits().maxValueBytes) interp.chargeValueBytes(out.size());
        }
        interp.chargeValueBytes(out.size());
        return Value::string(std::move(out));
    }
    if (name == "center") {
        BoundArgs bound(args, name, {"width", "fillchar"}, 1);
        char32_t fill = ' ';
        if (bound.has(1)) {
            const std::string_view f = requireString(bound.get(1), "center");
            if (text::length(f) != 1) fail(TemplateErrorKind::Type, "The fill character must be exactly one character long");
            size_t p = 0;
            fill = text::decode(f, p);
        }
        const int64_t width = std::min<int64_t>(bound.integer(0, 0, "width"), int64_t(interp.limits().maxValueBytes));
        interp.chargeValueBytes(static_cast<size_t>(std::max<int64_t>(width, 0)));
        return Value::string(text::center(s, width, fill));
    }
    if (name == "ljust" || name == "rjust") {
        BoundArgs bound(args, name, {"width", "fillchar"}, 1);
        return pad(interp, s, bound, name == "rjust", name == "ljust" ? "ljust" : "rjust");
    }
    if (name == "zfill") {
        BoundArgs bound(args, name, {"width"}, 1);
        const int64_t width = bound.integer(0, 0, "width");
        const int64_t len = static_cast<int64_t>(text::length(s));
        if (width <= len) return self;
        interp.chargeValueBytes(static_cast<size_t>(width - len));
        std::string out(s);
        const size_t at = (!out.empty() && (out[0] == '+' || out[0] == '-')) ? 1 : 0;
        out.insert(at, static_cast<size_t>(width - len), '0');
        return Value::string(std::move(out));
    }
    if (name == "partition" || name == "rpartition") {
        BoundArgs bound(args, name, {"sep"}, 1);
        const std::string_view sep = requireString(bound.get(0), "partition");
        if (sep.empty()) fail(TemplateErrorKind::Other, "empty separator");
        const size_t hit = name == "partition" ? s.find(sep) : s.rfind(sep);
        std::vector<Value> parts;
        if (hit == std::string_view::npos) {
            if (name == "partition") parts = {Value::string(std::string(s)), Value::borrowed(""), Value::borrowed("")};
            else parts = {Value::borrowed(""), Value::borrowed(""), Value::string(std::string(s))};
        } else {
            parts = {Value::string(std::string(s.substr(0, hit))), Value::string(std::string(sep)),
                     Value::string(std::string(s.substr(hit + sep.size())))};
        }
        return Value::list(std::move(parts), ListFlavor::Tuple);
    }
    if (name == "removeprefix" || name == "removesuffix") {
        BoundArgs bound(args, name, {"affix"}, 1);
        const std::string_view a = requireString(bound.get(0), name == "removeprefix" ? "removeprefix" : "removesuffix");
        if (name == "removeprefix" && s.substr(0, a.size()) == a) return Value::string(std::string(s.substr(a.size())));
        if (name == "removesuffix" && !a.empty() && s.size() >= a.size() && s.substr(s.size() - a.size()) == a) {
            return Value::string(std::string(s.substr(0, s.size() - a.size())));
        }
        return self;
    }
    BoundArgs bound(args, name, {}, 0);
    if (name == "isalnum") return Value::boolean(allChars(s, text::isAlnum));
    if (name == "isalpha") return Value::boolean(allChars(s, text::isAlpha));
    if (name == "isascii") return Value::boolean(text::isAscii(s));
    if (name == "isdecimal") return Value::boolean(allChars(s, text::isDecimal));
    if (name == "isdigit") return Value::boolean(allChars(s, text::isDigit));
    if (name == "isnumeric") return Value::boolean(allChars(s, text::isNumeric));
    if (name == "isspace") return Value::boolean(allChars(s, text::isSpace));
    if (name == "isidentifier") {
        bool first = true;
        return Value::boolean(allChars(s, [&](char32_t cp) {
            const bool ok = cp == '_' || text::isAlpha(cp) || (!first && text::isNumeric(cp));
            first = false;
            return ok;
        }));
    }
    if (name == "islower" || name == "isupper") {
        bool cased = false;
        for (size_t pos = 0; pos < s.size();) {
            const char32_t cp = text::decode(s, pos);
            if (name == "islower" ? (text::isUpper(cp)) : (text::isLower(cp))) return Value::boolean(false);
            if (name == "islower" ? text::isLower(cp) : text::isUpper(cp)) cased = true;
        }
        return Value::boolean(cased);
    }
    if (name == "istitle") {
        bool cased = false;
        bool previousCased = false;
        for (size_t pos = 0; pos < s.size();) {
            const char32_t cp = text::decode(s, pos);
            if (text::isUpper(cp)) {
                if (previousCased) return Value::boolean(false);
                previousCased = cased = true;
            } else if (text::isLower(cp)) {
                if (!previousCased) return Value::boolean(false);
                previousCased = cased = true;
            } else {
                previousCased = false;
            }
        }
        return Value::boolean(cased);
    }
    fail(TemplateErrorKind::Other, "str has no method " + std::string(name));
}

Value listMethod(Interpreter&, const Value& self, std::string_view name, CallArgs& args)
{
    if (name == "copy") {
        BoundArgs bound(args, name, {}, 0);
        std::vector<Value> items;
        for (size_t i = 0; i < self.listSize(); ++i) items.push_back(self.listAt(i));
        return Value::list(std::move(items), self.listFlavor());
    }
    if (name == "count") {
        BoundArgs bound(args, name, {"value"}, 1);
        int64_t n = 0;
        for (size_t i = 0; i < self.listSize(); ++i) n += equals(self.listAt(i), bound.get(0)) ? 1 : 0;
        return Value::integer(n);
    }
    if (name == "index") {
        BoundArgs bound(args, name, {"value", "start", "stop"}, 1);
        const auto n = static_cast<int64_t>(self.listSize());
        int64_t start = bound.integer(1, 0, "start");
        int64_t stop = bound.integer(2, n, "stop");
        if (start < 0) start = std::max<int64_t>(0, start + n);
        if (stop < 0) stop = std::max<int64_t>(0, stop + n);
        for (int64_t i = start; i < std::min(stop, n); ++i) {
            if (equals(self.listAt(static_cast<size_t>(i)), bound.get(0))) return Value::integer(i);
        }
        fail(TemplateErrorKind::Other, toRepr(bound.get(0)) + " is not in list");
    }
    fail(TemplateErrorKind::Other, "list has no method " + std::string(name));
}

Value dictMethod(Interpreter&, const Value& self, std::string_view name, CallArgs& args)
{
    if (name == "get") {
        BoundArgs bound(args, name, {"key", "default"}, 1);
        const Value& key = bound.get(0);
        if (!isHashable(key)) fail(TemplateErrorKind::Type, "unhashable type: '" + typeName(key) + "'");
        Value out;
        if (self.dictFind(key, out)) return out;
        return bound.get(1, Value::none());
    }
    BoundArgs bound(args, name, {}, 0);
    if (name == "copy") {
        auto dict = std::make_shared<DictObject>();
        for (size_t i = 0; i < self.dictSize(); ++i) dict->items.emplace_back(self.dictKeyAt(i), self.dictValueAt(i));
        return Value::dict(std::move(dict));
    }
    std::vector<Value> items;
    items.reserve(self.dictSize());
    for (size_t i = 0; i < self.dictSize(); ++i) {
        if (name == "keys") items.push_back(self.dictKeyAt(i));
        else if (name == "values") items.push_back(self.dictValueAt(i));
        else items.push_back(Value::list({self.dictKeyAt(i), self.dictValueAt(i)}, ListFlavor::Tuple));
    }
    if (name == "keys") return Value::list(std::move(items), ListFlavor::DictKeys);
    if (name == "values") return Value::list(std::move(items), ListFlavor::DictValues);
    if (name == "items") return Value::list(std::move(items), ListFlavor::DictItems);
    fail(TemplateErrorKind::Other, "dict." + std::string(name) + " is not supported");
}

}  // namespace

bool hasMethod(const Value& self, std::string_view name)
{
    if (self.isList() && self.listFlavor() != ListFlavor::List && self.listFlavor() != ListFlavor::Tuple) return false;
    if (self.isList() && self.listFlavor() == ListFlavor::Tuple) return name == "count" || name == "index";
    return !canonicalName(self, name).empty();
}

bool isMutatingMethod(const Value& self, std::string_view name)
{
    if (self.isList()) {
        return self.listFlavor() == ListFlavor::List &&
               (name == "append" || name == "clear" || name == "pop" || name == "reverse" || name == "insert" ||
                name == "sort" || name == "extend" || name == "remove");
    }
    if (self.isDict()) return name == "clear" || name == "pop" || name == "popitem" || name == "setdefault" || name == "update";
    return false;
}

// Markup's str methods return Markup again (markupsafe wraps them).
Value keepMarkup(const Value& result)
{
    if (result.isString()) return result.asMarkup();
    if (result.isList()) {
        std::vector<Value> items;
        for (size_t i = 0; i < result.listSize(); ++i) items.push_back(keepMarkup(result.listAt(i)));
        return Value::list(std::move(items), result.listFlavor());
    }
    return result;
}

Value callMethod(Interpreter& interp, const Value& self, std::string_view name, CallArgs& args)
{
    if (self.isMarkup()) {
        Value result = stringMethod(interp, self, name, args);
        return (name == "find" || name == "count" || name == "index" || name.substr(0, 2) == "is") ? result : keepMarkup(result);
    }
    if (self.isString()) return stringMethod(interp, self, name, args);
    if (self.isList()) return listMethod(interp, self, name, args);
    if (self.isDict()) return dictMethod(interp, self, name, args);
    fail(TemplateErrorKind::Type, "'" + typeName(self) + "' object has no attribute '" + std::string(name) + "'");
}

Value boundMethod(const Value& self, std::string_view name)
{
    const std::string_view stable = canonicalName(self, name);
    return Value::host(std::make_shared<BoundMethod>(self, stable.empty() ? std::string_view("?") : stable));
}

}  // namespace lathe::chat
