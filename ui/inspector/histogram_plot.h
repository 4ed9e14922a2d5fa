// HistogramPlot: a tensor's value histogram as bars (QCustomPlot), with a linear or
// logarithmic count axis. Colours come from the widget's palette and follow theme changes,
// so the plot reads the same in light and dark mode.
#pragma once

#include "inspect/tensor_stats.h"

#include <qcustomplot.h>

namespace lathe {

class HistogramPlot : public QCustomPlot {
    Q_OBJECT

public:
    explicit HistogramPlot(QWidget* parent = nullptr);

    void setHistogram(const Histogram& histogram);
    void clearHistogram();
    bool hasHistogram() const { return m_hasData; }

    void setLogScale(bool logScale);
    bool logScale() const { return m_logScale; }

    QCPBars* bars() const { return m_bars; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void rescale();

    QCPBars* m_bars = nullptr;
    QCPItemText* m_emptyText = nullptr;
    bool m_logScale = false;
    bool m_hasData = false;
    double m_maxCount = 0.0;
};

}  // namespace lathe
