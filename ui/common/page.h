// Page: one entry of the main window's sidebar (Inspector today; Hub, Planner, Chat... as they
// land). The window builds its sidebar from the pages it is given, routes opened paths to the
// page that takes them, and asks pages whether they are busy (for --screenshot).
#pragma once

#include <QIcon>
#include <QString>
#include <QStringList>
#include <QWidget>

class QSettings;

namespace lathe {

class Page : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual QString pageId() const = 0;  // "inspector": the name --screenshot takes
    virtual QString title() const = 0;   // translated, for the sidebar
    virtual QIcon icon() const = 0;

    // Whether File > Open and dropped files go to this page.
    virtual bool opensPaths() const { return false; }
    virtual void openPath(const QString& path);
    // Name filters for the File > Open dialog ("Safetensors (*.safetensors);;All files (*)").
    virtual QString openFileFilter() const;

    // Applies what the page takes on the command line (`lathe --screenshot PAGE FILE ARGS`).
    // Returns false with a message naming the argument when ARGS do not fit.
    virtual bool applyArguments(const QStringList& arguments, QString* error);

    // True while the page waits for engine work it started; busyChanged() tells when it ends.
    virtual bool isBusy() const { return false; }

    // Page settings live in their own group of the application's settings.
    virtual void loadSettings(const QSettings& settings);
    virtual void saveSettings(QSettings& settings) const;

signals:
    void busyChanged(bool busy);
    void statusMessage(const QString& text);
    void pathOpened(const QString& path);  // opened successfully: a recent file
    void openFileRequested();
    void openFolderRequested();
};

}  // namespace lathe
