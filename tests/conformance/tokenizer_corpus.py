"""Deterministic text for the tokenizer tier: pure standard library, a fixed seed, no downloads.

  conformance_corpus()  >= 20,000 (category, text) pairs, a minimum count per category, for
                        test_tokenizers.py: every string must encode to the reference's ids and
                        decode back identically (one-shot and streaming).
  training_texts()      a few MB of multilingual documents (prose, code, emoji, digits) that
                        train_tokenizers.py trains its BPE tokenizers on, so merges exist for
                        every script and for emoji bytes.
  bench_documents()     a ~20 MB mixed corpus of realistic document lengths (English-like prose,
                        code, multilingual text) for tests/bench/bench_tokenize.py.
  INVALID_UTF8          byte strings that are not UTF-8 (Python's str cannot hold them), with
                        the offset of the first bad byte, for `tokenize --file`.

Lone surrogates are left out on purpose: a str holding one cannot be encoded to UTF-8, the
`tokenizers` library refuses it, and in a file it is invalid UTF-8 (ED A0 80 is in
INVALID_UTF8).

`python tokenizer_corpus.py` prints the categories, counts and a few samples of each.
"""
import random
import string
import sys
import unicodedata

SEED = 0x1A7E
PER_CATEGORY = 2_400  # x 9 categories = 21,600 strings
CATEGORIES = ("multilingual", "emoji", "combining", "whitespace", "code", "digits", "special_lookalikes",
              "contractions", "boundary")

# ---------------------------------------------------------------------------------------------
# Alphabets and sample text

def _chars(*ranges):
    out = []
    for r in ranges:
        if isinstance(r, str):
            out.extend(r)
        else:
            lo, hi = r
            out.extend(chr(c) for c in range(lo, hi + 1))
    return out


SCRIPTS = {
    "latin": _chars("abcdefghijklmnopqrstuvwxyz" * 3, "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿāăąćčďđēėęěğīįıłńňőœřśşšťūůűųźżžß"),
    "cyrillic": _chars((0x430, 0x44F), "ёіїєґў"),
    "greek": _chars((0x3B1, 0x3C9), "άέήίόύώϊϋΐΰ"),
    "arabic": _chars((0x621, 0x63A), (0x641, 0x64A), "پچژگکی"),
    "hebrew": _chars((0x5D0, 0x5EA)),
    "armenian": _chars((0x561, 0x586)),
    "georgian": _chars((0x10D0, 0x10FA)),
    "ethiopic": _chars((0x1200, 0x1248)),
    "tamil": _chars((0xB85, 0xB94), (0xB95, 0xBB9), (0xBBE, 0xBCD)),
    "hangul": _chars((0xAC00, 0xAC00 + 2000)),
    "cjk": _chars((0x4E00, 0x4E00 + 2500), (0x20000, 0x20000 + 200)),  # with some 4-byte Ext-B ideographs
    "hiragana": _chars((0x3041, 0x3096)),
    "katakana": _chars((0x30A1, 0x30FA), "ー"),
}
DEVANAGARI_CONSONANTS = _chars((0x915, 0x939))
DEVANAGARI_VOWEL_SIGNS = _chars((0x93E, 0x94C))
DEVANAGARI_VOWELS = _chars((0x905, 0x914))
THAI_CONSONANTS = _chars((0xE01, 0xE2E))
THAI_VOWELS = _chars("ะาำเแโใไ", (0xE34, 0xE39))
THAI_TONES = _chars((0xE48, 0xE4B))

SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich.",
    "Voix ambiguë d'un cœur qui, au zéphyr, préfère les jattes de kiwis.",
    "El pingüino Wenceslao hizo kilómetros bajo exhaustiva lluvia y frío, añoraba a su querido cachorro.",
    "Pchnąć w tę łódź jeża lub ośm skrzyń fig.",
    "Příliš žluťoučký kůň úpěl ďábelské ódy.",
    "Árvíztűrő tükörfúrógép.",
    "Pijamalı hasta yağız şoföre çabucak güvendi.",
    "Tiếng Việt có dấu: Ông ấy đã đến trường học lúc bảy giờ sáng.",
    "Съешь же ещё этих мягких французских булок, да выпей чаю.",
    "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.",
    "نص حكيم له سر قاطع وذو شأن عظيم مكتوب على ثوب أخضر ومغلف بجلد أزرق.",
    "דג סקרן שט בים מאוכזב ולפתע מצא חברה.",
    "ऋषियों को सताने वाले दुष्ट राक्षसों के राजा रावण का सर्वनाश करने वाले विष्णुवतार भगवान श्रीराम।",
    "เป็นมนุษย์สุดประเสริฐเลิศคุณค่า กว่าบรรดาฝูงสัตว์เดรัจฉาน",
    "我能吞下玻璃而不伤身体。今天天气很好，我们去公园散步吧！",
    "いろはにほへと ちりぬるを わかよたれそ つねならむ。東京は日本の首都です。",
    "다람쥐 헌 쳇바퀴에 타고파. 안녕하세요, 만나서 반갑습니다!",
    "Բարեւ, ինչպե՞ս ես։",
    "ქართული ენა ძალიან ლამაზია.",
    "ሰላም ለዓለም።",
    "யாமறிந்த மொழிகளிலே தமிழ்மொழி போல் இனிதாவது எங்கும் காணோம்.",
    "Þetta er íslenska: ég, þú, hún, það, æðislegt!",
    "Ο Αριστοτέλης έγραψε «Τα Ηθικά Νικομάχεια».",
    "مرحبا بالعالم! هذا اختبار 123 للنص العربي.",
]

