// SPDX-License-Identifier: MIT
#include <QtTest>

#include "support/Near.h"

#include <cmath>
#include <random>

#include "analytic/OpenNetwork.h"

using namespace headroom::analytic;

namespace {

constexpr double kRelative = 1e-9;


NetworkStation station(const char* name, Discipline discipline, int servers, std::vector<double> meanService) {
    return NetworkStation{name, discipline, servers, std::move(meanService)};
}

/// Little's law over the whole network: Σ L_i = Σ_k λ_k R_k.
void checkLittle(const NetworkResult& result, const OpenNetwork& network) {
    double inSystem = 0.0;
    for (const auto& s : result.stations) inSystem += *s.meanInSystem;
    double flow = 0.0;
    for (std::size_t k = 0; k < network.classes.size(); ++k) flow += result.classes[k].throughput * *result.classes[k].meanResponse;
    HEADROOM_COMPARE_NEAR(inSystem, flow, kRelative);
}

}  // namespace

class tst_OpenNetwork : public QObject {
    Q_OBJECT
private slots:
    void tandemOfTwoMm1();
    void feedbackLoopMultipliesVisits();
    void probabilisticSplit();
    void processorSharingWithTwoClasses();
    void processorSharingOnTwoServersIsMm2();
    void fcfsWithUnequalServiceIsFlaggedApproximate();
    void saturationIsReportedWithTheBottleneck();
    void routingThatNeverLetsGoIsUnsolvable();
    void solversAgree_data();
    void solversAgree();
    void aLoopOfSeveralStationsIsSolvedExactly();
    void oneServerWithSecondMomentsIsPollaczekKhinchine();
    void aWaitingRoomLosesArrivalsInsteadOfSaturating();
};

void tst_OpenNetwork::tandemOfTwoMm1() {
    // λ = 1 through M/M/1 (μ = 2) then M/M/1 (μ = 4): R = 1/(2 − 1) + 1/(4 − 1) = 4/3.
    OpenNetwork network;
    network.stations = {station("a", Discipline::Fcfs, 1, {0.5}), station("b", Discipline::Fcfs, 1, {0.25})};
    network.classes = {NetworkClass{"c", {1.0, 0.0}, {{0, 1, 1.0}}}};
    const NetworkResult result = solveOpenNetwork(network);
    QVERIFY(result.stable);
    HEADROOM_COMPARE_NEAR(*result.classes[0].meanResponse, 4.0 / 3.0, kRelative);
    HEADROOM_COMPARE_NEAR(result.classes[0].visits[1], 1.0, kRelative);
    HEADROOM_COMPARE_NEAR(result.stations[0].utilization, 0.5, kRelative);
    HEADROOM_COMPARE_NEAR(result.stations[1].utilization, 0.25, kRelative);
    QCOMPARE(*result.bottleneck, std::size_t(0));
    HEADROOM_COMPARE_NEAR(*result.throughputHeadroom, 2.0, kRelative);  // λ can double before "a" saturates
    checkLittle(result, network);
}

void tst_OpenNetwork::feedbackLoopMultipliesVisits() {
    // One M/M/1 (μ = 10), λ = 2 from outside, half the requests come back: visits 1 / (1 − 0.5) = 2,
    // λ = 4, ρ = 0.4, R per visit = 1 / (10 − 4) = 1/6, end to end 2 × 1/6 = 1/3.
    OpenNetwork network;
    network.stations = {station("loop", Discipline::Fcfs, 1, {0.1})};
    network.classes = {NetworkClass{"c", {2.0}, {{0, 0, 0.5}}}};
    for (TrafficSolver solver : {TrafficSolver::Automatic, TrafficSolver::SparseLu, TrafficSolver::DenseLu}) {
        const NetworkResult result = solveOpenNetwork(network, solver);
        HEADROOM_COMPARE_NEAR(result.classes[0].visits[0], 2.0, kRelative);
        HEADROOM_COMPARE_NEAR(result.stations[0].arrivalRate, 4.0, kRelative);
        HEADROOM_COMPARE_NEAR(*result.classes[0].meanResponse, 1.0 / 3.0, kRelative);
        checkLittle(result, network);
    }
}

