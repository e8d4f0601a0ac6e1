// SPDX-License-Identifier: MIT
// The simulator's keys (issue 20): the Zipf sampler against the exact probabilities, the keyed
// cache's policies on sequences counted by hand, its memory bounded by its capacity with 10⁸
// keys, and its hit ratio against Che's approximation.
#include <QtTest>

#include <cmath>

#include "model/KeyPopularity.h"
#include "sim/KeySampler.h"
#include "sim/KeyedCacheStore.h"
#include "sim/RandomStream.h"

using namespace headroom;
using model::Eviction;

namespace {

/// The upper 0.1 % point of χ² with k degrees of freedom, by Wilson and Hilferty's cube
/// (within 0.1 % of the exact quantile for k ≥ 30): k (1 − 2/(9k) + z √(2/(9k)))³, z = 3.0902.
double chiSquaredUpper(double k) {
    const double a = 2.0 / (9.0 * k);
    return k * std::pow(1.0 - a + 3.0902 * std::sqrt(a), 3.0);
}

/// Reads `keys` in order from a store at one instant each second apart: the hits, as a string of
/// 'h' and 'm'.
QString pattern(sim::KeyedCacheStore& store, std::initializer_list<std::uint64_t> keys, sim::RandomStream& random, double from = 0.0) {
    QString out;
    double now = from;
    for (const std::uint64_t key : keys) out += store.read(key, now++, random) ? 'h' : 'm';
    return out;
}

}  // namespace

class tst_KeyedCache : public QObject {
    Q_OBJECT
private slots:
    void zipfSamplerMatchesTheProbabilities_data();
    void zipfSamplerMatchesTheProbabilities();
    void zipfSamplerOverAHundredMillionKeys();
    void uniformSamplerCoversEveryKey();
    void lruAndFifoByHand();
    void lfuHoldsTheTopKeys();
    void ttlExpiresByHand();
    void writesInvalidateOrStore();
    void memoryIsBoundedByTheCache();
    void storeMatchesChe_data();
    void storeMatchesChe();
};

void tst_KeyedCache::zipfSamplerMatchesTheProbabilities_data() {
    QTest::addColumn<double>("alpha");
    QTest::newRow("0.5") << 0.5;
    QTest::newRow("0.9") << 0.9;
    QTest::newRow("1 (the harmonic case)") << 1.0;
    QTest::newRow("1.5") << 1.5;
}

void tst_KeyedCache::zipfSamplerMatchesTheProbabilities() {
    // 10⁶ draws over 100 keys, a fixed seed: Pearson's χ² against the exact probabilities stays
    // under the 99.9 % point of χ² with 99 degrees of freedom (≈ 148.3).
    QFETCH(double, alpha);
    const model::KeyPopularity popularity = model::KeyPopularity::zipf(100, alpha);
    const sim::KeySampler sampler(popularity);
    sim::RandomStream random(7);
    std::vector<double> counts(100, 0.0);
    const int draws = 1'000'000;
    for (int i = 0; i < draws; ++i) {
        const std::uint64_t rank = sampler.draw(random);
        QVERIFY(rank >= 1 && rank <= 100);
        ++counts[rank - 1];
    }
    double chiSquared = 0.0;
    for (int rank = 1; rank <= 100; ++rank) {
        const double expected = draws * popularity.probabilityOfRank(rank);
        chiSquared += (counts[std::size_t(rank - 1)] - expected) * (counts[std::size_t(rank - 1)] - expected) / expected;
    }
    QVERIFY2(chiSquared < chiSquaredUpper(99), qPrintable(QString("χ² = %1, limit %2").arg(chiSquared).arg(chiSquaredUpper(99))));
}

void tst_KeyedCache::zipfSamplerOverAHundredMillionKeys() {
    // No table: 10⁸ keys at Zipf 0.9. The top key's probability is 1/Σ i^−0.9; its frequency
    // in 10⁶ draws within 4 binomial standard deviations, and the share of draws beyond rank
    // 10⁶ against the popularity's own mass there.
    const model::KeyPopularity popularity = model::KeyPopularity::zipf(1e8, 0.9);
    const sim::KeySampler sampler(popularity);
    sim::RandomStream random(11);
    const int draws = 1'000'000;
    int top = 0, deep = 0;
    for (int i = 0; i < draws; ++i) {
        const std::uint64_t rank = sampler.draw(random);
        QVERIFY(rank >= 1 && rank <= 100'000'000);
        top += rank == 1;
        deep += rank > 1'000'000;
    }
    const auto within = [&](int count, double p) { return std::abs(count - draws * p) < 4.0 * std::sqrt(draws * p * (1.0 - p)); };
    QVERIFY(within(top, popularity.probabilityOfRank(1)));
    QVERIFY(within(deep, 1.0 - popularity.massOfTop(1e6)));
}

