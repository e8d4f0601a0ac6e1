// SPDX-License-Identifier: MIT
#include "model/Validation.h"

#include "model/CountFields.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

#include "model/ChangeOverTimeFormat.h"
#include "model/KeysFormat.h"
#include "model/Defaults.h"
#include "model/Digraph.h"
#include "model/EnumNames.h"
#include "model/JsonReader.h"
#include "model/RangeCheck.h"
#include "model/RateProfile.h"
#include "model/Suggest.h"
#include "model/UnitFormat.h"

namespace headroom::model {
namespace {

/// The operation a class name says, from its words (split at '_', '-' and '.'): "post_comment"
/// writes, "read_feed" reads; none when its words say neither or both.
std::optional<Operation> operationNamedBy(std::string_view name) {
    static constexpr std::array<std::string_view, 16> kWriteWords{"write", "writes", "post", "posts", "create", "update", "delete", "upload",
                                                                   "uploads", "insert", "put", "edit", "publish", "save", "send", "shorten"};
    static constexpr std::array<std::string_view, 14> kReadWords{"read", "reads", "get", "view", "views", "fetch", "browse", "redirect",
                                                                  "redirects", "download", "downloads", "search", "list", "lookup"};
    bool reads = false, writes = false;
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = std::min(name.find_first_of("_-.", start), name.size());
        std::string word(name.substr(start, end - start));
        for (char& c : word) c = char(std::tolower(static_cast<unsigned char>(c)));
        writes = writes || std::find(kWriteWords.begin(), kWriteWords.end(), word) != kWriteWords.end();
        reads = reads || std::find(kReadWords.begin(), kReadWords.end(), word) != kReadWords.end();
        start = end + 1;
    }
    if (reads == writes) return std::nullopt;
    return writes ? Operation::Write : Operation::Read;
}

// Upper bounds that keep a typo from turning into an engine that allocates for billions of
// things (the counts' are in model/CountFields.h). Each is far beyond any real use.
/// Requests per second one client may send at its peak (its rate × its profile's largest
/// factor): the busiest public services serve about 10^5–10^7 a second.
constexpr double kMaxPeakRate = 1e12;

/// "1e+307", for numbers too large to write out.
std::string scientific(double value) {
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%.3g", value);
    return text.data();
}

bool validId(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    });
}

/// What validation needs to know about the scenario as a whole.
struct Index {
    std::map<std::string, std::size_t, std::less<>> byId;  ///< first component with each id
    std::vector<std::string_view> ids;
    std::set<std::string, std::less<>> classes;            ///< request classes the clients send
    std::vector<std::string_view> classList;

    explicit Index(const Scenario& scenario) {
        for (std::size_t i = 0; i < scenario.components.size(); ++i) {
            const Component& component = scenario.components[i];
            byId.emplace(component.id, i);
            ids.push_back(component.id);
            if (component.kind == ComponentKind::Client) classes.insert(classOf(component));
        }
        for (const auto& name : classes) classList.push_back(name);
    }
    [[nodiscard]] const Component* find(const Scenario& scenario, std::string_view id) const {
        const auto it = byId.find(id);
        return it == byId.end() ? nullptr : &scenario.components[it->second];
    }
};

class ScenarioValidator {
public:
    explicit ScenarioValidator(const Scenario& scenario) : m_scenario(scenario), m_index(scenario) {}

    Problems run() {
        if (m_scenario.name.empty()) add("name", "must not be empty");
        checkIds();
        for (std::size_t i = 0; i < m_scenario.components.size(); ++i) checkComponent(m_scenario.components[i], indexPath("components", i));
        checkSyncCycles();
        checkLinks();
        checkSlos();
        validateChangeOverTime(m_scenario, m_problems);
        checkRun();
        if (m_scenario.defaults) check::notNegative(m_problems, "defaults", ".link_latency", m_scenario.defaults->linkLatency);
        if (m_scenario.estimate) validateEstimate(*m_scenario.estimate, "estimate", m_problems);
        for (const auto& [id, position] : m_scenario.layout)
            if (!m_index.find(m_scenario, id))
                warn(childPath("layout", id), "there is no component \"" + id + "\"" + didYouMean(id, m_index.ids));
        return std::move(m_problems);
    }

private:
    void add(std::string path, std::string message) { m_problems.push_back({std::move(path), std::move(message)}); }
    /// A count field within its bounds (model/CountFields.h).
    template <class T>
    void within(const std::string& path, const std::optional<T>& value, const CountField& field) {
        check::within(m_problems, path, "." + std::string(field.name), value, field.minimum, field.maximum);
    }
    void warn(std::string path, std::string message) {
        m_problems.push_back({std::move(path), std::move(message), Problem::Severity::Warning});
    }

