// Binding a builtin's arguments the way Python binds a def's: positional then keyword,
// defaults for the rest, TypeError for too many, unknown or missing ones. Shared by the
// filters, tests, methods and globals.
#pragma once

#include "chat/template_interpreter.h"
#include "chat/template_value.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::chat {

class BoundArgs {
public:
    // `names` are the parameters after the subject; the first `required` have no default.
    BoundArgs(CallArgs& args, std::string_view function, std::initializer_list<std::string_view> names, size_t required)
    {
        const std::vector<std::string_view> list(names);
        if (args.positional.size() > list.size()) {
            fail(TemplateErrorKind::Type, std::string(function) + "() takes at most " + std::to_string(list.size()) +
                                              " argument(s) (" + std::to_string(args.positional.size()) + " given)");
        }
        m_values.resize(list.size());
        for (size_t i = 0; i < args.positional.size(); ++i) m_values[i] = args.positional[i];
        for (auto& [name, value] : args.keywords) {
            const auto it = std::find(list.begin(), list.end(), name);
            if (it == list.end()) {
                fail(TemplateErrorKind::Type, std::string(function) + "() got an unexpected keyword argument '" + std::string(name) + "'");
            }
            auto& slot = m_values[static_cast<size_t>(it - list.begin())];
            if (slot) fail(TemplateErrorKind::Type, std::string(function) + "() got multiple values for argument '" + std::string(name) + "'");
            slot = value;
        }
        for (size_t i = 0; i < required; ++i) {
            if (!m_values[i]) {
                fail(TemplateErrorKind::Type, std::string(function) + "() missing required argument: '" + std::string(list[i]) + "'");
            }
        }
    }

    bool has(size_t i) const { return m_values[i].has_value(); }
    const Value& get(size_t i) const { return *m_values[i]; }
    Value get(size_t i, const Value& fallback) const { return m_values[i] ? *m_values[i] : fallback; }
    // The argument as an int (bool counts); TypeError for anything else.
    int64_t integer(size_t i, int64_t fallback, std::string_view what) const
    {
        if (!m_values[i] || m_values[i]->isNone()) return fallback;
        if (!m_values[i]->isIntegral()) {
            fail(TemplateErrorKind::Type, "'" + typeName(*m_values[i]) + "' object cannot be interpreted as an integer (" +
                                              std::string(what) + ")");
        }
        return m_values[i]->asInt();
    }
    bool flag(size_t i, bool fallback) const { return m_values[i] ? truthy(*m_values[i]) : fallback; }

private:
    std::vector<std::optional<Value>> m_values;
};

}  // namespace lathe::chat
