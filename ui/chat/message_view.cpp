// MessageView: a user's bubble (or its inline editor) or an assistant's blocks (message_blocks.h)
// with the footer, the cut note and the row of actions. The bubble, the editor's frame and the
// streaming dots are painted here from palette colours, so both themes read well.
#include "ui/chat/message_view.h"

#include "ui/chat/message_blocks.h"
#include "ui/common/icons.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QClipboard>
#include <QEnterEvent>
#include <QGraphicsOpacityEffect>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdlib>

namespace lathe {
namespace {

constexpr double kCutOpacity = 0.45;
constexpr double kBubbleMaxFraction = 0.8;
constexpr int kEditorMinLines = 3;
constexpr int kEditorMaxLines = 12;
constexpr int kActionIconSize = 16;

QColor errorColour(const QPalette& palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
}

void setColour(QWidget* widget, QPalette::ColorRole role, const QColor& colour)
{
    QPalette palette = widget->palette();
    palette.setColor(role, colour);
    widget->setPalette(palette);
}

// Fits a plain-text editor's height to its lines, between minLines and maxLines.
void fitEditorHeight(QPlainTextEdit* editor, int minLines, int maxLines)
{
    const int lines = std::clamp(int(editor->document()->documentLayout()->documentSize().height()), minLines, maxLines);
    const int margins = 2 * int(editor->document()->documentMargin()) + 2 * editor->frameWidth() +
                        editor->contentsMargins().top() + editor->contentsMargins().bottom();
    editor->setFixedHeight(lines * editor->fontMetrics().lineSpacing() + margins);
}

class Bubble : public QWidget {
public:
    explicit Bubble(QWidget* parent)
        : QWidget(parent)
    {
        setObjectName(QStringLiteral("userBubble"));
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette& colours = palette();
        const QColor tint = mixColour(colours.color(QPalette::Base), colours.color(QPalette::Highlight),
                                     isDarkPalette(colours) ? 0.28 : 0.13);
        painter.setPen(Qt::NoPen);
        painter.setBrush(tint);
        painter.drawRoundedRect(QRectF(rect()), 14, 14);
    }
};

// The frame of the inline editor that replaces a user's bubble: a rounded box like the composer.
class EditFrame : public QFrame {
public:
    explicit EditFrame(QWidget* parent)
        : QFrame(parent)
    {
        setObjectName(QStringLiteral("editFrame"));
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(palette().color(QPalette::Base));
        painter.setPen(QPen(palette().color(QPalette::Highlight), 1.4));
        painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 12, 12);
    }
};

// The dots after a streaming answer; animates only while shown.
class TypingIndicator : public QWidget {
public:
    explicit TypingIndicator(QWidget* parent)
        : QWidget(parent)
    {
        setObjectName(QStringLiteral("streamingIndicator"));
        setAccessibleName(MessageView::tr("The answer is still being written"));
        setFixedSize(40, 18);
        m_timer.setInterval(140);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_phase = (m_phase + 1) % kPhases;
            update();
        });
    }

protected:
    void showEvent(QShowEvent*) override { m_timer.start(); }
    void hideEvent(QHideEvent*) override { m_timer.stop(); }

    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        QColor colour = palette().color(QPalette::Text);
        const double y = height() / 2.0;
        for (int dot = 0; dot < 3; ++dot) {
            // Each dot lights up in turn: a wave running left to right.
            const int distance = std::abs(m_phase - dot * 2);
            colour.setAlphaF(distance <= 1 ? (distance == 0 ? 0.85f : 0.55f) : 0.22f);
            painter.setBrush(colour);
            painter.drawEllipse(QPointF(6 + dot * 11, y), 3.2, 3.2);
        }
    }

private:
    static constexpr int kPhases = 8;
    QTimer m_timer;
    int m_phase = 0;
};

}  // namespace

