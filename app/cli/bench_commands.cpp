// bench inspect / bench membw: the figures the inspector's goals are stated in, one per line
// as `name: value unit` (or one JSON object). tests/bench/bench_inspect.py runs them next to
// the Python reference and prints the ratios.
#include "arguments.h"
#include "commands.h"

#include "bench/membw.h"
#include "core/byte_size.h"
#include "core/error.h"
#include "core/thread_pool.h"
#include "inspect/tensor_stats.h"
#include "io/checkpoint.h"
#include "tokenizer/tokenizer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace lathe::cli {
namespace {

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

class Report {
public:
    explicit Report(bool json)
        : m_json(json)
    {
    }
    void add(const std::string& name, double value, const std::string& unit)
    {
        if (m_json) {
            m_out[name] = value;
        } else {
            std::printf("%s: %.6g %s\n", name.c_str(), value, unit.c_str());
            std::fflush(stdout);
        }
    }
    void finish()
    {
        if (m_json) {
            printJson(m_out);
        }
    }

private:
    bool m_json;
    nlohmann::ordered_json m_out = nlohmann::ordered_json::object();
};

int benchInspect(const Args& raw)
{
    const Arguments args(raw, {"json", "cold"}, {"tensor", "repeat", "bins"});
    args.expectPositionals({"PATH"});
    const int repeat = static_cast<int>(args.integer("repeat", 5, 1, 1000));
    const int bins = static_cast<int>(args.integer("bins", 100, 1, 1'000'000));
    const std::string path = args.positionals()[0];
    Report report(args.flag("json"));

    std::vector<double> parse;
    std::shared_ptr<const Checkpoint> checkpoint = Checkpoint::open(path);  // warm-up
    for (int i = 0; i < repeat; ++i) {
        checkpoint.reset();  // unmapping the previous one is not part of opening
        const auto start = Clock::now();
        checkpoint = Checkpoint::open(path);
        parse.push_back(millisecondsSince(start));
    }
    report.add("header_parse_ms", median(parse), "ms");
    report.add("tensors", double(checkpoint->tensors().size()), "");

    if (const auto name = args.option("tensor")) {
        const Checkpoint::Tensor* tensor = checkpoint->find(*name);
        if (tensor == nullptr) {
            throwInvalid(path, "tensor \"" + *name + "\"", "no such tensor in the checkpoint");
        }
        ThreadPool pool;
        StatsOptions options;
        options.pool = &pool;
        options.bins = bins;
        const auto bytes = checkpoint->tensorBytes(*tensor);
        const double gigabytes = double(bytes.size()) / 1e9;
        auto timeOnce = [&] {
            const auto start = Clock::now();
            const TensorStats stats = computeTensorStats(tensor->info->dtype, bytes, tensor->info->elementCount(), options);
            const double ms = millisecondsSince(start);
            if (stats.count != tensor->info->elementCount()) {
                throw Error(ErrorKind::InvalidInput, path, *name, "statistics counted the wrong number of elements");
            }
            return ms;
        };
        if (args.flag("cold")) {
            checkpoint->shards()[tensor->shard].mapped().dropFromPageCache();
            const double cold = timeOnce();
            report.add("stats_cold_ms", cold, "ms");
            report.add("stats_cold_gb_per_s", gigabytes / (cold / 1e3), "GB/s");
        }
        timeOnce();  // warm-up: the page cache holds the tensor from here on
        std::vector<double> warm;
        for (int i = 0; i < repeat; ++i) {
            warm.push_back(timeOnce());
        }
        const double ms = median(warm);
        report.add("stats_ms", ms, "ms");
        report.add("stats_gb_per_s", gigabytes / (ms / 1e3), "GB/s");
        report.add("threads", double(pool.size()), "");
    }
    report.finish();
    return 0;
}

int benchMembw(const Args& raw)
{
    const Arguments args(raw, {"json"}, {"bytes", "repeat"});
    args.expectPositionals({});
    std::uint64_t bytes = 1ull << 30;
    if (const auto text = args.option("bytes")) {
        bytes = parseByteSize(*text, "--bytes");
        if (bytes < (1u << 20)) {
            throwInvalid({}, "--bytes", "must be at least 1MiB");
        }
    }
    const int repeat = static_cast<int>(args.integer("repeat", 5, 1, 1000));
    ThreadPool pool;
    const MemoryBandwidth bw = measureMemoryBandwidth(pool, static_cast<std::size_t>(bytes), repeat);
    Report report(args.flag("json"));
    report.add("read_gb_per_s", bw.readBytesPerSecond / 1e9, "GB/s");
    report.add("copy_gb_per_s", bw.copyBytesPerSecond / 1e9, "GB/s");
    report.add("threads", double(pool.size()), "");
    report.finish();
    return 0;
}

}  // namespace

