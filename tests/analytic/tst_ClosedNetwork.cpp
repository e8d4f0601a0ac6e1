// SPDX-License-Identifier: MIT
#include <QtTest>

#include "support/Near.h"

#include <cmath>

#include "analytic/ClosedNetwork.h"

using namespace headroom::analytic;

namespace {

constexpr double kRelative = 1e-12;


const std::vector<ClosedStation> kTwoQueues{{"cpu", 1.0, false}, {"disk", 0.5, false}};

}  // namespace

class tst_ClosedNetwork : public QObject {
    Q_OBJECT
private slots:
    void exactMvaByHand();
    void delayStationsAddTheirDemand();
    void throughputRespectsTheAsymptoticBounds();
    void schweitzerIsCloseToExact();
    void copiesActLikeSeparateStations();
};

void tst_ClosedNetwork::exactMvaByHand() {
    // D_cpu = 1, D_disk = 0.5, Z = 2.
    // n = 1: R = 1 + 0.5 = 1.5, X = 1 / 3.5 = 2/7, Q = (2/7, 1/7).
    // n = 2: R_cpu = 1 (1 + 2/7) = 9/7, R_disk = 0.5 (1 + 1/7) = 4/7, R = 13/7,
    //        X = 2 / (2 + 13/7) = 14/27, Q = (14/27 × 9/7, 14/27 × 4/7) = (2/3, 8/27).
    // n = 3: R_cpu = 5/3, R_disk = 0.5 × 35/27 = 35/54, R = 125/54,
    //        X = 3 / (2 + 125/54) = 162/233, Q = (270/233, 105/233).
    const auto points = exactMva(kTwoQueues, 2.0, 3);
    QCOMPARE(points.size(), std::size_t(3));
    HEADROOM_COMPARE_NEAR(points[0].throughput, 2.0 / 7.0, kRelative);
    HEADROOM_COMPARE_NEAR(points[0].responseTime, 1.5, kRelative);
    HEADROOM_COMPARE_NEAR(points[1].throughput, 14.0 / 27.0, kRelative);
    HEADROOM_COMPARE_NEAR(points[1].responseTime, 13.0 / 7.0, kRelative);
    HEADROOM_COMPARE_NEAR(points[1].queueLength[0], 2.0 / 3.0, kRelative);
    HEADROOM_COMPARE_NEAR(points[1].queueLength[1], 8.0 / 27.0, kRelative);
    HEADROOM_COMPARE_NEAR(points[2].throughput, 162.0 / 233.0, kRelative);
    HEADROOM_COMPARE_NEAR(points[2].responseTime, 125.0 / 54.0, kRelative);
    HEADROOM_COMPARE_NEAR(points[2].queueLength[0], 270.0 / 233.0, kRelative);
    HEADROOM_COMPARE_NEAR(points[2].queueLength[1], 105.0 / 233.0, kRelative);
    // Little's law on the whole loop: the users are queued somewhere or thinking.
    for (const auto& p : points) HEADROOM_COMPARE_NEAR(p.queueLength[0] + p.queueLength[1] + p.throughput * 2.0, p.users, kRelative);
}

void tst_ClosedNetwork::delayStationsAddTheirDemand() {
    // A 0.3 s network delay in the loop never queues: with one user R = 1 + 0.5 + 0.3.
    auto stations = kTwoQueues;
    stations.push_back({"network", 0.3, true});
    const auto points = exactMva(stations, 0.0, 5);
    HEADROOM_COMPARE_NEAR(points[0].responseTime, 1.8, kRelative);
    for (const auto& p : points) HEADROOM_COMPARE_NEAR(p.residence[2], 0.3, kRelative);
}

void tst_ClosedNetwork::throughputRespectsTheAsymptoticBounds() {
    // X(N) ≤ min(N / (D + Z), 1 / D_max), and it approaches 1 / D_max = 1 as N grows.
    const auto points = exactMva(kTwoQueues, 2.0, 300);
    for (const auto& p : points) {
        QVERIFY(p.throughput <= std::min(p.users / 3.5, 1.0) + 1e-12);
        // Non-decreasing in N, up to one rounding step where it reaches the 1 / D_max plateau.
        if (p.users > 1) QVERIFY(p.throughput >= points[static_cast<std::size_t>(p.users - 2)].throughput - 1e-12);
    }
    QVERIFY(points.back().throughput > 0.999);
}

void tst_ClosedNetwork::schweitzerIsCloseToExact() {
    const auto exact = exactMva(kTwoQueues, 2.0, 200);
    for (int users : {1, 3, 10, 50, 200}) {
        const MvaPoint approximate = schweitzerMva(kTwoQueues, 2.0, users);
        const MvaPoint& reference = exact[static_cast<std::size_t>(users - 1)];
        // With one user the approximation is exact (no one else to find); beyond, a few percent.
        const double tolerance = users == 1 ? 1e-9 : 0.05;
        QVERIFY2(std::abs(approximate.throughput - reference.throughput) <= tolerance * reference.throughput,
                 qPrintable(QString("N = %1: %2 vs %3").arg(users).arg(approximate.throughput).arg(reference.throughput)));
        HEADROOM_COMPARE_NEAR(approximate.queueLength[0] + approximate.queueLength[1] + approximate.throughput * 2.0, users, kRelative);
    }
}

void tst_ClosedNetwork::copiesActLikeSeparateStations() {
    // Two copies sharing D = 1 are two stations of 0.5 each: the same MVA, step for step.
    const auto shared = exactMva({{"pool", 1.0, false, 2}, {"disk", 0.5, false, 1}}, 2.0, 20);
    const auto separate = exactMva({{"a", 0.5, false, 1}, {"b", 0.5, false, 1}, {"disk", 0.5, false, 1}}, 2.0, 20);
    for (std::size_t n = 0; n < shared.size(); ++n) {
        HEADROOM_COMPARE_NEAR(shared[n].throughput, separate[n].throughput, kRelative);
        HEADROOM_COMPARE_NEAR(shared[n].queueLength[0], separate[n].queueLength[0] + separate[n].queueLength[1], kRelative);
    }
    // By hand, one user: R = 1 + 0.5, X = 1 / 3.5; two users: Q_pool(1) = 2/7, R_pool = 1 (1 + 1/7) = 8/7,
    // Q_disk(1) = 1/7, R_disk = 0.5 (8/7) = 4/7, X = 2 / (2 + 12/7) = 7/13.
    HEADROOM_COMPARE_NEAR(shared[1].throughput, 7.0 / 13.0, kRelative);
}

QTEST_APPLESS_MAIN(tst_ClosedNetwork)
#include "tst_ClosedNetwork.moc"
