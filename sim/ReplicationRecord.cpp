// SPDX-License-Identifier: MIT
#include "sim/ReplicationRecord.h"

#include <array>
#include <cmath>

namespace headroom::sim {

MeasurementWindow MeasurementWindow::over(double duration, double warmup, std::size_t maxPoints) {
    MeasurementWindow window;
    window.warmup = warmup;
    window.end = duration;
    const double least = duration / double(maxPoints);
    double interval = std::pow(10.0, std::floor(std::log10(least)));
    for (const double step : std::array{1.0, 2.0, 5.0, 10.0})
        if (interval * step >= least * (1.0 - 1e-12)) {
            interval *= step;
            break;
        }
    window.interval = interval;
    window.points = std::max<std::size_t>(1, std::size_t(std::ceil(duration / interval - 1e-9)));
    return window;
}

std::size_t MeasurementWindow::pointOf(double t) const {
    const auto point = t <= 0.0 ? std::size_t(0) : std::size_t(t / interval);
    return std::min(point, points - 1);
}

double MeasurementWindow::timeOf(std::size_t point) const {
    // interval = m × 10^e with m in {1, 2, 5}; for e < 0 divide the integer point × m by the
    // exact 10^−e, which rounds once to the double nearest the decimal.
    const int e = int(std::floor(std::log10(interval) + 1e-9));
    const double m = std::round(interval / std::pow(10.0, e));
    const double steps = double(point) * m;
    return e >= 0 ? steps * std::pow(10.0, e) : steps / std::pow(10.0, -e);
}

namespace {

model::Json histogramJson(const model::LatencyHistogram& histogram) { return histogram.toJson(); }

std::unique_ptr<model::LatencyHistogram> histogramFrom(const model::Json& json) {
    auto histogram = model::LatencyHistogram::fromJson(json);
    if (!histogram) throw std::runtime_error("a latency histogram is malformed");
    return std::make_unique<model::LatencyHistogram>(*histogram);
}

}  // namespace

model::Json ReplicationRecord::toJson() const {
    model::Json classesJson = model::Json::array();
    for (const auto& c : classes) {
        model::Json item{{"name", c.name}, {"completed", c.completed}, {"rejected", c.rejected}, {"timeouts", c.timeouts},
                         {"errors", c.errors}, {"retries", c.retries}, {"latency", histogramJson(*c.latency)},
                         {"series_completed", c.seriesCompleted}, {"series_latency_sum", c.seriesLatencySum}, {"series_failed", c.seriesFailed},
                         {"series_timeouts", c.seriesTimeouts}, {"series_rejected", c.seriesRejected}, {"series_errors", c.seriesErrors},
                         {"series_retries", c.seriesRetries}};
        model::Json windows = model::Json::array();
        for (const auto& histogram : c.seriesLatency) windows.push_back(histogramJson(histogram));
        item["series_latency"] = std::move(windows);
        classesJson.push_back(std::move(item));
    }
    model::Json poolsJson = model::Json::array();
    for (const auto& p : pools) {
        model::Json scaling = nullptr;
        if (p.scaling) {
            model::Json actions = model::Json::array();
            for (const auto& action : p.scaling->actions) actions.push_back({action.at, action.from, action.to});
            scaling = {{"billed_seconds", p.scaling->billedSeconds}, {"seconds_at", p.scaling->secondsAt}, {"peak", p.scaling->peak},
                       {"actions", std::move(actions)}, {"series_booting", p.scaling->seriesBooting}};
        }
        poolsJson.push_back({{"name", p.name}, {"arrivals", p.arrivals}, {"completed", p.completed}, {"rejected", p.rejected},
                             {"timeouts", p.timeouts}, {"errors", p.errors}, {"busy_core_seconds", p.busyCoreSeconds},
                             {"busy_worker_seconds", p.busyWorkerSeconds}, {"waiting_seconds", p.waitingSeconds}, {"peak_waiting", p.peakWaiting},
                             {"latency", histogramJson(*p.latency)}, {"series_busy_cores", p.seriesBusyCores}, {"series_waiting", p.seriesWaiting},
                             {"series_running", p.seriesRunning}, {"series_healthy", p.seriesHealthy}, {"scaling", std::move(scaling)},
                             {"key_reads", p.keyReads}, {"key_hits", p.keyHits}, {"series_key_reads", p.seriesKeyReads},
                             {"series_key_hits", p.seriesKeyHits}, {"instance_arrivals", p.instanceArrivals}});
    }
    model::Json faultsJson = model::Json::array();
    for (const auto& f : faults)
        faultsJson.push_back({{"failed", f.failed}, {"timed_out", f.timedOut}, {"retries", f.retries},
                              {"detection", f.detection ? model::Json(*f.detection) : model::Json(nullptr)}});
    return {{"type", "replication"},
            {"index", index},
            {"seed", seed},
            {"window", {{"warmup", window.warmup}, {"end", window.end}, {"interval", window.interval}, {"points", window.points}}},
            {"simulated_time", simulatedTime},
            {"requests", requests},
            {"events", events},
            {"overloaded", overloaded},
            {"overload_reason", overloadReason},
            {"overloaded_pool", overloadedPool},
            {"classes", std::move(classesJson)},
            {"pools", std::move(poolsJson)},
            {"faults", std::move(faultsJson)}};
}

std::optional<ReplicationRecord> ReplicationRecord::fromJson(const model::Json& json, std::string& error) {
    try {
        ReplicationRecord record;
        record.index = json.at("index").get<int>();
        record.seed = json.at("seed").get<std::uint64_t>();
        const auto& window = json.at("window");
        record.window = {window.at("warmup").get<double>(), window.at("end").get<double>(), window.at("interval").get<double>(),
                         window.at("points").get<std::size_t>()};
        record.simulatedTime = json.at("simulated_time").get<double>();
        record.requests = json.at("requests").get<std::uint64_t>();
        record.events = json.at("events").get<std::uint64_t>();
        record.overloaded = json.at("overloaded").get<bool>();
        record.overloadReason = json.at("overload_reason").get<std::string>();
        record.overloadedPool = json.at("overloaded_pool").get<std::string>();
        for (const auto& c : json.at("classes")) {
            ClassRecord out;
            out.name = c.at("name").get<std::string>();
            out.completed = c.at("completed").get<std::uint64_t>();
            out.rejected = c.at("rejected").get<std::uint64_t>();
            out.timeouts = c.at("timeouts").get<std::uint64_t>();
            out.latency = histogramFrom(c.at("latency"));
            out.seriesCompleted = c.at("series_completed").get<std::vector<double>>();
            out.seriesLatencySum = c.at("series_latency_sum").get<std::vector<double>>();
            out.seriesFailed = c.at("series_failed").get<std::vector<double>>();
            out.errors = c.at("errors").get<std::uint64_t>();
            out.retries = c.at("retries").get<std::uint64_t>();
            out.seriesTimeouts = c.at("series_timeouts").get<std::vector<double>>();
            out.seriesRejected = c.at("series_rejected").get<std::vector<double>>();
            out.seriesErrors = c.at("series_errors").get<std::vector<double>>();
            out.seriesRetries = c.at("series_retries").get<std::vector<double>>();
            for (const auto& window : c.at("series_latency")) out.seriesLatency.push_back(*histogramFrom(window));
            record.classes.push_back(std::move(out));
        }
        for (const auto& p : json.at("pools")) {
            PoolRecord out;
            out.name = p.at("name").get<std::string>();
            out.arrivals = p.at("arrivals").get<std::uint64_t>();
            out.completed = p.at("completed").get<std::uint64_t>();
            out.rejected = p.at("rejected").get<std::uint64_t>();
            out.timeouts = p.at("timeouts").get<std::uint64_t>();
            out.busyCoreSeconds = p.at("busy_core_seconds").get<double>();
            out.busyWorkerSeconds = p.at("busy_worker_seconds").get<double>();
            out.waitingSeconds = p.at("waiting_seconds").get<double>();
            out.peakWaiting = p.at("peak_waiting").get<std::uint64_t>();
            out.latency = histogramFrom(p.at("latency"));
            out.seriesBusyCores = p.at("series_busy_cores").get<std::vector<double>>();
            out.seriesWaiting = p.at("series_waiting").get<std::vector<double>>();
            out.errors = p.at("errors").get<std::uint64_t>();
            out.seriesRunning = p.at("series_running").get<std::vector<double>>();
            out.seriesHealthy = p.at("series_healthy").get<std::vector<double>>();
            out.keyReads = p.at("key_reads").get<std::uint64_t>();
            out.keyHits = p.at("key_hits").get<std::uint64_t>();
            out.seriesKeyReads = p.at("series_key_reads").get<std::vector<std::uint64_t>>();
            out.seriesKeyHits = p.at("series_key_hits").get<std::vector<std::uint64_t>>();
            out.instanceArrivals = p.at("instance_arrivals").get<std::vector<std::uint64_t>>();
            if (const auto& scaling = p.at("scaling"); !scaling.is_null()) {
                PoolScaling& s = out.scaling.emplace();
                s.billedSeconds = scaling.at("billed_seconds").get<double>();
                s.secondsAt = scaling.at("seconds_at").get<std::vector<double>>();
                s.peak = scaling.at("peak").get<int>();
                for (const auto& action : scaling.at("actions"))
                    s.actions.push_back({action.at(0).get<double>(), action.at(1).get<int>(), action.at(2).get<int>()});
                s.seriesBooting = scaling.at("series_booting").get<std::vector<double>>();
            }
            record.pools.push_back(std::move(out));
        }
        for (const auto& f : json.at("faults"))
            record.faults.push_back({f.at("failed").get<std::uint64_t>(), f.at("timed_out").get<std::uint64_t>(), f.at("retries").get<std::uint64_t>(),
                                     f.at("detection").is_null() ? std::nullopt : std::optional(f.at("detection").get<double>())});
        return record;
    } catch (const std::exception& e) {
        error = std::string("a replication's result is malformed: ") + e.what();
        return std::nullopt;
    }
}

}  // namespace headroom::sim
