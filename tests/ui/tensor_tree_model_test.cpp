// Proves the inspector's tree: grouping by module path, aggregated sizes, natural (numeric)
// order of layer indices, model consistency under QAbstractItemModelTester, and the filter
// proxy with substring, regex and invalid regex -- plus the shared formatting helpers.
#include "app/engine_values.h"
#include "tests/ui/test_checkpoints.h"
#include "ui/common/filter_bar.h"
#include "ui/common/natural_compare.h"
#include "ui/common/number_format.h"
#include "ui/inspector/tensor_filter_proxy.h"
#include "ui/inspector/tensor_tree_model.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QtTest>

using namespace lathe;

class TensorTreeModelTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void splitsNamesIntoGroupsAndLeaves();
    void groupsByModulePath();
    void aggregatesGroupTotals();
    void ordersLayerIndicesNumerically();
    void passesModelTester();
    void proxySortsNamesNaturallyAndSizesNumerically();
    void filtersBySubstring();
    void filtersByRegex();
    void invalidRegexShowsEverythingAndAHint();
    void naturalCompareOrdersDigitRunsByValue();
    void formatsNumbers();

private:
    QModelIndex child(const QAbstractItemModel& model, const QModelIndex& parent, const QString& name) const;
    QStringList names(const QAbstractItemModel& model, const QModelIndex& parent) const;
    QStringList visibleTensorNames(const QAbstractItemModel& model, const QModelIndex& parent = {}) const;

    QTemporaryDir m_dir;
    CheckpointPtr m_checkpoint;
};

void TensorTreeModelTest::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("tree.safetensors"));
    std::vector<test::TestTensor> tensors = {
        test::rampTensor("model.embed_tokens.weight", DType::BF16, {8, 4}, 0.0f, 1.0f),
        test::rampTensor("model.layers.0.self_attn.q_proj.weight", DType::F32, {4, 4}, 0.0f, 0.5f),
        test::rampTensor("model.layers.0.self_attn.k_proj.weight", DType::F32, {2, 4}, 0.0f, 0.5f),
        test::rampTensor("model.layers.2.mlp.down_proj.weight", DType::F32, {4, 3}, 0.0f, 0.5f),
        test::rampTensor("model.layers.10.mlp.down_proj.weight", DType::F32, {4, 3}, 0.0f, 0.5f),
        test::rampTensor("model.layers.10.input_layernorm.weight", DType::F16, {4}, 1.0f, 0.0f),
        test::rampTensor("model.norm.weight", DType::F16, {4}, 1.0f, 0.0f),
        test::rampTensor("lm_head.weight", DType::BF16, {8, 4}, 0.0f, 0.25f),
        test::rampTensor("scale", DType::F32, {}, 2.0f, 0.0f),
    };
    test::writeCheckpoint(path, tensors, {{"format", "pt"}});
    m_checkpoint = Checkpoint::open(std::filesystem::path(QFile::encodeName(path).toStdString()));
}

QModelIndex TensorTreeModelTest::child(const QAbstractItemModel& model, const QModelIndex& parent, const QString& name) const
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex index = model.index(r, 0, parent);
        if (index.data().toString() == name) {
            return index;
        }
    }
    return {};
}

QStringList TensorTreeModelTest::names(const QAbstractItemModel& model, const QModelIndex& parent) const
{
    QStringList list;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        list << model.index(r, 0, parent).data().toString();
    }
    return list;
}

QStringList TensorTreeModelTest::visibleTensorNames(const QAbstractItemModel& model, const QModelIndex& parent) const
{
    QStringList list;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex index = model.index(r, 0, parent);
        if (index.data(TensorTreeModel::IsGroupRole).toBool()) {
            list << visibleTensorNames(model, index);
        } else {
            list << index.data(TensorTreeModel::FullNameRole).toString();
        }
    }
    return list;
}

