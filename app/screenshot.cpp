// Screenshot: wait for the page to settle, then grab and save.
#include "app/screenshot.h"

#include "app/main_window.h"
#include "ui/common/page.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QStringList>

#include <cstdio>

namespace lathe {
namespace {

void printError(const QString& message)
{
    std::fprintf(stderr, "error: %s\n", message.toLocal8Bit().constData());
    std::fflush(stderr);
}

}  // namespace

Screenshot::Screenshot(MainWindow& window, ScreenshotRequest request, std::chrono::milliseconds timeout)
    : m_window(window)
    , m_request(std::move(request))
    , m_timeout(timeout)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        printError(QStringLiteral("%1: timed out after %2 s waiting for the page to finish loading")
                       .arg(m_request.page)
                       .arg(double(m_timeout.count()) / 1000.0));
        finish(1);
    });
}

int Screenshot::run()
{
    Page* page = m_window.page(m_request.page);
    if (page == nullptr) {
        QStringList ids;
        for (const Page* existing : m_window.pages()) {
            ids << existing->pageId();
        }
        printError(QStringLiteral("unknown page \"%1\"; the pages are: %2").arg(m_request.page, ids.join(QStringLiteral(", "))));
        return 2;
    }
    m_window.showPage(page);
    m_window.setAttribute(Qt::WA_DontShowOnScreen);
    m_window.resize(m_request.size);
    m_window.show();

    QString error;
    if (!page->applyArguments(m_request.arguments, &error)) {
        printError(QStringLiteral("%1: %2").arg(m_request.page, error));
        return 2;
    }
    connect(page, &Page::busyChanged, this, [this](bool busy) {
        if (!busy) {
            capture();
        }
    });
    m_timer.start(m_timeout);
    if (!page->isBusy()) {
        QTimer::singleShot(0, this, &Screenshot::capture);
    }
    m_loop.exec();
    return m_exitCode;
}

void Screenshot::capture()
{
    if (m_capturing) {
        return;
    }
    m_capturing = true;
    // Let queued layout, resize and paint events run before the grab.
    QTimer::singleShot(200, this, [this] {
        QCoreApplication::processEvents();
        if (m_window.size() != m_request.size) {
            std::fprintf(stderr, "warning: the window needs at least %dx%d; the screenshot is that size\n",
                         m_window.width(), m_window.height());
        }
        const QPixmap pixmap = m_window.grab();
        if (!pixmap.save(m_request.output, "PNG")) {
            printError(QStringLiteral("%1: cannot write the PNG file").arg(m_request.output));
            finish(1);
            return;
        }
        finish(0);
    });
}

void Screenshot::finish(int exitCode)
{
    m_timer.stop();
    m_exitCode = exitCode;
    m_loop.exit(exitCode);
}

}  // namespace lathe
