// SPDX-License-Identifier: MIT
#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <poll.h>
#include <span>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "analytic/ScenarioAnalysis.h"
#include "cli/AnalysisReport.h"
#include "cli/Commands.h"
#include "cli/ProblemReport.h"
#include "cli/ReplicationRuns.h"
#include "cli/Run.h"
#include "cli/WorkerProcess.h"
#include "model/Plan.h"
#include "model/RateProfile.h"
#include "model/ScenarioWriter.h"
#include "model/UnitFormat.h"
#include "sim/RunOptions.h"
#include "sim/SimulationSummary.h"

namespace headroom::cli {
namespace {

/// Visits to components a run may simulate before it is refused as too long; at the simulator's
/// measured few hundred thousand visits per second per core (bench/bench_simulator), about two
/// hours of computing on one core. --allow-long lifts it.
constexpr double kMaxVisits = 2e9;
/// Visits per second per core that the estimate of a run's duration assumes (bench/bench_simulator:
/// 3 × 163 K requests/s through three tiers on this project's reference machine).
constexpr double kVisitsPerSecond = 4e5;
/// Progress lines at most this often (wall seconds).
constexpr double kProgressEvery = 0.2;

// SIGTERM and SIGINT write to this pipe, which the event loop polls.
int g_signalPipe[2] = {-1, -1};

extern "C" void onStopSignal(int) {
    const char byte = 1;
    [[maybe_unused]] auto ignored = ::write(g_signalPipe[1], &byte, 1);
}

/// Installs the stop handlers for as long as it lives.
class StopSignals {
public:
    StopSignals() {
        if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) g_signalPipe[0] = g_signalPipe[1] = -1;
        struct sigaction action {};
        action.sa_handler = onStopSignal;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGTERM, &action, &m_term);
        ::sigaction(SIGINT, &action, &m_int);
    }
    ~StopSignals() {
        ::sigaction(SIGTERM, &m_term, nullptr);
        ::sigaction(SIGINT, &m_int, nullptr);
        for (int& fd : g_signalPipe) {
            if (fd >= 0) ::close(fd);
            fd = -1;
        }
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    struct sigaction m_term {};
    struct sigaction m_int {};
};

/// The executable that runs a replication: this one, unless HEADROOM_WORKER names another.
std::string workerProgram() {
    if (const char* worker = std::getenv("HEADROOM_WORKER"); worker && *worker) return worker;
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::string("headroom-cli") : self.string();
}

double wallSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Runs the replications in worker processes, a few at a time, and collects their records.
class ReplicationRunner {
public:
    ReplicationRunner(const SimulateOptions& options, const sim::RunOptions& run, std::string scenarioText, std::ostream& out, std::ostream& err)
        : m_options(options), m_run(run), m_scenarioText(std::move(scenarioText)), m_out(out), m_err(err),
          m_fraction(std::size_t(run.replications), 0.0), m_requests(std::size_t(run.replications), 0) {
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        m_parallel = std::clamp(options.jobs.value_or(int(cores)), 1, run.replications);
        m_showBar = !options.progressJsonLines && ::isatty(STDERR_FILENO);
    }

