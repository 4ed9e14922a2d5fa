// The tokenizer pipeline on small hand-made tokenizer.json documents: BPE merge order, byte
// fallback and unknown-token rules, added tokens with every flag, ids recomputed as the
// reference does, tokenizer_config.json special tokens, decoding and streaming decoding, and
// errors that name what is wrong. Expected ids came from tokenizers 0.23.3 / transformers
// 5.23.0 run on the same documents (noted at each case); the corpus-wide comparison is the
// conformance test's job.
#include "core/error.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace lathe;
using namespace lathe::tok;
using Ids = std::vector<int32_t>;

namespace {

// A BPE with byte fallback, an unknown token fused over runs, and legacy "a b" merges.
const char* kFallbackJson = R"({"version": "1.0", "added_tokens": [], "normalizer": null, "pre_tokenizer": null,
  "post_processor": null, "decoder": null, "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>",
  "continuing_subword_prefix": null, "end_of_word_suffix": null, "fuse_unk": true, "byte_fallback": true,
  "ignore_merges": false, "vocab": {"<unk>": 0, "a": 1, "<0xC3>": 2, "<0xA9>": 3, "b": 4, "ab": 5, "c": 6,
  "abc": 7, "bc": 8}, "merges": ["b c", "a b", "a bc"]}})";

// Lowercase normalizer and added tokens: lstrip+rstrip, plain, single_word, and two specials.
const char* kAddedJson = R"({"version":"1.0","added_tokens":[
  {"id":28,"content":"my","single_word":false,"lstrip":true,"rstrip":true,"normalized":true,"special":false},
  {"id":29,"content":"name","single_word":false,"lstrip":false,"rstrip":false,"normalized":true,"special":false},
  {"id":30,"content":"ony","single_word":true,"lstrip":false,"rstrip":false,"normalized":true,"special":false},
  {"id":31,"content":"[CLS]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
  {"id":32,"content":"[SEP]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true}],
  "normalizer":{"type":"Lowercase"},"pre_tokenizer":null,"post_processor":null,"decoder":null,
  "model":{"type":"BPE","dropout":null,"unk_token":"[UNK]","continuing_subword_prefix":null,"end_of_word_suffix":null,
  "fuse_unk":false,"byte_fallback":false,"ignore_merges":false,"vocab":{"[UNK]":0," ":1,"a":2,"b":3,"c":4,"d":5,
  "e":6,"f":7,"g":8,"h":9,"i":10,"j":11,"k":12,"l":13,"m":14,"n":15,"o":16,"p":17,"q":18,"r":19,"s":20,"t":21,
  "u":22,"v":23,"w":24,"x":25,"y":26,"z":27},"merges":[]}})";

// A byte-level BPE (array merges) whose config names special tokens that are not added yet.
const char* kByteLevelJson = R"({"version": "1.0", "added_tokens": [], "normalizer": null,
  "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
  "post_processor": null,
  "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
  "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
  "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
  "vocab": {"<s>": 0, "</s>": 1, "h": 2, "i": 3, "hi": 4, "\u0120": 5, "\u0120hi": 6},
  "merges": [["h", "i"], ["\u0120", "hi"]]}})";
const char* kByteLevelConfig = R"({"tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<s>",
  "eos_token": "</s>", "pad_token": "<pad>", "add_bos_token": true, "add_eos_token": true})";

// Llama 2 legacy style: Prepend/Replace normalizer, byte fallback, a normalized added token.
const char* kLegacyJson = R"({"version":"1.0","added_tokens":[{"id":8,"content":"<flag>","single_word":false,
  "lstrip":false,"rstrip":false,"normalized":true,"special":false}],"normalizer":{"type":"Sequence","normalizers":[
  {"type":"Prepend","prepend":"\u2581"},{"type":"Replace","pattern":{"String":" "},"content":"\u2581"}]},
  "pre_tokenizer":null,"post_processor":null,"decoder":{"type":"Sequence","decoders":[{"type":"Replace","pattern":
  {"String":"\u2581"},"content":" "},{"type":"ByteFallback"},{"type":"Fuse"},{"type":"Strip","content":" ",
  "start":1,"stop":0}]},"model":{"type":"BPE","dropout":null,"unk_token":"<unk>","continuing_subword_prefix":null,
  "end_of_word_suffix":null,"fuse_unk":true,"byte_fallback":true,"ignore_merges":false,"vocab":{"<unk>":0,"g":1,
  "<0x67>":2,"<0x98>":3,"<0xC3>":4,"<0xA9>":5,"\u2581":6,"a":7},"merges":[]}})";

