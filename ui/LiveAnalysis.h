// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <optional>

#include "model/Problem.h"
#include "model/RunResult.h"
#include "ui/ScenarioDocument.h"

namespace headroom::ui {

/// Keeps the analytic engine's answer in step with the document: after each change (the
/// signals of one command coalesced into one solve), validate, compile and analyze. A
/// scenario with problems has no result, only its problems, never stale numbers.
class LiveAnalysis final : public QObject {
    Q_OBJECT
public:
    explicit LiveAnalysis(ScenarioDocument& document, QObject* parent = nullptr);

    [[nodiscard]] const std::optional<model::RunResult>& result() const { return m_result; }
    [[nodiscard]] const model::Problems& problems() const { return m_problems; }
    /// Solves now (the editor calls it through the event loop; tests may call it directly).
    void refresh();
    /// Whether the losses of `analyze --degraded` (each a whole re-solve) are few enough, 12 at
    /// most, to solve on every edit; a larger system leaves them to the command line.
    [[nodiscard]] static bool lossesWorthSolvingLive(const model::Scenario& scenario);

signals:
    void updated();

private:
    void schedule();

    ScenarioDocument& m_document;
    std::optional<model::RunResult> m_result;
    model::Problems m_problems;
    bool m_scheduled = false;
};

}  // namespace headroom::ui
