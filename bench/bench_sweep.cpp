// SPDX-License-Identifier: MIT
// Sweeps, what the user waits for (issue 19): `headroom-cli sweep` of 200 points analyzed (the
// whole command, in process: every point's scenario rebuilt through the loader, compiled, solved,
// the knee found, the JSON printed), beside its baseline in the same run: the analytic engine
// alone on the unchanged scenario 200 times. Run by hand:
//   build/bench/bench_sweep
#include <cstdio>
#include <sstream>

#include "analytic/ScenarioAnalysis.h"
#include "bench/MedianTime.h"
#include "cli/Run.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"

using namespace headroom;

int main() {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    struct Case {
        const char* file;
        const char* vary;
    };
    const Case cases[] = {
        {"url-shortener", "rate=1K/s..60K/s:200"},
        {"read-heavy-api", "rate=100/s..3900/s:200"},
        {"news-feed", "components[feed_service].instances=1..200:200"},
        {"stack-overflow", "rate=100/s..10K/s:200"},
    };
    std::printf("200-point analytic sweep, median ms (1 s each): the whole command beside 200 solves of the unchanged scenario\n");
    std::printf("%-16s %-44s %10s %14s\n", "scenario", "--vary", "sweep", "200 × analyze");
    for (const Case& c : cases) {
        const std::string file = std::string(HEADROOM_SOURCE_DIR "/scenarios/") + c.file + ".headroom.json";
        const auto loaded = model::loadScenarioText(*model::readTextFile(file));
        const auto compiled = model::compilePlan(*loaded.scenario);
        const double sweep = medianMicroseconds([&] {
            std::ostringstream out, err;
            if (cli::run({"sweep", "--json", "--vary", c.vary, file}, out, err) != 0) std::fprintf(stderr, "%s", err.str().c_str());
        }, 1.0) / 1000.0;
        const double solves = medianMicroseconds([&] {
            for (int i = 0; i < 200; ++i) (void)analytic::analyze(*loaded.scenario, *compiled.plan);
        }, 1.0) / 1000.0;
        std::printf("%-16s %-44s %10.1f %14.1f\n", c.file, c.vary, sweep, solves);
    }
    return 0;
}
