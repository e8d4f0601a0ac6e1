// SPDX-License-Identifier: MIT
#include "sim/KeyedCacheStore.h"

#include <algorithm>
#include <cmath>

namespace headroom::sim {

KeyedCacheStore::KeyedCacheStore(model::Eviction eviction, double capacityItems, double ttl)
    : m_eviction(eviction), m_capacity(std::size_t(std::max(0.0, std::floor(capacityItems)))), m_ttl(ttl) {
    if (m_eviction == model::Eviction::Lfu) m_lfuInvalid.assign(m_capacity, true);  // cold, as every cache starts
    else if (m_eviction != model::Eviction::Ttl) m_where.reserve(m_capacity);
}

bool KeyedCacheStore::read(std::uint64_t key, double now, RandomStream& random) {
    switch (m_eviction) {
        case model::Eviction::Lfu: {
            if (key == 0 || key > m_capacity) return false;
            const bool hit = !m_lfuInvalid[key - 1];
            m_lfuInvalid[key - 1] = false;
            return hit;
        }
        case model::Eviction::Ttl: {
            expire(now);
            if (const auto found = m_expiry.find(key); found != m_expiry.end() && found->second > now) return true;
            store(key, now, random);
            return false;
        }
        default: break;
    }
    const auto found = m_where.find(key);
    if (found == m_where.end()) {
        store(key, now, random);
        return false;
    }
    if (m_eviction == model::Eviction::Lru && m_newest != found->second) {
        unlink(found->second);
        pushNewest(found->second);
    }
    return true;
}

void KeyedCacheStore::write(std::uint64_t key, double now, bool writeThrough, RandomStream& random) {
    if (m_eviction == model::Eviction::Lfu) {
        if (key >= 1 && key <= m_capacity) m_lfuInvalid[key - 1] = !writeThrough;
        return;
    }
    if (m_eviction == model::Eviction::Ttl) expire(now);
    if (!writeThrough) {
        erase(key);
        return;
    }
    // Written through: stored anew (a ttl restarts; lru and fifo count it as newest).
    erase(key);
    store(key, now, random);
}

void KeyedCacheStore::store(std::uint64_t key, double now, RandomStream& random) {
    switch (m_eviction) {
        case model::Eviction::Ttl:
            m_expiry[key] = now + m_ttl;
            m_stored.emplace_back(now + m_ttl, key);
            return;
        case model::Eviction::Random:
            if (m_capacity == 0) return;
            if (m_held.size() == m_capacity) erase(m_held[random.below(m_held.size())]);
            m_where[key] = std::uint32_t(m_held.size());
            m_held.push_back(key);
            return;
        case model::Eviction::Lru:
        case model::Eviction::Fifo: {
            if (m_capacity == 0) return;
            if (m_where.size() == m_capacity) erase(m_nodes[m_oldest].key);
            std::uint32_t node;
            if (!m_freeNodes.empty()) {
                node = m_freeNodes.back();
                m_freeNodes.pop_back();
            } else {
                node = std::uint32_t(m_nodes.size());
                m_nodes.emplace_back();
            }
            m_nodes[node].key = key;
            pushNewest(node);
            m_where[key] = node;
            return;
        }
        case model::Eviction::Lfu: return;
    }
}

void KeyedCacheStore::erase(std::uint64_t key) {
    if (m_eviction == model::Eviction::Ttl) {
        m_expiry.erase(key);  // its entry in m_stored is skipped when it comes up
        return;
    }
    const auto found = m_where.find(key);
    if (found == m_where.end()) return;
    const std::uint32_t at = found->second;
    m_where.erase(found);
    if (m_eviction == model::Eviction::Random) {
        // The last held key takes the freed place.
        if (at + 1 != m_held.size()) {
            m_held[at] = m_held.back();
            m_where[m_held[at]] = at;
        }
        m_held.pop_back();
        return;
    }
    unlink(at);
    m_freeNodes.push_back(at);
}

void KeyedCacheStore::unlink(std::uint32_t node) {
    Node& n = m_nodes[node];
    if (n.newer != kNone) m_nodes[n.newer].older = n.older;
    else m_newest = n.older;
    if (n.older != kNone) m_nodes[n.older].newer = n.newer;
    else m_oldest = n.newer;
    n.newer = n.older = kNone;
}

void KeyedCacheStore::pushNewest(std::uint32_t node) {
    Node& n = m_nodes[node];
    n.newer = kNone;
    n.older = m_newest;
    if (m_newest != kNone) m_nodes[m_newest].newer = node;
    m_newest = node;
    if (m_oldest == kNone) m_oldest = node;
}

void KeyedCacheStore::expire(double now) {
    while (!m_stored.empty() && m_stored.front().first <= now) {
        const auto [expiry, key] = m_stored.front();
        m_stored.pop_front();
        // Stored again since (written through, or read after it expired): that entry decides.
        if (const auto found = m_expiry.find(key); found != m_expiry.end() && found->second == expiry) m_expiry.erase(found);
    }
}

void KeyedCacheStore::prefill(const std::vector<std::uint64_t>& keys, double now, RandomStream& random) {
    switch (m_eviction) {
        case model::Eviction::Lfu:
            for (const std::uint64_t key : keys)
                if (key >= 1 && key <= m_capacity) m_lfuInvalid[key - 1] = false;
            return;
        case model::Eviction::Ttl: {
            // A value stored a uniform time within the last ttl: it expires within the next.
            std::vector<std::pair<double, std::uint64_t>> stored;
            for (const std::uint64_t key : keys) stored.emplace_back(now + random.uniform() * m_ttl, key);
            std::sort(stored.begin(), stored.end());
            for (const auto& [expiry, key] : stored) {
                m_expiry[key] = expiry;
                m_stored.emplace_back(expiry, key);
            }
            return;
        }
        default:
            for (const std::uint64_t key : keys) store(key, now, random);
    }
}

void KeyedCacheStore::clear() {
    m_where.clear();
    m_nodes.clear();
    m_freeNodes.clear();
    m_newest = m_oldest = kNone;
    m_held.clear();
    std::fill(m_lfuInvalid.begin(), m_lfuInvalid.end(), true);
    m_expiry.clear();
    m_stored.clear();
}

std::size_t KeyedCacheStore::size() const {
    switch (m_eviction) {
        case model::Eviction::Lfu: return std::size_t(std::count(m_lfuInvalid.begin(), m_lfuInvalid.end(), false));
        case model::Eviction::Ttl: return m_expiry.size();
        case model::Eviction::Random: return m_held.size();
        default: return m_where.size();
    }
}

}  // namespace headroom::sim
