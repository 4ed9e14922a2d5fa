// CheckpointHeader: the strip above the inspector's content: which checkpoint is open (name
// and path), its headline numbers, and the "Compare with…" button that starts compare mode.
#pragma once

#include "app/engine_values.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace lathe {

class ElidedLabel;

class CheckpointHeader : public QWidget {
    Q_OBJECT

public:
    explicit CheckpointHeader(QWidget* parent = nullptr);

    void setCheckpoint(const CheckpointPtr& checkpoint, const QString& displayName);
    QString titleText() const;
    QToolButton* compareButton() const { return m_compare; }

signals:
    void compareFileRequested();
    void compareFolderRequested();

private:
    QLabel* m_title = nullptr;
    ElidedLabel* m_path = nullptr;
    QLabel* m_facts = nullptr;
    QToolButton* m_compare = nullptr;
};

}  // namespace lathe
