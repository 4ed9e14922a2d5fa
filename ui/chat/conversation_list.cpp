// ConversationList: a flat list model of group headers and conversations, a painted two-line
// row, and the actions around it.
#include "ui/chat/conversation_list.h"

#include "ui/common/icons.h"

#include <QAbstractListModel>
#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace lathe {
namespace {

enum Role {
    IdRole = Qt::UserRole + 1,
    SnippetRole,
    UpdatedRole,
};
constexpr int HeaderRole = ConversationList::HeaderRole;

constexpr int kPadding = 6;

enum class Group { Today, Yesterday, PreviousWeek, Older };

Group groupOf(const QDate& day, const QDate& today)
{
    const qint64 daysAgo = day.daysTo(today);
    if (daysAgo <= 0) {
        return Group::Today;  // a clock set back shows future timestamps as today
    }
    if (daysAgo == 1) {
        return Group::Yesterday;
    }
    return daysAgo <= 7 ? Group::PreviousWeek : Group::Older;
}

QString groupTitle(Group group)
{
    switch (group) {
    case Group::Today: return ConversationList::tr("Today");
    case Group::Yesterday: return ConversationList::tr("Yesterday");
    case Group::PreviousWeek: return ConversationList::tr("Previous 7 days");
    case Group::Older: return ConversationList::tr("Older");
    }
    return {};
}

QColor dimmed(const QColor& text, const QColor& background)
{
    // Between text and background, readable on both palettes.
    return QColor::fromRgbF(float(text.redF() * 0.62 + background.redF() * 0.38),
                            float(text.greenF() * 0.62 + background.greenF() * 0.38),
                            float(text.blueF() * 0.62 + background.blueF() * 0.38));
}

}  // namespace

// Rows top to bottom: a header before each non-empty group, then its conversations.
class ConversationListModel : public QAbstractListModel {
public:
    using QAbstractListModel::QAbstractListModel;

    struct Row {
        QString header;  // non-empty on header rows
        int item = -1;   // index into m_items otherwise
    };

    // Called with (id, title) when a row is renamed in place.
    std::function<void(const QString&, const QString&)> onRename;

    void reset(QVector<ConversationListItem> items, const std::optional<QSet<QString>>& filter, const QDate& today)
    {
        beginResetModel();
        m_items = std::move(items);
        std::stable_sort(m_items.begin(), m_items.end(),
                         [](const ConversationListItem& a, const ConversationListItem& b) { return a.updated > b.updated; });
        m_rows.clear();
        std::optional<Group> lastGroup;
        for (int i = 0; i < m_items.size(); ++i) {
            if (filter && !filter->contains(m_items[i].id)) {
                continue;
            }
            const Group group = groupOf(m_items[i].updated.toLocalTime().date(), today);
            if (group != lastGroup) {
                m_rows.push_back({groupTitle(group), -1});
                lastGroup = group;
            }
            m_rows.push_back({QString(), i});
        }
        endResetModel();
    }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    QModelIndex indexOfId(const QString& id) const
    {
        for (int row = 0; row < m_rows.size(); ++row) {
            if (m_rows[row].item >= 0 && m_items[m_rows[row].item].id == id) {
                return index(row);
            }
        }
        return {};
    }

    const ConversationListItem* itemAt(const QModelIndex& index) const
    {
        if (!index.isValid() || index.row() >= m_rows.size() || m_rows[index.row()].item < 0) {
            return nullptr;
        }
        return &m_items[m_rows[index.row()].item];
    }

    Qt::ItemFlags flags(const QModelIndex& index) const override
    {
        // Headers are disabled so the arrow keys step over them.
        if (itemAt(index) == nullptr) {
            return Qt::NoItemFlags;
        }
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
    }

    QVariant data(const QModelIndex& index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_rows.size()) {
            return {};
        }
        const Row& row = m_rows[index.row()];
        if (row.item < 0) {
            switch (role) {
            case Qt::DisplayRole:
            case Qt::AccessibleTextRole: return row.header;
            case HeaderRole: return true;
            default: return {};
            }
        }
        const ConversationListItem& item = m_items[row.item];
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole: return item.title;
        case IdRole: return item.id;
        case SnippetRole: return item.snippet;
        case UpdatedRole: return item.updated;
        case HeaderRole: return false;
        case Qt::ToolTipRole:
            return ConversationList::tr("%1\n%n message(s), last changed %2", nullptr, item.messages)
                .arg(item.title, QLocale().toString(item.updated.toLocalTime(), QLocale::LongFormat));
        case Qt::AccessibleTextRole:
            return ConversationList::tr("%1, %2, %3")
                .arg(item.title, ConversationList::relativeTime(item.updated, QDateTime::currentDateTime()), item.snippet);
        default: return {};
        }
    }

    bool setData(const QModelIndex& index, const QVariant& value, int role) override
    {
        const ConversationListItem* item = itemAt(index);
        if (item == nullptr || role != Qt::EditRole) {
            return false;
        }
        const QString title = value.toString().simplified();
        if (title.isEmpty() || title == item->title) {
            return false;
        }
        // Shown at once; the page confirms with setItems() once the store has it.
        m_items[m_rows[index.row()].item].title = title;
        emit dataChanged(index, index);
        if (onRename) {
            onRename(item->id, title);
        }
        return true;
    }

