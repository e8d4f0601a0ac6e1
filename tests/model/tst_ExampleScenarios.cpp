// SPDX-License-Identifier: MIT
// Every example in scenarios/ is valid without warnings, and its estimate gives the numbers
// worked out by hand below.
#include <QtTest>

#include <cmath>
#include <filesystem>

#include "model/Estimator.h"
#include "model/ScenarioFile.h"

using namespace headroom::model;

namespace {

Loaded loadExample(const QString& name) {
    const auto text = readTextFile(std::string(HEADROOM_SOURCE_DIR "/scenarios/") + name.toStdString());
    if (!text) qFatal("%s", text.error().c_str());
    return loadScenarioText(*text);
}

}  // namespace

class tst_ExampleScenarios : public QObject {
    Q_OBJECT
private slots:
    void everyExampleLoadsWithoutWarnings_data();
    void everyExampleLoadsWithoutWarnings();
    void estimatesMatchHandWorkedValues_data();
    void estimatesMatchHandWorkedValues();
};

void tst_ExampleScenarios::everyExampleLoadsWithoutWarnings_data() {
    QTest::addColumn<QString>("name");
    for (const auto& entry : std::filesystem::directory_iterator(HEADROOM_SOURCE_DIR "/scenarios"))
        QTest::newRow(entry.path().filename().c_str()) << QString::fromStdString(entry.path().filename().string());
}

void tst_ExampleScenarios::everyExampleLoadsWithoutWarnings() {
    QFETCH(QString, name);
    const Loaded loaded = loadExample(name);
    for (const auto& problem : loaded.problems) qWarning("%s: %s", problem.path.c_str(), problem.message.c_str());
    QVERIFY(loaded.problems.empty());
    QVERIFY(loaded.scenario->estimate.has_value());
    QVERIFY(!loaded.scenario->description.value_or("").empty());
    const Estimate e = estimate(*loaded.scenario->estimate);
    QVERIFY(*e.total("qps")->value > 0.0);
}

