// Arguments: parsing and typed access with precise errors.
#include "arguments.h"

#include "core/error.h"
#include "model/decoder.h"

#include <charconv>

namespace lathe::cli {

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& flags,
                     const std::set<std::string>& options)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.size() < 3 || arg.rfind("--", 0) != 0) {
            if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
                throwInvalid({}, arg, "unknown option");
            }
            m_positionals.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (flags.count(name)) {
            if (value) {
                throwInvalid({}, "--" + name, "takes no value");
            }
            m_flags.insert(name);
        } else if (options.count(name)) {
            if (!value) {
                if (i + 1 >= args.size()) {
                    throwInvalid({}, "--" + name, "needs a value");
                }
                value = args[++i];
            }
            m_options.emplace(name, *value);
        } else {
            throwInvalid({}, "--" + name, "unknown option");
        }
    }
}

void Arguments::expectPositionals(const std::vector<std::string>& names) const
{
    if (m_positionals.size() < names.size()) {
        throwInvalid({}, names[m_positionals.size()], "missing");
    }
    if (m_positionals.size() > names.size()) {
        throwInvalid({}, m_positionals[names.size()], "unexpected argument");
    }
}

std::optional<std::string> Arguments::option(const std::string& name) const
{
    const auto range = m_options.equal_range(name);
    if (range.first == range.second) {
        return std::nullopt;
    }
    return std::prev(range.second)->second;  // the last one wins
}

std::vector<std::string> Arguments::options(const std::string& name) const
{
    std::vector<std::string> values;
    const auto range = m_options.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) {
        values.push_back(it->second);
    }
    return values;
}

std::int64_t Arguments::integer(const std::string& name, std::int64_t fallback, std::int64_t min, std::int64_t max) const
{
    const auto text = option(name);
    if (!text) {
        return fallback;
    }
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size()) {
        throwInvalid({}, "--" + name, "\"" + *text + "\" is not an integer");
    }
    if (value < min || value > max) {
        throwInvalid({}, "--" + name, std::to_string(value) + " is not between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return value;
}

std::vector<std::int32_t> parseIdList(const std::string& text, const std::string& option)
{
    std::vector<std::int32_t> ids;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        std::string_view item = std::string_view(text).substr(pos, comma - pos);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item.empty() && comma == text.size() && ids.empty() && pos == 0) break;  // ""
        std::int32_t id = -1;
        const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), id);
        if (ec != std::errc() || end != item.data() + item.size() || id < 0) {
            throwInvalid({}, option, "\"" + std::string(item) + "\" is not a token id (a non-negative integer)");
        }
        ids.push_back(id);
        pos = comma + 1;
    }
    return ids;
}

double realOption(const Arguments& args, const std::string& name, double fallback, double min, double max)
{
    const auto text = args.option(name);
    if (!text) {
        return fallback;
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || !(value >= min && value <= max)) {
        throwInvalid({}, "--" + name,
                     "\"" + *text + "\" is not a number in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    }
    return value;
}

ModelLoadOptions modelLoadOptions(const Arguments& args)
{
    ModelLoadOptions options;
    options.threads = static_cast<unsigned>(args.integer("threads", 0, 1, 1024));
    if (const auto map = args.option("device-map")) {
        options.deviceMap = DeviceMap::fromFile(*map);
    }
    if (const auto quantize = args.option("quantize")) {
        if (*quantize != "q8_0") {
            throwInvalid({}, "--quantize", "\"" + *quantize + "\" is not a format: q8_0 is the one offered");
        }
        options.quantize = BlockFormat::Q8_0;
    }
    return options;
}

}  // namespace lathe::cli
