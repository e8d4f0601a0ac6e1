// SPDX-License-Identifier: MIT
// The fuzz target of the scenario loader (libFuzzer's entry point): any bytes either load or
// give problems, never a crash, a hang or an exhausted memory; what loads keeps the format's
// promises and goes through the engines that answer live. Built by -DHEADROOM_FUZZ=ON with
// clang++ (fuzz/README.md); tests/fuzz runs every input it ever crashed on through this same
// function in the ordinary build.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "analytic/ScenarioAnalysis.h"
#include "analytic/Sizing.h"
#include "model/ChallengeScore.h"
#include "model/Estimator.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"

namespace {

/// A broken promise: print it and abort, which libFuzzer reports with the input.
void require(bool holds, const char* promise) {
    if (holds) return;
    std::fprintf(stderr, "broken promise: %s\n", promise);
    std::abort();
}

/// The same bytes as a challenge file: they load or say why, and what loads can be scored.
void challengeOf(std::string_view text) {
    using namespace headroom;
    const model::LoadedChallenge loaded = model::loadChallengeText(text);
    if (!loaded.challenge) {
        require(!loaded.problems.empty(), "a challenge that does not load says why");
        return;
    }
    const model::Challenge& challenge = *loaded.challenge;
    std::map<std::string, std::string> answers;
    for (const auto& question : challenge.questions) answers[question.id] = "1";
    for (const auto& answer : model::scoreAnswers(challenge, answers)) require(answer.credit >= 0.0 && answer.credit <= 1.0, "credit is in [0, 1]");
    std::vector<std::string> notes;
    const model::Scenario scored = model::scoredScenario(challenge, challenge.starter, notes);
    require(model::workloadChanges(challenge, scored).empty(), "the starter is the challenge's workload");
    (void)model::constraintsSummary(challenge);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace headroom;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    challengeOf(text);
    const model::Loaded loaded = model::loadScenarioText(text);
    if (!loaded.scenario) {
        require(!loaded.problems.empty(), "a file that does not load says why");
        for (const auto& problem : loaded.problems) require(!problem.message.empty(), "every problem has a message");
        return 0;
    }
    // `format` writes the canonical text: it loads back to the same scenario, and is a fixed point.
    const std::string canonical = model::toText(*loaded.scenario);
    const model::Loaded again = model::loadScenarioText(canonical);
    require(again.scenario.has_value(), "the canonical text of a scenario loads");
    require(*again.scenario == *loaded.scenario, "the canonical text loads to the same scenario");
    require(model::toText(*again.scenario) == canonical, "the canonical text is a fixed point of format");
    // The engines take whatever validation passed.
    if (loaded.scenario->estimate) (void)model::estimate(*loaded.scenario->estimate);
    const model::Compiled compiled = model::compilePlan(*loaded.scenario);
    if (!compiled.plan) {
        require(!compiled.problems.empty(), "a scenario the engines cannot take says why");
        return 0;
    }
    (void)analytic::analyze(*loaded.scenario, *compiled.plan);
    (void)analytic::size(*loaded.scenario, {.maxPoolAnalyses = 20'000});
    return 0;
}
