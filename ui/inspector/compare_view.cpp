// CompareView: header, progress row, filter row and the diff table, or an error panel.
#include "ui/inspector/compare_view.h"

#include "ui/common/error_panel.h"
#include "ui/common/filter_bar.h"
#include "ui/common/icons.h"
#include "ui/common/number_format.h"
#include "ui/inspector/diff_filter_proxy.h"
#include "ui/inspector/diff_table_model.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace lathe {

CompareView::CompareView(QWidget* parent)
    : QWidget(parent)
{
    auto* back = new QPushButton(icon(IconName::Back), tr("Back to tensors"), this);
    connect(back, &QPushButton::clicked, this, &CompareView::backRequested);
    m_sides = new QLabel(this);
    m_sides->setTextFormat(Qt::RichText);
    m_sides->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(back);
    top->addSpacing(8);
    top->addWidget(m_sides, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setTextFormat(Qt::RichText);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(260);
    m_cancel = new QPushButton(icon(IconName::Cancel), tr("Cancel"), this);
    connect(m_cancel, &QPushButton::clicked, this, &CompareView::cancelRequested);
    m_rerun = new QPushButton(tr("Compare again"), this);
    connect(m_rerun, &QPushButton::clicked, this, &CompareView::rerunRequested);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancel);
    statusRow->addWidget(m_rerun);

    m_filterBar = new FilterBar(this);
    m_filterBar->setPlaceholderText(tr("Filter tensors by name"));
    m_changedOnly = new QCheckBox(tr("Changed only"), this);
    m_changedOnly->setToolTip(tr("Hide tensors that are identical in both checkpoints"));
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterBar, 1);
    filterRow->addWidget(m_changedOnly, 0, Qt::AlignTop);

    m_model = new DiffTableModel(this);
    m_proxy = new DiffFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    // Most changed first: what a fine-tune touched is what people open this view for.
    m_table->sortByColumn(DiffTableModel::RelativeColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(DiffTableModel::NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setHighlightSections(false);
    connect(m_filterBar, &FilterBar::filterChanged, m_proxy, &DiffFilterProxy::setTextFilter);
    connect(m_changedOnly, &QCheckBox::toggled, m_proxy, &DiffFilterProxy::setChangedOnly);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit tensorActivated(index.siblingAtColumn(DiffTableModel::NameColumn).data().toString());
    });

    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(statusRow);
    contentLayout->addLayout(filterRow);
    contentLayout->addWidget(m_table, 1);

    m_errorPanel = new ErrorPanel(this);
    m_errorPanel->setActionText(tr("Choose another…"));
    connect(m_errorPanel, &ErrorPanel::actionRequested, this, &CompareView::chooseAnotherRequested);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(content);
    m_stack->addWidget(m_errorPanel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
}

void CompareView::setSides(const QString& nameA, const QString& pathA, const QString& nameB, const QString& pathB)
{
    m_sides->setText(tr("<b>A</b> %1 &nbsp;⇄&nbsp; <b>B</b> %2").arg(nameA.toHtmlEscaped(), nameB.toHtmlEscaped()));
    m_sides->setToolTip(tr("A: %1\nB: %2").arg(pathA, pathB));
}

void CompareView::setOpening(const QString& name)
{
    m_stack->setCurrentIndex(0);
    m_model->setDiffs(nullptr);
    m_status->setText(tr("Opening %1…").arg(name.toHtmlEscaped()));
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);  // busy until the checkpoint is open
    m_cancel->setVisible(false);
    m_rerun->setVisible(false);
}

void CompareView::setRunning()
{
    m_stack->setCurrentIndex(0);
    m_model->setDiffs(nullptr);
    m_status->setText(tr("Comparing every tensor…"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    m_rerun->setVisible(false);
}

void CompareView::setProgress(double fraction)
{
    m_progress->setValue(int(fraction * 1000.0));
}

void CompareView::setDiffs(const TensorDiffsPtr& diffs)
{
    m_stack->setCurrentIndex(0);
    m_model->setDiffs(diffs);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_rerun->setVisible(false);
    showSummary();
    fitColumns();
}

void CompareView::setFailed(const QString& title, const QString& message, const QString& detail)
{
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_errorPanel->setError(title, message, detail);
    m_stack->setCurrentIndex(1);
}

void CompareView::setCancelled()
{
    m_stack->setCurrentIndex(0);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_rerun->setVisible(true);
    m_status->setText(tr("Comparison cancelled."));
}

bool CompareView::isShowingError() const
{
    return m_stack->currentIndex() == 1;
}

QString CompareView::statusText() const
{
    return m_status->text();
}

void CompareView::showSummary()
{
    const std::array<int, 5> counts = m_model->statusCounts();
    const std::array<TensorDiffStatus, 5> order = {TensorDiffStatus::Changed, TensorDiffStatus::ShapeChanged,
                                                   TensorDiffStatus::Added, TensorDiffStatus::Removed,
                                                   TensorDiffStatus::Identical};
    QStringList parts;
    for (TensorDiffStatus status : order) {
        const int count = counts[std::size_t(status)];
        if (count == 0 && status != TensorDiffStatus::Changed) {
            continue;
        }
        const QString text = tr("<b>%1</b> %2").arg(formatCount(std::uint64_t(count)), DiffTableModel::statusText(status));
        const QColor colour = DiffTableModel::statusColor(status);
        parts << (colour.isValid() && count > 0 ? QStringLiteral("<span style='color:%1'>%2</span>").arg(colour.name(), text) : text);
    }
    m_status->setText(parts.join(QStringLiteral(" &nbsp;·&nbsp; ")));
}

void CompareView::fitColumns()
{
    QHeaderView* header = m_table->horizontalHeader();
    for (int c = DiffTableModel::StatusColumn; c < DiffTableModel::ColumnCount; ++c) {
        m_table->resizeColumnToContents(c);
        header->resizeSection(c, std::max(header->sectionSize(c), 90));
    }
}

}  // namespace lathe
