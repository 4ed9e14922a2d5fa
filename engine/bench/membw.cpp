// measureMemoryBandwidth: each worker streams its slice with wide loads; the sum is kept
// live so the compiler cannot drop the reads.
#include "bench/membw.h"

#include "core/thread_pool.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace lathe {

MemoryBandwidth measureMemoryBandwidth(ThreadPool& pool, std::size_t bytes, int repeats)
{
    const std::size_t words = bytes / sizeof(std::uint64_t);
    std::unique_ptr<std::uint64_t[]> src(new std::uint64_t[words]);
    std::unique_ptr<std::uint64_t[]> dst(new std::uint64_t[words]);
    const unsigned workers = pool.size();
    const std::size_t slice = (words + workers - 1) / workers;
    // Touch every page first (from the worker that will read it).
    pool.run(workers, [&](std::size_t w, unsigned) {
        const std::size_t begin = std::min(words, w * slice);
        const std::size_t end = std::min(words, begin + slice);
        for (std::size_t i = begin; i < end; ++i) {
            src[i] = i;
            dst[i] = 0;
        }
    });
    std::vector<std::uint64_t> sums(workers, 0);
    MemoryBandwidth best;
    for (int r = 0; r < std::max(repeats, 1); ++r) {
        auto start = std::chrono::steady_clock::now();
        pool.run(workers, [&](std::size_t w, unsigned) {
            const std::size_t begin = std::min(words, w * slice);
            const std::size_t end = std::min(words, begin + slice);
            std::uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            std::size_t i = begin;
            for (; i + 4 <= end; i += 4) {
                s0 += src[i];
                s1 += src[i + 1];
                s2 += src[i + 2];
                s3 += src[i + 3];
            }
            for (; i < end; ++i) {
                s0 += src[i];
            }
            sums[w] += s0 + s1 + s2 + s3;
        });
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        best.readBytesPerSecond = std::max(best.readBytesPerSecond, double(words * 8) / seconds);

        start = std::chrono::steady_clock::now();
        pool.run(workers, [&](std::size_t w, unsigned) {
            const std::size_t begin = std::min(words, w * slice);
            const std::size_t end = std::min(words, begin + slice);
            std::memcpy(dst.get() + begin, src.get() + begin, (end - begin) * 8);
        });
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        best.copyBytesPerSecond = std::max(best.copyBytesPerSecond, double(words * 16) / seconds);
    }
    volatile std::uint64_t sink = 0;
    for (std::uint64_t s : sums) {
        sink = sink + s;
    }
    (void)sink;
    volatile std::uint64_t touch = dst[words / 2];
    (void)touch;
    return best;
}

}  // namespace lathe