// bench tokenize: encoding throughput of a JSON Lines corpus (one document per line), first
// document by document on one thread, then the documents spread over the pool -- the two
// modes of the Rust library's encode / encode_batch that tests/bench/bench_tokenize.py runs
// next to it. Each mode is timed `repeat` times after one untimed warm-up pass; the median
// is reported (the BPE word cache is warm in both libraries alike).
int runBenchTokenize(const Args& raw)
{
    const Arguments args(raw, {"json", "no-special"}, {"tokenizer", "file", "threads", "repeat"});
    args.expectPositionals({});
    const auto path = args.option("tokenizer");
    const auto file = args.option("file");
    if (!path || !file) throwInvalid({}, "bench tokenize", "needs --tokenizer PATH and --file CORPUS.jsonl");
    const int repeat = static_cast<int>(args.integer("repeat", 3, 1, 1000));
    const unsigned threads = static_cast<unsigned>(args.integer("threads", 0, 0, 1024));
    const bool addSpecial = !args.flag("no-special");

    std::vector<std::string> documents;
    size_t bytes = 0;
    {
        std::ifstream in(*file, std::ios::binary);
        if (!in) throwIo(*file, "cannot open", errno);
        std::string line;
        size_t number = 0;
        while (std::getline(in, line)) {
            ++number;
            nlohmann::json value;
            try {
                value = nlohmann::json::parse(line);
            } catch (const nlohmann::json::parse_error&) {
                throwInvalid(*file, "line " + std::to_string(number), "is not a JSON string");
            }
            if (!value.is_string()) throwInvalid(*file, "line " + std::to_string(number), "is not a JSON string");
            documents.push_back(value.get<std::string>());
            bytes += documents.back().size();
        }
    }
    const tok::Tokenizer tokenizer = tok::Tokenizer::load(*path);
    ThreadPool pool(threads);
    Report report(args.flag("json"));

    size_t tokens = 0;
    std::vector<double> single;
    for (int r = 0; r <= repeat; ++r) {
        const auto start = Clock::now();
        size_t count = 0;
        for (const std::string& document : documents) count += tokenizer.encode(document, addSpecial).size();
        if (r > 0) single.push_back(millisecondsSince(start));
        tokens = count;
    }
    std::vector<double> batched;
    constexpr size_t kChunk = 16;
    for (int r = 0; r <= repeat; ++r) {
        std::vector<size_t> counts(pool.size(), 0);
        const auto start = Clock::now();
        pool.run((documents.size() + kChunk - 1) / kChunk, [&](size_t task, unsigned worker) {
            const size_t end = std::min(documents.size(), (task + 1) * kChunk);
            for (size_t i = task * kChunk; i < end; ++i) counts[worker] += tokenizer.encode(documents[i], addSpecial).size();
        });
        if (r > 0) batched.push_back(millisecondsSince(start));
        size_t count = 0;
        for (const size_t c : counts) count += c;
        if (count != tokens) throwInvalid({}, "bench tokenize", "batched encoding gave a different token count");
    }
    const double megabytes = double(bytes) / 1e6;
    report.add("documents", double(documents.size()), "");
    report.add("bytes", double(bytes), "B");
    report.add("tokens", double(tokens), "");
    report.add("single_thread_ms", median(single), "ms");
    report.add("single_thread_mb_per_s", megabytes / (median(single) / 1e3), "MB/s");
    report.add("batched_ms", median(batched), "ms");
    report.add("batched_mb_per_s", megabytes / (median(batched) / 1e3), "MB/s");
    report.add("threads", double(pool.size()), "");
    report.finish();
    return 0;
}

int runBench(const Args& args)
{
    if (args.empty()) {
        throwInvalid({}, "bench", "name a benchmark: inspect, tokenize, chat-template, generate or membw");
    }
    const Args rest(args.begin() + 1, args.end());
    if (args[0] == "inspect") {
        return benchInspect(rest);
    }
    if (args[0] == "tokenize") {
        return runBenchTokenize(rest);
    }
    if (args[0] == "chat-template") {
        return runBenchChatTemplate(rest);
    }
    if (args[0] == "generate") {
        return runBenchGenerate(rest);
    }
    if (args[0] == "membw") {
        return benchMembw(rest);
    }
    throwInvalid({}, "bench", "unknown benchmark \"" + args[0] + "\" (inspect, tokenize, chat-template, generate, membw)");
}

}  // namespace lathe::cli
