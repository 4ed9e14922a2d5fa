// TranscriptView: the Chat page's column of messages (MessageView), centred at a comfortable
// reading width. It follows the bottom while an answer streams, unless the reader has scrolled
// up; then a floating "Jump to latest" button brings them back.
// setItems() keeps the widgets of messages whose id and content did not change, so switching
// branches or conversations costs only the messages that differ.
// GUI thread only; it shows plain values and emits signals, never touching the engine.
#pragma once

#include "ui/chat/message_view.h"

#include <QHash>
#include <QScrollArea>
#include <QVector>

class QAbstractButton;
class QLabel;
class QVBoxLayout;

namespace lathe {

class TranscriptView : public QScrollArea {
    Q_OBJECT

public:
    static constexpr int kMaxColumnWidth = 860;

    explicit TranscriptView(QWidget* parent = nullptr);

    // The whole transcript ("system" items are not shown). Follows the bottom again when the
    // list of ids changed (a new message, another branch or conversation).
    void setItems(const QVector<TranscriptItem>& items);
    // One message changed (stats, error, streaming ended); unknown ids are ignored.
    void updateItem(const TranscriptItem& item);
    // Streaming: adds text to a message; rendering is coalesced (MessageView::kRenderIntervalMs).
    void appendText(qint64 id, const QString& text);
    // Shown when there are no items, e.g. "Ask SmolLM2-135M-Instruct anything".
    void setEmptyText(const QString& title, const QString& hint);
    // Hides Edit and Regenerate (while an answer streams).
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    MessageView* messageView(qint64 id) const { return m_views.value(id); }
    QVector<MessageView*> messageViews() const { return m_order; }

    bool isFollowingBottom() const { return m_following; }
    // Scrolls to the latest message and follows the bottom again.
    void scrollToLatest();
    QAbstractButton* jumpButton() const { return m_jump; }

signals:
    void editSubmitted(qint64 id, const QString& text);
    void regenerateRequested(qint64 id);
    void siblingRequested(qint64 id, int delta);  // -1 / +1
    void copyRequested(const QString& text);      // after copying, for a status message

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    MessageView* createView(const TranscriptItem& item);
    void removeView(MessageView* view);
    void updatePinnedActions();
    void updateEmptyState();
    void onRangeChanged(int maximum);
    void onScrolled(int value);
    void placeJumpButton();

    QWidget* m_column = nullptr;
    QVBoxLayout* m_messages = nullptr;
    QWidget* m_empty = nullptr;
    QLabel* m_emptyTitle = nullptr;
    QLabel* m_emptyHint = nullptr;
    QAbstractButton* m_jump = nullptr;

    QHash<qint64, MessageView*> m_views;
    QVector<MessageView*> m_order;
    bool m_readOnly = false;
    bool m_following = true;
    bool m_scrollingToBottom = false;
};

}  // namespace lathe
