// SPDX-License-Identifier: MIT
#include "model/Estimator.h"

#include <cmath>
#include <functional>
#include <map>

#include "model/Defaults.h"
#include "model/UnitFormat.h"

namespace headroom::model {
namespace {

/// The conventions in force, each with the reference row it defaulted to ("" when set).
struct Conventions {
    double secondsPerDay = defaults::kSecondsPerDay.value;
    double daysPerMonth = defaults::kDaysPerMonth.value;
    double secondsPerMonth = 0.0;
    double daysPerYear = defaults::kDaysPerYear.value;
    double peakFactor = defaults::kPeakFactor.value;
    double cacheHotFraction = defaults::kCacheHotFraction.value;
    double storageUtilization = defaults::kStorageUtilization.value;
    UnitSystem units = UnitSystem::Decimal;
    std::map<std::string, std::vector<std::string>, std::less<>> sources;

    explicit Conventions(const EstimateInput& input) {
        const auto take = [&](const char* key, const std::optional<double>& given, double& field, std::vector<std::string> source) {
            if (given)
                field = *given;
            else
                sources[key] = std::move(source);
        };
        take("seconds_per_day", input.secondsPerDay, secondsPerDay, {std::string(defaults::kSecondsPerDay.id)});
        take("days_per_month", input.daysPerMonth, daysPerMonth, {std::string(defaults::kDaysPerMonth.id)});
        take("days_per_year", input.daysPerYear, daysPerYear, {std::string(defaults::kDaysPerYear.id)});
        take("peak_factor", input.peakFactor, peakFactor, {std::string(defaults::kPeakFactor.id)});
        take("cache_hot_fraction", input.cacheHotFraction, cacheHotFraction, {std::string(defaults::kCacheHotFraction.id)});
        take("storage_utilization", input.storageUtilization, storageUtilization, {std::string(defaults::kStorageUtilization.id)});
        // A month in seconds is, unless set (2.5 M s in system-design-primer, T03), its days × a day.
        secondsPerMonth = secondsPerDay * daysPerMonth;
        std::vector<std::string> monthSources = sourcesOf("seconds_per_day");
        for (auto& id : sourcesOf("days_per_month")) monthSources.push_back(id);
        take("seconds_per_month", input.secondsPerMonth, secondsPerMonth, monthSources);
        units = input.units.value_or(UnitSystem::Decimal);
    }