MessageView::MessageView(const TranscriptItem& item, QWidget* parent)
    : QFrame(parent)
    , m_item(item)
{
    setObjectName(item.isUser() ? QStringLiteral("userMessage") : QStringLiteral("assistantMessage"));
    setAccessibleName(item.isUser() ? tr("Your message") : tr("Answer"));
    setFrameShape(QFrame::NoFrame);
    m_renderTimer.setSingleShot(true);
    m_renderTimer.setInterval(kRenderIntervalMs);
    connect(&m_renderTimer, &QTimer::timeout, this, &MessageView::renderText);

    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);

    m_content = new QWidget(this);
    m_cutEffect = new QGraphicsOpacityEffect(m_content);
    m_cutEffect->setOpacity(kCutOpacity);
    m_content->setGraphicsEffect(m_cutEffect);
    m_layout->addWidget(m_content);
    if (item.isUser()) {
        buildUserContent();
    } else {
        buildAssistantContent();
    }

    m_cutNote = new QLabel(tr("Outside the context: not sent"), this);
    m_cutNote->setObjectName(QStringLiteral("cutNote"));
    m_cutNote->setFont(scaledFont(font(), 0.88));
    m_cutNote->setForegroundRole(QPalette::PlaceholderText);
    m_layout->addWidget(m_cutNote, 0, item.isUser() ? Qt::AlignRight : Qt::AlignLeft);

    buildActions();
    updateErrorColours();
    renderText();
    applyItemState();
}

void MessageView::buildUserContent()
{
    auto* layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 0, 0);

    m_bubble = new Bubble(m_content);
    m_bubbleText = new BubbleLabel(m_bubble);
    auto* bubbleLayout = new QVBoxLayout(m_bubble);
    bubbleLayout->setContentsMargins(14, 9, 14, 9);
    bubbleLayout->addWidget(m_bubbleText);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addStretch(1);
    row->addWidget(m_bubble);
    layout->addLayout(row);

    m_editorFrame = new EditFrame(m_content);
    m_editorFrame->hide();
    layout->addWidget(m_editorFrame);
}

void MessageView::buildAssistantContent()
{
    auto* layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    auto* blocks = new QWidget(m_content);
    m_blocksLayout = new QVBoxLayout(blocks);
    m_blocksLayout->setContentsMargins(0, 0, 0, 0);
    m_blocksLayout->setSpacing(10);
    layout->addWidget(blocks);

    m_indicator = new TypingIndicator(m_content);
    layout->addWidget(m_indicator);

    buildFooter();
    layout->addWidget(m_stats);
    layout->addWidget(m_errorRow);
}

void MessageView::buildFooter()
{
    const QFont small = scaledFont(font(), 0.88);
    m_stats = new WrappedLabel(m_content);
    m_stats->setObjectName(QStringLiteral("messageStats"));
    m_stats->setFont(small);
    m_stats->setForegroundRole(QPalette::PlaceholderText);
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_errorRow = new QWidget(m_content);
    m_errorIcon = new QLabel(m_errorRow);
    const int iconSize = QFontMetrics(small).height();
    m_errorIcon->setPixmap(icon(IconName::Error).pixmap(iconSize, iconSize));
    m_error = new WrappedLabel(m_errorRow);
    m_error->setObjectName(QStringLiteral("messageError"));
    m_error->setFont(small);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* errorLayout = new QHBoxLayout(m_errorRow);
    errorLayout->setContentsMargins(0, 0, 0, 0);
    errorLayout->setSpacing(6);
    errorLayout->addWidget(m_errorIcon, 0, Qt::AlignTop);
    errorLayout->addWidget(m_error, 1);
}

QToolButton* MessageView::addActionButton(QBoxLayout* layout, const QString& objectName, const QString& text,
                                          const QString& accessibleName, const QIcon& buttonIcon)
{
    auto* button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setText(text);
    button->setAccessibleName(accessibleName);
    button->setToolTip(accessibleName);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::StrongFocus);
    button->setCursor(Qt::PointingHandCursor);
    button->setFont(scaledFont(font(), 0.88));
    if (!buttonIcon.isNull()) {
        button->setIcon(buttonIcon);
        button->setIconSize(QSize(kActionIconSize, kActionIconSize));
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    button->installEventFilter(this);
    layout->addWidget(button);
    return button;
}

