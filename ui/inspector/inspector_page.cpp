// InspectorPage: the page's states (empty, opening, error, content), its two modes (browse,
// compare) and the request bookkeeping that ties engine answers to what is on screen.
#include "ui/inspector/inspector_page.h"

#include "app/engine_host.h"
#include "ui/common/empty_state_panel.h"
#include "ui/common/error_panel.h"
#include "ui/common/filter_bar.h"
#include "ui/common/icons.h"
#include "ui/common/number_format.h"
#include "ui/inspector/checkpoint_header.h"
#include "ui/inspector/checkpoint_summary_panel.h"
#include "ui/inspector/compare_view.h"
#include "ui/inspector/tensor_detail_panel.h"
#include "ui/inspector/tensor_filter_proxy.h"
#include "ui/inspector/tensor_tree_model.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace lathe {
namespace {

enum StateIndex { EmptyIndex, OpeningIndex, ErrorIndex, ContentIndex };
enum ModeIndex { BrowseIndex, CompareIndex };

// Expanding everything is cheap up to a few thousand rows; beyond, only the first levels.
constexpr int kExpandAllLimit = 4000;

QString displayNameOf(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        return QDir(info.absoluteFilePath()).dirName();
    }
    // An index speaks for its folder: "Llama-3-8B", not "model.safetensors.index.json".
    if (info.fileName().endsWith(QLatin1String(".safetensors.index.json"))) {
        return info.absoluteDir().dirName();
    }
    return info.fileName();
}

}  // namespace

InspectorPage::InspectorPage(EngineHost& engine, QWidget* parent)
    : Page(parent)
    , m_engine(engine)
{
    m_emptyPanel = new EmptyStatePanel(this);
    m_emptyPanel->setTitle(tr("Open a checkpoint"));
    m_emptyPanel->setDescription(tr("See every tensor of a .safetensors file, a sharded model (model.safetensors.index.json) "
                                    "or a model folder: names, dtypes, shapes and sizes, and statistics and a histogram "
                                    "of any tensor. Nothing is loaded into memory; the files are mapped."));
    m_emptyPanel->setDropHint(tr("or drop a file or folder anywhere in this window"));
    connect(m_emptyPanel, &EmptyStatePanel::openFileRequested, this, &Page::openFileRequested);
    connect(m_emptyPanel, &EmptyStatePanel::openFolderRequested, this, &Page::openFolderRequested);

    m_errorPanel = new ErrorPanel(this);
    connect(m_errorPanel, &ErrorPanel::actionRequested, this, &Page::openFileRequested);

    m_header = new CheckpointHeader(this);
    connect(m_header, &CheckpointHeader::compareFileRequested, this, [this] { chooseCompare(false); });
    connect(m_header, &CheckpointHeader::compareFolderRequested, this, [this] { chooseCompare(true); });

    m_compare = new CompareView(this);
    connect(m_compare, &CompareView::backRequested, this, &InspectorPage::closeCompare);
    connect(m_compare, &CompareView::cancelRequested, this, [this] {
        m_engine.cancel(m_diffRequest);
        m_engine.cancel(m_compareOpenRequest);
    });
    connect(m_compare, &CompareView::rerunRequested, this, &InspectorPage::startDiff);
    connect(m_compare, &CompareView::chooseAnotherRequested, this, [this] { chooseCompare(false); });
    connect(m_compare, &CompareView::tensorActivated, this, [this](const QString& name) {
        closeCompare();
        selectTensor(name);
    });

    m_modes = new QStackedWidget(this);
    m_modes->addWidget(createBrowseView());
    m_modes->addWidget(m_compare);

    auto* line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    contentLayout->addWidget(m_header);
    contentLayout->addWidget(line);
    contentLayout->addWidget(m_modes, 1);

    m_states = new QStackedWidget(this);
    m_states->insertWidget(EmptyIndex, m_emptyPanel);
    m_states->insertWidget(OpeningIndex, createOpeningPanel());
    m_states->insertWidget(ErrorIndex, m_errorPanel);
    m_states->insertWidget(ContentIndex, content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_states);

    // Ctrl+F: the filter of whatever is showing, the tree or the comparison.
    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        FilterBar* bar = isComparing() ? m_compare->filterBar() : m_filterBar;
        bar->lineEdit()->setFocus(Qt::ShortcutFocusReason);
        bar->lineEdit()->selectAll();
    });

    connect(&m_engine, &EngineHost::checkpointOpened, this, &InspectorPage::onCheckpointOpened);
    connect(&m_engine, &EngineHost::statsReady, this, &InspectorPage::onStatsReady);
    connect(&m_engine, &EngineHost::diffReady, this, &InspectorPage::onDiffReady);
    connect(&m_engine, &EngineHost::progress, this, &InspectorPage::onProgress);
    connect(&m_engine, &EngineHost::failed, this, &InspectorPage::onFailed);
    connect(&m_engine, &EngineHost::cancelled, this, &InspectorPage::onCancelled);
    setState(State::Empty);
}

