// MessageView: one message of the Chat transcript. A user message is a tinted bubble of plain
// text (editable in place); an assistant message is rendered Markdown, its fenced code blocks
// in frames of their own with a Copy button, then a footer (stats, error). Copy / Edit /
// Regenerate show on hover or keyboard focus; "‹ 2/3 ›" switches between sibling versions.
//
// Streaming: appendText() only accumulates; a timer re-renders at most every kRenderIntervalMs,
// and only the blocks from the first one that can still change (a block is final once a later
// one has started), so an update costs one block's Markdown, not the whole answer's.
// GUI thread only. It shows values and emits signals; it never talks to the engine.
#pragma once

#include "ui/chat/markdown_blocks.h"

#include <QFrame>
#include <QString>
#include <QTimer>
#include <QVector>

class QBoxLayout;
class QGraphicsOpacityEffect;
class QIcon;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace lathe {

struct TranscriptItem {
    qint64 id = 0;            // stable id of the message (the conversation's node id)
    QString role;             // "user", "assistant" (a "system" item is not shown)
    QString text;
    bool streaming = false;
    bool cut = false;         // outside the context: not sent
    int siblingIndex = 0;     // 0-based among the versions of this message
    int siblingCount = 1;
    QString stats;            // footer line, assistant only
    QString error;            // footer error line ("Stopped", "Connection dropped after 37 tokens")

    bool isUser() const { return role == QLatin1String("user"); }
    bool operator==(const TranscriptItem&) const = default;
};

class MessageView : public QFrame {
    Q_OBJECT

public:
    static constexpr int kRenderIntervalMs = 40;
    // Long prose is shown in sections of about this many characters (see splitMarkdownBlocks):
    // a streamed update re-renders one section, not the whole answer.
    static constexpr qsizetype kProseSectionChars = 1200;

    explicit MessageView(const TranscriptItem& item, QWidget* parent = nullptr);

    qint64 id() const { return m_item.id; }
    // The item as shown, its text including appended text not rendered yet.
    const TranscriptItem& item() const { return m_item; }

    // Shows another state of the same message (same id and role): only what changed is redone.
    // While the message streams, its text only grows: a shorter text that the shown one starts
    // with (the page's copy lagging behind appendText) keeps the shown one, and a longer one is
    // rendered on the timer like appended text.
    void setItem(const TranscriptItem& item);
    // Streaming: adds to the text; the view re-renders on its timer.
    void appendText(const QString& text);
    // Renders appended text now instead of on the timer.
    void flushText();
    bool hasPendingText() const { return m_renderTimer.isActive(); }

    // Hides Edit and Regenerate (while an answer streams).
    void setReadOnly(bool readOnly);
    // Keeps the hover actions visible (the transcript pins them on its latest answer).
    void setActionsPinned(bool pinned);
    bool actionsRevealed() const;

    bool isEditing() const { return m_editor != nullptr && m_editorFrame->isVisible(); }
    void startEditing();
    void cancelEditing();
    QPlainTextEdit* editEditor() const { return m_editor; }

    // The blocks as rendered (assistant messages), e.g. for tests and accessibility.
    QVector<MarkdownBlock> renderedBlocks() const;

signals:
    void editSubmitted(qint64 id, const QString& text);
    void regenerateRequested(qint64 id);
    void siblingRequested(qint64 id, int delta);
    void copyRequested(const QString& text);

protected:
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Block {
        MarkdownBlock source;
        QWidget* widget = nullptr;
    };

    void buildUserContent();
    void buildAssistantContent();
    void buildFooter();
    void buildActions();
    // The text is the button's face when `buttonIcon` is null, else the icon alone; the accessible
    // name is its tooltip.
    QToolButton* addActionButton(QBoxLayout* layout, const QString& objectName, const QString& text,
                                 const QString& accessibleName, const QIcon& buttonIcon);

    void renderText();
    void syncBlocks(int firstBlock, const QVector<MarkdownBlock>& blocks);
    QWidget* createBlockWidget(const MarkdownBlock& block);
    void updateBlockWidget(Block& block, const MarkdownBlock& source);

    void applyItemState();
    void updateActionsVisibility();
    void updateReveal();
    void updateErrorColours();
    void submitEdit();
    void copyToClipboard(const QString& text);

    TranscriptItem m_item;
    bool m_readOnly = false;
    bool m_hovered = false;
    bool m_pinned = false;

    // Streaming render state: blocks [0, m_finalBlocks) are final; the text from m_openOffset
    // on is parsed again on each render.
    QVector<Block> m_blocks;
    int m_finalBlocks = 0;
    qsizetype m_openOffset = 0;
    QTimer m_renderTimer;

    QVBoxLayout* m_layout = nullptr;
    QWidget* m_content = nullptr;
    QGraphicsOpacityEffect* m_cutEffect = nullptr;

    // User messages.
    QWidget* m_bubble = nullptr;
    QLabel* m_bubbleText = nullptr;
    QFrame* m_editorFrame = nullptr;
    QPlainTextEdit* m_editor = nullptr;
    QPushButton* m_editSend = nullptr;

    // Assistant messages.
    QVBoxLayout* m_blocksLayout = nullptr;
    QWidget* m_indicator = nullptr;
    QLabel* m_stats = nullptr;
    QWidget* m_errorRow = nullptr;
    QLabel* m_errorIcon = nullptr;
    QLabel* m_error = nullptr;

    QLabel* m_cutNote = nullptr;

    QWidget* m_actionsRow = nullptr;
    QWidget* m_hoverActions = nullptr;
    QGraphicsOpacityEffect* m_hoverEffect = nullptr;
    QToolButton* m_copy = nullptr;
    QToolButton* m_edit = nullptr;
    QToolButton* m_regenerate = nullptr;
    QWidget* m_siblings = nullptr;
    QToolButton* m_previous = nullptr;
    QToolButton* m_next = nullptr;
    QLabel* m_siblingLabel = nullptr;
};

}  // namespace lathe
