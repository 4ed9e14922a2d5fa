#!/usr/bin/env python3
"""Golden values for tests/engine/test_model_config.cpp: what transformers makes of each config.json here.

For every folder NAME/ holding a hand-written config.json (see SOURCE.md) this script
  1. loads it with AutoConfig and writes the same config as transformers itself saves it
     (save_pretrained: new keys rope_parameters/dtype/layer_types, defaults left out) to NAME-v5/;
  2. observes, from transformers' own objects, what a model built from it does:
     - sizes, eps, activation, biases and tying from the model built on the meta device,
     - for every layer whether its attention mask slides and how many keys the last query sees,
       from a forward pass of a shrunken copy (same layer count, layer types and window),
     - the rotary frequencies of every layer type from the model's own rotary-embedding module,
       at the sequence lengths in ROPE_SEQ_LENS (dynamic and longrope change with length),
     - the token ids GenerationConfig.from_model_config takes;
  3. writes all of it to config_expectations.json, once per folder (the -v5 copy must agree).

Run with the reference environment (transformers 5.23.0, torch), from anywhere:
    /root/.cache/lathe/refenv/bin/python tests/data/model_configs/make_config_expectations.py
"""
import json
import shutil
import sys
import warnings
from pathlib import Path

import torch
import transformers
from transformers import AutoConfig, GenerationConfig

warnings.filterwarnings("ignore")
transformers.logging.set_verbosity_error()

HERE = Path(__file__).resolve().parent
ROPE_SEQ_LENS = [1, 4096, 4097, 40000]
BIG_WINDOW = 5000  # windows larger than this are replaced by SMALL_WINDOW in the shrunken copy
SMALL_WINDOW = 37


def text_config(config):
    return config.text_config if hasattr(config, "text_config") and config.text_config is not None else config


def causal_lm_class(text_cfg):
    names = {
        "llama": "LlamaForCausalLM",
        "mistral": "MistralForCausalLM",
        "qwen2": "Qwen2ForCausalLM",
        "qwen3": "Qwen3ForCausalLM",
        "gemma2": "Gemma2ForCausalLM",
        "gemma3_text": "Gemma3ForCausalLM",
        "phi3": "Phi3ForCausalLM",
    }
    return getattr(transformers, names[text_cfg.model_type])


def decoder(model):
    inner = model.model
    return inner.language_model if hasattr(inner, "language_model") else inner


def activation_name(module):
    name = type(module).__name__
    if name in ("SiLUActivation", "SiLU"):
        return "silu"
    if name == "GELUTanh":
        return "gelu_pytorch_tanh"
    raise ValueError(name)


def float32_list(tensor):
    return [float(x) for x in tensor.to(torch.float32).tolist()]


def observe_layers(text_cfg):
    """Per layer: the number of keys the last query may see, from the masks a forward pass hands the layers."""
    cls = causal_lm_class(text_cfg)
    d = text_cfg.to_dict()
    window = getattr(text_cfg, "sliding_window", None)
    replaced = window is not None and window > BIG_WINDOW
    if replaced:
        d["sliding_window"] = SMALL_WINDOW
    observed_window = SMALL_WINDOW if replaced else window
    d.update(hidden_size=32, intermediate_size=64, num_attention_heads=2, num_key_value_heads=1, head_dim=16,
             vocab_size=64, pad_token_id=None, bos_token_id=None, eos_token_id=None)
    if text_cfg.model_type == "gemma3_text":
        d["rope_parameters"] = {"full_attention": {"rope_type": "default", "rope_theta": 10000.0},
                                "sliding_attention": {"rope_type": "default", "rope_theta": 10000.0}}
    else:
        d["rope_parameters"] = {"rope_type": "default", "rope_theta": 10000.0}
    d.pop("original_max_position_embeddings", None)
    seq = (observed_window + 3) if observed_window is not None else 16
    d["max_position_embeddings"] = max(seq + 1, d.get("max_position_embeddings", 0))
    small = type(text_cfg).from_dict(d)
    small._attn_implementation = "eager"
    torch.manual_seed(0)
    model = cls(small).eval()
    seen = {}

    def hook(index):
        def pre(module, args, kwargs):
            seen[index] = kwargs.get("attention_mask")
        return pre

    for i, layer in enumerate(decoder(model).layers):
        layer.self_attn.register_forward_pre_hook(hook(i), with_kwargs=True)
    with torch.no_grad():
        model(input_ids=torch.zeros(1, seq, dtype=torch.long), use_cache=False)
    layers = []
    for i in range(small.num_hidden_layers):
        mask = seen[i]
        visible = seq if mask is None else int((mask[0, 0, -1] == 0).sum())
        if visible == seq:
            layers.append({"sliding": False, "window": None})
        else:
            assert visible == observed_window, (visible, observed_window)
            layers.append({"sliding": True, "window": window})
    return layers, replaced


