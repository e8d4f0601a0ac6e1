// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cstdlib>
#include <array>
#include <set>

#include "model/Challenge.h"
#include "model/ChangeOverTimeFormat.h"
#include "model/Estimator.h"
#include "model/RateProfile.h"
#include "model/ScenarioFile.h"
#include "model/ScenarioReader.h"
#include "model/Suggest.h"
#include "model/UnitFormat.h"
#include "model/Validation.h"

namespace headroom::model {
namespace {

constexpr int kChallengeFormatVersion = 1;
constexpr std::array<std::string_view, 13> kChallengeKeys{
    "$schema", "format", "version", "title", "difficulty", "brief", "estimate", "questions", "constraints", "weights", "hints", "run", "starter",
};
constexpr std::array<std::string_view, 3> kQuestionKeys{"id", "ask", "quantity"};
constexpr std::array<std::string_view, 9> kConstraintKeys{"goodput",  "slo",          "error_rate",   "budget", "survive",
                                                          "recover_within", "requires", "service_time", "failover_time"};
constexpr std::array<std::string_view, 2> kOperationKeys{"read", "write"};
constexpr std::array<std::string_view, 6> kWeightKeys{"estimates", "goodput", "latency", "availability", "cost", "recovery"};
constexpr std::array<std::string_view, 3> kDifficultyNames{"easy", "medium", "hard"};

/// "$2,500/month" or "2500": US dollars a month.
std::optional<double> readBudget(ObjectReader& reader, std::string_view key) {
    const Json* raw = reader.raw(key);
    if (!raw) return std::nullopt;
    if (raw->is_number()) return raw->get<double>();
    std::string text = raw->is_string() ? raw->get<std::string>() : std::string();
    std::erase(text, ',');
    if (text.starts_with('$')) text.erase(0, 1);
    for (const std::string_view suffix : {"/month", "/mo"})
        if (text.ends_with(suffix)) text.resize(text.size() - suffix.size());
    const auto value = parseCount(text);
    if (!raw->is_string() || !value || *value <= 0.0) {
        reader.problem(reader.pathOf(key), "must be US dollars a month, such as \"$2,500/month\", got " +
                                               (raw->is_string() ? "\"" + raw->get<std::string>() + "\"" : describeJsonType(*raw)));
        return std::nullopt;
    }
    return *value;
}

/// A `survive` entry: an event of the scenario format, whose `kind` may stand for `component`.
std::optional<ChallengeFault> readFault(const Json& value, const std::string& path, Problems& problems) {
    if (!value.is_object()) {
        problems.push_back({path, "must be a fault such as {\"at\": \"20s\", \"fault\": \"zone_outage\", \"zone\": \"b\", \"for\": \"20s\"}, got " +
                                      describeJsonType(value)});
        return std::nullopt;
    }
    Json event = value;
    std::optional<ComponentKind> kind;
    if (const auto found = value.find("kind"); found != value.end()) {
        const std::string name = found->is_string() ? found->get<std::string>() : std::string();
        kind = kindFromName(name);
        if (!kind) problems.push_back({childPath(path, "kind"), "must be a component kind (" + joinAlternatives(kindNames(), " or ") + ")"});
        if (value.contains("component")) problems.push_back({childPath(path, "kind"), "a fault names a \"component\" or a \"kind\", not both"});
        event.erase("kind");
        event["component"] = name;  // read as an event, then resolved per design
    }
    auto read = readFaultEvent(event, path, problems);
    if (!read) return std::nullopt;
    if (read->isChange()) {
        problems.push_back({childPath(path, "change"), "a challenge's design survives faults; a deploy or a scale is the user's to make"});
        return std::nullopt;
    }
    if (read->component && !kind)
        problems.push_back({childPath(path, "component"), "a challenge cannot know the ids of a user's design: name a \"kind\" (\"cache\") instead"});
    if (!read->duration && read->fault != FaultKind::CacheFlush)  // a flushed cache is over once warm
        problems.push_back({childPath(path, "for"), "missing: a fault to survive ends, so that recovery can be seen (such as \"20s\")"});
    if (read->fault == FaultKind::Latency)
        problems.push_back({childPath(path, "fault"), "a latency fault names two components, which a challenge cannot know; use slowdown"});
    if (kind) read->component.reset();
    return ChallengeFault{*read, kind};
}

/// `service_time`: {"database": {"read": "3.1ms", "write": "1ms"}, "service": "2ms"}.
std::vector<ServiceTimeFloor> readServiceTimeFloors(const Json& value, const std::string& path, Problems& problems) {
    std::vector<ServiceTimeFloor> floors;
    ObjectReader reader(value, path, problems);
    if (!reader.isObject()) return floors;
    for (const auto& [name, time] : value.items()) {
        const auto kind = kindFromName(name);
        if (!kind || *kind == ComponentKind::Client) {
            problems.push_back({reader.pathOf(name), "must be a component kind other than client (" + joinAlternatives(kindNames(), " or ") + ")"});
            continue;
        }
        ServiceTimeFloor floor{*kind, {}, {}};
        if (time.is_object()) {
            ObjectReader operations(time, reader.pathOf(name), problems);
            operations.rejectUnknown(kOperationKeys);
            operations.require("read", "the least a read costs, such as \"3.1ms\"");
            operations.require("write", "the least a write costs, such as \"1ms\"");
            floor.read = operations.duration("read").value_or(Seconds{});
            floor.write = operations.duration("write").value_or(Seconds{});
        } else if (const auto both = reader.duration(name)) {
            floor.read = floor.write = *both;
        }
        floors.push_back(floor);
    }
    return floors;
}

ChallengeConstraints readConstraints(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    ChallengeConstraints constraints;
    if (!reader.isObject()) return constraints;
    reader.rejectUnknown(kConstraintKeys);
    reader.require("goodput", "the share of each class's requests a design must answer, such as \"99%\", or per class: {\"browse\": \"99.9%\"}");
    if (const Json* perClass = reader.raw("goodput"); perClass && perClass->is_object()) {
        ObjectReader shares(*perClass, reader.pathOf("goodput"), problems);
        for (const auto& [name, value] : perClass->items())
            if (const auto share = shares.ratio(name)) constraints.goodputByClass[name] = *share;
        if (perClass->empty()) problems.push_back({reader.pathOf("goodput"), "missing: at least one class's share"});
    } else {
        constraints.goodput = reader.ratio("goodput");
    }
    reader.forEachElement("slo", [&](const Json& element, const std::string& at) { constraints.slos.push_back(readSlo(element, at, problems)); });
    constraints.errorRate = reader.ratio("error_rate");
    constraints.budget = readBudget(reader, "budget");
    reader.forEachElement("survive", [&](const Json& element, const std::string& at) {
        if (auto fault = readFault(element, at, problems)) constraints.survive.push_back(std::move(*fault));
    });
    constraints.recoverWithin = reader.duration("recover_within");
    constraints.failoverFloor = reader.duration("failover_time");
    if (const Json* floors = reader.raw("service_time")) constraints.serviceTimeFloors = readServiceTimeFloors(*floors, reader.pathOf("service_time"), problems);
    reader.forEachElement("requires", [&](const Json& element, const std::string& at) {
        const auto kind = element.is_string() ? kindFromName(element.get<std::string>()) : std::nullopt;
        if (kind) constraints.requiredKinds.push_back(*kind);
        else problems.push_back({at, "must be a component kind (" + joinAlternatives(kindNames(), " or ") + ")"});
    });
    if (constraints.recoverWithin && constraints.survive.empty())
        problems.push_back({reader.pathOf("recover_within"), "there is no fault to recover from: add one to \"survive\""});
    const auto checkShare = [&](const std::optional<double>& share, const std::string& path) {
        if (share && (*share < 0.0 || *share > 1.0)) problems.push_back({path, "must be a share from 0% to 100%"});
    };
    checkShare(constraints.goodput, reader.pathOf("goodput"));
    for (const auto& [name, share] : constraints.goodputByClass) checkShare(share, childPath(reader.pathOf("goodput"), name));
    checkShare(constraints.errorRate, reader.pathOf("error_rate"));
    return constraints;
}

ScoreWeights readWeights(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    ScoreWeights weights;
    if (!reader.isObject()) return weights;
    reader.rejectUnknown(kWeightKeys);
    const std::array<double*, 6> fields{&weights.estimates, &weights.goodput, &weights.latency, &weights.availability, &weights.cost, &weights.recovery};
    double sum = 0.0;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        reader.require(kWeightKeys[i], "what this part counts in the score (0 leaves it out)");
        *fields[i] = reader.number(kWeightKeys[i]).value_or(0.0);
        if (*fields[i] < 0.0) reader.problem(reader.pathOf(kWeightKeys[i]), "must not be negative");
        sum += std::max(*fields[i], 0.0);
    }
    if (sum <= 0.0 && reader.has("goodput")) reader.problem(path, "at least one part must count (every weight is 0)");
    return weights;
}

/// The starter's problems, and the challenge's objectives and run checked as a scenario would
/// check them (their paths moved to where the challenge file has them).
void checkAgainstStarter(const Challenge& challenge, bool hasRun, Problems& problems) {
    Scenario probe = challenge.starter;
    probe.slos = challenge.constraints.slos;
    probe.run = challenge.run;
    for (auto& problem : validate(probe)) {
        if (isUnder(problem.path, "slo")) problems.push_back({"constraints." + problem.path, problem.message, problem.severity});
        else if (hasRun && isUnder(problem.path, "run")) problems.push_back(std::move(problem));
    }
    std::set<std::string> classes;
    for (std::size_t i = 0; i < challenge.starter.components.size(); ++i) {
        const Component& component = challenge.starter.components[i];
        const std::string at = "starter.components[" + std::to_string(i) + "]";
        if (component.kind != ComponentKind::Client) {
            problems.push_back({at + ".kind", "a starter holds the clients only; the user draws the rest"});
            continue;
        }
        if (!component.rate) problems.push_back({at + ".rate", "missing: a challenge's client offers a fixed rate (an open workload)"});
        if (!component.calls.empty()) problems.push_back({at + ".calls", "a starter's clients call nothing yet; the user draws what they call"});
        classes.insert(classOf(component));
    }
    if (classes.empty()) problems.push_back({"starter.components", "missing: a starter places the clients that carry the challenge's workload"});
    if (hasRun) {
        const RunSettings& run = challenge.run;
        if (!run.duration) problems.push_back({"run.duration", "missing: how long the scoring run is"});
        if (!run.warmup) problems.push_back({"run.warmup", "missing: the warm-up left out of the score"});
        if (!run.seed) problems.push_back({"run.seed", "missing: the seed every design is scored with"});
        if (!run.replications) problems.push_back({"run.replications", "missing: the replications the intervals come from"});
    }
    for (const auto& [name, share] : challenge.constraints.goodputByClass)
        if (!classes.contains(name)) problems.push_back({"constraints.goodput." + name, "the starter's clients send no class \"" + name + "\""});
    // Each fault starts and ends inside the scoring run, so that recovery can be seen.
    if (!challenge.run.duration) return;
    const double runEnd = challenge.run.duration->value;
    for (std::size_t i = 0; i < challenge.constraints.survive.size(); ++i) {
        const FaultEvent& event = challenge.constraints.survive[i].event;
        const std::string at = "constraints.survive[" + std::to_string(i) + "]";
        const auto lasts = event.fault == FaultKind::CacheFlush ? event.warmup : event.duration;
        if (event.at.value >= runEnd) problems.push_back({at + ".at", "comes after the scoring run ends (run.duration)"});
        else if (lasts && event.at.value + lasts->value >= runEnd)
            problems.push_back({at + ".for", "must end before the scoring run does, so that recovery can be seen"});
    }
}

void checkQuestions(const Challenge& challenge, Problems& problems) {
    const Estimate estimated = estimate(challenge.estimate);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < challenge.questions.size(); ++i) {
        const ChallengeQuestion& question = challenge.questions[i];
        const std::string at = "questions[" + std::to_string(i) + "]";
        if (!question.id.empty() && !ids.insert(question.id).second) problems.push_back({at + ".id", "\"" + question.id + "\" is asked twice"});
        if (question.quantity.empty()) continue;
        const Quantity* quantity = estimated.at(question.quantity);
        if (!quantity)
            problems.push_back({at + ".quantity", "the estimate has no quantity \"" + question.quantity + "\" (a path such as \"peak_qps\" or \"actions.<name>.qps\")"});
        else if (!quantity->value || *quantity->value <= 0.0)
            problems.push_back({at + ".quantity", "the estimate gives \"" + question.quantity + "\" no positive value" +
                                                      (quantity->note.empty() ? std::string() : " (" + quantity->note + ")")});
    }
}

}  // namespace

