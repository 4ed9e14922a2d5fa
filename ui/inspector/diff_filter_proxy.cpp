// DiffFilterProxy: name filter, "changed only", natural and numeric sorting.
#include "ui/inspector/diff_filter_proxy.h"

#include "ui/common/natural_compare.h"
#include "ui/inspector/diff_table_model.h"

namespace lathe {

DiffFilterProxy::DiffFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DiffTableModel::SortRole);
    setDynamicSortFilter(true);
}

void DiffFilterProxy::setTextFilter(const TextFilter& filter)
{
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    invalidateFilter();
}

void DiffFilterProxy::setChangedOnly(bool changedOnly)
{
    if (changedOnly == m_changedOnly) {
        return;
    }
    m_changedOnly = changedOnly;
    invalidateFilter();
}

bool DiffFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, DiffTableModel::NameColumn, sourceParent);
    if (m_changedOnly && index.data(DiffTableModel::StatusRole).toInt() == int(TensorDiffStatus::Identical)) {
        return false;
    }
    return m_filter.matches(index.data().toString());
}

bool DiffFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (const int order = compareSortKeys(left.data(sortRole()), right.data(sortRole())); order != 0) {
        return order < 0;
    }
    // Equal keys: keep a stable, readable order by name.
    const QString nameA = left.siblingAtColumn(DiffTableModel::NameColumn).data().toString();
    const QString nameB = right.siblingAtColumn(DiffTableModel::NameColumn).data().toString();
    return naturalLess(nameA, nameB);
}

}  // namespace lathe
