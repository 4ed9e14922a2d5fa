// ElidedLabel: a one-line label that shortens its text with "…" (in the middle, where paths
// differ least) instead of forcing its window wider; the full text stays in the tooltip.
#pragma once

#include <QLabel>

namespace lathe {

class ElidedLabel : public QLabel {
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    void setFullText(const QString& text);
    const QString& fullText() const { return m_fullText; }

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateElision();

    QString m_fullText;
};

}  // namespace lathe
