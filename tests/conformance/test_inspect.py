"""`lathe-cli inspect --json` against the Python reference: files written by safetensors'
own writers (torch and numpy) for every dtype the pinned torch supports, random shapes
(scalars, zero-size dimensions) and random __metadata__; hand-made headers the reference
reader accepts; and a model sharded by transformers' save_pretrained.

Expected values come from the file's raw header (json), cross-checked against
safetensors.safe_open, with parameter counts from huggingface_hub's SafetensorsFileMetadata.
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import json
import os
import random
import unittest
from pathlib import Path

import numpy as np
import safetensors.numpy
import safetensors.torch
import torch
from huggingface_hub.utils._safetensors import SafetensorsFileMetadata, TensorInfo
from safetensors import safe_open

# Every torch dtype safetensors 0.8 can save, and its safetensors name (checked below against
# what save_file writes, so a dtype the pinned versions lack fails loudly instead of vanishing).
TORCH_DTYPES = {
    torch.bool: "BOOL", torch.uint8: "U8", torch.int8: "I8", torch.int16: "I16",
    torch.uint16: "U16", torch.float16: "F16", torch.bfloat16: "BF16", torch.int32: "I32",
    torch.uint32: "U32", torch.float32: "F32", torch.float64: "F64", torch.int64: "I64",
    torch.uint64: "U64", torch.float8_e4m3fn: "F8_E4M3", torch.float8_e5m2: "F8_E5M2",
    torch.float8_e8m0fnu: "F8_E8M0", torch.float8_e4m3fnuz: "F8_E4M3FNUZ",
    torch.float8_e5m2fnuz: "F8_E5M2FNUZ", torch.complex64: "C64",
    torch.float4_e2m1fn_x2: "F4",
}
NUMPY_DTYPES = [np.bool_, np.uint8, np.int8, np.int16, np.uint16, np.float16, np.int32,
                np.uint32, np.float32, np.float64, np.int64, np.uint64, np.complex64]

ODD_STRINGS = ["", "pt", "a\"quote", "back\\slash", "new\nline\ttab", "ünïcödé ✓", "emoji 🦙",
               "nul\x00byte", "{\"json\": [1, 2]}", " spaces ", "/", "\u2028", "x" * 300]


def random_tensor(rng, dtype, shape):
    """A contiguous tensor of `dtype`; random bytes (every bit pattern is a valid file)."""
    if dtype == torch.float4_e2m1fn_x2 and not shape:
        # safetensors writes F4 with the last dimension doubled (two elements a byte), so it
        # refuses a float4_e2m1fn_x2 scalar; the nearest it can write is one byte.
        shape = [1]
    count = 1
    for d in shape:
        count *= d
    if count == 0:
        return torch.empty(shape, dtype=dtype)
    if dtype == torch.bool:
        return torch.tensor([rng.random() < 0.5 for _ in range(count)]).reshape(shape)
    itemsize = torch.empty((), dtype=dtype).element_size() if dtype != torch.float4_e2m1fn_x2 else 1
    raw = bytes(rng.getrandbits(8) for _ in range(count * itemsize))
    return torch.frombuffer(bytearray(raw), dtype=torch.uint8).view(dtype).reshape(shape)


def random_shape(rng):
    rank = rng.choice([0, 0, 1, 1, 2, 2, 3, 4])
    return [rng.choice([0, 1, 1, 2, 3, 5, 8]) if rng.random() < 0.9 else 0 for _ in range(rank)]


def random_name(rng, i):
    if rng.random() < 0.25:
        return rng.choice(ODD_STRINGS[2:]) + f".{i}"
    part = rng.choice(["self_attn.q_proj", "self_attn.k_proj", "mlp.down_proj", "input_layernorm"])
    return f"model.layers.{rng.randrange(64)}.{part}.{rng.choice(['weight', 'bias', 'scale'])}.{i}"


def random_metadata(rng):
    if rng.random() < 0.3:
        return None
    return {rng.choice(ODD_STRINGS) + str(k): rng.choice(ODD_STRINGS) for k in range(rng.randrange(0, 6))}


class Reference:
    """The expected `inspect --json` document for some files, from their raw headers."""

    def __init__(self, files, index_metadata=None):
        self.files = [Path(f) for f in files]
        self.index_metadata = index_metadata
        self.file_entries = []
        self.tensors = []
        self.metadata = {}
        by_dtype = {}
        for i, path in enumerate(self.files):
            n, pairs = cs.read_raw_header(path)
            self.file_entries.append({"path": path, "bytes": os.path.getsize(path), "header_bytes": n})
            entries = {}
            for key, value in pairs:
                if key == "__metadata__":
                    if i == 0:
                        self.metadata = dict(value)
                    continue
                entry = dict(value)
                entries[key] = TensorInfo(dtype=entry["dtype"], shape=entry["shape"],
                                          data_offsets=tuple(entry["data_offsets"]))
                self.tensors.append({"name": key, "dtype": entry["dtype"], "shape": entry["shape"],
                                     "file": path, "data_offsets": entry["data_offsets"]})
            hub = SafetensorsFileMetadata(metadata={}, tensors=entries)
            for dtype, count in hub.parameter_count.items():
                by_dtype[dtype] = by_dtype.get(dtype, 0) + count
            self._check_reference_reader_agrees(path, pairs)
        # Zero-parameter dtypes (only zero-size tensors) are left out on both sides: the
        # contract does not say whether such a dtype is listed.
        self.by_dtype = {d: c for d, c in by_dtype.items() if c}
        self.total = sum(by_dtype.values())
        self.bytes = sum(t["data_offsets"][1] - t["data_offsets"][0] for t in self.tensors)

    @staticmethod
    def _check_reference_reader_agrees(path, pairs):
        """The raw-json view of the file is what safetensors' own reader sees."""
        header = cs.header_dict(pairs)
        with safe_open(path, framework="pt") as f:
            names = [k for k in header if k != "__metadata__"]
            assert sorted(f.keys()) == sorted(names), (path, f.keys(), names)
            assert (f.metadata() or {}) == (header.get("__metadata__") or {}), path
            for name in names:
                view = f.get_slice(name)
                assert view.get_dtype() == header[name]["dtype"], (path, name)
                assert list(view.get_shape()) == header[name]["shape"], (path, name)


