#!/usr/bin/env python3
"""Benchmark of Lathe's tokenizer against the Rust `tokenizers` library (through its Python
binding, the reference environment's pin), on a seeded ~20 MB mixed corpus (English-like prose,
code, multilingual text, chat markup; tokenizer_corpus.bench_documents):
  single-threaded  `lathe-cli bench tokenize` single_thread_mb_per_s  vs  Tokenizer.encode_batch
                                                                           with TOKENIZERS_PARALLELISM=false
                                                                           (a serial loop inside Rust)
  batched          `lathe-cli bench tokenize` batched_mb_per_s        vs  Tokenizer.encode_batch on
                                                                           RAYON_NUM_THREADS=--threads
Both encode with add_special_tokens=True. Each reference mode runs in its own process (the
thread settings are read at start); a warm-up pass, then the median of --repeat timed passes of
encode_batch alone (reading the corpus and the import are not timed). Before timing, the script
checks that Lathe's ids equal the reference's on every document (`lathe-cli tokenize --batch`),
so both sides did the same work, and that the single-threaded reference used one core (CPU time
/ wall time). Prints one table with the goal (Lathe at least as fast, both modes). Run it with
the reference environment's Python; see tests/bench/README.md. Never in CI.
"""
import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "conformance"))
import tokenizer_corpus  # noqa: E402
import train_tokenizers  # noqa: E402

GOAL = 1.0  # Lathe MB/s / reference MB/s, both modes


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def corpus_path(args):
    """The seeded corpus as JSONL (one JSON string a line = one document), cached by the
    generator's hash and size."""
    key = hashlib.sha256((REPO / "tests/conformance/tokenizer_corpus.py").read_bytes()
                         + str(int(args.corpus_bytes)).encode()).hexdigest()[:16]
    folder = args.workdir or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lathe" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"tokenize-corpus-{key}.jsonl"
    if path.exists():
        log(f"reusing {path}")
        return path
    start = time.perf_counter()
    docs = tokenizer_corpus.bench_documents(target_bytes=int(args.corpus_bytes))
    tmp = path.with_suffix(".partial")
    with open(tmp, "w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    tmp.rename(path)
    log(f"wrote {path}: {len(docs)} documents, {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s")
    return path


# The reference, in a fresh process per mode. argv: tokenizer path, corpus, repeat, ids-out ("" = none).
REFERENCE = r"""
import json, os, statistics, sys, time
from pathlib import Path
path, corpus, repeat, ids_out = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
if path.is_dir():  # as transformers loads it (tokenizer_config.json may rewrite the post-processor)
    import transformers
    transformers.logging.set_verbosity_error()
    tok = transformers.AutoTokenizer.from_pretrained(str(path)).backend_tokenizer
else:
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(str(path))
docs = [json.loads(line) for line in open(corpus, encoding="utf-8")]
nbytes = sum(len(d.encode("utf-8")) for d in docs)
encodings = tok.encode_batch(docs, add_special_tokens=True)  # warm-up (and the ids)
tokens = sum(len(e.ids) for e in encodings)
if ids_out:
    with open(ids_out, "w") as f:
        for e in encodings:
            f.write(json.dumps(e.ids) + "\n")
del encodings
walls, cpus = [], []
for _ in range(repeat):
    c0, w0 = time.process_time(), time.perf_counter()
    tok.encode_batch(docs, add_special_tokens=True)
    walls.append(time.perf_counter() - w0)
    cpus.append(time.process_time() - c0)
wall = statistics.median(walls)
print(json.dumps({"mb_per_s": nbytes / 1e6 / wall, "seconds": wall, "cpu_per_wall": statistics.median(
    c / w for c, w in zip(cpus, walls)), "bytes": nbytes, "documents": len(docs), "tokens": tokens}))
"""


def reference(tokenizer, corpus, repeat, threads, ids_out=""):
    env = dict(os.environ)
    env.pop("RAYON_NUM_THREADS", None)
    env.pop("RAYON_RS_NUM_CPUS", None)
    if threads == 1:
        env["TOKENIZERS_PARALLELISM"] = "false"  # encode_batch becomes a serial iterator in Rust
        env["RAYON_NUM_THREADS"] = "1"
    else:
        env["TOKENIZERS_PARALLELISM"] = "true"
        env["RAYON_NUM_THREADS"] = str(threads)
    proc = subprocess.run([sys.executable, "-c", REFERENCE, str(tokenizer), str(corpus), str(repeat), ids_out],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"reference run failed (exit {proc.returncode}):\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def lathe(cli, *args, json_output=True):
    proc = subprocess.run([cli, *map(str, args), *(["--json"] if json_output else [])], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"lathe-cli {' '.join(map(str, args))} failed (exit {proc.returncode}):\n{proc.stderr[:4000]}")
    return json.loads(proc.stdout) if json_output else proc.stdout


def check_ids(cli, tokenizer, corpus, reference_ids):
    """Lathe's ids for every document vs the reference's: (documents that differ, first one)."""
    got = lathe(cli, "tokenize", "--tokenizer", tokenizer, "--batch", corpus, json_output=False).split("\n")[:-1]
    expected = Path(reference_ids).read_text().split("\n")[:-1]
    if len(got) != len(expected):
        return len(expected), f"lathe wrote {len(got)} lines for {len(expected)} documents"
    bad = [i for i, (g, e) in enumerate(zip(got, expected)) if json.loads(g) != json.loads(e)]
    return len(bad), (f"document {bad[0]}: lathe {got[bad[0]][:200]} vs reference {expected[bad[0]][:200]}" if bad else "")


def run(args, cli):
    corpus = corpus_path(args)
    tokenizers = args.tokenizer
    if not tokenizers:
        trained = train_tokenizers.trained_tokenizers()
        tokenizers = [trained["llama3"], trained["qwen2"]]
    threads = args.threads or os.cpu_count()
    results = []
    for tokenizer in tokenizers:
        tokenizer = Path(tokenizer)
        name = tokenizer.name if tokenizer.is_dir() else f"{tokenizer.parent.name}/{tokenizer.name}"
        log(f"{name}: reference single-threaded (and its ids)")
        with tempfile.NamedTemporaryFile(suffix=".jsonl") as ids_file:
            ref1 = reference(tokenizer, corpus, args.repeat, 1, ids_file.name)
            log(f"{name}: checking Lathe's ids against the reference")
            differ, first = check_ids(cli, tokenizer, corpus, ids_file.name)
        log(f"{name}: reference batched, {threads} threads")
        refn = reference(tokenizer, corpus, args.repeat, threads)
        log(f"{name}: lathe-cli bench tokenize")
        got = lathe(cli, "bench", "tokenize", "--tokenizer", tokenizer, "--file", corpus, "--threads", threads,
                    "--repeat", args.repeat)
        results.append({"tokenizer": str(tokenizer), "name": name, "lathe": got, "reference_single": ref1,
                        "reference_batched": refn, "threads": threads, "ids_differ": differ, "first_difference": first})
    print_table(results)
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=2))
        log(f"wrote {args.json_out}")


