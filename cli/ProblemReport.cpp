// SPDX-License-Identifier: MIT
#include "cli/ProblemReport.h"

#include <algorithm>
#include <ostream>

#include "cli/Run.h"
#include "model/ScenarioFile.h"

namespace headroom::cli {

void printProblems(std::ostream& err, const std::string& file, const model::Problems& problems) {
    for (const auto& problem : problems) {
        err << file << ": ";
        if (!problem.path.empty()) err << problem.path << ": ";
        if (problem.severity == model::Problem::Severity::Warning) err << "warning: ";
        err << problem.message << '\n';
    }
}

namespace {

std::optional<model::Scenario> scenarioFromText(std::string_view text, const std::string& file, std::ostream& err, int& exitCode) {
    model::Loaded loaded = model::loadScenarioText(text);
    printProblems(err, file, loaded.problems);
    if (!loaded.scenario) {
        const auto errors = std::count_if(loaded.problems.begin(), loaded.problems.end(),
                                          [](const model::Problem& p) { return p.severity == model::Problem::Severity::Error; });
        err << file << ": " << errors << (errors == 1 ? " problem" : " problems") << '\n';
        exitCode = ScenarioProblems;
        return std::nullopt;
    }
    exitCode = Done;
    return std::move(loaded.scenario);
}

std::optional<PlannedScenario> planned(std::optional<model::Scenario> scenario, const std::string& file, std::ostream& err, int& exitCode) {
    if (!scenario) return std::nullopt;
    model::Compiled compiled = model::compilePlan(*scenario);
    if (!compiled.plan) {
        printProblems(err, file, compiled.problems);
        exitCode = ScenarioProblems;
        return std::nullopt;
    }
    return PlannedScenario{std::move(*scenario), std::move(*compiled.plan)};
}

}  // namespace

std::optional<model::Scenario> loadScenarioFile(const std::string& file, std::ostream& err, int& exitCode) {
    auto text = model::readTextFile(file);
    if (!text) {
        err << "headroom-cli: " << text.error() << '\n';
        exitCode = UsageError;
        return std::nullopt;
    }
    return scenarioFromText(*text, file, err, exitCode);
}

std::optional<PlannedScenario> planScenarioText(std::string_view text, const std::string& label, std::ostream& err, int& exitCode) {
    return planned(scenarioFromText(text, label, err, exitCode), label, err, exitCode);
}

std::optional<PlannedScenario> loadPlannedScenario(const std::string& file, std::ostream& err, int& exitCode) {
    return planned(loadScenarioFile(file, err, exitCode), file, err, exitCode);
}

}  // namespace headroom::cli
