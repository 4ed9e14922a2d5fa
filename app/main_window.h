// MainWindow: the frame around the pages: a sidebar listing the pages it is given, a stack
// showing the current one, File / View / Help menus, a status bar, drag and drop of files and
// folders, and persistence of window state through Settings. It owns no engine work; pages do.
#pragma once

#include "app/settings.h"

#include <QMainWindow>

#include <vector>

class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace lathe {

class EngineHost;
class Page;
class Theme;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // Takes ownership of the pages (as their parent widget).
    MainWindow(EngineHost& engine, Settings& settings, Theme& theme, const std::vector<Page*>& pages,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    const std::vector<Page*>& pages() const { return m_pages; }
    Page* page(const QString& pageId) const;
    Page* currentPage() const;
    void showPage(Page* page);

    // Opens a file or folder in the page that takes paths (the inspector).
    void openPath(const QString& path);

    void chooseFile();
    void chooseFolder();

    // Menus, for tests.
    QMenu* recentMenu() const { return m_recentMenu; }
    QListWidget* sidebar() const { return m_sidebar; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void rebuildRecentMenu();
    void setTheme(ThemeChoice choice);
    void setLanguage(const QString& code);
    void showAbout();
    void restoreSettings();
    void saveSettings();
    Page* pathPage() const;

    EngineHost& m_engine;
    Settings& m_settings;
    Theme& m_theme;
    std::vector<Page*> m_pages;
    QListWidget* m_sidebar = nullptr;
    QStackedWidget* m_stack = nullptr;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_threadsLabel = nullptr;
};

}  // namespace lathe