    [[nodiscard]] std::vector<std::string> sourcesOf(std::string_view key) const {
        const auto it = sources.find(key);
        return it == sources.end() ? std::vector<std::string>{} : it->second;
    }
};

/// The unit of time a rate is counted in for the estimate: a per-second rate (also /min, /h)
/// is kept per second, the calendar ones as written.
enum class Native { Second, Day, Month, Year };

/// An action's rate as a count per native period, with the working that produced it.
struct NativeRate {
    double count = 0.0;
    Native period = Native::Day;
    std::string formula;
    std::string substituted;
    std::vector<std::string> sources;
};

std::string_view nativeName(Native period) {
    switch (period) {
        case Native::Second: return "s";
        case Native::Day: return "day";
        case Native::Month: return "month";
        case Native::Year: return "year";
    }
    return "s";
}

void addSources(std::vector<std::string>& to, const std::vector<std::string>& from) {
    for (const auto& id : from)
        if (std::find(to.begin(), to.end(), id) == to.end()) to.push_back(id);
}

/// "500M/month" → native month; "8000/s", "30000/min" → native second.
NativeRate nativeOf(const CountPerPeriod& rate) {
    NativeRate native;
    switch (rate.period) {
        case Period::Second:
        case Period::Minute:
        case Period::Hour:
            native.period = Native::Second;
            native.count = rate.count / physicalSecondsIn(rate.period);
            break;
        case Period::Day: native.period = Native::Day; native.count = rate.count; break;
        case Period::Month: native.period = Native::Month; native.count = rate.count; break;
        case Period::Year: native.period = Native::Year; native.count = rate.count; break;
    }
    return native;
}

/// Converts a count per native period to a count per `target` period under the conventions,
/// the way the published estimates do: per month × 12 per year, per day × days_per_year.
struct Conversion {
    double factor = 1.0;
    std::string symbol;  ///< "× days_per_month", "÷ seconds_per_day", "" for none
    std::string number;  ///< "× 30", "÷ 86,400 s"
    std::vector<std::string> sources;
};

Conversion convert(Native from, Native to, const Conventions& c) {
    if (from == to) return {};
    const auto mul = [&](double f, const char* symbol, const std::string& shown, std::vector<std::string> sources) {
        return Conversion{f, std::string("× ") + symbol, "× " + shown, std::move(sources)};
    };
    const auto div = [&](double f, const char* symbol, const std::string& shown, std::vector<std::string> sources) {
        return Conversion{1.0 / f, std::string("÷ ") + symbol, "÷ " + shown, std::move(sources)};
    };
    const std::string spd = formatNumber(c.secondsPerDay) + " s";
    const std::string spm = formatNumber(c.secondsPerMonth) + " s";
    const std::string dpm = formatNumber(c.daysPerMonth);
    const std::string dpy = formatNumber(c.daysPerYear);
    const auto sDay = c.sourcesOf("seconds_per_day");
    const auto sMonth = c.sourcesOf("seconds_per_month");
    const auto sDpm = c.sourcesOf("days_per_month");
    const auto sDpy = c.sourcesOf("days_per_year");
    auto both = sDay;
    addSources(both, sDpy);
    switch (from) {
        case Native::Second:
            if (to == Native::Day) return mul(c.secondsPerDay, "seconds_per_day", spd, sDay);
            if (to == Native::Month) return mul(c.secondsPerMonth, "seconds_per_month", spm, sMonth);
            return mul(c.secondsPerDay * c.daysPerYear, "seconds_per_day × days_per_year", spd + " × " + dpy, both);
        case Native::Day:
            if (to == Native::Second) return div(c.secondsPerDay, "seconds_per_day", spd, sDay);
            if (to == Native::Month) return mul(c.daysPerMonth, "days_per_month", dpm, sDpm);
            return mul(c.daysPerYear, "days_per_year", dpy, sDpy);
        case Native::Month:
            if (to == Native::Second) return div(c.secondsPerMonth, "seconds_per_month", spm, sMonth);
            if (to == Native::Day) return div(c.daysPerMonth, "days_per_month", dpm, sDpm);
            return mul(12.0, "12", "12", {});
        case Native::Year:
            if (to == Native::Second) return div(c.secondsPerDay * c.daysPerYear, "(seconds_per_day × days_per_year)", "(" + spd + " × " + dpy + ")", both);
            if (to == Native::Day) return div(c.daysPerYear, "days_per_year", dpy, sDpy);
            return div(12.0, "12", "12", {});
    }
    return {};
}

std::string show(double value, QuantityUnit unit, UnitSystem units) {
    Quantity q;
    q.value = value;
    q.unit = unit;
    return formatQuantity(q, units, 4);
}

Quantity missing(QuantityUnit unit, std::string formula, std::string note) {
    Quantity q;
    q.unit = unit;
    q.formula = std::move(formula);
    q.note = std::move(note);
    return q;
}

/// Builds the quantities of one estimate, in the order of Estimate's documentation.
class EstimateBuilder {
public:
    explicit EstimateBuilder(const EstimateInput& input) : m_input(input), m_conventions(input) {}

    Estimate build() {
        m_estimate.units = m_conventions.units;
        recordConventions();
        computeDailyUsers();
        m_native.resize(m_input.actions.size());
        for (std::size_t i = 0; i < m_input.actions.size(); ++i) m_actionIndex.emplace(m_input.actions[i].name, i);
        for (std::size_t i = 0; i < m_input.actions.size(); ++i) m_estimate.actions.push_back(actionGroup(i));
        computeTotals();
        for (const auto& dataset : m_input.datasets) m_estimate.datasets.push_back(datasetGroup(dataset));
        if (m_input.keys) m_estimate.keys = keysGroup(*m_input.keys);
        withoutOverflow();
        return std::move(m_estimate);
    }

private:
    std::string sized(double value, QuantityUnit unit) const { return show(value, unit, m_conventions.units); }

    /// Inputs at the edge of a double (a keyspace of 64^1000) give an infinity: no value then,
    /// and a note, never a number that is silently wrong.
    void withoutOverflow() {
        const auto fix = [&](const std::string& prefix, std::vector<NamedQuantity>& quantities) {
            for (auto& named : quantities) {
                if (named.quantity.value && !std::isfinite(*named.quantity.value)) {
                    named.quantity.value.reset();
                    named.quantity.note = "too large to compute: the inputs overflow a double";
                    m_estimate.overflowed.push_back(prefix + named.key);
                }
            }
        };
        fix("", m_estimate.totals);
        for (auto& group : m_estimate.actions) fix("actions." + group.name + ".", group.quantities);
        for (auto& group : m_estimate.datasets) fix("datasets." + group.name + ".", group.quantities);
        if (m_estimate.keys) fix("keys.", m_estimate.keys->quantities);
    }

