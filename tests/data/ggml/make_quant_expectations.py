#!/usr/bin/env python3
"""Golden data for tests/engine/test_ggml_quants.cpp, from the gguf package's numpy quants.

For each ggml type the C++ engine dequantizes, <type>.blocks holds random blocks (random bytes,
with the f16 scale fields overwritten by random finite halves so no NaN can hide a mismatch)
and <type>.f32 holds gguf.quants.dequantize of them (little-endian float32).
q8_0_input.f32 holds fixed floats (random blocks plus hand-made ones: all zero, ties at .5,
tiny and huge values); q8_0_expected.blocks is gguf.quants.quantize(..., Q8_0) of them, and
q8_1_expected.blocks their Q8_1 blocks by ggml's quantize_row_q8_1_ref rule (gguf cannot
quantize Q8_1), written here in numpy float32: d = amax / 127, id = 1/d (0 when d is 0),
q = roundf(x * id), fields d = f16(d), s = f16(float(sum of the int q) * d).

Run with the gguf 0.19.0 environment: python make_quant_expectations.py  (writes next to itself)
"""
from pathlib import Path

import numpy as np
from gguf import GGMLQuantizationType as T
from gguf import quants
from gguf.constants import GGML_QUANT_SIZES

OUT = Path(__file__).resolve().parent
rng = np.random.default_rng(20240611)

# byte offsets of the f16 scale fields inside one block
SCALE_FIELDS = {
    T.Q4_0: [0], T.Q4_1: [0, 2], T.Q5_0: [0], T.Q5_1: [0, 2], T.Q8_0: [0],
    T.Q2_K: [80, 82], T.Q3_K: [108], T.Q4_K: [0, 2], T.Q5_K: [0, 2], T.Q6_K: [208],
}
BLOCKS = {T.Q2_K: 8, T.Q3_K: 8, T.Q4_K: 8, T.Q5_K: 8, T.Q6_K: 8}


def random_halves(n):
    """Finite halves of many magnitudes and both signs, subnormals and zeros included."""
    exp = rng.uniform(-26, 4, size=n)
    v = (rng.choice([-1.0, 1.0], size=n) * np.exp2(exp)).astype(np.float16)
    v[rng.random(n) < 0.05] = np.float16(0.0)
    return v


def write(name, arr):
    (OUT / name).write_bytes(np.ascontiguousarray(arr).tobytes())


def main():
    for qtype, fields in SCALE_FIELDS.items():
        block_elems, block_bytes = GGML_QUANT_SIZES[qtype]
        nb = BLOCKS.get(qtype, 32)
        raw = rng.integers(0, 256, size=(nb, block_bytes), dtype=np.uint8)
        raw[1, :] = 0x00  # edge patterns
        raw[2, :] = 0xFF
        for off in fields:
            raw[:, off:off + 2] = random_halves(nb).view(np.uint8).reshape(nb, 2)
        deq = quants.dequantize(raw, qtype).astype(np.float32).reshape(-1)
        assert deq.size == nb * block_elems
        name = qtype.name.lower()
        write(f"{name}.blocks", raw)
        write(f"{name}.f32", deq.astype("<f4"))

    # F32 (any bits), F16 (finite, inf, subnormals), BF16 (any bits, NaNs included)
    f32 = rng.integers(0, 2**32, size=256, dtype=np.uint32)
    write("f32.blocks", f32.astype("<u4"))
    write("f32.f32", quants.dequantize(f32.view(np.uint8), T.F32).astype("<f4"))
    f16 = rng.integers(0, 2**16, size=256, dtype=np.uint16)
    f16 = np.where((f16 & 0x7C00) == 0x7C00, f16 & 0xFC00, f16).astype(np.uint16)  # no NaN
    write("f16.blocks", f16.astype("<u2"))
    write("f16.f32", quants.dequantize(f16.view(np.uint8), T.F16).astype("<f4"))
    bf16 = rng.integers(0, 2**16, size=256, dtype=np.uint16)
    write("bf16.blocks", bf16.astype("<u2"))
    write("bf16.f32", quants.dequantize(bf16.view(np.uint8), T.BF16).astype("<f4"))

    # Quantization inputs: 16 random blocks of varied scale, then hand-made ones.
    x = (rng.standard_normal((16, 32)) * np.exp2(rng.uniform(-12, 8, size=(16, 1)))).astype(np.float32)
    zero = np.zeros((1, 32), np.float32)
    ties = np.array([[127.0, 2.5, -2.5, 0.5, -0.5, 1.5, -1.5, 126.5, -126.5, 63.5, -63.5, 0.49999997, -0.49999997]
                     + [float(i) - 9.5 for i in range(19)]], np.float32)
    tiny = (rng.standard_normal((1, 32)) * 1e-30).astype(np.float32)
    huge = (rng.standard_normal((1, 32)) * 1e5).astype(np.float32)
    one_neg = np.full((1, 32), -3.0, np.float32)
    x = np.concatenate([x, zero, ties, tiny, huge, one_neg], axis=0)
    write("q8_0_input.f32", x.astype("<f4"))
    q8_0 = quants.quantize(x, T.Q8_0)
    write("q8_0_expected.blocks", q8_0)
    write("q8_1_expected.blocks", quantize_q8_1(x))


def quantize_q8_1(x):
    d = np.abs(x).max(axis=1, keepdims=True) / np.float32(127)
    with np.errstate(divide="ignore"):
        inv = np.where(d == 0, np.float32(0), np.float32(1) / d).astype(np.float32)
    q = quants.np_roundf((x * inv).astype(np.float32)).astype(np.int8)
    s = (q.astype(np.int32).sum(axis=1, keepdims=True).astype(np.float32) * d).astype(np.float32)
    with np.errstate(over="ignore"):  # the huge block's s overflows to inf, as in ggml
        halves = [d.astype(np.float16), s.astype(np.float16)]
    return np.concatenate([h.view(np.uint8) for h in halves] + [q.view(np.uint8)], axis=1)


if __name__ == "__main__":
    main()
