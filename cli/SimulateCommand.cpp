// SPDX-License-Identifier: MIT
#include <algorithm>
#include <ostream>
#include <sstream>

#include "analytic/ScenarioAnalysis.h"
#include "cli/AnalysisReport.h"
#include "cli/Commands.h"
#include "cli/ProblemReport.h"
#include "cli/ReplicationRuns.h"
#include "cli/Run.h"
#include "model/Plan.h"
#include "model/Precision.h"
#include "model/RateProfile.h"
#include "model/UnitFormat.h"
#include "sim/RunOptions.h"

namespace headroom::cli {
namespace {

/// Visits to components a run may simulate before it is refused as too long; at the simulator's
/// measured few hundred thousand visits per second per core (bench/bench_simulator), about two
/// hours of computing on one core. --allow-long lifts it.
constexpr double kMaxVisits = 2e9;
/// Visits per second per core that the estimate of a run's duration assumes (bench/bench_simulator:
/// 3 × 163 K requests/s through three tiers on this project's reference machine).
constexpr double kVisitsPerSecond = 4e5;
/// Visits to components over one replication: the analysis at the base rates gives visits per
/// request, and each open client's profile how many more (or fewer) requests it sends over the
/// run than its base rate would (a spike of 10⁹ for 1 ms sends 10⁶ seconds' worth).
double visitsPerReplication(const model::Scenario& scenario, const model::Plan& plan, double duration) {
    const model::RunResult analysis = analytic::analyze(scenario, plan);
    double visitsPerSecond = 0.0, requestsPerSecond = 0.0;
    for (const auto& component : analysis.components) visitsPerSecond += component.total.arrivalRate;
    for (const auto& cls : analysis.classes) requestsPerSecond += cls.throughput;
    visitsPerSecond += requestsPerSecond;
    double requests = requestsPerSecond * duration;
    for (const auto& client : plan.clients)
        if (client.profile) requests += client.rate * (model::integratedFactor(*client.profile, 0.0, duration) - duration);
    return requestsPerSecond > 0.0 ? visitsPerSecond / requestsPerSecond * std::max(requests, 0.0) : 0.0;
}

int fail(const SimulateOptions& options, std::ostream& out, std::ostream& err, const std::string& message) {
    if (options.progressJsonLines) out << model::Json{{"type", "error"}, {"message", message}}.dump() << std::endl;
    err << "headroom-cli: " << message << '\n';
    return RunFailed;
}

/// Why a run was refused before it began, for the protocol's error line.
enum class Refusal { None, TooLong };

int prepareAndRun(const SimulateOptions& options, std::ostream& out, std::ostream& err, Refusal& refusal);

}  // namespace

int simulateCommand(const SimulateOptions& options, std::ostream& out, std::ostream& err) {
    // Problems found before the run go to stderr, and in the protocol as one error line too;
    // a run refused as too long says so ("reason": "too_long"), so the app can offer to run it
    // anyway (as --allow-long does).
    std::ostringstream early;
    Refusal refusal = Refusal::None;
    const int code = prepareAndRun(options, out, early, refusal);
    const std::string problems = early.str();
    err << problems;
    if (options.progressJsonLines && (code == ScenarioProblems || code == UsageError)) {
        model::Json line{{"type", "error"}, {"message", problems}};
        if (refusal == Refusal::TooLong) line["reason"] = "too_long";
        out << line.dump() << std::endl;
    }
    return code;
}

namespace {

int prepareAndRun(const SimulateOptions& options, std::ostream& out, std::ostream& err, Refusal& refusal) {
    int code = Done;
    const auto loaded = loadPlannedScenario(options.file, err, code);
    if (!loaded) return code;
    const model::Scenario& scenario = loaded->scenario;
    const model::Plan& plan = loaded->plan;
    sim::RunOverrides overrides{std::nullopt, options.seed, options.replications};
    if (options.duration) {
        const auto duration = model::parseDuration(*options.duration);
        if (!duration) {
            err << "headroom-cli: --duration: " << duration.error() << '\n';
            return UsageError;
        }
        overrides.duration = duration->value;
    }
    if (options.precision) {
        std::string wrong;
        overrides.precision = model::parsePrecisionOption(*options.precision, wrong);
        if (!wrong.empty()) {
            err << "headroom-cli: " << wrong << '\n';
            return UsageError;
        }
    }
    model::Problems problems;
    const sim::RunOptions run = sim::resolveRunOptions(scenario, overrides, problems);
    if (!problems.empty()) {
        printProblems(err, options.file, problems);
        return ScenarioProblems;
    }
    if (scenario.components.empty()) {
        err << "headroom-cli: " << options.file << " has no components to simulate; `headroom-cli estimate` reads its estimate block\n";
        return ScenarioProblems;
    }
    const double visits = visitsPerReplication(scenario, plan, run.duration) * run.replications;
    if (visits > kMaxVisits && !options.allowLong) {
        err << options.file << ": run.duration: this run would simulate about " << model::formatNumber(visits, 2) << " visits to components, about "
            << model::formatDuration(model::Seconds{visits / kVisitsPerSecond}) << " of computing on one core; shorten the run, lower "
            << "the replications, or pass --allow-long\n";
        refusal = Refusal::TooLong;
        return ScenarioProblems;
    }

    std::string error;
    const auto simulated = simulateReplications(scenario, plan, run, options, out, err, error);
    if (!simulated) return fail(options, out, err, error);
    const model::RunResult& result = *simulated;
    if (options.progressJsonLines) {
        model::Json json = model::toJson(result);
        json["type"] = "result";
        out << json.dump() << std::endl;
    } else if (options.json) {
        out << model::toJson(result).dump(2) << '\n';
    } else {
        printRunResult(out, result, scenario.name);
    }
    const bool precise = !result.run || !result.run->precision || result.run->precision->met;
    return model::everySloMet(result) && result.stable && precise ? Done : SloNotMet;
}

}  // namespace

}  // namespace headroom::cli
