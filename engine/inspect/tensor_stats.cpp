// Tensor statistics. The 8/16-bit path is one pass of table increments per element, spread
// over the pool in chunks of the mmap; all values, moments and the histogram come from the
// table afterwards, exactly. Wider dtypes accumulate per-chunk moments merged with Chan's
// formula, then bin in a second pass.
#include "inspect/tensor_stats.h"

#include "core/element_decode.h"
#include "core/error.h"
#include "core/thread_pool.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

namespace lathe {
namespace {

constexpr std::size_t kChunkBytes = 8u << 20;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Runs `work(task, worker)` over `tasks` chunks, one unit of progress each; a pass of a
// multi-pass job says which tasks came before and how many the job has.
template <typename Work>
void runChunks(std::size_t tasks, const StatsOptions& options, std::uint64_t tasksBefore, std::uint64_t tasksTotal,
               Work&& work)
{
    const CancellableRun run{options.progress, tasksBefore, tasksTotal, "statistics"};
    runCancellable(options.pool, tasks, run, [&](std::size_t task, unsigned worker) -> std::uint64_t {
        work(task, worker);
        return 1;
    });
}

unsigned workerCount(const StatsOptions& options)
{
    return options.pool != nullptr ? options.pool->size() : 1;
}

// Equal bins over [min, max] of the finite values (one bin's width around a constant tensor);
// both statistics paths bin with this, so their histograms agree value for value.
class HistogramBins {
public:
    HistogramBins(double min, double max, int bins)
        : m_lo(min)
        , m_hi(max > min ? max : min + 1.0)
        , m_scale(bins / (m_hi - m_lo))
        , m_last(bins - 1)
    {
    }
    std::size_t index(double value) const
    {
        const auto bin = static_cast<std::int64_t>((value - m_lo) * m_scale);
        return static_cast<std::size_t>(std::clamp<std::int64_t>(bin, 0, m_last));
    }
    Histogram empty() const { return Histogram{m_lo, m_hi, std::vector<std::uint64_t>(std::size_t(m_last) + 1, 0)}; }

private:
    double m_lo;
    double m_hi;
    double m_scale;
    std::int64_t m_last;
};

// Accumulates a (value, count) list into stats; used by the pattern-counting path.
void statsFromValueCounts(const std::vector<std::pair<double, std::uint64_t>>& values, int bins, TensorStats& stats)
{
    double min = std::numeric_limits<double>::infinity();
    double max = -min;
    double sum = 0.0;
    for (const auto& [v, c] : values) {
        if (c == 0) {
            continue;
        }
        if (std::isnan(v)) {
            stats.nanCount += c;
            continue;
        }
        if (std::isinf(v)) {
            (v > 0 ? stats.posInfCount : stats.negInfCount) += c;
            continue;
        }
        if (v == 0.0) {
            stats.zeroCount += c;
        }
        stats.finiteCount += c;
        min = std::min(min, v);
        max = std::max(max, v);
        sum += v * static_cast<double>(c);
    }
    if (stats.finiteCount == 0) {
        stats.min = stats.max = stats.mean = stats.std = kNaN;
        return;
    }
    const double n = static_cast<double>(stats.finiteCount);
    stats.min = min;
    stats.max = max;
    stats.mean = sum / n;
    double m2 = 0.0;
    for (const auto& [v, c] : values) {
        if (c != 0 && std::isfinite(v)) {
            const double d = v - stats.mean;
            m2 += d * d * static_cast<double>(c);
        }
    }
    stats.std = stats.finiteCount > 1 ? std::sqrt(m2 / (n - 1.0)) : kNaN;
    const HistogramBins binning(min, max, bins);
    stats.histogram = binning.empty();
    for (const auto& [v, c] : values) {
        if (c != 0 && std::isfinite(v)) {
            stats.histogram.counts[binning.index(v)] += c;
        }
    }
}

// Per worker: uint32 counters (cache-friendly), spilled into uint64 totals before they
// could overflow.
struct PatternCounters {
    static constexpr std::size_t kPatterns = 65536;
    // One table: measured faster than interleaved tables, also on runs of equal values
    // (store-to-load forwarding keeps up); two tables double the cache footprint. It starts on
    // a cache line, so each 16 slots are one line: SpreadSlots places lines in L1 sets, and
    // with the table 16 bytes off a line (as malloc may leave it) every hot group of 16 slots
    // straddled two lines and all of that gain was lost (measured).
    struct alignas(64) Table {
        std::uint32_t counts[kPatterns];
    };
    void spill()
    {
        for (std::size_t i = 0; i < kPatterns; ++i) {
            total[i] += small->counts[i];
        }
        std::fill(std::begin(small->counts), std::end(small->counts), 0u);
        pending = 0;
    }
    std::unique_ptr<Table> small = std::make_unique<Table>();  // zeroed
    std::vector<std::uint64_t> total = std::vector<std::uint64_t>(kPatterns, 0);
    std::uint64_t pending = 0;
};

// Where each 16-bit pattern is counted in the 65,536-entry table: a bijection of each 16-bit
// lane, applied to four lanes of a 64-bit word at once.
struct PlainSlots {
    static std::uint64_t word(std::uint64_t w) { return w; }
    static std::uint32_t lane(std::uint32_t v) { return v; }
};

// For byte pairs. An L1 set is picked by bits 4..9 of a uint32 slot; with slot = pattern those
// are the high nibble of the first byte and the two low bits of the second, so the 1 KB rows of
// the second byte share sets whenever their low two bits agree. Real 8-bit tensors use a few
// byte values (randn * 0.02 as F8_E4M3: 50 values hold 99.9% of the elements, in 6 of the 16
// lines of each row): the ~300 hot lines (19 KB) fit L1 (32 KB, 8 ways) by size but landed in
// 24 of its 64 sets; an LRU model of L1 gave 23% misses on the table, and it was the bound.
// XORing bits 10..15 into bits 4..9 lets all 12 high bits of the pair pick the set: the table's
// misses all but vanish in the model, and F8_E4M3 ran 1.4x faster per core (I8/U8 centred on
// 0 or 128: 1.2-1.4x; uniform, constant and few-valued bytes unchanged). Dense ranks of the
// values seen (a remap table) would also compact the hot set but cost two more loads per pair
// and were slower. The map is its own inverse (bits 10..15 pass unchanged). 16-bit tensors
// fill whole rows (their low byte is mantissa), so they keep the plain slots.
struct SpreadSlots {
    static std::uint64_t word(std::uint64_t w) { return w ^ ((w >> 6) & 0x03F003F003F003F0ull); }
    static std::uint32_t lane(std::uint32_t v) { return v ^ ((v >> 6) & 0x03F0u); }
};

// Counts of each 16-bit pattern (little-endian elements of `data`).
template <typename Slots = PlainSlots>
std::vector<std::uint64_t> countShortPatterns(std::span<const std::byte> data, const StatsOptions& options)
{
    using Counters = PatternCounters;
    constexpr std::size_t kPatterns = Counters::kPatterns;
    const std::uint64_t elements = data.size() / 2;
    const std::size_t chunkElements = kChunkBytes / 2;
    const std::size_t tasks = static_cast<std::size_t>((elements + chunkElements - 1) / chunkElements);
    const unsigned workers = workerCount(options);
    std::vector<std::unique_ptr<Counters>> perWorker(workers);
    const std::byte* base = data.data();
    runChunks(tasks, options, 0, tasks, [&](std::size_t task, unsigned worker) {
        if (!perWorker[worker]) {
            perWorker[worker] = std::make_unique<Counters>();
        }
        Counters& counters = *perWorker[worker];
        const std::uint64_t first = std::uint64_t(task) * chunkElements;
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(chunkElements, elements - first));
        if (counters.pending + n > std::numeric_limits<std::uint32_t>::max()) {
            counters.spill();
        }
        counters.pending += n;
        std::uint32_t* c = counters.small->counts;
        const std::byte* p = base + first * 2;
        std::size_t i = 0;
        // One wide load per four elements (memcpy: the map need not be aligned).
        for (; i + 4 <= n; i += 4) {
            std::uint64_t w;
            std::memcpy(&w, p + i * 2, 8);
            w = Slots::word(w);
            ++c[w & 0xFFFF];
            ++c[(w >> 16) & 0xFFFF];
            ++c[(w >> 32) & 0xFFFF];
            ++c[w >> 48];
        }
        for (; i < n; ++i) {
            std::uint16_t v;
            std::memcpy(&v, p + i * 2, 2);
            ++c[Slots::lane(v)];
        }
    });
    std::vector<std::uint64_t> totals(kPatterns, 0);
    for (auto& counters : perWorker) {
        if (counters) {
            counters->spill();
            for (std::uint32_t slot = 0; slot < kPatterns; ++slot) {
                totals[Slots::lane(slot)] += counters->total[slot];  // lane() is its own inverse
            }
        }
    }
    return totals;
}

// Byte patterns, counted two bytes at a time as 16-bit patterns: one table increment per two
// elements doubles the rate (the increments, not memory, bound this loop), then each pair
// count is folded into its two bytes.
std::vector<std::uint64_t> countBytePatterns(std::span<const std::byte> data, const StatsOptions& options)
{
    const std::size_t even = data.size() & ~std::size_t(1);
    const std::vector<std::uint64_t> pairs = countShortPatterns<SpreadSlots>(data.first(even), options);
    std::vector<std::uint64_t> bytes(256, 0);
    for (std::uint32_t p = 0; p < pairs.size(); ++p) {
        bytes[p & 0xFF] += pairs[p];
        bytes[p >> 8] += pairs[p];
    }
    if (even != data.size()) {
        ++bytes[static_cast<std::uint8_t>(data.back())];
    }
    return bytes;
}

double patternValue(DType dtype, std::uint32_t pattern)
{
    switch (dtype) {
    case DType::Bool: return pattern != 0 ? 1.0 : 0.0;
    case DType::U8: return double(pattern);
    case DType::I8: return double(static_cast<std::int8_t>(pattern));
    case DType::U16: return double(pattern);
    case DType::I16: return double(static_cast<std::int16_t>(pattern));
    case DType::F16: return double(f16ToF32(static_cast<std::uint16_t>(pattern)));
    case DType::BF16: return double(bf16ToF32(static_cast<std::uint16_t>(pattern)));
    default: return double(smallFloatToF32(dtype, static_cast<std::uint8_t>(pattern)));
    }
}

// F4 and F6: split packed bytes into element patterns, counting 16 or 64 patterns.
std::vector<std::uint64_t> countPackedPatterns(DType dtype, std::span<const std::byte> data, std::uint64_t elements,
                                               const StatsOptions& options)
{
    if (dtype == DType::F4) {
        // Byte patterns first (one pass), then each byte contributes its two nibbles.
        const std::vector<std::uint64_t> bytes = countBytePatterns(data, options);
        std::vector<std::uint64_t> nibbles(16, 0);
        for (std::uint32_t b = 0; b < 256; ++b) {
            nibbles[b & 0xF] += bytes[b];
            nibbles[b >> 4] += bytes[b];
        }
        return nibbles;
    }
    // F6: groups of 3 bytes hold 4 elements; chunks are a multiple of 3 bytes.
    const std::uint64_t groups = elements / 4;
    const std::size_t chunkGroups = kChunkBytes / 3;
    const std::size_t tasks = static_cast<std::size_t>((groups + chunkGroups - 1) / chunkGroups);
    std::vector<std::vector<std::uint64_t>> perWorker(workerCount(options), std::vector<std::uint64_t>(64, 0));
    runChunks(tasks, options, 0, tasks, [&](std::size_t task, unsigned worker) {
        std::uint64_t* c = perWorker[worker].data();
        const std::uint64_t first = std::uint64_t(task) * chunkGroups;
        const std::uint64_t last = std::min<std::uint64_t>(groups, first + chunkGroups);
        const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
        for (std::uint64_t g = first; g < last; ++g) {
            const std::uint32_t w = p[3 * g] | (std::uint32_t(p[3 * g + 1]) << 8) | (std::uint32_t(p[3 * g + 2]) << 16);
            ++c[w & 0x3F];
            ++c[(w >> 6) & 0x3F];
            ++c[(w >> 12) & 0x3F];
            ++c[(w >> 18) & 0x3F];
        }
    });
    std::vector<std::uint64_t> totals(64, 0);
    for (const auto& counts : perWorker) {
        for (std::size_t i = 0; i < 64; ++i) {
            totals[i] += counts[i];
        }
    }
    return totals;
}

// Moments of a block, merged pairwise (Chan et al.) so the variance stays accurate.
struct Moments {
    std::uint64_t n = 0;
    double mean = 0.0;
    double m2 = 0.0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    std::uint64_t nan = 0;
    std::uint64_t posInf = 0;
    std::uint64_t negInf = 0;
    std::uint64_t zeros = 0;

