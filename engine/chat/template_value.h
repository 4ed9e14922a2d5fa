// The values a chat template computes with, behaving as the Python objects jinja2 hands
// around: undefined vs None, bool/int/float with Python's equality and truthiness, str,
// list/tuple, dict (insertion-ordered), jinja2 namespaces, lazy iterators, and host objects
// (macros, loops, bound methods). JSON variables are borrowed, never copied: a Value may
// point into the caller's nlohmann::ordered_json, which outlives the render.
#pragma once

#include "chat/chat_template.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lathe::chat {

using Json = nlohmann::ordered_json;

class Value;
class Interpreter;
struct CallArgs;
struct ListObject;
struct DictObject;
struct NamespaceObject;
struct IteratorObject;

enum class ValueKind : uint8_t {
    Undefined,
    None,
    Bool,
    Int,
    Float,
    String,
    List,       // list, tuple and the dict views (ListFlavor)
    Dict,
    Namespace,
    Iterator,   // a one-shot generator (map, select, reverse, items ...)
    Object,     // host objects: macros, loops, builtins, bound methods, cycler, joiner
};

// Python types that iterate like a list but print and compare differently.
enum class ListFlavor : uint8_t { List, Tuple, DictKeys, DictValues, DictItems };

// Why a value is undefined; picks the message and the error class when it is misused.
enum class UndefinedReason : uint8_t {
    Name,       // 'x' is undefined
    Attribute,  // 'dict object' has no attribute 'x'
    Element,    // 'list object' has no element 3
    Hint,       // a fixed message (the name holds it)
    Unsafe,     // sandbox refusal: misuse raises SecurityError
};

struct ValueObject {
    virtual ~ValueObject() = default;
};

struct StringObject final : ValueObject {
    explicit StringObject(std::string t) : text(std::move(t)) {}
    std::string text;
};

// Macros, loops, builtin functions, bound methods: anything with behaviour.
struct HostObject : ValueObject {
    virtual const char* typeName() const = 0;
    virtual bool isCallable() const { return false; }
    virtual Value call(Interpreter& interp, CallArgs& args);
    // The attribute `name`, or an Undefined (Attribute) when there is none.
    virtual Value attribute(Interpreter& interp, std::string_view name);
    virtual std::string repr() const;
};

class Value {
public:
    Value() = default;  // Undefined (name "")

    static Value undefined(std::string_view name, UndefinedReason reason = UndefinedReason::Name,
                           std::shared_ptr<const ValueObject> owner = {}, ValueKind ownerKind = ValueKind::Undefined);
    // An Undefined whose message (hint) or name is built at run time.
    static Value undefinedWith(std::string text, UndefinedReason reason);
    static Value none();
    static Value boolean(bool b);
    static Value integer(int64_t i);
    static Value floating(double f);
    // A string that borrows `text` (it must outlive the render: JSON or the template).
    static Value borrowed(std::string_view text);
    static Value string(std::string text);
    static Value list(std::vector<Value> items, ListFlavor flavor = ListFlavor::List);
    static Value dict(std::shared_ptr<DictObject> dict);
    static Value namespaceObject(std::shared_ptr<NamespaceObject> ns);
    static Value iterator(std::vector<Value> items, const char* typeName = "generator");
    static Value host(std::shared_ptr<HostObject> object);
    static Value fromJson(const Json& json);

    ValueKind kind() const { return m_kind; }
    bool isUndefined() const { return m_kind == ValueKind::Undefined; }
    bool isNone() const { return m_kind == ValueKind::None; }
    bool isString() const { return m_kind == ValueKind::String; }
    bool isInt() const { return m_kind == ValueKind::Int; }
    bool isFloat() const { return m_kind == ValueKind::Float; }
    bool isBool() const { return m_kind == ValueKind::Bool; }
    // int, float or bool (Python's numbers.Number)
    bool isNumber() const { return m_kind == ValueKind::Int || m_kind == ValueKind::Float || m_kind == ValueKind::Bool; }
    // int or bool: usable as an index
    bool isIntegral() const { return m_kind == ValueKind::Int || m_kind == ValueKind::Bool; }
    bool isList() const { return m_kind == ValueKind::List; }
    bool isDict() const { return m_kind == ValueKind::Dict; }
    bool isMarkup() const { return m_kind == ValueKind::String && m_sub == 1; }

