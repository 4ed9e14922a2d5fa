// UTF-8 helpers, Unicode data as tokenizers 0.23.3 sees it, and Oniguruma-compatible regexes
// on PCRE2. The reference mixes Unicode versions (normalization ~10.0 from
// unicode-normalization-alignments, char methods 16.0 from Rust std, regex classes 16.0 from
// Oniguruma 6.9.10); utf8proc 2.8 is 15.0 and PCRE2 10.42 is 14.0. Every table below is the
// difference measured by comparing all 1,112,064 code points against the reference.
#include "tokenizer/unicode_text.h"

#include "core/error.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <nlohmann/json.hpp>
#include <pcre2.h>
#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace lathe::tok {
namespace {

struct CodeRange {
    char32_t first;
    char32_t last;
};

template <size_t N>
bool inRanges(const CodeRange (&table)[N], char32_t cp)
{
    if (cp < table[0].first || cp > table[N - 1].last) return false;
    const auto it = std::upper_bound(std::begin(table), std::end(table), cp,
                                     [](char32_t c, const CodeRange& r) { return c < r.first; });
    return it != std::begin(table) && cp <= (it - 1)->last;
}

// Code points the reference's normalizer does not know (assigned after its Unicode version):
// it leaves them alone, gives them combining class 0 and composes nothing with them, while
// utf8proc decomposes, reorders or composes them. Measured: NFD/NFKD of each code point,
// reordering against a mark of higher class, and the one new primary composite (U+11938).
const CodeRange kNormOpaque[] = {
    {0x7FD, 0x7FD}, {0x898, 0x89F}, {0x8CA, 0x8D3}, {0x9FE, 0x9FE}, {0xC3C, 0xC3C}, {0xD3B, 0xD3C},
    {0xEBA, 0xEBA}, {0x1715, 0x1715}, {0x1ABF, 0x1ACE}, {0x1DF6, 0x1DFA}, {0x32FF, 0x32FF},
    {0xA7F2, 0xA7F4}, {0xA82C, 0xA82C}, {0xAB69, 0xAB69}, {0x10781, 0x10785}, {0x10787, 0x107B0},
    {0x107B2, 0x107BA}, {0x10D24, 0x10D27}, {0x10EAB, 0x10EAC}, {0x10EFD, 0x10EFF}, {0x10F46, 0x10F50},
    {0x10F82, 0x10F85}, {0x11070, 0x11070}, {0x1133B, 0x1133B}, {0x1145E, 0x1145E}, {0x11839, 0x1183A},
    {0x11930, 0x11930}, {0x11935, 0x11935}, {0x11938, 0x11938}, {0x1193D, 0x1193E}, {0x11943, 0x11943},
    {0x119E0, 0x119E0}, {0x11A34, 0x11A34}, {0x11A47, 0x11A47}, {0x11A99, 0x11A99}, {0x11D42, 0x11D42},
    {0x11D44, 0x11D45}, {0x11D97, 0x11D97}, {0x11F41, 0x11F42}, {0x16FF0, 0x16FF1}, {0x1E030, 0x1E06D},
    {0x1E08F, 0x1E08F}, {0x1E130, 0x1E136}, {0x1E2AE, 0x1E2AE}, {0x1E2EC, 0x1E2EF}, {0x1E4EC, 0x1E4EF},
    {0x1F16C, 0x1F16C}, {0x1FBF0, 0x1FBF9},
};

// Rust's to_lowercase (Unicode 16) where utf8proc 2.8's simple mapping (15.0) has none.
struct CaseMap {
    char32_t from;
    char32_t to;
};
const CaseMap kLowerExtra[] = {
    {0x1C89, 0x1C8A}, {0xA7CB, 0x264}, {0xA7CC, 0xA7CD}, {0xA7CE, 0xA7CF}, {0xA7D2, 0xA7D3},
    {0xA7D4, 0xA7D5}, {0xA7DA, 0xA7DB}, {0xA7DC, 0x19B}, {0x10D50, 0x10D70}, {0x10D51, 0x10D71},
    {0x10D52, 0x10D72}, {0x10D53, 0x10D73}, {0x10D54, 0x10D74}, {0x10D55, 0x10D75}, {0x10D56, 0x10D76},
    {0x10D57, 0x10D77}, {0x10D58, 0x10D78}, {0x10D59, 0x10D79}, {0x10D5A, 0x10D7A}, {0x10D5B, 0x10D7B},
    {0x10D5C, 0x10D7C}, {0x10D5D, 0x10D7D}, {0x10D5E, 0x10D7E}, {0x10D5F, 0x10D7F}, {0x10D60, 0x10D80},
    {0x10D61, 0x10D81}, {0x10D62, 0x10D82}, {0x10D63, 0x10D83}, {0x10D64, 0x10D84}, {0x10D65, 0x10D85},
    {0x16EA0, 0x16EBB}, {0x16EA1, 0x16EBC}, {0x16EA2, 0x16EBD}, {0x16EA3, 0x16EBE}, {0x16EA4, 0x16EBF},
    {0x16EA5, 0x16EC0}, {0x16EA6, 0x16EC1}, {0x16EA7, 0x16EC2}, {0x16EA8, 0x16EC3}, {0x16EA9, 0x16EC4},
    {0x16EAA, 0x16EC5}, {0x16EAB, 0x16EC6}, {0x16EAC, 0x16EC7}, {0x16EAD, 0x16EC8}, {0x16EAE, 0x16EC9},
    {0x16EAF, 0x16ECA}, {0x16EB0, 0x16ECB}, {0x16EB1, 0x16ECC}, {0x16EB2, 0x16ECD}, {0x16EB3, 0x16ECE},
    {0x16EB4, 0x16ECF}, {0x16EB5, 0x16ED0}, {0x16EB6, 0x16ED1}, {0x16EB7, 0x16ED2}, {0x16EB8, 0x16ED3},
};

// Marks (M*) in utf8proc that StripAccents keeps: its table predates them.
const CodeRange kMarkNotInReference[] = {
    {0x7FD, 0x7FD}, {0x898, 0x89F}, {0x8CA, 0x8D3}, {0x9FE, 0x9FE}, {0xAFA, 0xAFF}, {0xB55, 0xB55},
    {0xC04, 0xC04}, {0xC3C, 0xC3C}, {0xCF3, 0xCF3}, {0xD00, 0xD00}, {0xD3B, 0xD3C}, {0xD81, 0xD81},
    {0xEBA, 0xEBA}, {0xECE, 0xECE}, {0x1715, 0x1715}, {0x180F, 0x180F}, {0x1ABF, 0x1ACE},
    {0x1CF7, 0x1CF7}, {0x1DF6, 0x1DFA}, {0xA82C, 0xA82C}, {0xA8FF, 0xA8FF}, {0x10D24, 0x10D27},
    {0x10EAB, 0x10EAC}, {0x10EFD, 0x10EFF}, {0x10F46, 0x10F50}, {0x10F82, 0x10F85}, {0x11070, 0x11070},
    {0x11073, 0x11074}, {0x110C2, 0x110C2}, {0x11145, 0x11146}, {0x111C9, 0x111C9}, {0x111CE, 0x111CF},
    {0x11241, 0x11241}, {0x1133B, 0x1133B}, {0x1145E, 0x1145E}, {0x1182C, 0x1183A}, {0x11930, 0x11935},
    {0x11937, 0x11938}, {0x1193B, 0x1193E}, {0x11940, 0x11940}, {0x11942, 0x11943}, {0x119D1, 0x119D7},
    {0x119DA, 0x119E0}, {0x119E4, 0x119E4}, {0x11A01, 0x11A0A}, {0x11A33, 0x11A39}, {0x11A3B, 0x11A3E},
    {0x11A47, 0x11A47}, {0x11A51, 0x11A5B}, {0x11A8A, 0x11A99}, {0x11D31, 0x11D36}, {0x11D3A, 0x11D3A},
    {0x11D3C, 0x11D3D}, {0x11D3F, 0x11D45}, {0x11D47, 0x11D47}, {0x11D8A, 0x11D8E}, {0x11D90, 0x11D91},
    {0x11D93, 0x11D97}, {0x11EF3, 0x11EF6}, {0x11F00, 0x11F01}, {0x11F03, 0x11F03}, {0x11F34, 0x11F3A},
    {0x11F3E, 0x11F42}, {0x13440, 0x13440}, {0x13447, 0x13455}, {0x16F4F, 0x16F4F}, {0x16F7F, 0x16F87},
    {0x16FE4, 0x16FE4}, {0x16FF0, 0x16FF1}, {0x1CF00, 0x1CF2D}, {0x1CF30, 0x1CF46}, {0x1E08F, 0x1E08F},
    {0x1E130, 0x1E136}, {0x1E2AE, 0x1E2AE}, {0x1E2EC, 0x1E2EF}, {0x1E4EC, 0x1E4EF},
};

// Punctuation (P*) in utf8proc that tokenizers' is_punctuation (unicode_categories, an old
// Unicode) does not know; it still counts U+166D and U+111C9, since recategorized.
const CodeRange kPunctNotInReference[] = {
    {0x61D, 0x61D}, {0x9FD, 0x9FD}, {0xA76, 0xA76}, {0xC77, 0xC77}, {0xC84, 0xC84}, {0x1B7D, 0x1B7E},
    {0x2E43, 0x2E4F}, {0x2E52, 0x2E5D}, {0x10EAD, 0x10EAD}, {0x10F55, 0x10F59}, {0x10F86, 0x10F89},
    {0x1144B, 0x1144F}, {0x1145A, 0x1145B}, {0x1145D, 0x1145D}, {0x11660, 0x1166C}, {0x116B9, 0x116B9},
    {0x1183B, 0x1183B}, {0x11944, 0x11946}, {0x119E2, 0x119E2}, {0x11A3F, 0x11A46}, {0x11A9A, 0x11A9C},
    {0x11A9E, 0x11AA2}, {0x11B00, 0x11B09}, {0x11C41, 0x11C45}, {0x11C70, 0x11C71}, {0x11EF7, 0x11EF8},
    {0x11F43, 0x11F4F}, {0x11FFF, 0x11FFF}, {0x12FF1, 0x12FF2}, {0x16E97, 0x16E9A}, {0x16FE2, 0x16FE2},
    {0x1E95E, 0x1E95F},
};

// Rust's char::is_numeric (Unicode 16) beyond utf8proc's N* (15.0).
const CodeRange kNumericExtra[] = {
    {0x10D40, 0x10D49}, {0x116D0, 0x116E3}, {0x11BF0, 0x11BF9}, {0x11DE0, 0x11DE9}, {0x16130, 0x16139},
    {0x16D70, 0x16D79}, {0x16FF4, 0x16FF6}, {0x1CCF0, 0x1CCF9}, {0x1E5F1, 0x1E5FA},
};

// Oniguruma's classes (Unicode 16) as PCRE2 10.42 (Unicode 14) class items: PCRE2's own
// property plus the code points it lacks. Where PCRE2 has code points Oniguruma lacks
// (\s has U+180E; \w is Letter|Mark|Nd|Pc plus more in Oniguruma but Letter|Number|_ in
// PCRE2; Mn has U+1171E, now Mc) the class is spelled out in full. `native` means the body is
// exactly one PCRE2 property, so its negation can be written inside a class. Oniguruma's
// \w outside a class has six Latin-1 code points (U+00B2 U+00B3 U+00B9 U+00BC-U+00BE) that
// its \w inside a class lacks: "[\w]" is the inside one.
struct ClassBody {
    const char* name;
    bool native;
    const char* body;
};
// What Oniguruma's \w holds beyond \p{L}\p{M}\p{Nd}\p{Pc} both outside and inside a class
// (newer Unicode letters and marks, letter-like numbers, circled letters).
#define LATHE_ONIG_WORD_COMMON \
    "\\x{897}\\x{CF3}\\x{ECE}" \
    "\\x{16EE}-\\x{16F0}\\x{1C89}-\\x{1C8A}\\x{2160}-\\x{2182}\\x{2185}-\\x{2188}\\x{24B6}-\\x{24E9}" \
    "\\x{3007}\\x{3021}-\\x{3029}\\x{3038}-\\x{303A}\\x{A6E6}-\\x{A6EF}\\x{A7CB}-\\x{A7CD}\\x{A7DA}-" \
    "\\x{A7DC}\\x{10140}-\\x{10174}\\x{10341}\\x{1034A}\\x{103D1}-\\x{103D5}\\x{105C0}-\\x{105F3}" \
    "\\x{10D40}-\\x{10D65}\\x{10D69}-\\x{10D6D}\\x{10D6F}-\\x{10D85}\\x{10EC2}-\\x{10EC4}\\x{10EFC}-" \
    "\\x{10EFF}\\x{1123F}-\\x{11241}\\x{11380}-\\x{11389}\\x{1138B}\\x{1138E}\\x{11390}-\\x{113B5}" \
    "\\x{113B7}-\\x{113C0}\\x{113C2}\\x{113C5}\\x{113C7}-\\x{113CA}\\x{113CC}-\\x{113D3}\\x{113E1}-" \
    "\\x{113E2}\\x{116D0}-\\x{116E3}\\x{11BC0}-\\x{11BE0}\\x{11BF0}-\\x{11BF9}\\x{11F00}-\\x{11F10}" \
    "\\x{11F12}-\\x{11F3A}\\x{11F3E}-\\x{11F42}\\x{11F50}-\\x{11F5A}\\x{12400}-\\x{1246E}\\x{1342F}" \
    "\\x{13440}-\\x{13455}\\x{13460}-\\x{143FA}\\x{16100}-\\x{16139}\\x{16D40}-\\x{16D6C}\\x{16D70}-" \
    "\\x{16D79}\\x{18CFF}\\x{1B132}\\x{1B155}\\x{1CCF0}-\\x{1CCF9}\\x{1DF25}-\\x{1DF2A}\\x{1E030}-" \
    "\\x{1E06D}\\x{1E08F}\\x{1E4D0}-\\x{1E4F9}\\x{1E5D0}-\\x{1E5FA}\\x{1F130}-\\x{1F149}\\x{1F150}-" \
    "\\x{1F169}\\x{1F170}-\\x{1F189}\\x{2B739}\\x{2EBF0}-\\x{2EE5D}\\x{31350}-\\x{323AF}"

const ClassBody kClassBodies[] = {
    {"L", false,
     "\\p{L}\\x{1C89}-\\x{1C8A}\\x{A7CB}-\\x{A7CD}\\x{A7DA}-\\x{A7DC}\\x{105C0}-\\x{105F3}\\x{10D4A}-"
     "\\x{10D65}\\x{10D6F}-\\x{10D85}\\x{10EC2}-\\x{10EC4}\\x{1123F}-\\x{11240}\\x{11380}-\\x{11389}"
     "\\x{1138B}\\x{1138E}\\x{11390}-\\x{113B5}\\x{113B7}\\x{113D1}\\x{113D3}\\x{11BC0}-\\x{11BE0}"
     "\\x{11F02}\\x{11F04}-\\x{11F10}\\x{11F12}-\\x{11F33}\\x{1342F}\\x{13441}-\\x{13446}\\x{13460}-"
     "\\x{143FA}\\x{16100}-\\x{1611D}\\x{16D40}-\\x{16D6C}\\x{18CFF}\\x{1B132}\\x{1B155}\\x{1DF25}-"
     "\\x{1DF2A}\\x{1E030}-\\x{1E06D}\\x{1E4D0}-\\x{1E4EB}\\x{1E5D0}-\\x{1E5ED}\\x{1E5F0}\\x{2B739}"
     "\\x{2EBF0}-\\x{2EE5D}\\x{31350}-\\x{323AF}"},
    {"Lu", false,
     "\\p{Lu}\\x{1C89}\\x{A7CB}-\\x{A7CC}\\x{A7DA}\\x{A7DC}\\x{10D50}-\\x{10D65}"},
    {"Ll", false,
     "\\p{Ll}\\x{1C8A}\\x{A7CD}\\x{A7DB}\\x{10D70}-\\x{10D85}\\x{1DF25}-\\x{1DF2A}"},
    {"Lt", true,
     "\\p{Lt}"},
    {"Lm", false,
     "\\p{Lm}\\x{10D4E}\\x{10D6F}\\x{16D40}-\\x{16D42}\\x{16D6B}-\\x{16D6C}\\x{1E030}-\\x{1E06D}"
     "\\x{1E4EB}"},
    {"Lo", false,
     "\\p{Lo}\\x{105C0}-\\x{105F3}\\x{10D4A}-\\x{10D4D}\\x{10D4F}\\x{10EC2}-\\x{10EC4}\\x{1123F}-"
     "\\x{11240}\\x{11380}-\\x{11389}\\x{1138B}\\x{1138E}\\x{11390}-\\x{113B5}\\x{113B7}\\x{113D1}"
     "\\x{113D3}\\x{11BC0}-\\x{11BE0}\\x{11F02}\\x{11F04}-\\x{11F10}\\x{11F12}-\\x{11F33}\\x{1342F}"
     "\\x{13441}-\\x{13446}\\x{13460}-\\x{143FA}\\x{16100}-\\x{1611D}\\x{16D43}-\\x{16D6A}\\x{18CFF}"
     "\\x{1B132}\\x{1B155}\\x{1E4D0}-\\x{1E4EA}\\x{1E5D0}-\\x{1E5ED}\\x{1E5F0}\\x{2B739}\\x{2EBF0}-"
     "\\x{2EE5D}\\x{31350}-\\x{323AF}"},
    {"M", false,
     "\\p{M}\\x{897}\\x{CF3}\\x{ECE}\\x{10D69}-\\x{10D6D}\\x{10EFC}-\\x{10EFF}\\x{11241}\\x{113B8}-"
     "\\x{113C0}\\x{113C2}\\x{113C5}\\x{113C7}-\\x{113CA}\\x{113CC}-\\x{113D0}\\x{113D2}\\x{113E1}-"
     "\\x{113E2}\\x{11F00}-\\x{11F01}\\x{11F03}\\x{11F34}-\\x{11F3A}\\x{11F3E}-\\x{11F42}\\x{11F5A}"
     "\\x{13440}\\x{13447}-\\x{13455}\\x{1611E}-\\x{1612F}\\x{1E08F}\\x{1E4EC}-\\x{1E4EF}\\x{1E5EE}-"
     "\\x{1E5EF}"},
    {"Mn", false,
     "\\x{300}-\\x{36F}\\x{483}-\\x{487}\\x{591}-\\x{5BD}\\x{5BF}\\x{5C1}-\\x{5C2}\\x{5C4}-\\x{5C5}"
     "\\x{5C7}\\x{610}-\\x{61A}\\x{64B}-\\x{65F}\\x{670}\\x{6D6}-\\x{6DC}\\x{6DF}-\\x{6E4}\\x{6E7}-"
     "\\x{6E8}\\x{6EA}-\\x{6ED}\\x{711}\\x{730}-\\x{74A}\\x{7A6}-\\x{7B0}\\x{7EB}-\\x{7F3}\\x{7FD}"
     "\\x{816}-\\x{819}\\x{81B}-\\x{823}\\x{825}-\\x{827}\\x{829}-\\x{82D}\\x{859}-\\x{85B}\\x{897}-"
     "\\x{89F}\\x{8CA}-\\x{8E1}\\x{8E3}-\\x{902}\\x{93A}\\x{93C}\\x{941}-\\x{948}\\x{94D}\\x{951}-"
     "\\x{957}\\x{962}-\\x{963}\\x{981}\\x{9BC}\\x{9C1}-\\x{9C4}\\x{9CD}\\x{9E2}-\\x{9E3}\\x{9FE}"
     "\\x{A01}-\\x{A02}\\x{A3C}\\x{A41}-\\x{A42}\\x{A47}-\\x{A48}\\x{A4B}-\\x{A4D}\\x{A51}\\x{A70}-"
     "\\x{A71}\\x{A75}\\x{A81}-\\x{A82}\\x{ABC}\\x{AC1}-\\x{AC5}\\x{AC7}-\\x{AC8}\\x{ACD}\\x{AE2}-"
     "\\x{AE3}\\x{AFA}-\\x{AFF}\\x{B01}\\x{B3C}\\x{B3F}\\x{B41}-\\x{B44}\\x{B4D}\\x{B55}-\\x{B56}"
     "\\x{B62}-\\x{B63}\\x{B82}\\x{BC0}\\x{BCD}\\x{C00}\\x{C04}\\x{C3C}\\x{C3E}-\\x{C40}\\x{C46}-"
     "\\x{C48}\\x{C4A}-\\x{C4D}\\x{C55}-\\x{C56}\\x{C62}-\\x{C63}\\x{C81}\\x{CBC}\\x{CBF}\\x{CC6}"
     "\\x{CCC}-\\x{CCD}\\x{CE2}-\\x{CE3}\\x{D00}-\\x{D01}\\x{D3B}-\\x{D3C}\\x{D41}-\\x{D44}\\x{D4D}"
     "\\x{D62}-\\x{D63}\\x{D81}\\x{DCA}\\x{DD2}-\\x{DD4}\\x{DD6}\\x{E31}\\x{E34}-\\x{E3A}\\x{E47}-"
     "\\x{E4E}\\x{EB1}\\x{EB4}-\\x{EBC}\\x{EC8}-\\x{ECE}\\x{F18}-\\x{F19}\\x{F35}\\x{F37}\\x{F39}"
     "\\x{F71}-\\x{F7E}\\x{F80}-\\x{F84}\\x{F86}-\\x{F87}\\x{F8D}-\\x{F97}\\x{F99}-\\x{FBC}\\x{FC6}"
     "\\x{102D}-\\x{1030}\\x{1032}-\\x{1037}\\x{1039}-\\x{103A}\\x{103D}-\\x{103E}\\x{1058}-\\x{1059}"
     "\\x{105E}-\\x{1060}\\x{1071}-\\x{1074}\\x{1082}\\x{1085}-\\x{1086}\\x{108D}\\x{109D}\\x{135D}-"
     "\\x{135F}\\x{1712}-\\x{1714}\\x{1732}-\\x{1733}\\x{1752}-\\x{1753}\\x{1772}-\\x{1773}\\x{17B4}-"
     "\\x{17B5}\\x{17B7}-\\x{17BD}\\x{17C6}\\x{17C9}-\\x{17D3}\\x{17DD}\\x{180B}-\\x{180D}\\x{180F}"
     "\\x{1885}-\\x{1886}\\x{18A9}\\x{1920}-\\x{1922}\\x{1927}-\\x{1928}\\x{1932}\\x{1939}-\\x{193B}"
     "\\x{1A17}-\\x{1A18}\\x{1A1B}\\x{1A56}\\x{1A58}-\\x{1A5E}\\x{1A60}\\x{1A62}\\x{1A65}-\\x{1A6C}"
     "\\x{1A73}-\\x{1A7C}\\x{1A7F}\\x{1AB0}-\\x{1ABD}\\x{1ABF}-\\x{1ACE}\\x{1B00}-\\x{1B03}\\x{1B34}"
     "\\x{1B36}-\\x{1B3A}\\x{1B3C}\\x{1B42}\\x{1B6B}-\\x{1B73}\\x{1B80}-\\x{1B81}\\x{1BA2}-\\x{1BA5}"
     "\\x{1BA8}-\\x{1BA9}\\x{1BAB}-\\x{1BAD}\\x{1BE6}\\x{1BE8}-\\x{1BE9}\\x{1BED}\\x{1BEF}-\\x{1BF1}"
     "\\x{1C2C}-\\x{1C33}\\x{1C36}-\\x{1C37}\\x{1CD0}-\\x{1CD2}\\x{1CD4}-\\x{1CE0}\\x{1CE2}-\\x{1CE8}"
     "\\x{1CED}\\x{1CF4}\\x{1CF8}-\\x{1CF9}\\x{1DC0}-\\x{1DFF}\\x{20D0}-\\x{20DC}\\x{20E1}\\x{20E5}-"
     "\\x{20F0}\\x{2CEF}-\\x{2CF1}\\x{2D7F}\\x{2DE0}-\\x{2DFF}\\x{302A}-\\x{302D}\\x{3099}-\\x{309A}"
     "\\x{A66F}\\x{A674}-\\x{A67D}\\x{A69E}-\\x{A69F}\\x{A6F0}-\\x{A6F1}\\x{A802}\\x{A806}\\x{A80B}"
     "\\x{A825}-\\x{A826}\\x{A82C}\\x{A8C4}-\\x{A8C5}\\x{A8E0}-\\x{A8F1}\\x{A8FF}\\x{A926}-\\x{A92D}"
     "\\x{A947}-\\x{A951}\\x{A980}-\\x{A982}\\x{A9B3}\\x{A9B6}-\\x{A9B9}\\x{A9BC}-\\x{A9BD}\\x{A9E5}"
     "\\x{AA29}-\\x{AA2E}\\x{AA31}-\\x{AA32}\\x{AA35}-\\x{AA36}\\x{AA43}\\x{AA4C}\\x{AA7C}\\x{AAB0}"
     "\\x{AAB2}-\\x{AAB4}\\x{AAB7}-\\x{AAB8}\\x{AABE}-\\x{AABF}\\x{AAC1}\\x{AAEC}-\\x{AAED}\\x{AAF6}"
     "\\x{ABE5}\\x{ABE8}\\x{ABED}\\x{FB1E}\\x{FE00}-\\x{FE0F}\\x{FE20}-\\x{FE2F}\\x{101FD}\\x{102E0}"
     "\\x{10376}-\\x{1037A}\\x{10A01}-\\x{10A03}\\x{10A05}-\\x{10A06}\\x{10A0C}-\\x{10A0F}\\x{10A38}-"
     "\\x{10A3A}\\x{10A3F}\\x{10AE5}-\\x{10AE6}\\x{10D24}-\\x{10D27}\\x{10D69}-\\x{10D6D}\\x{10EAB}-"
     "\\x{10EAC}\\x{10EFC}-\\x{10EFF}\\x{10F46}-\\x{10F50}\\x{10F82}-\\x{10F85}\\x{11001}\\x{11038}-"
     "\\x{11046}\\x{11070}\\x{11073}-\\x{11074}\\x{1107F}-\\x{11081}\\x{110B3}-\\x{110B6}\\x{110B9}-"
     "\\x{110BA}\\x{110C2}\\x{11100}-\\x{11102}\\x{11127}-\\x{1112B}\\x{1112D}-\\x{11134}\\x{11173}"
     "\\x{11180}-\\x{11181}\\x{111B6}-\\x{111BE}\\x{111C9}-\\x{111CC}\\x{111CF}\\x{1122F}-\\x{11231}"
     "\\x{11234}\\x{11236}-\\x{11237}\\x{1123E}\\x{11241}\\x{112DF}\\x{112E3}-\\x{112EA}\\x{11300}-"
     "\\x{11301}\\x{1133B}-\\x{1133C}\\x{11340}\\x{11366}-\\x{1136C}\\x{11370}-\\x{11374}\\x{113BB}-"
     "\\x{113C0}\\x{113CE}\\x{113D0}\\x{113D2}\\x{113E1}-\\x{113E2}\\x{11438}-\\x{1143F}\\x{11442}-"
     "\\x{11444}\\x{11446}\\x{1145E}\\x{114B3}-\\x{114B8}\\x{114BA}\\x{114BF}-\\x{114C0}\\x{114C2}-"
     "\\x{114C3}\\x{115B2}-\\x{115B5}\\x{115BC}-\\x{115BD}\\x{115BF}-\\x{115C0}\\x{115DC}-\\x{115DD}"
     "\\x{11633}-\\x{1163A}\\x{1163D}\\x{1163F}-\\x{11640}\\x{116AB}\\x{116AD}\\x{116B0}-\\x{116B5}"
     "\\x{116B7}\\x{1171D}\\x{1171F}\\x{11722}-\\x{11725}\\x{11727}-\\x{1172B}\\x{1182F}-\\x{11837}"
     "\\x{11839}-\\x{1183A}\\x{1193B}-\\x{1193C}\\x{1193E}\\x{11943}\\x{119D4}-\\x{119D7}\\x{119DA}-"
     "\\x{119DB}\\x{119E0}\\x{11A01}-\\x{11A0A}\\x{11A33}-\\x{11A38}\\x{11A3B}-\\x{11A3E}\\x{11A47}"
     "\\x{11A51}-\\x{11A56}\\x{11A59}-\\x{11A5B}\\x{11A8A}-\\x{11A96}\\x{11A98}-\\x{11A99}\\x{11C30}-"
     "\\x{11C36}\\x{11C38}-\\x{11C3D}\\x{11C3F}\\x{11C92}-\\x{11CA7}\\x{11CAA}-\\x{11CB0}\\x{11CB2}-"
     "\\x{11CB3}\\x{11CB5}-\\x{11CB6}\\x{11D31}-\\x{11D36}\\x{11D3A}\\x{11D3C}-\\x{11D3D}\\x{11D3F}-"
     "\\x{11D45}\\x{11D47}\\x{11D90}-\\x{11D91}\\x{11D95}\\x{11D97}\\x{11EF3}-\\x{11EF4}\\x{11F00}-"
     "\\x{11F01}\\x{11F36}-\\x{11F3A}\\x{11F40}\\x{11F42}\\x{11F5A}\\x{13440}\\x{13447}-\\x{13455}"
     "\\x{1611E}-\\x{16129}\\x{1612D}-\\x{1612F}\\x{16AF0}-\\x{16AF4}\\x{16B30}-\\x{16B36}\\x{16F4F}"
     "\\x{16F8F}-\\x{16F92}\\x{16FE4}\\x{1BC9D}-\\x{1BC9E}\\x{1CF00}-\\x{1CF2D}\\x{1CF30}-\\x{1CF46}"
     "\\x{1D167}-\\x{1D169}\\x{1D17B}-\\x{1D182}\\x{1D185}-\\x{1D18B}\\x{1D1AA}-\\x{1D1AD}\\x{1D242}-"
     "\\x{1D244}\\x{1DA00}-\\x{1DA36}\\x{1DA3B}-\\x{1DA6C}\\x{1DA75}\\x{1DA84}\\x{1DA9B}-\\x{1DA9F}"
     "\\x{1DAA1}-\\x{1DAAF}\\x{1E000}-\\x{1E006}\\x{1E008}-\\x{1E018}\\x{1E01B}-\\x{1E021}\\x{1E023}-"
     "\\x{1E024}\\x{1E026}-\\x{1E02A}\\x{1E08F}\\x{1E130}-\\x{1E136}\\x{1E2AE}\\x{1E2EC}-\\x{1E2EF}"
     "\\x{1E4EC}-\\x{1E4EF}\\x{1E5EE}-\\x{1E5EF}\\x{1E8D0}-\\x{1E8D6}\\x{1E944}-\\x{1E94A}\\x{E0100}-"
     "\\x{E01EF}"},
    {"Mc", false,
     "\\p{Mc}\\x{CF3}\\x{113B8}-\\x{113BA}\\x{113C2}\\x{113C5}\\x{113C7}-\\x{113CA}\\x{113CC}-"
     "\\x{113CD}\\x{113CF}\\x{1171E}\\x{11F03}\\x{11F34}-\\x{11F35}\\x{11F3E}-\\x{11F3F}\\x{11F41}"
     "\\x{1612A}-\\x{1612C}"},
    {"Me", true,
     "\\p{Me}"},
    {"N", false,
     "\\p{N}\\x{10D40}-\\x{10D49}\\x{116D0}-\\x{116E3}\\x{11BF0}-\\x{11BF9}\\x{11F50}-\\x{11F59}"
     "\\x{16130}-\\x{16139}\\x{16D70}-\\x{16D79}\\x{1CCF0}-\\x{1CCF9}\\x{1D2C0}-\\x{1D2D3}\\x{1E4F0}-"
     "\\x{1E4F9}\\x{1E5F1}-\\x{1E5FA}"},
    {"Nd", false,
     "\\p{Nd}\\x{10D40}-\\x{10D49}\\x{116D0}-\\x{116E3}\\x{11BF0}-\\x{11BF9}\\x{11F50}-\\x{11F59}"
     "\\x{16130}-\\x{16139}\\x{16D70}-\\x{16D79}\\x{1CCF0}-\\x{1CCF9}\\x{1E4F0}-\\x{1E4F9}\\x{1E5F1}-"
     "\\x{1E5FA}"},
    {"Nl", true,
     "\\p{Nl}"},
    {"No", false,
     "\\p{No}\\x{1D2C0}-\\x{1D2D3}"},
    {"P", false,
     "\\p{P}\\x{1B4E}-\\x{1B4F}\\x{1B7F}\\x{10D6E}\\x{113D4}-\\x{113D5}\\x{113D7}-\\x{113D8}"
     "\\x{11B00}-\\x{11B09}\\x{11BE1}\\x{11F43}-\\x{11F4F}\\x{16D6D}-\\x{16D6F}\\x{1E5FF}"},
    {"Pc", true,
     "\\p{Pc}"},
    {"Pd", false,
     "\\p{Pd}\\x{10D6E}"},
    {"Ps", true,
     "\\p{Ps}"},
    {"Pe", true,
     "\\p{Pe}"},
    {"Pi", true,
     "\\p{Pi}"},
    {"Pf", true,
     "\\p{Pf}"},
    {"Po", false,
     "\\p{Po}\\x{1B4E}-\\x{1B4F}\\x{1B7F}\\x{113D4}-\\x{113D5}\\x{113D7}-\\x{113D8}\\x{11B00}-"
     "\\x{11B09}\\x{11BE1}\\x{11F43}-\\x{11F4F}\\x{16D6D}-\\x{16D6F}\\x{1E5FF}"},
    {"S", false,
     "\\p{S}\\x{2427}-\\x{2429}\\x{2FFC}-\\x{2FFF}\\x{31E4}-\\x{31E5}\\x{31EF}\\x{10D8E}-\\x{10D8F}"
     "\\x{1CC00}-\\x{1CCEF}\\x{1CD00}-\\x{1CEB3}\\x{1F6DC}\\x{1F774}-\\x{1F776}\\x{1F77B}-\\x{1F77F}"
     "\\x{1F7D9}\\x{1F8B2}-\\x{1F8BB}\\x{1F8C0}-\\x{1F8C1}\\x{1FA75}-\\x{1FA77}\\x{1FA87}-\\x{1FA89}"
     "\\x{1FA8F}\\x{1FAAD}-\\x{1FAAF}\\x{1FABB}-\\x{1FABF}\\x{1FAC6}\\x{1FACE}-\\x{1FACF}\\x{1FADA}-"
     "\\x{1FADC}\\x{1FADF}\\x{1FAE8}-\\x{1FAE9}\\x{1FAF7}-\\x{1FAF8}\\x{1FBCB}-\\x{1FBEF}"},
    {"Sm", false,
     "\\p{Sm}\\x{10D8E}-\\x{10D8F}"},
    {"Sc", true,
     "\\p{Sc}"},
    {"Sk", true,
     "\\p{Sk}"},
    {"So", false,
     "\\p{So}\\x{2427}-\\x{2429}\\x{2FFC}-\\x{2FFF}\\x{31E4}-\\x{31E5}\\x{31EF}\\x{1CC00}-\\x{1CCEF}"
     "\\x{1CD00}-\\x{1CEB3}\\x{1F6DC}\\x{1F774}-\\x{1F776}\\x{1F77B}-\\x{1F77F}\\x{1F7D9}\\x{1F8B2}-"
     "\\x{1F8BB}\\x{1F8C0}-\\x{1F8C1}\\x{1FA75}-\\x{1FA77}\\x{1FA87}-\\x{1FA89}\\x{1FA8F}\\x{1FAAD}-"
     "\\x{1FAAF}\\x{1FABB}-\\x{1FABF}\\x{1FAC6}\\x{1FACE}-\\x{1FACF}\\x{1FADA}-\\x{1FADC}\\x{1FADF}"
     "\\x{1FAE8}-\\x{1FAE9}\\x{1FAF7}-\\x{1FAF8}\\x{1FBCB}-\\x{1FBEF}"},
    {"Z", true,
     "\\p{Z}"},
    {"Zs", true,
     "\\p{Zs}"},
    {"Zl", true,
     "\\p{Zl}"},
    {"Zp", true,
     "\\p{Zp}"},
    {"Cc", true,
     "\\p{Cc}"},
    {"Cf", false,
     "\\p{Cf}\\x{13439}-\\x{1343F}"},
    {"Co", true,
     "\\p{Co}"},
    {"Han", false,
     "\\p{sc:Han}\\x{2B739}\\x{2EBF0}-\\x{2EE5D}\\x{31350}-\\x{323AF}"},
    {"Hiragana", false,
     "\\p{sc:Hiragana}\\x{1B132}"},
    {"Katakana", false,
     "\\p{sc:Katakana}\\x{1B155}"},
    {"Hangul", true,
     "\\p{sc:Hangul}"},
    {"Latin", false,
     "\\p{sc:Latin}\\x{A7CB}-\\x{A7CD}\\x{A7DA}-\\x{A7DC}\\x{1DF25}-\\x{1DF2A}"},
    {"Greek", true,
     "\\p{sc:Greek}"},
    {"Cyrillic", false,
     "\\p{sc:Cyrillic}\\x{1C89}-\\x{1C8A}\\x{1E030}-\\x{1E06D}\\x{1E08F}"},
    {"Arabic", false,
     "\\p{sc:Arabic}\\x{897}\\x{10EC2}-\\x{10EC4}\\x{10EFC}-\\x{10EFF}"},
    {"Hebrew", true,
     "\\p{sc:Hebrew}"},
    {"Thai", true,
     "\\p{sc:Thai}"},
    {"Devanagari", false,
     "\\p{sc:Devanagari}\\x{11B00}-\\x{11B09}"},
    {"\\s", false,
     "\\x{9}-\\x{D}\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}-\\x{2029}\\x{202F}"
     "\\x{205F}\\x{3000}"},
    {"\\w", false,
     "\\p{L}\\p{M}\\p{Nd}\\p{Pc}\\x{B2}-\\x{B3}\\x{B9}\\x{BC}-\\x{BE}" LATHE_ONIG_WORD_COMMON},
    // In a class, Oniguruma's \w lacks the superscript digits and vulgar fractions.
    {"[\\w]", false,
     "\\p{L}\\p{M}\\p{Nd}\\p{Pc}" LATHE_ONIG_WORD_COMMON},
    {"\\d", false,
     "\\d\\x{10D40}-\\x{10D49}\\x{116D0}-\\x{116E3}\\x{11BF0}-\\x{11BF9}\\x{11F50}-\\x{11F59}"
     "\\x{16130}-\\x{16139}\\x{16D70}-\\x{16D79}\\x{1CCF0}-\\x{1CCF9}\\x{1E4F0}-\\x{1E4F9}\\x{1E5F1}-"
     "\\x{1E5FA}"},
};
#undef LATHE_ONIG_WORD_COMMON

std::string lowerKey(std::string_view name)
{
    std::string key;
    for (char c : name) {
        if (c == ' ' || c == '_' || c == '-') continue;
        key += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return key;
}

const ClassBody* findClass(std::string_view onigName)
{
    static const std::pair<const char*, const char*> kAliases[] = {
        {"letter", "L"}, {"uppercaseletter", "Lu"}, {"lowercaseletter", "Ll"}, {"titlecaseletter", "Lt"},
        {"modifierletter", "Lm"}, {"otherletter", "Lo"}, {"mark", "M"}, {"combiningmark", "M"},
        {"nonspacingmark", "Mn"}, {"spacingmark", "Mc"}, {"enclosingmark", "Me"}, {"number", "N"},
        {"decimalnumber", "Nd"}, {"letternumber", "Nl"}, {"othernumber", "No"}, {"punctuation", "P"},
        {"connectorpunctuation", "Pc"}, {"dashpunctuation", "Pd"}, {"openpunctuation", "Ps"},
        {"closepunctuation", "Pe"}, {"initialpunctuation", "Pi"}, {"finalpunctuation", "Pf"},
        {"otherpunctuation", "Po"}, {"symbol", "S"}, {"mathsymbol", "Sm"}, {"currencysymbol", "Sc"},
        {"modifiersymbol", "Sk"}, {"othersymbol", "So"}, {"separator", "Z"}, {"spaceseparator", "Zs"},
        {"lineseparator", "Zl"}, {"paragraphseparator", "Zp"}, {"control", "Cc"}, {"format", "Cf"},
        {"privateuse", "Co"}, {"hani", "Han"}, {"hira", "Hiragana"}, {"kana", "Katakana"},
        {"hang", "Hangul"}, {"latn", "Latin"}, {"grek", "Greek"}, {"cyrl", "Cyrillic"},
        {"arab", "Arabic"}, {"hebr", "Hebrew"}, {"deva", "Devanagari"},
    };
    std::string key = lowerKey(onigName);
    for (const auto& [alias, canonical] : kAliases) {
        if (key == alias) {
            key = lowerKey(canonical);
            break;
        }
    }
    for (const ClassBody& c : kClassBodies) {
        if (c.name[0] != '\\' && c.name[0] != '[' && lowerKey(c.name) == key) return &c;
    }
    return nullptr;
}

const ClassBody& escapeClass(char letter, bool inClass)
{
    const std::string name = inClass && letter == 'w' ? "[\\w]" : std::string("\\") + letter;
    for (const ClassBody& c : kClassBodies) {
        if (name == c.name) return c;
    }
    throw std::logic_error("missing class table entry");
}

[[noreturn]] void unsupportedRegex(const std::string& what)
{
    throw Error(ErrorKind::Unsupported, "", "", what);
}

// The PCRE2 spelling of a native property (its negation inside a class): "\p{X}" -> "\P{X}".
std::string negateNative(const char* body)
{
    std::string s = body;
    s[1] = 'P';
    return s;
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Thread-local PCRE2 match state: one match data (the whole-match pair is all we read) and a
// JIT stack large enough for long whitespace runs under `\s+(?!\S)`.
struct MatchState {
    pcre2_match_data* data = nullptr;
    pcre2_match_context* context = nullptr;
    pcre2_jit_stack* stack = nullptr;
    MatchState()
    {
        data = pcre2_match_data_create(1, nullptr);
        context = pcre2_match_context_create(nullptr);
        stack = pcre2_jit_stack_create(32 * 1024, 8 * 1024 * 1024, nullptr);
        if (!data || !context || !stack) throw std::bad_alloc();
        pcre2_jit_stack_assign(context, nullptr, stack);
    }
    ~MatchState()
    {
        pcre2_jit_stack_free(stack);
        pcre2_match_context_free(context);
        pcre2_match_data_free(data);
    }
};

MatchState& matchState()
{
    thread_local MatchState state;
    return state;
}

}  // namespace

// ---- UTF-8 -------------------------------------------------------------------------------

void appendUtf8(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 2);
    } else if (cp < 0x10000) {
        const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 3);
    } else {
        const char b[4] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                           static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 4);
    }
}

