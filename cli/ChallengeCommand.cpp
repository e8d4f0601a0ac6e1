// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "analytic/Degraded.h"
#include "analytic/ScenarioAnalysis.h"
#include "cli/Commands.h"
#include "cli/ProblemReport.h"
#include "cli/ReplicationRuns.h"
#include "cli/Run.h"
#include "cli/TextTable.h"
#include "model/ChallengeScore.h"
#include "model/ChangeOverTimeFormat.h"
#include "model/Estimator.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"
#include "model/UnitFormat.h"
#include "model/Validation.h"

namespace headroom::cli {
namespace {

std::vector<std::filesystem::path> challengeFolders() {
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    return model::challengeFolders(error ? std::filesystem::path(".") : self.parent_path(), HEADROOM_SOURCE_CHALLENGES);
}

/// The first folder that holds any challenge.
std::vector<std::filesystem::path> listedChallenges() {
    for (const auto& folder : challengeFolders())
        if (auto files = model::challengeFiles(folder); !files.empty()) return files;
    return {};
}

/// `text`, when given, receives the file's text.
std::optional<model::Challenge> loadChallengeFile(const std::filesystem::path& file, std::ostream& err, int& code, std::string* text = nullptr) {
    const auto read = model::readTextFile(file);
    if (!read) {
        err << "headroom-cli: " << file.string() << ": " << read.error() << '\n';
        code = UsageError;
        return std::nullopt;
    }
    model::LoadedChallenge loaded = model::loadChallengeText(*read);
    if (text) *text = *read;
    if (!loaded.challenge) {
        printProblems(err, file.string(), loaded.problems);
        code = ScenarioProblems;
    }
    return std::move(loaded.challenge);
}

std::optional<model::Challenge> findAndLoad(const std::string& name, std::ostream& err, int& code, std::string* text = nullptr) {
    const auto file = model::findChallenge(name, challengeFolders());
    if (!file) {
        err << "headroom-cli: no challenge \"" << name << "\"; `headroom-cli challenge list` names them\n";
        code = UsageError;
        return std::nullopt;
    }
    return loadChallengeFile(*file, err, code, text);
}

int listChallenges(const ChallengeOptions& options, std::ostream& out, std::ostream& err) {
    const auto files = listedChallenges();
    if (files.empty()) {
        err << "headroom-cli: no challenges found (looked in $HEADROOM_CHALLENGES, ../share/headroom/challenges and the source tree)\n";
        return UsageError;
    }
    model::Json list = model::Json::array();
    std::vector<std::pair<model::Challenge, std::string>> loaded;
    int code = Done;
    for (const auto& file : files) {
        int fileCode = Done;
        if (auto challenge = loadChallengeFile(file, err, fileCode)) loaded.emplace_back(std::move(*challenge), model::challengeName(file));
        else code = fileCode;
    }
    std::stable_sort(loaded.begin(), loaded.end(), [](const auto& a, const auto& b) { return a.first.difficulty < b.first.difficulty; });
    TextTable table({"name", "difficulty", "title", "must meet"});
    for (const auto& [challenge, name] : loaded) {
        list.push_back({{"name", name}, {"title", challenge.title}, {"difficulty", model::difficultyName(challenge.difficulty)},
                        {"questions", challenge.questions.size()}, {"constraints", model::constraintsSummary(challenge)}});
        table.addRow({name, std::string(model::difficultyName(challenge.difficulty)), challenge.title, model::constraintsSummary(challenge)});
    }
    if (options.json) out << list.dump(2) << '\n';
    else table.print(out, "");
    return code;
}

int showChallenge(const ChallengeOptions& options, std::ostream& out, std::ostream& err) {
    int code = Done;
    std::string text;
    const auto challenge = findAndLoad(options.name, err, code, &text);
    if (!challenge) return code;
    if (options.json) {
        model::Json document = model::Json::parse(text);  // it loaded, so it parses
        if (!options.hints) document.erase("hints");
        out << document.dump(2) << '\n';
        return Done;
    }
    out << challenge->title << " (" << model::difficultyName(challenge->difficulty) << ")\n\n" << challenge->brief << "\n\n";
    out << "Workload:\n";
    for (const auto& client : challenge->starter.components)
        out << "  " << client.id << ": " << model::formatRate(*client.rate) << " of " << model::classOf(client) << '\n';
    out << "\nEstimate first:\n";
    for (const auto& question : challenge->questions) out << "  " << question.id << ": " << question.ask << '\n';
    out << "\nYour design must meet: " << model::constraintsSummary(*challenge) << ".\n";
    if (!challenge->constraints.requiredKinds.empty()) {
        out << "It must have:";
        for (std::size_t i = 0; i < challenge->constraints.requiredKinds.size(); ++i)
            out << (i ? ", " : " ") << model::withArticle(challenge->constraints.requiredKinds[i]);
        out << ".\n";
    }
    for (const auto& floor : challenge->constraints.serviceTimeFloors)
        out << "Work per request on " << model::withArticle(floor.kind) << ": at least "
            << (floor.read == floor.write ? model::formatDuration(floor.read)
                                          : model::formatDuration(floor.read) + " a read, " + model::formatDuration(floor.write) + " a write")
            << ".\n";
    if (const auto failover = challenge->constraints.failoverFloor)
        out << "A database fails over in no less than " << model::formatDuration(*failover) << ".\n";
    out << "Scored with seed " << *challenge->run.seed << ", " << *challenge->run.replications << " replications of "
        << model::formatDuration(*challenge->run.duration) << ".\n";
    if (options.hints) {
        out << "\nHints:\n";
        for (std::size_t i = 0; i < challenge->hints.size(); ++i) out << "  " << i + 1 << ". " << challenge->hints[i] << '\n';
    } else if (!challenge->hints.empty()) {
        out << challenge->hints.size() << " hints: `headroom-cli challenge show " << options.name << " --hints`.\n";
    }
    return Done;
}

/// The starter design as a scenario file to draw on: to standard output, or to `options.output`.
int writeStarter(const ChallengeOptions& options, std::ostream& out, std::ostream& err) {
    int code = Done;
    const auto challenge = findAndLoad(options.name, err, code);
    if (!challenge) return code;
    const std::string text = model::toText(challenge->starter);
    if (options.output.empty()) {
        out << text;
        return Done;
    }
    if (const auto failure = model::writeScenarioFile(options.output, text)) {
        err << "headroom-cli: " << options.output << ": " << *failure << '\n';
        return UsageError;
    }
    return Done;
}

void printScore(std::ostream& out, const model::Challenge& challenge, const model::ChallengeScore& score) {
    out << challenge.title << ": " << score.summary << "\n";
    if (!score.answers.empty()) {
        out << "\nEstimates\n";
        for (const auto& answer : score.answers) {
            out << "  " << answer.id << " (" << answer.ask << "): " << model::formatNumber(answer.credit * 100.0, 3) << "%\n";
            out << "    " << answer.explanation << '\n';
            if (!answer.expected.formula.empty()) out << "    " << answer.expected.formula << "\n    " << answer.expected.substituted << '\n';
        }
    }
    out << "\nDesign (" << score.design.engine << ")\n";
    for (const auto& check : score.design.checks) {
        std::string verdict(model::verdictName(check.verdict));
        std::transform(verdict.begin(), verdict.end(), verdict.begin(), [](unsigned char c) { return c == '_' ? ' ' : char(std::toupper(c)); });
        out << "  " << padded(verdict, 13) << check.name << "\n    " << check.explanation << '\n';
    }
    if (!score.design.partCredit.empty()) {
        out << "\nParts:";
        bool first = true;
        for (const auto& [part, credit] : score.design.partCredit) {
            out << (first ? " " : ", ") << model::scorePartName(part) << ' ' << model::formatNumber(credit * 100.0, 3) << '%';
            first = false;
        }
        out << '\n';
    }
    for (const auto& note : score.design.notes) out << "Note: " << note << ".\n";
}

/// The design's score by the engine asked for, or an incomplete design's.
model::DesignScore scoreTheDesign(const ChallengeOptions& options, const model::Challenge& challenge, const model::Loaded& design, std::ostream& out,
                                  std::ostream& err, int& code) {
    if (!design.scenario) return model::incompleteDesign(design.problems, design.draft ? &*design.draft : nullptr);
    std::vector<std::string> notes;
    const model::Scenario scored = model::scoredScenario(challenge, *design.scenario, notes);
    model::Problems problems = model::validate(scored);
    model::Compiled compiled = model::compilePlan(scored);
    if (!compiled.plan || model::hasErrors(problems)) {
        problems.insert(problems.end(), compiled.problems.begin(), compiled.problems.end());
        return model::incompleteDesign(problems, &scored);
    }
    model::RunResult analysis = analytic::analyze(scored, *compiled.plan);
    model::RunResult result;
    if (options.engine == "analytic") {
        analysis.degraded = analytic::analyzeDegraded(scored, analysis);
        result = std::move(analysis);
    } else {
        model::Problems runProblems;
        const sim::RunOptions run = sim::resolveRunOptions(scored, {}, runProblems);
        SimulateOptions simulate;
        simulate.jobs = options.jobs;
        std::string error;
        auto simulated = simulateReplications(scored, *compiled.plan, run, simulate, out, err, error);
        if (!simulated) {
            err << "headroom-cli: " << error << '\n';
            code = RunFailed;
            return {};
        }
        result = std::move(*simulated);
    }
    model::DesignScore score = model::scoreDesign(challenge, scored, result, result.engine == "simulation" ? &analysis : nullptr);
    score.notes = std::move(notes);
    return score;
}

int scoreChallenge(const ChallengeOptions& options, std::ostream& out, std::ostream& err) {
    int code = Done;
    const auto challenge = findAndLoad(options.name, err, code);
    if (!challenge) return code;
    std::vector<model::AnswerScore> answers;
    if (!options.estimates.empty()) {
        const auto text = model::readTextFile(options.estimates);
        if (!text) {
            err << "headroom-cli: " << options.estimates << ": " << text.error() << '\n';
            return UsageError;
        }
        model::Problems problems;
        std::map<std::string, std::string> given;
        if (const auto document = model::parseDocumentText(*text, problems)) given = model::readAnswers(*document, *challenge, problems);
        if (!problems.empty()) {
            printProblems(err, options.estimates, problems);
            return ScenarioProblems;
        }
        answers = model::scoreAnswers(*challenge, given);
    }
    const auto designText = model::readTextFile(options.design);
    if (!designText) {
        err << "headroom-cli: " << options.design << ": " << designText.error() << '\n';
        return UsageError;
    }
    const model::Loaded design = model::loadScenarioText(*designText);
    if (!design.scenario && !design.draft) {
        printProblems(err, options.design, design.problems);
        return ScenarioProblems;
    }
    model::DesignScore designScore = scoreTheDesign(options, *challenge, design, out, err, code);
    if (code != Done) return code;
    const model::ChallengeScore score = model::combineScore(*challenge, std::move(answers), std::move(designScore));
    if (options.json) out << model::toJson(score).dump(2) << '\n';
    else printScore(out, *challenge, score);
    return score.design.passed ? Done : SloNotMet;
}

}  // namespace

int challengeCommand(const ChallengeOptions& options, std::ostream& out, std::ostream& err) {
    if (options.action == "list") return listChallenges(options, out, err);
    if (options.action == "starter") return writeStarter(options, out, err);
    if (options.action == "show") return showChallenge(options, out, err);
    return scoreChallenge(options, out, err);
}

}  // namespace headroom::cli
