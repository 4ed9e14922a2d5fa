// TensorFilterProxy: recursive filtering on leaves only, natural and numeric sorting.
#include "ui/inspector/tensor_filter_proxy.h"

#include "ui/common/natural_compare.h"
#include "ui/inspector/tensor_tree_model.h"

namespace lathe {

TensorFilterProxy::TensorFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(TensorTreeModel::SortRole);
    setDynamicSortFilter(true);
}

void TensorFilterProxy::setTextFilter(const TextFilter& filter)
{
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    invalidateFilter();
}

bool TensorFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    // Groups are kept by recursive filtering when a tensor below them matches, so a group never
    // shows up empty; matching on the full name lets "layers.3.mlp" find what it says.
    if (index.data(TensorTreeModel::IsGroupRole).toBool()) {
        return false;
    }
    return m_filter.matches(index.data(TensorTreeModel::FullNameRole).toString());
}

bool TensorFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (const int order = compareSortKeys(left.data(sortRole()), right.data(sortRole())); order != 0) {
        return order < 0;
    }
    // Equal keys: keep a stable, readable order by name.
    const QString nameA = left.siblingAtColumn(TensorTreeModel::NameColumn).data().toString();
    const QString nameB = right.siblingAtColumn(TensorTreeModel::NameColumn).data().toString();
    return naturalLess(nameA, nameB);
}

}  // namespace lathe
