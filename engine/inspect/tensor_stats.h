// Statistics of one tensor, read straight from the memory map: min, max, mean, std, counts
// of NaN, infinities and zeros, and a histogram. 8- and 16-bit dtypes are done in a single
// pass that counts bit patterns (the values follow exactly from the counts); 32- and 64-bit
// dtypes take two passes (moments, then the histogram once the range is known).
#pragma once

#include "core/dtype.h"

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace lathe {

class ThreadPool;

struct Histogram {
    double lo = 0.0;  // left edge of the first bin
    double hi = 0.0;  // right edge of the last bin
    std::vector<std::uint64_t> counts;
};

struct TensorStats {
    DType dtype = DType::F32;
    std::uint64_t count = 0;        // elements
    std::uint64_t finiteCount = 0;  // elements that are neither NaN nor infinite
    std::uint64_t nanCount = 0;
    std::uint64_t posInfCount = 0;
    std::uint64_t negInfCount = 0;
    std::uint64_t zeroCount = 0;  // +0 and -0
    // Over the finite elements (NaN when there are none). std is the sample standard deviation
    // (n - 1 in the denominator, as torch.std); NaN for a single element, as torch gives.
    double min = 0.0;
    double max = 0.0;
    double mean = 0.0;
    double std = 0.0;
    Histogram histogram;  // of the finite elements, `bins` equal bins over [min, max]
};

struct StatsOptions {
    int bins = 100;
    ThreadPool* pool = nullptr;  // nullptr: run on the calling thread only
    // Called on the calling thread with the fraction done (0..1); return false to cancel,
    // which throws lathe::Error(Cancelled).
    std::function<bool(double)> progress;
};

// `data` holds the tensor's bytes (elementCount × dtype bits / 8). C64 statistics are of |z|.
TensorStats computeTensorStats(DType dtype, std::span<const std::byte> data, std::uint64_t elementCount,
                               const StatsOptions& options = {});

}  // namespace lathe
