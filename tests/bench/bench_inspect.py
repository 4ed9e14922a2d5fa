#!/usr/bin/env python3
"""Benchmark of Lathe's inspector against the Python reference, on generated checkpoints:
  header parse  `lathe-cli bench inspect` on a 100,000-tensor file   vs safe_open + get_slice
                                                                      dtype/shape of every key
  stats         `lathe-cli bench inspect --tensor` on a 2 GB BF16 and vs torch on the same mmap'd
                a 1 GB F8_E4M3 tensor, warm and cold page cache         file: min, max, mean, std,
                                                                      NaN/Inf/zero counts, histc
  bandwidth     stats GB/s as a fraction of `lathe-cli bench membw`'s read bandwidth
and prints one table with the issue's goals next to the figures. Run it with the reference
environment's Python (tests/conformance/refenv.sh); see tests/bench/README.md. Never in CI.
"""
import argparse
import json
import math
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import torch
from safetensors import safe_open
import safetensors.torch

REPO = Path(__file__).resolve().parents[2]
# torch.frombuffer on the read-only mmap warns once; the tensor is only read.
warnings.filterwarnings("ignore", message="The given buffer is not writable")
GENERATOR_VERSION = 1  # bump when the generated files change, so cached ones are rebuilt

GOALS = {
    "header": 2.0,      # header parse >= 2x faster than safe_open + metadata
    "stats": 3.0,       # stats >= 3x faster than torch
    "bandwidth": 0.40,  # warm stats >= 40% of membw read bandwidth (16- and 8-bit dtypes)
}


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# Generated inputs (in --workdir, reused when their stamp matches)

def write_many_tensors(path, count, seed):
    """`count` small tensors with model-like names and mixed dtypes, via safetensors' writer."""
    gen = torch.Generator().manual_seed(seed)
    modules = [("self_attn.q_proj.weight", [8, 8], torch.bfloat16), ("self_attn.k_proj.weight", [4, 8], torch.bfloat16),
               ("self_attn.v_proj.weight", [4, 8], torch.bfloat16), ("self_attn.o_proj.weight", [8, 8], torch.bfloat16),
               ("self_attn.q_proj.bias", [8], torch.float32), ("mlp.gate_proj.weight", [16, 8], torch.float16),
               ("mlp.up_proj.weight", [16, 8], torch.float16), ("mlp.down_proj.weight", [8, 16], torch.float16),
               ("mlp.down_proj.weight_scale", [], torch.float32), ("mlp.gate_proj.weight_fp8", [16, 8], torch.float8_e4m3fn),
               ("input_layernorm.weight", [8], torch.float32), ("post_attention_layernorm.weight", [8], torch.float32),
               ("self_attn.rotary_emb.inv_freq", [4], torch.float32), ("router.expert_ids", [2, 3], torch.int64),
               ("router.mask", [6], torch.bool), ("quant.zero_point", [3], torch.uint8)]
    tensors = {}
    layer = 0
    while len(tensors) < count:
        for name, shape, dtype in modules:
            if len(tensors) == count:
                break
            t = torch.randn(shape, generator=gen) if shape else torch.randn((), generator=gen)
            if dtype == torch.bool:
                t = t > 0
            elif dtype in (torch.int64, torch.uint8):
                t = (t.abs() * 10).to(dtype)
            else:
                t = t.to(dtype)
            tensors[f"model.layers.{layer}.{name}"] = t
        layer += 1
    safetensors.torch.save_file(tensors, path, metadata={"format": "pt"})


