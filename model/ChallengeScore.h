// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/Challenge.h"
#include "model/Estimator.h"
#include "model/RunResult.h"

/// How a challenge is scored (docs/challenges.md): the user's estimates against the estimator's
/// values, and a design against the constraints, by the analytic engine while drawing and by the
/// simulator on submission, where a pass must be a pass at the run's 95 % confidence.
namespace headroom::model {

// ---- Estimates --------------------------------------------------------------------------------

/// Full marks within this factor of the estimator's value (either side), none beyond kNoCreditBeyond;
/// between, the credit falls linearly in log₁₀ of the factor. (The scoring rule of issue 18.)
inline constexpr double kFullCreditWithin = 1.12;
inline constexpr double kNoCreditBeyond = 10.0;

/// Credit in [0, 1] for `answer` when the estimator says `expected` (both positive):
/// d = |log₁₀(answer ÷ expected)|; 1 when d ≤ log₁₀ 1.12, 0 when d ≥ 1, else (1 − d) ÷ (1 − log₁₀ 1.12).
[[nodiscard]] double estimateCredit(double answer, double expected);

struct AnswerScore {
    std::string id;
    std::string ask;
    std::optional<std::string> given;  ///< as the user wrote it; absent: not answered
    std::optional<double> value;       ///< read in the quantity's unit; absent when it could not be
    Quantity expected;                 ///< the estimator's, with its formula
    double credit = 0.0;
    std::string explanation;           ///< "within ×1.12 of 3.47 K/s: full marks", "\"3 TB\" is not a rate"
};

/// The answers file: an object of question id → answer ("40K/s", "9TB", or a plain number).
/// Unknown ids are problems (with their paths); so is a value that is neither string nor number.
[[nodiscard]] std::map<std::string, std::string> readAnswers(const Json& document, const Challenge& challenge, Problems& problems);

/// Every question scored; a question without an answer scores 0 and says so.
[[nodiscard]] std::vector<AnswerScore> scoreAnswers(const Challenge& challenge, const std::map<std::string, std::string>& answers);

// ---- Designs ----------------------------------------------------------------------------------

/// Where a design is changed from the challenge's workload (a client's rate lowered, a client
/// added or removed): each in words. A design may add anything but clients.
[[nodiscard]] std::vector<std::string> workloadChanges(const Challenge& challenge, const Scenario& design);

/// The scenario a design is scored as: the design with the challenge's objectives, run settings
/// and faults in place of its own. A fault on a kind strikes every component of that kind; a zone
/// outage also strikes every station that says no `zones` (it is somewhere, and the challenge
/// assumes the worst). `notes` says what was assumed.
[[nodiscard]] Scenario scoredScenario(const Challenge& challenge, const Scenario& design, std::vector<std::string>& notes);

enum class ScorePart { Goodput, Latency, Availability, Cost, Recovery, Design };
[[nodiscard]] std::string_view scorePartName(ScorePart part);

/// Pass and fail at the run's 95 % confidence: Inconclusive when the interval straddles the
/// target, which is not a pass. NotChecked: this engine cannot tell (the analytic engine on a
/// cache flush); the simulation on submission does.
enum class Verdict { Pass, Fail, Inconclusive, NotChecked };
[[nodiscard]] std::string_view verdictName(Verdict verdict);

struct Check {
    ScorePart part = ScorePart::Design;
    std::string name;         ///< "redirect p99 ≤ 50 ms"
    Verdict verdict = Verdict::NotChecked;
    double credit = 0.0;      ///< in [0, 1]
    std::string explanation;  ///< in words, with the measured value and its interval
};

struct DesignScore {
    std::string engine;       ///< "analytic" or "simulation"
    std::vector<Check> checks;
    bool passed = false;      ///< every check passed (a not-checked one neither passes nor fails)
    std::map<ScorePart, double> partCredit;  ///< mean credit of each weighted part that was checked
    std::vector<std::string> notes;          ///< what scoring assumed
};

/// A design's result (analytic, or simulated with the scored scenario's run) against the
/// challenge. `scored` is scoredScenario's; for the analytic engine `result.degraded` should hold
/// analyze --degraded's cases, from which zone and instance losses are judged. A simulated
/// result is judged with the analytic one beside it, which says whether every station keeps up
/// (a queue can grow for good without stopping a run of the challenge's length).
[[nodiscard]] DesignScore scoreDesign(const Challenge& challenge, const Scenario& scored, const RunResult& result, const RunResult* analytic = nullptr);

/// A design that is not yet a runnable scenario (a starter, a half-drawn draft): it fails, every
/// reason listed (by component id where `design` is given).
[[nodiscard]] DesignScore incompleteDesign(const Problems& problems, const Scenario* design = nullptr);

/// The whole score, 0–100: each weighted part's credit (the estimates only when answered) in
/// proportion to its weight among the parts scored.
struct ChallengeScore {
    std::vector<AnswerScore> answers;  ///< empty when no answers were given
    DesignScore design;
    double total = 0.0;
    std::string summary;               ///< "Passed: 86 of 100. …" in words
};
[[nodiscard]] ChallengeScore combineScore(const Challenge& challenge, std::vector<AnswerScore> answers, DesignScore design);

[[nodiscard]] Json toJson(const ChallengeScore& score);

}  // namespace headroom::model
