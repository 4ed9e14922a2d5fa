// TextFilter: compiling the expression once, matching many names.
#include "ui/common/text_filter.h"

#include <QCoreApplication>

namespace lathe {

TextFilter::TextFilter(const QString& text, Mode mode)
    : m_text(text)
    , m_mode(mode)
{
    if (m_mode == Mode::Regex && !m_text.isEmpty()) {
        m_regex = QRegularExpression(m_text, QRegularExpression::CaseInsensitiveOption);
        if (!m_regex.isValid()) {
            m_error = QCoreApplication::translate("lathe::TextFilter", "Invalid regular expression: %1 (at character %2)")
                          .arg(m_regex.errorString())
                          .arg(m_regex.patternErrorOffset() + 1);
        }
    }
}

bool TextFilter::matches(const QString& name) const
{
    if (m_text.isEmpty() || !isValid()) {
        return true;
    }
    if (m_mode == Mode::Regex) {
        return m_regex.match(name).hasMatch();
    }
    return name.contains(m_text, Qt::CaseInsensitive);
}

}  // namespace lathe