void tst_OpenNetwork::probabilisticSplit() {
    // λ = 100 through a 1 ms delay, then 30 % to an M/M/1 (s = 10 ms) and 70 % to an M/M/2
    // (s = 20 ms). A: λ = 30, ρ = 0.3, R = 0.01 / 0.7. B: λ = 70, a = 1.4, ρ = 0.7, for two
    // servers C = 2ρ² / (1 + ρ) = 0.98 / 1.7, Wq = C / (2μ − λ) = C / 30, R = Wq + 0.02.
    // End to end: 0.001 + 0.3 R_A + 0.7 R_B.
    OpenNetwork network;
    network.stations = {station("gateway", Discipline::InfiniteServer, 1, {0.001}), station("a", Discipline::Fcfs, 1, {0.01}),
                        station("b", Discipline::Fcfs, 2, {0.02})};
    network.classes = {NetworkClass{"c", {100.0, 0.0, 0.0}, {{0, 1, 0.3}, {0, 2, 0.7}}}};
    const NetworkResult result = solveOpenNetwork(network);
    const double rA = 0.01 / 0.7;
    const double rB = (0.98 / 1.7) / 30.0 + 0.02;
    HEADROOM_COMPARE_NEAR(*result.stations[1].classResponse[0], rA, kRelative);
    HEADROOM_COMPARE_NEAR(*result.stations[2].classResponse[0], rB, kRelative);
    HEADROOM_COMPARE_NEAR(*result.classes[0].meanResponse, 0.001 + 0.3 * rA + 0.7 * rB, kRelative);
    QCOMPARE(*result.bottleneck, std::size_t(2));  // ρ_B = 0.7 > ρ_A = 0.3; the delay never counts
    checkLittle(result, network);
}

void tst_OpenNetwork::processorSharingWithTwoClasses() {
    // BCMP PS, one server: class A λ = 1, s = 0.2; class B λ = 2, s = 0.1; ρ = 0.4.
    // R_A = 0.2 / 0.6 = 1/3, R_B = 0.1 / 0.6 = 1/6; L = ρ / (1 − ρ) = 2/3 = 1 × 1/3 + 2 × 1/6.
    OpenNetwork network;
    network.stations = {station("cpu", Discipline::ProcessorSharing, 1, {0.2, 0.1})};
    network.classes = {NetworkClass{"a", {1.0}, {}}, NetworkClass{"b", {2.0}, {}}};
    const NetworkResult result = solveOpenNetwork(network);
    HEADROOM_COMPARE_NEAR(*result.classes[0].meanResponse, 1.0 / 3.0, kRelative);
    HEADROOM_COMPARE_NEAR(*result.classes[1].meanResponse, 1.0 / 6.0, kRelative);
    HEADROOM_COMPARE_NEAR(*result.stations[0].meanInSystem, 2.0 / 3.0, kRelative);
    QVERIFY(!result.stations[0].approximate);
    checkLittle(result, network);
}

void tst_OpenNetwork::processorSharingOnTwoServersIsMm2() {
    // Sharing two cores, the number present is that of M/M/2: λ = 1, s = 1 → R = 4/3.
    OpenNetwork network;
    network.stations = {station("cpu", Discipline::ProcessorSharing, 2, {1.0})};
    network.classes = {NetworkClass{"c", {1.0}, {}}};
    HEADROOM_COMPARE_NEAR(*solveOpenNetwork(network).classes[0].meanResponse, 4.0 / 3.0, kRelative);
}

void tst_OpenNetwork::fcfsWithUnequalServiceIsFlaggedApproximate() {
    OpenNetwork network;
    network.stations = {station("db", Discipline::Fcfs, 1, {0.002, 0.006})};
    network.classes = {NetworkClass{"read", {100.0}, {}}, NetworkClass{"write", {10.0}, {}}};
    const NetworkResult mixed = solveOpenNetwork(network);
    QVERIFY(mixed.stations[0].approximate);
    // The same service time for both classes is exact M/M/1: λ = 110, s = 2 ms, ρ = 0.22:
    // W = 0.002 / 0.78.
    network.stations[0].meanService = {0.002, 0.002};
    const NetworkResult same = solveOpenNetwork(network);
    QVERIFY(!same.stations[0].approximate);
    HEADROOM_COMPARE_NEAR(*same.classes[1].meanResponse, 0.002 / 0.78, kRelative);
    checkLittle(same, network);
}