void TensorTreeModelTest::splitsNamesIntoGroupsAndLeaves()
{
    const QString name = QStringLiteral("model.layers.12.self_attn.q_proj.weight");
    QCOMPARE(TensorTreeModel::groupPath(name), QStringList({"model", "layers", "12", "self_attn"}));
    QCOMPARE(TensorTreeModel::leafName(name), QStringLiteral("q_proj.weight"));
    QCOMPARE(TensorTreeModel::groupPath(QStringLiteral("lm_head.weight")), QStringList());
    QCOMPARE(TensorTreeModel::leafName(QStringLiteral("lm_head.weight")), QStringLiteral("lm_head.weight"));
    QCOMPARE(TensorTreeModel::leafName(QStringLiteral("scale")), QStringLiteral("scale"));
}

void TensorTreeModelTest::groupsByModulePath()
{
    TensorTreeModel model;
    model.setCheckpoint(m_checkpoint);
    QCOMPARE(names(model, {}), QStringList({"lm_head.weight", "model", "scale"}));
    const QModelIndex modelGroup = child(model, {}, QStringLiteral("model"));
    QVERIFY(modelGroup.data(TensorTreeModel::IsGroupRole).toBool());
    QCOMPARE(names(model, modelGroup), QStringList({"embed_tokens.weight", "layers", "norm.weight"}));
    const QModelIndex layers = child(model, modelGroup, QStringLiteral("layers"));
    const QModelIndex attention = child(model, child(model, layers, QStringLiteral("0")), QStringLiteral("self_attn"));
    QVERIFY(attention.isValid());
    QCOMPARE(attention.data(TensorTreeModel::FullNameRole).toString(), QStringLiteral("model.layers.0.self_attn"));
    QCOMPARE(names(model, attention), QStringList({"k_proj.weight", "q_proj.weight"}));
    const QModelIndex q = child(model, attention, QStringLiteral("q_proj.weight"));
    QCOMPARE(q.data(TensorTreeModel::FullNameRole).toString(), QStringLiteral("model.layers.0.self_attn.q_proj.weight"));
    QCOMPARE(q.siblingAtColumn(TensorTreeModel::DTypeColumn).data().toString(), QStringLiteral("F32"));
    QCOMPARE(q.siblingAtColumn(TensorTreeModel::ShapeColumn).data().toString(), QStringLiteral("[4, 4]"));
    QCOMPARE(q.siblingAtColumn(TensorTreeModel::ParametersColumn).data().toString(), QStringLiteral("16"));
    QCOMPARE(q.siblingAtColumn(TensorTreeModel::BytesColumn).data().toString(), QStringLiteral("64 B"));
    QCOMPARE(q.siblingAtColumn(TensorTreeModel::BytesColumn).data(Qt::ToolTipRole).toString(), QStringLiteral("64 bytes"));
    QCOMPARE(q.siblingAtColumn(TensorTreeModel::ShardColumn).data().toString(), QStringLiteral("tree"));
    const std::size_t tensorIndex = std::size_t(q.data(TensorTreeModel::TensorIndexRole).toLongLong());
    const TensorInfo& info = *m_checkpoint->tensors()[tensorIndex].info;
    QCOMPARE(q.siblingAtColumn(TensorTreeModel::OffsetColumn).data().toString(),
             QStringLiteral("%1 – %2").arg(info.begin).arg(info.end));
    QCOMPARE(model.indexOfTensor(tensorIndex), q);
}

void TensorTreeModelTest::aggregatesGroupTotals()
{
    TensorTreeModel model;
    model.setCheckpoint(m_checkpoint);
    const QModelIndex modelGroup = child(model, {}, QStringLiteral("model"));
    const QModelIndex layers = child(model, modelGroup, QStringLiteral("layers"));
    const QModelIndex layer10 = child(model, layers, QStringLiteral("10"));
    // down_proj [4, 3] F32 + input_layernorm [4] F16
    QCOMPARE(model.parameters(layer10), quint64(12 + 4));
    QCOMPARE(model.bytes(layer10), quint64(12 * 4 + 4 * 2));
    QCOMPARE(model.tensorCount(layer10), quint64(2));
    QCOMPARE(layer10.siblingAtColumn(TensorTreeModel::DTypeColumn).data().toString(), QStringLiteral("mixed"));
    QCOMPARE(layer10.siblingAtColumn(TensorTreeModel::ParametersColumn).data().toString(), QStringLiteral("16"));
    QCOMPARE(model.parameters(QModelIndex()), quint64(m_checkpoint->totalParameters()));
    QCOMPARE(model.bytes(QModelIndex()), quint64(m_checkpoint->totalBytes()));
    const QModelIndex attention = child(model, child(model, layers, QStringLiteral("0")), QStringLiteral("self_attn"));
    QCOMPARE(attention.siblingAtColumn(TensorTreeModel::DTypeColumn).data().toString(), QStringLiteral("F32"));
}

