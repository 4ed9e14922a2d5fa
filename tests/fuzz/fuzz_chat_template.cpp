// libFuzzer target for the chat-template engine: arbitrary bytes are a template, optionally
// followed by a NUL byte and a JSON object of variables (otherwise a small conversation is
// used). Parsing and rendering must either succeed or throw chat::TemplateError; any other
// exception, a crash, a hang, a sanitizer report, or generation spans outside the rendered
// text is a bug. Limits are kept small so that hostile templates end quickly.
#include "chat/chat_template.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

namespace {

[[noreturn]] void bug(const char* what)
{
    std::fprintf(stderr, "fuzz_chat_template: %s\n", what);
    std::abort();
}

const nlohmann::ordered_json& defaultVariables()
{
    static const nlohmann::ordered_json variables = nlohmann::ordered_json::parse(R"({
        "messages": [{"role": "system", "content": "Be brief."},
                     {"role": "user", "content": "Hi \u00e9 <b>"},
                     {"role": "assistant", "content": "", "tool_calls": [{"type": "function",
                      "function": {"name": "f", "arguments": {"x": 1.5, "y": [true, null]}}}]},
                     {"role": "tool", "content": [{"type": "text", "text": "22C"}]}],
        "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}],
        "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>", "n": 3, "f": 0.1})");
    return variables;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const size_t nul = input.find('\0');
    const std::string_view text = input.substr(0, nul);
    nlohmann::ordered_json parsed;
    const nlohmann::ordered_json* variables = &defaultVariables();
    if (nul != std::string_view::npos) {
        parsed = nlohmann::ordered_json::parse(input.substr(nul + 1), nullptr, false);
        if (parsed.is_object()) variables = &parsed;
    }
    lathe::chat::RenderLimits limits;
    limits.maxOutputBytes = 1 << 16;
    limits.maxLoopIterations = 1 << 12;
    limits.maxCallDepth = 16;
    limits.maxValueBytes = 1 << 20;
    try {
        const auto tmpl = lathe::chat::ChatTemplate::parse(text, "fuzz");
        const lathe::chat::Rendered rendered = tmpl.render(*variables, limits);
        for (const auto& [begin, end] : rendered.generationSpans) {
            if (begin > end || end > rendered.text.size()) bug("generation span outside the rendered text");
        }
    } catch (const lathe::chat::TemplateError&) {
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz_chat_template: unexpected exception: %s\n", e.what());
        std::abort();
    }
    return 0;
}
