#!/usr/bin/env python3
"""Golden rotary tables for tests/engine/test_model_config.cpp, from transformers itself.

Each case is a config.json document (inline below), a layer kind (Gemma 3 has two tables) and
sequence lengths. For each length a fresh rotary-embedding module of the config's family is
built exactly as the model builds it (its __init__ calls ROPE_INIT_FUNCTIONS[rope_type], or the
family's compute_default_rope_parameters), then run forward over positions 0..seq_len-1, which
is where dynamic NTK and LongRoPE switch tables (dynamic_rope_update). The module's inv_freq and
attention scaling after that pass are the expected values. The test parses the same document
with parseModelConfig and calls computeRopeFrequencies(rope, head_dim, max_position_embeddings,
seq_len).

Run with the reference environment (transformers 5.23.0, torch, CPU):
    /root/.cache/lathe/refenv/bin/python tests/data/model_configs/make_rope_expectations.py
"""
import json
import warnings
from pathlib import Path

import torch
import transformers
from transformers import CONFIG_MAPPING

warnings.filterwarnings("ignore")
transformers.logging.set_verbosity_error()

HERE = Path(__file__).resolve().parent


def llama(**extra):
    d = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 4096, "num_attention_heads": 32,
         "num_key_value_heads": 8, "max_position_embeddings": 8192}
    d.update(extra)
    return d


def ramp(n, lo, hi, p):
    return [round(lo + (hi - lo) * (i / (n - 1)) ** p, 6) for i in range(n)]


def phi3(**extra):
    d = {"architectures": ["Phi3ForCausalLM"], "model_type": "phi3", "hidden_size": 3072, "num_attention_heads": 32,
         "max_position_embeddings": 131072, "original_max_position_embeddings": 4096, "rope_theta": 10000.0,
         "rope_scaling": {"type": "longrope", "short_factor": ramp(48, 1.0, 2.6, 3.0),
                          "long_factor": ramp(48, 1.0, 54.0, 2.0)}}
    d.update(extra)
    return d


