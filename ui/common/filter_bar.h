// FilterBar: a search box with a "regular expression" toggle and a hint line under it that
// turns red when the expression does not compile. Emits a TextFilter value shortly after the
// user stops typing, so large trees are not re-filtered on every key.
#pragma once

#include "ui/common/text_filter.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace lathe {

class FilterBar : public QWidget {
    Q_OBJECT

public:
    explicit FilterBar(QWidget* parent = nullptr);

    TextFilter filter() const;
    void setPlaceholderText(const QString& text);
    // For tests and the command line: set text and mode and apply at once.
    void setFilter(const QString& text, TextFilter::Mode mode);
    void clear();

    QLineEdit* lineEdit() const { return m_edit; }
    QToolButton* regexButton() const { return m_regexButton; }
    QLabel* hintLabel() const { return m_hint; }

signals:
    void filterChanged(const lathe::TextFilter& filter);

private:
    void apply();

    QLineEdit* m_edit = nullptr;
    QToolButton* m_regexButton = nullptr;
    QLabel* m_hint = nullptr;
    QTimer* m_debounce = nullptr;
};

}  // namespace lathe
