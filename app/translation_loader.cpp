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
    QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    if (locale.language() == QLocale::C) {
        // A bare C locale (containers, CI) would print numbers without group separators.
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    }
    QLocale::setDefault(locale);
    // English has a translation file too: it holds the plural forms ("1 tensor", "2 tensors").
    const QString i18n = QStringLiteral(":/i18n");
    if (!m_lathe.load(locale, QStringLiteral("lathe"), QStringLiteral("_"), i18n) &&
        !m_lathe.load(QStringLiteral("lathe_en"), i18n)) {
        return QStringLiteral("en");
    }
    m_app.installTranslator(&m_lathe);
    // Qt's own strings (dialog buttons); absent when the Qt translations package is not installed.
    if (m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        m_app.installTranslator(&m_qt);
    }
    m_installed = true;
    return m_lathe.language();
}

}  // namespace lathe
