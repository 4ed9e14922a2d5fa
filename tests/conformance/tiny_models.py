"""Tiny random causal LMs for the model-runtime conformance tests, made with transformers' own
config and model classes and `save_pretrained` (transformers 5.23.0), one per architecture quirk
Lathe must reproduce (see /work/shared/specs/architectures.md):

  llama                 plain RoPE, untied, GQA 6:2, head_dim 12; eos an int the greedy path hits
  llama-tied            tied embeddings (no lm_head.weight in the file); eos a list in config.json
  llama-llama3rope      rope_type llama3 with original_max_position_embeddings 32 (all three bands
                        of the llama3 formula in use); eos a list only in generation_config.json
  llama-llama3rope-oldstyle  its weights, config.json rewritten to rope_theta/rope_scaling/torch_dtype
  llama-dynamic         rope_type dynamic (NTK): within max_position_embeddings it is plain RoPE
  mistral-swa           sliding_window 6 on every layer; explicit head_dim 24 != 64/4
  qwen2-yarn            q/k/v biases, yarn (factor 4, original 32: attention factor and ramp), tied
  qwen2-yarn-oldstyle   its weights; old keys ("type": "yarn") and, as Qwen2.5 configs have it,
                        sliding_window 6 with use_sliding_window false (the window must be ignored)
  qwen2-swa             use_sliding_window true, sliding_window 6, max_window_layers 1 (layer 0
                        full, layers 1-2 sliding; 5.23 writes layer_types)
  qwen2-swa-oldstyle    its weights, without layer_types (derived from max_window_layers)
  qwen3                 q_norm/k_norm, explicit head_dim 24 != 64/4, untied
  gemma2                (1+w) RMSNorm x4 per layer, embeddings x sqrt(80), GeGLU tanh, attention
                        softcap 2, final softcap 2.5, query_pre_attn_scalar 20 != head_dim 24,
                        sliding window 6 on alternating layers, tied
  gemma2-oldstyle       its weights, without layer_types, rope_theta/torch_dtype
  gemma3                Gemma3ForCausalLM: q/k norms, sliding pattern 3 over 4 layers (s s F s),
                        window 6, rope_local_base_freq 10000, global theta 1e6 with linear x8
  gemma3-oldstyle       its weights; rope_theta, rope_local_base_freq, rope_scaling,
                        sliding_window_pattern, no layer_types
  phi3-longrope         fused qkv_proj/gate_up_proj, longrope with short/long factors,
                        original_max_position_embeddings 48 of max 128 (attention factor 1.32)
  phi3-longrope-partial the same with partial_rotary_factor 0.5
  phi3-longrope-partial-oldstyle  its weights; rope_scaling {"type": "longrope"}, top-level
                        partial_rotary_factor, original_max_position_embeddings
  phi3-swa-mha          MHA (kv heads = heads), sliding_window 6 on every layer, plain RoPE

Every model is saved twice, as float32 (`f32/`) and as bfloat16 (`bf16/`, dtype "bfloat16"),
with a ByteLevel BPE tokenizer whose vocabulary is exactly the model's (so every id decodes).
Weights: transformers' init with initializer_range 0.15 (attention well away from uniform),
then every norm weight and bias made random (never the 1/0 defaults: a missing norm or bias
changes the logits).

Next to each folder, `<dtype>.json` holds what the tests use with it: "forward_ids", the
forward id sequences (lengths 1, 7 and beyond every sliding window / longrope threshold), and
"generations": transformers' `model.generate(do_sample=False, max_new_tokens=32)` on the folder
as saved (float32; bf16 folders upcast), as {"prompt", "ids" (generated, eos included),
"finish_reason", "top2_ids", "top2_gap"} per prompt. The prompts were chosen so that the greedy
path keeps a top-2 logit gap >= GAP_MIN (relative to the largest logit) at every step, and
generate (KV cache) agrees with the argmax of a full forward: a correct engine cannot flip a
token by rounding. The eos ids are set from the first prompt's path (the first token new to it
at a step in 20..29), so that generation stops on eos there, where the variant asks for it.

The cache: ${XDG_CACHE_HOME:-~/.cache}/lathe/tiny-models/<name>-<hash>/ where the hash covers
the variant's parameters, BUILD_REVISION and the torch and transformers versions; folders of
other hashes of the same name are deleted. A lock keeps two processes (ctest -j) apart.

  python tiny_models.py            builds (or finds) them all; prints the folders
"""
import copy
import dataclasses
import fcntl
import hashlib
import json
import os
import random
import re
import shutil
import sys
import time
from pathlib import Path

