// TensorTreeModel: building the module tree once per checkpoint, answering data() from it.
#include "ui/inspector/tensor_tree_model.h"

#include "ui/common/icons.h"
#include "ui/common/natural_compare.h"
#include "ui/common/number_format.h"

#include <QFontDatabase>
#include <QHash>
#include <QPalette>
#include <QSet>

#include <algorithm>

namespace lathe {

namespace {
constexpr int kMixed = -2;  // a group whose tensors differ in dtype or shard
constexpr int kUnset = -1;
}  // namespace

struct TensorTreeModel::Node {
    QString name;      // what the Name column shows
    QString fullName;  // tensor name or dotted group path
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    QHash<QString, Node*> groups;  // child groups by name, while building
    qint64 tensor = -1;            // index into Checkpoint::tensors(); -1 for groups
    quint64 parameters = 0;
    quint64 bytes = 0;
    quint64 tensorCount = 0;
    int dtype = kUnset;  // a DType, kMixed or kUnset
    int shard = kUnset;  // a shard index, kMixed or kUnset
    int shardCount = 0;  // distinct shards below (groups)
    QSet<int> shards;    // while building

    bool isGroup() const { return tensor < 0; }
};

TensorTreeModel::TensorTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
    , m_groupIcon(icon(IconName::Group))
    , m_tensorIcon(icon(IconName::Tensor))
{
}

TensorTreeModel::~TensorTreeModel() = default;

QStringList TensorTreeModel::groupPath(const QString& tensorName)
{
    QStringList parts = tensorName.split(QLatin1Char('.'));
    if (parts.size() <= 2) {
        return {};
    }
    parts.resize(parts.size() - 2);
    return parts;
}

QString TensorTreeModel::leafName(const QString& tensorName)
{
    const QStringList parts = tensorName.split(QLatin1Char('.'));
    if (parts.size() <= 2) {
        return tensorName;
    }
    return parts[parts.size() - 2] + QLatin1Char('.') + parts.back();
}

void TensorTreeModel::setCheckpoint(const CheckpointPtr& checkpoint)
{
    beginResetModel();
    m_checkpoint = checkpoint;
    build();
    endResetModel();
}

void TensorTreeModel::build()
{
    m_root = std::make_unique<Node>();
    m_nodeOfTensor.clear();
    m_shardNames.clear();
    if (!m_checkpoint) {
        return;
    }
    // The column says "Shard", so the common suffix is noise: "model-00001-of-00002" reads
    // faster and leaves room for the offsets. The tooltip keeps the full path.
    for (const SafetensorsFile& shard : m_checkpoint->shards()) {
        QString name = QString::fromStdString(shard.path().filename().string());
        if (name.endsWith(QLatin1String(".safetensors")) && name.size() > 12) {
            name.chop(12);
        }
        m_shardNames.push_back(name);
    }
    const auto& tensors = m_checkpoint->tensors();
    m_nodeOfTensor.resize(tensors.size(), nullptr);
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        const TensorInfo& info = *tensors[i].info;
        const QString name = QString::fromStdString(info.name);
        Node* parent = m_root.get();
        QString path;
        for (const QString& part : groupPath(name)) {
            path = path.isEmpty() ? part : path + QLatin1Char('.') + part;
            Node*& group = parent->groups[part];
            if (group == nullptr) {
                auto node = std::make_unique<Node>();
                node->name = part;
                node->fullName = path;
                node->parent = parent;
                group = node.get();
                parent->children.push_back(std::move(node));
            }
            parent = group;
        }
        auto leaf = std::make_unique<Node>();
        leaf->name = leafName(name);
        leaf->fullName = name;
        leaf->parent = parent;
        leaf->tensor = qint64(i);
        leaf->parameters = info.elementCount();
        leaf->bytes = info.byteSize();
        leaf->tensorCount = 1;
        leaf->dtype = int(info.dtype);
        leaf->shard = int(tensors[i].shard);
        m_nodeOfTensor[i] = leaf.get();
        // Totals flow up to every group on the path.
        for (Node* up = parent; up != nullptr; up = up->parent) {
            up->parameters += leaf->parameters;
            up->bytes += leaf->bytes;
            up->tensorCount += 1;
            up->dtype = up->dtype == kUnset ? leaf->dtype : (up->dtype == leaf->dtype ? up->dtype : kMixed);
            up->shard = up->shard == kUnset ? leaf->shard : (up->shard == leaf->shard ? up->shard : kMixed);
            up->shards.insert(leaf->shard);
        }
        parent->children.push_back(std::move(leaf));
    }
    // Natural order and row numbers, depth first; the lookup tables are no longer needed.
    std::vector<Node*> stack{m_root.get()};
    while (!stack.empty()) {
        Node* node = stack.back();
        stack.pop_back();
        node->groups.clear();
        node->shardCount = int(node->shards.size());
        node->shards.clear();
        std::stable_sort(node->children.begin(), node->children.end(),
                         [](const auto& a, const auto& b) { return naturalLess(a->name, b->name); });
        for (std::size_t r = 0; r < node->children.size(); ++r) {
            node->children[r]->row = int(r);
            stack.push_back(node->children[r].get());
        }
    }
}

TensorTreeModel::Node* TensorTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex TensorTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0)) {
        return {};
    }
    const Node* node = nodeOf(parent);
    if (std::size_t(row) >= node->children.size()) {
        return {};
    }
    return createIndex(row, column, node->children[std::size_t(row)].get());
}

QModelIndex TensorTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid()) {
        return {};
    }
    const Node* node = nodeOf(child);
    Node* parent = node->parent;
    if (parent == nullptr || parent == m_root.get()) {
        return {};
    }
    return createIndex(parent->row, 0, parent);
}

int TensorTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0) {
        return 0;
    }
    return int(nodeOf(parent)->children.size());
}

int TensorTreeModel::columnCount(const QModelIndex& parent) const
{
    Q_UNUSED(parent);
    return ColumnCount;
}

QModelIndex TensorTreeModel::indexOfTensor(std::size_t tensorIndex, int column) const
{
    if (tensorIndex >= m_nodeOfTensor.size()) {
        return {};
    }
    Node* node = m_nodeOfTensor[tensorIndex];
    return createIndex(node->row, column, node);
}

quint64 TensorTreeModel::parameters(const QModelIndex& index) const
{
    return index.isValid() ? nodeOf(index)->parameters : m_root->parameters;
}

quint64 TensorTreeModel::bytes(const QModelIndex& index) const
{
    return index.isValid() ? nodeOf(index)->bytes : m_root->bytes;
}

quint64 TensorTreeModel::tensorCount(const QModelIndex& index) const
{
    return index.isValid() ? nodeOf(index)->tensorCount : m_root->tensorCount;
}

QVariant TensorTreeModel::displayData(const Node& node, int column) const
{
    switch (column) {
    case NameColumn: return node.name;
    case DTypeColumn:
        if (node.dtype == kMixed) {
            return tr("mixed");
        }
        return node.dtype == kUnset ? QString() : formatDType(DType(node.dtype));
    case ShapeColumn:
        if (node.isGroup()) {
            return tr("%n tensor(s)", nullptr, int(node.tensorCount));
        }
        return shapeText(m_checkpoint->tensors()[std::size_t(node.tensor)].info->shape);
    case ParametersColumn: return formatCount(node.parameters);
    case BytesColumn: return formatBytes(node.bytes);
    case ShardColumn:
        if (node.shard == kMixed) {
            return tr("%n file(s)", nullptr, node.shardCount);
        }
        return node.shard == kUnset ? QString() : m_shardNames.value(node.shard);
    case OffsetColumn:
        if (node.isGroup()) {
            return QString();
        } else {
            const TensorInfo& info = *m_checkpoint->tensors()[std::size_t(node.tensor)].info;
            return QStringLiteral("%1 – %2").arg(info.begin).arg(info.end);
        }
    default: return {};
    }
}

QVariant TensorTreeModel::toolTipData(const Node& node, int column) const
{
    switch (column) {
    case NameColumn:
        if (node.isGroup()) {
            return tr("%1\n%n tensor(s)", nullptr, int(node.tensorCount)).arg(node.fullName);
        }
        return node.fullName;
    case ParametersColumn: return tr("%1 parameters (%2)").arg(formatCount(node.parameters), formatCountShort(node.parameters));
    case BytesColumn: return formatBytesExact(node.bytes);
    case ShardColumn:
        if (node.shard >= 0) {
            return QString::fromStdString(m_checkpoint->shards()[std::size_t(node.shard)].path().string());
        }
        return node.shard == kMixed ? tr("The tensors of this group are spread over several files") : QVariant();
    case OffsetColumn:
        if (!node.isGroup()) {
            const Checkpoint::Tensor& tensor = m_checkpoint->tensors()[std::size_t(node.tensor)];
            const quint64 start = m_checkpoint->shards()[tensor.shard].header().dataStart();
            return tr("data_offsets [%1, %2] of the data buffer\nbytes %3 – %4 of the file")
                .arg(tensor.info->begin)
                .arg(tensor.info->end)
                .arg(start + tensor.info->begin)
                .arg(start + tensor.info->end);
        }
        return {};
    default: return displayData(node, column);
    }
}

QVariant TensorTreeModel::sortData(const Node& node, int column) const
{
    switch (column) {
    case ParametersColumn: return qulonglong(node.parameters);
    case BytesColumn: return qulonglong(node.bytes);
    case ShapeColumn: return qulonglong(node.parameters);
    case OffsetColumn:
        return node.isGroup() ? qulonglong(0) : qulonglong(m_checkpoint->tensors()[std::size_t(node.tensor)].info->begin);
    default: return displayData(node, column);
    }
}

QVariant TensorTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_checkpoint) {
        return {};
    }
    const Node& node = *nodeOf(index);
    switch (role) {
    case Qt::DisplayRole: return displayData(node, index.column());
    case Qt::ToolTipRole: return toolTipData(node, index.column());
    case Qt::DecorationRole:
        if (index.column() == NameColumn) {
            return node.isGroup() ? m_groupIcon : m_tensorIcon;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ParametersColumn || index.column() == BytesColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        if (index.column() == ShapeColumn && !node.isGroup()) {
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        }
        return {};
    case Qt::ForegroundRole:
        if (node.isGroup() && (index.column() == ShapeColumn || index.column() == DTypeColumn || index.column() == ShardColumn)) {
            return QPalette().brush(QPalette::PlaceholderText);
        }
        return {};
    case SortRole: return sortData(node, index.column());
    case FullNameRole: return node.fullName;
    case TensorIndexRole: return node.tensor;
    case IsGroupRole: return node.isGroup();
    default: return {};
    }
}

QVariant TensorTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn: return tr("Name");
        case DTypeColumn: return tr("DType");
        case ShapeColumn: return tr("Shape");
        case ParametersColumn: return tr("Parameters");
        case BytesColumn: return tr("Bytes");
        case ShardColumn: return tr("Shard");
        case OffsetColumn: return tr("Offsets");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ShardColumn: return tr("The file that holds the tensor");
        case OffsetColumn: return tr("data_offsets as written in the header: begin – end in the file's data buffer");
        default: return {};
        }
    }
    return {};
}

}  // namespace lathe
