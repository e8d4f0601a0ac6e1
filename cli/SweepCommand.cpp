// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <set>
#include <sstream>

#include "analytic/ScenarioAnalysis.h"
#include "cli/Commands.h"
#include "cli/ProblemReport.h"
#include "cli/ReplicationRuns.h"
#include "cli/Run.h"
#include "cli/SweepRun.h"
#include "cli/TextTable.h"
#include "model/FileWriter.h"
#include "model/Plan.h"
#include "model/ResultDiff.h"
#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"
#include "model/Sweep.h"
#include "model/UnitFormat.h"
#include "sim/RunOptions.h"

namespace headroom::cli {
namespace {

using model::Json;
namespace fs = std::filesystem;

constexpr const char* kPlanFormat = "headroom-sweep-plan";

/// A sweep ready to run: the scenario, its axes, the grid, and which points are simulated.
struct Sweep {
    std::string file;
    model::Scenario scenario;
    std::vector<std::string> specs;
    std::vector<model::SweepAxis> axes;
    std::vector<std::vector<std::size_t>> grid;
    std::vector<std::size_t> simulated;  ///< point indices, ascending
};

Json optional(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

/// "all", or 1-based point numbers "1,4,8" → 0-based indices.
std::optional<std::vector<std::size_t>> readPoints(const std::string& text, std::size_t count, std::string& error) {
    std::vector<std::size_t> points;
    if (text.empty()) return points;
    if (text == "all") {
        for (std::size_t i = 0; i < count; ++i) points.push_back(i);
        return points;
    }
    std::istringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        const auto number = model::parseCount(item);
        if (!number || *number < 1 || *number > double(count) || *number != std::floor(*number)) {
            error = "--simulate-points: \"" + item + "\" is not a point number from 1 to " + std::to_string(count);
            return std::nullopt;
        }
        points.push_back(std::size_t(*number) - 1);
    }
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    return points;
}

std::optional<Sweep> makeSweep(std::string file, model::Scenario scenario, std::vector<std::string> specs, const std::string& simulatePoints,
                               std::ostream& err) {
    Sweep sweep{std::move(file), std::move(scenario), std::move(specs), {}, {}, {}};
    if (sweep.specs.empty() || sweep.specs.size() > 2) {
        err << "headroom-cli: sweep: give one or two --vary, such as --vary 'components[api].instances=2..12'\n";
        return std::nullopt;
    }
    for (const auto& spec : sweep.specs) {
        auto axis = model::parseSweepAxis(spec, sweep.scenario);
        if (!axis) {
            err << "headroom-cli: " << axis.error() << '\n';
            return std::nullopt;
        }
        sweep.axes.push_back(std::move(*axis));
    }
    if (sweep.axes.size() == 2 && sweep.axes[0].name == sweep.axes[1].name) {
        err << "headroom-cli: sweep: both --vary name " << sweep.axes[0].name << '\n';
        return std::nullopt;
    }
    std::size_t points = 1;
    for (const auto& axis : sweep.axes) points *= axis.values.size();
    if (points > model::kMaxSweepPoints) {
        err << "headroom-cli: sweep: " << points << " points, more than " << model::kMaxSweepPoints << "; use fewer steps\n";
        return std::nullopt;
    }
    sweep.grid = model::sweepGrid(sweep.axes);
    std::string error;
    const auto simulated = readPoints(simulatePoints, sweep.grid.size(), error);
    if (!simulated) {
        err << "headroom-cli: " << error << '\n';
        return std::nullopt;
    }
    sweep.simulated = *simulated;
    return sweep;
}

/// The figures of one engine's result that a sweep keeps.
Json figures(const model::RunResult& result) {
    Json classes = Json::object();
    for (const auto& cls : result.classes) {
        Json item{{"throughput", cls.throughput}, {"mean", optional(cls.latency.mean)}, {"p99", optional(cls.latency.p99)}};
        if (cls.ci95) {
            item["mean_ci95"] = optional(cls.ci95->mean);
            item["p99_ci95"] = optional(cls.ci95->p99);
        }
        if (cls.availability) item["availability"] = *cls.availability;
        classes[cls.name] = std::move(item);
    }
    return Json{{"stable", result.stable},
                {"slo_met", model::everySloMet(result) && result.stable},
                {"bottleneck", result.bottleneck ? Json(*result.bottleneck) : Json(nullptr)},
                {"bottleneck_utilization", optional(model::bottleneckUtilization(result))},
                {"cost_per_month", optional(model::monthlyCost(result))},
                {"classes", classes}};
}

/// A point's scenario, or the reason it has none.
tl::expected<model::PlannedPoint, std::string> pointScenario(const Sweep& sweep, std::size_t index) {
    return model::plannedScenarioAt(sweep.scenario, sweep.axes, sweep.grid[index]);
}

Json analyticPoint(const Sweep& sweep, std::size_t index) {
    Json values = Json::object(), labels = Json::object();
    for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
        const double value = sweep.axes[a].values[sweep.grid[index][a]];
        values[sweep.axes[a].name] = value;
        labels[sweep.axes[a].name] = model::valueText(sweep.axes[a], value);
    }
    Json point{{"point", index + 1}, {"values", values}, {"labels", labels}};
    const auto at = pointScenario(sweep, index);
    if (!at) point["error"] = at.error();
    else point["analytic"] = figures(analytic::analyze(at->scenario, at->plan));
    return point;
}

/// The simulation of one point: the file's run settings and seed at every point, so that a change
/// that helps everywhere draws a curve that moves one way (common random numbers).
tl::expected<Json, std::string> simulatedPoint(const Sweep& sweep, std::size_t index, const std::optional<int>& jobs, std::ostream& err) {
    const auto at = pointScenario(sweep, index);
    if (!at) return tl::unexpected(at.error());
    model::Problems problems;
    const sim::RunOptions run = sim::resolveRunOptions(at->scenario, {}, problems);
    if (!problems.empty()) return tl::unexpected(problems.front().path + ": " + problems.front().message);
    SimulateOptions options;
    options.jobs = jobs;
    std::ostringstream ignored;
    std::string error;
    const auto result = simulateReplications(at->scenario, at->plan, run, options, ignored, err, error);
    if (!result) return tl::unexpected(error);
    Json out = figures(*result);
    out["seed"] = run.seed;
    out["replications"] = run.replications;
    return out;
}

/// The knee of each class's analytic p99 along a one-axis sweep, where there is one.
Json knees(const Sweep& sweep, const Json& points) {
    Json out = Json::object();
    if (sweep.axes.size() != 1 || points.empty() || !points[0].contains("analytic")) return out;
    for (const auto& [name, ignored] : points[0]["analytic"]["classes"].items()) {
        std::vector<double> x, y;
        std::vector<std::size_t> which;
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (!points[i].contains("analytic")) continue;
            const Json& p99 = points[i]["analytic"]["classes"][name]["p99"];
            if (!p99.is_number()) continue;
            x.push_back(points[i]["values"][sweep.axes[0].name]);
            y.push_back(p99);
            which.push_back(i);
        }
        if (const auto knee = model::kneeOf(x, y)) out[name] = Json{{"point", which[*knee] + 1}, {"label", points[which[*knee]]["labels"][sweep.axes[0].name]}};
    }
    return out;
}

