// TranscriptView: a scroll area over a canvas; the canvas centres a column that holds the
// empty state or the messages. Following the bottom hangs on the vertical scroll bar: a range
// change (content grew) scrolls down while following; a value change (the reader scrolled)
// decides whether to follow.
#include "ui/chat/transcript_view.h"

#include "ui/common/icons.h"

#include <QAbstractButton>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QVBoxLayout>

#include <utility>

namespace lathe {
namespace {

constexpr int kBottomSlack = 8;  // pixels from the bottom that still count as "at the bottom"
constexpr int kMessageSpacing = 22;

// A floating pill over the bottom of the transcript.
class JumpButton : public QAbstractButton {
public:
    explicit JumpButton(QWidget* parent)
        : QAbstractButton(parent)
    {
        setObjectName(QStringLiteral("jumpToLatestButton"));
        setText(TranscriptView::tr("↓  Jump to latest"));
        setAccessibleName(TranscriptView::tr("Jump to latest message"));
        setToolTip(TranscriptView::tr("Scroll to the latest message and follow the answer"));
        setCursor(Qt::PointingHandCursor);
        setFocusPolicy(Qt::TabFocus);
    }

    QSize sizeHint() const override
    {
        const QFontMetrics metrics(font());
        return QSize(metrics.horizontalAdvance(text()) + 32, metrics.height() + 14);
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette& colours = palette();
        const QRectF pill = QRectF(rect()).adjusted(1.5, 1.5, -1.5, -2.5);
        const double radius = pill.height() / 2;
        // A soft shadow, then the pill in the button colour with a hairline border.
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0, 0, 0, 40));
        painter.drawRoundedRect(pill.translated(0, 1.5), radius, radius);
        QColor fill = colours.color(QPalette::Button);
        if (isDown()) {
            fill = fill.darker(112);
        } else if (underMouse()) {
            fill = fill.lighter(106);
        }
        painter.setBrush(fill);
        painter.setPen(QPen(colours.color(hasFocus() ? QPalette::Highlight : QPalette::Mid), 1));
        painter.drawRoundedRect(pill, radius, radius);
        painter.setPen(colours.color(QPalette::ButtonText));
        painter.drawText(pill, Qt::AlignCenter, text());
    }
};

}  // namespace

TranscriptView::TranscriptView(QWidget* parent)
    : QScrollArea(parent)
{
    setObjectName(QStringLiteral("transcript"));
    setFrameShape(QFrame::NoFrame);
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setBackgroundRole(QPalette::Base);

    auto* canvas = new QWidget;
    canvas->setObjectName(QStringLiteral("transcriptCanvas"));
    canvas->setBackgroundRole(QPalette::Base);

    m_column = new QWidget(canvas);
    m_column->setMaximumWidth(kMaxColumnWidth);
    auto* column = new QVBoxLayout(m_column);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);

    m_empty = new QWidget(m_column);
    m_empty->setObjectName(QStringLiteral("transcriptEmpty"));
    auto* picture = new QLabel(m_empty);
    picture->setPixmap(icon(IconName::App).pixmap(72, 72));
    picture->setAlignment(Qt::AlignCenter);
    m_emptyTitle = new QLabel(m_empty);
    m_emptyTitle->setObjectName(QStringLiteral("transcriptEmptyTitle"));
    m_emptyTitle->setAlignment(Qt::AlignCenter);
    m_emptyTitle->setWordWrap(true);
    m_emptyTitle->setTextFormat(Qt::PlainText);
    QFont titleFont = m_emptyTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.45);
    titleFont.setBold(true);
    m_emptyTitle->setFont(titleFont);
    m_emptyHint = new QLabel(m_empty);
    m_emptyHint->setObjectName(QStringLiteral("transcriptEmptyHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setTextFormat(Qt::PlainText);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    auto* empty = new QVBoxLayout(m_empty);
    empty->setSpacing(10);
    empty->addStretch(2);
    empty->addWidget(picture);
    empty->addWidget(m_emptyTitle);
    empty->addWidget(m_emptyHint);
    empty->addStretch(3);
    column->addWidget(m_empty, 1);

    m_messages = new QVBoxLayout;
    m_messages->setContentsMargins(0, 0, 0, 0);
    m_messages->setSpacing(kMessageSpacing);
    column->addLayout(m_messages);
    column->addStretch(0);

    // The column takes all the width up to its maximum; the side stretches share the rest.
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addStretch(1);
    row->addWidget(m_column, 1000);
    row->addStretch(1);
    auto* canvasLayout = new QVBoxLayout(canvas);
    canvasLayout->setContentsMargins(24, 24, 24, 28);
    canvasLayout->addLayout(row, 1);
    setWidget(canvas);

    m_jump = new JumpButton(this);
    m_jump->hide();
    connect(m_jump, &QAbstractButton::clicked, this, &TranscriptView::scrollToLatest);

    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int maximum) { onRangeChanged(maximum); });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &TranscriptView::onScrolled);
    updateEmptyState();
}