    void recordConventions() {
        const auto& c = m_conventions;
        const auto add = [&](const char* key, double value, std::string meaning) {
            const auto sources = c.sourcesOf(key);
            std::string source;
            for (const auto& id : sources) source += (source.empty() ? "" : ", ") + id;
            m_estimate.conventions.push_back({key, value, source, std::move(meaning)});
        };
        add("seconds_per_day", c.secondsPerDay, "1 day = " + formatNumber(c.secondsPerDay) + " s");
        add("days_per_month", c.daysPerMonth, "1 month = " + formatNumber(c.daysPerMonth) + " days");
        add("seconds_per_month", c.secondsPerMonth, "1 month = " + formatNumber(c.secondsPerMonth) + " s");
        add("days_per_year", c.daysPerYear, "1 year = " + formatNumber(c.daysPerYear) + " days (12 months)");
        add("peak_factor", c.peakFactor, "peak = " + formatNumber(c.peakFactor) + " × average");
        add("cache_hot_fraction", c.cacheHotFraction, "cache the hottest " + formatNumber(c.cacheHotFraction * 100.0) + "% of a day's reads");
        add("storage_utilization", c.storageUtilization, "provision storage to be " + formatNumber(c.storageUtilization * 100.0) + "% full");
        m_estimate.conventions.push_back({"units", c.units == UnitSystem::Binary ? 1024.0 : 1000.0, "",
                                          c.units == UnitSystem::Binary ? "1 KB = 1,024 B (binary)" : "1 KB = 1,000 B (decimal)"});
    }

    void computeDailyUsers() {
        Quantity q;
        q.unit = QuantityUnit::Count;
        if (m_input.dailyActiveUsers) {
            q.value = *m_input.dailyActiveUsers;
            q.formula = "daily_active_users (given)";
            q.substituted = formatNumber(*q.value);
        } else if (m_input.monthlyActiveUsers && m_input.dailyActiveRatio) {
            q.value = *m_input.monthlyActiveUsers * *m_input.dailyActiveRatio;
            q.formula = "daily_active_users = monthly_active_users × daily_active_ratio";
            q.substituted = formatNumber(*m_input.monthlyActiveUsers) + " × " + formatNumber(*m_input.dailyActiveRatio) + " = " + formatNumber(*q.value);
        } else {
            q = missing(QuantityUnit::Count, "daily_active_users = monthly_active_users × daily_active_ratio",
                        "no users given: actions are given as absolute rates");
        }
        m_dailyUsers = q.value;
        m_estimate.totals.push_back({"daily_active_users", std::move(q)});
    }

    /// The native rate of action `index`, following relative rates to their base. Iterative and
    /// memoized: a chain of thousands of relative rates costs one walk.
    const NativeRate& nativeRate(std::size_t index) {
        std::vector<std::size_t> chain;
        std::vector<bool> inChain(m_input.actions.size(), false);
        std::size_t current = index;
        while (!m_native[current]) {
            chain.push_back(current);
            inChain[current] = true;
            const auto& relative = m_input.actions[current].relative;
            const auto base = relative ? m_actionIndex.find(relative->per) : m_actionIndex.end();
            if (base == m_actionIndex.end() || inChain[base->second]) break;
            current = base->second;
        }
        // Fill in from the base back to `index`; each link's base is known by then (or is
        // missing, which validation reported, and counts as zero).
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            const EstimateAction& action = m_input.actions[*it];
            const NativeRate* base = nullptr;
            if (action.relative)
                if (const auto found = m_actionIndex.find(action.relative->per); found != m_actionIndex.end() && m_native[found->second])
                    base = &*m_native[found->second];
            m_native[*it] = ownRate(action, base);
        }
        return *m_native[index];
    }

    NativeRate ownRate(const EstimateAction& action, const NativeRate* base) const {
        NativeRate rate;
        if (action.perUserPerDay) {
            rate.period = Native::Day;
            rate.count = *action.perUserPerDay * m_dailyUsers.value_or(0.0);
            rate.formula = "per_user_per_day × daily_active_users";
            rate.substituted = formatNumber(*action.perUserPerDay) + " × " + formatNumber(m_dailyUsers.value_or(0.0));
        } else if (action.rate) {
            rate = nativeOf(*action.rate);
            rate.formula = "rate (given)";
            rate.substituted = exactCountPerPeriod(*action.rate);
        } else if (action.relative) {
            const double baseCount = base ? base->count : 0.0;
            if (base) {
                rate.period = base->period;
                rate.sources = base->sources;
            }
            rate.count = action.relative->times * baseCount;
            rate.formula = "times × " + action.relative->per + ".per_" + std::string(nativeName(rate.period));
            rate.substituted = formatNumber(action.relative->times) + " × " + formatNumber(baseCount);
        }
        return rate;
    }

