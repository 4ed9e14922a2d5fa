// ChatComposer: where the user writes the next message. A plain-text box growing from one to
// kMaxLines lines; Enter sends, Shift+Enter starts a new line. The Send button turns into Stop
// while an answer streams (Escape stops too). When the page cannot send (no model loaded) the
// box is disabled and its placeholder says why.
// The composer does not clear itself on send: the page clears it once it accepts the message.
// GUI thread only.
#pragma once

#include <QWidget>

class QPlainTextEdit;
class QPushButton;

namespace lathe {

class ChatComposer : public QWidget {
    Q_OBJECT

public:
    static constexpr int kMaxLines = 8;

    explicit ChatComposer(QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& text);
    void clear();

    // Busy: an answer is streaming; Send becomes Stop and Enter does nothing.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    // Not ready: the box is disabled and `reason` ("Load a model to start") is its placeholder.
    void setReady(bool ready, const QString& reason = {});
    bool isReady() const { return m_ready; }
    // The placeholder while ready ("Message SmolLM2…").
    void setPlaceholderText(const QString& text);

    QPlainTextEdit* editor() const { return m_editor; }
    QPushButton* sendButton() const { return m_send; }

signals:
    void sendRequested(const QString& text);  // never empty or whitespace only
    void stopRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    void trySend();
    void onButtonClicked();
    void updateState();
    void updateSendEnabled();
    void fitHeight();

    QPlainTextEdit* m_editor = nullptr;
    QPushButton* m_send = nullptr;
    QString m_placeholder;
    QString m_notReadyReason;
    bool m_busy = false;
    bool m_ready = true;
};

}  // namespace lathe