void MessageView::buildActions()
{
    m_actionsRow = new QWidget(this);
    auto* row = new QHBoxLayout(m_actionsRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);

    m_siblings = new QWidget(m_actionsRow);
    auto* siblings = new QHBoxLayout(m_siblings);
    siblings->setContentsMargins(0, 0, 0, 0);
    siblings->setSpacing(0);
    m_previous = addActionButton(siblings, QStringLiteral("previousVersionButton"), QStringLiteral("‹"),
                                 tr("Previous version"), QIcon());
    m_siblingLabel = new QLabel(m_siblings);
    m_siblingLabel->setObjectName(QStringLiteral("versionLabel"));
    m_siblingLabel->setFont(scaledFont(font(), 0.88));
    m_siblingLabel->setForegroundRole(QPalette::PlaceholderText);
    siblings->addWidget(m_siblingLabel);
    m_next = addActionButton(siblings, QStringLiteral("nextVersionButton"), QStringLiteral("›"), tr("Next version"), QIcon());
    connect(m_previous, &QToolButton::clicked, this, [this] { emit siblingRequested(m_item.id, -1); });
    connect(m_next, &QToolButton::clicked, this, [this] { emit siblingRequested(m_item.id, +1); });

    m_hoverActions = new QWidget(m_actionsRow);
    auto* actions = new QHBoxLayout(m_hoverActions);
    actions->setContentsMargins(0, 0, 0, 0);
    actions->setSpacing(2);
    m_copy = addActionButton(actions, QStringLiteral("copyMessageButton"), tr("Copy"), tr("Copy message"),
                             icon(IconName::Copy));
    connect(m_copy, &QToolButton::clicked, this, [this] {
        copyToClipboard(m_item.text);
        // "Copied" beside the icon for a moment says that the click did something.
        m_copy->setText(tr("Copied"));
        m_copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        QTimer::singleShot(CodeBlockView::kCopiedFeedbackMs, m_copy, [this] {
            m_copy->setToolButtonStyle(Qt::ToolButtonIconOnly);
            m_copy->setText(tr("Copy"));
        });
    });
    if (m_item.isUser()) {
        m_edit = addActionButton(actions, QStringLiteral("editButton"), tr("Edit"), tr("Edit message"),
                                 icon(IconName::Edit));
        connect(m_edit, &QToolButton::clicked, this, &MessageView::startEditing);
    } else {
        m_regenerate = addActionButton(actions, QStringLiteral("regenerateButton"), tr("Regenerate"),
                                       tr("Regenerate answer"), icon(IconName::Regenerate));
        connect(m_regenerate, &QToolButton::clicked, this, [this] { emit regenerateRequested(m_item.id); });
    }
    // Hidden by opacity, not by hide(): the buttons keep their place (nothing jumps on hover)
    // and stay in the Tab chain, and focusing one reveals them.
    m_hoverEffect = new QGraphicsOpacityEffect(m_hoverActions);
    m_hoverEffect->setOpacity(0.0);
    m_hoverActions->setGraphicsEffect(m_hoverEffect);

    if (m_item.isUser()) {
        row->addStretch(1);
        row->addWidget(m_siblings);
        row->addWidget(m_hoverActions);
    } else {
        row->addWidget(m_siblings);
        row->addWidget(m_hoverActions);
        row->addStretch(1);
    }
    m_layout->addWidget(m_actionsRow);
}

void MessageView::setItem(const TranscriptItem& item)
{
    const TranscriptItem previous = m_item;
    m_item = item;
    if (previous.streaming && item.streaming && previous.text.startsWith(item.text)) {
        // A streaming answer only grows: text the page has not caught up with yet stays.
        m_item.text = previous.text;
    }
    if (m_item.text != previous.text) {
        if (item.streaming && item.text.startsWith(previous.text)) {
            if (!m_renderTimer.isActive()) {
                m_renderTimer.start();
            }
        } else {
            if (!QStringView(item.text).startsWith(QStringView(previous.text).left(m_openOffset))) {
                m_openOffset = 0;
                m_finalBlocks = 0;
            }
            renderText();
        }
    } else if (previous.streaming && !item.streaming && m_renderTimer.isActive()) {
        renderText();
    }
    applyItemState();
}

void MessageView::appendText(const QString& text)
{
    if (text.isEmpty()) {
        return;
    }
    m_item.text += text;
    if (!m_renderTimer.isActive()) {
        m_renderTimer.start();
    }
}

void MessageView::flushText()
{
    if (m_renderTimer.isActive()) {
        renderText();
    }
}

