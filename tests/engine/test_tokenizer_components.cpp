// Tokenizer components (normalizers, pre-tokenizers, decoders) built from their tokenizer.json
// form and checked against the reference. Every expected value below was produced by the
// Python `tokenizers` 0.23.3 (normalize_str / pre_tokenize_str / decode on the same JSON), not
// by this code; the cases aim at the edges (behaviors, empty matches, Unicode versions).
#include "core/error.h"
#include "tokenizer/components.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <atomic>
#include <thread>

using namespace lathe;
using namespace lathe::tok;

namespace {

const Origin kOrigin{"tokenizer.json", "component"};

QStringList list(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* s : items) out << QString::fromUtf8(s);
    return out;
}

QString str(const std::string& s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QStringList words(const Words& w)
{
    QStringList out;
    for (size_t i = 0; i < w.size(); ++i) out << QString::fromUtf8(w[i].data(), static_cast<qsizetype>(w[i].size()));
    return out;
}

QStringList pre(const char* spec, std::string_view text, bool atTextStart = true)
{
    bool raw = true;
    const auto p = makePreTokenizer(nlohmann::json::parse(spec), kOrigin, false, &raw);
    if (raw) return {"usedByteLevelRaw set without allowByteLevelRaw"};
    Words w;
    p->split(text, atTextStart, w);
    return words(w);
}

QString norm(const char* spec, std::string text)
{
    makeNormalizer(nlohmann::json::parse(spec), kOrigin)->normalize(text);
    return str(text);
}

QString dec(const char* spec, std::vector<std::string> tokens)
{
    makeDecoder(nlohmann::json::parse(spec), kOrigin)->decodeChain(tokens);
    std::string all;
    for (const std::string& t : tokens) all += t;
    return str(all);
}

// Builds the component and returns the error it throws ("" when it does not).
template <typename Make>
QString errorOf(Make&& make, ErrorKind* kind = nullptr)
{
    try {
        make();
    } catch (const Error& e) {
        if (kind) *kind = e.kind();
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestTokenizerComponents : public QObject {
    Q_OBJECT
private slots:
    void byteAlphabet()
    {
        QCOMPARE(byteToUnicode(' '), char32_t(0x120));
        QCOMPARE(byteToUnicode('\n'), char32_t(0x10A));
        QCOMPARE(byteToUnicode('A'), char32_t('A'));
        QCOMPARE(byteToUnicode(0xAD), char32_t(0x143));
        QCOMPARE(byteToUnicode(0xFF), char32_t(0xFF));
        for (int b = 0; b < 256; ++b) QCOMPARE(unicodeToByte(byteToUnicode(static_cast<uint8_t>(b))), b);
        QCOMPARE(unicodeToByte(0x144), -1);
        QCOMPARE(unicodeToByte(0xAD), -1);
        std::string all;
        for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
        std::string back;
        QVERIFY(byteLevelDecode(byteLevelEncode(all), back));
        QVERIFY(back == all);
        QVERIFY(!byteLevelDecode("\xE4\xB8\xAD", back));
    }

    void byteLevelPreTokenizer()
    {
        // GPT-2 regex: contractions, lookahead \s+(?!\S), digits, symbols
        QCOMPARE(pre("{\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, \"use_regex\": true}", "Hello  world\n\n it's 'S 123 \302\275\302\262 \360\237\221\215!! "), list({"Hello", "\304\240", "\304\240world", "\304\212\304\212", "\304\240it", "'s", "\304\240'", "S", "\304\240123", "\304\240\303\202\302\275\303\202\302\262", "\304\240\303\260\305\201\304\263\304\257!!", "\304\240"}));
        // add_prefix_space only when the piece does not start with a space
        QCOMPARE(pre("{\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, \"use_regex\": true}", "hello world"), list({"\304\240hello", "\304\240world"}));
        QCOMPARE(pre("{\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, \"use_regex\": true}", " hello"), list({"\304\240hello"}));
        // no regex: one word
        QCOMPARE(pre("{\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, \"use_regex\": false}", "a b\tc\303\251"), list({"\304\240a\304\240b\304\211c\303\203\302\251"}));
        // emoji ZWJ sequence, CJK, combining mark
        QCOMPARE(pre("{\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, \"use_regex\": true}", "\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247 \344\270\255\346\226\207 e\314\201"), list({"\303\260\305\201\304\263\302\250\303\242\304\242\304\257\303\260\305\201\304\263\302\251\303\242\304\242\304\257\303\260\305\201\304\263\302\247", "\304\240\303\244\302\270\305\203\303\246\304\270\304\251", "\304\240e", "\303\214\304\243"}));
        // \s is White_Space: U+0085 and U+2028 are spaces, U+180E U+200B U+FEFF are not
        QCOMPARE(pre("{\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, \"use_regex\": true}", "a\302\205b \341\240\216c\342\200\213d\342\200\250e\357\273\277f"), list({"a", "\303\202\304\247", "b", "\304\240\303\241\305\202\304\260", "c", "\303\242\304\242\304\255", "d", "\303\242\304\242\302\250", "e", "\303\257\302\273\302\277", "f"}));
    }

    void splitPreTokenizer()
    {
        // Llama 3 pattern (case-insensitive contractions incl. long s, {1,3} digits, newlines)
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"Regex\": \"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\\\r\\\\n\\\\p{L}\\\\p{N}]?\\\\p{L}+|\\\\p{N}{1,3}| ?[^\\\\s\\\\p{L}\\\\p{N}]+[\\\\r\\\\n]*|\\\\s*[\\\\r\\\\n]+|\\\\s+(?!\\\\S)|\\\\s+\"}, \"behavior\": \"Isolated\", \"invert\": false}", "I'M here  \n\n  1234567 x'\305\277 \303\251t\303\251\r\n"), list({"I", "'M", " here", "  \n\n", " ", " ", "123", "456", "7", " x", "'\305\277", " \303\251t\303\251", "\r\n"}));
        // Removed, invert=False
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"String\": \"-\"}, \"behavior\": \"Removed\", \"invert\": false}", "-a-b--c-"), list({"a", "b", "c"}));
        // Removed, invert=True
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"String\": \"-\"}, \"behavior\": \"Removed\", \"invert\": true}", "-a-b--c-"), list({"-", "-", "-", "-", "-"}));
        // Isolated, invert=False
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"String\": \"-\"}, \"behavior\": \"Isolated\", \"invert\": false}", "-a-b--c-"), list({"-", "a", "-", "b", "-", "-", "c", "-"}));
        // Isolated, invert=True
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"String\": \"-\"}, \"behavior\": \"Isolated\", \"invert\": true}", "-a-b--c-"), list({"-", "a", "-", "b", "-", "-", "c", "-"}));
        // MergedWithPrevious, invert=False
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"String\": \"-\"}, \"behavior\": \"MergedWithPrevious\", \"invert\": false}", "-a-b--c-"), list({"-", "a-", "b-", "-", "c-"}));
        // MergedWithPrevious, invert=True
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"String\": \"-\"}, \"behavior\": \"MergedWithPrevious\", \"invert\": true}", "-a-b--c-"), list({"-a", "-b", "-", "-c", "-"}));
        // MergedWithNext, invert=False
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"String\": \"-\"}, \"behavior\": \"MergedWithNext\", \"invert\": false}", "-a-b--c-"), list({"-a", "-b", "-", "-c", "-"}));
        // MergedWithNext, invert=True
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"String\": \"-\"}, \"behavior\": \"MergedWithNext\", \"invert\": true}", "-a-b--c-"), list({"-", "a-", "b-", "-", "c-"}));
        // Contiguous, invert=False
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"String\": \"-\"}, \"behavior\": \"Contiguous\", \"invert\": false}", "-a-b--c-"), list({"-", "a", "-", "b", "--", "c", "-"}));
        // Contiguous, invert=True
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"String\": \"-\"}, \"behavior\": \"Contiguous\", \"invert\": true}", "-a-b--c-"), list({"-", "a", "-", "b", "--", "c", "-"}));
        // empty matches (onig find_iter skips the one right after a match)
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"Regex\": \"x*\"}, \"behavior\": \"MergedWithNext\", \"invert\": false}", "axxbc"), list({"a", "xxb", "c"}));
        // empty String pattern splits between every char
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"String\": \"\"}, \"behavior\": \"Removed\", \"invert\": false}", "abc"), list({"a", "b", "c"}));
        // Unicode 15/16 letters (CJK ext. H, Garay) are \p{L} as in Oniguruma
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"Regex\": \"\\\\p{L}+\"}, \"behavior\": \"Isolated\", \"invert\": false}", "a\360\261\215\220\360\220\265\220b1\360\256\257\260"), list({"a\360\261\215\220\360\220\265\220b", "1", "\360\256\257\260"}));
        // nested class is a union (BLOOM)
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"Regex\": \" ?[^(\\\\s|[.,!?\342\200\246\343\200\202\357\274\214\343\200\201\340\245\244\333\224\330\214])]+\"}, \"behavior\": \"Isolated\", \"invert\": false}", "Hello, world\343\200\202 \344\275\240\345\245\275!x"), list({"Hello", ",", " world", "\343\200\202", " \344\275\240\345\245\275", "!", "x"}));
        // Oniguruma \w outside a class has U+00B2, inside it does not
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"Regex\": \"\\\\w+|[^\\\\w\\\\s]+\"}, \"behavior\": \"Isolated\", \"invert\": false}", "a\302\262 (\302\275"), list({"a\302\262", " ", "(\302\275"}));
        QCOMPARE(pre("{\"type\": \"Split\", \"pattern\": {\"Regex\": \"[\\\\w]+\"}, \"behavior\": \"Isolated\", \"invert\": false}", "a\302\262 (\302\275"), list({"a", "\302\262 (\302\275"}));
    }

    void metaspaceAndOthers()
    {
        // Metaspace always
        QCOMPARE(pre("{\"type\": \"Metaspace\", \"replacement\": \"\342\226\201\", \"prepend_scheme\": \"always\", \"split\": true}", " a  b"), list({"\342\226\201a", "\342\226\201", "\342\226\201b"}));
        // Metaspace always, text without leading space
        QCOMPARE(pre("{\"type\": \"Metaspace\", \"replacement\": \"\342\226\201\", \"prepend_scheme\": \"always\", \"split\": true}", "Hey  friend!"), list({"\342\226\201Hey", "\342\226\201", "\342\226\201friend!"}));
        // Metaspace never
        QCOMPARE(pre("{\"type\": \"Metaspace\", \"replacement\": \"\342\226\201\", \"prepend_scheme\": \"never\", \"split\": true}", "a b"), list({"a", "\342\226\201b"}));
        // Metaspace first, no split
        QCOMPARE(pre("{\"type\": \"Metaspace\", \"replacement\": \"\342\226\201\", \"prepend_scheme\": \"first\", \"split\": false}", "a b"), list({"\342\226\201a\342\226\201b"}));
        // legacy add_prefix_space
        QCOMPARE(pre("{\"type\": \"Metaspace\", \"replacement\": \"_\", \"add_prefix_space\": true}", "a b"), list({"_a", "_b"}));
        // Digits individual
        QCOMPARE(pre("{\"type\": \"Digits\", \"individual_digits\": true}", "a123b\331\243\302\275"), list({"a", "1", "2", "3", "b", "\331\243", "\302\275"}));
        // Digits contiguous
        QCOMPARE(pre("{\"type\": \"Digits\", \"individual_digits\": false}", "a123b\331\243\302\275"), list({"a", "123", "b", "\331\243\302\275"}));
        // Whitespace (Rust regex \w: U+00B2 is not a word char there)
        QCOMPARE(pre("{\"type\": \"Whitespace\"}", "Hello, world! a\302\262b \302\275\343\200\200x\342\200\215y"), list({"Hello", ",", "world", "!", "a", "\302\262", "b", "\302\275", "x\342\200\215y"}));
        // WhitespaceSplit
        QCOMPARE(pre("{\"type\": \"WhitespaceSplit\"}", " a\tb\343\200\200c\341\240\216d "), list({"a", "b", "c\341\240\216d"}));
        // Punctuation
        QCOMPARE(pre("{\"type\": \"Punctuation\", \"behavior\": \"Isolated\"}", "a,b!!c\343\200\202\341\231\255"), list({"a", ",", "b", "!", "!", "c", "\343\200\202", "\341\231\255"}));
        // Punctuation contiguous
        QCOMPARE(pre("{\"type\": \"Punctuation\", \"behavior\": \"Contiguous\"}", "a,b!!c"), list({"a", ",", "b", "!!", "c"}));
        // BertPreTokenizer
        QCOMPARE(pre("{\"type\": \"BertPreTokenizer\"}", "Hello, how are  you?"), list({"Hello", ",", "how", "are", "you", "?"}));
        // CharDelimiterSplit
        QCOMPARE(pre("{\"type\": \"CharDelimiterSplit\", \"delimiter\": \"x\"}", "axbxxc"), list({"a", "b", "c"}));
        // Sequence: Split then ByteLevel without regex (Llama 3)
        QCOMPARE(pre("{\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Split\", \"pattern\": {\"Regex\": \"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\\\r\\\\n\\\\p{L}\\\\p{N}]?\\\\p{L}+|\\\\p{N}{1,3}| ?[^\\\\s\\\\p{L}\\\\p{N}]+[\\\\r\\\\n]*|\\\\s*[\\\\r\\\\n]+|\\\\s+(?!\\\\S)|\\\\s+\"}, \"behavior\": \"Isolated\", \"invert\": false}, {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, \"use_regex\": false}]}", "Hello world's 2024!"), list({"Hello", "\304\240world", "'s", "\304\240", "202", "4", "!"}));
        // Sequence: Digits then ByteLevel with prefix (prefix space per word)
        QCOMPARE(pre("{\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Digits\", \"individual_digits\": true}, {\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, \"use_regex\": true}]}", "ab12 c"), list({"\304\240ab", "\304\2401", "\304\2402", "\304\240c"}));
        // Sequence: Metaspace first only for a word at offset 0
        QCOMPARE(pre("{\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Split\", \"pattern\": {\"String\": \" \"}, \"behavior\": \"Removed\", \"invert\": false}, {\"type\": \"Metaspace\", \"replacement\": \"\342\226\201\", \"prepend_scheme\": \"first\", \"split\": true}]}", " a b"), list({"a", "b"}));
        QCOMPARE(pre("{\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Split\", \"pattern\": {\"String\": \" \"}, \"behavior\": \"Isolated\", \"invert\": false}, {\"type\": \"Metaspace\", \"replacement\": \"\342\226\201\", \"prepend_scheme\": \"first\", \"split\": true}]}", "a b"), list({"\342\226\201a", "\342\226\201", "b"}));
    }

    void normalizers()
    {
        // NFC
        QCOMPARE(norm("{\"type\": \"NFC\"}", "e\314\201 \341\272\233\314\243 \342\204\253"), str("\303\251 \341\272\233\314\243 \303\205"));
        // NFD
        QCOMPARE(norm("{\"type\": \"NFD\"}", "\303\251 \341\272\233\314\243"), str("e\314\201 \305\277\314\243\314\207"));
        // NFKC
        QCOMPARE(norm("{\"type\": \"NFKC\"}", "\357\254\201 \342\221\240 \341\272\233\314\243 \343\216\222"), str("fi 1 \341\271\251 MHz"));
        // NFKD
        QCOMPARE(norm("{\"type\": \"NFKD\"}", "\357\254\201 \342\221\240 \303\251"), str("fi 1 e\314\201"));
        // characters newer than the reference's normalization data stay as they are
        QCOMPARE(norm("{\"type\": \"NFC\"}", "\360\221\244\265\360\221\244\260 \360\221\244\270"), str("\360\221\244\265\360\221\244\260 \360\221\244\270"));
        QCOMPARE(norm("{\"type\": \"NFKC\"}", "\343\213\277 \352\237\262"), str("\343\213\277 \352\237\262"));
        QCOMPARE(norm("{\"type\": \"NFD\"}", "a\314\201\340\242\230"), str("a\314\201\340\242\230"));
        // Lowercase: U+0130 -> i + U+0307, no final-sigma rule, Unicode 16 mappings
        QCOMPARE(norm("{\"type\": \"Lowercase\"}", "\304\260STANBUL \316\243\316\221\316\243 \341\272\236 \342\204\252 \352\237\213 \360\220\265\220"), str("i\314\207stanbul \317\203\316\261\317\203 \303\237 k \311\244 \360\220\265\260"));
        // Strip both
        QCOMPARE(norm("{\"type\": \"Strip\", \"strip_left\": true, \"strip_right\": true}", " \t\343\200\200a b\302\205 \341\240\216"), str("a b\302\205 \341\240\216"));
        // Strip right
        QCOMPARE(norm("{\"type\": \"Strip\", \"strip_left\": false, \"strip_right\": true}", "  a  "), str("  a"));
        // StripAccents removes marks the reference knows
        QCOMPARE(norm("{\"type\": \"StripAccents\"}", "e\314\201a\314\210\322\210\340\242\230 \341\263\262"), str("ea\340\242\230 "));
        // Replace String
        QCOMPARE(norm("{\"type\": \"Replace\", \"pattern\": {\"String\": \" \"}, \"content\": \"\342\226\201\"}", "a b  c"), str("a\342\226\201b\342\226\201\342\226\201c"));
        // Replace Regex
        QCOMPARE(norm("{\"type\": \"Replace\", \"pattern\": {\"Regex\": \" {2,}\"}, \"content\": \" \"}", "a    b  c d"), str("a b c d"));
        // Replace empty matches
        QCOMPARE(norm("{\"type\": \"Replace\", \"pattern\": {\"Regex\": \"x*\"}, \"content\": \"-\"}", "axxbc"), str("-a-b-c-"));
        // Replace on empty text
        QCOMPARE(norm("{\"type\": \"Replace\", \"pattern\": {\"Regex\": \"x*\"}, \"content\": \"-\"}", ""), str(""));
        // Prepend on empty text does nothing
        QCOMPARE(norm("{\"type\": \"Prepend\", \"prepend\": \"\342\226\201\"}", ""), str(""));
        // Sequence (legacy Llama 2)
        QCOMPARE(norm("{\"type\": \"Sequence\", \"normalizers\": [{\"type\": \"Prepend\", \"prepend\": \"\342\226\201\"}, {\"type\": \"Replace\", \"pattern\": {\"String\": \" \"}, \"content\": \"\342\226\201\"}]}", "Hello world"), str("\342\226\201Hello\342\226\201world"));
        // Sequence NFD + StripAccents + Lowercase
        QCOMPARE(norm("{\"type\": \"Sequence\", \"normalizers\": [{\"type\": \"NFD\"}, {\"type\": \"StripAccents\"}, {\"type\": \"Lowercase\"}]}", "H\303\251LL\303\222 \303\234"), str("hello u"));
    }

    void decoders()
    {
        // ByteLevel
        QCOMPARE(dec("{\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, \"use_regex\": true}", {"Hello", "\304\240wor", "ld"}), str("Hello world"));
        // ByteLevel: lossy over the concatenation (a split character joins)
        QCOMPARE(dec("{\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, \"use_regex\": true}", {"\303\242\304\242", "\302\242", " x"}), str("\342\200\242 x"));
        // ByteLevel: incomplete sequence gives one U+FFFD, token outside the alphabet kept
        QCOMPARE(dec("{\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, \"use_regex\": true}", {"\303\242\304\242", "x", "\344\270\255", "\303\260\305\201\304\272"}), str("\357\277\275x\344\270\255\357\277\275"));
        // ByteFallback: a valid run
        QCOMPARE(dec("{\"type\": \"ByteFallback\"}", {"<0x61>", "<0xE2>", "<0x96>", "<0x81>", "b"}), str("a\342\226\201b"));
        // ByteFallback: an invalid run gives one U+FFFD per byte
        QCOMPARE(dec("{\"type\": \"ByteFallback\"}", {"<0xE2>", "<0x96>", "x", "<0x81>", "<0xC3>", "<0xA9>", "<0xC3>"}), str("\357\277\275\357\277\275x\357\277\275\357\277\275\357\277\275\357\277\275"));
        // ByteFallback: token forms
        QCOMPARE(dec("{\"type\": \"ByteFallback\"}", {"<0x6>", "<0x0a>", "<0XAA>", "<0x+A>"}), str("<0x6>\n<0XAA>\n"));
        // Metaspace always: every replacement in the first token is dropped
        QCOMPARE(dec("{\"type\": \"Metaspace\", \"replacement\": \"\342\226\201\", \"prepend_scheme\": \"always\", \"split\": true}", {"\342\226\201\342\226\201a\342\226\201b", "\342\226\201c"}), str("ab c"));
        // Metaspace never
        QCOMPARE(dec("{\"type\": \"Metaspace\", \"replacement\": \"\342\226\201\", \"prepend_scheme\": \"never\", \"split\": true}", {"\342\226\201\342\226\201a\342\226\201b", "\342\226\201c"}), str("  a b c"));
        // Legacy Llama 2 chain
        QCOMPARE(dec("{\"type\": \"Sequence\", \"decoders\": [{\"type\": \"Replace\", \"pattern\": {\"String\": \"\342\226\201\"}, \"content\": \" \"}, {\"type\": \"ByteFallback\"}, {\"type\": \"Fuse\"}, {\"type\": \"Strip\", \"content\": \" \", \"start\": 1, \"stop\": 0}]}", {"\342\226\201Hello", "\342\226\201w", "<0xC3>", "<0xA9>", "<0xFF>"}), str("Hello w\357\277\275\357\277\275\357\277\275"));
        // WordPiece cleanup
        QCOMPARE(dec("{\"type\": \"WordPiece\", \"prefix\": \"##\", \"cleanup\": true}", {"I", "do", "n't", "like", "tok", "##ens", ".", " ,"}), str("I don't like tokens. ,"));
        // BPEDecoder
        QCOMPARE(dec("{\"type\": \"BPEDecoder\", \"suffix\": \"</w>\"}", {"hel", "lo</w>", "wor", "ld</w>"}), str("hello world"));
        // CTC
        QCOMPARE(dec("{\"type\": \"CTC\", \"pad_token\": \"<pad>\", \"word_delimiter_token\": \"|\", \"cleanup\": true}", {"<pad>", "h", "e", "e", "l", "l", "<pad>", "l", "o", "|", "w", "o"}), str("hello wo"));
        // Strip
        QCOMPARE(dec("{\"type\": \"Strip\", \"content\": \"a\", \"start\": 2, \"stop\": 1}", {"aaba", "ba"}), str("bb"));
        QCOMPARE(str(utf8Lossy(std::string_view("a\342\226b", 4))), str("a\357\277\275b"));
        QCOMPARE(str(utf8Lossy(std::string_view("\377\376", 2))), str("\357\277\275\357\277\275"));
        QCOMPARE(str(utf8Lossy(std::string_view("\360\237\230", 3))), str("\357\277\275"));
        QCOMPARE(str(utf8Lossy(std::string_view("\355\240\200", 3))), str("\357\277\275\357\277\275\357\277\275"));
        QCOMPARE(str(utf8Lossy(std::string_view("\340\200\200", 3))), str("\357\277\275\357\277\275\357\277\275"));
        QCOMPARE(str(utf8Lossy(std::string_view("\364\220\200\200", 4))), str("\357\277\275\357\277\275\357\277\275\357\277\275"));
        QCOMPARE(str(utf8Lossy(std::string_view("\303\251\303", 3))), str("\303\251\357\277\275"));
        QCOMPARE(str(utf8Lossy(std::string_view("\360\237\230\200x", 5))), str("\360\237\230\200x"));
    }

    void byteLevelRaw()
    {
        // With allowByteLevelRaw the last ByteLevel splits as the reference does but leaves the
        // bytes unmapped: the mapped words (from tokenizers 0.23.3) decode to exactly these.
        const char* spec = "{\"type\": \"Sequence\", \"pretokenizers\": [\n"
            "            {\"type\": \"Digits\", \"individual_digits\": true},\n"
            "            {\"type\": \"ByteLevel\", \"add_prefix_space\": true, \"trim_offsets\": true, \"use_regex\": true}]}";
        // pre_tokenize_str("ab12 c\u00e9") in tokenizers 0.23.3:
        const std::vector<std::string> mapped = {"\304\240ab", "\304\2401", "\304\2402", "\304\240c\303\203\302\251"};
        bool used = false;
        const auto p = makePreTokenizer(nlohmann::json::parse(spec), kOrigin, true, &used);
        QVERIFY(used);
        Words w;
        p->split("ab12 c\303\251", true, w);
        QCOMPARE(w.size(), mapped.size());
        for (size_t i = 0; i < mapped.size(); ++i) {
            std::string bytes;
            QVERIFY(byteLevelDecode(mapped[i], bytes));
            QCOMPARE(str(std::string(w[i])), str(bytes));
        }
        // Not the last stage: no raw mode.
        used = true;
        makePreTokenizer(nlohmann::json::parse("{\"type\": \"Sequence\", \"pretokenizers\": [\n"
            "            {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, \"use_regex\": true},\n"
            "            {\"type\": \"Digits\", \"individual_digits\": true}]}"), kOrigin, true, &used);
        QVERIFY(!used);
        used = false;
        makePreTokenizer(nlohmann::json::parse("{\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true}"),
                         kOrigin, true, &used);
        QVERIFY(used);
        QVERIFY(makePreTokenizer(nullptr, kOrigin, true, &used) == nullptr);
        QVERIFY(!used);
    }

    void metaspaceFirstAwayFromTextStart()
    {
        // tokenizers 0.23.3, WordLevel + added token "X", Metaspace first: encode("Xa b").tokens
        // is ["X", "a", "\u2581b"]: the piece after X does not start at offset 0.
        const char* spec = "{\"type\": \"Metaspace\", \"replacement\": \"\\u2581\", \"prepend_scheme\": \"first\", \"split\": true}";
        QCOMPARE(pre(spec, "a b", false), list({"a", "\342\226\201b"}));
        QCOMPARE(pre(spec, "a b", true), list({"\342\226\201a", "\342\226\201b"}));
    }

    void errors()
    {
        ErrorKind kind{};
        QString e = errorOf([] { makePreTokenizer(nlohmann::json::parse("{\"type\": \"UnicodeScripts\"}"), kOrigin, false, nullptr); }, &kind);
        QVERIFY2(e.contains("unsupported pre-tokenizer type \"UnicodeScripts\""), qPrintable(e));
        QVERIFY(kind == ErrorKind::Unsupported);
        e = errorOf([] { makeNormalizer(nlohmann::json::parse("{\"type\": \"Precompiled\", \"precompiled_charsmap\": \"\"}"), kOrigin); }, &kind);
        QVERIFY2(e.contains("unsupported normalizer type \"Precompiled\""), qPrintable(e));
        QVERIFY(kind == ErrorKind::Unsupported);
        e = errorOf([] { makeDecoder(nlohmann::json::parse("{\"type\": \"Nope\"}"), kOrigin); }, &kind);
        QVERIFY2(e.contains("unsupported decoder type \"Nope\""), qPrintable(e));
        // Malformed: missing and wrong-typed fields are named.
        e = errorOf([] { makePreTokenizer(nlohmann::json::parse("{\"type\": \"ByteLevel\", \"add_prefix_space\": true}"), kOrigin, false, nullptr); }, &kind);
        QVERIFY2(e.contains("component.trim_offsets") && e.contains("missing field"), qPrintable(e));
        QVERIFY(kind == ErrorKind::InvalidInput);
        e = errorOf([] { makeNormalizer(nlohmann::json::parse("{\"type\": \"Strip\", \"strip_left\": \"yes\", \"strip_right\": true}"), kOrigin); });
        QVERIFY2(e.contains("component.strip_left") && e.contains("boolean"), qPrintable(e));
        e = errorOf([] { makePreTokenizer(nlohmann::json::parse("{\"type\": \"Split\", \"pattern\": {\"Regex\": \"a\"}, \"behavior\": \"isolated\", \"invert\": false}"), kOrigin, false, nullptr); });
        QVERIFY2(e.contains("component.behavior") && e.contains("`isolated`"), qPrintable(e));
        e = errorOf([] { makePreTokenizer(nlohmann::json::parse("{\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Metaspace\", \"replacement\": \"ab\"}]}"), kOrigin, false, nullptr); });
        QVERIFY2(e.contains("component.pretokenizers[0].replacement"), qPrintable(e));
        e = errorOf([] { makePreTokenizer(nlohmann::json::parse("{\"type\": \"Metaspace\", \"replacement\": \"_\", \"add_prefix_space\": false, \"prepend_scheme\": \"always\"}"), kOrigin, false, nullptr); });
        QVERIFY2(e.contains("add_prefix_space does not match"), qPrintable(e));
        e = errorOf([] { makePreTokenizer(nlohmann::json::parse("{\"type\": \"Split\", \"pattern\": {\"Regex\": \"(a\"}, \"behavior\": \"Isolated\", \"invert\": false}"), kOrigin, false, nullptr); }, &kind);
        QVERIFY2(e.contains("component.pattern.Regex"), qPrintable(e));
        QVERIFY(kind == ErrorKind::InvalidInput);
        e = errorOf([] { makePreTokenizer(nlohmann::json::parse("{\"type\": \"Split\", \"pattern\": {\"Regex\": \"\\\\bx\"}, \"behavior\": \"Isolated\", \"invert\": false}"), kOrigin, false, nullptr); }, &kind);
        QVERIFY2(e.contains("\\b") && kind == ErrorKind::Unsupported, qPrintable(e));
        e = errorOf([] { makeDecoder(nlohmann::json::parse("{\"type\": \"Sequence\"}"), kOrigin); });
        QVERIFY2(e.contains("component.decoders") && e.contains("missing field"), qPrintable(e));
        e = errorOf([] { makeNormalizer(nlohmann::json::parse("{\"strip_left\": true}"), kOrigin); });
        QVERIFY2(e.contains("component.type"), qPrintable(e));
        // The reference panics on this Strip (start past the end): an error here, not a crash.
        e = errorOf([] { dec("{\"type\": \"Strip\", \"content\": \" \", \"start\": 1, \"stop\": 1}", {" "}); });
        QVERIFY2(e.contains("Strip"), qPrintable(e));
    }

    void concurrentUse()
    {
        // One immutable stage, many threads (per-thread PCRE2 match data and scratch).
        const auto p = makePreTokenizer(nlohmann::json::parse(
            "{\"type\": \"Split\", \"pattern\": {\"Regex\": \"\\\\s+(?!\\\\S)|\\\\s+|\\\\p{L}+|\\\\p{N}\"}, \"behavior\": \"Isolated\", \"invert\": false}"),
            kOrigin, false, nullptr);
        std::atomic<int> bad{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 2000; ++i) {
                    Words w;
                    p->split("ab  12 c", true, w);
                    if (words(w) != QStringList({"ab", " ", " ", "1", "2", " ", "c"})) ++bad;
                }
            });
        }
        for (auto& t : threads) t.join();
        QCOMPARE(bad.load(), 0);
    }
};

QTEST_APPLESS_MAIN(TestTokenizerComponents)
#include "test_tokenizer_components.moc"
