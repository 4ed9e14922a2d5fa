// The global functions a chat template can call: jinja2's range (capped at MAX_RANGE like
// the sandbox), dict, namespace (transformers' TemplateNamespace, which refuses underscore
// names), cycler and joiner, and transformers' raise_exception and strftime_now.
#include "chat/template_args.h"
#include "chat/template_builtins.h"

#include <ctime>
#include <unordered_map>

namespace lathe::chat {
namespace {

constexpr int64_t kMaxRange = 100000;  // jinja2.sandbox.MAX_RANGE

using GlobalFn = Value (*)(Interpreter&, CallArgs&);

struct BuiltinFunction final : HostObject {
    BuiltinFunction(const char* n, GlobalFn f) : name(n), fn(f) {}
    const char* typeName() const override { return "function"; }
    bool isCallable() const override { return true; }
    Value call(Interpreter& interp, CallArgs& args) override { return fn(interp, args); }
    std::string repr() const override { return std::string("<function ") + name + ">"; }
    const char* name;
    GlobalFn fn;
};

// A method of a cycler or joiner, bound to its object.
template <typename T>
struct ObjectMethod final : HostObject {
    ObjectMethod(std::shared_ptr<T> o, Value (*f)(T&, CallArgs&)) : object(std::move(o)), fn(f) {}
    const char* typeName() const override { return "method"; }
    bool isCallable() const override { return true; }
    Value call(Interpreter&, CallArgs& args) override { return fn(*object, args); }
    std::shared_ptr<T> object;
    Value (*fn)(T&, CallArgs&);
};

struct Cycler final : HostObject, std::enable_shared_from_this<Cycler> {
    const char* typeName() const override { return "Cycler"; }
    Value attribute(Interpreter&, std::string_view name) override
    {
        if (name == "current") return items[pos];
        if (name == "items") return Value::list(items, ListFlavor::Tuple);
        if (name == "next") {
            return Value::host(std::make_shared<ObjectMethod<Cycler>>(shared_from_this(), [](Cycler& c, CallArgs& args) {
                BoundArgs bound(args, "next", {}, 0);
                Value v = c.items[c.pos];
                c.pos = (c.pos + 1) % c.items.size();
                return v;
            }));
        }
        if (name == "reset") {
            return Value::host(std::make_shared<ObjectMethod<Cycler>>(shared_from_this(), [](Cycler& c, CallArgs& args) {
                BoundArgs bound(args, "reset", {}, 0);
                c.pos = 0;
                return Value::none();
            }));
        }
        return Value::undefined(name, UndefinedReason::Attribute, {}, ValueKind::Object);
    }
    std::vector<Value> items;
    size_t pos = 0;
};

struct Joiner final : HostObject {
    const char* typeName() const override { return "Joiner"; }
    bool isCallable() const override { return true; }
    Value call(Interpreter&, CallArgs& args) override
    {
        BoundArgs bound(args, "joiner", {}, 0);
        if (!used) {
            used = true;
            return Value::borrowed("");
        }
        return separator;
    }
    Value separator;
    bool used = false;
};

Value globalRange(Interpreter& interp, CallArgs& args)
{
    if (!args.keywords.empty()) fail(TemplateErrorKind::Type, "range() takes no keyword arguments");
    const size_t n = args.positional.size();
    if (n < 1 || n > 3) fail(TemplateErrorKind::Type, "range expected 1 to 3 arguments, got " + std::to_string(n));
    for (const Value& v : args.positional) {
        if (!v.isIntegral()) fail(TemplateErrorKind::Type, "'" + typeName(v) + "' object cannot be interpreted as an integer");
    }
    const int64_t start = n >= 2 ? args.positional[0].asInt() : 0;
    const int64_t stop = n >= 2 ? args.positional[1].asInt() : args.positional[0].asInt();
    const int64_t step = n == 3 ? args.positional[2].asInt() : 1;
    if (step == 0) fail(TemplateErrorKind::Other, "range() arg 3 must not be zero");
    uint64_t count = 0;  // len(range(start, stop, step)), without overflow
    if (step > 0 && stop > start) count = (static_cast<uint64_t>(stop) - static_cast<uint64_t>(start) - 1) / static_cast<uint64_t>(step) + 1;
    if (step < 0 && stop < start) {
        count = (static_cast<uint64_t>(start) - static_cast<uint64_t>(stop) - 1) / (0 - static_cast<uint64_t>(step)) + 1;
    }
    if (count > uint64_t(kMaxRange)) {
        fail(TemplateErrorKind::Other, "Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
    }
    interp.chargeValueBytes(static_cast<size_t>(count) * sizeof(Value));
    std::vector<Value> items;
    items.reserve(static_cast<size_t>(count));
    for (int64_t i = 0; i < static_cast<int64_t>(count); ++i) items.push_back(Value::integer(start + i * step));
    return Value::list(std::move(items));
}

// dict(*args, **kwargs) as Python builds it.
std::shared_ptr<DictObject> buildDict(Interpreter& interp, CallArgs& args, const char* fn)
{
    auto dict = std::make_shared<DictObject>();
    auto put = [&](Value key, Value value) {
        if (!isHashable(key)) fail(TemplateErrorKind::Type, "unhashable type: '" + typeName(key) + "'");
        for (auto& [k, v] : dict->items) {
            if (equals(k, key)) {
                v = std::move(value);
                return;
            }
        }
        dict->items.emplace_back(std::move(key), std::move(value));
    };
    if (args.positional.size() > 1) {
        fail(TemplateErrorKind::Type, std::string(fn) + " expected at most 1 argument, got " + std::to_string(args.positional.size()));
    }
    if (!args.positional.empty()) {
        const Value& source = args.positional[0];
        if (source.isDict()) {
            for (size_t i = 0; i < source.dictSize(); ++i) put(source.dictKeyAt(i), source.dictValueAt(i));
        } else {
            for (const Value& pair : interp.iterate(source)) {
                std::vector<Value> kv = interp.iterate(pair);
                if (kv.size() != 2) {
                    fail(TemplateErrorKind::Other, "dictionary update sequence element has length " + std::to_string(kv.size()) +
                                                       "; 2 is required");
                }
                put(kv[0], kv[1]);
            }
        }
    }
    for (auto& [k, v] : args.keywords) put(Value::string(std::string(k)), v);
    return dict;
}

Value globalDict(Interpreter& interp, CallArgs& args) { return Value::dict(buildDict(interp, args, "dict")); }

Value globalNamespace(Interpreter& interp, CallArgs& args)
{
    auto attrs = buildDict(interp, args, "namespace");
    auto ns = std::make_shared<NamespaceObject>();
    interp.adopt(ns);
    for (auto& [k, v] : attrs->items) {
        if (!k.isString()) fail(TemplateErrorKind::Type, "keywords must be strings");
        if (!k.str().empty() && k.str()[0] == '_') {
            fail(TemplateErrorKind::Security, "Chat templates cannot store underscore-prefixed attributes on a namespace, but got '" +
                                                  std::string(k.str()) + "'. Please rename the attribute.");
        }
        ns->attrs.emplace_back(std::string(k.str()), v);
    }
    return Value::namespaceObject(std::move(ns));
}

Value globalCycler(Interpreter&, CallArgs& args)
{
    if (!args.keywords.empty()) fail(TemplateErrorKind::Type, "cycler() takes no keyword arguments");
    if (args.positional.empty()) fail(TemplateErrorKind::Other, "at least one item has to be provided");
    auto c = std::make_shared<Cycler>();
    c->items = args.positional;
    return Value::host(std::move(c));
}

Value globalJoiner(Interpreter&, CallArgs& args)
{
    BoundArgs bound(args, "joiner", {"sep"}, 0);
    auto j = std::make_shared<Joiner>();
    j->separator = bound.get(0, Value::borrowed(", "));
    return Value::host(std::move(j));
}

Value globalRaiseException(Interpreter&, CallArgs& args)
{
    BoundArgs bound(args, "raise_exception", {"message"}, 1);
    fail(TemplateErrorKind::Raised, toStr(bound.get(0)));
}

Value globalStrftimeNow(Interpreter&, CallArgs& args)
{
    BoundArgs bound(args, "strftime_now", {"format"}, 1);
    if (!bound.get(0).isString()) fail(TemplateErrorKind::Type, "strftime() argument 1 must be str, not " + typeName(bound.get(0)));
    const std::string format(bound.get(0).str());
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    std::string out(256, '\0');
    if (format.empty()) return Value::borrowed("");
    for (int attempt = 0; attempt < 8; ++attempt) {
        const size_t n = std::strftime(out.data(), out.size(), format.c_str(), &local);
        if (n > 0) {
            out.resize(n);
            return Value::string(std::move(out));
        }
        if (out.size() > 65536) break;
        out.resize(out.size() * 4);
    }
    return Value::borrowed("");
}

const std::unordered_map<std::string_view, Value>& globalTable()
{
    static const std::unordered_map<std::string_view, Value> table = [] {
        std::unordered_map<std::string_view, Value> t;
        const std::pair<const char*, GlobalFn> fns[] = {
            {"range", globalRange}, {"dict", globalDict}, {"namespace", globalNamespace}, {"cycler", globalCycler},
            {"joiner", globalJoiner}, {"raise_exception", globalRaiseException}, {"strftime_now", globalStrftimeNow},
        };
        for (const auto& [name, fn] : fns) t.emplace(name, Value::host(std::make_shared<BuiltinFunction>(name, fn)));
        return t;
    }();
    return table;
}

}  // namespace

Value findGlobal(std::string_view name)
{
    const auto& table = globalTable();
    const auto it = table.find(name);
    return it == table.end() ? Value() : it->second;
}

}  // namespace lathe::chat
