// HistogramPlot: bars at bin centres, axes from the bin edges, palette-driven colours.
#include "ui/inspector/histogram_plot.h"

#include <cmath>

namespace lathe {

HistogramPlot::HistogramPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setMinimumHeight(180);
    setNoAntialiasingOnDrag(true);
    m_bars = new QCPBars(xAxis, yAxis);
    m_bars->setWidthType(QCPBars::wtPlotCoords);
    m_bars->setBaseValue(0.0);
    xAxis->setLabel(tr("Value"));
    yAxis->setLabel(tr("Count"));
    xAxis->setNumberFormat(QStringLiteral("gb"));
    yAxis->setNumberFormat(QStringLiteral("gb"));
    axisRect()->setupFullAxesBox(false);
    xAxis2->setVisible(false);
    yAxis2->setVisible(false);

    m_emptyText = new QCPItemText(this);
    m_emptyText->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyText->position->setCoords(0.5, 0.5);
    m_emptyText->setPositionAlignment(Qt::AlignCenter);
    m_emptyText->setText(tr("No histogram"));
    applyPalette();
    clearHistogram();
}

void HistogramPlot::setHistogram(const Histogram& histogram)
{
    const int bins = int(histogram.counts.size());
    QVector<double> keys(bins);
    QVector<double> values(bins);
    double width = bins > 0 ? (histogram.hi - histogram.lo) / bins : 1.0;
    if (!(width > 0.0) || !std::isfinite(width)) {
        // Every value equal (or a single element): one visible bar around it.
        width = std::max(std::abs(histogram.lo) * 0.02, 1e-6);
    }
    m_maxCount = 0.0;
    for (int i = 0; i < bins; ++i) {
        keys[i] = histogram.lo + (i + 0.5) * width;
        values[i] = double(histogram.counts[std::size_t(i)]);
        m_maxCount = std::max(m_maxCount, values[i]);
    }
    m_bars->setWidth(width);
    m_bars->setData(keys, values, true);
    m_hasData = bins > 0 && m_maxCount > 0.0;
    m_emptyText->setVisible(!m_hasData);
    m_emptyText->setText(tr("No finite values"));
    if (m_hasData) {
        const double lo = histogram.lo;
        const double hi = histogram.hi > histogram.lo ? histogram.hi : histogram.lo + width;
        const double margin = (hi - lo) * 0.02;
        xAxis->setRange(lo - margin - (histogram.hi > histogram.lo ? 0.0 : width), hi + margin);
    }
    rescale();
    replot();
}

void HistogramPlot::clearHistogram()
{
    m_bars->data()->clear();
    m_hasData = false;
    m_maxCount = 0.0;
    m_emptyText->setText(tr("No histogram"));
    m_emptyText->setVisible(true);
    xAxis->setRange(0.0, 1.0);
    rescale();
    replot();
}

void HistogramPlot::setLogScale(bool logScale)
{
    if (m_logScale == logScale) {
        return;
    }
    m_logScale = logScale;
    rescale();
    replot();
}

void HistogramPlot::rescale()
{
    if (m_logScale) {
        yAxis->setScaleType(QCPAxis::stLogarithmic);
        yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        yAxis->setNumberFormat(QStringLiteral("eb"));
        yAxis->setNumberPrecision(0);
        // Counts are integers: one sits on the axis floor, empty bins drop below it.
        yAxis->setRange(0.7, std::max(10.0, m_maxCount * 2.0));
    } else {
        yAxis->setScaleType(QCPAxis::stLinear);
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        yAxis->setNumberFormat(QStringLiteral("gb"));
        yAxis->setNumberPrecision(3);
        yAxis->setRange(0.0, std::max(1.0, m_maxCount * 1.08));
    }
}

void HistogramPlot::changeEvent(QEvent* event)
{
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        applyPalette();
        replot();
    }
}

void HistogramPlot::applyPalette()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.12f);
    QColor subGrid = text;
    subGrid.setAlphaF(0.05f);
    setBackground(pal.brush(QPalette::Base));
    axisRect()->setBackground(pal.brush(QPalette::Base));
    for (QCPAxis* axis : {xAxis, yAxis, xAxis2, yAxis2}) {
        axis->setBasePen(QPen(text, 1));
        axis->setTickPen(QPen(text, 1));
        axis->setSubTickPen(QPen(text, 1));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::SolidLine));
        axis->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(QPen(grid, 1));
        axis->setTickLabelFont(font());
        axis->setLabelFont(font());
    }
    const QColor accent = pal.color(QPalette::Highlight);
    QColor fill = accent;
    fill.setAlphaF(0.75f);
    m_bars->setPen(QPen(accent.darker(115), 1));
    m_bars->setBrush(fill);
    QColor muted = text;
    muted.setAlphaF(0.55f);
    m_emptyText->setColor(muted);
    m_emptyText->setFont(font());
}

}  // namespace lathe
