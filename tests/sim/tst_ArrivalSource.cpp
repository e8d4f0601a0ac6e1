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
        // 1 + 1/12 s, exactly: both steps are constant pieces.
        auto client = openClient(2.0, model::Arrivals::Constant);
        client.profile = model::StepsProfile{{{model::Seconds{0.0}, 1.0}, {model::Seconds{1.0}, 3.0}}};
        sim::ArrivalSource source(client, sim::RandomStream(1), 10.0);
        HEADROOM_COMPARE_NEAR(source.nextArrival(0.75), 1.0 + 1.0 / 12.0, 1e-15);
        // A ramp from 0 to 4 over 2 s (2/s × factor): the rate at t is 4t, its integral 2t², which
        // reaches 1 at t = 1/√2. The source walks a varying piece in steps of 1/8 of the shortest
        // gap at the piece's bound (8/s), 1/64 s, taking each step at the rate of its start.
        client.profile = model::RampProfile{0.0, 4.0, model::Seconds{2.0}};
        sim::ArrivalSource ramp(client, sim::RandomStream(1), 10.0);
        const double next = ramp.nextArrival(0.0);
        QVERIFY2(std::abs(next - 1.0 / std::sqrt(2.0)) <= 1.0 / 64.0, qPrintable(QString::number(next, 'g', 17)));
    }

    void aShortHugeSpikeCostsItsArrivalsNotItsPeakOverTheRun() {
        // 1/s, with a spike of × 10⁹ at 1 s for 1 ms, over a run of 10 s: 10⁹ × 10⁻³ = 10⁶
        // arrivals in the spike and 9.999 expected outside it. Drawn under the peak over the
        // whole run this would be 10¹⁰ draws (the hang of issue 14, defect 12); piece by piece
        // it is one per arrival. The spike's count is Poisson with standard deviation 1,000:
        // 5 standard deviations cannot flake. Outside it, more than 40 has probability < 10⁻¹².
        auto client = openClient(1.0, model::Arrivals::Poisson);
        client.profile = model::SpikeProfile{model::Seconds{1.0}, model::Seconds{0.001}, 1e9};
        sim::ArrivalSource source(client, sim::RandomStream(9), 10.0);
        int inSpike = 0, outside = 0;
        for (double t = source.nextArrival(0.0); std::isfinite(t); t = source.nextArrival(t)) {
            QVERIFY(t < 10.0);
            (t >= 1.0 && t < 1.001 ? inSpike : outside) += 1;
        }
        HEADROOM_COMPARE_NEAR(double(inSpike), 1e6, 5e3 / 1e6);
        QVERIFY2(outside <= 40, qPrintable(QString::number(outside)));
    }

    void poissonArrivalsFollowEachStep() {
        // 1,000/s under steps × 1 from 0 s, × 0 from 5 s, × 3 from 8 s, over 10 s: 5,000 arrivals
        // expected in [0, 5), none in [5, 8), 6,000 in [8, 10); standard deviations √5000 = 71
        // and √6000 = 77, so 5 of them is 354 and 387.
        auto client = openClient(1000.0, model::Arrivals::Poisson);
        client.profile = model::StepsProfile{{{model::Seconds{0.0}, 1.0}, {model::Seconds{5.0}, 0.0}, {model::Seconds{8.0}, 3.0}}};
        sim::ArrivalSource source(client, sim::RandomStream(4), 10.0);
        int first = 0, quiet = 0, last = 0;
        for (double t = source.nextArrival(0.0); std::isfinite(t); t = source.nextArrival(t)) (t < 5.0 ? first : t < 8.0 ? quiet : last) += 1;
        QVERIFY2(std::abs(first - 5000) <= 354, qPrintable(QString::number(first)));
        QCOMPARE(quiet, 0);
        QVERIFY2(std::abs(last - 6000) <= 387, qPrintable(QString::number(last)));
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
