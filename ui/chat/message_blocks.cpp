// The message widgets. Prose blocks are read-only QTextBrowsers showing Qt's Markdown (GitHub
// dialect); code blocks are CodeBlockView frames around a read-only, unwrapped QPlainTextEdit.
// Colours come from the palette and tints are mixes of palette roles, so both themes read well.
#include "ui/chat/message_blocks.h"

#include "ui/common/icons.h"

#include <QDesktopServices>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QResizeEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

namespace lathe {
namespace {

// The number and delimiter of an ordered list item on the first line ("3. …", "12) …").
struct OrderedListStart {
    int number = 0;  // 0: the text does not start with an ordered list item
    QChar delimiter;
};

OrderedListStart orderedListStart(QStringView markdown)
{
    qsizetype digits = 0;
    while (digits < markdown.size() && digits < 10 && markdown[digits].isDigit()) {
        ++digits;
    }
    if (digits == 0 || digits > 9 || digits >= markdown.size() || (markdown[digits] != u'.' && markdown[digits] != u')')) {
        return {};
    }
    const qsizetype after = digits + 1;
    if (after < markdown.size() && markdown[after] != u' ' && markdown[after] != u'\t' && markdown[after] != u'\n') {
        return {};
    }
    return {markdown.left(digits).toInt(), markdown[digits]};
}

constexpr int kMaxHiddenListItems = 200;

// Markdown tables with thin collapsed borders in a grey that reads on both themes, and room in
// the cells (Qt's default is a double border and tight cells).
void styleTables(QTextFrame* frame)
{
    for (QTextFrame* child : frame->childFrames()) {
        if (auto* table = qobject_cast<QTextTable*>(child)) {
            QTextTableFormat format = table->format();
            format.setBorderCollapse(true);
            format.setBorder(1);
            format.setBorderBrush(QColor(128, 128, 128, 110));
            format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
            format.setCellSpacing(0);
            format.setCellPadding(6);
            format.setTopMargin(4);
            format.setBottomMargin(4);
            table->setFormat(format);
        }
        styleTables(child);
    }
}

}  // namespace

QFont scaledFont(QFont font, double factor)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    return font;
}

// ---------------------------------------------------------------------------------------------
// Labels

WrappedLabel::WrappedLabel(QWidget* parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
}

void WrappedLabel::setContent(const QString& text)
{
    if (text != this->text()) {
        m_heights.clear();
        setText(text);
    }
}

int WrappedLabel::heightForWidth(int width) const
{
    return m_heights.heightFor(width, [this](int w) { return QLabel::heightForWidth(w); });
}

void WrappedLabel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        m_heights.clear();
    }
    QLabel::changeEvent(event);
}

BubbleLabel::BubbleLabel(QWidget* parent)
    : WrappedLabel(parent)
{
    setObjectName(QStringLiteral("userText"));
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setCursor(Qt::IBeamCursor);
}

void BubbleLabel::setMessage(const QString& text)
{
    m_naturalWidth = -1;
    setContent(text);
}

QSize BubbleLabel::sizeHint() const
{
    if (m_naturalWidth < 0) {
        const QFontMetrics metrics(font());
        m_naturalWidth = 0;
        for (QStringView line : QStringView(text()).split(u'\n')) {
            m_naturalWidth = std::max(m_naturalWidth, metrics.horizontalAdvance(line.toString()));
        }
        m_naturalWidth += 2;  // rounding of the advance, so the longest line does not wrap
    }
    return QSize(m_naturalWidth, heightForWidth(m_naturalWidth));
}

void BubbleLabel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        m_naturalWidth = -1;
    }
    WrappedLabel::changeEvent(event);
}

// ---------------------------------------------------------------------------------------------
// Prose

ProseView::ProseView(QWidget* parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("proseBlock"));
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFocusPolicy(Qt::ClickFocus);
    setUndoRedoEnabled(false);
    setOpenLinks(false);  // a link must not replace the block's content
    connect(this, &QTextBrowser::anchorClicked, this, [](const QUrl& url) { QDesktopServices::openUrl(url); });
    setAutoFillBackground(false);
    viewport()->setAutoFillBackground(false);
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void ProseView::setMarkdownSource(const QString& markdown)
{
    if (markdown == m_source) {
        return;
    }
    m_source = markdown;
    // Import into a new document, not the shown one: that one has a layout, which would
    // lay out again after every piece of text the importer inserts.
    auto* text = new QTextDocument(this);
    text->setUndoRedoEnabled(false);
    text->setDocumentMargin(0);
    text->setDefaultFont(font());
    // Qt 6.4 numbers every ordered list from 1, so a list that a code block cut in two
    // ("1. Install" ```…``` "2. Run") would count again from 1. Hidden items in front of
    // the first one make its number right.
    const OrderedListStart start = orderedListStart(markdown);
    const int hiddenItems = std::min(start.number, kMaxHiddenListItems + 1) - 1;
    text->setMarkdown(hiddenItems > 0 ? QStringLiteral("1%1 \u200b\n").arg(start.delimiter).repeated(hiddenItems) + markdown
                                      : markdown);
    QTextBlock block = text->firstBlock();
    for (int i = 0; i < hiddenItems && block.isValid(); ++i, block = block.next()) {
        block.setVisible(false);
    }
    styleTables(text->rootFrame());
    if (m_sized) {
        text->setTextWidth(width());
    }
    setDocument(text);  // deletes the previous document, a child of this view
    updateGeometry();
}

int ProseView::heightForWidth(int width) const
{
    QTextDocument* text = document();
    if (!m_sized && text->textWidth() != qreal(width)) {
        text->setTextWidth(width);
    }
    const qreal laidOut = text->textWidth();
    const int height = int(std::ceil(text->size().height()));
    if (laidOut == qreal(width) || width <= 0) {
        return height;
    }
    return std::max(fontMetrics().lineSpacing(), int(std::ceil(height * laidOut / width)));
}

