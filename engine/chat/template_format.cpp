// Python's two string formatting languages as templates use them: printf-style `"%s: %d" %
// (a, b)` (and jinja2's `format` filter, which is built on it) and `"{}: {:>4}".format(a, b)`
// with the format-spec mini-language for str, int and float. Field lookups in str.format go
// through the sandbox's getattr/getitem, as jinja2's SandboxedFormatter does.
#include "chat/template_builtins.h"
#include "chat/template_interpreter.h"
#include "chat/template_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace lathe::chat {
namespace {

struct Spec {
    char32_t fill = ' ';
    char align = 0;  // '<' '>' '^' '=' or 0 (type default)
    char sign = '-';
    bool alternate = false;
    bool zero = false;
    int64_t width = -1;
    char grouping = 0;
    int64_t precision = -1;
    char type = 0;
};

std::string applyWidth(std::string body, const Spec& spec, char defaultAlign, size_t signLength = 0)
{
    const int64_t len = static_cast<int64_t>(text::length(body));
    if (spec.width <= len) return body;
    if (spec.width > (1 << 24)) fail(TemplateErrorKind::Limit, "format width too large");
    const size_t padCount = static_cast<size_t>(spec.width - len);
    const char align = spec.align ? spec.align : defaultAlign;
    std::string fill;
    auto fillN = [&](size_t n) {
        std::string f;
        for (size_t i = 0; i < n; ++i) text::encode(f, spec.fill);
        return f;
    };
    switch (align) {
    case '<':
        return body + fillN(padCount);
    case '^':
        return fillN(padCount / 2) + body + fillN(padCount - padCount / 2);
    case '=':
        return body.substr(0, signLength) + fillN(padCount) + body.substr(signLength);
    default:
        return fillN(padCount) + body;
    }
}

std::string groupDigits(const std::string& digits, char sep)
{
    if (!sep) return digits;
    std::string out;
    const size_t n = digits.size();
    for (size_t i = 0; i < n; ++i) {
        if (i && (n - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

std::string formatInteger(int64_t v, const Spec& spec)
{
    const char type = spec.type ? spec.type : 'd';
    const bool negative = v < 0;
    const unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    std::string digits;
    std::string prefix;
    char buf[80];
    switch (type) {
    case 'd':
    case 'n':
        std::snprintf(buf, sizeof buf, "%llu", magnitude);
        digits = groupDigits(buf, spec.grouping);
        break;
    case 'x':
    case 'X':
        std::snprintf(buf, sizeof buf, type == 'x' ? "%llx" : "%llX", magnitude);
        digits = buf;
        if (spec.alternate) prefix = type == 'x' ? "0x" : "0X";
        break;
    case 'o':
        std::snprintf(buf, sizeof buf, "%llo", magnitude);
        digits = buf;
        if (spec.alternate) prefix = "0o";
        break;
    case 'b': {
        unsigned long long m = magnitude;
        do {
            digits.insert(digits.begin(), static_cast<char>('0' + (m & 1)));
            m >>= 1;
        } while (m);
        if (spec.alternate) prefix = "0b";
        break;
    }
    case 'c': {
        std::string s;
        text::encode(s, static_cast<char32_t>(v));
        return applyWidth(s, spec, '<');
    }
    default:
        fail(TemplateErrorKind::Other, std::string("Unknown format code '") + type + "' for object of type 'int'");
    }
    std::string sign = negative ? "-" : (spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "");
    std::string body = sign + prefix + digits;
    Spec s = spec;
    if (spec.zero && !spec.align) {
        s.fill = '0';
        s.align = '=';
    }
    return applyWidth(body, s, '>', sign.size() + prefix.size());
}

std::string formatFloat(double v, const Spec& spec)
{
    char type = spec.type;
    std::string body;
    const bool negative = std::signbit(v) && !std::isnan(v);
    const double magnitude = std::fabs(v);
    if (!type && spec.precision < 0) {
        appendFloatRepr(body, magnitude);
    } else {
        int64_t precision = spec.precision < 0 ? 6 : spec.precision;
        if (precision > 500) fail(TemplateErrorKind::Limit, "format precision too large");
        bool percent = false;
        double x = magnitude;
        if (type == '%') {
            percent = true;
            x *= 100;
            type = 'f';
        }
        char cType = type ? static_cast<char>(type) : 'g';
        if (cType == 'n') cType = 'g';
        if (!type && precision == 0) precision = 1;
        char fmt[16];
        std::snprintf(fmt, sizeof fmt, "%%%s.%d%c", spec.alternate ? "#" : "", static_cast<int>(precision), cType);
        std::vector<char> buf(static_cast<size_t>(precision) + 400);
        std::snprintf(buf.data(), buf.size(), fmt, x);
        body = buf.data();
        if (!type && body.find_first_of(".eEn") == std::string::npos) body += ".0";  // Python keeps a decimal point
        if (percent) body += '%';
        if (spec.grouping) {
            const size_t end = body.find_first_not_of("0123456789");
            body = groupDigits(body.substr(0, end), spec.grouping) + (end == std::string::npos ? "" : body.substr(end));
        }
    }
    const std::string sign = negative ? "-" : (spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "");
    Spec s = spec;
    if (spec.zero && !spec.align) {
        s.fill = '0';
        s.align = '=';
    }
    return applyWidth(sign + body, s, '>', sign.size());
}

Spec parseSpec(std::string_view spec)
{
    Spec s;
    size_t i = 0;
    auto at = [&](size_t k) -> char { return k < spec.size() ? spec[k] : '\0'; };
    // [[fill]align]
    {
        size_t p = 0;
        char32_t first = 0;
        if (!spec.empty()) first = text::decode(spec, p);
        const char next = at(p);
        if (next == '<' || next == '>' || next == '^' || next == '=') {
            s.fill = first;
            s.align = next;
            i = p + 1;
        } else if (at(0) == '<' || at(0) == '>' || at(0) == '^' || at(0) == '=') {
            s.align = at(0);
            i = 1;
        }
    }
    if (at(i) == '+' || at(i) == '-' || at(i) == ' ') s.sign = at(i++);
    if (at(i) == '#') {
        s.alternate = true;
        ++i;
    }
    if (at(i) == '0') {
        s.zero = true;
        ++i;
    }
    if (std::isdigit(static_cast<unsigned char>(at(i)))) {
        s.width = 0;
        while (std::isdigit(static_cast<unsigned char>(at(i)))) s.width = std::min<int64_t>(s.width * 10 + (at(i++) - '0'), 1 << 30);
    }
    if (at(i) == ',' || at(i) == '_') s.grouping = at(i++);
    if (at(i) == '.') {
        ++i;
        if (!std::isdigit(static_cast<unsigned char>(at(i)))) fail(TemplateErrorKind::Other, "Format specifier missing precision");
        s.precision = 0;
        while (std::isdigit(static_cast<unsigned char>(at(i)))) s.precision = std::min<int64_t>(s.precision * 10 + (at(i++) - '0'), 1 << 30);
    }
    if (i < spec.size()) s.type = spec[i++];
    if (i < spec.size()) fail(TemplateErrorKind::Other, "Invalid format specifier");
    return s;
}

// format(value, spec), Python's builtin.
std::string formatValue(const Value& v, std::string_view specText)
{
    if (specText.empty()) return toStr(v);
    const Spec spec = parseSpec(specText);
    if (v.isIntegral()) {
        if (spec.type && std::string_view("eEfFgG%").find(static_cast<char>(spec.type)) != std::string_view::npos) {
            return formatFloat(double(v.asInt()), spec);
        }
        return formatInteger(v.asInt(), spec);
    }
    if (v.isFloat()) {
        if (spec.type && std::string_view("eEfFgGn%").find(static_cast<char>(spec.type)) == std::string_view::npos) {
            fail(TemplateErrorKind::Other, std::string("Unknown format code '") + spec.type + "' for object of type 'float'");
        }
        return formatFloat(v.asDouble(), spec);
    }
    if (v.isString()) {
        if (spec.type && spec.type != 's') {
            fail(TemplateErrorKind::Other, std::string("Unknown format code '") + spec.type + "' for object of type 'str'");
        }
        std::string body(v.str());
        if (spec.precision >= 0) {
            const std::vector<size_t> offs = text::offsets(body);
            if (static_cast<size_t>(spec.precision) + 1 < offs.size()) body.resize(offs[static_cast<size_t>(spec.precision)]);
        }
        return applyWidth(body, spec, '<');
    }
    fail(TemplateErrorKind::Type, "unsupported format string passed to " + typeName(v) + ".__format__");
}

}  // namespace

std::string percentFormat(std::string_view format, const Value& args)
{
    std::vector<Value> positional;
    const bool isTuple = args.isList() && args.listFlavor() == ListFlavor::Tuple;
    const bool isMapping = args.isDict();
    if (isTuple) {
        for (size_t i = 0; i < args.listSize(); ++i) positional.push_back(args.listAt(i));
    } else {
        positional.push_back(args);
    }
    size_t next = 0;
    auto take = [&]() -> Value {
        if (next >= positional.size()) fail(TemplateErrorKind::Type, "not enough arguments for format string");
        return positional[next++];
    };
    std::string out;
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            out += format[i];
            continue;
        }
        if (++i >= format.size()) fail(TemplateErrorKind::Other, "incomplete format");
        Value arg;
        bool haveArg = false;
        if (format[i] == '(') {
            if (!isMapping) fail(TemplateErrorKind::Type, "format requires a mapping");
            int depth = 1;
            const size_t start = ++i;
            while (i < format.size() && depth) {
                if (format[i] == '(') ++depth;
                if (format[i] == ')') --depth;
                ++i;
            }
            if (depth) fail(TemplateErrorKind::Other, "incomplete format key");
            const std::string_view key = format.substr(start, i - 1 - start);
            if (!args.dictFindString(key, arg)) fail(TemplateErrorKind::Other, "KeyError: '" + std::string(key) + "'");
            haveArg = true;
        }
        Spec spec;
        spec.align = '>';
        for (; i < format.size(); ++i) {
            const char f = format[i];
            if (f == '-') spec.align = '<';
            else if (f == '+') spec.sign = '+';
            else if (f == ' ') {
                if (spec.sign != '+') spec.sign = ' ';
            } else if (f == '#') spec.alternate = true;
            else if (f == '0') spec.zero = true;
            else break;
        }
        auto number = [&](int64_t& target) {
            if (i < format.size() && format[i] == '*') {
                const Value w = take();
                if (!w.isIntegral()) fail(TemplateErrorKind::Type, "* wants int");
                target = w.asInt();
                ++i;
                return;
            }
            if (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) {
                target = 0;
                while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) {
                    target = std::min<int64_t>(target * 10 + (format[i++] - '0'), 1 << 30);
                }
            }
        };
        number(spec.width);
        if (spec.width < 0 && spec.width != -1) {
            spec.align = '<';
            spec.width = -spec.width;
        }
        if (i < format.size() && format[i] == '.') {
            ++i;
            spec.precision = 0;
            number(spec.precision);
        }
        while (i < format.size() && (format[i] == 'h' || format[i] == 'l' || format[i] == 'L')) ++i;
        if (i >= format.size()) fail(TemplateErrorKind::Other, "incomplete format");
        const char conv = format[i];
        if (conv == '%') {
            out += '%';
            continue;
        }
        if (!haveArg) arg = take();
        if (spec.align == '<') spec.zero = false;
        switch (conv) {
        case 's':
        case 'r':
        case 'a': {
            std::string body = conv == 's' ? toStr(arg) : toRepr(arg);
            if (spec.precision >= 0) {
                const std::vector<size_t> offs = text::offsets(body);
                if (static_cast<size_t>(spec.precision) + 1 < offs.size()) body.resize(offs[static_cast<size_t>(spec.precision)]);
            }
            Spec s = spec;
            s.zero = false;
            out += applyWidth(body, s, '>');
            break;
        }
        case 'd':
        case 'i':
        case 'u': {
            if (!arg.isNumber()) fail(TemplateErrorKind::Type, "%" + std::string(1, conv) + " format: a real number is required, not " + typeName(arg));
            const double d = arg.asDouble();
            if (arg.isFloat() && (std::isnan(d) || std::isinf(d))) fail(TemplateErrorKind::Other, "cannot convert float to integer");
            Spec s = spec;
            s.type = 'd';
            s.align = spec.align == '<' ? '<' : 0;
            out += formatInteger(arg.isIntegral() ? arg.asInt() : static_cast<int64_t>(d), s);
            break;
        }
        case 'x':
        case 'X':
        case 'o': {
            if (!arg.isIntegral()) fail(TemplateErrorKind::Type, "%" + std::string(1, conv) + " format: an integer is required, not " + typeName(arg));
            Spec s = spec;
            s.type = conv;
            s.align = spec.align == '<' ? '<' : 0;
            out += formatInteger(arg.asInt(), s);
            break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G': {
            if (!arg.isNumber()) fail(TemplateErrorKind::Type, "must be real number, not " + typeName(arg));
            Spec s = spec;
            s.type = conv;
            if (s.precision < 0) s.precision = 6;
            s.align = spec.align == '<' ? '<' : 0;
            out += formatFloat(arg.asDouble(), s);
            break;
        }
        case 'c': {
            std::string body;
            if (arg.isIntegral()) text::encode(body, static_cast<char32_t>(arg.asInt()));
            else if (arg.isString() && text::length(arg.str()) == 1) body = std::string(arg.str());
            else fail(TemplateErrorKind::Type, "%c requires int or char");
            out += applyWidth(body, spec, '>');
            break;
        }
        default:
            fail(TemplateErrorKind::Other, std::string("unsupported format character '") + conv + "'");
        }
    }
    if (next < positional.size() && !isMapping) {
        fail(TemplateErrorKind::Type, "not all arguments converted during string formatting");
    }
    return out;
}

std::string braceFormat(Interpreter& interp, std::string_view format, CallArgs& args)
{
    std::string out;
    size_t autoIndex = 0;
    bool usedAuto = false;
    bool usedManual = false;
    auto resolve = [&](std::string_view field) -> Value {
        size_t end = 0;
        while (end < field.size() && field[end] != '.' && field[end] != '[') ++end;
        const std::string_view head = field.substr(0, end);
        Value v;
        bool isIndex = !head.empty() && std::all_of(head.begin(), head.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        if (head.empty()) {
            if (usedManual) fail(TemplateErrorKind::Other, "cannot switch from manual field specification to automatic field numbering");
            usedAuto = true;
            if (autoIndex >= args.positional.size()) fail(TemplateErrorKind::Other, "Replacement index " + std::to_string(autoIndex) + " out of range for positional args tuple");
            v = args.positional[autoIndex++];
        } else if (isIndex) {
            if (usedAuto) fail(TemplateErrorKind::Other, "cannot switch from automatic field numbering to manual field specification");
            usedManual = true;
            const size_t index = static_cast<size_t>(std::strtoull(std::string(head).c_str(), nullptr, 10));
            if (index >= args.positional.size()) fail(TemplateErrorKind::Other, "Replacement index " + std::to_string(index) + " out of range for positional args tuple");
            v = args.positional[index];
        } else {
            bool found = false;
            for (const auto& [k, val] : args.keywords) {
                if (k == head) {
                    v = val;
                    found = true;
                }
            }
            if (!found) fail(TemplateErrorKind::Other, "KeyError: '" + std::string(head) + "'");
        }
        size_t p = end;
        while (p < field.size()) {
            if (field[p] == '.') {
                size_t q = p + 1;
                while (q < field.size() && field[q] != '.' && field[q] != '[') ++q;
                const std::string name(field.substr(p + 1, q - p - 1));
                auto owner = std::make_shared<StringObject>(name);
                v = interp.getAttr(v, owner->text, owner);
                p = q;
            } else {
                const size_t q = field.find(']', p);
                if (q == std::string_view::npos) fail(TemplateErrorKind::Other, "Missing ']' in format string");
                const std::string_view key = field.substr(p + 1, q - p - 1);
                const bool digits = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
                v = interp.getItem(v, digits ? Value::integer(std::strtoll(std::string(key).c_str(), nullptr, 10))
                                             : Value::string(std::string(key)));
                p = q + 1;
            }
        }
        return v;
    };
    for (size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c == '}') {
            if (i + 1 < format.size() && format[i + 1] == '}') {
                out += '}';
                ++i;
                continue;
            }
            fail(TemplateErrorKind::Other, "Single '}' encountered in format string");
        }
        if (c != '{') {
            out += c;
            continue;
        }
        if (i + 1 < format.size() && format[i + 1] == '{') {
            out += '{';
            ++i;
            continue;
        }
        // find the matching '}', allowing one level of nested fields in the spec
        int depth = 1;
        size_t j = i + 1;
        while (j < format.size() && depth) {
            if (format[j] == '{') ++depth;
            else if (format[j] == '}') --depth;
            if (depth) ++j;
        }
        if (depth) fail(TemplateErrorKind::Other, "expected '}' before end of string");
        const std::string_view field = format.substr(i + 1, j - i - 1);
        i = j;
        size_t colon = std::string_view::npos;
        size_t bang = std::string_view::npos;
        int bracket = 0;
        for (size_t k = 0; k < field.size(); ++k) {
            if (field[k] == '[') ++bracket;
            else if (field[k] == ']') --bracket;
            else if (!bracket && field[k] == '!' && bang == std::string_view::npos && colon == std::string_view::npos) bang = k;
            else if (!bracket && field[k] == ':') {
                colon = k;
                break;
            }
        }
        const std::string_view name = field.substr(0, std::min(bang, colon));
        char conversion = 0;
        if (bang != std::string_view::npos) {
            if (bang + 1 >= field.size() || (colon != std::string_view::npos && colon != bang + 2) ||
                (colon == std::string_view::npos && bang + 2 != field.size())) {
                fail(TemplateErrorKind::Other, "expected ':' after conversion specifier");
            }
            conversion = field[bang + 1];
        }
        std::string spec = colon == std::string_view::npos ? std::string() : std::string(field.substr(colon + 1));
        if (spec.find('{') != std::string::npos) {
            CallArgs nestedArgs = args;
            spec = braceFormat(interp, spec, nestedArgs);
        }
        Value v = resolve(name);
        if (conversion == 'r' || conversion == 'a') v = Value::string(toRepr(v));
        else if (conversion == 's') v = Value::string(toStr(v));
        else if (conversion) fail(TemplateErrorKind::Other, std::string("Unknown conversion specifier ") + conversion);
        out += formatValue(v, spec);
    }
    return out;
}

}  // namespace lathe::chat
