// render-template: renders Jinja chat templates with the engine, one at a time or in batch
// (the JSON Lines protocol tests/conformance/test_jinja_differential.py drives), and
// `bench chat-template`: the median time of one render of a template over given variables.
#include "arguments.h"
#include "commands.h"

#include "chat/chat_template.h"
#include "core/error.h"
#include "core/file_io.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

namespace lathe::cli {
namespace {

nlohmann::ordered_json readJsonFile(const std::string& path)
{
    try {
        return nlohmann::ordered_json::parse(readWholeFile(path));
    } catch (const nlohmann::json::parse_error& e) {
        throwInvalid(path, "", std::string("not valid JSON: ") + e.what());
    }
}

// One JSON line, never failing on text that is not valid UTF-8 (it is replaced).
std::string jsonLine(const nlohmann::ordered_json& value)
{
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::ordered_json renderOne(const std::string& templateText, const nlohmann::ordered_json& variables)
{
    nlohmann::ordered_json result = nlohmann::ordered_json::object();
    try {
        const chat::ChatTemplate tmpl = chat::ChatTemplate::parse(templateText, "template");
        result["text"] = tmpl.render(variables).text;
    } catch (const chat::TemplateError& e) {
        result["error"] = chat::templateErrorKindName(e.templateKind());
        result["message"] = e.reason();
    } catch (const std::bad_alloc&) {
        result["error"] = "limit";
        result["message"] = "out of memory";
    }
    return result;
}

int renderBatch(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throwIo(path, "cannot open", errno);
    std::string line;
    size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        nlohmann::ordered_json request;
        try {
            request = nlohmann::ordered_json::parse(line);
        } catch (const nlohmann::json::parse_error&) {
            throwInvalid(path, "line " + std::to_string(number), "is not a JSON object");
        }
        if (!request.is_object() || !request.contains("template") || !request["template"].is_string()) {
            throwInvalid(path, "line " + std::to_string(number), "needs {\"template\": str, \"variables\": {...}}");
        }
        const nlohmann::ordered_json variables =
            request.contains("variables") ? request["variables"] : nlohmann::ordered_json::object();
        std::cout << jsonLine(renderOne(request["template"].get<std::string>(), variables)) << '\n';
    }
    std::cout.flush();
    return 0;
}

}  // namespace

// render-template --template FILE [--input VARS.json] | --batch FILE.jsonl
int runRenderTemplate(const Args& raw)
{
    const Arguments args(raw, {}, {"template", "input", "batch"});
    args.expectPositionals({});
    if (const auto batch = args.option("batch")) return renderBatch(*batch);
    const auto templatePath = args.option("template");
    if (!templatePath) throwInvalid({}, "render-template", "needs --template FILE [--input VARS.json] or --batch FILE.jsonl");
    const nlohmann::ordered_json variables =
        args.option("input") ? readJsonFile(*args.option("input")) : nlohmann::ordered_json::object();
    const chat::ChatTemplate tmpl = chat::ChatTemplate::parse(readWholeFile(*templatePath), *templatePath);
    std::cout << tmpl.render(variables).text;
    std::cout.flush();
    return 0;
}

// bench chat-template --template FILE --input VARS.json [--repeat N] [--json]: parse once,
// render once untimed (warm-up), then `repeat` timed renders; prints the median.
int runBenchChatTemplate(const Args& raw)
{
    const Arguments args(raw, {"json"}, {"template", "input", "repeat"});
    args.expectPositionals({});
    const auto templatePath = args.option("template");
    const auto inputPath = args.option("input");
    if (!templatePath || !inputPath) throwInvalid({}, "bench chat-template", "needs --template FILE and --input VARS.json");
    const int repeat = static_cast<int>(args.integer("repeat", 1000, 1, 10000000));
    const std::string text = readWholeFile(*templatePath);
    const nlohmann::ordered_json variables = readJsonFile(*inputPath);

    using Clock = std::chrono::steady_clock;
    const auto parseStart = Clock::now();
    const chat::ChatTemplate tmpl = chat::ChatTemplate::parse(text, *templatePath);
    const double parseUs = std::chrono::duration<double, std::micro>(Clock::now() - parseStart).count();
    const size_t outputBytes = tmpl.render(variables).text.size();
    std::vector<double> times;
    times.reserve(static_cast<size_t>(repeat));
    for (int i = 0; i < repeat; ++i) {
        const auto start = Clock::now();
        const chat::Rendered rendered = tmpl.render(variables);
        times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    const double medianUs = times[times.size() / 2];
    if (args.flag("json")) {
        nlohmann::ordered_json out;
        out["render_us"] = medianUs;
        out["parse_us"] = parseUs;
        out["output_bytes"] = outputBytes;
        out["repeat"] = repeat;
        printJson(out);
    } else {
        std::printf("render_us: %.3f us\nparse_us: %.3f us\noutput_bytes: %zu\nrepeat: %d\n", medianUs, parseUs,
                    outputBytes, repeat);
    }
    return 0;
}

}  // namespace lathe::cli
