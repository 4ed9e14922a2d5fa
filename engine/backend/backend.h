// The compute device a part of the model runs on. The decoder is written against this interface
// only: the CPU backend (backend/cpu) implements it today, a CUDA backend over kernels/ later,
// so a device map can put each layer, its KV cache and its activations on its own device.
// Pointers passed to the ops are the backend's own memory (from allocate()) or weights it
// prepared (prepareWeight()); host<->device copies go through copyToDevice/copyToHost.
#pragma once

#include "backend/cpu/cpu_ops.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace lathe {

using cpu::AttentionBatch;
using cpu::AttentionParams;
using cpu::BlockFormat;
using cpu::GatedActivation;
using cpu::MatrixView;
using cpu::PagedKvView;

// Float32 memory owned by one device; freed with the last copy of the handle.
class DeviceBuffer {
public:
    DeviceBuffer() = default;
    DeviceBuffer(std::shared_ptr<float> data, std::size_t count) : m_data(std::move(data)), m_count(count) {}
    float* data() const { return m_data.get(); }
    std::size_t size() const { return m_count; }

private:
    std::shared_ptr<float> m_data;
    std::size_t m_count = 0;
};

class Backend {
public:
    virtual ~Backend() = default;

    virtual std::string name() const = 0;  // "cpu", "cuda:0"
    // Zero-filled float32 memory on the device. Throws lathe::Error when it does not fit.
    virtual DeviceBuffer allocate(std::size_t floats) = 0;
    // A weight the device can compute with. The CPU uses the checkpoint's mapped bytes in place
    // (no copy); a GPU uploads them.
    virtual MatrixView prepareWeight(const MatrixView& host) = 0;
    virtual void copyToDevice(float* device, const float* host, std::size_t count) = 0;
    virtual void copyToHost(float* host, const float* device, std::size_t count) = 0;

    // The ops, as backend/cpu/cpu_ops.h defines them (same arguments and numerics).
    virtual void linear(const float* x, std::int64_t M, std::int64_t ldx, const MatrixView& w, const float* bias,
                        float* y, std::int64_t ldy) = 0;
    virtual void embed(const MatrixView& table, const std::int32_t* ids, std::int64_t count, float* out,
                       std::int64_t ldOut) = 0;
    virtual void rmsNorm(const float* x, std::int64_t rows, std::int64_t dim, std::int64_t ldx, const float* weight,
                         float eps, float* out, std::int64_t ldOut) = 0;
    virtual void applyRope(float* x, std::int64_t tokens, std::int64_t heads, std::int64_t headDim, std::int64_t ld,
                           const std::int32_t* positions, const float* invFreq, std::int64_t rotaryDim,
                           float attentionScaling) = 0;
    // Rotates adjacent pairs (x[2i], x[2i+1]) instead of halves (llama.cpp's layout of GGUF q/k).
    virtual void applyRopeInterleaved(float* x, std::int64_t tokens, std::int64_t heads, std::int64_t headDim,
                                      std::int64_t ld, const std::int32_t* positions, const float* invFreq,
                                      std::int64_t rotaryDim, float attentionScaling) = 0;
    virtual void writeKv(const float* k, std::int64_t ldk, const float* v, std::int64_t ldv,
                         const AttentionBatch& batch, const PagedKvView& cache) = 0;
    virtual void pagedAttention(const float* q, std::int64_t ldq, const AttentionBatch& batch,
                                const PagedKvView& cache, const AttentionParams& params, float* out,
                                std::int64_t ldo) = 0;
    virtual void gatedActivation(GatedActivation act, const float* gate, std::int64_t ldg, const float* up,
                                 std::int64_t ldu, std::int64_t rows, std::int64_t cols, float* out,
                                 std::int64_t ldo) = 0;
    virtual void addInPlace(float* x, const float* y, std::int64_t n) = 0;
    virtual void scaleInPlace(float* x, float s, std::int64_t n) = 0;
    virtual void softcapInPlace(float* x, float cap, std::int64_t n) = 0;
};

}  // namespace lathe
