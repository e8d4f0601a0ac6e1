// SPDX-License-Identifier: MIT
// Key popularity (issue 20): the sums over rank groups, the hit ratios of Che's approximation and
// its variants against caches simulated key by key inside this test, the exact cases worked by
// hand, and the shares of hash and range shards.
#include <QtTest>

#include <cmath>
#include <deque>
#include <list>
#include <random>
#include <unordered_map>
#include <vector>

#include "model/KeyPopularity.h"

using namespace headroom::model;

namespace {

/// Zipf probabilities of ranks 1 … n, summed directly: the independent reference.
std::vector<double> zipfProbabilities(int n, double alpha) {
    std::vector<double> p(static_cast<std::size_t>(n));
    double total = 0.0;
    for (int i = 0; i < n; ++i) total += p[std::size_t(i)] = std::pow(i + 1.0, -alpha);
    for (double& x : p) x /= total;
    return p;
}

/// A cache of `capacity` keys run request by request: reads of keys drawn from `p`, and with
/// `writeShare` writes that delete the key. Returns the share of reads that hit, after a warm-up.
double simulatedHitRatio(Eviction eviction, const std::vector<double>& p, int capacity, double writeShare = 0.0) {
    std::mt19937_64 random(20);
    std::discrete_distribution<int> pick(p.begin(), p.end());
    std::bernoulli_distribution isWrite(writeShare);
    std::list<int> order;  // lru: most recent first; fifo: newest first
    std::unordered_map<int, std::list<int>::iterator> where;
    std::vector<int> heldKeys;  // random: the keys held
    std::unordered_map<int, std::size_t> slotOf;
    const auto held = [&](int key) { return eviction == Eviction::Random ? slotOf.count(key) > 0 : where.count(key) > 0; };
    const auto remove = [&](int key) {
        if (eviction == Eviction::Random) {
            const std::size_t at = slotOf.at(key);
            slotOf[heldKeys.back()] = at;
            heldKeys[at] = heldKeys.back();
            heldKeys.pop_back();
            slotOf.erase(key);
        } else {
            order.erase(where.at(key));
            where.erase(key);
        }
    };
    const auto insert = [&](int key) {
        if (eviction == Eviction::Random) {
            if (int(heldKeys.size()) == capacity) remove(heldKeys[std::uniform_int_distribution<std::size_t>(0, heldKeys.size() - 1)(random)]);
            slotOf[key] = heldKeys.size();
            heldKeys.push_back(key);
        } else {
            if (int(order.size()) == capacity) remove(order.back());
            order.push_front(key);
            where[key] = order.begin();
        }
    };
    long hits = 0, reads = 0;
    const long warmup = 300'000, requests = 3'000'000;
    for (long r = 0; r < warmup + requests; ++r) {
        const int key = pick(random);
        if (isWrite(random)) {
            if (held(key)) remove(key);
            continue;
        }
        const bool hit = held(key);
        if (r >= warmup) ++reads, hits += hit;
        if (!hit) insert(key);
        else if (eviction == Eviction::Lru) order.splice(order.begin(), order, where.at(key));
    }
    return double(hits) / double(reads);
}

}  // namespace

class tst_KeyPopularity : public QObject {
    Q_OBJECT

private slots:
    void groupsSumToOne();
    void partialSumsMatchTheHarmonicNumber();
    void uniformLruHoldsItsShare();
    void cheMatchesSimulatedCaches_data();
    void cheMatchesSimulatedCaches();
    void invalidatingWritesMatchASimulatedLru();
    void lfuIsTheTopMass();
    void ttlOfOneKeyByHand();
    void everyKeyFits();
    void rangeShardsByHand();
    void uniformShardsAreEqual();
    void hashShardsMatchEveryKeyPlaced();
    void staleReadsOfOneKeyByHand();
};

void tst_KeyPopularity::groupsSumToOne() {
    // Every key in exactly one group, and the groups' probabilities summing to 1, for 10⁸ keys
    // in a few hundred groups: 64 single ranks, then groups ⌊2 % of their first rank⌋ wide (one
    // rank each below 100, so a few more than ln(10⁸/64)/ln(1.02) ≈ 720: 810).
    for (const double alpha : {0.6, 0.99, 1.0, 1.2}) {
        const KeyPopularity popularity = KeyPopularity::zipf(1e8, alpha);
        double keys = 0.0, mass = 0.0;
        for (const RankGroup& group : popularity.groups()) keys += group.count, mass += group.count * group.probability;
        QCOMPARE(keys, 1e8);
        QVERIFY2(std::abs(mass - 1.0) < 1e-9, qPrintable(QString::number(mass, 'g', 15)));
        QVERIFY(popularity.groups().size() < 1000);
    }
}

