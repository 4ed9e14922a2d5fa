// CheckpointHeader: title, path and a one-line summary; the compare menu.
#include "ui/inspector/checkpoint_header.h"

#include "ui/common/elided_label.h"
#include "ui/common/icons.h"
#include "ui/common/number_format.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

namespace lathe {

CheckpointHeader::CheckpointHeader(QWidget* parent)
    : QWidget(parent)
{
    auto* picture = new QLabel(this);
    picture->setPixmap(icon(IconName::Inspector).pixmap(32, 32));

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("checkpointTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);
    m_path = new ElidedLabel(this);
    m_path->setForegroundRole(QPalette::PlaceholderText);
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts = new QLabel(this);
    m_facts->setObjectName(QStringLiteral("checkpointFacts"));
    m_facts->setTextFormat(Qt::RichText);

    auto* titles = new QVBoxLayout;
    titles->setSpacing(2);
    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(12);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_path, 1, Qt::AlignBottom);
    titles->addLayout(titleRow);
    titles->addWidget(m_facts);

    m_compare = new QToolButton(this);
    m_compare->setText(tr("Compare with…"));
    m_compare->setIcon(icon(IconName::Compare));
    m_compare->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_compare->setPopupMode(QToolButton::InstantPopup);
    m_compare->setToolTip(tr("Compare this checkpoint with another one, e.g. a base model with its fine-tune"));
    auto* menu = new QMenu(m_compare);
    menu->addAction(icon(IconName::OpenFile), tr("A file or index…"), this, &CheckpointHeader::compareFileRequested);
    menu->addAction(icon(IconName::OpenFolder), tr("A folder…"), this, &CheckpointHeader::compareFolderRequested);
    m_compare->setMenu(menu);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(10);
    layout->addWidget(picture, 0, Qt::AlignTop);
    layout->addLayout(titles, 1);
    layout->addWidget(m_compare, 0, Qt::AlignVCenter);
}

void CheckpointHeader::setCheckpoint(const CheckpointPtr& checkpoint, const QString& displayName)
{
    m_title->setText(displayName);
    if (!checkpoint) {
        m_path->setFullText(QString());
        m_facts->clear();
        return;
    }
    m_path->setFullText(QString::fromStdString(checkpoint->path().string()));
    QStringList dtypes;
    for (const auto& [dtype, parameters] : checkpoint->parametersByDType()) {
        dtypes << formatDType(dtype);
    }
    const QString separator = QStringLiteral(" &nbsp;·&nbsp; ");
    QStringList facts;
    facts << tr("<b>%1</b> parameters").arg(formatCountShort(checkpoint->totalParameters()));
    facts << tr("<b>%1</b>").arg(formatBytes(checkpoint->totalBytes()));
    facts << tr("<b>%n</b> tensor(s)", nullptr, int(checkpoint->tensors().size()));
    facts << tr("<b>%n</b> file(s)", nullptr, int(checkpoint->shards().size()));
    if (!dtypes.isEmpty()) {
        facts << dtypes.join(QStringLiteral(", "));
    }
    if (!checkpoint->warnings().empty()) {
        facts << tr("<span style='color:#d08a1e'><b>%n</b> warning(s)</span>", nullptr, int(checkpoint->warnings().size()));
    }
    m_facts->setText(facts.join(separator));
}

QString CheckpointHeader::titleText() const
{
    return m_title->text();
}

}  // namespace lathe
