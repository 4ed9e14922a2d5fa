"""`lathe-cli forward` and `lathe-cli generate --ids` against transformers 5.23.0 on the tiny
random models of tiny_models.py (19 variants of Llama, Mistral, Qwen2, Qwen3, Gemma 2, Gemma 3
and Phi-3, each quirk of architectures.md switched on, saved as float32 and as bfloat16).

Forward (`forward --model DIR --ids … --out FILE.safetensors`: tensor `logits`, F32,
[seq, vocab]) on id sequences of lengths 1, 7, 40 and 70 (70 > every sliding window; Phi-3
longrope also 48 and 49, either side of original_max_position_embeddings 48). The error of a
sequence is  err(x, ref) = max |x - ref| / max |ref|  over all [seq, vocab] logits.

  f32 folders:   err(lathe, transformers float32) <= 1e-4.  transformers' own float32 error
                 against float64 on these models is ~1e-6 (measured and printed by
                 TestReferenceSanity.test_float32_noise, which requires <= 1e-5), so 1e-4 leaves
                 room for a different summation order while a wrong formula (a missing bias,
                 norm, softcap or rope factor, a window off by one) moves logits by >= 1e-2
                 (TestReferenceSanity.test_quirks_matter).
  bf16 folders:  Lathe computes in float32 from the bf16 weights, so
                 (a) err(lathe, transformers float32 on the same weights upcast) <= 1e-4, as above;
                 (b) against transformers' native bf16 forward, whose every activation is rounded
                     to bf16 (relative step 2^-8): its own distance to (a)'s reference,
                     e_bf16 = err(transformers bf16, transformers f32), is measured on the same
                     input, and Lathe must satisfy err(lathe, transformers bf16) <= 2 e_bf16 + 1e-4.
                     An engine computing in float32 lands within e_bf16 + 1e-4 (triangle
                     inequality with (a)); the factor 2 admits an engine that rounds to bf16 at
                     other points than transformers does (its own error, of the same size as
                     e_bf16, on top), and no more. The measured e_bf16 are printed.

Generate (`generate --model DIR --ids … --max-new-tokens 32 --temperature 0 --json`) against
transformers' `model.generate(do_sample=False, max_new_tokens=32)` on the float32 model (bf16
folders: weights upcast, as Lathe computes), precomputed by tiny_models.py when it builds the
model (cached with it). The generated ids must be identical, including the eos token
transformers stops on (eos from generation_config.json, a list in some variants) and the
finish_reason "eos" or "length". Prompts were chosen so that transformers' greedy path keeps a
top-2 gap >= 2e-3 of the largest logit at every step (20x the forward bound), so a correct
engine cannot flip a token by rounding; a failure names the first differing position and the
reference's top-2 gap there. Phi-3 longrope generates from 3 ids (35 positions <= 48: short
factors throughout) and from 50 ids (long factors throughout), never across the threshold:
transformers keeps the keys it cached with the short factors when a generation crosses it,
which is a property of its cache rather than of the model.

lathe-cli runs with LATHE_THREADS=2.
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import functools
import json
import os
import re
import sys
import tempfile
import unittest
from pathlib import Path

import torch
from safetensors.torch import load_file

import tiny_models as tm

os.environ["LATHE_THREADS"] = "2"

F32_BOUND = 1e-4
BF16_FACTOR = 2.0
BF16_EPS = 1e-4
QUIRK_MIN = 1e-2   # a switched-off quirk must move the logits by at least this (relative)
NOISE_MAX = 1e-5   # transformers float32 vs float64

# LATHE_MODEL_FILTER=REGEX: only the variants whose name matches (by hand, when debugging one).
MODELS = tm.build_all()
if os.environ.get("LATHE_MODEL_FILTER"):
    MODELS = {n: m for n, m in MODELS.items() if re.search(os.environ["LATHE_MODEL_FILTER"], n)
              or any(re.search(os.environ["LATHE_MODEL_FILTER"], o.name) for o in MODELS.values()
                     if o.variant.old_style_of == n)}
BASES = [m for m in MODELS.values() if not m.variant.old_style_of]


@functools.lru_cache(maxsize=None)
def reference(folder, dtype=torch.float32):
    return tm.load_hf(folder, dtype)


@functools.lru_cache(maxsize=None)
def reference_logits(folder, ids, dtype=torch.float32):
    return tm.hf_logits(reference(folder, dtype), list(ids))


def rel_err(x, ref):
    return float((x - ref).abs().max() / ref.abs().max())


def describe_mismatch(got, ref, bound):
    """Where the logits differ: the worst entry, and the positions whose error passes the bound."""
    diff = (got - ref).abs()
    scale = float(ref.abs().max())
    pos, col = divmod(int(diff.argmax()), diff.shape[1])
    per_pos = (diff.amax(dim=1) / scale).tolist()
    bad = [i for i, e in enumerate(per_pos) if e > bound]
    return (f"worst at position {pos}, id {col}: lathe {float(got[pos, col]):.6g}, reference "
            f"{float(ref[pos, col]):.6g}; positions over the bound: {bad[:20]}"
            f"{' …' if len(bad) > 20 else ''} (first error {per_pos[bad[0]]:.2e} at {bad[0]})" if bad else "")


def ids_arg(ids):
    return ",".join(map(str, ids))


def lathe_cli_knows(command):
    proc = cs.run_cli([command])
    return not re.search(r"unknown command", proc.stderr)


class TestReferenceSanity(unittest.TestCase):
    """The test data is meaningful: transformers' logits on these models are far from flat, the
    old-style configs load to the same model, every quirk moves the logits, and transformers'
    float32 is close enough to float64 for the 1e-4 bound. No lathe-cli involved."""

    def test_logits_and_attention_not_flat(self):
        for m in BASES:
            with self.subTest(model=m.name):
                folder = m.folder("f32")
                ids = m.meta("f32")["forward_ids"][-1]
                model = reference(folder)
                with torch.no_grad():
                    out = model(input_ids=torch.tensor([ids]), output_attentions=True)
                logits = out.logits[0]
                self.assertGreater(float(logits.std(dim=-1).min()), 0.1, "logits nearly flat")
                self.assertGreaterEqual(len(set(logits.argmax(dim=-1).tolist())), 5, "argmax barely varies")
                # attention entropy relative to uniform over the keys each query sees (<= 1)
                rel = []
                for att in out.attentions:
                    att = att[0]
                    visible = (att > 0).sum(-1).clamp_min(2).float()
                    ent = -(att.clamp_min(1e-30).log() * att).sum(-1)
                    rel.append(float((ent / visible.log())[:, 8:].mean()))
                print(f"  {m.name:24s} attention entropy / uniform per layer: "
                      + " ".join(f"{r:.2f}" for r in rel), file=sys.stderr)
                self.assertLess(min(rel), 0.9, "attention nearly uniform in every layer")

    def test_old_style_configs_load_the_same_model(self):
        for m in MODELS.values():
            if not m.variant.old_style_of:
                continue
            base = MODELS[m.variant.old_style_of]
            for dtype in tm.DTYPES:
                for ids in m.meta(dtype)["forward_ids"]:
                    with self.subTest(model=m.name, dtype=dtype, seq=len(ids)):
                        old = reference_logits(m.folder(dtype), tuple(ids))
                        new = reference_logits(base.folder(dtype), tuple(ids))
                        self.assertLessEqual(rel_err(old, new), 1e-6)

    def test_float32_noise(self):
        for m in BASES:
            with self.subTest(model=m.name):
                folder = m.folder("f32")
                ids = m.meta("f32")["forward_ids"][-1]
                f64 = tm.hf_logits(tm.load_hf(folder, torch.float64), ids).double()
                f32 = reference_logits(folder, tuple(ids)).double()
                e = rel_err(f32, f64)
                print(f"  {m.name:24s} transformers f32 vs f64: {e:.1e}", file=sys.stderr)
                self.assertLessEqual(e, NOISE_MAX)

    def _variant_logits(self, m, ids, edit_config=None, edit_model=None):
        """transformers' logits of m (f32) with config.json edited and/or its parameters edited."""
        folder = m.folder("f32")
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            for f in folder.iterdir():
                (tmp / f.name).symlink_to(f)
            if edit_config:
                (tmp / "config.json").unlink()
                cfg = m.config("f32")
                edit_config(cfg)
                (tmp / "config.json").write_text(json.dumps(cfg))
            model = tm.load_hf(tmp)
            if edit_model:
                with torch.no_grad():
                    edit_model(model)
            return tm.hf_logits(model, ids)

    def test_quirks_matter(self):
        """Each quirk switched off (config or weights edited) moves transformers' logits on the
        longest sequence by >= QUIRK_MIN; where the quirk must be inert, they stay equal."""
        def set_(**kv):
            return lambda c: c.update(kv)

        def rope(**kv):
            return lambda c: c["rope_parameters"].update(kv)

        def all_full(c):
            c["layer_types"] = ["full_attention"] * c["num_hidden_layers"]

        def params(pattern, value):
            def edit(model):
                for name, p in model.named_parameters():
                    if re.search(pattern, name):
                        p.fill_(value)
            return edit

        lr = tm.BY_NAME["phi3-longrope"].config["rope_parameters"]
        cases = [
            # (variant, what, config edit, model edit, sequence index, "differs" | "equal")
            ("llama-llama3rope", "llama3 rope -> default", set_(rope_parameters={"rope_type": "default", "rope_theta": 10000.0}), None, -1, "differs"),
            ("llama-dynamic", "dynamic rope within max_position_embeddings = default", set_(rope_parameters={"rope_type": "default", "rope_theta": 10000.0}), None, -1, "equal"),
            ("mistral-swa", "no sliding window", set_(sliding_window=None), None, -1, "differs"),
            ("mistral-swa", "window 7 instead of 6", set_(sliding_window=7), None, -1, "differs"),
            ("qwen2-yarn", "yarn -> default rope", set_(rope_parameters={"rope_type": "default", "rope_theta": 10000.0}), None, -1, "differs"),
            ("qwen2-yarn", "yarn attention_factor 1", rope(attention_factor=1.0), None, -1, "differs"),
            ("qwen2-yarn", "q/k/v biases zero", None, params(r"\.bias$", 0.0), -1, "differs"),
            ("qwen2-swa", "use_sliding_window false", set_(use_sliding_window=False, layer_types=None), None, -1, "differs"),
            ("qwen2-swa", "layer 0 sliding too", set_(layer_types=["sliding_attention"] * 3), None, -1, "differs"),
            ("qwen3", "q_norm/k_norm weights 1", None, params(r"[qk]_norm\.weight$", 1.0), -1, "differs"),
            ("gemma2", "no attention softcap", set_(attn_logit_softcapping=None), None, -1, "differs"),
            ("gemma2", "no final softcap", set_(final_logit_softcapping=None), None, -1, "differs"),
            ("gemma2", "no sliding layers", all_full, None, -1, "differs"),
            ("gemma2", "query_pre_attn_scalar = head_dim", set_(query_pre_attn_scalar=24), None, -1, "differs"),
            ("gemma2", "post norms weight 0 (scale 1)", None, params(r"post_\w+layernorm\.weight$", 0.0), -1, "differs"),
            ("gemma3", "no sliding layers", all_full, None, -1, "differs"),
            ("gemma3", "local rope theta = global", lambda c: c["rope_parameters"]["sliding_attention"].update(rope_theta=1e6), None, -1, "differs"),
            ("gemma3", "global rope linear factor off", lambda c: c["rope_parameters"].update(full_attention={"rope_type": "default", "rope_theta": 1e6}), None, -1, "differs"),
            ("gemma3", "query_pre_attn_scalar = head_dim", set_(query_pre_attn_scalar=24), None, -1, "differs"),
            ("phi3-longrope", "long factors = short, 70 ids", rope(long_factor=lr["short_factor"]), None, -1, "differs"),
            ("phi3-longrope", "long factors = short, 49 ids", rope(long_factor=lr["short_factor"]), None, 4, "differs"),
            ("phi3-longrope", "long factors = short, 48 ids", rope(long_factor=lr["short_factor"]), None, 3, "equal"),
            ("phi3-longrope", "short factors = long, 48 ids", rope(short_factor=lr["long_factor"]), None, 3, "differs"),
            ("phi3-longrope", "longrope attention factor 1", rope(attention_factor=1.0), None, -1, "differs"),
            ("phi3-swa-mha", "no sliding window", set_(sliding_window=None), None, -1, "differs"),
        ]
        for name, what, edit_config, edit_model, index, expect in cases:
            if name not in MODELS:
                continue
            with self.subTest(model=name, quirk=what):
                m = MODELS[name]
                ids = m.meta("f32")["forward_ids"][index]
                base = reference_logits(m.folder("f32"), tuple(ids))
                e = rel_err(self._variant_logits(m, ids, edit_config, edit_model), base)
                print(f"  {name:18s} {what:42s} ({len(ids)} ids): {e:.1e}", file=sys.stderr)
                if expect == "differs":
                    self.assertGreaterEqual(e, QUIRK_MIN)
                else:
                    self.assertLessEqual(e, 1e-6)


