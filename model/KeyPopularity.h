// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/Units.h"

/// Which keys requests ask for, and what a cache's size and eviction policy, and a database's
/// sharding and replication lag, make of it (issue 20, docs/engines.md "Keys and popularity").
/// Everything here sums over rank groups, never over every key: 10⁸ keys cost a few hundred
/// groups, so the live path stays within a frame.
namespace headroom::model {

/// Keys of adjacent popularity ranks that share one request probability: ranks are kept one by
/// one at the top, where probabilities differ most, and in groups 2 % wide in rank below
/// (Zipf's probability changes by at most 2α % across one). Uniform popularity is one group.
struct RankGroup {
    double first = 1.0;        ///< the first rank in it (1: the most popular key)
    double count = 1.0;        ///< keys in it
    double probability = 0.0;  ///< of each of its keys: the chance one request asks for it (the group's mean)
};

/// How requests pick among `keys` keys: all alike, or by Zipf's law, the key of rank i asked for
/// in proportion to i^(−α).
class KeyPopularity {
public:
    static KeyPopularity uniform(double keys);
    static KeyPopularity zipf(double keys, double exponent);

    [[nodiscard]] double keys() const { return m_keys; }
    [[nodiscard]] std::optional<double> exponent() const { return m_exponent; }
    [[nodiscard]] const std::vector<RankGroup>& groups() const { return m_groups; }
    /// The chance one request asks for the key of `rank` (1-based; exact, not the group's mean).
    [[nodiscard]] double probabilityOfRank(double rank) const;
    /// The share of requests for the keys of ranks first … last (whole ranks, inclusive).
    [[nodiscard]] double massOfRanks(double first, double last) const;
    /// The share of requests for the `top` most popular keys; a fraction of a key counts in part.
    [[nodiscard]] double massOfTop(double top) const;

private:
    KeyPopularity(double keys, std::optional<double> exponent);
    /// Σ_{i=1}^{n} i^(−α) for whole n: summed below kExactRanks, by Euler–Maclaurin above.
    [[nodiscard]] double partialSum(double n) const;

    double m_keys = 1.0;
    std::optional<double> m_exponent;
    double m_total = 1.0;  ///< partialSum(keys): the normalizing constant
    std::vector<double> m_prefix;  ///< Σ_{i≤n} i^(−α) for n = 0 … kExactRanks (Zipf only)
    std::vector<RankGroup> m_groups;
};

/// How a cache chooses what to drop; see docs/engines.md for each one's model.
enum class Eviction { Lru, Lfu, Fifo, Random, Ttl };
/// What a write does to the cached copy of its key: deletes it (the next read misses and
/// fetches), or stores the new value (the key stays, or becomes, cached).
enum class CacheWrites { Invalidate, WriteThrough };

/// What a keyed cache's hit ratio follows from. Requests arrive independently (the independent
/// reference model), reads and writes to each key with the same popularity.
struct KeyedCache {
    Eviction eviction = Eviction::Lru;
    double capacityItems = 0.0;  ///< keys it can hold (not read for ttl, which holds what has not expired)
    double ttl = 0.0;            ///< seconds a stored value lives (ttl only)
    double readRate = 1.0;       ///< reads per second reaching it, all keys
    double writeRate = 0.0;      ///< writes per second to the keys, all keys
    CacheWrites writes = CacheWrites::Invalidate;
};

struct CacheOutcome {
    double hitRatio = 0.0;    ///< of reads
    double itemsHeld = 0.0;   ///< keys held on average
    /// Seconds: the characteristic time of Che's approximation (lru, fifo, random; infinite when
    /// every key fits), or the ttl.
    double characteristicTime = 0.0;
};

/// The hit ratio of a keyed cache:
/// - lru: Che's approximation, T from Σᵢ P(key i held) = C, key i held when its last access was
///   within T: 1 − e^(−λᵢT);
/// - fifo, ttl: a stored value lives a fixed time (T, or the ttl) from its insertion: λᵢT/(1 + λᵢT);
/// - random: it lives an exponential time of mean T: the same without writes, apart with them;
/// - lfu: the C most popular keys are held, the rest never (perfect LFU);
/// writes that invalidate cut each stored value's life short, writes through refresh it.
[[nodiscard]] CacheOutcome cacheOutcome(const KeyPopularity& popularity, const KeyedCache& cache);

/// The LRU capacity (values held) whose hit ratio under Che's approximation reaches `target`,
/// without writes: T from Σ pᵢ (1 − e^(−pᵢT)) = target, then C = Σ (1 − e^(−pᵢT)). The
/// estimator's cache size for a hit ratio; `keys` when the target needs every key.
[[nodiscard]] double lruCapacityForHitRatio(const KeyPopularity& popularity, double target);

enum class Sharding { Hash, Range };

/// A `keys` block as the file writes it (DESIGN.md, "Keys and popularity"): on a cache, CDN or
/// database (format version 2), and in the estimate block as `key_popularity`. Reads and writes
/// to the keys follow the same popularity.
struct Keys {
    double count = 1.0;                ///< `count`: how many keys, "10M"
    std::optional<double> zipf;        ///< `popularity: {"zipf": α}`; absent: `"uniform"`
    std::optional<Bytes> itemSize;     ///< `item_size`: one cached value
    /// `write_share`: the share of the keys' requests that are writes (each invalidates or
    /// refreshes the cached copy, and makes replica reads stale for the replication lag);
    /// absent: the share of the scenario's requests that write.
    std::optional<double> writeShare;
    [[nodiscard]] KeyPopularity popularity() const { return zipf ? KeyPopularity::zipf(count, *zipf) : KeyPopularity::uniform(count); }
    friend bool operator==(const Keys&, const Keys&) = default;
};

/// The shard of the key of `rank` under hash sharding (a SplitMix64 hash of the rank): what the
/// simulator routes by, and what the analytic shares below follow.
[[nodiscard]] int hashShard(std::uint64_t rank, int shards);

/// The shard of the key of `rank` out of `keys`: hashShard, or under range sharding the shard
/// whose range holds it (shard s owns ranks ⌊s·keys/shards⌋ + 1 … ⌊(s + 1)·keys/shards⌋).
[[nodiscard]] int shardOfRank(std::uint64_t rank, double keys, int shards, Sharding sharding);

/// Each shard's share of the requests for the keys, shards numbered from 0.
/// - hash: the top kHashedRanks ranks are placed by hashShard one by one; the rest of the mass,
///   spread thin over many keys, splits evenly. Uniform popularity splits evenly: its keys are
///   alike, and the hash's own imbalance among them (√(shards/keys) relative) is left out.
/// - range: each shard owns a contiguous range of keys, and keys are taken to be ordered by
///   popularity (ids handed out in time, the newest the most asked for): shard 0 owns the
///   keys/shards most popular. The worst case of range sharding, and its classic hot spot.
[[nodiscard]] std::vector<double> shardShares(const KeyPopularity& popularity, int shards, Sharding sharding);
inline constexpr double kHashedRanks = 8192.0;

/// The share of replica reads that return stale data: a read of key i is stale when key i was
/// written within the replication lag before it, Σᵢ pᵢ (1 − e^(−μ pᵢ · lag)) for writes at μ per
/// second to all keys.
[[nodiscard]] double staleReadShare(const KeyPopularity& popularity, double writeRate, double replicationLag);

}  // namespace headroom::model