import torch
import transformers
from transformers import AutoModelForCausalLM

transformers.logging.set_verbosity_error()
transformers.logging.disable_progress_bar()
# One thread: these matrices are far too small to gain from more, and OpenMP threads that spin
# on a busy machine (ctest -j, a compiler) make each call orders of magnitude slower.
torch.set_num_threads(1)

# Bump when the building code below changes what is written (the variant parameters are hashed).
BUILD_REVISION = 5
DTYPES = ("f32", "bf16")
TORCH_DTYPE = {"f32": torch.float32, "bf16": torch.bfloat16}
MAX_POSITIONS = 128
GEN_NEW_TOKENS = 32
GAP_MIN = 2e-3  # min top-2 gap along a generation path, relative to the step's max |logit|
EOS_STEPS = (20, 30)  # eos set to the first token new to the path at a step in this range
INIT_RANGE = 0.15


def log(message):
    print(f"[tiny_models] {message}", file=sys.stderr, flush=True)


def cache_root():
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "lathe" / "tiny-models"


@dataclasses.dataclass(frozen=True)
class Variant:
    name: str
    arch: str                      # transformers class, also config.json "architectures"
    config: dict                   # keyword arguments of the config class
    norm: str = "scale"            # "scale": y = w * x̂ (w random around 1); "offset": (1 + w) * x̂
    embed_scale: float = 1.0       # the embedding matrix times this after init (see GEMMA2)
    eos: str = "length"            # length | int | list | genconfig-list (see _choose_eos)
    forward_lengths: tuple = (1, 7, 40, 70)
    gen_prompt_lengths: tuple = (3, 12)
    seed: int = 0
    old_style_of: str | None = None  # the variant whose weights this one shares
    old_style: dict | None = None    # options of the config rewrite (see to_old_style)

    def params(self):
        d = dataclasses.asdict(self)
        d["forward_lengths"] = list(self.forward_lengths)
        d["gen_prompt_lengths"] = list(self.gen_prompt_lengths)
        return d


def _rng_factors(seed, n, low, high):
    rng = random.Random(seed)
    return [round(rng.uniform(low, high), 4) for _ in range(n)]


LLAMA = dict(vocab_size=317, hidden_size=72, intermediate_size=100, num_hidden_layers=3,
             num_attention_heads=6, num_key_value_heads=2, max_position_embeddings=MAX_POSITIONS,
             rms_norm_eps=1e-5, initializer_range=INIT_RANGE, tie_word_embeddings=False,
             bos_token_id=1, eos_token_id=2, pad_token_id=None)
MISTRAL = dict(vocab_size=384, hidden_size=64, intermediate_size=112, num_hidden_layers=3,
               num_attention_heads=4, num_key_value_heads=2, head_dim=24, sliding_window=6,
               max_position_embeddings=MAX_POSITIONS, rms_norm_eps=1e-5, initializer_range=INIT_RANGE,
               rope_parameters={"rope_type": "default", "rope_theta": 1e6}, tie_word_embeddings=False,
               pad_token_id=None)
QWEN2 = dict(vocab_size=400, hidden_size=64, intermediate_size=120, num_hidden_layers=3,
             num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=MAX_POSITIONS,
             rms_norm_eps=1e-6, initializer_range=INIT_RANGE, eos_token_id=3, bos_token_id=None,
             pad_token_id=None)
