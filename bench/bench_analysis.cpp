// SPDX-License-Identifier: MIT
// What the editor pays on every edit: compile the plan and analyze the whole scenario, for
// generated systems of 10 to 10,000 components (tiers of services behind a load balancer, with
// caches, databases, queues and links): the whole analysis with the percentiles from each
// class's distribution, beside the same with an exponential tail from the mean (the engine
// before distributions: what they cost).
//   build/bench/bench_analysis [--quick]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>

#include "analytic/ScenarioAnalysis.h"
#include "bench/MedianTime.h"
#include "model/Plan.h"
#include "model/Validation.h"

using namespace headroom;

namespace {

model::Scenario generate(std::size_t components, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    model::Scenario s;
    s.name = "generated";
    model::Component client{.id = "users", .kind = model::ComponentKind::Client};
    client.rate = model::PerSecond{1000.0};
    client.calls.push_back({.to = "c1"});
    s.components.push_back(client);
    for (std::size_t i = 1; i < components; ++i) {
        model::Component c{.id = "c" + std::to_string(i)};
        const double pick = unit(random);
        c.kind = pick < 0.6 ? model::ComponentKind::Service : pick < 0.75 ? model::ComponentKind::Cache : pick < 0.9 ? model::ComponentKind::Database
                                                                                                                      : model::ComponentKind::ObjectStore;
        c.serviceTime = model::ServiceTime{model::Distribution{model::Distribution::Shape::Exponential, model::Seconds{0.0002 + 0.001 * unit(random)}, {}}, {}, {}};
        if (c.kind == model::ComponentKind::Service) {
            c.instances = 2 + static_cast<int>(unit(random) * 8);
            c.cores = 8;
            c.workers = 64;
        }
        if (c.kind == model::ComponentKind::Cache) c.hitRatio = 0.8;
        if (c.kind == model::ComponentKind::Database) {
            c.shards = 4;
            c.replicas = 1;
            c.readFrom = model::ReadFrom::Any;
        }
        s.components.push_back(c);
    }
    // Each component calls one to three components further down, a few positions on, so the
    // call graph is a tree-like DAG whose traffic thins out; one call in four crosses a link.
    for (std::size_t i = 1; i < components; ++i) {
        model::Component& c = s.components[i];
        if (c.kind == model::ComponentKind::Database || c.kind == model::ComponentKind::ObjectStore) continue;
        const int fan = 1 + static_cast<int>(unit(random) * 3);
        for (int f = 0; f < fan && i + 1 < components; ++f) {
            const std::size_t to = std::min(components - 1, i + 1 + static_cast<std::size_t>(unit(random) * 6));
            if (std::any_of(c.calls.begin(), c.calls.end(), [&](const model::Call& call) { return call.to == s.components[to].id; })) continue;
            c.calls.push_back({.to = s.components[to].id, .probability = 0.3 + 0.4 * unit(random)});
            if (unit(random) < 0.25) s.links.push_back({c.id, s.components[to].id, model::Seconds{0.0002}, model::BytesPerSecond{1.25e9}});
        }
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const double budget = quick ? 0.05 : 0.5;
    std::printf("Whole-scenario analysis, median µs per run (%s)\n", quick ? "quick" : "0.5 s per cell");
    std::printf("%-12s %8s %8s %12s %12s %14s %14s %10s\n", "components", "pools", "edges", "validate", "plan", "analyze", "means only", "stable");
    for (std::size_t n : {10u, 100u, 1000u, 10000u}) {
        const model::Scenario s = generate(n, 7 + n);
        const auto problems = model::validate(s);
        if (model::hasErrors(problems)) {
            std::printf("generated scenario is invalid: %s: %s\n", problems.front().path.c_str(), problems.front().message.c_str());
            return 1;
        }
        const model::Plan plan = *model::compilePlan(s).plan;
        const model::RunResult result = analytic::analyze(s, plan);
        volatile std::size_t sink = 0;
        const double validating = medianMicroseconds([&] { sink = sink + model::validate(s).size(); }, budget);
        const double planning = medianMicroseconds([&] { sink = sink + model::compilePlan(s).plan->pools.size(); }, budget);
        const double analyzing = medianMicroseconds([&] { sink = sink + analytic::analyze(s, plan).components.size(); }, budget);
        const double meansOnly = medianMicroseconds(
            [&] { sink = sink + analytic::analyze(s, plan, analytic::Percentiles::ExponentialFromMean).components.size(); }, budget);
        std::printf("%-12zu %8zu %8zu %12.1f %12.1f %14.1f %14.1f %10s\n", n, plan.pools.size(), plan.edges.size(), validating, planning, analyzing,
                    meansOnly, result.stable ? "yes" : "no");
    }
    return 0;
}