    void merge(const Moments& o)
    {
        if (o.n > 0) {
            const double total = double(n + o.n);
            const double delta = o.mean - mean;
            mean += delta * double(o.n) / total;
            m2 += o.m2 + delta * delta * double(n) * double(o.n) / total;
            n += o.n;
            min = std::min(min, o.min);
            max = std::max(max, o.max);
        }
        nan += o.nan;
        posInf += o.posInf;
        negInf += o.negInf;
        zeros += o.zeros;
    }
};

TensorStats wideStats(DType dtype, std::span<const std::byte> data, std::uint64_t elements, const StatsOptions& options)
{
    const std::size_t elementBytes = static_cast<std::size_t>(dtypeBits(dtype) / 8);
    const std::size_t chunkElements = kChunkBytes / elementBytes;
    const std::size_t tasks = static_cast<std::size_t>((elements + chunkElements - 1) / chunkElements);
    constexpr std::size_t kBlock = 4096;
    std::vector<Moments> perTask(tasks);
    runChunks(tasks, options, 0, 2 * tasks, [&](std::size_t task, unsigned) {
        double buffer[kBlock];
        const std::uint64_t first = std::uint64_t(task) * chunkElements;
        const std::uint64_t last = std::min<std::uint64_t>(elements, first + chunkElements);
        Moments& total = perTask[task];
        for (std::uint64_t b = first; b < last; b += kBlock) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, last - b));
            decodeElements(dtype, data, b, n, buffer);
            Moments block;
            double sum = 0.0;
            for (std::size_t i = 0; i < n; ++i) {
                const double v = buffer[i];
                if (std::isnan(v)) {
                    ++block.nan;
                } else if (std::isinf(v)) {
                    ++(v > 0 ? block.posInf : block.negInf);
                } else {
                    ++block.n;
                    sum += v;
                    block.min = std::min(block.min, v);
                    block.max = std::max(block.max, v);
                    block.zeros += v == 0.0;
                }
            }
            if (block.n > 0) {
                block.mean = sum / double(block.n);
                for (std::size_t i = 0; i < n; ++i) {
                    if (std::isfinite(buffer[i])) {
                        const double d = buffer[i] - block.mean;
                        block.m2 += d * d;
                    }
                }
            }
            total.merge(block);
        }
    });
    Moments all;
    for (const Moments& m : perTask) {
        all.merge(m);
    }
    TensorStats stats;
    stats.nanCount = all.nan;
    stats.posInfCount = all.posInf;
    stats.negInfCount = all.negInf;
    stats.zeroCount = all.zeros;
    stats.finiteCount = all.n;
    if (all.n == 0) {
        stats.min = stats.max = stats.mean = stats.std = kNaN;
        return stats;
    }
    stats.min = all.min;
    stats.max = all.max;
    stats.mean = all.mean;
    stats.std = all.n > 1 ? std::sqrt(all.m2 / double(all.n - 1)) : kNaN;

    const int bins = options.bins;
    const HistogramBins binning(all.min, all.max, bins);
    std::vector<std::vector<std::uint64_t>> perWorker(workerCount(options), std::vector<std::uint64_t>(std::size_t(bins), 0));
    runChunks(tasks, options, tasks, 2 * tasks, [&](std::size_t task, unsigned worker) {
        double buffer[kBlock];
        std::uint64_t* counts = perWorker[worker].data();
        const std::uint64_t first = std::uint64_t(task) * chunkElements;
        const std::uint64_t last = std::min<std::uint64_t>(elements, first + chunkElements);
        for (std::uint64_t b = first; b < last; b += kBlock) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, last - b));
            decodeElements(dtype, data, b, n, buffer);
            for (std::size_t i = 0; i < n; ++i) {
                if (std::isfinite(buffer[i])) {
                    ++counts[binning.index(buffer[i])];
                }
            }
        }
    });
    stats.histogram = binning.empty();
    for (const auto& counts : perWorker) {
        for (int i = 0; i < bins; ++i) {
            stats.histogram.counts[std::size_t(i)] += counts[std::size_t(i)];
        }
    }
    return stats;
}

}  // namespace

