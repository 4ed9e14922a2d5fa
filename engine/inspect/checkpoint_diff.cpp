// Checkpoint diff: match tensors by name, then stream both through decodeElements in blocks,
// in parallel chunks over the pool, accumulating max |Δ|, ||Δ||² and ||a||².
#include "inspect/checkpoint_diff.h"

#include "core/element_decode.h"
#include "core/error.h"
#include "core/thread_pool.h"
#include "io/checkpoint.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lathe {
namespace {

constexpr std::uint64_t kChunkElements = 1u << 20;
constexpr std::size_t kBlock = 2048;

struct Job {
    std::size_t diff;  // index into the result
    const Checkpoint::Tensor* a;
    const Checkpoint::Tensor* b;
    std::uint64_t firstElement;
    std::uint64_t elements;
};

struct Partial {
    double maxAbs = 0.0;
    double diffSq = 0.0;
    double baseSq = 0.0;
    bool nan = false;
};

}  // namespace

const char* tensorDiffStatusName(TensorDiffStatus status)
{
    switch (status) {
    case TensorDiffStatus::Identical: return "identical";
    case TensorDiffStatus::Changed: return "changed";
    case TensorDiffStatus::ShapeChanged: return "shape_changed";
    case TensorDiffStatus::Added: return "added";
    case TensorDiffStatus::Removed: return "removed";
    }
    return "unknown";
}

std::vector<TensorDiff> diffCheckpoints(const Checkpoint& a, const Checkpoint& b, const DiffOptions& options)
{
    std::vector<TensorDiff> result;
    std::vector<Job> jobs;
    std::uint64_t totalElements = 0;
    for (const Checkpoint::Tensor& ta : a.tensors()) {
        TensorDiff d;
        d.name = ta.info->name;
        d.dtypeA = ta.info->dtype;
        d.shapeA = ta.info->shape;
        const Checkpoint::Tensor* tb = b.find(ta.info->name);
        if (tb == nullptr) {
            d.status = TensorDiffStatus::Removed;
            d.maxAbsDiff = d.relativeFrobenius = std::numeric_limits<double>::quiet_NaN();
        } else {
            d.dtypeB = tb->info->dtype;
            d.shapeB = tb->info->shape;
            if (d.shapeA != d.shapeB) {
                d.status = TensorDiffStatus::ShapeChanged;
                d.maxAbsDiff = d.relativeFrobenius = std::numeric_limits<double>::quiet_NaN();
            } else {
                const std::uint64_t n = ta.info->elementCount();
                for (std::uint64_t first = 0; first < n; first += kChunkElements) {
                    jobs.push_back(Job{result.size(), &ta, tb, first, std::min(kChunkElements, n - first)});
                }
                totalElements += n;
            }
        }
        result.push_back(std::move(d));
    }
    for (const Checkpoint::Tensor& tb : b.tensors()) {
        if (a.find(tb.info->name) == nullptr) {
            TensorDiff d;
            d.name = tb.info->name;
            d.status = TensorDiffStatus::Added;
            d.dtypeA = d.dtypeB = tb.info->dtype;
            d.shapeB = tb.info->shape;
            d.maxAbsDiff = d.relativeFrobenius = std::numeric_limits<double>::quiet_NaN();
            result.push_back(std::move(d));
        }
    }

    std::vector<Partial> partials(jobs.size());
    const CancellableRun run{options.progress, 0, totalElements, "checkpoint comparison"};
    runCancellable(options.pool, jobs.size(), run, [&](std::size_t j, unsigned) -> std::uint64_t {
        const Job& job = jobs[j];
        const auto bytesA = a.tensorBytes(*job.a);
        const auto bytesB = b.tensorBytes(*job.b);
        Partial& p = partials[j];
        double va[kBlock];
        double vb[kBlock];
        for (std::uint64_t off = 0; off < job.elements; off += kBlock) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, job.elements - off));
            decodeElements(job.a->info->dtype, bytesA, job.firstElement + off, n, va);
            decodeElements(job.b->info->dtype, bytesB, job.firstElement + off, n, vb);
            for (std::size_t i = 0; i < n; ++i) {
                const double delta = vb[i] - va[i];
                if (std::isnan(delta)) {
                    // inf - inf of equal sign is no change; anything else with NaN is unknown
                    if (!(va[i] == vb[i])) {
                        p.nan = true;
                    }
                    continue;
                }
                p.maxAbs = std::max(p.maxAbs, std::abs(delta));
                p.diffSq += delta * delta;
                p.baseSq += va[i] * va[i];
            }
        }
        return job.elements;
    });

    // Fold chunk partials into their tensor, in order.
    std::vector<Partial> perTensor(result.size());
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        Partial& t = perTensor[jobs[j].diff];
        t.maxAbs = std::max(t.maxAbs, partials[j].maxAbs);
        t.diffSq += partials[j].diffSq;
        t.baseSq += partials[j].baseSq;
        t.nan = t.nan || partials[j].nan;
    }
    for (std::size_t i = 0; i < result.size(); ++i) {
        TensorDiff& d = result[i];
        if (d.status == TensorDiffStatus::Removed || d.status == TensorDiffStatus::Added ||
            d.status == TensorDiffStatus::ShapeChanged) {
            continue;
        }
        const Partial& t = perTensor[i];
        if (t.nan) {
            d.maxAbsDiff = d.relativeFrobenius = std::numeric_limits<double>::quiet_NaN();
        } else {
            d.maxAbsDiff = t.maxAbs;
            d.relativeFrobenius = t.diffSq == 0.0 ? 0.0
                                  : t.baseSq == 0.0 ? std::numeric_limits<double>::infinity()
                                                    : std::sqrt(t.diffSq) / std::sqrt(t.baseSq);
        }
        // Equal values in the same dtype: identical (+0 and -0 count as equal).
        const bool same = !t.nan && t.diffSq == 0.0 && d.dtypeA == d.dtypeB;
        d.status = same ? TensorDiffStatus::Identical : TensorDiffStatus::Changed;
    }
    return result;
}

}  // namespace lathe