void TranscriptView::setItems(const QVector<TranscriptItem>& items)
{
    QHash<qint64, MessageView*> previous = std::exchange(m_views, {});
    const QVector<MessageView*> previousOrder = std::exchange(m_order, {});
    for (const TranscriptItem& item : items) {
        if (item.role != QLatin1String("user") && item.role != QLatin1String("assistant")) {
            continue;
        }
        MessageView* view = previous.take(item.id);
        if (view != nullptr && view->item().role != item.role) {
            removeView(view);
            view = nullptr;
        }
        if (view == nullptr) {
            view = createView(item);
        } else if (!(view->item() == item)) {
            view->setItem(item);
        }
        m_views.insert(item.id, view);
        m_order.append(view);
    }
    for (MessageView* view : std::as_const(previous)) {
        removeView(view);
    }

    if (m_order != previousOrder) {
        for (MessageView* view : previousOrder) {
            m_messages->removeWidget(view);
        }
        for (MessageView* view : std::as_const(m_order)) {
            m_messages->addWidget(view);
            view->show();
        }
        m_following = true;
        m_jump->hide();
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    }
    updatePinnedActions();
    updateEmptyState();
}

MessageView* TranscriptView::createView(const TranscriptItem& item)
{
    auto* view = new MessageView(item, m_column);
    view->setReadOnly(m_readOnly);
    connect(view, &MessageView::editSubmitted, this, &TranscriptView::editSubmitted);
    connect(view, &MessageView::regenerateRequested, this, &TranscriptView::regenerateRequested);
    connect(view, &MessageView::siblingRequested, this, &TranscriptView::siblingRequested);
    connect(view, &MessageView::copyRequested, this, &TranscriptView::copyRequested);
    return view;
}

void TranscriptView::removeView(MessageView* view)
{
    // Later, not now: the view may be the sender of the signal that led here (Edit → Send).
    m_messages->removeWidget(view);
    view->hide();
    view->disconnect(this);
    view->deleteLater();
}

void TranscriptView::updateItem(const TranscriptItem& item)
{
    MessageView* view = m_views.value(item.id);
    if (view == nullptr || view->item().role != item.role) {
        return;
    }
    view->setItem(item);
    updatePinnedActions();
}

void TranscriptView::appendText(qint64 id, const QString& text)
{
    if (MessageView* view = m_views.value(id)) {
        view->appendText(text);
    }
}

void TranscriptView::setEmptyText(const QString& title, const QString& hint)
{
    m_emptyTitle->setText(title);
    m_emptyHint->setText(hint);
    m_emptyHint->setVisible(!hint.isEmpty());
}

void TranscriptView::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    for (MessageView* view : std::as_const(m_order)) {
        view->setReadOnly(readOnly);
    }
}

void TranscriptView::updatePinnedActions()
{
    // The actions of the latest finished answer stay visible, as in other chat apps.
    const MessageView* latest = nullptr;
    for (auto it = m_order.crbegin(); it != m_order.crend(); ++it) {
        if (!(*it)->item().isUser()) {
            latest = *it;
            break;
        }
    }
    for (MessageView* view : std::as_const(m_order)) {
        view->setActionsPinned(view == latest && view == m_order.last() && !view->item().streaming);
    }
}

void TranscriptView::updateEmptyState()
{
    m_empty->setVisible(m_order.isEmpty());
}

void TranscriptView::scrollToLatest()
{
    m_following = true;
    m_jump->hide();
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void TranscriptView::onRangeChanged(int maximum)
{
    if (m_following) {
        m_scrollingToBottom = true;
        verticalScrollBar()->setValue(maximum);
        m_scrollingToBottom = false;
    }
    m_jump->setVisible(!m_following && verticalScrollBar()->value() < maximum - kBottomSlack);
    placeJumpButton();
}

void TranscriptView::onScrolled(int value)
{
    if (m_scrollingToBottom) {
        return;
    }
    const int maximum = verticalScrollBar()->maximum();
    m_following = value >= maximum - kBottomSlack;
    m_jump->setVisible(!m_following);
    placeJumpButton();
}

void TranscriptView::placeJumpButton()
{
    if (m_jump->isHidden()) {
        return;
    }
    const QRect area = viewport()->geometry();
    const QSize size = m_jump->sizeHint();
    m_jump->setGeometry(area.center().x() - size.width() / 2, area.bottom() - size.height() - 14, size.width(), size.height());
    m_jump->raise();
}

void TranscriptView::resizeEvent(QResizeEvent* event)
{
    QScrollArea::resizeEvent(event);
    placeJumpButton();
}

}  // namespace lathe