class InspectTestCase(cs.CliTestCase):
    def assertInspectMatches(self, target, ref):
        got = self.cli_json("inspect", target)
        where = f"inspect {target}"
        self.assertEqual(len(got["files"]), len(ref.files), f"{where}: number of files\n{got['files']}")
        for g, e in zip(got["files"], ref.file_entries):
            self.assertSamePath(g["path"], e["path"], f"{where}: files[].path (files in index order)")
            self.assertEqual(g["bytes"], e["bytes"], f"{where}: {e['path'].name}: bytes")
            self.assertEqual(g["header_bytes"], e["header_bytes"], f"{where}: {e['path'].name}: header_bytes")
        self.assertEqual(got["metadata"], ref.metadata, f"{where}: metadata")
        self.assertEqual(got["index_metadata"], ref.index_metadata, f"{where}: index_metadata")
        simple = lambda ts: [(t["name"], t["dtype"], t["shape"], t["data_offsets"]) for t in ts]
        self.assertEqual(simple(got["tensors"]), simple(ref.tensors),
                         f"{where}: tensors (name, dtype, shape, data_offsets) in header order")
        for g, e in zip(got["tensors"], ref.tensors):
            self.assertSamePath(g["file"], e["file"], f"{where}: tensor {e['name']!r}: file")
        self.assertEqual(got["parameters"]["total"], ref.total, f"{where}: parameters.total")
        by_dtype = {d: c for d, c in got["parameters"]["by_dtype"].items() if c}
        self.assertEqual(by_dtype, ref.by_dtype, f"{where}: parameters.by_dtype (nonzero entries)")
        self.assertEqual(got["bytes"], ref.bytes, f"{where}: bytes (sum of tensor sizes)")
        return got


class TestWrittenByReference(InspectTestCase):
    def test_every_torch_dtype(self):
        """One file per dtype (regular, scalar, zero-size shapes), and all dtypes in one file."""
        rng = random.Random(1)
        everything = {}
        for dtype, name in TORCH_DTYPES.items():
            tensors = {f"{name}.matrix": random_tensor(rng, dtype, [3, 4]),
                       f"{name}.scalar": random_tensor(rng, dtype, []),
                       f"{name}.empty": random_tensor(rng, dtype, [2, 0, 3]),
                       f"{name}.vector": random_tensor(rng, dtype, [5])}
            everything.update(tensors)
            path = self.tmp / f"dtype_{name}.safetensors"
            safetensors.torch.save_file(tensors, path, metadata={"dtype": name})
            ref = Reference([path])
            self.assertEqual({t["dtype"] for t in ref.tensors}, {name},
                             f"save_file wrote a different dtype name for {dtype}")
            with self.subTest(dtype=name):
                self.assertInspectMatches(path, ref)
        path = self.tmp / "all_dtypes.safetensors"
        safetensors.torch.save_file(everything, path)
        self.assertInspectMatches(path, Reference([path]))

    def test_random_torch_files(self):
        for seed in range(10):
            rng = random.Random(100 + seed)
            dtypes = list(TORCH_DTYPES)
            tensors = {}
            for i in range(rng.randrange(0, 30)):
                tensors[random_name(rng, i)] = random_tensor(rng, rng.choice(dtypes), random_shape(rng))
            path = self.tmp / f"random_torch_{seed}.safetensors"
            safetensors.torch.save_file(tensors, path, metadata=random_metadata(rng))
            with self.subTest(seed=seed):
                self.assertInspectMatches(path, Reference([path]))

    def test_random_numpy_files(self):
        for seed in range(6):
            rng = random.Random(200 + seed)
            nprng = np.random.default_rng(seed)
            arrays = {}
            for i in range(rng.randrange(1, 20)):
                dtype = np.dtype(rng.choice(NUMPY_DTYPES))
                shape = tuple(random_shape(rng))
                raw = nprng.integers(0, 256, size=int(np.prod(shape)) * dtype.itemsize, dtype=np.uint8)
                array = raw.view(dtype).reshape(shape) if dtype != np.bool_ else (raw % 2).astype(bool).reshape(shape)
                arrays[random_name(rng, i)] = array
            path = self.tmp / f"random_numpy_{seed}.safetensors"
            safetensors.numpy.save_file(arrays, path, metadata=random_metadata(rng))
            with self.subTest(seed=seed):
                self.assertInspectMatches(path, Reference([path]))

    def test_folder_with_single_file(self):
        folder = self.tmp / "single_folder"
        folder.mkdir()
        safetensors.torch.save_file({"w": torch.ones(2, 2)}, folder / "model.safetensors",
                                    metadata={"format": "pt"})
        self.assertInspectMatches(folder, Reference([folder / "model.safetensors"]))