    /// The reference `id` at `path` must name a component; returns it.
    const Component* reference(const std::string& path, const std::string& id) {
        if (id.empty()) return nullptr;  // "missing" was reported by the reader
        const Component* target = m_index.find(m_scenario, id);
        if (!target) add(path, "there is no component \"" + id + "\"" + didYouMean(id, m_index.ids));
        return target;
    }

    void checkIds() {
        std::map<std::string, std::size_t, std::less<>> seen;
        for (std::size_t i = 0; i < m_scenario.components.size(); ++i) {
            const std::string& id = m_scenario.components[i].id;
            const std::string path = indexPath("components", i) + ".id";
            if (id.empty()) continue;  // reported as missing by the reader
            if (!validId(id))
                add(path, "\"" + id + "\" may hold only letters, digits, '_', '-' and '.'");
            else if (auto [it, inserted] = seen.emplace(id, i); !inserted)
                add(path, "duplicate id \"" + id + "\" (also " + indexPath("components", it->second) + ")");
        }
    }

    void checkDistribution(const std::string& path, const std::optional<Distribution>& distribution) {
        if (!distribution) return;
        const bool lognormal = distribution->shape == Distribution::Shape::Lognormal;
        // An exponential without a cv is written as a bare duration: its mean's path is the field's.
        const bool bare = distribution->shape == Distribution::Shape::Exponential && !distribution->cv;
        if (!(distribution->mean.value > 0.0))
            add(bare ? path : path + ".mean", "must be more than zero, got " + exactDuration(distribution->mean));
        if (lognormal && !distribution->cv)
            add(path, "a lognormal distribution needs \"cv\", its standard deviation divided by its mean (such as 1.5)");
        if (!lognormal && distribution->cv)
            add(path + ".cv", "\"cv\" applies to a lognormal distribution only (" +
                                  std::string(nameOf(kDistributionNames, distribution->shape)) + " has a fixed spread)");
        if (lognormal) check::within(m_problems, path, ".cv", distribution->cv, 1e-6, 100.0);
    }

    void checkServiceTime(const std::string& path, const std::optional<ServiceTime>& serviceTime) {
        if (!serviceTime) return;
        if (!serviceTime->perOperation()) return checkDistribution(path, serviceTime->all);
        if (!serviceTime->read) add(path + ".read", "missing: give the read service time as well as the write one");
        if (!serviceTime->write) add(path + ".write", "missing: give the write service time as well as the read one");
        checkDistribution(path + ".read", serviceTime->read);
        checkDistribution(path + ".write", serviceTime->write);
    }

    void checkCall(const Component& caller, const Call& call, const std::string& path) {
        const Component* target = reference(path + ".to", call.to);
        if (target == &caller)
            add(path + ".to", "a component cannot call itself");
        else if (target && target->kind == ComponentKind::Client)
            add(path + ".to", "\"" + call.to + "\" is a client: clients send requests and cannot be called");
        if (call.probability && !(*call.probability > 0.0 && *call.probability <= 1.0))
            add(path + ".probability", "must be more than 0 and at most 1, got " + check::show(*call.probability));
        check::within(m_problems, path, ".times", call.times, kCallTimesField.minimum, kCallTimesField.maximum);
        if (call.requestClass && !m_index.classes.contains(*call.requestClass))
            add(path + ".class", "no client sends requests of class \"" + *call.requestClass + "\"" +
                                     didYouMean(*call.requestClass, m_index.classList));
        const bool async = call.mode == CallMode::Async;
        const bool intoMessages = target && traitsOf(target->kind).takesMessages;
        if (async && target && !intoMessages)
            add(path + ".mode", "async calls go into a queue; \"" + call.to + "\" is " + withArticle(target->kind));
        if (async && caller.kind == ComponentKind::Client)
            add(path + ".mode", "a client waits for its reply: its calls are sync");
        if (!async && intoMessages)
            add(path + ".mode", "a call into " + withArticle(target->kind) + " is async (add \"mode\": \"async\")");
        check::notNegative(m_problems, path, ".request_size", call.requestSize);
        check::notNegative(m_problems, path, ".response_size", call.responseSize);
    }

