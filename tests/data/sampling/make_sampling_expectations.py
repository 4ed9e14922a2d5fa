"""Expectations for tests/engine/test_sampler.cpp: transformers' logits processors run over
fixed logits for a grid of sampling parameters, one record per case with the ids that survive
the chain and their probabilities after it.

SOURCE: generated with the reference environment (transformers 5.23.0, torch, numpy):

    /root/.cache/lathe/refenv/bin/python tests/data/sampling/make_sampling_expectations.py

which rewrites tests/data/sampling/expectations.json next to this script. The output is
deterministic (numpy's PCG64 with fixed seeds); rerun after changing the grid and commit both.

The chain is built in the order of transformers' GenerationMixin._get_logits_processor
(generation/utils.py): RepetitionPenaltyLogitsProcessor among the processors, then the sampling
warpers TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper, MinPLogitsWarper,
TypicalLogitsWarper, each with min_tokens_to_keep=1 (num_beams=1). Each warper is added under
the same conditions as there (temperature != 1, top_k != 0, top_p < 1, typical_p < 1; min_p
whenever set). Frequency and presence penalties are not in transformers; they follow OpenAI's
definition as vLLM applies it, after the repetition penalty and over generated ids only:
logit -= count * frequency_penalty, then logit -= presence_penalty where count > 0 (float32).
temperature 0 means greedy: the processors only, then argmax (the first index among equal
maxima, as torch.argmax), so the "distribution" is one-hot.

A case is kept only if its surviving set is stable: the same when every threshold (top_p,
min_p, typical_p) moves by +-1e-4, when the chain runs in float64, and when the warpers see the
vocabulary in reverse order (torch.sort is not stable, so where equal probabilities straddle a
top-p or typical-p cut the reference's set is arbitrary). So an implementation that computes in
another precision or summation order must still find exactly these sets.

The "draws" section pins the seeded draw of Lathe's Sampler (not a transformers feature):
xoshiro256** seeded by four successive splitmix64 outputs of the seed, u = (next >> 11) * 2^-53,
then the first id in increasing id order whose running sum of weights exceeds u * total, where
the weights are exp(l - max l) of the surviving, processed logits.
"""
import json
from pathlib import Path

import numpy as np
import torch
from transformers.generation.logits_process import (
    LogitsProcessorList,
    MinPLogitsWarper,
    RepetitionPenaltyLogitsProcessor,
    TemperatureLogitsWarper,
    TopKLogitsWarper,
    TopPLogitsWarper,
    TypicalLogitsWarper,
)

HERE = Path(__file__).resolve().parent
NEG_INF = float("-inf")


def make_logits():
    """Named logits vectors (float32). -inf entries are written as null."""
    rng = np.random.default_rng(20240601)
    out = {}
    out["normal64"] = (rng.standard_normal(64) * 3.0).astype(np.float32)
    out["normal1000"] = (rng.standard_normal(1000) * 2.0).astype(np.float32)
    peaked = (rng.standard_normal(48) * 1.5).astype(np.float32)
    peaked[7] = 9.0  # one dominant token
    out["peaked48"] = peaked
    masked = (rng.standard_normal(40) * 2.5).astype(np.float32)
    masked[[3, 11, 12, 30]] = NEG_INF  # ids the model forbids
    out["masked40"] = masked
    # Equal logits: top-k keeps every id tied with the k-th largest (scores < kth are removed).
    out["ties16"] = np.array([1, 3, 3, 2, 2, 2, 0, -1, 3, 1, 0.5, -2, 2, 0, -3, 1], dtype=np.float32)
    return out


PROMPT_IDS = [5, 9, 9, 2, 17, 30]
GENERATED_IDS = [9, 4, 4, 4, 21, 2, 33, 33]


def base_params(**kw):
    p = dict(temperature=1.0, top_k=0, top_p=1.0, min_p=0.0, typical_p=1.0,
             repetition_penalty=1.0, frequency_penalty=0.0, presence_penalty=0.0)
    p.update(kw)
    return p


