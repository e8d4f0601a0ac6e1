// SPDX-License-Identifier: MIT
// Solve time of the open-network solver on generated systems of 10 to 10,000 stations, three
// request classes, mixed disciplines; acyclic call graphs (the usual diagram) and graphs with
// feedback loops. The dense LU column is the naive baseline, run side by side.
//   build/bench/bench_open_network [--quick]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

#include "analytic/OpenNetwork.h"
#include "bench/MedianTime.h"

using namespace headroom::analytic;

namespace {

/// A layered system: each station calls 1–3 stations further down with some probability;
/// with `loops`, one station in twenty also calls back up (a retry or a queue consumer).
OpenNetwork generate(std::size_t stations, bool loops, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    OpenNetwork network;
    constexpr std::size_t kClasses = 3;
    for (std::size_t i = 0; i < stations; ++i) {
        NetworkStation s;
        s.name = "s" + std::to_string(i);
        const double pick = unit(random);
        s.discipline = pick < 0.6 ? Discipline::Fcfs : pick < 0.9 ? Discipline::ProcessorSharing : Discipline::InfiniteServer;
        s.servers = 1 + static_cast<int>(unit(random) * 16);
        for (std::size_t k = 0; k < kClasses; ++k) s.meanService.push_back(0.0005 + 0.002 * unit(random));
        network.stations.push_back(std::move(s));
    }
    for (std::size_t k = 0; k < kClasses; ++k) {
        NetworkClass cls;
        cls.name = "class" + std::to_string(k);
        cls.externalArrivals.assign(stations, 0.0);
        cls.externalArrivals[k % stations] = 50.0;
        for (std::size_t i = 0; i < stations; ++i) {
            double left = 0.95;
            const int fan = 1 + static_cast<int>(unit(random) * 3);
            for (int f = 0; f < fan && i + 1 < stations; ++f) {
                const std::size_t to = std::min(stations - 1, i + 1 + static_cast<std::size_t>(unit(random) * 8));
                const double p = left * (0.3 + 0.4 * unit(random));
                cls.routing.push_back({i, to, p});
                left -= p;
            }
            if (loops && i > 0 && unit(random) < 0.05) cls.routing.push_back({i, i - 1 - static_cast<std::size_t>(unit(random) * std::min<std::size_t>(i, 4)), left * 0.5});
        }
        network.classes.push_back(std::move(cls));
    }
    return network;
}

}  // namespace

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const double budget = quick ? 0.05 : 0.5;
    volatile std::size_t sink = 0;
    std::printf("Open-network solve, 3 classes, median µs per solve (%s)\n", quick ? "quick" : "0.5 s per cell");
    std::printf("%-10s %-8s %12s %12s %12s %12s\n", "stations", "graph", "routes", "automatic", "sparse LU", "dense LU");
    for (bool loops : {false, true}) {
        for (std::size_t n : {10u, 100u, 1000u, 10000u}) {
            const OpenNetwork network = generate(n, loops, 42 + n);
            std::size_t routes = 0;
            for (const auto& cls : network.classes) routes += cls.routing.size();
            const double automatic = medianMicroseconds([&] { sink = sink + solveOpenNetwork(network, TrafficSolver::Automatic).stations.size(); }, budget);
            const double sparse = medianMicroseconds([&] { sink = sink + solveOpenNetwork(network, TrafficSolver::SparseLu).stations.size(); }, budget);
            // The dense baseline is O(n³): 10,000 stations would take minutes and 800 MB.
            const double dense = n <= 1000 ? medianMicroseconds([&] { sink = sink + solveOpenNetwork(network, TrafficSolver::DenseLu).stations.size(); }, quick ? 0.0 : budget) : -1.0;
            std::printf("%-10zu %-8s %12zu %12.1f %12.1f ", n, loops ? "loops" : "acyclic", routes, automatic, sparse);
            if (dense >= 0.0)
                std::printf("%12.1f\n", dense);
            else
                std::printf("%12s\n", "(skipped)");
        }
    }
    return 0;
}
