// SPDX-License-Identifier: MIT
#include "ui/ResultsPanel.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

#include "model/UnitFormat.h"

namespace headroom::ui {

using cells::duration;
using cells::percent;
using cells::rate;
using cells::text;

ResultsPanel::ResultsPanel(QWidget* parent)
    : QWidget(parent),
      m_summary(new QLabel(this)),
      m_classes(new ResultTable({tr("class"), tr("throughput"), tr("mean"), tr("p99"), tr("SLO")}, this)),
      m_components(new ResultTable({tr("component"), tr("arrivals"), tr("CPU"), tr("workers"), tr("response"), tr("model")}, this)),
      m_problems(new QListWidget(this)) {
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    // A problem is a sentence: wrapped to the panel's width, never cut off at its edge.
    m_problems->setWordWrap(true);
    m_problems->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_problems->setResizeMode(QListView::Adjust);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_problems);
    layout->addWidget(m_classes, 1);
    layout->addWidget(m_components, 2);
    connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) { emit problemActivated(item->data(Qt::UserRole).toString()); });
    connect(m_problems, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) { emit problemActivated(item->data(Qt::UserRole).toString()); });
    showAnalysis(std::nullopt, {});
}

void ResultsPanel::showAnalysis(const std::optional<model::RunResult>& result, const model::Problems& problems) {
    m_problems->clear();
    for (const auto& problem : problems) {
        auto* item = new QListWidgetItem((problem.severity == model::Problem::Severity::Warning ? tr("warning: ") : QString()) +
                                             (problem.path.empty() ? QString() : text(problem.path) + ": ") + text(problem.message),
                                         m_problems);
        item->setData(Qt::UserRole, text(problem.path));
        item->setForeground(problem.severity == model::Problem::Severity::Warning ? QColor(0xb4, 0x53, 0x09) : QColor(0xb9, 0x1c, 0x1c));
    }
    m_problems->setVisible(!problems.empty());
    if (!result) {
        m_classes->setRows({});
        m_components->setRows({});
        m_summary->setText(problems.empty() ? tr("Add components to see their load and latency.")
                                            : tr("<b>%n problem(s)</b> to fix before Headroom can analyze the system:", "", int(problems.size())));
        return;
    }
    showResult(*result);
}