private:
    QVector<ConversationListItem> m_items;
    QVector<Row> m_rows;
};

namespace {

// Two lines per conversation (bold title with the time on the right, dim snippet); headers as
// small dim captions.
class ConversationDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const int line = option.fontMetrics.height();
        if (index.data(HeaderRole).toBool()) {
            return {0, line + 2 * kPadding + 2};
        }
        return {0, 2 * line + 3 * kPadding};
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QWidget* widget = opt.widget;
        QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
        const QPalette& pal = opt.palette;
        const QRect inner = opt.rect.adjusted(kPadding + 2, kPadding, -(kPadding + 2), -kPadding);
        const int line = opt.fontMetrics.height();

        painter->save();
        if (index.data(HeaderRole).toBool()) {
            QFont font = opt.font;
            font.setBold(true);
            font.setPointSizeF(font.pointSizeF() * 0.9);
            painter->setFont(font);
            painter->setPen(pal.color(QPalette::PlaceholderText));
            painter->drawText(inner.adjusted(0, 2, 0, 0), Qt::AlignLeft | Qt::AlignBottom, index.data().toString());
            painter->restore();
            return;
        }

        // The style draws selection and hover so rows match the other views.
        opt.text.clear();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);
        if (opt.state & QStyle::State_HasFocus) {
            QStyleOptionFocusRect focus;
            focus.QStyleOption::operator=(opt);
            focus.backgroundColor = pal.color(QPalette::Highlight);
            style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
        }

        const bool selected = opt.state & QStyle::State_Selected;
        const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
        const QColor background = pal.color(selected ? QPalette::Highlight : QPalette::Base);
        const QColor dim = dimmed(text, background);

        const QString when =
            ConversationList::relativeTime(index.data(UpdatedRole).toDateTime(), QDateTime::currentDateTime());
        QFont small = opt.font;
        small.setPointSizeF(small.pointSizeF() * 0.9);
        const QFontMetrics smallMetrics(small);
        const int whenWidth = smallMetrics.horizontalAdvance(when);
        const QRect titleRect(inner.left(), inner.top(), inner.width() - whenWidth - kPadding, line);
        const QRect snippetRect(inner.left(), inner.top() + line + kPadding, inner.width(), line);

        QFont bold = opt.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(text);
        const QString title = index.data().toString();
        painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(bold).elidedText(title.isEmpty() ? ConversationList::tr("Untitled") : title,
                                                        Qt::ElideRight, titleRect.width()));

        painter->setFont(small);
        painter->setPen(dim);
        painter->drawText(QRect(inner.right() - whenWidth, inner.top(), whenWidth + 1, line),
                          Qt::AlignRight | Qt::AlignVCenter, when);

        painter->setFont(opt.font);
        const QString snippet = index.data(SnippetRole).toString().simplified();
        painter->drawText(snippetRect, Qt::AlignLeft | Qt::AlignVCenter,
                          opt.fontMetrics.elidedText(snippet.isEmpty() ? ConversationList::tr("No messages yet") : snippet,
                                                     Qt::ElideRight, snippetRect.width()));
        painter->restore();
    }

    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option, const QModelIndex&) const override
    {
        // Over the title line only, so the snippet stays visible while renaming.
        const int height = editor->sizeHint().height();
        editor->setGeometry(option.rect.left() + 2, option.rect.top() + 2, option.rect.width() - 4, height);
    }
};

}  // namespace