def print_table(results):
    rows = []
    for r in results:
        lat, r1, rn = r["lathe"], r["reference_single"], r["reference_batched"]
        for label, mine, ref in [("single-threaded", lat["single_thread_mb_per_s"], r1["mb_per_s"]),
                                 (f"batched, {r['threads']} threads", lat["batched_mb_per_s"], rn["mb_per_s"])]:
            ratio = mine / ref
            rows.append((f"{r['name']}: {label}", f"{mine:,.2f} MB/s", f"{ref:,.2f} MB/s", f"{ratio:.2f}x",
                         f">= {GOAL:g}x", "yes" if ratio >= GOAL else "NO"))
    headers = ("figure", "Lathe", "reference", "ratio", "goal", "met")
    widths = [max(len(str(x[i])) for x in [headers, *rows]) for i in range(len(headers))]
    line = lambda cells: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for cells in rows:
        print(line(cells))
    import tokenizers
    r = results[0]
    print(f"\ncorpus: {r['reference_single']['documents']:,} documents, {r['reference_single']['bytes'] / 1e6:.1f} MB; "
          f"reference: tokenizers {tokenizers.__version__} Tokenizer.encode_batch(add_special_tokens=True), median of "
          f"--repeat passes after a warm-up; single-threaded with TOKENIZERS_PARALLELISM=false; {os.cpu_count()} CPUs")
    print("ratio = Lathe MB/s / reference MB/s (higher is better for Lathe)")
    for r in results:
        lat, r1 = r["lathe"], r["reference_single"]
        if r1["cpu_per_wall"] > 1.15:
            print(f"WARNING: {r['name']}: the single-threaded reference used {r1['cpu_per_wall']:.2f} cores")
        if int(lat.get("tokens", -1)) != r1["tokens"]:
            print(f"WARNING: {r['name']}: token counts differ: lathe {lat.get('tokens')}, reference {r1['tokens']}")
        if int(lat.get("bytes", -1)) != r1["bytes"]:
            print(f"WARNING: {r['name']}: corpus bytes differ: lathe {lat.get('bytes')}, reference {r1['bytes']}")
        if r["ids_differ"]:
            print(f"WARNING: {r['name']}: ids differ on {r['ids_differ']} documents; first: {r['first_difference']}")
        else:
            print(f"{r['name']}: ids identical on all {r1['documents']:,} documents ({r1['tokens']:,} tokens); "
                  f"single-threaded reference used {r1['cpu_per_wall']:.2f} cores")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lathe-cli", default=os.environ.get("LATHE_CLI", str(REPO / "build/app/cli/lathe-cli")),
                        help="the lathe-cli binary (default: $LATHE_CLI, else build/app/cli/lathe-cli)")
    parser.add_argument("--tokenizer", action="append", type=Path,
                        help="a tokenizer.json or a folder (repeatable); default: the trained Llama 3 and Qwen2 "
                             "style tokenizers of tests/conformance/train_tokenizers.py")
    parser.add_argument("--threads", type=int, default=0, help="threads of the batched runs (default: all CPUs)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per figure (median); default 3")
    parser.add_argument("--corpus-bytes", type=float, default=20e6, help="corpus size (default 20e6)")
    parser.add_argument("--workdir", type=Path, help="where the corpus is cached (default ~/.cache/lathe/bench)")
    parser.add_argument("--json-out", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args()
    cli = args.lathe_cli
    if not os.access(cli, os.X_OK):
        sys.exit(f"lathe-cli not found at {cli}: build it (ninja -C build lathe-cli) or pass --lathe-cli")
    run(args, cli)


if __name__ == "__main__":
    main()