void ResultsPanel::showResult(const model::RunResult& result) {
    QStringList lines;
    int missed = 0;
    for (const auto& slo : result.slo) missed += slo.met == false;
    if (!result.stable) lines << tr("<b style='color:#b91c1c'>Saturated:</b> a component's queue grows without bound.");
    if (!result.slo.empty())
        lines << (missed ? tr("<b style='color:#b91c1c'>%1 of %2 SLOs missed</b>").arg(missed).arg(result.slo.size())
                         : tr("<b style='color:#047857'>Every SLO met</b> (%1)").arg(result.slo.size()));
    if (result.bottleneck) {
        QString line = tr("Bottleneck: <b>%1</b>").arg(text(*result.bottleneck).toHtmlEscaped());
        if (result.loadHeadroom) {
            const QString factor = text(model::formatNumber(*result.loadHeadroom, 3));
            line += *result.loadHeadroom >= 1.0 ? tr("; every rate can grow ×%1").arg(factor) : tr("; every rate must shrink to ×%1").arg(factor);
        }
        lines << line;
    }
    if (!result.degraded.empty()) {
        // "Survives the loss of: any one instance ✓ · zone b ✗ (api saturates)".
        QStringList losses;
        QStringList singlesBroken;
        bool anySingle = false;
        for (const auto& loss : result.degraded) {
            const bool survives = loss.stable && loss.sloMet != false;
            QString why;
            if (!loss.unavailable.empty()) why = tr("%1 has nothing left").arg(text(loss.unavailable.front()));
            else if (!loss.saturated.empty()) why = tr("%1 saturates").arg(text(loss.saturated.front()));
            else if (!loss.missedSlos.empty()) why = tr("%1").arg(text(loss.missedSlos.front()));
            const QString entry = text(loss.lost).toHtmlEscaped() + (survives ? QString::fromUtf8(" ✓") : QString::fromUtf8(" ✗ (") + why.toHtmlEscaped() + ")");
            if (loss.lost.starts_with("zone ")) {
                losses << entry;
            } else {
                anySingle = true;
                if (!survives) singlesBroken << entry;
            }
        }
        if (anySingle) losses.prepend(singlesBroken.isEmpty() ? tr("any one instance ✓") : singlesBroken.join(QString::fromUtf8(" · ")));
        lines << tr("Survives the loss of: %1").arg(losses.join(QString::fromUtf8(" · ")));
    }
    for (const auto& outlook : result.autoscaling) {
        // "Autoscaled api: 2–10 instances, 3.6 on average; $259/month against $720 fixed".
        QString line = tr("Autoscaled <b>%1</b>: %2–%3 instances, %4 on average")
                           .arg(text(outlook.component).toHtmlEscaped())
                           .arg(outlook.levels.empty() ? outlook.min : outlook.levels.front().instances)
                           .arg(outlook.instancesAtPeak)
                           .arg(text(model::formatNumber(outlook.meanInstances, 3)));
        if (outlook.costPerMonth && outlook.fixedCostPerMonth)
            line += tr("; $%1/month against $%2 held at the peak")
                        .arg(text(model::formatNumber(*outlook.costPerMonth, 3)), text(model::formatNumber(*outlook.fixedCostPerMonth, 3)));
        if (outlook.outrun)
            line += tr("<br><b style='color:#b91c1c'>Outrun:</b> %1 instances saturate at %2; new ones take traffic at %3 (about %4 overloaded)")
                        .arg(outlook.outrun->instances)
                        .arg(text(model::formatNumber(outlook.outrun->saturatesAt, 6) + " s"),
                             text(model::formatNumber(outlook.outrun->capacityAt, 6) + " s"),
                             text(model::formatNumber(outlook.outrun->overloadedFor, 6) + " s"));
        lines << line;
    }
    m_summary->setText(lines.join("<br>"));

    std::vector<ResultTable::Row> classes;
    for (const auto& cls : result.classes) {
        QString slo = QString::fromUtf8("—");
        QColor colour;
        for (const auto& outcome : result.slo) {
            if (outcome.requestClass != cls.name) continue;
            slo = QString("p%1 ≤ %2 %3").arg(text(model::formatNumber(outcome.percentile)), duration(outcome.target),
                                              outcome.met ? (*outcome.met ? tr("met") : tr("MISSED")) : tr("unknown"));
            if (outcome.met == false) colour = QColor(0xb9, 0x1c, 0x1c);
        }
        const bool approximate = cls.percentilesApproximate && cls.latency.p99;
        ResultTable::Row row{{text(cls.name), rate(cls.throughput), duration(cls.latency.mean),
                              (approximate ? QString::fromUtf8("≈ ") : QString()) + duration(cls.latency.p99), slo},
                             colour,
                             {}};
        if (approximate)
            row.toolTips[3] =
                tr("Approximate: a model on the way is not exact (docs/engines.md, \"Percentiles\"). On 63 generated scenarios "
                   "(docs/engines.md, \"Know your error\") the analytic p99 was within 10 % of the simulator's in 86 % of "
                   "them; the largest errors are behind power-of-two balancers (too high) and workers held by slow calls at high load (too high). "
                   "Simulate for confidence intervals.");
        classes.push_back(std::move(row));
    }
    m_classes->setRows(std::move(classes));

    std::vector<ResultTable::Row> components;
    for (const auto& component : result.components) {
        const auto put = [&](const QString& name, const model::PoolMetrics& m) {
            components.push_back({{name, rate(m.arrivalRate), percent(m.utilization), percent(m.workerUtilization), duration(m.meanResponseTime),
                                   text(m.model) + (m.approximate ? tr(" (approx.)") : QString())},
                                  m.stable ? QColor() : QColor(0xb9, 0x1c, 0x1c),
                                  {}});
        };
        put(QString("%1 ×%2").arg(text(component.id)).arg(component.total.instances), component.total);
        if (component.pools.size() > 1)
            for (const auto& pool : component.pools) put(QString("    %1 ×%2").arg(text(pool.name)).arg(pool.instances), pool);
    }
    m_components->setRows(std::move(components));
}

QString ResultsPanel::summaryText() const { return m_summary->text(); }

}  // namespace headroom::ui
