// DiffTableModel: formatting a TensorDiff per column, plus a heat tint for the magnitudes.
#include "ui/inspector/diff_table_model.h"

#include "ui/common/number_format.h"

#include <QColor>
#include <QFontDatabase>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lathe {

// Mid-tone colours that read on light and dark bases alike.
QColor DiffTableModel::statusColor(TensorDiffStatus status)
{
    switch (status) {
    case TensorDiffStatus::Identical: return {};
    case TensorDiffStatus::Changed: return QColor(0xe0, 0x8a, 0x1e);
    case TensorDiffStatus::ShapeChanged: return QColor(0xa3, 0x5d, 0xd6);
    case TensorDiffStatus::Added: return QColor(0x2f, 0xa8, 0x4f);
    case TensorDiffStatus::Removed: return QColor(0xe5, 0x53, 0x4b);
    }
    return {};
}

namespace {

// Where a value sits between a tenth of a thousandth of the largest change and the largest,
// on a log scale: 0 below, 1 at the top. Relative to this comparison, since one fine-tune
// moves weights by 1e-5 and another by 1e-1, and either way the question is which moved most.
double heat(double value, double largest)
{
    constexpr double kDecades = 4.0;
    if (!(value > 0.0) || !(largest > 0.0)) {
        return 0.0;
    }
    if (std::isinf(value)) {
        return 1.0;
    }
    const double t = (std::log10(value) - std::log10(largest)) / kDecades + 1.0;
    return std::clamp(t, 0.0, 1.0);
}

QString arrow(const QString& a, const QString& b)
{
    return a == b ? a : QStringLiteral("%1 → %2").arg(a, b);
}

}  // namespace

DiffTableModel::DiffTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void DiffTableModel::setDiffs(const TensorDiffsPtr& diffs)
{
    beginResetModel();
    m_diffs = diffs;
    m_largestMaxAbs = 0.0;
    m_largestRelative = 0.0;
    if (m_diffs) {
        for (const TensorDiff& diff : *m_diffs) {
            if (diff.status == TensorDiffStatus::Changed) {
                if (std::isfinite(diff.maxAbsDiff)) {
                    m_largestMaxAbs = std::max(m_largestMaxAbs, diff.maxAbsDiff);
                }
                if (std::isfinite(diff.relativeFrobenius)) {
                    m_largestRelative = std::max(m_largestRelative, diff.relativeFrobenius);
                }
            }
        }
    }
    endResetModel();
}

const TensorDiff* DiffTableModel::diffAt(int row) const
{
    if (!m_diffs || row < 0 || std::size_t(row) >= m_diffs->size()) {
        return nullptr;
    }
    return &(*m_diffs)[std::size_t(row)];
}

QString DiffTableModel::statusText(TensorDiffStatus status)
{
    switch (status) {
    case TensorDiffStatus::Identical: return tr("identical");
    case TensorDiffStatus::Changed: return tr("changed");
    case TensorDiffStatus::ShapeChanged: return tr("shape changed");
    case TensorDiffStatus::Added: return tr("added");
    case TensorDiffStatus::Removed: return tr("removed");
    }
    return {};
}

std::array<int, 5> DiffTableModel::statusCounts() const
{
    std::array<int, 5> counts{};
    if (m_diffs) {
        for (const TensorDiff& diff : *m_diffs) {
            ++counts[std::size_t(diff.status)];
        }
    }
    return counts;
}

int DiffTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_diffs ? 0 : int(m_diffs->size());
}

int DiffTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiffTableModel::displayData(const TensorDiff& diff, int column) const
{
    const bool added = diff.status == TensorDiffStatus::Added;
    const bool removed = diff.status == TensorDiffStatus::Removed;
    switch (column) {
    case NameColumn: return QString::fromStdString(diff.name);
    case StatusColumn: return statusText(diff.status);
    case DTypeColumn:
        if (added || removed) {
            return formatDType(added ? diff.dtypeB : diff.dtypeA);
        }
        return arrow(formatDType(diff.dtypeA), formatDType(diff.dtypeB));
    case ShapeColumn:
        if (added) {
            return shapeText(diff.shapeB);
        }
        if (removed) {
            return shapeText(diff.shapeA);
        }
        return arrow(shapeText(diff.shapeA), shapeText(diff.shapeB));
    case MaxAbsDiffColumn:
    case RelativeColumn: {
        const bool compared = diff.status == TensorDiffStatus::Identical || diff.status == TensorDiffStatus::Changed;
        if (!compared) {
            return QStringLiteral("—");
        }
        const double value = column == MaxAbsDiffColumn ? diff.maxAbsDiff : diff.relativeFrobenius;
        return formatValue(value, 4);
    }
    default: return {};
    }
}

QVariant DiffTableModel::data(const QModelIndex& index, int role) const
{
    const TensorDiff* diff = diffAt(index.row());
    if (diff == nullptr) {
        return {};
    }
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return displayData(*diff, column);
    case Qt::ToolTipRole:
        if (column == MaxAbsDiffColumn || column == RelativeColumn) {
            const double value = column == MaxAbsDiffColumn ? diff->maxAbsDiff : diff->relativeFrobenius;
            if (std::isnan(value) && (diff->status == TensorDiffStatus::Changed || diff->status == TensorDiffStatus::Identical)) {
                return tr("A value is NaN on one side, so the difference is unknown");
            }
            return column == MaxAbsDiffColumn ? tr("Largest absolute difference of any element: %1").arg(formatValue(value, 10))
                                              : tr("‖B − A‖ / ‖A‖ (Frobenius norms): %1").arg(formatValue(value, 10));
        }
        return displayData(*diff, column);
    case Qt::ForegroundRole:
        if (column == StatusColumn && diff->status != TensorDiffStatus::Identical) {
            return DiffTableModel::statusColor(diff->status);
        }
        if (diff->status == TensorDiffStatus::Identical && column != NameColumn) {
            return QPalette().brush(QPalette::PlaceholderText);
        }
        return {};
    case Qt::BackgroundRole: {
        if (diff->status != TensorDiffStatus::Changed) {
            return {};
        }
        double t = 0.0;
        if (column == RelativeColumn) {
            t = heat(diff->relativeFrobenius, m_largestRelative);
        } else if (column == MaxAbsDiffColumn) {
            t = heat(diff->maxAbsDiff, m_largestMaxAbs);
        } else {
            return {};
        }
        QColor tint(0xf0, 0x6a, 0x1e);
        tint.setAlphaF(float(0.06 + 0.54 * t));
        return tint;
    }
    case Qt::FontRole:
        if (column == ShapeColumn || column == MaxAbsDiffColumn || column == RelativeColumn) {
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == MaxAbsDiffColumn || column == RelativeColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole:
        if (column == MaxAbsDiffColumn || column == RelativeColumn) {
            const double value = column == MaxAbsDiffColumn ? diff->maxAbsDiff : diff->relativeFrobenius;
            const bool compared = diff->status == TensorDiffStatus::Identical || diff->status == TensorDiffStatus::Changed;
            if (!compared) {
                // Added, removed or reshaped: a structural change, larger than any value change.
                return std::numeric_limits<double>::max();
            }
            return std::isnan(value) ? -1.0 : value;
        }
        if (column == StatusColumn) {
            return int(diff->status);
        }
        return displayData(*diff, column);
    case StatusRole: return int(diff->status);
    default: return {};
    }
}

QVariant DiffTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn: return tr("Tensor");
        case StatusColumn: return tr("Status");
        case DTypeColumn: return tr("DType A → B");
        case ShapeColumn: return tr("Shape A → B");
        case MaxAbsDiffColumn: return tr("Max |Δ|");
        case RelativeColumn: return tr("Rel. Frobenius");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case MaxAbsDiffColumn: return tr("The largest absolute difference of any element");
        case RelativeColumn: return tr("‖B − A‖ / ‖A‖: how much of the tensor changed, relative to its size");
        default: return {};
        }
    }
    return {};
}

}  // namespace lathe
