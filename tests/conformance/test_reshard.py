"""`lathe-cli reshard` (Lathe's canonical writer) against the reference writers:
  - every output file is byte-identical to what safetensors.torch.save_file writes for the
    same tensors with metadata {"format": "pt"} (dtype descending, name ascending, compact
    JSON padded to 8 with spaces), and loads with safe_open, each tensor bitwise equal;
  - shard assignment and the index equal huggingface_hub's split (the algorithm transformers'
    save_pretrained uses) for the same tensor order and max size, with the index written as
    huggingface_hub.save_torch_state_dict writes it.
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import json
import random

import safetensors.torch
import torch
from huggingface_hub import save_torch_state_dict
from huggingface_hub.serialization._base import parse_size_to_int, split_state_dict_into_shards_factory
from safetensors import safe_open

SAFETENSORS_NAME = {
    torch.bool: "BOOL", torch.uint8: "U8", torch.int8: "I8", torch.int16: "I16", torch.uint16: "U16",
    torch.float16: "F16", torch.bfloat16: "BF16", torch.int32: "I32", torch.uint32: "U32",
    torch.float32: "F32", torch.float64: "F64", torch.int64: "I64", torch.uint64: "U64",
    torch.float8_e4m3fn: "F8_E4M3", torch.float8_e5m2: "F8_E5M2", torch.float8_e8m0fnu: "F8_E8M0",
    torch.float8_e4m3fnuz: "F8_E4M3FNUZ", torch.float8_e5m2fnuz: "F8_E5M2FNUZ",
    torch.complex64: "C64", torch.float4_e2m1fn_x2: "F4",
}


def tensor_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.complex64:
        t = torch.view_as_real(t)
    return t.reshape(-1).view(torch.uint8).numpy().tobytes()


def header_shape(t):
    shape = list(t.shape)
    if t.dtype == torch.float4_e2m1fn_x2:
        shape[-1] *= 2  # safetensors counts F4 elements, torch packs two a byte
    return shape


def write_in_order(path, items, metadata=None):
    """A valid file whose header and data follow `items` order (no writer keeps an order)."""
    header = {"__metadata__": metadata} if metadata is not None else {}
    data = bytearray()
    for name, t in items:
        raw = tensor_bytes(t)
        header[name] = {"dtype": SAFETENSORS_NAME[t.dtype], "shape": header_shape(t),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    return cs.write_raw(path, json.dumps(header, separators=(",", ":")), bytes(data))


def make_tensors():
    gen = torch.Generator().manual_seed(7)
    rng = random.Random(7)
    tensors = {}
    for i, dtype in enumerate(SAFETENSORS_NAME):
        for j, shape in enumerate([[rng.randrange(1, 40)], [rng.randrange(1, 9), rng.randrange(1, 9)], [],
                                   [3, 0], [2, rng.randrange(1, 30), 2]]):
            if dtype == torch.float4_e2m1fn_x2 and not shape:
                shape = [1]  # safetensors cannot write an F4 scalar (see test_inspect)
            count = 1
            for d in shape:
                count *= d
            size = 1 if dtype == torch.float4_e2m1fn_x2 else torch.empty((), dtype=dtype).element_size()
            raw = torch.randint(0, 256, (count * size,), dtype=torch.uint8, generator=gen)
            name = f"model.layers.{rng.randrange(12)}.{SAFETENSORS_NAME[dtype].lower()}.w{j}"
            if dtype == torch.bool:
                tensors[name] = (raw % 2).to(torch.bool).reshape(shape)
            else:
                tensors[name] = raw.view(dtype).reshape(shape)
    tensors["lm_head.weight"] = torch.randn(48, 40, generator=gen)  # 7680 bytes: bigger than some limits
    tensors["model.embed_tokens.weight"] = torch.randn(40, 24, generator=gen).to(torch.bfloat16)
    return tensors


class TestReshard(cs.CliTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tensors = make_tensors()
        names = list(cls.tensors)
        random.Random(3).shuffle(names)  # input order: neither canonical nor sorted
        # The oversized tensor mid-way: huggingface_hub then emits its shard before the open one.
        names.remove("lm_head.weight")
        names.insert(len(names) // 2, "lm_head.weight")
        cls.order = names
        cls.input = write_in_order(cls.tmp / "input.safetensors", [(n, cls.tensors[n]) for n in names],
                                   metadata={"format": "pt", "source": "input"})
        with safe_open(cls.input, framework="pt") as f:  # the reference reads the input as written
            for n in names:
                assert tensor_bytes(f.get_tensor(n)) == tensor_bytes(cls.tensors[n]), n

    def reshard(self, source, out_name, *options):
        out = self.tmp / out_name
        proc = cs.run_cli(["reshard", source, out, *options], cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, cs.describe(proc))
        return out

    def reference_file(self, names, name):
        path = self.tmp / "reference" / name
        path.parent.mkdir(exist_ok=True)
        safetensors.torch.save_file({n: self.tensors[n] for n in names}, path, metadata={"format": "pt"})
        return path

    def assertFileLikeReference(self, got, names, what):
        want = self.reference_file(names, f"{what}-{got.name}")
        self.assertEqual(cs.raw_header_bytes(got), cs.raw_header_bytes(want),
                         f"{what}: {got.name}: header differs from safetensors.torch.save_file's")
        self.assertEqual(got.read_bytes(), want.read_bytes(), f"{what}: {got.name}: data differs from save_file's")
        with safe_open(got, framework="pt") as f:
            self.assertEqual(sorted(f.keys()), sorted(names), f"{what}: {got.name}: tensors")
            self.assertEqual(f.metadata(), {"format": "pt"}, f"{what}: {got.name}: __metadata__")
            for n in names:
                t = f.get_tensor(n)
                self.assertEqual((t.dtype, list(t.shape)), (self.tensors[n].dtype, list(self.tensors[n].shape)), n)
                self.assertEqual(tensor_bytes(t), tensor_bytes(self.tensors[n]), f"{what}: {n}: not bitwise equal")

    def expected_split(self, order, max_bytes, prefix="model"):
        """huggingface_hub's split over the checkpoint's tensors in input order. Sizes are the
        tensors' byte sizes and no two tensors share storage (a file's tensors never do), so
        the generic factory is used: split_torch_state_dict_into_shards would group all
        zero-size tensors as one "shared storage" (they all have data_ptr 0)."""
        return split_state_dict_into_shards_factory(
            {n: self.tensors[n] for n in order}, get_storage_size=lambda t: len(tensor_bytes(t)),
            filename_pattern=prefix + "{suffix}.safetensors", max_shard_size=max_bytes)

    def assertShardedLikeReference(self, out, order, max_bytes, prefix="model"):
        split = self.expected_split(order, max_bytes, prefix)
        self.assertTrue(split.is_sharded, "test setup: expected several shards")
        index_name = f"{prefix}.safetensors.index.json"
        self.assertEqual(sorted(p.name for p in out.iterdir()), sorted([*split.filename_to_tensors, index_name]),
                         f"files written for max size {max_bytes}")
        index = json.loads((out / index_name).read_text())
        # As huggingface_hub.save_torch_state_dict writes it (no extra metadata given).
        want_index = {"metadata": dict(split.metadata), "weight_map": split.tensor_to_filename}
        self.assertEqual(index["metadata"], want_index["metadata"], "index metadata")
        self.assertEqual(index["weight_map"], want_index["weight_map"], "index weight_map (shard of each tensor)")
        self.assertEqual(set(index), {"metadata", "weight_map"}, "index keys")
        for filename, names in split.filename_to_tensors.items():
            self.assertFileLikeReference(out / filename, names, f"max {max_bytes}")

    def test_single_file_is_save_file(self):
        out = self.reshard(self.input, "single", "--max-shard-size", "5GB")
        self.assertEqual([p.name for p in out.iterdir()], ["model.safetensors"])
        self.assertFileLikeReference(out / "model.safetensors", self.order, "single")

    def test_default_max_size_is_one_shard(self):
        out = self.reshard(self.input, "default")
        self.assertEqual([p.name for p in out.iterdir()], ["model.safetensors"])

    def test_sharded_decimal_units(self):
        for size in ["5KB", "9KB"]:
            with self.subTest(size=size):
                out = self.reshard(self.input, f"sharded-{size}", "--max-shard-size", size)
                self.assertShardedLikeReference(out, self.order, parse_size_to_int(size))

    def test_sharded_bytes_and_binary_units(self):
        # huggingface_hub parses only KB/MB/GB/TB; binary units are 1024-based as accelerate's.
        for size, max_bytes in [("6000", 6000), ("6KiB", 6 * 1024)]:
            with self.subTest(size=size):
                out = self.reshard(self.input, f"sharded-{size}", "--max-shard-size", size)
                self.assertShardedLikeReference(out, self.order, max_bytes)

    def test_prefix(self):
        out = self.reshard(self.input, "prefixed", "--max-shard-size", "5KB", "--prefix", "weights")
        self.assertShardedLikeReference(out, self.order, 5000, prefix="weights")

    def test_sharded_input_keeps_index_order(self):
        """Input sharded by huggingface_hub itself; Lathe's input order is files in index order,
        each file's tensors in header order (read here from the raw headers)."""
        source = self.tmp / "hub-sharded"
        source.mkdir()
        save_torch_state_dict({n: self.tensors[n] for n in self.order}, source, max_shard_size="4KB")
        index = json.loads((source / "model.safetensors.index.json").read_text())
        order = []
        for shard in sorted(set(index["weight_map"].values())):
            order += [k for k, _ in cs.read_raw_header(source / shard)[1] if k != "__metadata__"]
        self.assertEqual(sorted(order), sorted(self.order), "test setup: hub kept every tensor")
        out = self.reshard(source, "from-hub", "--max-shard-size", "9KB")
        self.assertShardedLikeReference(out, order, 9000)
        out = self.reshard(source / "model.safetensors.index.json", "from-hub-index", "--max-shard-size", "9KB")
        self.assertShardedLikeReference(out, order, 9000)


if __name__ == "__main__":
    cs.main()
