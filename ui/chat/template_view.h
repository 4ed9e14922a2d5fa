// TemplateView: the exact prompt the chat template produced for the conversation, where users
// debug templates: as text (monospace, special tokens highlighted, whitespace made visible on
// request) and as tokens (chips in alternating tints, special tokens in their own tint, the id
// and escaped text on hover). Both views are single text documents, so 8,000 tokens stay
// responsive. GUI thread only.
#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace lathe {

struct PromptToken {
    qint32 id = 0;
    QString text;          // the token's piece of the prompt
    bool special = false;  // the tokenizer's special/added token; text like <|im_start|> counts too
};

class TemplateView : public QWidget {
    Q_OBJECT

public:
    enum class Mode { Text, Tokens };

    explicit TemplateView(QWidget* parent = nullptr);

    // templateSource: where the template came from ("chat_template.jinja", "tokenizer_config.json").
    void setPrompt(const QString& text, const QVector<PromptToken>& tokens, const QString& templateSource);
    // Instead of a prompt: why there is none ("The server renders the template itself.").
    void setUnavailable(const QString& reason);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setShowWhitespace(bool show);
    bool showWhitespace() const;

    // "312 tokens · chat_template.jinja" as shown above the views.
    QString summaryText() const;
    // What Copy puts on the clipboard: the text, or the ids as a JSON array in the tokens view.
    QString copyText() const;
    // The hover text of token INDEX: "id 1234 · 'text'" with escapes, plus a line for special tokens.
    QString tokenToolTip(int index) const;
    // The token under a point of the tokens view's viewport, or -1.
    int tokenAt(const QPoint& viewportPosition) const;
    // Where token INDEX starts in the tokens view's viewport (for tests and keyboard hovers).
    QRect tokenRect(int index) const;
    bool isUnavailable() const;
    QString unavailableReason() const;

    QPlainTextEdit* textView() const { return m_textView; }
    QPlainTextEdit* tokensView() const { return m_tokensView; }
    QPushButton* copyButton() const { return m_copy; }

    // Whether TEXT reads as a special token when the tokenizer did not say: <|im_start|>, <s>,
    // </s>, <start_of_turn>, [INST] and the like.
    static bool looksSpecial(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void rebuildText();
    void rebuildTokens();
    void updateSummary();
    void copyToClipboard();

    QString m_text;
    QVector<PromptToken> m_tokens;
    QString m_source;
    std::vector<int> m_tokenStarts;  // document position where each token's chip begins
    int m_hovered = -1;
    Mode m_mode = Mode::Text;

    QToolButton* m_textButton = nullptr;
    QToolButton* m_tokensButton = nullptr;
    QCheckBox* m_whitespace = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_copy = nullptr;
    QStackedWidget* m_stack = nullptr;
    QPlainTextEdit* m_textView = nullptr;
    QPlainTextEdit* m_tokensView = nullptr;
    QLabel* m_unavailable = nullptr;
};

}  // namespace lathe
