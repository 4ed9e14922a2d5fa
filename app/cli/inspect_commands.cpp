// inspect, stats, diff and reshard: the safetensors inspector without a window.
#include "arguments.h"
#include "commands.h"

#include "core/byte_size.h"
#include "core/error.h"
#include "core/thread_pool.h"
#include "inspect/checkpoint_diff.h"
#include "inspect/tensor_stats.h"
#include "io/checkpoint.h"
#include "io/safetensors_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace lathe::cli {
namespace fs = std::filesystem;

void printJson(const nlohmann::ordered_json& document)
{
    std::cout << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

nlohmann::ordered_json jsonNumber(double value)
{
    return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

namespace {

std::string withThousands(std::uint64_t value)
{
    std::string digits = std::to_string(value);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
        digits.insert(static_cast<std::size_t>(i), ",");
    }
    return digits;
}

std::string formatDouble(double value)
{
    if (std::isnan(value)) {
        return "nan";
    }
    char out[32];
    std::snprintf(out, sizeof out, "%.6g", value);
    return out;
}

// Width of a table's name column: the longest name, at least the header's, at most 72.
template <typename Rows, typename Name>
int nameColumnWidth(const Rows& rows, Name name)
{
    std::size_t width = 4;
    for (const auto& row : rows) {
        width = std::max(width, name(row).size());
    }
    return static_cast<int>(std::min<std::size_t>(width, 72));
}

nlohmann::ordered_json inspectJson(const Checkpoint& checkpoint)
{
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const SafetensorsFile& shard : checkpoint.shards()) {
        files.push_back({{"path", shard.path().string()}, {"bytes", shard.fileSize()}, {"header_bytes", shard.header().headerBytes}});
    }
    nlohmann::ordered_json metadata = nlohmann::ordered_json::object();
    for (const auto& [key, value] : checkpoint.metadata()) {
        metadata[key] = value;
    }
    nlohmann::ordered_json tensors = nlohmann::ordered_json::array();
    for (const Checkpoint::Tensor& t : checkpoint.tensors()) {
        tensors.push_back({{"name", t.info->name},
                           {"dtype", dtypeName(t.info->dtype)},
                           {"shape", t.info->shape},
                           {"file", checkpoint.shardPath(t).string()},
                           {"data_offsets", {t.info->begin, t.info->end}}});
    }
    nlohmann::ordered_json byDType = nlohmann::ordered_json::object();
    for (const auto& [dtype, count] : checkpoint.parametersByDType()) {
        byDType[std::string(dtypeName(dtype))] = count;
    }
    nlohmann::ordered_json out;
    out["files"] = std::move(files);
    out["metadata"] = std::move(metadata);
    out["index_metadata"] = checkpoint.indexMetadata() ? *checkpoint.indexMetadata() : nlohmann::ordered_json(nullptr);
    out["tensors"] = std::move(tensors);
    out["parameters"] = {{"total", checkpoint.totalParameters()}, {"by_dtype", std::move(byDType)}};
    out["bytes"] = checkpoint.totalBytes();
    if (!checkpoint.warnings().empty()) {
        out["warnings"] = checkpoint.warnings();
    }
    return out;
}

void printInspectText(const Checkpoint& checkpoint)
{
    for (const SafetensorsFile& shard : checkpoint.shards()) {
        std::cout << shard.path().string() << "  (" << formatByteSize(shard.fileSize()) << ", header "
                  << formatByteSize(shard.header().headerBytes) << ", " << shard.header().tensors.size() << " tensors)\n";
    }
    if (!checkpoint.metadata().empty()) {
        std::cout << "\nmetadata:\n";
        for (const auto& [key, value] : checkpoint.metadata()) {
            std::cout << "  " << key << " = " << value << "\n";
        }
    }
    if (checkpoint.indexMetadata()) {
        std::cout << "\nindex metadata: " << checkpoint.indexMetadata()->dump() << "\n";
    }
    const int nameWidth = nameColumnWidth(checkpoint.tensors(), [](const Checkpoint::Tensor& t) -> const std::string& { return t.info->name; });
    std::printf("\n%-*s  %-11s  %-22s  %15s  %s\n", nameWidth, "NAME", "DTYPE", "SHAPE", "PARAMETERS",
                checkpoint.shards().size() > 1 ? "FILE" : "");
    std::cout.flush();
    for (const Checkpoint::Tensor& t : checkpoint.tensors()) {
        std::printf("%-*s  %-11s  %-22s  %15s  %s\n", nameWidth, t.info->name.c_str(),
                    std::string(dtypeName(t.info->dtype)).c_str(), formatShape(t.info->shape).c_str(),
                    withThousands(t.info->elementCount()).c_str(),
                    checkpoint.shards().size() > 1 ? checkpoint.shardPath(t).filename().c_str() : "");
    }
    std::fflush(stdout);
    std::cout << "\n" << checkpoint.tensors().size() << " tensors, " << withThousands(checkpoint.totalParameters())
              << " parameters, " << formatByteSize(checkpoint.totalBytes()) << "\n";
    for (const auto& [dtype, count] : checkpoint.parametersByDType()) {
        std::cout << "  " << dtypeName(dtype) << ": " << withThousands(count) << " parameters, "
                  << formatByteSize(checkpoint.bytesByDType().at(dtype)) << "\n";
    }
    for (const std::string& warning : checkpoint.warnings()) {
        std::cerr << "warning: " << warning << "\n";
    }
}

const Checkpoint::Tensor& findTensor(const Checkpoint& checkpoint, const std::string& name)
{
    const Checkpoint::Tensor* tensor = checkpoint.find(name);
    if (tensor == nullptr) {
        throwInvalid(checkpoint.path().filename().string(), "tensor \"" + name + "\"", "no such tensor in the checkpoint");
    }
    return *tensor;
}

}  // namespace