ENGLISH_WORDS = """the of and to in is was for that it with as he on be at by this had not are but from or have an
they which one you were her all she there would their we him been has when who will more no if out so said what up
its about into than them can only other new some could time these two may then do first any my now such like our
over man me even most made after also did many before must through back years where much your way well down should
because each just those people how too little state good very make world still own see men work long get here between
both life being under never day same another know while last might us great old year off come since against go came
right used take three states himself few house use during without again place american around however home small
found thought went say part once general high upon school every does got united left number course war until always
away something fact though water less public put think almost hand enough far took head yet government system better
set told nothing night end why called didn't eyes find going look asked later knew point next program city business
give group toward young days let room president side social given present several order national possible rather
second face per among form important often things looking early white case john become large big need four within
felt children along saw best church ever least power development light thing seemed family interest want members
mind country area others done turned although open god service certain kind problem began different door thus help
sense means whole matter perhaps itself york it's times law human line above name example action company hands local
show whether five history gave today either act feet across taken past quite anything seen having death week
experience body word half really field am car words already themselves i'm information tell together shall money
period held keep sure probably free seems real behind cannot political air question making office brought whose
special heard major problems ago became federal moment study available known result street economic boy position
reason change south board individual job society areas west close turn love community true court force full""".split()

# Special tokens of the families under test, and the added tokens of train_tokenizers.py.
SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<s>", "</s>", "<unk>", "<pad>",
                  "<|begin_of_text|>", "<|end_of_text|>", "<|eot_id|>", "<|start_header_id|>", "<|end_header_id|>",
                  "<|reserved_special_token_0|>", "<|reserved_special_token_5|>", "<|reserved_special_token_247|>",
                  "<|finetune_right_pad_id|>", "<|python_tag|>", "<think>", "</think>", "<tool_call>", "<|fim_prefix|>",
                  "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", "<｜User｜>", "<|im_sep|>", "[INST]", "[/INST]",
                  "<repo_name>", "<file_sep>", "<filename>", "<gh_stars>",
                  # train_tokenizers.FLAGGED_TOKENS: one added token per flag combination
                  "<flag_0>", "<flag_7>", "<flag_12>", "<flag_19>", "<flag_31>", "[L]", "[R]", "[LR]", "[W]",
                  "ɸword", "hello world", "▁sp", "Ġx"]