bool isAscii(std::string_view s)
{
    const char* p = s.data();
    size_t n = s.size();
    uint64_t acc = 0;
    while (n >= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        acc |= w;
        p += 8;
        n -= 8;
    }
    while (n > 0) {
        acc |= static_cast<unsigned char>(*p++);
        --n;
    }
    return (acc & 0x8080808080808080ull) == 0;
}

namespace {

// Length of the valid UTF-8 sequence at `i`, or 0 with `bad` set to the length of the
// maximal invalid prefix (Rust's Utf8Chunks rule: lead byte plus the continuation bytes
// that were still acceptable).
size_t utf8Step(std::string_view s, size_t i, size_t& bad)
{
    const auto at = [&](size_t k) -> int { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : -1; };
    const int b0 = at(0);
    if (b0 < 0x80) return 1;
    const auto cont = [](int b) { return b >= 0x80 && b <= 0xBF; };
    bad = 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(at(1)) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        const int b1 = at(1);
        const bool ok1 = b0 == 0xE0 ? (b1 >= 0xA0 && b1 <= 0xBF) : b0 == 0xED ? (b1 >= 0x80 && b1 <= 0x9F) : cont(b1);
        if (!ok1) return 0;
        bad = 2;
        return cont(at(2)) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        const int b1 = at(1);
        const bool ok1 = b0 == 0xF0 ? (b1 >= 0x90 && b1 <= 0xBF) : b0 == 0xF4 ? (b1 >= 0x80 && b1 <= 0x8F) : cont(b1);
        if (!ok1) return 0;
        bad = 2;
        if (!cont(at(2))) return 0;
        bad = 3;
        return cont(at(3)) ? 4 : 0;
    }
    return 0;
}

}  // namespace