def rope_observations(text_cfg, module_cls):
    """inv_freq and attention scaling per layer type, from fresh rotary modules as the model builds them."""
    out = {}
    layer_types = sorted(set(getattr(text_cfg, "layer_types", None) or ["full_attention"]))
    for layer_type in layer_types:
        params = text_cfg.rope_parameters
        if text_cfg.model_type == "gemma3_text":
            params = params[layer_type]
        per_len = []
        for seq_len in ROPE_SEQ_LENS:
            rotary = module_cls(config=text_cfg)
            x = torch.zeros(1, dtype=torch.float32)
            positions = torch.arange(seq_len).unsqueeze(0)
            with torch.no_grad():
                if text_cfg.model_type == "gemma3_text":
                    rotary(x, positions, layer_type)
                    inv = getattr(rotary, f"{layer_type}_inv_freq")
                    scaling = getattr(rotary, f"{layer_type}_attention_scaling")
                else:
                    rotary(x, positions)
                    inv = rotary.inv_freq
                    scaling = rotary.attention_scaling
            per_len.append({"seq_len": seq_len, "inv_freq": float32_list(inv), "attention_scaling": float(scaling)})
        out[layer_type] = {"parameters": json.loads(json.dumps(params)), "at": per_len}
    return out


def expectations(folder):
    config = AutoConfig.from_pretrained(folder)
    tc = text_config(config)
    arch_cls = getattr(transformers, config.architectures[0]) if config.architectures else causal_lm_class(tc)
    with torch.device("meta"):
        model = arch_cls(config)
    dec = decoder(model)
    attn = dec.layers[0].self_attn
    mlp = dec.layers[0].mlp
    if hasattr(attn, "qkv_proj"):
        attention_bias = attn.qkv_proj.bias is not None
    else:
        attention_bias = attn.q_proj.bias is not None
        assert (attn.k_proj.bias is not None) == attention_bias and (attn.v_proj.bias is not None) == attention_bias
    gate = mlp.gate_up_proj if hasattr(mlp, "gate_up_proj") else mlp.gate_proj
    act = mlp.act_fn if hasattr(mlp, "act_fn") else mlp.activation_fn
    generation = GenerationConfig.from_model_config(config)
    eos = generation.eos_token_id
    layers, window_replaced = observe_layers(tc)
    norm = dec.norm
    eps = getattr(norm, "variance_epsilon", getattr(norm, "eps", None))
    result = {
        "architecture": config.architectures[0] if config.architectures else arch_cls.__name__,
        "model_type": tc.model_type,
        "vocab_size": tc.vocab_size,
        "hidden_size": tc.hidden_size,
        "intermediate_size": tc.intermediate_size,
        "num_hidden_layers": tc.num_hidden_layers,
        "num_attention_heads": tc.num_attention_heads,
        "num_key_value_heads": tc.num_key_value_heads,
        "head_dim": attn.head_dim,
        "max_position_embeddings": tc.max_position_embeddings,
        "rms_norm_eps": eps,
        "activation": activation_name(act),
        "tie_word_embeddings": model.get_output_embeddings().weight is model.get_input_embeddings().weight,
        "attention_bias": attention_bias,
        "attention_output_bias": attn.o_proj.bias is not None,
        "mlp_bias": gate.bias is not None,
        "sliding_window": getattr(tc, "sliding_window", None),
        "layers": layers,
        "window_observed_on_smaller_copy": window_replaced,
        "attn_logit_softcapping": getattr(attn, "attn_logit_softcapping", None),
        "final_logit_softcapping": getattr(tc, "final_logit_softcapping", None)
        if tc.model_type.startswith("gemma") else None,
        "query_pre_attn_scalar": getattr(tc, "query_pre_attn_scalar", None)
        if tc.model_type.startswith("gemma") else None,
        "attention_scaling_of_scores": attn.scaling,
        "dtype": str(config.dtype).split(".")[-1] if config.dtype is not None else None,
        "eos_token_ids": [] if eos is None else (list(eos) if isinstance(eos, (list, tuple)) else [eos]),
        "bos_token_id": generation.bos_token_id,
        "pad_token_id": generation.pad_token_id,
        "rope": rope_observations(tc, type(dec.rotary_emb)),
    }
    return config, result


def main():
    out = {}
    for folder in sorted(p for p in HERE.iterdir() if p.is_dir() and not p.name.endswith("-v5")):
        if not (folder / "config.json").exists():
            continue
        config, result = expectations(folder)
        v5 = HERE / (folder.name + "-v5")
        if v5.exists():
            shutil.rmtree(v5)
        config.save_pretrained(v5)
        _, again = expectations(v5)
        if json.dumps(again, sort_keys=True) != json.dumps(result, sort_keys=True):
            for key in result:
                if json.dumps(result[key], sort_keys=True) != json.dumps(again.get(key), sort_keys=True):
                    print(folder.name, "differs after save_pretrained in", key, file=sys.stderr)
            sys.exit(1)
        out[folder.name] = result
        print(folder.name, "ok", file=sys.stderr)
    payload = {
        "generated_by": "make_config_expectations.py",
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "configs": out,
    }
    with open(HERE / "config_expectations.json", "w") as f:
        json.dump(payload, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