    void checkProfile(const std::string& path, const Profile& profile) {
        if (const auto* spike = std::get_if<SpikeProfile>(&profile)) {
            check::notNegative(m_problems, path, ".at", std::optional(spike->at));
            check::positive(m_problems, path, ".for", std::optional(spike->duration));
            check::notNegative(m_problems, path, ".factor", std::optional(spike->factor));
        } else if (const auto* ramp = std::get_if<RampProfile>(&profile)) {
            check::notNegative(m_problems, path, ".from", std::optional(ramp->from));
            check::notNegative(m_problems, path, ".to", std::optional(ramp->to));
            check::positive(m_problems, path, ".over", std::optional(ramp->over));
        } else if (const auto* diurnal = std::get_if<DiurnalProfile>(&profile)) {
            check::positive(m_problems, path, ".period", std::optional(diurnal->period));
            check::fraction(m_problems, path, ".trough", diurnal->trough);
            if (diurnal->period.value > 0.0 && !(diurnal->peakAt.value >= 0.0 && diurnal->peakAt.value < diurnal->period.value))
                add(path + ".peak_at", "must fall within the period (0 to " + exactDuration(diurnal->period) + "), got " +
                                           exactDuration(diurnal->peakAt));
        } else if (const auto* steps = std::get_if<StepsProfile>(&profile)) {
            if (steps->steps.empty()) add(path + ".steps", "must hold at least one step");
            for (std::size_t i = 0; i < steps->steps.size(); ++i) {
                const std::string stepPath = indexPath(path + ".steps", i);
                check::notNegative(m_problems, stepPath, ".at", std::optional(steps->steps[i].at));
                check::notNegative(m_problems, stepPath, ".factor", std::optional(steps->steps[i].factor));
                if (i > 0 && !(steps->steps[i].at > steps->steps[i - 1].at))
                    add(stepPath + ".at", "steps must be in time order: " + exactDuration(steps->steps[i].at) + " does not come after " +
                                              exactDuration(steps->steps[i - 1].at));
            }
        }
    }

    void checkClient(const Component& client, const std::string& path) {
        const bool open = client.rate.has_value();
        const bool closed = client.users.has_value() || client.thinkTime.has_value();
        if (open && closed)
            add(path + ".users", "a client is open (\"rate\") or closed (\"users\" with \"think_time\"), not both");
        else if (!open && !closed)
            add(path + ".rate", "missing: a client needs a \"rate\" such as \"2000/s\", or \"users\" with a \"think_time\"");
        if (closed && !client.users) add(path + ".users", "missing: a closed client needs a number of users");
        if (closed && !client.thinkTime) add(path + ".think_time", "missing: a closed client needs a think time, such as \"5s\"");
        check::positive(m_problems, path, ".rate", client.rate);
        within(path, client.users, kUsersField);
        check::notNegative(m_problems, path, ".think_time", client.thinkTime);
        if (closed && client.arrivals) add(path + ".arrivals", "arrivals apply to an open client (one with a \"rate\")");
        if (closed && client.profile) add(path + ".profile", "a rate profile applies to an open client (one with a \"rate\")");
        if (client.profile) checkProfile(path + ".profile", *client.profile);
        if (client.rate && client.rate->value > 0.0) {
            // The engines multiply the rate by the profile's factors: a typo such as 1e306 made
            // infinite loads, and a crash in size.
            const double peak = client.rate->value * (client.profile ? peakMultiplier(*client.profile) : 1.0);
            if (!(peak <= kMaxPeakRate))
                add(client.profile ? path + ".profile" : path + ".rate",
                    "the peak rate" + std::string(client.profile ? " (rate × the profile's largest factor)" : "") + " is " +
                        (std::isfinite(peak) ? scientific(peak) + "/s" : std::string("infinite")) +
                        ", more than the 1e+12/s any deployment could serve: is a factor or the rate mistyped?");
        }
        if (client.calls.empty()) add(path + ".calls", "missing: a client must call at least one component");
        checkOperationMatchesClassName(client, path);
    }

