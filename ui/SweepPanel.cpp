// SPDX-License-Identifier: MIT
#include "ui/SweepPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <thread>

#include "analytic/ScenarioAnalysis.h"
#include "model/ResultDiff.h"
#include "model/ScenarioWriter.h"
#include "model/UnitFormat.h"
#include "ui/ChartStyle.h"
#include "ui/LiveAnalysis.h"
#include "ui/ScenarioDocument.h"
#include "ui/SimulationRunner.h"

namespace headroom::ui {
namespace {

using Kind = model::SweepAxis::Kind;

/// The points a sweep starts with where the field is not a count.
constexpr int kDefaultPoints = 25;

/// Keys of a component that a sweep offers, in this order, where the component has them.
constexpr const char* kSweptKeys[] = {"rate", "instances", "cores", "workers", "service_time", "timeout", "hit_ratio"};

QString text(const std::string& s) { return QString::fromStdString(s); }

/// A value as the file would spell it, to three significant digits.
QString spelled(Kind kind, double value) {
    if (value != 0.0 && kind != Kind::Count) {
        const double magnitude = std::pow(10.0, std::floor(std::log10(std::abs(value))) - 2.0);
        value = std::round(value / magnitude) * magnitude;
    }
    model::SweepAxis axis;
    axis.kind = kind;
    return text(model::valueText(axis, kind == Kind::Count ? std::round(value) : value));
}

/// A value as people read it: "3.21 K/s", "4 ms", "12".
QString shown(const model::SweepAxis& axis, double value) {
    switch (axis.kind) {
        case Kind::Rate: return text(model::formatRate(model::PerSecond{value}));
        case Kind::Duration: return text(model::formatDuration(model::Seconds{value}));
        case Kind::Size: return text(model::formatSize(model::Bytes{value}));
        case Kind::Count:
        case Kind::Number: return text(model::formatNumber(value, 3));
    }
    return {};
}

/// The x value as charted: durations in milliseconds, sizes in megabytes, the rest as they are.
double charted(Kind kind, double value) { return kind == Kind::Duration ? value * 1e3 : kind == Kind::Size ? value / 1e6 : value; }

QString axisTitle(const model::SweepAxis& axis) {
    const QString unit = axis.kind == Kind::Duration ? " (ms)" : axis.kind == Kind::Size ? " (MB)" : axis.kind == Kind::Rate ? " (per second)" : "";
    return text(axis.name) + unit;
}

double totalClientRate(const model::Scenario& scenario) {
    double total = 0.0;
    for (const auto& component : scenario.components)
        if (component.kind == model::ComponentKind::Client && component.rate) total += component.rate->value;
    return total;
}

}  // namespace

SweepPanel::SweepPanel(ScenarioDocument& document, LiveAnalysis& analysis, QWidget* parent)
    : QWidget(parent), m_document(document), m_analysis(analysis), m_runner(new SimulationRunner(this)), m_field(new QComboBox(this)),
      m_from(new QLineEdit(this)), m_to(new QLineEdit(this)), m_count(new QSpinBox(this)), m_log(new QCheckBox(tr("log"), this)),
      m_figure(new QComboBox(this)), m_chart(chartView(this)), m_summary(new QLabel(this)), m_simulateCount(new QSpinBox(this)),
      m_simulate(new QPushButton(tr("Simulate"), this)), m_cancel(new QPushButton(tr("Cancel"), this)), m_status(new QLabel(this)) {
    m_field->setObjectName("field");
    m_from->setObjectName("from");
    m_to->setObjectName("to");
    m_count->setRange(2, 200);
    m_count->setValue(kDefaultPoints);
    m_count->setSuffix(tr(" points"));
    m_log->setToolTip(tr("Points in equal ratios rather than equal steps"));
    m_figure->addItem(tr("p99 per class"), int(Figure::P99));
    m_figure->addItem(tr("throughput per class"), int(Figure::Throughput));
    m_figure->addItem(tr("cost per month"), int(Figure::Cost));
    m_figure->addItem(tr("bottleneck utilization"), int(Figure::Utilization));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_simulateCount->setRange(1, 20);
    m_simulateCount->setValue(5);
    m_simulateCount->setSuffix(tr(" points"));
    m_cancel->setEnabled(false);
    m_status->setWordWrap(true);
    m_status->setObjectName("status");
    m_chart->setMinimumHeight(300);

    auto* column = new QVBoxLayout(this);
    auto* vary = new QHBoxLayout;
    vary->addWidget(new QLabel(tr("Vary"), this));
    vary->addWidget(m_field, 1);
    column->addLayout(vary);
    auto* range = new QHBoxLayout;
    range->addWidget(new QLabel(tr("from"), this));
    range->addWidget(m_from);
    range->addWidget(new QLabel(tr("to"), this));
    range->addWidget(m_to);
    range->addWidget(m_count);
    range->addWidget(m_log);
    column->addLayout(range);
    auto* show = new QHBoxLayout;
    show->addWidget(new QLabel(tr("Show"), this));
    show->addWidget(m_figure, 1);
    column->addLayout(show);
    column->addWidget(m_chart, 1);
    column->addWidget(m_summary);
    auto* simulate = new QHBoxLayout;
    simulate->addWidget(m_simulate);
    simulate->addWidget(m_simulateCount);
    simulate->addWidget(m_cancel);
    simulate->addStretch(1);
    column->addLayout(simulate);
    column->addWidget(m_status);

    connect(m_field, &QComboBox::activated, this, &SweepPanel::fieldChosen);
    for (QLineEdit* edit : {m_from, m_to}) connect(edit, &QLineEdit::editingFinished, this, &SweepPanel::rangeEdited);
    connect(m_count, &QSpinBox::valueChanged, this, &SweepPanel::rangeEdited);
    connect(m_log, &QCheckBox::toggled, this, &SweepPanel::rangeEdited);
    connect(m_figure, &QComboBox::activated, this, &SweepPanel::draw);
    connect(m_simulate, &QPushButton::clicked, this, [this] { simulatePoints(m_simulateCount->value()); });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_queue.clear();
        m_runner->cancel();
    });
    // Every edit, once the live analysis has it: the curve again, while the panel shows.
    connect(&m_analysis, &LiveAnalysis::updated, this, [this] {
        m_stale = true;
        if (!m_onScreen) return;
        fillFields();
        sweep();
    });
    connect(m_runner, &SimulationRunner::finished, this, [this](const model::RunResult& result) {
        if (m_running && *m_running < m_simulated.size()) m_simulated[*m_running] = result;
        m_running.reset();
        draw();
    });
    // The next point once the worker of this one is gone.
    connect(m_runner, &SimulationRunner::ended, this, [this] {
        if (!m_running) nextSimulation();
    });
    // A run that fails or is cancelled stops the rest; `ended` (or a start that failed) then
    // finishes the batch.
    const auto stopped = [this](const QString& why) {
        m_running.reset();
        m_queue.clear();
        m_stopped = true;
        m_status->setText(tr("The simulations stopped: %1").arg(why.toHtmlEscaped()));
    };
    connect(m_runner, &SimulationRunner::failed, this, stopped);
    connect(m_runner, &SimulationRunner::cancelled, this, [stopped] { stopped(QObject::tr("cancelled")); });
}

