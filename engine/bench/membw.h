// Memory bandwidth of this machine, the yardstick for bandwidth-bound engine work
// (`lathe-cli bench membw`): a multi-threaded read (sum) and copy over a large buffer.
#pragma once

#include <cstddef>

namespace lathe {

class ThreadPool;

struct MemoryBandwidth {
    double readBytesPerSecond = 0.0;
    double copyBytesPerSecond = 0.0;  // bytes read + bytes written, per second
};

// Best of `repeats` passes over a buffer of `bytes` bytes, using every worker of `pool`.
MemoryBandwidth measureMemoryBandwidth(ThreadPool& pool, std::size_t bytes, int repeats);

}  // namespace lathe
