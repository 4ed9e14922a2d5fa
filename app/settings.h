// Settings: what Lathe remembers between runs (window geometry and state, recent files,
// theme, language, the last page, per-page settings), over a QSettings store that main.cpp
// builds and passes in: the user's for a normal run, a throwaway one for --screenshot.
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace lathe {

// Stored as "system", "light", "dark": values serialized to disk, do not change or reuse.
enum class ThemeChoice { System, Light, Dark };

QString themeChoiceName(ThemeChoice choice);
std::optional<ThemeChoice> themeChoiceFromName(const QString& name);

class Settings {
public:
    static constexpr int kMaxRecentFiles = 10;

    explicit Settings(std::unique_ptr<QSettings> store);

    ThemeChoice theme() const;
    void setTheme(ThemeChoice theme);

    // "" follows the system; else a code from TranslationLoader::languages() ("de", "zh_CN").
    QString language() const;
    void setLanguage(const QString& code);

    QStringList recentFiles() const;
    void addRecentFile(const QString& path);  // most recent first, no duplicates
    void removeRecentFile(const QString& path);
    void clearRecentFiles();

    QString lastDirectory() const;
    void setLastDirectory(const QString& directory);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    QString currentPage() const;
    void setCurrentPage(const QString& pageId);

    // The store itself, for per-page groups (Page::loadSettings / saveSettings).
    QSettings& store() { return *m_store; }
    void sync() { m_store->sync(); }

private:
    std::unique_ptr<QSettings> m_store;
};

}  // namespace lathe