void SweepPanel::setOnScreen(bool onScreen) {
    m_onScreen = onScreen;
    if (!onScreen || !m_stale) return;
    fillFields();
    sweep();
}

void SweepPanel::fillFields() {
    const QString current = m_field->currentData().toString();
    m_field->clear();
    const model::Scenario& scenario = m_document.scenario();
    if (totalClientRate(scenario) > 0.0) m_field->addItem(tr("rate (every client, in proportion)"), "rate");
    for (const auto& component : scenario.components) {
        const model::Json json = model::toJson(component);
        for (const char* key : kSweptKeys) {
            const bool offered = json.contains(key) || (std::string_view(key) == "instances" && component.kind != model::ComponentKind::Client);
            if (!offered || (component.kind == model::ComponentKind::Client && std::string_view(key) != "rate")) continue;
            m_field->addItem(text(component.id) + " · " + QString(key).replace('_', ' '), text("components[" + component.id + "]." + key));
        }
    }
    const int keep = m_field->findData(current);
    m_field->setCurrentIndex(keep >= 0 ? keep : 0);
    if (keep < 0 && m_field->count() > 0) fieldChosen();
}

void SweepPanel::fieldChosen() {
    const std::string path = m_field->currentData().toString().toStdString();
    const model::Scenario& scenario = m_document.scenario();
    if (path.empty()) return;
    QSignalBlocker blockFrom(m_from), blockTo(m_to), blockCount(m_count), blockLog(m_log);
    m_log->setChecked(false);
    if (path == "rate") {
        // From a tenth of today's load to where the bottleneck is 90 % busy: the hockey stick,
        // its blade still on the chart (beyond, p99 grows as 1/(1 − ρ) and flattens the rest).
        // (Solved here: the live analysis may not have caught up with a file just opened.)
        const double total = totalClientRate(scenario);
        const model::Compiled compiled = model::compilePlan(scenario);
        const auto headroom = compiled.plan ? analytic::analyze(scenario, *compiled.plan).loadHeadroom : std::nullopt;
        const double reach = headroom && *headroom > 0.0 ? std::min(*headroom * 0.9, 10.0) : 2.0;
        m_from->setText(spelled(Kind::Rate, total * 0.1));
        m_to->setText(spelled(Kind::Rate, total * reach));
        m_count->setValue(kDefaultPoints);
    } else {
        const std::size_t open = path.find('['), close = path.find("].");
        const std::string id = path.substr(open + 1, close - open - 1), key = path.substr(close + 2);
        const model::Component* component = m_document.component(id);
        const model::Json json = component ? model::toJson(*component) : model::Json::object();
        const model::Json value = json.value(key, model::Json(1));
        if (value.is_number()) {
            const double now = value.get<double>();
            const bool whole = now == std::round(now) && key != "hit_ratio";
            m_from->setText(whole ? QString::number(std::max(1.0, std::floor(now / 4.0))) : QString::number(now / 2.0));
            m_to->setText(whole ? QString::number(std::max(now * 2.0, now + 4.0)) : QString::number(std::min(1.0, now * 1.1)));
            m_count->setValue(whole ? int(std::min(101.0, std::max(now * 2.0, now + 4.0) - std::max(1.0, std::floor(now / 4.0)) + 1.0)) : kDefaultPoints);
        } else {
            const std::string spelledNow = value.is_string() ? value.get<std::string>() : "";
            const auto rate = model::parseRate(spelledNow);
            const auto duration = model::parseDuration(spelledNow);
            const Kind kind = rate ? Kind::Rate : Kind::Duration;
            const double now = rate ? rate->value : duration ? duration->value : 0.0;
            m_from->setText(spelled(kind, now / 4.0));
            m_to->setText(spelled(kind, now * 2.0));
            m_count->setValue(kDefaultPoints);
        }
    }
    sweep();
}