LOOKALIKE_MUTATIONS = [
    lambda t: t[:-1], lambda t: t[1:], lambda t: t[:len(t) // 2], lambda t: t.upper(), lambda t: t.lower(),
    lambda t: "<" + t + ">", lambda t: t.replace("|", "｜"), lambda t: t.replace("_", " "), lambda t: t + t,
    lambda t: t[:2] + " " + t[2:], lambda t: t.replace("<", "&lt;").replace(">", "&gt;"), lambda t: t[::-1],
    lambda t: t[: len(t) // 2] + t + t[len(t) // 2:],
]
SPACES_AROUND = ["", " ", "  ", "\n", "\t", " \n ", "\r\n", "\u3000", "\xa0", "x", "word", ".", "\n\n"]

CODE_SNIPPETS = [
    'def {f}({a}, {b}=None):\n    """{doc}"""\n    if {b} is None:\n        {b} = []\n    for i in range({n}):\n'
    '        {b}.append({a} * i)\n    return {b}\n',
    'class {F}:\n\tdef __init__(self, {a}):\n\t\tself.{a} = {a}\n\n\tdef __repr__(self):\n\t\treturn f"{F}({{self.{a}!r}})"\n',
    '#include <vector>\n\ntemplate <typename T>\nstd::vector<T> {f}(const std::vector<T>& {a}) {{\n    std::vector<T> {b};\n'
    '    {b}.reserve({a}.size());\n    for (auto& x : {a}) {b}.push_back(x * {n});  // {doc}\n    return {b};\n}}\n',
    'int main(int argc, char** argv) {{\r\n    printf("%d {doc}\\n", argc);\r\n    return {n} & 0x{h};\r\n}}\r\n',
    '{{\n  "{a}": {n},\n  "{b}": [true, false, null, {n}.5e-3],\n  "{f}": {{"nested": "{doc}", "\\u00e9": "\\n"}}\n}}',
    '<!DOCTYPE html>\n<html lang="en">\n  <head><meta charset="utf-8"><title>{doc}</title></head>\n  <body>\n'
    '    <div class="{a}" id="{b}">&amp; &lt;{f}&gt; &#x1F600;</div>\n  </body>\n</html>\n',
    'fn {f}<\'a>({a}: &\'a str) -> Result<Vec<u{n}>, Box<dyn std::error::Error>> {{\n    let {b}: Vec<_> = {a}.bytes()'
    '.map(|c| c.wrapping_add({n} as u8)).collect();\n    Ok({b})\n}}\n',
    'SELECT {a}, COUNT(*) AS {b}\nFROM {f}\nWHERE {a} <> \'{doc}\' AND id >= {n}\nGROUP BY {a}\nORDER BY {b} DESC;\n',
    '#!/bin/sh\nset -eu\nfor {a} in $(seq 1 {n}); do\n  echo "${{{a}}}: {doc}" >> /tmp/{f}.log 2>&1\ndone\n',
    'const {f} = async ({a}) => {{\n  const {b} = await fetch(`/api/${{{a}}}?n={n}`);\n  return {b}.json(); // {doc}\n}};\n',
    '# {F}\n\n- [ ] {doc}\n- [x] `{f}()` returns **{n}**\n\n```python\nprint({a})\n```\n\n| {a} | {b} |\n|---|---|\n| 1 | 2 |\n',
    '    if ({a} != {b}) {{\n        goto {f};\n    }}\n    else\n\t\t{a}++;\n',
    'diff --git a/{f}.py b/{f}.py\n@@ -1,3 +1,4 @@\n-    {a} = {n}\n+    {a} = {n} + 1\n+    {b} = "{doc}"\n',
]

# ---------------------------------------------------------------------------------------------
# Word and sentence makers

class _Maker:
    def __init__(self, rng):
        self.rng = rng
        # A Zipf-like lexicon per script: the same pseudo-words recur, so training finds merges.
        self.lexicon = {}
        for name, alphabet in SCRIPTS.items():
            words = []
            for _ in range(600):
                k = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8]) if name not in ("cjk", "hangul") else rng.choice([1, 2, 2, 3])
                words.append("".join(rng.choice(alphabet) for _ in range(k)))
            self.lexicon[name] = words
        self.lexicon["devanagari"] = [self.devanagari_word() for _ in range(600)]
        self.lexicon["thai"] = [self.thai_word() for _ in range(600)]
        self.lexicon["english"] = ENGLISH_WORDS
        self.weights = {name: [1.0 / (i + 1) for i in range(len(ws))] for name, ws in self.lexicon.items()}

    def devanagari_word(self):
        rng = self.rng
        out = [rng.choice(DEVANAGARI_VOWELS)] if rng.random() < 0.2 else []
        for _ in range(rng.randint(1, 4)):
            out.append(rng.choice(DEVANAGARI_CONSONANTS))
            r = rng.random()
            if r < 0.5:
                out.append(rng.choice(DEVANAGARI_VOWEL_SIGNS))
            elif r < 0.6:
                out.append("\u094D")  # virama: a conjunct
        return "".join(out)

    def thai_word(self):
        rng = self.rng
        out = []
        for _ in range(rng.randint(1, 4)):
            out.append(rng.choice(THAI_CONSONANTS))
            if rng.random() < 0.5:
                out.append(rng.choice(THAI_VOWELS))
            if rng.random() < 0.3:
                out.append(rng.choice(THAI_TONES))
        return "".join(out)

    def words(self, script, n):
        return self.rng.choices(self.lexicon[script], weights=self.weights[script], k=n)

    def sentence(self, script, n=None):
        rng = self.rng
        n = n or rng.randint(3, 18)
        ws = self.words(script, n)
        if script in ("cjk", "hiragana", "katakana", "thai"):
            glue = "" if rng.random() < 0.8 else " "
            end = {"cjk": "。", "hiragana": "。", "katakana": "。", "thai": " "}[script]
            return glue.join(ws) + (end if rng.random() < 0.7 else rng.choice(["！", "？", "、", "", "..."]))
        if script in ("english", "latin", "cyrillic", "greek", "armenian", "georgian") and ws:
            ws[0] = ws[0][:1].upper() + ws[0][1:]
        if rng.random() < 0.3:
            i = rng.randrange(len(ws))
            ws[i] = ws[i] + rng.choice([",", ";", ":", " -", " —"])
        end = {"arabic": rng.choice([".", "؟", "،", "!"]), "hebrew": ".", "devanagari": "।",
               "ethiopic": "።", "armenian": "։"}.get(script, rng.choice([".", ".", ".", "!", "?", "...", ""]))
        return " ".join(ws) + end

    def japanese(self):
        rng = self.rng
        parts = []
        for _ in range(rng.randint(2, 8)):
            script = rng.choice(["cjk", "hiragana", "hiragana", "katakana"])
            parts.append("".join(self.words(script, rng.randint(1, 3))))
        return "".join(parts) + rng.choice(["。", "、", "！", "？", ""])

    def prose(self, script="english", sentences=None):
        rng = self.rng
        out = []
        for _ in range(sentences or rng.randint(1, 6)):
            s = self.sentence(script)
            if rng.random() < 0.15:
                s = s.replace(" ", f" {rng.randint(0, 10 ** rng.randint(1, 6))} ", 1)
            if rng.random() < 0.1:
                s = f'"{s}" {rng.choice(["he said", "she wrote", "they asked"])}.'
            out.append(s)
        return " ".join(out)

    def code(self):
        rng = self.rng
        ident = lambda: "_".join(rng.choices(ENGLISH_WORDS[:150], k=rng.randint(1, 3))).replace("'", "")
        snippet = rng.choice(CODE_SNIPPETS).format(
            f=ident(), F=ident().title().replace("_", ""), a=ident(), b=ident() + "s", n=rng.randint(0, 99999),
            h=f"{rng.getrandbits(32):X}", doc=rng.choice([self.sentence("english"), self.sentence(rng.choice(list(SCRIPTS)))]))
        if rng.random() < 0.2:  # re-indent with tabs or deeper spaces
            unit = rng.choice(["\t", "  ", "        "])
            snippet = "\n".join(unit * rng.randint(0, 3) + line for line in snippet.split("\n"))
        return snippet


