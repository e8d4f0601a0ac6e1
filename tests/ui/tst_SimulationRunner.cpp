// SPDX-License-Identifier: MIT
// The app's side of the worker protocol, against fake workers (shell scripts) that print what
// a worker may print, crash, or hang until cancelled; and once against the real headroom-cli.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "model/ScenarioFile.h"
#include "ui/SimulationRunner.h"

using namespace headroom;

namespace {

model::Scenario tinyScenario() {
    return *model::loadScenarioText(R"({"format": "headroom-scenario", "version": 1, "name": "tiny",
        "components": [{"id": "users", "kind": "client", "rate": "100/s", "calls": [{"to": "s"}]},
                       {"id": "s", "kind": "service", "workers": 1, "service_time": "2ms"}],
        "run": {"duration": "20s", "replications": 2}})")
                .scenario;
}

}  // namespace

class SimulationRunnerTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// A fake worker: a shell script with `body`.
    QString fakeWorker(const char* name, const std::string& body) {
        const QString path = m_dir.filePath(name);
        std::ofstream(path.toStdString()) << "#!/bin/sh\n" << body;
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

private slots:
    void aPrecisionRunNotesHowFarTheIntervalHasToGo() {
        // The pilots say "finding the warm-up"; a batch's line says the furthest statistic's
        // half-width against its target (3.46 % shown to one decimal); a fixed run says nothing.
        ui::SimulationRunner runner;
        runner.setProgram(fakeWorker("precise.sh", R"(echo '{"type":"progress","fraction":0.5,"wall_time":1.0,"requests":10,"phase":"warmup"}'
echo '{"type":"progress","fraction":0.4,"wall_time":2.0,"requests":20,"precision":{"class":"read","statistic":"p99","reached":0.0346,"target":0.02}}'
echo '{"type":"progress","fraction":0.1,"wall_time":2.5,"requests":25,"precision":{"class":"read","statistic":"mean","reached":null,"target":0.01}}'
echo '{"type":"progress","fraction":0.9,"wall_time":3.0,"requests":30}'
echo '{"type":"result","engine":"simulation","stable":true,"classes":{},"components":{},"bottleneck":null,"load_headroom":null,"slo":[],"notes":[]}'
)"));
        QSignalSpy noted(&runner, &ui::SimulationRunner::progressNoted);
        QSignalSpy finished(&runner, &ui::SimulationRunner::finished);
        QVERIFY(runner.start(tinyScenario()));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(noted.size(), 4);
        QCOMPARE(noted[0][0].toString(), QString("finding the warm-up"));
        QCOMPARE(noted[1][0].toString(), QString("p99 of read ±3.5% → ±2%"));
        QCOMPARE(noted[2][0].toString(), QString("mean of read: no interval yet → ±1%"));
        QCOMPARE(noted[3][0].toString(), QString());
    }

    void progressThenResult() {
        ui::SimulationRunner runner;
        runner.setProgram(fakeWorker("ok.sh", R"(echo '{"type":"progress","fraction":0.25,"wall_time":1.0,"requests":10}'
echo 'not json, ignored'
echo '{"type":"progress","fraction":0.5,"wall_time":2.0,"requests":20}'
echo '{"type":"result","engine":"simulation","stable":true,"classes":{},"components":{},"bottleneck":null,"load_headroom":null,"slo":[],"notes":["fake"]}'
)"));
        QSignalSpy progressed(&runner, &ui::SimulationRunner::progressed);
        QSignalSpy finished(&runner, &ui::SimulationRunner::finished);
        QSignalSpy failed(&runner, &ui::SimulationRunner::failed);
        QVERIFY(runner.start(tinyScenario()));
        QVERIFY(runner.running());
        QVERIFY(finished.wait(10'000));
        QCOMPARE(progressed.size(), 2);
        // At a quarter done after 1 s, 3 s remain: wall × (1 − f) / f.
        QCOMPARE(progressed[0][0].toDouble(), 0.25);
        QCOMPARE(progressed[0][2].toDouble(), 3.0);
        QCOMPARE(progressed[1][3].toULongLong(), quint64(20));
        const auto result = finished[0][0].value<model::RunResult>();
        QCOMPARE(result.engine, std::string("simulation"));
        QCOMPARE(result.notes, std::vector<std::string>{"fake"});
        QVERIFY(failed.isEmpty());
        QTRY_VERIFY(!runner.running());
        // `ended` follows the result, once the worker is gone: the next run can start then.
        QSignalSpy ended(&runner, &ui::SimulationRunner::ended);
        QVERIFY(runner.start(tinyScenario()));
        QVERIFY(finished.wait(10'000));
        QVERIFY(runner.running() || !ended.isEmpty());
        QVERIFY(ended.wait(10'000) || ended.size() == 1);
        QCOMPARE(ended.size(), 1);
        QVERIFY(!runner.running());
        QVERIFY(runner.start(tinyScenario()));
        QVERIFY(ended.wait(10'000));
    }

    void aResultThatIsNotOneBecomesAFailure() {
        // A worker of another version, say, whose result lacks what this one reads.
        ui::SimulationRunner runner;
        runner.setProgram(fakeWorker("odd.sh", R"(echo '{"type":"result","engine":"simulation","classes":{}}'
)"));
        QSignalSpy finished(&runner, &ui::SimulationRunner::finished);
        QSignalSpy failed(&runner, &ui::SimulationRunner::failed);
        QVERIFY(runner.start(tinyScenario()));
        QVERIFY(failed.wait(10'000));
        QVERIFY(failed[0][0].toString().startsWith("The worker's result could not be read (not a Headroom result"));
        QVERIFY(finished.isEmpty());
    }

    void errorLineBecomesTheMessage() {
        ui::SimulationRunner runner;
        runner.setProgram(fakeWorker("error.sh", R"(echo '{"type":"error","message":"replication 2 failed: its worker was killed by signal 9"}'
exit 4
)"));
        QSignalSpy failed(&runner, &ui::SimulationRunner::failed);
        QVERIFY(runner.start(tinyScenario()));
        QVERIFY(failed.wait(10'000));
        QCOMPARE(failed[0][0].toString(), QString("replication 2 failed: its worker was killed by signal 9"));
    }

    void aCrashedWorkerIsReportedWithItsLastWords() {
        ui::SimulationRunner runner;
        runner.setProgram(fakeWorker("crash.sh", "echo 'something broke' >&2\nkill -SEGV $$\n"));
        QSignalSpy failed(&runner, &ui::SimulationRunner::failed);
        QSignalSpy finished(&runner, &ui::SimulationRunner::finished);
        QVERIFY(runner.start(tinyScenario()));
        QVERIFY(failed.wait(10'000));
        QVERIFY2(failed[0][0].toString().contains("stopped unexpectedly"), qPrintable(failed[0][0].toString()));
        QVERIFY(failed[0][0].toString().contains("something broke"));
        QVERIFY(finished.isEmpty());
        QVERIFY(!runner.running());
    }

    void aMissingWorkerIsAnError() {
        ui::SimulationRunner runner;
        runner.setProgram(m_dir.filePath("no-such-program"));
        QSignalSpy failed(&runner, &ui::SimulationRunner::failed);
        runner.start(tinyScenario());
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed[0][0].toString().contains("Cannot start the simulator"));
        QVERIFY(!runner.running());
    }

    void cancelStopsAHangingWorker() {
        ui::SimulationRunner runner;
        runner.setProgram(fakeWorker("hang.sh", "echo '{\"type\":\"progress\",\"fraction\":0.1,\"wall_time\":0.1,\"requests\":1}'\nexec sleep 60\n"));
        QSignalSpy progressed(&runner, &ui::SimulationRunner::progressed);
        QSignalSpy cancelled(&runner, &ui::SimulationRunner::cancelled);
        QVERIFY(runner.start(tinyScenario()));
        QVERIFY(progressed.wait(10'000));
        QVERIFY(!runner.start(tinyScenario()));  // one run at a time
        runner.cancel();
        QVERIFY(cancelled.wait(10'000));
        QVERIFY(!runner.running());
    }

    void theRealWorkerAnswers() {
        ui::SimulationRunner runner;
        runner.setProgram(HEADROOM_CLI_PATH);
        QSignalSpy finished(&runner, &ui::SimulationRunner::finished);
        QSignalSpy failed(&runner, &ui::SimulationRunner::failed);
        QVERIFY(runner.start(tinyScenario()));
        QVERIFY2(finished.wait(60'000), failed.isEmpty() ? "no result" : qPrintable(failed[0][0].toString()));
        const auto result = finished[0][0].value<model::RunResult>();
        // 100/s into a 2 ms single worker: ρ = 0.2, mean 2 ms / 0.8 = 2.5 ms.
        QCOMPARE(result.classes.at(0).name, std::string("users"));
        QVERIFY(std::abs(*result.classes.at(0).latency.mean - 0.0025) < 0.0005);
    }
};

QTEST_GUILESS_MAIN(SimulationRunnerTest)
#include "tst_SimulationRunner.moc"
