// SPDX-License-Identifier: MIT
#include <QtTest>

#include <cmath>
#include <random>

#include "model/UnitFormat.h"
#include "model/Units.h"

using namespace headroom::model;

class tst_Units : public QObject {
    Q_OBJECT
private slots:
    void durationsParseToSeconds_data();
    void durationsParseToSeconds();
    void sizesAreDecimalOrBinaryAsWritten_data();
    void sizesAreDecimalOrBinaryAsWritten();
    void binaryConventionReadsKbAs1024();
    void dataRatesAcceptBitsAndBytes_data();
    void dataRatesAcceptBitsAndBytes();
    void ratesKeepTheirPeriod_data();
    void ratesKeepTheirPeriod();
    void countsRatiosAndSpans();
    void badQuantitiesNameThemselvesAndWhatWasExpected_data();
    void badQuantitiesNameThemselvesAndWhatWasExpected();
    void humanFormsReadNaturally_data();
    void humanFormsReadNaturally();
    void humanFormsRoundTripToTheirPrecision();
    void exactFormsRoundTripBitForBit();
    void exactFormsPickTheShortestSpelling_data();
    void exactFormsPickTheShortestSpelling();
};

void tst_Units::durationsParseToSeconds_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("seconds");
    QTest::newRow("ns") << "250ns" << 250e-9;
    QTest::newRow("us") << "250us" << 250e-6;
    QTest::newRow("µs") << "250µs" << 250e-6;
    QTest::newRow("ms") << "5ms" << 0.005;
    QTest::newRow("space") << " 1.5 s " << 1.5;
    QTest::newRow("min") << "2min" << 120.0;
    QTest::newRow("h") << "1h" << 3600.0;
    QTest::newRow("d") << "1d" << 86400.0;
    // y = 365 d = 31,536,000 s (REFERENCE.md T06)
    QTest::newRow("y") << "5y" << 5 * 31'536'000.0;
    QTest::newRow("exponent") << "2e3ms" << 2.0;
}

void tst_Units::durationsParseToSeconds() {
    QFETCH(QString, text);
    QFETCH(double, seconds);
    const auto parsed = parseDuration(text.toStdString());
    QVERIFY2(parsed, parsed ? "" : parsed.error().c_str());
    QCOMPARE(parsed->value, seconds);
}

void tst_Units::sizesAreDecimalOrBinaryAsWritten_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("bytes");
    QTest::newRow("B") << "500B" << 500.0;
    QTest::newRow("KB") << "10KB" << 10'000.0;
    QTest::newRow("MB") << "1.27 KB" << 1'270.0;
    QTest::newRow("GB") << "2GB" << 2e9;
    QTest::newRow("TB") << "30TB" << 30e12;
    QTest::newRow("PB") << "5.4PB" << 5.4e15;
    QTest::newRow("KiB") << "10KiB" << 10'240.0;
    QTest::newRow("MiB") << "1MiB" << 1'048'576.0;
    QTest::newRow("GiB") << "2 GiB" << 2.0 * 1'073'741'824.0;
    QTest::newRow("TiB") << "1TiB" << 1'099'511'627'776.0;
    QTest::newRow("PiB") << "1PiB" << 1'125'899'906'842'624.0;
}

void tst_Units::sizesAreDecimalOrBinaryAsWritten() {
    QFETCH(QString, text);
    QFETCH(double, bytes);
    const auto parsed = parseSize(text.toStdString());
    QVERIFY2(parsed, parsed ? "" : parsed.error().c_str());
    QCOMPARE(parsed->value, bytes);
}