void SweepPanel::rangeEdited() { sweep(); }

std::string SweepPanel::spec() const {
    return m_field->currentData().toString().toStdString() + "=" + m_from->text().trimmed().toStdString() + ".." + m_to->text().trimmed().toStdString() + ":" +
           std::to_string(m_count->value()) + (m_log->isChecked() ? ":log" : "");
}

bool SweepPanel::setVary(const QString& vary) {
    const int equals = vary.indexOf('=');
    const int dots = vary.indexOf("..");
    if (equals < 0 || dots < equals) return false;
    fillFields();
    const int field = m_field->findData(vary.left(equals));
    if (field < 0) return false;
    QSignalBlocker blockFrom(m_from), blockTo(m_to), blockCount(m_count), blockLog(m_log);
    m_field->setCurrentIndex(field);
    const QStringList rest = vary.mid(dots + 2).split(':');
    m_from->setText(vary.mid(equals + 1, dots - equals - 1));
    m_to->setText(rest.value(0));
    if (rest.size() > 1) m_count->setValue(rest[1].toInt());
    m_log->setChecked(rest.size() > 2 && rest[2] == "log");
    sweep();
    return m_axis.has_value();
}

void SweepPanel::setFigure(Figure figure) {
    m_figure->setCurrentIndex(m_figure->findData(int(figure)));
    draw();
}