LoadedChallenge loadChallenge(const Json& document) {
    LoadedChallenge loaded;
    Problems& problems = loaded.problems;
    ObjectReader reader(document, "", problems);
    if (!reader.isObject()) return loaded;
    reader.rejectUnknown(kChallengeKeys);
    const auto format = reader.string("format");
    if (format != "headroom-challenge") {
        problems.push_back({"format", "must be \"headroom-challenge\"" + (format ? ", got \"" + *format + "\"" : std::string())});
        return loaded;
    }
    const auto version = reader.integer("version");
    if (!version || *version < 1) {
        // (A version that is no integer is already a problem of the reader's.)
        if (!reader.has("version")) problems.push_back({"version", "missing: the challenge format's version, 1"});
        else if (version) problems.push_back({"version", "must be 1 or more (this Headroom reads version 1), got " + std::to_string(*version)});
        return loaded;
    }
    if (*version > kChallengeFormatVersion) {
        problems.push_back({"version", "this challenge is format version " + std::to_string(*version) + ", newer than this Headroom reads (" +
                                           std::to_string(kChallengeFormatVersion) + "); update Headroom"});
        return loaded;
    }
    Challenge challenge;
    reader.requireName("title", "what the challenge is called");
    reader.requireName("brief", "the interviewer's prompt");
    reader.require("difficulty", "easy, medium or hard");
    reader.require("estimate", "the workload in the estimate block's terms");
    reader.require("constraints", "what a design must meet");
    reader.require("weights", "what each part counts in the score");
    reader.require("run", "the scoring run's duration, warm-up, seed and replications");
    reader.require("starter", "the starter design: the clients, placed");
    challenge.title = reader.string("title").value_or("");
    challenge.brief = reader.string("brief").value_or("");
    challenge.difficulty = static_cast<Difficulty>(reader.choice("difficulty", kDifficultyNames).value_or(0));
    if (const Json* estimate = reader.raw("estimate")) {
        const std::size_t before = problems.size();
        challenge.estimate = readEstimate(*estimate, "estimate", problems);
        if (problems.size() == before) validateEstimate(challenge.estimate, "estimate", problems);
    }
    reader.forEachElement("questions", [&](const Json& element, const std::string& path) {
        ObjectReader question(element, path, problems);
        question.rejectUnknown(kQuestionKeys);
        question.requireName("id", "the answer's key, such as \"peak_qps\"");
        question.requireName("ask", "the question in words");
        question.requireName("quantity", "the estimate's quantity it asks for, such as \"peak_qps\"");
        challenge.questions.push_back({question.string("id").value_or(""), question.string("ask").value_or(""), question.string("quantity").value_or("")});
    });
    if (const Json* constraints = reader.raw("constraints")) challenge.constraints = readConstraints(*constraints, "constraints", problems);
    if (const Json* weights = reader.raw("weights")) challenge.weights = readWeights(*weights, "weights", problems);
    reader.forEachElement("hints", [&](const Json& element, const std::string& path) {
        if (element.is_string() && !element.get<std::string>().empty()) challenge.hints.push_back(element.get<std::string>());
        else problems.push_back({path, "must be a hint in words (a non-empty string)"});
    });
    if (const Json* run = reader.raw("run")) challenge.run = readRun(*run, "run", problems);
    bool starterRead = false;
    if (const Json* starter = reader.raw("starter")) {
        const Loaded scenario = loadScenario(*starter);
        // A starter calls nothing yet, so it loads as a draft: what validation says of the missing
        // calls is the user's to fix, anything else is the challenge's.
        for (const auto& problem : scenario.problems)
            if (problem.severity == Problem::Severity::Error && !problem.path.ends_with(".calls"))
                problems.push_back({childPath("starter", problem.path), problem.message});
        if (scenario.scenario || scenario.draft) {
            challenge.starter = scenario.scenario ? *scenario.scenario : *scenario.draft;
            starterRead = true;
        }
    }
    if (!hasErrors(problems) && starterRead) {
        checkAgainstStarter(challenge, reader.has("run"), problems);
        checkQuestions(challenge, problems);
    }
    if (!hasErrors(problems)) loaded.challenge = std::move(challenge);
    return loaded;
}

