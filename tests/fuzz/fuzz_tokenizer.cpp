// libFuzzer target for the tokenizer: the tokenizer.json loader (arbitrary documents) and the
// encoder (arbitrary text through fixed tokenizers). Either may reject input with
// lathe::Error; any other exception, a crash or a sanitizer report is a bug. Checked on top:
// a byte-level tokenizer decodes its own encoding back to the text, and streaming decoding
// always equals one-shot decoding.
#include "core/error.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

[[noreturn]] void bug(const char* what, std::string_view detail = {})
{
    std::fprintf(stderr, "fuzz_tokenizer: %s %.*s\n", what, int(detail.size()), detail.data());
    std::abort();
}

std::string utf8(char32_t cp)
{
    std::string out;
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
    return out;
}

// GPT-2 style: every byte in the vocabulary, a few merges, two added tokens.
lathe::tok::Tokenizer byteLevelTokenizer()
{
    nlohmann::json vocab = nlohmann::json::object();
    std::vector<std::string> alphabet;
    for (int b = 0; b < 256; ++b) {
        alphabet.push_back(utf8(lathe::tok::byteToUnicode(uint8_t(b))));
        vocab[alphabet.back()] = b;
    }
    nlohmann::json merges = nlohmann::json::array();
    int next = 256;
    for (const char* pair : {"\xC4\xA0 t", "h e", "\xC4\xA0t he", "i n", "e r"}) {
        const std::string s = pair;
        const auto space = s.find(' ');
        const std::string merged = s.substr(0, space) + s.substr(space + 1);
        if (!vocab.contains(merged)) vocab[merged] = next++;
        merges.push_back({s.substr(0, space), s.substr(space + 1)});
    }
    nlohmann::json doc = {
        {"version", "1.0"},
        {"added_tokens",
         {{{"id", next}, {"content", "<|end|>"}, {"special", true}, {"normalized", false}},
          {{"id", next + 1}, {"content", " <tool>"}, {"special", false}, {"normalized", false},
           {"single_word", true}}}},
        {"normalizer", nullptr},
        {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}}},
        {"post_processor", {{"type", "ByteLevel"}, {"trim_offsets", true}}},
        {"decoder", {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true}, {"use_regex", true}}},
        {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}, {"ignore_merges", true}}},
    };
    return lathe::tok::Tokenizer::fromJson(doc, nullptr, "byte-level");
}

// Llama 2 style: Metaspace, byte fallback, an unknown token.
lathe::tok::Tokenizer metaspaceTokenizer()
{
    nlohmann::json vocab = {{"<unk>", 0}, {"<s>", 1}, {"</s>", 2}};
    int next = 3;
    static const char* hex = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b) vocab[std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">"] = next++;
    for (const char* t : {"\xE2\x96\x81", "a", "b", "c", "\xE2\x96\x81" "a", "ab"}) vocab[t] = next++;
    nlohmann::json doc = {
        {"version", "1.0"},
        {"added_tokens", {{{"id", 0}, {"content", "<unk>"}, {"special", true}, {"normalized", false}},
                          {{"id", 1}, {"content", "<s>"}, {"special", true}, {"normalized", false}}}},
        {"normalizer", nullptr},
        {"pre_tokenizer", {{"type", "Metaspace"}, {"replacement", "\xE2\x96\x81"}, {"prepend_scheme", "first"}, {"split", false}}},
        {"post_processor",
         {{"type", "TemplateProcessing"},
          {"single", {{{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}}, {{"Sequence", {{"id", "A"}, {"type_id", 0}}}}}},
          {"pair", nlohmann::json::array()},
          {"special_tokens", {{"<s>", {{"id", "<s>"}, {"ids", {1}}, {"tokens", {"<s>"}}}}}}}},
        {"decoder", {{"type", "Sequence"},
                     {"decoders", {{{"type", "Replace"}, {"pattern", {{"String", "\xE2\x96\x81"}}}, {"content", " "}},
                                   {{"type", "ByteFallback"}},
                                   {{"type", "Fuse"}},
                                   {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}}}}},
        {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", nlohmann::json::array({nlohmann::json::array({"a", "b"}),
                                                     nlohmann::json::array({"\xE2\x96\x81", "a"})})},
                   {"unk_token", "<unk>"}, {"fuse_unk", true}, {"byte_fallback", true}}},
    };
    return lathe::tok::Tokenizer::fromJson(doc, nullptr, "metaspace");
}

void checkDecoding(const lathe::tok::Tokenizer& tokenizer, const std::vector<int32_t>& ids)
{
    for (const bool skip : {false, true}) {
        const std::string whole = tokenizer.decode(ids, skip);
        lathe::tok::StreamDecoder stream(tokenizer, skip);
        std::string joined;
        for (const int32_t id : ids) joined += stream.push(id);
        joined += stream.finish();
        if (joined != whole) bug("streaming decode differs from one-shot decode");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0) return 0;
    static const lathe::tok::Tokenizer byteLevel = byteLevelTokenizer();
    static const lathe::tok::Tokenizer metaspace = metaspaceTokenizer();
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        switch (data[0] % 3) {
        case 0: {
            // The loader on an arbitrary document; whatever loads must encode and decode.
            const auto tokenizer = lathe::tok::Tokenizer::fromJson(rest, "", "fuzz.json");
            for (const char* text : {"Hello, world! 123", " \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x98\x80\n\n",
                                     "<s>x</s> <|end|>"}) {
                checkDecoding(tokenizer, tokenizer.encode(text));
            }
            break;
        }
        case 1: {
            const std::vector<int32_t> ids = byteLevel.encode(rest, data[0] & 4);
            // Byte-level BPE loses nothing: the decoded text is the input.
            if (byteLevel.decode(ids, false) != rest) bug("byte-level round trip lost text");
            checkDecoding(byteLevel, ids);
            break;
        }
        default:
            checkDecoding(metaspace, metaspace.encode(rest, data[0] & 4));
            break;
        }
    } catch (const lathe::Error&) {
        // Rejected input (malformed document, invalid UTF-8 text): fine.
    } catch (const std::bad_alloc&) {
        bug("out of memory");
    } catch (const std::exception& e) {
        bug("unexpected exception:", e.what());
    }
    return 0;
}
