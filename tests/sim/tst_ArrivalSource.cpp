// SPDX-License-Identifier: MIT
// A client's arrivals over time, its users' think times and its request keys, without SimGrid.
#include <QtTest>

#include <cmath>

#include "model/Plan.h"
#include "sim/ArrivalSource.h"
#include "support/Near.h"

using namespace headroom;

namespace {

model::PlanClient openClient(double rate, model::Arrivals arrivals) {
    model::PlanClient client;
    client.rate = rate;
    client.arrivals = arrivals;
    return client;
}

}  // namespace

class ArrivalSourceTest : public QObject {
    Q_OBJECT

private slots:
    void constantArrivalsAreEvenlySpaced() {
        // 4/s without a profile: one every 1/4 s, from the start.
        const auto client = openClient(4.0, model::Arrivals::Constant);
        sim::ArrivalSource source(client, sim::RandomStream(1), 10.0);
        HEADROOM_COMPARE_NEAR(source.nextArrival(0.0), 0.25, 1e-15);
        HEADROOM_COMPARE_NEAR(source.nextArrival(0.25), 0.5, 1e-15);
    }

    void constantArrivalsFollowTheProfile() {
        // Steps: 2/s × 1 until t = 1 s, then × 3 (6/s). From t = 0.75 the rate's integral must
        // reach 1: 0.25 s at 2/s gives 0.5, the other 0.5 takes 0.5 / 6 s, so the arrival is at
        // 1 + 1/12 s. (The source walks in steps of 1/8 of the shortest gap, 1/48 s, and the
        // step that crosses t = 1 is taken at the rate of its start, so it lands within a step.)
        auto client = openClient(2.0, model::Arrivals::Constant);
        client.profile = model::StepsProfile{{{model::Seconds{0.0}, 1.0}, {model::Seconds{1.0}, 3.0}}};
        sim::ArrivalSource source(client, sim::RandomStream(1), 10.0);
        const double next = source.nextArrival(0.75);
        QVERIFY2(std::abs(next - (1.0 + 1.0 / 12.0)) <= 1.0 / 48.0, qPrintable(QString::number(next, 'g', 17)));
    }

    void poissonGapsHaveTheMeanOfTheRate() {
        // 100/s: gaps exponential with mean 10 ms. Over n = 200 000 gaps the sample mean's
        // standard error is 10 ms / √n = 22 µs: 1 % (100 µs, 4.5 standard errors) cannot flake.
        const auto client = openClient(100.0, model::Arrivals::Poisson);
        sim::ArrivalSource source(client, sim::RandomStream(42), 1e9);
        double t = 0.0;
        const int n = 200'000;
        for (int i = 0; i < n; ++i) t = source.nextArrival(t);
        HEADROOM_COMPARE_NEAR(t / n, 0.01, 0.01);
    }

    void noArrivalAfterTheEnd() {
        // A run of 1 s at 1/s: the first arrival of a Poisson stream comes after the end with
        // probability e^-1; arrivals asked for from t = 1 s never come.
        const auto client = openClient(1.0, model::Arrivals::Poisson);
        sim::ArrivalSource source(client, sim::RandomStream(3), 1.0);
        QVERIFY(std::isinf(source.nextArrival(1.0)));
        QVERIFY(std::isinf(source.nextArrival(5.0)));
    }

    void closedUsersThinkAndKeepTheirKey() {
        // Think time 2 s: wake-ups lie after `now`, with mean 2 s (n = 100 000: standard error
        // 2/√n = 6.3 ms, so 2 % is 6 standard errors). A user's key is its number.
        model::PlanClient client;
        client.users = 10;
        client.thinkTime = 2.0;
        sim::ArrivalSource source(client, sim::RandomStream(5), 100.0);
        QCOMPARE(source.requestKey(7), std::uint64_t(7));
        double sum = 0.0;
        const int n = 100'000;
        for (int i = 0; i < n; ++i) {
            const double wake = source.wakesAt(50.0);
            QVERIFY(wake >= 50.0);
            sum += wake - 50.0;
        }
        HEADROOM_COMPARE_NEAR(sum / n, 2.0, 0.02);
    }

    void openRequestsGetRandomKeys() {
        const auto client = openClient(1.0, model::Arrivals::Poisson);
        sim::ArrivalSource source(client, sim::RandomStream(5), 100.0);
        QVERIFY(source.requestKey(-1) != source.requestKey(-1));
    }
};

QTEST_APPLESS_MAIN(ArrivalSourceTest)
#include "tst_ArrivalSource.moc"