bool isValidUtf8(std::string_view s)
{
    size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        size_t bad = 0;
        const size_t n = utf8Step(s, i, bad);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

void appendUtf8Lossy(std::string& out, std::string_view bytes)
{
    size_t i = 0;
    size_t runStart = 0;
    while (i < bytes.size()) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) {
            ++i;
            continue;
        }
        size_t bad = 0;
        const size_t n = utf8Step(bytes, i, bad);
        if (n > 0) {
            i += n;
            continue;
        }
        out.append(bytes.substr(runStart, i - runStart));
        out.append("\xEF\xBF\xBD");
        i += bad;
        runStart = i;
    }
    out.append(bytes.substr(runStart));
}

std::string utf8Lossy(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size());
    appendUtf8Lossy(out, bytes);
    return out;
}

// ---- Unicode properties --------------------------------------------------------------------

bool isWhiteSpace(char32_t cp)
{
    if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

int generalCategory(char32_t cp)
{
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp));
}

bool isReferenceCombiningMark(char32_t cp)
{
    if (cp < 0x300) return false;
    if (cp == 0x1CF2 || cp == 0x1CF3) return true;  // Mc in the reference's table, Lo since
    const int cat = generalCategory(cp);
    return (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME) &&
           !inRanges(kMarkNotInReference, cp);
}

