// LaunchOptions: the lathe command line. `lathe [ARGS]` opens ARGS in the inspector
// (PATH [--compare OTHER] [--select TENSOR] [--tab tensor|checkpoint]); `lathe --screenshot PAGE FILE.png [--theme light|dark]
// [--size WxH] [ARGS]` renders PAGE offscreen and exits (specs/cli.md, "GUI screenshots").
#pragma once

#include "app/settings.h"

#include <QCoreApplication>
#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace lathe {

struct ScreenshotRequest {
    QString page;
    QString output;
    std::optional<ThemeChoice> theme;  // unset: light, so screenshots do not depend on the desktop
    QSize size{1440, 900};
    QStringList arguments;  // what the page takes
};

struct LaunchOptions {
    Q_DECLARE_TR_FUNCTIONS(lathe::LaunchOptions)

public:
    enum class Mode { Gui, Screenshot, Help, Version };

    Mode mode = Mode::Gui;
    QStringList arguments;  // Gui: for the inspector
    ScreenshotRequest screenshot;
    QString error;  // set when the command line is wrong (exit 2)

    // arguments: without the program name, after Qt removed its own (-platform, -style...).
    static LaunchOptions parse(const QStringList& arguments);
    // Whether argv asks for a screenshot; read before QApplication exists (it picks the platform).
    static bool wantsScreenshot(int argc, char** argv);
    static QString usage();
};

}  // namespace lathe
