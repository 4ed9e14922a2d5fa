// ErrorPanel: a centred card; the message is selectable so people can paste it into a report.
#include "ui/common/error_panel.h"

#include "ui/common/icons.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace lathe {

ErrorPanel::ErrorPanel(QWidget* parent)
    : QWidget(parent)
{
    m_icon = new QLabel(this);
    m_icon->setPixmap(icon(IconName::Error).pixmap(56, 56));
    m_icon->setAlignment(Qt::AlignCenter);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("errorTitle"));
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("errorMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_detail = new QLabel(this);
    m_detail->setAlignment(Qt::AlignCenter);
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_action = new QPushButton(icon(IconName::OpenFile), tr("Open another…"), this);
    m_action->setDefault(true);
    connect(m_action, &QPushButton::clicked, this, &ErrorPanel::actionRequested);

    auto* card = new QWidget(this);
    card->setMaximumWidth(720);
    auto* cardLayout = new QVBoxLayout(card);
    cardLayout->setSpacing(12);
    cardLayout->addWidget(m_icon);
    cardLayout->addWidget(m_title);
    cardLayout->addWidget(m_message);
    cardLayout->addWidget(m_detail);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_action);
    buttons->addStretch();
    cardLayout->addSpacing(8);
    cardLayout->addLayout(buttons);

    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(card, 4);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);
}

void ErrorPanel::setError(const QString& title, const QString& message, const QString& detail)
{
    m_title->setText(title);
    m_message->setText(message);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
}

void ErrorPanel::setActionText(const QString& text)
{
    m_action->setText(text);
}

QString ErrorPanel::title() const
{
    return m_title->text();
}

QString ErrorPanel::message() const
{
    return m_message->text();
}

}  // namespace lathe
