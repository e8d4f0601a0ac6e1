// SPDX-License-Identifier: MIT
#include "model/KeyPopularity.h"
#include "model/KeyedCacheWarmth.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace headroom::model {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
/// Ranks summed one by one in partial sums; above, Euler–Maclaurin's error is below 1e-12 of the sum.
constexpr int kExactRanks = 1024;
/// Ranks kept as groups of one key.
constexpr double kSingleRanks = 64.0;
/// A group below them spans 2 % of its first rank.
constexpr double kGroupWidth = 0.02;

/// ∫_a^b x^(−α) dx, without cancellation near α = 1.
double powerIntegral(double a, double b, double alpha) {
    const double logRatio = std::log(b / a);
    const double oneMinus = 1.0 - alpha;
    if (std::abs(oneMinus * logRatio) < 1e-12) return std::pow(a, oneMinus) * logRatio;
    return std::pow(a, oneMinus) * std::expm1(oneMinus * logRatio) / oneMinus;
}

/// The probability key i is held, or a read of it hits (the same, as reads arrive at random
/// times), for reads at `reads` and writes at `writes` per second and the policy's time T.
/// Derivations in docs/engines.md, "Keys and popularity".
double heldShare(Eviction eviction, CacheWrites writesDo, double reads, double writes, double time) {
    if (reads <= 0.0 && (writesDo == CacheWrites::Invalidate || writes <= 0.0)) return 0.0;
    if (time == kInfinity) return writesDo == CacheWrites::WriteThrough ? 1.0 : reads / (reads + writes);
    const double both = reads + writes;
    switch (eviction) {
        case Eviction::Lru:
            // Held when the last access was within T; an invalidating write is an access that
            // removes it: held when the last access was a read, within T.
            if (writesDo == CacheWrites::WriteThrough) return -std::expm1(-both * time);
            return reads / both * -std::expm1(-both * time);
        case Eviction::Random:
            // Stored on a miss, dropped at rate 1/T (random eviction) or at a write: a two-state chain.
            if (writesDo == CacheWrites::WriteThrough) return both * time / (1.0 + both * time);
            return reads * time / (1.0 + reads * time + writes * time);
        case Eviction::Fifo:
        case Eviction::Ttl: {
            // A value lives T from its insertion. Invalidated: from a miss it lives min(T, the
            // next write), taking reads·E[life] hits, then one miss: L / (1 + L).
            if (writesDo == CacheWrites::Invalidate) {
                const double life = writes > 0.0 ? -std::expm1(-writes * time) / writes : time;
                const double hits = reads * life;
                return hits / (1.0 + hits);
            }
            // Written through, each write stores it anew: held until a gap of T with no write,
            // (e^(μT) − 1)/μ on average; then absent until the next read or write.
            if (writes * time > 700.0) return 1.0;
            const double held = writes > 0.0 ? std::expm1(writes * time) / writes : time;
            return held / (held + 1.0 / both);
        }
        case Eviction::Lfu: break;  // not a function of time
    }
    return 0.0;
}

/// Reads and writes per second a key of a group takes, and how many such keys: the sums the
/// policies run over.
struct Occupancy {
    double items = 0.0;  ///< keys held
    double hits = 0.0;   ///< share of reads that hit
};

Occupancy occupancyAt(const KeyPopularity& popularity, const KeyedCache& cache, double time) {
    Occupancy sum;
    for (const RankGroup& group : popularity.groups()) {
        const double held = heldShare(cache.eviction, cache.writes, cache.readRate * group.probability, cache.writeRate * group.probability, time);
        sum.items += group.count * held;
        sum.hits += group.count * group.probability * held;
    }
    return sum;
}

/// The x where an increasing `f` crosses zero, by the Illinois method (regula falsi that halves
/// the stale end), after stepping out from `start` by `step` until the sign changes; −∞ or +∞
/// when it never does within 200 steps. Here x is a logarithm, so steps are factors.
template <class F>
double increasingRoot(F f, double start, double step) {
    double lo = start, hi = start;
    double fLo = f(lo), fHi = fLo;
    for (int i = 0; fLo > 0.0 && i < 200; ++i) fLo = f(lo -= step);
    for (int i = 0; fHi < 0.0 && i < 200; ++i) fHi = f(hi += step);
    if (fLo > 0.0) return -kInfinity;
    if (fHi < 0.0) return kInfinity;
    int side = 0;
    for (int i = 0; i < 200 && hi - lo > 1e-13 && fHi != fLo; ++i) {
        const double mid = (lo * fHi - hi * fLo) / (fHi - fLo);
        const double fMid = f(mid);
        if (std::abs(fMid) <= 1e-12) return mid;
        if ((fMid < 0.0) == (fLo < 0.0)) {
            lo = mid, fLo = fMid;
            if (side == -1) fHi /= 2.0;
            side = -1;
        } else {
            hi = mid, fHi = fMid;
            if (side == 1) fLo /= 2.0;
            side = 1;
        }
    }
    return (lo + hi) / 2.0;
}

