// SPDX-License-Identifier: MIT
#include "sim/Balancer.h"

#include <algorithm>

namespace headroom::sim {
namespace {

/// Weight of the newest response time in least-response-time's exponentially weighted moving
/// average: the average remembers about the last 1 / 0.2 = 5 responses of an instance, so it
/// follows a slowdown within a few requests without chasing each one. Headroom's own choice (no
/// published default exists; docs/engines.md says so).
constexpr double kResponseSmoothing = 0.2;

}  // namespace

Balancer::Balancer(model::LbAlgorithm algorithm, std::size_t instances, const std::vector<double>& weights)
    : m_algorithm(algorithm), m_outstanding(instances, 0), m_weights(instances, 1.0), m_current(instances, 0.0),
      m_meanResponse(instances, 0.0), m_measured(instances, false), m_out(instances, false) {
    // Instances beyond the weights given count once each; extra weights are ignored.
    for (std::size_t i = 0; i < instances && i < weights.size(); ++i) m_weights[i] = weights[i];
}

template <typename Score> std::size_t Balancer::leastBy(Score score) {
    const std::size_t n = m_outstanding.size();
    const std::size_t start = m_next++ % n;
    std::size_t best = start;
    if (!m_inService.empty())
        while (m_out[best]) best = (best + 1) % n;
    for (std::size_t step = 1; step < n; ++step) {
        const std::size_t i = (start + step) % n;
        if (!m_out[i] && score(i) < score(best)) best = i;
    }
    return best;
}

void Balancer::setInService(std::size_t instance, bool inService) {
    m_out[instance] = !inService;
    m_inService.clear();
    if (std::find(m_out.begin(), m_out.end(), true) == m_out.end()) return;
    for (std::size_t i = 0; i < m_out.size(); ++i)
        if (!m_out[i]) m_inService.push_back(i);
}

std::size_t Balancer::pickInService(RandomStream& random, std::uint64_t key) {
    const std::size_t n = m_outstanding.size();
    const std::size_t m = m_inService.size();
    switch (m_algorithm) {
        case model::LbAlgorithm::RoundRobin:
            for (;;)
                if (const std::size_t i = m_next++ % n; !m_out[i]) return i;
        case model::LbAlgorithm::WeightedRoundRobin: {
            double total = 0.0;
            std::size_t best = m_inService.front();
            for (const std::size_t i : m_inService) {
                m_current[i] += m_weights[i];
                total += m_weights[i];
                if (m_current[i] > m_current[best]) best = i;
            }
            m_current[best] -= total;
            return best;
        }
        case model::LbAlgorithm::Random: return m_inService[random.below(m)];
        case model::LbAlgorithm::PowerOfTwo: {
            if (m == 1) return m_inService.front();
            const std::size_t a = random.below(m);
            std::size_t b = random.below(m - 1);
            if (b >= a) ++b;
            return m_outstanding[m_inService[b]] < m_outstanding[m_inService[a]] ? m_inService[b] : m_inService[a];
        }
        case model::LbAlgorithm::Hash: return m_inService[deriveSeed(key, 0) % m];
        case model::LbAlgorithm::LeastConnections:
        case model::LbAlgorithm::LeastResponseTime: break;
    }
    return pick(random, key);  // the least-by algorithms skip what is out themselves
}

std::size_t Balancer::pick(RandomStream& random, std::uint64_t key) {
    const std::size_t n = m_outstanding.size();
    if (n == 1) return 0;
    if (!m_inService.empty() && m_algorithm != model::LbAlgorithm::LeastConnections && m_algorithm != model::LbAlgorithm::LeastResponseTime)
        return pickInService(random, key);
    switch (m_algorithm) {
        case model::LbAlgorithm::RoundRobin: return m_next++ % n;
        case model::LbAlgorithm::WeightedRoundRobin: {
            // Smooth weighted round robin (nginx): each instance gains its weight, the richest is
            // picked and pays the total; picks interleave in proportion to the weights.
            double total = 0.0;
            std::size_t best = 0;
            for (std::size_t i = 0; i < n; ++i) {
                m_current[i] += m_weights[i];
                total += m_weights[i];
                if (m_current[i] > m_current[best]) best = i;
            }
            m_current[best] -= total;
            return best;
        }
        case model::LbAlgorithm::Random: return random.below(n);
        case model::LbAlgorithm::LeastConnections: return leastBy([&](std::size_t i) { return double(m_outstanding[i]); });
        case model::LbAlgorithm::PowerOfTwo: {
            const std::size_t a = random.below(n);
            std::size_t b = random.below(n - 1);
            if (b >= a) ++b;
            return m_outstanding[b] < m_outstanding[a] ? b : a;
        }
        case model::LbAlgorithm::Hash: return deriveSeed(key, 0) % n;
        case model::LbAlgorithm::LeastResponseTime:
            // Unmeasured instances first; then the least expected wait, average × (outstanding + 1).
            return leastBy([&](std::size_t i) { return m_measured[i] ? m_meanResponse[i] * (m_outstanding[i] + 1) : -1.0 / (m_outstanding[i] + 1); });
    }
    return 0;
}

void Balancer::returned(std::size_t instance, double responseTime) {
    --m_outstanding[instance];
    if (!m_measured[instance]) {
        m_meanResponse[instance] = responseTime;
        m_measured[instance] = true;
    } else {
        m_meanResponse[instance] += kResponseSmoothing * (responseTime - m_meanResponse[instance]);
    }
}

}  // namespace headroom::sim
