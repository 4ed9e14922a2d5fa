// CpuBackend: forwards to the kernels of cpu_ops.h with its pool.
#include "backend/cpu/cpu_backend.h"

#include "core/error.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace lathe {

CpuBackend::CpuBackend(unsigned threads) : m_pool(threads == 0 ? ThreadPool::physicalCoreCount() : threads) {}

DeviceBuffer CpuBackend::allocate(std::size_t floats)
{
    // 64-byte aligned so rows start on cache lines; zeroed so an unused KV slot is never garbage.
    const std::size_t bytes = ((floats * sizeof(float) + 63) / 64) * 64;
    void* memory = std::aligned_alloc(64, bytes == 0 ? 64 : bytes);
    if (memory == nullptr) {
        throw Error(ErrorKind::Io, "cpu", "memory",
                    "cannot allocate " + std::to_string(bytes) + " bytes of host memory");
    }
    std::memset(memory, 0, bytes == 0 ? 64 : bytes);
    return DeviceBuffer(std::shared_ptr<float>(static_cast<float*>(memory), [](float* p) { std::free(p); }), floats);
}

void CpuBackend::copyToDevice(float* device, const float* host, std::size_t count)
{
    std::memcpy(device, host, count * sizeof(float));
}

void CpuBackend::copyToHost(float* host, const float* device, std::size_t count)
{
    std::memcpy(host, device, count * sizeof(float));
}

void CpuBackend::linear(const float* x, std::int64_t M, std::int64_t ldx, const MatrixView& w, const float* bias,
                        float* y, std::int64_t ldy)
{
    cpu::linear(&m_pool, x, M, ldx, w, bias, y, ldy);
}

void CpuBackend::embed(const MatrixView& table, const std::int32_t* ids, std::int64_t count, float* out,
                       std::int64_t ldOut)
{
    for (std::int64_t i = 0; i < count; ++i) {
        cpu::rowToF32(table, ids[i], out + i * ldOut);
    }
}

void CpuBackend::rmsNorm(const float* x, std::int64_t rows, std::int64_t dim, std::int64_t ldx, const float* weight,
                         float eps, float* out, std::int64_t ldOut)
{
    cpu::rmsNorm(x, rows, dim, ldx, weight, eps, out, ldOut);
}

void CpuBackend::applyRope(float* x, std::int64_t tokens, std::int64_t heads, std::int64_t headDim, std::int64_t ld,
                           const std::int32_t* positions, const float* invFreq, std::int64_t rotaryDim,
                           float attentionScaling)
{
    cpu::applyRope(x, tokens, heads, headDim, ld, positions, invFreq, rotaryDim, attentionScaling);
}

void CpuBackend::applyRopeInterleaved(float* x, std::int64_t tokens, std::int64_t heads, std::int64_t headDim,
                                      std::int64_t ld, const std::int32_t* positions, const float* invFreq,
                                      std::int64_t rotaryDim, float attentionScaling)
{
    cpu::applyRopeInterleaved(x, tokens, heads, headDim, ld, positions, invFreq, rotaryDim, attentionScaling);
}

void CpuBackend::writeKv(const float* k, std::int64_t ldk, const float* v, std::int64_t ldv,
                         const AttentionBatch& batch, const PagedKvView& cache)
{
    cpu::writeKv(k, ldk, v, ldv, batch, cache);
}

void CpuBackend::pagedAttention(const float* q, std::int64_t ldq, const AttentionBatch& batch,
                                const PagedKvView& cache, const AttentionParams& params, float* out,
                                std::int64_t ldo)
{
    cpu::pagedAttention(&m_pool, q, ldq, batch, cache, params, out, ldo);
}

void CpuBackend::gatedActivation(GatedActivation act, const float* gate, std::int64_t ldg, const float* up,
                                 std::int64_t ldu, std::int64_t rows, std::int64_t cols, float* out,
                                 std::int64_t ldo)
{
    cpu::gatedActivation(act, gate, ldg, up, ldu, rows, cols, out, ldo);
}

void CpuBackend::addInPlace(float* x, const float* y, std::int64_t n)
{
    cpu::addInPlace(x, y, n);
}

void CpuBackend::scaleInPlace(float* x, float s, std::int64_t n)
{
    cpu::scaleInPlace(x, s, n);
}

void CpuBackend::softcapInPlace(float* x, float cap, std::int64_t n)
{
    cpu::softcapInPlace(x, cap, n);
}

}  // namespace lathe