    /// "per_<to>" of an action from its native rate.
    Quantity perPeriod(const NativeRate& rate, Native to, QuantityUnit unit) {
        const Conversion conversion = convert(rate.period, to, m_conventions);
        Quantity q;
        q.unit = unit;
        q.value = rate.count * conversion.factor;
        const std::string target = to == Native::Second ? "qps" : "per_" + std::string(nativeName(to));
        const std::string source = "per_" + std::string(nativeName(rate.period));
        if (conversion.symbol.empty()) {
            q.formula = target + " = " + rate.formula;
            q.substituted = rate.substituted + " = " + sized(*q.value, unit);
        } else {
            q.formula = target + " = " + source + " " + conversion.symbol;
            q.substituted = formatNumber(rate.count) + " " + conversion.number + " = " + sized(*q.value, unit);
        }
        q.sources = rate.sources;
        addSources(q.sources, conversion.sources);
        return q;
    }

    /// peak_qps = qps × peak_factor, for an action or for the totals (qps in requests per second).
    Quantity peakQps(const Quantity& qps) const {
        const double pf = m_conventions.peakFactor;
        auto sources = qps.sources;
        addSources(sources, m_conventions.sourcesOf("peak_factor"));
        return product(QuantityUnit::PerSecond, "peak_qps = qps × peak_factor", *qps.value, sized(*qps.value, QuantityUnit::PerSecond), pf,
                       formatNumber(pf), sized(*qps.value * pf, QuantityUnit::PerSecond), sources);
    }

    static Quantity product(QuantityUnit unit, const std::string& formula, double a, const std::string& aShown, double b,
                            const std::string& bShown, const std::string& resultShown, std::vector<std::string> sources = {}) {
        Quantity q;
        q.unit = unit;
        q.value = a * b;
        q.formula = formula;
        q.substituted = aShown + " × " + bShown + " = " + resultShown;
        q.sources = std::move(sources);
        return q;
    }

    QuantityGroup actionGroup(std::size_t index) {
        const EstimateAction& action = m_input.actions[index];
        QuantityGroup group{action.name, {}};
        const NativeRate rate = nativeRate(index);
        const bool write = action.kind == Operation::Write;
        auto& out = group.quantities;
        const Quantity qps = perPeriod(rate, Native::Second, QuantityUnit::PerSecond);
        const Quantity perDay = perPeriod(rate, Native::Day, QuantityUnit::Count);
        const Quantity perMonth = perPeriod(rate, Native::Month, QuantityUnit::Count);
        const Quantity perYear = perPeriod(rate, Native::Year, QuantityUnit::Count);
        out.push_back({"per_day", perDay});
        out.push_back({"per_month", perMonth});
        out.push_back({"per_year", perYear});
        out.push_back({"qps", qps});
        const Quantity peakQpsOfAction = peakQps(qps);
        out.push_back({"peak_qps", peakQpsOfAction});

        // Bytes moved per action: its size plus the expected media (media_ratio × media_size).
        const double size = action.size.value_or(Bytes{}).value;
        double transfer = size;
        std::string transferFormula = "size";
        std::string transferShown = sized(size, QuantityUnit::Bytes);
        if (action.mediaRatio && action.mediaSize) {
            transfer += *action.mediaRatio * action.mediaSize->value;
            transferFormula = "(size + media_ratio × media_size)";
            transferShown = "(" + sized(size, QuantityUnit::Bytes) + " + " + formatNumber(*action.mediaRatio) + " × " +
                            sized(action.mediaSize->value, QuantityUnit::Bytes) + ")";
        }
        const double stored = action.storedSize ? action.storedSize->value : (write ? transfer : 0.0);
        const std::string storedFormula = action.storedSize ? "stored_size" : transferFormula;
        const std::string storedShown = action.storedSize ? sized(stored, QuantityUnit::Bytes) : transferShown;

        const std::string bandwidthKey = write ? "ingress" : "egress";
        out.push_back({bandwidthKey, product(QuantityUnit::BytesPerSecond, bandwidthKey + " = qps × " + transferFormula, *qps.value,
                                             sized(*qps.value, QuantityUnit::PerSecond), transfer, transferShown,
                                             sized(*qps.value * transfer, QuantityUnit::BytesPerSecond), qps.sources)});
        if (stored > 0.0 || write) {
            for (const auto& [key, count] : {std::pair{"storage_per_day", &perDay}, std::pair{"storage_per_month", &perMonth},
                                             std::pair{"storage_per_year", &perYear}}) {
                const std::string periodKey = std::string(key).substr(std::string("storage_").size());
                out.push_back({key, product(QuantityUnit::Bytes, std::string(key) + " = " + periodKey + " × " + storedFormula, *count->value,
                                            formatNumber(*count->value), stored, storedShown, sized(*count->value * stored, QuantityUnit::Bytes),
                                            count->sources)});
            }
        }
        if (stored > 0.0 || write)
            out.push_back({"storage_rate", product(QuantityUnit::BytesPerSecond, "storage_rate = qps × " + storedFormula, *qps.value,
                                                   sized(*qps.value, QuantityUnit::PerSecond), stored, storedShown,
                                                   sized(*qps.value * stored, QuantityUnit::BytesPerSecond), qps.sources)});
        if (m_input.retention && (stored > 0.0 || write)) {
            const CalendarSpan& retention = *m_input.retention;
            const Native unit = retention.unit == CalendarSpan::Unit::Day ? Native::Day
                                : retention.unit == CalendarSpan::Unit::Month ? Native::Month : Native::Year;
            const Quantity per = perPeriod(rate, unit, QuantityUnit::Count);
            const std::string perKey = "per_" + std::string(nativeName(unit));
            Quantity objects = product(QuantityUnit::Count, "objects_total = " + perKey + " × retention", *per.value, formatNumber(*per.value),
                                       retention.count, exactCalendarSpan(retention), formatNumber(*per.value * retention.count), per.sources);
            const double objectCount = *objects.value;
            out.push_back({"objects_total", std::move(objects)});
            out.push_back({"storage_total", product(QuantityUnit::Bytes, "storage_total = objects_total × " + storedFormula, objectCount,
                                                    formatNumber(objectCount), stored, storedShown, sized(objectCount * stored, QuantityUnit::Bytes),
                                                    per.sources)});
        }
        if (action.fanout)
            out.push_back({"fanout_qps", product(QuantityUnit::PerSecond, "fanout_qps = qps × fanout", *qps.value, sized(*qps.value, QuantityUnit::PerSecond),
                                                 *action.fanout, formatNumber(*action.fanout), sized(*qps.value * *action.fanout, QuantityUnit::PerSecond),
                                                 qps.sources)});
        if (const auto capacity = action.perServerQps ? action.perServerQps : m_input.perServerQps) {
            const double peak = *peakQpsOfAction.value;
            Quantity servers;
            servers.unit = QuantityUnit::Servers;
            servers.value = std::ceil(peak / *capacity);
            servers.formula = "servers = ⌈peak_qps ÷ per_server_qps⌉";
            servers.substituted = "⌈" + sized(peak, QuantityUnit::PerSecond) + " ÷ " + formatNumber(*capacity) + "/s⌉ = " + formatNumber(*servers.value);
            servers.sources = peakQpsOfAction.sources;
            out.push_back({"servers", std::move(servers)});
        }
        return group;
    }

