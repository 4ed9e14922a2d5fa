// Value construction and the Python semantics every part of the engine shares: truthiness,
// ==, hashability, type names, str() and repr() (floats as Python's shortest repr, strings
// quoted the way Python picks quotes), and the messages of jinja2's Undefined.
#include "chat/template_value.h"

#include "chat/template_text.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace lathe::chat {

void fail(TemplateErrorKind kind, std::string message)
{
    throw RenderFailure{kind, std::move(message)};
}

Value HostObject::call(Interpreter&, CallArgs&)
{
    fail(TemplateErrorKind::Type, std::string("'") + typeName() + "' object is not callable");
}

Value HostObject::attribute(Interpreter&, std::string_view name)
{
    return Value::undefined(name, UndefinedReason::Attribute, {}, ValueKind::Object);
}

std::string HostObject::repr() const { return std::string("<") + typeName() + " object>"; }

Value Value::undefined(std::string_view name, UndefinedReason reason, std::shared_ptr<const ValueObject> owner,
                       ValueKind ownerKind)
{
    Value v;
    v.m_kind = ValueKind::Undefined;
    v.m_sub = static_cast<uint8_t>(reason);
    v.m_aux = static_cast<uint8_t>(ownerKind);
    v.m_str = name;
    v.m_obj = std::move(owner);
    return v;
}

Value Value::undefinedWith(std::string text, UndefinedReason reason)
{
    auto owner = std::make_shared<StringObject>(std::move(text));
    const std::string_view name = owner->text;
    return undefined(name, reason, std::move(owner));
}

Value Value::none()
{
    Value v;
    v.m_kind = ValueKind::None;
    return v;
}

Value Value::boolean(bool b)
{
    Value v;
    v.m_kind = ValueKind::Bool;
    v.m_bool = b;
    return v;
}

Value Value::integer(int64_t i)
{
    Value v;
    v.m_kind = ValueKind::Int;
    v.m_int = i;
    return v;
}

Value Value::floating(double f)
{
    Value v;
    v.m_kind = ValueKind::Float;
    v.m_float = f;
    return v;
}

Value Value::borrowed(std::string_view text)
{
    Value v;
    v.m_kind = ValueKind::String;
    v.m_str = text;
    return v;
}

Value Value::string(std::string text)
{
    Value v;
    v.m_kind = ValueKind::String;
    auto owner = std::make_shared<StringObject>(std::move(text));
    v.m_str = owner->text;
    v.m_obj = std::move(owner);
    return v;
}

Value Value::list(std::vector<Value> items, ListFlavor flavor)
{
    Value v;
    v.m_kind = ValueKind::List;
    v.m_sub = static_cast<uint8_t>(flavor);
    auto owner = std::make_shared<ListObject>();
    owner->items = std::move(items);
    v.m_obj = std::move(owner);
    return v;
}

Value Value::dict(std::shared_ptr<DictObject> dict)
{
    Value v;
    v.m_kind = ValueKind::Dict;
    v.m_obj = std::move(dict);
    return v;
}

Value Value::namespaceObject(std::shared_ptr<NamespaceObject> ns)
{
    Value v;
    v.m_kind = ValueKind::Namespace;
    v.m_obj = std::move(ns);
    return v;
}

Value Value::iterator(std::vector<Value> items, const char* typeName)
{
    Value v;
    v.m_kind = ValueKind::Iterator;
    auto owner = std::make_shared<IteratorObject>();
    owner->items = std::move(items);
    owner->typeName = typeName;
    v.m_obj = std::move(owner);
    return v;
}

Value Value::host(std::shared_ptr<HostObject> object)
{
    Value v;
    v.m_kind = ValueKind::Object;
    v.m_obj = std::move(object);
    return v;
}

Value Value::fromJson(const Json& json)
{
    switch (json.type()) {
    case Json::value_t::boolean:
        return boolean(json.get<bool>());
    case Json::value_t::number_integer:
        return integer(json.get<int64_t>());
    case Json::value_t::number_unsigned: {
        const auto u = json.get<uint64_t>();
        if (u > uint64_t(INT64_MAX)) return floating(double(u));
        return integer(int64_t(u));
    }
    case Json::value_t::number_float:
        return floating(json.get<double>());
    case Json::value_t::string:
        return borrowed(json.get_ref<const std::string&>());
    case Json::value_t::array: {
        Value v;
        v.m_kind = ValueKind::List;
        v.m_json = &json;
        return v;
    }
    case Json::value_t::object: {
        Value v;
        v.m_kind = ValueKind::Dict;
        v.m_json = &json;
        return v;
    }
    default:
        return none();
    }
}