void TensorTreeModelTest::ordersLayerIndicesNumerically()
{
    TensorTreeModel model;
    model.setCheckpoint(m_checkpoint);
    const QModelIndex layers = child(model, child(model, {}, QStringLiteral("model")), QStringLiteral("layers"));
    QCOMPARE(names(model, layers), QStringList({"0", "2", "10"}));
}

void TensorTreeModelTest::passesModelTester()
{
    TensorTreeModel model;
    TensorFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCheckpoint(m_checkpoint);
    proxy.sort(TensorTreeModel::BytesColumn, Qt::DescendingOrder);
    proxy.setTextFilter(TextFilter(QStringLiteral("layers"), TextFilter::Mode::Substring));
    proxy.setTextFilter(TextFilter(QStringLiteral("^lm_"), TextFilter::Mode::Regex));
    proxy.setTextFilter(TextFilter());
    model.setCheckpoint(nullptr);
    QCOMPARE(model.rowCount(), 0);
    model.setCheckpoint(m_checkpoint);
    QVERIFY(model.rowCount() > 0);
}

void TensorTreeModelTest::proxySortsNamesNaturallyAndSizesNumerically()
{
    TensorTreeModel model;
    model.setCheckpoint(m_checkpoint);
    TensorFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(TensorTreeModel::NameColumn, Qt::AscendingOrder);
    const QModelIndex layers = child(proxy, child(proxy, {}, QStringLiteral("model")), QStringLiteral("layers"));
    QCOMPARE(names(proxy, layers), QStringList({"0", "2", "10"}));
    proxy.sort(TensorTreeModel::NameColumn, Qt::DescendingOrder);
    QCOMPARE(names(proxy, layers), QStringList({"10", "2", "0"}));
    // By parameters: lm_head (32) > model group (sum) is false; the model group is the largest.
    proxy.sort(TensorTreeModel::ParametersColumn, Qt::DescendingOrder);
    QCOMPARE(names(proxy, {}), QStringList({"model", "lm_head.weight", "scale"}));
    proxy.sort(TensorTreeModel::ParametersColumn, Qt::AscendingOrder);
    QCOMPARE(names(proxy, {}), QStringList({"scale", "lm_head.weight", "model"}));
}

void TensorTreeModelTest::filtersBySubstring()
{
    TensorTreeModel model;
    model.setCheckpoint(m_checkpoint);
    TensorFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(TensorTreeModel::NameColumn, Qt::AscendingOrder);
    proxy.setTextFilter(TextFilter(QStringLiteral("LAYERS.10."), TextFilter::Mode::Substring));
    QCOMPARE(visibleTensorNames(proxy), QStringList({"model.layers.10.input_layernorm.weight", "model.layers.10.mlp.down_proj.weight"}));
    // Groups without a match below them disappear; their ancestors stay.
    const QModelIndex layers = child(proxy, child(proxy, {}, QStringLiteral("model")), QStringLiteral("layers"));
    QCOMPARE(names(proxy, layers), QStringList({"10"}));
    proxy.setTextFilter(TextFilter(QStringLiteral("down_proj"), TextFilter::Mode::Substring));
    QCOMPARE(visibleTensorNames(proxy).size(), 2);
    proxy.setTextFilter(TextFilter(QStringLiteral("no such tensor"), TextFilter::Mode::Substring));
    QCOMPARE(proxy.rowCount(), 0);
}

