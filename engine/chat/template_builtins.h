// The builtins a template reaches by name: jinja2's filters and tests (plus transformers'
// tojson), the Python methods of str / list / dict values, and the globals (range, dict,
// namespace, cycler, joiner, raise_exception, strftime_now). Each family lives in its own
// .cpp; this header is their shared index.
#pragma once

#include "chat/template_ast.h"

#include <string_view>

namespace lathe::chat {

FilterFn findFilter(std::string_view name);
TestFn findTest(std::string_view name);

// Python methods of builtin values: `s.split(',')`, `d.items()`, ... A mutating method of a
// list or dict is a sandbox refusal (SecurityError), as in ImmutableSandboxedEnvironment.
bool hasMethod(const Value& self, std::string_view name);
bool isMutatingMethod(const Value& self, std::string_view name);
Value callMethod(Interpreter& interp, const Value& self, std::string_view name, CallArgs& args);
// `self.name` without a call: a bound method object.
Value boundMethod(const Value& self, std::string_view name);

// A global function by name, or Undefined.
Value findGlobal(std::string_view name);

// Python's `%` string formatting and str.format, as far as templates use them.
std::string percentFormat(std::string_view format, const Value& args);
std::string braceFormat(Interpreter& interp, std::string_view format, CallArgs& args);

}  // namespace lathe::chat
