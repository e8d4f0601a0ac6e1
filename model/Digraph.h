// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

namespace headroom::model {

/// A directed graph of nodes 0 … n − 1 in compressed form: the edges out of node v are
/// first[v] … first[v + 1] − 1, each with its target, in the order they were given. The one
/// graph that validation (sync call cycles), the analytic engine (callees before callers) and
/// the open-network solver (strongly connected components) walk.
struct Digraph {
    std::vector<std::size_t> first;    ///< n + 1 offsets
    std::vector<std::size_t> targets;  ///< per edge

    /// From (from, to) pairs, grouped by `from` in the order given: when the pairs come sorted
    /// by `from`, edge e of the graph is pair e. `placed`, if given, receives the edge each pair
    /// became (for data kept per edge beside the graph).
    static Digraph fromEdges(std::size_t n, std::span<const std::pair<std::size_t, std::size_t>> edges, std::vector<std::size_t>* placed = nullptr) {
        Digraph graph{std::vector<std::size_t>(n + 1, 0), std::vector<std::size_t>(edges.size())};
        for (const auto& [from, to] : edges) ++graph.first[from + 1];
        std::partial_sum(graph.first.begin(), graph.first.end(), graph.first.begin());
        std::vector<std::size_t> next(graph.first.begin(), graph.first.end() - 1);
        if (placed) placed->resize(edges.size());
        for (std::size_t e = 0; e < edges.size(); ++e) {
            const std::size_t at = next[edges[e].first]++;
            graph.targets[at] = edges[e].second;
            if (placed) (*placed)[e] = at;
        }
        return graph;
    }
    [[nodiscard]] std::size_t size() const { return first.size() - 1; }
    [[nodiscard]] Digraph transposed() const;
};

/// A depth-first search from each root in `roots` in turn (a node already reached is not walked
/// again), without recursion, so that a chain of thousands of components cannot exhaust the
/// stack. It calls `onCycle(from, edge, path)` for an edge back into a node on the current path
/// (`path`: the nodes from the root to `from`), which closes a cycle, and `onFinish(node)` in
/// post-order: a node finishes after every node it reaches, cycles through it aside. After the
/// walk from each root that was not reached before, `onWalkDone()`.
template <typename OnCycle, typename OnFinish, typename OnWalkDone>
void depthFirst(const Digraph& graph, std::span<const std::size_t> roots, OnCycle onCycle, OnFinish onFinish, OnWalkDone onWalkDone) {
    enum class Mark : unsigned char { New, OnPath, Done };
    std::vector<Mark> marks(graph.size(), Mark::New);
    std::vector<std::size_t> path;       // nodes from the root
    std::vector<std::size_t> nextEdge;   // per node on the path
    for (const std::size_t root : roots) {
        if (marks[root] != Mark::New) continue;
        marks[root] = Mark::OnPath;
        path.push_back(root);
        nextEdge.push_back(graph.first[root]);
        while (!path.empty()) {
            const std::size_t node = path.back();
            std::size_t& edge = nextEdge.back();
            if (edge == graph.first[node + 1]) {
                marks[node] = Mark::Done;
                path.pop_back();
                nextEdge.pop_back();
                onFinish(node);
                continue;
            }
            const std::size_t e = edge++;
            const std::size_t target = graph.targets[e];
            if (marks[target] == Mark::OnPath) {
                onCycle(node, e, std::span<const std::size_t>(path));
            } else if (marks[target] == Mark::New) {
                marks[target] = Mark::OnPath;
                path.push_back(target);
                nextEdge.push_back(graph.first[target]);
            }
        }
        onWalkDone();
    }
}

/// depthFirst from every node, in order.
template <typename OnCycle, typename OnFinish>
void depthFirst(const Digraph& graph, OnCycle onCycle, OnFinish onFinish) {
    std::vector<std::size_t> all(graph.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    depthFirst(graph, std::span<const std::size_t>(all), onCycle, onFinish, [] {});
}

/// The nodes in post-order: each after every node it reaches (outside cycles through it).
[[nodiscard]] std::vector<std::size_t> postOrder(const Digraph& graph);

/// Strongly connected components in topological order (sources first): members[bounds[c] …
/// bounds[c + 1]) is component c. Kosaraju's two walks: post-order on the graph, then the
/// transposed graph from the last node to finish, each walk one component.
struct Components {
    std::vector<std::size_t> members;
    std::vector<std::size_t> bounds;
};
[[nodiscard]] Components stronglyConnected(const Digraph& graph);

}  // namespace headroom::model