QWEN3 = dict(vocab_size=352, hidden_size=64, intermediate_size=96, num_hidden_layers=3,
             num_attention_heads=4, num_key_value_heads=2, head_dim=24, max_position_embeddings=MAX_POSITIONS,
             rms_norm_eps=1e-6, initializer_range=INIT_RANGE, tie_word_embeddings=False,
             rope_parameters={"rope_type": "default", "rope_theta": 1e6}, eos_token_id=3, pad_token_id=None)
# Gemma: tied embeddings, scaled by sqrt(hidden) on the way in only. With transformers' init the
# token's own logit dominates (greedy generation repeats one token), so the gemma variants scale
# the embedding matrix by 0.3 (embed_scale), which leaves logits of max ~1.6-1.9: the final
# softcap 2.5 is then well inside its non-linear range, and the attention softcap 4 too (scores
# of std ~2).
GEMMA2 = dict(vocab_size=300, hidden_size=80, intermediate_size=128, num_hidden_layers=4,
              num_attention_heads=4, num_key_value_heads=2, head_dim=24, query_pre_attn_scalar=20,
              attn_logit_softcapping=4.0, final_logit_softcapping=2.5, sliding_window=6,
              max_position_embeddings=MAX_POSITIONS, rms_norm_eps=1e-6, initializer_range=INIT_RANGE,
              hidden_activation="gelu_pytorch_tanh", pad_token_id=None, eos_token_id=1, bos_token_id=2)
GEMMA3 = dict(vocab_size=320, hidden_size=64, intermediate_size=112, num_hidden_layers=4,
              num_attention_heads=4, num_key_value_heads=2, head_dim=24, query_pre_attn_scalar=32,
              sliding_window=6, sliding_window_pattern=3, max_position_embeddings=MAX_POSITIONS,
              rope_parameters={"full_attention": {"rope_type": "linear", "factor": 8.0, "rope_theta": 1e6},
                               "sliding_attention": {"rope_type": "default", "rope_theta": 10000.0}},
              rms_norm_eps=1e-6, initializer_range=INIT_RANGE, hidden_activation="gelu_pytorch_tanh",
              pad_token_id=None, eos_token_id=1, bos_token_id=2)
PHI3 = dict(vocab_size=330, hidden_size=64, intermediate_size=104, num_hidden_layers=3,
            num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=MAX_POSITIONS,
            original_max_position_embeddings=48, rms_norm_eps=1e-5, initializer_range=INIT_RANGE,
            tie_word_embeddings=False, pad_token_id=None, bos_token_id=1, eos_token_id=4)
# head_dim 16: 8 rotary frequencies; with partial_rotary_factor 0.5: 4.
PHI3_LONGROPE = {"rope_type": "longrope", "rope_theta": 10000.0,
                 "short_factor": _rng_factors(11, 8, 1.0, 1.6), "long_factor": _rng_factors(12, 8, 2.0, 9.0)}
PHI3_LONGROPE_PARTIAL = {"rope_type": "longrope", "rope_theta": 10000.0, "partial_rotary_factor": 0.5,
                         "short_factor": _rng_factors(13, 4, 1.0, 1.6), "long_factor": _rng_factors(14, 4, 2.0, 9.0)}


def _with(base, **changes):
    out = copy.deepcopy(base)
    out.update(changes)
    return out


