// SPDX-License-Identifier: MIT
#include "analytic/OpenNetwork.h"

#include <cassert>
#include <cmath>
#include <algorithm>
#include <numeric>

#include <Eigen/Dense>
#include <Eigen/SparseLU>

#include "analytic/StationFormulas.h"
#include "model/Digraph.h"

namespace headroom::analytic {
namespace {

/// The routing of one class as compressed rows: the routes out of station i are edges
/// first[i] .. first[i + 1] of the digraph, each with its probability.
struct Adjacency {
    model::Digraph digraph;
    std::vector<double> probabilities;  ///< per edge of the digraph
};

Adjacency adjacencyOf(std::size_t n, const std::vector<Route>& routing) {
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    pairs.reserve(routing.size());
    for (const Route& r : routing) pairs.emplace_back(r.from, r.to);
    std::vector<std::size_t> placed;
    Adjacency graph{model::Digraph::fromEdges(n, pairs, &placed), std::vector<double>(routing.size())};
    for (std::size_t r = 0; r < routing.size(); ++r) graph.probabilities[placed[r]] = routing[r].probability;
    return graph;
}

/// λ = e + Pᵀ λ one strongly connected component at a time, in topological order: a component
/// of one station without a loop takes what flows in; a station that routes back to itself
/// with probability p takes in / (1 − p); a larger loop is a small dense system. Exact, and
/// linear in stations and routes apart from the loops themselves.
std::optional<std::vector<double>> trafficByComponents(std::size_t n, const NetworkClass& k) {
    const Adjacency graph = adjacencyOf(n, k.routing);
    const model::Components components = model::stronglyConnected(graph.digraph);
    std::vector<double> lambda(k.externalArrivals.begin(), k.externalArrivals.end());
    std::vector<std::ptrdiff_t> local(n, -1);
    for (std::size_t c = 0; c + 1 < components.bounds.size(); ++c) {
        const std::size_t* begin = components.members.data() + components.bounds[c];
        const std::size_t* end = components.members.data() + components.bounds[c + 1];
        const auto size = static_cast<Eigen::Index>(end - begin);
        if (size == 1) {
            const std::size_t i = *begin;
            double back = 0.0;
            for (std::size_t e = graph.digraph.first[i]; e < graph.digraph.first[i + 1]; ++e)
                if (graph.digraph.targets[e] == i) back += graph.probabilities[e];
            if (back >= 1.0) return std::nullopt;  // a request that never leaves
            lambda[i] /= 1.0 - back;
            for (std::size_t e = graph.digraph.first[i]; e < graph.digraph.first[i + 1]; ++e)
                if (graph.digraph.targets[e] != i) lambda[graph.digraph.targets[e]] += graph.probabilities[e] * lambda[i];
            continue;
        }
        for (Eigen::Index a = 0; a < size; ++a) local[begin[a]] = a;
        Eigen::MatrixXd system = Eigen::MatrixXd::Identity(size, size);
        Eigen::VectorXd inflow(size);
        for (Eigen::Index a = 0; a < size; ++a) {
            const std::size_t i = begin[a];
            inflow(a) = lambda[i];
            for (std::size_t e = graph.digraph.first[i]; e < graph.digraph.first[i + 1]; ++e)
                if (local[graph.digraph.targets[e]] >= 0) system(local[graph.digraph.targets[e]], a) -= graph.probabilities[e];
        }
        const Eigen::FullPivLU<Eigen::MatrixXd> lu(system);
        if (!lu.isInvertible()) return std::nullopt;
        const Eigen::VectorXd solved = lu.solve(inflow);
        for (Eigen::Index a = 0; a < size; ++a) lambda[begin[a]] = solved(a);
        // What leaves the loop flows on to components later in the order.
        for (const std::size_t* i = begin; i != end; ++i)
            for (std::size_t e = graph.digraph.first[*i]; e < graph.digraph.first[*i + 1]; ++e)
                if (local[graph.digraph.targets[e]] < 0) lambda[graph.digraph.targets[e]] += graph.probabilities[e] * lambda[*i];
        for (const std::size_t* i = begin; i != end; ++i) local[*i] = -1;
    }
    return lambda;
}

std::optional<std::vector<double>> trafficBySparseLu(std::size_t n, const NetworkClass& k) {
    std::vector<Eigen::Triplet<double>> entries;
    entries.reserve(n + k.routing.size());
    for (std::size_t i = 0; i < n; ++i) entries.emplace_back(static_cast<int>(i), static_cast<int>(i), 1.0);
    // Row `to`, column `from`: (I − Pᵀ)[to][from] = −P[from][to]; repeated entries add up.
    for (const Route& r : k.routing) entries.emplace_back(static_cast<int>(r.to), static_cast<int>(r.from), -r.probability);
    Eigen::SparseMatrix<double> a(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    a.setFromTriplets(entries.begin(), entries.end());
    Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
    lu.compute(a);
    if (lu.info() != Eigen::Success) return std::nullopt;
    const Eigen::VectorXd e = Eigen::Map<const Eigen::VectorXd>(k.externalArrivals.data(), static_cast<Eigen::Index>(n));
    const Eigen::VectorXd lambda = lu.solve(e);
    if (lu.info() != Eigen::Success) return std::nullopt;
    return std::vector<double>(lambda.data(), lambda.data() + n);
}

std::optional<std::vector<double>> trafficByDenseLu(std::size_t n, const NetworkClass& k) {
    Eigen::MatrixXd p = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    for (const Route& r : k.routing) p(static_cast<Eigen::Index>(r.from), static_cast<Eigen::Index>(r.to)) += r.probability;
    const Eigen::MatrixXd a = Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n)) - p.transpose();
    const Eigen::VectorXd e = Eigen::Map<const Eigen::VectorXd>(k.externalArrivals.data(), static_cast<Eigen::Index>(n));
    const Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
    if (!lu.isInvertible()) return std::nullopt;
    const Eigen::VectorXd lambda = lu.solve(e);
    return std::vector<double>(lambda.data(), lambda.data() + n);
}

}  // namespace

