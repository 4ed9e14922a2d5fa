// TemplateView: both views are read-only QPlainTextEdits filled run by run through one
// QTextCursor edit block; hovering the tokens view maps the character under the mouse back to
// its token through the chips' start positions.
#include "ui/common/colours.h"
#include "ui/chat/template_view.h"

#include "ui/common/number_format.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QStackedWidget>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace lathe {
namespace {

constexpr QChar kZeroWidthSpace(0x200B);  // lets lines break between chips, never inside one

const QRegularExpression& specialPattern()
{
    // <|im_start|>, <|eot_id|>, <s>, </s>, <unk>, <pad>, <bos>, <eos>, <start_of_turn>,
    // <end_of_turn>, [INST], [/INST], [SYSTEM_PROMPT] ...
    static const QRegularExpression pattern(
        QStringLiteral(R"(<\|[^|<>\s]{1,64}\|>)"
                       R"(|</?(?:s|unk|pad|bos|eos|mask|start_of_turn|end_of_turn)>)"
                       R"(|\[/?(?:INST|SYSTEM_PROMPT|AVAILABLE_TOOLS|TOOL_CALLS)\])"));
    return pattern;
}

// Python-style escapes, so a tooltip shows exactly which characters a token holds.
QString escaped(const QString& text)
{
    QString out;
    for (QChar c : text) {
        switch (c.unicode()) {
        case '\n': out += QStringLiteral("\\n"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\'': out += QStringLiteral("\\'"); break;
        default:
            if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) {
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            } else {
                out += c;
            }
        }
    }
    return out;
}

// Writes runs of text with one of a few formats, one insertText per run.
class RunWriter {
public:
    RunWriter(QTextCursor& cursor, const std::vector<QTextCharFormat>& formats)
        : m_cursor(cursor)
        , m_formats(formats)
    {
    }
    ~RunWriter() { flush(); }

    void put(QStringView text, std::size_t format)
    {
        if (format != m_format) {
            flush();
            m_format = format;
        }
        m_run += text;
    }
    void put(QChar c, std::size_t format) { put(QStringView(&c, 1), format); }

private:
    void flush()
    {
        if (!m_run.isEmpty()) {
            m_cursor.insertText(m_run, m_formats[m_format]);
            m_run.clear();
        }
    }

    QTextCursor& m_cursor;
    const std::vector<QTextCharFormat>& m_formats;
    QString m_run;
    std::size_t m_format = 0;
};

QPlainTextEdit* makeView(QWidget* parent, const QString& name)
{
    auto* view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setUndoRedoEnabled(false);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    view->setAccessibleName(name);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}

}  // namespace

TemplateView::TemplateView(QWidget* parent)
    : QWidget(parent)
{
    m_textButton = new QToolButton(this);
    m_textButton->setText(tr("&Text"));
    m_textButton->setToolTip(tr("The prompt as the chat template wrote it"));
    m_tokensButton = new QToolButton(this);
    m_tokensButton->setText(tr("To&kens"));
    m_tokensButton->setToolTip(tr("The prompt as the model reads it, one chip per token; hover a chip for its id"));
    auto* modes = new QButtonGroup(this);
    for (QToolButton* button : {m_textButton, m_tokensButton}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        modes->addButton(button);
    }
    m_textButton->setChecked(true);
    connect(m_textButton, &QToolButton::toggled, this, [this](bool on) {
        if (on) {
            setMode(Mode::Text);
        }
    });
    connect(m_tokensButton, &QToolButton::toggled, this, [this](bool on) {
        if (on) {
            setMode(Mode::Tokens);
        }
    });

    m_whitespace = new QCheckBox(tr("Show &whitespace"), this);
    m_whitespace->setToolTip(tr("Show spaces as ·, tabs as → and line breaks as ↵"));
    connect(m_whitespace, &QCheckBox::toggled, this, &TemplateView::rebuildText);

    m_summary = new QLabel(this);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_copy = new QPushButton(tr("&Copy"), this);
    connect(m_copy, &QPushButton::clicked, this, &TemplateView::copyToClipboard);

    m_textView = makeView(this, tr("Prompt text"));
    m_tokensView = makeView(this, tr("Prompt tokens"));
    m_tokensView->viewport()->installEventFilter(this);
    m_tokensView->viewport()->setMouseTracking(true);

    m_unavailable = new QLabel(this);
    m_unavailable->setAlignment(Qt::AlignCenter);
    m_unavailable->setWordWrap(true);
    m_unavailable->setForegroundRole(QPalette::PlaceholderText);
    m_unavailable->setContentsMargins(16, 16, 16, 16);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_textView);
    m_stack->addWidget(m_tokensView);
    m_stack->addWidget(m_unavailable);

    auto* bar = new QHBoxLayout;
    bar->setSpacing(4);
    bar->addWidget(m_textButton);
    bar->addWidget(m_tokensButton);
    bar->addSpacing(8);
    bar->addWidget(m_whitespace);
    bar->addStretch(1);
    bar->addWidget(m_summary);
    bar->addWidget(m_copy);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    setUnavailable(tr("No prompt yet. Send a message, or load a model to see what its template makes of this "
                      "conversation."));
}

