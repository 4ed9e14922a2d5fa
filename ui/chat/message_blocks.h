// The widgets inside a MessageView: word-wrapped labels that remember their heights (the user's
// bubble text, the footer lines), ProseView for a Markdown prose block and CodeBlockView for a
// fenced code block with its language and a Copy button. Each takes new text in place, so a
// streamed update redoes one block instead of replacing the widgets.
// GUI thread only.
#pragma once

#include "ui/chat/markdown_blocks.h"
#include "ui/common/colours.h"

#include <QCoreApplication>
#include <QFrame>
#include <QLabel>
#include <QSize>
#include <QTextBrowser>
#include <QTimer>
#include <QVarLengthArray>

#include <functional>
#include <utility>

class QToolButton;

namespace lathe {

// Tints and sizes shared by the message widgets: the colour `amount` of the way from `from` to
// `to`, whether a palette is a dark theme's, and `font` scaled by `factor`.
QFont scaledFont(QFont font, double factor);

// Heights for the last few widths. Layouts ask a leaf widget's heightForWidth() on every pass
// (QWidgetItem::minimumHeightForWidth has no cache) and QLabel lays its text out anew for each
// question; without this every streamed update would lay out the labels of every message.
class HeightCache {
public:
    template <typename Compute>
    int heightFor(int width, Compute compute)
    {
        for (const QSize& entry : std::as_const(m_entries)) {
            if (entry.width() == width) {
                return entry.height();
            }
        }
        const int height = compute(width);
        if (m_entries.size() == kEntries) {
            m_entries.remove(0);
        }
        m_entries.append(QSize(width, height));
        return height;
    }

    void clear() { m_entries.clear(); }

private:
    static constexpr qsizetype kEntries = 4;
    QVarLengthArray<QSize, kEntries> m_entries;
};

// A word-wrapped plain-text label with a HeightCache.
class WrappedLabel : public QLabel {
public:
    explicit WrappedLabel(QWidget* parent);

    void setContent(const QString& text);
    int heightForWidth(int width) const override;

protected:
    void changeEvent(QEvent* event) override;

private:
    mutable HeightCache m_heights;
};

// The user's text in its bubble; its natural width is the widest line, so short messages get
// narrow bubbles instead of QLabel's word-wrap guess.
class BubbleLabel : public WrappedLabel {
public:
    explicit BubbleLabel(QWidget* parent);

    void setMessage(const QString& text);
    QSize sizeHint() const override;

protected:
    void changeEvent(QEvent* event) override;

private:
    mutable int m_naturalWidth = -1;
};

// A prose block: Markdown in a read-only QTextBrowser as tall as its text. Unlike a QLabel it
// lays the document out once per change (QLabel does it several times for its size hints),
// and selection, the context menu and link clicks come with it.
//
// Height for width: exact at the width the document is laid out at. Before the view has its
// first real size, any width asked is laid out (the first resize lays it out again anyway).
// Once it has one, layouts still ask at other widths while they compute size hints; laying
// the document out there would cost two layouts per question, so those get an estimate of the
// same text area, and when the view really changes width, the resize lays the document out and
// the layout asks again if the estimate was off.
class ProseView : public QTextBrowser {
public:
    explicit ProseView(QWidget* parent);

    void setMarkdownSource(const QString& markdown);

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return QSize(60, 0); }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QString m_source;
    bool m_sized = false;
};

class CodeBody;

// A fenced code block: a header with the language and Copy, then the code (monospace, never
// wrapped, as tall as its lines; wide lines scroll). Copy hands the code to `onCopy` and says
// "Copied" for kCopiedFeedbackMs.
class CodeBlockView : public QFrame {
    Q_DECLARE_TR_FUNCTIONS(lathe::CodeBlockView)

public:
    using CopyHandler = std::function<void(const QString&)>;
    static constexpr int kCopiedFeedbackMs = 1500;

    CodeBlockView(const MarkdownBlock& block, CopyHandler onCopy, QWidget* parent);

    // Shows another state of the block; code that grew at its end (streaming) gets only the
    // new part inserted.
    void setBlock(const MarkdownBlock& block);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    CopyHandler m_onCopy;
    MarkdownBlock m_block;
    QWidget* m_header = nullptr;
    QLabel* m_language = nullptr;
    QToolButton* m_copy = nullptr;
    CodeBody* m_body = nullptr;
    QTimer m_copiedTimer;
};

}  // namespace lathe
