// SPDX-License-Identifier: MIT
#include "model/Digraph.h"

#include <algorithm>

namespace headroom::model {

Digraph Digraph::transposed() const {
    // Counting sort of the edges by target, straight into the compressed form.
    Digraph reversed{std::vector<std::size_t>(size() + 1, 0), std::vector<std::size_t>(targets.size())};
    for (const std::size_t target : targets) ++reversed.first[target + 1];
    std::partial_sum(reversed.first.begin(), reversed.first.end(), reversed.first.begin());
    std::vector<std::size_t> next(reversed.first.begin(), reversed.first.end() - 1);
    for (std::size_t v = 0; v < size(); ++v)
        for (std::size_t e = first[v]; e < first[v + 1]; ++e) reversed.targets[next[targets[e]]++] = v;
    return reversed;
}

std::vector<std::size_t> postOrder(const Digraph& graph) {
    std::vector<std::size_t> order;
    order.reserve(graph.size());
    depthFirst(graph, [](std::size_t, std::size_t, std::span<const std::size_t>) {}, [&](std::size_t node) { order.push_back(node); });
    return order;
}

Components stronglyConnected(const Digraph& graph) {
    // The node that finishes last lies in a source component of the graph; walking the
    // transposed graph from it reaches exactly its component, and so on down the finish order.
    std::vector<std::size_t> roots = postOrder(graph);
    std::reverse(roots.begin(), roots.end());
    Components found;
    found.members.reserve(graph.size());
    found.bounds.push_back(0);
    const Digraph transposed = graph.transposed();
    depthFirst(
        transposed, std::span<const std::size_t>(roots), [](std::size_t, std::size_t, std::span<const std::size_t>) {},
        [&](std::size_t node) { found.members.push_back(node); }, [&] { found.bounds.push_back(found.members.size()); });
    return found;
}

}  // namespace headroom::model
