// SPDX-License-Identifier: MIT
#include "model/ChallengeScore.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "model/ChangeOverTimeFormat.h"
#include "model/EnumNames.h"
#include "model/EventSummary.h"
#include "model/JsonWrite.h"
#include "model/Suggest.h"
#include "model/UnitFormat.h"
#include "model/Validation.h"

namespace headroom::model {
namespace {

constexpr std::array<std::string_view, 6> kPartNames{"goodput", "latency", "availability", "cost", "recovery", "design"};
constexpr std::array<std::string_view, 4> kVerdictNames{"pass", "fail", "inconclusive", "not_checked"};

std::string percentText(double fraction, int significant = 4) { return formatNumber(fraction * 100.0, significant) + "%"; }

std::string money(double dollars) { return "$" + formatNumber(dollars, 4) + "/month"; }

/// An answer in the unit of the quantity it answers; a plain number is in the SI base unit.
std::optional<double> readAnswer(std::string_view text, QuantityUnit unit, std::string& expectedForm) {
    if (const auto plain = parseCount(text)) return *plain;
    switch (unit) {
        case QuantityUnit::PerSecond:
            expectedForm = "a rate such as \"40K/s\"";
            if (const auto rate = parseRate(text)) return rate->value;
            return std::nullopt;
        case QuantityUnit::Bytes:
            expectedForm = "a size such as \"9TB\"";
            if (const auto size = parseSize(text)) return size->value;
            return std::nullopt;
        case QuantityUnit::BytesPerSecond:
            expectedForm = "a data rate such as \"25MB/s\"";
            if (const auto rate = parseDataRate(text)) return rate->value;
            return std::nullopt;
        case QuantityUnit::Ratio:
            expectedForm = "a share such as \"90%\"";
            if (const auto ratio = parseRatio(text)) return *ratio;
            return std::nullopt;
        case QuantityUnit::Count:
        case QuantityUnit::Servers: expectedForm = "a count such as \"12\" or \"3.5M\""; return std::nullopt;
    }
    return std::nullopt;
}

/// "×2 over", "×3.2 under": how far an answer is from the expected value.
std::string factorText(double answer, double expected) {
    const double factor = answer >= expected ? answer / expected : expected / answer;
    return "×" + formatNumber(factor, 3) + (answer >= expected ? " over" : " under");
}

Verdict intervalVerdict(double low, double high, double target, bool atMost) {
    if (atMost) return high <= target ? Verdict::Pass : low > target ? Verdict::Fail : Verdict::Inconclusive;
    return low >= target ? Verdict::Pass : high < target ? Verdict::Fail : Verdict::Inconclusive;
}

std::string verdictWords(Verdict verdict) {
    switch (verdict) {
        case Verdict::Pass: return "passes";
        case Verdict::Fail: return "fails";
        case Verdict::Inconclusive: return "is inconclusive: the 95% interval straddles the target, which is not a pass";
        case Verdict::NotChecked: return "is not checked";
    }
    return "";
}

/// Which stations a zone outage strikes when they say no zones: the ones that run instances of
/// their own in some zone (a managed CDN, function or object store is spread by its provider).
bool placedInOneZone(const Component& component) {
    switch (component.kind) {
        case ComponentKind::LoadBalancer:
        case ComponentKind::ApiGateway:
        case ComponentKind::Service:
        case ComponentKind::Cache:
        case ComponentKind::Database:
        case ComponentKind::Queue:
            return !component.zones && (!traitsOf(component.kind).delayWithoutInstances || component.instances);
        default: return false;
    }
}

/// A challenge fault as the events it makes in one design.
std::vector<FaultEvent> eventsOf(const ChallengeFault& fault, const Scenario& design) {
    if (!fault.kind) return {fault.event};
    std::vector<FaultEvent> events;
    for (const auto& component : design.components) {
        if (component.kind != *fault.kind) continue;
        FaultEvent event = fault.event;
        event.component = component.id;
        events.push_back(std::move(event));
    }
    return events;
}

bool runsInstances(const Component& component) {
    return component.kind != ComponentKind::Client && (!traitsOf(component.kind).delayWithoutInstances || component.instances);
}

class DesignScorer {
public:
    DesignScorer(const Challenge& challenge, const Scenario& scored, const RunResult& result, const RunResult* analytic)
        : m_challenge(challenge), m_scored(scored), m_result(result), m_analytic(analytic), m_simulated(result.engine == "simulation") {
        m_score.engine = result.engine;
    }

