// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <queue>
#include <vector>

namespace headroom::sim {

/// What a pure-time event of the calendar does when its time comes.
enum class EventKind : std::uint8_t {
    Arrival,      ///< an open client's next request (subject: client)
    UserWakes,    ///< a closed client's user is done thinking (subject: client, detail: user)
    ReachCallee,  ///< a call's request is through the network (subject: request, detail: visit)
    ReachCaller,  ///< a call's reply is through the network
    DelayDone,    ///< a delay pool has served a visit
    Timeout,      ///< a visit's or a request's deadline
    FaultStarts,  ///< a fault of the plan begins (subject: fault)
    FaultEnds,    ///< it ends
    HealthCheck,  ///< a pool's instances are checked (subject: pool)
    RetryDue,     ///< a backoff is over (subject: request, detail: the caller's visit)
    ScaleCheck,   ///< an autoscaler's period ends (subject: pool)
    InstanceReady,  ///< a launched instance has booted (subject: pool, detail: slot)
    DrainEnds,    ///< a draining instance's time is up (subject: pool, detail: its launch << 32 | slot)
    ChangeStarts, ///< a deploy or scale of the plan begins (subject: fault)
    ChangeStep,   ///< a deploy's next step (subject: fault, detail: pool)
    CpuDone,      ///< an execution with a core to itself ends (subject: request, detail: its token)
};

struct Event {
    double time = 0.0;
    std::uint64_t order = 0;  ///< ties in time run in the order scheduled
    EventKind kind = EventKind::Arrival;
    std::uint32_t subject = 0;  ///< client, request, fault or pool
    std::uint64_t detail = 0;   ///< user, visit, slot or pool
};

/// The replication's calendar of pure-time events (arrivals, network delays, timeouts), ordered
/// by (time, order) so that events at the same time run in the order they were scheduled. What
/// shares a resource (CPUs, links) is SimGrid's; the replication stands one SimGrid timer for
/// the earliest event here.
class EventCalendar {
public:
    void schedule(double time, EventKind kind, std::uint32_t subject, std::uint64_t detail = 0) {
        m_events.push(Event{time, m_order++, kind, subject, detail});
    }
    [[nodiscard]] bool empty() const { return m_events.empty(); }
    /// The earliest event's time; infinity when there is none.
    [[nodiscard]] double earliest() const { return m_events.empty() ? INFINITY : m_events.top().time; }
    /// Takes the earliest event if it is due at `now`.
    std::optional<Event> takeDue(double now) {
        if (m_events.empty() || m_events.top().time > now) return std::nullopt;
        Event event = m_events.top();
        m_events.pop();
        return event;
    }

private:
    struct Later {
        bool operator()(const Event& a, const Event& b) const { return a.time != b.time ? a.time > b.time : a.order > b.order; }
    };
    std::priority_queue<Event, std::vector<Event>, Later> m_events;
    std::uint64_t m_order = 0;
};

}  // namespace headroom::sim