    /// A class named "write" (or "post_comment", "upload") whose clients read, because
    /// "operation" was left out and defaults to read, is almost surely a mistake; so is a
    /// "read_feed" declared a write. A name with words of both kinds, or of neither, says nothing.
    void checkOperationMatchesClassName(const Component& client, const std::string& path) {
        const std::string name = classOf(client);
        const std::optional<Operation> named = operationNamedBy(name);
        const Operation declared = client.operation.value_or(Operation::Read);
        if (!named || *named == declared) return;
        const std::string_view said = nameOf(kOperationNames, *named);
        warn(path + ".operation", "class \"" + name + "\" sounds like " + std::string(said) + "s, but its clients " +
                                      (client.operation ? "are declared to " + std::string(nameOf(kOperationNames, declared))
                                                        : std::string("read (\"operation\" defaults to read)")) +
                                      ": set \"operation\": \"" + std::string(said) + "\" if they " + std::string(said));
    }

    void checkCost(const std::string& path, const std::optional<Cost>& cost) {
        if (!cost) return;
        check::notNegative(m_problems, path, ".per_instance_hour", cost->perInstanceHour);
        check::notNegative(m_problems, path, ".per_request", cost->perRequest);
        check::notNegative(m_problems, path, ".per_gb_second", cost->perGbSecond);
        if (cost->instanceType && !findInstancePrice(*cost->instanceType)) {
            std::vector<std::string_view> types;
            for (const auto& price : instancePrices()) types.push_back(price.type);
            add(path + ".instance_type", "no price is known for \"" + *cost->instanceType + "\" (known: " + joinAlternatives(types, " and ") +
                                             "; or give \"per_instance_hour\")" + didYouMean(*cost->instanceType, types));
        }
        if (cost->instanceType && cost->perInstanceHour)
            add(path + ".per_instance_hour", "give an \"instance_type\" or a \"per_instance_hour\" price, not both");
    }

    void checkComponent(const Component& component, const std::string& path) {
        within(path, component.instances, kInstancesField);
        within(path, component.cores, kCoresField);
        within(path, component.workers, kWorkersField);
        within(path, component.queueCapacity, kQueueCapacityField);
        check::positive(m_problems, path, ".timeout", component.timeout);
        checkServiceTime(path + ".service_time", component.serviceTime);
        checkKindFields(component, path);
        // Calls and cost come last in a component, as in the file.
        for (std::size_t i = 0; i < component.calls.size(); ++i) checkCall(component, component.calls[i], indexPath(path + ".calls", i));
        checkCost(path + ".cost", component.cost);
    }

    /// The fields of a kind's own (the reader admits each on its kinds only, so a field that is
    /// there belongs), then what a kind needs of its neighbours.
    void checkKindFields(const Component& component, const std::string& path) {
        if (component.kind == ComponentKind::Client) {
            checkClient(component, path);
            return;
        }
        check::fraction(m_problems, path, ".hit_ratio", component.hitRatio);
        validateKeyFields(component, path, m_problems);
        // What the engines need and no source supplies, listed with the rest rather than after
        // them (issue 15: problems arrived in waves, the engines' after the file's).
        if (!component.serviceTime && !traitsOf(component.kind).defaultService) add(path + ".service_time", missingServiceTime(component.kind));
        if (traitsOf(component.kind).answersHits && !component.hitRatio && !component.keys) add(path + ".hit_ratio", missingHitRatio(component.kind));
        if (traitsOf(component.kind).answersHits && component.calls.empty() && component.hitRatio.value_or(0.0) < 1.0)
            add(path + ".calls", "missing: " + withArticle(component.kind) + " calls its origin on a miss");
        if (component.kind == ComponentKind::LoadBalancer && component.calls.empty())
            add(path + ".calls", "missing: a load balancer calls the component it spreads requests over");
        if (component.weights && component.algorithm != LbAlgorithm::WeightedRoundRobin)
            add(path + ".weights", "weights apply to the weighted_round_robin algorithm only");
        if (component.algorithm == LbAlgorithm::WeightedRoundRobin && !component.weights)
            add(path + ".weights", "missing: weighted_round_robin needs one weight per instance it spreads over");
        if (component.weights)
            for (std::size_t i = 0; i < component.weights->size(); ++i)
                check::positive(m_problems, indexPath(path + ".weights", i), "", std::optional((*component.weights)[i]));
        check::positive(m_problems, path, ".rate_limit", component.rateLimit);
        within(path, component.concurrency, kConcurrencyField);
        if (component.coldStart) {
            check::notNegative(m_problems, path, ".cold_start.latency", std::optional(component.coldStart->latency));
            check::fraction(m_problems, path, ".cold_start.probability", component.coldStart->probability);
        }
        check::positive(m_problems, path, ".memory", component.memory);
        within(path, component.shards, kShardsField);
        within(path, component.replicas, kReplicasField);
        if (component.readFrom == ReadFrom::Replicas && component.replicas.value_or(0) < 1)
            add(path + ".read_from", "reads from replicas need \"replicas\" of at least 1");
        within(path, component.partitions, kPartitionsField);
        if (component.kind == ComponentKind::Queue && !component.consumers)
            add(path + ".consumers", "missing: a queue needs consumers, or its messages pile up forever");
        if (component.consumers) {
            const Component* consumer = reference(path + ".consumers.component", component.consumers->component);
            if (consumer && (consumer->kind == ComponentKind::Client || consumer->kind == ComponentKind::Queue))
                add(path + ".consumers.component", "\"" + consumer->id + "\" is " + withArticle(consumer->kind) + ", which cannot consume messages");
            check::within(m_problems, path, ".consumers.workers", std::optional(component.consumers->workers), kWorkersField.minimum, kWorkersField.maximum);
        }
    }