Json document(const Sweep& sweep, Json points) {
    Json axes = Json::array();
    static constexpr const char* kKinds[] = {"count", "number", "rate", "duration", "size"};
    for (const auto& axis : sweep.axes) {
        Json labels = Json::array();
        for (const double value : axis.values) labels.push_back(model::valueText(axis, value));
        axes.push_back(Json{{"name", axis.name}, {"kind", kKinds[int(axis.kind)]}, {"logarithmic", axis.logarithmic}, {"values", axis.values}, {"labels", labels}});
    }
    Json out{{"file", sweep.file}, {"axes", axes}, {"points", points}};
    out["knees"] = knees(sweep, out["points"]);
    return out;
}

std::vector<std::string> classNames(const Json& result) {
    std::vector<std::string> names;
    for (const auto& point : result["points"])
        for (const char* engine : {"analytic", "simulation"})
            if (point.contains(engine))
                for (const auto& [name, ignored] : point[engine]["classes"].items())
                    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    return names;
}

std::string csvNumber(const Json& value) { return value.is_number() ? value.dump() : ""; }

void printCsv(std::ostream& out, const Json& result) {
    const auto classes = classNames(result);
    std::vector<std::string> header;
    for (const auto& axis : result["axes"]) header.push_back(axis["name"]);
    for (const char* engine : {"analytic", "sim"})
        for (const auto& name : classes)
            for (const char* figure : {"throughput", "mean", "p99"}) header.push_back(name + "." + engine + "_" + figure);
    for (const auto& name : classes) header.push_back(name + ".sim_p99_ci95");
    for (const char* column : {"bottleneck", "bottleneck_utilization", "cost_per_month", "slo_met", "error"}) header.push_back(column);
    for (std::size_t i = 0; i < header.size(); ++i) out << (i ? "," : "") << header[i];
    out << '\n';
    for (const auto& point : result["points"]) {
        std::vector<std::string> row;
        for (const auto& axis : result["axes"]) row.push_back(csvNumber(point["values"][axis["name"].get<std::string>()]));
        for (const char* engine : {"analytic", "simulation"})
            for (const auto& name : classes)
                for (const char* figure : {"throughput", "mean", "p99"})
                    row.push_back(point.contains(engine) && point[engine]["classes"].contains(name) ? csvNumber(point[engine]["classes"][name][figure]) : "");
        for (const auto& name : classes)
            row.push_back(point.contains("simulation") && point["simulation"]["classes"].contains(name)
                              ? csvNumber(point["simulation"]["classes"][name].value("p99_ci95", Json(nullptr)))
                              : "");
        const Json analyticPart = point.value("analytic", Json::object());
        row.push_back(analyticPart.value("bottleneck", Json(nullptr)).is_string() ? analyticPart["bottleneck"].get<std::string>() : "");
        row.push_back(csvNumber(analyticPart.value("bottleneck_utilization", Json(nullptr))));
        row.push_back(csvNumber(analyticPart.value("cost_per_month", Json(nullptr))));
        row.push_back(analyticPart.contains("slo_met") ? (analyticPart["slo_met"].get<bool>() ? "true" : "false") : "");
        // An error names a point's problem; quoted, with quotes doubled (RFC 4180).
        std::string error = point.value("error", "");
        for (std::size_t at = 0; (at = error.find('"', at)) != std::string::npos; at += 2) error.insert(at, "\"");
        row.push_back(error.empty() ? "" : "\"" + error + "\"");
        for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << row[i];
        out << '\n';
    }
}

