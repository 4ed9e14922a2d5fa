// FilterBar: line edit + regex toggle + error hint, debounced.
#include "ui/common/filter_bar.h"

#include "ui/common/icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace lathe {

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent)
{
    m_edit = new QLineEdit(this);
    m_edit->setClearButtonEnabled(true);
    m_edit->addAction(icon(IconName::Filter), QLineEdit::LeadingPosition);
    m_edit->setPlaceholderText(tr("Filter by name"));

    m_regexButton = new QToolButton(this);
    m_regexButton->setText(QStringLiteral(".*"));
    m_regexButton->setCheckable(true);
    m_regexButton->setToolTip(tr("Match names with a regular expression instead of plain text"));
    m_regexButton->setAccessibleName(tr("Regular expression"));
    QFont mono = m_regexButton->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setBold(true);
    m_regexButton->setFont(mono);

    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setVisible(false);
    m_hint->setStyleSheet(QStringLiteral("color: #d32f2f;"));

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);
    row->addWidget(m_edit, 1);
    row->addWidget(m_regexButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_hint);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &FilterBar::apply);
    connect(m_edit, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_regexButton, &QToolButton::toggled, this, &FilterBar::apply);
}

TextFilter FilterBar::filter() const
{
    return TextFilter(m_edit->text(), m_regexButton->isChecked() ? TextFilter::Mode::Regex : TextFilter::Mode::Substring);
}

void FilterBar::setPlaceholderText(const QString& text)
{
    m_edit->setPlaceholderText(text);
}

void FilterBar::setFilter(const QString& text, TextFilter::Mode mode)
{
    const QSignalBlocker blockEdit(m_edit);
    const QSignalBlocker blockButton(m_regexButton);
    m_edit->setText(text);
    m_regexButton->setChecked(mode == TextFilter::Mode::Regex);
    apply();
}

void FilterBar::clear()
{
    setFilter(QString(), filter().mode());
}

void FilterBar::apply()
{
    m_debounce->stop();
    const TextFilter value = filter();
    m_hint->setText(value.errorString());
    m_hint->setVisible(!value.isValid());
    m_edit->setStyleSheet(value.isValid() ? QString() : QStringLiteral("QLineEdit { border: 1px solid #d32f2f; }"));
    emit filterChanged(value);
}

}  // namespace lathe
