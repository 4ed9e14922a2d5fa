// CompareView: the inspector's compare mode: which two checkpoints, progress of the engine's
// comparison with a Cancel button, counts by status, a name filter, "changed only", and the
// sortable table of every tensor. A second checkpoint that fails to open shows an error panel
// here instead, with a button to choose another.
#pragma once

#include "app/engine_values.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace lathe {

class DiffFilterProxy;
class DiffTableModel;
class ErrorPanel;
class FilterBar;

class CompareView : public QWidget {
    Q_OBJECT

public:
    explicit CompareView(QWidget* parent = nullptr);

    // a/b: display names; the paths go into tooltips.
    void setSides(const QString& nameA, const QString& pathA, const QString& nameB, const QString& pathB);
    void setOpening(const QString& name);
    void setRunning();
    void setProgress(double fraction);
    void setDiffs(const TensorDiffsPtr& diffs);
    void setFailed(const QString& title, const QString& message, const QString& detail);
    void setCancelled();

    DiffTableModel* model() const { return m_model; }
    DiffFilterProxy* proxy() const { return m_proxy; }
    QTableView* table() const { return m_table; }
    FilterBar* filterBar() const { return m_filterBar; }
    QCheckBox* changedOnlyBox() const { return m_changedOnly; }
    ErrorPanel* errorPanel() const { return m_errorPanel; }
    bool isShowingError() const;
    QString statusText() const;

signals:
    void backRequested();
    void cancelRequested();
    void rerunRequested();
    void chooseAnotherRequested();
    void tensorActivated(const QString& name);

private:
    void showSummary();
    void fitColumns();

    QStackedWidget* m_stack = nullptr;
    QLabel* m_sides = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_rerun = nullptr;
    FilterBar* m_filterBar = nullptr;
    QCheckBox* m_changedOnly = nullptr;
    QTableView* m_table = nullptr;
    DiffTableModel* m_model = nullptr;
    DiffFilterProxy* m_proxy = nullptr;
    ErrorPanel* m_errorPanel = nullptr;
};

}  // namespace lathe
