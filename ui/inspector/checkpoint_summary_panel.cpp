// CheckpointSummaryPanel: tables sized to their rows, so the whole summary scrolls as one page.
#include "ui/inspector/checkpoint_summary_panel.h"

#include "ui/common/icons.h"
#include "ui/common/number_format.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lathe {
namespace {

QString sourceText(Checkpoint::Source source)
{
    switch (source) {
    case Checkpoint::Source::File: return CheckpointSummaryPanel::tr("a single .safetensors file");
    case Checkpoint::Source::Index: return CheckpointSummaryPanel::tr("a sharded checkpoint, through its index");
    case Checkpoint::Source::Folder: return CheckpointSummaryPanel::tr("a model folder");
    }
    return {};
}

QString jsonText(const nlohmann::ordered_json& value)
{
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

}  // namespace

CheckpointSummaryPanel::CheckpointSummaryPanel(QWidget* parent)
    : QScrollArea(parent)
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(10);

    auto* overviewBox = new QGroupBox(tr("Overview"), content);
    auto* overviewLayout = new QVBoxLayout(overviewBox);
    m_overview = new QLabel(overviewBox);
    m_overview->setObjectName(QStringLiteral("summaryOverview"));
    m_overview->setTextFormat(Qt::RichText);
    m_overview->setWordWrap(true);
    m_overview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    overviewLayout->addWidget(m_overview);
    layout->addWidget(overviewBox);

    auto* dtypeBox = new QGroupBox(tr("By dtype"), content);
    auto* dtypeLayout = new QVBoxLayout(dtypeBox);
    m_dtypes = addTable(dtypeLayout, {tr("DType"), tr("Parameters"), tr("Share"), tr("Bytes")}, 0);
    layout->addWidget(dtypeBox);

    m_filesBox = new QGroupBox(tr("Files"), content);
    auto* filesLayout = new QVBoxLayout(m_filesBox);
    m_files = addTable(filesLayout, {tr("File"), tr("Size"), tr("Header"), tr("Tensors")}, 0);
    layout->addWidget(m_filesBox);

    m_metadataBox = new QGroupBox(tr("Metadata (__metadata__)"), content);
    auto* metadataLayout = new QVBoxLayout(m_metadataBox);
    m_metadata = addTable(metadataLayout, {tr("Key"), tr("Value")}, 1);
    m_noMetadata = new QLabel(tr("The file has no __metadata__ entry."), m_metadataBox);
    m_noMetadata->setForegroundRole(QPalette::PlaceholderText);
    metadataLayout->addWidget(m_noMetadata);
    layout->addWidget(m_metadataBox);

    m_indexMetadataBox = new QGroupBox(tr("Index metadata"), content);
    auto* indexLayout = new QVBoxLayout(m_indexMetadataBox);
    m_indexMetadata = addTable(indexLayout, {tr("Key"), tr("Value")}, 1);
    layout->addWidget(m_indexMetadataBox);

    m_warningsBox = new QGroupBox(tr("Warnings"), content);
    auto* warningsLayout = new QVBoxLayout(m_warningsBox);
    m_warnings = addTable(warningsLayout, {tr("Warning")}, 0);
    m_warnings->setHeaderHidden(true);
    layout->addWidget(m_warningsBox);

    layout->addStretch(1);
    setWidget(content);
}

QTreeWidget* CheckpointSummaryPanel::addTable(QVBoxLayout* layout, const QStringList& headers, int stretchColumn)
{
    // One column takes the spare width and elides; the others fit their contents. No scroll
    // bars: the panel scrolls as a whole and every row is visible.
    auto* table = new QTreeWidget(this);
    table->setHeaderLabels(headers);
    table->setRootIsDecorated(false);
    table->setUniformRowHeights(true);
    table->setSelectionMode(QAbstractItemView::ContiguousSelection);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setTextElideMode(Qt::ElideMiddle);
    table->setAlternatingRowColors(true);
    table->header()->setStretchLastSection(false);
    table->header()->setSectionsMovable(false);
    for (int c = 0; c < headers.size(); ++c) {
        table->header()->setSectionResizeMode(c, c == stretchColumn ? QHeaderView::Stretch : QHeaderView::ResizeToContents);
    }
    layout->addWidget(table);
    return table;
}

void CheckpointSummaryPanel::fitHeight(QTreeWidget* table)
{
    const int rows = table->topLevelItemCount();
    const int rowHeight = rows > 0 ? table->sizeHintForRow(0) : table->fontMetrics().height() + 6;
    const int header = table->isHeaderHidden() ? 0 : table->header()->sizeHint().height();
    table->setFixedHeight(header + std::max(rows, 1) * rowHeight + 2 * table->frameWidth() + 2);
}

