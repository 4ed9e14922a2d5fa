// TextFilter: what a filter box asks for, as a value the proxy models test names against.
// Substring matching by default, a regular expression on request; both ignore case. An
// invalid expression matches everything and carries the reason, so a typo never hides rows
// or crashes, and the filter box can say what is wrong.
#pragma once

#include <QRegularExpression>
#include <QString>

namespace lathe {

class TextFilter {
public:
    enum class Mode { Substring, Regex };

    TextFilter() = default;
    TextFilter(const QString& text, Mode mode);

    const QString& text() const { return m_text; }
    Mode mode() const { return m_mode; }
    bool isEmpty() const { return m_text.isEmpty(); }
    bool isValid() const { return m_error.isEmpty(); }
    // Why the expression is invalid (translated), with the offset of the problem.
    const QString& errorString() const { return m_error; }

    // True for every name when the filter is empty or invalid.
    bool matches(const QString& name) const;

    bool operator==(const TextFilter& other) const { return m_text == other.m_text && m_mode == other.m_mode; }

private:
    QString m_text;
    Mode m_mode = Mode::Substring;
    QRegularExpression m_regex;
    QString m_error;
};

}  // namespace lathe