bool TemplateView::looksSpecial(const QString& text)
{
    const QRegularExpressionMatch match = specialPattern().match(text);
    return match.hasMatch() && match.capturedStart() == 0 && match.capturedLength() == text.size();
}

void TemplateView::setPrompt(const QString& text, const QVector<PromptToken>& tokens, const QString& templateSource)
{
    m_text = text;
    m_tokens = tokens;
    m_source = templateSource;
    rebuildText();
    rebuildTokens();
    updateSummary();
    m_copy->setEnabled(true);
    m_whitespace->setEnabled(m_mode == Mode::Text);
    m_stack->setCurrentWidget(m_mode == Mode::Text ? m_textView : m_tokensView);
}

void TemplateView::setUnavailable(const QString& reason)
{
    m_text.clear();
    m_tokens.clear();
    m_source.clear();
    m_tokenStarts.clear();
    m_hovered = -1;
    m_textView->clear();
    m_tokensView->clear();
    m_unavailable->setText(reason);
    m_summary->clear();
    m_copy->setEnabled(false);
    m_whitespace->setEnabled(false);
    m_stack->setCurrentWidget(m_unavailable);
}

bool TemplateView::isUnavailable() const
{
    return m_stack->currentWidget() == m_unavailable;
}

QString TemplateView::unavailableReason() const
{
    return isUnavailable() ? m_unavailable->text() : QString();
}

void TemplateView::setMode(Mode mode)
{
    m_mode = mode;
    const QSignalBlocker blockText(m_textButton);
    const QSignalBlocker blockTokens(m_tokensButton);
    m_textButton->setChecked(mode == Mode::Text);
    m_tokensButton->setChecked(mode == Mode::Tokens);
    if (!isUnavailable()) {
        m_whitespace->setEnabled(mode == Mode::Text);
        m_stack->setCurrentWidget(mode == Mode::Text ? m_textView : m_tokensView);
    }
}

void TemplateView::setShowWhitespace(bool show)
{
    m_whitespace->setChecked(show);
}

bool TemplateView::showWhitespace() const
{
    return m_whitespace->isChecked();
}

QString TemplateView::summaryText() const
{
    return m_summary->text();
}

void TemplateView::updateSummary()
{
    QString text = m_tokens.isEmpty() ? tr("%Ln character(s)", nullptr, int(m_text.size()))
                                      : tr("%Ln token(s)", nullptr, int(m_tokens.size()));
    if (!m_source.isEmpty()) {
        text += QStringLiteral(" · ") + m_source;
    }
    m_summary->setText(text);
}

QString TemplateView::copyText() const
{
    if (m_mode == Mode::Text) {
        return m_text;
    }
    QStringList ids;
    ids.reserve(m_tokens.size());
    for (const PromptToken& token : m_tokens) {
        ids << QString::number(token.id);
    }
    return QLatin1Char('[') + ids.join(QStringLiteral(", ")) + QLatin1Char(']');
}

void TemplateView::copyToClipboard()
{
    QApplication::clipboard()->setText(copyText());
    m_copy->setText(tr("Copied"));
    QTimer::singleShot(1500, m_copy, [this] { m_copy->setText(tr("&Copy")); });
}