double Value::asDouble() const
{
    switch (m_kind) {
    case ValueKind::Bool:
        return m_bool ? 1.0 : 0.0;
    case ValueKind::Int:
        return double(m_int);
    case ValueKind::Float:
        return m_float;
    default:
        return 0.0;
    }
}

const void* Value::identity() const
{
    if (m_obj) return m_obj.get();
    if (m_json) return m_json;
    return m_str.data();
}

size_t Value::listSize() const
{
    if (m_json) return m_json->size();
    return static_cast<const ListObject*>(m_obj.get())->items.size();
}

Value Value::listAt(size_t i) const
{
    if (m_json) return fromJson((*m_json)[i]);
    return static_cast<const ListObject*>(m_obj.get())->items[i];
}

size_t Value::dictSize() const
{
    if (m_json) return m_json->size();
    return static_cast<const DictObject*>(m_obj.get())->items.size();
}

Value Value::dictKeyAt(size_t i) const
{
    if (m_json) return borrowed((m_json->get_ref<const Json::object_t&>().begin() + static_cast<ptrdiff_t>(i))->first);
    return static_cast<const DictObject*>(m_obj.get())->items[i].first;
}

Value Value::dictValueAt(size_t i) const
{
    if (m_json) return fromJson((m_json->get_ref<const Json::object_t&>().begin() + static_cast<ptrdiff_t>(i))->second);
    return static_cast<const DictObject*>(m_obj.get())->items[i].second;
}

bool Value::dictFindString(std::string_view key, Value& out) const
{
    if (m_json) {
        for (const auto& [k, v] : m_json->get_ref<const Json::object_t&>()) {
            if (k == key) {
                out = fromJson(v);
                return true;
            }
        }
        return false;
    }
    for (const auto& [k, v] : static_cast<const DictObject*>(m_obj.get())->items) {
        if (k.isString() && k.str() == key) {
            out = v;
            return true;
        }
    }
    return false;
}

bool Value::dictFind(const Value& key, Value& out) const
{
    if (key.isString()) return dictFindString(key.str(), out);
    if (m_json) return false;  // JSON keys are strings
    for (const auto& [k, v] : static_cast<const DictObject*>(m_obj.get())->items) {
        if (equals(k, key)) {
            out = v;
            return true;
        }
    }
    return false;
}

Value Value::asMarkup() const
{
    Value v = *this;
    v.m_sub = 1;
    return v;
}

Value Value::withFlavor(ListFlavor flavor) const
{
    Value v = *this;
    v.m_sub = static_cast<uint8_t>(flavor);
    return v;
}

Value CallArgs::take(size_t index, std::string_view name, const Value& fallback)
{
    if (index < positional.size()) return positional[index];
    for (auto it = keywords.begin(); it != keywords.end(); ++it) {
        if (it->first == name) {
            Value v = std::move(it->second);
            keywords.erase(it);
            return v;
        }
    }
    return fallback;
}

bool CallArgs::has(size_t index, std::string_view name) const
{
    if (index < positional.size()) return true;
    for (const auto& kw : keywords) {
        if (kw.first == name) return true;
    }
    return false;
}

bool truthy(const Value& v)
{
    switch (v.kind()) {
    case ValueKind::Undefined:
    case ValueKind::None:
        return false;
    case ValueKind::Bool:
        return v.asBool();
    case ValueKind::Int:
        return v.asInt() != 0;
    case ValueKind::Float:
        return v.asDouble() != 0.0;
    case ValueKind::String:
        return !v.str().empty();
    case ValueKind::List:
        return v.listSize() != 0;
    case ValueKind::Dict:
        return v.dictSize() != 0;
    default:
        return true;
    }
}

namespace {

bool numericEquals(const Value& a, const Value& b)
{
    if (a.isIntegral() && b.isIntegral()) return a.asInt() == b.asInt();
    return a.asDouble() == b.asDouble();
}

}  // namespace