    /// Σ over the actions of one quantity, optionally only of one kind.
    Quantity sum(const std::string& key, const std::string& of, QuantityUnit unit, std::optional<Operation> kind, const std::string& description) {
        Quantity q;
        q.unit = unit;
        double total = 0.0;
        std::string terms;
        bool any = false;
        for (std::size_t i = 0; i < m_input.actions.size(); ++i) {
            if (kind && m_input.actions[i].kind != *kind) continue;
            const Quantity* part = m_estimate.actions[i].find(of);
            if (!part || !part->value) continue;
            any = true;
            total += *part->value;
            terms += (terms.empty() ? "" : " + ") + sized(*part->value, unit) + " (" + m_input.actions[i].name + ")";
            addSources(q.sources, part->sources);
        }
        q.value = total;
        q.formula = key + " = Σ " + of + " of " + description;
        q.substituted = any ? terms + " = " + sized(total, unit) : "no " + description + " = " + sized(0.0, unit);
        return q;
    }

    void computeTotals() {
        auto& totals = m_estimate.totals;
        const Quantity writeQps = sum("write_qps", "qps", QuantityUnit::PerSecond, Operation::Write, "write actions");
        const Quantity readQps = sum("read_qps", "qps", QuantityUnit::PerSecond, Operation::Read, "read actions");
        totals.push_back({"write_qps", writeQps});
        totals.push_back({"read_qps", readQps});
        Quantity qps;
        qps.unit = QuantityUnit::PerSecond;
        qps.value = *writeQps.value + *readQps.value;
        qps.formula = "qps = write_qps + read_qps";
        qps.substituted = sized(*writeQps.value, qps.unit) + " + " + sized(*readQps.value, qps.unit) + " = " + sized(*qps.value, qps.unit);
        qps.sources = writeQps.sources;
        addSources(qps.sources, readQps.sources);
        totals.push_back({"qps", qps});
        totals.push_back({"peak_qps", peakQps(qps)});

        totals.push_back({"storage_per_day", sum("storage_per_day", "storage_per_day", QuantityUnit::Bytes, std::nullopt, "actions that store data")});
        totals.push_back({"storage_per_month", sum("storage_per_month", "storage_per_month", QuantityUnit::Bytes, std::nullopt, "actions that store data")});
        totals.push_back({"storage_per_year", sum("storage_per_year", "storage_per_year", QuantityUnit::Bytes, std::nullopt, "actions that store data")});
        totals.push_back({"storage_rate", sum("storage_rate", "storage_rate", QuantityUnit::BytesPerSecond, std::nullopt, "actions that store data")});
        if (m_input.retention) {
            Quantity total = sum("storage_total", "storage_total", QuantityUnit::Bytes, std::nullopt, "actions that store data");
            totals.push_back({"storage_total", total});
            const double u = m_conventions.storageUtilization;
            Quantity provisioned;
            provisioned.unit = QuantityUnit::Bytes;
            provisioned.value = *total.value / u;
            provisioned.formula = "storage_provisioned = storage_total ÷ storage_utilization";
            provisioned.substituted = sized(*total.value, QuantityUnit::Bytes) + " ÷ " + formatNumber(u) + " = " + sized(*provisioned.value, QuantityUnit::Bytes);
            provisioned.sources = total.sources;
            addSources(provisioned.sources, m_conventions.sourcesOf("storage_utilization"));
            totals.push_back({"storage_provisioned", std::move(provisioned)});
        } else {
            totals.push_back({"storage_total", missing(QuantityUnit::Bytes, "storage_total = Σ storage_total of actions that store data",
                                                       "set \"retention\" (such as \"5y\") to total the storage")});
            totals.push_back({"storage_provisioned", missing(QuantityUnit::Bytes, "storage_provisioned = storage_total ÷ storage_utilization",
                                                             "set \"retention\" (such as \"5y\") to total the storage")});
        }
        totals.push_back({"ingress", sum("ingress", "ingress", QuantityUnit::BytesPerSecond, Operation::Write, "write actions")});
        totals.push_back({"egress", sum("egress", "egress", QuantityUnit::BytesPerSecond, Operation::Read, "read actions")});
        totals.push_back({"cache_memory", cacheMemory()});
        if (m_input.keyPopularity && m_input.keyPopularity->itemSize) totals.push_back({"cache_memory_for_hit_target", cacheForHitTarget()});
        if (m_input.keyPopularity && m_input.shards) totals.push_back({"hot_shard_factor", hotShardFactor()});
        totals.push_back({"servers", servers()});
    }