    DesignScore score() {
        checkDesign();
        const bool answered = checkGoodput() && checkStable();
        checkObjectives();
        checkCost();
        checkRecovery();
        std::map<ScorePart, std::pair<double, int>> sums;
        for (const auto& check : m_score.checks) {
            if (check.part == ScorePart::Design || check.verdict == Verdict::NotChecked) continue;
            auto& [sum, count] = sums[check.part];
            sum += answered ? check.credit : 0.0;
            ++count;
        }
        for (const auto& [part, sum] : sums) m_score.partCredit[part] = sum.first / sum.second;
        m_score.passed = std::none_of(m_score.checks.begin(), m_score.checks.end(), [](const Check& check) {
            return check.verdict == Verdict::Fail || check.verdict == Verdict::Inconclusive;
        });
        return std::move(m_score);
    }

private:
    void add(ScorePart part, std::string name, Verdict verdict, double credit, std::string explanation) {
        m_score.checks.push_back({part, std::move(name), verdict, std::clamp(credit, 0.0, 1.0), std::move(explanation)});
    }

    void checkDesign() {
        for (const auto kind : m_challenge.constraints.requiredKinds) {
            const bool present = std::any_of(m_scored.components.begin(), m_scored.components.end(), [&](const Component& c) { return c.kind == kind; });
            add(ScorePart::Design, "has " + withArticle(kind), present ? Verdict::Pass : Verdict::Fail, present ? 1.0 : 0.0,
                present ? "the design has " + withArticle(kind) + "." : "the challenge requires " + withArticle(kind) + ", and the design has none.");
        }
        for (const auto& floor : m_challenge.constraints.serviceTimeFloors) checkFloor(floor);
        if (const auto least = m_challenge.constraints.failoverFloor)
            for (const auto& component : m_scored.components) {
                if (component.kind != ComponentKind::Database) continue;
                const Seconds failover = component.failoverTime.value_or(Seconds{defaults::kFailoverTime.value});
                if (failover.value < least->value * (1.0 - 1e-9))
                    add(ScorePart::Design, component.id + "'s failover time", Verdict::Fail, 0.0,
                        component.id + " fails over in " + formatDuration(failover) + ", faster than the brief's " + formatDuration(*least) + ".");
            }
        const auto changes = workloadChanges(m_challenge, m_scored);
        if (!changes.empty()) {
            std::string text = "the workload is the challenge's, and the design changes it: ";
            for (std::size_t i = 0; i < changes.size(); ++i) text += (i ? "; " : "") + changes[i];
            add(ScorePart::Design, "the challenge's workload", Verdict::Fail, 0.0, text + ".");
        }
    }

    /// A simulated run that stopped because requests piled up measured only its start: the
    /// design fails, and its figures earn nothing.
    bool checkStable() {
        // A queue that grows for good need not stop a short run (30 s jobs, a ten-minute run):
        // whether offered work exceeds capacity is a matter of rates, which the analytic engine has.
        bool keepsUp = true;
        if (const RunResult* rates = m_simulated ? m_analytic : &m_result)
            for (const auto& component : rates->components)
                for (const auto& pool : component.pools.empty() ? std::vector<PoolMetrics>{component.total} : component.pools) {
                    if (pool.stable) continue;
                    keepsUp = false;
                    add(ScorePart::Design, pool.name + " keeps up", Verdict::Fail, 0.0,
                        pool.name + " is offered more work than it can do" +
                            (pool.utilization ? " (" + percentText(*pool.utilization, 3) + " of its capacity)" : std::string()) +
                            ": its queue grows for as long as the load lasts, whatever a run of this length shows.");
                }
        if (!keepsUp && m_simulated) return false;
        if (!m_simulated || m_result.stable) return true;
        std::string why = "requests piled up until the run stopped early";
        for (const auto& note : m_result.notes)
            if (note.starts_with("unstable")) why = note;
        add(ScorePart::Design, "requests never pile up", Verdict::Fail, 0.0, why + ". The figures cover only the start of the run: the design scores 0.");
        return false;
    }

