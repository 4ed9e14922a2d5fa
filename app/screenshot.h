// Screenshot: `lathe --screenshot PAGE FILE.png ...`: shows the main window without putting it
// on screen, hands ARGS to the page, waits in the event loop until the page has finished the
// engine work it started (opening, statistics of the first tensor, a comparison), grabs the
// whole window to PNG and reports an exit status as specs/cli.md fixes it.
#pragma once

#include "app/launch_options.h"

#include <QEventLoop>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace lathe {

class MainWindow;

class Screenshot : public QObject {
    Q_OBJECT

public:
    static constexpr std::chrono::seconds kDefaultTimeout{120};

    Screenshot(MainWindow& window, ScreenshotRequest request, std::chrono::milliseconds timeout = kDefaultTimeout);

    // Returns 0 when FILE.png was written, 2 for a bad page or arguments, 1 for a timeout or a
    // file that cannot be written; each failure prints an "error: " line on stderr.
    int run();

private:
    void capture();
    void finish(int exitCode);

    MainWindow& m_window;
    ScreenshotRequest m_request;
    std::chrono::milliseconds m_timeout;
    QEventLoop m_loop;
    QTimer m_timer;
    int m_exitCode = 1;
    bool m_capturing = false;
};

}  // namespace lathe