void MessageView::renderText()
{
    m_renderTimer.stop();
    if (m_item.isUser()) {
        static_cast<BubbleLabel*>(m_bubbleText)->setMessage(m_item.text);
        return;
    }
    QVector<MarkdownBlock> blocks = splitMarkdownBlocks(QStringView(m_item.text).mid(m_openOffset), kProseSectionChars);
    for (MarkdownBlock& block : blocks) {
        block.sourceStart += m_openOffset;
    }
    syncBlocks(m_finalBlocks, blocks);
    if (!m_item.streaming || blocks.size() < 2) {
        return;
    }
    // A block is final once a later one has started, and a later one has started once its
    // first line is complete: an unfinished "```py" line may still turn out to be prose.
    qsizetype final = blocks.size() - 1;
    if (!QStringView(m_item.text).mid(blocks.last().sourceStart).contains(u'\n')) {
        --final;
    }
    if (final > 0) {
        m_finalBlocks += int(final);
        m_openOffset = blocks[final].sourceStart;
    }
}

void MessageView::syncBlocks(int firstBlock, const QVector<MarkdownBlock>& blocks)
{
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const qsizetype index = firstBlock + i;
        if (index < m_blocks.size() && m_blocks[index].source.kind == blocks[i].kind) {
            updateBlockWidget(m_blocks[index], blocks[i]);
            continue;
        }
        while (m_blocks.size() > index) {
            delete m_blocks.takeLast().widget;
        }
        m_blocks.append(Block{blocks[i], createBlockWidget(blocks[i])});
        m_blocksLayout->addWidget(m_blocks.last().widget);
    }
    while (m_blocks.size() > firstBlock + blocks.size()) {
        delete m_blocks.takeLast().widget;
    }
}

QWidget* MessageView::createBlockWidget(const MarkdownBlock& block)
{
    if (block.kind == MarkdownBlock::Kind::Code) {
        return new CodeBlockView(block, [this](const QString& code) { copyToClipboard(code); }, m_content);
    }
    auto* prose = new ProseView(m_content);
    prose->setMarkdownSource(block.text);
    return prose;
}

void MessageView::updateBlockWidget(Block& block, const MarkdownBlock& source)
{
    if (block.source == source) {
        return;
    }
    if (source.kind == MarkdownBlock::Kind::Code) {
        static_cast<CodeBlockView*>(block.widget)->setBlock(source);
    } else {
        static_cast<ProseView*>(block.widget)->setMarkdownSource(source.text);
    }
    block.source = source;
}

QVector<MarkdownBlock> MessageView::renderedBlocks() const
{
    QVector<MarkdownBlock> blocks;
    blocks.reserve(m_blocks.size());
    for (const Block& block : m_blocks) {
        blocks.append(block.source);
    }
    return blocks;
}

void MessageView::applyItemState()
{
    if (!m_item.isUser()) {
        m_indicator->setVisible(m_item.streaming);
        static_cast<WrappedLabel*>(m_stats)->setContent(m_item.stats);
        m_stats->setVisible(!m_item.stats.isEmpty());
        static_cast<WrappedLabel*>(m_error)->setContent(m_item.error);
        m_errorRow->setVisible(!m_item.error.isEmpty());
    }
    m_cutEffect->setEnabled(m_item.cut);
    m_cutNote->setVisible(m_item.cut);
    m_siblingLabel->setText(QStringLiteral("%1/%2").arg(m_item.siblingIndex + 1).arg(m_item.siblingCount));
    m_siblingLabel->setAccessibleName(tr("Version %1 of %2").arg(m_item.siblingIndex + 1).arg(m_item.siblingCount));
    updateActionsVisibility();
}

void MessageView::setReadOnly(bool readOnly)
{
    if (m_readOnly == readOnly) {
        return;
    }
    m_readOnly = readOnly;
    updateActionsVisibility();
}

void MessageView::updateActionsVisibility()
{
    const bool editing = isEditing();
    m_actionsRow->setVisible(!m_item.streaming && !editing);
    m_siblings->setVisible(m_item.siblingCount > 1);
    m_previous->setEnabled(!m_readOnly && m_item.siblingIndex > 0);
    m_next->setEnabled(!m_readOnly && m_item.siblingIndex + 1 < m_item.siblingCount);
    if (m_edit != nullptr) {
        m_edit->setVisible(!m_readOnly);
    }
    if (m_regenerate != nullptr) {
        m_regenerate->setVisible(!m_readOnly);
    }
    if (m_editSend != nullptr) {
        m_editSend->setEnabled(!m_readOnly && !m_editor->toPlainText().trimmed().isEmpty());
    }
    updateReveal();
}

void MessageView::setActionsPinned(bool pinned)
{
    if (m_pinned != pinned) {
        m_pinned = pinned;
        updateReveal();
    }
}

