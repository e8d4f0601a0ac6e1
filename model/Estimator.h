// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/Estimate.h"
#include "model/Units.h"

/// The back-of-envelope estimator: from the `estimate` block to QPS, peak, storage, bandwidth,
/// cache memory and servers, each quantity carrying the formula that produced it.
namespace headroom::model {

/// What a quantity counts, which fixes its SI unit and how it is printed.
enum class QuantityUnit { Count, PerSecond, Bytes, BytesPerSecond, Servers, Ratio };

/// One estimated number and how it came about.
struct Quantity {
    std::optional<double> value;       ///< in SI base units; absent when the inputs do not allow it
    QuantityUnit unit = QuantityUnit::Count;
    std::string formula;               ///< in symbols: "qps = per_day ÷ seconds_per_day"
    std::string substituted;           ///< with numbers: "300,000,000 ÷ 86,400 s = 3,472/s"
    std::vector<std::string> sources;  ///< REFERENCE.md rows of the defaults it used
    std::string note;                  ///< why there is no value, or a caveat
};

struct NamedQuantity {
    std::string key;
    Quantity quantity;
};

/// A group of quantities under one name (an action, a dataset).
struct QuantityGroup {
    std::string name;
    std::vector<NamedQuantity> quantities;
    [[nodiscard]] const Quantity* find(std::string_view key) const;
};

/// A convention the estimate used, and where its value came from.
struct Convention {
    std::string key;     ///< "seconds_per_day"
    double value = 0.0;
    std::string source;  ///< a REFERENCE.md row for a default, "" when the file set it
    std::string meaning; ///< "1 day = 86,400 s"
};

struct Estimate {
    std::vector<Convention> conventions;
    UnitSystem units = UnitSystem::Decimal;
    /// daily_active_users, write_qps, read_qps, qps, peak_qps, storage_per_day, storage_per_month,
    /// storage_per_year, storage_rate, storage_total, storage_provisioned, ingress, egress, cache_memory, servers.
    std::vector<NamedQuantity> totals;
    std::vector<QuantityGroup> actions;
    std::vector<QuantityGroup> datasets;
    std::optional<QuantityGroup> keys;

    [[nodiscard]] const Quantity* total(std::string_view key) const;
    [[nodiscard]] const QuantityGroup* action(std::string_view name) const;
    [[nodiscard]] const QuantityGroup* dataset(std::string_view name) const;
    /// A quantity by its path in the JSON result: "peak_qps", "actions.read.qps",
    /// "datasets.sellers.size", "keys.keyspace"; nullptr when there is none.
    [[nodiscard]] const Quantity* at(std::string_view path) const;
    /// Every quantity whose value overflowed (it has no value then, and a note), by its path as
    /// in at(): an input so large that the arithmetic broke, which a command must not pass over.
    std::vector<std::string> overflowed;
};

/// Estimates a validated `estimate` block.
[[nodiscard]] Estimate estimate(const EstimateInput& input);

/// "3.47 K/s", "54.8 PB", "12 servers", "—" without a value.
[[nodiscard]] std::string formatQuantity(const Quantity& quantity, UnitSystem units, int significant = 3);
/// "1/s", "B", "B/s", "servers", "1": the unit of the JSON value.
[[nodiscard]] std::string_view unitSymbol(QuantityUnit unit);

}  // namespace headroom::model
