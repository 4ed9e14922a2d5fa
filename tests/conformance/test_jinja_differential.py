"""Differential test of the chat-template engine against jinja2: a seeded generator writes
templates that combine the features real chat templates use (the census of
../../shared/specs/tokenizer_chat_templates.md part 10: loops with loop variables, filtered
loops and unpacking, set / block set / namespaces, if/elif/else, macros with caller, slicing,
string methods, tests, filters, tojson of nested values, whitespace control, raw blocks,
inline if, break/continue, generation blocks), renders each over generated variables with
transformers' jinja2 environment and with `lathe-cli render-template --batch`, and requires
identical text -- or an error on both sides of the same class (syntax, undefined, raise,
security, type, other).

Environment variables: LATHE_DIFF_COUNT (templates, default 1500), LATHE_DIFF_SEED (default
20240521), LATHE_DIFF_SHOW (mismatches printed, default 15), LATHE_DIFF_DUMP (a file to write
the mismatching cases to, as JSON Lines, for replaying them one by one).
"""
import conformance_support as cs  # first: fails clearly when the reference env is missing

import json
import os
import random
import unittest

import jinja2
from transformers.utils.chat_template_utils import _compile_jinja_template

COUNT = int(os.environ.get("LATHE_DIFF_COUNT", "1500"))
SEED = int(os.environ.get("LATHE_DIFF_SEED", "20240521"))
SHOW = int(os.environ.get("LATHE_DIFF_SHOW", "15"))
DUMP = os.environ.get("LATHE_DIFF_DUMP")


def reference_render(template, variables):
    """jinja2 with transformers' environment; errors reduced to the classes lathe-cli reports."""
    try:
        return {"text": _compile_jinja_template(template).render(**variables)}
    except jinja2.exceptions.TemplateSyntaxError as e:
        return {"error": "syntax", "message": str(e)}
    except jinja2.exceptions.UndefinedError as e:
        return {"error": "undefined", "message": str(e)}
    except jinja2.exceptions.SecurityError as e:
        return {"error": "security", "message": str(e)}
    except jinja2.exceptions.TemplateError as e:
        # raise_exception raises the base class; TemplateRuntimeError and friends are "other"
        return {"error": "raise" if type(e) is jinja2.exceptions.TemplateError else "other", "message": str(e)}
    except TypeError as e:
        return {"error": "type", "message": str(e)}
    except Exception as e:  # ZeroDivisionError, ValueError, OverflowError, ...
        return {"error": "other", "message": f"{type(e).__name__}: {e}"}


# ---------------------------------------------------------------- generated variables

WORDS = ["hello", "World", "  padded  ", "", "a,b,c", "x y\tz", "Ünïcødé", "中文字", "emoji 🙂", "<tag>&amp;",
         "line1\nline2", "'quoted'", '"dq"', "back\\slash", "</think>", "<|im_start|>", "123", "4.5", "-7",
         "MiXeD cAsE", "snake_case_name", "tab\there"]


def gen_message(rng, i):
    role = rng.choice(["system", "user", "assistant", "tool", "user", "assistant"])
    m = {"role": role}
    r = rng.random()
    if r < 0.7:
        m["content"] = rng.choice(WORDS) + (" " + rng.choice(WORDS) if rng.random() < 0.5 else "")
    elif r < 0.85:
        m["content"] = [{"type": "text", "text": rng.choice(WORDS)}, {"type": "image"}][: rng.randint(1, 2)]
    else:
        m["content"] = None
    if role == "assistant" and rng.random() < 0.3:
        m["tool_calls"] = [{"type": "function", "function": {"name": rng.choice(["get_weather", "search"]),
                                                              "arguments": {"city": rng.choice(WORDS), "n": rng.randint(0, 9)}}}]
    if role == "tool" and rng.random() < 0.5:
        m["tool_call_id"] = f"call_{i}"
    if rng.random() < 0.15:
        m["reasoning_content"] = rng.choice(WORDS)
    return m


