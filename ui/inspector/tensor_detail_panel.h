// TensorDetailPanel: everything about the selected tensor: name, dtype, shape, size, where it
// lives in which shard, and its statistics and histogram once the engine has computed them
// (with progress and a Cancel button meanwhile). A selected group shows its totals instead.
#pragma once

#include "app/engine_values.h"

#include <QWidget>

#include <array>

class QCheckBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace lathe {

class HistogramPlot;

class TensorDetailPanel : public QWidget {
    Q_OBJECT

public:
    enum class StatField { Min, Max, Mean, Std, NaN, PosInf, NegInf, Zeros, Count };

    explicit TensorDetailPanel(QWidget* parent = nullptr);

    void clear();
    void showTensor(const CheckpointPtr& checkpoint, std::size_t tensorIndex);
    void showGroup(const QString& path, quint64 tensors, quint64 parameters, quint64 bytes, const QString& dtype,
                   const QString& shard);

    void setStatsRunning();
    void setStatsProgress(double fraction);
    void setStats(const TensorStats& stats);
    void setStatsFailed(const QString& message);
    void setStatsCancelled();

    void setLogScale(bool logScale);
    bool logScale() const;

    QString statText(StatField field) const;
    QString statusText() const;
    QString titleText() const;
    HistogramPlot* histogram() const { return m_histogram; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }

signals:
    void cancelRequested();
    void recomputeRequested();
    void logScaleChanged(bool logScale);

private:
    enum class Property { DType, Shape, Parameters, Bytes, Shard, Offsets, Count };

    void setProperty(Property property, const QString& text, const QString& toolTip = QString());
    void setStatsVisible(bool visible);
    void resetStats();

    QStackedWidget* m_stack = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    std::array<QLabel*, std::size_t(Property::Count)> m_propertyLabels{};
    std::array<QLabel*, std::size_t(Property::Count)> m_propertyValues{};
    QGroupBox* m_statsBox = nullptr;
    std::array<QLabel*, std::size_t(StatField::Count)> m_stats{};
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_recompute = nullptr;
    QGroupBox* m_histogramBox = nullptr;
    HistogramPlot* m_histogram = nullptr;
    QCheckBox* m_logScale = nullptr;
    quint64 m_elementCount = 0;
};

}  // namespace lathe
