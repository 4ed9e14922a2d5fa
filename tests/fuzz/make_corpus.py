#!/usr/bin/env python3
"""Writes a seed corpus for fuzz_safetensors_header into a folder: whole safetensors files
(8-byte length, JSON header, data), valid ones in the reference writer's layout and edge
cases each reader rule must reject. With --gguf, seeds for fuzz_gguf instead: tiny GGUF
models of every family describeGgufModel maps (Q8_0/F16/F32 tensors, gpt2 and llama
tokenizers), and a few it rejects. Standard library only; the corpus is never committed.

    python3 tests/fuzz/make_corpus.py build-fuzz/corpus
    python3 tests/fuzz/make_corpus.py --gguf build-fuzz/gguf-corpus
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


# ---- GGUF seeds (fuzz_gguf)

GGUF_U32, GGUF_F32, GGUF_BOOL, GGUF_STRING, GGUF_ARRAY = 4, 6, 7, 8, 9
GGML_F32, GGML_F16, GGML_Q8_0 = 0, 1, 8


def gguf_string(text):
    data = text.encode("utf-8")
    return struct.pack("<Q", len(data)) + data


def gguf_value(value):
    """(type, payload) for a Python value: bool, int (u32), float (f32), str, list of one kind."""
    if isinstance(value, bool):
        return GGUF_BOOL, struct.pack("<?", value)
    if isinstance(value, int):
        return GGUF_U32, struct.pack("<I", value)
    if isinstance(value, float):
        return GGUF_F32, struct.pack("<f", value)
    if isinstance(value, str):
        return GGUF_STRING, gguf_string(value)
    kind = gguf_value(value[0])[0] if value else GGUF_U32
    return GGUF_ARRAY, struct.pack("<IQ", kind, len(value)) + b"".join(gguf_value(v)[1] for v in value)


def tensor_bytes(ggml_type, shape):
    """Deterministic data for a tensor of GGUF shape (ne[0] first)."""
    count = 1
    for d in shape:
        count *= d
    if ggml_type == GGML_F32:
        return b"".join(struct.pack("<f", 1.0 + (i % 7) / 8) for i in range(count))
    if ggml_type == GGML_F16:
        return b"".join(struct.pack("<e", (i % 5) / 4 - 0.5) for i in range(count))
    # Q8_0: blocks of 32: f16 scale, 32 int8
    return b"".join(struct.pack("<e", 0.01) + bytes((i * 7 + b) % 256 for b in range(32)) for i in range(count // 32))


def gguf_file(metadata, tensors, alignment=32):
    """metadata: [(key, value)]; tensors: [(name, ggml type, GGUF shape)]."""
    out = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(metadata))
    for key, value in metadata:
        kind, payload = gguf_value(value)
        out += gguf_string(key) + struct.pack("<I", kind) + payload
    blobs, offset = [], 0
    for name, ggml_type, shape in tensors:
        data = tensor_bytes(ggml_type, shape)
        offset += -offset % alignment
        out += gguf_string(name) + struct.pack("<I", len(shape)) + struct.pack(f"<{len(shape)}Q", *shape)
        out += struct.pack("<IQ", ggml_type, offset)
        blobs.append((offset, data))
        offset += len(data)
    out += b"\0" * (-len(out) % alignment)
    data = bytearray(offset)
    for at, blob in blobs:
        data[at:at + len(blob)] = blob
    return out + bytes(data)


def tiny_gguf(arch, name="tiny", hidden=32, heads=2, kv_heads=1, head_dim=16, ffn=32, vocab=8, layers=1,
              tokenizer="gpt2", tied=False, extra_metadata=()):
    """A GGUF model of one layer with the tensors of `arch`, as llama.cpp names them."""
    q, kv = heads * head_dim, kv_heads * head_dim
    tokens = ["<unk>", "<s>", "</s>", "a", "b", "ab", "\u0120a", "c"][:vocab]
    metadata = [("general.architecture", arch), ("general.name", name),
                (f"{arch}.context_length", 64), (f"{arch}.embedding_length", hidden),
                (f"{arch}.block_count", layers), (f"{arch}.feed_forward_length", ffn),
                (f"{arch}.attention.head_count", heads), (f"{arch}.attention.head_count_kv", kv_heads),
                (f"{arch}.attention.layer_norm_rms_epsilon", 1e-6), (f"{arch}.rope.freq_base", 10000.0),
                (f"{arch}.rope.dimension_count", head_dim), (f"{arch}.attention.key_length", head_dim),
                (f"{arch}.attention.sliding_window", 16),
                ("tokenizer.ggml.model", tokenizer), ("tokenizer.ggml.pre", "default"),
                ("tokenizer.ggml.tokens", tokens), ("tokenizer.ggml.token_type", [3, 3, 3, 1, 1, 1, 1, 1][:vocab]),
                ("tokenizer.ggml.bos_token_id", 1), ("tokenizer.ggml.eos_token_id", 2),
                ("tokenizer.chat_template", "{{ messages[0]['content'] }}"), *extra_metadata]
    if tokenizer == "gpt2":
        metadata.append(("tokenizer.ggml.merges", ["a b"]))
    else:
        metadata.append(("tokenizer.ggml.scores", [0.0, 0.0, 0.0, -1.0, -2.0, -0.5, -3.0, -4.0][:vocab]))
    tensors = [("token_embd.weight", GGML_Q8_0, [hidden, vocab]), ("output_norm.weight", GGML_F32, [hidden])]
    if not tied:
        tensors.append(("output.weight", GGML_F16, [hidden, vocab]))
    for b in range(layers):
        p = f"blk.{b}."
        tensors += [(p + "attn_norm.weight", GGML_F32, [hidden]),
                    (p + "attn_output.weight", GGML_Q8_0, [q, hidden]),
                    (p + "ffn_down.weight", GGML_F16, [ffn, hidden])]
        if arch == "phi3":
            tensors += [(p + "attn_qkv.weight", GGML_Q8_0, [hidden, q + 2 * kv]),
                        (p + "ffn_up.weight", GGML_Q8_0, [hidden, 2 * ffn]),
                        (p + "ffn_norm.weight", GGML_F32, [hidden])]
            continue
        tensors += [(p + "attn_q.weight", GGML_Q8_0, [hidden, q]), (p + "attn_k.weight", GGML_Q8_0, [hidden, kv]),
                    (p + "attn_v.weight", GGML_F16, [hidden, kv]), (p + "ffn_gate.weight", GGML_Q8_0, [hidden, ffn]),
                    (p + "ffn_up.weight", GGML_Q8_0, [hidden, ffn]), (p + "ffn_norm.weight", GGML_F32, [hidden])]
        if arch == "qwen2":
            tensors += [(p + "attn_q.bias", GGML_F32, [q]), (p + "attn_k.bias", GGML_F32, [kv]),
                        (p + "attn_v.bias", GGML_F32, [kv])]
        if arch in ("qwen3", "gemma3"):
            tensors += [(p + "attn_q_norm.weight", GGML_F32, [head_dim]), (p + "attn_k_norm.weight", GGML_F32, [head_dim])]
        if arch in ("gemma2", "gemma3"):
            tensors += [(p + "post_attention_norm.weight", GGML_F32, [hidden]),
                        (p + "post_ffw_norm.weight", GGML_F32, [hidden])]
    return gguf_file(metadata, tensors)


def gguf_seeds():
    yield "llama", tiny_gguf("llama")
    yield "llama_spm", tiny_gguf("llama", tokenizer="llama", tied=True)
    yield "mistral", tiny_gguf("llama", name="mistral")
    yield "qwen2", tiny_gguf("qwen2")
    yield "qwen3", tiny_gguf("qwen3", head_dim=128)  # transformers' Qwen3 head_dim is the class default
    yield "gemma2", tiny_gguf("gemma2", tied=True)
    yield "gemma3", tiny_gguf("gemma3")
    yield "phi3", tiny_gguf("phi3", head_dim=16, extra_metadata=[("tokenizer.ggml.padding_token_id", 0)])
    yield "gpt2_arch", tiny_gguf("gpt2")
    yield "wrong_shape", tiny_gguf("qwen3")  # head_dim 16 does not fit Qwen3's 128
    yield "no_tensors", gguf_file([("general.architecture", "llama"), ("llama.block_count", 1)], [])


def main():
    args = sys.argv[1:]
    gguf = args[:1] == ["--gguf"]
    if gguf:
        args = args[1:]
    if len(args) != 1:
        sys.exit(f"usage: {sys.argv[0]} [--gguf] OUT_DIR")
    out = args[0]
    os.makedirs(out, exist_ok=True)
    count = 0
    for name, data in (gguf_seeds() if gguf else seeds()):
        with open(os.path.join(out, name + (".gguf" if gguf else ".safetensors")), "wb") as f:
            f.write(data)
        count += 1
    print(f"wrote {count} seeds to {out}")


if __name__ == "__main__":
    main()
