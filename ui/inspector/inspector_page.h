// InspectorPage: open a .safetensors file, a sharded checkpoint's index or a model folder and
// look inside: the tensors as a filterable tree grouped by module, the checkpoint summary, and
// the selected tensor's details with statistics computed on the engine thread. Compare mode
// lines the checkpoint up against a second one. Every engine call goes through EngineHost, so
// the page never blocks; answers are matched to the request ids this page holds.
#pragma once

#include "app/engine_values.h"
#include "ui/common/page.h"

#include <optional>

class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTreeView;
class QLabel;

namespace lathe {

class CheckpointHeader;
class CheckpointSummaryPanel;
class CompareView;
class EmptyStatePanel;
class EngineHost;
class ErrorPanel;
class FilterBar;
class TensorDetailPanel;
class TensorFilterProxy;
class TensorTreeModel;

class InspectorPage : public Page {
    Q_OBJECT

public:
    enum class State { Empty, Opening, Error, Content };

    explicit InspectorPage(EngineHost& engine, QWidget* parent = nullptr);
    ~InspectorPage() override;

    QString pageId() const override;
    QString title() const override;
    QIcon icon() const override;
    bool opensPaths() const override { return true; }
    void openPath(const QString& path) override;
    QString openFileFilter() const override;
    // ARGS: [PATH] [--compare OTHER] [--select TENSOR] [--tab tensor|checkpoint]
    bool applyArguments(const QStringList& arguments, QString* error) override;
    bool isBusy() const override { return m_busy; }
    void loadSettings(const QSettings& settings) override;
    void saveSettings(QSettings& settings) const override;

    // Compare mode against a second checkpoint; works while the first is still opening.
    void compareWith(const QString& path);
    void closeCompare();
    bool isComparing() const;

    // Selects a tensor by full name in the tree (expanding its groups); false when absent.
    bool selectTensor(const QString& name);

    State state() const { return m_state; }
    const QString& path() const { return m_path; }
    const CheckpointPtr& checkpoint() const { return m_checkpoint; }
    QTreeView* tree() const { return m_tree; }
    TensorTreeModel* model() const { return m_model; }
    TensorFilterProxy* proxy() const { return m_proxy; }
    FilterBar* filterBar() const { return m_filterBar; }
    TensorDetailPanel* detailPanel() const { return m_detail; }
    CheckpointSummaryPanel* summaryPanel() const { return m_summary; }
    ErrorPanel* errorPanel() const { return m_errorPanel; }
    EmptyStatePanel* emptyPanel() const { return m_emptyPanel; }
    CompareView* compareView() const { return m_compare; }
    CheckpointHeader* header() const { return m_header; }

private:
    QWidget* createBrowseView();
    QWidget* createOpeningPanel();
    void setState(State state);
    void updateBusy();
    void resetCompare();

    void onCheckpointOpened(RequestId id, const CheckpointPtr& checkpoint);
    void onStatsReady(RequestId id, const TensorStats& stats);
    void onDiffReady(RequestId id, const TensorDiffsPtr& diffs);
    void onProgress(RequestId id, double fraction);
    void onFailed(RequestId id, const QString& message);
    void onCancelled(RequestId id);

    void showCheckpoint(const CheckpointPtr& checkpoint);
    void onCurrentChanged(const QModelIndex& current);
    void startStats(std::size_t tensorIndex);
    void startDiff();
    void selectFirstTensor();
    void fitColumns();
    void chooseCompare(bool folder);
    void applyFilterExpansion();
    void showColumnMenu(const QPoint& position);

    EngineHost& m_engine;
    State m_state = State::Empty;
    bool m_busy = false;

    QStackedWidget* m_states = nullptr;
    EmptyStatePanel* m_emptyPanel = nullptr;
    QLabel* m_openingLabel = nullptr;
    ErrorPanel* m_errorPanel = nullptr;
    CheckpointHeader* m_header = nullptr;
    QStackedWidget* m_modes = nullptr;
    QSplitter* m_splitter = nullptr;
    FilterBar* m_filterBar = nullptr;
    QTreeView* m_tree = nullptr;
    TensorTreeModel* m_model = nullptr;
    TensorFilterProxy* m_proxy = nullptr;
    QTabWidget* m_tabs = nullptr;
    TensorDetailPanel* m_detail = nullptr;
    CheckpointSummaryPanel* m_summary = nullptr;
    CompareView* m_compare = nullptr;

    QString m_path;
    CheckpointPtr m_checkpoint;
    RequestId m_openRequest = 0;
    RequestId m_statsRequest = 0;
    std::optional<std::size_t> m_statsTensor;
    QString m_comparePath;
    CheckpointPtr m_compareCheckpoint;
    RequestId m_compareOpenRequest = 0;
    RequestId m_diffRequest = 0;
    bool m_splitterSized = false;
    QString m_pendingSelection;  // from the command line, applied once the checkpoint opens
    QString m_pendingTab;  // restored from settings or sized on first content
};

}  // namespace lathe
