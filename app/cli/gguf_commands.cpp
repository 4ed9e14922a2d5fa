// export-tokenizer: a GGUF file's tokenizer written out as the tokenizer.json and
// tokenizer_config.json transformers builds from it, so other tools can load it as files.
// Both files appear atomically; existing ones are kept unless --overwrite.
#include "arguments.h"
#include "commands.h"

#include "core/error.h"
#include "io/gguf_file.h"
#include "io/safetensors_writer.h"
#include "tokenizer/gguf_tokenizer.h"

#include <filesystem>
#include <iostream>
#include <system_error>

namespace lathe::cli {
namespace fs = std::filesystem;

namespace {

void writeJsonFile(const fs::path& path, const nlohmann::json& document)
{
    // Indented like the files transformers saves; non-ASCII kept as UTF-8. Invalid UTF-8 in a
    // token cannot be written as JSON, so it is replaced rather than failing the export.
    const std::string text = document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    const std::span<const std::byte> piece(reinterpret_cast<const std::byte*>(text.data()), text.size());
    writeFileAtomically(path, std::span<const std::span<const std::byte>>(&piece, 1));
}

}  // namespace

int runExportTokenizer(const Args& raw)
{
    const Arguments args(raw, {"overwrite"}, {});
    args.expectPositionals({"FILE.gguf", "OUT_DIR"});
    const fs::path out = args.positionals()[1];
    const fs::path tokenizerPath = out / "tokenizer.json";
    const fs::path configPath = out / "tokenizer_config.json";
    std::error_code ec;
    if (!args.flag("overwrite")) {
        for (const fs::path& path : {tokenizerPath, configPath}) {
            if (fs::exists(path, ec)) {
                throwInvalid(out.string(), {}, "already holds " + path.filename().string() + "; pass --overwrite to replace it");
            }
        }
    }
    // Convert before touching the output folder: a file we cannot convert leaves nothing behind.
    const GgufFile gguf = GgufFile::open(args.positionals()[0]);
    const TokenizerDocuments documents = tokenizerDocumentsFromGguf(gguf);
    fs::create_directories(out, ec);
    if (ec) {
        throwIo(out.string(), "cannot create the folder", ec.value());
    }
    writeJsonFile(tokenizerPath, documents.tokenizer);
    writeJsonFile(configPath, documents.config);
    std::cout << tokenizerPath.string() << "\n" << configPath.string() << "\n";
    return 0;
}

}  // namespace lathe::cli
