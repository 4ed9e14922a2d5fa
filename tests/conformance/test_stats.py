"""`lathe-cli stats --json` against torch (float64 over the finite values) and numpy.histogram.

Tensors cover every bit pattern of the 8- and 16-bit float formats (NaN, infinities, -0,
subnormals), random data with injected NaN/Inf/zeros for 32/64-bit floats, full-range
integers, complex64 (stats of |z|) and the edge cases: one element, no finite element, no
element at all, a constant tensor.
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import math

import numpy as np
import safetensors.torch
import torch

FLOAT8 = [torch.float8_e4m3fn, torch.float8_e5m2, torch.float8_e4m3fnuz, torch.float8_e5m2fnuz,
          torch.float8_e8m0fnu]
INTEGERS = [torch.int8, torch.uint8, torch.int16, torch.uint16, torch.int32, torch.uint32,
            torch.int64, torch.uint64]


def bit_patterns(dtype, bits):
    """Every bit pattern of an 8- or 16-bit dtype, once each."""
    patterns = torch.arange(1 << bits, dtype=torch.int32).to(torch.uint8 if bits == 8 else torch.uint16)
    return patterns.view(dtype)


def random_bits(gen, dtype, count):
    size = torch.empty((), dtype=dtype).element_size()
    return torch.randint(0, 256, (count * size,), dtype=torch.uint8, generator=gen).view(dtype)


def inject_specials(t, gen, with_inf=True):
    """Overwrites a few random positions with NaN, +-Inf, +0 and -0."""
    t = t.clone()
    n = t.numel()
    specials = [math.nan] * 7 + ([math.inf] * 5 + [-math.inf] * 3 if with_inf else []) + [0.0] * 11 + [-0.0] * 4
    positions = torch.randperm(n, generator=gen)[:len(specials)]
    for p, v in zip(positions.tolist(), specials):
        t[p] = v
    return t


def make_tensors():
    gen = torch.Generator().manual_seed(1234)
    t = {}
    for dtype, name in [(torch.bfloat16, "bf16"), (torch.float16, "f16")]:
        t[f"{name}.all_bit_patterns"] = bit_patterns(dtype, 16)
        t[f"{name}.randn"] = inject_specials((torch.randn(300_000, generator=gen) * 3 + 0.5).to(dtype), gen)
    t["f32.randn"] = inject_specials(torch.randn(400_000, generator=gen) * 0.02 - 0.001, gen).reshape(400, 1000)
    t["f32.random_bits"] = random_bits(gen, torch.float32, 100_000)
    t["f64.randn"] = inject_specials(torch.randn(200_000, generator=gen, dtype=torch.float64) * 1e3 + 7, gen)
    for dtype in FLOAT8:
        name = str(dtype).split(".")[1]
        t[f"{name}.all_bit_patterns"] = bit_patterns(dtype, 8)
        t[f"{name}.random_bits"] = random_bits(gen, dtype, 100_000).reshape(100, 10, 100)
    for dtype in INTEGERS:
        name = str(dtype).split(".")[1]
        t[f"{name}.random_bits"] = random_bits(gen, dtype, 100_000)
    # 64-bit integers within +-2^53, where float64 holds every value exactly.
    t["int64.small"] = torch.randint(-(2**53), 2**53, (50_000,), dtype=torch.int64, generator=gen)
    t["uint64.small"] = torch.randint(0, 2**53, (50_000,), dtype=torch.int64, generator=gen).to(torch.uint64)
    t["int32.zeros_and_ones"] = torch.randint(0, 2, (10_000,), dtype=torch.int32, generator=gen)
    z = torch.complex(torch.randn(100_000, generator=gen), torch.randn(100_000, generator=gen))
    z[10] = complex(math.nan, 1.0)
    z[20] = complex(math.inf, 2.0)
    z[30] = complex(0.0, -math.inf)
    z[40] = 0
    t["complex64.randn"] = z
    t["edge.one_element"] = torch.tensor([3.25], dtype=torch.float32)
    t["edge.scalar_bf16"] = torch.tensor(-1.5, dtype=torch.bfloat16)
    t["edge.all_nan"] = torch.full((10,), math.nan, dtype=torch.float32)
    t["edge.only_inf"] = torch.tensor([math.inf, -math.inf, math.nan], dtype=torch.float16)
    t["edge.empty"] = torch.empty((0, 3), dtype=torch.float32)
    t["edge.constant"] = torch.full((1000,), 2.5, dtype=torch.bfloat16)
    t["bool.random"] = torch.rand(1000, generator=gen) < 0.3
    return {k: v.contiguous() for k, v in t.items()}


def reference_stats(t):
    """torch in float64 over the finite elements; C64 as |z| (in float64 and in float32)."""
    if t.dtype == torch.complex64:
        x = t.to(torch.complex128).abs().flatten()
        x32 = t.abs().to(torch.float64).flatten()
    else:
        x = t.to(torch.float64).flatten()
        x32 = None
    finite = x[torch.isfinite(x)]
    n = finite.numel()
    ref = {
        "count": x.numel(), "finite": n, "nan": int(torch.isnan(x).sum()),
        "pos_inf": int((x == math.inf).sum()), "neg_inf": int((x == -math.inf).sum()),
        "zeros": int((x == 0).sum()),
        "min": float(finite.min()) if n else None, "max": float(finite.max()) if n else None,
        "mean": float(finite.mean()) if n else None,
        "std": float(finite.std()) if n > 1 else None,  # torch.std of one element is NaN -> null
        "max_abs": float(finite.abs().max()) if n else 0.0,
        "values": finite.numpy(),
    }
    if x32 is not None:
        f32 = x32[torch.isfinite(x32)]
        ref["min_f32"], ref["max_f32"] = float(f32.min()), float(f32.max())
        ref["values_f32"] = f32.numpy()
    return ref


class TestStats(cs.CliTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tensors = make_tensors()
        cls.path = cls.tmp / "stats.safetensors"
        safetensors.torch.save_file(cls.tensors, cls.path)
        cls.header = cs.header_dict(cs.read_raw_header(cls.path)[1])

    def stats(self, name, bins):
        return self.cli_json("stats", self.path, name, "--bins", bins)

    def assertClose(self, got, want, tol, what):
        self.assertIsNotNone(got, f"{what}: lathe-cli wrote null, reference {want!r}")
        self.assertLessEqual(abs(got - want), tol, f"{what}: lathe-cli {got!r}, reference {want!r}, "
                                                   f"|diff| {abs(got - want):.3g} > tolerance {tol:.3g}")

    def assertHistogram(self, got, ref, bins, what):
        hist = got["histogram"]
        counts = hist["counts"]
        if ref["finite"] == 0:
            # No finite element: no range to bin over. The contract does not say whether the
            # bins are then listed (all zero) or left out; both are accepted.
            self.assertIn(len(counts), (0, bins), f"{what}: number of bins")
            self.assertEqual(sum(counts), 0, f"{what}: histogram of no finite element")
            return
        self.assertEqual(len(counts), bins, f"{what}: number of bins")
        self.assertEqual(sum(counts), ref["finite"], f"{what}: histogram counts sum to the finite count")
        lo, hi = ref["min"], ref["max"]
        if lo == hi:  # numpy widens an empty range by 0.5 each side; only the sum is defined
            self.assertTrue(hist["lo"] <= lo <= hist["hi"], f"{what}: constant value outside [lo, hi]")
            return
        values = ref["values"]
        if "values_f32" in ref and (hist["lo"], hist["hi"]) == (ref["min_f32"], ref["max_f32"]):
            lo, hi, values = ref["min_f32"], ref["max_f32"], ref["values_f32"]  # |z| in float32
        self.assertEqual((hist["lo"], hist["hi"]), (lo, hi), f"{what}: histogram range is [min, max]")
        want, edges = np.histogram(values, bins=bins, range=(lo, hi))
        diff = np.asarray(counts, dtype=np.int64) - want
        if not diff.any():
            return
        # Allowed: a value on an interior bin edge, or within rounding of it, counted in the
        # neighbouring bin. numpy puts a value exactly on an edge in the bin above and corrects
        # its index against linspace edges; a direct formula such as floor((v - lo) / width)
        # rounds (v - lo), with an absolute error of a few ulp of max(|lo|, |hi|), and width,
        # so for values within that distance of an edge the bin is a matter of the last bit.
        # Moving values across edge i changes the prefix sum of `diff` at i by their number:
        # down (values at/above the edge) makes it positive, up (values below) negative.
        tol = 4 * np.finfo(np.float64).eps * max(abs(lo), abs(hi))
        interior = edges[1:-1]
        near_above = [int(np.sum((values >= e) & (values <= e + tol))) for e in interior]
        near_below = [int(np.sum((values < e) & (values >= e - tol))) for e in interior]
        prefix = np.cumsum(diff)
        ok = prefix[-1] == 0 and all(-near_below[i] <= prefix[i] <= near_above[i] for i in range(bins - 1))
        bad = [(int(i), int(counts[i]), int(want[i])) for i in np.flatnonzero(diff)][:10]
        self.assertTrue(ok, f"{what}: histogram differs from numpy.histogram(range=({lo!r}, {hi!r}), "
                            f"bins={bins}) beyond values on bin edges; (bin, lathe, numpy): {bad}")

    def check(self, name, bins=64):
        tensor = self.tensors[name]
        ref = reference_stats(tensor)
        got = self.stats(name, bins)
        what = name
        self.assertEqual(got["name"], name, f"{what}: name")
        self.assertEqual(got["dtype"], self.header[name]["dtype"], f"{what}: dtype")
        self.assertEqual(got["shape"], self.header[name]["shape"], f"{what}: shape")
        for key in ["count", "finite", "nan", "pos_inf", "neg_inf", "zeros"]:
            self.assertEqual(got[key], ref[key], f"{what}: {key}")
        for key in ["min", "max"]:
            if ref[key] is None:
                self.assertIsNone(got[key], f"{what}: {key} with no finite element")
            elif tensor.dtype == torch.complex64:
                # |z| is not a stored value: accept it computed exactly in float64 or in float32.
                self.assertIn(got[key], (ref[key], ref[key + "_f32"]), f"{what}: {key} of |z|")
            else:
                self.assertEqual(got[key], ref[key], f"{what}: {key} (exact)")
        # Tolerance: 1e-6 relative, with a floor of 1e-9 x max|x| for results near zero: a
        # float64 sum of n values up to M is itself only exact to ~n*eps*M (torch's included).
        for key in ["mean", "std"]:
            if ref[key] is None:
                self.assertIsNone(got[key], f"{what}: {key} is undefined here (null), got {got[key]!r}")
            else:
                self.assertClose(got[key], ref[key], max(1e-6 * abs(ref[key]), 1e-9 * ref["max_abs"]),
                                 f"{what}: {key}")
        self.assertHistogram(got, ref, bins, what)

    def test_16_bit_floats(self):
        for name in ["bf16.all_bit_patterns", "bf16.randn", "f16.all_bit_patterns", "f16.randn"]:
            with self.subTest(tensor=name):
                self.check(name)

    def test_32_and_64_bit_floats(self):
        for name in ["f32.randn", "f32.random_bits", "f64.randn"]:
            with self.subTest(tensor=name):
                self.check(name)

    def test_float8(self):
        for dtype in FLOAT8:
            for kind in ["all_bit_patterns", "random_bits"]:
                name = f"{str(dtype).split('.')[1]}.{kind}"
                with self.subTest(tensor=name):
                    self.check(name, bins=50)

    def test_integers(self):
        for dtype in INTEGERS:
            name = f"{str(dtype).split('.')[1]}.random_bits"
            with self.subTest(tensor=name):
                self.check(name)
        for name in ["int64.small", "uint64.small", "int32.zeros_and_ones"]:
            with self.subTest(tensor=name):
                self.check(name)

    def test_complex64_magnitude(self):
        self.check("complex64.randn")

    def test_bin_counts(self):
        for bins in [1, 7, 100, 1000]:
            with self.subTest(bins=bins):
                self.check("bf16.randn", bins=bins)
                self.check("f32.randn", bins=bins)

    def test_edge_cases(self):
        for name in ["edge.all_nan", "edge.only_inf", "edge.empty", "edge.constant"]:
            with self.subTest(tensor=name):
                self.check(name, bins=10)

    def test_one_element_std_is_torch_nan(self):
        """torch.std of one element is NaN (n-1 = 0), which the contract writes as null."""
        for name in ["edge.one_element", "edge.scalar_bf16"]:
            with self.subTest(tensor=name):
                self.check(name, bins=10)

    def test_bool(self):
        """BOOL as 0/1 (what torch's .to(float64) gives)."""
        self.check("bool.random", bins=2)


if __name__ == "__main__":
    cs.main()