LoadedChallenge loadChallengeText(std::string_view text) { return loadFromText<LoadedChallenge>(text, loadChallenge); }

std::string challengeName(const std::filesystem::path& file) {
    std::string name = file.filename().string();
    if (name.ends_with(kChallengeExtension)) name.resize(name.size() - kChallengeExtension.size());
    return name;
}

std::vector<std::filesystem::path> challengeFolders(const std::filesystem::path& programFolder, const std::filesystem::path& sourceFolder) {
    std::vector<std::filesystem::path> folders;
    if (const char* own = std::getenv("HEADROOM_CHALLENGES"); own && *own) folders.emplace_back(own);
    folders.push_back(programFolder / ".." / "share" / "headroom" / "challenges");
    folders.push_back(sourceFolder);
    return folders;
}

std::vector<std::filesystem::path> challengeFiles(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error))
        if (entry.is_regular_file(error) && entry.path().filename().string().ends_with(kChallengeExtension)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::optional<std::filesystem::path> findChallenge(std::string_view name, const std::vector<std::filesystem::path>& folders) {
    std::error_code error;
    if (std::string_view(name).ends_with(".json") && std::filesystem::is_regular_file(std::filesystem::path(name), error))
        return std::filesystem::path(name);
    for (const auto& folder : folders) {
        const auto file = folder / (std::string(name) + std::string(kChallengeExtension));
        if (std::filesystem::is_regular_file(file, error)) return file;
    }
    return std::nullopt;
}

std::optional<double> ChallengeConstraints::goodputOf(const std::string& requestClass) const {
    if (const auto found = goodputByClass.find(requestClass); found != goodputByClass.end()) return found->second;
    return goodputByClass.empty() ? goodput : std::nullopt;
}

std::string constraintsSummary(const Challenge& challenge) {
    const auto& constraints = challenge.constraints;
    std::string text;
    if (constraints.goodput) text = "goodput ≥ " + formatNumber(*constraints.goodput * 100.0, 4) + "%";
    for (const auto& [name, share] : constraints.goodputByClass)
        text += (text.empty() ? "" : ", ") + name + " goodput ≥ " + formatNumber(share * 100.0, 4) + "%";
    for (const auto& slo : constraints.slos)
        text += slo.isAvailability() ? ", " + slo.requestClass + " availability ≥ " + formatNumber(*slo.availability * 100.0, 5) + "%"
                                     : ", " + slo.requestClass + " p" + formatNumber(slo.percentile, 4) + " ≤ " + formatDuration(slo.latency);
    if (constraints.errorRate) text += ", errors ≤ " + formatNumber(*constraints.errorRate * 100.0, 3) + "%";
    if (constraints.budget) text += ", ≤ $" + formatNumber(*constraints.budget, 4) + "/month";
    for (const auto& fault : constraints.survive)
        text += ", survives a " + std::string(kindName(fault.event)) +
                (fault.event.instances ? " of " + std::to_string(*fault.event.instances) + " instance" + (*fault.event.instances == 1 ? "" : "s") : std::string()) +
                (fault.kind ? " of every " + std::string(kindName(*fault.kind))
                            : fault.event.zone ? " of zone " + *fault.event.zone : std::string());
    return text;
}

std::string_view difficultyName(Difficulty difficulty) { return kDifficultyNames[static_cast<std::size_t>(difficulty)]; }

std::vector<OfferedClass> offeredClasses(const Challenge& challenge) {
    std::vector<OfferedClass> offered;
    const double from = challenge.run.warmup.value_or(Seconds{}).value;
    const double to = challenge.run.duration.value_or(Seconds{}).value;
    for (const auto& client : challenge.starter.components) {
        if (client.kind != ComponentKind::Client || !client.rate) continue;
        const double rate = client.rate->value;
        const double mean = client.profile && to > from ? rate * integratedFactor(*client.profile, from, to) / (to - from) : rate;
        const std::string name = classOf(client);
        auto found = std::find_if(offered.begin(), offered.end(), [&](const OfferedClass& c) { return c.name == name; });
        if (found == offered.end()) {
            offered.push_back({name, rate, mean});
        } else {
            found->rate += rate;
            found->meanOverRun += mean;
        }
    }
    return offered;
}

}  // namespace headroom::model
