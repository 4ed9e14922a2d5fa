// Proves the inspector page end to end, offscreen: it opens a checkpoint through the engine
// thread, selects the first tensor and shows its statistics; selecting another tensor shows
// its own; a bad file shows the error panel naming the file and the broken rule; compare
// mode lists changed, added and removed tensors with the right max |Δ|; the filter box
// filters the tree and flags an invalid regex.
#include "app/engine_host.h"
#include "tests/ui/test_checkpoints.h"
#include "ui/common/empty_state_panel.h"
#include "ui/common/error_panel.h"
#include "ui/common/filter_bar.h"
#include "ui/inspector/checkpoint_header.h"
#include "ui/inspector/checkpoint_summary_panel.h"
#include "ui/inspector/compare_view.h"
#include "ui/inspector/diff_filter_proxy.h"
#include "ui/inspector/diff_table_model.h"
#include "ui/inspector/inspector_page.h"
#include "ui/inspector/tensor_detail_panel.h"
#include "ui/inspector/tensor_filter_proxy.h"
#include "ui/inspector/tensor_tree_model.h"
#include "ui/common/icons.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

using namespace lathe;
using Field = TensorDetailPanel::StatField;

class InspectorPageTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void startsEmpty();
    void opensAndShowsStatisticsOfTheFirstTensor();
    void selectingAnotherTensorShowsItsStatistics();
    void showsTheSummary();
    void badFileShowsTheErrorPanel();
    void compareModeListsChanges();
    void filterBoxFiltersTheTree();
    void rejectsBadArguments();

private:
    void openAndWait(const QString& path);

    QTemporaryDir m_dir;
    QString m_base;
    QString m_tuned;
    EngineHost* m_engine = nullptr;
    InspectorPage* m_page = nullptr;
};

void InspectorPageTest::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    initUiResources();
    QVERIFY(m_dir.isValid());
    m_base = m_dir.filePath(QStringLiteral("base.safetensors"));
    test::writeCheckpoint(m_base,
                          {
                              // The first tensor in the tree (natural order): known extremes.
                              test::TestTensor{"lm_head.weight", DType::F32, {2, 3}, {-2.5f, 0.0f, 1.0f, 2.0f, 3.0f, 7.0f}},
                              test::rampTensor("model.layers.0.mlp.up_proj.weight", DType::BF16, {4, 4}, -4.0f, 0.5f),
                              test::rampTensor("model.layers.0.mlp.down_proj.weight", DType::F32, {4, 4}, 0.0f, 0.25f),
                              test::rampTensor("model.layers.1.mlp.down_proj.weight", DType::F32, {4, 4}, 0.0f, 0.25f),
                              test::rampTensor("model.norm.weight", DType::F16, {4}, 1.0f, 0.0f),
                              test::rampTensor("model.removed.weight", DType::F32, {2}, 0.0f, 1.0f),
                              test::rampTensor("model.reshaped.weight", DType::F32, {2, 2}, 0.0f, 1.0f),
                          },
                          {{"format", "pt"}, {"source", "inspector test"}});
    // The fine-tune: layer 1's down_proj moved by up to 0.5, one tensor gone, one new, one reshaped.
    test::TestTensor tunedDown = test::rampTensor("model.layers.1.mlp.down_proj.weight", DType::F32, {4, 4}, 0.0f, 0.25f);
    tunedDown.values[3] += 0.5f;
    tunedDown.values[7] -= 0.125f;
    m_tuned = m_dir.filePath(QStringLiteral("tuned.safetensors"));
    test::writeCheckpoint(m_tuned, {
                                       test::TestTensor{"lm_head.weight", DType::F32, {2, 3}, {-2.5f, 0.0f, 1.0f, 2.0f, 3.0f, 7.0f}},
                                       test::rampTensor("model.layers.0.mlp.up_proj.weight", DType::BF16, {4, 4}, -4.0f, 0.5f),
                                       test::rampTensor("model.layers.0.mlp.down_proj.weight", DType::F32, {4, 4}, 0.0f, 0.25f),
                                       tunedDown,
                                       test::rampTensor("model.norm.weight", DType::F16, {4}, 1.0f, 0.0f),
                                       test::rampTensor("model.added.lora_A", DType::F32, {3}, 0.0f, 1.0f),
                                       test::rampTensor("model.reshaped.weight", DType::F32, {4}, 0.0f, 1.0f),
                                   });
}

void InspectorPageTest::init()
{
    m_engine = new EngineHost(2);
    m_page = new InspectorPage(*m_engine);
    m_page->resize(1200, 800);
    m_page->show();
}

void InspectorPageTest::cleanup()
{
    delete m_page;
    m_page = nullptr;
    delete m_engine;
    m_engine = nullptr;
}

void InspectorPageTest::openAndWait(const QString& path)
{
    QSignalSpy opened(m_page, &Page::pathOpened);
    m_page->openPath(path);
    QVERIFY(m_page->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), 20000);
}