void tst_ExampleScenarios::estimatesMatchHandWorkedValues_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("quantity");
    QTest::addColumn<double>("expected");
    const auto row = [](const char* name, const char* quantity, double expected) {
        QTest::newRow((QString(name) + " " + quantity).toUtf8().constData()) << QString(name) << QString(quantity) << expected;
    };
    // Read-heavy API: 10 M daily users × 20 reads = 200 M a day ÷ 86,400 s = 2,314.8/s.
    row("read-heavy-api.headroom.json", "read_qps", 200e6 / 86400);
    // Servers at 1,000/s each, per action at peak (× 2): ⌈4,629.6 ÷ 1,000⌉ + ⌈115.7 ÷ 1,000⌉ = 5 + 1.
    row("read-heavy-api.headroom.json", "servers", 6);
    // 80/20 rule: 0.2 × 200 M × 4 KB = 160 GB.
    row("read-heavy-api.headroom.json", "cache_memory", 160e9);
    // Updates: 10 M × 0.5 = 5 M a day × 2 KB × 365 days = 3.65 TB in a year.
    row("read-heavy-api.headroom.json", "storage_total", 3.65e12);

    // News feed: 300 M × 0.5 = 150 M daily users; posts 0.1 each = 15 M a day = 173.6/s,
    // each delivered to 100 followers: 17,361/s.
    row("news-feed.headroom.json", "actions.post.fanout_qps", 15e6 / 86400 * 100);
    // Each post stores 1 KB + 0.1 × 1 MB = 101 KB: 15 M × 101 KB = 1.515 TB a day.
    row("news-feed.headroom.json", "storage_per_day", 1.515e12);
    // Feed reads: 150 M × 10 = 1.5 B a day ÷ 86,400 s × 20 KB = 347.2 MB/s.
    row("news-feed.headroom.json", "egress", 1.5e9 / 86400 * 20e3);

    // Twitter, Alex Xu vol. 1 ch. 2: "150 million * 2 tweets / 24 hour / 3600 seconds = ~3500",
    // "Peek QPS = 2 * QPS = ~7000", media "150 million * 2 * 10% * 1 MB = 30 TB per day",
    // "30 TB * 365 * 5 = approximately 55 PB". With the 310 bytes of text a tweet:
    row("twitter-estimate.headroom.json", "write_qps", 300e6 / 86400);                   // 3,472/s
    row("twitter-estimate.headroom.json", "actions.tweet.peak_qps", 2 * 300e6 / 86400);  // 6,944/s
    row("twitter-estimate.headroom.json", "storage_per_day", 300e6 * (310 + 0.1 * 1e6));  // 30.09 TB
    row("twitter-estimate.headroom.json", "storage_total", 300e6 * (310 + 0.1 * 1e6) * 365 * 5);  // 54.9 PB

    // Video pipeline: 30,000 video minutes a minute = 500/s × 50 MB stored = 25 GB/s; streamed
    // 200 times at 10 MB: 1 TB/s; ten years of storage: 25 GB/s × 86,400 × 365 × 10 = 7.88 EB.
    row("video-pipeline.headroom.json", "storage_rate", 25e9);
    row("video-pipeline.headroom.json", "egress", 1e12);
    row("video-pipeline.headroom.json", "storage_total", 500.0 * 86400 * 365 * 10 * 50e6);

    // URL shortener (Grokking TinyURL plus keys and servers): 62^7 = 3,521,614,606,208 keys,
    // 30 B of them used in 5 years = 0.852 %.
    row("url-shortener.headroom.json", "keys.keyspace", 3'521'614'606'208.0);
    row("url-shortener.headroom.json", "keys.keyspace_used", 30e9 / 3'521'614'606'208.0);
    // Servers at 5,000/s: ⌈2 × 192.9 ÷ 5,000⌉ + ⌈2 × 19,290 ÷ 5,000⌉ = 1 + 8.
    row("url-shortener.headroom.json", "servers", 9);

    // OCR API: 2 M a day = 23.15/s, peak × 2 = 46.3/s, at 10 pages/s per server: 5 servers.
    row("ocr-api.headroom.json", "servers", 5);
    // 2 M × 520 KB kept 90 days = 93.6 TB; uploads 23.15/s × 500 KB = 11.57 MB/s.
    row("ocr-api.headroom.json", "storage_total", 2e6 * 90 * 520e3);
    row("ocr-api.headroom.json", "ingress", 2e6 / 86400 * 500e3);

    // Stack Overflow 2016: 209,420,973 requests a day = 2,423.9/s; 504,816,843 SQL queries a
    // day = 5,842.8/s.
    row("stack-overflow.headroom.json", "actions.http_request.qps", 209'420'973.0 / 86400);
    row("stack-overflow.headroom.json", "actions.sql_query.qps", 504'816'843.0 / 86400);

    // Discord: 150 M × 0.2 = 30 M daily users × 50 messages = 1.5 B a day × 1 KB = 1.5 TB a
    // day; 5 years: 1.5 TB × 365 × 5 = 2.7375 PB. History reads: 30 M × 200 ÷ 86,400 = 69,444/s.
    row("discord-messages.headroom.json", "storage_total", 1.5e12 * 365 * 5);
    row("discord-messages.headroom.json", "read_qps", 30e6 * 200 / 86400);
}

void tst_ExampleScenarios::estimatesMatchHandWorkedValues() {
    QFETCH(QString, name);
    QFETCH(QString, quantity);
    QFETCH(double, expected);
    const Loaded loaded = loadExample(name);
    QVERIFY(loaded.scenario);
    const Estimate e = estimate(*loaded.scenario->estimate);
    const Quantity* found = e.at(quantity.toStdString());
    QVERIFY2(found && found->value, qPrintable(quantity));
    const auto value = found->value;
    QCOMPARE_LE(std::abs(*value - expected), 1e-9 * std::abs(expected));
}

QTEST_APPLESS_MAIN(tst_ExampleScenarios)
#include "tst_ExampleScenarios.moc"
