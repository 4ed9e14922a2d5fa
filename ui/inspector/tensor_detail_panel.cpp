// TensorDetailPanel: properties form, statistics grid with progress, histogram box.
#include "ui/inspector/tensor_detail_panel.h"

#include "ui/common/icons.h"
#include "ui/common/number_format.h"
#include "ui/inspector/histogram_plot.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace lathe {
namespace {

// Lets a long dotted name wrap at its dots; only for display (copying uses the real name).
QString wrappableName(const QString& name)
{
    QString text = name;
    text.replace(QLatin1Char('.'), QStringLiteral(".\u200B"));
    return text;
}

// "1,572,864 (1.57 M)", or just "384" when the short form says nothing more.
QString countWithShort(quint64 count)
{
    const QString exact = formatCount(count);
    const QString brief = formatCountShort(count);
    return exact == brief ? exact : TensorDetailPanel::tr("%1 (%2)").arg(exact, brief);
}

QString countWithShare(quint64 count, quint64 total)
{
    if (count == 0 || total == 0) {
        return formatCount(count);
    }
    const double percent = 100.0 * double(count) / double(total);
    return QStringLiteral("%1 (%2 %)").arg(formatCount(count), QLocale().toString(percent, 'g', 3));
}

}  // namespace

TensorDetailPanel::TensorDetailPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* placeholder = new QLabel(tr("Select a tensor to see its details and statistics."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setForegroundRole(QPalette::PlaceholderText);

    auto* content = new QWidget(this);

    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    auto* copy = new QToolButton(content);
    copy->setText(tr("Copy name"));
    copy->setToolTip(tr("Copy the full tensor name to the clipboard"));
    copy->setAutoRaise(true);
    connect(copy, &QToolButton::clicked, this, [this] {
        QApplication::clipboard()->setText(titleText());
    });
    m_subtitle = new QLabel(content);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setWordWrap(true);

    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(copy, 0, Qt::AlignTop);

    auto* propertiesBox = new QGroupBox(tr("Properties"), content);
    auto* form = new QFormLayout(propertiesBox);
    form->setLabelAlignment(Qt::AlignLeft);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const std::array<QString, std::size_t(Property::Count)> names = {tr("DType"), tr("Shape"), tr("Parameters"),
                                                                      tr("Bytes"), tr("Shard"), tr("Data offsets")};
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto* label = new QLabel(names[i], propertiesBox);
        auto* value = new QLabel(propertiesBox);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        form->addRow(label, value);
        m_propertyLabels[i] = label;
        m_propertyValues[i] = value;
    }
    m_propertyValues[std::size_t(Property::Shape)]->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_statsBox = new QGroupBox(tr("Statistics"), content);
    auto* grid = new QGridLayout(m_statsBox);
    grid->setHorizontalSpacing(14);
    const std::array<QString, std::size_t(StatField::Count)> statNames = {
        tr("Min"), tr("Max"), tr("Mean"), tr("Std"), tr("NaN"), tr("+Inf"), tr("−Inf"), tr("Zeros")};
    const std::array<const char*, std::size_t(StatField::Count)> objectNames = {
        "statMin", "statMax", "statMean", "statStd", "statNaN", "statPosInf", "statNegInf", "statZeros"};
    for (std::size_t i = 0; i < statNames.size(); ++i) {
        auto* label = new QLabel(statNames[i], m_statsBox);
        label->setForegroundRole(QPalette::PlaceholderText);
        auto* value = new QLabel(QStringLiteral("—"), m_statsBox);
        value->setObjectName(QString::fromLatin1(objectNames[i]));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        const int row = int(i % 4);
        const int column = int(i / 4) * 2;
        grid->addWidget(label, row, column);
        grid->addWidget(value, row, column + 1);
        m_stats[i] = value;
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    m_progress = new QProgressBar(m_statsBox);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(10);
    m_cancel = new QPushButton(icon(IconName::Cancel), tr("Cancel"), m_statsBox);
    connect(m_cancel, &QPushButton::clicked, this, &TensorDetailPanel::cancelRequested);
    m_recompute = new QPushButton(tr("Compute"), m_statsBox);
    m_recompute->setToolTip(tr("Compute the statistics of this tensor again"));
    connect(m_recompute, &QPushButton::clicked, this, &TensorDetailPanel::recomputeRequested);
    m_status = new QLabel(m_statsBox);
    m_status->setObjectName(QStringLiteral("statStatus"));
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress, 1);
    statusRow->addWidget(m_cancel);
    statusRow->addWidget(m_recompute);
    grid->addLayout(statusRow, 4, 0, 1, 4);

    m_histogramBox = new QGroupBox(tr("Histogram"), content);
    m_histogram = new HistogramPlot(m_histogramBox);
    m_logScale = new QCheckBox(tr("Logarithmic counts"), m_histogramBox);
    m_logScale->setToolTip(tr("Show bar heights on a logarithmic axis, so rare values stay visible"));
    connect(m_logScale, &QCheckBox::toggled, this, [this](bool on) {
        m_histogram->setLogScale(on);
        emit logScaleChanged(on);
    });
    auto* histogramLayout = new QVBoxLayout(m_histogramBox);
    histogramLayout->addWidget(m_logScale, 0, Qt::AlignRight);
    histogramLayout->addWidget(m_histogram, 1);

    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(titleRow);
    contentLayout->addWidget(m_subtitle);
    contentLayout->addWidget(propertiesBox);
    contentLayout->addWidget(m_statsBox);
    contentLayout->addWidget(m_histogramBox, 1);

    // Scrolls rather than forcing the window taller than a small screen.
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(placeholder);
    m_stack->addWidget(scroll);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_stack);
    clear();
}

