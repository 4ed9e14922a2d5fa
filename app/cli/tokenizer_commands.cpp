// tokenize / detokenize: the engine's tokenizer from the command line, one text or a batch
// (JSON Lines, one document per line, encoded across the thread pool in input order) --
// the batch form is what the conformance tests and scripts use.
#include "arguments.h"
#include "commands.h"

#include "core/error.h"
#include "core/file_io.h"
#include "core/thread_pool.h"
#include "tokenizer/tokenizer.h"

#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

namespace lathe::cli {
namespace {

std::vector<std::string> readLines(const std::string& path)
{
    std::vector<std::string> lines;
    std::istringstream in(readWholeFile(path));
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string dumpJson(const nlohmann::json& value)
{
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

void checkIds(const tok::Tokenizer& tokenizer, const std::vector<int32_t>& ids, const std::string& where)
{
    for (const int32_t id : ids) {
        if (!tokenizer.idToToken(id)) {
            throwInvalid({}, where, "id " + std::to_string(id) + " is not in the vocabulary of " + tokenizer.source());
        }
    }
}

// Runs fn(i) for every line on the pool; each result lands in its own slot, so the output
// keeps the input order.
template <typename Fn>
std::vector<std::string> mapLines(size_t count, Fn&& fn)
{
    std::vector<std::string> out(count);
    ThreadPool pool;
    constexpr size_t kChunk = 64;
    pool.run((count + kChunk - 1) / kChunk, [&](size_t task, unsigned) {
        for (size_t i = task * kChunk; i < std::min(count, (task + 1) * kChunk); ++i) out[i] = fn(i);
    });
    return out;
}

}  // namespace

int runTokenize(const Args& raw)
{
    const Arguments args(raw, {"no-special", "json"}, {"tokenizer", "text", "file", "batch"});
    args.expectPositionals({});
    const auto path = args.option("tokenizer");
    if (!path) throwInvalid({}, "--tokenizer", "is required (a tokenizer.json, a model folder or a .gguf file)");
    const int sources = int(args.option("text").has_value()) + int(args.option("file").has_value()) +
                        int(args.option("batch").has_value());
    if (sources != 1) throwInvalid({}, "tokenize", "give exactly one of --text, --file or --batch");
    const bool addSpecial = !args.flag("no-special");
    const tok::Tokenizer tokenizer = tok::Tokenizer::load(*path);

    if (const auto batch = args.option("batch")) {
        const std::vector<std::string> lines = readLines(*batch);
        std::vector<std::string> texts(lines.size());
        for (size_t i = 0; i < lines.size(); ++i) {
            nlohmann::json value;
            try {
                value = nlohmann::json::parse(lines[i]);
            } catch (const nlohmann::json::parse_error& e) {
                throwInvalid(*batch, "line " + std::to_string(i + 1), "is not a JSON string");
            }
            if (!value.is_string()) throwInvalid(*batch, "line " + std::to_string(i + 1), "is not a JSON string");
            texts[i] = value.get<std::string>();
        }
        const std::vector<std::string> out = mapLines(texts.size(), [&](size_t i) {
            try {
                return dumpJson(tokenizer.encode(texts[i], addSpecial));
            } catch (const Error& e) {
                throw Error(e.kind(), *batch, "line " + std::to_string(i + 1), e.reason());
            }
        });
        for (const std::string& line : out) std::cout << line << '\n';
        return 0;
    }
    std::vector<int32_t> ids;
    if (const auto file = args.option("file")) {
        const std::string text = readWholeFile(*file);
        try {
            ids = tokenizer.encode(text, addSpecial);
        } catch (const Error& e) {
            throw Error(e.kind(), *file, e.field() == "text" ? std::string() : e.field(), e.reason());
        }
    } else {
        ids = tokenizer.encode(*args.option("text"), addSpecial);
    }
    std::cout << dumpJson(ids) << '\n';
    return 0;
}

int runDetokenize(const Args& raw)
{
    const Arguments args(raw, {"skip-special", "stream", "json"}, {"tokenizer", "ids", "batch"});
    args.expectPositionals({});
    const auto path = args.option("tokenizer");
    if (!path) throwInvalid({}, "--tokenizer", "is required (a tokenizer.json, a model folder or a .gguf file)");
    if (args.option("ids").has_value() == args.option("batch").has_value()) {
        throwInvalid({}, "detokenize", "give exactly one of --ids or --batch");
    }
    const bool skipSpecial = args.flag("skip-special");
    const bool stream = args.flag("stream");
    const tok::Tokenizer tokenizer = tok::Tokenizer::load(*path);

    auto streamed = [&](const std::vector<int32_t>& ids) {
        tok::StreamDecoder decoder(tokenizer, skipSpecial);
        nlohmann::json chunks = nlohmann::json::array();
        for (const int32_t id : ids) {
            std::string piece = decoder.push(id);
            if (!piece.empty()) chunks.push_back(std::move(piece));
        }
        if (std::string rest = decoder.finish(); !rest.empty()) chunks.push_back(std::move(rest));
        return chunks;
    };

    if (const auto batch = args.option("batch")) {
        const std::vector<std::string> lines = readLines(*batch);
        std::vector<std::vector<int32_t>> idLists(lines.size());
        for (size_t i = 0; i < lines.size(); ++i) {
            const std::string where = "line " + std::to_string(i + 1);
            nlohmann::json value;
            try {
                value = nlohmann::json::parse(lines[i]);
            } catch (const nlohmann::json::parse_error&) {
                throwInvalid(*batch, where, "is not a JSON list of token ids");
            }
            if (!value.is_array()) throwInvalid(*batch, where, "is not a JSON list of token ids");
            for (const auto& id : value) {
                if (!id.is_number_integer() || id.get<int64_t>() < 0 || id.get<int64_t>() > INT32_MAX) {
                    throwInvalid(*batch, where, id.dump() + " is not a token id");
                }
                idLists[i].push_back(static_cast<int32_t>(id.get<int64_t>()));
            }
            checkIds(tokenizer, idLists[i], where);
        }
        const std::vector<std::string> out = mapLines(idLists.size(), [&](size_t i) {
            return stream ? dumpJson(streamed(idLists[i])) : dumpJson(tokenizer.decode(idLists[i], skipSpecial));
        });
        for (const std::string& line : out) std::cout << line << '\n';
        return 0;
    }
    const std::vector<int32_t> ids = parseIdList(*args.option("ids"));
    checkIds(tokenizer, ids, "--ids");
    if (stream) {
        // For people: one chunk per line as JSON strings, so invisible splits show.
        for (const auto& chunk : streamed(ids)) std::cout << dumpJson(chunk) << '\n';
        return 0;
    }
    const std::string text = tokenizer.decode(ids, skipSpecial);
    if (args.flag("json")) {
        std::cout << dumpJson(text) << '\n';
    } else {
        std::cout << text;
    }
    std::cout.flush();
    return 0;
}

}  // namespace lathe::cli