def write_one_big_tensor(path, dtype, nbytes, seed, chunk_elems=1 << 24):
    """One 2-D tensor of randn * 0.02 (weight-like), streamed in chunks: memory stays at a few
    chunks. The header is exactly what safetensors.torch.save_file writes for it."""
    name = {torch.bfloat16: "BF16", torch.float8_e4m3fn: "F8_E4M3"}[dtype]
    itemsize = torch.empty((), dtype=dtype).element_size()
    cols = 4096
    rows = nbytes // (itemsize * cols)
    count = rows * cols
    header = json.dumps({"weight": {"dtype": name, "shape": [rows, cols], "data_offsets": [0, count * itemsize]}},
                        separators=(",", ":")).encode()
    header += b" " * (-len(header) % 8)
    gen = torch.Generator().manual_seed(seed)
    tmp = path.with_suffix(".partial")
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(header)) + header)
        done = 0
        while done < count:
            n = min(chunk_elems, count - done)
            chunk = (torch.randn(n, generator=gen) * 0.02).to(dtype)
            f.write(chunk.view(torch.uint8).numpy().tobytes())
            done += n
        f.flush()
        os.fsync(f.fileno())
    tmp.rename(path)
    with safe_open(path, framework="pt") as f:  # the reference reader accepts it as written
        assert f.get_slice("weight").get_shape() == [rows, cols]


def prepare_inputs(workdir, args):
    files = {
        "many": (workdir / "many_tensors.safetensors", lambda p: write_many_tensors(p, args.tensors, 1)),
        "bf16": (workdir / "bf16_2GB.safetensors",
                 lambda p: write_one_big_tensor(p, torch.bfloat16, int(args.bf16_bytes), 2)),
        "f8": (workdir / "f8_e4m3_1GB.safetensors",
               lambda p: write_one_big_tensor(p, torch.float8_e4m3fn, int(args.f8_bytes), 3)),
    }
    stamp_path = workdir / "stamp.json"
    stamp = {"version": GENERATOR_VERSION, "tensors": args.tensors, "bf16_bytes": int(args.bf16_bytes),
             "f8_bytes": int(args.f8_bytes)}
    old = json.loads(stamp_path.read_text()) if stamp_path.exists() else None
    paths = {}
    for key, (path, make) in files.items():
        if old == stamp and path.exists():
            log(f"reusing {path}")
        else:
            start = time.perf_counter()
            make(path)
            log(f"wrote {path} ({path.stat().st_size / 1e9:.3f} GB) in {time.perf_counter() - start:.1f} s")
        paths[key] = path
    stamp_path.write_text(json.dumps(stamp))
    return paths


# ---------------------------------------------------------------------------------------
# Page cache