QString TemplateView::tokenToolTip(int index) const
{
    if (index < 0 || index >= m_tokens.size()) {
        return {};
    }
    const PromptToken& token = m_tokens[index];
    QString text = tr("id %1 · '%2'").arg(token.id).arg(escaped(token.text));
    if (token.special || looksSpecial(token.text)) {
        text += QLatin1Char('\n') + tr("special token");
    }
    return text;
}

int TemplateView::tokenAt(const QPoint& viewportPosition) const
{
    if (m_tokenStarts.empty()) {
        return -1;
    }
    const QTextCursor cursor = m_tokensView->cursorForPosition(viewportPosition);
    const QRect line = m_tokensView->cursorRect(cursor);
    if (viewportPosition.y() < line.top() || viewportPosition.y() > line.bottom()) {
        return -1;
    }
    // The cursor lands on the nearer edge of a character; the character is the one the point is over.
    int position = cursor.position();
    if (viewportPosition.x() < line.left() && position > 0 && !cursor.atBlockStart()) {
        --position;
    }
    const auto next = std::upper_bound(m_tokenStarts.begin(), m_tokenStarts.end(), position);
    return next == m_tokenStarts.begin() ? -1 : int(next - m_tokenStarts.begin()) - 1;
}

QRect TemplateView::tokenRect(int index) const
{
    if (index < 0 || std::size_t(index) >= m_tokenStarts.size()) {
        return {};
    }
    QTextCursor cursor(m_tokensView->document());
    cursor.setPosition(m_tokenStarts[std::size_t(index)]);
    const QRect first = m_tokensView->cursorRect(cursor);
    cursor.movePosition(QTextCursor::NextCharacter);
    const QRect second = m_tokensView->cursorRect(cursor);
    const int width = second.top() == first.top() ? std::max(second.left() - first.left(), 1) : 1;
    return QRect(first.left(), first.top(), width, first.height());
}

