// ConversationList: the Chat page's left sidebar: a "New chat" button, a search box and the saved
// conversations, newest first under Today / Yesterday / Previous 7 days / Older. Rows show the
// title, a snippet and when the conversation last changed. Rename (F2, inline), delete (Del,
// confirmed), and export are requested through signals; the page does the work and calls
// setItems() again. Search looks into message contents, so the page answers searchChanged()
// with setSearchResults(). GUI thread only.
#pragma once

#include <QDateTime>
#include <QSet>
#include <QString>
#include <QVector>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace lathe {

struct ConversationListItem {
    QString id;
    QString title;
    QString snippet;  // the start of the last message, one line
    QDateTime updated;
    int messages = 0;
};

class ConversationListModel;

class ConversationList : public QWidget {
    Q_OBJECT

public:
    // view()->model() data: true on the Today / Yesterday / ... header rows.
    static constexpr int HeaderRole = Qt::UserRole + 100;

    explicit ConversationList(QWidget* parent = nullptr);

    // Keeps the current conversation and the scroll position where they still exist.
    void setItems(const QVector<ConversationListItem>& items);
    // Selects ID without emitting currentChanged(); an empty or unknown id clears the selection.
    void setCurrent(const QString& id);
    QString current() const { return m_current; }

    // The conversations that match the search text (std::nullopt: no search, show all).
    void setSearchResults(std::optional<QSet<QString>> ids);
    QString searchText() const;

    // Ctrl+N belongs to the page: it adds this action to its own shortcut scope.
    QAction* newChatAction() const { return m_newChat; }
    QLineEdit* searchField() const { return m_search; }
    QListView* view() const { return m_view; }
    // The ids shown, top to bottom (group headers left out).
    QStringList visibleIds() const;
    // The sentence shown instead of the list, or empty while the list shows.
    QString emptyText() const;

    // "Just now", "5 min ago", "14:05" (today), "Yesterday", "Monday" (this week), else the date.
    static QString relativeTime(const QDateTime& when, const QDateTime& now);

signals:
    void currentChanged(const QString& id);
    void newRequested();
    void searchChanged(const QString& text);  // debounced while typing
    void renameRequested(const QString& id, const QString& title);
    void deleteRequested(const QString& id);
    void exportRequested(const QString& id, const QString& format);  // "markdown" or "json"

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void selectCurrentInView();
    void showContextMenu(const QPoint& globalPosition);
    QString selectedId() const;
    void renameSelected();
    void deleteSelected();
    void exportSelected(const QString& format);
    void updateActions();

    QVector<ConversationListItem> m_items;
    std::optional<QSet<QString>> m_searchResults;
    QString m_current;
    bool m_settingCurrent = false;

    QAction* m_newChat = nullptr;
    QAction* m_rename = nullptr;
    QAction* m_delete = nullptr;
    QAction* m_exportMarkdown = nullptr;
    QAction* m_exportJson = nullptr;
    QPushButton* m_newButton = nullptr;
    QLineEdit* m_search = nullptr;
    QTimer* m_searchDebounce = nullptr;
    QTimer* m_clock = nullptr;
    QDate m_builtOn;
    QStackedWidget* m_stack = nullptr;
    QListView* m_view = nullptr;
    QLabel* m_empty = nullptr;
    ConversationListModel* m_model = nullptr;
};

}  // namespace lathe
