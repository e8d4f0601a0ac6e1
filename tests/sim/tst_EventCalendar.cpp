// SPDX-License-Identifier: MIT
// The replication's calendar of pure-time events: earliest first, ties in the order scheduled.
#include <QtTest>

#include <cmath>

#include "sim/EventCalendar.h"

using namespace headroom;
using sim::EventKind;

class EventCalendarTest : public QObject {
    Q_OBJECT

private slots:
    void anEmptyCalendarHasNothingDue() {
        sim::EventCalendar calendar;
        QVERIFY(calendar.empty());
        QVERIFY(std::isinf(calendar.earliest()));
        QVERIFY(!calendar.takeDue(1e9));
    }

    void eventsComeEarliestFirstAndOnlyWhenDue() {
        sim::EventCalendar calendar;
        calendar.schedule(2.0, EventKind::Arrival, 1);
        calendar.schedule(0.5, EventKind::Timeout, 2, 9);
        QCOMPARE(calendar.earliest(), 0.5);
        QVERIFY(!calendar.takeDue(0.4));  // nothing until 0.5
        const auto first = calendar.takeDue(0.5);
        QVERIFY(first);
        QCOMPARE(first->kind, EventKind::Timeout);
        QCOMPARE(first->subject, 2u);
        QCOMPARE(first->detail, std::uint64_t(9));
        QVERIFY(!calendar.takeDue(1.9));
        QCOMPARE(calendar.takeDue(2.0)->subject, 1u);
        QVERIFY(calendar.empty());
    }

    void tiesRunInTheOrderScheduled() {
        // Five events at the same time, scheduled as subjects 4, 3, 2, 1, 0: they come out 4 … 0
        // (a heap alone would not keep that order).
        sim::EventCalendar calendar;
        for (std::uint32_t s = 5; s-- > 0;) calendar.schedule(1.0, EventKind::ReachCallee, s);
        calendar.schedule(0.0, EventKind::Arrival, 99);
        QCOMPARE(calendar.takeDue(1.0)->subject, 99u);
        for (std::uint32_t s = 5; s-- > 0;) QCOMPARE(calendar.takeDue(1.0)->subject, s);
    }
};

QTEST_APPLESS_MAIN(EventCalendarTest)
#include "tst_EventCalendar.moc"
