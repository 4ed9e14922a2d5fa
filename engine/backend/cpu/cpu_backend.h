// The CPU as a Backend: the kernels of cpu_ops.h over a thread pool of its own, weights used in
// place from the checkpoint's memory map.
#pragma once

#include "backend/backend.h"
#include "core/thread_pool.h"

namespace lathe {

class CpuBackend final : public Backend {
public:
    // threads == 0: the physical cores (ThreadPool::physicalCoreCount()).
    explicit CpuBackend(unsigned threads = 0);

    unsigned threads() const { return m_pool.size(); }
    ThreadPool& pool() { return m_pool; }

    std::string name() const override { return "cpu"; }
    DeviceBuffer allocate(std::size_t floats) override;
    MatrixView prepareWeight(const MatrixView& host) override { return host; }
    void copyToDevice(float* device, const float* host, std::size_t count) override;
    void copyToHost(float* host, const float* device, std::size_t count) override;

    void linear(const float* x, std::int64_t M, std::int64_t ldx, const MatrixView& w, const float* bias, float* y,
                std::int64_t ldy) override;
    void embed(const MatrixView& table, const std::int32_t* ids, std::int64_t count, float* out,
               std::int64_t ldOut) override;
    void rmsNorm(const float* x, std::int64_t rows, std::int64_t dim, std::int64_t ldx, const float* weight, float eps,
                 float* out, std::int64_t ldOut) override;
    void applyRope(float* x, std::int64_t tokens, std::int64_t heads, std::int64_t headDim, std::int64_t ld,
                   const std::int32_t* positions, const float* invFreq, std::int64_t rotaryDim,
                   float attentionScaling) override;
    void applyRopeInterleaved(float* x, std::int64_t tokens, std::int64_t heads, std::int64_t headDim, std::int64_t ld,
                              const std::int32_t* positions, const float* invFreq, std::int64_t rotaryDim,
                              float attentionScaling) override;
    void writeKv(const float* k, std::int64_t ldk, const float* v, std::int64_t ldv, const AttentionBatch& batch,
                 const PagedKvView& cache) override;
    void pagedAttention(const float* q, std::int64_t ldq, const AttentionBatch& batch, const PagedKvView& cache,
                        const AttentionParams& params, float* out, std::int64_t ldo) override;
    void gatedActivation(GatedActivation act, const float* gate, std::int64_t ldg, const float* up, std::int64_t ldu,
                         std::int64_t rows, std::int64_t cols, float* out, std::int64_t ldo) override;
    void addInPlace(float* x, const float* y, std::int64_t n) override;
    void scaleInPlace(float* x, float s, std::int64_t n) override;
    void softcapInPlace(float* x, float cap, std::int64_t n) override;

private:
    ThreadPool m_pool;
};

}  // namespace lathe