class LatheTestCase(cs.CliTestCase):
    command = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not lathe_cli_knows(cls.command):
            raise AssertionError(f"lathe-cli ({cs.LATHE_CLI}) has no `{cls.command}` command")


class TestForward(LatheTestCase):
    command = "forward"
    figures = []

    @classmethod
    def tearDownClass(cls):
        if cls.figures:
            print("\nbf16 models: err = max|x - ref| / max|ref| per sequence\n"
                  f"  {'model':32s} {'seq':>4s} {'lathe-vs-f32':>13s} {'hf-bf16-vs-f32':>15s} "
                  f"{'lathe-vs-bf16':>14s} {'bound':>9s}", file=sys.stderr)
            for row in cls.figures:
                print("  {:32s} {:4d} {:13.2e} {:15.2e} {:14.2e} {:9.2e}".format(*row), file=sys.stderr)
        super().tearDownClass()

    def lathe_logits(self, folder, ids):
        out = self.tmp / "logits.safetensors"
        if out.exists():
            out.unlink()
        proc = cs.run_cli(["forward", "--model", folder, "--ids", ids_arg(ids), "--out", out])
        self.assertEqual(proc.returncode, 0, cs.describe(proc))
        _, pairs = cs.read_raw_header(out)
        header = cs.header_dict(pairs)
        self.assertIn("logits", header, f"{out}: tensors {list(header)}")
        self.assertEqual(header["logits"]["dtype"], "F32")
        logits = load_file(str(out))["logits"]
        self.assertTrue(torch.isfinite(logits).all(), "non-finite logits")
        return logits

    def check_forward(self, m, dtype):
        folder = m.folder(dtype)
        vocab = m.config(dtype)["vocab_size"]
        for ids in m.meta(dtype)["forward_ids"]:
            with self.subTest(seq=len(ids)):
                got = self.lathe_logits(folder, ids)
                self.assertEqual(list(got.shape), [len(ids), vocab], "logits shape [seq, vocab]")
                ref = reference_logits(folder, tuple(ids))
                e = rel_err(got, ref)
                self.assertLessEqual(e, F32_BOUND, f"{m.name} {dtype}, {len(ids)} ids: lathe vs "
                                     f"transformers float32: {e:.2e} > {F32_BOUND}; "
                                     + describe_mismatch(got, ref, F32_BOUND))
                if dtype == "bf16":
                    native = reference_logits(folder, tuple(ids), torch.bfloat16)
                    e_bf16 = rel_err(native, ref)
                    e_lathe = rel_err(got, native)
                    bound = BF16_FACTOR * e_bf16 + BF16_EPS
                    self.figures.append((m.name, len(ids), e, e_bf16, e_lathe, bound))
                    self.assertLessEqual(e_lathe, bound, f"{m.name} bf16, {len(ids)} ids: lathe vs "
                                         f"transformers bf16: {e_lathe:.2e} > {BF16_FACTOR} x {e_bf16:.2e} + "
                                         f"{BF16_EPS}")