    /// The 80/20 rule (T13): cache the hot fraction of a day's reads, each of its size.
    Quantity cacheMemory() {
        Quantity q;
        q.unit = QuantityUnit::Bytes;
        double dailyReadBytes = 0.0;
        std::string terms;
        for (std::size_t i = 0; i < m_input.actions.size(); ++i) {
            const EstimateAction& action = m_input.actions[i];
            if (action.kind != Operation::Read || !action.size) continue;
            const Quantity* perDay = m_estimate.actions[i].find("per_day");
            dailyReadBytes += *perDay->value * action.size->value;
            terms += (terms.empty() ? "" : " + ") + formatNumber(*perDay->value) + " × " + sized(action.size->value, QuantityUnit::Bytes);
            addSources(q.sources, perDay->sources);
        }
        const double hot = m_conventions.cacheHotFraction;
        addSources(q.sources, m_conventions.sourcesOf("cache_hot_fraction"));
        q.value = hot * dailyReadBytes;
        q.formula = "cache_memory = cache_hot_fraction × Σ (per_day × size) of read actions";
        q.substituted = formatNumber(hot) + " × " + (terms.empty() ? std::string("0 B") : (terms.find(" + ") == std::string::npos ? terms : "(" + terms + ")")) +
                        " = " + sized(*q.value, QuantityUnit::Bytes);
        return q;
    }

