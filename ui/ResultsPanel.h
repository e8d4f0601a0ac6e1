// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <optional>

#include "model/Problem.h"
#include "model/RunResult.h"
#include "ui/ResultTable.h"

class QLabel;
class QListWidget;

namespace headroom::ui {

/// The analytic engine's answer, kept in step with the diagram: SLOs and the bottleneck at the
/// top, then per class and per component; or, when the scenario has problems, the problems,
/// each of which selects its component when clicked.
class ResultsPanel final : public QWidget {
    Q_OBJECT
public:
    explicit ResultsPanel(QWidget* parent = nullptr);

    void showAnalysis(const std::optional<model::RunResult>& result, const model::Problems& problems);

    [[nodiscard]] QString summaryText() const;
    [[nodiscard]] ResultTable* classTable() const { return m_classes; }
    [[nodiscard]] ResultTable* componentTable() const { return m_components; }
    [[nodiscard]] QListWidget* problemList() const { return m_problems; }

signals:
    /// A problem at `path` was clicked ("components[2].service_time").
    void problemActivated(const QString& path);

private:
    void showResult(const model::RunResult& result);

    QLabel* m_summary;
    ResultTable* m_classes;
    ResultTable* m_components;
    QListWidget* m_problems;
};

}  // namespace headroom::ui
