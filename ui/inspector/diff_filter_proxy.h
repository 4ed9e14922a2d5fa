// DiffFilterProxy: filters the comparison table by tensor name and, on request, to tensors
// that differ (everything but "identical"); sorts names naturally and magnitudes as numbers.
#pragma once

#include "ui/common/text_filter.h"

#include <QSortFilterProxyModel>

namespace lathe {

class DiffFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit DiffFilterProxy(QObject* parent = nullptr);

    void setTextFilter(const TextFilter& filter);
    void setChangedOnly(bool changedOnly);
    bool changedOnly() const { return m_changedOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    TextFilter m_filter;
    bool m_changedOnly = false;
};

}  // namespace lathe