    /// Beside the 80/20 rule: the LRU cache that reaches the hit ratio under the keys' own
    /// popularity (Che's approximation, docs/engines.md "Keys and popularity").
    Quantity cacheForHitTarget() {
        const Keys& keys = *m_input.keyPopularity;
        Quantity q;
        q.unit = QuantityUnit::Bytes;
        const double target = m_input.cacheHitTarget.value_or(defaults::kHotSetHitRatio.value);
        if (!m_input.cacheHitTarget) q.sources.push_back(std::string(defaults::kHotSetHitRatio.id));
        const double items = std::ceil(lruCapacityForHitRatio(keys.popularity(), target));
        q.value = items * keys.itemSize->value;
        q.formula = "cache_memory_for_hit_target = C × item_size, C the LRU size whose hit ratio Σ pᵢ(1 − e^(−pᵢT)) reaches cache_hit_target, "
                    "C = Σ (1 − e^(−pᵢT)) (Che), pᵢ ∝ " + std::string(keys.zipf ? "i^(−α)" : "1") + " over the keys";
        q.substituted = "C = " + formatNumber(items) + " of " + formatNumber(keys.count) + " keys (" +
                        (keys.zipf ? "Zipf " + formatNumber(*keys.zipf) : std::string("uniform")) + ") for " + formatNumber(target * 100.0) + "% of reads; " +
                        formatNumber(items) + " × " + sized(keys.itemSize->value, QuantityUnit::Bytes) + " = " + sized(*q.value, QuantityUnit::Bytes);
        return q;
    }

    /// The hottest shard's share of the keys' requests over the mean share.
    Quantity hotShardFactor() {
        const Keys& keys = *m_input.keyPopularity;
        const int shards = *m_input.shards;
        const Sharding sharding = m_input.sharding.value_or(Sharding::Hash);
        const std::vector<double> shares = shardShares(keys.popularity(), shards, sharding);
        const auto top = std::max_element(shares.begin(), shares.end());
        Quantity q;
        q.unit = QuantityUnit::Count;
        q.value = *top * shards;
        q.formula = "hot_shard_factor = the hottest shard's share of requests × shards (" +
                    std::string(sharding == Sharding::Hash ? "hash sharding: the top keys placed by their hash" : "range sharding: keys in popularity order") + ")";
        q.substituted = "shard " + formatNumber(double(top - shares.begin())) + " of " + std::to_string(shards) + " takes " + formatNumber(*top * 100.0) +
                        "% of requests: " + formatNumber(*top) + " × " + std::to_string(shards) + " = " + formatNumber(*q.value);
        return q;
    }

    Quantity servers() {
        Quantity q;
        q.unit = QuantityUnit::Servers;
        double total = 0.0;
        std::string terms;
        for (const auto& group : m_estimate.actions) {
            const Quantity* servers = group.find("servers");
            if (!servers) continue;
            total += *servers->value;
            terms += (terms.empty() ? "" : " + ") + formatNumber(*servers->value) + " (" + group.name + ")";
            addSources(q.sources, servers->sources);
        }
        if (terms.empty())
            return missing(QuantityUnit::Servers, "servers = Σ ⌈peak_qps ÷ per_server_qps⌉ of actions",
                           "set \"per_server_qps\" to turn peak load into servers (REFERENCE.md has no sourced figure for a typical app server)");
        q.value = total;
        q.formula = "servers = Σ ⌈peak_qps ÷ per_server_qps⌉ of actions";
        q.substituted = terms + " = " + formatNumber(total);
        return q;
    }

    QuantityGroup datasetGroup(const EstimateDataset& dataset) {
        QuantityGroup group{dataset.name, {}};
        Quantity count;
        count.unit = QuantityUnit::Count;
        if (dataset.count) {
            count.value = *dataset.count;
            count.formula = "count (given)";
            count.substituted = formatNumber(*dataset.count);
        } else {
            const double users = m_input.totalUsers.value_or(0.0);
            count = product(QuantityUnit::Count, "count = per_user × total_users", dataset.perUser.value_or(0.0),
                            formatNumber(dataset.perUser.value_or(0.0)), users, formatNumber(users),
                            formatNumber(dataset.perUser.value_or(0.0) * users));
        }
        const double items = *count.value;
        group.quantities.push_back({"count", std::move(count)});
        if (dataset.size)
            group.quantities.push_back({"size", product(QuantityUnit::Bytes, "size = count × item size", items, formatNumber(items), dataset.size->value,
                                                        sized(dataset.size->value, QuantityUnit::Bytes), sized(items * dataset.size->value, QuantityUnit::Bytes))});
        return group;
    }