def grid():
    cases = []
    for t in (0.5, 1.0, 1.7):
        cases.append(base_params(temperature=t))
    for k in (1, 3, 5, 40):
        cases.append(base_params(top_k=k))
        cases.append(base_params(top_k=k, temperature=0.7))
    for p in (0.1, 0.5, 0.8, 0.9, 0.95):
        cases.append(base_params(top_p=p))
        cases.append(base_params(top_p=p, temperature=1.4))
    for m in (0.02, 0.05, 0.2, 0.5, 1.0):
        cases.append(base_params(min_p=m))
        cases.append(base_params(min_p=m, temperature=0.6))
    for ty in (0.2, 0.5, 0.9, 0.95):
        cases.append(base_params(typical_p=ty))
        cases.append(base_params(typical_p=ty, temperature=1.3))
    for r in (0.8, 1.3, 2.0):
        cases.append(base_params(repetition_penalty=r))
    for f, pr in ((0.5, 0.0), (0.0, 0.7), (1.2, -0.4), (-0.6, 1.5)):
        cases.append(base_params(frequency_penalty=f, presence_penalty=pr))
    # combinations: every stage after another
    cases.append(base_params(temperature=0.8, top_k=20, top_p=0.9))
    cases.append(base_params(temperature=0.8, top_k=50, top_p=0.9, min_p=0.05))
    cases.append(base_params(temperature=1.3, top_p=0.8, typical_p=0.7))
    cases.append(base_params(temperature=0.9, min_p=0.1, typical_p=0.9))
    cases.append(base_params(temperature=1.1, top_k=30, top_p=0.95, min_p=0.02, typical_p=0.8,
                             repetition_penalty=1.2, frequency_penalty=0.3, presence_penalty=0.2))
    cases.append(base_params(temperature=0.7, top_p=0.9, repetition_penalty=1.15, presence_penalty=0.5))
    # greedy: processors only, then argmax
    cases.append(base_params(temperature=0.0))
    cases.append(base_params(temperature=0.0, repetition_penalty=1.5, frequency_penalty=0.8))
    return cases


def penalize(logits, params, vocab, dtype):
    """Repetition (transformers), then frequency and presence (OpenAI / vLLM)."""
    scores = torch.tensor(logits, dtype=dtype).unsqueeze(0)
    seen = [i for i in PROMPT_IDS + GENERATED_IDS if i < vocab]
    if params["repetition_penalty"] != 1.0:
        proc = RepetitionPenaltyLogitsProcessor(float(params["repetition_penalty"]))
        scores = proc(torch.tensor([seen], dtype=torch.long), scores)
    f, pr = params["frequency_penalty"], params["presence_penalty"]
    if f != 0.0 or pr != 0.0:
        counts = torch.zeros(vocab, dtype=dtype)
        for i in GENERATED_IDS:
            if i < vocab:
                counts[i] += 1
        scores = scores - torch.tensor(f, dtype=dtype) * counts
        scores = scores - torch.tensor(pr, dtype=dtype) * (counts > 0).to(dtype)
    return scores


def warpers(params):
    procs = LogitsProcessorList()
    if params["temperature"] != 1.0:
        procs.append(TemperatureLogitsWarper(float(params["temperature"])))
    if params["top_k"] != 0:
        procs.append(TopKLogitsWarper(top_k=int(params["top_k"]), min_tokens_to_keep=1))
    if params["top_p"] < 1.0:
        procs.append(TopPLogitsWarper(top_p=float(params["top_p"]), min_tokens_to_keep=1))
    if params["min_p"] is not None:
        procs.append(MinPLogitsWarper(min_p=float(params["min_p"]), min_tokens_to_keep=1))
    if params["typical_p"] < 1.0:
        procs.append(TypicalLogitsWarper(mass=float(params["typical_p"]), min_tokens_to_keep=1))
    return procs


def run_chain(logits, params, dtype, reverse=False):
    """Probabilities after the chain. reverse: the warpers see the vocabulary in reverse id
    order (results mapped back), to catch sets that depend on how equal values are ordered."""
    vocab = len(logits)
    scores = penalize(logits, params, vocab, dtype)
    if params["temperature"] == 0.0:
        probs = torch.zeros(vocab, dtype=dtype)
        probs[int(torch.argmax(scores[0]))] = 1.0
        return probs
    dummy_ids = torch.tensor([PROMPT_IDS + GENERATED_IDS], dtype=torch.long)
    if reverse:
        scores = torch.flip(scores, dims=[1])
    scores = warpers(params)(dummy_ids, scores)
    if reverse:
        scores = torch.flip(scores, dims=[1])
    return torch.softmax(scores[0], dim=-1)


