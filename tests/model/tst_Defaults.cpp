// SPDX-License-Identifier: MIT
// Every default Headroom ships names a row of docs/reference.md, and says what that row says.
#include <QtTest>

#include "model/Defaults.h"
#include "model/ScenarioFile.h"

using namespace headroom::model;

class tst_Defaults : public QObject {
    Q_OBJECT
private slots:
    void everyDefaultNamesARowOfTheReference();
    void instancePricesAreTheReferencesC11Row();
    void defaultsHaveTheReferencesValues();

private:
    QString m_reference = QString::fromStdString(readTextFile(HEADROOM_SOURCE_DIR "/docs/reference.md").value());
    QString row(const QString& id) const {
        for (const QString& line : m_reference.split('\n'))
            if (line.startsWith("| " + id + " |")) return line;
        return {};
    }
};

void tst_Defaults::everyDefaultNamesARowOfTheReference() {
    QVERIFY(referenceValues().size() >= 15);
    for (const auto& value : referenceValues()) {
        const QString id = QString::fromUtf8(value.id.data(), static_cast<qsizetype>(value.id.size()));
        QVERIFY2(!row(id).isEmpty(), qPrintable(id + " is not a row of docs/reference.md"));
    }
}

void tst_Defaults::instancePricesAreTheReferencesC11Row() {
    const QString c11 = row("C11");
    for (const auto& price : instancePrices()) {
        // The row spells them "m5.large (2 vCPU, 8 GiB) $0.096/h" or "c5.large $0.085/h".
        const QString type = QString::fromUtf8(price.type.data(), static_cast<qsizetype>(price.type.size()));
        const QString dollars = "$" + QString::number(price.perHour, 'g', 6) + "/h";
        const int at = c11.indexOf(type);
        QVERIFY2(at >= 0, qPrintable(type));
        QVERIFY2(c11.indexOf(dollars, at) >= 0 && c11.indexOf(dollars, at) - at < 40, qPrintable(type + " " + dollars));
    }
}

void tst_Defaults::defaultsHaveTheReferencesValues() {
    // The rows' own numbers, read by hand: T01 86,400 s; T05 a 30-day month; T06 365 days;
    // T11 "Peek QPS = 2 * QPS"; T13 "0.2 * ..."; T14 "70% capacity"; O01 "about 200 us";
    // O05 607,073,066 ms / 504,816,843 queries = 1.20 ms; O11 2 ms median; R11 1,000 TPS.
    QCOMPARE(defaults::kSecondsPerDay.value, 86'400.0);
    QCOMPARE(defaults::kDaysPerMonth.value, 30.0);
    QCOMPARE(defaults::kDaysPerYear.value, 365.0);
    QCOMPARE(defaults::kPeakFactor.value, 2.0);
    QCOMPARE(defaults::kCacheHotFraction.value, 0.2);
    QCOMPARE(defaults::kStorageUtilization.value, 0.7);
    QCOMPARE(defaults::kCacheGet.value, 200e-6);
    QCOMPARE(std::round(607'073'066.0 / 504'816'843.0 * 100.0) / 100.0 * 1e-3, defaults::kSqlQuery.value);
    QCOMPARE(defaults::kKafkaEndToEnd.value, 2e-3);
    QCOMPARE(defaults::kDatabaseNodeTps.value, 1000.0);
    QVERIFY(row("T01").contains("86,400"));
    QVERIFY(row("T14").contains("70%"));
    QVERIFY(row("O01").contains("200 us"));
    QVERIFY(row("R11").contains("1,000 TPS"));
}

QTEST_APPLESS_MAIN(tst_Defaults)
#include "tst_Defaults.moc"