bool isRustAlphanumeric(char32_t cp)
{
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    const int cat = generalCategory(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) || inRanges(kNumericExtra, cp);
}

bool isRustNumeric(char32_t cp)
{
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    const int cat = generalCategory(cp);
    return (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) || inRanges(kNumericExtra, cp);
}

bool isUnicodePunctuation(char32_t cp)
{
    if (cp < 0x80) {
        return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60) ||
               (cp >= 0x7B && cp <= 0x7E);
    }
    if (cp == 0x166D || cp == 0x111C9) return true;
    const int cat = generalCategory(cp);
    return cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO && !inRanges(kPunctNotInReference, cp);
}

void appendLowercase(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        return;
    }
    if (cp == 0x130) {  // the one unconditional multi-character lowercase mapping
        out += "i\xCC\x87";
        return;
    }
    if (cp >= 0x1C89) {
        for (const CaseMap& m : kLowerExtra) {
            if (m.from == cp) {
                appendUtf8(out, m.to);
                return;
            }
        }
    }
    appendUtf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
}

// ---- Normalization -------------------------------------------------------------------------

namespace {

void normalizeSegment(std::string_view in, NormForm form, std::string& out)
{
    if (in.empty()) return;
    thread_local std::vector<utf8proc_int32_t> buffer;
    int options = UTF8PROC_STABLE;
    switch (form) {
    case NormForm::Nfc: options |= UTF8PROC_COMPOSE; break;
    case NormForm::Nfd: options |= UTF8PROC_DECOMPOSE; break;
    case NormForm::Nfkc: options |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT; break;
    case NormForm::Nfkd: options |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT; break;
    }
    if (buffer.size() < in.size() + 16) buffer.resize(in.size() * 2 + 16);
    const auto* src = reinterpret_cast<const utf8proc_uint8_t*>(in.data());
    auto n = utf8proc_decompose(src, static_cast<utf8proc_ssize_t>(in.size()), buffer.data(),
                                static_cast<utf8proc_ssize_t>(buffer.size()), static_cast<utf8proc_option_t>(options));
    if (n > static_cast<utf8proc_ssize_t>(buffer.size())) {
        buffer.resize(static_cast<size_t>(n));
        n = utf8proc_decompose(src, static_cast<utf8proc_ssize_t>(in.size()), buffer.data(),
                               static_cast<utf8proc_ssize_t>(buffer.size()), static_cast<utf8proc_option_t>(options));
    }
    if (n < 0) throw std::runtime_error(std::string("utf8proc: ") + utf8proc_errmsg(n));
    n = utf8proc_normalize_utf32(buffer.data(), n, static_cast<utf8proc_option_t>(options));
    if (n < 0) throw std::runtime_error(std::string("utf8proc: ") + utf8proc_errmsg(n));
    for (utf8proc_ssize_t i = 0; i < n; ++i) appendUtf8(out, static_cast<char32_t>(buffer[static_cast<size_t>(i)]));
}

}  // namespace