bool equals(const Value& a, const Value& b)
{
    if (a.isNumber() && b.isNumber()) return numericEquals(a, b);
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
    case ValueKind::Undefined:
    case ValueKind::None:
        return true;
    case ValueKind::String:
        return a.str() == b.str();
    case ValueKind::List: {
        const bool aSeq = a.listFlavor() == ListFlavor::List || a.listFlavor() == ListFlavor::Tuple;
        if (a.listFlavor() != b.listFlavor()) return false;
        if (a.listFlavor() == ListFlavor::DictValues) return a.identity() == b.identity();
        const size_t n = a.listSize();
        if (n != b.listSize()) return false;
        if (!aSeq) {  // keys / items views compare as sets
            for (size_t i = 0; i < n; ++i) {
                bool found = false;
                const Value x = a.listAt(i);
                for (size_t j = 0; j < n && !found; ++j) found = equals(x, b.listAt(j));
                if (!found) return false;
            }
            return true;
        }
        for (size_t i = 0; i < n; ++i) {
            if (!equals(a.listAt(i), b.listAt(i))) return false;
        }
        return true;
    }
    case ValueKind::Dict: {
        const size_t n = a.dictSize();
        if (n != b.dictSize()) return false;
        for (size_t i = 0; i < n; ++i) {
            Value other;
            if (!b.dictFind(a.dictKeyAt(i), other)) return false;
            if (!equals(a.dictValueAt(i), other)) return false;
        }
        return true;
    }
    default:
        return a.identity() == b.identity();
    }
}

bool isHashable(const Value& v)
{
    switch (v.kind()) {
    case ValueKind::List:
        if (v.listFlavor() != ListFlavor::Tuple) return false;
        for (size_t i = 0; i < v.listSize(); ++i) {
            if (!isHashable(v.listAt(i))) return false;
        }
        return true;
    case ValueKind::Dict:
        return false;
    default:
        return true;
    }
}

std::string typeName(const Value& v)
{
    switch (v.kind()) {
    case ValueKind::Undefined:
        return "Undefined";
    case ValueKind::None:
        return "NoneType";
    case ValueKind::Bool:
        return "bool";
    case ValueKind::Int:
        return "int";
    case ValueKind::Float:
        return "float";
    case ValueKind::String:
        return v.isMarkup() ? "Markup" : "str";
    case ValueKind::List:
        switch (v.listFlavor()) {
        case ListFlavor::Tuple:
            return "tuple";
        case ListFlavor::DictKeys:
            return "dict_keys";
        case ListFlavor::DictValues:
            return "dict_values";
        case ListFlavor::DictItems:
            return "dict_items";
        default:
            return "list";
        }
    case ValueKind::Dict:
        return "dict";
    case ValueKind::Namespace:
        return "Namespace";
    case ValueKind::Iterator:
        return v.iteratorObject()->typeName;
    case ValueKind::Object:
        return v.hostObject()->typeName();
    }
    return "object";
}

void appendFloatRepr(std::string& out, double d)
{
    if (std::isnan(d)) {
        out += "nan";
        return;
    }
    if (std::isinf(d)) {
        out += d < 0 ? "-inf" : "inf";
        return;
    }
    char buf[64];
    const auto result = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<size_t>(result.ptr - buf));
    bool negative = false;
    if (!sci.empty() && sci[0] == '-') {
        negative = true;
        sci.remove_prefix(1);
    }
    const size_t ePos = sci.find('e');
    std::string digits;
    for (const char c : sci.substr(0, ePos)) {
        if (c != '.') digits += c;
    }
    int exponent = 0;
    std::from_chars(sci.data() + ePos + 1 + (sci[ePos + 1] == '+' ? 1 : 0), sci.data() + sci.size(), exponent);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    const int decpt = exponent + 1;  // digits d1 d2 ... with the point after decpt digits
    const int n = static_cast<int>(digits.size());
    if (negative) out += '-';
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            out += "0.";
            out.append(static_cast<size_t>(-decpt), '0');
            out += digits;
        } else if (decpt >= n) {
            out += digits;
            out.append(static_cast<size_t>(decpt - n), '0');
            out += ".0";
        } else {
            out.append(digits, 0, static_cast<size_t>(decpt));
            out += '.';
            out.append(digits, static_cast<size_t>(decpt));
        }
        return;
    }
    out += digits[0];
    if (n > 1) {
        out += '.';
        out.append(digits, 1);
    }
    const int e = decpt - 1;
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    out += ebuf;
}