void TensorDetailPanel::setProperty(Property property, const QString& text, const QString& toolTip)
{
    QLabel* value = m_propertyValues[std::size_t(property)];
    value->setText(text);
    value->setToolTip(toolTip);
}

void TensorDetailPanel::clear()
{
    m_stack->setCurrentIndex(0);
    resetStats();
}

void TensorDetailPanel::resetStats()
{
    for (QLabel* value : m_stats) {
        value->setText(QStringLiteral("—"));
        value->setStyleSheet(QString());
    }
    m_status->clear();
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_recompute->setVisible(false);
    m_histogram->clearHistogram();
}

void TensorDetailPanel::setStatsVisible(bool visible)
{
    m_statsBox->setVisible(visible);
    m_histogramBox->setVisible(visible);
}

void TensorDetailPanel::showTensor(const CheckpointPtr& checkpoint, std::size_t tensorIndex)
{
    const Checkpoint::Tensor& tensor = checkpoint->tensors().at(tensorIndex);
    const TensorInfo& info = *tensor.info;
    const QString name = QString::fromStdString(info.name);
    m_title->setText(wrappableName(name));
    m_title->setProperty("fullName", name);
    m_elementCount = info.elementCount();
    m_subtitle->setText(tr("%1 · %2 · %3").arg(formatDType(info.dtype), shapeText(info.shape), formatBytes(info.byteSize())));

    const SafetensorsFile& shard = checkpoint->shards()[tensor.shard];
    const quint64 start = shard.header().dataStart();
    m_propertyLabels[std::size_t(Property::Shape)]->setText(tr("Shape"));
    m_propertyLabels[std::size_t(Property::Offsets)]->setVisible(true);
    m_propertyValues[std::size_t(Property::Offsets)]->setVisible(true);
    setProperty(Property::DType, formatDType(info.dtype));
    setProperty(Property::Shape, shapeText(info.shape));
    setProperty(Property::Parameters, countWithShort(info.elementCount()));
    setProperty(Property::Bytes, tr("%1 (%2)").arg(formatBytes(info.byteSize()), formatBytesExact(info.byteSize())));
    setProperty(Property::Shard, QString::fromStdString(shard.path().filename().string()),
                QString::fromStdString(shard.path().string()));
    setProperty(Property::Offsets, tr("[%1, %2]").arg(info.begin).arg(info.end),
                tr("Bytes %1 – %2 of the file").arg(start + info.begin).arg(start + info.end));
    setStatsVisible(true);
    resetStats();
    m_stack->setCurrentIndex(1);
}

void TensorDetailPanel::showGroup(const QString& path, quint64 tensors, quint64 parameters, quint64 bytes,
                                  const QString& dtype, const QString& shard)
{
    m_title->setText(wrappableName(path));
    m_title->setProperty("fullName", path);
    m_subtitle->setText(tr("Module with %n tensor(s)", nullptr, int(tensors)));
    m_propertyLabels[std::size_t(Property::Shape)]->setText(tr("Tensors"));
    setProperty(Property::DType, dtype);
    setProperty(Property::Shape, formatCount(tensors));
    setProperty(Property::Parameters, countWithShort(parameters));
    setProperty(Property::Bytes, tr("%1 (%2)").arg(formatBytes(bytes), formatBytesExact(bytes)));
    setProperty(Property::Shard, shard);
    m_propertyLabels[std::size_t(Property::Offsets)]->setVisible(false);
    m_propertyValues[std::size_t(Property::Offsets)]->setVisible(false);
    setStatsVisible(false);
    resetStats();
    m_stack->setCurrentIndex(1);
}

void TensorDetailPanel::setStatsRunning()
{
    resetStats();
    m_status->setText(tr("Computing…"));
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
}

void TensorDetailPanel::setStatsProgress(double fraction)
{
    m_progress->setValue(int(fraction * 1000.0));
}

void TensorDetailPanel::setStats(const TensorStats& stats)
{
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_recompute->setVisible(false);
    const std::array<double, 4> moments = {stats.min, stats.max, stats.mean, stats.std};
    for (std::size_t i = 0; i < moments.size(); ++i) {
        m_stats[i]->setText(formatValue(moments[i]));
    }
    const std::array<quint64, 4> counts = {stats.nanCount, stats.posInfCount, stats.negInfCount, stats.zeroCount};
    for (std::size_t i = 0; i < counts.size(); ++i) {
        QLabel* value = m_stats[i + 4];
        value->setText(countWithShare(counts[i], stats.count));
        // NaN and infinities in weights are almost always a bug worth seeing at a glance.
        const bool alarming = i < 3 && counts[i] > 0;
        value->setStyleSheet(alarming ? QStringLiteral("color: #e5534b; font-weight: bold;") : QString());
    }
    m_status->setText(tr("%1 finite of %2 elements").arg(formatCount(stats.finiteCount), formatCount(stats.count)));
    m_histogram->setHistogram(stats.histogram);
}

void TensorDetailPanel::setStatsFailed(const QString& message)
{
    resetStats();
    m_status->setText(tr("Statistics failed: %1").arg(message));
    m_recompute->setVisible(true);
}

void TensorDetailPanel::setStatsCancelled()
{
    resetStats();
    m_status->setText(tr("Cancelled."));
    m_recompute->setVisible(true);
}

void TensorDetailPanel::setLogScale(bool logScale)
{
    m_logScale->setChecked(logScale);
    m_histogram->setLogScale(logScale);
}

bool TensorDetailPanel::logScale() const
{
    return m_logScale->isChecked();
}

QString TensorDetailPanel::statText(StatField field) const
{
    return m_stats[std::size_t(field)]->text();
}

QString TensorDetailPanel::statusText() const
{
    return m_status->text();
}

QString TensorDetailPanel::titleText() const
{
    return m_title->property("fullName").toString();
}

}  // namespace lathe