void normalizeUnicode(std::string_view in, NormForm form, std::string& out)
{
    // Exact fast paths: ASCII is invariant under all four forms, and for NFC so is any text
    // below U+0300 (Latin-1 and Latin Extended are NFC and nothing there composes).
    bool below300 = true;
    bool opaque = false;
    for (size_t i = 0; i < in.size();) {
        const auto b = static_cast<unsigned char>(in[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        const char32_t cp = decodeUtf8(in, i);
        if (cp >= 0x300) below300 = false;
        if (cp >= 0x7FD && inRanges(kNormOpaque, cp)) opaque = true;
    }
    if (below300 && (form == NormForm::Nfc || isAscii(in))) {
        out.append(in);
        return;
    }
    if (!opaque) {
        normalizeSegment(in, form, out);
        return;
    }
    // Characters the reference does not know are starters it leaves alone: normalize the
    // text between them and copy them through.
    size_t segment = 0;
    for (size_t i = 0; i < in.size();) {
        const size_t at = i;
        const char32_t cp = decodeUtf8(in, i);
        if (cp >= 0x7FD && inRanges(kNormOpaque, cp)) {
            normalizeSegment(in.substr(segment, at - segment), form, out);
            out.append(in.substr(at, i - at));
            segment = i;
        }
    }
    normalizeSegment(in.substr(segment), form, out);
}

// ---- Regex ---------------------------------------------------------------------------------

// Oniguruma (ONIG_SYNTAX_ONIGURUMA, as the onig crate compiles tokenizers' patterns) and PCRE2
// differ in ways that matter here; the translation below handles each:
//  - \s: Oniguruma is White_Space (no U+180E); PCRE2 UCP adds U+180E. Spelled out.
//  - \w: Oniguruma is Alphabetic|M|Nd|Pc and more (Unicode 16); PCRE2 10.42 is L|N|_ (so No
//    like "½" is \w in PCRE2 but not in Oniguruma, combining marks the reverse). Spelled out
//    from the measured difference. \d, \p{..}: PCRE2's Unicode 14 plus the code points of
//    Unicode 15/16 Oniguruma has (CJK extensions H/I, Garay, Kawi, ...).
//  - \p{Script}: Oniguruma uses Script, PCRE2 10.40+ Script_Extensions; written \p{sc:X}.
//  - \h: hex digit in Oniguruma, horizontal space in PCRE2. \uHHHH: Oniguruma only.
//  - (?m): dotall in Oniguruma, multiline in PCRE2 -> (?s). ^ and $ are always line anchors
//    in Oniguruma -> PCRE2_MULTILINE (newline LF only in both).
//  - {,n}: {0,n} in Oniguruma, a literal in PCRE2.
//  - U+0085, U+2028, U+200B, U+FEFF: same in both for \s (only U+180E differs); U+200B and
//    U+FEFF are Cf, in neither \s nor \w.
// Constructs whose Oniguruma meaning we cannot guarantee (\b with its Unicode \w, nested
// classes, &&, POSIX brackets, absent operator, \R \X \K, possessive intervals) are refused.
std::string translateOnigurumaPattern(std::string_view p)
{
    std::string out;
    out.reserve(p.size() * 2);
    bool inClass = false;
    int nested = 0;
    size_t classItemStart = 0;  // index in p just after "[" or "[^"
    for (size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c == '\\') {
            if (i + 1 >= p.size()) throw std::invalid_argument("pattern ends with a backslash");
            const char e = p[++i];
            if (e == 'p' || e == 'P') {
                std::string name;
                if (i + 1 < p.size() && p[i + 1] == '{') {
                    const size_t close = p.find('}', i + 2);
                    if (close == std::string_view::npos) throw std::invalid_argument("unterminated \\p{...}");
                    name = std::string(p.substr(i + 2, close - i - 2));
                    i = close;
                } else if (i + 1 < p.size()) {
                    name = std::string(1, p[++i]);
                } else {
                    throw std::invalid_argument("incomplete \\p");
                }
                bool negated = e == 'P';
                if (!name.empty() && name[0] == '^') {
                    negated = !negated;
                    name.erase(0, 1);
                }
                const ClassBody* cls = findClass(name);
                if (!cls) unsupportedRegex("regex property \\p{" + name + "} is not supported");
                if (inClass) {
                    if (!negated) {
                        out += cls->body;
                    } else if (cls->native) {
                        out += negateNative(cls->body);
                    } else {
                        unsupportedRegex("negated property \\P{" + name + "} inside a character class is not supported");
                    }
                } else {
                    out += negated ? "[^" : "[";
                    out += cls->body;
                    out += ']';
                }
                continue;
            }
            switch (e) {
            case 's':
            case 'w':
            case 'd':
            case 'S':
            case 'W':
            case 'D': {
                const ClassBody& cls = escapeClass(static_cast<char>(e | 0x20), inClass);
                const bool negated = e < 'a';
                if (inClass) {
                    if (negated) unsupportedRegex(std::string("\\") + e + " inside a character class is not supported");
                    out += cls.body;
                } else {
                    out += negated ? "[^" : "[";
                    out += cls.body;
                    out += ']';
                }
                continue;
            }
            case 'h':
                out += inClass ? "0-9a-fA-F" : "[0-9a-fA-F]";
                continue;
            case 'H':
                if (inClass) unsupportedRegex("\\H inside a character class is not supported");
                out += "[^0-9a-fA-F]";
                continue;
            case 'u':
                if (i + 4 < p.size() + 0 && isHex(p[i + 1]) && isHex(p[i + 2]) && isHex(p[i + 3]) && isHex(p[i + 4])) {
                    out += "\\x{";
                    out += p.substr(i + 1, 4);
                    out += '}';
                    i += 4;
                    continue;
                }
                throw std::invalid_argument("invalid \\u escape");
            case 'b':
            case 'B':
                if (inClass && e == 'b') {
                    out += "\\x08";
                    continue;
                }
                unsupportedRegex(std::string("\\") + e + " (word boundary with Oniguruma's \\w) is not supported");
            case 'v':
            case 'R':
            case 'X':
            case 'K':
            case 'N':
            case 'O':
            case 'y':
            case 'Y':
            case 'g':
            case 'k':
            case 'Q':
            case 'E':
            case 'c':
            case 'C':
            case 'M':
            case 'o':
                unsupportedRegex(std::string("regex escape \\") + e + " is not supported");
            default:
                out += '\\';
                out += e;
                continue;
            }
        }
        if (inClass) {
            if (c == '[') {
                // A nested positive class is a union in Oniguruma (BLOOM's pattern has one):
                // flatten it. PCRE2 10.42 would read the '[' as a literal.
                if (i + 1 < p.size() && (p[i + 1] == ':' || p[i + 1] == '^')) {
                    unsupportedRegex(p[i + 1] == ':' ? "POSIX bracket expressions in a regex are not supported"
                                                     : "negated nested character classes in a regex are not supported");
                }
                ++nested;
                continue;
            }
            if (c == '&' && i + 1 < p.size() && p[i + 1] == '&') {
                unsupportedRegex("character class intersection (&&) in a regex is not supported");
            }
            if (c == ']' && i != classItemStart) {
                if (nested > 0) {
                    --nested;
                    continue;
                }
                inClass = false;
            }
            out += c;
            continue;
        }
        switch (c) {
        case '[':
            inClass = true;
            out += c;
            if (i + 1 < p.size() && p[i + 1] == '^') {
                out += '^';
                ++i;
            }
            classItemStart = i + 1;
            continue;
        case '(':
            if (i + 1 < p.size() && p[i + 1] == '?') {
                size_t j = i + 2;
                if (j < p.size() && p[j] == '~') unsupportedRegex("the absent operator (?~...) is not supported");
                // Option groups: (?imx-imx) or (?imx-imx:...)
                size_t k = j;
                while (k < p.size() && (p[k] == 'i' || p[k] == 'm' || p[k] == 'x' || p[k] == '-')) ++k;
                if (k > j && k < p.size() && (p[k] == ')' || p[k] == ':')) {
                    out += "(?";
                    for (size_t t = j; t < k; ++t) out += p[t] == 'm' ? 's' : p[t];
                    i = k - 1;
                    continue;
                }
                if (j < p.size() && std::isalpha(static_cast<unsigned char>(p[j])) ) {
                    unsupportedRegex(std::string("regex group option (?") + p[j] + " is not supported");
                }
            }
            out += c;
            continue;
        case '{': {
            // {,n} -> {0,n}; a possessive interval {n,m}+ has no Oniguruma equivalent to check.
            size_t k = i + 1;
            while (k < p.size() && (std::isdigit(static_cast<unsigned char>(p[k])) || p[k] == ',')) ++k;
            if (k < p.size() && p[k] == '}' && k > i + 1) {
                const std::string_view inner = p.substr(i + 1, k - i - 1);
                if (inner.find_first_of("0123456789") != std::string_view::npos &&
                    std::count(inner.begin(), inner.end(), ',') <= 1) {
                    if (k + 1 < p.size() && (p[k + 1] == '+' || p[k + 1] == '?')) {
                        if (p[k + 1] == '+') unsupportedRegex("a '+' after an interval quantifier is not supported");
                    }
                    out += '{';
                    if (inner[0] == ',') out += '0';
                    out += inner;
                    out += '}';
                    i = k;
                    continue;
                }
            }
            out += c;
            continue;
        }
        default:
            out += c;
        }
    }
    if (inClass) throw std::invalid_argument("unterminated character class");
    return out;
}

namespace {

pcre2_code* compilePcre2(const std::string& pattern)
{
    pcre2_compile_context* cc = pcre2_compile_context_create(nullptr);
    pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
    int err = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                     PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_NEVER_BACKSLASH_C, &err,
                                     &offset, cc);
    pcre2_compile_context_free(cc);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        throw std::invalid_argument("regex does not compile: " + std::string(reinterpret_cast<char*>(msg)) +
                                    " at offset " + std::to_string(offset));
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // without JIT, pcre2_match interprets
    return code;
}

}  // namespace