    /// Every component of the floor's kind costs at least the brief's CPU per request.
    void checkFloor(const ServiceTimeFloor& floor) {
        for (const auto& component : m_scored.components) {
            if (component.kind != floor.kind) continue;
            const auto defaults = traitsOf(component.kind).defaultService;
            std::string cheaper;
            for (const Operation operation : {Operation::Read, Operation::Write}) {
                const bool read = operation == Operation::Read;
                std::optional<double> mean;
                if (component.serviceTime) {
                    const auto& time = *component.serviceTime;
                    const auto& chosen = time.all ? time.all : read ? time.read : time.write;
                    if (chosen) mean = chosen->mean.value;
                }
                if (!mean && defaults) mean = read ? defaults->read.value : defaults->write.value;
                const Seconds least = read ? floor.read : floor.write;
                if (mean && *mean < least.value * (1.0 - 1e-9))
                    cheaper += std::string(cheaper.empty() ? "" : "; ") + (read ? "a read" : "a write") + " costs " + formatDuration(Seconds{*mean}) +
                               ", less than the brief's " + formatDuration(least);
            }
            if (cheaper.empty()) continue;
            add(ScorePart::Design, component.id + "'s service time", Verdict::Fail, 0.0,
                "the design makes the brief's work cheaper on " + component.id + ": " + cheaper + ".");
        }
    }

    /// Per class, answered over offered; false when nothing at all was answered.
    bool checkGoodput() {
        double answered = 0.0;
        for (const auto& offered : offeredClasses(m_challenge)) {
            const ClassMetrics* cls = findClass(m_result, offered.name);
            const double throughput = cls ? cls->throughput : 0.0;
            answered += throughput;
            const auto floor = m_challenge.constraints.goodputOf(offered.name);
            if (!floor) continue;
            const double required = *floor;
            const double rate = m_simulated ? offered.meanOverRun : offered.rate;
            const std::string name = offered.name + " goodput ≥ " + percentText(required);
            if (!m_simulated && !m_result.stable) {
                add(ScorePart::Goodput, name, Verdict::Fail, required > 0.0 ? std::min(throughput / rate / required, 1.0) : 0.0,
                    "the analytic engine finds " + m_result.bottleneck.value_or("a component") +
                        " saturated: its queue grows without bound at the challenge's load, so not every request is answered.");
                continue;
            }
            // Simulated, the share of the requests each run offered that it answered (its arrivals
            // vary about the rate), with the interval over the replications; analytic, the rates'.
            const double share = m_simulated ? (cls ? cls->availability.value_or(0.0) : 0.0) : throughput / rate;
            const double half = m_simulated && cls ? cls->availabilityCi95.value_or(0.0) : 0.0;
            const Verdict verdict = intervalVerdict(share - half, share + half, required, false);
            std::string text = formatRate(PerSecond{throughput}) + " answered of " + formatRate(PerSecond{rate}) + " offered: " + percentText(share, 5) +
                               (half > 0.0 ? " ± " + percentText(half, 2) : std::string()) + " of requests; the challenge asks " + percentText(required) +
                               ": " + verdictWords(verdict) + ".";
            add(ScorePart::Goodput, name, verdict, required > 0.0 ? share / required : 1.0, std::move(text));
        }
        if (answered <= 0.0) {
            add(ScorePart::Design, "goodput above zero", Verdict::Fail, 0.0, "nothing was answered: zero goodput never passes, and the design scores 0.");
            return false;
        }
        return true;
    }