CASES = [
    # default
    ("llama-default-theta1e4", llama(), None, [1]),
    ("llama-default-theta5e5", llama(rope_theta=500000.0), None, [1]),
    ("smollm2-default-int-theta", llama(hidden_size=576, num_attention_heads=9, num_key_value_heads=3,
                                        rope_theta=100000), None, [1]),
    ("qwen2-default-theta1e6", {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 3584,
                                "num_attention_heads": 28, "num_key_value_heads": 4, "rope_theta": 1000000.0},
     None, [1]),
    ("head-dim-80-default", llama(hidden_size=2560, num_attention_heads=32, rope_theta=10000.0), None, [1]),
    ("new-keys-default", llama(rope_parameters={"rope_type": "default", "rope_theta": 250000.0}), None, [1]),
    # linear
    ("llama-linear-2", llama(rope_scaling={"type": "linear", "factor": 2.0}), None, [1, 100000]),
    ("gemma3-4b-full-linear-8", {"architectures": ["Gemma3ForCausalLM"], "model_type": "gemma3_text",
                                 "hidden_size": 2560, "num_hidden_layers": 34,
                                 "rope_scaling": {"factor": 8.0, "rope_type": "linear"}, "sliding_window": 1024},
     "full_attention", [1]),
    ("gemma3-4b-sliding-default", {"architectures": ["Gemma3ForCausalLM"], "model_type": "gemma3_text",
                                   "hidden_size": 2560, "num_hidden_layers": 34,
                                   "rope_scaling": {"factor": 8.0, "rope_type": "linear"}, "sliding_window": 1024},
     "sliding_attention", [1]),
    ("gemma3-local-base", {"architectures": ["Gemma3ForCausalLM"], "model_type": "gemma3_text",
                           "rope_theta": 1000000, "rope_local_base_freq": 10000, "num_hidden_layers": 26},
     "sliding_attention", [1]),
    ("gemma3-nested-dynamic", {"architectures": ["Gemma3ForCausalLM"], "model_type": "gemma3_text",
                               "max_position_embeddings": 4096, "num_hidden_layers": 6,
                               "layer_types": ["sliding_attention"] * 5 + ["full_attention"],
                               "rope_parameters": {
                                   "full_attention": {"rope_type": "dynamic", "factor": 3.0, "rope_theta": 1e6},
                                   "sliding_attention": {"rope_type": "default", "rope_theta": 10000.0}}},
     "full_attention", [1, 4096, 4097, 9000]),
    # dynamic NTK
    ("llama-dynamic-2", llama(max_position_embeddings=2048, rope_scaling={"type": "dynamic", "factor": 2.0}), None,
     [1, 2048, 2049, 3000, 5000, 100000]),
    ("llama-dynamic-1.7-head64", llama(hidden_size=2048, num_attention_heads=32, max_position_embeddings=4096,
                                       rope_theta=500000.0, rope_scaling={"rope_type": "dynamic", "factor": 1.7}),
     None, [1, 4096, 4097, 12345]),
    ("qwen2-dynamic-new-keys", {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 896,
                                "num_attention_heads": 14, "num_key_value_heads": 2, "max_position_embeddings": 1000,
                                "rope_parameters": {"rope_type": "dynamic", "factor": 4.0, "rope_theta": 1000000.0}},
     None, [1, 1001, 65536]),
    # yarn
    ("qwen2.5-yarn-4", {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 3584,
                        "num_attention_heads": 28, "num_key_value_heads": 4, "max_position_embeddings": 32768,
                        "rope_theta": 1000000.0,
                        "rope_scaling": {"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 32768}},
     None, [1, 100000]),
    ("llama-yarn-mscale", llama(max_position_embeddings=163840, rope_theta=10000.0,
                                rope_scaling={"rope_type": "yarn", "factor": 40.0, "mscale": 0.707,
                                              "mscale_all_dim": 1.0, "beta_fast": 32, "beta_slow": 1,
                                              "original_max_position_embeddings": 4096}), None, [1]),
    ("llama-yarn-untruncated-betas", llama(rope_theta=50000.0,
                                           rope_scaling={"rope_type": "yarn", "factor": 3.0, "beta_fast": 16.0,
                                                         "beta_slow": 2.0, "truncate": False,
                                                         "original_max_position_embeddings": 2048}), None, [1]),
    ("llama-yarn-attention-factor", llama(rope_scaling={"rope_type": "yarn", "factor": 2.0,
                                                        "attention_factor": 0.9,
                                                        "original_max_position_embeddings": 4096}), None, [1]),
    ("llama-yarn-factor-null", llama(max_position_embeddings=16384,
                                     rope_scaling={"rope_type": "yarn", "factor": None,
                                                   "original_max_position_embeddings": 4096}), None, [1]),
    ("llama-yarn-top-level-original", llama(max_position_embeddings=16384, original_max_position_embeddings=2048,
                                            rope_scaling={"rope_type": "yarn", "factor": 4.0,
                                                          "original_max_position_embeddings": 4096}), None, [1]),
    ("llama-yarn-no-original", llama(rope_scaling={"rope_type": "yarn", "factor": 4.0}), None, [1]),
    # longrope
    ("phi3-128k-longrope", phi3(), None, [1, 4096, 4097, 131072]),
    ("phi4-mini-partial", phi3(hidden_size=3072, num_attention_heads=24, num_key_value_heads=8,
                               partial_rotary_factor=0.75,
                               rope_scaling={"type": "longrope", "short_factor": ramp(48, 1.0, 1.3, 1.0),
                                             "long_factor": ramp(48, 1.0, 42.5, 1.5)}), None, [1, 4097]),
    ("phi3-longrope-explicit-factor", phi3(rope_scaling={"rope_type": "longrope", "factor": 16.0,
                                                         "short_factor": ramp(48, 1.0, 1.1, 1.0),
                                                         "long_factor": ramp(48, 2.0, 20.0, 1.0)}), None, [1, 9999]),
    ("phi3-longrope-attention-factor", phi3(rope_scaling={"rope_type": "longrope", "attention_factor": 1.25,
                                                          "short_factor": ramp(48, 1.0, 1.1, 1.0),
                                                          "long_factor": ramp(48, 2.0, 20.0, 1.0)}), None, [4097]),
    ("phi3-longrope-no-scaling-length", phi3(max_position_embeddings=4096,
                                             original_max_position_embeddings=4096), None, [1, 4097]),
    ("phi3-default-partial", {"architectures": ["Phi3ForCausalLM"], "model_type": "phi3", "hidden_size": 2560,
                              "num_attention_heads": 32, "partial_rotary_factor": 0.4, "rope_theta": 10000.0},
     None, [1]),
    ("llama-longrope", llama(max_position_embeddings=32768,
                             rope_scaling={"rope_type": "longrope", "short_factor": ramp(64, 1.0, 1.5, 2.0),
                                           "long_factor": ramp(64, 1.0, 8.0, 2.0),
                                           "original_max_position_embeddings": 8192}), None, [1, 8192, 8193]),
    # llama3
    ("llama3.1-8b", llama(max_position_embeddings=131072, rope_theta=500000.0,
                          rope_scaling={"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                        "original_max_position_embeddings": 8192, "rope_type": "llama3"}),
     None, [1]),
    ("llama3.2-1b", llama(hidden_size=2048, num_attention_heads=32, max_position_embeddings=131072,
                          rope_theta=500000.0,
                          rope_scaling={"factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                        "original_max_position_embeddings": 8192, "rope_type": "llama3"}),
     None, [1]),
    ("llama3-new-keys", llama(max_position_embeddings=131072,
                              rope_parameters={"factor": 8.0, "low_freq_factor": 2.0, "high_freq_factor": 6.0,
                                               "original_max_position_embeddings": 4096, "rope_type": "llama3",
                                               "rope_theta": 1000000.0}), None, [1]),
]


def rotary_class(model_type):
    module = {
        "llama": transformers.models.llama.modeling_llama,
        "mistral": transformers.models.mistral.modeling_mistral,
        "qwen2": transformers.models.qwen2.modeling_qwen2,
        "qwen3": transformers.models.qwen3.modeling_qwen3,
        "gemma2": transformers.models.gemma2.modeling_gemma2,
        "gemma3_text": transformers.models.gemma3.modeling_gemma3,
        "phi3": transformers.models.phi3.modeling_phi3,
    }[model_type]
    return next(getattr(module, n) for n in dir(module) if n.endswith("RotaryEmbedding"))


def table(document, layer_type, seq_len):
    # As config.json is loaded; a deep copy, since standardization writes into the rope dicts.
    config = CONFIG_MAPPING[document["model_type"]].from_dict(json.loads(json.dumps(document)))
    rotary = rotary_class(config.model_type)(config=config)
    positions = torch.arange(seq_len).unsqueeze(0)
    x = torch.zeros(1, dtype=torch.float32)
    with torch.no_grad():
        if layer_type is None:
            rotary(x, positions)
            return rotary.inv_freq, rotary.attention_scaling
        rotary(x, positions, layer_type)
        return getattr(rotary, f"{layer_type}_inv_freq"), getattr(rotary, f"{layer_type}_attention_scaling")


def main():
    cases = []
    for name, document, layer_type, seq_lens in CASES:
        at = []
        for seq_len in seq_lens:
            inv, scaling = table(document, layer_type, seq_len)
            at.append({"seq_len": seq_len, "inv_freq": [float(x) for x in inv.to(torch.float32).tolist()],
                       "attention_scaling": float(scaling)})
        cases.append({"name": name, "config": document, "layer_type": layer_type, "at": at})
    payload = {
        "generated_by": "make_rope_expectations.py",
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "cases": cases,
    }
    with open(HERE / "rope_expectations.json", "w") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