void InspectorPageTest::startsEmpty()
{
    QCOMPARE(m_page->state(), InspectorPage::State::Empty);
    QVERIFY(m_page->emptyPanel()->isVisible());
    QVERIFY(!m_page->isBusy());
    QSignalSpy requested(m_page, &Page::openFileRequested);
    QTest::mouseClick(m_page->emptyPanel()->openFileButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
}

void InspectorPageTest::opensAndShowsStatisticsOfTheFirstTensor()
{
    QSignalSpy opened(m_page, &Page::pathOpened);
    QSignalSpy busy(m_page, &Page::busyChanged);
    openAndWait(m_base);
    QCOMPARE(m_page->state(), InspectorPage::State::Content);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().at(0).toString(), m_base);
    // One busy period: open and the first statistics back to back, no gap in between.
    QCOMPARE(busy.count(), 2);
    QCOMPARE(m_page->header()->titleText(), QStringLiteral("base.safetensors"));

    const QModelIndex current = m_page->tree()->currentIndex();
    QCOMPARE(current.data(TensorTreeModel::FullNameRole).toString(), QStringLiteral("lm_head.weight"));
    TensorDetailPanel* detail = m_page->detailPanel();
    QCOMPARE(detail->titleText(), QStringLiteral("lm_head.weight"));
    QCOMPARE(detail->statText(Field::Min), QStringLiteral("-2.5"));
    QCOMPARE(detail->statText(Field::Max), QStringLiteral("7"));
    QCOMPARE(detail->statText(Field::Mean), QStringLiteral("1.75"));
    QCOMPARE(detail->statText(Field::NaN), QStringLiteral("0"));
    QVERIFY2(detail->statText(Field::Zeros).startsWith(QStringLiteral("1 (")), qPrintable(detail->statText(Field::Zeros)));
    QVERIFY(!detail->cancelButton()->isVisible());
    QVERIFY(m_page->findChild<QLabel*>(QStringLiteral("statMin"))->isVisible());
}

void InspectorPageTest::selectingAnotherTensorShowsItsStatistics()
{
    openAndWait(m_base);
    QVERIFY(m_page->selectTensor(QStringLiteral("model.layers.0.mlp.up_proj.weight")));
    QVERIFY(m_page->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), 20000);
    TensorDetailPanel* detail = m_page->detailPanel();
    QCOMPARE(detail->titleText(), QStringLiteral("model.layers.0.mlp.up_proj.weight"));
    QCOMPARE(detail->statText(Field::Min), QStringLiteral("-4"));
    QCOMPARE(detail->statText(Field::Max), QStringLiteral("3.5"));
    // The tree followed: groups expanded, row selected.
    const QModelIndex current = m_page->tree()->currentIndex();
    QCOMPARE(current.data(TensorTreeModel::FullNameRole).toString(), QStringLiteral("model.layers.0.mlp.up_proj.weight"));
    QVERIFY(m_page->tree()->isExpanded(current.parent()));

    // A group row shows totals and starts no statistics.
    m_page->tree()->setCurrentIndex(current.parent());
    QVERIFY(!m_page->isBusy());
    QCOMPARE(detail->titleText(), QStringLiteral("model.layers.0.mlp"));
}

void InspectorPageTest::showsTheSummary()
{
    openAndWait(m_base);
    CheckpointSummaryPanel* summary = m_page->summaryPanel();
    QCOMPARE(summary->filesTable()->topLevelItemCount(), 1);
    QCOMPARE(summary->filesTable()->topLevelItem(0)->text(0), QStringLiteral("base.safetensors"));
    QCOMPARE(summary->metadataTable()->topLevelItemCount(), 2);
    QCOMPARE(summary->dtypeTable()->topLevelItemCount(), 3);  // BF16, F16, F32
}

void InspectorPageTest::badFileShowsTheErrorPanel()
{
    const QString bad = m_dir.filePath(QStringLiteral("broken.safetensors"));
    // The header claims 4096 bytes but the file ends after 12.
    test::writeRawFile(bad, std::string("\x00\x10\x00\x00\x00\x00\x00\x00{\"a\"", 12));
    QSignalSpy opened(m_page, &Page::pathOpened);
    m_page->openPath(bad);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), 20000);
    QCOMPARE(m_page->state(), InspectorPage::State::Error);
    QCOMPARE(opened.count(), 0);
    ErrorPanel* panel = m_page->errorPanel();
    QVERIFY(panel->isVisible());
    QVERIFY2(panel->title().contains(QStringLiteral("broken.safetensors")), qPrintable(panel->title()));
    // The engine's message names the file and the rule it broke.
    QVERIFY2(panel->message().startsWith(QStringLiteral("broken.safetensors: ")), qPrintable(panel->message()));
    QVERIFY2(panel->message().contains(QStringLiteral("4096")), qPrintable(panel->message()));
    QSignalSpy another(m_page, &Page::openFileRequested);
    QTest::mouseClick(panel->actionButton(), Qt::LeftButton);
    QCOMPARE(another.count(), 1);

    // Opening a good file afterwards recovers.
    openAndWait(m_base);
    QCOMPARE(m_page->state(), InspectorPage::State::Content);
}

