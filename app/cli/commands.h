// The lathe-cli commands (../specs/cli.md is their contract). Each takes the arguments after
// its name, writes to stdout/stderr and returns the exit status; errors are thrown as
// lathe::Error and turned into `error: ...` lines by main.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lathe::cli {

using Args = std::vector<std::string>;

int runInspect(const Args& args);
int runStats(const Args& args);
int runDiff(const Args& args);
int runReshard(const Args& args);
int runDevices(const Args& args);
int runBench(const Args& args);
int runTokenize(const Args& args);
int runDetokenize(const Args& args);
int runExportTokenizer(const Args& args);
// convert FILE.gguf OUT_DIR (in gguf_commands.cpp)
int runConvert(const Args& args);
int runChatTemplate(const Args& args);
// render-template and bench chat-template (in render_commands.cpp)
int runRenderTemplate(const Args& args);
int runBenchChatTemplate(const Args& args);
// bench tokenize (in tokenizer_commands.cpp)
int runBenchTokenize(const Args& args);
// generate, forward (in model_commands.cpp)
int runGenerate(const Args& args);
int runForward(const Args& args);
// chat with a local model or a remote endpoint (in chat_command.cpp)
int runChat(const Args& args);
int runBenchGenerate(const Args& args);

// Prints one JSON document on stdout (--json output).
void printJson(const nlohmann::ordered_json& document);
// A double for JSON: NaN and infinities become null.
nlohmann::ordered_json jsonNumber(double value);

}  // namespace lathe::cli