void tst_KeyPopularity::partialSumsMatchTheHarmonicNumber() {
    // Zipf 1 over 10⁶ keys: the top key's probability is 1/H(10⁶), and
    // H(n) = ln n + γ + 1/(2n) − 1/(12n²) + … = 13.8155106 + 0.5772157 + 5e-7 = 14.3927267.
    const KeyPopularity popularity = KeyPopularity::zipf(1e6, 1.0);
    const double harmonic = std::log(1e6) + 0.57721566490153286 + 1.0 / 2e6 - 1.0 / 12e12;
    QVERIFY(std::abs(popularity.probabilityOfRank(1) * harmonic - 1.0) < 1e-12);
    // Ranks 1001 … 2000 by direct summation against the Euler–Maclaurin difference.
    double direct = 0.0;
    for (int i = 1001; i <= 2000; ++i) direct += 1.0 / i;
    QVERIFY(std::abs(popularity.massOfRanks(1001, 2000) * harmonic - direct) < 1e-12);
}

void tst_KeyPopularity::uniformLruHoldsItsShare() {
    // Uniform over N keys, every key held with the same chance h: Σ h = C gives h = C/N, and a
    // read hits with that chance: 250 of 1,000 keys hit 25 % of reads. The rate only scales T.
    const KeyPopularity popularity = KeyPopularity::uniform(1000);
    for (const Eviction eviction : {Eviction::Lru, Eviction::Fifo, Eviction::Random}) {
        KeyedCache cache;
        cache.eviction = eviction;
        cache.capacityItems = 250;
        cache.readRate = 40;
        const CacheOutcome outcome = cacheOutcome(popularity, cache);
        QVERIFY(std::abs(outcome.hitRatio - 0.25) < 1e-9);
        QVERIFY(std::abs(outcome.itemsHeld - 250) < 1e-6);
    }
}

void tst_KeyPopularity::cheMatchesSimulatedCaches_data() {
    QTest::addColumn<int>("eviction");
    QTest::addColumn<int>("capacity");
    for (const auto& [name, eviction] : {std::pair{"lru", Eviction::Lru}, {"fifo", Eviction::Fifo}, {"random", Eviction::Random}})
        for (const int capacity : {100, 1000, 3000})
            QTest::addRow("%s %d", name, capacity) << int(eviction) << capacity;
}

