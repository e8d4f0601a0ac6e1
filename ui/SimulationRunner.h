// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

#include "model/JsonReader.h"
#include "model/RunResult.h"
#include "model/Scenario.h"

namespace headroom::ui {

/// Runs a simulation in a worker process, `headroom-cli simulate FILE --progress jsonl`, and
/// turns its JSON lines into signals (DESIGN.md): the app never links SimGrid, and a worker that
/// crashes or is killed becomes an error message while the diagram lives on.
class SimulationRunner final : public QObject {
    Q_OBJECT
public:
    explicit SimulationRunner(QObject* parent = nullptr);
    ~SimulationRunner() override;

    /// The worker program; by default headroom-cli next to the running executable.
    void setProgram(const QString& program) { m_program = program; }
    [[nodiscard]] const QString& program() const { return m_program; }

    /// Starts a run of `scenario` (a snapshot: later edits do not reach the run). False, with
    /// failed() emitted, when one is already running or the worker cannot start.
    bool start(const model::Scenario& scenario, const QStringList& extraArguments = {});
    /// Asks the worker to stop (SIGTERM); cancelled() follows when it has.
    void cancel();
    [[nodiscard]] bool running() const { return m_process != nullptr; }

signals:
    /// `fraction` of the run done after `wallSeconds`; `etaSeconds` < 0 while unknown.
    void progressed(double fraction, double wallSeconds, double etaSeconds, quint64 requests);
    /// What the progress stands for beyond the fraction: "finding the warm-up" while a
    /// precision-targeted run's pilots run, then the furthest statistic against its target
    /// ("p99 of read ±3.5% → 2%"); empty for a run of fixed length.
    void progressNoted(const QString& note);
    /// The worker's result, read from DESIGN.md's shape once, here.
    void finished(const headroom::model::RunResult& result);
    void failed(const QString& message);
    /// The run was refused before it began as hours of computing; start() again with
    /// "--allow-long" runs it anyway.
    void refusedAsTooLong(const QString& message);
    void cancelled();
    /// The worker process is gone, after whichever of the above said how the run ended: the
    /// next run may start.
    void ended();

private:
    void readLines();
    void processEnded(int exitCode, QProcess::ExitStatus status);
    void reportEnd(int exitCode, QProcess::ExitStatus status);
    void handleLine(const QByteArray& line);
    void reset();
    [[nodiscard]] static QString progressNote(const model::Json& message);

    QString m_program;
    QProcess* m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_directory;
    QByteArray m_pending;
    QByteArray m_errors;
    QElapsedTimer m_clock;
    bool m_cancelling = false;
    bool m_reported = false;  ///< a result or an error line arrived
};

}  // namespace headroom::ui
