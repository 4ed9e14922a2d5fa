// tojson as transformers defines it: Python's json.dumps(x, ensure_ascii=False, indent,
// separators, sort_keys), with no HTML escaping. Floats print as Python's repr, NaN and
// infinities as NaN / Infinity, non-string dict keys are converted as json.dumps converts them.
#pragma once

#include "chat/template_value.h"

#include <optional>
#include <string>

namespace lathe::chat {

struct JsonDumpOptions {
    std::optional<std::string> indent;  // None: one line; else the text of one indent level
    std::optional<std::string> itemSeparator;
    std::optional<std::string> keySeparator;
    bool sortKeys = false;
};

// Appends json.dumps(value); a value JSON cannot hold fails with TypeError as Python does.
void appendJsonDump(std::string& out, const Value& value, const JsonDumpOptions& options);

}  // namespace lathe::chat