    bool asBool() const { return m_bool; }
    int64_t asInt() const { return m_kind == ValueKind::Bool ? int64_t(m_bool) : m_int; }
    double asDouble() const;
    std::string_view str() const { return m_str; }  // String text; Undefined name/hint

    UndefinedReason undefinedReason() const { return UndefinedReason(m_sub); }
    ValueKind undefinedOwnerKind() const { return ValueKind(m_aux); }

    ListFlavor listFlavor() const { return ListFlavor(m_sub); }
    size_t listSize() const;
    Value listAt(size_t i) const;

    size_t dictSize() const;
    Value dictKeyAt(size_t i) const;
    Value dictValueAt(size_t i) const;
    // Looks `key` up with Python's == (1 == 1.0 == True); false when absent.
    bool dictFind(const Value& key, Value& out) const;
    bool dictFindString(std::string_view key, Value& out) const;

    // The object behind a Namespace / Iterator / Object value (mutable: namespaces are
    // assigned to, iterators consumed, loops advanced -- all within one render).
    NamespaceObject* namespaceObject() const;
    IteratorObject* iteratorObject() const;
    HostObject* hostObject() const { return static_cast<HostObject*>(const_cast<ValueObject*>(m_obj.get())); }
    // What Python's `is` compares for containers and objects.
    const void* identity() const;
    const std::shared_ptr<const ValueObject>& owner() const { return m_obj; }

    Value asMarkup() const;
    Value withFlavor(ListFlavor flavor) const;

private:
    ValueKind m_kind = ValueKind::Undefined;
    uint8_t m_sub = 0;  // ListFlavor, UndefinedReason, or 1 = Markup string
    uint8_t m_aux = 0;  // Undefined: the kind of the object that lacked the attribute
    union {
        bool m_bool;
        int64_t m_int = 0;
        double m_float;
    };
    const Json* m_json = nullptr;                // borrowed list / dict
    std::string_view m_str;                      // String text, Undefined name
    std::shared_ptr<const ValueObject> m_obj;    // owner of the above when not borrowed
};

// Containers (complete after Value, as std::pair<Value, Value> needs it).
struct ListObject final : ValueObject {
    std::vector<Value> items;
};

struct DictObject final : ValueObject {
    std::vector<std::pair<Value, Value>> items;  // insertion order, keys unique by Python ==
};

struct NamespaceObject final : ValueObject {
    std::vector<std::pair<std::string, Value>> attrs;
};

struct IteratorObject final : ValueObject {
    std::vector<Value> items;
    size_t pos = 0;
    const char* typeName = "generator";
};

inline NamespaceObject* Value::namespaceObject() const
{
    return static_cast<NamespaceObject*>(const_cast<ValueObject*>(m_obj.get()));
}

inline IteratorObject* Value::iteratorObject() const
{
    return static_cast<IteratorObject*>(const_cast<ValueObject*>(m_obj.get()));
}

struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string_view, Value>> keywords;

    // Takes argument `name` (or position `index`), or returns `fallback`.
    Value take(size_t index, std::string_view name, const Value& fallback = Value());
    bool has(size_t index, std::string_view name) const;
};

// A runtime failure inside the engine; the interpreter adds the line and turns it into a
// TemplateError.
struct RenderFailure {
    TemplateErrorKind kind;
    std::string message;
};
[[noreturn]] void fail(TemplateErrorKind kind, std::string message);

// Python semantics, shared by the interpreter and the builtins.
bool truthy(const Value& v);
bool equals(const Value& a, const Value& b);
bool isHashable(const Value& v);
// Python's type name: 'str', 'int', 'list', 'NoneType', ...
std::string typeName(const Value& v);
// str(v) and repr(v) appended to `out`.
void appendStr(std::string& out, const Value& v);
void appendRepr(std::string& out, const Value& v);
std::string toStr(const Value& v);
std::string toRepr(const Value& v);
// repr(float) as Python prints it: 0.1, 1e+16, 1.5e-05, inf, nan.
void appendFloatRepr(std::string& out, double d);
// The message jinja2 gives when an undefined value is misused.
std::string undefinedMessage(const Value& v);

}  // namespace lathe::chat
