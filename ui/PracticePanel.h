// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include <optional>
#include <vector>

#include "model/ChallengeScore.h"
#include "ui/Challenges.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTextBrowser;

namespace headroom::ui {

class LiveAnalysis;
class PracticeStore;
class ScenarioDocument;
class SimulationRunner;

/// The Practice panel: a challenge's brief, the estimates form scored against the estimator's
/// formulas, the constraints as a checklist the analytic engine ticks while the user draws,
/// hints one at a time, Submit (the simulation with the challenge's seed and faults, then the
/// score card), and the earlier attempts, each a design one can open again.
class PracticePanel final : public QWidget {
    Q_OBJECT
public:
    PracticePanel(ScenarioDocument& document, LiveAnalysis& analysis, SimulationRunner& runner, PracticeStore& store, QWidget* parent = nullptr);

    /// Shows `entry`'s challenge (the window loads its starter into the document).
    void start(const ChallengeEntry& entry);
    [[nodiscard]] const ChallengeEntry* entry() const { return m_entry ? &*m_entry : nullptr; }

    /// Scores the answers typed so far, each beside the estimator's value and formula.
    void scoreEstimates();
    /// Shows the next hint; false when every hint is shown.
    bool showNextHint();
    /// Simulates the design with the challenge's run and faults and scores it (scored() follows).
    void submit();
    /// The live checklist, as the analytic engine last judged the design.
    [[nodiscard]] const model::DesignScore& checklist() const { return m_checklist; }
    /// The last submitted design's score.
    [[nodiscard]] const std::optional<model::ChallengeScore>& lastScore() const { return m_lastScore; }

signals:
    /// A submitted design was scored (and kept as an attempt).
    void scored();
    /// The user asked to open an earlier attempt's design.
    void attemptOpened(const QString& designPath);

private:
    /// The checklist of the document's design, whose own validation problems are `designProblems`.
    void refreshChecklist(const model::Problems& designProblems);
    [[nodiscard]] std::map<std::string, std::string> typedAnswers() const;
    void simulationFinished(const model::RunResult& result);
    void finishSubmission(model::DesignScore design);
    void showScore(const model::ChallengeScore& score);
    void fillAttempts();
    void clearContent();

    ScenarioDocument& m_document;
    LiveAnalysis& m_analysis;
    SimulationRunner& m_runner;
    PracticeStore& m_store;
    std::optional<ChallengeEntry> m_entry;

    QLabel* m_title;
    QLabel* m_brief;
    QWidget* m_questions;
    std::vector<QLineEdit*> m_answers;
    std::vector<QLabel*> m_answerScores;
    QListWidget* m_checks;
    QLabel* m_checkTime;
    QLabel* m_hints;
    QPushButton* m_hintButton;
    QPushButton* m_submitButton;
    QLabel* m_status;
    QTextBrowser* m_scoreCard;
    QListWidget* m_attempts;

    std::size_t m_hintsShown = 0;
    model::DesignScore m_checklist;
    std::optional<model::ChallengeScore> m_lastScore;
    // A submission in flight: the scored scenario, the analysis beside it, what scoring assumed.
    bool m_submitting = false;
    model::Scenario m_submitted;
    model::Scenario m_scored;
    model::RunResult m_rates;
    std::vector<std::string> m_notes;
    QElapsedTimer m_submitClock;
};

}  // namespace headroom::ui
