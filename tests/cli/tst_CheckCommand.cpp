// SPDX-License-Identifier: MIT
// `headroom-cli check`: its test cases, exit codes, JUnit XML and GitHub annotations, and the
// line finder that points annotations into the file. The XML's schema is checked with xmllint by
// tests/cli/junit_schema.py.
#include <QtTest>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/Run.h"
#include "support/CliRun.h"
#include "model/JsonLocation.h"

using headroom::test::cli;
using headroom::test::readAll;
using headroom::test::write;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// One M/M/1 station: clients at `rate` to a service of one worker taking 100 ms (μ = 10/s),
/// with the SLOs given.
std::string singleServer(const char* rate, const char* slos) {
    return std::string(R"({"format": "headroom-scenario", "version": 1, "name": "m",
  "components": [
    {"id": "u", "kind": "client", "rate": ")") + rate + R"(", "calls": [{"to": "s"}]},
    {"id": "s", "kind": "service", "workers": 1, "service_time": "100ms"}
  ],
  "slo": )" + slos + "\n}\n";
}

// A passing file. M/M/1 at λ = 5, μ = 10: ρ = 0.5, response time exponential with mean
// 1/(μ − λ) = 0.2 s, so p99 = 0.2 × ln 100 = 0.921 s, under the 1 s target.
const char* kMet = R"([{"class": "u", "percentile": 99, "latency": "1s"}])";
// The same p99 against 900 ms: missed by 0.921 / 0.9 − 1 = 2.3 %.
const char* kMissed = R"([{"class": "u", "percentile": 99, "latency": "1s"},
          {"class": "u", "percentile": 99, "latency": "900ms"}])";

/// The JUnit document's elements of one name, each as its attributes.
std::vector<QXmlStreamAttributes> elements(const std::string& xml, const char* name) {
    QXmlStreamReader reader(QByteArray::fromStdString(xml));
    std::vector<QXmlStreamAttributes> found;
    while (!reader.atEnd())
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == QLatin1String(name)) found.push_back(reader.attributes());
    return reader.hasError() ? std::vector<QXmlStreamAttributes>{} : found;
}

QString attribute(const QXmlStreamAttributes& attributes, const char* name) { return attributes.value(QLatin1String(name)).toString(); }

}  // namespace

class tst_CheckCommand : public QObject {
    Q_OBJECT

private slots:
    void aPassingFileListsEveryCase();
    void aMissedObjectiveFailsWithItsValueAndTarget();
    void aSaturatedComponentFailsAndItsObjectiveHasNoValue();
    void availabilityIsSkippedByTheAnalyticEngineNeverPassed();
    void anInvalidFileIsAnErrorPerProblem();
    void theHighestExitCodeWinsAndEveryFileIsReported();
    void junitHasOneSuitePerFileAndOneCasePerCheck();
    void junitIsTheSameBytesEachRun();
    void githubAnnotationsPointAtTheLine();
    void lineOfPathFindsValuesAndTheirNearestParent();
};

void tst_CheckCommand::aPassingFileListsEveryCase() {
    QTemporaryDir dir;
    const std::string file = write(dir, "met.headroom.json", singleServer("5/s", kMet));
    const auto r = cli({"check", file});
    QCOMPARE(r.code, 0);
    // One SLO and one component: two checks.
    QVERIFY2(contains(r.out, file + " (analytic): 2 checks, 2 passed\n"), r.out.c_str());
    QVERIFY2(contains(r.out, "ok     u p99 ≤ 1 s: 921 ms, target ≤ 1 s\n"), r.out.c_str());
    // λ = 5/s on one worker at 100 ms: half busy.
    QVERIFY2(contains(r.out, "ok     s keeps up: 5/s offered to 1 instance, 50% busy\n"), r.out.c_str());
}

void tst_CheckCommand::aMissedObjectiveFailsWithItsValueAndTarget() {
    QTemporaryDir dir;
    const std::string file = write(dir, "missed.headroom.json", singleServer("5/s", kMissed));
    const auto r = cli({"check", file});
    QCOMPARE(r.code, 3);
    QVERIFY2(contains(r.out, "3 checks, 2 passed, 1 failed\n"), r.out.c_str());
    QVERIFY2(contains(r.out, "FAIL   u p99 ≤ 900 ms: 921 ms, target ≤ 900 ms: over by 2.3%\n"), r.out.c_str());
}