void tst_OpenNetwork::saturationIsReportedWithTheBottleneck() {
    OpenNetwork network;
    network.stations = {station("api", Discipline::Fcfs, 2, {0.01}), station("db", Discipline::Fcfs, 1, {0.005})};
    network.classes = {NetworkClass{"c", {250.0, 0.0}, {{0, 1, 1.0}}}};
    // api: a = 2.5 on 2 servers, ρ = 1.25; db: ρ = 1.25 too … make db lighter to tell them apart.
    network.stations[1].meanService = {0.002};  // ρ = 0.5
    const NetworkResult result = solveOpenNetwork(network);
    QVERIFY(result.solvable);
    QVERIFY(!result.stable);
    QVERIFY(!result.stations[0].stable);
    HEADROOM_COMPARE_NEAR(result.stations[0].utilization, 1.25, kRelative);
    QCOMPARE(*result.bottleneck, std::size_t(0));
    HEADROOM_COMPARE_NEAR(*result.throughputHeadroom, 0.8, kRelative);  // the load must shrink to 80 %
    QVERIFY(!result.classes[0].meanResponse);
    QVERIFY(result.stations[1].classResponse[0].has_value());  // the db is still answerable
}

void tst_OpenNetwork::routingThatNeverLetsGoIsUnsolvable() {
    OpenNetwork network;
    network.stations = {station("a", Discipline::Fcfs, 1, {0.1}), station("b", Discipline::Fcfs, 1, {0.1})};
    network.classes = {NetworkClass{"c", {1.0, 0.0}, {{0, 1, 1.0}, {1, 0, 1.0}}}};
    const NetworkResult result = solveOpenNetwork(network);
    QVERIFY(!result.solvable);
    QVERIFY(!result.stable);
}

void tst_OpenNetwork::solversAgree_data() {
    QTest::addColumn<bool>("loops");
    QTest::newRow("acyclic") << false;
    QTest::newRow("with loops") << true;
}

void tst_OpenNetwork::solversAgree() {
    // A random network of 300 stations with a fan of routes forward from each, and (with loops)
    // routes back up that make loops of several stations: the component walk, the sparse LU and
    // the dense LU give the same traffic.
    QFETCH(bool, loops);
    std::mt19937_64 random(5);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    OpenNetwork network;
    const std::size_t n = 300;
    NetworkClass cls{"c", std::vector<double>(n, 0.0), {}};
    cls.externalArrivals[0] = 10.0;
    cls.externalArrivals[7] = 3.0;
    for (std::size_t i = 0; i < n; ++i) {
        network.stations.push_back(station("s", Discipline::InfiniteServer, 1, {0.001}));
        double left = 1.0;
        for (int fan = 0; fan < 3 && i + 1 < n; ++fan) {
            const std::size_t to = i + 1 + static_cast<std::size_t>(unit(random) * double(std::min<std::size_t>(10, n - i - 1)));
            const double p = left * unit(random) * 0.6;
            cls.routing.push_back({i, std::min(to, n - 1), p});
            left -= p;
        }
        if (loops && i >= 5 && unit(random) < 0.2) cls.routing.push_back({i, i - 1 - static_cast<std::size_t>(unit(random) * 5), left * 0.8});
    }
    network.classes = {cls};
    const NetworkResult automatic = solveOpenNetwork(network, TrafficSolver::Automatic);
    const NetworkResult sparse = solveOpenNetwork(network, TrafficSolver::SparseLu);
    const NetworkResult dense = solveOpenNetwork(network, TrafficSolver::DenseLu);
    QVERIFY(automatic.solvable && sparse.solvable && dense.solvable);
    for (std::size_t i = 0; i < n; ++i) {
        QVERIFY(headroom::test::near(automatic.stations[i].arrivalRate, sparse.stations[i].arrivalRate, 1e-10));
        QVERIFY(headroom::test::near(automatic.stations[i].arrivalRate, dense.stations[i].arrivalRate, 1e-10));
    }
    checkLittle(automatic, network);
}