class TestHandMadeHeadersTheReferenceAccepts(InspectTestCase):
    """Headers no writer produces but the reference reader accepts (spec C.3): Lathe must too.
    Reference() opens each with safe_open first, so a case the reference rejects fails there."""

    def check(self, name, header_text, data, pad=True):
        path = cs.write_raw(self.tmp / f"{name}.safetensors", header_text, data, pad=pad)
        self.assertInspectMatches(path, Reference([path]))

    def test_key_order_differs_from_offset_order(self):
        self.check("reordered", '{"z":{"dtype":"F16","shape":[2],"data_offsets":[4,8]},'
                   '"__metadata__":{"b":"2","a":"1"},'
                   '"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}}', bytes(8))

    def test_whitespace_around_the_object_and_unpadded_length(self):
        self.check("whitespace", ' \n\t{"a":{"dtype":"U8","shape":[3],"data_offsets":[0,3]}}\r\n  ', b"abc",
                   pad=False)

    def test_unknown_fields_in_tensor_entries(self):
        self.check("unknown_fields", '{"a":{"extra":{"x":[1,{"y":null}],"z":1.5},"dtype":"I32",'
                   '"shape":[1],"data_offsets":[0,4],"more":"text"}}', bytes(4))

    def test_empty_and_metadata_only(self):
        self.check("empty", "{}", b"")
        self.check("metadata_only", '{"__metadata__":{"format":"pt","k":""}}', b"")

    def test_zero_size_tensors_share_offsets(self):
        self.check("shared_zero", '{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},'
                   '"b":{"dtype":"BF16","shape":[0,7],"data_offsets":[0,0]},'
                   '"c":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},'
                   '"d":{"dtype":"I64","shape":[3,0],"data_offsets":[2,2]}}', b"xy")

    def test_dtypes_torch_cannot_hold(self):
        """F6_E2M3/F6_E3M2 (MXFP6) and F4 with an odd logical count in one dimension."""
        self.check("f6", '{"a":{"dtype":"F6_E2M3","shape":[4],"data_offsets":[0,3]},'
                   '"b":{"dtype":"F6_E3M2","shape":[2,4],"data_offsets":[3,9]},'
                   '"c":{"dtype":"F4","shape":[3,2],"data_offsets":[9,12]}}', bytes(12))

    def test_escaped_names(self):
        self.check("escapes", '{"\\u00e9\\ud83e\\udd99\\n\\"q\\"":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},'
                   '"\\/slash":{"dtype":"U8","shape":[],"data_offsets":[1,2]}}', b"ab")


class TestShardedByTransformers(InspectTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        from transformers import LlamaConfig, LlamaForCausalLM

        torch.manual_seed(0)
        config = LlamaConfig(vocab_size=256, hidden_size=64, intermediate_size=128, num_hidden_layers=3,
                             num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64)
        model = LlamaForCausalLM(config)
        cls.parameters = model.num_parameters()
        cls.folder = cls.tmp / "tiny-llama"
        model.save_pretrained(cls.folder, max_shard_size="100KB")
        cls.index_path = cls.folder / "model.safetensors.index.json"
        cls.index = json.loads(cls.index_path.read_text())

    def reference(self):
        shards = sorted(set(self.index["weight_map"].values()))
        ref = Reference([self.folder / s for s in shards], index_metadata=self.index["metadata"])
        for t in ref.tensors:  # the index and the shards agree (a reference sanity check)
            self.assertEqual(self.index["weight_map"][t["name"]], t["file"].name)
        self.assertEqual(len(ref.tensors), len(self.index["weight_map"]))
        return ref

    def test_is_sharded(self):
        shards = set(self.index["weight_map"].values())
        self.assertGreaterEqual(len(shards), 3, f"expected >= 3 shards, got {sorted(shards)}")

    def test_index_file(self):
        got = self.assertInspectMatches(self.index_path, self.reference())
        self.assertEqual(got["parameters"]["total"], self.parameters, "parameters vs model.num_parameters()")

    def test_folder(self):
        self.assertInspectMatches(self.folder, self.reference())


if __name__ == "__main__":
    cs.main()
