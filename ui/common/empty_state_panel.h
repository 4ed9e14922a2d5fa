// EmptyStatePanel: what a page shows before anything is open: a picture, one sentence on what
// the page does, buttons for the usual ways in, and a hint that dropping files works too.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace lathe {

class EmptyStatePanel : public QWidget {
    Q_OBJECT

public:
    explicit EmptyStatePanel(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void setDescription(const QString& text);
    void setDropHint(const QString& text);

    QPushButton* openFileButton() const { return m_openFile; }
    QPushButton* openFolderButton() const { return m_openFolder; }

signals:
    void openFileRequested();
    void openFolderRequested();

private:
    QLabel* m_title = nullptr;
    QLabel* m_description = nullptr;
    QLabel* m_dropHint = nullptr;
    QPushButton* m_openFile = nullptr;
    QPushButton* m_openFolder = nullptr;
};

}  // namespace lathe
