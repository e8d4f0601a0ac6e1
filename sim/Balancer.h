// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

#include "model/Scenario.h"
#include "sim/RandomStream.h"

namespace headroom::sim {

/// A load balancer's choice of the instance each of its calls goes to, from what it sees: the
/// calls it has outstanding per instance and the response times they took.
class Balancer {
public:
    Balancer(model::LbAlgorithm algorithm, std::size_t instances, const std::vector<double>& weights);

    /// The instance for the next call; `key` is the request's (a user's id for closed clients).
    [[nodiscard]] std::size_t pick(RandomStream& random, std::uint64_t key);
    /// A call to `instance` went out / came back after `responseTime` seconds / failed.
    void sent(std::size_t instance) { ++m_outstanding[instance]; }
    void returned(std::size_t instance, double responseTime);
    void failed(std::size_t instance) { --m_outstanding[instance]; }

    [[nodiscard]] int outstanding(std::size_t instance) const { return m_outstanding[instance]; }

    /// Takes an instance out of the choice (its health check failed) or back; with every
    /// instance out, it chooses among all (the calls then fail).
    void setInService(std::size_t instance, bool inService);

private:
    /// pick() while some instances are out of service.
    [[nodiscard]] std::size_t pickInService(RandomStream& random, std::uint64_t key);

    /// The instance with the least `score`, scanning from a rotating start so that ties spread.
    template <typename Score> std::size_t leastBy(Score score);

    model::LbAlgorithm m_algorithm;
    std::vector<int> m_outstanding;
    std::vector<double> m_weights;          ///< weighted round robin
    std::vector<double> m_current;          ///< smooth weighted round robin's running credit
    std::vector<double> m_meanResponse;     ///< least response time: moving average per instance
    std::vector<bool> m_measured;
    std::size_t m_next = 0;
    std::vector<bool> m_out;                 ///< per instance: out of service
    std::vector<std::size_t> m_inService;    ///< the instances in service, while some are out
};

}  // namespace headroom::sim
