// A small command-line parser for lathe-cli: positionals, --flags, --options with values
// (repeatable), and errors that name the bad argument (exit code 2).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lathe {
struct ModelLoadOptions;
}

namespace lathe::cli {

class Arguments {
public:
    // `flags` take no value; `options` take one (as "--name value" or "--name=value").
    // Throws lathe::Error (InvalidInput) on an unknown option or a missing value.
    Arguments(const std::vector<std::string>& args, const std::set<std::string>& flags, const std::set<std::string>& options);

    const std::vector<std::string>& positionals() const { return m_positionals; }
    // Requires exactly `count` positionals (names used in the error message).
    void expectPositionals(const std::vector<std::string>& names) const;

    bool flag(const std::string& name) const { return m_flags.count(name) > 0; }
    std::optional<std::string> option(const std::string& name) const;
    std::vector<std::string> options(const std::string& name) const;
    std::int64_t integer(const std::string& name, std::int64_t fallback, std::int64_t min, std::int64_t max) const;

private:
    std::vector<std::string> m_positionals;
    std::set<std::string> m_flags;
    std::multimap<std::string, std::string> m_options;
};

// "1,2,3" (spaces allowed around items; "" is empty) as token ids. Throws lathe::Error
// (InvalidInput) naming `option` and the bad item.
std::vector<std::int32_t> parseIdList(const std::string& text, const std::string& option = "--ids");

// A float option within [min, max]; `fallback` when absent. Throws naming the option.
double realOption(const Arguments& args, const std::string& name, double fallback, double min, double max);

// How the model commands load a model: --threads N, --device-map FILE.json, --quantize q8_0.
ModelLoadOptions modelLoadOptions(const Arguments& args);

}  // namespace lathe::cli
