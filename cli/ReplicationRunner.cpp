// SPDX-License-Identifier: MIT
#include "cli/ReplicationRunner.h"

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <poll.h>
#include <thread>
#include <unistd.h>

#include "cli/WorkerProcess.h"
#include "model/Precision.h"
#include "model/UnitFormat.h"

namespace headroom::cli {
namespace {

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

std::string firstLine(const std::string& text) {
    const auto end = text.find('\n');
    const std::string line = text.substr(0, end);
    return line.empty() ? std::string() : ": " + line;
}

std::unique_ptr<WorkerProcess> startWorker(const ReplicationJob& job, double duration, std::size_t maxInFlight, const std::string& scenarioText,
                                           std::string& error) {
    const std::vector<std::string> arguments{"simulate-replication",
                                             "--index", std::to_string(job.index),
                                             "--seed", std::to_string(job.seed),
                                             "--duration", model::shortestDecimal(duration),
                                             "--warmup", model::shortestDecimal(job.warmup),
                                             "--max-in-flight", std::to_string(maxInFlight)};
    std::string failure;
    auto worker = std::make_unique<WorkerProcess>(workerProgram(), arguments, scenarioText, failure);
    if (!failure.empty()) error = failure;
    return worker;
}

}  // namespace

ReplicationRunner::ReplicationRunner(const SimulateOptions& options, double duration, std::string scenarioText, std::ostream& out, std::ostream& err)
    : m_options(options), m_duration(duration), m_scenarioText(std::move(scenarioText)), m_out(out), m_err(err) {
    m_showBar = !options.progressJsonLines && ::isatty(STDERR_FILENO);
}

std::optional<std::vector<sim::ReplicationRecord>> ReplicationRunner::run(std::span<const ReplicationJob> jobs, const RunProgress& progress,
                                                                          std::string& error) {
    StopSignals signals;
    const int count = int(jobs.size());
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const int parallel = std::clamp(m_options.jobs.value_or(int(cores)), 1, std::max(count, 1));
    m_fraction.assign(jobs.size(), 0.0);
    m_requests.assign(jobs.size(), 0);
    m_done = 0;
    std::map<int, std::unique_ptr<WorkerProcess>> running;  // by slot in `jobs`
    std::vector<std::optional<sim::ReplicationRecord>> records(jobs.size());
    int next = 0;
    while (error.empty()) {
        while (next < count && int(running.size()) < parallel) {
            auto worker = startWorker(jobs[std::size_t(next)], m_duration, m_options.maxInFlight, m_scenarioText, error);
            if (!error.empty()) break;
            running.emplace(next++, std::move(worker));
        }
        if (running.empty() || !error.empty()) break;
        std::vector<pollfd> fds;
        std::vector<int> owners;
        for (auto& [slot, worker] : running) {
            if (worker->outputFd() >= 0) {
                fds.push_back({worker->outputFd(), POLLIN, 0});
                owners.push_back(slot);
            }
            if (worker->errorFd() >= 0) {
                fds.push_back({worker->errorFd(), POLLIN, 0});
                owners.push_back(-1 - slot);
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
            const int slot = owners[f] < 0 ? -1 - owners[f] : owners[f];
            const auto found = running.find(slot);
            if (found == running.end()) continue;  // ended earlier in this round
            WorkerProcess& worker = *found->second;
            if (owners[f] < 0) {
                worker.drainErrors();
                continue;
            }
            for (const auto& line : worker.readLines()) take(std::size_t(slot), line, records, error);
            if (worker.outputFd() < 0) {
                bool succeeded = false;
                const std::string how = worker.wait(succeeded);
                if (!records[std::size_t(slot)] && error.empty())
                    error = "replication " + std::to_string(jobs[std::size_t(slot)].index + 1) + " failed: its worker " + how + firstLine(worker.errors());
                running.erase(slot);
            }
        }
        report(progress);
    }
    for (auto& [slot, worker] : running) worker->terminate();
    running.clear();
    if (m_showBar) m_err << "\r\033[K" << std::flush;
    if (!error.empty()) return std::nullopt;
    std::vector<sim::ReplicationRecord> out;
    for (auto& record : records) {
        m_requestsBefore += record->requests;
        out.push_back(std::move(*record));
    }
    return out;
}

void ReplicationRunner::take(std::size_t slot, const std::string& line, std::vector<std::optional<sim::ReplicationRecord>>& records, std::string& error) {
    const model::Json message = model::Json::parse(line, nullptr, false);
    if (message.is_discarded() || !message.is_object()) return;
    const std::string type = message.value("type", "");
    if (type == "progress") {
        m_fraction[slot] = message.value("fraction", 0.0);
        m_requests[slot] = message.value("requests", std::uint64_t{0});
    } else if (type == "replication") {
        std::string malformed;
        records[slot] = sim::ReplicationRecord::fromJson(message, malformed);
        if (!records[slot]) error = malformed;
        m_fraction[slot] = 1.0;
        m_requests[slot] = records[slot] ? records[slot]->requests : 0;
        ++m_done;
    }
}

void ReplicationRunner::report(const RunProgress& progress, bool force) {
    const double wall = wallSince(m_started);
    if (!force && wall - m_lastReport < kProgressEvery) return;
    m_lastReport = wall;
    // Pilots are counted as a batch of their own: the fraction restarts when the replications begin.
    double replicationsDone = progress.done;
    std::uint64_t requests = m_requestsBefore;
    for (std::size_t i = 0; i < m_fraction.size(); ++i) {
        replicationsDone += m_fraction[i];
        requests += m_requests[i];
    }
    const int planned = progress.pilots ? int(m_fraction.size()) : progress.planned;
    const double fraction = planned > 0 ? std::min(1.0, replicationsDone / planned) : 0.0;
    if (m_options.progressJsonLines) {
        model::Json line{{"type", "progress"},
                         {"fraction", fraction},
                         {"simulated_time", replicationsDone * m_duration},
                         {"requests", requests},
                         {"replications_done", progress.done + m_done},
                         {"replications", planned},
                         {"wall_time", wall}};
        if (progress.pilots) line["phase"] = "warmup";
        if (progress.furthest)
            line["precision"] = {{"class", progress.furthest->requestClass}, {"statistic", progress.furthest->statistic},
                                 {"reached", progress.furthest->reached ? model::Json(*progress.furthest->reached) : model::Json(nullptr)},
                                 {"target", progress.furthest->target}};
        m_out << line.dump() << std::endl;
    } else if (m_showBar) {
        m_err << "\r\033[K";
        if (progress.pilots) m_err << "finding the warm-up: " << int(fraction * 100.0) << "% of " << planned << " pilot runs";
        else
            m_err << "simulating: " << int(fraction * 100.0) << "% (" << progress.done + m_done << " of " << planned << " replications done, " << requests
                  << " requests" << (progress.furthest ? "; " + model::describeLine(*progress.furthest) : std::string()) << ")";
        m_err << std::flush;
    }
}

}  // namespace headroom::cli
