// CheckpointSummaryPanel: the checkpoint as a whole: what was opened, its files with their
// sizes and header lengths, totals by dtype, the __metadata__ table, the index's metadata and
// whatever the engine found odd (warnings), in one scrollable column.
#pragma once

#include "app/engine_values.h"

#include <QScrollArea>

class QGroupBox;
class QLabel;
class QTreeWidget;
class QVBoxLayout;

namespace lathe {

class CheckpointSummaryPanel : public QScrollArea {
    Q_OBJECT

public:
    explicit CheckpointSummaryPanel(QWidget* parent = nullptr);

    void setCheckpoint(const CheckpointPtr& checkpoint);

    QTreeWidget* filesTable() const { return m_files; }
    QTreeWidget* dtypeTable() const { return m_dtypes; }
    QTreeWidget* metadataTable() const { return m_metadata; }
    QTreeWidget* indexMetadataTable() const { return m_indexMetadata; }
    QTreeWidget* warningsList() const { return m_warnings; }

private:
    QTreeWidget* addTable(QVBoxLayout* layout, const QStringList& headers, int stretchColumn);
    static void fitHeight(QTreeWidget* table);

    QLabel* m_overview = nullptr;
    QGroupBox* m_filesBox = nullptr;
    QTreeWidget* m_files = nullptr;
    QTreeWidget* m_dtypes = nullptr;
    QGroupBox* m_metadataBox = nullptr;
    QTreeWidget* m_metadata = nullptr;
    QLabel* m_noMetadata = nullptr;
    QGroupBox* m_indexMetadataBox = nullptr;
    QTreeWidget* m_indexMetadata = nullptr;
    QGroupBox* m_warningsBox = nullptr;
    QTreeWidget* m_warnings = nullptr;
};

}  // namespace lathe