void tst_CheckCommand::aSaturatedComponentFailsAndItsObjectiveHasNoValue() {
    QTemporaryDir dir;
    // λ = 12/s against μ = 10/s: ρ = 1.2, the queue grows without bound and no p99 exists.
    const std::string file = write(dir, "saturated.headroom.json", singleServer("12/s", kMet));
    const auto r = cli({"check", file});
    QCOMPARE(r.code, 3);
    QVERIFY2(contains(r.out, "FAIL   s keeps up: saturated: 12/s offered to 1 instance, more than it can serve"), r.out.c_str());
    QVERIFY2(contains(r.out, "FAIL   u p99 ≤ 1 s: no finite value: a station on the class's path is saturated\n"), r.out.c_str());
}

void tst_CheckCommand::availabilityIsSkippedByTheAnalyticEngineNeverPassed() {
    QTemporaryDir dir;
    // An availability objective is a format-version-2 key.
    std::string text = singleServer("5/s", R"([{"class": "u", "availability": 0.999}])");
    text.replace(text.find("\"version\": 1"), 12, "\"version\": 2");
    const std::string file = write(dir, "availability.headroom.json", text);
    const auto r = cli({"check", file});
    QCOMPARE(r.code, 0);
    QVERIFY2(contains(r.out, "2 checks, 1 passed, 1 skipped\n"), r.out.c_str());
    QVERIFY2(contains(r.out, "skip   u availability ≥ 99.9%: only the simulator measures availability: check with --engine simulate\n"), r.out.c_str());
}

void tst_CheckCommand::anInvalidFileIsAnErrorPerProblem() {
    QTemporaryDir dir;
    // An SLO for a class nobody sends (a mistyped class never passes), and a service without a
    // service time.
    const std::string file = write(dir, "invalid.headroom.json", R"({"format": "headroom-scenario", "version": 1, "name": "m",
  "components": [
    {"id": "u", "kind": "client", "rate": "5/s", "calls": [{"to": "s"}]},
    {"id": "s", "kind": "service", "workers": 1, "service_time": "100 mss"}
  ],
  "slo": [{"class": "uu", "percentile": 99, "latency": "1s"}]
})");
    const auto r = cli({"check", "--junit", dir.path().toStdString() + "/out.xml", file});
    QCOMPARE(r.code, 1);
    QVERIFY2(contains(r.out, "2 checks, 0 passed, 2 errors\n"), r.out.c_str());
    QVERIFY2(contains(r.out, "ERROR  valid: components[1].service_time: "), r.out.c_str());
    QVERIFY2(contains(r.out, "ERROR  valid: slo[0].class: "), r.out.c_str());
    const auto errors = elements(readAll(dir.path().toStdString() + "/out.xml"), "error");
    QCOMPARE(errors.size(), std::size_t(2));
}

void tst_CheckCommand::theHighestExitCodeWinsAndEveryFileIsReported() {
    QTemporaryDir dir;
    const std::string missed = write(dir, "missed.headroom.json", singleServer("5/s", kMissed));
    const std::string invalid = write(dir, "invalid.headroom.json", "{\"format\": \"headroom-scenario\"");
    const std::string absent = dir.path().toStdString() + "/absent.headroom.json";
    QCOMPARE(cli({"check", missed}).code, 3);
    QCOMPARE(cli({"check", invalid}).code, 1);
    QCOMPARE(cli({"check", invalid, absent}).code, 2);
    QCOMPARE(cli({"check", missed, invalid, absent}).code, 3);
    // Every file is still checked and reported.
    const auto all = cli({"check", invalid, missed});
    QVERIFY(contains(all.out, "missed.headroom.json (analytic): 3 checks"));
    QVERIFY(contains(all.out, "2 files: 4 checks, 2 passed, 1 failed, 0 skipped, 1 error\n"));
}