void CheckpointSummaryPanel::setCheckpoint(const CheckpointPtr& checkpoint)
{
    for (QTreeWidget* table : {m_files, m_dtypes, m_metadata, m_indexMetadata, m_warnings}) {
        table->clear();
    }
    if (!checkpoint) {
        m_overview->clear();
        return;
    }
    const auto& shards = checkpoint->shards();
    std::uint64_t fileBytes = 0;
    for (const SafetensorsFile& shard : shards) {
        fileBytes += shard.fileSize();
    }
    const QString path = QString::fromStdString(checkpoint->path().string()).toHtmlEscaped();
    m_overview->setText(tr("<table cellspacing='3'>"
                           "<tr><td>Opened</td><td><b>%1</b></td></tr>"
                           "<tr><td>Path</td><td>%2</td></tr>"
                           "<tr><td>Tensors</td><td><b>%3</b></td></tr>"
                           "<tr><td>Parameters</td><td><b>%4</b> (%5)</td></tr>"
                           "<tr><td>Tensor bytes</td><td><b>%6</b> (%7)</td></tr>"
                           "<tr><td>Files</td><td><b>%8</b>, %9 on disk</td></tr>"
                           "</table>")
                            .arg(sourceText(checkpoint->source()), path, formatCount(checkpoint->tensors().size()),
                                 formatCountShort(checkpoint->totalParameters()), formatCount(checkpoint->totalParameters()),
                                 formatBytes(checkpoint->totalBytes()), formatBytesExact(checkpoint->totalBytes()))
                            .arg(shards.size())
                            .arg(formatBytes(fileBytes)));

    const double totalParameters = double(std::max<std::uint64_t>(checkpoint->totalParameters(), 1));
    for (const auto& [dtype, parameters] : checkpoint->parametersByDType()) {
        const auto bytesIt = checkpoint->bytesByDType().find(dtype);
        const std::uint64_t bytes = bytesIt == checkpoint->bytesByDType().end() ? 0 : bytesIt->second;
        auto* item = new QTreeWidgetItem(m_dtypes, {formatDType(dtype), formatCount(parameters),
                                                    QStringLiteral("%1 %").arg(QLocale().toString(100.0 * double(parameters) / totalParameters, 'f', 1)),
                                                    formatBytes(bytes)});
        item->setToolTip(3, formatBytesExact(bytes));
        for (int c = 1; c < 4; ++c) {
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        }
    }

    std::vector<std::uint64_t> tensorsPerShard(shards.size(), 0);
    for (const Checkpoint::Tensor& tensor : checkpoint->tensors()) {
        ++tensorsPerShard[tensor.shard];
    }
    for (std::size_t s = 0; s < shards.size(); ++s) {
        const SafetensorsFile& shard = shards[s];
        auto* item = new QTreeWidgetItem(m_files, {QString::fromStdString(shard.path().filename().string()),
                                                   formatBytes(shard.fileSize()), formatBytes(shard.header().headerBytes),
                                                   formatCount(tensorsPerShard[s])});
        item->setToolTip(0, QString::fromStdString(shard.path().string()));
        item->setToolTip(1, formatBytesExact(shard.fileSize()));
        item->setToolTip(2, tr("JSON header of %1 (plus the 8-byte length)").arg(formatBytesExact(shard.header().headerBytes)));
        for (int c = 1; c < 4; ++c) {
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        }
    }

    for (const auto& [key, value] : checkpoint->metadata()) {
        auto* item = new QTreeWidgetItem(m_metadata, {QString::fromStdString(key), QString::fromStdString(value)});
        item->setToolTip(1, QString::fromStdString(value));
    }
    const bool hasMetadata = !checkpoint->metadata().empty();
    m_metadata->setVisible(hasMetadata);
    m_noMetadata->setVisible(!hasMetadata);

    const auto& indexMetadata = checkpoint->indexMetadata();
    m_indexMetadataBox->setVisible(indexMetadata.has_value());
    if (indexMetadata) {
        for (const auto& [key, value] : indexMetadata->items()) {
            QString text = jsonText(value);
            if (key == "total_size" && value.is_number_unsigned()) {
                text = tr("%1 (%2)").arg(formatBytesExact(value.get<std::uint64_t>()), formatBytes(value.get<std::uint64_t>()));
            }
            auto* item = new QTreeWidgetItem(m_indexMetadata, {QString::fromStdString(key), text});
            item->setToolTip(1, jsonText(value));
        }
    }

    m_warningsBox->setVisible(!checkpoint->warnings().empty());
    for (const std::string& warning : checkpoint->warnings()) {
        auto* item = new QTreeWidgetItem(m_warnings, {QString::fromStdString(warning)});
        item->setIcon(0, icon(IconName::Warning));
    }

    for (QTreeWidget* table : {m_files, m_dtypes, m_metadata, m_indexMetadata, m_warnings}) {
        fitHeight(table);
    }
}

}  // namespace lathe
