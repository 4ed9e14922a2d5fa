// DiffTableModel: the result of comparing two checkpoints, one row per tensor: status,
// dtype and shape on both sides, max |Δ| and the relative Frobenius norm of the change. The
// magnitude columns are tinted on a log scale relative to the largest change, so the layers a
// fine-tune touched stand out. GUI thread only; the diff it shows is immutable and shared.
#pragma once

#include "app/engine_values.h"

#include <QAbstractTableModel>
#include <QColor>

#include <array>

namespace lathe {

class DiffTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, StatusColumn, DTypeColumn, ShapeColumn, MaxAbsDiffColumn, RelativeColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,  // numbers as double (NaN sorts last), text as QString
        StatusRole,                   // int(TensorDiffStatus)
    };

    explicit DiffTableModel(QObject* parent = nullptr);

    void setDiffs(const TensorDiffsPtr& diffs);  // nullptr clears
    const TensorDiffsPtr& diffs() const { return m_diffs; }
    const TensorDiff* diffAt(int row) const;

    // Translated status words ("identical", "changed", ...).
    static QString statusText(TensorDiffStatus status);
    // The colour a status is written in; invalid for "identical".
    static QColor statusColor(TensorDiffStatus status);
    // How many rows have each status.
    std::array<int, 5> statusCounts() const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const TensorDiff& diff, int column) const;

    TensorDiffsPtr m_diffs;
    double m_largestMaxAbs = 0.0;  // of changed tensors, for the tint
    double m_largestRelative = 0.0;
};

}  // namespace lathe
