// SPDX-License-Identifier: MIT
#pragma once

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <fstream>
#include <string>

#include "model/JsonReader.h"

/// Runs `headroom-cli simulate` on a scenario, as users do, and checks its figures against
/// theory within the run's own confidence intervals.
namespace headroom::test {

struct Simulated {
    int exitCode = -1;
    model::Json result;
    QByteArray out;
    QByteArray err;
};

/// Writes `scenario` to a temporary file and simulates it with `arguments` (after the file).
inline Simulated simulate(const model::Json& scenario, const QStringList& arguments = {"--json"}, int timeoutMs = 240'000) {
    QTemporaryDir dir;
    const std::string path = dir.filePath("scenario.headroom.json").toStdString();
    std::ofstream(path) << scenario.dump(2);
    QProcess process;
    process.start(HEADROOM_CLI_PATH, QStringList{"simulate", QString::fromStdString(path)} + arguments);
    Simulated out;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return out;
    }
    out.exitCode = process.exitCode();
    out.out = process.readAllStandardOutput();
    out.err = process.readAllStandardError();
    out.result = model::Json::parse(out.out.toStdString(), nullptr, false);
    return out;
}

/// Writes `scenario` to a temporary file and runs `headroom-cli analyze --json` on it.
inline model::Json analyze(const model::Json& scenario) {
    QTemporaryDir dir;
    const std::string path = dir.filePath("scenario.headroom.json").toStdString();
    std::ofstream(path) << scenario.dump(2);
    QProcess process;
    process.start(HEADROOM_CLI_PATH, {"analyze", "--json", QString::fromStdString(path)});
    process.waitForFinished(60'000);
    return model::Json::parse(process.readAllStandardOutput().toStdString(), nullptr, false);
}

/// A scenario with the given components and run block.
inline model::Json scenarioOf(model::Json components, model::Json run) {
    return {{"format", "headroom-scenario"}, {"version", 1}, {"name", "test"}, {"components", std::move(components)}, {"run", std::move(run)}};
}

/// The half-width of the 99 % confidence interval from the run's 95 % one: both are
/// t(n − 1) × s ÷ √n, so the ratio is t(0.995, n − 1) ÷ t(0.975, n − 1). A check at 99 % fails by
/// chance once in a hundred; the seeds are fixed, so a pass is reproducible.
inline double halfWidth99(double halfWidth95, int replications) {
    const boost::math::students_t t(replications - 1);
    return halfWidth95 * boost::math::quantile(t, 0.995) / boost::math::quantile(t, 0.975);
}

/// The half-width at `confidence` from the run's 95 % one, as halfWidth99 does for 99 %.
inline double halfWidthAt(double halfWidth95, int replications, double confidence) {
    const boost::math::students_t t(replications - 1);
    return halfWidth95 * boost::math::quantile(t, 1.0 - (1.0 - confidence) / 2.0) / boost::math::quantile(t, 0.975);
}

/// Bucket resolution of the latency histograms: a percentile is within 1/129 of a sample.
inline constexpr double kHistogramResolution = 1.0 / 129.0;

}  // namespace headroom::test

/// Verifies that `theory` lies within the confidence interval of a simulated value that makes a
/// family of `checks` such checks fail by chance once in a hundred together (Bonferroni: each at
/// 1 − 0.01 / checks), plus `extra`. For tests that check many values, where 99 % each would
/// fail some check by chance in most runs (1 − 0.99^100 = 63 %).
#define HEADROOM_VERIFY_WITHIN_FAMILY_CI(simulated, halfWidth95, replications, theory, extra, checks)                          \
    do {                                                                                                                       \
        const double value_ = (simulated), theory_ = (theory);                                                                 \
        const double allowed_ = ::headroom::test::halfWidthAt((halfWidth95), (replications), 1.0 - 0.01 / (checks)) + (extra);  \
        QVERIFY2(std::abs(value_ - theory_) <= allowed_,                                                                       \
                 qPrintable(QString("%1 = %2, theory %3, allowed ± %4").arg(#simulated).arg(value_, 0, 'g', 8).arg(theory_, 0, 'g', 8) \
                                .arg(allowed_, 0, 'g', 4)));                                                                   \
    } while (false)

/// Verifies that `theory` lies within the 99 % confidence interval of a simulated value (plus
/// `extra`, the histogram's resolution for percentiles).
#define HEADROOM_VERIFY_WITHIN_CI(simulated, halfWidth95, replications, theory, extra)                                          \
    do {                                                                                                                       \
        const double value_ = (simulated), theory_ = (theory);                                                                 \
        const double allowed_ = ::headroom::test::halfWidth99((halfWidth95), (replications)) + (extra);                        \
        QVERIFY2(std::abs(value_ - theory_) <= allowed_,                                                                       \
                 qPrintable(QString("%1 = %2, theory %3, allowed ± %4").arg(#simulated).arg(value_, 0, 'g', 8).arg(theory_, 0, 'g', 8) \
                                .arg(allowed_, 0, 'g', 4)));                                                                   \
    } while (false)
