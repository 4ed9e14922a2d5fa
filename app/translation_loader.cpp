// TranslationLoader: QLocale-driven lookup of lathe_<lang>.qm and qtbase_<lang>.qm.
#include "app/translation_loader.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace lathe {

const std::vector<TranslationLoader::Language>& TranslationLoader::languages()
{
    static const std::vector<Language> list = {
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
    };
    return list;
}

TranslationLoader::TranslationLoader(QCoreApplication& app)
    : m_app(app)
{
}

TranslationLoader::~TranslationLoader()
{
    if (m_installed) {
        m_app.removeTranslator(&m_lathe);
        m_app.removeTranslator(&m_qt);
    }
}

QString TranslationLoader::install(const QString& code)
{
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    if (!code.isEmpty()) {
        QLocale::setDefault(locale);
    } else if (locale.language() == QLocale::C) {
        // A bare C locale (containers, CI) would print numbers without group separators.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    if (locale.language() == QLocale::English || locale.language() == QLocale::C) {
        return QStringLiteral("en");
    }
    if (!m_lathe.load(locale, QStringLiteral("lathe"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        return QStringLiteral("en");
    }
    m_app.installTranslator(&m_lathe);
    // Qt's own strings (dialog buttons); absent when the Qt translations package is not installed.
    if (m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        m_app.installTranslator(&m_qt);
    }
    m_installed = true;
    return locale.name();
}

}  // namespace lathe