void SweepPanel::sweep() {
    m_stale = false;
    m_queue.clear();
    if (m_running) m_runner->cancel();
    m_analytic.clear();
    m_simulated.clear();
    m_knee.reset();
    m_axis.reset();
    const model::Scenario& scenario = m_document.scenario();
    if (m_field->count() == 0 || !m_analysis.result()) {
        m_summary->setText(m_field->count() == 0 ? tr("Draw a client and what it calls to sweep a field.")
                                                 : tr("<span style='color:#b91c1c'>The scenario has problems; the Analysis panel lists them.</span>"));
        draw();
        emit swept();
        return;
    }
    auto axis = model::parseSweepAxis(spec(), scenario);
    if (!axis) {
        m_summary->setText("<span style='color:#b91c1c'>" + text(axis.error()).toHtmlEscaped() + "</span>");
        draw();
        emit swept();
        return;
    }
    m_axis = std::move(*axis);
    // The points are independent solves: spread over the cores (the engine keeps no state).
    const std::size_t points = m_axis->values.size();
    m_analytic.assign(points, std::nullopt);
    const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, points);
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < workers; ++w)
        threads.emplace_back([&, w] {
            for (std::size_t i = w; i < points; i += workers)
                if (const auto point = model::plannedScenarioAt(scenario, {*m_axis}, {i})) m_analytic[i] = analytic::analyze(point->scenario, point->plan);
        });
    for (auto& thread : threads) thread.join();
    m_simulated.assign(m_analytic.size(), std::nullopt);
    // The knee of the first class's p99, over the points that have one.
    std::vector<double> x, y;
    std::vector<std::size_t> which;
    for (std::size_t i = 0; i < m_analytic.size(); ++i)
        if (m_analytic[i] && !m_analytic[i]->classes.empty() && m_analytic[i]->classes.front().latency.p99) {
            x.push_back(m_axis->values[i]);
            y.push_back(*m_analytic[i]->classes.front().latency.p99);
            which.push_back(i);
        }
    if (const auto knee = model::kneeOf(x, y)) m_knee = which[*knee];
    m_summary->setText(summary());
    draw();
    emit swept();
}

std::optional<double> SweepPanel::figureOf(const model::RunResult& result, std::size_t classIndex) const {
    switch (Figure(m_figure->currentData().toInt())) {
        case Figure::P99:
            return classIndex < result.classes.size() && result.classes[classIndex].latency.p99 ? std::optional(*result.classes[classIndex].latency.p99 * 1e3)
                                                                                                : std::nullopt;
        case Figure::Throughput: return classIndex < result.classes.size() ? std::optional(result.classes[classIndex].throughput) : std::nullopt;
        case Figure::Cost: return model::monthlyCost(result);
        case Figure::Utilization:
            if (const auto busy = model::bottleneckUtilization(result)) return *busy * 100.0;
            return std::nullopt;
    }
    return std::nullopt;
}