# ---------------------------------------------------------------------------------------------
# Categories of the conformance corpus

def _multilingual(m):
    rng = m.rng
    r = rng.random()
    if r < 0.15:
        return rng.choice(SENTENCES)
    if r < 0.25:
        return " ".join(rng.sample(SENTENCES, rng.randint(2, 4)))
    if r < 0.35:
        return m.japanese()
    if r < 0.45:  # code-switching inside one sentence
        return " ".join(m.sentence(rng.choice(list(m.lexicon)), rng.randint(2, 5)) for _ in range(rng.randint(2, 4)))
    if r < 0.5:  # right-to-left with marks and digits
        return "\u202B" + m.sentence(rng.choice(["arabic", "hebrew"])) + "\u202C " + str(rng.randint(0, 9999)) + " \u200F"
    return m.prose(rng.choice(list(m.lexicon)), rng.randint(1, 3))


BASE_EMOJI = _chars((0x1F600, 0x1F64F), (0x1F300, 0x1F320), (0x1F330, 0x1F393), (0x1F400, 0x1F4FC), (0x1F680, 0x1F6C5),
                    (0x1F910, 0x1F9FF), (0x1FA70, 0x1FA7C), "☀☁☂☃☄★☎☺♀♂♥♦✂✅✈✉✊✋✌✏✒✔✖✨❄❇❌❓❗❤➕➗⭐⭕")
SKIN_TONES = _chars((0x1F3FB, 0x1F3FF))
PEOPLE = _chars("👶🧒👦👧🧑👱👨🧔👩🧓👴👵🙍🙎🙅🙆💁🙋🧏🙇🤦🤷👮🕵💂🥷👷🤴👸👳👲🧕🤵👰🤰🤱👼🎅🤶🦸🦹🧙🧚🧛🧜🧝🧞🧟💆💇🚶🧍🧎🏃💃🕺")
ZWJ_SEQUENCES = ["👨\u200d👩\u200d👧\u200d👦", "👩\u200d💻", "🧑\u200d🚀", "🏳\ufe0f\u200d🌈", "🏳\ufe0f\u200d⚧\ufe0f",
                 "👁\ufe0f\u200d🗨\ufe0f", "❤\ufe0f\u200d🔥", "❤\ufe0f\u200d🩹", "🧑🏽\u200d🚀", "👩🏿\u200d🔬",
                 "👨🏻\u200d🤝\u200d👨🏿", "🐻\u200d❄\ufe0f", "🏃\u200d♀\ufe0f", "🤷🏼\u200d♂\ufe0f", "😶\u200d🌫\ufe0f",
                 "🧔\u200d♀", "👩\u200d❤\ufe0f\u200d💋\u200d👨", "🐕\u200d🦺", "👨\u200d👨\u200d👦", "🧑\u200d🧑\u200d🧒"]
TAG_FLAGS = ["🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F",
             "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
             "🏴\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F"]
VS_BASES = "☺❤✔☀✈☎♥♠♣♦⚠⚡✌✍❄⭐↔↩▶◀©®™‼⁉"


def _emoji_unit(rng):
    r = rng.random()
    if r < 0.3:
        return rng.choice(BASE_EMOJI)
    if r < 0.45:
        return rng.choice(PEOPLE) + rng.choice(SKIN_TONES)
    if r < 0.6:
        return rng.choice(ZWJ_SEQUENCES)
    if r < 0.7:  # regional-indicator flags, real and random pairs
        a, b = (rng.choice(["US", "JP", "FR", "DE", "BR", "IN", "CN", "UA", "ZA", "KR"]) if rng.random() < 0.6
                else "".join(rng.choice(string.ascii_uppercase) for _ in range(2)))
        return chr(0x1F1E6 + ord(a) - 65) + chr(0x1F1E6 + ord(b) - 65)
    if r < 0.78:
        return rng.choice("0123456789#*") + rng.choice(["\ufe0f\u20e3", "\u20e3"])  # keycaps
    if r < 0.9:
        return rng.choice(VS_BASES) + rng.choice(["\ufe0f", "\ufe0e", ""])
    if r < 0.95:
        return rng.choice(TAG_FLAGS)
    return rng.choice(["\u200d", "\ufe0f", chr(0x1F3FC), chr(0x1F1E9), "\u20e3"])  # dangling pieces


def _emoji(m):
    rng = m.rng
    units = [_emoji_unit(rng) for _ in range(rng.randint(1, 8))]
    r = rng.random()
    if r < 0.35:
        return "".join(units)
    if r < 0.7:
        words = m.sentence(rng.choice(["english", "english", "latin", "cjk", "cyrillic"])).split(" ")
        for u in units:
            words.insert(rng.randrange(len(words) + 1), u)
        return rng.choice([" ", "", " "]).join(words)
    return " ".join(units) + rng.choice(["", " ", "!", "\n"])


