// SPDX-License-Identifier: MIT
#include "cli/EstimateReport.h"

#include <ostream>
#include <string>

#include "cli/TextTable.h"

namespace headroom::cli {
namespace {

constexpr std::size_t kKeyWidth = 22;
constexpr std::size_t kValueWidth = 13;

void printQuantity(std::ostream& out, const std::string& indent, const model::NamedQuantity& named, model::UnitSystem units) {
    const model::Quantity& q = named.quantity;
    out << indent << padded(named.key, kKeyWidth) << padded(model::formatQuantity(q, units), kValueWidth) << q.formula << '\n';
    const std::string continuation = indent + std::string(kKeyWidth + kValueWidth, ' ');
    if (!q.substituted.empty()) {
        out << continuation << "= " << q.substituted;
        if (!q.sources.empty()) {
            out << "   [";
            for (std::size_t i = 0; i < q.sources.size(); ++i) out << (i ? ", " : "") << q.sources[i];
            out << ']';
        }
        out << '\n';
    }
    if (!q.note.empty()) out << continuation << "(" << q.note << ")\n";
}

void printGroup(std::ostream& out, const std::string& title, const model::QuantityGroup& group, model::UnitSystem units) {
    out << '\n' << title << '\n';
    for (const auto& named : group.quantities) printQuantity(out, "  ", named, units);
}

}  // namespace

void printEstimate(std::ostream& out, const model::Estimate& estimate, std::string_view scenarioName) {
    out << "Estimate: " << scenarioName << '\n';
    out << "Conventions:\n";
    for (const auto& convention : estimate.conventions) {
        out << "  " << convention.meaning;
        out << (convention.source.empty() ? std::string(" (set in the file)") : " [" + convention.source + "]") << '\n';
    }
    out << "\nTotals\n";
    for (const auto& named : estimate.totals) printQuantity(out, "  ", named, estimate.units);
    for (const auto& action : estimate.actions) printGroup(out, "Action \"" + action.name + "\"", action, estimate.units);
    for (const auto& dataset : estimate.datasets) printGroup(out, "Dataset \"" + dataset.name + "\"", dataset, estimate.units);
    if (estimate.keys) printGroup(out, "Keys", *estimate.keys, estimate.units);
    out << "\nSources: [Txx], [Oxx], … are rows of docs/reference.md.\n";
}

}  // namespace headroom::cli