void SweepPanel::draw() {
    const Figure figure = Figure(m_figure->currentData().toInt());
    static const char* kTitles[] = {"p99 (ms)", "throughput (per second)", "cost per month (USD)", "bottleneck utilization (%)"};
    resetChart(m_chart, m_axis ? tr("%1 against %2").arg(QString(kTitles[int(figure)]).section(' ', 0, 0), text(m_axis->name)) : QString());
    if (!m_axis || m_analytic.empty()) return;
    QChart* chart = m_chart->chart();
    QAbstractAxis* x = nullptr;
    if (m_axis->logarithmic) {
        auto* logAxis = new QLogValueAxis;
        logAxis->setLabelFormat("%g");
        x = logAxis;
    } else {
        x = new QValueAxis;
    }
    x->setTitleText(axisTitle(*m_axis));
    auto* y = new QValueAxis;
    y->setTitleText(tr(kTitles[int(figure)]));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    const bool perClass = figure == Figure::P99 || figure == Figure::Throughput;
    std::size_t classes = 1;
    for (const auto& point : m_analytic)
        if (point) classes = std::max(classes, perClass ? point->classes.size() : std::size_t(1));
    double top = 0.0;
    const auto attach = [&](QAbstractSeries* series) {
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
    };
    const auto xAt = [&](std::size_t i) { return charted(m_axis->kind, m_axis->values[i]); };
    for (std::size_t k = 0; k < classes; ++k) {
        auto* line = new QLineSeries;
        std::string name = perClass ? "" : kTitles[int(figure)];
        for (const auto& point : m_analytic)
            if (point && perClass && k < point->classes.size()) name = point->classes[k].name;
        line->setName(text(name) + tr(" (analytic)"));
        line->setPen(QPen(seriesColour(k), 2.0));
        for (std::size_t i = 0; i < m_analytic.size(); ++i)
            if (m_analytic[i])
                if (const auto value = figureOf(*m_analytic[i], k)) {
                    line->append(xAt(i), *value);
                    top = std::max(top, *value);
                }
        attach(line);
        // Simulated points: a dot each, and a whisker for its 95 % interval where the figure has one.
        auto* dots = new QScatterSeries;
        dots->setName(text(name) + tr(" (simulated ± 95 %)"));
        dots->setColor(seriesColour(k));
        dots->setMarkerSize(9.0);
        for (std::size_t i = 0; i < m_simulated.size(); ++i) {
            if (!m_simulated[i]) continue;
            const auto value = figureOf(*m_simulated[i], k);
            if (!value) continue;
            dots->append(xAt(i), *value);
            top = std::max(top, *value);
            if (figure != Figure::P99 || k >= m_simulated[i]->classes.size()) continue;
            const auto half = model::percentileHalfWidth(m_simulated[i]->classes[k], 99.0);
            if (!half || *half <= 0.0) continue;
            auto* whisker = new QLineSeries;
            whisker->setPen(QPen(seriesColour(k), 1.5));
            whisker->append(xAt(i), *value - *half * 1e3);
            whisker->append(xAt(i), *value + *half * 1e3);
            top = std::max(top, *value + *half * 1e3);
            attach(whisker);
            chart->legend()->markers(whisker).front()->setVisible(false);
        }
        if (dots->count() > 0) attach(dots);
        else delete dots;
    }
    const double left = xAt(0), right = xAt(m_axis->values.size() - 1);
    if (figure == Figure::P99) {
        for (const auto& slo : m_document.scenario().slos) {
            if (slo.isAvailability() || slo.percentile != 99.0) continue;
            auto* target = new QLineSeries;
            target->setName(tr("SLO %1 ≤ %2").arg(text(slo.requestClass), text(model::formatDuration(slo.latency))));
            target->setPen(QPen(QColor(0xb9, 0x1c, 0x1c), 1.5, Qt::DashLine));
            target->append(std::min(left, right), slo.latency.value * 1e3);
            target->append(std::max(left, right), slo.latency.value * 1e3);
            top = std::max(top, slo.latency.value * 1e3);
            attach(target);
        }
        if (m_knee) {
            auto* knee = new QLineSeries;
            knee->setName(tr("knee at %1").arg(shown(*m_axis, m_axis->values[*m_knee])));
            knee->setPen(QPen(QColor(0x6b, 0x4f, 0xbb), 1.5, Qt::DotLine));
            knee->append(xAt(*m_knee), 0.0);
            knee->append(xAt(*m_knee), top > 0.0 ? top * 1.05 : 1.0);
            attach(knee);
        }
    }
    y->setRange(0.0, top > 0.0 ? top * 1.08 : 1.0);
    y->applyNiceNumbers();
    if (auto* linear = qobject_cast<QValueAxis*>(x)) {
        linear->setRange(std::min(left, right), std::max(left, right));
        linear->applyNiceNumbers();
    }
}

