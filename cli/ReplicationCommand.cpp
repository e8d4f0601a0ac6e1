// SPDX-License-Identifier: MIT
#include <chrono>
#include <iostream>
#include <iterator>
#include <ostream>

#include "cli/Commands.h"
#include "cli/ProblemReport.h"
#include "cli/Run.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"
#include "sim/Simulation.h"

namespace headroom::cli {
namespace {

/// Progress lines at most this often (wall seconds): enough for a live bar, cheap to parse.
constexpr double kProgressEvery = 0.1;

/// The most a worker reads on its input, as for a scenario file.
constexpr std::size_t kMaxInput = 16u << 20;

}  // namespace

int replicationCommand(const ReplicationOptions& options, std::ostream& out, std::ostream& err) {
    std::string text;
    {
        char buffer[65536];
        while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
            text.append(buffer, std::size_t(std::cin.gcount()));
            if (text.size() > kMaxInput) {
                err << "headroom-cli: the scenario on standard input is larger than 16 MiB\n";
                return UsageError;
            }
        }
    }
    model::Loaded loaded = model::loadScenarioText(text);
    if (!loaded.scenario) {
        printProblems(err, "<stdin>", loaded.problems);
        return ScenarioProblems;
    }
    const model::Compiled compiled = model::compilePlan(*loaded.scenario);
    if (!compiled.plan) {
        printProblems(err, "<stdin>", compiled.problems);
        return ScenarioProblems;
    }
    sim::ReplicationSettings settings;
    settings.index = options.index;
    settings.seed = options.seed;
    settings.duration = options.duration;
    settings.warmup = options.warmup;
    settings.maxInFlight = options.maxInFlight;
    const auto started = std::chrono::steady_clock::now();
    double lastReport = -kProgressEvery;
    settings.onProgress = [&](const sim::Progress& progress) {
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (wall - lastReport >= kProgressEvery) {
            lastReport = wall;
            out << model::Json{{"type", "progress"},
                               {"replication", options.index},
                               {"simulated_time", progress.simulatedTime},
                               {"fraction", progress.fraction},
                               {"requests", progress.requests}}
                       .dump()
                << std::endl;
        }
        return true;
    };
    try {
        const sim::ReplicationRecord record = sim::simulateReplication(*compiled.plan, settings);
        out << record.toJson().dump() << std::endl;
    } catch (const std::exception& e) {
        err << "headroom-cli: the simulation failed: " << e.what() << '\n';
        return RunFailed;
    }
    return Done;
}

}  // namespace headroom::cli