std::optional<std::vector<double>> solveTraffic(std::size_t n, const NetworkClass& k, TrafficSolver solver) {
    std::optional<std::vector<double>> lambda;
    switch (solver) {
        case TrafficSolver::Automatic: lambda = trafficByComponents(n, k); break;
        case TrafficSolver::SparseLu: lambda = trafficBySparseLu(n, k); break;
        case TrafficSolver::DenseLu: lambda = trafficByDenseLu(n, k); break;
    }
    // A cycle that keeps requests forever has no non-negative finite solution.
    if (lambda)
        for (double value : *lambda)
            if (!std::isfinite(value) || value < -1e-9) return std::nullopt;
    return lambda;
}

namespace {

/// Per-class time per visit at one station, and its L.
void solveStationInto(const NetworkStation& station, StationResult& result) {
    const std::size_t classes = result.classArrivals.size();
    result.classResponse.assign(classes, std::nullopt);
    double work = 0.0;  // a = Σ λ_k s_k, in Erlangs
    for (std::size_t k = 0; k < classes; ++k) work += result.classArrivals[k] * station.meanService[k];
    result.arrivalRate = std::accumulate(result.classArrivals.begin(), result.classArrivals.end(), 0.0);

    if (station.discipline == Discipline::InfiniteServer) {
        for (std::size_t k = 0; k < classes; ++k) result.classResponse[k] = station.meanService[k];
        result.meanInSystem = work;
        return;
    }
    const int c = station.servers;
    result.utilization = work / c;
    if (result.arrivalRate == 0.0) {
        for (std::size_t k = 0; k < classes; ++k) result.classResponse[k] = station.meanService[k];
        result.meanInSystem = 0.0;
        result.meanWait = result.meanWaiting = 0.0;
        return;
    }
    // The mix's mean service time: the M/M/c with the same offered load has the same L.
    const double meanMix = work / result.arrivalRate;
    if (station.discipline == Discipline::Fcfs && station.waitingRoom) {
        // A full waiting room turns arrivals away, so the station never saturates (M/M/c/K).
        const StationMetrics finite = mmck(result.arrivalRate, meanMix, c, c + *station.waitingRoom);
        result.lossProbability = finite.lossProbability;
        result.meanWait = finite.meanWait;
        result.meanWaiting = finite.meanQueueLength;
        result.meanInSystem = finite.meanInSystem;
        for (std::size_t k = 0; k < classes; ++k) result.classResponse[k] = *finite.meanWait + station.meanService[k];
        return;
    }
    if (work >= c) {
        result.stable = false;
        return;
    }
    if (station.discipline == Discipline::Fcfs && c == 1 && !station.secondMomentFactor.empty()) {
        // M/G/1, Pollaczek–Khinchine: Wq = Σ λ_k E[S_k²] / (2 (1 − ρ)), the same for every class
        // (FIFO waits do not depend on the class).
        double secondMoment = 0.0;
        for (std::size_t k = 0; k < classes; ++k)
            secondMoment += result.classArrivals[k] * station.meanService[k] * station.meanService[k] * station.secondMomentFactor[k];
        const double wait = secondMoment / (2.0 * (1.0 - work));
        result.meanWait = wait;
        result.meanWaiting = result.arrivalRate * wait;
        result.meanInSystem = *result.meanWaiting + work;
        for (std::size_t k = 0; k < classes; ++k) result.classResponse[k] = wait + station.meanService[k];
        return;
    }
    const StationMetrics pooled = mmc(result.arrivalRate, meanMix, c);
    result.meanInSystem = pooled.meanInSystem;
    result.meanWaiting = pooled.meanQueueLength;
    if (station.discipline == Discipline::ProcessorSharing) {
        // A symmetric queue (Kelly): the number present is that of M/M/c with load a, whatever
        // the service distributions, and each class holds its share of the work: L_k = L λ_k s_k / a,
        // so the time per visit is R_k = L_k / λ_k = s_k L / a.
        for (std::size_t k = 0; k < classes; ++k) result.classResponse[k] = station.meanService[k] * *pooled.meanInSystem / work;
        return;
    }
    // FCFS: product form (BCMP) needs one exponential service time for all classes. Then every
    // class waits the M/M/c Wq; with different times per class this is an approximation.
    result.meanWait = pooled.meanWait;
    for (std::size_t k = 0; k < classes; ++k) {
        if (result.classArrivals[k] > 0.0 && std::abs(station.meanService[k] - meanMix) > 1e-12 * meanMix) result.approximate = true;
        result.classResponse[k] = *pooled.meanWait + station.meanService[k];
    }
    if (result.approximate) {
        double inSystem = 0.0;
        for (std::size_t k = 0; k < classes; ++k) inSystem += result.classArrivals[k] * *result.classResponse[k];
        result.meanInSystem = inSystem;  // Little's law on the approximation, so the totals add up
    }
}

}  // namespace

