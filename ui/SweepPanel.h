// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <optional>
#include <string>
#include <vector>

#include "model/RunResult.h"
#include "model/Sweep.h"

class QCheckBox;
class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace headroom::ui {

class LiveAnalysis;
class ScenarioDocument;
class SimulationRunner;

/// One field of the scenario against a figure of the system, as `headroom-cli sweep` draws it:
/// the analytic engine at every point, again after every edit while the panel shows (the
/// latency-against-load hockey stick, its knee marked, the SLO drawn), and the simulator at a few
/// points on demand, each with its 95 % whisker and the file's seed.
class SweepPanel final : public QWidget {
    Q_OBJECT
public:
    enum class Figure { P99, Throughput, Cost, Utilization };

    SweepPanel(ScenarioDocument& document, LiveAnalysis& analysis, QWidget* parent = nullptr);

    /// The sweep's worker (a runner of its own: the Simulation panel keeps showing its own run).
    [[nodiscard]] SimulationRunner& runner() { return *m_runner; }

    /// Sets the field and range as `--vary` spells it ("rate=100/s..3900/s:20"); false, with the
    /// reason shown, when it does not read.
    bool setVary(const QString& spec);
    void setFigure(Figure figure);
    /// Simulates `count` points spread evenly over the unsaturated part of the curve.
    void simulatePoints(int count);

    // What is drawn, for tests and the bench.
    [[nodiscard]] const std::optional<model::SweepAxis>& axis() const { return m_axis; }
    /// Each point's analytic result; none where the point does not load or solve.
    [[nodiscard]] const std::vector<std::optional<model::RunResult>>& analytic() const { return m_analytic; }
    [[nodiscard]] const std::vector<std::optional<model::RunResult>>& simulated() const { return m_simulated; }
    /// The knee of the first class's p99, a point index.
    [[nodiscard]] std::optional<std::size_t> knee() const { return m_knee; }
    [[nodiscard]] QString summary() const;
    [[nodiscard]] QChartView* chart() const { return m_chart; }

    /// Whether the panel can be seen (its dock's tab in front, or floating): only then does an
    /// edit solve the sweep's points again; when it comes back, the curve catches up.
    void setOnScreen(bool onScreen);

signals:
    /// The analytic curve was drawn again.
    void swept();
    /// Every asked point was simulated (or the runs stopped).
    void simulationsDone();

private:
    void fillFields();
    void fieldChosen();
    void rangeEdited();
    void sweep();
    void draw();
    void nextSimulation();
    [[nodiscard]] std::string spec() const;
    [[nodiscard]] std::optional<double> figureOf(const model::RunResult& result, std::size_t classIndex) const;

    ScenarioDocument& m_document;
    LiveAnalysis& m_analysis;
    SimulationRunner* m_runner;
    QComboBox* m_field;
    QLineEdit* m_from;
    QLineEdit* m_to;
    QSpinBox* m_count;
    QCheckBox* m_log;
    QComboBox* m_figure;
    QChartView* m_chart;
    QLabel* m_summary;
    QSpinBox* m_simulateCount;
    QPushButton* m_simulate;
    QPushButton* m_cancel;
    QLabel* m_status;

    std::optional<model::SweepAxis> m_axis;
    std::vector<std::optional<model::RunResult>> m_analytic;
    std::vector<std::optional<model::RunResult>> m_simulated;
    std::vector<std::size_t> m_queue;  ///< points still to simulate
    std::optional<std::size_t> m_running;
    std::optional<std::size_t> m_knee;
    bool m_stale = true;  ///< the document changed while the panel was hidden
    bool m_onScreen = false;
    bool m_stopped = false;  ///< the batch of simulations stopped early (the status says why)
};

}  // namespace headroom::ui