    /// A cycle of sync calls would make a request wait on itself forever; report the call that
    /// closes each cycle, with the cycle spelled out. Iterative, so that a chain of thousands
    /// of components cannot exhaust the stack.
    void checkSyncCycles() {
        // The sync calls between distinct known components, as a graph; each edge remembers its call.
        std::vector<std::pair<std::size_t, std::size_t>> edges;
        std::vector<std::pair<std::size_t, std::size_t>> callOf;  // per edge: (component, call)
        for (std::size_t i = 0; i < m_scenario.components.size(); ++i) {
            const auto& calls = m_scenario.components[i].calls;
            for (std::size_t c = 0; c < calls.size(); ++c) {
                if (calls[c].mode == CallMode::Async) continue;
                const auto it = m_index.byId.find(calls[c].to);
                if (it == m_index.byId.end() || it->second == i) continue;  // reported elsewhere
                edges.emplace_back(i, it->second);
                callOf.emplace_back(i, c);
            }
        }
        const Digraph graph = Digraph::fromEdges(m_scenario.components.size(), edges);
        // A component whose id repeats an earlier one's is reported elsewhere; calls reach the first.
        std::vector<std::size_t> roots;
        for (std::size_t i = 0; i < m_scenario.components.size(); ++i)
            if (m_index.byId.find(m_scenario.components[i].id)->second == i) roots.push_back(i);
        const auto onCycle = [&](std::size_t from, std::size_t edge, std::span<const std::size_t> path) {
            const auto [component, c] = callOf[edge];  // the edges came in caller order: same indices
            const std::size_t target = graph.targets[edge];
            std::string cycle;
            for (auto at = std::find(path.begin(), path.end(), target); at != path.end(); ++at) cycle += m_scenario.components[*at].id + " → ";
            add(indexPath(indexPath("components", from) + ".calls", c) + ".to", "sync call cycle: " + cycle + m_scenario.components[component].calls[c].to);
        };
        depthFirst(graph, std::span<const std::size_t>(roots), onCycle, [](std::size_t) {}, [] {});
    }

    /// The unordered pairs of components that talk: a call either way, or a queue delivering to its consumer.
    std::set<std::pair<std::string_view, std::string_view>> talkingPairs() const {
        std::set<std::pair<std::string_view, std::string_view>> pairs;
        const auto add = [&](std::string_view a, std::string_view b) { pairs.insert(std::minmax(a, b)); };
        for (const auto& component : m_scenario.components) {
            for (const auto& call : component.calls) add(component.id, call.to);
            if (component.consumers) add(component.id, component.consumers->component);
        }
        return pairs;
    }