def gen_scalar(rng):
    return rng.choice([0, 1, -3, 7, 42, 10 ** 12, 2.5, 0.1, -0.0, 1e16, 1e-5, 3.0, True, False, None,
                       rng.choice(WORDS), rng.choice(WORDS)])


def gen_json(rng, depth=0):
    r = rng.random()
    if depth > 2 or r < 0.5:
        return gen_scalar(rng)
    if r < 0.75:
        return [gen_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["a", "b", "name", "type", "value", "ünï", "k k"]): gen_json(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def gen_variables(rng):
    v = {
        "messages": [gen_message(rng, i) for i in range(rng.randint(0, 6))],
        "s": rng.choice(WORDS),
        "t": rng.choice(WORDS),
        "n": rng.randint(-5, 12),
        "m": rng.choice([0, 1, 2, 3, -4, 100]),
        "f": rng.choice([0.5, 2.0, -1.25, 3.14159, 1e16, 1e-7, 100.0, 2.675]),
        "b": rng.choice([True, False]),
        "nothing": None,
        "xs": [rng.randint(-3, 9) for _ in range(rng.randint(0, 6))],
        "words": [rng.choice(WORDS) for _ in range(rng.randint(0, 5))],
        "d": {k: gen_json(rng, 1) for k in rng.sample(["a", "b", "name", "items", "type", "zz", "content"], rng.randint(0, 5))},
        "nested": gen_json(rng),
        "add_generation_prompt": rng.choice([True, False]),
        "bos_token": "<s>",
        "eos_token": "</s>",
    }
    if rng.random() < 0.5:
        v["tools"] = [{"type": "function", "function": {"name": "get_weather", "description": "Weather: \"now\"",
                                                        "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                                                                       "required": ["city"]}}}]
    if rng.random() < 0.3:
        del v["s"]  # sometimes undefined
    return v


# ---------------------------------------------------------------- generated templates

class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.depth = 0
        self.loop_vars = []      # names bound by enclosing loops
        self.in_loop = 0
        self.macros = []

    def pick(self, *options):
        return self.rng.choice(options)

    # -- expressions, loosely typed so most templates render
    def string_lit(self):
        return self.pick("'abc'", '"x,y"', "'  pad '", "'é'", "'\\n'", "'a\\tb'", "''", "'<|end|>'", "'%s!'",
                         "\"it's\"", "'{}'", "'Hello World'", "'\\u00e9\\x41'", "'a' 'b'")

    def int_lit(self):
        return self.pick("0", "1", "2", "3", "-1", "10", "7", "1_000", "0x1f", "255")

    def float_lit(self):
        return self.pick("0.5", "1.0", "2.5", "1e3", "1e16", "0.1", "3.14159", "1.5e-5", "100.0")

    def name(self):
        names = ["s", "t", "n", "m", "f", "b", "nothing", "xs", "words", "d", "nested", "messages", "missing"]
        return self.pick(*(names + self.loop_vars * 3))

    def str_expr(self, d=0):
        r = self.rng.random()
        if d > 2 or r < 0.25:
            return self.pick(self.string_lit(), "s", "t", "(s|default('dflt'))", "(messages[0].content if messages and messages[0].content is string else 'none')")
        if r < 0.35:
            return f"{self.str_expr(d + 1)} ~ {self.any_expr(d + 1)}"
        if r < 0.42:
            return f"({self.str_expr(d + 1)} + {self.str_expr(d + 1)})"
        if r < 0.62:
            base = f"({self.str_expr(d + 1)})" if self.rng.random() < 0.9 else self.str_expr(d + 1)
            return self.pick(
                f"{base}.strip()", f"{base}.upper()", f"{base}.lower()", f"{base}.title()", f"{base}.capitalize()",
                f"{base}.lstrip()", f"{base}.rstrip('! ')", f"{base}.replace('a', 'A')", f"{base}.replace(' ', '')",
                f"{base}.split(',')[0]", f"{base}.split()[-1:]|join('+')", f"{base}[1:]", f"{base}[:-1]", f"{base}[::-1]",
                f"{base}[::2]", f"{base}[-3:]", f"{base}.swapcase()", f"{base}.center(11, '*')", f"{base}.zfill(6)",
                f"{base}.split('</think>')[-1]", f"{base}.ljust(8, '.')", f"{base}.rjust(8)",
                f"{base}.partition(' ')|join('|')", f"{base}.removeprefix('he')",
            )
        if r < 0.85:
            base = self.any_expr(d + 1)
            return self.pick(
                f"{base}|string", f"({self.str_expr(d + 1)})|trim", f"({self.str_expr(d + 1)})|upper", f"({self.str_expr(d + 1)})|lower",
                f"({self.str_expr(d + 1)})|title", f"({self.str_expr(d + 1)})|capitalize", f"{base}|tojson",
                f"{base}|tojson(indent=2)", f"{base}|tojson(sort_keys=true)", f"{base}|tojson(separators=(',', ':'))",
                f"{base}|tojson(indent='\\t')", f"{base}|tojson(ensure_ascii=true)",
                f"({self.str_expr(d + 1)})|replace('l', 'L')", f"({self.str_expr(d + 1)})|center(9)",
                f"({self.str_expr(d + 1)})|truncate(9)", f"({self.str_expr(d + 1)})|truncate(5, true, '..', 0)",
                f"({self.str_expr(d + 1)})|indent(2)", f"({self.str_expr(d + 1)})|indent(3, true)",
                f"({self.str_expr(d + 1)})|e", f"({self.str_expr(d + 1)})|striptags", f"{base}|pprint_missing" if False else f"{base}|default('D')",
                f"'%s|%d'|format({self.str_expr(d + 1)}, 3)", f"'{{}}-{{}}'.format({self.any_expr(d + 1)}, {self.any_expr(d + 1)})",
                f"'{{:>6}}|{{:.2f}}'.format({self.str_expr(d + 1)}, f)", f"'%5.1f%%' % f", f"'%-4s|%03d' % ('ab', n)",
                f"{self.list_expr(d + 1)}|join(', ')", f"{self.list_expr(d + 1)}|map('string')|join",
            )
        return self.pick(f"{self.str_expr(d + 1)} if {self.bool_expr(d + 1)} else {self.str_expr(d + 1)}",
                         f"({self.str_expr(d + 1)} if {self.bool_expr(d + 1)})")

    def num_expr(self, d=0):
        r = self.rng.random()
        if d > 2 or r < 0.3:
            return self.pick(self.int_lit(), self.float_lit(), "n", "m", "f", "xs|length", "messages|length", "(xs|sum)")
        if r < 0.6:
            op = self.pick("+", "-", "*", "//", "%", "/", "**")
            rhs = self.pick("2", "3", "-2", "n", "m", "0.5", "7") if op == "**" else self.num_expr(d + 1)
            if op == "**":
                return f"({self.pick('2', '3', '-2', '1.5', 'm')} ** {self.pick('2', '3', '0', '-1')})"
            return f"({self.num_expr(d + 1)} {op} {rhs})"
        return self.pick(
            f"{self.num_expr(d + 1)}|abs", f"{self.num_expr(d + 1)}|round", f"{self.num_expr(d + 1)}|round(2)",
            f"{self.num_expr(d + 1)}|round(1, 'floor')", f"{self.num_expr(d + 1)}|int", f"{self.num_expr(d + 1)}|float",
            f"{self.str_expr(d + 1)}|length", f"{self.str_expr(d + 1)}|wordcount", f"({self.str_expr(d + 1)}).find('l')",
            f"({self.str_expr(d + 1)}).count('l')", f"{self.list_expr(d + 1)}|length", f"xs|max", f"xs|min",
            f"'42'|int", f"'3.7'|float", f"'x'|int(-1)", f"-{self.num_expr(d + 1)}", f"(xs|sum(start=10))",
            f"{self.list_expr(d + 1)}|count",
        )

    def list_expr(self, d=0):
        r = self.rng.random()
        if d > 2 or r < 0.3:
            return self.pick("xs", "words", "[1, 2, 3]", "[]", "['b', 'a', 'C']", "[3, 1, 2, 1]", "(1, 'two', none)",
                             "[1.5, -2, true]", "messages", "range(4)|list", "range(1, 10, 3)|list", "d|list", "nested")
        if r < 0.6:
            base = f"({self.list_expr(d + 1)})" if self.rng.random() < 0.9 else self.list_expr(d + 1)
            return self.pick(f"{base}[1:]", f"{base}[::-1]", f"{base}[:2]", f"{base}[-2:]", f"{base}[1::2]",
                             f"({base} + [0])", f"([0] * 3)", f"{base}|list", f"{base}|reverse|list", f"{base}|unique|list",
                             f"{base}|sort", f"{base}|sort(reverse=true)", f"{base}|batch(2)|list", f"{base}|slice(2)|list",
                             f"{base}|select|list", f"{base}|reject('none')|list", f"{base}|map('string')|list")
        return self.pick(
            "messages|selectattr('role', 'equalto', 'user')|list", "messages|rejectattr('role', 'eq', 'system')|list",
            "messages|map(attribute='role')|list", "messages|map(attribute='content', default='?')|list",
            "xs|select('odd')|list", "xs|reject('even')|list", "xs|select('gt', 2)|list", "xs|select('divisibleby', 3)|list",
            "d|dictsort", "d|dictsort(by='key', reverse=true)", "d|items|list", "d.items()|list", "d.keys()|list", "d.values()|list",
            f"({self.str_expr(d + 1)}).split()", f"({self.str_expr(d + 1)}).split(' ', 1)", f"({self.str_expr(d + 1)}).rsplit(' ', 1)",
            f"({self.str_expr(d + 1)}).splitlines()", "words|map('upper')|list", "words|sort(case_sensitive=true)",
            "messages|selectattr('tool_calls', 'defined')|list", "xs|unique|list",
        )

    def dict_expr(self, d=0):
        return self.pick("d", "{'a': 1, 'b': [1, 2]}", "{}", "{'k': none, 'z': 'é'}", "dict(a=1, b='x')", "{1: 'one', 'two': 2.0}",
                         "(messages[0] if messages else {})", "nested if nested is mapping else {}", "{'n': n, 's': s|default('')}")

    def bool_expr(self, d=0):
        r = self.rng.random()
        if d > 2 or r < 0.35:
            test = self.pick("defined", "undefined", "none", "string", "number", "integer", "float", "mapping",
                             "iterable", "sequence", "boolean", "true", "false", "odd", "even", "divisibleby 3",
                             "equalto 3", "eq 'x'", "ne 1", "lt 5", "gt 0", "in [1, 2, 3]", "lower", "upper",
                             "sameas none", "callable", "sameas true", "ge 2", "le 2")
            neg = self.pick("", "not ")
            return f"({self.any_expr(d + 1)} is {neg}{test})"
        if r < 0.6:
            op = self.pick("==", "!=", "<", ">", "<=", ">=", "in", "not in")
            if op in ("in", "not in"):
                return f"({self.any_expr(d + 1)} {op} {self.pick(self.list_expr(d + 1), self.str_expr(d + 1), self.dict_expr(d + 1))})"
            return f"({self.num_expr(d + 1)} {op} {self.num_expr(d + 1)})" if self.rng.random() < 0.6 else f"({self.str_expr(d + 1)} {op} {self.str_expr(d + 1)})"
        if r < 0.7:
            return f"(1 < {self.num_expr(d + 1)} <= 10)"
        if r < 0.85:
            return f"({self.bool_expr(d + 1)} {self.pick('and', 'or')} {self.bool_expr(d + 1)})"
        return self.pick(f"not {self.bool_expr(d + 1)}", "b", "add_generation_prompt", "messages", "xs", "s", "nothing",
                         "(messages|length > 1)", "(loop.first if loop is defined else true)", "('</think>' in s|default(''))",
                         "messages[-1].role == 'user' if messages else false", "(s|default('') is string)")

    def any_expr(self, d=0):
        r = self.rng.random()
        if d > 2 or r < 0.3:
            return self.name()
        if r < 0.45:
            return self.str_expr(d + 1)
        if r < 0.6:
            return self.num_expr(d + 1)
        if r < 0.72:
            return self.list_expr(d + 1)
        if r < 0.8:
            return self.dict_expr(d + 1)
        if r < 0.88:
            return self.bool_expr(d + 1)
        base = self.name()
        return self.pick(f"{base}.content", f"{base}['role']", f"{base}[0]", f"{base}[-1]", f"{base}.get('a')",
                         f"{base}.get('zz', 'none')", f"{base}.a", f"({base}.items is defined)", f"{base}.name", f"{base}|first",
                         f"{base}|last", f"{base}.nope", f"{base}[1:3]", f"{base}.append(1)", f"{base}.__class__",
                         f"{base}|attr('a')", "loop.index if loop is defined else 0", f"{base}|items|list")

    # -- statements
    def text(self):
        return self.pick("", "x", " ", "\n", "  ", "\n  ", "text ", "<|user|>\n", "é", "\t", "\n\n", "  \n", "[", "]")

    def tag(self, body):
        left = self.pick("{%", "{%", "{%", "{%-", "{%+")
        right = self.pick("%}", "%}", "%}", "-%}", "+%}")
        return f"{left} {body} {right}"

    def out(self, expr):
        left = self.pick("{{", "{{", "{{-")
        right = self.pick("}}", "}}", "-}}")
        return f"{left} {expr} {right}"

    def block(self, n=None):
        self.depth += 1
        parts = []
        for _ in range(n if n is not None else self.rng.randint(1, 3)):
            parts.append(self.text())
            parts.append(self.stmt())
        parts.append(self.text())
        self.depth -= 1
        return "".join(parts)

    def stmt(self):
        r = self.rng.random()
        if self.depth > 3 or r < 0.35:
            return self.out(self.pick(self.any_expr(), self.str_expr(), self.num_expr(), self.list_expr(), self.bool_expr()))
        if r < 0.5:
            return self.for_stmt()
        if r < 0.62:
            branches = self.tag(f"if {self.bool_expr()}") + self.block()
            for _ in range(self.rng.randint(0, 2)):
                branches += self.tag(f"elif {self.bool_expr()}") + self.block()
            if self.rng.random() < 0.5:
                branches += self.tag("else") + self.block()
            return branches + self.tag("endif")
        if r < 0.72:
            var = self.pick("v", "acc", "s", "out")
            self.loop_vars.append(var)
            return self.tag(f"set {var} = {self.pick(self.any_expr(), self.str_expr(), self.list_expr())}")
        if r < 0.78:
            return (self.tag("set ns = namespace(found=false, count=0, text='')") + self.for_ns() + self.out("ns.found ~ '/' ~ ns.count ~ '/' ~ ns.text"))
        if r < 0.83:
            return self.tag(f"set blk {self.pick('', '| upper', '| trim')}".replace("  ", " ")) + self.block(1) + self.tag("endset") + self.out("blk")
        if r < 0.88:
            return self.macro_stmt()
        if r < 0.9:
            return self.pick("{# a comment #}", "{#- trimmed comment -#}", "{% raw %}{{ raw }} {% x %}{% endraw %}", "{{ '{{' }}")
        if r < 0.93 and self.in_loop:
            return self.tag(f"if {self.bool_expr()}") + self.tag(self.pick("break", "continue")) + self.tag("endif")
        if r < 0.95:
            return self.tag("generation") + self.block(1) + self.tag("endgeneration")
        if r < 0.97:
            return self.tag(f"if {self.bool_expr()}") + self.out(f"raise_exception('bad: ' ~ {self.str_expr()})") + self.tag("endif")
        return self.tag("filter upper") + self.block(1) + self.tag("endfilter")

    def for_stmt(self):
        kind = self.rng.random()
        if kind < 0.25:
            head, names = "k, v in d.items()", ["k", "v"]
        elif kind < 0.35:
            head, names = "k, v in d|dictsort", ["k", "v"]
        elif kind < 0.65:
            head, names = f"message in messages{self.pick('', '', ' if message.role != \"system\"', '[1:]', '[::-1]')}", ["message"]
        else:
            head, names = f"x in {self.list_expr()}{self.pick('', '', ' if x is not none')}", ["x"]
        self.loop_vars.extend(names)
        self.in_loop += 1
        body = self.block()
        extra = self.out(self.pick("loop.index", "loop.index0", "loop.first", "loop.last", "loop.length", "loop.revindex",
                                   "loop.revindex0", "loop.previtem|default('^')", "loop.nextitem|default('$')",
                                   "loop.cycle('odd', 'even')", "loop.depth"))
        self.in_loop -= 1
        for _ in names:
            self.loop_vars.pop()
        tail = (self.tag("else") + self.block(1)) if self.rng.random() < 0.3 else ""
        return self.tag(f"for {head}") + extra + body + tail + self.tag("endfor")

    def for_ns(self):
        return (self.tag("for message in messages") +
                self.tag("if message.role == 'user' and message.content is string") +
                self.tag("set ns.found = true") + self.tag("set ns.text = ns.text ~ message.content[:3]") +
                self.tag("endif") + self.tag("set ns.count = ns.count + 1") + self.tag("endfor"))

    def macro_stmt(self):
        name = self.pick("render", "fmt", "wrap")
        uses_caller = self.rng.random() < 0.4
        body = self.out(f"a ~ '/' ~ b") + (self.out("caller()") if uses_caller else "") + self.text()
        definition = self.tag(f"macro {name}(a, b='dflt')") + body + self.tag("endmacro")
        if uses_caller:
            call = self.tag(f"call {name}({self.str_expr()})") + self.block(1) + self.tag("endcall")
        else:
            call = self.out(self.pick(f"{name}({self.any_expr()})", f"{name}(1, b={self.str_expr()})", f"{name}('x', 'y')"))
        return definition + call

    def template(self):
        return self.block(self.rng.randint(1, 4)) + self.pick("", "\n", "\n\n", "  ")


def generate_cases(count, seed):
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        cases.append({"template": Gen(rng).template(), "variables": gen_variables(rng)})
    return cases


class TestJinjaDifferential(cs.CliTestCase):
    def test_generated_templates_match_jinja2(self):
        cases = generate_cases(COUNT, SEED)
        batch = self.tmp / "cases.jsonl"
        with open(batch, "w", encoding="utf-8") as f:
            for case in cases:
                f.write(json.dumps(case, ensure_ascii=False) + "\n")
        proc = cs.run_cli(["render-template", "--batch", batch], timeout=600)
        self.assertEqual(proc.returncode, 0, cs.describe(proc))
        results = [json.loads(line) for line in proc.stdout.splitlines()]
        self.assertEqual(len(results), len(cases))

        mismatches = []
        classes = {}
        for case, got in zip(cases, results):
            want = reference_render(case["template"], case["variables"])
            key = "text" if "text" in want else want["error"]
            classes[key] = classes.get(key, 0) + 1
            same = (got.get("text") == want["text"]) if "text" in want else (got.get("error") == want["error"])
            if not same:
                mismatches.append((case, want, got))
        if DUMP:
            with open(DUMP, "w", encoding="utf-8") as f:
                for case, want, got in mismatches:
                    f.write(json.dumps({**case, "jinja2": want, "lathe": got}, ensure_ascii=False) + "\n")
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(classes.items()))
        print(f"\n{len(cases)} templates (seed {SEED}): {len(cases) - len(mismatches)} identical; jinja2 outcomes {summary}")
        for case, want, got in mismatches[:SHOW]:
            print("-" * 70)
            print("template: ", repr(case["template"]))
            print("variables:", json.dumps(case["variables"], ensure_ascii=False)[:400])
            print("jinja2:   ", repr(want)[:600])
            print("lathe:    ", repr(got)[:600])
        self.assertGreater(classes.get("text", 0), len(cases) // 2, "most generated templates should render")
        self.assertEqual(len(mismatches), 0, f"{len(mismatches)} of {len(cases)} templates differ from jinja2")


if __name__ == "__main__":
    cs.main()
