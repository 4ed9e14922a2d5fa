// ErrorPanel: what a page shows in place of its content when something it opened is bad: an
// icon, a title naming the file, the engine's message (which names the field and the rule)
// and a button to try another file. Never a modal dialog, so a bad file cannot trap the user.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace lathe {

class ErrorPanel : public QWidget {
    Q_OBJECT

public:
    explicit ErrorPanel(QWidget* parent = nullptr);

    // title: "Could not open model.safetensors"; message: the engine's text; detail: the path.
    void setError(const QString& title, const QString& message, const QString& detail = QString());
    void setActionText(const QString& text);

    QString title() const;
    QString message() const;
    QPushButton* actionButton() const { return m_action; }

signals:
    void actionRequested();

private:
    QLabel* m_icon = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_detail = nullptr;
    QPushButton* m_action = nullptr;
};

}  // namespace lathe
