// ContextBar: a thin strip that shows how the next request fills the model's context: the
// prompt, the room kept for the answer and what is free, as a segmented bar and as numbers
// ("1,234 + 512 of 8,192 tokens"); when the conversation no longer fits, how many of the
// oldest messages will be left out. Values in, nothing out. GUI thread only.
#pragma once

#include <QWidget>

class QLabel;

namespace lathe {

class ContextMeter;

class ContextBar : public QWidget {
    Q_OBJECT

public:
    explicit ContextBar(QWidget* parent = nullptr);

    // promptTokens: what will be sent (after cutting); answerTokens: kept free for the answer;
    // contextTokens: the model's context; droppedMessages: oldest messages left out;
    // fullPromptTokens: the whole conversation before cutting.
    void setUsage(qint64 promptTokens, qint64 answerTokens, qint64 contextTokens, qint64 droppedMessages,
                  qint64 fullPromptTokens);
    // For servers that do not report their limits: why the numbers are missing.
    void setUnknown(const QString& why);

    QString usageText() const;    // "1,234 + 512 of 8,192 tokens"
    QString warningText() const;  // "3 oldest messages will be cut (2,048 tokens over)", or empty

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateWarningColour();

    ContextMeter* m_meter = nullptr;
    QLabel* m_usage = nullptr;
    QLabel* m_warningIcon = nullptr;
    QLabel* m_warning = nullptr;
};

}  // namespace lathe
