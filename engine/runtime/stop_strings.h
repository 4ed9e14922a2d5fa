// Stop strings over streamed text: decides which generated text is safe to show while a stop
// string may still be forming, and where the text ends when one appears. As TGI and the OpenAI
// API do, the stop string itself is not part of the output.
//
// Which stop wins: the first one completed in the text, i.e. the one whose last byte comes
// first; among stops completed at the same byte (one a suffix of the other), the longest. That
// is what a generation loop that halts at the first stop sees, and it makes the outcome the same
// however the text is split into pieces. Matching is on bytes; UTF-8 stop strings match only at
// character boundaries of valid UTF-8 text, since no character's bytes start inside another's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lathe {

class StopStringMatcher {
public:
    explicit StopStringMatcher(std::vector<std::string> stops);  // empty strings are ignored

    // Feeds the next piece of decoded text. Returns the text that can be emitted now (never a
    // prefix that could still become a stop string). After a stop string is found, stopped()
    // is true and the returned text ends just before it; further feeds return nothing.
    std::string feed(std::string_view piece);
    // The held-back text, at the end of generation (nothing when stopped()).
    std::string flush();

    bool stopped() const { return m_stopped; }
    const std::string& matched() const { return m_matched; }  // the stop string found

private:
    std::size_t heldBackLength() const;

    std::vector<std::string> m_stops;
    std::string m_pending;
    std::string m_matched;
    bool m_stopped = false;
};

}  // namespace lathe