std::string durationOf(const Json& seconds) { return seconds.is_number() ? model::formatDuration(model::Seconds{seconds.get<double>()}) : "—"; }

void printText(std::ostream& out, const Json& result) {
    const auto classes = classNames(result);
    std::vector<std::string> header;
    for (const auto& axis : result["axes"]) header.push_back(axis["name"]);
    for (const auto& name : classes) header.push_back(name + " p99");
    header.insert(header.end(), {"bottleneck", "busy", "cost/month", "SLOs"});
    bool simulated = false;
    for (const auto& point : result["points"]) simulated = simulated || point.contains("simulation");
    if (simulated)
        for (const auto& name : classes) header.push_back(name + " p99 simulated");
    TextTable table(header);
    for (const auto& point : result["points"]) {
        std::vector<std::string> row;
        for (const auto& axis : result["axes"]) row.push_back(point["labels"][axis["name"].get<std::string>()]);
        if (point.contains("error")) {
            row.push_back("cannot be analyzed: " + point["error"].get<std::string>());
            table.addRow(row);
            continue;
        }
        const Json& a = point["analytic"];
        for (const auto& name : classes) row.push_back(a["classes"].contains(name) ? durationOf(a["classes"][name]["p99"]) : "—");
        row.push_back(a["bottleneck"].is_string() ? a["bottleneck"].get<std::string>() : "—");
        row.push_back(a["stable"].get<bool>() ? (a["bottleneck_utilization"].is_number() ? model::formatNumber(a["bottleneck_utilization"].get<double>() * 100.0, 3) + "%" : "—")
                                              : "saturated");
        row.push_back(a["cost_per_month"].is_number() ? "$" + model::formatNumber(a["cost_per_month"].get<double>(), 4) : "—");
        row.push_back(a["slo_met"].get<bool>() ? "met" : "MISSED");
        if (simulated)
            for (const auto& name : classes) {
                if (!point.contains("simulation") || !point["simulation"]["classes"].contains(name)) {
                    row.push_back("");
                    continue;
                }
                const Json& s = point["simulation"]["classes"][name];
                row.push_back(durationOf(s["p99"]) + (s.value("p99_ci95", Json(nullptr)).is_number() ? " ± " + durationOf(s["p99_ci95"]) : ""));
            }
        table.addRow(row);
    }
    out << result["file"].get<std::string>() << ": " << result["points"].size() << " points\n";
    table.print(out);
    for (const auto& [name, knee] : result["knees"].items())
        out << "  knee of " << name << " p99: " << result["axes"][0]["name"].get<std::string>() << " = " << knee["label"].get<std::string>() << " (point "
            << knee["point"] << ")\n";
}

int printResult(const SweepOptions& options, std::ostream& out, const Json& result) {
    if (options.format == "json") out << result.dump(2) << '\n';
    else if (options.format == "csv") printCsv(out, result);
    else printText(out, result);
    return Done;
}

