// Proves the main window around the pages: the sidebar lists exactly the pages given to it,
// File > Open routes to the inspector and feeds Recent Files, a dropped file opens, the theme
// menu switches palettes and persists, About lists the versions (GPU rows from the engine
// thread), and closing saves window and page settings.
#include "app/about_dialog.h"
#include "app/chat_service.h"
#include "app/engine_host.h"
#include "app/main_window.h"
#include "app/page_registry.h"
#include "app/settings.h"
#include "app/theme.h"
#include "tests/ui/test_checkpoints.h"
#include "ui/common/icons.h"
#include "ui/common/page.h"
#include "ui/inspector/inspector_page.h"
#include "ui/inspector/tensor_detail_panel.h"

#include <QAction>
#include <QApplication>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QTemporaryDir>
#include <QtTest>

using namespace lathe;

class MainWindowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void sidebarListsThePages();
    void openPathFeedsRecentFiles();
    void droppedFileOpens();
    void themeMenuSwitchesPalettes();
    void aboutListsVersions();
    void closingSavesSettings();

private:
    QAction* findAction(const QString& text) const;
    InspectorPage* inspector() const;

    QTemporaryDir m_dir;
    QString m_checkpoint;
    std::unique_ptr<EngineHost> m_engine;
    std::unique_ptr<ChatService> m_chat;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Theme> m_theme;
    std::unique_ptr<MainWindow> m_window;
};

void MainWindowTest::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    initUiResources();
    QVERIFY(m_dir.isValid());
    // The chat page must not find (and load) the user's demo model or cached models here.
    qputenv("LATHE_DATA_DIR", m_dir.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("HF_HUB_CACHE", m_dir.filePath(QStringLiteral("hub")).toLocal8Bit());
    m_checkpoint = m_dir.filePath(QStringLiteral("window.safetensors"));
    test::writeCheckpoint(m_checkpoint, {test::rampTensor("model.layers.0.mlp.up_proj.weight", DType::F32, {8, 8}, -1.0f, 0.03125f)});
}

void MainWindowTest::init()
{
    m_engine = std::make_unique<EngineHost>(2);
    m_chat = std::make_unique<ChatService>(1);
    m_settings = std::make_unique<Settings>(
        std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
    m_theme = std::make_unique<Theme>(QApplication::palette());
    m_theme->apply(m_settings->theme());
    m_window = std::make_unique<MainWindow>(*m_engine, *m_settings, *m_theme, createPages({*m_engine, *m_chat, m_dir.filePath(QStringLiteral("conversations")), m_dir.path()}));
    m_window->show();
}

void MainWindowTest::cleanup()
{
    m_window.reset();
    m_theme.reset();
    m_settings.reset();
    m_chat.reset();
    m_engine.reset();
}

QAction* MainWindowTest::findAction(const QString& text) const
{
    for (QAction* action : m_window->findChildren<QAction*>()) {
        if (action->text() == text) {
            return action;
        }
    }
    return nullptr;
}

InspectorPage* MainWindowTest::inspector() const
{
    return qobject_cast<InspectorPage*>(m_window->page(QStringLiteral("inspector")));
}

void MainWindowTest::sidebarListsThePages()
{
    QCOMPARE(m_window->sidebar()->count(), int(m_window->pages().size()));
    QCOMPARE(m_window->sidebar()->count(), 2);
    QCOMPARE(m_window->sidebar()->item(0)->text(), QStringLiteral("Inspector"));
    QCOMPARE(m_window->sidebar()->item(1)->text(), QStringLiteral("Chat"));
    QVERIFY(inspector() != nullptr);
    // Lathe opens on the Chat page the first time.
    QCOMPARE(m_window->currentPage(), m_window->page(QStringLiteral("chat")));
    QVERIFY(m_window->page(QStringLiteral("hub")) == nullptr);  // not built yet, so not offered
}

void MainWindowTest::openPathFeedsRecentFiles()
{
    m_window->openPath(m_checkpoint);
    QTRY_VERIFY_WITH_TIMEOUT(!inspector()->isBusy(), 20000);
    QCOMPARE(inspector()->state(), InspectorPage::State::Content);
    QCOMPARE(m_settings->recentFiles().value(0), m_checkpoint);
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("window.safetensors")));
    emit m_window->recentMenu()->aboutToShow();
    bool listed = false;
    for (QAction* action : m_window->recentMenu()->actions()) {
        listed = listed || action->data().toString() == m_checkpoint;
    }
    QVERIFY(listed);

    // A file that fails to open is not remembered.
    m_window->openPath(m_dir.filePath(QStringLiteral("missing.safetensors")));
    QTRY_VERIFY_WITH_TIMEOUT(!inspector()->isBusy(), 20000);
    QCOMPARE(inspector()->state(), InspectorPage::State::Error);
    QCOMPARE(m_settings->recentFiles().size(), 1);
}

void MainWindowTest::droppedFileOpens()
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(m_checkpoint)});
    const QPoint centre = m_window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    QVERIFY(inspector()->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!inspector()->isBusy(), 20000);
    QCOMPARE(inspector()->path(), m_checkpoint);
    QCOMPARE(inspector()->state(), InspectorPage::State::Content);
}

void MainWindowTest::themeMenuSwitchesPalettes()
{
    QAction* dark = findAction(QStringLiteral("&Dark"));
    QAction* light = findAction(QStringLiteral("&Light"));
    QVERIFY(dark != nullptr && light != nullptr);
    dark->trigger();
    QCOMPARE(m_settings->theme(), ThemeChoice::Dark);
    QVERIFY(m_theme->isDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    light->trigger();
    QCOMPARE(m_settings->theme(), ThemeChoice::Light);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
}

void MainWindowTest::aboutListsVersions()
{
    QAction* about = findAction(QStringLiteral("&About Lathe"));
    QVERIFY(about != nullptr);
    about->trigger();
    AboutDialog* dialog = m_window->findChild<AboutDialog*>();
    QVERIFY(dialog != nullptr);
    QVERIFY(dialog->versionText(QStringLiteral("Qt")).startsWith(QString::fromLatin1(qVersion())));
    QVERIFY(!dialog->versionText(QStringLiteral("libcurl")).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->versionText(QStringLiteral("NCCL")) != QStringLiteral("asking the engine…"), 30000);
    QVERIFY(!dialog->versionText(QStringLiteral("cuBLASLt")).isEmpty());
    dialog->close();
}

void MainWindowTest::closingSavesSettings()
{
    inspector()->detailPanel()->setLogScale(true);
    m_window->showPage(inspector());
    m_window->close();
    QVERIFY(!m_settings->windowGeometry().isEmpty());
    QCOMPARE(m_settings->currentPage(), QStringLiteral("inspector"));
    QVERIFY(m_settings->store().value(QStringLiteral("pages/inspector/histogramLogScale")).toBool());

    // A new window restores it.
    m_window = std::make_unique<MainWindow>(*m_engine, *m_settings, *m_theme, createPages({*m_engine, *m_chat, m_dir.filePath(QStringLiteral("conversations")), m_dir.path()}));
    QVERIFY(inspector()->detailPanel()->logScale());
}

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
