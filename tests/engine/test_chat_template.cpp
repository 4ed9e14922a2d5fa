// The chat-template engine on small templates: whitespace control, scoping, loops, macros,
// filters, tests, Python value formatting, tojson, errors and their classes, generation spans,
// limits against hostile templates, and concurrent renders. Every expected string and error
// class below came from jinja2 3.1.6 with transformers 5.23.0's environment
// (transformers.utils.chat_template_utils._compile_jinja_template(t).render(**variables)),
// run over the same variables; none was copied from Lathe's own output. The corpus-wide
// comparisons are tests/conformance/test_jinja_differential.py and the real-template test.
#include "chat/chat_template.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <atomic>
#include <thread>

using namespace lathe;
using namespace lathe::chat;
using Json = nlohmann::ordered_json;

namespace {

struct GoldenCase {
    const char* name;
    const char* templateText;
    const char* expectedText;   // null when jinja2 raises
    const char* expectedError;  // the class jinja2 raised, as TemplateErrorKind names it
};

const char* kVariables = R"json({"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": " Hi there "}, {"role": "assistant", "content": "Hello!"}], "xs": [3, 1, 2], "d": {"b": 1, "a": [1.5, null, true]}, "s": "Hello World", "n": 7, "f": 0.1})json";

const GoldenCase kGolden[] = {
    {"whitespace", "{% for m in messages %}\n  {{ m.role }}\n{% endfor %}\n  {%- if true -%}\n  x\n  {%+ if true %}y{% endif %}\n{% endif %}\n", "  system\n  user\n  assistant\nx\n  y", nullptr},
    {"trim_lstrip", "A\n    {% if true %}\n    B\n    {% endif %}\n  {# c #}\nC {{- ' D ' -}} E\n", "A\n    B\nC D E", nullptr},
    {"loop_vars", "{% for x in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.previtem|default('-') }}{{ loop.nextitem|default('-') }}{{ loop.cycle('a','b') }};{% endfor %}", "103TrueFalse3-1a;212FalseFalse332b;321FalseTrue31-a;", nullptr},
    {"filtered_loop_else", "{% for x in xs if x > 5 %}{{ x }}{% else %}none{% endfor %}|{% for k, v in d.items() %}{{ k }}={{ v }},{% endfor %}", "none|b=1,a=[1.5, None, True],", nullptr},
    {"namespace", "{% set ns = namespace(n=0, seen=false) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{% if m.role == 'user' %}{% set ns.seen = true %}{% endif %}{% endfor %}{{ ns.n }} {{ ns.seen }}", "3 True", nullptr},
    {"scoping", "{% set x = 1 %}{% for i in xs %}{% set x = i %}{% endfor %}{{ x }}|{% for i in xs %}{{ y }}{% endfor %}{% set y = 2 %}{{ y }}", "1|2", nullptr},
    {"macro_caller", "{% macro box(title, w=3) %}[{{ title|center(w) }}{% if caller is defined %}:{{ caller() }}{% endif %}]{% endmacro %}{{ box('a') }}{% call box('b', 5) %}inner{% endcall %}", "[ a ][  b  :inner]", nullptr},
    {"block_set_filter", "{% set body %}  {{ s }}  {% endset %}[{{ body|trim }}]{% filter upper %}shout {{ n }}{% endfilter %}", "[Hello World]SHOUT 7", nullptr},
    {"python_values", "{{ [1, 'a', none, true, 1.0, {'k': 'v'}] }} {{ (1,) }} {{ 1e16 }} {{ 0.1 + 0.2 }} {{ 1/3 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 10 / 4 }} {{ 1e-5 }} {{ 123456789.0 * 10 }}", "[1, 'a', None, True, 1.0, {'k': 'v'}] (1,) 1e+16 0.30000000000000004 0.3333333333333333 -4 2 1024 2.5 1e-05 1234567890.0", nullptr},
    {"strings", "{{ s[::-1] }}|{{ s[1:4] }}|{{ s.split() }}|{{ s.lower().startswith('hello') }}|{{ '  x '.strip() }}|{{ 'a,b'.split(',')[-1] }}|{{ s.replace('l', 'L', 2) }}|{{ 'Ünï'|upper }}|{{ 'é'[0] }}|{{ s|length }}", "dlroW olleH|ell|['Hello', 'World']|True|x|b|HeLLo World|ÜNÏ|é|11", nullptr},
    {"tests", "{{ n is odd }}{{ n is divisibleby 7 }}{{ none is none }}{{ s is string }}{{ d is mapping }}{{ xs is iterable }}{{ 1 is integer }}{{ 1.0 is float }}{{ true is boolean }}{{ missing is defined }}{{ n is eq 7 }}{{ 'a' is in 'abc' }}", "TrueTrueTrueTrueTrueTrueTrueTrueTrueFalseTrueTrue", nullptr},
    {"filters", "{{ xs|sort }}{{ xs|max }}{{ xs|sum }}{{ xs|join('-') }}{{ xs|first }}{{ xs|last }}{{ d|dictsort }}{{ messages|selectattr('role', 'equalto', 'user')|map(attribute='content')|list }}{{ xs|reject('odd')|list }}{{ [1, 1, 2]|unique|list }}{{ 'a b c'|wordcount }}{{ 3.14159|round(2) }}{{ '42'|int + 1 }}{{ 'x'|default('y') }}{{ undefined_name|default('y') }}", "[1, 2, 3]363-1-232[('a', [1.5, None, True]), ('b', 1)][' Hi there '][2][1, 2]33.1443xy", nullptr},
    {"tojson", "{{ d|tojson }}|{{ d|tojson(indent=2) }}|{{ d|tojson(sort_keys=true) }}|{{ {'q': '\"<é>\\n'}|tojson }}|{{ [1.0, 1e16, none]|tojson(separators=(',', ':')) }}", "{\"b\": 1, \"a\": [1.5, null, true]}|{\n  \"b\": 1,\n  \"a\": [\n    1.5,\n    null,\n    true\n  ]\n}|{\"a\": [1.5, null, true], \"b\": 1}|{\"q\": \"\\\"<é>\\n\"}|[1.0,1e+16,null]", nullptr},
    {"escape", "{{ '<a href=\"x\">'|e }} {{ ('<b>'|e) + '<i>' }} {{ '<p>x</p>'|striptags }}", "&lt;a href=&#34;x&#34;&gt; &lt;b&gt;&lt;i&gt; x", nullptr},
    {"format", "{{ '%s has %d items (%.1f%%)' % ('list', 3, 12.5) }}|{{ '{} and {:>5}|{:.3f}'.format('a', 'b', f) }}|{{ '%05d'|format(42) }}", "list has 3 items (12.5%)|a and     b|0.100|00042", nullptr},
    {"inline_if", "{{ 'yes' if n > 5 else 'no' }}|{{ 'only' if false }}|{{ (n > 5) and 'A' or 'B' }}", "yes||A", nullptr},
    {"raw_comment", "{% raw %}{{ kept }}{% endraw %}{# gone #}x", "{{ kept }}x", nullptr},
    {"undefined_error", "{{ missing.attr }}", nullptr, "undefined"},
    {"undefined_print", "[{{ missing }}][{{ none_value }}][{{ d.nope }}]", "[][][]", nullptr},
    {"security", "{{ xs.append(4) }}", nullptr, "security"},
    {"raise", "{% if messages[0].role == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}", nullptr, "raise"},
    {"type_error", "{{ 'a' + 1 }}", nullptr, "type"},
    {"syntax_error", "line one\n{% for x in xs %}\n  {{ x }\n{% endfor %}", nullptr, "syntax"},
    {"unclosed_for", "a\n{% for x in xs %}\n{{ x }}\n", nullptr, "syntax"},
    {"break_continue", "{% for x in [1,2,3,4,5] %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}", "13", nullptr},
    {"unpacking", "{% set a, b = 1, 2 %}{{ a }}{{ b }}{% for k, v in [(1, 2), (3, 4)] %}{{ k + v }}{% endfor %}", "1237", nullptr},
};


TemplateErrorKind renderError(const std::string& text, const Json& variables, const RenderLimits& limits = {},
                              std::string* reason = nullptr, std::string* field = nullptr)
{
    try {
        ChatTemplate::parse(text, "test.jinja").render(variables, limits);
    } catch (const TemplateError& e) {
        if (reason) *reason = e.reason();
        if (field) *field = e.field();
        return e.templateKind();
    }
    return TemplateErrorKind(-1);
}

}  // namespace

