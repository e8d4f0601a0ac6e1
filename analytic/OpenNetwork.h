// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

/// Open multi-class queueing networks (Jackson; BCMP with FCFS, processor-sharing and
/// infinite-server stations). Eigen is used inside the .cpp only.
namespace headroom::analytic {

enum class Discipline {
    Fcfs,              ///< first come, first served on `servers` servers
    ProcessorSharing,  ///< the servers shared equally by all requests present (each gets at most one)
    InfiniteServer,    ///< a pure delay: every request is served at once
};

struct NetworkStation {
    std::string name;
    Discipline discipline = Discipline::Fcfs;
    int servers = 1;
    std::vector<double> meanService;  ///< per class, seconds per visit
    /// FCFS: places to wait; beyond them arrivals are lost (M/M/c/K, K = servers + places).
    /// Absent: unbounded.
    std::optional<int> waitingRoom;
    /// FCFS on one server: E[S²] / E[S]² per class, for the Pollaczek–Khinchine wait, exact for
    /// any service distribution and class mix. Empty: exponential service (M/M/c).
    std::vector<double> secondMomentFactor;
};

/// One routing entry: after a visit to `from`, go to `to` with `probability`. What is left of a
/// station's probabilities leaves the network.
struct Route {
    std::size_t from = 0;
    std::size_t to = 0;
    double probability = 0.0;
};

struct NetworkClass {
    std::string name;
    std::vector<double> externalArrivals;  ///< per station, requests per second from outside
    std::vector<Route> routing;
};

struct OpenNetwork {
    std::vector<NetworkStation> stations;
    std::vector<NetworkClass> classes;
};

struct StationResult {
    std::vector<double> classArrivals;                ///< λ per class, per second
    double arrivalRate = 0.0;                         ///< Σ over classes
    double utilization = 0.0;                         ///< per server; 0 for an infinite server
    bool stable = true;
    bool approximate = false;                         ///< FCFS with class-dependent service times
    double lossProbability = 0.0;                     ///< FCFS with a waiting room
    std::optional<double> meanWait;                   ///< Wq, FCFS
    std::optional<double> meanWaiting;                ///< Lq: requests waiting (for sharing, beyond the servers)
    std::optional<double> meanInSystem;               ///< L
    std::vector<std::optional<double>> classResponse; ///< mean time per visit, per class
};

struct ClassResult {
    double throughput = 0.0;                 ///< external arrivals per second
    std::vector<double> visits;              ///< mean visits to each station per request
    std::optional<double> meanResponse;      ///< end to end: Σ visits × time per visit
};

struct NetworkResult {
    bool solvable = true;                    ///< false when the routing keeps requests forever
    bool stable = true;
    std::vector<StationResult> stations;
    std::vector<ClassResult> classes;
    std::optional<std::size_t> bottleneck;   ///< the finite-server station of highest utilization
    /// How far every external rate can be scaled before the bottleneck saturates (1 / its utilization).
    std::optional<double> throughputHeadroom;
};

/// How the traffic equations (I − Pᵀ) λ = e are solved. Automatic walks the strongly connected
/// components of the routing in topological order and solves only the loops as (small) dense
/// systems: linear in stations and routes for the call graphs of real systems. The whole-matrix
/// sparse and dense LUs exist for tests and as benchmark baselines.
enum class TrafficSolver { Automatic, SparseLu, DenseLu };

/// One station offered `classArrivals` (per class, per second): what the network solves at each
/// station, and what the scenario analysis solves for each pool (its cores, then its workers).
[[nodiscard]] StationResult solveStation(const NetworkStation& station, const std::vector<double>& classArrivals);

[[nodiscard]] NetworkResult solveOpenNetwork(const OpenNetwork& network, TrafficSolver solver = TrafficSolver::Automatic);

/// The arrival rate at each of `stations` stations for one class: the solution of λ = e + Pᵀ λ,
/// where route probabilities may add up to more than 1 (a call made twice counts twice), or
/// nothing when requests would never leave.
[[nodiscard]] std::optional<std::vector<double>> solveTraffic(std::size_t stations, const NetworkClass& cls,
                                                              TrafficSolver solver = TrafficSolver::Automatic);

}  // namespace headroom::analytic
