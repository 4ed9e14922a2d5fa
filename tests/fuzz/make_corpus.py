#!/usr/bin/env python3
"""Writes a seed corpus for fuzz_safetensors_header into a folder: whole safetensors files
(8-byte length, JSON header, data), valid ones in the reference writer's layout and edge
cases each reader rule must reject. Standard library only; the corpus is never committed.

    python3 tests/fuzz/make_corpus.py build-fuzz/corpus
"""
import json
import os
import struct
import sys

# (dtype, bits) as safetensors defines them (spec C.2), in the format's enum order.
DTYPES = [
    ("BOOL", 8), ("F4", 4), ("F6_E2M3", 6), ("F6_E3M2", 6), ("U8", 8), ("I8", 8),
    ("F8_E5M2", 8), ("F8_E4M3", 8), ("F8_E8M0", 8), ("F8_E4M3FNUZ", 8), ("F8_E5M2FNUZ", 8),
    ("I16", 16), ("U16", 16), ("F16", 16), ("BF16", 16), ("I32", 32), ("U32", 32), ("F32", 32),
    ("C64", 64), ("F64", 64), ("I64", 64), ("U64", 64),
]
BITS = dict(DTYPES)


def pack(header, data=b"", pad_to=8, raw_len=None):
    """A file from a header (dict or str) and data; padded with spaces like the reference."""
    if isinstance(header, bytes):
        body = header
    elif isinstance(header, str):
        body = header.encode("utf-8")
    else:
        body = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if pad_to:
        body += b" " * (-len(body) % pad_to)
    n = len(body) if raw_len is None else raw_len
    return struct.pack("<Q", n) + body + data


def tensors_file(specs, metadata=None):
    """specs: [(name, dtype, shape)] -> valid file with zeroed data, packed in order."""
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    offset = 0
    for name, dtype, shape in specs:
        count = 1
        for d in shape:
            count *= d
        size = count * BITS[dtype] // 8
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    return pack(header, bytes(offset))


def seeds():
    yield "empty_header", pack({})
    yield "only_metadata", pack({"__metadata__": {"format": "pt"}})
    yield "one_f32", tensors_file([("w", "F32", [2, 3])], {"format": "pt"})
    yield "scalar", tensors_file([("s", "F64", [])])
    yield "zero_size", tensors_file([("e", "F16", [0, 4]), ("f", "F16", [3, 0]), ("g", "I8", [2])])
    for dtype, bits in DTYPES:
        shape = [2, 4] if bits in (4, 6) else [3, 2]
        yield f"dtype_{dtype}", tensors_file([(f"t.{dtype.lower()}", dtype, shape)])
    yield "layers", tensors_file(
        [(f"model.layers.{i}.self_attn.{p}.weight", "BF16", [4, 4]) for i in range(3) for p in "qkvo"]
        + [("lm_head.weight", "F32", [2, 4]), ("model.norm.weight", "BF16", [4])],
        {"format": "pt", "note": "ünïcode ✓"})
    yield "unknown_field", pack({"a": {"dtype": "U8", "shape": [1], "data_offsets": [0, 1],
                                       "extra": {"x": [1, {"y": None}], "z": 1.5}}}, b"\0")
    yield "leading_ws", pack('\n\t {"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}\r\n', b"\0")
    yield "reversed_order", pack('{"b":{"dtype":"U8","shape":[1],"data_offsets":[1,2]},'
                                 '"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"\0\0")
    # Each rejection rule of the reference reader (spec C.3), plus Lathe's stricter ones.
    yield "too_small", b"\x08\x00\x00"
    yield "too_large", struct.pack("<Q", 100_000_001) + b"{}"
    yield "len_past_end", pack({}, raw_len=4096)
    yield "bad_utf8", pack(b'{"\xff\xfe":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"\0")
    yield "not_object", pack("[1,2,3]")
    yield "trailing_garbage", pack('{} x')
    yield "bad_dtype", pack({"a": {"dtype": "F128", "shape": [1], "data_offsets": [0, 16]}}, bytes(16))
    yield "negative", pack({"a": {"dtype": "U8", "shape": [-1], "data_offsets": [0, 1]}}, b"\0")
    yield "float_shape", pack('{"a":{"dtype":"U8","shape":[1.0],"data_offsets":[0,1]}}', b"\0")
    yield "huge_dims", pack({"a": {"dtype": "F64", "shape": [2**63, 2**62], "data_offsets": [0, 8]}}, bytes(8))
    yield "u64_max", pack({"a": {"dtype": "U8", "shape": [18446744073709551615], "data_offsets": [0, 1]}}, b"\0")
    yield "big_number", pack('{"a":{"dtype":"U8","shape":[18446744073709551616],"data_offsets":[0,1]}}', b"\0")
    yield "misaligned_f4", pack({"a": {"dtype": "F4", "shape": [3], "data_offsets": [0, 1]}}, b"\0")
    yield "size_mismatch", pack({"a": {"dtype": "F16", "shape": [2, 4], "data_offsets": [0, 12]}}, bytes(12))
    yield "hole", pack({"a": {"dtype": "U8", "shape": [1], "data_offsets": [1, 2]}}, b"\0\0")
    yield "overlap", pack('{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},'
                          '"b":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}', bytes(3))
    yield "end_before_begin", pack({"a": {"dtype": "U8", "shape": [0], "data_offsets": [2, 1]}}, b"\0\0")
    yield "trailing_bytes", tensors_file([("a", "U8", [1])]) + b"tail"
    yield "truncated", tensors_file([("a", "F32", [16])])[:-5]
    yield "meta_number", pack('{"__metadata__":{"n":1}}')
    yield "meta_nested", pack('{"__metadata__":{"n":{"x":"y"}}}')
    yield "meta_null", pack('{"__metadata__":null}')
    yield "dup_tensor", pack('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},'
                             '"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"\0")
    yield "dup_metadata", pack('{"__metadata__":{"k":"v"},"__metadata__":{"k":"v"}}')
    yield "dup_meta_key", pack('{"__metadata__":{"k":"v","k":"w"}}')
    yield "dup_field", pack('{"a":{"dtype":"U8","dtype":"I8","shape":[1],"data_offsets":[0,1]}}', b"\0")
    yield "missing_field", pack('{"a":{"dtype":"U8","shape":[1]}}', b"\0")
    yield "three_offsets", pack('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1,2]}}', b"\0")
    yield "deep_nesting", pack('{"a":{"x":' + "[" * 2000 + "]" * 2000 + ',"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"\0")
    yield "escapes", pack('{"a\\u00e9\\ud83d\\ude00\\n":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"\0")
    yield "lone_surrogate", pack('{"a\\ud800":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"\0")


def main():
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} OUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    count = 0
    for name, data in seeds():
        with open(os.path.join(out, name + ".safetensors"), "wb") as f:
            f.write(data)
        count += 1
    print(f"wrote {count} seeds to {out}")


if __name__ == "__main__":
    main()