void TemplateView::rebuildText()
{
    const QPalette& pal = palette();
    enum Format : std::size_t { Plain, Special, Mark, SpecialMark };
    std::vector<QTextCharFormat> formats(4);
    QTextCharFormat special;
    special.setBackground(mixColour(pal.color(QPalette::Base), QColor(0xe0, 0x8a, 0x1e), 0.30));
    special.setFontWeight(QFont::Bold);
    formats[Special] = special;
    formats[Mark].setForeground(pal.color(QPalette::PlaceholderText));
    formats[SpecialMark] = special;
    formats[SpecialMark].setForeground(pal.color(QPalette::PlaceholderText));

    // Spans of special tokens: every occurrence of a special token's text, and what the
    // pattern finds when the tokens do not say.
    QSet<QString> specials;
    for (const PromptToken& token : m_tokens) {
        if (!token.text.isEmpty() && (token.special || looksSpecial(token.text))) {
            specials.insert(token.text);
        }
    }
    std::vector<char> isSpecial(std::size_t(m_text.size()), 0);
    for (const QString& special : specials) {
        for (qsizetype at = m_text.indexOf(special); at >= 0; at = m_text.indexOf(special, at + special.size())) {
            std::fill_n(isSpecial.begin() + at, special.size(), 1);
        }
    }
    for (auto it = specialPattern().globalMatch(m_text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        std::fill_n(isSpecial.begin() + match.capturedStart(), match.capturedLength(), 1);
    }

    const bool marks = m_whitespace->isChecked();
    m_textView->clear();
    QTextCursor cursor(m_textView->document());
    cursor.beginEditBlock();
    {
        RunWriter writer(cursor, formats);
        for (qsizetype i = 0; i < m_text.size(); ++i) {
            const QChar c = m_text[i];
            const bool inSpecial = isSpecial[std::size_t(i)] != 0;
            const std::size_t mark = inSpecial ? SpecialMark : Mark;
            if (marks && c == QLatin1Char(' ')) {
                writer.put(QChar(0x00B7), mark);
            } else if (marks && c == QLatin1Char('\t')) {
                writer.put(QChar(0x2192), mark);
                writer.put(c, mark);
            } else if (marks && c == QLatin1Char('\n')) {
                writer.put(QChar(0x21B5), mark);
                writer.put(c, mark);
            } else {
                writer.put(c, inSpecial ? Special : Plain);
            }
        }
    }
    cursor.endEditBlock();
    m_textView->moveCursor(QTextCursor::Start);
}

void TemplateView::rebuildTokens()
{
    const QPalette& pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor accent = pal.color(QPalette::Highlight);
    enum Format : std::size_t { Even, Odd, Special };
    std::vector<QTextCharFormat> formats(3);
    // Two hues rather than two strengths of one, so neighbours differ on either palette.
    const bool dark = base.lightness() < 128;
    formats[Even].setBackground(mixColour(base, accent, dark ? 0.34 : 0.18));
    formats[Odd].setBackground(mixColour(base, QColor(0x2f, 0xa8, 0x4f), dark ? 0.30 : 0.22));
    formats[Special].setBackground(mixColour(base, QColor(0xe0, 0x8a, 0x1e), dark ? 0.45 : 0.38));
    formats[Special].setFontWeight(QFont::Bold);

    m_tokenStarts.clear();
    m_hovered = -1;
    m_tokenStarts.reserve(std::size_t(m_tokens.size()));
    m_tokensView->setExtraSelections({});
    m_tokensView->clear();
    QTextCursor cursor(m_tokensView->document());
    cursor.beginEditBlock();
    QString chip;
    for (qsizetype i = 0; i < m_tokens.size(); ++i) {
        const PromptToken& token = m_tokens[i];
        // Whitespace is always visible here: a token's leading space is part of what it is.
        chip.clear();
        for (QChar c : token.text) {
            switch (c.unicode()) {
            case ' ': chip += QChar(0x00B7); break;
            case '\t': chip += QChar(0x2192); break;
            case '\r': chip += QChar(0x240D); break;
            case '\n': chip += QChar(0x21B5); chip += QLatin1Char('\n'); break;
            default: chip += c;
            }
        }
        if (chip.isEmpty()) {
            chip = QStringLiteral("∅");
        }
        chip += kZeroWidthSpace;
        m_tokenStarts.push_back(cursor.position());
        const std::size_t format = token.special || looksSpecial(token.text) ? Special : (i % 2 == 0 ? Even : Odd);
        cursor.insertText(chip, formats[format]);
    }
    cursor.endEditBlock();
    m_tokensView->moveCursor(QTextCursor::Start);
}

bool TemplateView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_tokensView->viewport()) {
        return QWidget::eventFilter(watched, event);
    }
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const int index = tokenAt(help->pos());
        if (index >= 0) {
            QToolTip::showText(help->globalPos(), tokenToolTip(index), m_tokensView->viewport());
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    if (event->type() == QEvent::MouseMove || event->type() == QEvent::Leave) {
        // Outlines the chip under the mouse, so its extent is plain even between same-tint lines.
        const int index =
            event->type() == QEvent::Leave ? -1 : tokenAt(static_cast<QMouseEvent*>(event)->position().toPoint());
        if (index == m_hovered) {
            return false;
        }
        m_hovered = index;
        QList<QTextEdit::ExtraSelection> selections;
        if (index >= 0) {
            QTextEdit::ExtraSelection selection;
            selection.cursor = QTextCursor(m_tokensView->document());
            selection.cursor.setPosition(m_tokenStarts[std::size_t(index)]);
            const int end = std::size_t(index) + 1 < m_tokenStarts.size() ? m_tokenStarts[std::size_t(index) + 1]
                                                                            : m_tokensView->document()->characterCount() - 1;
            selection.cursor.setPosition(end, QTextCursor::KeepAnchor);
            selection.format.setBackground(palette().color(QPalette::Highlight));
            selection.format.setForeground(palette().color(QPalette::HighlightedText));
            selections << selection;
        }
        m_tokensView->setExtraSelections(selections);
    }
    return QWidget::eventFilter(watched, event);
}

void TemplateView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // The tints are mixed from the palette; a theme switch mixes them again.
    if (event->type() == QEvent::PaletteChange && !isUnavailable()) {
        rebuildText();
        rebuildTokens();
    }
}

}  // namespace lathe
