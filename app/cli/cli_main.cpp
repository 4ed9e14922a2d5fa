// lathe-cli: Lathe's headless face over the same engine as the GUI, for scripts, tests and
// benchmarks. Dispatches to the commands and turns engine errors into `error: ` lines and
// the exit codes of ../specs/cli.md (0 ok, 2 bad input, 1 other failures).
#include "commands.h"

#include "core/error.h"

#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>

namespace {

constexpr const char* kUsage = R"(usage: lathe-cli COMMAND [ARGS]

Commands:
  inspect PATH [--json]                       tensors, dtypes, shapes and metadata of a safetensors
                                              file, a model.safetensors.index.json or a folder
  stats PATH TENSOR [--bins N] [--json]       min, max, mean, std, NaN/Inf/zero counts, histogram
  diff A B [--changed-only] [--json]          compare two checkpoints tensor by tensor
  reshard PATH OUT_DIR [--max-shard-size SIZE] [--prefix NAME]
                                              rewrite a checkpoint in canonical layout, sharded
  tokenize --tokenizer PATH (--text TEXT | --file FILE | --batch FILE.jsonl) [--no-special] [--json]
                                              token ids of a text (tokenizer.json, folder or .gguf)
  detokenize --tokenizer PATH (--ids 1,2,3 | --batch FILE.jsonl) [--skip-special] [--stream]
                                              the text of token ids
  export-tokenizer FILE.gguf OUT_DIR          write a GGUF file's tokenizer as tokenizer.json +
                                              tokenizer_config.json
  convert FILE.gguf OUT_DIR [--dtype bf16|f32] [--overwrite]
                                              write a GGUF model as a Hugging Face model folder
                                              (dequantized safetensors, config, tokenizer)
  chat-template (--model PATH | --template FILE) --input FILE.json [--tokenize]
                                              a conversation rendered with the model's chat template
  render-template --template FILE [--input FILE.json] | --batch FILE.jsonl
                                              render a Jinja template (batch: JSON Lines in and out)
  generate --model PATH (--prompt TEXT | --messages FILE.json | --ids 1,2,3) [--max-new-tokens N]
           [--temperature T] [--top-k K] [--top-p P] [--min-p P] [--typical-p P]
           [--repetition-penalty R] [--frequency-penalty F] [--presence-penalty P] [--seed S]
           [--stop STR]... [--top-logprobs N] [--threads N] [--device-map FILE.json]
           [--quantize q8_0] [--json]
                                              generate text with a model (folder, .gguf or cached Hub repo)
  chat (--model PATH | --endpoint URL [--api-key-env VAR]) [--system TEXT] [sampling options]
                                              chat in the terminal with a local model or a
                                              TGI / OpenAI-compatible server
  forward --model PATH --ids 1,2,3 --out FILE.safetensors [--threads N] [--device-map FILE.json]
                                              logits of every position as tensor "logits" [seq, vocab]
  devices [--json]                            CUDA devices (or why there are none) and the CPU
  bench inspect PATH [--tensor NAME] [--repeat N] [--cold] [--json]
  bench tokenize --tokenizer PATH --file CORPUS [--threads N] [--repeat N] [--json]
  bench chat-template --template FILE --input FILE.json [--repeat N] [--json]
  bench generate --model PATH [--prompt-tokens N] [--new-tokens N] [--threads N] [--repeat N] [--json]
  bench membw [--bytes N] [--json]            benchmarks (never run in CI)
  version                                     print the version

Exit codes: 0 success, 2 bad input, 1 other failure.
)";

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
        std::strcmp(argv[1], "help") == 0) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    const lathe::cli::Args args(argv + 2, argv + argc);
    try {
        if (command == "inspect") return lathe::cli::runInspect(args);
        if (command == "stats") return lathe::cli::runStats(args);
        if (command == "diff") return lathe::cli::runDiff(args);
        if (command == "reshard") return lathe::cli::runReshard(args);
        if (command == "devices") return lathe::cli::runDevices(args);
        if (command == "bench") return lathe::cli::runBench(args);
        if (command == "tokenize") return lathe::cli::runTokenize(args);
        if (command == "detokenize") return lathe::cli::runDetokenize(args);
        if (command == "export-tokenizer") return lathe::cli::runExportTokenizer(args);
        if (command == "convert") return lathe::cli::runConvert(args);
        if (command == "chat-template") return lathe::cli::runChatTemplate(args);
        if (command == "render-template") return lathe::cli::runRenderTemplate(args);
        if (command == "generate") return lathe::cli::runGenerate(args);
        if (command == "chat") return lathe::cli::runChat(args);
        if (command == "forward") return lathe::cli::runForward(args);
        if (command == "version" || command == "--version") {
            std::cout << "lathe-cli " << LATHE_VERSION << "\n";
            return 0;
        }
        std::cerr << "error: unknown command \"" << command << "\" (see lathe-cli --help)\n";
        return 2;
    } catch (const lathe::Error& e) {
        std::cout.flush();
        std::cerr << "error: " << e.what() << "\n";
        return e.exitCode();
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