void tst_KeyedCache::uniformSamplerCoversEveryKey() {
    const sim::KeySampler sampler(model::KeyPopularity::uniform(5));
    sim::RandomStream random(3);
    std::vector<int> counts(5, 0);
    for (int i = 0; i < 50'000; ++i) ++counts[sampler.draw(random) - 1];
    for (const int count : counts) QVERIFY(std::abs(count - 10'000) < 4 * std::sqrt(10'000 * 0.8));
}

void tst_KeyedCache::lruAndFifoByHand() {
    sim::RandomStream random(1);
    // Room for 2. LRU: 1 m, 2 m, 1 h (1 newest), 3 m (evicts 2), 2 m (evicts 1), 1 m.
    sim::KeyedCacheStore lru(Eviction::Lru, 2, 0.0);
    QCOMPARE(pattern(lru, {1, 2, 1, 3, 2, 1}, random), QString("mmhmmm"));
    // FIFO: the hit on 1 does not renew it: 3 evicts 1 (the oldest stored), so 2 hits, 1 misses.
    sim::KeyedCacheStore fifo(Eviction::Fifo, 2, 0.0);
    QCOMPARE(pattern(fifo, {1, 2, 1, 3, 2, 1}, random), QString("mmhmhm"));
    QCOMPARE(fifo.size(), std::size_t(2));
    // Random with room for 1: every new key replaces the one held.
    sim::KeyedCacheStore one(Eviction::Random, 1, 0.0);
    QCOMPARE(pattern(one, {1, 1, 2, 1}, random), QString("mhmm"));
}

void tst_KeyedCache::lfuHoldsTheTopKeys() {
    // Perfect LFU with room for 2 holds ranks 1 and 2; it starts cold, so each misses once.
    sim::RandomStream random(1);
    sim::KeyedCacheStore lfu(Eviction::Lfu, 2, 0.0);
    QCOMPARE(pattern(lfu, {1, 2, 3, 1, 2, 3}, random), QString("mmmhhm"));
    lfu.clear();  // a flush: cold again
    QCOMPARE(pattern(lfu, {1, 1}, random), QString("mh"));
}

void tst_KeyedCache::ttlExpiresByHand() {
    // A ttl of 2.5 s, reads of key 7 at 0, 1, 2, 3, 4 s: stored at 0 (lives to 2.5), hits at 1
    // and 2, misses at 3 (stored again, to 5.5), hits at 4. Hits do not renew a ttl.
    sim::RandomStream random(1);
    sim::KeyedCacheStore ttl(Eviction::Ttl, 0, 2.5);
    QCOMPARE(pattern(ttl, {7, 7, 7, 7, 7}, random), QString("mhhmh"));
    // At 6 s the value stored at 3 s has expired and left memory.
    QVERIFY(!ttl.read(8, 6.0, random));
    QCOMPARE(ttl.size(), std::size_t(1));  // only key 8
}

void tst_KeyedCache::writesInvalidateOrStore() {
    sim::RandomStream random(1);
    sim::KeyedCacheStore lru(Eviction::Lru, 4, 0.0);
    QVERIFY(!lru.read(1, 0, random));
    lru.write(1, 1, false, random);  // invalidated
    QVERIFY(!lru.read(1, 2, random));
    lru.write(2, 3, true, random);   // written through: stored
    QVERIFY(lru.read(2, 4, random));
    // A ttl written through restarts: stored at 0 to live 2 s, written at 1.5 s, still there at 3 s.
    sim::KeyedCacheStore ttl(Eviction::Ttl, 0, 2.0);
    QVERIFY(!ttl.read(5, 0.0, random));
    ttl.write(5, 1.5, true, random);
    QVERIFY(ttl.read(5, 3.0, random));
    QVERIFY(!ttl.read(5, 3.6, random));
}

void tst_KeyedCache::memoryIsBoundedByTheCache() {
    // 10⁸ keys at Zipf 0.9 through an LRU of 10⁶ values: after 3·10⁶ reads, most of them of
    // keys never seen before, the store holds exactly its capacity and no more.
    const model::KeyPopularity popularity = model::KeyPopularity::zipf(1e8, 0.9);
    const sim::KeySampler sampler(popularity);
    sim::RandomStream random(5);
    sim::KeyedCacheStore lru(Eviction::Lru, 1e6, 0.0);
    for (int i = 0; i < 3'000'000; ++i) (void)lru.read(sampler.draw(random), i, random);
    QCOMPARE(lru.size(), std::size_t(1'000'000));
    sim::KeyedCacheStore random1(Eviction::Random, 1e6, 0.0);
    for (int i = 0; i < 3'000'000; ++i) (void)random1.read(sampler.draw(random), i, random);
    QCOMPARE(random1.size(), std::size_t(1'000'000));
}

void tst_KeyedCache::storeMatchesChe_data() {
    QTest::addColumn<int>("eviction");
    QTest::addColumn<double>("capacity");
    for (const auto& [name, eviction] : {std::pair{"lru", Eviction::Lru}, {"fifo", Eviction::Fifo}, {"random", Eviction::Random}, {"lfu", Eviction::Lfu}})
        for (const double capacity : {100.0, 1000.0})
            QTest::addRow("%s %g", name, capacity) << int(eviction) << capacity;
}

void tst_KeyedCache::storeMatchesChe() {
    // The simulator's own sampler and store, 10⁴ keys at Zipf 0.8, against the approximation
    // (and for LFU its exact top-C mass): within 1 % absolute.
    QFETCH(int, eviction);
    QFETCH(double, capacity);
    const model::KeyPopularity popularity = model::KeyPopularity::zipf(1e4, 0.8);
    model::KeyedCache cache;
    cache.eviction = Eviction(eviction);
    cache.capacityItems = capacity;
    const double che = model::cacheOutcome(popularity, cache).hitRatio;
    const sim::KeySampler sampler(popularity);
    sim::RandomStream random(13);
    sim::KeyedCacheStore store(Eviction(eviction), capacity, 0.0);
    for (int i = 0; i < 200'000; ++i) (void)store.read(sampler.draw(random), i, random);
    int hits = 0;
    const int reads = 2'000'000;
    for (int i = 0; i < reads; ++i) hits += store.read(sampler.draw(random), i, random);
    const double simulated = double(hits) / reads;
    QVERIFY2(std::abs(simulated - che) < 0.01, qPrintable(QString("approximation %1, simulated %2").arg(che).arg(simulated)));
}

QTEST_APPLESS_MAIN(tst_KeyedCache)
#include "tst_KeyedCache.moc"
