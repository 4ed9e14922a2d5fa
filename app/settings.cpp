// Settings: keys and defaults in one place.
#include "app/settings.h"

#include <QDir>

namespace lathe {
namespace {

const QString kTheme = QStringLiteral("appearance/theme");
const QString kLanguage = QStringLiteral("appearance/language");
const QString kRecentFiles = QStringLiteral("files/recent");
const QString kLastDirectory = QStringLiteral("files/lastDirectory");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kPage = QStringLiteral("window/page");

}  // namespace

QString themeChoiceName(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::System: return QStringLiteral("system");
    case ThemeChoice::Light: return QStringLiteral("light");
    case ThemeChoice::Dark: return QStringLiteral("dark");
    }
    return QStringLiteral("system");
}

std::optional<ThemeChoice> themeChoiceFromName(const QString& name)
{
    for (ThemeChoice choice : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark}) {
        if (name == themeChoiceName(choice)) {
            return choice;
        }
    }
    return std::nullopt;
}

Settings::Settings(std::unique_ptr<QSettings> store)
    : m_store(std::move(store))
{
}

ThemeChoice Settings::theme() const
{
    return themeChoiceFromName(m_store->value(kTheme).toString()).value_or(ThemeChoice::System);
}

void Settings::setTheme(ThemeChoice theme)
{
    m_store->setValue(kTheme, themeChoiceName(theme));
}

QString Settings::language() const
{
    return m_store->value(kLanguage).toString();
}

void Settings::setLanguage(const QString& code)
{
    m_store->setValue(kLanguage, code);
}

QStringList Settings::recentFiles() const
{
    return m_store->value(kRecentFiles).toStringList();
}

void Settings::addRecentFile(const QString& path)
{
    const QString clean = QDir::cleanPath(QDir(path).absolutePath());
    QStringList files = recentFiles();
    files.removeAll(clean);
    files.prepend(clean);
    while (files.size() > kMaxRecentFiles) {
        files.removeLast();
    }
    m_store->setValue(kRecentFiles, files);
}

void Settings::removeRecentFile(const QString& path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    m_store->setValue(kRecentFiles, files);
}

void Settings::clearRecentFiles()
{
    m_store->remove(kRecentFiles);
}

QString Settings::lastDirectory() const
{
    return m_store->value(kLastDirectory, QDir::homePath()).toString();
}

void Settings::setLastDirectory(const QString& directory)
{
    m_store->setValue(kLastDirectory, directory);
}

QByteArray Settings::windowGeometry() const
{
    return m_store->value(kGeometry).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray& geometry)
{
    m_store->setValue(kGeometry, geometry);
}

QByteArray Settings::windowState() const
{
    return m_store->value(kState).toByteArray();
}

void Settings::setWindowState(const QByteArray& state)
{
    m_store->setValue(kState, state);
}

QString Settings::currentPage() const
{
    return m_store->value(kPage).toString();
}

void Settings::setCurrentPage(const QString& pageId)
{
    m_store->setValue(kPage, pageId);
}

}  // namespace lathe