InspectorPage::~InspectorPage()
{
    for (RequestId id : {m_openRequest, m_statsRequest, m_compareOpenRequest, m_diffRequest}) {
        m_engine.cancel(id);
    }
}

QWidget* InspectorPage::createBrowseView()
{
    m_filterBar = new FilterBar(this);
    m_filterBar->setPlaceholderText(tr("Filter tensors, e.g. layers.0. or q_proj"));

    m_model = new TensorTreeModel(this);
    m_proxy = new TensorFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_tree = new QTreeView(this);
    m_tree->setModel(m_proxy);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(TensorTreeModel::NameColumn, Qt::AscendingOrder);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(TensorTreeModel::NameColumn, QHeaderView::Stretch);
    m_tree->header()->setMinimumSectionSize(48);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setIndentation(14);
    m_tree->header()->setFirstSectionMovable(false);
    m_tree->header()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree->header(), &QHeaderView::customContextMenuRequested, this, &InspectorPage::showColumnMenu);
    connect(m_filterBar, &FilterBar::filterChanged, this, [this](const TextFilter& filter) {
        m_proxy->setTextFilter(filter);
        applyFilterExpansion();
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &InspectorPage::onCurrentChanged);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    leftLayout->addWidget(m_filterBar);
    leftLayout->addWidget(m_tree, 1);

    m_detail = new TensorDetailPanel(this);
    connect(m_detail, &TensorDetailPanel::cancelRequested, this, [this] { m_engine.cancel(m_statsRequest); });
    connect(m_detail, &TensorDetailPanel::recomputeRequested, this, [this] {
        if (m_statsTensor) {
            startStats(*m_statsTensor);
        }
    });
    m_summary = new CheckpointSummaryPanel(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_detail, tr("Tensor"));
    m_tabs->addTab(m_summary, tr("Checkpoint"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    return m_splitter;
}

QWidget* InspectorPage::createOpeningPanel()
{
    auto* panel = new QWidget(this);
    m_openingLabel = new QLabel(panel);
    m_openingLabel->setAlignment(Qt::AlignCenter);
    auto* bar = new QProgressBar(panel);
    bar->setRange(0, 0);
    bar->setMaximumWidth(320);
    auto* layout = new QVBoxLayout(panel);
    layout->addStretch();
    layout->addWidget(m_openingLabel);
    layout->addWidget(bar, 0, Qt::AlignHCenter);
    layout->addStretch();
    return panel;
}

QString InspectorPage::pageId() const
{
    return QStringLiteral("inspector");
}

QString InspectorPage::title() const
{
    return tr("Inspector");
}

QIcon InspectorPage::icon() const
{
    return lathe::icon(IconName::Inspector);
}

QString InspectorPage::openFileFilter() const
{
    return tr("Safetensors checkpoints (*.safetensors *.safetensors.index.json);;JSON index files (*.json);;All files (*)");
}

bool InspectorPage::applyArguments(const QStringList& arguments, QString* error)
{
    QString path;
    QString compare;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        const bool takesValue = argument == QLatin1String("--compare") || argument == QLatin1String("--select") ||
                                argument == QLatin1String("--tab");
        if (takesValue && i + 1 >= arguments.size()) {
            *error = tr("%1 needs a value").arg(argument);
            return false;
        }
        if (argument == QLatin1String("--compare")) {
            compare = arguments[++i];
        } else if (argument == QLatin1String("--select")) {
            m_pendingSelection = arguments[++i];
        } else if (argument == QLatin1String("--tab")) {
            const QString tab = arguments[++i];
            if (tab != QLatin1String("tensor") && tab != QLatin1String("checkpoint")) {
                *error = tr("--tab: \"%1\" is not tensor or checkpoint").arg(tab);
                return false;
            }
            m_pendingTab = tab;
        } else if (argument.startsWith(QLatin1String("--"))) {
            *error = tr("unknown option \"%1\" for the inspector").arg(argument);
            return false;
        } else if (path.isEmpty()) {
            path = argument;
        } else {
            *error = tr("the inspector takes one path, got \"%1\" and \"%2\"").arg(path, argument);
            return false;
        }
    }
    if (path.isEmpty() && (!compare.isEmpty() || !m_pendingSelection.isEmpty())) {
        *error = tr("--compare and --select need a checkpoint: give PATH first");
        return false;
    }
    if (!path.isEmpty()) {
        openPath(path);
    }
    if (!compare.isEmpty()) {
        compareWith(compare);
    }
    return true;
}

void InspectorPage::openPath(const QString& path)
{
    for (RequestId id : {m_openRequest, m_statsRequest}) {
        m_engine.cancel(id);
    }
    resetCompare();
    m_statsRequest = 0;
    m_statsTensor.reset();
    m_path = path;
    m_openingLabel->setText(tr("Opening %1…").arg(displayNameOf(path)));
    setState(State::Opening);
    m_openRequest = m_engine.openCheckpoint(path);
    updateBusy();
}

void InspectorPage::setState(State state)
{
    m_state = state;
    switch (state) {
    case State::Empty: m_states->setCurrentIndex(EmptyIndex); break;
    case State::Opening: m_states->setCurrentIndex(OpeningIndex); break;
    case State::Error: m_states->setCurrentIndex(ErrorIndex); break;
    case State::Content: m_states->setCurrentIndex(ContentIndex); break;
    }
}

void InspectorPage::updateBusy()
{
    const bool busy = m_openRequest != 0 || m_statsRequest != 0 || m_compareOpenRequest != 0 || m_diffRequest != 0;
    if (busy != m_busy) {
        m_busy = busy;
        emit busyChanged(busy);
    }
}

void InspectorPage::onCheckpointOpened(RequestId id, const CheckpointPtr& checkpoint)
{
    if (id == m_openRequest) {
        m_openRequest = 0;
        showCheckpoint(checkpoint);
        emit pathOpened(m_path);
        emit statusMessage(tr("Opened %1: %n tensor(s), %2 parameters, %3", nullptr, int(checkpoint->tensors().size()))
                               .arg(displayNameOf(m_path), formatCountShort(checkpoint->totalParameters()),
                                    formatBytes(checkpoint->totalBytes())));
        if (m_compareCheckpoint) {
            startDiff();
        }
    } else if (id == m_compareOpenRequest) {
        m_compareOpenRequest = 0;
        m_compareCheckpoint = checkpoint;
        if (m_checkpoint) {
            startDiff();
        }
    }
    updateBusy();
}

void InspectorPage::showCheckpoint(const CheckpointPtr& checkpoint)
{
    m_checkpoint = checkpoint;
    m_header->setCheckpoint(checkpoint, displayNameOf(m_path));
    m_summary->setCheckpoint(checkpoint);
    m_detail->clear();
    m_model->setCheckpoint(checkpoint);
    m_filterBar->clear();
    m_tabs->setCurrentWidget(m_detail);
    setState(State::Content);
    if (!m_splitterSized) {
        // The tree gets the larger share: its columns carry most of what there is to read.
        const int width = std::max(m_splitter->width(), 800);
        m_splitter->setSizes({width * 66 / 100, width * 34 / 100});
        m_splitterSized = true;
    }
    m_tree->expandToDepth(m_model->tensorCount(QModelIndex()) <= kExpandAllLimit ? 1 : 0);
    fitColumns();
    // Selecting a tensor starts its statistics: the one asked for on the command line, else the first.
    const QString wanted = std::exchange(m_pendingSelection, QString());
    if (wanted.isEmpty() || !selectTensor(wanted)) {
        selectFirstTensor();
    }
    if (std::exchange(m_pendingTab, QString()) == QLatin1String("checkpoint")) {
        m_tabs->setCurrentWidget(m_summary);
    }
}

void InspectorPage::fitColumns()
{
    // The figures fit their contents; the name takes the rest and elides in the middle, where
    // "post_attention_layernorm.weight" loses least.
    for (int c = TensorTreeModel::DTypeColumn; c < TensorTreeModel::ColumnCount; ++c) {
        m_tree->resizeColumnToContents(c);
    }
}

void InspectorPage::selectFirstTensor()
{
    QModelIndex index = m_proxy->index(0, 0);
    while (index.isValid() && m_proxy->hasChildren(index)) {
        m_tree->expand(index);
        index = m_proxy->index(0, 0, index);
    }
    if (index.isValid()) {
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    }
}

bool InspectorPage::selectTensor(const QString& name)
{
    if (!m_checkpoint) {
        return false;
    }
    const Checkpoint::Tensor* tensor = m_checkpoint->find(name.toStdString());
    if (tensor == nullptr) {
        return false;
    }
    const std::size_t tensorIndex = std::size_t(tensor - m_checkpoint->tensors().data());
    QModelIndex index = m_proxy->mapFromSource(m_model->indexOfTensor(tensorIndex));
    if (!index.isValid()) {
        m_filterBar->clear();  // hidden by the filter: show everything again
        index = m_proxy->mapFromSource(m_model->indexOfTensor(tensorIndex));
    }
    if (!index.isValid()) {
        return false;
    }
    for (QModelIndex up = index.parent(); up.isValid(); up = up.parent()) {
        m_tree->expand(up);
    }
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void InspectorPage::applyFilterExpansion()
{
    if (m_proxy->textFilter().isEmpty()) {
        return;
    }
    if (m_model->tensorCount(QModelIndex()) <= kExpandAllLimit) {
        m_tree->expandAll();
    } else {
        m_tree->expandToDepth(2);
    }
}

void InspectorPage::onCurrentChanged(const QModelIndex& current)
{
    const QModelIndex source = m_proxy->mapToSource(current);
    if (!source.isValid() || !m_checkpoint) {
        return;
    }
    const qint64 tensorIndex = source.data(TensorTreeModel::TensorIndexRole).toLongLong();
    if (tensorIndex < 0) {
        m_engine.cancel(m_statsRequest);
        m_statsRequest = 0;
        m_statsTensor.reset();
        m_detail->showGroup(source.data(TensorTreeModel::FullNameRole).toString(), m_model->tensorCount(source),
                            m_model->parameters(source), m_model->bytes(source),
                            source.siblingAtColumn(TensorTreeModel::DTypeColumn).data().toString(),
                            source.siblingAtColumn(TensorTreeModel::ShardColumn).data().toString());
        updateBusy();
        return;
    }
    m_detail->showTensor(m_checkpoint, std::size_t(tensorIndex));
    startStats(std::size_t(tensorIndex));
}

void InspectorPage::startStats(std::size_t tensorIndex)
{
    // EngineHost cancels the previous statistics request itself.
    m_statsTensor = tensorIndex;
    m_statsRequest = m_engine.computeStats(m_checkpoint, tensorIndex);
    m_detail->setStatsRunning();
    updateBusy();
}

void InspectorPage::onStatsReady(RequestId id, const TensorStats& stats)
{
    if (id != m_statsRequest) {
        return;
    }
    m_statsRequest = 0;
    m_detail->setStats(stats);
    updateBusy();
}

void InspectorPage::onDiffReady(RequestId id, const TensorDiffsPtr& diffs)
{
    if (id != m_diffRequest) {
        return;
    }
    m_diffRequest = 0;
    m_compare->setDiffs(diffs);
    updateBusy();
}

void InspectorPage::onProgress(RequestId id, double fraction)
{
    if (id == m_statsRequest) {
        m_detail->setStatsProgress(fraction);
    } else if (id == m_diffRequest) {
        m_compare->setProgress(fraction);
    }
}

void InspectorPage::onFailed(RequestId id, const QString& message)
{
    if (id == m_openRequest) {
        m_openRequest = 0;
        m_pendingSelection.clear();
        m_pendingTab.clear();
        m_checkpoint.reset();
        m_model->setCheckpoint(nullptr);
        resetCompare();
        m_errorPanel->setError(tr("Could not open %1").arg(displayNameOf(m_path)), message,
                               QDir::toNativeSeparators(QFileInfo(m_path).absoluteFilePath()));
        setState(State::Error);
        emit statusMessage(tr("Could not open %1").arg(displayNameOf(m_path)));
    } else if (id == m_statsRequest) {
        m_statsRequest = 0;
        m_detail->setStatsFailed(message);
    } else if (id == m_compareOpenRequest) {
        m_compareOpenRequest = 0;
        m_compare->setFailed(tr("Could not open %1").arg(displayNameOf(m_comparePath)), message,
                             QDir::toNativeSeparators(QFileInfo(m_comparePath).absoluteFilePath()));
    } else if (id == m_diffRequest) {
        m_diffRequest = 0;
        m_compare->setFailed(tr("Could not compare the checkpoints"), message, QString());
    }
    updateBusy();
}

void InspectorPage::onCancelled(RequestId id)
{
    if (id == m_statsRequest) {
        m_statsRequest = 0;
        m_detail->setStatsCancelled();
    } else if (id == m_diffRequest) {
        m_diffRequest = 0;
        m_compare->setCancelled();
    }
    updateBusy();
}

void InspectorPage::chooseCompare(bool folder)
{
    const QString start = QFileInfo(m_path).absolutePath();
    const QString path = folder ? QFileDialog::getExistingDirectory(this, tr("Compare with folder"), start)
                                : QFileDialog::getOpenFileName(this, tr("Compare with checkpoint"), start, openFileFilter());
    if (!path.isEmpty()) {
        compareWith(path);
    }
}

void InspectorPage::compareWith(const QString& path)
{
    if (!m_checkpoint && m_openRequest == 0) {
        emit statusMessage(tr("Open a checkpoint first, then compare it with another."));
        return;
    }
    resetCompare();
    m_comparePath = path;
    m_compare->setSides(displayNameOf(m_path), m_path, displayNameOf(path), path);
    m_compare->setOpening(displayNameOf(path));
    m_modes->setCurrentIndex(CompareIndex);
    m_compareOpenRequest = m_engine.openCheckpoint(path);
    updateBusy();
}

void InspectorPage::startDiff()
{
    if (!m_checkpoint || !m_compareCheckpoint) {
        return;
    }
    m_diffRequest = m_engine.diffCheckpoints(m_checkpoint, m_compareCheckpoint);
    m_compare->setRunning();
    updateBusy();
}

void InspectorPage::resetCompare()
{
    m_engine.cancel(m_compareOpenRequest);
    m_engine.cancel(m_diffRequest);
    m_compareOpenRequest = 0;
    m_diffRequest = 0;
    m_compareCheckpoint.reset();
    m_comparePath.clear();
    m_modes->setCurrentIndex(BrowseIndex);
}

void InspectorPage::closeCompare()
{
    resetCompare();
    updateBusy();
}

bool InspectorPage::isComparing() const
{
    return m_modes->currentIndex() == CompareIndex;
}

void InspectorPage::showColumnMenu(const QPoint& position)
{
    QMenu menu(this);
    QHeaderView* header = m_tree->header();
    for (int c = TensorTreeModel::DTypeColumn; c < TensorTreeModel::ColumnCount; ++c) {
        QAction* action = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(c));
        connect(action, &QAction::toggled, this, [header, c](bool shown) { header->setSectionHidden(c, !shown); });
    }
    menu.exec(header->mapToGlobal(position));
}

void InspectorPage::loadSettings(const QSettings& settings)
{
    const QStringList hidden = settings.value(QStringLiteral("hiddenColumns")).toStringList();
    for (const QString& column : hidden) {
        const int c = column.toInt();
        if (c > TensorTreeModel::NameColumn && c < TensorTreeModel::ColumnCount) {
            m_tree->header()->setSectionHidden(c, true);
        }
    }
    m_detail->setLogScale(settings.value(QStringLiteral("histogramLogScale"), false).toBool());
    const QByteArray splitter = settings.value(QStringLiteral("splitter")).toByteArray();
    if (!splitter.isEmpty()) {
        m_splitterSized = m_splitter->restoreState(splitter);
    }
}

void InspectorPage::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("histogramLogScale"), m_detail->logScale());
    QStringList hidden;
    for (int c = TensorTreeModel::DTypeColumn; c < TensorTreeModel::ColumnCount; ++c) {
        if (m_tree->header()->isSectionHidden(c)) {
            hidden << QString::number(c);
        }
    }
    settings.setValue(QStringLiteral("hiddenColumns"), hidden);
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
}

}  // namespace lathe