COMBINING = _chars((0x300, 0x36F))
COMPAT = _chars((0xFF01, 0xFF5E), (0xFF66, 0xFF9F), "ﬁﬂﬀﬃﬄﬅﬆ①②③⑩⑳㈠㈱㋐㍻㎏㎝㎞㏄½¼¾⅓²³¹ⁿ₁₂ℌℍℕℙℤℂⅠⅡⅢⅣⅫⅰⅻ™℡ºª…‥ǅǈǋĳŀſ", "ﷺﷻﷲ",
                "ÅΩK", "\u0344\u0340\u0341\u0343\u0374\u037e\u0387", "ᵃᵇᶜ", "𝐀𝐁𝐂𝑎𝑏𝒜𝔄𝕬𝖠𝗔𝘈𝙰", "︵︶﹏﹐﹑")
PRECOMPOSED = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěǕǖǗǘǙǚǛǜẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặỆệỞởỠỡỢợ"


def _combining(m):
    rng = m.rng
    r = rng.random()
    if r < 0.3:  # the same text in one of the four normal forms (or mixed by word)
        text = rng.choice([rng.choice(SENTENCES), m.sentence("latin"), "".join(rng.sample(PRECOMPOSED, 8)),
                           m.sentence("hangul"), m.sentence("devanagari")])
        forms = ["NFC", "NFD", "NFKC", "NFKD"]
        if rng.random() < 0.5:
            return unicodedata.normalize(rng.choice(forms), text)
        return " ".join(unicodedata.normalize(rng.choice(forms), w) for w in text.split(" "))
    if r < 0.5:  # stacked marks, in canonical and non-canonical order
        out = []
        for _ in range(rng.randint(1, 10)):
            out.append(rng.choice(string.ascii_letters + "ıαжאا 1" + "".join(rng.sample(PRECOMPOSED, 3))))
            out.extend(rng.choice(COMBINING) for _ in range(rng.choice([0, 1, 1, 2, 3, 5, 12])))
        return "".join(out)
    if r < 0.65:  # compatibility characters (NFKC/NFKD change them), alone or in text
        pieces = [rng.choice(COMPAT) for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.5:
            pieces.insert(0, m.sentence("english", 3) + " ")
        return "".join(pieces)
    if r < 0.75:  # conjoining Hangul jamo (NFC composes them into syllables) and halfwidth kana with voicing marks
        jamo = "".join(unicodedata.normalize("NFD", ch) for ch in m.words("hangul", rng.randint(1, 4)))
        return rng.choice([jamo, "ｶﾞｷﾞｸﾞﾊﾟﾋﾟ", "か\u3099き\u3099", jamo + " " + unicodedata.normalize("NFC", jamo)])
    if r < 0.85:  # marks on scripts that need them
        return rng.choice([m.sentence("devanagari"), m.sentence("thai"), "بِسْمِ ٱللَّٰهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ",
                           "שָׁלוֹם עֲלֵיכֶם", "Ελληνικά: ᾅ ᾷ ῷ ἄλφα", "a\u034fb\u034f\u0301", "ǆemal ǅemal Ǆemal"])
    return "".join(rng.choice(COMBINING) for _ in range(rng.randint(1, 30)))  # marks only, no base


LINE_ENDINGS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\n\r", "\r\r\n"]
SPACES = [" ", "\t", "\xa0", "\u1680", "\u2000", "\u2002", "\u2003", "\u2007", "\u2009", "\u200a", "\u202f", "\u205f",
          "\u3000", "\u180e", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\x1c", "\x1d", "\x1e", "\x1f"]


def _whitespace_run(rng):
    pool = LINE_ENDINGS + SPACES + [" "] * 10 + ["\t", "\n"] * 4
    if rng.random() < 0.3:
        return rng.choice(pool) * rng.choice([1, 2, 3, 4, 8, 16, 33, 100])
    return "".join(rng.choice(pool) for _ in range(rng.randint(1, 8)))


def _whitespace(m):
    rng = m.rng
    r = rng.random()
    if r < 0.15:
        return _whitespace_run(rng)
    if r < 0.3:  # one line ending style through a paragraph
        nl = rng.choice(LINE_ENDINGS)
        return nl.join(m.sentence("english") for _ in range(rng.randint(2, 5))) + rng.choice(["", nl, nl * 2])
    words = m.sentence(rng.choice(["english", "english", "cyrillic", "cjk", "arabic"])).split(" ")
    out = [_whitespace_run(rng) if rng.random() < 0.3 else ""]
    for w in words:
        out.append(w)
        out.append(_whitespace_run(rng) if rng.random() < 0.6 else " ")
    return "".join(out)


def _code(m):
    rng = m.rng
    text = m.code()
    if rng.random() < 0.3:
        text = text + "\n" + m.code()
    if rng.random() < 0.2:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.3:
        lines = text.split("\n")
        start = rng.randrange(len(lines))
        text = "\n".join(lines[start:start + rng.randint(1, 5)])
    return text


OTHER_DIGITS = {
    "arabic_indic": _chars((0x660, 0x669)), "extended_arabic_indic": _chars((0x6F0, 0x6F9)),
    "devanagari": _chars((0x966, 0x96F)), "bengali": _chars((0x9E6, 0x9EF)), "thai": _chars((0xE50, 0xE59)),
    "fullwidth": _chars((0xFF10, 0xFF19)), "superscript": _chars("⁰¹²³⁴⁵⁶⁷⁸⁹"), "subscript": _chars((0x2080, 0x2089)),
    "math_bold": _chars((0x1D7CE, 0x1D7D7)), "circled": _chars((0x2460, 0x2468)), "roman": _chars((0x2160, 0x216B)),
    "fractions": _chars("½⅓¼⅕⅙⅛⅔¾"), "tibetan": _chars((0xF20, 0xF29)), "myanmar": _chars((0x1040, 0x1049)),
}


def _digits(m):
    rng = m.rng
    r = rng.random()
    digits = lambda n: "".join(rng.choice(string.digits) for _ in range(n))
    if r < 0.25:
        return digits(rng.choice([1, 2, 3, 4, 5, 6, 7, 9, 10, 16, 31, 64, 100, 255, 256, 1000, rng.randint(1, 3000)]))
    if r < 0.45:
        return rng.choice([
            f"{rng.randint(0, 10**9):,}", f"{rng.uniform(-1e6, 1e6):.{rng.randint(0, 9)}f}", f"{rng.random():e}",
            f"v{rng.randint(0, 20)}.{rng.randint(0, 99)}.{rng.randint(0, 999)}", f"0x{rng.getrandbits(64):016X}",
            f"{rng.randint(1900, 2100)}-{rng.randint(1, 12):02d}-{rng.randint(1, 31):02d}T{rng.randint(0, 23):02d}:00:00Z",
            f"+1 ({digits(3)}) {digits(3)}-{digits(4)}", f"{digits(4)} {digits(4)} {digits(4)} {digits(4)}",
            f"{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}",
            f"{digits(rng.randint(1, 40))}.{digits(rng.randint(1, 40))}", f"-{digits(rng.randint(1, 20))}",
            f"1{'0' * rng.randint(1, 50)}", f"${rng.randint(0, 10**6)}.{rng.randint(0, 99):02d}", f"{rng.randint(0, 100)}%"])
    if r < 0.7:
        name = rng.choice(list(OTHER_DIGITS))
        run = "".join(rng.choice(OTHER_DIGITS[name]) for _ in range(rng.randint(1, 40)))
        return rng.choice([run, f"{m.sentence('english', 3)} {run}", run + digits(rng.randint(1, 5)), f"x{run}y"])
    if r < 0.85:  # digits glued to letters
        return "".join(rng.choice([digits(rng.randint(1, 6)), m.words(rng.choice(["english", "cyrillic", "cjk"]), 1)[0]])
                       for _ in range(rng.randint(2, 8)))
    sentence = m.sentence("english").split(" ")
    for _ in range(rng.randint(1, 4)):
        sentence.insert(rng.randrange(len(sentence) + 1), digits(rng.randint(1, 25)))
    return " ".join(sentence)


def _special_lookalikes(m):
    rng = m.rng
    parts = []
    for _ in range(rng.randint(1, 5)):
        token = rng.choice(SPECIAL_TOKENS)
        if rng.random() < 0.4:
            token = rng.choice(LOOKALIKE_MUTATIONS)(token)
        parts.append(rng.choice(SPACES_AROUND) + token + rng.choice(SPACES_AROUND))
        if rng.random() < 0.4:
            parts.append(m.sentence(rng.choice(["english", "cjk", "cyrillic"]), rng.randint(1, 4)))
    r = rng.random()
    if r < 0.15:  # a rendered chat
        im = "".join(f"<|im_start|>{role}\n{m.sentence('english')}<|im_end|>\n" for role in ("system", "user", "assistant"))
        l3 = "<|begin_of_text|>" + "".join(f"<|start_header_id|>{role}<|end_header_id|>\n\n{m.sentence('english')}<|eot_id|>"
                                            for role in ("system", "user"))
        return rng.choice([im, l3, f"<s>[INST] {m.sentence('english')} [/INST] {m.sentence('english')}</s>"])
    if r < 0.25:  # byte-token and marker characters as plain text
        return rng.choice(["<0x41>", "<0xF0><0x9F>", "<0x0A>", "▁▁hello▁world", "Ġhello Ċ", "ĠĠ", "▁", "\u2581 \u2581",
                           "Ã©", "âĢĶ", "<|", "|>", "<", ">", "</", "<s", "s>", "<<s>>", "<|<|im_start|>|>"]) + rng.choice(SPACES_AROUND)
    return rng.choice(["", " "]).join(parts)


CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"]
APOSTROPHES = ["'", "'", "'", "\u2019", "\u02bc", "`", "\u00b4", "\u2032", "\uff07"]


def _random_case(rng, s):
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in s)


def _contractions(m):
    rng = m.rng
    r = rng.random()
    if r < 0.3:
        words = ["don't", "DON'T", "It'S", "I'M", "we'RE", "You'Ll", "they'VE", "she'D", "can't", "won't", "Y'ALL'D'VE",
                 "o'clock", "rock 'n' roll", "'tis", "the 90's", "Jones'", "Jones's", "JONES'S", "ma'am", "l'homme",
                 "it'ſ", "IT'ſ", "'ſ", "'ſt", "İ'S", "ı'm"]
        return " ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))
    out = []
    for _ in range(rng.randint(1, 6)):
        c = rng.choice(CONTRACTIONS)
        c = rng.choice(APOSTROPHES) + _random_case(rng, c[1:])
        before = rng.choice([m.words("english", 1)[0], "", " ", "X", "123", "日本", "é", "'", "\n", "Straße"])
        after = rng.choice(["", " ", "s", "'", "x", ".", "\n", "'s", "ll"])
        out.append(before + c + after)
    return rng.choice([" ", ""]).join(out)


PRIVATE_USE = [chr(c) for c in (0xE000, 0xE001, 0xF8FF, 0xF0000, 0xFFFFD, 0x100000, 0x10FFFD)]
NONCHARACTERS = [chr(c) for c in list(range(0xFDD0, 0xFDF0)) + [0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x10FFFE, 0x10FFFF]]
CONTROLS = [chr(c) for c in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0))]