StationResult solveStation(const NetworkStation& station, const std::vector<double>& classArrivals) {
    StationResult result;
    result.classArrivals = classArrivals;
    solveStationInto(station, result);
    return result;
}

NetworkResult solveOpenNetwork(const OpenNetwork& network, TrafficSolver solver) {
    const std::size_t n = network.stations.size();
    const std::size_t classes = network.classes.size();
    NetworkResult result;
    result.stations.resize(n);
    result.classes.resize(classes);
    for (auto& station : result.stations) station.classArrivals.assign(classes, 0.0);

    for (std::size_t k = 0; k < classes; ++k) {
        const NetworkClass& cls = network.classes[k];
        assert(cls.externalArrivals.size() == n);
        const auto lambda = solveTraffic(n, cls, solver);
        if (!lambda) {
            result.solvable = false;
            result.stable = false;
            return result;
        }
        ClassResult& out = result.classes[k];
        out.throughput = std::accumulate(cls.externalArrivals.begin(), cls.externalArrivals.end(), 0.0);
        out.visits.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            result.stations[i].classArrivals[k] = (*lambda)[i];
            out.visits[i] = out.throughput > 0.0 ? (*lambda)[i] / out.throughput : 0.0;
        }
    }

    double highest = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        assert(network.stations[i].meanService.size() == classes);
        StationResult& station = result.stations[i];
        solveStationInto(network.stations[i], station);
        result.stable = result.stable && station.stable;
        if (network.stations[i].discipline != Discipline::InfiniteServer && station.utilization > highest) {
            highest = station.utilization;
            result.bottleneck = i;
        }
    }
    if (highest > 0.0) result.throughputHeadroom = 1.0 / highest;

    for (std::size_t k = 0; k < classes; ++k) {
        double total = 0.0;
        bool known = true;
        for (std::size_t i = 0; i < n; ++i) {
            const double visits = result.classes[k].visits[i];
            if (visits == 0.0) continue;
            const auto& perVisit = result.stations[i].classResponse[k];
            if (!perVisit) {
                known = false;
                break;
            }
            total += visits * *perVisit;
        }
        if (known) result.classes[k].meanResponse = total;
    }
    return result;
}

}  // namespace headroom::analytic