void tst_KeyPopularity::cheMatchesSimulatedCaches() {
    // 10⁴ keys, Zipf 0.8: the approximation within 1 % (absolute) of the cache run key by key
    // (3·10⁶ reads: the simulated ratio's own standard error is under 0.03 %).
    QFETCH(int, eviction);
    QFETCH(int, capacity);
    const KeyPopularity popularity = KeyPopularity::zipf(1e4, 0.8);
    KeyedCache cache;
    cache.eviction = Eviction(eviction);
    cache.capacityItems = capacity;
    const double che = cacheOutcome(popularity, cache).hitRatio;
    const double simulated = simulatedHitRatio(Eviction(eviction), zipfProbabilities(10'000, 0.8), capacity);
    QVERIFY2(std::abs(che - simulated) < 0.01, qPrintable(QString("approximation %1, simulated %2").arg(che).arg(simulated)));
}

void tst_KeyPopularity::invalidatingWritesMatchASimulatedLru() {
    // One request in five a write that deletes its key: an LRU of 1,000 of 10⁴ keys, Zipf 0.8.
    const KeyPopularity popularity = KeyPopularity::zipf(1e4, 0.8);
    KeyedCache cache;
    cache.capacityItems = 1000;
    cache.readRate = 0.8;
    cache.writeRate = 0.2;
    const double che = cacheOutcome(popularity, cache).hitRatio;
    const double simulated = simulatedHitRatio(Eviction::Lru, zipfProbabilities(10'000, 0.8), 1000, 0.2);
    QVERIFY2(std::abs(che - simulated) < 0.01, qPrintable(QString("approximation %1, simulated %2").arg(che).arg(simulated)));
    cache.writeRate = 0.0;
    QVERIFY(cacheOutcome(popularity, cache).hitRatio > che + 0.05);  // the writes cost hits
}

void tst_KeyPopularity::lfuIsTheTopMass() {
    // Perfect LFU holds the 500 most popular keys: the hit ratio is their probability mass,
    // Σ_{i≤500} i^−0.8 / Σ_{i≤10⁴} i^−0.8, summed here directly.
    const std::vector<double> p = zipfProbabilities(10'000, 0.8);
    double top = 0.0;
    for (int i = 0; i < 500; ++i) top += p[std::size_t(i)];
    KeyedCache cache;
    cache.eviction = Eviction::Lfu;
    cache.capacityItems = 500;
    QVERIFY(std::abs(cacheOutcome(KeyPopularity::zipf(1e4, 0.8), cache).hitRatio - top) < 1e-12);
    // Invalidating writes at a quarter of the reads: a held key's read hits when the key's last
    // request was a read, 1/(1 + 0.25) = 0.8 of the time.
    cache.writeRate = 0.25;
    QVERIFY(std::abs(cacheOutcome(KeyPopularity::zipf(1e4, 0.8), cache).hitRatio - 0.8 * top) < 1e-12);
}

void tst_KeyPopularity::ttlOfOneKeyByHand() {
    // One key read at λ = 3/s, a TTL of T = 2 s not renewed by hits. After a miss the value
    // lives 2 s and takes λT = 6 hits on average; then the next read misses: 6/(6 + 1) = 6/7.
    const KeyPopularity one = KeyPopularity::uniform(1);
    KeyedCache cache;
    cache.eviction = Eviction::Ttl;
    cache.ttl = 2.0;
    cache.readRate = 3.0;
    QVERIFY(std::abs(cacheOutcome(one, cache).hitRatio - 6.0 / 7.0) < 1e-12);
    // Writes at μ = 1/s that invalidate: the value lives min(2 s, next write), on average
    // (1 − e^−2)/1 = 0.8646647 s, so 3 × 0.8646647 = 2.5939942 hits per miss: 2.5939942/3.5939942 = 0.7217580.
    cache.writeRate = 1.0;
    QVERIFY(std::abs(cacheOutcome(one, cache).hitRatio - 0.72175803) < 1e-8);
    // Written through, each write stores the value anew: it lives until 2 s pass without a
    // write, (e² − 1)/1 = 6.389056 s on average, then is absent until the next read or write,
    // 1/(3 + 1) s: held 6.3890561/6.6390561 = 0.9623440 of the time, which reads see.
    cache.writes = CacheWrites::WriteThrough;
    QVERIFY(std::abs(cacheOutcome(one, cache).hitRatio - 0.96234404) < 1e-8);
}

void tst_KeyPopularity::everyKeyFits() {
    // Room for every key: every read but the first after a delete hits; with writes at a fifth
    // of all requests, reads/(reads + writes) = 0.8, whatever the popularity.
    KeyedCache cache;
    cache.capacityItems = 2e4;
    cache.readRate = 0.8;
    cache.writeRate = 0.2;
    QVERIFY(std::abs(cacheOutcome(KeyPopularity::zipf(1e4, 0.9), cache).hitRatio - 0.8) < 1e-9);
    cache.writeRate = 0.0;
    QVERIFY(std::abs(cacheOutcome(KeyPopularity::zipf(1e4, 0.9), cache).hitRatio - 1.0) < 1e-9);
}

void tst_KeyPopularity::rangeShardsByHand() {
    // Four keys at Zipf 1 on two range shards: H₄ = 1 + 1/2 + 1/3 + 1/4 = 25/12; shard 0 owns
    // ranks 1–2: (3/2)/(25/12) = 18/25, shard 1 ranks 3–4: (7/12)/(25/12) = 7/25.
    const std::vector<double> shares = shardShares(KeyPopularity::zipf(4, 1.0), 2, Sharding::Range);
    QCOMPARE(shares.size(), std::size_t(2));
    QVERIFY(std::abs(shares[0] - 0.72) < 1e-12 && std::abs(shares[1] - 0.28) < 1e-12);
}

void tst_KeyPopularity::uniformShardsAreEqual() {
    for (const Sharding sharding : {Sharding::Hash, Sharding::Range})
        for (const double share : shardShares(KeyPopularity::uniform(1e6), 8, sharding)) QVERIFY(std::abs(share - 0.125) < 1e-12);
}

void tst_KeyPopularity::hashShardsMatchEveryKeyPlaced() {
    // Zipf 1 over 10⁶ keys on 10 hash shards: every key placed by hashShard and summed, against
    // the shares that place the top 8,192 and spread the rest evenly. The rest's own imbalance is
    // √(Σ_{i>8192} pᵢ² / 10) ≈ √(1/(14.39² · 8192) / 10) ≈ 2.4e-4 per shard.
    const KeyPopularity popularity = KeyPopularity::zipf(1e6, 1.0);
    std::vector<double> placed(10, 0.0);
    for (int rank = 1; rank <= 1'000'000; ++rank) placed[std::size_t(hashShard(std::uint64_t(rank), 10))] += popularity.probabilityOfRank(rank);
    const std::vector<double> shares = shardShares(popularity, 10, Sharding::Hash);
    for (std::size_t s = 0; s < 10; ++s) QVERIFY2(std::abs(shares[s] - placed[s]) < 1e-3, qPrintable(QString("shard %1: %2 against %3").arg(s).arg(shares[s]).arg(placed[s])));
    // The top key alone, 1/14.39 = 6.9 % of requests, is on the hottest shard.
    const std::size_t hottest = std::size_t(std::max_element(shares.begin(), shares.end()) - shares.begin());
    QCOMPARE(int(hottest), hashShard(1, 10));
}

void tst_KeyPopularity::staleReadsOfOneKeyByHand() {
    // One key written 2 times a second, replicas 100 ms behind: a read is stale when a write
    // came in the last 100 ms, 1 − e^(−2 × 0.1) = 0.181269.
    QVERIFY(std::abs(staleReadShare(KeyPopularity::uniform(1), 2.0, 0.1) - 0.18126925) < 1e-8);
    QCOMPARE(staleReadShare(KeyPopularity::zipf(1e6, 0.9), 0.0, 0.1), 0.0);
}

QTEST_APPLESS_MAIN(tst_KeyPopularity)
#include "tst_KeyPopularity.moc"
