// TranslationLoader: installs Lathe's own translation (embedded under :/i18n/) and Qt's, for
// the language the settings name or, when they name none, the system's. Languages switch at
// start only; the View menu says a change takes effect after a restart.
#pragma once

#include <QString>
#include <QTranslator>

#include <vector>

class QCoreApplication;

namespace lathe {

class TranslationLoader {
public:
    struct Language {
        QString code;        // "de", "zh_CN"; "en" is the source language
        QString nativeName;  // shown untranslated, as people look for their own language
    };

    static const std::vector<Language>& languages();

    explicit TranslationLoader(QCoreApplication& app);
    ~TranslationLoader();
    TranslationLoader(const TranslationLoader&) = delete;
    TranslationLoader& operator=(const TranslationLoader&) = delete;

    // code: "" for the system language. Returns the language in effect ("en" when none fits).
    QString install(const QString& code);

private:
    QCoreApplication& m_app;
    QTranslator m_lathe;
    QTranslator m_qt;
    bool m_installed = false;
};

}  // namespace lathe