QString SweepPanel::summary() const {
    if (!m_axis) return {};
    QStringList parts;
    if (m_knee) parts << tr("Knee of the p99 at <b>%1 = %2</b>.").arg(text(m_axis->name).toHtmlEscaped(), shown(*m_axis, m_axis->values[*m_knee]));
    std::optional<std::size_t> firstMet, lastMet;
    std::size_t met = 0, saturated = 0;
    for (std::size_t i = 0; i < m_analytic.size(); ++i) {
        if (!m_analytic[i]) continue;
        saturated += !m_analytic[i]->stable;
        if (model::everySloMet(*m_analytic[i]) && m_analytic[i]->stable) {
            ++met;
            if (!firstMet) firstMet = i;
            lastMet = i;
        }
    }
    if (!m_document.scenario().slos.empty()) {
        if (met == 0) parts << tr("<span style='color:#b91c1c'>No point meets every SLO.</span>");
        else if (met == m_analytic.size()) parts << tr("Every SLO holds at every point.");
        else
            parts << tr("Every SLO holds at %1 of %2 points, from %3 to %4.")
                         .arg(met)
                         .arg(m_analytic.size())
                         .arg(shown(*m_axis, m_axis->values[*firstMet]), shown(*m_axis, m_axis->values[*lastMet]));
    }
    if (saturated) parts << (saturated == 1 ? tr("1 point saturates.") : tr("%1 points saturate.").arg(saturated));
    return parts.join(' ');
}

void SweepPanel::simulatePoints(int count) {
    if (!m_axis) return;
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < m_analytic.size(); ++i)
        if (m_analytic[i] && m_analytic[i]->stable) candidates.push_back(i);
    m_queue.clear();
    const std::size_t n = std::min(candidates.size(), std::size_t(std::max(count, 1)));
    for (std::size_t j = 0; j < n; ++j) {
        const std::size_t at = n == 1 ? candidates.size() - 1 : j * (candidates.size() - 1) / (n - 1);
        if (m_queue.empty() || m_queue.back() != candidates[at]) m_queue.push_back(candidates[at]);
    }
    m_simulate->setEnabled(false);
    m_cancel->setEnabled(true);
    m_stopped = false;
    nextSimulation();
}

void SweepPanel::nextSimulation() {
    if (m_queue.empty() || !m_axis) {
        if (!m_running) {
            m_simulate->setEnabled(true);
            m_cancel->setEnabled(false);
            std::size_t done = 0;
            for (const auto& point : m_simulated) done += point.has_value();
            if (!m_stopped) m_status->setText(tr("%1 points simulated, each with the file's run settings and seed.").arg(done));
            emit simulationsDone();
        }
        return;
    }
    const std::size_t index = m_queue.front();
    m_queue.erase(m_queue.begin());
    const auto point = model::plannedScenarioAt(m_document.scenario(), {*m_axis}, {index});
    if (!point) return nextSimulation();
    m_running = index;
    m_status->setText(tr("Simulating %1 = %2 (%3 more to go)…")
                          .arg(text(m_axis->name), shown(*m_axis, m_axis->values[index]))
                          .arg(m_queue.size()));
    if (!m_runner->start(point->scenario)) {
        m_running.reset();
        nextSimulation();  // it said why (failed); nothing more will come from the runner
    }
}

}  // namespace headroom::ui