ConversationList::ConversationList(QWidget* parent)
    : QWidget(parent)
{
    m_newChat = new QAction(icon(IconName::NewChat), tr("New chat"), this);
    m_newChat->setShortcut(QKeySequence::New);
    m_newChat->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_newChat->setToolTip(tr("Start a new conversation (%1)").arg(m_newChat->shortcut().toString(QKeySequence::NativeText)));
    connect(m_newChat, &QAction::triggered, this, &ConversationList::newRequested);

    m_newButton = new QPushButton(m_newChat->icon(), m_newChat->text(), this);
    m_newButton->setToolTip(m_newChat->toolTip());
    connect(m_newButton, &QPushButton::clicked, m_newChat, &QAction::trigger);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search conversations"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(icon(IconName::Filter), QLineEdit::LeadingPosition);
    m_search->setToolTip(tr("Finds conversations whose title or messages contain the text"));
    m_search->installEventFilter(this);

    m_searchDebounce = new QTimer(this);
    m_searchDebounce->setSingleShot(true);
    m_searchDebounce->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, m_searchDebounce, qOverload<>(&QTimer::start));
    connect(m_searchDebounce, &QTimer::timeout, this, [this] { emit searchChanged(m_search->text()); });

    m_model = new ConversationListModel(this);
    m_model->onRename = [this](const QString& id, const QString& title) { emit renameRequested(id, title); };

    m_view = new QListView(this);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ConversationDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);  // rename goes through m_rename
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->installEventFilter(this);
    m_view->viewport()->installEventFilter(this);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMouseTracking(true);
    m_view->setAccessibleName(tr("Conversations"));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& index) {
        updateActions();
        const ConversationListItem* item = m_model->itemAt(index);
        if (m_settingCurrent || item == nullptr || item->id == m_current) {
            return;
        }
        m_current = item->id;
        emit currentChanged(m_current);
    });

    // Row actions act on the selected conversation; their keys work while the list has focus.
    m_rename = new QAction(tr("Rename"), this);
    m_rename->setShortcut(Qt::Key_F2);
    connect(m_rename, &QAction::triggered, this, &ConversationList::renameSelected);
    m_delete = new QAction(icon(IconName::Cancel), tr("Delete…"), this);
    m_delete->setShortcut(QKeySequence::Delete);
    connect(m_delete, &QAction::triggered, this, &ConversationList::deleteSelected);
    m_exportMarkdown = new QAction(tr("Export as Markdown…"), this);
    connect(m_exportMarkdown, &QAction::triggered, this, [this] { exportSelected(QStringLiteral("markdown")); });
    m_exportJson = new QAction(tr("Export as JSON…"), this);
    connect(m_exportJson, &QAction::triggered, this, [this] { exportSelected(QStringLiteral("json")); });
    for (QAction* action : {m_rename, m_delete, m_exportMarkdown, m_exportJson}) {
        action->setShortcutContext(Qt::WidgetShortcut);
        m_view->addAction(action);
    }

    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setContentsMargins(12, 12, 12, 12);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    auto* top = new QVBoxLayout;
    top->setContentsMargins(8, 8, 8, 4);
    top->setSpacing(6);
    top->addWidget(m_newButton);
    top->addWidget(m_search);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);

    // "2 min ago" grows stale; the groups change at midnight.
    m_clock = new QTimer(this);
    m_clock->setInterval(60 * 1000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        if (QDate::currentDate() != m_builtOn) {
            rebuild();
        } else {
            m_view->viewport()->update();
        }
    });
    m_clock->start();

    rebuild();
}

void ConversationList::setItems(const QVector<ConversationListItem>& items)
{
    m_items = items;
    rebuild();
}

void ConversationList::setCurrent(const QString& id)
{
    m_current = id;
    selectCurrentInView();
}

void ConversationList::setSearchResults(std::optional<QSet<QString>> ids)
{
    m_searchResults = std::move(ids);
    rebuild();
}

QString ConversationList::searchText() const
{
    return m_search->text();
}

QStringList ConversationList::visibleIds() const
{
    QStringList ids;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (const ConversationListItem* item = m_model->itemAt(m_model->index(row))) {
            ids << item->id;
        }
    }
    return ids;
}

QString ConversationList::emptyText() const
{
    return m_stack->currentWidget() == m_empty ? m_empty->text() : QString();
}

QString ConversationList::relativeTime(const QDateTime& when, const QDateTime& now)
{
    if (!when.isValid()) {
        return {};
    }
    const QDateTime local = when.toLocalTime();
    const qint64 seconds = local.secsTo(now);
    if (seconds < 60) {
        return tr("Just now");
    }
    if (seconds < 60 * 60) {
        return tr("%1 min ago").arg(seconds / 60);
    }
    const qint64 days = local.date().daysTo(now.toLocalTime().date());
    if (days == 0) {
        return QLocale().toString(local.time(), QLocale::ShortFormat);
    }
    if (days == 1) {
        return tr("Yesterday");
    }
    if (days < 7) {
        return QLocale().dayName(local.date().dayOfWeek(), QLocale::LongFormat);
    }
    return QLocale().toString(local.date(), QLocale::ShortFormat);
}

