// Python's json.dumps, reproduced for the values a template holds. The structure follows
// json.encoder's _iterencode: an indent adds a newline plus indent*depth before each item and
// switches the default item separator from ", " to ",".
#include "chat/template_json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lathe::chat {
namespace {

void appendJsonString(std::string& out, std::string_view s)
{
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
                out += buf;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

void appendJsonFloat(std::string& out, double d)
{
    if (std::isnan(d)) out += "NaN";
    else if (std::isinf(d)) out += d < 0 ? "-Infinity" : "Infinity";
    else appendFloatRepr(out, d);
}

// A dict key as json.dumps converts it (str stays, True -> "true", 1.5 -> "1.5", ...).
std::string keyText(const Value& key)
{
    switch (key.kind()) {
    case ValueKind::String:
        return std::string(key.str());
    case ValueKind::Bool:
        return key.asBool() ? "true" : "false";
    case ValueKind::None:
        return "null";
    case ValueKind::Int:
        return toStr(key);
    case ValueKind::Float: {
        std::string s;
        appendJsonFloat(s, key.asDouble());
        return s;
    }
    default:
        fail(TemplateErrorKind::Type, "keys must be str, int, float, bool or None, not " + typeName(key));
    }
}

bool keyLess(const Value& a, const Value& b)
{
    if (a.isString() && b.isString()) return a.str() < b.str();
    if (a.isNumber() && b.isNumber()) return a.asDouble() < b.asDouble();
    if (a.isNone() && b.isNone()) return false;
    fail(TemplateErrorKind::Type, "'<' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'");
}

class Dumper {
public:
    Dumper(std::string& out, const JsonDumpOptions& options) : m_out(out), m_options(options)
    {
        m_itemSeparator = options.itemSeparator ? *options.itemSeparator : (options.indent ? "," : ", ");
        m_keySeparator = options.keySeparator ? *options.keySeparator : ": ";
    }

    void dump(const Value& v, int depth)
    {
        if (depth > 512) fail(TemplateErrorKind::Limit, "tojson: value nested too deeply");
        switch (v.kind()) {
        case ValueKind::None:
            m_out += "null";
            return;
        case ValueKind::Bool:
            m_out += v.asBool() ? "true" : "false";
            return;
        case ValueKind::Int:
            appendStr(m_out, v);
            return;
        case ValueKind::Float:
            appendJsonFloat(m_out, v.asDouble());
            return;
        case ValueKind::String:
            appendJsonString(m_out, v.str());
            return;
        case ValueKind::List:
            if (v.listFlavor() == ListFlavor::List || v.listFlavor() == ListFlavor::Tuple) {
                dumpList(v, depth);
                return;
            }
            break;
        case ValueKind::Dict:
            dumpDict(v, depth);
            return;
        default:
            break;
        }
        fail(TemplateErrorKind::Type, "Object of type " + typeName(v) + " is not JSON serializable");
    }

private:
    void newline(int depth)
    {
        m_out += '\n';
        for (int i = 0; i < depth; ++i) m_out += *m_options.indent;
    }

    void dumpList(const Value& v, int depth)
    {
        const size_t n = v.listSize();
        if (n == 0) {
            m_out += "[]";
            return;
        }
        m_out += '[';
        if (m_options.indent) newline(depth + 1);
        for (size_t i = 0; i < n; ++i) {
            if (i) {
                m_out += m_itemSeparator;
                if (m_options.indent) newline(depth + 1);
            }
            dump(v.listAt(i), depth + 1);
        }
        if (m_options.indent) newline(depth);
        m_out += ']';
    }

    void dumpDict(const Value& v, int depth)
    {
        const size_t n = v.dictSize();
        if (n == 0) {
            m_out += "{}";
            return;
        }
        std::vector<size_t> order(n);
        for (size_t i = 0; i < n; ++i) order[i] = i;
        if (m_options.sortKeys) {
            std::vector<Value> keys;
            keys.reserve(n);
            for (size_t i = 0; i < n; ++i) keys.push_back(v.dictKeyAt(i));
            std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keyLess(keys[a], keys[b]); });
        }
        m_out += '{';
        if (m_options.indent) newline(depth + 1);
        bool first = true;
        for (const size_t i : order) {
            if (!first) {
                m_out += m_itemSeparator;
                if (m_options.indent) newline(depth + 1);
            }
            first = false;
            appendJsonString(m_out, keyText(v.dictKeyAt(i)));
            m_out += m_keySeparator;
            dump(v.dictValueAt(i), depth + 1);
        }
        if (m_options.indent) newline(depth);
        m_out += '}';
    }

    std::string& m_out;
    const JsonDumpOptions& m_options;
    std::string m_itemSeparator;
    std::string m_keySeparator;
};

}  // namespace

void appendJsonDump(std::string& out, const Value& value, const JsonDumpOptions& options)
{
    Dumper(out, options).dump(value, 0);
}

}  // namespace lathe::chat
