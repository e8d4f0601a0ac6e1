// SPDX-License-Identifier: MIT
#include "ui/SimulationRunner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include "model/ScenarioWriter.h"

namespace headroom::ui {
namespace {

/// The most of a worker's standard error kept for a message.
constexpr qsizetype kErrorBytesKept = 4096;

QString defaultProgram() { return QDir(QCoreApplication::applicationDirPath()).filePath("headroom-cli"); }

QString lastLines(const QByteArray& text) {
    const QList<QByteArray> lines = text.trimmed().split('\n');
    QStringList kept;
    for (qsizetype i = std::max<qsizetype>(0, lines.size() - 3); i < lines.size(); ++i)
        if (!lines[i].trimmed().isEmpty()) kept << QString::fromUtf8(lines[i].trimmed());
    return kept.join("\n");
}

}  // namespace

SimulationRunner::SimulationRunner(QObject* parent) : QObject(parent), m_program(defaultProgram()) {}

SimulationRunner::~SimulationRunner() {
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

bool SimulationRunner::start(const model::Scenario& scenario, const QStringList& extraArguments) {
    if (m_process) {
        emit failed(tr("A simulation is already running."));
        return false;
    }
    m_directory = std::make_unique<QTemporaryDir>();
    const QString file = m_directory->filePath("scenario.headroom.json");
    QFile out(file);
    if (!m_directory->isValid() || !out.open(QIODevice::WriteOnly)) {
        emit failed(tr("Cannot write the scenario for the simulation: %1").arg(out.errorString()));
        return false;
    }
    out.write(QByteArray::fromStdString(model::toText(scenario)));
    out.close();

    m_process = new QProcess(this);
    m_pending.clear();
    m_errors.clear();
    m_cancelling = false;
    m_reported = false;
    connect(m_process, &QProcess::readyReadStandardOutput, this, &SimulationRunner::readLines);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_errors += m_process->readAllStandardError();
        if (m_errors.size() > kErrorBytesKept) m_errors = m_errors.right(kErrorBytesKept);
    });
    connect(m_process, &QProcess::finished, this, &SimulationRunner::processEnded);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart) return;
        const QString message = tr("Cannot start the simulator (%1): %2").arg(m_program, m_process->errorString());
        reset();
        emit failed(message);
        emit ended();
    });
    m_clock.start();
    m_process->start(m_program, QStringList{"simulate", file, "--progress", "jsonl"} + extraArguments);
    return true;
}

void SimulationRunner::cancel() {
    if (!m_process) return;
    m_cancelling = true;
    m_process->terminate();
}

void SimulationRunner::readLines() {
    m_pending += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(newline);
        m_pending.remove(0, newline + 1);
        handleLine(line);
        if (!m_process) return;
    }
}

QString SimulationRunner::progressNote(const model::Json& message) {
    if (message.value("phase", std::string()) == "warmup") return tr("finding the warm-up");
    const auto precision = message.find("precision");
    if (precision == message.end() || !precision->is_object()) return {};
    const QString what = tr("%1 of %2").arg(QString::fromStdString(precision->value("statistic", std::string())),
                                            QString::fromStdString(precision->value("class", std::string())));
    const double target = precision->value("target", 0.0) * 100.0;
    const auto reached = precision->find("reached");
    if (reached == precision->end() || !reached->is_number()) return tr("%1: no interval yet → ±%2%").arg(what).arg(target, 0, 'g', 3);
    return tr("%1 ±%2% → ±%3%").arg(what).arg(reached->get<double>() * 100.0, 0, 'f', 1).arg(target, 0, 'g', 3);
}

void SimulationRunner::handleLine(const QByteArray& line) {
    const model::Json message = model::Json::parse(line.toStdString(), nullptr, false);
    if (message.is_discarded() || !message.is_object()) return;
    const std::string type = message.value("type", "");
    if (type == "progress") {
        const double fraction = message.value("fraction", 0.0);
        const double wall = message.value("wall_time", m_clock.elapsed() / 1000.0);
        const double eta = fraction > 0.01 ? wall * (1.0 - fraction) / fraction : -1.0;
        // A precision-targeted run's fraction is of the replications planned so far, so its
        // time left is a lower bound; the note says how far the interval still has to narrow.
        emit progressed(fraction, wall, eta, message.value("requests", quint64{0}));
        emit progressNoted(progressNote(message));
    } else if (type == "result") {
        m_reported = true;
        model::Json document = message;
        document.erase("type");
        std::string error;
        if (const auto result = model::runResultFromJson(document, error))
            emit finished(*result);
        else
            emit failed(tr("The worker's result could not be read (%1).").arg(QString::fromStdString(error)));
    } else if (type == "error") {
        m_reported = true;
        const QString text = QString::fromStdString(message.value("message", std::string("the simulation failed")));
        if (m_cancelling && text == "cancelled")
            emit cancelled();
        else if (message.value("reason", std::string()) == "too_long")
            emit refusedAsTooLong(text.trimmed());
        else
            emit failed(text);
    }
}

void SimulationRunner::processEnded(int exitCode, QProcess::ExitStatus status) {
    readLines();
    if (!m_process) return;
    reportEnd(exitCode, status);
    emit ended();
}

void SimulationRunner::reportEnd(int exitCode, QProcess::ExitStatus status) {
    m_errors += m_process->readAllStandardError();
    const bool reported = m_reported;
    const bool cancelling = m_cancelling;
    reset();
    if (reported) return;
    if (cancelling) {
        emit cancelled();
        return;
    }
    const QString detail = lastLines(m_errors);
    if (status == QProcess::CrashExit)
        emit failed(tr("The simulator stopped unexpectedly (it crashed or was killed).") + (detail.isEmpty() ? QString() : "\n" + detail));
    else if (exitCode == 1)
        emit failed(tr("The scenario has problems the simulator cannot run with:") + "\n" + detail);
    else
        emit failed(tr("The simulator ended with status %1 without a result.").arg(exitCode) + (detail.isEmpty() ? QString() : "\n" + detail));
}

void SimulationRunner::reset() {
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_directory.reset();
}

}  // namespace headroom::ui
