// Comparing two checkpoints (a base and a fine-tune): which tensors were added or removed,
// which changed shape or dtype, and for tensors of equal shape the largest absolute
// difference and the relative Frobenius norm of the difference, so touched layers stand out.
#pragma once

#include "core/dtype.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lathe {

class Checkpoint;
class ThreadPool;

enum class TensorDiffStatus {
    Identical,     // same dtype, shape and bytes
    Changed,       // same shape, different values (dtypes may differ: compared as values)
    ShapeChanged,  // no value comparison
    Added,         // only in the second checkpoint
    Removed,       // only in the first
};

struct TensorDiff {
    std::string name;
    TensorDiffStatus status = TensorDiffStatus::Identical;
    DType dtypeA = DType::F32;
    DType dtypeB = DType::F32;
    std::vector<std::uint64_t> shapeA;  // empty for Added
    std::vector<std::uint64_t> shapeB;  // empty for Removed
    // For Identical and Changed: max |b - a| over elements, and ||b - a||_F / ||a||_F
    // (infinity when a is all zeros and b is not). NaN when not compared or a value is NaN.
    double maxAbsDiff = 0.0;
    double relativeFrobenius = 0.0;
};

struct DiffOptions {
    ThreadPool* pool = nullptr;
    // Called on the calling thread with the fraction of bytes compared; false cancels
    // (throws lathe::Error(Cancelled)).
    std::function<bool(double)> progress;
};

// Tensors in the order of `a`, then those only in `b` in b's order.
std::vector<TensorDiff> diffCheckpoints(const Checkpoint& a, const Checkpoint& b, const DiffOptions& options = {});

const char* tensorDiffStatusName(TensorDiffStatus status);  // "identical", "changed", ...

}  // namespace lathe
