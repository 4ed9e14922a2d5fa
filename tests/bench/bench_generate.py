"""Generation speed on the CPU: Lathe's prefill and decode next to transformers' on the same
model, prompt and thread count, as ratios.

Without --model it builds (once, in --workdir) a random model of SmolLM2-135M's shape (Llama,
576 hidden, 30 layers, 9 heads / 3 KV heads, vocab 49152, tied) in bf16 with transformers'
own save_pretrained, so anyone can rerun it offline.

  PY=$(tests/conformance/refenv.sh | tail -n1)
  $PY tests/bench/bench_generate.py [--model DIR] [--threads N] [--prompt-tokens 128] [--new-tokens 64]

Lathe: `lathe-cli bench generate` (median of --repeat runs after a warm-up). transformers:
the same prompt ids, `model(...)` for prefill and `generate(do_sample=False,
min_new_tokens=max_new_tokens)` for decode, torch.set_num_threads(N), the model in its
checkpoint dtype, median of the same number of runs after a warm-up.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_model(workdir: Path) -> Path:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    folder = workdir / "smollm2-135m-shape-random-bf16"
    if (folder / "config.json").exists():
        return folder
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=49152, hidden_size=576, intermediate_size=1536, num_hidden_layers=30,
                         num_attention_heads=9, num_key_value_heads=3, max_position_embeddings=8192,
                         rope_theta=100000.0, rms_norm_eps=1e-5, tie_word_embeddings=True,
                         bos_token_id=1, eos_token_id=2)
    model = LlamaForCausalLM(config).to(torch.bfloat16)
    model.save_pretrained(folder)
    return folder


def prompt_ids(count: int, vocab: int):
    # The same generator as `lathe-cli bench generate` (a 64-bit LCG), so both see one prompt.
    state = 12345
    ids = []
    for _ in range(count):
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        ids.append((state >> 33) % vocab)
    return ids


def bench_transformers(folder: Path, threads: int, prompt_tokens: int, new_tokens: int, repeat: int):
    import torch
    from transformers import AutoModelForCausalLM

    torch.set_num_threads(threads)
    model = AutoModelForCausalLM.from_pretrained(folder, dtype="auto")
    model.eval()
    ids = torch.tensor([prompt_ids(prompt_tokens, model.config.vocab_size)])
    prefill, decode = [], []
    with torch.no_grad():
        for run in range(repeat + 1):
            start = time.perf_counter()
            model(ids)
            prefill_s = time.perf_counter() - start
            start = time.perf_counter()
            model.generate(ids, do_sample=False, max_new_tokens=new_tokens, min_new_tokens=new_tokens,
                           pad_token_id=0)
            total_s = time.perf_counter() - start
            if run > 0:
                prefill.append(prompt_tokens / prefill_s)
                # generate() prefills too: the decode rate is the rest of its time.
                decode.append((new_tokens - 1) / max(total_s - prefill_s, 1e-9))
    return statistics.median(prefill), statistics.median(decode)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "lathe-bench")
    parser.add_argument("--lathe-cli", default=os.environ.get("LATHE_CLI", str(ROOT / "build/app/cli/lathe-cli")))
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--prompt-tokens", type=int, default=128)
    parser.add_argument("--new-tokens", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    args.workdir.mkdir(parents=True, exist_ok=True)
    folder = args.model or build_model(args.workdir)
    lathe = subprocess.run([args.lathe_cli, "bench", "generate", "--model", str(folder), "--threads", str(args.threads),
                            "--prompt-tokens", str(args.prompt_tokens), "--new-tokens", str(args.new_tokens),
                            "--repeat", str(args.repeat), "--json"], check=True, capture_output=True, text=True)
    ours = json.loads(lathe.stdout)
    ref_prefill, ref_decode = bench_transformers(folder, args.threads, args.prompt_tokens, args.new_tokens, args.repeat)
    print(f"model: {folder}  threads: {args.threads}  prompt: {args.prompt_tokens}  new: {args.new_tokens}")
    print(f"prefill: lathe {ours['prefill_tokens_per_second']:.1f} tok/s  transformers {ref_prefill:.1f} tok/s  "
          f"ratio {ours['prefill_tokens_per_second'] / ref_prefill:.2f}x")
    print(f"decode:  lathe {ours['decode_tokens_per_second']:.1f} tok/s  transformers {ref_decode:.1f} tok/s  "
          f"ratio {ours['decode_tokens_per_second'] / ref_decode:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
