// libFuzzer target for GGUF files seen as models: GgufFile::fromBytes (the header, metadata and
// tensor table), describeGgufModel (config, tensor mapping, q/k permutation) and
// tokenizerDocumentsFromGguf. Each may reject input with lathe::Error; any other exception, a
// crash or a sanitizer report is a bug. Checked on top: every mapped tensor's Hugging Face
// shape is its GGUF shape reversed, the q/k row map is a permutation, and the documents
// serialize.
#include "core/error.h"
#include "io/gguf_file.h"
#include "model/gguf_model.h"
#include "tokenizer/gguf_tokenizer.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

namespace {

[[noreturn]] void bug(const char* what, const std::string& detail = {})
{
    std::fprintf(stderr, "fuzz_gguf: %s %s\n", what, detail.c_str());
    std::abort();
}

void checkModel(const lathe::GgufModel& model)
{
    (void)model.config.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    (void)model.generationConfig.dump();
    for (const lathe::GgufModelTensor& t : model.tensors) {
        if (t.info == nullptr || t.hfShape.size() != t.info->shape.size()) {
            bug("tensor without info or with a different rank:", t.hfName);
        }
        for (std::size_t i = 0; i < t.hfShape.size(); ++i) {
            if (static_cast<std::uint64_t>(t.hfShape[i]) != t.info->shape[t.hfShape.size() - 1 - i]) {
                bug("Hugging Face shape is not the GGUF shape reversed:", t.hfName);
            }
        }
        if (t.permuteHeads > 0) {
            const std::int64_t rows = t.hfShape.at(0);
            if (rows > 1 << 16) {
                continue;
            }
            std::vector<char> hit(static_cast<std::size_t>(rows), 0);
            for (std::int64_t r = 0; r < rows; ++r) {
                const std::int64_t from = lathe::ggufPermutedRow(r, rows, t.permuteHeads);
                if (from < 0 || from >= rows || hit[static_cast<std::size_t>(from)]) {
                    bug("q/k row map is not a permutation:", t.hfName);
                }
                hit[static_cast<std::size_t>(from)] = 1;
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    try {
        const lathe::GgufFile file = lathe::GgufFile::fromBytes(bytes, "fuzz.gguf");
        try {
            checkModel(lathe::describeGgufModel(file));
        } catch (const lathe::Error&) {
        }
        try {
            const lathe::TokenizerDocuments documents = lathe::tokenizerDocumentsFromGguf(file);
            (void)documents.tokenizer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            (void)documents.config.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        } catch (const lathe::Error&) {
        }
    } catch (const lathe::Error&) {
    }
    return 0;
}
