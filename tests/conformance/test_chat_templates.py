"""`lathe-cli chat-template` against transformers' apply_chat_template(tokenize=False): the
real chat templates of tests/data/chat_templates/ (SOURCE.md says where each came from),
each rendered over the conversations of CONVERSATIONS -- system / no system, multi-turn,
tools, tool calls with dict and string arguments, tool results, list-of-parts content,
reasoning, documents, generation prompt on and off, continue_final_message, enable_thinking,
and the templates' own error cases. Every rendering must be byte-identical, and wherever
transformers raises, lathe-cli must exit 2 (with the template's own message when the template
called raise_exception).

Each template is rendered twice by Lathe: `--template FILE` (special tokens given in the
input) and `--model DIR` (a model folder whose tokenizer_config.json holds the model's special
tokens), and the discovery rules (chat_template.jinja over the config,
additional_chat_templates/*.jinja, named template lists with tool_use, GGUF metadata) are
checked on their own. `--tokenize` is compared with apply_chat_template(tokenize=True) on a
real tokenizer (Qwen3).

Date-dependent templates (strftime_now) read the clock on both sides within a second; run
this module a few seconds away from midnight.
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import copy
import json
import os
import shutil
import unittest
from pathlib import Path

import jinja2.exceptions
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import AutoTokenizer, PreTrainedTokenizerFast

import train_tokenizers

TEMPLATE_DIR = cs.HERE.parent / "data" / "chat_templates"
RENDER_TIMEOUT_S = 20  # one render takes milliseconds; --tokenize loads a 150k-token tokenizer

# The special tokens of each model's tokenizer_config.json (bos_token, eos_token), as
# transformers passes them to the template.
LLAMA3 = {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"}
CHATML = {"eos_token": "<|im_end|>"}
DEEPSEEK = {"bos_token": "<｜begin▁of▁sentence｜>", "eos_token": "<｜end▁of▁sentence｜>"}
MISTRAL = {"bos_token": "<s>", "eos_token": "</s>"}
COHERE = {"bos_token": "<BOS_TOKEN>", "eos_token": "<|END_OF_TURN_TOKEN|>"}
MODELS = {
    "meta-llama-Llama-3.1-8B-Instruct": LLAMA3,
    "meta-llama-Llama-3.2-3B-Instruct": LLAMA3,
    "Qwen-Qwen2.5-7B-Instruct": CHATML,
    "Qwen-Qwen3-0.6B": CHATML,
    "Qwen-QwQ-32B": CHATML,
    "mistralai-Mistral-Nemo-Instruct-2407": MISTRAL,
    "Mistral-Small-3.2-24B-Instruct-2506": MISTRAL,
    "google-gemma-2-2b-it": {"bos_token": "<bos>", "eos_token": "<eos>"},
    "microsoft-Phi-3.5-mini-instruct": {"bos_token": "<s>", "eos_token": "<|endoftext|>"},
    "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B": DEEPSEEK,
    "deepseek-ai-DeepSeek-V3.1": DEEPSEEK,
    "CohereForAI-c4ai-command-r-plus-tool_use": COHERE,
    "CohereForAI-c4ai-command-r7b-12-2024-tool_use": COHERE,
    "NousResearch-Hermes-3-Llama-3.1-8B-tool_use": {"bos_token": "<|begin_of_text|>", "eos_token": "<|im_end|>"},
    "ibm-granite-granite-3.3-2B-Instruct": {"bos_token": "<|end_of_text|>", "eos_token": "<|end_of_text|>"},
    "openai-gpt-oss-120b": {"bos_token": "<|startoftext|>", "eos_token": "<|return|>"},
    "meetkai-functionary-medium-v3.2": LLAMA3,
    "HuggingFaceTB-SmolLM3-3B": {"bos_token": "<|im_start|>", "eos_token": "<|im_end|>"},
}

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather in a city",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "The city, e.g. Paris"},
                "unit": {"type": "string", "description": "The unit", "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["city"],
        },
    },
}
TIME_TOOL = {"type": "function", "function": {"name": "get_time", "description": "The time now in a time zone",
                                              "parameters": {"type": "object", "properties": {
                                                  "tz": {"type": "string", "description": "IANA zone"}},
                                                  "required": ["tz"]}}}
SYSTEM = {"role": "system", "content": "You are a concise assistant. Answer in one sentence."}
USER = {"role": "user", "content": "What is the capital of France?"}
ASSISTANT = {"role": "assistant", "content": "The capital of France is Paris."}
USER2 = {"role": "user", "content": "And of Japan? 日本の首都は? 🗾"}
CALL_ID = "call12345"  # Mistral wants 9 alphanumeric characters


def tool_call(arguments, content=None):
    message = {"role": "assistant", "tool_calls": [
        {"id": CALL_ID, "type": "function", "function": {"name": "get_weather", "arguments": arguments}}]}
    if content is not None:
        message["content"] = content
    return message


TOOL_RESULT = {"role": "tool", "tool_call_id": CALL_ID, "name": "get_weather",
               "content": "{\"temperature\": 18, \"sky\": \"clear\"}"}

# Templates written for tools only (the tool_use entry of a named list) are always given tools.
NEEDS_TOOLS = {"CohereForAI-c4ai-command-r-plus-tool_use", "NousResearch-Hermes-3-Llama-3.1-8B-tool_use"}

# name -> request (the JSON lathe-cli reads; messages, tools, ... and template variables)
CONVERSATIONS = {
    "user": {"messages": [USER]},
    "system_user_prompt": {"messages": [SYSTEM, USER], "add_generation_prompt": True},
    "multi_turn_prompt": {"messages": [SYSTEM, USER, ASSISTANT, USER2], "add_generation_prompt": True},
    "multi_turn_no_system": {"messages": [USER, ASSISTANT, USER2, {"role": "assistant", "content": "Tokyo."}]},
    "list_content": {"messages": [
        {"role": "system", "content": [{"type": "text", "text": "Be brief."}]},
        {"role": "user", "content": [{"type": "text", "text": "Describe "}, {"type": "text", "text": "this  city."}]},
        {"role": "assistant", "content": [{"type": "text", "text": "A city by a river."}]},
        {"role": "user", "content": [{"type": "text", "text": "Thanks"}]}], "add_generation_prompt": True},
    "tools_prompt": {"messages": [SYSTEM, {"role": "user", "content": "Weather in Paris?"}],
                     "tools": [WEATHER_TOOL, TIME_TOOL], "add_generation_prompt": True},
    "tool_call_dict_args": {"messages": [{"role": "user", "content": "Weather in Paris?"},
                                         tool_call({"city": "Paris", "unit": "celsius"}, content=""), TOOL_RESULT],
                            "tools": [WEATHER_TOOL], "add_generation_prompt": True},
    "tool_call_string_args": {"messages": [SYSTEM, {"role": "user", "content": "Weather in Paris?"},
                                           tool_call("{\"city\": \"Paris\"}", content=""), TOOL_RESULT,
                                           {"role": "assistant", "content": "It is 18 degrees and clear."}],
                              "tools": [WEATHER_TOOL]},
    "tool_call_no_content": {"messages": [{"role": "user", "content": "Weather in Paris?"},
                                          tool_call({"city": "Paris"}), TOOL_RESULT],
                             "tools": [WEATHER_TOOL], "add_generation_prompt": True},
    "continue_final": {"messages": [USER, {"role": "assistant", "content": "The capital of France is "}],
                       "continue_final_message": True},
    "continue_final_spaces": {"messages": [SYSTEM, USER, {"role": "assistant", "content": "Well,   "}],
                              "continue_final_message": True},
    "thinking_off": {"messages": [USER], "add_generation_prompt": True, "enable_thinking": False},
    "reasoning_history": {"messages": [USER, {"role": "assistant", "content": "Paris.",
                                              "reasoning_content": "The user asks for France's capital."}, USER2],
                          "add_generation_prompt": True, "enable_thinking": True},
    "documents": {"messages": [{"role": "user", "content": "Summarize the documents."}],
                  "documents": [{"title": "Paris", "text": "Paris is the capital of France."},
                                {"title": "Tokyo", "text": "Tokyo is the capital of Japan."}],
                  "add_generation_prompt": True},
    "variables": {"messages": [SYSTEM, USER], "add_generation_prompt": True, "date_string": "26 Jul 2024",
                  "tools_in_user_message": False, "custom_variable": {"b": 1, "a": [1, 2]}},
    # the templates' own error cases
    "error_roles_not_alternating": {"messages": [USER, USER2], "add_generation_prompt": True},
    "error_starts_with_assistant": {"messages": [ASSISTANT, USER]},
    "error_system_late": {"messages": [USER, ASSISTANT, SYSTEM, USER2]},
    "error_unknown_role": {"messages": [{"role": "narrator", "content": "Once upon a time"}, USER]},
}


def tiny_tokenizer_json(path):
    """A minimal tokenizer.json transformers can load (model folders for discovery)."""
    vocab = {"[UNK]": 0, "hello": 1}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.save(str(path))


def make_model_folder(folder, config, template_file=None, extra_templates=None):
    """tokenizer.json + tokenizer_config.json (+ chat_template.jinja, additional_chat_templates/*.jinja)."""
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    tiny_tokenizer_json(folder / "tokenizer.json")
    (folder / "tokenizer_config.json").write_text(json.dumps(
        {"tokenizer_class": "PreTrainedTokenizerFast", **config}, ensure_ascii=False, indent=1), encoding="utf-8")
    if template_file is not None:
        (folder / "chat_template.jinja").write_text(template_file, encoding="utf-8")
    for name, text in (extra_templates or {}).items():
        (folder / "additional_chat_templates").mkdir(exist_ok=True)
        (folder / "additional_chat_templates" / f"{name}.jinja").write_text(text, encoding="utf-8")
    return folder


def reference(tokenizer, request, **extra):
    """("ok", text) or ("error", message, raised_by_template) from transformers."""
    request = copy.deepcopy(request)
    messages = request.pop("messages")
    try:
        text = tokenizer.apply_chat_template(messages, tokenize=False, **request, **extra)
        return ("ok", text)
    except jinja2.exceptions.TemplateError as e:
        # raise_exception raises exactly TemplateError; subclasses (UndefinedError, ...) are
        # the engine's own errors, whose wording Lathe need not share.
        return ("error", str(e), type(e) is jinja2.exceptions.TemplateError)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as e:
        return ("error", str(e), False)


class ChatTemplateTest(cs.CliTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.templates = {name: (TEMPLATE_DIR / f"{name}.jinja").read_text(encoding="utf-8") for name in MODELS}
        cls.counts = {"renders": 0, "errors": 0}

    @classmethod
    def tearDownClass(cls):
        print(f"\nchat templates: {cls.counts['renders']} renders identical, {cls.counts['errors']} errors "
              f"matched", flush=True)
        super().tearDownClass()

    def lathe(self, request, *args):
        """Runs `lathe-cli chat-template ARGS --input REQUEST`; bytes out. None when it hangs."""
        path = self.tmp / "request.json"
        path.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
        command = [cs.LATHE_CLI, "chat-template", *map(str, args), "--input", str(path)]
        try:
            return cs.subprocess.run(command, capture_output=True, timeout=RENDER_TIMEOUT_S)
        except cs.subprocess.TimeoutExpired:
            return None

    def check(self, expected, proc, what):
        # A hang is a failure (the engine's limits should have stopped it).
        self.assertIsNotNone(proc, f"{what}: lathe-cli ran past {RENDER_TIMEOUT_S} s")
        stdout = proc.stdout.decode("utf-8", errors="replace")
        stderr = proc.stderr.decode("utf-8", errors="replace")
        described = f"{what}\n-> exit {proc.returncode}\nstderr: {stderr[:1500]}"
        if expected[0] == "ok":
            self.assertEqual(proc.returncode, 0, described)
            self.assertEqual(proc.stdout, expected[1].encode("utf-8"), described)
            self.counts["renders"] += 1
        else:
            self.assertEqual(proc.returncode, 2, f"transformers raised {expected[1]!r}; {described}\n"
                                                 f"stdout: {stdout[:1500]!r}")
            self.assertTrue(stderr.startswith("error: "), described)
            if expected[2]:
                self.assertIn(expected[1], stderr, described)
            self.counts["errors"] += 1

    def test_real_templates(self):
        """Every template x every conversation: --template FILE and --model DIR."""
        hung = []
        for name, special in MODELS.items():
            text = self.templates[name]
            folder = make_model_folder(self.tmp / "models" / name, special, template_file=text)
            tokenizer = AutoTokenizer.from_pretrained(folder)
            self.assertEqual(tokenizer.special_tokens_map, special)
            template_file = TEMPLATE_DIR / f"{name}.jinja"
            for conv_name, request in CONVERSATIONS.items():
                if name in NEEDS_TOOLS and "tools" not in request:
                    request = {**request, "tools": [WEATHER_TOOL]}
                with self.subTest(template=name, conversation=conv_name):
                    expected = reference(tokenizer, request)
                    proc = self.lathe({**special, **request}, "--template", template_file)
                    if proc is None:
                        hung.append(name)  # the other conversations would hang too: next template
                    self.check(expected, proc, f"{name} / {conv_name} (--template)")
                    self.check(expected, self.lathe(request, "--model", folder), f"{name} / {conv_name} (--model)")
                if hung and hung[-1] == name:
                    break
        self.assertGreaterEqual(len(MODELS), 15)
        self.assertGreaterEqual(len(CONVERSATIONS), 10)

    def test_special_tokens_are_variables(self):
        """The config's special tokens (named and model-specific *_token) reach the template;
        input keys override them; additional_special_tokens do not."""
        template = ("{{ bos_token }}|{{ eos_token }}|{{ unk_token }}|{{ pad_token }}|{{ sep_token }}|"
                    "{{ cls_token }}|{{ mask_token }}|{{ image_token }}|{{ boi_token }}|{{ foo }}|"
                    "{{ additional_special_tokens }}|{{ messages[0].content }}")
        config = {"bos_token": "<s>", "eos_token": {"__type": "AddedToken", "content": "</s>", "lstrip": False,
                                                    "normalized": False, "rstrip": False, "single_word": False,
                                                    "special": True},
                  "pad_token": None, "sep_token": "<sep>", "image_token": "<image>",
                  "boi_token": {"__type": "AddedToken", "content": "<boi>", "lstrip": False, "normalized": False,
                                "rstrip": False, "single_word": False, "special": True},
                  "add_bos_token": True, "additional_special_tokens": ["<x>", "<y>"],
                  "extra_special_tokens": {"foo": "<foo>"}, "chat_template": template}
        folder = make_model_folder(self.tmp / "special", config)
        tokenizer = AutoTokenizer.from_pretrained(folder)
        for request in ({"messages": [USER]}, {"messages": [USER], "bos_token": "[BOS]", "mask_token": "[M]"}):
            self.check(reference(tokenizer, request), self.lathe(request, "--model", folder), f"special {request}")
        # --template FILE --model DIR: the file, rendered with the model's special tokens
        other = self.tmp / "other.jinja"
        other.write_text("[" + template + "]", encoding="utf-8")
        request = {"messages": [USER], "eos_token": "[EOS]"}
        self.check(reference(tokenizer, request, chat_template=other.read_text(encoding="utf-8")),
                   self.lathe(request, "--template", other, "--model", folder), "--template with --model")

    def test_discovery(self):
        """Which template transformers picks: chat_template.jinja over the config's, named
        lists with tool_use chosen for tools, additional_chat_templates/*.jinja, no default -> error."""
        default = self.templates["google-gemma-2-2b-it"]
        tool_use = self.templates["NousResearch-Hermes-3-Llama-3.1-8B-tool_use"]
        qwen = self.templates["Qwen-Qwen2.5-7B-Instruct"]
        special = {"bos_token": "<|begin_of_text|>", "eos_token": "<|im_end|>"}
        named = [{"name": "default", "template": default}, {"name": "tool_use", "template": tool_use},
                 {"name": "rag", "template": "rag {{ documents | length }}"}]
        layouts = {
            "config_string": dict(config={**special, "chat_template": qwen}),
            "config_named_list": dict(config={**special, "chat_template": named}),
            "jinja_file_wins": dict(config={**special, "chat_template": named}, template_file=qwen),
            "jinja_dir_named": dict(config={**special, "chat_template": qwen}, template_file=default,
                                    extra_templates={"tool_use": tool_use}),
            "jinja_dir_without_default": dict(config={**special, "chat_template": qwen},
                                              extra_templates={"tool_use": tool_use}),
            "named_list_without_default": dict(config={**special, "chat_template": named[1:]}),
            "no_template": dict(config=special),
        }
        requests = {"plain": {"messages": [USER], "add_generation_prompt": True},
                    "tools": {"messages": [USER], "tools": [WEATHER_TOOL], "add_generation_prompt": True},
                    "empty_tools": {"messages": [USER], "tools": []}}
        for layout, spec in layouts.items():
            folder = make_model_folder(self.tmp / "discovery" / layout, **spec)
            tokenizer = AutoTokenizer.from_pretrained(folder)
            for request_name, request in requests.items():
                with self.subTest(layout=layout, request=request_name):
                    self.check(reference(tokenizer, request), self.lathe(request, "--model", folder),
                               f"discovery {layout} / {request_name}")

    def test_gguf(self):
        """A GGUF's tokenizer.chat_template (+ .tool_use, llama.cpp's convention) and the special
        tokens of its bos/eos ids."""
        import gguf
        path = self.tmp / "tiny.gguf"
        writer = gguf.GGUFWriter(str(path), "llama")
        tokens = ["<unk>", "<s>", "</s>", "hello"]
        writer.add_token_list(tokens)
        writer.add_bos_token_id(1)
        writer.add_eos_token_id(2)
        writer.add_chat_template([{"name": "default", "template": self.templates["google-gemma-2-2b-it"]},
                                  {"name": "tool_use", "template": self.templates["Qwen-Qwen2.5-7B-Instruct"]}])
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
        reader = gguf.GGUFReader(str(path))
        field = reader.fields["tokenizer.chat_template"]
        self.assertEqual(bytes(field.parts[-1]).decode(), self.templates["google-gemma-2-2b-it"])
        # transformers' GGUF loader sets bos/eos from the ids and takes tokenizer.chat_template.
        tokenizer = self.chat_tokenizer({"bos_token": "<s>", "eos_token": "</s>"})
        for request, template in (({"messages": [USER, ASSISTANT]}, "google-gemma-2-2b-it"),
                                  ({"messages": [USER], "tools": [WEATHER_TOOL], "add_generation_prompt": True},
                                   "Qwen-Qwen2.5-7B-Instruct")):
            expected = reference(tokenizer, request, chat_template=self.templates[template])
            self.check(expected, self.lathe(request, "--model", path), f"gguf {template}")

    def chat_tokenizer(self, special):
        folder = make_model_folder(self.tmp / "plain", special)
        tokenizer = AutoTokenizer.from_pretrained(folder)
        self.assertIsInstance(tokenizer, PreTrainedTokenizerFast)
        return tokenizer

    def test_tokenize(self):
        """--tokenize: the ids of apply_chat_template(tokenize=True) on a real tokenizer, whose
        tokenizer_config.json carries the template (Qwen3)."""
        folder = train_tokenizers.real_tokenizers()["qwen3"]
        tokenizer = AutoTokenizer.from_pretrained(folder)
        for conv_name in ("system_user_prompt", "multi_turn_prompt", "tool_call_dict_args", "reasoning_history",
                          "continue_final", "thinking_off"):
            request = CONVERSATIONS[conv_name]
            with self.subTest(conversation=conv_name):
                r = copy.deepcopy(request)
                messages = r.pop("messages")
                ids = tokenizer.apply_chat_template(messages, tokenize=True, return_dict=False, **r)
                proc = self.lathe(request, "--model", folder, "--tokenize")
                self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace"))
                self.assertEqual(json.loads(proc.stdout), list(ids), conv_name)
                # and the text, found through tokenizer_config.json's chat_template
                self.check(reference(tokenizer, request), self.lathe(request, "--model", folder), f"qwen3 {conv_name}")

    def test_bad_input(self):
        """Malformed requests: exit 2 naming the input file; no template: exit 2."""
        folder = make_model_folder(self.tmp / "bad", {"eos_token": "</s>", "chat_template": "{{ messages }}"})
        cases = [{"messages": []}, {"tools": [WEATHER_TOOL]}, {"messages": "hello"}, {"messages": [[USER]]},
                 {"messages": [USER], "tools": ["not a schema"]},
                 {"messages": [USER, ASSISTANT], "continue_final_message": True, "add_generation_prompt": True},
                 {"messages": [USER], "continue_final_message": "reasoning_content"}]
        for request in cases:
            with self.subTest(request=request):
                proc = self.lathe(request, "--model", folder)
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertTrue(proc.stderr.startswith(b"error: "), proc.stderr)
        bad_json = self.tmp / "bad.json"
        bad_json.write_text("{not json")
        proc = cs.run_cli(["chat-template", "--model", folder, "--input", bad_json])
        self.assertEqual(proc.returncode, 2, cs.describe(proc))
        self.assertIn("bad.json", proc.stderr)
        proc = cs.run_cli(["chat-template", "--input", bad_json])
        self.assertEqual(proc.returncode, 2, cs.describe(proc))
        syntax = self.tmp / "syntax.jinja"
        syntax.write_text("{% for m in messages %}{{ m.content }\n")
        good = self.tmp / "good.json"
        good.write_text(json.dumps({"messages": [USER]}))
        proc = cs.run_cli(["chat-template", "--template", syntax, "--input", good])
        self.assertEqual(proc.returncode, 2, cs.describe(proc))
        self.assertIn("syntax.jinja", proc.stderr)


if __name__ == "__main__":
    cs.main()