class TestChatTemplate : public QObject {
    Q_OBJECT

private slots:
    void goldenCases_data()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < std::size(kGolden); ++i) QTest::newRow(kGolden[i].name) << int(i);
    }

    // Each case renders as jinja2 renders it, or fails with the class jinja2 raised.
    void goldenCases()
    {
        QFETCH(int, index);
        const GoldenCase& c = kGolden[index];
        const Json variables = Json::parse(kVariables);
        if (c.expectedText) {
            const Rendered r = ChatTemplate::parse(c.templateText, "golden").render(variables);
            QCOMPARE(QString::fromStdString(r.text), QString::fromUtf8(c.expectedText));
        } else {
            QCOMPARE(QString(templateErrorKindName(renderError(c.templateText, variables))), QString(c.expectedError));
        }
    }

    // raise_exception's message is the error's reason, unchanged (jinja2: TemplateError(msg)).
    void raiseExceptionKeepsMessage()
    {
        std::string reason;
        const auto kind = renderError("{{ raise_exception('System role not supported') }}", Json::object(), {}, &reason);
        QCOMPARE(int(kind), int(TemplateErrorKind::Raised));
        QCOMPARE(reason, std::string("System role not supported"));
    }

    // A syntax error names the line and column of the offending token.
    void syntaxErrorNamesLineAndColumn()
    {
        try {
            ChatTemplate::parse("line one\n{% for x in xs %}\n  {{ x }\n{% endfor %}", "bad.jinja");
            QFAIL("parsed a broken template");
        } catch (const TemplateError& e) {
            QCOMPARE(int(e.templateKind()), int(TemplateErrorKind::Syntax));
            QCOMPARE(e.file(), std::string("bad.jinja"));
            QCOMPARE(e.field(), std::string("line 3, column 8"));
            QCOMPARE(e.reason(), std::string("unexpected '}'"));
        }
        try {
            ChatTemplate::parse("a\n{% for x in xs %}\n{{ x }}\n", "bad.jinja");
            QFAIL("parsed an unclosed for");
        } catch (const TemplateError& e) {
            QVERIFY(e.reason().find("'endfor'") != std::string::npos);
            QCOMPARE(e.field().substr(0, 6), std::string("line 3"));
        }
    }

    // {% generation %} records the byte spans its body wrote (transformers' AssistantTracker;
    // the spans of jinja2 + transformers, in characters, are the same here as the text is ASCII).
    void generationSpans()
    {
        const Json variables = Json::parse(R"({"messages": [{"role": "user", "content": "hi"},
            {"role": "assistant", "content": "yo"}, {"role": "assistant", "content": "ok"}]})");
        const auto tmpl = ChatTemplate::parse(
            "{% for m in messages %}<{{ m.role }}>{% if m.role == 'assistant' %}{% generation %}{{ m.content }}!"
            "{% endgeneration %}{% else %}{{ m.content }}{% endif %}\n{% endfor %}",
            "gen");
        const Rendered r = tmpl.render(variables);
        // transformers' _render_with_assistant_indices: ('<user>hi<assistant>yo!<assistant>ok!',
        // [(19, 22), (33, 36)]) -- trim_blocks eats the newline after {% endif %}
        QCOMPARE(r.text, std::string("<user>hi<assistant>yo!<assistant>ok!"));
        QCOMPARE(r.generationSpans.size(), size_t(2));
        QCOMPARE(r.generationSpans[0], (std::pair<size_t, size_t>(19, 22)));
        QCOMPARE(r.generationSpans[1], (std::pair<size_t, size_t>(33, 36)));
    }

    // Hostile templates end with a Limit error instead of hanging or exhausting memory.
    void limitsStopHostileTemplates()
    {
        RenderLimits limits;
        limits.maxLoopIterations = 10000;
        QCOMPARE(int(renderError("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}", Json::object(), limits)),
                 int(TemplateErrorKind::Limit));
        QCOMPARE(int(renderError("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", Json::object())),
                 int(TemplateErrorKind::Limit));
        QCOMPARE(int(renderError("{{ 'x' * 100000000000 }}", Json::object())), int(TemplateErrorKind::Limit));
        limits = {};
        limits.maxOutputBytes = 1000;
        QCOMPARE(int(renderError("{% for i in range(100) %}0123456789abcdef{% endfor %}", Json::object(), limits)),
                 int(TemplateErrorKind::Limit));
        limits = {};
        limits.maxValueBytes = 1 << 20;
        QCOMPARE(int(renderError("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
                                 Json::object(), limits)),
                 int(TemplateErrorKind::Limit));
        // jinja2's sandbox refuses ranges over MAX_RANGE items (OverflowError)
        QCOMPARE(int(renderError("{{ range(200000)|length }}", Json::object())), int(TemplateErrorKind::Other));
        // deep nesting is a syntax error, not a stack overflow
        std::string nestedIfs;
        for (int i = 0; i < 5000; ++i) nestedIfs += "{% if true %}";
        QCOMPARE(int(renderError(nestedIfs, Json::object())), int(TemplateErrorKind::Syntax));
        QCOMPARE(int(renderError("{{ " + std::string(5000, '(') + "1" + std::string(5000, ')') + " }}", Json::object())),
                 int(TemplateErrorKind::Syntax));
    }

    // A parsed template is immutable: renders from several threads give the same text.
    void concurrentRenders()
    {
        const auto tmpl = ChatTemplate::parse(
            "{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{{ m.content|upper }}{% endfor %}{{ ns.n }}",
            "mt");
        const Json variables = Json::parse(R"({"messages": [{"content": "a"}, {"content": "b"}, {"content": "c"}]})");
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 500; ++i) {
                    if (tmpl.render(variables).text != "ABC3") ++wrong;
                }
            });
        }
        for (auto& th : threads) th.join();
        QCOMPARE(wrong.load(), 0);
    }

    // Values are borrowed from the caller's JSON: a large content string renders without the
    // engine copying the conversation per access (and the JSON is left untouched).
    void jsonIsBorrowedNotModified()
    {
        Json variables = Json::parse(R"({"messages": [{"role": "user", "content": "x"}]})");
        variables["messages"][0]["content"] = std::string(1 << 20, 'y');
        const Json before = variables;
        const auto tmpl = ChatTemplate::parse("{{ messages[0].content|length }}", "borrow");
        QCOMPARE(tmpl.render(variables).text, std::string("1048576"));
        QVERIFY(variables == before);
    }
};

QTEST_APPLESS_MAIN(TestChatTemplate)
#include "test_chat_template.moc"