    /// The records in index order, or nothing with `error` set.
    std::optional<std::vector<sim::ReplicationRecord>> run(std::string& error) {
        StopSignals signals;
        std::map<int, std::unique_ptr<WorkerProcess>> running;
        std::vector<std::optional<sim::ReplicationRecord>> records(std::size_t(m_run.replications));
        int next = 0;
        while (error.empty()) {
            while (next < m_run.replications && int(running.size()) < m_parallel) {
                auto worker = start(next, error);
                if (!error.empty()) break;
                running.emplace(next++, std::move(worker));
            }
            if (running.empty() || !error.empty()) break;
            std::vector<pollfd> fds;
            std::vector<int> owners;
            for (auto& [index, worker] : running) {
                if (worker->outputFd() >= 0) {
                    fds.push_back({worker->outputFd(), POLLIN, 0});
                    owners.push_back(index);
                }
                if (worker->errorFd() >= 0) {
                    fds.push_back({worker->errorFd(), POLLIN, 0});
                    owners.push_back(-1 - index);
                }
            }
            fds.push_back({g_signalPipe[0], POLLIN, 0});
            if (::poll(fds.data(), fds.size(), 250) < 0 && errno != EINTR) {
                error = "cannot wait for the worker processes";
                break;
            }
            if (fds.back().revents & POLLIN) {
                error = "cancelled";
                break;
            }
            for (std::size_t f = 0; f + 1 < fds.size(); ++f) {
                if (!(fds[f].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                const int index = owners[f] < 0 ? -1 - owners[f] : owners[f];
                const auto found = running.find(index);
                if (found == running.end()) continue;  // ended earlier in this round
                WorkerProcess& worker = *found->second;
                if (owners[f] < 0) {
                    worker.drainErrors();
                    continue;
                }
                for (const auto& line : worker.readLines()) take(index, line, records, error);
                if (worker.outputFd() < 0) {
                    bool succeeded = false;
                    const std::string how = worker.wait(succeeded);
                    if (!records[std::size_t(index)] && error.empty())
                        error = "replication " + std::to_string(index + 1) + " failed: its worker " + how + firstLine(worker.errors());
                    running.erase(index);
                }
            }
            report();
        }
        for (auto& [index, worker] : running) worker->terminate();
        running.clear();
        if (m_showBar) m_err << "\r\033[K" << std::flush;
        if (!error.empty()) return std::nullopt;
        std::vector<sim::ReplicationRecord> out;
        for (auto& record : records) out.push_back(std::move(*record));
        return out;
    }

private:
    static std::string firstLine(const std::string& text) {
        const auto end = text.find('\n');
        const std::string line = text.substr(0, end);
        return line.empty() ? std::string() : ": " + line;
    }

    std::unique_ptr<WorkerProcess> start(int index, std::string& error) {
        const std::vector<std::string> arguments{"simulate-replication",
                                                 "--index", std::to_string(index),
                                                 "--seed", std::to_string(sim::replicationSeed(m_run.seed, index)),
                                                 "--duration", model::shortestDecimal(m_run.duration),
                                                 "--warmup", model::shortestDecimal(m_run.warmup),
                                                 "--max-in-flight", std::to_string(m_options.maxInFlight)};
        std::string failure;
        auto worker = std::make_unique<WorkerProcess>(workerProgram(), arguments, m_scenarioText, failure);
        if (!failure.empty()) error = failure;
        return worker;
    }

    void take(int index, const std::string& line, std::vector<std::optional<sim::ReplicationRecord>>& records, std::string& error) {
        const model::Json message = model::Json::parse(line, nullptr, false);
        if (message.is_discarded() || !message.is_object()) return;
        const std::string type = message.value("type", "");
        if (type == "progress") {
            m_fraction[std::size_t(index)] = message.value("fraction", 0.0);
            m_requests[std::size_t(index)] = message.value("requests", std::uint64_t{0});
        } else if (type == "replication") {
            std::string malformed;
            records[std::size_t(index)] = sim::ReplicationRecord::fromJson(message, malformed);
            if (!records[std::size_t(index)]) error = malformed;
            m_fraction[std::size_t(index)] = 1.0;
            m_requests[std::size_t(index)] = records[std::size_t(index)] ? records[std::size_t(index)]->requests : 0;
            ++m_done;
        }
    }

    void report() {
        const double wall = wallSince(m_started);
        if (wall - m_lastReport < kProgressEvery) return;
        m_lastReport = wall;
        double fraction = 0.0;
        std::uint64_t requests = 0;
        for (std::size_t i = 0; i < m_fraction.size(); ++i) {
            fraction += m_fraction[i] / double(m_fraction.size());
            requests += m_requests[i];
        }
        if (m_options.progressJsonLines) {
            m_out << model::Json{{"type", "progress"},
                                 {"fraction", fraction},
                                 {"simulated_time", fraction * m_run.duration * m_run.replications},
                                 {"requests", requests},
                                 {"replications_done", m_done},
                                 {"replications", m_run.replications},
                                 {"wall_time", wall}}
                         .dump()
                  << std::endl;
        } else if (m_showBar) {
            m_err << "\r\033[Ksimulating: " << int(fraction * 100.0) << "% (" << m_done << " of " << m_run.replications
                  << " replications done, " << requests << " requests)" << std::flush;
        }
    }

    const SimulateOptions& m_options;
    const sim::RunOptions& m_run;
    std::string m_scenarioText;
    std::ostream& m_out;
    std::ostream& m_err;
    int m_parallel = 1;
    bool m_showBar = false;
    std::vector<double> m_fraction;
    std::vector<std::uint64_t> m_requests;
    int m_done = 0;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
    double m_lastReport = -kProgressEvery;
};

/// Visits per second of simulated time, from the analytic engine's arrival rates (at the rate
/// profiles' base rates).
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
    return model::everySloMet(result) && result.stable ? Done : SloNotMet;
}

}  // namespace

namespace {

std::optional<std::vector<sim::ReplicationRecord>> runRecords(const model::Scenario& scenario, const sim::RunOptions& run, const SimulateOptions& options,
                                                              std::ostream& out, std::ostream& err, std::string& error) {
    ReplicationRunner runner(options, run, model::toText(scenario), out, err);
    return runner.run(error);
}

model::RunResult summarized(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run,
                            std::span<const sim::ReplicationRecord> records) {
    model::RunInfo info{run.duration, run.warmup, run.seed, int(records.size()), 0};
    for (const auto& record : records) info.requests += record.requests;
    return sim::summarizeReplications(scenario, plan, records, info);
}

}  // namespace

std::optional<model::RunResult> simulateReplications(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run,
                                                     const SimulateOptions& options, std::ostream& out, std::ostream& err, std::string& error) {
    const auto records = runRecords(scenario, run, options, out, err, error);
    if (!records) return std::nullopt;
    return summarized(scenario, plan, run, *records);
}

std::optional<ReplicatedRun> simulateEachReplication(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run,
                                                     const SimulateOptions& options, std::ostream& out, std::ostream& err, std::string& error) {
    const auto records = runRecords(scenario, run, options, out, err, error);
    if (!records) return std::nullopt;
    ReplicatedRun result{summarized(scenario, plan, run, *records), {}};
    for (std::size_t i = 0; i < records->size(); ++i) result.replications.push_back(summarized(scenario, plan, run, std::span(*records).subspan(i, 1)));
    return result;
}

}  // namespace headroom::cli