void tst_CheckCommand::junitHasOneSuitePerFileAndOneCasePerCheck() {
    QTemporaryDir dir;
    const std::string met = write(dir, "met.headroom.json", singleServer("5/s", kMet));
    const std::string missed = write(dir, "missed.headroom.json", singleServer("5/s", kMissed));
    const std::string saturated = write(dir, "saturated.headroom.json", singleServer("12/s", kMet));
    const std::string junit = dir.path().toStdString() + "/report.xml";
    QCOMPARE(cli({"check", "--junit", junit, met, missed, saturated}).code, 3);
    const std::string xml = readAll(junit);
    const auto suites = elements(xml, "testsuite");
    QCOMPARE(suites.size(), std::size_t(3));
    // met: 2 cases, none failed; missed: 3 cases, 1 failed; saturated: 2 cases, both failed.
    QCOMPARE(attribute(suites[0], "name").toStdString(), met);
    QCOMPARE(attribute(suites[0], "tests"), QString("2"));
    QCOMPARE(attribute(suites[0], "failures"), QString("0"));
    QCOMPARE(attribute(suites[1], "tests"), QString("3"));
    QCOMPARE(attribute(suites[1], "failures"), QString("1"));
    QCOMPARE(attribute(suites[2], "failures"), QString("2"));
    const auto top = elements(xml, "testsuites");
    QCOMPARE(top.size(), std::size_t(1));
    QCOMPARE(attribute(top[0], "tests"), QString("7"));
    QCOMPARE(attribute(top[0], "failures"), QString("3"));
    const auto cases = elements(xml, "testcase");
    QCOMPARE(cases.size(), std::size_t(7));
    QCOMPARE(attribute(cases[0], "name"), QString("u p99 ≤ 1 s"));
    QCOMPARE(attribute(cases[0], "classname"), QString("met.slo"));
    QCOMPARE(attribute(cases[1], "classname"), QString("met.capacity"));
    const auto failures = elements(xml, "failure");
    QCOMPARE(failures.size(), std::size_t(3));
    QCOMPARE(attribute(failures[0], "message"), QString("921 ms, target ≤ 900 ms: over by 2.3%"));
    QCOMPARE(attribute(failures[0], "type"), QString("slo"));
}

void tst_CheckCommand::junitIsTheSameBytesEachRun() {
    QTemporaryDir dir;
    const std::string missed = write(dir, "missed.headroom.json", singleServer("5/s", kMissed));
    const std::string first = dir.path().toStdString() + "/1.xml", second = dir.path().toStdString() + "/2.xml";
    cli({"check", "--junit", first, missed});
    cli({"check", "--junit", second, missed});
    QCOMPARE(readAll(first), readAll(second));
    QVERIFY(!contains(readAll(first), "timestamp="));
}

void tst_CheckCommand::githubAnnotationsPointAtTheLine() {
    QTemporaryDir dir;
    const std::string missed = write(dir, "missed.headroom.json", singleServer("5/s", kMissed));
    ::setenv("GITHUB_ACTIONS", "true", 1);
    const auto r = cli({"check", missed});
    ::unsetenv("GITHUB_ACTIONS");
    // The second SLO, slo[1], is on line 7 of singleServer's text; a title's ':' and ',' are
    // escaped as the runner expects (%3A, %2C).
    const std::string expected = "::error file=" + missed + ",line=7,title=headroom check%3A u p99 ≤ 900 ms::921 ms, target ≤ 900 ms: over by 2.3%25\n";
    QVERIFY2(contains(r.out, expected), r.out.c_str());
    // Without GITHUB_ACTIONS, none.
    QVERIFY(!contains(cli({"check", missed}).out, "::error"));
}

void tst_CheckCommand::lineOfPathFindsValuesAndTheirNearestParent() {
    using headroom::model::lineOfPath;
    const std::string text = "{\n"                                   // 1
                             "  \"name\": \"x\",\n"                  // 2
                             "  \"components\": [\n"                 // 3
                             "    {\"id\": \"a\", \"rate\": 1},\n"   // 4
                             "    {\"id\": \"b\",\n"                 // 5
                             "     \"calls\": [{\"to\": \"a\"}]}\n"  // 6
                             "  ],\n"                                // 7
                             "  \"slo\": [{\"class\": \"a\"}]\n"     // 8
                             "}\n";
    QCOMPARE(lineOfPath(text, ""), 1);
    QCOMPARE(lineOfPath(text, "name"), 2);
    QCOMPARE(lineOfPath(text, "components"), 3);
    QCOMPARE(lineOfPath(text, "components[0].rate"), 4);
    QCOMPARE(lineOfPath(text, "components[1]"), 5);
    QCOMPARE(lineOfPath(text, "components[1].calls[0].to"), 6);
    QCOMPARE(lineOfPath(text, "slo[0].class"), 8);
    // Absent: the nearest value that is there.
    QCOMPARE(lineOfPath(text, "components[1].service_time"), 5);
    QCOMPARE(lineOfPath(text, "components[7]"), 3);
    // "components[1" is not a prefix of "components[10]".
    QCOMPARE(lineOfPath(text, "components[10].rate"), 3);
    // Not JSON at all: the first line, never a crash.
    QCOMPARE(lineOfPath("{\"a\": [1, 2", "a[5]"), 1);
    QCOMPARE(lineOfPath(std::string(100000, '['), "x"), 1);
}

QTEST_GUILESS_MAIN(tst_CheckCommand)
#include "tst_CheckCommand.moc"
