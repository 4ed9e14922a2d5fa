"""The CLI contract on malformed checkpoints: exit 2, stderr starting `error: ` and naming
the file, nothing on stdout with --json. For each single-file case the reference reader
(safetensors.safe_open) must reject the same file too, so every case is a file the format
itself calls invalid -- except where Lathe is deliberately stricter, said at the case.
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import json
import struct

import safetensors.torch
import torch
from safetensors import safe_open


ALL = ("inspect", "stats", "diff")


def valid_file(path, tensors=None):
    tensors = tensors or {"a": torch.arange(6, dtype=torch.float32).reshape(2, 3), "b": torch.ones(4, dtype=torch.int16)}
    safetensors.torch.save_file(tensors, path, metadata={"format": "pt"})
    return path


def header(entries, metadata=None):
    h = {"__metadata__": metadata} if metadata is not None else {}
    h.update(entries)
    return json.dumps(h, separators=(",", ":"))


def entry(dtype, shape, begin, end):
    return {"dtype": dtype, "shape": shape, "data_offsets": [begin, end]}


class TestBadInput(cs.CliTestCase):
    def assertRejectedByLathe(self, path, names_in_message, what, commands=("inspect",)):
        """inspect (with and without --json; optionally stats/diff with --json) exit 2 with an
        `error: ` line naming the file (each lathe-cli start costs ~0.15 s, so the other
        commands are checked on one case of each kind)."""
        for command in commands:
            args = {"inspect": ["inspect", path], "stats": ["stats", path, "a"], "diff": ["diff", path, path]}[command]
            for json_flag in (["--json"], []) if command == "inspect" else (["--json"],):
                proc = cs.run_cli([*args, *json_flag], cwd=self.tmp)
                where = f"{what}: lathe-cli {command} {' '.join(json_flag)}"
                self.assertEqual(proc.returncode, 2, f"{where}: exit code (2 = bad input)\n{cs.describe(proc)}")
                self.assertTrue(proc.stderr.startswith("error: "), f"{where}: stderr must start 'error: '\n{cs.describe(proc)}")
                first_line = proc.stderr.splitlines()[0]
                for name in names_in_message:
                    self.assertIn(name, first_line, f"{where}: the error names {name!r}\n{cs.describe(proc)}")
                if json_flag:
                    self.assertEqual(proc.stdout, "", f"{where}: nothing on stdout with --json\n{cs.describe(proc)}")

    def assertReferenceRejects(self, path, what):
        with self.assertRaises(Exception, msg=f"{what}: safetensors.safe_open accepted {path.name}; "
                                              "the case is not invalid for the reference"):
            with safe_open(path, framework="pt") as f:
                for k in f.keys():
                    f.get_tensor(k)

    def assertReferenceAccepts(self, path, what):
        try:
            with safe_open(path, framework="pt") as f:
                for k in f.keys():
                    f.get_tensor(k)
        except Exception as e:  # noqa: BLE001 -- any rejection means the premise changed
            self.fail(f"{what}: expected the reference to accept {path.name} (Lathe is stricter there), "
                      f"but safe_open raised {type(e).__name__}: {e}")

    def single_file_case(self, name, make, commands=("inspect",)):
        path = self.tmp / f"{name}.safetensors"
        make(path)
        with self.subTest(case=name):
            self.assertReferenceRejects(path, name)
            self.assertRejectedByLathe(path, [path.name], name, commands)

    def test_truncated(self):
        def data_cut(path):
            whole = valid_file(path).read_bytes()
            path.write_bytes(whole[:-5])

        def header_cut(path):
            whole = valid_file(path).read_bytes()
            path.write_bytes(whole[:40])

        self.single_file_case("truncated_data", data_cut, ALL)
        self.single_file_case("truncated_header", header_cut)
        self.single_file_case("shorter_than_length_prefix", lambda p: p.write_bytes(b"\x10\x00\x00"))
        self.single_file_case("empty_file", lambda p: p.write_bytes(b""))

    def test_header_length_over_limit(self):
        # N = 100,000,001 > MAX_HEADER_SIZE: rejected before anything is read (HeaderTooLarge).
        self.single_file_case("header_too_large", lambda p: cs.write_raw(p, "{}", length=100_000_001), ALL)
        self.single_file_case("header_length_2_64_minus_1", lambda p: cs.write_raw(p, "{}", length=2**64 - 1))

    def test_trailing_bytes(self):
        self.single_file_case("trailing_bytes", lambda p: p.write_bytes(valid_file(p).read_bytes() + b"junk"), ALL)

    def test_hole_and_overlap(self):
        self.single_file_case("hole_at_start", lambda p: cs.write_raw(
            p, header({"a": entry("U8", [2], 2, 4)}), bytes(4)))
        self.single_file_case("hole_between", lambda p: cs.write_raw(
            p, header({"a": entry("U8", [2], 0, 2), "b": entry("U8", [2], 4, 6)}), bytes(6)), ALL)
        self.single_file_case("overlap", lambda p: cs.write_raw(
            p, header({"a": entry("F32", [1], 0, 4), "b": entry("F32", [1], 2, 6)}), bytes(6)), ALL)
        self.single_file_case("end_before_begin", lambda p: cs.write_raw(
            p, header({"a": entry("U8", [0], 4, 0), "b": entry("U8", [4], 0, 4)}), bytes(4)))

    def test_shape_dtype_length_mismatch(self):
        self.single_file_case("shape_times_dtype_too_big", lambda p: cs.write_raw(
            p, header({"a": entry("F16", [2, 4], 0, 12)}), bytes(12)), ALL)
        self.single_file_case("shape_times_dtype_too_small", lambda p: cs.write_raw(
            p, header({"a": entry("F32", [3], 0, 16)}), bytes(16)))
        self.single_file_case("f4_odd_bit_count", lambda p: cs.write_raw(
            p, header({"a": entry("F4", [3], 0, 2)}), bytes(2)))
        self.single_file_case("shape_overflows_64_bits", lambda p: cs.write_raw(
            p, header({"a": entry("F64", [2**40, 2**40], 0, 8)}), bytes(8)))

    def test_unknown_dtype(self):
        for dtype in ["F128", "f32", "FLOAT32", "F8_E4M3FN", ""]:
            self.single_file_case(f"dtype_{dtype or 'empty'}", lambda p, d=dtype: cs.write_raw(
                p, header({"a": entry(d, [1], 0, 4)}), bytes(4)), ALL if dtype == "F128" else ("inspect",))

    def test_non_string_metadata(self):
        for label, meta in [("number", '{"n":1}'), ("object", '{"n":{"x":"y"}}'), ("null_value", '{"n":null}'),
                            ("array", '{"n":["x"]}'), ("not_an_object", '"text"')]:
            self.single_file_case(f"metadata_{label}", lambda p, m=meta: cs.write_raw(
                p, '{"__metadata__":' + m + ',"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"\0"),
                ALL if label == "number" else ("inspect",))

    def test_malformed_json(self):
        cases = {
            "not_json": "this is not json",
            "array_header": "[1,2]",
            "trailing_text": '{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}} x',
            "negative_shape": '{"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}',
            "float_offset": '{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1.0]}}',
            "missing_offsets": '{"a":{"dtype":"U8","shape":[1]}}',
            "three_offsets": '{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1,1]}}',
        }
        for name, text in cases.items():
            self.single_file_case(name, lambda p, t=text: cs.write_raw(p, t, b"\0"))
        self.single_file_case("invalid_utf8", lambda p: cs.write_raw(
            p, b'{"\xff":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"\0"))

    def test_duplicate_key(self):
        # Lathe is stricter than the reference here (spec C.3): serde keeps the last of two
        # equal tensor keys, so a file whose duplicates are identical passes the reference
        # reader; Lathe rejects any duplicate key, as the format README says it must.
        path = cs.write_raw(self.tmp / "duplicate_tensor.safetensors",
                            '{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},'
                            '"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"\0")
        self.assertReferenceAccepts(path, "duplicate tensor key")
        self.assertRejectedByLathe(path, [path.name], "duplicate tensor key", ("inspect", "stats", "diff"))
        # Both reject a duplicate metadata key? serde's HashMap keeps the last one, so the
        # reference accepts it; Lathe rejects it.
        path = cs.write_raw(self.tmp / "duplicate_metadata_key.safetensors",
                            '{"__metadata__":{"k":"v","k":"w"},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}',
                            b"\0")
        self.assertReferenceAccepts(path, "duplicate metadata key")
        self.assertRejectedByLathe(path, [path.name], "duplicate metadata key")
        # A repeated __metadata__ is a serde duplicate-field error: both reject it.
        self.single_file_case("duplicate_metadata_object", lambda p: cs.write_raw(
            p, '{"__metadata__":{"k":"v"},"__metadata__":{"k":"v"},'
               '"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', b"\0"))

    # Index cases: safetensors has no reader for index files, so there is no reference verdict;
    # Lathe rejects what transformers would fail on only when loading the weights.
    def sharded_folder(self, name):
        folder = self.tmp / name
        folder.mkdir()
        valid_file(folder / "model-00001-of-00002.safetensors", {"a": torch.ones(3)})
        valid_file(folder / "model-00002-of-00002.safetensors", {"b": torch.zeros(2, 2)})
        return folder

    def write_index(self, folder, weight_map):
        path = folder / "model.safetensors.index.json"
        path.write_text(json.dumps({"metadata": {"total_size": 28}, "weight_map": weight_map}))
        return path

    def test_index_names_missing_shard(self):
        folder = self.sharded_folder("missing_shard")
        index = self.write_index(folder, {"a": "model-00001-of-00002.safetensors",
                                          "b": "model-00002-of-00002.safetensors",
                                          "c": "model-00003-of-00003.safetensors"})
        self.assertRejectedByLathe(index, ["model-00003-of-00003.safetensors"], "index names a missing shard")
        self.assertRejectedByLathe(folder, ["model-00003-of-00003.safetensors"], "folder: index names a missing shard")

    def test_index_names_tensor_absent_from_shard(self):
        folder = self.sharded_folder("absent_tensor")
        index = self.write_index(folder, {"a": "model-00001-of-00002.safetensors",
                                          "b": "model-00002-of-00002.safetensors",
                                          "ghost.weight": "model-00002-of-00002.safetensors"})
        self.assertRejectedByLathe(index, ["ghost.weight"], "index names a tensor its shard lacks")
        self.assertRejectedByLathe(folder, ["ghost.weight"], "folder: index names a tensor its shard lacks")

    def test_index_with_invalid_shard(self):
        folder = self.sharded_folder("invalid_shard")
        shard = folder / "model-00002-of-00002.safetensors"
        shard.write_bytes(shard.read_bytes() + b"trailing")
        self.assertReferenceRejects(shard, "trailing bytes in a shard")
        index = self.write_index(folder, {"a": "model-00001-of-00002.safetensors",
                                          "b": "model-00002-of-00002.safetensors"})
        self.assertRejectedByLathe(index, [shard.name], "index with a shard that has trailing bytes")

    def test_missing_path(self):
        proc = cs.run_cli(["inspect", self.tmp / "does-not-exist.safetensors", "--json"], cwd=self.tmp)
        self.assertIn(proc.returncode, (1, 2), cs.describe(proc))
        self.assertTrue(proc.stderr.startswith("error: ") and "does-not-exist.safetensors" in proc.stderr,
                        cs.describe(proc))
        self.assertEqual(proc.stdout, "", cs.describe(proc))


if __name__ == "__main__":
    cs.main()