QSize ProseView::sizeHint() const
{
    const int w = std::max(width(), 120);
    return QSize(w, heightForWidth(w));
}

void ProseView::resizeEvent(QResizeEvent* event)
{
    QTextBrowser::resizeEvent(event);  // lays the document out at the new width
    m_sized = true;
    if (event->size().width() != event->oldSize().width() && height() != heightForWidth(width())) {
        updateGeometry();
    }
}

// ---------------------------------------------------------------------------------------------
// Code

// The body of a code block: monospace, never wrapped, as tall as its lines; wide lines scroll.
class CodeBody : public QPlainTextEdit {
public:
    explicit CodeBody(QWidget* parent)
        : QPlainTextEdit(parent)
    {
        setObjectName(QStringLiteral("codeBody"));
        setReadOnly(true);
        setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        setFocusPolicy(Qt::ClickFocus);
        setLineWrapMode(QPlainTextEdit::NoWrap);
        setFrameShape(QFrame::NoFrame);
        setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        setAutoFillBackground(false);
        viewport()->setAutoFillBackground(false);
        QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        mono.setPointSizeF(font().pointSizeF() * 0.95);
        setFont(mono);
        setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
        document()->setDocumentMargin(0);  // the frame's layout pads the code
        connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { updateGeometry(); });
        connect(horizontalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int maximum) {
            if ((maximum > 0) != m_scrolls) {
                m_scrolls = maximum > 0;
                updateGeometry();
            }
        });
    }

    // Streaming code grows at its end: only the new part is inserted.
    void setCode(const QString& code)
    {
        if (code == m_code) {
            return;
        }
        if (!m_code.isEmpty() && code.startsWith(m_code)) {
            QTextCursor cursor(document());
            cursor.movePosition(QTextCursor::End);
            cursor.insertText(code.mid(m_code.size()));
        } else {
            setPlainText(code);
        }
        m_code = code;
    }

    QSize sizeHint() const override
    {
        // One pixel more than the lines: QPlainTextEdit keeps it spare when it decides whether
        // the last line fits (its vertical scroll range would be 1 otherwise).
        const int lines = std::max(1, document()->blockCount());
        int height = lines * fontMetrics().lineSpacing() + 1 + 2 * frameWidth();
        if (m_scrolls) {
            height += horizontalScrollBar()->sizeHint().height();
        }
        return QSize(QPlainTextEdit::sizeHint().width(), height);
    }

    QSize minimumSizeHint() const override { return QSize(80, sizeHint().height()); }

private:
    QString m_code;
    bool m_scrolls = false;
};

CodeBlockView::CodeBlockView(const MarkdownBlock& block, CopyHandler onCopy, QWidget* parent)
    : QFrame(parent)
    , m_onCopy(std::move(onCopy))
{
    setObjectName(QStringLiteral("codeBlock"));
    const QFont small = scaledFont(font(), 0.88);
    m_language = new QLabel(this);
    m_language->setObjectName(QStringLiteral("codeLanguage"));
    m_language->setTextFormat(Qt::PlainText);
    m_language->setFont(small);
    m_language->setForegroundRole(QPalette::PlaceholderText);

    m_copy = new QToolButton(this);
    m_copy->setObjectName(QStringLiteral("copyCodeButton"));
    m_copy->setAutoRaise(true);
    m_copy->setFont(small);
    m_copy->setIcon(icon(IconName::Copy));
    const int iconSize = QFontMetrics(small).height();
    m_copy->setIconSize(QSize(iconSize, iconSize));
    m_copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the code"));
    m_copy->setAccessibleName(tr("Copy code"));
    m_copy->setCursor(Qt::PointingHandCursor);
    m_copiedTimer.setSingleShot(true);
    m_copiedTimer.setInterval(kCopiedFeedbackMs);
    connect(&m_copiedTimer, &QTimer::timeout, m_copy, [this] { m_copy->setText(tr("Copy")); });
    connect(m_copy, &QToolButton::clicked, this, [this] {
        m_onCopy(m_block.text);
        m_copy->setText(tr("Copied"));
        m_copiedTimer.start();
    });

    m_header = new QWidget(this);
    auto* header = new QHBoxLayout(m_header);
    header->setContentsMargins(12, 3, 6, 3);
    header->addWidget(m_language);
    header->addStretch();
    header->addWidget(m_copy);

    m_body = new CodeBody(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(1, 1, 1, 1);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    auto* bodyRow = new QHBoxLayout;
    bodyRow->setContentsMargins(10, 8, 10, 8);
    bodyRow->addWidget(m_body);
    layout->addLayout(bodyRow);
    setBlock(block);
}

void CodeBlockView::setBlock(const MarkdownBlock& block)
{
    m_block = block;
    m_language->setText(block.language.isEmpty() ? tr("code") : block.language);
    m_body->setCode(block.text);
}

void CodeBlockView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& colours = palette();
    const QColor base = colours.color(QPalette::Base);
    const QColor text = colours.color(QPalette::Text);
    const bool dark = isDarkPalette(colours);
    const QRectF outline = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QPainterPath frame;
    frame.addRoundedRect(outline, 8, 8);
    painter.fillPath(frame, mixColour(base, text, dark ? 0.05 : 0.035));
    painter.save();
    painter.setClipRect(QRectF(0, 0, width(), m_header->geometry().bottom() + 1));
    painter.fillPath(frame, mixColour(base, text, dark ? 0.10 : 0.07));
    painter.restore();
    painter.setPen(QPen(mixColour(base, text, dark ? 0.18 : 0.14), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(frame);
}

}  // namespace lathe