/// T with Σ P(held) = capacity: the sum grows with T. Infinite when every key fits.
double characteristicTime(const KeyPopularity& popularity, const KeyedCache& cache) {
    const double capacity = cache.capacityItems;
    const double logTime = increasingRoot([&](double x) { return (occupancyAt(popularity, cache, std::exp(x)).items - capacity) / std::max(1.0, capacity); },
                                          std::log(std::max(capacity, 1.0) / cache.readRate), 1.5);
    return std::exp(logTime);
}

std::uint64_t splitMix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

}  // namespace

KeyPopularity::KeyPopularity(double keys, std::optional<double> exponent) : m_keys(std::max(1.0, std::floor(keys))), m_exponent(exponent) {
    if (!m_exponent) {
        m_total = m_keys;
        m_groups.push_back({1.0, m_keys, 1.0 / m_keys});
        return;
    }
    m_prefix.assign(1, 0.0);
    for (int i = 1; i <= kExactRanks; ++i) m_prefix.push_back(m_prefix.back() + std::pow(double(i), -*m_exponent));
    m_total = partialSum(m_keys);
    for (double first = 1.0; first <= m_keys;) {
        const double width = first <= kSingleRanks ? 1.0 : std::floor(first * kGroupWidth);
        const double last = std::min(m_keys, first + width - 1.0);
        const double count = last - first + 1.0;
        m_groups.push_back({first, count, massOfRanks(first, last) / count});
        first = last + 1.0;
    }
}

KeyPopularity KeyPopularity::uniform(double keys) { return KeyPopularity(keys, std::nullopt); }
KeyPopularity KeyPopularity::zipf(double keys, double exponent) { return KeyPopularity(keys, exponent); }

double KeyPopularity::partialSum(double n) const {
    if (n <= 0.0) return 0.0;
    if (!m_exponent) return n;
    const double alpha = *m_exponent;
    const double exact = std::min(n, double(kExactRanks));
    const double sum = m_prefix[std::size_t(exact)];
    if (n <= exact) return sum;
    // Σ_{i=a}^{n} f(i) = ∫_a^n f + (f(a) + f(n))/2 + (f'(n) − f'(a))/12 − …, f(x) = x^(−α).
    const double a = exact + 1.0;
    const auto f = [alpha](double x) { return std::pow(x, -alpha); };
    const auto df = [alpha](double x) { return -alpha * std::pow(x, -alpha - 1.0); };
    return sum + powerIntegral(a, n, alpha) + (f(a) + f(n)) / 2.0 + (df(n) - df(a)) / 12.0;
}

double KeyPopularity::probabilityOfRank(double rank) const {
    if (rank < 1.0 || rank > m_keys) return 0.0;
    return m_exponent ? std::pow(rank, -*m_exponent) / m_total : 1.0 / m_keys;
}

double KeyPopularity::massOfRanks(double first, double last) const {
    first = std::max(1.0, first);
    last = std::min(m_keys, last);
    if (last < first) return 0.0;
    if (!m_exponent) return (last - first + 1.0) / m_keys;
    return (partialSum(last) - partialSum(first - 1.0)) / m_total;
}

double KeyPopularity::massOfTop(double top) const {
    top = std::clamp(top, 0.0, m_keys);
    const double whole = std::floor(top);
    return massOfRanks(1.0, whole) + (top - whole) * probabilityOfRank(whole + 1.0);
}

CacheOutcome cacheOutcome(const KeyPopularity& popularity, const KeyedCache& cache) {
    CacheOutcome outcome;
    if (cache.readRate <= 0.0) return outcome;
    if (cache.eviction == Eviction::Lfu) {
        // The C most popular keys, always held; with invalidating writes, the first read after
        // each write misses: reads/(reads + writes) of a held key's reads hit.
        const double held = std::min(cache.capacityItems, popularity.keys());
        const double fresh = cache.writes == CacheWrites::Invalidate ? cache.readRate / (cache.readRate + cache.writeRate) : 1.0;
        outcome.hitRatio = popularity.massOfTop(held) * fresh;
        outcome.itemsHeld = held;
        outcome.characteristicTime = kInfinity;
        return outcome;
    }
    outcome.characteristicTime = cache.eviction == Eviction::Ttl ? cache.ttl : characteristicTime(popularity, cache);
    const Occupancy occupancy = occupancyAt(popularity, cache, outcome.characteristicTime);
    outcome.hitRatio = std::clamp(occupancy.hits, 0.0, 1.0);
    outcome.itemsHeld = occupancy.items;
    return outcome;
}