def _random_char(rng):
    """One code point from anywhere in Unicode except surrogates (assigned or not)."""
    plane = rng.choice([0, 0, 0, 0, 1, 1, 2, 3, 14, 15, 16])
    while True:
        c = plane * 0x10000 + rng.randrange(0x10000)
        if not 0xD800 <= c <= 0xDFFF:
            return chr(c)


def _boundary(m):
    rng = m.rng
    r = rng.random()
    if r < 0.25:  # one character
        return rng.choice([_random_char(rng), rng.choice(string.printable), rng.choice(CONTROLS),
                           rng.choice(PRIVATE_USE + NONCHARACTERS), "\ufffd", rng.choice(SCRIPTS[rng.choice(list(SCRIPTS))]),
                           rng.choice(BASE_EMOJI), rng.choice(COMBINING), "\x00", " ", "\ufeff"])
    if r < 0.35:  # very long words
        n = rng.randint(1000, 5000)
        kind = rng.randrange(7)
        if kind == 0:
            return rng.choice("aeZ") * n
        if kind == 1:
            return "".join(rng.choice(string.ascii_lowercase) for _ in range(n))
        if kind == 2:
            return "".join(m.words("cjk", n // 2))[:n]
        if kind == 3:
            return "".join(m.words(rng.choice(["english", "cyrillic", "thai", "hangul"]), n // 4))[:n]
        if kind == 4:
            return "".join(rng.choice(BASE_EMOJI) for _ in range(n // 4))
        if kind == 5:
            return rng.choice(["ab", "abc", "Ġ", "▁", "xy "]) * (n // 2)
        return "".join(_random_char(rng) for _ in range(n // 8))
    if r < 0.5:  # mixed scripts without spaces
        return "".join(m.words(rng.choice(list(m.lexicon)), 1)[0] for _ in range(rng.randint(2, 10)))
    if r < 0.65:  # random code points from every plane
        return "".join(_random_char(rng) for _ in range(rng.randint(1, 30)))
    if r < 0.75:
        return "".join(rng.choice(PRIVATE_USE + NONCHARACTERS + CONTROLS + ["\ufffd"]) for _ in range(rng.randint(1, 10)))
    if r < 0.85:
        return rng.choice(["", " ", "  ", "\n", "\t", "\r", "a", "A", ".", "'", "-", "\\", "\"", "\ufeffBOM first",
                           "\x00\x00", "a\x00b", " a", "a ", " a ", "\u00a0", "\u3000", "\u200b", "..."])
    # a sentence with characters spliced in
    s = list(m.sentence(rng.choice(list(m.lexicon))))
    for _ in range(rng.randint(1, 5)):
        s.insert(rng.randrange(len(s) + 1), _random_char(rng))
    return "".join(s)


MAKERS = {"multilingual": _multilingual, "emoji": _emoji, "combining": _combining, "whitespace": _whitespace,
          "code": _code, "digits": _digits, "special_lookalikes": _special_lookalikes, "contractions": _contractions,
          "boundary": _boundary}
assert tuple(MAKERS) == CATEGORIES


def conformance_corpus(seed=SEED, per_category=PER_CATEGORY):
    """[(category, text)]: `per_category` strings of each category, in a seeded interleaved
    order (so a truncated run still sees every category)."""
    rng = random.Random(seed)
    m = _Maker(rng)
    by_category = {c: [MAKERS[c](m) for _ in range(per_category)] for c in CATEGORIES}
    out = []
    for i in range(per_category):
        for c in CATEGORIES:
            out.append((c, by_category[c][i]))
    return out


# ---------------------------------------------------------------------------------------------
# Training text and the benchmark corpus

def _document(m, kind):
    rng = m.rng
    if kind == "prose":
        paragraphs = [m.prose("english", rng.randint(2, 8)) for _ in range(max(1, int(rng.lognormvariate(0.8, 0.8))))]
        return "\n\n".join(paragraphs)
    if kind == "code":
        return "\n".join(m.code() for _ in range(max(1, int(rng.lognormvariate(0.7, 0.8)))))
    if kind == "multilingual":
        script = rng.choice(list(m.lexicon) + ["japanese"])
        if script == "japanese":
            return "\n".join(m.japanese() for _ in range(rng.randint(2, 20)))
        parts = [m.prose(script, rng.randint(2, 6)) for _ in range(max(1, int(rng.lognormvariate(0.5, 0.7))))]
        if rng.random() < 0.3:
            parts.insert(0, rng.choice(SENTENCES))
        return "\n\n".join(parts)
    if kind == "chat":
        return "".join(f"<|im_start|>{role}\n{m.prose('english', rng.randint(1, 4))}<|im_end|>\n"
                       for role in ("system", "user", "assistant")[:rng.randint(2, 3)])
    if kind == "emoji":
        return " ".join(m.sentence("english") + " " + "".join(_emoji_unit(rng) for _ in range(rng.randint(1, 3)))
                        for _ in range(rng.randint(1, 8)))
    if kind == "digits":
        return "\n".join(_digits(m) for _ in range(rng.randint(3, 30)))
    raise ValueError(kind)


def _documents(seed, target_bytes, mix):
    rng = random.Random(seed)
    m = _Maker(rng)
    kinds, weights = zip(*mix.items())
    out, total = [], 0
    while total < target_bytes:
        doc = _document(m, rng.choices(kinds, weights=weights)[0])
        out.append(doc)
        total += len(doc.encode("utf-8"))
    return out


def training_texts(seed=SEED + 1, target_bytes=3_000_000):
    """Documents to train on: English-heavy but every script, code, emoji and digits present,
    so merges exist for non-Latin scripts and multi-byte UTF-8 sequences."""
    return _documents(seed, target_bytes, {"prose": 3, "code": 2, "multilingual": 4, "chat": 0.5, "emoji": 1, "digits": 0.5})


def bench_documents(seed=SEED + 2, target_bytes=20_000_000):
    """The ~20 MB benchmark corpus: documents of realistic lengths (a few hundred bytes to tens
    of KB), mostly English-like prose, with code and multilingual text."""
    return _documents(seed, target_bytes, {"prose": 5, "code": 3, "multilingual": 2, "chat": 0.5, "emoji": 0.3, "digits": 0.2})


# ---------------------------------------------------------------------------------------------
# Invalid UTF-8 (for `tokenize --file`)

INVALID_UTF8 = [  # (name, bytes); the offset of the first bad byte comes from Python's decoder
    ("lone continuation byte", b"abc\x80def"),
    ("continuation byte first", b"\xbfhello"),
    ("truncated 2-byte sequence at the end", b"caf\xc3"),
    ("truncated 3-byte sequence at the end", b"euro \xe2\x82"),
    ("truncated 4-byte sequence in the middle", b"emoji \xf0\x9f\x98 then text"),
    ("overlong 2-byte NUL", b"a\xc0\x80b"),
    ("overlong 3-byte slash", b"path\xe0\x80\xafx"),
    ("UTF-16 surrogate encoded in UTF-8 (CESU)", b"x\xed\xa0\x80\xed\xb0\x80y"),
    ("code point above U+10FFFF", b"big \xf4\x90\x80\x80"),
    ("byte 0xF5", b"\xf5\x80\x80\x80"),
    ("byte 0xFF", b"ok so far\xff"),
    ("Latin-1 text", "naïve café".encode("latin-1")),
    ("invalid after 10 KB of valid text", ("é" * 5000).encode() + b"\xfe" + b"tail"),
]


def first_invalid_offset(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start
    return None


# ---------------------------------------------------------------------------------------------

def _stats():
    import collections
    import time
    start = time.perf_counter()
    corpus = conformance_corpus()
    took = time.perf_counter() - start
    counts = collections.Counter(c for c, _ in corpus)
    size = collections.Counter()
    for c, t in corpus:
        size[c] += len(t.encode("utf-8"))
    print(f"conformance corpus: {len(corpus)} strings, {len(set(t for _, t in corpus))} distinct, "
          f"{sum(size.values()) / 1e6:.2f} MB, {took:.1f} s")
    rng = random.Random(1)
    for c in CATEGORIES:
        texts = [t for cc, t in corpus if cc == c]
        print(f"  {c:20s} {counts[c]:6d} strings  {len(set(texts)):6d} distinct  {size[c] / 1e3:8.0f} KB  "
              f"max {max(len(t) for t in texts):5d} chars")
        for t in rng.sample(texts, 3):
            print(f"      {t[:100]!r}")
    blocks = collections.Counter()
    for _, t in corpus:
        for ch in set(t):
            blocks[min(ord(ch) >> 16, 3)] += 1
    print(f"  distinct characters per string, summed by plane (0, 1, 2, 3+): {dict(sorted(blocks.items()))}")
    for name, make in [("training_texts", training_texts), ("bench_documents", bench_documents)]:
        start = time.perf_counter()
        docs = make()
        lengths = sorted(len(d.encode()) for d in docs)
        print(f"{name}: {len(docs)} documents, {sum(lengths) / 1e6:.2f} MB, lengths min {lengths[0]} "
              f"median {lengths[len(lengths) // 2]} p99 {lengths[int(len(lengths) * 0.99)]} max {lengths[-1]}, "
              f"{time.perf_counter() - start:.1f} s")
    for name, data in INVALID_UTF8:
        assert first_invalid_offset(data) is not None, name


if __name__ == "__main__":
    _stats()
    sys.exit(0)