void TensorTreeModelTest::filtersByRegex()
{
    TensorTreeModel model;
    model.setCheckpoint(m_checkpoint);
    TensorFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(TensorTreeModel::NameColumn, Qt::AscendingOrder);
    proxy.setTextFilter(TextFilter(QStringLiteral("layers\\.(0|2)\\..*proj"), TextFilter::Mode::Regex));
    QCOMPARE(visibleTensorNames(proxy), QStringList({"model.layers.0.self_attn.k_proj.weight",
                                                     "model.layers.0.self_attn.q_proj.weight",
                                                     "model.layers.2.mlp.down_proj.weight"}));
    proxy.setTextFilter(TextFilter(QStringLiteral("^(lm_head|scale)"), TextFilter::Mode::Regex));
    QCOMPARE(visibleTensorNames(proxy), QStringList({"lm_head.weight", "scale"}));
}

void TensorTreeModelTest::invalidRegexShowsEverythingAndAHint()
{
    const TextFilter invalid(QStringLiteral("layers.(0"), TextFilter::Mode::Regex);
    QVERIFY(!invalid.isValid());
    QVERIFY(invalid.errorString().contains(QStringLiteral("Invalid regular expression")));
    QVERIFY(invalid.matches(QStringLiteral("anything")));
    // The same text as a substring is fine.
    QVERIFY(TextFilter(QStringLiteral("layers.(0"), TextFilter::Mode::Substring).isValid());

    TensorTreeModel model;
    model.setCheckpoint(m_checkpoint);
    TensorFilterProxy proxy;
    proxy.setSourceModel(&model);
    FilterBar bar;
    QObject::connect(&bar, &FilterBar::filterChanged, &proxy, &TensorFilterProxy::setTextFilter);
    bar.show();
    bar.setFilter(QStringLiteral("layers.(0"), TextFilter::Mode::Regex);
    QVERIFY(bar.hintLabel()->isVisible());
    QVERIFY(bar.hintLabel()->text().contains(QStringLiteral("Invalid regular expression")));
    QCOMPARE(visibleTensorNames(proxy).size(), int(m_checkpoint->tensors().size()));
    bar.setFilter(QStringLiteral("layers\\.(0)"), TextFilter::Mode::Regex);
    QVERIFY(!bar.hintLabel()->isVisible());
    QCOMPARE(visibleTensorNames(proxy).size(), 2);
    // Typing goes through the debounce and still lands.
    bar.lineEdit()->clear();
    QTest::keyClicks(bar.lineEdit(), QStringLiteral("[unclosed"));
    QTRY_VERIFY(bar.hintLabel()->isVisible());
}

void TensorTreeModelTest::naturalCompareOrdersDigitRunsByValue()
{
    QVERIFY(naturalLess(u"layers.2", u"layers.10"));
    QVERIFY(!naturalLess(u"layers.10", u"layers.2"));
    QVERIFY(naturalLess(u"h.9.attn", u"h.10.attn"));
    QVERIFY(naturalLess(u"a", u"B"));
    QVERIFY(naturalLess(u"x007", u"x8"));
    QVERIFY(naturalLess(u"x99999999999999999999998", u"x99999999999999999999999"));
    QCOMPARE(naturalCompare(u"same.1", u"same.1"), 0);
    QVERIFY(naturalCompare(u"x01", u"x1") != 0);  // total order: equal values, different text
}

void TensorTreeModelTest::formatsNumbers()
{
    QCOMPARE(formatBytes(512), QStringLiteral("512 B"));
    QCOMPARE(formatBytes(1536), QStringLiteral("1.50 KiB"));
    QCOMPARE(formatBytes(std::uint64_t(16) << 30), QStringLiteral("16.0 GiB"));
    QCOMPARE(formatCount(8030261248ull), QStringLiteral("8,030,261,248"));
    QCOMPARE(formatCountShort(8030261248ull), QStringLiteral("8.03 B"));
    QCOMPARE(formatCountShort(124439808ull), QStringLiteral("124 M"));
    QCOMPARE(formatValue(-2.5), QStringLiteral("-2.5"));
    QCOMPARE(formatValue(std::numeric_limits<double>::quiet_NaN()), QStringLiteral("NaN"));
    const std::vector<std::uint64_t> shape = {4096, 11008};
    QCOMPARE(shapeText(shape), QStringLiteral("[4096, 11008]"));
}

QTEST_MAIN(TensorTreeModelTest)
#include "tensor_tree_model_test.moc"
