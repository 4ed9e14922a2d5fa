// chat-template: renders a conversation with a model's chat template (or a template file) the
// way transformers' apply_chat_template does, and optionally tokenizes the result -- what the
// conformance tests compare against transformers and what scripts use to see a model's prompt.
#include "arguments.h"
#include "commands.h"

#include "chat/template_source.h"
#include "core/error.h"
#include "core/file_io.h"
#include "tokenizer/tokenizer.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace lathe::cli {
namespace {

nlohmann::ordered_json readRequest(const std::string& path)
{
    const std::string text = readWholeFile(path);
    try {
        // ordered: the template sees keys in the order written, as a Python dict keeps them.
        return nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throwInvalid(path, {}, std::string("not valid JSON: ") + e.what());
    }
}

}  // namespace

int runChatTemplate(const Args& raw)
{
    const Arguments args(raw, {"tokenize"}, {"model", "template", "input"});
    args.expectPositionals({});
    const auto model = args.option("model");
    const auto templateFile = args.option("template");
    const auto input = args.option("input");
    if (!model && !templateFile) throwInvalid({}, "chat-template", "give --model PATH or --template FILE");
    if (!input) throwInvalid({}, "--input", "is required (a JSON object: messages, tools, add_generation_prompt, ...)");
    if (args.flag("tokenize") && !model) throwInvalid({}, "--tokenize", "needs --model (the tokenizer to encode with)");

    const nlohmann::ordered_json request = readRequest(*input);
    // --template with --model renders the file with the model's special tokens.
    chat::TemplateSource source = templateFile ? chat::TemplateSource::fromTemplateFile(*templateFile)
                                               : chat::TemplateSource::fromModel(*model);
    if (templateFile && model) source.setSpecialTokens(chat::TemplateSource::fromModel(*model).specialTokens());

    chat::AppliedTemplate applied;
    try {
        applied = chat::applyChatTemplate(source, request);
    } catch (const Error& e) {
        // Errors about the request itself name no file: they are the input file's.
        if (!e.file().empty()) throw;
        throw Error(e.kind(), *input, e.field(), e.reason());
    }

    if (args.flag("tokenize")) {
        const tok::Tokenizer tokenizer = tok::Tokenizer::load(*model);
        const std::vector<int32_t> ids = tokenizer.encode(applied.text, false);
        std::cout << nlohmann::json(ids).dump() << '\n';
        return 0;
    }
    std::cout.write(applied.text.data(), static_cast<std::streamsize>(applied.text.size()));
    std::cout.flush();
    return 0;
}

}  // namespace lathe::cli
