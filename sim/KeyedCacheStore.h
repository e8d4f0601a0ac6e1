// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "model/KeyPopularity.h"
#include "sim/RandomStream.h"

namespace headroom::sim {

/// The keys a cache holds, under its eviction policy, with memory bounded by its capacity (not
/// by the key count): what decides a keyed cache's hits in the simulator. Keys are popularity
/// ranks.
/// - lru, fifo: a doubly linked list over a node pool, newest first; lru moves a hit to the front.
/// - random: the held keys in a vector; a full cache drops one at random.
/// - lfu: perfect LFU, the model the analytic engine solves: under independent requests an LFU
///   that has learned the frequencies holds the `capacity` most popular keys, ranks 1 … C.
/// - ttl: a value lives `ttl` from when it is stored; expired values leave in the order they
///   came, so memory holds only what was stored within the last ttl.
class KeyedCacheStore {
public:
    KeyedCacheStore(model::Eviction eviction, double capacityItems, double ttl);

    /// A read of `key` at `now`: whether it hits; a miss stores the value (the read fetched it).
    bool read(std::uint64_t key, double now, RandomStream& random);
    /// A write of `key` at `now`: deletes the cached value, or with write-through stores it.
    void write(std::uint64_t key, double now, bool writeThrough, RandomStream& random);
    /// Holds `keys` at `now`, stored in that order (each newer than the one before); a ttl cache's
    /// values of random ages, as in a steady state.
    void prefill(const std::vector<std::uint64_t>& keys, double now, RandomStream& random);
    /// Empties it (a cache_flush).
    void clear();
    [[nodiscard]] std::size_t size() const;

private:
    static constexpr std::uint32_t kNone = ~std::uint32_t{0};
    struct Node {
        std::uint64_t key = 0;
        std::uint32_t newer = kNone, older = kNone;
    };
    void store(std::uint64_t key, double now, RandomStream& random);
    void erase(std::uint64_t key);
    void unlink(std::uint32_t node);
    void pushNewest(std::uint32_t node);
    void expire(double now);

    model::Eviction m_eviction;
    std::size_t m_capacity = 0;
    double m_ttl = 0.0;
    // lru, fifo: index of each held key's node; random: its place in m_held.
    std::unordered_map<std::uint64_t, std::uint32_t> m_where;
    std::vector<Node> m_nodes;
    std::vector<std::uint32_t> m_freeNodes;
    std::uint32_t m_newest = kNone, m_oldest = kNone;
    std::vector<std::uint64_t> m_held;                     ///< random
    std::vector<bool> m_lfuInvalid;                        ///< lfu: rank − 1 → deleted by a write since its last read
    std::unordered_map<std::uint64_t, double> m_expiry;    ///< ttl: when each held value expires
    std::deque<std::pair<double, std::uint64_t>> m_stored; ///< ttl: (expiry, key) in the order stored
};

}  // namespace headroom::sim
