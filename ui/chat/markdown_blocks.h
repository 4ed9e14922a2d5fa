// splitMarkdownBlocks: cuts a model's Markdown answer into prose and fenced code blocks, so the
// transcript can render prose as rich text and code in its own frame. The answer may still be
// streaming: a fence that has not been closed yet is a code block still being written.
// A pure function; any thread.
#pragma once

#include <QString>
#include <QStringView>
#include <QVector>

namespace lathe {

struct MarkdownBlock {
    enum class Kind { Prose, Code };

    Kind kind = Kind::Prose;
    // Prose: the Markdown source, without leading and trailing blank lines. Code: the lines
    // between the fences with the fence's indentation removed, joined by '\n', no final newline.
    QString text;
    QString language;         // code only: the first word of the fence's info string, may be empty
    bool fenceClosed = true;  // code only: false while the closing fence has not arrived
    qsizetype sourceStart = 0;  // where the block's first line starts in the input

    bool operator==(const MarkdownBlock&) const = default;
};

// Fences follow CommonMark: a line of at least three backticks or tildes, indented by any
// amount of spaces or tabs (so fences inside list items count), then an info string (which may
// not contain a backtick for a backtick fence). The block ends at a line of the same character,
// at least as long, indented at most three columns more than the opening one, with nothing but
// spaces after it. Blank-only prose between blocks is dropped; "\r\n" reads as "\n".
//
// proseSectionChars > 0 also cuts long prose: once a prose block holds that many characters,
// it ends before the next paragraph that no Markdown construct can join to it (after a blank
// line, an unindented line that does not start a list item), so a streaming answer re-renders
// only its last section. 0 cuts prose at fences only.
QVector<MarkdownBlock> splitMarkdownBlocks(QStringView markdown, qsizetype proseSectionChars = 0);

}  // namespace lathe
