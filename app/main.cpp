// lathe: the GUI. Builds the services (settings, theme, translations, the engine host), the
// pages and the main window, and passes them in; then either runs the window or, with
// --screenshot, renders one page offscreen and exits.
#include "app/chat_service.h"
#include "app/engine_host.h"
#include "app/launch_options.h"
#include "app/main_window.h"
#include "app/page_registry.h"
#include "app/screenshot.h"
#include "app/settings.h"
#include "app/theme.h"
#include "app/translation_loader.h"
#include "core/data_paths.h"
#include "ui/common/icons.h"
#include "ui/common/page.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>

#ifndef LATHE_VERSION
#define LATHE_VERSION "unknown"
#endif

namespace {

// Without a display, a screenshot still works: Qt's offscreen platform renders into memory.
void chooseScreenshotPlatform()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
}

std::chrono::milliseconds screenshotTimeout()
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("LATHE_SCREENSHOT_TIMEOUT", &ok);
    return ok && seconds > 0 ? std::chrono::seconds(seconds) : lathe::Screenshot::kDefaultTimeout;
}

}  // namespace

int main(int argc, char** argv)
{
    // --help and --version answer without a display.
    QStringList rawArguments;
    for (int i = 1; i < argc; ++i) {
        rawArguments << QString::fromLocal8Bit(argv[i]);
    }
    const lathe::LaunchOptions early = lathe::LaunchOptions::parse(rawArguments);
    if (early.mode == lathe::LaunchOptions::Mode::Help) {
        std::fputs(qPrintable(lathe::LaunchOptions::usage()), stdout);
        return 0;
    }
    if (early.mode == lathe::LaunchOptions::Mode::Version) {
        std::printf("lathe %s\n", LATHE_VERSION);
        return 0;
    }

    const bool screenshot = lathe::LaunchOptions::wantsScreenshot(argc, argv);
    if (screenshot) {
        chooseScreenshotPlatform();
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Lathe"));
    QApplication::setOrganizationName(QStringLiteral("Lathe"));
    QApplication::setOrganizationDomain(QStringLiteral("lathe.github.io"));
    QApplication::setApplicationVersion(QStringLiteral(LATHE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("lathe"));  // resources/lathe.desktop
    lathe::initUiResources();

    const lathe::LaunchOptions options = lathe::LaunchOptions::parse(QApplication::arguments().mid(1));
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "error: %s\n%s", qPrintable(options.error), qPrintable(lathe::LaunchOptions::usage()));
        return 2;
    }
    // A screenshot must not depend on (or change) the user's settings: it gets a throwaway store.
    QTemporaryDir scratch;
    std::unique_ptr<QSettings> store =
        screenshot ? std::make_unique<QSettings>(QDir(scratch.path()).filePath(QStringLiteral("lathe.ini")), QSettings::IniFormat)
                   : std::make_unique<QSettings>();
    lathe::Settings settings(std::move(store));

    lathe::TranslationLoader translations(app);
    translations.install(screenshot ? QString() : settings.language());

    lathe::Theme theme(QApplication::palette());
    theme.apply(screenshot ? options.screenshot.theme.value_or(lathe::ThemeChoice::Light) : settings.theme());

    lathe::EngineHost engine;
    lathe::ChatService chat;
    // A screenshot keeps its conversations and endpoints in the throwaway folder too.
    const QString conversations = screenshot ? QDir(scratch.path()).filePath(QStringLiteral("conversations"))
                                             : QFile::decodeName(lathe::conversationsFolder().c_str());
    const QString config = screenshot ? scratch.path() : QFile::decodeName(lathe::configFolder().c_str());
    lathe::MainWindow window(engine, settings, theme, lathe::createPages({engine, chat, conversations, config}));

    if (screenshot) {
        lathe::Screenshot shot(window, options.screenshot, screenshotTimeout());
        return shot.run();
    }

    if (!options.arguments.isEmpty()) {
        // `lathe --model PATH` (and the chat page's other options) opens the chat page; paths
        // open in the inspector.
        const bool chatArguments = options.arguments.constFirst().startsWith(QLatin1String("--")) &&
                                   options.arguments.constFirst() != QLatin1String("--compare") &&
                                   options.arguments.constFirst() != QLatin1String("--select") &&
                                   options.arguments.constFirst() != QLatin1String("--tab");
        lathe::Page* target = window.page(chatArguments ? QStringLiteral("chat") : QStringLiteral("inspector"));
        QString error;
        if (target == nullptr || !target->applyArguments(options.arguments, &error)) {
            std::fprintf(stderr, "error: %s\n%s", qPrintable(error), qPrintable(lathe::LaunchOptions::usage()));
            return 2;
        }
        window.showPage(target);
    }
    window.show();
    return QApplication::exec();
}
