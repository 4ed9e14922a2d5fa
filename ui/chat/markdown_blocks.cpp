// splitMarkdownBlocks: one pass over the lines, a small state machine (in prose / in a fence).
#include "ui/chat/markdown_blocks.h"

#include <optional>

namespace lathe {
namespace {

constexpr int kTabStop = 4;

struct Fence {
    QChar marker;
    qsizetype length = 0;
    int indentColumns = 0;
};

struct Indent {
    qsizetype chars = 0;
    int columns = 0;
};

Indent leadingIndent(QStringView line)
{
    Indent indent;
    while (indent.chars < line.size()) {
        const QChar c = line[indent.chars];
        if (c == u' ') {
            ++indent.columns;
        } else if (c == u'\t') {
            indent.columns = (indent.columns / kTabStop + 1) * kTabStop;
        } else {
            break;
        }
        ++indent.chars;
    }
    return indent;
}

qsizetype runLength(QStringView line, qsizetype from, QChar c)
{
    qsizetype end = from;
    while (end < line.size() && line[end] == c) {
        ++end;
    }
    return end - from;
}

bool isBlank(QStringView line)
{
    return leadingIndent(line).chars == line.size();
}

struct Opening {
    Fence fence;
    QString language;
};

std::optional<Opening> openingFence(QStringView line)
{
    const Indent indent = leadingIndent(line);
    if (indent.chars >= line.size()) {
        return std::nullopt;
    }
    const QChar marker = line[indent.chars];
    if (marker != u'`' && marker != u'~') {
        return std::nullopt;
    }
    const qsizetype length = runLength(line, indent.chars, marker);
    if (length < 3) {
        return std::nullopt;
    }
    const QStringView info = line.mid(indent.chars + length).trimmed();
    if (marker == u'`' && info.contains(u'`')) {
        return std::nullopt;  // "```inline```" is a code span, not a fence
    }
    qsizetype wordEnd = 0;
    while (wordEnd < info.size() && !info[wordEnd].isSpace()) {
        ++wordEnd;
    }
    return Opening{Fence{marker, length, indent.columns}, info.left(wordEnd).toString()};
}

bool closesFence(QStringView line, const Fence& fence)
{
    const Indent indent = leadingIndent(line);
    if (indent.columns > fence.indentColumns + 3) {
        return false;
    }
    const qsizetype length = runLength(line, indent.chars, fence.marker);
    return length >= fence.length && isBlank(line.mid(indent.chars + length));
}

// Removes up to `columns` columns of leading whitespace, as CommonMark does for the content of
// an indented fence.
QStringView withoutIndent(QStringView line, int columns)
{
    qsizetype chars = 0;
    int column = 0;
    while (chars < line.size() && column < columns) {
        const QChar c = line[chars];
        if (c == u' ') {
            ++column;
        } else if (c == u'\t') {
            column = (column / kTabStop + 1) * kTabStop;
        } else {
            break;
        }
        ++chars;
    }
    return line.mid(chars);
}

// "- ", "* ", "+ ", "1. ", "2) ", or the marker alone on its line.
bool startsListItem(QStringView line)
{
    qsizetype markerEnd = 0;
    if (!line.isEmpty() && (line[0] == u'-' || line[0] == u'*' || line[0] == u'+')) {
        markerEnd = 1;
    } else {
        while (markerEnd < line.size() && markerEnd < 10 && line[markerEnd].isDigit()) {
            ++markerEnd;
        }
        if (markerEnd == 0 || markerEnd == 10 || markerEnd >= line.size() ||
            (line[markerEnd] != u'.' && line[markerEnd] != u')')) {
            return false;
        }
        ++markerEnd;
    }
    return markerEnd == line.size() || line[markerEnd] == u' ' || line[markerEnd] == u'\t';
}

// A paragraph that starts a new prose section: after a blank line, not indented (so no list
// item, quote or indented code continues into it) and not a list item (which would continue a
// list above).
bool startsSection(QStringView line)
{
    return !line.isEmpty() && line[0] != u' ' && line[0] != u'\t' && !startsListItem(line);
}

struct Line {
    QStringView text;  // without the line break
    qsizetype start = 0;
};

class Splitter {
public:
    explicit Splitter(qsizetype proseSectionChars)
        : m_proseSectionChars(proseSectionChars)
    {
    }

    void addLine(const Line& line)
    {
        if (m_fence) {
            if (closesFence(line.text, *m_fence)) {
                m_blocks.last().fenceClosed = true;
                m_fence.reset();
                return;
            }
            MarkdownBlock& code = m_blocks.last();
            if (m_codeHasLines) {
                code.text += u'\n';
            }
            code.text += withoutIndent(line.text, m_fence->indentColumns);
            m_codeHasLines = true;
            return;
        }
        if (std::optional<Opening> opening = openingFence(line.text)) {
            flushProse();
            MarkdownBlock code;
            code.kind = MarkdownBlock::Kind::Code;
            code.language = opening->language;
            code.fenceClosed = false;
            code.sourceStart = line.start;
            m_blocks.append(code);
            m_fence = opening->fence;
            m_codeHasLines = false;
            return;
        }
        if (m_proseSectionChars > 0 && m_proseChars >= m_proseSectionChars && !m_prose.isEmpty() &&
            isBlank(m_prose.last().text) && startsSection(line.text)) {
            flushProse();
        }
        m_prose.append(line);
        if (m_proseChars > 0 || !isBlank(line.text)) {
            m_proseChars += line.text.size() + 1;  // counted from the block's first line
        }
    }

    QVector<MarkdownBlock> finish()
    {
        flushProse();
        return std::move(m_blocks);
    }

private:
    void flushProse()
    {
        qsizetype first = 0;
        qsizetype last = m_prose.size();
        while (first < last && isBlank(m_prose[first].text)) {
            ++first;
        }
        while (last > first && isBlank(m_prose[last - 1].text)) {
            --last;
        }
        if (first < last) {
            MarkdownBlock prose;
            prose.sourceStart = m_prose[first].start;
            for (qsizetype i = first; i < last; ++i) {
                if (i > first) {
                    prose.text += u'\n';
                }
                prose.text += m_prose[i].text;
            }
            m_blocks.append(prose);
        }
        m_prose.clear();
        m_proseChars = 0;
    }

    const qsizetype m_proseSectionChars;
    QVector<MarkdownBlock> m_blocks;
    QVector<Line> m_prose;
    qsizetype m_proseChars = 0;
    std::optional<Fence> m_fence;
    bool m_codeHasLines = false;
};

}  // namespace

QVector<MarkdownBlock> splitMarkdownBlocks(QStringView markdown, qsizetype proseSectionChars)
{
    Splitter splitter(proseSectionChars);
    qsizetype position = 0;
    while (position < markdown.size()) {
        const qsizetype newline = markdown.indexOf(u'\n', position);
        const qsizetype end = newline < 0 ? markdown.size() : newline;
        QStringView text = markdown.mid(position, end - position);
        if (text.endsWith(u'\r')) {
            text.chop(1);
        }
        splitter.addLine(Line{text, position});
        position = newline < 0 ? markdown.size() : newline + 1;
    }
    return splitter.finish();
}

}  // namespace lathe
