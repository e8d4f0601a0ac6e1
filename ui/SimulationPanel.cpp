// SPDX-License-Identifier: MIT
#include "ui/SimulationPanel.h"

#include <QSignalBlocker>

#include <QSlider>

#include "model/EventSummary.h"
#include "model/Precision.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

#include "model/UnitFormat.h"
#include "ui/SimulationCharts.h"
#include "ui/SimulationRunner.h"

namespace headroom::ui {

using cells::duration;
using cells::percent;
using cells::rate;
using cells::text;
using cells::withInterval;

namespace {

QString clock(double seconds) {
    const int s = int(std::lround(seconds));
    return s >= 60 ? QString("%1 min %2 s").arg(s / 60).arg(s % 60) : QString("%1 s").arg(s);
}

}  // namespace

SimulationPanel::SimulationPanel(SimulationRunner& runner, QWidget* parent)
    : QWidget(parent),
      m_runner(runner),
      m_run(new QPushButton(tr("Run simulation"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)),
      m_status(new QLabel(tr("Simulate the scenario for percentiles with confidence intervals, rejections and timeouts."), this)),
      m_classes(new ResultTable({tr("class"), tr("throughput"), tr("failed"), tr("mean"), tr("p50"), tr("p99"), tr("p99.9")}, this)),
      m_components(new ResultTable({tr("component"), tr("arrivals"), tr("CPU"), tr("waiting"), tr("response p99")}, this)),
      m_charts(new SimulationCharts(this)),
      m_scrubber(new QSlider(Qt::Horizontal, this)),
      m_moment(new QLabel(this)) {
    m_status->setWordWrap(true);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_classes, 1);
    layout->addWidget(m_charts, 3);
    // The time scrubber: the canvas shows the run as it was at that moment while it is held.
    auto* scrub = new QHBoxLayout;
    scrub->addWidget(m_moment);
    scrub->addWidget(m_scrubber, 1);
    layout->addLayout(scrub);
    m_scrubber->setToolTip(tr("Drag to see the run on the canvas as it was at that moment: load and instances in service. Let go to go back to the analysis."));
    m_scrubber->setVisible(false);
    m_moment->setVisible(false);
    connect(m_scrubber, &QSlider::valueChanged, this, [this](int window) {
        if (!m_result || !m_result->timeSeries) return;
        const double time = m_result->timeSeries->interval * (window + 0.5);
        m_moment->setText(tr("At %1 s").arg(time, 0, 'g', 4));
        emit momentChosen(time);
    });
    connect(m_scrubber, &QSlider::sliderReleased, this, [this] {
        m_moment->setText(tr("Scrub the run:"));
        emit momentChosen(std::nullopt);
    });
    layout->addWidget(m_components, 1);
    running(false);
    connect(m_run, &QPushButton::clicked, this, &SimulationPanel::runRequested);
    connect(m_cancel, &QPushButton::clicked, &m_runner, &SimulationRunner::cancel);
    connect(&m_runner, &SimulationRunner::progressed, this, [this](double fraction, double, double eta, quint64 requests) {
        running(true);
        m_progress->setValue(int(fraction * 1000.0));
        showProgressText();
        m_status->setText(eta >= 0.0 ? tr("%L1 requests simulated; about %2 left").arg(requests).arg(clock(eta))
                                     : tr("%L1 requests simulated").arg(requests));
    });
    connect(&m_runner, &SimulationRunner::progressNoted, this, [this](const QString& note) {
        m_progressNote = note;
        showProgressText();
    });
    connect(&m_runner, &SimulationRunner::finished, this, [this](const model::RunResult& result) {
        running(false);
        showResult(result);
    });
    // A failed or refused run leaves no numbers behind: the last run's would read as this one's.
    connect(&m_runner, &SimulationRunner::failed, this, [this](const QString& message) {
        running(false);
        clearResult();
        m_status->setText(tr("<b style='color:#b91c1c'>The simulation failed.</b> ") + message.toHtmlEscaped().replace('\n', "<br>"));
    });
    connect(&m_runner, &SimulationRunner::refusedAsTooLong, this, [this] {
        running(false);
        clearResult();
        m_status->setText(tr("Not run: it would take hours of computing."));
    });
    connect(&m_runner, &SimulationRunner::cancelled, this, [this] {
        running(false);
        m_status->setText(tr("Cancelled."));
    });
}

void SimulationPanel::showProgressText() {
    const QString percent = QString("%1%").arg(m_progress->value() / 10);
    m_progress->setFormat(m_progressNote.isEmpty() ? percent : percent + " · " + m_progressNote);
}

void SimulationPanel::running(bool on) {
    m_run->setEnabled(!on);
    m_cancel->setEnabled(on);
    if (on && !m_progress->isVisible()) m_progress->setValue(0);
    m_progress->setVisible(on);
}

void SimulationPanel::showResult(const model::RunResult& result) {
    const model::RunInfo run = result.run.value_or(model::RunInfo{});
    QString status = tr("%L1 requests in %2 replication(s).").arg(run.requests).arg(run.replications);
    const auto missed = std::count_if(result.slo.begin(), result.slo.end(), [](const model::SloOutcome& slo) { return slo.met == false; });
    if (!result.stable)
        status = tr("<b style='color:#b91c1c'>Overloaded:</b> requests piled up at %1. ").arg(text(result.bottleneck.value_or("?")).toHtmlEscaped()) + status;
    else if (!result.slo.empty())
        status = (missed ? tr("<b style='color:#b91c1c'>%1 SLO(s) missed.</b> ").arg(missed) : tr("<b style='color:#047857'>Every SLO met.</b> ")) + status;
    status += tr(" Intervals are 95 % confidence intervals over the replications.");
    if (run.warmupMethod) status += tr(" Warm-up %1 s, found by MSER-5.").arg(run.warmup, 0, 'g', 4);
    if (run.precision) {
        const auto* furthest = model::furthestLine(*run.precision);
        const QString line = furthest ? text(model::describeLine(*furthest)).toHtmlEscaped() : QString();
        status += run.precision->met ? tr("<br>Precision met; furthest: %1.").arg(line)
                                     : tr("<br><b style='color:#b45309'>Precision short of the target</b> after %1 replications: %2.").arg(run.replications).arg(line);
    }
    for (const auto& event : result.events) status += "<br>• " + text(model::impactSentence(event)).toHtmlEscaped();
    for (const auto& outlook : result.autoscaling) status += "<br>• " + text(model::scalingSentence(outlook)).toHtmlEscaped();
    m_status->setText(status);
    m_charts->showResult(result);
    m_result = result;
    const bool scrubbable = result.timeSeries && result.timeSeries->time.size() > 1;
    m_scrubber->setVisible(scrubbable);
    m_moment->setVisible(scrubbable);
    if (scrubbable) {
        const QSignalBlocker quiet(m_scrubber);
        m_scrubber->setRange(0, int(result.timeSeries->time.size()) - 1);
        m_scrubber->setValue(0);
        m_moment->setText(tr("Scrub the run:"));
    }

    std::vector<ResultTable::Row> classes;
    for (const auto& cls : result.classes) {
        const model::LatencyResult ci = cls.ci95.value_or(model::LatencyResult{});
        classes.push_back({{text(cls.name), rate(cls.throughput), rate(cls.errors.value_or(cls.rejected + cls.timeouts.value_or(0.0))), withInterval(cls.latency.mean, ci.mean),
                            withInterval(cls.latency.p50, ci.p50), withInterval(cls.latency.p99, ci.p99), withInterval(cls.latency.p999, ci.p999)},
                           {},
                           {}});
    }
    m_classes->setRows(std::move(classes));
    std::vector<ResultTable::Row> components;
    for (const auto& component : result.components) {
        const model::PoolMetrics& total = component.total;
        components.push_back({{text(component.id), rate(total.arrivalRate), percent(total.utilization),
                               total.meanQueueLength ? text(model::formatNumber(*total.meanQueueLength, 3)) : QString::fromUtf8("—"),
                               duration(total.latency ? total.latency->p99 : std::nullopt)},
                              total.stable ? QColor() : QColor(0xb9, 0x1c, 0x1c),
                              {}});
    }
    m_components->setRows(std::move(components));
}

void SimulationPanel::clearResult() {
    m_classes->setRows({});
    m_components->setRows({});
    m_charts->clear();
    m_result.reset();
    m_scrubber->setVisible(false);
    m_moment->setVisible(false);
}

std::optional<model::RunResult> SimulationPanel::momentAt(double time) const {
    if (!m_result) return std::nullopt;
    return model::momentOf(*m_result, time);
}

QString SimulationPanel::statusText() const { return m_status->text(); }

}  // namespace headroom::ui
