// SPDX-License-Identifier: MIT
#include "ui/SimulationCharts.h"

#include "ui/ChartStyle.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <array>

namespace headroom::ui {
namespace {

/// The percentiles charted, as members of a latency result.
constexpr std::array<std::optional<double> model::LatencyResult::*, 4> kPercentiles{&model::LatencyResult::p50, &model::LatencyResult::p95,
                                                                                    &model::LatencyResult::p99, &model::LatencyResult::p999};
constexpr std::array<const char*, 4> kPercentileLabels{"p50", "p95", "p99", "p99.9"};

/// Milliseconds, the unit latencies read best in on a chart.
double ms(double seconds) { return seconds * 1000.0; }

}  // namespace

SimulationCharts::SimulationCharts(QWidget* parent)
    : QTabWidget(parent), m_percentiles(chartView(this)), m_cdf(chartView(this)), m_overTime(chartView(this)), m_timeline(chartView(this)) {
    addTab(m_percentiles, tr("Percentiles"));
    addTab(m_cdf, tr("Distribution"));
    addTab(m_overTime, tr("Over time"));
    addTab(m_timeline, tr("Timeline"));
    clear();
}

void SimulationCharts::clear() {
    resetChart(m_percentiles, tr("Run a simulation to see its percentiles"));
    resetChart(m_cdf, QString());
    resetChart(m_overTime, QString());
    resetChart(m_timeline, QString());
}

void SimulationCharts::showResult(const model::RunResult& result) {
    clear();
    const auto& classes = result.classes;

    // Percentiles: a point per class and percentile, with a whisker for its 95 % interval.
    {
        QChart* chart = m_percentiles->chart();
        chart->setTitle(tr("Response time percentiles, ms (95 % confidence intervals)"));
        auto* x = new QValueAxis;
        x->setRange(-0.5, double(kPercentiles.size()) - 0.5);
        x->setTickCount(int(kPercentiles.size()));
        x->setLabelFormat("%.0f");
        auto* categories = new QBarCategoryAxis;
        for (const char* label : kPercentileLabels) categories->append(label);
        auto* y = new QValueAxis;
        y->setTitleText(tr("ms"));
        chart->addAxis(categories, Qt::AlignBottom);
        chart->addAxis(x, Qt::AlignTop);
        x->setVisible(false);
        chart->addAxis(y, Qt::AlignLeft);
        double highest = 0.0;
        int k = 0;
        const double spread = classes.size() > 1 ? 0.3 / double(classes.size() - 1) : 0.0;
        for (const auto& cls : classes) {
            auto* points = new QScatterSeries;
            points->setName(QString::fromStdString(cls.name));
            points->setMarkerSize(9);
            points->setColor(seriesColour(std::size_t(k)));
            points->setBorderColor(seriesColour(std::size_t(k)));
            chart->addSeries(points);
            points->attachAxis(x);
            points->attachAxis(y);
            const double offset = -0.15 + spread * k++;
            for (std::size_t i = 0; i < kPercentiles.size(); ++i) {
                const auto& value = cls.latency.*kPercentiles[i];
                if (!value) continue;
                const double at = double(i) + offset;
                points->append(at, ms(*value));
                highest = std::max(highest, ms(*value));
                const auto halfWidth = cls.ci95 ? (*cls.ci95).*kPercentiles[i] : std::nullopt;
                if (!halfWidth) continue;
                auto* whisker = new QLineSeries;
                whisker->setColor(points->color());
                whisker->append(at, ms(*value) - ms(*halfWidth));
                whisker->append(at, ms(*value) + ms(*halfWidth));
                highest = std::max(highest, ms(*value) + ms(*halfWidth));
                chart->addSeries(whisker);
                whisker->attachAxis(x);
                whisker->attachAxis(y);
                chart->legend()->markers(whisker).front()->setVisible(false);
            }
        }
        y->setRange(0.0, highest * 1.1 + 1e-9);
        y->applyNiceNumbers();  // round ticks: 0, 20, 40 ms, not 0, 17.3, 34.6
    }

    // The distribution: fraction answered within t, t on a logarithmic axis.
    {
        QChart* chart = m_cdf->chart();
        chart->setTitle(tr("Fraction of requests answered within t"));
        auto* x = new QLogValueAxis;
        x->setTitleText(tr("t, ms"));
        x->setLabelFormat("%g");
        auto* y = new QValueAxis;
        y->setRange(0.0, 1.0);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        double lowest = 1e300, highest = 0.0;
        for (std::size_t k = 0; k < classes.size(); ++k) {
            const auto& cls = classes[k];
            if (cls.cdf.empty()) continue;
            auto* line = new QLineSeries;
            line->setName(QString::fromStdString(cls.name));
            line->setPen(QPen(seriesColour(k), 2.0));
            for (const auto& [seconds, fraction] : cls.cdf) {
                const double t = std::max(ms(seconds), 1e-6);
                line->append(t, fraction);
                lowest = std::min(lowest, t);
                highest = std::max(highest, t);
            }
            chart->addSeries(line);
            line->attachAxis(x);
            line->attachAxis(y);
        }
        if (highest > 0.0) x->setRange(lowest * 0.8, highest * 1.25);
    }

    // Over time: each class's throughput, and each component's queue, per interval.
    {
        QChart* chart = m_overTime->chart();
        chart->setTitle(tr("Throughput (requests/s) and queue lengths over the run"));
        const model::TimeSeries series = result.timeSeries.value_or(model::TimeSeries{});
        auto* x = new QValueAxis;
        x->setTitleText(tr("simulated time, s"));
        auto* rates = new QValueAxis;
        rates->setTitleText(tr("requests/s"));
        auto* queues = new QValueAxis;
        queues->setTitleText(tr("waiting"));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(rates, Qt::AlignLeft);
        chart->addAxis(queues, Qt::AlignRight);
        double maxRate = 0.0, maxQueue = 0.0, end = 0.0;
        const auto& time = series.time;
        const double interval = series.interval;
        std::size_t colour = 0;
        for (const auto& line : series.classes) {
            auto* curve = new QLineSeries;
            curve->setName(QString::fromStdString(line.name));
            // The class's colour from the other charts (time series list the classes in order).
            curve->setPen(QPen(seriesColour(colour++), 2.0));
            for (std::size_t i = 0; i < time.size() && i < line.throughput.size(); ++i) {
                const double t = time[i] + interval / 2.0;
                curve->append(t, line.throughput[i]);
                maxRate = std::max(maxRate, line.throughput[i]);
                end = std::max(end, t + interval / 2.0);
            }
            chart->addSeries(curve);
            curve->attachAxis(x);
            curve->attachAxis(rates);
        }
        for (const auto& line : series.pools) {
            double peak = 0.0;
            for (const double v : line.queueLength) peak = std::max(peak, v);
            if (peak < 0.01) continue;  // a queue that never forms is not worth a line
            auto* curve = new QLineSeries;
            curve->setName(tr("%1 waiting").arg(QString::fromStdString(line.name)));
            curve->setPen(QPen(seriesColour(colour++), 1.5, Qt::DashLine));
            for (std::size_t i = 0; i < time.size() && i < line.queueLength.size(); ++i) curve->append(time[i] + interval / 2.0, line.queueLength[i]);
            maxQueue = std::max(maxQueue, peak);
            chart->addSeries(curve);
            curve->attachAxis(x);
            curve->attachAxis(queues);
        }
        x->setRange(0.0, std::max(end, 1e-9));
        rates->setRange(0.0, maxRate * 1.1 + 1e-9);
        queues->setRange(0.0, maxQueue * 1.1 + 1.0);
        for (QValueAxis* axis : {x, rates, queues}) axis->applyNiceNumbers();
        x->setLabelFormat("%g");
    }
    showTimeline(result);
    // A run with events or autoscalers is about what they did: its timeline comes first.
    if (!result.events.empty() || !result.autoscaling.empty()) setCurrentWidget(m_timeline);
}

void SimulationCharts::showTimeline(const model::RunResult& result) {
    QChart* chart = m_timeline->chart();
    const model::TimeSeries series = result.timeSeries.value_or(model::TimeSeries{});
    const bool changes = !series.classes.empty() && !series.classes.front().p99.empty();
    if (!changes) {
        chart->setTitle(tr("No faults or retries in this run: add an event (right-click a component) to see one unfold"));
        return;
    }
    chart->setTitle(tr("Goodput, failures and retries (requests/s), worst class p99 (ms) and instances in service, with the events"));
    auto* x = new QValueAxis;
    x->setTitleText(tr("simulated time, s"));
    auto* rates = new QValueAxis;
    rates->setTitleText(tr("requests/s"));
    auto* p99Axis = new QValueAxis;
    p99Axis->setTitleText(tr("p99, ms"));
    auto* instancesAxis = new QValueAxis;
    instancesAxis->setTitleText(tr("instances"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(rates, Qt::AlignLeft);
    chart->addAxis(p99Axis, Qt::AlignRight);
    chart->addAxis(instancesAxis, Qt::AlignRight);
    const auto& time = series.time;
    const double half = series.interval / 2.0;
    const double end = time.empty() ? 1.0 : time.back() + series.interval;
    // Sums over the classes per window; the worst class's p99.
    std::vector<double> goodput(time.size(), 0.0), failed(time.size(), 0.0), retries(time.size(), 0.0);
    std::vector<std::optional<double>> p99(time.size());
    for (const auto& line : series.classes)
        for (std::size_t i = 0; i < time.size(); ++i) {
            goodput[i] += line.throughput[i];
            failed[i] += line.errors[i] + line.timeouts[i] + line.rejected[i];
            retries[i] += line.retries[i];
            if (line.p99[i]) p99[i] = std::max(p99[i].value_or(0.0), ms(*line.p99[i]));
        }
    double maxRate = 0.0, maxP99 = 0.0, maxInstances = 0.0;
    // The events first, as bands behind the lines.
    const auto band = [&](double from, double to, const QString& name, QColor colour) {
        auto* top = new QLineSeries;
        top->append(from, 1.0);
        top->append(to, 1.0);
        auto* area = new QAreaSeries(top);
        area->setName(name);
        area->setColor(QColor(colour.red(), colour.green(), colour.blue(), 40));
        area->setBorderColor(QColor(colour.red(), colour.green(), colour.blue(), 90));
        chart->addSeries(area);
        return area;
    };
    std::vector<QAreaSeries*> bands;
    for (const auto& event : result.events)
        bands.push_back(band(event.at, event.until.value_or(end), QString::fromStdString(event.description), QColor(0xd5, 0x5e, 0x00)));
    // A pool whose fleet changes gets a colour of its own: its step line and its boot periods.
    const auto fleetColour = [&](const std::string& name) {
        static const std::array<QColor, 4> palette{QColor(0x25, 0x63, 0xeb), QColor(0x7c, 0x3a, 0xed), QColor(0x08, 0x91, 0xb2), QColor(0xdb, 0x27, 0x77)};
        std::size_t index = 0;
        for (const auto& pool : series.pools) {
            if (pool.name == name) break;
            index += !pool.booting.empty();
        }
        return palette[index % palette.size()];
    };
    // An autoscaled pool's boot periods: the windows in which launched instances were not yet
    // taking traffic (paid for, not serving), one legend entry per pool.
    for (const auto& pool : series.pools) {
        bool named = false;
        for (std::size_t i = 0; i < pool.booting.size() && i < time.size();) {
            if (pool.booting[i] < 0.05) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j + 1 < pool.booting.size() && j + 1 < time.size() && pool.booting[j + 1] >= 0.05) ++j;
            bands.push_back(band(time[i], time[j] + series.interval, tr("%1 booting").arg(QString::fromStdString(pool.name)), fleetColour(pool.name)));
            if (named) chart->legend()->markers(bands.back()).front()->setVisible(false);
            named = true;
            i = j + 1;
        }
    }
    const auto curve = [&](const std::vector<double>& values, const QString& name, QColor colour, Qt::PenStyle style, QValueAxis* axis, double& highest) {
        auto* line = new QLineSeries;
        line->setName(name);
        line->setPen(QPen(colour, 2.0, style));
        for (std::size_t i = 0; i < time.size() && i < values.size(); ++i) {
            line->append(time[i] + half, values[i]);
            highest = std::max(highest, values[i]);
        }
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(axis);
    };
    curve(goodput, tr("goodput"), seriesColour(2), Qt::SolidLine, rates, maxRate);
    curve(failed, tr("failed"), seriesColour(5), Qt::SolidLine, rates, maxRate);
    curve(retries, tr("retries"), seriesColour(3), Qt::DashLine, rates, maxRate);
    {
        auto* line = new QLineSeries;
        line->setName(tr("p99"));
        line->setPen(QPen(seriesColour(7), 1.5));
        for (std::size_t i = 0; i < time.size(); ++i)
            if (p99[i]) {
                line->append(time[i] + half, *p99[i]);
                maxP99 = std::max(maxP99, *p99[i]);
            }
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(p99Axis);
    }
    // Instances in service of each pool whose count changed; an autoscaled pool's as a step line
    // (its count changes at moments, and each window holds the count most of it ran at).
    for (const auto& pool : series.pools) {
        if (pool.healthy.empty() || std::all_of(pool.healthy.begin(), pool.healthy.end(), [&](double v) { return v == pool.healthy.front(); })) continue;
        const QString name = tr("%1 in service").arg(QString::fromStdString(pool.name));
        if (pool.booting.empty()) {
            curve(pool.healthy, name, seriesColour(4), Qt::DotLine, instancesAxis, maxInstances);
            continue;
        }
        auto* steps = new QLineSeries;
        steps->setName(name);
        steps->setPen(QPen(fleetColour(pool.name), 2.0));
        for (std::size_t i = 0; i < time.size() && i < pool.healthy.size(); ++i) {
            const double count = std::round(pool.healthy[i] * 10.0) / 10.0;
            steps->append(time[i], count);
            steps->append(time[i] + series.interval, count);
            maxInstances = std::max(maxInstances, count + pool.booting[i]);
        }
        chart->addSeries(steps);
        steps->attachAxis(x);
        steps->attachAxis(instancesAxis);
    }
    x->setRange(0.0, end);
    rates->setRange(0.0, maxRate * 1.1 + 1e-9);
    p99Axis->setRange(0.0, maxP99 * 1.1 + 1e-9);
    instancesAxis->setRange(0.0, std::max(1.0, maxInstances + 1.0));
    instancesAxis->setVisible(maxInstances > 0.0);  // no pool's count changed
    rates->setLabelFormat("%.0f");
    // The bands span the whole height: their own hidden axis from 0 to 1.
    auto* bandAxis = new QValueAxis;
    bandAxis->setRange(0.0, 1.0);
    bandAxis->setVisible(false);
    chart->addAxis(bandAxis, Qt::AlignLeft);
    for (QAreaSeries* area : bands) {
        area->attachAxis(x);
        area->attachAxis(bandAxis);
    }
    for (QValueAxis* axis : {x, rates, p99Axis, instancesAxis}) axis->applyNiceNumbers();
    x->setLabelFormat("%g");
}

std::vector<QColor> SimulationCharts::seriesColours(int chart) const {
    const QChartView* views[] = {m_percentiles, m_cdf, m_overTime, m_timeline};
    std::vector<QColor> colours;
    for (QAbstractSeries* series : views[chart]->chart()->series()) {
        if (auto* line = qobject_cast<QLineSeries*>(series); line && chart != 0) colours.push_back(line->pen().color());
        if (auto* points = qobject_cast<QScatterSeries*>(series)) colours.push_back(points->color());
    }
    return colours;
}

int SimulationCharts::seriesCount(int chart) const {
    const QChartView* views[] = {m_percentiles, m_cdf, m_overTime, m_timeline};
    return int(views[chart]->chart()->series().size());
}

}  // namespace headroom::ui
