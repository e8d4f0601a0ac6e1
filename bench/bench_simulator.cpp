// SPDX-License-Identifier: MIT
// Simulated requests per wall second and peak memory of Headroom's simulator (SimGrid) side by
// side with a plain C++ event loop (PlainEventLoop.h) on the same two systems:
//   M/M/1: λ = 8/s into one station of 100 ms (ρ = 0.8);
//   three tiers: λ = 8/s → load balancer (20 ms) → 4 app instances (400 ms, ρ = 0.8 each) → database
//   (100 ms, ρ = 0.8), 1 ms links each way between tiers.
// Each measurement runs in a child process of its own (SimGrid runs once per process) and its
// peak memory is that child's maximum resident set.
//
// Then the cost of change over time (issue 16): the three tiers beside the same three tiers with
// a retry policy (3 attempts, 10 % budget) on the balancer's call, a circuit breaker on the app's
// call, a 20 s timeout on the app, a health-checked balancer, one app instance crashed for 1 % of
// the run and 5 ms added between app and database for 10 % of it.
//
//   build-rel/bench/bench_simulator            10^5, 10^6 and 10^7 requests
//   build-rel/bench/bench_simulator 1000000    one size
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "PlainEventLoop.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"
#include "sim/Simulation.h"

namespace {

constexpr double kRate = 8.0;

std::vector<bench::Tier> plainTiers(bool chain) {
    if (!chain) return {{1, 0.1, 0.0}};
    // The scenario's links cost 1 ms each way; the plain loop adds both ways before the tier.
    return {{1, 0.02, 0.0}, {4, 0.4, 0.002}, {1, 0.1, 0.002}};
}

std::string scenarioText(bool chain, double duration) {
    const std::string run = R"("run": {"duration": ")" + std::to_string(duration) + R"(s", "warmup": "0s", "seed": 1, "replications": 1})";
    if (!chain)
        return R"({"format": "headroom-scenario", "version": 1, "name": "M/M/1", "components": [
            {"id": "users", "kind": "client", "rate": "8/s", "calls": [{"to": "s"}]},
            {"id": "s", "kind": "service", "workers": 1, "service_time": "100ms"}], )" + run + "}";
    // Processor sharing (no worker limit) has the FIFO station's mean, and a tier does not hold
    // a worker while the next one serves: the same means as the plain tandem.
    return R"({"format": "headroom-scenario", "version": 1, "name": "three tiers", "components": [
        {"id": "users", "kind": "client", "rate": "8/s", "calls": [{"to": "lb"}]},
        {"id": "lb", "kind": "load_balancer", "algorithm": "random", "service_time": "20ms", "calls": [{"to": "app"}]},
        {"id": "app", "kind": "service", "instances": 4, "service_time": "400ms", "calls": [{"to": "db"}]},
        {"id": "db", "kind": "service", "service_time": "100ms"}],
        "links": [{"from": "lb", "to": "app", "latency": "1ms"}, {"from": "app", "to": "db", "latency": "1ms"}], )" + run + "}";
    // (for profiling: HEADROOM_BENCH_NO_LINKS=1 drops the links)
}

/// The three tiers with retries, a breaker, a timeout, health checks and two faults.
std::string resilientText(double duration) {
    std::string text = scenarioText(true, duration);
    const auto put = [&](const std::string& what, const std::string& with) { text.replace(text.find(what), what.size(), with); };
    put(R"("version": 1)", R"("version": 2)");
    put(R"("algorithm": "random", "service_time": "20ms", "calls": [{"to": "app"}])",
        R"("algorithm": "random", "service_time": "20ms", "health_check": {"interval": "10s"},
           "calls": [{"to": "app", "retry": {"attempts": 3, "budget": 0.1}}])");
    put(R"("service_time": "400ms", "calls": [{"to": "db"}])", R"("service_time": "400ms", "timeout": "20s", "calls": [{"to": "db", "circuit_breaker": {}}])");
    const auto at = [&](double fraction) { return std::to_string(duration * fraction) + "s"; };
    put(R"("run": {)", R"("events": [
        {"at": ")" + at(0.4) + R"(", "fault": "crash", "component": "app", "for": ")" + at(0.01) + R"("},
        {"at": ")" + at(0.6) + R"(", "fault": "latency", "from": "app", "to": "db", "add": "5ms", "for": ")" + at(0.1) + R"("}],
        "run": {)");
    return text;
}

