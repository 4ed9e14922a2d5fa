// Python's str semantics over UTF-8 bytes: code-point length, indexing and slicing, the
// whitespace str.split()/strip() and regex \s use, case mapping and the is*() predicates
// (through utf8proc). Templates index and slice text by code point, as Python does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::chat::text {

// Decodes the code point at `pos` and advances `pos`; invalid bytes decode as themselves.
char32_t decode(std::string_view s, size_t& pos);
void encode(std::string& out, char32_t cp);

bool isAscii(std::string_view s);
size_t length(std::string_view s);  // in code points
// Byte offsets of every code point start, plus s.size() at the end.
std::vector<size_t> offsets(std::string_view s);

bool isSpace(char32_t cp);  // str.isspace()
bool isPrintable(char32_t cp);  // str.isprintable()
bool isAlpha(char32_t cp);
bool isDecimal(char32_t cp);
bool isDigit(char32_t cp);
bool isNumeric(char32_t cp);
bool isAlnum(char32_t cp);
bool isWordChar(char32_t cp);  // regex \w
bool isLower(char32_t cp);
bool isUpper(char32_t cp);
bool isCased(char32_t cp);
char32_t toUpper(char32_t cp);
char32_t toLower(char32_t cp);
char32_t toTitle(char32_t cp);

std::string upper(std::string_view s);
std::string lower(std::string_view s);
std::string capitalize(std::string_view s);  // str.capitalize(): first upper, rest lower
std::string title(std::string_view s);       // str.title()
std::string swapcase(std::string_view s);

// strip/lstrip/rstrip with Python's defaults (whitespace) or a set of characters.
std::string_view strip(std::string_view s, std::optional<std::string_view> chars, bool left, bool right);
// str.split(sep=None, maxsplit): on runs of whitespace, or on `sep` exactly.
std::vector<std::string_view> split(std::string_view s, std::optional<std::string_view> sep, int64_t maxsplit);
std::vector<std::string_view> rsplit(std::string_view s, std::optional<std::string_view> sep, int64_t maxsplit);
std::vector<std::string_view> splitlines(std::string_view s, bool keepends);
std::string replace(std::string_view s, std::string_view old, std::string_view with, int64_t count);
size_t count(std::string_view s, std::string_view sub);
std::string center(std::string_view s, int64_t width, char32_t fill);

}  // namespace lathe::chat::text