void tst_Units::binaryConventionReadsKbAs1024() {
    // T07: "2^10 = 1,024 ≈ 1 thousand = 1 KB". Under the binary convention 10KB = 10 × 1024 B.
    QCOMPARE(parseSize("10KB", UnitSystem::Binary)->value, 10'240.0);
    QCOMPARE(parseSize("1GB", UnitSystem::Binary)->value, 1'073'741'824.0);
    // An explicit binary or plain byte unit means the same under either convention.
    QCOMPARE(parseSize("10KiB", UnitSystem::Binary)->value, 10'240.0);
    QCOMPARE(parseSize("10B", UnitSystem::Binary)->value, 10.0);
}

void tst_Units::dataRatesAcceptBitsAndBytes_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("bytesPerSecond");
    // 1 Gbps = 10^9 bits/s ÷ 8 = 125 MB/s (T10)
    QTest::newRow("Gbps") << "1Gbps" << 125e6;
    QTest::newRow("10Gbps") << "10Gbps" << 1.25e9;
    QTest::newRow("Mbps") << "100 Mbps" << 12.5e6;
    QTest::newRow("bps") << "8bps" << 1.0;
    QTest::newRow("MB/s") << "125MB/s" << 125e6;
    QTest::newRow("GiB/s") << "1GiB/s" << 1'073'741'824.0;
}

void tst_Units::dataRatesAcceptBitsAndBytes() {
    QFETCH(QString, text);
    QFETCH(double, bytesPerSecond);
    const auto parsed = parseDataRate(text.toStdString());
    QVERIFY2(parsed, parsed ? "" : parsed.error().c_str());
    QCOMPARE(parsed->value, bytesPerSecond);
}

void tst_Units::ratesKeepTheirPeriod_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("count");
    QTest::addColumn<int>("period");
    QTest::addColumn<double>("perSecond");
    QTest::newRow("/s") << "8000/s" << 8000.0 << int(Period::Second) << 8000.0;
    QTest::newRow("K/s") << "2.5K/s" << 2500.0 << int(Period::Second) << 2500.0;
    QTest::newRow("spaced") << "3.47 K/s" << 3470.0 << int(Period::Second) << 3470.0;
    QTest::newRow("/min") << "30000/min" << 30000.0 << int(Period::Minute) << 500.0;
    QTest::newRow("/h") << "36K/h" << 36000.0 << int(Period::Hour) << 10.0;
    // 86,400 s in a day
    QTest::newRow("/day") << "864M/day" << 864e6 << int(Period::Day) << 10'000.0;
    // a month of 30 days = 2,592,000 s (T05)
    QTest::newRow("/month") << "2.592B/month" << 2.592e9 << int(Period::Month) << 1000.0;
    // a year of 365 days = 31,536,000 s (T06)
    QTest::newRow("/year") << "31.536T/year" << 31.536e12 << int(Period::Year) << 1e6;
}

void tst_Units::ratesKeepTheirPeriod() {
    QFETCH(QString, text);
    QFETCH(double, count);
    QFETCH(int, period);
    QFETCH(double, perSecond);
    const auto parsed = parseCountPerPeriod(text.toStdString());
    QVERIFY2(parsed, parsed ? "" : parsed.error().c_str());
    QCOMPARE(parsed->count, count);
    QCOMPARE(int(parsed->period), period);
    QCOMPARE_LE(std::abs(parseRate(text.toStdString())->value - perSecond), 1e-12 * perSecond);
}

void tst_Units::countsRatiosAndSpans() {
    QCOMPARE(*parseCount("300M"), 300e6);
    QCOMPARE(*parseCount("1.5B"), 1.5e9);
    QCOMPARE(*parseCount("12"), 12.0);
    QCOMPARE(*parseCount("2T"), 2e12);
    QCOMPARE(*parseCount("548 billion"), 548e9);
    QCOMPARE(*parseRatio("90%"), 0.9);
    QCOMPARE(*parseRatio("0.25"), 0.25);
    QCOMPARE(*parseCalendarSpan("5y"), (CalendarSpan{5.0, CalendarSpan::Unit::Year}));
    QCOMPARE(*parseCalendarSpan("18month"), (CalendarSpan{18.0, CalendarSpan::Unit::Month}));
    QCOMPARE(*parseCalendarSpan("90 d"), (CalendarSpan{90.0, CalendarSpan::Unit::Day}));
}

void tst_Units::badQuantitiesNameThemselvesAndWhatWasExpected_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("typo in unit") << "duration" << "5 mss"
                                  << "\"5 mss\" is not a duration (expected a number and one of ns, us, ms, s, min, h, d, y) (did you mean \"ms\"?)";
    QTest::newRow("no unit") << "duration" << "5"
                             << "\"5\" is not a duration (expected a number and one of ns, us, ms, s, min, h, d, y): the unit is missing";
    QTest::newRow("no number") << "duration" << "ms" << "\"ms\" is not a duration (expected a number and one of ns, us, ms, s, min, h, d, y)";
    QTest::newRow("empty") << "duration" << "" << "an empty text is not a duration (expected a number and one of ns, us, ms, s, min, h, d, y)";
    QTest::newRow("infinity") << "duration" << "infs" << "\"infs\" is not a duration (expected a number and one of ns, us, ms, s, min, h, d, y)";
    QTest::newRow("overflow") << "duration" << "1e400s" << "\"1e400s\" is not a finite number";
    QTest::newRow("too large") << "duration" << "1e307y" << "\"1e307y\" is too large";
    QTest::newRow("size") << "size" << "10 KBs"
                          << "\"10 KBs\" is not a size (expected a number and one of B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB) (did you mean \"KB\"?)";
    QTest::newRow("rate without period") << "rate" << "2000"
                                         << "\"2000\" is not a rate (expected a number, an optional K, M, B or T, and one of /s, /min, /h, "
                                            "/day, /month, /year): the period is missing, as in \"2000/s\"";
    QTest::newRow("rate period typo") << "rate" << "500M/mnth"
                                      << "\"500M/mnth\" is not a rate (expected a number, an optional K, M, B or T, and one of /s, /min, "
                                         "/h, /day, /month, /year) (did you mean \"month\"?)";
    QTest::newRow("ratio") << "ratio" << "90 percent"
                           << "\"90 percent\" is not a ratio (expected a number from 0 to 1, or a percentage such as \"90%\")";
}