void ConversationList::rebuild()
{
    const int scroll = m_view->verticalScrollBar()->value();
    m_builtOn = QDate::currentDate();
    m_model->reset(m_items, m_searchResults, m_builtOn);
    selectCurrentInView();
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_view);
        // Lay out now so the old scroll position is inside the new range; selecting the
        // current row above may have scrolled to it.
        m_view->doItemsLayout();
        m_view->verticalScrollBar()->setValue(scroll);
    } else if (m_items.isEmpty()) {
        m_empty->setText(tr("No conversations yet.\nStart one with New chat (%1).")
                             .arg(m_newChat->shortcut().toString(QKeySequence::NativeText)));
        m_stack->setCurrentWidget(m_empty);
    } else {
        m_empty->setText(tr("No conversation contains “%1”.").arg(m_search->text()));
        m_stack->setCurrentWidget(m_empty);
    }
}

void ConversationList::selectCurrentInView()
{
    m_settingCurrent = true;
    const QModelIndex index = m_model->indexOfId(m_current);
    if (index.isValid()) {
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    } else {
        m_view->selectionModel()->clear();
    }
    m_settingCurrent = false;
    updateActions();
}

QString ConversationList::selectedId() const
{
    const ConversationListItem* item = m_model->itemAt(m_view->currentIndex());
    return item != nullptr && m_view->selectionModel()->isSelected(m_view->currentIndex()) ? item->id : QString();
}

void ConversationList::updateActions()
{
    const bool any = !selectedId().isEmpty();
    for (QAction* action : {m_rename, m_delete, m_exportMarkdown, m_exportJson}) {
        action->setEnabled(any);
    }
}

void ConversationList::showContextMenu(const QPoint& globalPosition)
{
    QMenu menu(this);
    menu.addAction(m_rename);
    menu.addSeparator();
    menu.addAction(m_exportMarkdown);
    menu.addAction(m_exportJson);
    menu.addSeparator();
    menu.addAction(m_delete);
    menu.exec(globalPosition);
}

void ConversationList::renameSelected()
{
    if (!selectedId().isEmpty()) {
        m_view->edit(m_view->currentIndex());
    }
}

void ConversationList::deleteSelected()
{
    const ConversationListItem* item = m_model->itemAt(m_view->currentIndex());
    if (item == nullptr || selectedId().isEmpty()) {
        return;
    }
    const QString id = item->id;
    QMessageBox box(QMessageBox::Warning, tr("Delete conversation"),
                    tr("Delete “%1”?").arg(item->title.isEmpty() ? tr("Untitled") : item->title), QMessageBox::NoButton,
                    this);
    box.setInformativeText(tr("Its %n message(s) will be removed from disk. This cannot be undone.", nullptr, item->messages));
    QPushButton* remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == remove) {
        emit deleteRequested(id);
    }
}

void ConversationList::exportSelected(const QString& format)
{
    const QString id = selectedId();
    if (!id.isEmpty()) {
        emit exportRequested(id, format);
    }
}

bool ConversationList::eventFilter(QObject* watched, QEvent* event)
{
    if ((watched == m_view || watched == m_view->viewport()) && event->type() == QEvent::ContextMenu) {
        // The mouse opens the menu of the row it pressed (the press selected it); the menu key
        // that of the selected row, next to it.
        const auto* menuEvent = static_cast<QContextMenuEvent*>(event);
        if (menuEvent->reason() == QContextMenuEvent::Mouse) {
            const QPoint at = m_view->viewport()->mapFromGlobal(menuEvent->globalPos());
            if (m_model->itemAt(m_view->indexAt(at)) != nullptr) {
                showContextMenu(menuEvent->globalPos());
            }
        } else if (!selectedId().isEmpty()) {
            showContextMenu(m_view->viewport()->mapToGlobal(m_view->visualRect(m_view->currentIndex()).center()));
        }
        return true;
    }
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
        // Down or Enter moves into the list, on the current row or else the first match.
        if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            m_stack->currentWidget() == m_view) {
            if (selectedId().isEmpty()) {
                for (int row = 0; row < m_model->rowCount(); ++row) {
                    if (m_model->itemAt(m_model->index(row)) != nullptr) {
                        m_view->setCurrentIndex(m_model->index(row));
                        break;
                    }
                }
            }
            m_view->setFocus(Qt::TabFocusReason);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace lathe
