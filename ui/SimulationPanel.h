// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "model/RunResult.h"
#include "ui/ResultTable.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;

namespace headroom::ui {

class SimulationCharts;
class SimulationRunner;

/// Runs the simulator on the current scenario and shows its answer: a Run and a Cancel button,
/// progress with the time left, then per class the percentiles with their 95 % confidence
/// intervals and per component the measured load; or the worker's error.
class SimulationPanel final : public QWidget {
    Q_OBJECT
public:
    SimulationPanel(SimulationRunner& runner, QWidget* parent = nullptr);

    [[nodiscard]] QPushButton* runButton() const { return m_run; }
    [[nodiscard]] QPushButton* cancelButton() const { return m_cancel; }
    [[nodiscard]] ResultTable* classTable() const { return m_classes; }
    [[nodiscard]] SimulationCharts* charts() const { return m_charts; }
    [[nodiscard]] QString statusText() const;

signals:
    /// The user asked for a run; the window starts it with the current scenario.
    void runRequested();
    /// The time scrubber points at a moment of the run (seconds), or (none) was let go.
    void momentChosen(std::optional<double> time);

public:
    /// The last run as it was at `time` (model::momentOf).
    [[nodiscard]] std::optional<model::RunResult> momentAt(double time) const;
    [[nodiscard]] QSlider* scrubber() const { return m_scrubber; }

private:
    void running(bool on);
    /// The bar's text: its percentage, and the runner's note when it has one.
    void showProgressText();
    void showResult(const model::RunResult& result);
    void clearResult();

    SimulationRunner& m_runner;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QString m_progressNote;  ///< SimulationRunner::progressNoted's latest
    QLabel* m_status;
    ResultTable* m_classes;
    ResultTable* m_components;
    SimulationCharts* m_charts;
    QSlider* m_scrubber;   ///< a moment of the run, in windows of its time series
    QLabel* m_moment;
    std::optional<model::RunResult> m_result;
};

}  // namespace headroom::ui