void tst_Units::badQuantitiesNameThemselvesAndWhatWasExpected() {
    QFETCH(QString, kind);
    QFETCH(QString, text);
    QFETCH(QString, message);
    const std::string t = text.toStdString();
    std::string error;
    if (kind == "duration") error = parseDuration(t).error();
    if (kind == "size") error = parseSize(t).error();
    if (kind == "rate") error = parseCountPerPeriod(t).error();
    if (kind == "ratio") error = parseRatio(t).error();
    QCOMPARE(QString::fromStdString(error), message);
}

void tst_Units::humanFormsReadNaturally_data() {
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    QTest::newRow("rate K") << QString::fromStdString(formatRate(PerSecond{3472.2})) << "3.47 K/s";
    QTest::newRow("rate small") << QString::fromStdString(formatRate(PerSecond{192.9})) << "193/s";
    // A billion a second is "1 G/s": "1 B/s" read as a byte a second (issue 15).
    QTest::newRow("rate G") << QString::fromStdString(formatRate(PerSecond{1e9})) << "1 G/s";
    QTest::newRow("size PB") << QString::fromStdString(formatSize(Bytes{54.75e15})) << "54.8 PB";
    QTest::newRow("size GiB") << QString::fromStdString(formatSize(Bytes{1.5 * 1073741824.0}, UnitSystem::Binary)) << "1.5 GiB";
    QTest::newRow("duration ms") << QString::fromStdString(formatDuration(Seconds{0.004})) << "4 ms";
    // 999.7 ms rounds to 1.00 s at three digits: the unit is chosen after rounding.
    QTest::newRow("duration rounding up") << QString::fromStdString(formatDuration(Seconds{0.9997})) << "1 s";
    QTest::newRow("data rate") << QString::fromStdString(formatDataRate(BytesPerSecond{25e9})) << "25 GB/s";
    QTest::newRow("bit rate") << QString::fromStdString(formatBitRate(BytesPerSecond{125e6})) << "1 Gbps";
    QTest::newRow("count") << QString::fromStdString(formatCount(300e6)) << "300 million";
    QTest::newRow("number") << QString::fromStdString(formatNumber(2592000.0)) << "2,592,000";
    QTest::newRow("number fraction") << QString::fromStdString(formatNumber(192.90123)) << "192.9";
}

