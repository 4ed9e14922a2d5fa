// HistogramPlot: bars at bin centres, axes from the bin edges, palette-driven colours.
#include "ui/inspector/histogram_plot.h"

#include <QLocale>

#include <cmath>

namespace lathe {
namespace {

// Count axis labels as people say them: "0", "500", "2.5 K", "60 K", "1.2 M".
class CountTicker : public QCPAxisTicker {
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override
    {
        Q_UNUSED(formatChar);
        Q_UNUSED(precision);
        struct Scale {
            double factor;
            const char* suffix;
        };
        static constexpr Scale kScales[] = {{1e12, " T"}, {1e9, " G"}, {1e6, " M"}, {1e3, " K"}};
        const double magnitude = std::abs(tick);
        for (const Scale& scale : kScales) {
            if (magnitude >= scale.factor) {
                return locale.toString(tick / scale.factor, 'g', 3) + QLatin1String(scale.suffix);
            }
        }
        return locale.toString(tick, 'g', 4);
    }
};

}  // namespace

HistogramPlot::HistogramPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setMinimumHeight(180);
    setNoAntialiasingOnDrag(true);
    // The C locale writes exponents as "e", which QCustomPlot turns into powers of ten.
    setLocale(QLocale::c());
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
    std::uint64_t total = 0;
    int occupied = 0;
    for (std::uint64_t count : histogram.counts) {
        total += count;
        occupied += count > 0 ? 1 : 0;
    }
    QVector<double> keys;
    QVector<double> values;
    m_maxCount = 0.0;
    if (bins > 0 && occupied == 1 && histogram.counts.front() == total) {
        // Every value equal (the engine widens such a range to [v, v + 1]): one bar, centred
        // on the value, rather than a sliver at the left edge of an empty axis.
        const double value = histogram.lo;
        const double width = std::max(std::abs(value) * 0.05, 0.05);
        keys = {value};
        values = {double(total)};
        m_maxCount = double(total);
        m_bars->setWidth(width);
        xAxis->setRange(value - 6.0 * width, value + 6.0 * width);
    } else if (bins > 0) {
        const double width = (histogram.hi - histogram.lo) / bins;
        keys.resize(bins);
        values.resize(bins);
        for (int i = 0; i < bins; ++i) {
            keys[i] = histogram.lo + (i + 0.5) * width;
            values[i] = double(histogram.counts[std::size_t(i)]);
            m_maxCount = std::max(m_maxCount, values[i]);
        }
        m_bars->setWidth(width);
        const double margin = (histogram.hi - histogram.lo) * 0.02;
        xAxis->setRange(histogram.lo - margin, histogram.hi + margin);
    }
    m_bars->setData(keys, values, true);
    m_hasData = m_maxCount > 0.0;
    m_emptyText->setText(tr("No finite values"));
    m_emptyText->setVisible(!m_hasData);
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
        yAxis->setTicker(QSharedPointer<CountTicker>::create());
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