int runInspect(const Args& raw)
{
    const Arguments args(raw, {"json"}, {});
    args.expectPositionals({"PATH"});
    const auto checkpoint = Checkpoint::open(args.positionals()[0]);
    if (args.flag("json")) {
        printJson(inspectJson(*checkpoint));
    } else {
        printInspectText(*checkpoint);
    }
    return 0;
}

int runStats(const Args& raw)
{
    const Arguments args(raw, {"json"}, {"bins"});
    args.expectPositionals({"PATH", "TENSOR"});
    const int bins = static_cast<int>(args.integer("bins", 100, 1, 1'000'000));
    const auto checkpoint = Checkpoint::open(args.positionals()[0]);
    const Checkpoint::Tensor& tensor = findTensor(*checkpoint, args.positionals()[1]);
    ThreadPool pool;
    StatsOptions options;
    options.bins = bins;
    options.pool = &pool;
    const TensorStats stats = computeTensorStats(tensor.info->dtype, checkpoint->tensorBytes(tensor), tensor.info->elementCount(), options);
    if (args.flag("json")) {
        nlohmann::ordered_json out;
        out["name"] = tensor.info->name;
        out["dtype"] = dtypeName(tensor.info->dtype);
        out["shape"] = tensor.info->shape;
        out["count"] = stats.count;
        out["finite"] = stats.finiteCount;
        out["nan"] = stats.nanCount;
        out["pos_inf"] = stats.posInfCount;
        out["neg_inf"] = stats.negInfCount;
        out["zeros"] = stats.zeroCount;
        out["min"] = jsonNumber(stats.min);
        out["max"] = jsonNumber(stats.max);
        out["mean"] = jsonNumber(stats.mean);
        out["std"] = jsonNumber(stats.std);
        out["histogram"] = {{"lo", jsonNumber(stats.histogram.lo)},
                            {"hi", jsonNumber(stats.histogram.hi)},
                            {"counts", stats.histogram.counts}};
        printJson(out);
        return 0;
    }
    std::cout << tensor.info->name << "  " << dtypeName(tensor.info->dtype) << " " << formatShape(tensor.info->shape) << "\n"
              << "  elements " << withThousands(stats.count) << "   finite " << withThousands(stats.finiteCount) << "   nan "
              << stats.nanCount << "   +inf " << stats.posInfCount << "   -inf " << stats.negInfCount << "   zeros "
              << withThousands(stats.zeroCount) << "\n"
              << "  min " << formatDouble(stats.min) << "   max " << formatDouble(stats.max) << "   mean "
              << formatDouble(stats.mean) << "   std " << formatDouble(stats.std) << "\n";
    const auto& counts = stats.histogram.counts;
    if (!counts.empty() && stats.finiteCount > 0) {
        const std::uint64_t peak = *std::max_element(counts.begin(), counts.end());
        const double width = (stats.histogram.hi - stats.histogram.lo) / double(counts.size());
        std::cout << "  histogram (" << counts.size() << " bins):\n";
        for (std::size_t i = 0; i < counts.size(); ++i) {
            const int bar = peak == 0 ? 0 : static_cast<int>(std::lround(40.0 * double(counts[i]) / double(peak)));
            std::printf("  %12s  %-40s %s\n", formatDouble(stats.histogram.lo + width * double(i)).c_str(),
                        std::string(static_cast<std::size_t>(bar), '#').c_str(), withThousands(counts[i]).c_str());
        }
        std::fflush(stdout);
    }
    return 0;
}