/// In the child: one measurement; prints "completed mean".
int child(const std::string& engine, bool chain, std::uint64_t requests) {
    if (engine == "plain") {
        const auto result = bench::runPlainChain(plainTiers(chain), kRate, requests, 1);
        std::printf("%llu %.6f\n", static_cast<unsigned long long>(result.completed), result.meanResponse);
        return 0;
    }
    std::string text = engine == "resilient" ? resilientText(double(requests) / kRate) : scenarioText(chain, double(requests) / kRate);
    if (std::getenv("HEADROOM_BENCH_NO_LINKS"))
        text.replace(text.find(R"("links")"), text.find("], ", text.find(R"("links")")) + 3 - text.find(R"("links")"), "");
    auto loaded = headroom::model::loadScenarioText(text);
    if (!loaded.scenario) return 2;
    const auto compiled = headroom::model::compilePlan(*loaded.scenario);
    headroom::sim::ReplicationSettings settings;
    settings.seed = 1;
    settings.duration = double(requests) / kRate;
    settings.warmup = 0.0;
    settings.maxInFlight = 1'000'000;
    const auto record = headroom::sim::simulateReplication(*compiled.plan, settings);
    std::printf("%llu %.6f\n", static_cast<unsigned long long>(record.classes[0].completed), record.classes[0].latency->mean().value_or(0.0));
    return 0;
}

struct Measured {
    double wall = 0.0;
    double peakMiB = 0.0;
    std::uint64_t completed = 0;
    double mean = 0.0;
};

Measured measure(const char* self, const std::string& engine, bool chain, std::uint64_t requests) {
    int out[2];
    if (::pipe(out) != 0) std::exit(1);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        const std::string n = std::to_string(requests);
        ::execl(self, self, "--child", engine.c_str(), chain ? "chain" : "mm1", n.c_str(), nullptr);
        ::_exit(127);
    }
    ::close(out[1]);
    char buffer[256] = {};
    const ssize_t got = ::read(out[0], buffer, sizeof buffer - 1);
    ::close(out[0]);
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    Measured m;
    m.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.peakMiB = double(usage.ru_maxrss) / 1024.0;
    unsigned long long completed = 0;
    if (got > 0) std::sscanf(buffer, "%llu %lf", &completed, &m.mean);
    m.completed = completed;
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 5 && std::strcmp(argv[1], "--child") == 0) return child(argv[2], std::strcmp(argv[3], "chain") == 0, std::stoull(argv[4]));
    std::vector<std::uint64_t> sizes{100'000, 1'000'000, 10'000'000};
    if (argc == 2) sizes = {std::stoull(argv[1])};
    std::printf("%-11s %10s | %-33s | %-33s | %s\n", "system", "requests", "plain C++ loop: s, req/s, MiB", "Headroom on SimGrid: s, req/s, MiB",
                "ratio");
    for (const bool chain : {false, true}) {
        for (const auto n : sizes) {
            const Measured plain = measure(argv[0], "plain", chain, n);
            const Measured sim = measure(argv[0], "headroom", chain, n);
            std::printf("%-11s %10llu | %7.2f %10.0f %6.1f (mean %.3f) | %7.2f %10.0f %6.1f (mean %.3f) | %5.1f×\n", chain ? "three tiers" : "M/M/1",
                        static_cast<unsigned long long>(n), plain.wall, double(plain.completed) / plain.wall, plain.peakMiB, plain.mean, sim.wall,
                        double(sim.completed) / sim.wall, sim.peakMiB, sim.mean, sim.wall / plain.wall);
            std::fflush(stdout);
        }
    }
    std::printf("theory: M/M/1 mean 0.5 s; three tiers 0.02/0.84 + 0.4/0.2 + 0.1/0.2 + 2 × 0.002 = 2.528 s\n\n");
    std::printf("%-11s %10s | %-33s | %-33s | %s\n", "system", "requests", "steady: s, req/s, MiB", "faults, retries, breaker: s, req/s, MiB", "ratio");
    for (const auto n : sizes) {
        const Measured steady = measure(argv[0], "headroom", true, n);
        const Measured resilient = measure(argv[0], "resilient", true, n);
        std::printf("%-11s %10llu | %7.2f %10.0f %6.1f (mean %.3f) | %7.2f %10.0f %6.1f (mean %.3f) | %5.2f×\n", "three tiers", static_cast<unsigned long long>(n),
                    steady.wall, double(steady.completed) / steady.wall, steady.peakMiB, steady.mean, resilient.wall,
                    double(resilient.completed) / resilient.wall, resilient.peakMiB, resilient.mean, resilient.wall / steady.wall);
        std::fflush(stdout);
    }
}
