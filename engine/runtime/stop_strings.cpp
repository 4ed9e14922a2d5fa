// Stop strings of stop_strings.h. m_pending only ever holds a suffix that is a proper prefix of
// some stop string plus the newest piece, so each feed searches a few bytes more than it got.
#include "runtime/stop_strings.h"

#include <algorithm>

namespace lathe {

StopStringMatcher::StopStringMatcher(std::vector<std::string> stops)
{
    for (auto& stop : stops) {
        if (!stop.empty()) {
            m_stops.push_back(std::move(stop));
        }
    }
}

std::string StopStringMatcher::feed(std::string_view piece)
{
    if (m_stopped) {
        return {};
    }
    m_pending.append(piece);

    // The stop completed first: the smallest end offset, then the longest.
    std::size_t bestEnd = std::string::npos;
    const std::string* best = nullptr;
    for (const auto& stop : m_stops) {
        const std::size_t at = m_pending.find(stop);
        if (at == std::string::npos) {
            continue;
        }
        const std::size_t end = at + stop.size();
        if (best == nullptr || end < bestEnd || (end == bestEnd && stop.size() > best->size())) {
            best = &stop;
            bestEnd = end;
        }
    }
    if (best != nullptr) {
        std::string out = m_pending.substr(0, bestEnd - best->size());
        m_matched = *best;
        m_stopped = true;
        m_pending.clear();
        return out;
    }

    const std::size_t held = heldBackLength();
    std::string out = m_pending.substr(0, m_pending.size() - held);
    m_pending.erase(0, m_pending.size() - held);
    return out;
}

// The longest suffix of m_pending that is a proper prefix of some stop string: the only text
// that a later piece could still turn into a stop.
std::size_t StopStringMatcher::heldBackLength() const
{
    const std::string_view pending = m_pending;
    std::size_t longest = 0;
    for (const auto& stop : m_stops) {
        for (std::size_t len = std::min(stop.size() - 1, pending.size()); len > longest; --len) {
            if (pending.substr(pending.size() - len) == std::string_view(stop).substr(0, len)) {
                longest = len;
                break;
            }
        }
    }
    return longest;
}

std::string StopStringMatcher::flush()
{
    if (m_stopped) {
        return {};
    }
    std::string out = std::move(m_pending);
    m_pending.clear();
    return out;
}

}  // namespace lathe