void tst_OpenNetwork::aLoopOfSeveralStationsIsSolvedExactly() {
    // a → b → c → a with probability 0.5 at c, else out; λ = 1 into a. Each lap is taken with
    // probability 0.5, so every station is visited 1 / (1 − 0.5) = 2 times; d after c gets
    // the 0.5 that leaves each lap: λ_d = 0.5 × 2 = 1.
    OpenNetwork network;
    for (const char* name : {"a", "b", "c", "d"}) network.stations.push_back(station(name, Discipline::InfiniteServer, 1, {1.0}));
    network.classes = {NetworkClass{"c", {1.0, 0.0, 0.0, 0.0}, {{0, 1, 1.0}, {1, 2, 1.0}, {2, 0, 0.5}, {2, 3, 0.5}}}};
    const NetworkResult result = solveOpenNetwork(network);
    for (std::size_t i = 0; i < 3; ++i) HEADROOM_COMPARE_NEAR(result.classes[0].visits[i], 2.0, kRelative);
    HEADROOM_COMPARE_NEAR(result.classes[0].visits[3], 1.0, kRelative);
    HEADROOM_COMPARE_NEAR(*result.classes[0].meanResponse, 7.0, kRelative);  // 2 + 2 + 2 + 1 visits of 1 s
}

void tst_OpenNetwork::oneServerWithSecondMomentsIsPollaczekKhinchine() {
    // Two classes on one FCFS server: a at 0.25/s with a constant 1 s (E[S²] = 1), b at 0.25/s
    // exponential 1 s (E[S²] = 2). ρ = 0.5, Wq = Σ λ E[S²] / (2 (1 − ρ)) = (0.25 + 0.5) / 1 = 0.75,
    // the same for both; W = 1.75 each; Lq = λ Wq = 0.375; L = Lq + ρ = 0.875.
    NetworkStation station{"s", Discipline::Fcfs, 1, {1.0, 1.0}};
    station.secondMomentFactor = {1.0, 2.0};
    const StationResult r = solveStation(station, {0.25, 0.25});
    QVERIFY(r.stable);
    HEADROOM_COMPARE_NEAR(*r.meanWait, 0.75, kRelative);
    HEADROOM_COMPARE_NEAR(*r.classResponse[0], 1.75, kRelative);
    HEADROOM_COMPARE_NEAR(*r.classResponse[1], 1.75, kRelative);
    HEADROOM_COMPARE_NEAR(*r.meanWaiting, 0.375, kRelative);
    HEADROOM_COMPARE_NEAR(*r.meanInSystem, 0.875, kRelative);
}

void tst_OpenNetwork::aWaitingRoomLosesArrivalsInsteadOfSaturating() {
    // M/M/1/2 (one server, one waiting place) at λ = 1/s, s = 1 s, so ρ = 1: the states 0, 1 and
    // 2 are equally likely, 1/3 each. Loss = P(2) = 1/3; L = (0 + 1 + 2) / 3 = 1; Lq = P(2) = 1/3;
    // accepted 2/3 per second, so Wq = Lq / (2/3) = 0.5 and W = 1.5. Never unstable.
    NetworkStation station{"s", Discipline::Fcfs, 1, {1.0}};
    station.waitingRoom = 1;
    const StationResult r = solveStation(station, {1.0});
    QVERIFY(r.stable);
    HEADROOM_COMPARE_NEAR(r.lossProbability, 1.0 / 3.0, kRelative);
    HEADROOM_COMPARE_NEAR(*r.meanInSystem, 1.0, kRelative);
    HEADROOM_COMPARE_NEAR(*r.meanWaiting, 1.0 / 3.0, kRelative);
    HEADROOM_COMPARE_NEAR(*r.meanWait, 0.5, kRelative);
    HEADROOM_COMPARE_NEAR(*r.classResponse[0], 1.5, kRelative);
}

QTEST_APPLESS_MAIN(tst_OpenNetwork)
#include "tst_OpenNetwork.moc"