    void checkLinks() {
        const auto talking = talkingPairs();
        std::map<std::pair<std::string, std::string>, std::size_t> seen;
        for (std::size_t i = 0; i < m_scenario.links.size(); ++i) {
            const Link& link = m_scenario.links[i];
            const std::string path = indexPath("links", i);
            const Component* from = reference(path + ".from", link.from);
            const Component* to = reference(path + ".to", link.to);
            check::notNegative(m_problems, path, ".latency", link.latency);
            check::positive(m_problems, path, ".bandwidth", link.bandwidth);
            if (!link.latency && !link.bandwidth) add(path, "a link needs a \"latency\", a \"bandwidth\", or both");
            if (!from || !to) continue;
            if (from == to) {
                add(path + ".to", "a link joins two different components");
                continue;
            }
            if (!talking.contains(std::minmax(std::string_view(link.from), std::string_view(link.to))))
                warn(path, "neither \"" + link.from + "\" nor \"" + link.to + "\" calls the other directly, so no call uses this link");
            const auto key = std::minmax(link.from, link.to);
            if (auto [it, inserted] = seen.emplace(std::pair{key.first, key.second}, i); !inserted)
                add(path, "a second link between \"" + link.from + "\" and \"" + link.to + "\" (also " + indexPath("links", it->second) + ")");
        }
    }

    void checkSlos() {
        for (std::size_t i = 0; i < m_scenario.slos.size(); ++i) {
            const Slo& slo = m_scenario.slos[i];
            const std::string path = indexPath("slo", i);
            if (!slo.requestClass.empty() && !m_index.classes.contains(slo.requestClass))
                add(path + ".class", "no client sends requests of class \"" + slo.requestClass + "\"" +
                                         didYouMean(slo.requestClass, m_index.classList));
            if (slo.availability) {
                if (!(*slo.availability > 0.0 && *slo.availability < 1.0))
                    add(path + ".availability", "must be more than 0 % and less than 100 %, got " + shortestDecimal(*slo.availability * 100.0) + " %");
                continue;
            }
            if (!(slo.percentile > 0.0 && slo.percentile < 100.0))
                add(path + ".percentile", "must be more than 0 and less than 100, got " + check::show(slo.percentile));
            check::positive(m_problems, path, ".latency", std::optional(slo.latency));
        }
    }

    void checkRun() {
        if (!m_scenario.run) return;
        const RunSettings& run = *m_scenario.run;
        check::positive(m_problems, "run", ".duration", run.duration);
        check::notNegative(m_problems, "run", ".warmup", run.warmup);
        if (run.duration && run.warmup && run.duration->value > 0.0)
            if (auto problem = warmupProblem(*run.warmup, *run.duration)) m_problems.push_back(std::move(*problem));
        check::within(m_problems, "run", ".replications", run.replications, kReplicationsField.minimum, kReplicationsField.maximum);
        for (const auto& target : run.precision)
            if (!(target.relative > 0.0 && target.relative < 1.0))
                add("run.precision." + std::string(nameOf(kPrecisionStatisticNames, target.statistic)),
                    "must be a relative half-width above 0 and below 100%, such as \"2%\", got " + check::show(target.relative));
        check::within(m_problems, "run", ".max_replications", run.maxReplications, 2.0, kReplicationsField.maximum);
        if (run.maxReplications && run.replications && *run.maxReplications < *run.replications)
            add("run.max_replications", "must be at least run.replications (" + std::to_string(*run.replications) + "), got " +
                                            std::to_string(*run.maxReplications));
        if (run.maxReplications && run.precision.empty())
            add("run.max_replications", "caps a precision-targeted run; give run.precision too, such as {\"p99\": \"2%\"}");
    }

    const Scenario& m_scenario;
    Index m_index;
    Problems m_problems;
};

}  // namespace

std::optional<Problem> warmupProblem(Seconds warmup, Seconds duration) {
    if (warmup.value < duration.value) return std::nullopt;
    return Problem{"run.warmup", "must be shorter than the run's duration (" + exactDuration(duration) + "), got " + exactDuration(warmup)};
}

std::string missingServiceTime(ComponentKind kind) {
    return "missing: the engines need the time " + withArticle(kind) + " takes per request, such as \"4ms\" (no sourced default exists for this kind)";
}

std::string missingHitRatio(ComponentKind kind) {
    return "missing: the engines need the fraction of requests " + withArticle(kind) + " answers itself, or its keys and size to work it out (\"keys\", \"capacity\")";
}

std::string classOf(const Component& client) { return client.requestClass.value_or(client.id); }

Problems validate(const Scenario& scenario) { return ScenarioValidator(scenario).run(); }

}  // namespace headroom::model