TensorStats computeTensorStats(DType dtype, std::span<const std::byte> data, std::uint64_t elementCount,
                               const StatsOptions& options)
{
    if (options.bins < 1 || options.bins > 1'000'000) {
        throwInvalid({}, "bins", std::to_string(options.bins) + " is not between 1 and 1000000");
    }
    TensorStats stats;
    const int bits = dtypeBits(dtype);
    if (elementCount == 0) {
        stats.dtype = dtype;
        stats.min = stats.max = stats.mean = stats.std = kNaN;
        return stats;
    }
    if (bits <= 16 && dtype != DType::F4 && dtype != DType::F6_E2M3 && dtype != DType::F6_E3M2) {
        const std::vector<std::uint64_t> counts =
            bits == 16 ? countShortPatterns(data, options) : countBytePatterns(data, options);
        std::vector<std::pair<double, std::uint64_t>> values;
        values.reserve(counts.size());
        for (std::uint32_t p = 0; p < counts.size(); ++p) {
            values.emplace_back(patternValue(dtype, p), counts[p]);
        }
        statsFromValueCounts(values, options.bins, stats);
    } else if (bits < 8) {
        const std::vector<std::uint64_t> counts = countPackedPatterns(dtype, data, elementCount, options);
        std::vector<std::pair<double, std::uint64_t>> values;
        for (std::uint32_t p = 0; p < counts.size(); ++p) {
            values.emplace_back(smallFloatToF32(dtype, static_cast<std::uint8_t>(p)), counts[p]);
        }
        statsFromValueCounts(values, options.bins, stats);
    } else {
        stats = wideStats(dtype, data, elementCount, options);
    }
    stats.dtype = dtype;
    stats.count = elementCount;
    return stats;
}

}  // namespace lathe
