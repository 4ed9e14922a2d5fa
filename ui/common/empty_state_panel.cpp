// EmptyStatePanel: a centred column; the page sets the words, the panel the shape.
#include "ui/common/empty_state_panel.h"

#include "ui/common/icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace lathe {

EmptyStatePanel::EmptyStatePanel(QWidget* parent)
    : QWidget(parent)
{
    auto* picture = new QLabel(this);
    picture->setPixmap(icon(IconName::App).pixmap(96, 96));
    picture->setAlignment(Qt::AlignCenter);

    m_title = new QLabel(this);
    m_title->setAlignment(Qt::AlignCenter);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_description = new QLabel(this);
    m_description->setAlignment(Qt::AlignCenter);
    m_description->setWordWrap(true);

    m_openFile = new QPushButton(icon(IconName::OpenFile), tr("Open file…"), this);
    m_openFile->setDefault(true);
    m_openFolder = new QPushButton(icon(IconName::OpenFolder), tr("Open folder…"), this);
    for (QPushButton* button : {m_openFile, m_openFolder}) {
        button->setMinimumHeight(button->sizeHint().height() + 8);
        button->setMinimumWidth(150);
    }
    connect(m_openFile, &QPushButton::clicked, this, &EmptyStatePanel::openFileRequested);
    connect(m_openFolder, &QPushButton::clicked, this, &EmptyStatePanel::openFolderRequested);

    auto* dropIcon = new QLabel(this);
    dropIcon->setPixmap(icon(IconName::Drop).pixmap(20, 20));
    m_dropHint = new QLabel(this);
    m_dropHint->setForegroundRole(QPalette::PlaceholderText);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(12);
    buttons->addStretch();
    buttons->addWidget(m_openFile);
    buttons->addWidget(m_openFolder);
    buttons->addStretch();

    auto* drop = new QHBoxLayout;
    drop->setSpacing(6);
    drop->addStretch();
    drop->addWidget(dropIcon);
    drop->addWidget(m_dropHint);
    drop->addStretch();

    auto* column = new QWidget(this);
    column->setMaximumWidth(620);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->setSpacing(14);
    columnLayout->addWidget(picture);
    columnLayout->addWidget(m_title);
    columnLayout->addWidget(m_description);
    columnLayout->addSpacing(10);
    columnLayout->addLayout(buttons);
    columnLayout->addSpacing(6);
    columnLayout->addLayout(drop);

    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 3);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);
}

void EmptyStatePanel::setTitle(const QString& title)
{
    m_title->setText(title);
}

void EmptyStatePanel::setDescription(const QString& text)
{
    m_description->setText(text);
}

void EmptyStatePanel::setDropHint(const QString& text)
{
    m_dropHint->setText(text);
}

}  // namespace lathe