/// Every point analyzed, and the simulated ones taken from `simulation` (by point index).
Json assemble(const Sweep& sweep, const std::vector<std::pair<std::size_t, Json>>& simulation) {
    Json points = Json::array();
    for (std::size_t i = 0; i < sweep.grid.size(); ++i) points.push_back(analyticPoint(sweep, i));
    for (const auto& [index, figures] : simulation) points[index]["simulation"] = figures;
    return document(sweep, std::move(points));
}

// The batch-scheduler path: a plan folder, one task a simulated point, a merge.

fs::path planFile(const std::string& folder) { return fs::path(folder) / "sweep.json"; }
fs::path pointFile(const std::string& folder, std::size_t index) { return fs::path(folder) / "points" / ("point-" + std::to_string(index + 1) + ".json"); }

std::optional<Sweep> loadPlan(const std::string& folder, std::ostream& err) {
    const auto text = model::readTextFile(planFile(folder));
    if (!text) {
        err << "headroom-cli: " << text.error() << " (write it with sweep --plan)\n";
        return std::nullopt;
    }
    const Json plan = Json::parse(*text, nullptr, false);
    if (plan.is_discarded() || !plan.is_object() || plan.value("format", "") != kPlanFormat || plan.value("version", 0) != 1 || !plan.contains("scenario") ||
        !plan.contains("vary") || !plan.contains("simulate_points")) {
        err << "headroom-cli: " << planFile(folder).string() << " is not a sweep plan of this version of Headroom\n";
        return std::nullopt;
    }
    model::Loaded loaded = model::loadScenario(plan["scenario"]);
    if (!loaded.scenario) {
        printProblems(err, planFile(folder).string() + ": scenario", loaded.problems);
        return std::nullopt;
    }
    std::string points;
    for (const auto& index : plan["simulate_points"]) points += (points.empty() ? "" : ",") + std::to_string(index.get<std::size_t>() + 1);
    return makeSweep(plan.value("file", ""), std::move(*loaded.scenario), plan["vary"].get<std::vector<std::string>>(), points, err);
}

/// The task's index: --index, else SLURM_ARRAY_TASK_ID (a Slurm job array), else
/// JOB_COMPLETION_INDEX (a Kubernetes Indexed Job).
std::optional<std::size_t> taskIndex(const SweepOptions& options, std::string& error) {
    if (options.index) return std::size_t(*options.index);
    for (const char* name : {"SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"})
        if (const char* value = std::getenv(name); value && *value) {
            const auto number = model::parseCount(value);
            if (number && *number >= 0 && *number == std::floor(*number)) return std::size_t(*number);
            error = std::string(name) + "=" + value + " is not a task index";
            return std::nullopt;
        }
    error = "sweep --run-point: no task index: give --index N, or run it as a Slurm array task (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)";
    return std::nullopt;
}

int writePlan(const Sweep& sweep, const SweepOptions& options, std::ostream& out, std::ostream& err) {
    std::error_code failed;
    fs::create_directories(fs::path(options.plan) / "points", failed);
    if (failed) {
        err << "headroom-cli: cannot make " << options.plan << ": " << failed.message() << '\n';
        return UsageError;
    }
    const Json plan{{"format", kPlanFormat},
                    {"version", 1},
                    {"file", sweep.file},
                    {"vary", sweep.specs},
                    {"simulate_points", sweep.simulated},
                    {"points", sweep.grid.size()},
                    {"scenario", model::toJson(sweep.scenario)}};
    if (const auto failure = model::writeFileAtomically(planFile(options.plan), plan.dump(2) + "\n")) {
        err << "headroom-cli: cannot write " << planFile(options.plan).string() << ": " << *failure << '\n';
        return UsageError;
    }
    out << "planned " << sweep.grid.size() << " points, " << sweep.simulated.size() << " to simulate, in " << options.plan << "\n";
    if (!sweep.simulated.empty())
        out << "run task k = 0.." << sweep.simulated.size() - 1 << " with `headroom-cli sweep --run-point " << options.plan << "` (--index k, or a Slurm array:\n"
            << "  sbatch --array=0-" << sweep.simulated.size() - 1 << " /usr/share/headroom/slurm/sweep-array.sh " << options.plan << "\n"
            << "or a Kubernetes Indexed Job of " << sweep.simulated.size() << " completions), then `headroom-cli sweep --merge " << options.plan << "`\n";
    return Done;
}