def drop_page_cache(path):
    """Evicts the file's pages (clean pages of a file nobody maps go; dirty ones are synced first)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fdatasync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def resident_fraction(path):
    """Fraction of the file in the page cache, from util-linux fincore (None if unavailable)."""
    if not shutil.which("fincore"):
        return None
    out = subprocess.run(["fincore", "--bytes", "--noheadings", "--output", "RES", str(path)],
                         capture_output=True, text=True)
    try:
        return int(out.stdout.split()[0]) / os.path.getsize(path)
    except (ValueError, IndexError):
        return None


def warm_page_cache(path):
    with open(path, "rb") as f:
        while f.read(1 << 26):
            pass


# ---------------------------------------------------------------------------------------
# The reference

def reference_header_ms(path, repeat):
    """safe_open + dtype and shape of every tensor through get_slice; a fresh open each run."""
    times = []
    count = 0
    for _ in range(repeat + 1):  # the first run is a warm-up
        start = time.perf_counter()
        with safe_open(path, framework="pt") as f:
            count = 0
            for key in f.keys():
                view = f.get_slice(key)
                view.get_dtype()
                view.get_shape()
                count += 1
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times[1:]), count


def mapped_tensor(path):
    """The file's one tensor, zero-copy on a read-only mmap (as safe_open's mmap would be)."""
    with safe_open(path, framework="pt") as f:
        info = f.get_slice("weight")
        shape, dtype_name = info.get_shape(), info.get_dtype()
    n = struct.unpack("<Q", open(path, "rb").read(8))[0]
    dtype = {"BF16": torch.bfloat16, "F8_E4M3": torch.float8_e4m3fn}[dtype_name]
    raw = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    storage = torch.frombuffer(raw, dtype=torch.uint8)
    return raw, storage.view(dtype).reshape(-1), math.prod(shape)


def reference_stats_once(flat, bins, chunk=1 << 25):
    """What torch needs for these statistics: per chunk of the mmap, decode to float32 (histc,
    min/max and var_mean have no BF16/F8 CPU kernels worth the name, or none at all), count
    NaN/Inf/zeros, then merge mean/variance (Chan et al.); a second pass for histc once the
    range is known. Chunks bound the memory (a 2 GB BF16 tensor is 4 GB in float32)."""
    n_total = nan = pinf = ninf = zeros = 0
    lo, hi = math.inf, -math.inf
    count, mean, m2 = 0, 0.0, 0.0
    for start in range(0, flat.numel(), chunk):
        x = flat[start:start + chunk].float()
        n_total += x.numel()
        finite = torch.isfinite(x)
        nan += int(torch.isnan(x).sum())
        pinf += int((x == math.inf).sum())
        ninf += int((x == -math.inf).sum())
        zeros += int((x == 0).sum())
        xf = x if bool(finite.all()) else x[finite]
        if xf.numel() == 0:
            continue
        lo, hi = min(lo, float(xf.min())), max(hi, float(xf.max()))
        var_b, mean_b = torch.var_mean(xf, correction=0)
        nb = xf.numel()
        delta = float(mean_b) - mean
        total = count + nb
        mean += delta * nb / total
        m2 += float(var_b) * nb + delta * delta * count * nb / total
        count = total
    hist = torch.zeros(bins, dtype=torch.float64)
    for start in range(0, flat.numel(), chunk):
        x = flat[start:start + chunk].float()
        finite = torch.isfinite(x)
        xf = x if bool(finite.all()) else x[finite]
        hist += torch.histc(xf, bins=bins, min=lo, max=hi).double()
    std = math.sqrt(m2 / (count - 1)) if count > 1 else math.nan
    return {"count": n_total, "finite": count, "nan": nan, "pos_inf": pinf, "neg_inf": ninf, "zeros": zeros,
            "min": lo, "max": hi, "mean": mean, "std": std, "histogram": hist.tolist()}


def reference_stats(path, bins, repeat, cold):
    """(warm median ms, cold ms or None, stats). Warm: the median of `repeat` passes over a
    file read into the page cache beforehand (a torch pass over 1G elements takes minutes on
    two cores, so there is no separate warm-up pass; the first pass is cache-warm already)."""
    cold_ms = None
    if cold:
        drop_page_cache(path)
        log(f"  reference cold: {resident_fraction(path)!r} of the file resident after the drop")
        raw, flat, _ = mapped_tensor(path)
        start = time.perf_counter()
        reference_stats_once(flat, bins)
        cold_ms = (time.perf_counter() - start) * 1e3
        del flat, raw
    warm_page_cache(path)
    raw, flat, _ = mapped_tensor(path)
    result = None
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = reference_stats_once(flat, bins)
        times.append((time.perf_counter() - start) * 1e3)
    del flat, raw
    return statistics.median(times), cold_ms, result


# ---------------------------------------------------------------------------------------
# Lathe

def lathe(cli, *args):
    proc = subprocess.run([cli, *map(str, args), "--json"], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"lathe-cli {' '.join(map(str, args))} failed (exit {proc.returncode}):\n{proc.stderr}")
    return json.loads(proc.stdout)


def check_same_numbers(cli, path, ref, bins):
    """Lathe's stats of the benchmark tensor agree with the reference's (so both did the work)."""
    got = lathe(cli, "stats", path, "weight", "--bins", bins)
    problems = []
    for key in ["count", "finite", "nan", "pos_inf", "neg_inf", "zeros", "min", "max"]:
        if got[key] != ref[key]:
            problems.append(f"{key}: lathe {got[key]} vs torch {ref[key]}")
    for key in ["mean", "std"]:
        if not math.isclose(got[key], ref[key], rel_tol=1e-4, abs_tol=1e-7):
            problems.append(f"{key}: lathe {got[key]} vs torch {ref[key]}")
    if sum(got["histogram"]["counts"]) != ref["finite"]:
        problems.append("histogram counts do not sum to the finite count")
    return problems


# ---------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, help="scratch folder for the generated files (default: a temp dir, "
                                                     "removed afterwards); give one to reuse the files across runs")
    parser.add_argument("--lathe-cli", default=os.environ.get("LATHE_CLI", str(REPO / "build/app/cli/lathe-cli")),
                        help="the lathe-cli binary (default: $LATHE_CLI, else build/app/cli/lathe-cli)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median); default 5")
    parser.add_argument("--stats-repeat", type=int, default=3, help="timed warm stats runs of Lathe; default 3")
    parser.add_argument("--reference-stats-repeat", type=int, default=1,
                        help="timed warm stats runs of torch (minutes each on 2 cores); default 1")
    parser.add_argument("--tensors", type=int, default=100_000, help="tensors in the header benchmark file")
    parser.add_argument("--bf16-bytes", type=float, default=2e9, help="size of the BF16 tensor (default 2e9)")
    parser.add_argument("--f8-bytes", type=float, default=1e9, help="size of the F8_E4M3 tensor (default 1e9)")
    parser.add_argument("--bins", type=int, default=100, help="histogram bins (default 100)")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold page-cache figures")
    parser.add_argument("--json-out", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args()

    cli = args.lathe_cli
    if not os.access(cli, os.X_OK):
        sys.exit(f"lathe-cli not found at {cli}: build it (ninja -C build lathe-cli) or pass --lathe-cli")
    temp = None
    if args.workdir is None:
        temp = Path(tempfile.mkdtemp(prefix="lathe-bench-"))
        workdir = temp
    else:
        workdir = args.workdir
        workdir.mkdir(parents=True, exist_ok=True)
    try:
        run(args, cli, workdir)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)


def run(args, cli, workdir):
    paths = prepare_inputs(workdir, args)
    cold = not args.no_cold
    results = {"threads_torch": torch.get_num_threads(), "cpu_count": os.cpu_count()}

    log("membw")
    membw = lathe(cli, "bench", "membw")
    results["membw"] = membw

    log("header parse: Lathe")
    warm_page_cache(paths["many"])
    lathe_header = lathe(cli, "bench", "inspect", paths["many"], "--repeat", args.repeat)
    log("header parse: reference")
    ref_header_ms, ref_count = reference_header_ms(paths["many"], args.repeat)
    if int(lathe_header["tensors"]) != ref_count:
        sys.exit(f"tensor counts differ: lathe {lathe_header['tensors']}, reference {ref_count}")
    results["header"] = {"lathe_ms": lathe_header["header_parse_ms"], "reference_ms": ref_header_ms,
                         "tensors": ref_count, "file_bytes": paths["many"].stat().st_size}

    for key, label in [("bf16", "BF16"), ("f8", "F8_E4M3")]:
        path = paths[key]
        size = path.stat().st_size
        log(f"stats {label}: Lathe")
        warm_page_cache(path)
        options = ["--tensor", "weight", "--repeat", args.stats_repeat, "--bins", args.bins] + (["--cold"] if cold else [])
        got = lathe(cli, "bench", "inspect", path, *options)
        log(f"stats {label}: reference (torch)")
        ref_ms, ref_cold_ms, ref_stats = reference_stats(path, args.bins, args.reference_stats_repeat, cold)
        tensor_bytes = size - 8 - struct.unpack("<Q", open(path, "rb").read(8))[0]
        problems = check_same_numbers(cli, path, ref_stats, args.bins)
        results[key] = {
            "tensor_bytes": tensor_bytes, "lathe": got, "reference_ms": ref_ms, "reference_cold_ms": ref_cold_ms,
            "reference_gb_per_s": tensor_bytes / 1e9 / (ref_ms / 1e3),
            "reference_cold_gb_per_s": tensor_bytes / 1e9 / (ref_cold_ms / 1e3) if ref_cold_ms else None,
            "agreement_problems": problems,
        }
    print_table(results, cold)
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=2))
        log(f"wrote {args.json_out}")


def print_table(r, cold):
    read_bw = r["membw"]["read_gb_per_s"]
    rows = []

    def row(figure, lathe_value, ref_value, unit, speedup, goal, goal_text):
        met = "" if speedup is None or goal is None else ("yes" if speedup >= goal else "NO")
        rows.append((figure, f"{lathe_value:,.3f} {unit}" if lathe_value is not None else "-",
                     f"{ref_value:,.3f} {unit}" if ref_value is not None else "-",
                     f"{speedup:.2f}x" if speedup is not None else "-", goal_text, met))

    h = r["header"]
    row(f"header parse, {h['tensors']:,} tensors", h["lathe_ms"], h["reference_ms"], "ms",
        h["reference_ms"] / h["lathe_ms"], GOALS["header"], ">= 2x faster")
    for key, label in [("bf16", "BF16"), ("f8", "F8_E4M3")]:
        s = r[key]
        gb = s["tensor_bytes"] / 1e9
        lathe_ms = s["lathe"]["stats_ms"]
        row(f"stats {label} {gb:.2f} GB, warm", lathe_ms, s["reference_ms"], "ms", s["reference_ms"] / lathe_ms,
            GOALS["stats"], ">= 3x faster")
        row(f"  as bandwidth, warm", s["lathe"]["stats_gb_per_s"], s["reference_gb_per_s"], "GB/s", None, None, "")
        frac = s["lathe"]["stats_gb_per_s"] / read_bw
        rows.append((f"  warm / membw read ({read_bw:.2f} GB/s)", f"{frac:.0%}",
                     f"{s['reference_gb_per_s'] / read_bw:.0%}", "-", ">= 40% (Lathe)",
                     "yes" if frac >= GOALS["bandwidth"] else "NO"))
        if cold and s["reference_cold_ms"]:
            lc = s["lathe"]["stats_cold_ms"]
            row(f"stats {label} {gb:.2f} GB, cold", lc, s["reference_cold_ms"], "ms", s["reference_cold_ms"] / lc,
                GOALS["stats"], ">= 3x faster")
            row(f"  as bandwidth, cold", s["lathe"]["stats_cold_gb_per_s"], s["reference_cold_gb_per_s"], "GB/s",
                None, None, "")
    rows.append(("membw read / copy", f"{read_bw:.2f} / {r['membw']['copy_gb_per_s']:.2f} GB/s", "-", "-", "", ""))
    headers = ("figure", "Lathe", "reference", "ratio", "goal", "met")
    widths = [max(len(str(x[i])) for x in [headers, *rows]) for i in range(len(headers))]
    line = lambda cells: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for cells in rows:
        print(line(cells))
    print(f"\nreference: safetensors safe_open + get_slice (header); torch {torch.__version__} on a read-only mmap, "
          f"{r['threads_torch']} threads (stats); Lathe threads: {int(r['bf16']['lathe'].get('threads', 0)) or '?'}; "
          f"{r['cpu_count']} CPUs")
    print("ratio = reference time / Lathe time (higher is better for Lathe); warm: Lathe's median of "
          "--stats-repeat runs after one warm-up, torch's median of --reference-stats-repeat passes over the "
          "file already in the page cache; cold: one pass after POSIX_FADV_DONTNEED")
    for key in ["bf16", "f8"]:
        for problem in r[key]["agreement_problems"]:
            print(f"WARNING: {key}: Lathe and torch disagree: {problem}")
        s = r[key]
        if cold and s["reference_cold_ms"] and s["lathe"].get("stats_cold_gb_per_s", 0) > 0.8 * s["lathe"]["stats_gb_per_s"]:
            print(f"WARNING: {key}: Lathe's cold run is nearly as fast as warm: the page cache drop may not have taken")


if __name__ == "__main__":
    main()