// A byte-level vocabulary holding all 256 single bytes, to stream multi-byte characters.
std::string allBytesJson()
{
    nlohmann::json doc = nlohmann::json::parse(kByteLevelJson);
    int next = 0;
    nlohmann::json fullVocab = nlohmann::json::object();
    for (int b = 0; b < 256; ++b) {
        std::string mapped;  // the byte in the GPT-2 alphabet, as UTF-8
        const char32_t cp = byteToUnicode(static_cast<uint8_t>(b));
        if (cp < 0x80) {
            mapped += static_cast<char>(cp);
        } else {
            mapped += static_cast<char>(0xC0 | (cp >> 6));
            mapped += static_cast<char>(0x80 | (cp & 0x3F));
        }
        fullVocab[mapped] = next++;
    }
    fullVocab["<|end|>"] = next++;
    doc["model"]["vocab"] = fullVocab;
    doc["model"]["merges"] = nlohmann::json::array();
    doc["added_tokens"] = nlohmann::json::parse(
        R"([{"id": 256, "content": "<|end|>", "single_word": false, "lstrip": false, "rstrip": false,
            "normalized": false, "special": true}])");
    return doc.dump();
}

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

private slots:
    void bpeMergeOrderAndFallback()
    {
        const Tokenizer t = Tokenizer::fromJson(kFallbackJson, "", "fallback.json");
        // tokenizers 0.23.3: byte tokens go in at once while a pending unknown waits for the
        // next known character (hence <0xC3> <0xA9> before the fused <unk>).
        QCOMPARE(t.encode("a€€éa"), (Ids{1, 2, 3, 0, 1}));
        QCOMPARE(t.encode("abc"), (Ids{7}));
        QCOMPARE(t.encode("aabcc"), (Ids{1, 7, 6}));
        QCOMPARE(t.encode("€é€"), (Ids{2, 3, 0}));
        QCOMPARE(t.encode(""), Ids{});
    }

    void addedTokenFlags()
    {
        const Tokenizer t = Tokenizer::fromJson(kAddedJson, "", "added.json");
        // tokenizers 0.23.3 (the reference's own options_use_cases, with ids).
        QCOMPARE(t.encode("[CLS] My name is Anthony [SEP]"),
                 (Ids{31, 28, 29, 1, 10, 20, 1, 2, 15, 21, 9, 16, 15, 26, 1, 32}));
        QCOMPARE(t.encode("ony x ony"), (Ids{30, 1, 25, 1, 30}));
        QCOMPARE(t.encode("xony onyx"), (Ids{25, 16, 15, 26, 1, 16, 15, 26, 25}));
        const Ids ids = t.encode("[CLS] My name is Anthony [SEP]");
        // No decoder: tokens joined by spaces; specials kept or skipped.
        QCOMPARE(QString::fromStdString(t.decode(ids, false)),
                 QString::fromUtf8("[CLS] my name   i s   a n t h o n y   [SEP]"));
        QCOMPARE(QString::fromStdString(t.decode(ids, true)), QString::fromUtf8("my name   i s   a n t h o n y  "));
        QVERIFY(t.isSpecial(31));
        QVERIFY(!t.isSpecial(28));
    }

    void declaredIdsAreRecomputed()
    {
        // tokenizers 0.23.3 ignores the ids written in added_tokens and assigns them as
        // add_tokens does: a content in the vocabulary keeps its id, new ones follow it.
        nlohmann::json doc = nlohmann::json::parse(kFallbackJson);
        doc["added_tokens"] = nlohmann::json::parse(R"([
            {"id": 200, "content": "<x>", "special": true, "normalized": false},
            {"id": 7, "content": "<y>", "special": false, "normalized": false},
            {"id": 1, "content": "c", "special": false, "normalized": false}])");
        const Tokenizer t = Tokenizer::fromJson(doc, nullptr, "ids.json");
        QCOMPARE(t.tokenToId("<x>").value_or(-1), 9);
        QCOMPARE(t.tokenToId("<y>").value_or(-1), 10);
        QCOMPARE(t.tokenToId("c").value_or(-1), 6);
        QCOMPARE(t.size(), size_t(11));
    }

    void configSpecialTokens()
    {
        // transformers 5.23.0: beside a tokenizer.json, add_bos_token/add_eos_token are
        // ignored; "<s>" and "</s>" (vocabulary entries) become special added tokens and
        // "<pad>" gets the next id.
        const Tokenizer t = Tokenizer::fromJson(kByteLevelJson, kByteLevelConfig, "dir/tokenizer.json");
        QCOMPARE(t.encode("hi hi"), (Ids{4, 6}));
        QCOMPARE(t.encode("<s>hi</s>"), (Ids{0, 4, 1}));
        QCOMPARE(t.encode("<pad>hi"), (Ids{7, 4}));
        QCOMPARE(t.size(), size_t(8));
        QCOMPARE(t.decode(Ids{0, 4, 1}, false), std::string("<s>hi</s>"));
        QCOMPARE(t.decode(Ids{0, 4, 1}, true), std::string("hi"));
        QCOMPARE(t.bosToken(), std::string("<s>"));
        QCOMPARE(t.padToken(), std::string("<pad>"));
        // The same documents built the way a GGUF is (flags applied): BOS and EOS around.
        const nlohmann::json doc = nlohmann::json::parse(kByteLevelJson);
        const nlohmann::json config = nlohmann::json::parse(kByteLevelConfig);
        const Tokenizer g = Tokenizer::fromJson(doc, &config, "model.gguf", true);
        QCOMPARE(g.encode("hi hi"), (Ids{0, 4, 6, 1}));
        QCOMPARE(g.encode("hi hi", false), (Ids{4, 6}));
    }

    void unknownIdsAreSkippedWhenDecoding()
    {
        const Tokenizer t = Tokenizer::fromJson(kByteLevelJson, "", "t.json");
        QCOMPARE(t.decode(Ids{4, 999, 6}), std::string("hi hi"));
        QVERIFY(!t.idToToken(999));
    }

    void streamingNeverSplitsACharacter()
    {
        const Tokenizer t = Tokenizer::fromJson(allBytesJson(), "", "bytes.json");
        // Emoji, a ZWJ family, CJK, a special token, then the first two bytes of an emoji
        // that never completes (the one-shot decode shows it as U+FFFD).
        Ids ids = t.encode(std::string("a 😀 家族 👩‍👩‍👧 é\r\n<|end|>z"));
        ids.push_back(t.tokenToId("\xC3\xB0").value());  // byte 0xF0 in the GPT-2 alphabet
        ids.push_back(t.tokenToId("\xC5\x81").value());  // byte 0x9F
        for (const bool skip : {false, true}) {
            StreamDecoder stream(t, skip);
            std::string joined;
            for (const int32_t id : ids) {
                const std::string piece = stream.push(id);
                // Every chunk is whole UTF-8 on its own.
                QVERIFY(QString::fromUtf8(piece.data(), qsizetype(piece.size())).toUtf8() ==
                        QByteArray(piece.data(), qsizetype(piece.size())));
                QVERIFY(piece.find("\xEF\xBF\xBD") == std::string::npos);
                joined += piece;
            }
            joined += stream.finish();
            QCOMPARE(joined, t.decode(ids, skip));
        }
    }

    void legacyByteFallbackAndNormalizedAddedTokens()
    {
        const Tokenizer t = Tokenizer::fromJson(kLegacyJson, "", "legacy.json");
        // tokenizers 0.23.3: a normalized added token is known by its normalized form, which
        // is what the decoder sees; a byte run that is not UTF-8 is one U+FFFD per token,
        // the valid "g" byte included.
        QCOMPARE(t.encode("a\u2581<flag>a"), (Ids{6, 7, 8, 7}));
        QCOMPARE(t.idToToken(8).value_or(""), std::string("\u2581<flag>"));
        QCOMPARE(t.decode(Ids{7, 8, 7}), std::string("a <flag>a"));
        QCOMPARE(t.decode(Ids{7, 2, 3, 7}), std::string("a\uFFFD\uFFFDa"));
        QCOMPARE(t.decode(Ids{4, 5, 7}), std::string("\u00E9a"));
        // Streaming must not emit "g" before it learns that the run is not UTF-8.
        for (const Ids& ids : {Ids{2, 3}, Ids{7, 2, 3, 7}, Ids{4, 5, 7}, Ids{7, 8, 2, 7, 3}}) {
            StreamDecoder stream(t);
            std::string joined;
            for (const int32_t id : ids) joined += stream.push(id);
            joined += stream.finish();
            QCOMPARE(joined, t.decode(ids));
        }
    }

    void errorsNameTheProblem()
    {
        const Tokenizer t = Tokenizer::fromJson(kFallbackJson, "", "fallback.json");
        try {
            t.encode(std::string("ok\xC3("));
            QFAIL("invalid UTF-8 accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("byte 2") != std::string::npos, e.what());
        }
        auto expectError = [](const std::string& json, const std::string& needle) {
            try {
                Tokenizer::fromJson(json, "", "bad.json");
                QFAIL(("accepted: " + needle).c_str());
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
                QVERIFY2(std::string(e.what()).find("bad.json") != std::string::npos, e.what());
                QCOMPARE(e.exitCode(), 2);
            }
        };
        nlohmann::json doc = nlohmann::json::parse(kFallbackJson);
        doc["model"]["type"] = "WordPiece";
        expectError(doc.dump(), "WordPiece");
        doc = nlohmann::json::parse(kFallbackJson);
        doc["model"]["merges"] = nlohmann::json::parse(R"(["b c", "a zz"])");
        expectError(doc.dump(), "model.merges[1]");
        doc["model"]["merges"] = nlohmann::json::parse(R"(["b c d"])");
        expectError(doc.dump(), "model.merges[0]");
        doc = nlohmann::json::parse(kFallbackJson);
        doc["model"]["vocab"]["a"] = "one";
        expectError(doc.dump(), "model.vocab");
        doc = nlohmann::json::parse(kFallbackJson);
        doc["model"]["dropout"] = 0.1;
        expectError(doc.dump(), "dropout");
        expectError(std::string(kFallbackJson).substr(0, 120), "not valid JSON");
    }
};

QTEST_APPLESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
