// MainWindow: sidebar + stack, menus, drops, settings.
#include "app/main_window.h"

#include "app/about_dialog.h"
#include "app/engine_host.h"
#include "app/page_registry.h"
#include "app/theme.h"
#include "app/translation_loader.h"
#include "ui/common/icons.h"
#include "ui/common/page.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QStackedWidget>
#include <QStatusBar>

namespace lathe {

MainWindow::MainWindow(EngineHost& engine, Settings& settings, Theme& theme, const std::vector<Page*>& pages,
                       QWidget* parent)
    : QMainWindow(parent)
    , m_engine(engine)
    , m_settings(settings)
    , m_theme(theme)
    , m_pages(pages)
{
    setWindowTitle(tr("Lathe"));
    setWindowIcon(icon(IconName::App));
    setAcceptDrops(true);
    setObjectName(QStringLiteral("mainWindow"));

    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setIconSize(QSize(22, 22));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setSpacing(2);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setAutoFillBackground(true);
    m_sidebar->setBackgroundRole(QPalette::Window);
    // A soft tint for the current page keeps its coloured icon readable in both themes.
    m_sidebar->setStyleSheet(QStringLiteral(
        "QListWidget#sidebar { background: palette(window); padding: 6px 4px; }"
        "QListWidget#sidebar::item { border-radius: 6px; padding: 4px 6px; color: palette(window-text); }"
        "QListWidget#sidebar::item:selected { background: rgba(61, 123, 224, 0.20); color: palette(window-text); }"
        "QListWidget#sidebar::item:hover:!selected { background: rgba(128, 128, 128, 0.12); }"));
    m_stack = new QStackedWidget(this);
    // The sidebar lists exactly the pages that exist; a page that is not built is not offered.
    int widest = 0;
    for (Page* page : m_pages) {
        auto* item = new QListWidgetItem(page->icon(), page->title(), m_sidebar);
        item->setSizeHint(QSize(0, 36));
        widest = std::max(widest, m_sidebar->fontMetrics().horizontalAdvance(page->title()));
        m_stack->addWidget(page);
        connect(page, &Page::statusMessage, this, [this](const QString& text) { statusBar()->showMessage(text, 10000); });
        connect(page, &Page::pathOpened, this, [this](const QString& path) {
            setWindowTitle(tr("%1 — Lathe").arg(QFileInfo(path).fileName()));
            m_settings.addRecentFile(path);
            m_settings.setLastDirectory(QFileInfo(path).absolutePath());
        });
        connect(page, &Page::openFileRequested, this, &MainWindow::chooseFile);
        connect(page, &Page::openFolderRequested, this, &MainWindow::chooseFolder);
    }
    m_sidebar->setFixedWidth(widest + 22 + 48);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    auto* separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Plain);
    separator->setForegroundRole(QPalette::Mid);
    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(separator);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_threadsLabel = new QLabel(tr("Engine: %n thread(s)", nullptr, int(engine.threadCount())), this);
    m_threadsLabel->setToolTip(tr("Statistics and comparisons run on a pool of this many threads (LATHE_THREADS)"));
    statusBar()->addPermanentWidget(m_threadsLabel);
    statusBar()->showMessage(tr("Ready"));

    createMenus();
    restoreSettings();
    if (m_sidebar->currentRow() < 0 && m_sidebar->count() > 0) {
        m_sidebar->setCurrentRow(0);
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openFile = file->addAction(icon(IconName::OpenFile), tr("&Open File…"), this, &MainWindow::chooseFile);
    openFile->setShortcut(QKeySequence::Open);
    QAction* openFolder = file->addAction(icon(IconName::OpenFolder), tr("Open &Folder…"), this, &MainWindow::chooseFolder);
    openFolder->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* themeMenu = view->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    const std::array<std::pair<ThemeChoice, QString>, 3> themeChoices = {
        {{ThemeChoice::System, tr("Follow &System")}, {ThemeChoice::Light, tr("&Light")}, {ThemeChoice::Dark, tr("&Dark")}}};
    for (const auto& [choice, text] : themeChoices) {
        QAction* action = themeMenu->addAction(text);
        action->setCheckable(true);
        action->setChecked(m_settings.theme() == choice);
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [this, c = choice] { setTheme(c); });
    }

