// Splitting text on added tokens, the first step of encode: the leftmost, then longest, match
// of any added token's content becomes that token's id directly, honouring single_word (no
// match inside a word), lstrip and rstrip (the match swallows the whitespace on that side).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lathe::tok {

class AddedTokenMatcher {
public:
    struct Pattern {
        std::string content;  // as matched: raw, or normalized for normalized tokens
        int32_t id = 0;
        bool singleWord = false;
        bool lstrip = false;
        bool rstrip = false;
    };
    struct Split {
        size_t begin = 0;
        size_t end = 0;
        int32_t id = -1;  // -1: plain text between matches
    };

    AddedTokenMatcher() = default;
    explicit AddedTokenMatcher(const std::vector<Pattern>& patterns);

    bool empty() const { return m_nodes.size() <= 1; }
    // Splits `text` into pieces that cover it; appends to `out`.
    void split(std::string_view text, std::vector<Split>& out) const;

private:
    struct Node {
        std::vector<std::pair<unsigned char, int32_t>> children;  // sorted by byte
        int32_t pattern = -1;                                     // index into m_patterns
    };
    int32_t child(int32_t node, unsigned char byte) const;

    std::vector<Node> m_nodes{Node{}};
    std::vector<Pattern> m_patterns;
    bool m_firstByte[256] = {};
};

// Rust's regex \w, which single_word looks at on each side of a match.
bool isRegexWordChar(char32_t c);

}  // namespace lathe::tok