Regex Regex::fromOniguruma(std::string_view pattern)
{
    Regex r;
    r.m_translated = translateOnigurumaPattern(pattern);
    r.m_code = compilePcre2(r.m_translated);
    return r;
}

Regex Regex::literal(std::string_view text)
{
    Regex r;
    if (!text.empty()) {
        r.m_literalOnly = true;
        r.m_literal = std::string(text);
        return r;
    }
    // The escaped empty string is the empty regex: an empty match at every character.
    r.m_code = compilePcre2("");
    return r;
}

Regex::Regex(Regex&& other) noexcept
    : m_code(other.m_code), m_literalOnly(other.m_literalOnly), m_literal(std::move(other.m_literal)),
      m_translated(std::move(other.m_translated))
{
    other.m_code = nullptr;
}

Regex& Regex::operator=(Regex&& other) noexcept
{
    if (this != &other) {
        pcre2_code_free(m_code);
        m_code = other.m_code;
        other.m_code = nullptr;
        m_literalOnly = other.m_literalOnly;
        m_literal = std::move(other.m_literal);
        m_translated = std::move(other.m_translated);
    }
    return *this;
}

Regex::~Regex()
{
    pcre2_code_free(m_code);
}

bool Regex::find(std::string_view text, size_t start, size_t& s, size_t& e) const
{
    MatchState& st = matchState();
    const int rc = pcre2_match(m_code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), start,
                               PCRE2_NO_UTF_CHECK, st.data, st.context);
    if (rc == PCRE2_ERROR_NOMATCH) return false;
    if (rc < 0) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(rc, msg, sizeof msg);
        throw Error(ErrorKind::Unsupported, "", "", "regex match failed: " + std::string(reinterpret_cast<char*>(msg)));
    }
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(st.data);
    s = ov[0];
    e = ov[1];
    return true;
}

}  // namespace lathe::tok