bool MessageView::actionsRevealed() const
{
    return !m_hoverEffect->isEnabled();
}

void MessageView::updateReveal()
{
    const QWidget* focus = QApplication::focusWidget();
    const bool focused = focus != nullptr && m_actionsRow->isAncestorOf(focus);
    m_hoverEffect->setEnabled(!(m_hovered || m_pinned || focused));
}

void MessageView::enterEvent(QEnterEvent* event)
{
    m_hovered = true;
    updateReveal();
    QFrame::enterEvent(event);
}

void MessageView::leaveEvent(QEvent* event)
{
    m_hovered = false;
    updateReveal();
    QFrame::leaveEvent(event);
}

bool MessageView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut) {
        updateReveal();
    } else if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape) {
            cancelEditing();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ControlModifier)) {
            submitEdit();
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void MessageView::startEditing()
{
    if (!m_item.isUser() || m_readOnly) {
        return;
    }
    if (m_editor == nullptr) {
        m_editor = new QPlainTextEdit(m_editorFrame);
        m_editor->setObjectName(QStringLiteral("editEditor"));
        m_editor->setAccessibleName(tr("Edited message"));
        m_editor->setFrameShape(QFrame::NoFrame);
        m_editor->setAutoFillBackground(false);
        m_editor->viewport()->setAutoFillBackground(false);
        m_editor->setTabChangesFocus(true);
        m_editor->installEventFilter(this);
        connect(m_editor->document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, m_editor,
                [this] { fitEditorHeight(m_editor, kEditorMinLines, kEditorMaxLines); });
        connect(m_editor, &QPlainTextEdit::textChanged, this, &MessageView::updateActionsVisibility);

        auto* hint = new QLabel(tr("Ctrl+Enter to send · Esc to cancel"), m_editorFrame);
        hint->setFont(scaledFont(font(), 0.88));
        hint->setForegroundRole(QPalette::PlaceholderText);
        auto* cancel = new QPushButton(tr("Cancel"), m_editorFrame);
        cancel->setObjectName(QStringLiteral("editCancelButton"));
        connect(cancel, &QPushButton::clicked, this, &MessageView::cancelEditing);
        m_editSend = new QPushButton(tr("Send"), m_editorFrame);
        m_editSend->setObjectName(QStringLiteral("editSendButton"));
        m_editSend->setDefault(true);
        connect(m_editSend, &QPushButton::clicked, this, &MessageView::submitEdit);

        auto* buttons = new QHBoxLayout;
        buttons->addWidget(hint, 1);
        buttons->addWidget(cancel);
        buttons->addWidget(m_editSend);
        auto* layout = new QVBoxLayout(m_editorFrame);
        layout->setContentsMargins(14, 10, 10, 10);
        layout->addWidget(m_editor);
        layout->addLayout(buttons);
    }
    m_editor->setPlainText(m_item.text);
    m_editor->moveCursor(QTextCursor::End);
    fitEditorHeight(m_editor, kEditorMinLines, kEditorMaxLines);
    m_bubble->hide();
    m_editorFrame->show();
    m_editor->setFocus(Qt::OtherFocusReason);
    updateActionsVisibility();
}

void MessageView::cancelEditing()
{
    if (!isEditing()) {
        return;
    }
    m_editorFrame->hide();
    m_bubble->show();
    updateActionsVisibility();
}

void MessageView::submitEdit()
{
    if (!isEditing() || m_readOnly) {
        return;
    }
    const QString text = m_editor->toPlainText();
    if (text.trimmed().isEmpty()) {
        return;
    }
    cancelEditing();
    emit editSubmitted(m_item.id, text);
}

void MessageView::copyToClipboard(const QString& text)
{
    QGuiApplication::clipboard()->setText(text);
    emit copyRequested(text);
}

void MessageView::updateErrorColours()
{
    if (m_error != nullptr) {
        setColour(m_error, QPalette::WindowText, errorColour(palette()));
    }
}

void MessageView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        updateErrorColours();
    }
    QFrame::changeEvent(event);
}

void MessageView::resizeEvent(QResizeEvent* event)
{
    if (m_bubble != nullptr) {
        m_bubble->setMaximumWidth(std::max(200, int(width() * kBubbleMaxFraction)));
    }
    QFrame::resizeEvent(event);
}

}  // namespace lathe