    void checkObjectives() {
        for (std::size_t i = 0; i < m_challenge.constraints.slos.size(); ++i) {
            const Slo& slo = m_challenge.constraints.slos[i];
            const ClassMetrics* cls = findClass(m_result, slo.requestClass);
            if (slo.isAvailability()) {
                availability(objectiveName(slo), cls, *slo.availability);
                continue;
            }
            const std::string name = objectiveName(slo);
            const SloOutcome* outcome = i < m_result.slo.size() && m_result.slo[i].requestClass == slo.requestClass ? &m_result.slo[i] : nullptr;
            if (!outcome || !outcome->value) {
                std::string why = "the analytic engine has no percentile for " + slo.requestClass + ": the system is saturated.";
                if (m_simulated)
                    why = outcome && outcome->met == false
                              ? "more than " + formatNumber(100.0 - slo.percentile, 3) + "% of " + slo.requestClass +
                                    " requests failed, and a failed request counts as slower than any answer: the percentile is beyond every answer."
                              : "no request of " + slo.requestClass + " finished, so it has no percentile.";
                add(ScorePart::Latency, name, Verdict::Fail, 0.0, std::move(why));
                continue;
            }
            const double value = *outcome->value, target = slo.latency.value;
            const double half = cls && m_simulated ? percentileHalfWidth(*cls, slo.percentile).value_or(0.0) : 0.0;
            const Verdict verdict = intervalVerdict(value - half, value + half, target, true);
            std::string text = durationWithInterval(value, half > 0.0 ? std::optional<double>(half) : std::nullopt) + " against " + formatDuration(slo.latency) +
                               (outcome->approximate ? " (an approximation)" : "") + ": " + verdictWords(verdict) + ".";
            add(ScorePart::Latency, name, verdict, value <= target ? 1.0 : target / value, std::move(text));
        }
        if (const auto errorRate = m_challenge.constraints.errorRate)
            for (const auto& offered : offeredClasses(m_challenge))
                availability(offered.name + " errors ≤ " + percentText(*errorRate), findClass(m_result, offered.name), 1.0 - *errorRate);
    }

    void availability(std::string name, const ClassMetrics* cls, double target) {
        if (!cls || !cls->availability) {
            if (m_simulated) add(ScorePart::Availability, std::move(name), Verdict::Fail, 0.0, "the run measured no availability for this class.");
            else add(ScorePart::Availability, std::move(name), Verdict::NotChecked, 0.0, "the simulation measures availability when the design is submitted.");
            return;
        }
        const double value = *cls->availability, half = cls->availabilityCi95.value_or(0.0);
        const Verdict verdict = intervalVerdict(value - half, value + half, target, false);
        const double credit = value >= target ? 1.0 : (1.0 - target) / (1.0 - value);
        add(ScorePart::Availability, std::move(name), verdict, credit,
            percentText(value, 5) + (half > 0.0 ? " ± " + percentText(half, 2) : std::string()) + " of requests succeeded against " + percentText(target, 5) +
                ": " + verdictWords(verdict) + ".");
    }

    void checkCost() {
        const auto budget = m_challenge.constraints.budget;
        if (!budget) return;
        double total = 0.0;
        std::vector<std::string> unpriced;
        for (const auto& component : m_scored.components) {
            if (!runsInstances(component)) continue;
            const auto metrics = std::find_if(m_result.components.begin(), m_result.components.end(), [&](const ComponentMetrics& m) { return m.id == component.id; });
            if (metrics == m_result.components.end() || !metrics->costPerMonth) unpriced.push_back(component.id);
            else total += *metrics->costPerMonth;
        }
        const std::string name = "cost ≤ " + money(*budget);
        if (!unpriced.empty()) {
            std::string list;
            for (std::size_t i = 0; i < unpriced.size(); ++i) list += (i ? ", " : "") + unpriced[i];
            add(ScorePart::Cost, name, Verdict::Fail, 0.0,
                "the cost of " + list + " is unknown: give each component that runs instances a \"cost\" (an instance type such as \"m5.large\").");
            return;
        }
        const Verdict verdict = total <= *budget ? Verdict::Pass : Verdict::Fail;
        add(ScorePart::Cost, name, verdict, total <= *budget ? 1.0 : 2.0 - total / *budget,
            money(total) + " against a budget of " + money(*budget) + ": " + verdictWords(verdict) + (total > *budget ? " (credit falls to 0 at twice the budget)." : "."));
    }