// ---- JSON fields ---------------------------------------------------------------------------

namespace lathe::tok::detail {
namespace {

const char* jsonKind(const nlohmann::json& v)
{
    switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "a value";
    }
}

[[noreturn]] void wrongType(const Origin& origin, const char* key, const char* expected, const nlohmann::json& v)
{
    throwInvalid(origin.file, origin.child(key).field, std::string("expected ") + expected + ", found " + jsonKind(v));
}

}  // namespace

const nlohmann::json& requireField(const nlohmann::json& spec, const char* key, const Origin& origin)
{
    const auto it = spec.find(key);
    if (it == spec.end()) throwInvalid(origin.file, origin.child(key).field, std::string("missing field `") + key + "`");
    return *it;
}

bool boolField(const nlohmann::json& spec, const char* key, const Origin& origin)
{
    const nlohmann::json& v = requireField(spec, key, origin);
    if (!v.is_boolean()) wrongType(origin, key, "a boolean", v);
    return v.get<bool>();
}

std::string stringField(const nlohmann::json& spec, const char* key, const Origin& origin)
{
    const nlohmann::json& v = requireField(spec, key, origin);
    if (!v.is_string()) wrongType(origin, key, "a string", v);
    return v.get<std::string>();
}

size_t sizeField(const nlohmann::json& spec, const char* key, const Origin& origin)
{
    const nlohmann::json& v = requireField(spec, key, origin);
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0)) {
        wrongType(origin, key, "a non-negative integer", v);
    }
    return v.get<size_t>();
}

