"""Models Lathe must refuse: `lathe-cli forward` and `lathe-cli generate --json` exit 2 with an
`error: ` line on stderr naming the offending thing, and `generate --json` prints nothing on
stdout. Each case is a copy of the tiny Llama of tiny_models.py (float32; hidden 72, 6 heads,
2 KV heads, head_dim 12, vocab 317, max_position_embeddings 128) with config.json or
model.safetensors edited (the file rewritten by safetensors.torch.save_file):

  unknown architecture      architectures ["FrobnicatorForCausalLM"], model_type "frobnicator":
                            the message names it and lists the supported ones (LlamaForCausalLM)
  missing tensor            model.layers.1.mlp.down_proj.weight left out: named
  mis-shaped tensor         model.layers.0.self_attn.k_proj.weight [32, 72] instead of [24, 72]:
                            the name and both shapes
  prompt too long           129 ids, max_position_embeddings 128: the message names
                            max_position_embeddings and 128 (128 ids are accepted)
  config.json not JSON      the message names config.json
  heads not dividing        num_attention_heads 5 (and 5 KV heads), hidden 72, no head_dim:
                            the message names num_attention_heads
  id out of range           --ids 1,2,317 with vocab 317: the message names 317

Where the reference (transformers 5.23.0, AutoModelForCausalLM.from_pretrained and a forward)
rejects the model too, the test checks that it does; transformers loads a model with a missing
tensor (initialized at random) and runs prompts past max_position_embeddings (RoPE
extrapolates): there Lathe is stricter, by contract. First, the unedited copy must work (exit
0), or the error cases would prove nothing.
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import json
import os
import re
import shutil

import torch
from safetensors.torch import load_file, save_file

import tiny_models as tm

os.environ["LATHE_THREADS"] = "2"

LLAMA = tm.build_all(["llama"])["llama"]
SOURCE = LLAMA.folder("f32")
CONFIG = LLAMA.config("f32")
VOCAB = CONFIG["vocab_size"]
MAX_POS = CONFIG["max_position_embeddings"]


def shape_pattern(shape):
    """A regex for a shape written any usual way: [24, 72], (24, 72), 24x72, 24 × 72."""
    return r"\D{1,4}".join(str(d) for d in shape) + r"(?!\d)"


class TestModelErrors(cs.CliTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.good = cls.tmp / "good"
        shutil.copytree(SOURCE, cls.good)
        out = cls.tmp / "good.safetensors"
        proc = cs.run_cli(["forward", "--model", cls.good, "--ids", "1,2,3", "--out", out])
        if proc.returncode != 0:
            raise AssertionError("the unedited tiny Llama must work before its broken copies are "
                                 "tried:\n" + cs.describe(proc))
        proc = cs.run_cli(["generate", "--model", cls.good, "--ids", "1,2,3", "--max-new-tokens", "2",
                           "--temperature", "0", "--json"])
        if proc.returncode != 0:
            raise AssertionError("the unedited tiny Llama must work before its broken copies are "
                                 "tried:\n" + cs.describe(proc))

    def copy_model(self, name):
        folder = self.tmp / name
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(SOURCE, folder)
        return folder

    def edit_config(self, folder, fn):
        path = folder / "config.json"
        cfg = json.loads(path.read_text())
        fn(cfg)
        path.write_text(json.dumps(cfg, indent=2))

    def edit_tensors(self, folder, fn):
        path = folder / "model.safetensors"
        tensors = load_file(str(path))
        fn(tensors)
        save_file(tensors, str(path), metadata={"format": "pt"})

    def assertRejected(self, folder, names, ids=(1, 2, 3)):
        """forward and generate --json: exit 2, `error: ` lines containing every regex in names,
        nothing on stdout for --json."""
        ids_arg = ",".join(map(str, ids))
        runs = [
            cs.run_cli(["forward", "--model", folder, "--ids", ids_arg, "--out", self.tmp / "out.safetensors"]),
            cs.run_cli(["generate", "--model", folder, "--ids", ids_arg, "--max-new-tokens", "4",
                        "--temperature", "0", "--json"]),
        ]
        for proc in runs:
            self.assertEqual(proc.returncode, 2, cs.describe(proc))
            errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
            self.assertTrue(errors, f"no `error: ` line on stderr\n{cs.describe(proc)}")
            text = "\n".join(errors)
            for name in names:
                self.assertRegex(text, name, f"the error does not name {name!r}\n{cs.describe(proc)}")
            if "--json" in proc.args:
                self.assertEqual(proc.stdout, "", f"stdout not empty on error with --json\n{cs.describe(proc)}")

    def assertReferenceRejects(self, folder, ids=(1, 2, 3)):
        with self.assertRaises(Exception, msg="transformers accepts this model"):
            tm.hf_logits(tm.load_hf(folder), list(ids))

    def test_unknown_architecture(self):
        folder = self.copy_model("unknown-arch")
        self.edit_config(folder, lambda c: c.update(architectures=["FrobnicatorForCausalLM"],
                                                     model_type="frobnicator"))
        self.assertRejected(folder, ["FrobnicatorForCausalLM", "LlamaForCausalLM"])
        self.assertReferenceRejects(folder)

    def test_missing_tensor(self):
        folder = self.copy_model("missing-tensor")
        name = "model.layers.1.mlp.down_proj.weight"
        self.edit_tensors(folder, lambda t: t.pop(name))
        self.assertRejected(folder, [re.escape(name)])
        # transformers loads it, with the tensor initialized at random: Lathe is stricter.

    def test_misshaped_tensor(self):
        folder = self.copy_model("misshaped-tensor")
        name = "model.layers.0.self_attn.k_proj.weight"
        expected = [CONFIG["num_key_value_heads"] * CONFIG["head_dim"], CONFIG["hidden_size"]]
        wrong = [expected[0] + 8, expected[1]]

        def edit(t):
            self.assertEqual(list(t[name].shape), expected)
            t[name] = torch.randn(wrong)
        self.edit_tensors(folder, edit)
        self.assertRejected(folder, [re.escape(name), shape_pattern(expected), shape_pattern(wrong)])
        self.assertReferenceRejects(folder)

    def test_prompt_longer_than_max_position_embeddings(self):
        folder = self.copy_model("long-prompt")
        self.assertRejected(folder, ["max_position_embeddings", rf"\b{MAX_POS}\b"], ids=[5] * (MAX_POS + 1))
        proc = cs.run_cli(["forward", "--model", folder, "--ids", ",".join(["5"] * MAX_POS),
                           "--out", self.tmp / "max.safetensors"])
        self.assertEqual(proc.returncode, 0, "a prompt of exactly max_position_embeddings ids\n"
                         + cs.describe(proc))
        # transformers runs 129 positions (RoPE extrapolates): Lathe is stricter.

    def test_config_not_json(self):
        folder = self.copy_model("bad-json")
        (folder / "config.json").write_text('{"architectures": ["LlamaForCausalLM"], "hidden_size": 72,\n')
        self.assertRejected(folder, [r"config\.json"])
        self.assertReferenceRejects(folder)

    def test_heads_not_dividing_hidden_size(self):
        folder = self.copy_model("bad-heads")

        def edit(c):
            c.update(num_attention_heads=5, num_key_value_heads=5)
            c.pop("head_dim")
        self.edit_config(folder, edit)
        self.assertRejected(folder, ["num_attention_heads"])
        self.assertReferenceRejects(folder)

    def test_id_out_of_range(self):
        folder = self.copy_model("id-range")
        self.assertRejected(folder, [rf"\b{VOCAB}\b"], ids=[1, 2, VOCAB])
        self.assertReferenceRejects(folder, ids=[1, 2, VOCAB])


if __name__ == "__main__":
    cs.main()