class TestGenerate(LatheTestCase):
    command = "generate"

    def check_generate(self, m, dtype):
        folder = m.folder(dtype)
        for ref in m.meta(dtype)["generations"]:
            prompt, expected = ref["prompt"], ref["ids"]
            with self.subTest(prompt=len(prompt)):
                got = self.cli_json("generate", "--model", folder, "--ids", ids_arg(prompt),
                                    "--max-new-tokens", tm.GEN_NEW_TOKENS, "--temperature", "0")
                ids = got.get("ids")
                if ids != expected:
                    k = next((i for i, (a, b) in enumerate(zip(ids or [], expected)) if a != b), None)
                    if k is None:
                        why = (f"lathe generated {len(ids or [])} ids, transformers {len(expected)} "
                               f"(transformers' finish_reason {ref['finish_reason']!r}, eos ids "
                               f"{sorted(tm.eos_ids(folder))} from generation_config.json")
                        if ids == expected[:-1] and ref["finish_reason"] == "eos":
                            why += "; lathe left out the eos token, which transformers' output includes"
                    else:
                        a, b = ref["top2_ids"][k]
                        why = (f"first difference at generated position {k}: lathe {ids[k]}, "
                               f"transformers {expected[k]} (its top-2 there: {a}, {b}, gap "
                               f"{ref['top2_gap'][k]:.2e} of the largest logit)")
                    self.fail(f"{m.name} {dtype}, prompt {prompt}: {why}\n  lathe:        {ids}\n"
                              f"  transformers: {expected}")
                self.assertEqual(got.get("finish_reason"), ref["finish_reason"], "finish_reason")
                self.assertEqual(got.get("prompt_tokens"), len(prompt), "prompt_tokens")
                self.assertEqual(got.get("generated_tokens"), len(expected), "generated_tokens")


def _add_tests():
    for m in MODELS.values():
        for dtype in tm.DTYPES:
            slug = f"{m.name}_{dtype}".replace("-", "_")
            setattr(TestForward, f"test_{slug}",
                    lambda self, m=m, dtype=dtype: self.check_forward(m, dtype))
            setattr(TestGenerate, f"test_{slug}",
                    lambda self, m=m, dtype=dtype: self.check_generate(m, dtype))


_add_tests()

if __name__ == "__main__":
    cs.main()