void InspectorPageTest::compareModeListsChanges()
{
    openAndWait(m_base);
    m_page->compareWith(m_tuned);
    QVERIFY(m_page->isComparing());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), 20000);
    CompareView* compare = m_page->compareView();
    QVERIFY(!compare->isShowingError());
    DiffTableModel* model = compare->model();
    QCOMPARE(model->rowCount(), 8);  // 7 in base + 1 added

    QHash<QString, const TensorDiff*> byName;
    for (int row = 0; row < model->rowCount(); ++row) {
        byName.insert(QString::fromStdString(model->diffAt(row)->name), model->diffAt(row));
    }
    const TensorDiff* changed = byName.value(QStringLiteral("model.layers.1.mlp.down_proj.weight"));
    QVERIFY(changed != nullptr);
    QCOMPARE(changed->status, TensorDiffStatus::Changed);
    QCOMPARE(changed->maxAbsDiff, 0.5);
    QCOMPARE(byName.value(QStringLiteral("model.removed.weight"))->status, TensorDiffStatus::Removed);
    QCOMPARE(byName.value(QStringLiteral("model.added.lora_A"))->status, TensorDiffStatus::Added);
    QCOMPARE(byName.value(QStringLiteral("model.reshaped.weight"))->status, TensorDiffStatus::ShapeChanged);
    QCOMPARE(byName.value(QStringLiteral("lm_head.weight"))->status, TensorDiffStatus::Identical);

    // What the table shows for the changed row.
    const int changedRow = int(changed - model->diffAt(0));
    QCOMPARE(model->index(changedRow, DiffTableModel::MaxAbsDiffColumn).data().toString(), QStringLiteral("0.5"));
    QCOMPARE(model->index(changedRow, DiffTableModel::StatusColumn).data().toString(), QStringLiteral("changed"));
    const int reshapedRow = int(byName.value(QStringLiteral("model.reshaped.weight")) - model->diffAt(0));
    QCOMPARE(model->index(reshapedRow, DiffTableModel::ShapeColumn).data().toString(), QStringLiteral("[2, 2] → [4]"));

    // "Changed only" hides the four identical tensors.
    QCOMPARE(compare->proxy()->rowCount(), 8);
    compare->changedOnlyBox()->setChecked(true);
    QCOMPARE(compare->proxy()->rowCount(), 4);
    // Sorting by max |Δ| descending: structural changes (added, removed, reshaped) first, then
    // value changes from the largest down.
    compare->table()->sortByColumn(DiffTableModel::MaxAbsDiffColumn, Qt::DescendingOrder);
    QStringList order;
    for (int row = 0; row < compare->proxy()->rowCount(); ++row) {
        order << compare->proxy()->index(row, DiffTableModel::NameColumn).data().toString();
    }
    QCOMPARE(order.size(), 4);
    QCOMPARE(order.last(), QStringLiteral("model.layers.1.mlp.down_proj.weight"));
    QVERIFY(compare->statusText().contains(QStringLiteral("added")));

    // Activating a row goes back to the tree with that tensor selected.
    emit compare->tensorActivated(QStringLiteral("model.layers.1.mlp.down_proj.weight"));
    QVERIFY(!m_page->isComparing());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), 20000);
    QCOMPARE(m_page->detailPanel()->titleText(), QStringLiteral("model.layers.1.mlp.down_proj.weight"));

    // A second checkpoint that does not open shows its error in the compare view.
    m_page->compareWith(m_dir.filePath(QStringLiteral("nowhere.safetensors")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isBusy(), 20000);
    QVERIFY(compare->isShowingError());
    QVERIFY(compare->errorPanel()->title().contains(QStringLiteral("nowhere.safetensors")));
}

void InspectorPageTest::filterBoxFiltersTheTree()
{
    openAndWait(m_base);
    FilterBar* bar = m_page->filterBar();
    bar->setFilter(QStringLiteral("layers.1."), TextFilter::Mode::Substring);
    const QAbstractItemModel* proxy = m_page->tree()->model();
    QCOMPARE(proxy->rowCount(), 1);  // only "model" remains at the top
    bar->setFilter(QStringLiteral("(up|down"), TextFilter::Mode::Regex);
    QVERIFY(bar->hintLabel()->isVisible());
    QCOMPARE(proxy->rowCount(), 2);  // invalid: everything shows ("lm_head.weight", "model")
    bar->setFilter(QStringLiteral("(up|down)_proj"), TextFilter::Mode::Regex);
    QVERIFY(!bar->hintLabel()->isVisible());
    QCOMPARE(proxy->rowCount(), 1);
}

void InspectorPageTest::rejectsBadArguments()
{
    QString error;
    QVERIFY(!m_page->applyArguments({QStringLiteral("--bogus")}, &error));
    QVERIFY(error.contains(QStringLiteral("--bogus")));
    QVERIFY(!m_page->applyArguments({QStringLiteral("a"), QStringLiteral("b")}, &error));
    QVERIFY(!m_page->applyArguments({QStringLiteral("--compare")}, &error));
    QVERIFY(m_page->applyArguments({}, &error));
    QCOMPARE(m_page->state(), InspectorPage::State::Empty);
}

QTEST_MAIN(InspectorPageTest)
#include "inspector_page_test.moc"