VARIANTS = [
    Variant("llama", "LlamaForCausalLM", _with(LLAMA), eos="int", seed=1),
    Variant("llama-tied", "LlamaForCausalLM", _with(LLAMA, tie_word_embeddings=True), eos="list", seed=2),
    Variant("llama-llama3rope", "LlamaForCausalLM",
            _with(LLAMA, rope_parameters={"rope_type": "llama3", "rope_theta": 10000.0, "factor": 8.0,
                                          "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                          "original_max_position_embeddings": 32}),
            eos="genconfig-list", seed=3),
    Variant("llama-llama3rope-oldstyle", "LlamaForCausalLM", {}, old_style_of="llama-llama3rope",
            old_style={"rope_key": "rope_type"}),
    Variant("llama-dynamic", "LlamaForCausalLM",
            _with(LLAMA, rope_parameters={"rope_type": "dynamic", "rope_theta": 10000.0, "factor": 4.0}),
            seed=4),
    Variant("mistral-swa", "MistralForCausalLM", _with(MISTRAL), eos="int", seed=5),
    Variant("qwen2-yarn", "Qwen2ForCausalLM",
            _with(QWEN2, tie_word_embeddings=True,
                  rope_parameters={"rope_type": "yarn", "rope_theta": 10000.0, "factor": 4.0,
                                   "original_max_position_embeddings": 32}),
            eos="int", seed=6),
    Variant("qwen2-yarn-oldstyle", "Qwen2ForCausalLM", {}, old_style_of="qwen2-yarn",
            old_style={"rope_key": "type", "set": {"sliding_window": 6, "use_sliding_window": False,
                                                   "max_window_layers": 1}}),
    Variant("qwen2-swa", "Qwen2ForCausalLM",
            _with(QWEN2, tie_word_embeddings=False, use_sliding_window=True, sliding_window=6,
                  max_window_layers=1, rope_parameters={"rope_type": "default", "rope_theta": 1e6}),
            eos="list", seed=7),
    Variant("qwen2-swa-oldstyle", "Qwen2ForCausalLM", {}, old_style_of="qwen2-swa", old_style={}),
    Variant("qwen3", "Qwen3ForCausalLM", _with(QWEN3), eos="int", seed=8),
    Variant("gemma2", "Gemma2ForCausalLM", _with(GEMMA2), norm="offset", embed_scale=0.3, eos="int", seed=9),
    Variant("gemma2-oldstyle", "Gemma2ForCausalLM", {}, old_style_of="gemma2", old_style={}),
    Variant("gemma3", "Gemma3ForCausalLM", _with(GEMMA3), norm="offset", embed_scale=0.3, eos="list",
            seed=10),
    Variant("gemma3-oldstyle", "Gemma3ForCausalLM", {}, old_style_of="gemma3", old_style={"rope_key": "rope_type"}),
    # Longrope: the short factors up to 48 positions, the long ones beyond, for every position of
    # the sequence (transformers picks by the sequence's length). Generation prompts: 3 ids
    # (3 + 32 <= 48: short throughout) and 50 ids (long throughout); see test_model_forward.
    Variant("phi3-longrope", "Phi3ForCausalLM", _with(PHI3, rope_parameters=PHI3_LONGROPE),
            forward_lengths=(1, 7, 40, 48, 49, 70), gen_prompt_lengths=(3, 50), eos="int", seed=11),
    Variant("phi3-longrope-partial", "Phi3ForCausalLM",
            _with(PHI3, rope_parameters=PHI3_LONGROPE_PARTIAL),
            forward_lengths=(1, 7, 40, 48, 49, 70), gen_prompt_lengths=(3, 50), seed=12),
    Variant("phi3-longrope-partial-oldstyle", "Phi3ForCausalLM", {}, old_style_of="phi3-longrope-partial",
            old_style={"rope_key": "type"}),
    Variant("phi3-swa-mha", "Phi3ForCausalLM",
            _with(PHI3, num_key_value_heads=4, sliding_window=6,
                  rope_parameters={"rope_type": "default", "rope_theta": 10000.0}),
            eos="int", seed=13),
]
BY_NAME = {v.name: v for v in VARIANTS}


def variant_hash(variant):
    payload = {"variant": variant.params(), "revision": BUILD_REVISION,
               "transformers": transformers.__version__, "torch": torch.__version__.split("+")[0]}
    if variant.old_style_of:
        payload["base"] = variant_hash(BY_NAME[variant.old_style_of])
    text = json.dumps(payload, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class TinyModel:
    def __init__(self, variant, root):
        self.variant = variant
        self.name = variant.name
        self.root = root

    def folder(self, dtype):
        return self.root / dtype

    def meta(self, dtype):
        return json.loads((self.root / f"{dtype}.json").read_text())

    def config(self, dtype):
        return json.loads((self.folder(dtype) / "config.json").read_text())

    def __repr__(self):
        return f"TinyModel({self.name}, {self.root})"


# ---------------------------------------------------------------------------------------------
# Reference helpers (transformers, float32 unless asked, eager attention)

def load_hf(folder, dtype=torch.float32):
    model = AutoModelForCausalLM.from_pretrained(str(folder), dtype=dtype, attn_implementation="eager")
    model.eval()
    return model


@torch.no_grad()
def hf_logits(model, ids):
    """[seq, vocab] float32 logits of every position."""
    out = model(input_ids=torch.tensor([ids], dtype=torch.long))
    return out.logits[0].float()


@torch.no_grad()
def hf_generate(model, prompt, max_new_tokens=GEN_NEW_TOKENS):
    """(generated ids only, [steps, vocab] float32 logits of each step): model.generate, greedy."""
    input_ids = torch.tensor([prompt], dtype=torch.long)
    with torch.no_grad():
        out = model.generate(input_ids, attention_mask=torch.ones_like(input_ids), do_sample=False,
                             max_new_tokens=max_new_tokens, return_dict_in_generate=True, output_logits=True)
    new = out.sequences[0, len(prompt):].tolist()
    logits = torch.stack([step[0].float() for step in out.logits])
    return new, logits


def top2_gaps(logits):
    """Per row: (top1 - top2) / max |row|."""
    top = logits.topk(2, dim=-1).values
    return ((top[:, 0] - top[:, 1]) / logits.abs().amax(dim=-1)).tolist()


def eos_ids(folder):
    """The eos ids transformers' generate stops on: generation_config.json's, else config.json's."""
    folder = Path(folder)
    for name in ("generation_config.json", "config.json"):
        path = folder / name
        if path.exists():
            eos = json.loads(path.read_text()).get("eos_token_id")
            if eos is not None:
                return set(eos) if isinstance(eos, list) else {eos}
    return set()


# ---------------------------------------------------------------------------------------------
# Building

def _config_class(arch):
    model_class = getattr(transformers, arch)
    return model_class, model_class.config_class


def _randomize(model, variant, generator):
    """Norm weights and biases away from their 1 / 0 (or 0 for (1+w) norms) initial values;
    then the embedding matrix times variant.embed_scale."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name and name.endswith(".weight"):
                # q/k norms: larger weights, or the normalized q.k/sqrt(d) is ~1 and attention flat
                low, high = (1.0, 2.0) if re.search(r"[qk]_norm", name) else (0.5, 1.5)
                if variant.norm == "offset":
                    low, high = low - 1, high - 1
                p.copy_(torch.empty(p.shape).uniform_(low, high, generator=generator))
            elif name.endswith(".bias"):
                p.copy_(torch.randn(p.shape, generator=generator) * 0.3)
        model.get_input_embeddings().weight.mul_(variant.embed_scale)


def _train_tokenizer(vocab_size, folder):
    """A ByteLevel BPE tokenizer with exactly vocab_size ids (256 bytes + merges), no specials."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    text_source = Path(transformers.__file__).parent / "models" / "llama" / "modeling_llama.py"
    texts = text_source.read_text(encoding="utf-8").splitlines()
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  show_progress=False, special_tokens=[])
    tok.train_from_iterator(texts, trainer=trainer)
    if tok.get_vocab_size() != vocab_size:
        raise RuntimeError(f"tokenizer: trained {tok.get_vocab_size()} ids, wanted {vocab_size}")
    tok.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps(
        {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": MAX_POSITIONS}, indent=2) + "\n")


def _ids(rng, vocab, n):
    return [rng.randrange(vocab) for _ in range(n)]


def _edit_json(path, fn):
    data = json.loads(path.read_text())
    fn(data)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def _safe_path(model, prompt):
    """transformers' greedy path from prompt when it is a sound reference: all GEN_NEW_TOKENS
    steps (no stop), a top-2 gap >= GAP_MIN at every step, and generate (with its KV cache)
    equal to the argmax of a full forward of the final sequence at every step; else None."""
    path, logits = hf_generate(model, prompt)
    if len(path) != GEN_NEW_TOKENS or min(top2_gaps(logits)) < GAP_MIN:
        return None
    full = hf_logits(model, prompt + path)[len(prompt) - 1:-1]
    if full.argmax(dim=-1).tolist() != path:
        return None
    return path


def _reference_generations(folder, prompts):
    """model.generate on the folder as saved (eos included): what the tests compare with."""
    model = load_hf(folder, torch.float32)
    eos = eos_ids(folder)
    out = []
    for prompt in prompts:
        ids, logits = hf_generate(model, prompt)
        top = logits.topk(2, dim=-1)
        out.append({"prompt": prompt, "ids": ids,
                    "finish_reason": "eos" if ids and ids[-1] in eos else "length",
                    "top2_ids": top.indices.tolist(), "top2_gap": top2_gaps(logits)})
    return out


def _choose_generation(variant, folder, vocab, dtype):
    """Generation prompts whose greedy paths are sound references (_safe_path), and the eos ids
    (written into config.json and generation_config.json) the variant's plan asks for:
      length          an id the path never produces: generation runs to max_new_tokens
      int             the first token new to the path at a step in EOS_STEPS
      list            [unused id, that token] in both files
      genconfig-list  config.json: an unused id; generation_config.json: [unused id, that token]
    bf16 folders: chosen on their weights upcast to float32, as Lathe computes."""
    model = load_hf(folder, torch.float32)
    rng = random.Random(f"{variant.name}-gen-{dtype}")
    prompts, first_path = [], None
    for length in variant.gen_prompt_lengths:
        for _ in range(300):
            prompt = _ids(rng, vocab, length)
            path = _safe_path(model, prompt)
            if path is None:
                continue
            if first_path is None and variant.eos != "length":
                if not any(path[k] not in path[:k] for k in range(EOS_STEPS[0], EOS_STEPS[1])):
                    continue  # nothing new to stop on
            break
        else:
            raise RuntimeError(f"{variant.name} ({dtype}): no generation prompt of length {length} "
                               f"with a sound reference path")
        prompts.append(prompt)
        if first_path is None:
            first_path = path
    unused = [i for i in range(vocab) if i not in first_path]
    eos_stop = next((first_path[k] for k in range(EOS_STEPS[0], EOS_STEPS[1]) if first_path[k] not in first_path[:k]), None)
    plan = variant.eos
    if plan == "length":
        config_eos, gen_eos = unused[0], unused[0]
    elif plan == "int":
        config_eos, gen_eos = eos_stop, eos_stop
    elif plan == "list":
        config_eos = gen_eos = [unused[0], eos_stop]
    elif plan == "genconfig-list":
        config_eos, gen_eos = unused[0], [unused[1], eos_stop]
    else:
        raise ValueError(plan)
    _edit_json(folder / "config.json", lambda c: c.__setitem__("eos_token_id", config_eos))
    _edit_json(folder / "generation_config.json", lambda c: c.__setitem__("eos_token_id", gen_eos))
    return prompts


def _build_base(variant, root):
    model_class, config_class = _config_class(variant.arch)
    config = config_class(**copy.deepcopy(variant.config))
    torch.manual_seed(variant.seed)
    model = model_class(config)
    model.eval()
    _randomize(model, variant, torch.Generator().manual_seed(1000 + variant.seed))
    vocab = config.vocab_size
    rng = random.Random(f"{variant.name}-forward")
    forward_ids = [_ids(rng, vocab, n) for n in variant.forward_lengths]
    for dtype in DTYPES:
        folder = root / dtype
        copy.deepcopy(model).to(TORCH_DTYPE[dtype]).save_pretrained(str(folder))
        _train_tokenizer(vocab, folder)
        prompts = _choose_generation(variant, folder, vocab, dtype)
        meta = {"forward_ids": forward_ids, "generations": _reference_generations(folder, prompts)}
        (root / f"{dtype}.json").write_text(json.dumps(meta) + "\n")



def to_old_style(cfg, rope_key="rope_type", set_keys=None):
    """config.json as transformers 4.x (and most Hub checkpoints) wrote it: torch_dtype,
    rope_theta and rope_scaling (rope type under `rope_key`), gemma3's rope_local_base_freq and
    sliding_window_pattern, no layer_types, partial_rotary_factor at the top level."""
    cfg = copy.deepcopy(cfg)
    if "dtype" in cfg:
        cfg["torch_dtype"] = cfg.pop("dtype")
    rope = cfg.pop("rope_parameters")

    def scaling_of(params):
        params = {k: v for k, v in params.items() if k not in ("rope_theta", "partial_rotary_factor")}
        kind = params.pop("rope_type", "default")
        if kind == "default":
            return None
        if cfg["model_type"] == "phi3":
            params.pop("original_max_position_embeddings", None)  # top-level in Phi-3 configs
        return {rope_key: kind, **params}

    if cfg["model_type"] == "gemma3_text":
        cfg["rope_theta"] = rope["full_attention"]["rope_theta"]
        cfg["rope_local_base_freq"] = rope["sliding_attention"]["rope_theta"]
        cfg["rope_scaling"] = scaling_of(rope["full_attention"])
        cfg["sliding_window_pattern"] = cfg.pop("_sliding_window_pattern", cfg.get("sliding_window_pattern"))
    else:
        cfg["rope_theta"] = rope["rope_theta"]
        if "partial_rotary_factor" in rope:
            cfg["partial_rotary_factor"] = rope["partial_rotary_factor"]
        cfg["rope_scaling"] = scaling_of(rope)
    cfg.pop("layer_types", None)
    cfg.update(set_keys or {})
    return cfg


def _build_old_style(variant, root, base_root):
    """The base variant's folders with config.json rewritten; references recomputed on them."""
    opts = variant.old_style or {}
    for dtype in DTYPES:
        shutil.copytree(base_root / dtype, root / dtype)
        path = root / dtype / "config.json"
        new = to_old_style(json.loads(path.read_text()), opts.get("rope_key", "rope_type"), opts.get("set"))
        path.write_text(json.dumps(new, indent=2, sort_keys=True) + "\n")
        base_meta = json.loads((base_root / f"{dtype}.json").read_text())
        prompts = [g["prompt"] for g in base_meta["generations"]]
        meta = {"forward_ids": base_meta["forward_ids"],
                "generations": _reference_generations(root / dtype, prompts)}
        (root / f"{dtype}.json").write_text(json.dumps(meta) + "\n")


def _ensure(variant, base):
    folder = base / f"{variant.name}-{variant_hash(variant)}"
    if (folder / "bf16.json").exists():
        return folder
    base_folder = _ensure(BY_NAME[variant.old_style_of], base) if variant.old_style_of else None
    for stale in base.glob(f"{variant.name}-*"):
        rest = stale.name[len(variant.name) + 1:]
        if stale != folder and len(rest) == 12 and all(c in "0123456789abcdef" for c in rest):
            shutil.rmtree(stale, ignore_errors=True)
    partial = base / f".{variant.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    start = time.perf_counter()
    if base_folder:
        _build_old_style(variant, partial, base_folder)
    else:
        _build_base(variant, partial)
    partial.rename(folder)
    log(f"built {variant.name} in {time.perf_counter() - start:.1f} s -> {folder}")
    return folder


def build_all(names=None):
    """{name: TinyModel}, building the ones the cache lacks."""
    base = cache_root()
    base.mkdir(parents=True, exist_ok=True)
    wanted = [BY_NAME[n] for n in names] if names else VARIANTS
    folders = {v.name: base / f"{v.name}-{variant_hash(v)}" for v in wanted}
    if not all((f / "bf16.json").exists() for f in folders.values()):
        with open(base / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            for v in wanted:
                folders[v.name] = _ensure(v, base)
    return {v.name: TinyModel(v, folders[v.name]) for v in wanted}


if __name__ == "__main__":
    models = build_all(sys.argv[1:] or None)
    for name, m in models.items():
        cfg = m.config("f32")
        print(f"{name:34s} {cfg['architectures'][0]:20s} vocab {cfg['vocab_size']:4d} {m.root}")
