// SPDX-License-Identifier: MIT
#include <ostream>

#include "cli/Commands.h"
#include "cli/Run.h"
#include "model/Defaults.h"
#include "model/UnitFormat.h"

namespace headroom::cli {
namespace {

std::string valueWithUnit(const model::ReferenceValue& row) {
    const std::string_view unit = row.unit;
    // Conventions count seconds (86,400 in a day); latencies read best as durations (200 µs).
    if (unit == "s") return row.value >= 60.0 ? model::formatNumber(row.value) + " s" : model::formatDuration(model::Seconds{row.value}, 4);
    if (unit == "USD") return "$" + model::shortestDecimal(row.value);
    if (unit == "1/s") return model::formatRate(model::PerSecond{row.value}, 4);
    if (unit.empty()) return model::shortestDecimal(row.value);
    return model::formatNumber(row.value) + " " + std::string(unit);
}

}  // namespace

int defaultsCommand(std::ostream& out) {
    out << "Every default Headroom uses, with its row of docs/reference.md and its source.\n\n";
    for (const auto& row : model::referenceValues())
        out << "  " << row.id << "  " << valueWithUnit(row) << "  " << row.what << "\n        " << row.source << '\n';
    out << "\n  " << model::kInstancePriceId << "  on-demand Linux prices, us-east-1 (2024–2026 snapshots):";
    for (const auto& price : model::instancePrices()) out << ' ' << price.type << " $" << model::shortestDecimal(price.perHour) << "/h";
    out << '\n';
    return Done;
}

}  // namespace headroom::cli
