// SPDX-License-Identifier: MIT
// Taking a dead instance out after unhealthy_after failed checks and back after healthy_after
// passed ones (REFERENCE F01), counted check by check.
#include <QtTest>

#include "sim/HealthMonitor.h"

using namespace headroom;

class tst_HealthMonitor : public QObject {
    Q_OBJECT
private slots:
    void outAfterUnhealthyAfterFailuresBackAfterHealthyAfterPasses();
    void aPassBetweenFailuresStartsTheCountAgain();
};

void tst_HealthMonitor::outAfterUnhealthyAfterFailuresBackAfterHealthyAfterPasses() {
    sim::HealthMonitor monitor(model::PlanHealthCheck{10.0, 2, 3}, 4);
    QCOMPARE(monitor.inServiceCount(), std::size_t(4));
    QVERIFY(!monitor.check(1, false));  // first failure: still in service
    QVERIFY(monitor.inService(1));
    QVERIFY(monitor.check(1, false));   // second: out
    QVERIFY(!monitor.inService(1));
    QCOMPARE(monitor.inServiceCount(), std::size_t(3));
    QVERIFY(!monitor.check(1, false));  // already out: no change
    QVERIFY(!monitor.check(1, true));
    QVERIFY(!monitor.check(1, true));
    QVERIFY(monitor.check(1, true));    // third pass in a row: back
    QVERIFY(monitor.inService(1));
}

void tst_HealthMonitor::aPassBetweenFailuresStartsTheCountAgain() {
    sim::HealthMonitor monitor(model::PlanHealthCheck{10.0, 2, 3}, 1);
    QVERIFY(!monitor.check(0, false));
    QVERIFY(!monitor.check(0, true));
    QVERIFY(!monitor.check(0, false));
    QVERIFY(monitor.inService(0));
    QVERIFY(monitor.check(0, false));
}

QTEST_APPLESS_MAIN(tst_HealthMonitor)
#include "tst_HealthMonitor.moc"