std::string charField(const nlohmann::json& spec, const char* key, const Origin& origin)
{
    std::string s = stringField(spec, key, origin);
    size_t pos = 0;
    if (!s.empty()) decodeUtf8(s, pos);
    if (s.empty() || pos != s.size()) {
        throwInvalid(origin.file, origin.child(key).field, "expected a single character, found \"" + s + "\"");
    }
    return s;
}

const nlohmann::json& arrayField(const nlohmann::json& spec, const char* key, const Origin& origin)
{
    const nlohmann::json& v = requireField(spec, key, origin);
    if (!v.is_array()) wrongType(origin, key, "an array", v);
    return v;
}

std::string componentType(const nlohmann::json& spec, const Origin& origin, const char* what)
{
    if (!spec.is_object()) {
        throwInvalid(origin.file, origin.field, std::string("expected a ") + what + " object, found " + jsonKind(spec));
    }
    const auto it = spec.find("type");
    if (it == spec.end()) throwInvalid(origin.file, origin.child("type").field, std::string("missing field `type` of the ") + what);
    if (!it->is_string()) wrongType(origin, "type", "a string", *it);
    return it->get<std::string>();
}

void unsupportedType(const Origin& origin, const char* what, const std::string& type, const std::string& why)
{
    throw Error(ErrorKind::Unsupported, origin.file, origin.field,
                std::string("unsupported ") + what + " type \"" + type + "\"" + (why.empty() ? "" : ": " + why));
}

Regex patternField(const nlohmann::json& spec, const Origin& origin)
{
    const nlohmann::json& p = requireField(spec, "pattern", origin);
    const Origin where = origin.child("pattern");
    if (!p.is_object() || p.size() != 1) {
        throwInvalid(where.file, where.field, std::string("expected {\"String\": ...} or {\"Regex\": ...}, found ") + jsonKind(p));
    }
    const std::string kind = p.begin().key();
    const nlohmann::json& value = p.begin().value();
    if (kind != "String" && kind != "Regex") {
        throwInvalid(where.file, where.field, "unknown pattern variant `" + kind + "`, expected `String` or `Regex`");
    }
    if (!value.is_string()) wrongType(where, kind.c_str(), "a string", value);
    const std::string text = value.get<std::string>();
    if (kind == "String") return Regex::literal(text);
    try {
        return Regex::fromOniguruma(text);
    } catch (const Error& e) {
        throw Error(e.kind(), origin.file, where.child("Regex").field, e.reason() + " (pattern \"" + text + "\")");
    } catch (const std::invalid_argument& e) {
        throwInvalid(origin.file, where.child("Regex").field, std::string(e.what()) + " (pattern \"" + text + "\")");
    }
}

}  // namespace lathe::tok::detail