namespace {

void appendStringRepr(std::string& out, std::string_view s)
{
    const bool hasSingle = s.find('\'') != std::string_view::npos;
    const bool hasDouble = s.find('"') != std::string_view::npos;
    const char quote = (hasSingle && !hasDouble) ? '"' : '\'';
    out += quote;
    for (size_t pos = 0; pos < s.size();) {
        const char32_t cp = text::decode(s, pos);
        if (cp == static_cast<char32_t>(quote) || cp == '\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (cp < 0x20 || cp == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(cp));
            out += buf;
        } else if (cp < 0x80 || text::isPrintable(cp)) {
            text::encode(out, cp);
        } else {
            char buf[16];
            if (cp < 0x100) std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(cp));
            else if (cp < 0x10000) std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(cp));
            else std::snprintf(buf, sizeof buf, "\\U%08x", unsigned(cp));
            out += buf;
        }
    }
    out += quote;
}

void appendSequence(std::string& out, const Value& v, const char* open, const char* close)
{
    out += open;
    const size_t n = v.listSize();
    for (size_t i = 0; i < n; ++i) {
        if (i) out += ", ";
        appendRepr(out, v.listAt(i));
    }
    if (n == 1 && v.listFlavor() == ListFlavor::Tuple) out += ',';
    out += close;
}

void appendDict(std::string& out, const Value& v)
{
    out += '{';
    const size_t n = v.dictSize();
    for (size_t i = 0; i < n; ++i) {
        if (i) out += ", ";
        appendRepr(out, v.dictKeyAt(i));
        out += ": ";
        appendRepr(out, v.dictValueAt(i));
    }
    out += '}';
}

}  // namespace

void appendRepr(std::string& out, const Value& v)
{
    switch (v.kind()) {
    case ValueKind::Undefined:
        out += "Undefined";
        return;
    case ValueKind::String:
        if (v.isMarkup()) {
            out += "Markup(";
            appendStringRepr(out, v.str());
            out += ')';
        } else {
            appendStringRepr(out, v.str());
        }
        return;
    default:
        appendStr(out, v);
    }
}

void appendStr(std::string& out, const Value& v)
{
    switch (v.kind()) {
    case ValueKind::Undefined:
        return;
    case ValueKind::None:
        out += "None";
        return;
    case ValueKind::Bool:
        out += v.asBool() ? "True" : "False";
        return;
    case ValueKind::Int: {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, v.asInt());
        out.append(buf, r.ptr);
        return;
    }
    case ValueKind::Float:
        appendFloatRepr(out, v.asDouble());
        return;
    case ValueKind::String:
        out += v.str();
        return;
    case ValueKind::List:
        switch (v.listFlavor()) {
        case ListFlavor::List:
            appendSequence(out, v, "[", "]");
            return;
        case ListFlavor::Tuple:
            appendSequence(out, v, "(", ")");
            return;
        case ListFlavor::DictKeys:
            appendSequence(out, v, "dict_keys([", "])");
            return;
        case ListFlavor::DictValues:
            appendSequence(out, v, "dict_values([", "])");
            return;
        case ListFlavor::DictItems:
            appendSequence(out, v, "dict_items([", "])");
            return;
        }
        return;
    case ValueKind::Dict:
        appendDict(out, v);
        return;
    case ValueKind::Namespace: {
        out += "<Namespace {";
        bool first = true;
        for (const auto& [name, value] : v.namespaceObject()->attrs) {
            if (!first) out += ", ";
            first = false;
            appendStringRepr(out, name);
            out += ": ";
            appendRepr(out, value);
        }
        out += "}>";
        return;
    }
    case ValueKind::Iterator:
        out += "<";
        out += v.iteratorObject()->typeName;
        out += " object>";
        return;
    case ValueKind::Object:
        out += v.hostObject()->repr();
        return;
    }
}

std::string toStr(const Value& v)
{
    if (v.isString()) return std::string(v.str());
    std::string out;
    appendStr(out, v);
    return out;
}

std::string toRepr(const Value& v)
{
    std::string out;
    appendRepr(out, v);
    return out;
}

std::string undefinedMessage(const Value& v)
{
    const std::string name(v.str());
    switch (v.undefinedReason()) {
    case UndefinedReason::Name:
        return "'" + name + "' is undefined";
    case UndefinedReason::Attribute: {
        std::string type = v.undefinedOwnerKind() == ValueKind::Dict ? "dict" : "object";
        return "'" + type + " object' has no attribute '" + name + "'";
    }
    case UndefinedReason::Element:
        return "object has no element " + name;
    case UndefinedReason::Hint:
    case UndefinedReason::Unsafe:
        return name;
    }
    return name;
}

}  // namespace lathe::chat