    void checkRecovery() {
        std::size_t nextImpact = 0;
        for (const auto& fault : m_challenge.constraints.survive) {
            const auto events = eventsOf(fault, m_scored);
            if (events.empty()) {
                add(ScorePart::Recovery, "survives a " + std::string(kindName(fault.event)) + " of every " + std::string(kindName(*fault.kind)), Verdict::Pass, 1.0,
                    "the design has no " + std::string(kindName(*fault.kind)) + " for the " + std::string(kindName(fault.event)) + " to strike.");
                continue;
            }
            for (const auto& event : events) {
                if (m_simulated) simulatedRecovery(event, nextImpact < m_result.events.size() ? &m_result.events[nextImpact] : nullptr);
                else analyticRecovery(event);
                ++nextImpact;
            }
        }
    }

    void simulatedRecovery(const FaultEvent& event, const EventImpact* impact) {
        const std::string name = "survives " + describe(event);
        if (!impact) {
            add(ScorePart::Recovery, name, Verdict::Fail, 0.0, "the run reported nothing of this fault.");
            return;
        }
        const auto within = m_challenge.constraints.recoverWithin;
        if (!impact->recovered) {
            add(ScorePart::Recovery, name, Verdict::Fail, 0.0, impactSentence(*impact) + ". Some replication never recovered: it fails.");
            return;
        }
        const double time = impact->impact.recoveryTime.value_or(0.0), half = impact->ci95.recoveryTime.value_or(0.0);
        const Verdict verdict = within ? intervalVerdict(time - half, time + half, within->value, true) : Verdict::Pass;
        const double credit = within && time > within->value ? within->value / time : 1.0;
        add(ScorePart::Recovery, name, verdict, credit,
            impactSentence(*impact) + (within ? ". The challenge asks for recovery within " + formatDuration(*within) + ": " + verdictWords(verdict) : std::string()) + ".");
    }

    void analyticRecovery(const FaultEvent& event) {
        const std::string name = "survives " + describe(event);
        std::string lost;
        if (event.fault == FaultKind::ZoneOutage) lost = "zone " + event.zone.value_or("");
        else if (event.fault == FaultKind::Crash && event.instances.value_or(1) == 1 && event.component) lost = *event.component + " ×1";
        if (lost.empty()) {
            add(ScorePart::Recovery, name, Verdict::NotChecked, 0.0, "the simulation checks this fault when the design is submitted.");
            return;
        }
        const auto found = std::find_if(m_result.degraded.begin(), m_result.degraded.end(), [&](const DegradedCase& c) { return c.lost == lost; });
        if (found == m_result.degraded.end()) {
            const bool single = event.fault == FaultKind::Crash;
            add(ScorePart::Recovery, name, single ? Verdict::Fail : Verdict::NotChecked, 0.0,
                single ? *event.component + " has one instance: losing it leaves nothing to serve." : "the analytic engine has no case for " + lost + ".");
            return;
        }
        std::string why;
        for (const auto& id : found->unavailable) why += (why.empty() ? "" : "; ") + id + " is left with nothing to serve";
        for (const auto& id : found->saturated) why += (why.empty() ? "" : "; ") + id + " saturates";
        for (const auto& miss : found->missedSlos) why += (why.empty() ? "" : "; ") + miss;
        const bool holds = why.empty() && found->stable && found->sloMet.value_or(true);
        add(ScorePart::Recovery, name, holds ? Verdict::Pass : Verdict::Fail, holds ? 1.0 : 0.0,
            holds ? "with " + lost + " lost, the analytic engine finds every objective still met." : "with " + lost + " lost: " + why + ".");
    }