double lruCapacityForHitRatio(const KeyPopularity& popularity, double target) {
    if (target >= 1.0) return popularity.keys();
    if (target <= 0.0) return 0.0;
    KeyedCache cache;  // lru, reads at 1/s: T in units of requests
    const double logTime = increasingRoot([&](double x) { return occupancyAt(popularity, cache, std::exp(x)).hits - target; }, 0.0, 1.0);
    return std::min(popularity.keys(), occupancyAt(popularity, cache, std::exp(logTime)).items);
}

int hashShard(std::uint64_t rank, int shards) {
    return shards <= 1 ? 0 : int(splitMix64(rank) % std::uint64_t(shards));
}

int shardOfRank(std::uint64_t rank, double keys, int shards, Sharding sharding) {
    if (sharding == Sharding::Hash) return hashShard(rank, shards);
    // ⌊s·N/S⌋ < r ≤ ⌊(s + 1)·N/S⌋ holds, for a whole r, exactly when s < r·S/N ≤ s + 1.
    return std::clamp(int(std::ceil(double(rank) * shards / keys)) - 1, 0, std::max(0, shards - 1));
}

std::vector<double> shardShares(const KeyPopularity& popularity, int shards, Sharding sharding) {
    shards = std::max(1, shards);
    std::vector<double> shares(std::size_t(shards), 0.0);
    const double keys = popularity.keys();
    if (sharding == Sharding::Range) {
        for (int s = 0; s < shards; ++s)
            shares[std::size_t(s)] = popularity.massOfRanks(std::floor(s * keys / shards) + 1.0, std::floor((s + 1) * keys / shards));
        return shares;
    }
    const double placed = popularity.exponent() ? std::min(keys, kHashedRanks) : 0.0;
    double placedMass = 0.0;
    for (double rank = 1.0; rank <= placed; ++rank) {
        const double p = popularity.probabilityOfRank(rank);
        shares[std::size_t(hashShard(std::uint64_t(rank), shards))] += p;
        placedMass += p;
    }
    const double rest = std::max(0.0, 1.0 - placedMass) / shards;
    for (double& share : shares) share += rest;
    return shares;
}

double staleReadShare(const KeyPopularity& popularity, double writeRate, double replicationLag) {
    double stale = 0.0;
    for (const RankGroup& group : popularity.groups())
        stale += group.count * group.probability * -std::expm1(-writeRate * group.probability * replicationLag);
    return stale;
}

std::vector<std::uint64_t> steadyContents(const KeyPopularity& popularity, const KeyedCache& cache, const CacheOutcome& outcome,
                                          const std::function<double()>& uniform) {
    std::vector<std::uint64_t> held;
    const double room = cache.eviction == Eviction::Ttl ? popularity.keys() : std::min(cache.capacityItems, popularity.keys());
    const auto& groups = popularity.groups();
    for (auto group = groups.rbegin(); group != groups.rend() && double(held.size()) < room; ++group) {
        double share = 0.0;
        if (cache.eviction == Eviction::Lfu) share = group->first + group->count - 1.0 <= cache.capacityItems ? 1.0 : 0.0;
        else share = heldShare(cache.eviction, cache.writes, cache.readRate * group->probability, cache.writeRate * group->probability, outcome.characteristicTime);
        // How many of the group's keys: its expected count, rounded at random; which: Floyd's
        // sample of distinct ranks.
        const double expected = group->count * share;
        const auto wanted = std::uint64_t(std::min(room - double(held.size()), std::floor(expected + uniform())));
        const auto count = std::uint64_t(group->count), first = std::uint64_t(group->first);
        if (wanted >= count) {
            for (std::uint64_t k = 0; k < count; ++k) held.push_back(first + k);
            continue;
        }
        std::unordered_set<std::uint64_t> chosen;
        for (std::uint64_t j = count - wanted; j < count; ++j) {
            const auto t = std::min(j, std::uint64_t(uniform() * double(j + 1)));
            chosen.insert(chosen.count(t) ? j : t);
        }
        std::vector<std::uint64_t> ranks(chosen.begin(), chosen.end());
        std::sort(ranks.begin(), ranks.end(), std::greater<>());
        for (const std::uint64_t offset : ranks) held.push_back(first + offset);
    }
    return held;
}

}  // namespace headroom::model
