// SPDX-License-Identifier: MIT
#include "sim/Rollout.h"

#include <algorithm>

namespace headroom::sim {

Rollout::Step Rollout::start(double now) {
    m_fleet.newVersion(m_change.serviceTimeFactor);
    m_version = m_fleet.version();
    Step step;
    switch (m_change.strategy) {
        case model::DeployStrategy::Rolling: return batch(now);
        case model::DeployStrategy::BlueGreen:
            step.launched = m_fleet.launch(oldRunning(), now);
            m_phase = Phase::Switching;
            break;
        case model::DeployStrategy::Canary:
            step.launched = m_fleet.launch(1, now);
            if (!step.launched.empty()) m_canary = step.launched.front();
            m_phase = Phase::CanaryBooting;
            break;
    }
    step.after = m_change.startTime;
    return step;
}

Rollout::Step Rollout::next(double now) {
    Step step;
    switch (m_phase) {
        case Phase::CanaryBooting:
            step.canary = m_canary;
            m_phase = Phase::CanaryServing;
            step.after = m_change.canaryFor;
            return step;
        case Phase::CanaryServing: {
            // The canary replaced one old instance: that one drains, the rest rolls.
            step.canaryEnds = true;
            step.draining = m_fleet.oldestRunning(1, m_version);
            for (const std::uint32_t slot : step.draining) m_fleet.drain(slot, now);
            m_phase = Phase::Rolling;
            Step rest = batch(now);
            rest.canaryEnds = true;
            rest.draining.insert(rest.draining.begin(), step.draining.begin(), step.draining.end());
            return rest;
        }
        case Phase::Switching: {
            step.draining = m_fleet.oldestRunning(int(m_fleet.size()), m_version);
            for (const std::uint32_t slot : step.draining) m_fleet.drain(slot, now);
            step.holdDrain = true;
            m_phase = Phase::Done;
            return step;
        }
        case Phase::Rolling: {
            // The batch's new instances serve: its surge's old counterparts go too.
            step.draining = m_fleet.oldestRunning(m_pendingDrain, m_version);
            for (const std::uint32_t slot : step.draining) m_fleet.drain(slot, now);
            m_pendingDrain = 0;
            Step rest = batch(now);
            rest.draining.insert(rest.draining.begin(), step.draining.begin(), step.draining.end());
            return rest;
        }
        case Phase::Done: break;
    }
    return step;
}

Rollout::Step Rollout::batch(double now) {
    Step step;
    const int old = oldRunning();
    if (old == 0) {
        m_phase = Phase::Done;
        return step;
    }
    const int replaced = std::min(m_change.batchSize(), old);
    step.launched = m_fleet.launch(replaced, now);
    const int outAtOnce = std::min(m_change.unavailable, old);
    step.draining = m_fleet.oldestRunning(outAtOnce, m_version);
    for (const std::uint32_t slot : step.draining) m_fleet.drain(slot, now);
    m_pendingDrain = replaced - outAtOnce;
    m_phase = Phase::Rolling;
    step.after = m_change.startTime;
    return step;
}

}  // namespace headroom::sim