    QMenu* languageMenu = view->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(this);
    const QString current = m_settings.language();
    QAction* system = languageMenu->addAction(tr("System Language"));
    system->setCheckable(true);
    system->setChecked(current.isEmpty());
    languages->addAction(system);
    connect(system, &QAction::triggered, this, [this] { setLanguage(QString()); });
    for (const TranslationLoader::Language& language : TranslationLoader::languages()) {
        QAction* action = languageMenu->addAction(language.nativeName);
        action->setCheckable(true);
        action->setChecked(current == language.code);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = language.code] { setLanguage(code); });
    }
    languageMenu->addSeparator();
    QAction* note = languageMenu->addAction(tr("Takes effect when Lathe restarts"));
    note->setEnabled(false);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(icon(IconName::App), tr("&About Lathe"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_settings.recentFiles();
    for (const QString& path : files) {
        const QFileInfo info(path);
        QAction* action = m_recentMenu->addAction(info.isDir() ? icon(IconName::OpenFolder) : icon(IconName::OpenFile),
                                                  QStringLiteral("%1  —  %2").arg(info.fileName(), QDir::toNativeSeparators(info.absolutePath())));
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] { openPath(path); });
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear Recent Files"), this, [this] { m_settings.clearRecentFiles(); });
}

Page* MainWindow::page(const QString& pageId) const
{
    for (Page* page : m_pages) {
        if (page->pageId() == pageId) {
            return page;
        }
    }
    return nullptr;
}

Page* MainWindow::currentPage() const
{
    const int row = m_stack->currentIndex();
    return row >= 0 && std::size_t(row) < m_pages.size() ? m_pages[std::size_t(row)] : nullptr;
}

void MainWindow::showPage(Page* page)
{
    for (std::size_t i = 0; i < m_pages.size(); ++i) {
        if (m_pages[i] == page) {
            m_sidebar->setCurrentRow(int(i));
        }
    }
}

Page* MainWindow::pathPage() const
{
    for (Page* page : m_pages) {
        if (page->opensPaths()) {
            return page;
        }
    }
    return nullptr;
}

void MainWindow::openPath(const QString& path)
{
    Page* page = pathPage();
    if (page == nullptr) {
        statusBar()->showMessage(tr("No page here opens files."), 10000);
        return;
    }
    showPage(page);
    page->openPath(path);
}

void MainWindow::chooseFile()
{
    Page* page = pathPage();
    const QString filter = page != nullptr ? page->openFileFilter() : tr("All files (*)");
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Checkpoint"), m_settings.lastDirectory(), filter);
    if (!path.isEmpty()) {
        openPath(path);
    }
}

void MainWindow::chooseFolder()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open Model Folder"), m_settings.lastDirectory());
    if (!path.isEmpty()) {
        openPath(path);
    }
}

void MainWindow::setTheme(ThemeChoice choice)
{
    m_settings.setTheme(choice);
    m_theme.apply(choice);
}

void MainWindow::setLanguage(const QString& code)
{
    m_settings.setLanguage(code);
    statusBar()->showMessage(tr("The language changes when Lathe restarts."), 10000);
}

void MainWindow::showAbout()
{
    auto* dialog = new AboutDialog(m_engine, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QMimeData* mime = event->mimeData();
    if (mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().constFirst().isLocalFile() && pathPage() != nullptr) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.constFirst().isLocalFile()) {
        return;
    }
    event->acceptProposedAction();
    openPath(urls.constFirst().toLocalFile());
    if (urls.size() > 1) {
        statusBar()->showMessage(tr("Opened the first of %n dropped item(s).", nullptr, int(urls.size())), 10000);
    }
}

void MainWindow::restoreSettings()
{
    const QByteArray geometry = m_settings.windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        resize(1440, 900);
    }
    restoreState(m_settings.windowState());
    QSettings& store = m_settings.store();
    for (Page* page : m_pages) {
        store.beginGroup(QStringLiteral("pages/") + page->pageId());
        page->loadSettings(store);
        store.endGroup();
    }
    if (Page* last = page(m_settings.currentPage())) {
        showPage(last);
    } else if (Page* first = page(defaultPageId())) {
        showPage(first);
    }
}

void MainWindow::saveSettings()
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    if (Page* current = currentPage()) {
        m_settings.setCurrentPage(current->pageId());
    }
    QSettings& store = m_settings.store();
    for (Page* page : m_pages) {
        store.beginGroup(QStringLiteral("pages/") + page->pageId());
        page->saveSettings(store);
        store.endGroup();
    }
    m_settings.sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    event->accept();
}

}  // namespace lathe
