// ContextBar: a painted meter plus two labels. The meter spans the context and, when messages
// are cut, the cut tokens before it, so the window visibly slides past the oldest turns.
#include "ui/common/colours.h"
#include "ui/chat/context_bar.h"

#include "ui/common/icons.h"
#include "ui/common/number_format.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace lathe {
namespace {

const QColor kWarning(0xe0, 0x8a, 0x1e);

QString tokens(qint64 count)
{
    return formatCount(std::uint64_t(std::max<qint64>(count, 0)));
}

}  // namespace

class ContextMeter : public QWidget {
public:
    using QWidget::QWidget;

    struct Segments {
        qint64 cut = 0;      // tokens of the conversation left out, drawn before the context
        qint64 prompt = 0;
        qint64 answer = 0;
        qint64 context = 0;  // 0: unknown
    };

    void setSegments(const Segments& segments)
    {
        m_segments = segments;
        update();
    }

    QSize sizeHint() const override { return {160, 8}; }
    QSize minimumSizeHint() const override { return {48, 8}; }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette& pal = palette();
        const QColor base = pal.color(QPalette::Base);
        const QRectF track = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
        const qreal radius = track.height() / 2.0;

        QPainterPath clip;
        clip.addRoundedRect(track, radius, radius);
        painter.fillPath(clip, mixColour(base, pal.color(QPalette::Text), 0.12));
        if (m_segments.context <= 0) {
            return;
        }
        painter.setClipPath(clip);

        const Segments& s = m_segments;
        const double total = double(std::max(s.cut + s.context, s.cut + s.prompt + s.answer));
        const auto xAt = [&](qint64 tokens) { return track.left() + track.width() * double(tokens) / total; };
        auto fill = [&](qint64 from, qint64 to, const QBrush& brush) {
            if (to > from) {
                painter.fillRect(QRectF(QPointF(xAt(from), track.top()), QPointF(xAt(to), track.bottom())), brush);
            }
        };
        const QColor accent = pal.color(QPalette::Highlight);
        fill(0, s.cut, QBrush(kWarning));
        fill(0, s.cut, QBrush(mixColour(kWarning, base, 0.45), Qt::BDiagPattern));
        fill(s.cut, s.cut + s.prompt, accent);
        fill(s.cut + s.prompt, s.cut + s.prompt + s.answer, mixColour(base, accent, 0.45));
        if (s.cut > 0) {
            // Where the context begins: everything left of it is not sent.
            painter.setClipping(false);
            painter.setPen(QPen(pal.color(QPalette::Text), 1.5));
            const qreal x = xAt(s.cut);
            painter.drawLine(QPointF(x, 0), QPointF(x, height()));
        }
    }

private:
    Segments m_segments;
};

ContextBar::ContextBar(QWidget* parent)
    : QWidget(parent)
{
    m_meter = new ContextMeter(this);
    m_meter->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_meter->setFixedHeight(8);
    m_usage = new QLabel(this);
    m_usage->setForegroundRole(QPalette::PlaceholderText);
    m_warningIcon = new QLabel(this);
    const int iconSize = m_usage->fontMetrics().height();
    m_warningIcon->setPixmap(icon(IconName::Warning).pixmap(iconSize, iconSize));
    m_warning = new QLabel(this);
    m_warning->setTextFormat(Qt::PlainText);
    updateWarningColour();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(8);
    layout->addWidget(m_meter, 1, Qt::AlignVCenter);
    layout->addWidget(m_usage);
    layout->addWidget(m_warningIcon);
    layout->addWidget(m_warning);
    setUnknown(QString());
}

void ContextBar::setUsage(qint64 promptTokens, qint64 answerTokens, qint64 contextTokens, qint64 droppedMessages,
                          qint64 fullPromptTokens)
{
    const qint64 cut = droppedMessages > 0 ? std::max<qint64>(fullPromptTokens - promptTokens, 0) : 0;
    m_meter->setSegments({cut, promptTokens, answerTokens, contextTokens});
    m_usage->setText(tr("%1 + %2 of %3 tokens").arg(tokens(promptTokens), tokens(answerTokens), tokens(contextTokens)));
    const qint64 free = std::max<qint64>(contextTokens - promptTokens - answerTokens, 0);
    const QString breakdown = tr("Prompt: %1 tokens\nKept for the answer: %2\nFree: %3\nContext: %4")
                                  .arg(tokens(promptTokens), tokens(answerTokens), tokens(free), tokens(contextTokens));
    m_meter->setToolTip(breakdown);
    m_usage->setToolTip(breakdown);

    const bool cutting = droppedMessages > 0;
    m_warningIcon->setVisible(cutting);
    m_warning->setVisible(cutting);
    if (cutting) {
        const qint64 over = fullPromptTokens + answerTokens - contextTokens;
        QString warning = tr("%n oldest message(s) will be cut", nullptr, int(droppedMessages));
        if (over > 0) {
            warning = tr("%1 (%2 tokens over)").arg(warning, tokens(over));
        }
        m_warning->setText(warning);
        const QString why =
            tr("The conversation (%1 tokens) and the room for the answer no longer fit the model's context of %2 "
               "tokens. The oldest turns are left out of what the model sees; the system prompt and the last "
               "message are always kept. Nothing is deleted from the conversation.\nLower Max new tokens or start a "
               "new chat to keep more.")
                .arg(tokens(fullPromptTokens), tokens(contextTokens));
        m_warning->setToolTip(why);
        m_warningIcon->setToolTip(why);
        m_meter->setToolTip(breakdown + QLatin1Char('\n') + tr("Cut: %1 tokens").arg(tokens(cut)));
    } else {
        m_warning->clear();
    }
    m_meter->setAccessibleName(tr("Context use"));
    m_meter->setAccessibleDescription(cutting ? usageText() + QStringLiteral("; ") + warningText() : usageText());
}

void ContextBar::setUnknown(const QString& why)
{
    m_meter->setSegments({});
    m_usage->setText(tr("Context size unknown"));
    m_usage->setToolTip(why);
    m_meter->setToolTip(why);
    m_meter->setAccessibleDescription(m_usage->text());
    m_warning->clear();
    m_warningIcon->setVisible(false);
    m_warning->setVisible(false);
}

void ContextBar::updateWarningColour()
{
    // An orange that reads on the window colour: darker on light palettes, lighter on dark ones.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    QPalette warningPalette = palette();
    warningPalette.setColor(QPalette::WindowText, dark ? QColor(0xf0, 0xa8, 0x4a) : QColor(0xa8, 0x5a, 0x00));
    m_warning->setPalette(warningPalette);
}

void ContextBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateWarningColour();
    }
}

QString ContextBar::usageText() const
{
    return m_usage->text();
}

QString ContextBar::warningText() const
{
    return m_warning->text();
}

}  // namespace lathe