int runDiff(const Args& raw)
{
    const Arguments args(raw, {"json", "changed-only"}, {});
    args.expectPositionals({"A", "B"});
    const auto a = Checkpoint::open(args.positionals()[0]);
    const auto b = Checkpoint::open(args.positionals()[1]);
    ThreadPool pool;
    DiffOptions options;
    options.pool = &pool;
    const std::vector<TensorDiff> diffs = diffCheckpoints(*a, *b, options);
    std::map<std::string, std::uint64_t> summary;
    for (const char* status : {"identical", "changed", "shape_changed", "added", "removed"}) {
        summary[status] = 0;
    }
    for (const TensorDiff& d : diffs) {
        ++summary[tensorDiffStatusName(d.status)];
    }
    const bool changedOnly = args.flag("changed-only");
    if (args.flag("json")) {
        nlohmann::ordered_json tensors = nlohmann::ordered_json::array();
        for (const TensorDiff& d : diffs) {
            if (changedOnly && d.status == TensorDiffStatus::Identical) {
                continue;
            }
            const bool inA = d.status != TensorDiffStatus::Added;
            const bool inB = d.status != TensorDiffStatus::Removed;
            tensors.push_back({{"name", d.name},
                               {"status", tensorDiffStatusName(d.status)},
                               {"dtype_a", inA ? nlohmann::ordered_json(dtypeName(d.dtypeA)) : nlohmann::ordered_json(nullptr)},
                               {"dtype_b", inB ? nlohmann::ordered_json(dtypeName(d.dtypeB)) : nlohmann::ordered_json(nullptr)},
                               {"shape_a", inA ? nlohmann::ordered_json(d.shapeA) : nlohmann::ordered_json(nullptr)},
                               {"shape_b", inB ? nlohmann::ordered_json(d.shapeB) : nlohmann::ordered_json(nullptr)},
                               {"max_abs_diff", jsonNumber(d.maxAbsDiff)},
                               {"relative_frobenius", jsonNumber(d.relativeFrobenius)}});
        }
        nlohmann::ordered_json out;
        out["tensors"] = std::move(tensors);
        out["summary"] = summary;
        printJson(out);
        return 0;
    }
    const int nameWidth = nameColumnWidth(diffs, [](const TensorDiff& d) -> const std::string& { return d.name; });
    std::printf("%-*s  %-13s  %12s  %12s\n", nameWidth, "NAME", "STATUS", "MAX |Δ|", "REL FROB");
    for (const TensorDiff& d : diffs) {
        if (changedOnly && d.status == TensorDiffStatus::Identical) {
            continue;
        }
        std::string detail;
        if (d.status == TensorDiffStatus::ShapeChanged) {
            detail = "  " + formatShape(d.shapeA) + " -> " + formatShape(d.shapeB);
        } else if (d.status == TensorDiffStatus::Changed && d.dtypeA != d.dtypeB) {
            detail = "  " + std::string(dtypeName(d.dtypeA)) + " -> " + std::string(dtypeName(d.dtypeB));
        }
        const bool compared = d.status == TensorDiffStatus::Changed || d.status == TensorDiffStatus::Identical;
        std::printf("%-*s  %-13s  %12s  %12s%s\n", nameWidth, d.name.c_str(), tensorDiffStatusName(d.status),
                    compared ? formatDouble(d.maxAbsDiff).c_str() : "-", compared ? formatDouble(d.relativeFrobenius).c_str() : "-",
                    detail.c_str());
    }
    std::fflush(stdout);
    std::cout << "\n";
    for (const auto& [status, count] : summary) {
        std::cout << status << ": " << count << "  ";
    }
    std::cout << "\n";
    return 0;
}

int runReshard(const Args& raw)
{
    const Arguments args(raw, {"overwrite"}, {"max-shard-size", "prefix"});
    args.expectPositionals({"PATH", "OUT_DIR"});
    ShardedWriteOptions options;
    if (const auto size = args.option("max-shard-size")) {
        options.maxShardBytes = parseByteSize(*size, "--max-shard-size");
        if (options.maxShardBytes == 0) {
            throwInvalid({}, "--max-shard-size", "must be more than 0 bytes");
        }
    }
    if (const auto prefix = args.option("prefix")) {
        if (prefix->empty() || prefix->find('/') != std::string::npos) {
            throwInvalid({}, "--prefix", "\"" + *prefix + "\" is not a plain file name prefix");
        }
        options.prefix = *prefix;
    }
    const auto checkpoint = Checkpoint::open(args.positionals()[0]);
    const fs::path out = args.positionals()[1];
    std::error_code ec;
    if (fs::exists(out, ec) && !args.flag("overwrite")) {
        for (const auto& entry : fs::directory_iterator(out, ec)) {
            const std::string name = entry.path().filename().string();
            if (name.ends_with(".safetensors") || name.ends_with(".safetensors.index.json")) {
                throwInvalid(out.string(), {}, "already holds " + name + "; pass --overwrite to replace the checkpoint there");
            }
        }
    }
    for (const SafetensorsFile& shard : checkpoint->shards()) {
        if (fs::equivalent(shard.path().parent_path(), out, ec)) {
            throwInvalid(out.string(), {}, "is the folder of the input checkpoint; write to another folder");
        }
    }
    std::vector<TensorToWrite> tensors;
    tensors.reserve(checkpoint->tensors().size());
    for (const Checkpoint::Tensor& t : checkpoint->tensors()) {
        tensors.push_back(TensorToWrite{t.info->name, t.info->dtype, t.info->shape, checkpoint->tensorBytes(t)});
    }
    const std::vector<fs::path> written = writeSafetensorsSharded(out, tensors, options);
    for (const fs::path& file : written) {
        std::cout << file.string() << "\n";
    }
    return 0;
}

}  // namespace lathe::cli
