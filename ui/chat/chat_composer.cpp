// ChatComposer: a rounded box (painted here, palette colours) around a frameless editor and the
// Send/Stop button. Keys are read in an event filter on the editor.
#include "ui/common/colours.h"
#include "ui/chat/chat_composer.h"

#include "ui/common/icons.h"

#include <QAbstractTextDocumentLayout>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>

#include <algorithm>

namespace lathe {
namespace {

}  // namespace

ChatComposer::ChatComposer(QWidget* parent)
    : QWidget(parent)
    , m_placeholder(tr("Write a message… (Enter to send, Shift+Enter for a new line)"))
{
    setObjectName(QStringLiteral("chatComposer"));
    setAttribute(Qt::WA_Hover);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("composerEditor"));
    m_editor->setAccessibleName(tr("Message"));
    m_editor->setFrameShape(QFrame::NoFrame);
    m_editor->setTabChangesFocus(true);
    m_editor->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_editor->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_editor->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_editor->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_editor->setAutoFillBackground(false);
    m_editor->viewport()->setAutoFillBackground(false);
    m_editor->document()->setDocumentMargin(2);
    m_editor->installEventFilter(this);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &ChatComposer::updateSendEnabled);
    connect(m_editor->document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &ChatComposer::fitHeight);

    m_send = new QPushButton(this);
    m_send->setObjectName(QStringLiteral("composerSendButton"));
    m_send->setCursor(Qt::PointingHandCursor);
    m_send->setMinimumWidth(88);
    connect(m_send, &QPushButton::clicked, this, &ChatComposer::onButtonClicked);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 9, 9, 9);
    layout->setSpacing(10);
    layout->addWidget(m_editor, 1, Qt::AlignVCenter);
    layout->addWidget(m_send, 0, Qt::AlignBottom);

    setFocusProxy(m_editor);
    fitHeight();
    updateState();
}

QString ChatComposer::text() const
{
    return m_editor->toPlainText();
}

void ChatComposer::setText(const QString& text)
{
    m_editor->setPlainText(text);
    m_editor->moveCursor(QTextCursor::End);
}

void ChatComposer::clear()
{
    m_editor->clear();
}

void ChatComposer::setBusy(bool busy)
{
    if (m_busy != busy) {
        m_busy = busy;
        updateState();
    }
}

void ChatComposer::setReady(bool ready, const QString& reason)
{
    m_ready = ready;
    m_notReadyReason = reason;
    updateState();
}

void ChatComposer::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    updateState();
}

void ChatComposer::trySend()
{
    if (m_busy || !m_ready) {
        return;
    }
    const QString message = text();
    if (message.trimmed().isEmpty()) {
        return;
    }
    emit sendRequested(message);
}

void ChatComposer::onButtonClicked()
{
    if (m_busy) {
        emit stopRequested();
    } else {
        trySend();
    }
}

void ChatComposer::updateState()
{
    m_editor->setEnabled(m_ready);
    m_editor->setPlaceholderText(m_ready ? m_placeholder : m_notReadyReason);
    setToolTip(m_ready ? QString() : m_notReadyReason);
    if (m_busy) {
        m_send->setIcon(icon(IconName::Stop));
        m_send->setText(tr("Stop"));
        m_send->setAccessibleName(tr("Stop the answer"));
        m_send->setToolTip(tr("Stop the answer (Esc); the text so far is kept"));
    } else {
        m_send->setIcon(icon(IconName::Send));
        m_send->setText(tr("Send"));
        m_send->setAccessibleName(tr("Send message"));
        m_send->setToolTip(tr("Send (Enter)"));
    }
    updateSendEnabled();
    update();
}

void ChatComposer::updateSendEnabled()
{
    const bool enabled = m_busy || (m_ready && !text().trimmed().isEmpty());
    m_send->setEnabled(enabled);
}

void ChatComposer::fitHeight()
{
    const int lines = std::clamp(int(m_editor->document()->documentLayout()->documentSize().height()), 1, kMaxLines);
    const int height = lines * m_editor->fontMetrics().lineSpacing() + 2 * int(m_editor->document()->documentMargin()) + 2;
    if (m_editor->height() != height || m_editor->minimumHeight() != height) {
        m_editor->setFixedHeight(height);
    }
}

bool ChatComposer::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_editor) {
        if (event->type() == QEvent::ShortcutOverride && m_busy &&
            static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            event->accept();  // Escape is ours while busy, not a window shortcut's
            return true;
        }
        if (event->type() == QEvent::KeyPress) {
            const auto* key = static_cast<QKeyEvent*>(event);
            if (key->key() == Qt::Key_Escape && m_busy) {
                emit stopRequested();
                return true;
            }
            if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
                if (key->modifiers() & Qt::ShiftModifier) {
                    m_editor->textCursor().insertText(QStringLiteral("\n"));
                    m_editor->ensureCursorVisible();
                } else {
                    trySend();
                }
                return true;
            }
        }
        if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut) {
            update();  // the border shows focus
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ChatComposer::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& colours = palette();
    const QColor base = colours.color(QPalette::Base);
    const QColor text = colours.color(QPalette::Text);
    const bool focused = m_editor->hasFocus();
    const QRectF box = QRectF(rect()).adjusted(1, 1, -1, -1);
    painter.setBrush(m_ready ? base : mixColour(base, text, 0.04));
    painter.setPen(QPen(focused ? colours.color(QPalette::Highlight) : mixColour(base, text, 0.22), focused ? 1.6 : 1.0));
    painter.drawRoundedRect(box, 12, 12);
}

void ChatComposer::mousePressEvent(QMouseEvent* event)
{
    // The padding around the editor belongs to it.
    m_editor->setFocus(Qt::MouseFocusReason);
    QWidget::mousePressEvent(event);
}

}  // namespace lathe
