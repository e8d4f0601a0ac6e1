// SPDX-License-Identifier: MIT
#include "ui/AutoLayout.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cmath>
#include <memory>
#include <vector>

#include "ui/ComponentItem.h"

namespace headroom::ui {
namespace {

constexpr double kPointsPerInch = 72.0;  // Graphviz's sizes are inches, its coordinates points

/// cgraph takes names and attribute values as writable C strings.
struct CString {
    explicit CString(const std::string& text) : buffer(text.begin(), text.end()) { buffer.push_back('\0'); }
    char* get() { return buffer.data(); }
    std::vector<char> buffer;
};

void set(void* object, const char* name, const std::string& value) {
    CString key(name), text(value), empty("");
    agsafeset(object, key.get(), text.get(), empty.get());
}

double snapped(double value) { return std::round(value / ComponentItem::kGrid) * ComponentItem::kGrid; }

}  // namespace

std::map<std::string, model::Position> layeredLayout(const model::Scenario& scenario, std::string& error) {
    std::map<std::string, model::Position> positions;
    if (scenario.components.empty()) return positions;
    const std::unique_ptr<GVC_t, int (*)(GVC_t*)> context(gvContext(), gvFreeContext);
    CString graphName("calls");
    const std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(agopen(graphName.get(), Agdirected, nullptr), agclose);
    set(graph.get(), "rankdir", "LR");
    // Room between layers for the arrows, and between boxes of one layer: two grid steps.
    set(graph.get(), "ranksep", std::to_string(3 * ComponentItem::kGrid / kPointsPerInch));
    set(graph.get(), "nodesep", std::to_string(2 * ComponentItem::kGrid / kPointsPerInch));
    std::map<std::string, Agnode_t*> nodes;
    for (const auto& component : scenario.components) {
        CString name(component.id);
        Agnode_t* node = agnode(graph.get(), name.get(), 1);
        set(node, "shape", "box");
        set(node, "fixedsize", "true");
        set(node, "width", std::to_string(ComponentItem::kWidth / kPointsPerInch));
        set(node, "height", std::to_string(ComponentItem::kHeight / kPointsPerInch));
        nodes[component.id] = node;
    }
    const auto join = [&](const std::string& from, const std::string& to) {
        const auto a = nodes.find(from), b = nodes.find(to);
        if (a != nodes.end() && b != nodes.end() && a != b) agedge(graph.get(), a->second, b->second, nullptr, 1);
    };
    for (const auto& component : scenario.components) {
        for (const auto& call : component.calls) join(component.id, call.to);
        if (component.consumers) join(component.id, component.consumers->component);
    }
    if (gvLayout(context.get(), graph.get(), "dot") != 0) {
        error = "Graphviz could not lay out the diagram (is its dot layout plugin installed?)";
        return {};
    }
    // Graphviz's y grows upwards from the bounding box's bottom; the canvas's downwards.
    const double top = GD_bb(graph.get()).UR.y;
    for (const auto& [id, node] : nodes) {
        const pointf centre = ND_coord(node);
        positions[id] = model::Position{snapped(centre.x - ComponentItem::kWidth / 2.0), snapped(top - centre.y - ComponentItem::kHeight / 2.0)};
    }
    gvFreeLayout(context.get(), graph.get());
    return positions;
}

}  // namespace headroom::ui
