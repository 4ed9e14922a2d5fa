// TensorTreeModel: the tensors of a checkpoint as a tree grouped by module path, so
// "model.layers.12.self_attn.q_proj.weight" sits under model › layers › 12 › self_attn as
// "q_proj.weight" (the module's own name stays with its parameter). Group rows carry the sum
// of parameters and bytes below them. Children are in natural order (layer 2 before 10).
// GUI thread only; the checkpoint it shows is immutable and shared.
#pragma once

#include "app/engine_values.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QStringList>

#include <memory>
#include <vector>

namespace lathe {

class TensorTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { NameColumn, DTypeColumn, ShapeColumn, ParametersColumn, BytesColumn, ShardColumn, OffsetColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,  // numbers as qulonglong, text as QString
        FullNameRole,                 // tensor name, or the group's dotted path
        TensorIndexRole,              // index into Checkpoint::tensors(), -1 for groups
        IsGroupRole,
    };

    explicit TensorTreeModel(QObject* parent = nullptr);
    ~TensorTreeModel() override;

    void setCheckpoint(const CheckpointPtr& checkpoint);  // nullptr clears
    const CheckpointPtr& checkpoint() const { return m_checkpoint; }

    QModelIndex indexOfTensor(std::size_t tensorIndex, int column = NameColumn) const;
    // Aggregates of a row (a tensor or a group).
    quint64 parameters(const QModelIndex& index) const;
    quint64 bytes(const QModelIndex& index) const;
    quint64 tensorCount(const QModelIndex& index) const;

    // How a tensor name splits into groups and the leaf label: the last two dotted parts are
    // the leaf ("q_proj.weight"), everything before them the group path.
    static QStringList groupPath(const QString& tensorName);
    static QString leafName(const QString& tensorName);

    QModelIndex index(int row, int column, const QModelIndex& parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;

    Node* nodeOf(const QModelIndex& index) const;
    QVariant displayData(const Node& node, int column) const;
    QVariant toolTipData(const Node& node, int column) const;
    QVariant sortData(const Node& node, int column) const;
    void build();

    CheckpointPtr m_checkpoint;
    std::unique_ptr<Node> m_root;
    std::vector<Node*> m_nodeOfTensor;
    QStringList m_shardNames;
    QIcon m_groupIcon;
    QIcon m_tensorIcon;
};

}  // namespace lathe
