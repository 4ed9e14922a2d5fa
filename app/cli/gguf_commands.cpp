// The GGUF commands. export-tokenizer: a GGUF file's tokenizer written out as the
// tokenizer.json and tokenizer_config.json transformers builds from it, so other tools can load
// it as files. convert: the whole model as a Hugging Face folder (model/gguf_model.h). Files
// appear atomically; existing ones are kept unless --overwrite.
#include "arguments.h"
#include "commands.h"

#include "core/error.h"
#include "io/gguf_file.h"
#include "model/gguf_model.h"

#include <cmath>
#include <filesystem>
#include <iostream>
#include <system_error>

namespace lathe::cli {
namespace fs = std::filesystem;

int runExportTokenizer(const Args& raw)
{
    const Arguments args(raw, {"overwrite"}, {});
    args.expectPositionals({"FILE.gguf", "OUT_DIR"});
    const fs::path out = args.positionals()[1];
    std::error_code ec;
    if (!args.flag("overwrite")) {
        for (const char* name : {"tokenizer.json", "tokenizer_config.json"}) {
            if (fs::exists(out / name, ec)) {
                throwInvalid(out.string(), {}, std::string("already holds ") + name + "; pass --overwrite to replace it");
            }
        }
    }
    const GgufFile gguf = GgufFile::open(args.positionals()[0]);
    // Convert before touching the output folder: a file we cannot convert leaves nothing behind.
    const TokenizerDocuments documents = tokenizerDocumentsFromGguf(gguf);
    fs::create_directories(out, ec);
    if (ec) {
        throwIo(out.string(), "cannot create the folder", ec.value());
    }
    for (const fs::path& path : writeTokenizerFiles(documents, out)) {
        std::cout << path.string() << "\n";
    }
    return 0;
}

int runConvert(const Args& raw)
{
    const Arguments args(raw, {"overwrite"}, {"dtype"});
    args.expectPositionals({"FILE.gguf", "OUT_DIR"});
    GgufConvertOptions options;
    const std::string dtype = args.option("dtype").value_or("bf16");
    if (dtype == "bf16") {
        options.dtype = DType::BF16;
    } else if (dtype == "f32") {
        options.dtype = DType::F32;
    } else {
        throwInvalid({}, "--dtype", "\"" + dtype + "\" is not one of bf16, f32");
    }
    options.overwrite = args.flag("overwrite");
    int lastPercent = -10;
    options.progress = [&lastPercent](double fraction) {
        const int percent = static_cast<int>(std::floor(fraction * 100.0));
        if (percent / 10 != lastPercent / 10) {
            std::cerr << "converting: " << percent << "%\n";
            lastPercent = percent;
        }
        return true;
    };
    const fs::path out = args.positionals()[1];
    const GgufFile gguf = GgufFile::open(args.positionals()[0]);
    convertGgufToFolder(gguf, out, options);
    std::cout << out.string() << "\n";
    return 0;
}

}  // namespace lathe::cli
