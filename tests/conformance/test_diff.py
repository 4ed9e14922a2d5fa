"""`lathe-cli diff A B --json` against torch: statuses from how the test built B, and
max |b - a| and ||b - a||_F / ||a||_F from torch in float64 (within 1e-9 relative).
B is written by huggingface_hub's sharded writer, A by safetensors' single-file writer, so
the comparison also spans two layouts of a checkpoint.
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import math

import safetensors.torch
import torch
from huggingface_hub import save_torch_state_dict

SAFETENSORS_NAME = {torch.float32: "F32", torch.bfloat16: "BF16", torch.float16: "F16", torch.int32: "I32",
                    torch.int64: "I64", torch.uint8: "U8", torch.float8_e4m3fn: "F8_E4M3",
                    torch.float64: "F64"}


def perturb(t, gen, count, scale):
    """A copy with `count` random elements moved by up to `scale` (in the tensor's dtype)."""
    flat = t.clone().reshape(-1)
    idx = torch.randperm(flat.numel(), generator=gen)[:count]
    delta = (torch.rand(count, generator=gen, dtype=torch.float64) * 2 - 1) * scale
    flat[idx] = (flat[idx].to(torch.float64) + delta).to(t.dtype)
    return flat.reshape(t.shape)


def build():
    gen = torch.Generator().manual_seed(99)
    a, b, status = {}, {}, {}

    def same(name, t):
        a[name], b[name], status[name] = t, t.clone(), "identical"

    def changed(name, ta, tb):
        a[name], b[name], status[name] = ta, tb, "changed"

    same("same.f32", torch.randn(64, 64, generator=gen))
    same("same.bf16", torch.randn(33, 7, generator=gen).to(torch.bfloat16))
    same("same.i64", torch.randint(-1000, 1000, (50,), generator=gen))
    same("same.scalar", torch.tensor(2.5))
    same("same.empty", torch.empty(0, 4))
    t = torch.randn(128, 256, generator=gen)
    changed("changed.f32.few", t, perturb(t, gen, 5, 0.5))
    t = torch.randn(200_000, generator=gen)
    changed("changed.f32.all", t, t + torch.randn(200_000, generator=gen) * 1e-3)
    t = torch.randn(300, 40, generator=gen).to(torch.bfloat16)
    changed("changed.bf16", t, perturb(t, gen, 200, 0.25))
    t = torch.randn(1000, generator=gen).to(torch.float16)
    changed("changed.f16", t, perturb(t, gen, 30, 1.0))
    t = torch.randint(-(2**31), 2**31 - 1, (5000,), dtype=torch.int32, generator=gen)
    changed("changed.i32", t, perturb(t, gen, 40, 1e6))
    t = torch.randint(-(2**40), 2**40, (5000,), dtype=torch.int64, generator=gen)
    changed("changed.i64", t, perturb(t, gen, 40, 1e9))
    t = torch.randint(0, 256, (4000,), dtype=torch.uint8, generator=gen)
    changed("changed.u8", t, perturb(t, gen, 40, 30).clamp(0, 255))
    t = (torch.randn(64, 64, generator=gen) * 10).to(torch.float8_e4m3fn)
    changed("changed.f8_e4m3", t, perturb(t.to(torch.float32), gen, 50, 4.0).to(torch.float8_e4m3fn))
    t = torch.randn(100, 100, generator=gen, dtype=torch.float64)
    changed("changed.f64.scalar_like", t[:1, :1].clone(), t[:1, :1] + 1e-12)
    t = torch.randn(256, 64, generator=gen)
    changed("cast.f32_to_bf16", t, t.to(torch.bfloat16))
    t = torch.randn(512, generator=gen).to(torch.float16)
    changed("cast.f16_to_f32.and_changed", t, perturb(t, gen, 10, 0.1).to(torch.float32) + 1e-4)
    changed("changed.from_zeros", torch.zeros(16, 16), torch.ones(16, 16) * 0.5)
    t = torch.randn(16, 32, generator=gen)
    a["reshaped"], b["reshaped"], status["reshaped"] = t, t.reshape(32, 16).clone(), "shape_changed"
    t = torch.randn(10, generator=gen)
    a["reshaped.and_cast"], b["reshaped.and_cast"] = t, t.reshape(2, 5).to(torch.float16)
    status["reshaped.and_cast"] = "shape_changed"
    a["removed.only_in_a"], status["removed.only_in_a"] = torch.randn(8, 8, generator=gen), "removed"
    b["added.only_in_b"], status["added.only_in_b"] = torch.randn(4, 4, generator=gen).to(torch.bfloat16), "added"
    return a, b, status


def reference(ta, tb):
    """torch float64: (max |b - a|, ||b - a||_F / ||a||_F); None where JSON has null (non-finite)."""
    a64, b64 = ta.to(torch.float64), tb.to(torch.float64)
    d = b64 - a64
    max_abs = float(d.abs().max()) if d.numel() else 0.0
    norm_a = float(torch.linalg.vector_norm(a64))
    norm_d = float(torch.linalg.vector_norm(d))
    rel = norm_d / norm_a if norm_a else (0.0 if norm_d == 0 else math.inf)
    return [v if math.isfinite(v) else None for v in (max_abs, rel)]


class TestDiff(cs.CliTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.a, cls.b, cls.status = build()
        cls.path_a = cls.tmp / "base.safetensors"
        safetensors.torch.save_file(cls.a, cls.path_a)
        cls.path_b = cls.tmp / "modified"
        cls.path_b.mkdir()
        save_torch_state_dict(cls.b, cls.path_b, max_shard_size="200KB")
        assert (cls.path_b / "model.safetensors.index.json").exists(), "test setup: B should be sharded"

    def dtype_name(self, t):
        return SAFETENSORS_NAME[t.dtype]

    def test_statuses_and_values(self):
        got = self.cli_json("diff", self.path_a, self.path_b)
        entries = {}
        for e in got["tensors"]:
            self.assertNotIn(e["name"], entries, f"{e['name']} listed twice")
            entries[e["name"]] = e
        self.assertEqual(sorted(entries), sorted(self.status), "tensors listed (the union of A and B)")
        for name, want_status in sorted(self.status.items()):
            e = entries[name]
            ta, tb = self.a.get(name), self.b.get(name)
            with self.subTest(tensor=name):
                self.assertEqual(e["status"], want_status, f"{name}: status")
                self.assertEqual(e["dtype_a"], self.dtype_name(ta) if ta is not None else None, f"{name}: dtype_a")
                self.assertEqual(e["dtype_b"], self.dtype_name(tb) if tb is not None else None, f"{name}: dtype_b")
                self.assertEqual(e["shape_a"], list(ta.shape) if ta is not None else None, f"{name}: shape_a")
                self.assertEqual(e["shape_b"], list(tb.shape) if tb is not None else None, f"{name}: shape_b")
                if want_status in ("added", "removed", "shape_changed"):
                    self.assertIsNone(e["max_abs_diff"], f"{name}: max_abs_diff not computed for {want_status}")
                    self.assertIsNone(e["relative_frobenius"], f"{name}: relative_frobenius not computed")
                    continue
                if want_status == "identical":
                    # "null where not computed": an identical tensor may be reported as 0 or null.
                    for key in ["max_abs_diff", "relative_frobenius"]:
                        self.assertIn(e[key], (0, None), f"{name}: {key} of an identical tensor")
                    continue
                for key, want in zip(["max_abs_diff", "relative_frobenius"], reference(ta, tb)):
                    if want is None:
                        self.assertIsNone(e[key], f"{name}: {key} is infinite in torch, so null")
                    else:
                        self.assertIsNotNone(e[key], f"{name}: {key} is null, torch float64 says {want!r}")
                        self.assertLessEqual(abs(e[key] - want), 1e-9 * abs(want),
                                             f"{name}: {key}: lathe-cli {e[key]!r}, torch float64 {want!r}")
        counts = {}
        for s in self.status.values():
            counts[s] = counts.get(s, 0) + 1
        summary = got["summary"]
        self.assertIsInstance(summary, dict, "summary")
        for s, n in counts.items():
            if s in summary:
                self.assertEqual(summary[s], n, f"summary[{s!r}]")

    def test_same_checkpoint_in_two_layouts_is_identical(self):
        again = self.tmp / "base-sharded"
        again.mkdir()
        save_torch_state_dict(self.a, again, max_shard_size="100KB")
        got = self.cli_json("diff", self.path_a, again)
        self.assertEqual(sorted(e["name"] for e in got["tensors"]), sorted(self.a))
        for e in got["tensors"]:
            self.assertEqual(e["status"], "identical", f"{e['name']}: same bytes in both files")

    def test_swapped_arguments(self):
        got = self.cli_json("diff", self.path_b, self.path_a)
        by_name = {e["name"]: e["status"] for e in got["tensors"]}
        self.assertEqual(by_name["removed.only_in_a"], "added")
        self.assertEqual(by_name["added.only_in_b"], "removed")
        e = next(e for e in got["tensors"] if e["name"] == "changed.f32.few")
        want = reference(self.b["changed.f32.few"], self.a["changed.f32.few"])  # ||a-b|| / ||b|| now
        self.assertLessEqual(abs(e["relative_frobenius"] - want[1]), 1e-9 * want[1], "relative_frobenius, swapped")


if __name__ == "__main__":
    cs.main()