def kept_set(probs):
    return tuple(int(i) for i in torch.nonzero(probs > 0).flatten())


def stable(logits, params):
    base = kept_set(run_chain(logits, params, torch.float32))
    if kept_set(run_chain(logits, params, torch.float64)) != base:
        return False
    if params["temperature"] != 0.0 and kept_set(run_chain(logits, params, torch.float32, reverse=True)) != base:
        return False
    for key, lo, hi in (("top_p", 0.0, 1.0), ("min_p", 0.0, 1.0), ("typical_p", 0.0, 1.0)):
        value = params[key]
        off = (key == "top_p" and value == 1.0) or (key == "typical_p" and value == 1.0) \
            or (key == "min_p" and value == 0.0)
        if off:
            continue
        for d in (-1e-4, 1e-4):
            v = value + d
            if v <= lo or v > hi:
                continue
            moved = dict(params)
            moved[key] = v
            if kept_set(run_chain(logits, moved, torch.float32)) != base:
                return False
    return True


# ---- the draw (Lathe's documented rule), for the "draws" section

MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro256ss:
    def __init__(self, seed):
        s = seed & MASK
        self.s = []
        for _ in range(4):
            s, z = splitmix64(s)
            self.s.append(z)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * (2.0 ** -53)


def draws(logits, temperature, seed, count):
    scaled = (logits / np.float32(temperature)).astype(np.float32)
    vmax = np.float32(scaled.max())
    weights = np.exp((scaled - vmax).astype(np.float32)).astype(np.float32)
    total = 0.0
    for w in weights:  # sequential double sum, as the C++ does (np.sum and sum() differ)
        total += float(w)
    rng = Xoshiro256ss(seed)
    out = []
    for _ in range(count):
        target = rng.uniform() * total
        acc = 0.0
        chosen = len(weights) - 1
        for i, w in enumerate(weights):
            acc += float(w)
            if acc > target:
                chosen = i
                break
        out.append(chosen)
    return out


def encode(values):
    return [None if v == NEG_INF else float(v) for v in values]


def dump(doc):
    """JSON with one line per logits vector and per case, so diffs stay readable."""
    def one(v):
        return json.dumps(v, separators=(",", ":"))
    lines = ["{"]
    for key, value in doc.items():
        if key == "logits":
            lines.append(' "logits": {')
            items = [f'  "{n}": {one(v)}' for n, v in value.items()]
            lines.append(",\n".join(items))
            lines.append(" },")
        elif key in ("cases", "draws"):
            lines.append(f' "{key}": [')
            lines.append(",\n".join("  " + one(c) for c in value))
            lines.append(" ],")
        else:
            lines.append(f' "{key}": {one(value)},')
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    torch.manual_seed(0)
    logits = make_logits()
    records = []
    dropped = []
    for name, values in logits.items():
        for params in grid():
            if not stable(values, params):
                dropped.append(f"{name} {params}")
                continue
            probs = run_chain(values, params, torch.float32)
            kept = kept_set(probs)
            records.append({
                "logits": name,
                "params": params,
                "kept": list(kept),
                "probs": [float(probs[i]) for i in kept],
            })
    doc = {
        "generator": "tests/data/sampling/make_sampling_expectations.py (transformers 5.23.0)",
        "prompt_ids": PROMPT_IDS,
        "generated_ids": GENERATED_IDS,
        "logits": {name: encode(v) for name, v in logits.items()},
        "cases": records,
        "draws": [
            {"logits": "normal64", "temperature": 1.0, "seed": 42,
             "ids": draws(logits["normal64"], 1.0, 42, 40)},
            {"logits": "peaked48", "temperature": 2.5, "seed": 7,
             "ids": draws(logits["peaked48"], 2.5, 7, 40)},
        ],
    }
    (HERE / "expectations.json").write_text(dump(doc))
    print(f"{len(records)} cases written, {len(dropped)} unstable cases dropped:")
    for d in dropped:
        print("  ", d)


if __name__ == "__main__":
    main()