    const Challenge& m_challenge;
    const Scenario& m_scored;
    const RunResult& m_result;
    const RunResult* m_analytic = nullptr;
    bool m_simulated = false;
    DesignScore m_score;
};

}  // namespace

double estimateCredit(double answer, double expected) {
    if (!(answer > 0.0) || !(expected > 0.0)) return 0.0;
    const double distance = std::abs(std::log10(answer / expected));
    const double full = std::log10(kFullCreditWithin), none = std::log10(kNoCreditBeyond);
    if (distance <= full) return 1.0;
    if (distance >= none) return 0.0;
    return (none - distance) / (none - full);
}

std::map<std::string, std::string> readAnswers(const Json& document, const Challenge& challenge, Problems& problems) {
    std::map<std::string, std::string> answers;
    if (!document.is_object()) {
        problems.push_back({"", "must be an object of answers such as {\"peak_qps\": \"40K/s\"}, got " + describeJsonType(document)});
        return answers;
    }
    std::vector<std::string_view> ids;
    for (const auto& question : challenge.questions) ids.push_back(question.id);
    for (const auto& [key, value] : document.items()) {
        if (std::find(ids.begin(), ids.end(), key) == ids.end()) {
            problems.push_back({key, "the challenge asks no question \"" + key + "\" (it asks " + joinAlternatives(ids, " and ") + ")"});
            continue;
        }
        if (value.is_string()) answers[key] = value.get<std::string>();
        else if (value.is_number()) answers[key] = shortestDecimal(value.get<double>());
        else problems.push_back({key, "must be a number or a quantity such as \"40K/s\", got " + describeJsonType(value)});
    }
    return answers;
}

std::vector<AnswerScore> scoreAnswers(const Challenge& challenge, const std::map<std::string, std::string>& answers) {
    const Estimate estimated = estimate(challenge.estimate);
    std::vector<AnswerScore> scores;
    for (const auto& question : challenge.questions) {
        AnswerScore score{question.id, question.ask, std::nullopt, std::nullopt, {}, 0.0, ""};
        if (const Quantity* quantity = estimated.at(question.quantity)) score.expected = *quantity;
        const std::string expected = formatQuantity(score.expected, estimated.units);
        const auto given = answers.find(question.id);
        if (given == answers.end()) {
            score.explanation = "not answered; the estimator's value is " + expected + ".";
        } else {
            score.given = given->second;
            std::string form;
            score.value = readAnswer(given->second, score.expected.unit, form);
            if (!score.value) {
                score.explanation = "\"" + given->second + "\" is not " + form + "; the estimator's value is " + expected + ".";
            } else {
                score.credit = estimateCredit(*score.value, score.expected.value.value_or(0.0));
                Quantity yours = score.expected;
                yours.value = *score.value;
                const std::string answer = formatQuantity(yours, estimated.units);
                if (score.credit >= 1.0) score.explanation = answer + " is within ×" + formatNumber(kFullCreditWithin, 3) + " of the estimator's " + expected + ": full marks.";
                else if (score.credit <= 0.0) score.explanation = answer + " is " + factorText(*score.value, *score.expected.value) + " the estimator's " + expected +
                                                                 ", beyond ×" + formatNumber(kNoCreditBeyond, 3) + ": no marks.";
                else score.explanation = answer + " is " + factorText(*score.value, *score.expected.value) + " the estimator's " + expected + ": " +
                                         formatNumber(score.credit * 100.0, 2) + "% of the marks.";
            }
        }
        scores.push_back(std::move(score));
    }
    return scores;
}

std::vector<std::string> workloadChanges(const Challenge& challenge, const Scenario& design) {
    std::vector<std::string> changes;
    for (const auto& client : challenge.starter.components) {
        const Component* mine = design.find(client.id);
        if (!mine) {
            changes.push_back("client " + client.id + " is gone");
            continue;
        }
        if (mine->kind != ComponentKind::Client) changes.push_back(client.id + " is no longer a client");
        else if (mine->rate != client.rate || mine->profile != client.profile || mine->arrivals != client.arrivals ||
                 classOf(*mine) != classOf(client) || mine->operation != client.operation || mine->users != client.users)
            changes.push_back("client " + client.id + " no longer offers the challenge's " + classOf(client) + " load");
    }
    for (const auto& component : design.components)
        if (component.kind == ComponentKind::Client && !challenge.starter.find(component.id))
            changes.push_back("client " + component.id + " is added");
    return changes;
}

Scenario scoredScenario(const Challenge& challenge, const Scenario& design, std::vector<std::string>& notes) {
    Scenario scored = design;
    scored.slos = challenge.constraints.slos;
    scored.run = challenge.run;
    scored.events.clear();
    for (const auto& fault : challenge.constraints.survive) {
        for (auto& event : eventsOf(fault, design)) scored.events.push_back(std::move(event));
        if (fault.event.fault != FaultKind::ZoneOutage || !fault.event.zone) continue;
        for (auto& component : scored.components) {
            if (!placedInOneZone(component)) continue;
            component.zones = std::vector<std::string>{*fault.event.zone};
            notes.push_back(component.id + " names no zones, so it is scored as running in zone " + *fault.event.zone + ", which the outage takes");
        }
    }
    if (!design.events.empty()) notes.push_back("the design's own events are left out: the challenge's faults are the ones scored");
    return scored;
}

std::string_view scorePartName(ScorePart part) { return nameOf(kPartNames, part); }
std::string_view verdictName(Verdict verdict) { return nameOf(kVerdictNames, verdict); }

DesignScore scoreDesign(const Challenge& challenge, const Scenario& scored, const RunResult& result, const RunResult* analytic) {
    return DesignScorer(challenge, scored, result, analytic).score();
}

DesignScore incompleteDesign(const Problems& problems, const Scenario* design) {
    DesignScore score;
    score.engine = "none";
    for (const auto& problem : problems) {
        if (problem.severity != Problem::Severity::Error) continue;
        // "visitors: missing: a client must call …" reads better than "components[0].calls: …".
        std::string where = problem.path;
        if (const auto item = pathInList("components", problem.path); item && design && item->index < design->components.size())
            where = design->components[item->index].id;
        score.checks.push_back({ScorePart::Design, (where.empty() ? std::string() : where + ": ") + problem.message, Verdict::Fail, 0.0,
                                "the design cannot run yet: " + (problem.path.empty() ? std::string() : problem.path + ": ") + problem.message + "."});
    }
    if (score.checks.empty()) score.checks.push_back({ScorePart::Design, "a runnable design", Verdict::Fail, 0.0, "the design cannot be run."});
    return score;
}

ChallengeScore combineScore(const Challenge& challenge, std::vector<AnswerScore> answers, DesignScore design) {
    ChallengeScore score{std::move(answers), std::move(design), 0.0, ""};
    const ChallengeConstraints& constraints = challenge.constraints;
    const bool hasLatency = std::any_of(constraints.slos.begin(), constraints.slos.end(), [](const Slo& s) { return !s.isAvailability(); });
    const bool hasAvailability = constraints.errorRate || std::any_of(constraints.slos.begin(), constraints.slos.end(), [](const Slo& s) { return s.isAvailability(); });
    const std::array<std::tuple<ScorePart, double, bool>, 5> parts{{{ScorePart::Goodput, challenge.weights.goodput, true},
                                                                   {ScorePart::Latency, challenge.weights.latency, hasLatency},
                                                                   {ScorePart::Availability, challenge.weights.availability, hasAvailability},
                                                                   {ScorePart::Cost, challenge.weights.cost, constraints.budget.has_value()},
                                                                   {ScorePart::Recovery, challenge.weights.recovery, !constraints.survive.empty()}}};
    const bool live = score.design.engine == "analytic";
    double weighted = 0.0, weights = 0.0;
    for (const auto& [part, weight, applies] : parts) {
        if (!applies || weight <= 0.0) continue;
        const auto credit = score.design.partCredit.find(part);
        if (credit == score.design.partCredit.end() && live) continue;  // the simulation checks it
        weighted += weight * (credit == score.design.partCredit.end() ? 0.0 : credit->second);
        weights += weight;
    }
    if (!score.answers.empty() && challenge.weights.estimates > 0.0) {
        double credit = 0.0;
        for (const auto& answer : score.answers) credit += answer.credit;
        weighted += challenge.weights.estimates * credit / double(score.answers.size());
        weights += challenge.weights.estimates;
    }
    score.total = weights > 0.0 ? 100.0 * weighted / weights : 0.0;
    int failed = 0, inconclusive = 0;
    std::string missed;
    for (const auto& check : score.design.checks) {
        if (check.verdict == Verdict::Fail) ++failed;
        if (check.verdict == Verdict::Inconclusive) ++inconclusive;
        if (check.verdict == Verdict::Fail || check.verdict == Verdict::Inconclusive) missed += (missed.empty() ? "" : ", ") + check.name;
    }
    score.summary = std::string(score.design.passed ? "Passed" : "Not passed") + ": " + formatNumber(std::round(score.total), 3) + " of 100";
    if (!score.design.passed) {
        const auto checks = [](int n) { return std::to_string(n) + " check" + (n == 1 ? "" : "s"); };
        std::string why;
        if (failed) why = checks(failed) + " failed";
        if (inconclusive) why += (failed ? " and " + std::to_string(inconclusive) : checks(inconclusive)) + " could not be decided";
        score.summary += ". " + why + " (" + missed + ")";
    }
    if (!score.answers.empty()) {
        const auto full = std::count_if(score.answers.begin(), score.answers.end(), [](const AnswerScore& a) { return a.credit >= 1.0; });
        score.summary += "; estimates: " + std::to_string(full) + " of " + std::to_string(score.answers.size()) + " within ×" + formatNumber(kFullCreditWithin, 3);
    }
    score.summary += ".";
    return score;
}

Json toJson(const ChallengeScore& score) {
    Json json{{"passed", score.design.passed}, {"score", score.total}, {"summary", score.summary}, {"engine", score.design.engine}};
    Json answers = Json::array();
    for (const auto& answer : score.answers) {
        Json item{{"id", answer.id}, {"ask", answer.ask}};
        item["given"] = answer.given ? Json(*answer.given) : Json(nullptr);
        item["value"] = answer.value ? Json(*answer.value) : Json(nullptr);
        item["expected"] = answer.expected.value ? Json(*answer.expected.value) : Json(nullptr);
        item["unit"] = std::string(unitSymbol(answer.expected.unit));
        item["formula"] = answer.expected.formula;
        item["substituted"] = answer.expected.substituted;
        item["credit"] = answer.credit;
        item["explanation"] = answer.explanation;
        answers.push_back(std::move(item));
    }
    json["estimates"] = std::move(answers);
    Json checks = Json::array();
    for (const auto& check : score.design.checks)
        checks.push_back({{"part", scorePartName(check.part)}, {"name", check.name}, {"verdict", verdictName(check.verdict)},
                          {"credit", check.credit}, {"explanation", check.explanation}});
    json["checks"] = std::move(checks);
    Json parts = Json::object();
    for (const auto& [part, credit] : score.design.partCredit) parts[std::string(scorePartName(part))] = credit;
    json["parts"] = std::move(parts);
    json["notes"] = score.design.notes;
    return json;
}

}  // namespace headroom::model
