// Rotary embedding frequencies as transformers' modeling_rope_utils computes them (float32),
// for every rope type of RopeConfig. Dynamic NTK and LongRoPE depend on the sequence length of
// the forward pass (transformers' dynamic_rope_update: seq_len = max position + 1).
#pragma once

#include "model/model_config.h"

#include <cstdint>
#include <vector>

namespace lathe {

struct RopeFrequencies {
    std::vector<float> invFreq;      // rotaryDim / 2 entries
    float attentionScaling = 1.0f;   // multiplies cos and sin
    std::int64_t rotaryDim = 0;      // dims rotated per head (head_dim * partial_rotary_factor)
};

// `seqLen` is the length of the forward pass (largest position + 1); 0 or less stands for the
// table the model is built with. Only two types read it:
//  - dynamic: above maxPositionEmbeddings the NTK base grows with seqLen (in float32, as torch
//    recomputes it from a length tensor); at or below it, the construction-time table. (transformers
//    keeps the largest length seen until a pass falls below max_position_embeddings again;
//    generating one token at a time, that is always the current length.)
//  - longrope: the long factors when seqLen > original_max_position_embeddings, else the short ones;
//    the attention scaling does not change.
// The results match transformers' float32 tables to within one ulp (pow is the only inexact step:
// torch evaluates it with Sleef, this with the C library).
// Throws lathe::Error(InvalidInput) for parameters the computation cannot use (a longrope factor
// list of the wrong length, a non-positive factor, an odd rotary dimension), naming the key.
RopeFrequencies computeRopeFrequencies(const RopeConfig& rope, std::int64_t headDim,
                                       std::int64_t maxPositionEmbeddings, std::int64_t seqLen);

// True when computeRopeFrequencies' answer depends on seqLen (dynamic, longrope).
bool ropeDependsOnLength(const RopeConfig& rope);

}  // namespace lathe
