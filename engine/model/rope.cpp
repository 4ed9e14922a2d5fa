// Rotary frequencies, step for step as transformers 5.23 computes them (modeling_rope_utils.py
// and each family's compute_default_rope_parameters): the tensor arithmetic in float32, in
// torch's order, and the scalar arithmetic in double as Python does it. Two torch habits matter
// for the last bit: `scalar / tensor` is reciprocal(tensor) * scalar, and `scalar ** tensor`
// rounds the scalar to float32 first.
#include "model/rope.h"

#include "core/error.h"

#include <cmath>
#include <numbers>
#include <string>

// Keep every float32 product and sum rounded on its own, as separate torch ops are: no fused
// multiply-add may be formed from them.
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

namespace lathe {
namespace {

// torch.arange(0, dim, 2).float() / dim, in float32.
std::vector<float> exponents(std::int64_t dim)
{
    std::vector<float> e(static_cast<std::size_t>(dim / 2));
    for (std::size_t i = 0; i < e.size(); ++i) {
        e[i] = static_cast<float>(2 * i) / static_cast<float>(dim);
    }
    return e;
}

// float32 pow as torch evaluates `base ** exponents` (Sleef's powf on vector lanes, powf on the
// rest; both within an ulp of the exact power, which is what this gives).
float powf32(float base, float exponent)
{
    return std::pow(base, exponent);
}

// 1.0 / (base ** exponents): torch's reciprocal of the float32 powers.
std::vector<float> plainInvFreq(float base, std::int64_t dim)
{
    std::vector<float> inv = exponents(dim);
    for (float& x : inv) {
        x = 1.0f / powf32(base, x);
    }
    return inv;
}

std::int64_t originalMax(const RopeConfig& rope, std::int64_t maxPositionEmbeddings)
{
    return rope.originalMaxPositionEmbeddings.value_or(maxPositionEmbeddings);
}

// _compute_dynamic_ntk_parameters. Beyond max_position_embeddings the forward pass recomputes
// with seq_len a 0-dim int64 tensor, so the NTK base is float32 arithmetic; at construction
// (and whenever the length is within the trained range) it is Python's double arithmetic on
// seq_len = max_position_embeddings.
std::vector<float> dynamicInvFreq(const RopeConfig& rope, std::int64_t dim, std::int64_t maxPositionEmbeddings,
                                  std::int64_t seqLen)
{
    const double exponent = static_cast<double>(dim) / static_cast<double>(dim - 2);
    float base = 0.0f;
    if (seqLen > maxPositionEmbeddings) {
        float t = static_cast<float>(rope.factor) * static_cast<float>(seqLen);
        t = t / static_cast<float>(maxPositionEmbeddings);
        t = t - static_cast<float>(rope.factor - 1.0);
        t = static_cast<float>(std::pow(static_cast<double>(t), exponent));  // pow(tensor, python float)
        base = static_cast<float>(rope.theta) * t;
    } else {
        const double max = static_cast<double>(maxPositionEmbeddings);
        const double grown = rope.theta * std::pow(rope.factor * max / max - (rope.factor - 1.0), exponent);
        base = static_cast<float>(grown);
    }
    return plainInvFreq(base, dim);
}

// get_mscale of _compute_yarn_parameters.
double yarnMscale(double scale, double mscale)
{
    return scale <= 1.0 ? 1.0 : 0.1 * mscale * std::log(scale) + 1.0;
}

// find_correction_dim: the dimension whose wavelength turns `rotations` times over the context.
double yarnCorrectionDim(double rotations, std::int64_t dim, double base, std::int64_t maxPositionEmbeddings)
{
    return (static_cast<double>(dim)
            * std::log(static_cast<double>(maxPositionEmbeddings) / (rotations * 2.0 * std::numbers::pi)))
           / (2.0 * std::log(base));
}

RopeFrequencies yarn(const RopeConfig& rope, std::int64_t dim, std::int64_t maxPositionEmbeddings)
{
    RopeFrequencies out;
    const std::int64_t original = originalMax(rope, maxPositionEmbeddings);
    double attention = 1.0;
    if (rope.attentionFactor) {
        attention = *rope.attentionFactor;
    } else if (rope.mscale.value_or(0.0) != 0.0 && rope.mscaleAllDim.value_or(0.0) != 0.0) {
        attention = yarnMscale(rope.factor, *rope.mscale) / yarnMscale(rope.factor, *rope.mscaleAllDim);
    } else {
        attention = yarnMscale(rope.factor, 1.0);
    }
    out.attentionScaling = static_cast<float>(attention);

    double low = yarnCorrectionDim(rope.betaFast, dim, rope.theta, original);
    double high = yarnCorrectionDim(rope.betaSlow, dim, rope.theta, original);
    if (rope.truncate) {
        low = std::floor(low);
        high = std::ceil(high);
    }
    low = std::max(low, 0.0);
    high = std::min(high, static_cast<double>(dim - 1));
    if (low == high) {
        high += 0.001;  // the reference's guard against a zero-width ramp
    }
    const float lowF = static_cast<float>(low);
    const float span = static_cast<float>(high - low);

    const std::vector<float> e = exponents(dim);
    const float base = static_cast<float>(rope.theta);
    const float factor = static_cast<float>(rope.factor);
    out.invFreq.resize(e.size());
    for (std::size_t i = 0; i < e.size(); ++i) {
        const float posFreq = powf32(base, e[i]);
        const float extrapolation = 1.0f / posFreq;
        const float interpolation = 1.0f / (factor * posFreq);
        float ramp = (static_cast<float>(i) - lowF) / span;
        ramp = std::min(std::max(ramp, 0.0f), 1.0f);
        const float extrapolationWeight = 1.0f - ramp;
        const float a = interpolation * (1.0f - extrapolationWeight);
        const float b = extrapolation * extrapolationWeight;
        out.invFreq[i] = a + b;
    }
    return out;
}

RopeFrequencies longRope(const RopeConfig& rope, std::int64_t dim, std::int64_t maxPositionEmbeddings,
                         std::int64_t seqLen)
{
    RopeFrequencies out;
    const std::int64_t original = originalMax(rope, maxPositionEmbeddings);
    double attention = 1.0;
    if (rope.attentionFactor) {
        attention = *rope.attentionFactor;
    } else if (rope.factor > 1.0) {
        attention = std::sqrt(1.0 + std::log(rope.factor) / std::log(static_cast<double>(original)));
    }
    out.attentionScaling = static_cast<float>(attention);

    const bool useLong = seqLen > original;
    const std::vector<double>& factors = useLong ? rope.longFactor : rope.shortFactor;
    const std::vector<float> e = exponents(dim);
    if (factors.size() != e.size()) {
        throwInvalid("", useLong ? "long_factor" : "short_factor",
                     "has " + std::to_string(factors.size()) + " entries; the rotary dimension " + std::to_string(dim)
                         + " needs " + std::to_string(e.size()));
    }
    const float base = static_cast<float>(rope.theta);
    out.invFreq.resize(e.size());
    for (std::size_t i = 0; i < e.size(); ++i) {
        out.invFreq[i] = 1.0f / (static_cast<float>(factors[i]) * powf32(base, e[i]));
    }
    return out;
}

std::vector<float> llama3InvFreq(const RopeConfig& rope, std::int64_t dim, std::int64_t maxPositionEmbeddings)
{
    std::vector<float> inv = plainInvFreq(static_cast<float>(rope.theta), dim);
    const double context = static_cast<double>(originalMax(rope, maxPositionEmbeddings));
    const float lowFreqWavelen = static_cast<float>(context / rope.lowFreqFactor);
    const float highFreqWavelen = static_cast<float>(context / rope.highFreqFactor);
    const float twoPi = static_cast<float>(2.0 * std::numbers::pi);
    const float contextF = static_cast<float>(context);
    const float factor = static_cast<float>(rope.factor);
    const float lowF = static_cast<float>(rope.lowFreqFactor);
    const float band = static_cast<float>(rope.highFreqFactor - rope.lowFreqFactor);
    for (float& x : inv) {
        const float wavelen = (1.0f / x) * twoPi;
        const float scaled = wavelen > lowFreqWavelen ? x / factor : x;
        const float smooth = ((1.0f / wavelen) * contextF - lowF) / band;
        const float smoothed = (1.0f - smooth) * scaled / factor + smooth * scaled;
        const bool medium = !(wavelen < highFreqWavelen) && !(wavelen > lowFreqWavelen);
        x = medium ? smoothed : scaled;
    }
    return inv;
}

}  // namespace

RopeFrequencies computeRopeFrequencies(const RopeConfig& rope, std::int64_t headDim,
                                       std::int64_t maxPositionEmbeddings, std::int64_t seqLen)
{
    if (headDim <= 0) {
        throwInvalid("", "head_dim", "must be positive, got " + std::to_string(headDim));
    }
    if (maxPositionEmbeddings <= 0) {
        throwInvalid("", "max_position_embeddings", "must be positive, got " + std::to_string(maxPositionEmbeddings));
    }
    if (!(rope.theta > 0.0)) {
        throwInvalid("", "rope_theta", "must be positive, got " + std::to_string(rope.theta));
    }
    if (!(rope.factor > 0.0)) {
        throwInvalid("", "factor", "must be positive, got " + std::to_string(rope.factor));
    }
    if (!(rope.partialRotaryFactor > 0.0 && rope.partialRotaryFactor <= 1.0)) {
        throwInvalid("", "partial_rotary_factor", "must be in (0, 1], got " + std::to_string(rope.partialRotaryFactor));
    }
    if (originalMax(rope, maxPositionEmbeddings) <= 0) {
        throwInvalid("", "original_max_position_embeddings", "must be positive");
    }
    const auto dim = static_cast<std::int64_t>(static_cast<double>(headDim) * rope.partialRotaryFactor);
    if (dim < 2 || dim % 2 != 0) {
        throwInvalid("", "partial_rotary_factor",
                     "gives an odd or empty rotary dimension " + std::to_string(dim) + " of head_dim "
                         + std::to_string(headDim));
    }
    if (rope.type == RopeType::Dynamic && dim <= 2) {
        throwInvalid("", "head_dim", "dynamic rope needs a rotary dimension above 2");
    }

    RopeFrequencies out;
    switch (rope.type) {
    case RopeType::Default:
        out.invFreq = plainInvFreq(static_cast<float>(rope.theta), dim);
        break;
    case RopeType::Linear: {
        out.invFreq = plainInvFreq(static_cast<float>(rope.theta), dim);
        const float factor = static_cast<float>(rope.factor);
        for (float& x : out.invFreq) {
            x = x / factor;
        }
        break;
    }
    case RopeType::Dynamic:
        out.invFreq = dynamicInvFreq(rope, dim, maxPositionEmbeddings, seqLen);
        break;
    case RopeType::Yarn:
        out = yarn(rope, dim, maxPositionEmbeddings);
        break;
    case RopeType::LongRope:
        out = longRope(rope, dim, maxPositionEmbeddings, seqLen);
        break;
    case RopeType::Llama3:
        if (rope.highFreqFactor == rope.lowFreqFactor || rope.lowFreqFactor <= 0.0) {
            throwInvalid("", "high_freq_factor", "must differ from low_freq_factor (both positive)");
        }
        out.invFreq = llama3InvFreq(rope, dim, maxPositionEmbeddings);
        break;
    }
    out.rotaryDim = dim;
    return out;
}

bool ropeDependsOnLength(const RopeConfig& rope)
{
    return rope.type == RopeType::Dynamic || rope.type == RopeType::LongRope;
}

}  // namespace lathe