int runPoint(const SweepOptions& options, std::ostream& out, std::ostream& err) {
    const auto sweep = loadPlan(options.runPoint, err);
    if (!sweep) return ScenarioProblems;
    std::string error;
    const auto task = taskIndex(options, error);
    if (!task) {
        err << "headroom-cli: " << error << '\n';
        return UsageError;
    }
    if (*task >= sweep->simulated.size()) {
        err << "headroom-cli: sweep --run-point: task " << *task << " of a plan with " << sweep->simulated.size() << " points to simulate (tasks 0 to "
            << sweep->simulated.size() - 1 << ")\n";
        return UsageError;
    }
    const std::size_t index = sweep->simulated[*task];
    const auto figures = simulatedPoint(*sweep, index, options.jobs, err);
    if (!figures) {
        err << "headroom-cli: point " << index + 1 << ": " << figures.error() << '\n';
        return RunFailed;
    }
    const Json record{{"point", index + 1}, {"simulation", *figures}};
    if (const auto failure = model::writeFileAtomically(pointFile(options.runPoint, index), record.dump() + "\n")) {
        err << "headroom-cli: cannot write " << pointFile(options.runPoint, index).string() << ": " << *failure << '\n';
        return UsageError;
    }
    out << "point " << index + 1 << " (task " << *task << "): " << pointFile(options.runPoint, index).string() << '\n';
    return Done;
}

int merge(const SweepOptions& options, std::ostream& out, std::ostream& err) {
    const auto sweep = loadPlan(options.merge, err);
    if (!sweep) return ScenarioProblems;
    std::vector<std::pair<std::size_t, Json>> simulation;
    std::vector<std::size_t> missing;
    for (const std::size_t index : sweep->simulated) {
        const auto text = model::readTextFile(pointFile(options.merge, index));
        const Json record = text ? Json::parse(*text, nullptr, false) : Json();
        if (!text || record.is_discarded() || !record.is_object() || record.value("point", std::size_t{0}) != index + 1 || !record.contains("simulation")) {
            missing.push_back(index);
            continue;
        }
        simulation.emplace_back(index, record["simulation"]);
    }
    if (!missing.empty()) {
        err << "headroom-cli: sweep --merge: " << missing.size() << " of " << sweep->simulated.size() << " simulated points missing or unreadable: point";
        for (std::size_t i = 0; i < missing.size() && i < 20; ++i) err << (i ? ", " : " ") << missing[i] + 1;
        err << (missing.size() > 20 ? ", …" : "") << " (run them again with sweep --run-point)\n";
        return RunFailed;
    }
    return printResult(options, out, assemble(*sweep, simulation));
}

}  // namespace

std::optional<Json> runSweep(const std::string& file, const model::Scenario& scenario, const std::vector<std::string>& vary, const std::string& simulatePoints,
                             const std::optional<int>& jobs, std::ostream& err, int& exitCode) {
    const auto sweep = makeSweep(file, scenario, vary, simulatePoints, err);
    if (!sweep) {
        exitCode = UsageError;
        return std::nullopt;
    }
    std::vector<std::pair<std::size_t, Json>> simulation;
    for (const std::size_t index : sweep->simulated) {
        const auto figures = simulatedPoint(*sweep, index, jobs, err);
        if (!figures) {
            err << "headroom-cli: point " << index + 1 << ": " << figures.error() << '\n';
            exitCode = RunFailed;
            return std::nullopt;
        }
        simulation.emplace_back(index, *figures);
    }
    return assemble(*sweep, simulation);
}

int sweepCommand(const SweepOptions& options, std::ostream& out, std::ostream& err) {
    if (!options.runPoint.empty()) return runPoint(options, out, err);
    if (!options.merge.empty()) return merge(options, out, err);
    if (options.file.empty()) {
        err << "headroom-cli: sweep: give a scenario file (or --run-point DIR, or --merge DIR)\n";
        return UsageError;
    }
    int code = Done;
    auto loaded = loadScenarioFile(options.file, err, code);
    if (!loaded) return code;
    if (!options.plan.empty()) {
        // A plan is for the batch scheduler: every point simulated unless the points are chosen.
        const auto sweep = makeSweep(options.file, std::move(*loaded), options.vary, options.simulatePoints.empty() ? "all" : options.simulatePoints, err);
        return sweep ? writePlan(*sweep, options, out, err) : UsageError;
    }
    const auto result = runSweep(options.file, *loaded, options.vary, options.simulatePoints, options.jobs, err, code);
    return result ? printResult(options, out, *result) : code;
}

}  // namespace headroom::cli
