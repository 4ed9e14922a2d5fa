// TensorFilterProxy: filters the tensor tree by full tensor name (a group stays while any
// tensor below it matches) and sorts names naturally and sizes as numbers.
#pragma once

#include "ui/common/text_filter.h"

#include <QSortFilterProxyModel>

namespace lathe {

class TensorFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit TensorFilterProxy(QObject* parent = nullptr);

    void setTextFilter(const TextFilter& filter);
    const TextFilter& textFilter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    TextFilter m_filter;
};

}  // namespace lathe
