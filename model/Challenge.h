// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/ComponentKind.h"
#include "model/Estimate.h"
#include "model/JsonReader.h"
#include "model/Problem.h"
#include "model/Scenario.h"

/// An interview-practice challenge (`*.headroom-challenge.json`, docs/challenges.md): a brief, the
/// numbers to estimate first, the workload as a starter design, and what a design must meet.
namespace headroom::model {

enum class Difficulty { Easy, Medium, Hard };

/// A number the user estimates before drawing: one quantity of the estimator's result.
struct ChallengeQuestion {
    std::string id;        ///< the key of the answer in an answers file: "peak_qps"
    std::string ask;       ///< "Peak redirects per second"
    std::string quantity;  ///< its path in the estimate's result (Estimate::at): "actions.redirect.peak_qps"
    friend bool operator==(const ChallengeQuestion&, const ChallengeQuestion&) = default;
};

/// A fault the design must live through. A challenge cannot name the user's components, so a
/// fault that strikes a component names a kind instead, and strikes every component of that
/// kind the design has.
struct ChallengeFault {
    FaultEvent event;                        ///< `component` unset when `kind` is
    std::optional<ComponentKind> kind;
    friend bool operator==(const ChallengeFault&, const ChallengeFault&) = default;
};

/// The least CPU a request may cost on a component of one kind: a design cannot make the brief's
/// work cheaper by writing a smaller service time.
struct ServiceTimeFloor {
    ComponentKind kind = ComponentKind::Service;
    Seconds read;   ///< the mean of a read (or of every request when the kind has one time)
    Seconds write;
    friend bool operator==(const ServiceTimeFloor&, const ServiceTimeFloor&) = default;
};

struct ChallengeConstraints {
    /// Answered over offered that a design must reach: the same share for every class, or per
    /// class (a class not named then has no floor: a scraper's share is the limiter's to cut).
    std::optional<double> goodput;
    std::map<std::string, double> goodputByClass;
    /// The floor for `requestClass`, if it has one.
    [[nodiscard]] std::optional<double> goodputOf(const std::string& requestClass) const;
    std::vector<Slo> slos;             ///< latency and availability objectives per class
    std::optional<double> errorRate;   ///< at most this share of each class's requests may fail
    std::optional<double> budget;      ///< USD per month, every component priced
    std::vector<ChallengeFault> survive;
    std::optional<Seconds> recoverWithin;  ///< after each fault ends
    std::vector<ComponentKind> requiredKinds;
    std::vector<ServiceTimeFloor> serviceTimeFloors;
    std::optional<Seconds> failoverFloor;  ///< `failover_time`: no database fails over faster
    friend bool operator==(const ChallengeConstraints&, const ChallengeConstraints&) = default;
};

/// What each part counts in the score (any scale; a part the challenge does not check is left out).
struct ScoreWeights {
    double estimates = 0.0, goodput = 0.0, latency = 0.0, availability = 0.0, cost = 0.0, recovery = 0.0;
    friend bool operator==(const ScoreWeights&, const ScoreWeights&) = default;
};

struct Challenge {
    std::string title;
    Difficulty difficulty = Difficulty::Easy;
    std::string brief;
    EstimateInput estimate;
    std::vector<ChallengeQuestion> questions;
    ChallengeConstraints constraints;
    ScoreWeights weights;
    std::vector<std::string> hints;
    RunSettings run;   ///< duration, warm-up, seed and replications of the scoring run
    Scenario starter;  ///< the clients, placed; nothing else
    friend bool operator==(const Challenge&, const Challenge&) = default;
};

/// A challenge, or every problem that kept it from loading (each with its path).
struct LoadedChallenge {
    std::optional<Challenge> challenge;
    Problems problems;
};

[[nodiscard]] LoadedChallenge loadChallenge(const Json& document);
[[nodiscard]] LoadedChallenge loadChallengeText(std::string_view text);

inline constexpr std::string_view kChallengeExtension = ".headroom-challenge.json";

/// "url-shortener" for ".../url-shortener.headroom-challenge.json".
[[nodiscard]] std::string challengeName(const std::filesystem::path& file);
/// Where challenges are looked for, in order: $HEADROOM_CHALLENGES (a folder of one's own), the
/// installed ones beside the program (`programFolder`/../share/headroom/challenges), then
/// `sourceFolder` (the source tree's, for a build run in place).
[[nodiscard]] std::vector<std::filesystem::path> challengeFolders(const std::filesystem::path& programFolder, const std::filesystem::path& sourceFolder);
/// The challenge files of a folder, by name.
[[nodiscard]] std::vector<std::filesystem::path> challengeFiles(const std::filesystem::path& folder);
/// A challenge by name in the first of `folders` that holds it, or `name` itself when it is a
/// path to a file; none when neither.
[[nodiscard]] std::optional<std::filesystem::path> findChallenge(std::string_view name, const std::vector<std::filesystem::path>& folders);

[[nodiscard]] std::string_view difficultyName(Difficulty difficulty);
/// "goodput ≥ 99.9%, redirect p99 ≤ 50 ms, ≤ $2,000/month, survives a zone_outage of zone b":
/// what a design must meet, in one line (the CLI's list, the app's picker).
[[nodiscard]] std::string constraintsSummary(const Challenge& challenge);

/// The request classes of the starter's clients, with the rate each offers per second: as the
/// clients' `rate` says (what the analytic engine solves at), and on average over the measured
/// part of the scoring run, a profile's shape integrated (what a simulation offers).
struct OfferedClass {
    std::string name;
    double rate = 0.0;
    double meanOverRun = 0.0;
};
[[nodiscard]] std::vector<OfferedClass> offeredClasses(const Challenge& challenge);

}  // namespace headroom::model