void tst_Units::humanFormsReadNaturally() {
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void tst_Units::humanFormsRoundTripToTheirPrecision() {
    // Three significant digits: the parse of the printed form is within half a unit of the
    // third digit, 0.5 % of the value at most.
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> exponent(-8.0, 16.0);
    for (int i = 0; i < 2000; ++i) {
        const double value = std::pow(10.0, exponent(random));
        const double tolerance = 0.005 * value;
        QCOMPARE_LE(std::abs(parseRate(formatRate(PerSecond{value}))->value - value), tolerance);
        QCOMPARE_LE(std::abs(parseSize(formatSize(Bytes{value}))->value - value), tolerance);
        QCOMPARE_LE(std::abs(parseSize(formatSize(Bytes{value}, UnitSystem::Binary))->value - value), tolerance);
        QCOMPARE_LE(std::abs(parseDuration(formatDuration(Seconds{value}))->value - value), tolerance);
        QCOMPARE_LE(std::abs(*parseCount(formatCount(value)) - value), tolerance);
        QCOMPARE_LE(std::abs(parseDataRate(formatBitRate(BytesPerSecond{value}))->value - value), tolerance);
    }
}

void tst_Units::exactFormsRoundTripBitForBit() {
    std::mt19937_64 random(11);
    std::uniform_real_distribution<double> exponent(-9.0, 15.0);
    for (int i = 0; i < 5000; ++i) {
        // Random doubles, and "nice" ones that people type (a few digits).
        const double raw = std::pow(10.0, exponent(random));
        const double nice = std::round(raw * 1000.0 / std::pow(10.0, std::floor(std::log10(raw)))) / 1000.0 * std::pow(10.0, std::floor(std::log10(raw)));
        for (double value : {raw, nice}) {
            QCOMPARE(parseDuration(exactDuration(Seconds{value}))->value, value);
            QCOMPARE(parseSize(exactSize(Bytes{value}))->value, value);
            QCOMPARE(parseDataRate(exactDataRate(BytesPerSecond{value}))->value, value);
            QCOMPARE(parseRate(exactRate(PerSecond{value}))->value, value);
            QCOMPARE(*parseCount(exactCount(value)), value);
        }
    }
}

void tst_Units::exactFormsPickTheShortestSpelling_data() {
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    QTest::newRow("5ms") << QString::fromStdString(exactDuration(Seconds{0.005})) << "5ms";
    QTest::newRow("2.5ms") << QString::fromStdString(exactDuration(Seconds{0.0025})) << "2.5ms";
    QTest::newRow("90s") << QString::fromStdString(exactDuration(Seconds{90.0})) << "90s";
    QTest::newRow("1h") << QString::fromStdString(exactDuration(Seconds{3600.0})) << "1h";
    QTest::newRow("50us") << QString::fromStdString(exactDuration(Seconds{50e-6})) << "50us";
    QTest::newRow("10KB") << QString::fromStdString(exactSize(Bytes{10'000.0})) << "10KB";
    QTest::newRow("1KiB") << QString::fromStdString(exactSize(Bytes{1024.0})) << "1KiB";
    QTest::newRow("10Gbps") << QString::fromStdString(exactDataRate(BytesPerSecond{1.25e9})) << "10Gbps";
    QTest::newRow("2000/s") << QString::fromStdString(exactRate(PerSecond{2000.0})) << "2000/s";
    QTest::newRow("300M") << QString::fromStdString(exactCount(300e6)) << "300M";
    QTest::newRow("500M/month") << QString::fromStdString(exactCountPerPeriod({500e6, Period::Month})) << "500M/month";
}

void tst_Units::exactFormsPickTheShortestSpelling() {
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

QTEST_APPLESS_MAIN(tst_Units)
#include "tst_Units.moc"