    QuantityGroup keysGroup(const KeySpace& keys) {
        QuantityGroup group{"keys", {}};
        Quantity space;
        space.unit = QuantityUnit::Count;
        space.value = std::pow(keys.alphabet, keys.length);
        space.formula = "keyspace = alphabet ^ length";
        space.substituted = formatNumber(keys.alphabet) + " ^ " + std::to_string(keys.length) + " = " + formatNumber(*space.value);
        const double keyspace = *space.value;
        group.quantities.push_back({"keyspace", std::move(space)});
        const QuantityGroup* action = m_estimate.action(keys.action);
        const Quantity* objects = action ? action->find("objects_total") : nullptr;
        if (!objects) {
            group.quantities.push_back({"key_storage", missing(QuantityUnit::Bytes, "key_storage = objects_total × length × bytes_per_char",
                                                               "set \"retention\" so that the objects needing keys can be counted")});
            group.quantities.push_back({"keyspace_used", missing(QuantityUnit::Ratio, "keyspace_used = objects_total ÷ keyspace",
                                                                 "set \"retention\" so that the objects needing keys can be counted")});
            return group;
        }
        const double bytesPerKey = keys.length * defaults::kBytesPerChar.value;
        Quantity storage = product(QuantityUnit::Bytes, "key_storage = objects_total × length × bytes_per_char", *objects->value,
                                   formatNumber(*objects->value), bytesPerKey, std::to_string(keys.length) + " × 1 B",
                                   sized(*objects->value * bytesPerKey, QuantityUnit::Bytes), objects->sources);
        addSources(storage.sources, {std::string(defaults::kBytesPerChar.id)});
        group.quantities.push_back({"key_storage", std::move(storage)});
        Quantity used;
        used.unit = QuantityUnit::Ratio;
        used.value = *objects->value / keyspace;
        used.formula = "keyspace_used = objects_total ÷ keyspace";
        used.substituted = formatNumber(*objects->value) + " ÷ " + formatNumber(keyspace) + " = " + formatNumber(*used.value * 100.0) + "%";
        used.sources = objects->sources;
        if (*used.value > 1.0) used.note = "the keys run out: make them longer or the alphabet larger";
        group.quantities.push_back({"keyspace_used", std::move(used)});
        return group;
    }

    const EstimateInput& m_input;
    Conventions m_conventions;
    Estimate m_estimate;
    std::optional<double> m_dailyUsers;
    std::vector<std::optional<NativeRate>> m_native;        ///< by action index, once known
    std::map<std::string, std::size_t, std::less<>> m_actionIndex;
};

const Quantity* findIn(const std::vector<NamedQuantity>& list, std::string_view key) {
    for (const auto& named : list)
        if (named.key == key) return &named.quantity;
    return nullptr;
}

const QuantityGroup* findGroup(const std::vector<QuantityGroup>& groups, std::string_view name) {
    for (const auto& group : groups)
        if (group.name == name) return &group;
    return nullptr;
}

}  // namespace

const Quantity* QuantityGroup::find(std::string_view key) const { return findIn(quantities, key); }
const Quantity* Estimate::total(std::string_view key) const { return findIn(totals, key); }
const QuantityGroup* Estimate::action(std::string_view name) const { return findGroup(actions, name); }
const QuantityGroup* Estimate::dataset(std::string_view name) const { return findGroup(datasets, name); }

const Quantity* Estimate::at(std::string_view path) const {
    const auto dot = path.find('.');
    if (dot == std::string_view::npos) return total(path);
    const std::string_view head = path.substr(0, dot);
    const std::string_view rest = path.substr(dot + 1);
    if (head == "keys") return keys ? keys->find(rest) : nullptr;
    // A group name may itself hold dots; the quantity is what follows the last one.
    const auto last = rest.rfind('.');
    if (last == std::string_view::npos) return nullptr;
    const QuantityGroup* group = head == "actions" ? action(rest.substr(0, last)) : head == "datasets" ? dataset(rest.substr(0, last)) : nullptr;
    return group ? group->find(rest.substr(last + 1)) : nullptr;
}

Estimate estimate(const EstimateInput& input) { return EstimateBuilder(input).build(); }

std::string_view unitSymbol(QuantityUnit unit) {
    switch (unit) {
        case QuantityUnit::Count: return "1";
        case QuantityUnit::PerSecond: return "1/s";
        case QuantityUnit::Bytes: return "B";
        case QuantityUnit::BytesPerSecond: return "B/s";
        case QuantityUnit::Servers: return "servers";
        case QuantityUnit::Ratio: return "ratio";
    }
    return "1";
}

std::string formatQuantity(const Quantity& quantity, UnitSystem units, int significant) {
    if (!quantity.value) return "—";
    const double v = *quantity.value;
    switch (quantity.unit) {
        case QuantityUnit::Count: return formatCount(v, significant);
        case QuantityUnit::PerSecond: return formatRate(PerSecond{v}, significant);
        case QuantityUnit::Bytes: return formatSize(Bytes{v}, units, significant);
        case QuantityUnit::BytesPerSecond: return formatDataRate(BytesPerSecond{v}, units, significant);
        case QuantityUnit::Servers: return formatNumber(v) + (v == 1.0 ? " server" : " servers");
        case QuantityUnit::Ratio: return formatNumber(v * 100.0, significant) + "%";
    }
    return formatNumber(v);
}

}  // namespace headroom::model
