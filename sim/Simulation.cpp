// SPDX-License-Identifier: MIT
#include "sim/Simulation.h"

#include <algorithm>
#include <cmath>

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include "sim/ArrivalSource.h"
#include "sim/EventCalendar.h"
#include "sim/Platform.h"
#include "sim/RandomStream.h"
#include "sim/Recorder.h"
#include "sim/Request.h"
#include "sim/Router.h"
#include "sim/Station.h"

namespace headroom::sim {
namespace {

namespace sg4 = simgrid::s4u;
using model::PlanCall;
using model::PlanPool;
using model::PoolModel;

/// Simulated-time slices between progress reports.
constexpr int kSlices = 200;

/// One replication: the calendar of pure-time events and the SimGrid bridge (CPU executions and
/// transfers), wiring the parts together as a request moves through its visits: arrival sources
/// per client, a station per pool, the router, and the recorder.
class Replication {
public:
    Replication(const model::Plan& plan, const ReplicationSettings& settings)
        : m_plan(plan), m_settings(settings), m_platform(plan), m_random(deriveSeed(settings.seed, 0)), m_router(plan),
          m_recorder(plan, settings.index, settings.seed, MeasurementWindow::over(settings.duration, settings.warmup)) {
        for (std::size_t p = 0; p < plan.pools.size(); ++p)
            m_stations.emplace_back(plan.pools[p], RandomStream(deriveSeed(settings.seed, 1'000'000 + p)), m_recorder.window());
        for (std::size_t c = 0; c < plan.clients.size(); ++c)
            m_sources.emplace_back(plan.clients[c], RandomStream(deriveSeed(settings.seed, 2'000'000 + c)), settings.duration);
    }

    ReplicationRecord run() {
        s_current = this;
        sg4::Activity::on_completion_cb([](const sg4::Activity& activity) {
            if (s_current) s_current->activityEnded(activity);
        });
        for (std::size_t c = 0; c < m_sources.size(); ++c) startClient(std::uint32_t(c));
        armTimer();
        const double slice = m_settings.duration / kSlices;
        for (int s = 1; s <= kSlices && !m_stop; ++s) {
            sg4::Engine::get_instance()->run_until(std::min(m_settings.duration, s * slice));
            clockMoved();
            m_released.clear();
            if (m_settings.onProgress && !m_settings.onProgress({now(), double(s) / kSlices, m_recorder.requestsSent()})) m_stop = true;
        }
        ReplicationRecord record = finish();
        s_current = nullptr;
        return record;
    }

private:
    // ---- time, events and the SimGrid bridge -----------------------------------------------

    /// Simulated time, read from SimGrid once per callback (it stands still within one; the
    /// library call costs 3 % of a run when made at every step).
    double now() const { return m_now; }
    void clockMoved() { m_now = sg4::Engine::get_clock(); }

    void schedule(double time, EventKind kind, std::uint32_t subject, std::uint64_t detail = 0) {
        m_calendar.schedule(time, kind, subject, detail);
        if (time < m_armedAt && !m_handlingTimer) armTimer();
    }

    /// One SimGrid timer stands for the earliest event of the calendar.
    void armTimer() {
        if (m_timer) {
            m_timer->remove();
            m_timer = nullptr;
        }
        m_armedAt = m_calendar.earliest();
        if (!m_calendar.empty()) m_timer = simgrid::kernel::timer::Timer::set(m_armedAt, [this] { timerFired(); });
    }

    void timerFired() {
        clockMoved();
        m_timer = nullptr;
        m_armedAt = INFINITY;
        m_released.clear();
        m_handlingTimer = true;
        while (!m_stop)
            if (const auto event = m_calendar.takeDue(now())) handle(*event);
            else break;
        m_handlingTimer = false;
        if (!m_stop) armTimer();
    }

    void handle(const Event& event) {
        switch (event.kind) {
            case EventKind::Arrival: clientArrival(event.subject); break;
            case EventKind::UserWakes: startRequest(event.subject, std::int32_t(event.detail)); break;
            case EventKind::ReachCallee:
                if (m_requests.current(event.subject, event.detail)) arriveAtCallee(event.subject);
                break;
            case EventKind::ReachCaller:
                if (m_requests.current(event.subject, event.detail)) replyArrived(event.subject);
                break;
            case EventKind::DelayDone:
                if (m_requests.current(event.subject, event.detail)) serviceDone(event.subject);
                break;
            case EventKind::Timeout: timeoutFired(event.subject, event.detail); break;
        }
    }

    void activityEnded(const sg4::Activity& activity) {
        clockMoved();
        m_released.clear();
        if (m_stop) return;  // the run is over; what is still under way no longer matters
        const auto r = std::uint32_t(reinterpret_cast<std::uintptr_t>(activity.get_data<void>()) - 1);
        Request& request = m_requests[r];
        // Kept alive until SimGrid is done with it: released at the next callback.
        m_released.push_back(std::move(m_activities[r]));
        --request.pending;
        if (!request.alive) {
            zombieActivityEnded(r);
            return;
        }
        switch (request.frames.back().stage) {
            case Stage::ToCallee: arriveAtCallee(r); break;
            case Stage::ToCaller: replyArrived(r); break;
            case Stage::Running: cpuDone(r); break;
            default: break;
        }
    }

    void startActivity(std::uint32_t r, sg4::ActivityPtr activity) {
        activity->set_data(reinterpret_cast<void*>(std::uintptr_t(r) + 1));
        activity->start();
        m_activities[r] = std::move(activity);
        ++m_requests[r].pending;
    }

    // ---- clients ---------------------------------------------------------------------------

    void startClient(std::uint32_t c) {
        ArrivalSource& source = m_sources[c];
        if (source.plan().users) {
            // Each user thinks first, so that they do not all send at time zero.
            for (int u = 0; u < *source.plan().users; ++u) schedule(source.wakesAt(now()), EventKind::UserWakes, c, std::uint64_t(u));
            return;
        }
        if (source.plan().rate > 0.0) {
            const double first = source.nextArrival(0.0);
            if (first < m_settings.duration) schedule(first, EventKind::Arrival, c);
        }
    }

    void clientArrival(std::uint32_t c) {
        startRequest(c, -1);
        const double next = m_sources[c].nextArrival(now());
        if (next < m_settings.duration) schedule(next, EventKind::Arrival, c);
    }

    void startRequest(std::uint32_t c, std::int32_t user) {
        if (m_stop) return;
        if (m_requests.inFlight() >= m_settings.maxInFlight) {
            overload();
            return;
        }
        ArrivalSource& source = m_sources[c];
        const std::uint32_t r = allocate();
        Request& request = m_requests[r];
        request.requestClass = std::uint32_t(source.plan().requestClass);
        request.user = user;
        request.born = now();
        request.measured = m_recorder.measures(now());
        request.key = source.requestKey(user);
        request.frames.push_back(Frame{FrameKind::Client, Stage::Calling, c, 0, kNoCall, {}, m_requests.nextVisit(), now(), now()});
        m_recorder.requestSent();
        if (source.plan().timeout) schedule(now() + *source.plan().timeout, EventKind::Timeout, r, request.frames.back().visit);
        proceed(r);
    }

    void overloadedAt(std::uint32_t p, std::uint32_t instance) {
        const Station& station = m_stations[p];
        m_recorder.overloaded(std::to_string(station.running(instance)) + " requests were sharing the " + std::to_string(station.plan().cores) +
                                  " core(s) of \"" + station.plan().name + "\" (instance " + std::to_string(instance + 1) + ") at " +
                                  std::to_string(now()) + " s",
                              station.plan().name);
        m_stop = true;
    }

    void overload() {
        std::size_t worst = 0;
        for (std::size_t p = 0; p < m_stations.size(); ++p)
            if (m_stations[p].waitingNow() > m_stations[worst].waitingNow()) worst = p;
        std::string reason = std::to_string(m_requests.inFlight()) + " requests were in flight at " + std::to_string(now()) + " s";
        std::string pool;
        if (!m_stations.empty() && m_stations[worst].waitingNow() > 0) {
            reason += ", " + std::to_string(m_stations[worst].waitingNow()) + " of them waiting at \"" + m_stations[worst].plan().name + "\"";
            pool = m_stations[worst].plan().name;
        }
        m_recorder.overloaded(std::move(reason), pool);
        m_stop = true;
    }

    // ---- requests --------------------------------------------------------------------------

    std::uint32_t allocate() {
        const std::uint32_t r = m_requests.allocate();
        if (m_activities.size() < m_requests.capacity()) m_activities.resize(m_requests.capacity());
        return r;
    }

    void releaseIfIdle(std::uint32_t r) {
        if (m_requests[r].pending == 0) m_requests.release(r);
    }

    const std::vector<std::uint32_t>& callsOf(const Frame& frame) const {
        static const std::vector<std::uint32_t> none;
        switch (frame.kind) {
            case FrameKind::Client: return m_router.callsOfClient(frame.owner);
            case FrameKind::Pool: return m_router.callsOfPool(frame.owner);
            case FrameKind::AsyncRoot: return none;
        }
        return none;
    }

    RandomStream& randomOf(const Frame& frame) {
        switch (frame.kind) {
            case FrameKind::Pool: return m_stations[frame.owner].random();
            case FrameKind::Client: return m_sources[frame.owner].random();
            case FrameKind::AsyncRoot: return m_random;
        }
        return m_random;
    }

    /// The top frame makes its next call, or finishes its visit when it has made them all.
    void proceed(std::uint32_t r) {
        for (;;) {
            Request& request = m_requests[r];
            Frame& frame = request.frames.back();
            const auto call = m_router.nextCall(frame.cursor, callsOf(frame), request.requestClass, [&]() -> RandomStream& { return randomOf(frame); });
            if (!call) {
                finishVisit(r);
                return;
            }
            if (m_plan.calls[*call].sync) {
                enter(r, *call);
                return;
            }
            sendAsync(r, *call);
            if (m_stop) return;
        }
    }

    /// A message into a queue: a request of its own that nobody waits for.
    void sendAsync(std::uint32_t parent, std::uint32_t call) {
        if (m_requests.inFlight() >= m_settings.maxInFlight) {
            overload();
            return;
        }
        const std::uint32_t r = allocate();
        Request& request = m_requests[r];
        const Request& from = m_requests[parent];
        request.requestClass = from.requestClass;
        request.user = -1;
        request.born = now();
        request.measured = false;
        request.key = from.key;
        const Frame& caller = from.frames.back();
        // The hand-off is made from the caller's place: its balancer, if it has one.
        request.frames.push_back(Frame{FrameKind::AsyncRoot, Stage::Calling, caller.owner, caller.instance, kNoCall, {}, m_requests.nextVisit(),
                                       now(), now()});
        enter(r, call, caller.kind == FrameKind::Pool ? std::optional(caller.owner) : std::nullopt);
    }

    /// A sync call from the top frame.
    void enter(std::uint32_t r, std::uint32_t call) {
        const Frame& caller = m_requests[r].frames.back();
        enter(r, call, caller.kind == FrameKind::Pool ? std::optional(caller.owner) : std::nullopt);
    }

    /// Pushes the callee's frame, routed with the calling pool's random stream (the
    /// replication's own for a client's call).
    void enter(std::uint32_t r, std::uint32_t call, std::optional<std::uint32_t> callerPool) {
        Request& request = m_requests[r];
        RandomStream& random = callerPool ? m_stations[*callerPool].random() : m_random;
        const Route to = m_router.route(call, request.requestClass, request.key, random);
        request.frames.push_back(Frame{FrameKind::Pool, Stage::ToCallee, to.pool, to.instance, call, {}, m_requests.nextVisit(), now(), now()});
        if (const auto timeout = m_plan.pools[to.pool].timeout) schedule(now() + *timeout, EventKind::Timeout, r, request.frames.back().visit);
        travel(r, true);
    }

    /// The top frame's request (forward) or reply crosses the network of the call that made it.
    void travel(std::uint32_t r, bool forward) {
        const Request& request = m_requests[r];
        const Frame& frame = request.frames.back();
        const PlanCall& call = m_plan.calls[frame.viaCall];
        const double bytes = forward ? call.requestBytes : call.responseBytes;
        if (bytes > 0.0 && m_platform.carriesBytes(call)) {
            const auto [caller, callee] = m_platform.ends(call, callerComponentOf(request));
            startActivity(r, sg4::Comm::sendto_init(forward ? caller : callee, forward ? callee : caller)->set_payload_size(std::uint64_t(bytes)));
            return;
        }
        if (call.latencyEachWay > 0.0) {
            schedule(now() + call.latencyEachWay, forward ? EventKind::ReachCallee : EventKind::ReachCaller, r, frame.visit);
            return;
        }
        if (forward)
            arriveAtCallee(r);
        else
            replyArrived(r);
    }

    std::size_t callerComponentOf(const Request& request) const {
        const Frame& caller = request.frames[request.frames.size() - 2];
        if (caller.kind == FrameKind::Client) return m_sources[caller.owner].plan().component;
        return m_plan.pools[caller.owner].component;
    }

    void arriveAtCallee(std::uint32_t r) {
        Request& request = m_requests[r];
        Frame& frame = request.frames.back();
        frame.arrivedAt = now();
        Station& station = m_stations[frame.owner];
        m_recorder.visitArrived(frame.owner, now());
        const model::Operation operation = m_plan.classes[request.requestClass].operation;
        if (station.plan().model == PoolModel::Delay) {
            frame.stage = Stage::Running;
            schedule(now() + station.sampleDelay(operation), EventKind::DelayDone, r, frame.visit);
            return;
        }
        switch (station.admit(frame.instance, r, frame.visit, now())) {
            case Station::Admission::Serve: startService(r); break;
            case Station::Admission::Queued: frame.stage = Stage::Waiting; break;
            case Station::Admission::Rejected: fail(r, Failure::Rejected, frame.owner); break;
        }
    }

    void startService(std::uint32_t r) {
        Request& request = m_requests[r];
        Frame& frame = request.frames.back();
        Station& station = m_stations[frame.owner];
        frame.stage = Stage::Running;
        if (!station.startService(frame.instance, now())) {
            overloadedAt(frame.owner, frame.instance);
            return;
        }
        const double demand = station.sampleDemand(m_plan.classes[request.requestClass].operation);
        startActivity(r, sg4::Exec::init()->set_flops_amount(demand)->set_host(m_platform.host(frame.owner, frame.instance)));
    }

    /// A CPU execution ended; the worker stays held while the request makes its calls.
    void cpuDone(std::uint32_t r) {
        const Frame& frame = m_requests[r].frames.back();
        m_stations[frame.owner].leaveCpu(frame.instance, now());
        serviceDone(r);
    }

    void serviceDone(std::uint32_t r) {
        Frame& frame = m_requests[r].frames.back();
        frame.stage = Stage::Calling;
        frame.cursor = {};
        // A cache or CDN answers a hit itself and makes its calls only on a miss.
        if (m_stations[frame.owner].hits()) frame.cursor.next = std::uint32_t(m_router.callsOfPool(frame.owner).size());
        proceed(r);
    }

    void finishVisit(std::uint32_t r) {
        Request& request = m_requests[r];
        Frame& frame = request.frames.back();
        if (frame.kind == FrameKind::Client) {
            requestDone(r);
            return;
        }
        if (frame.kind == FrameKind::AsyncRoot) {
            m_requests.release(r);
            return;
        }
        m_recorder.visitCompleted(frame.owner, frame.arrivedAt, now());
        if (m_stations[frame.owner].plan().model == PoolModel::Queue) releaseWorker(frame.owner, frame.instance);
        // A message delivered asynchronously needs no reply.
        if (request.frames[request.frames.size() - 2].kind == FrameKind::AsyncRoot) {
            request.frames.pop_back();
            m_requests.release(r);
            return;
        }
        frame.stage = Stage::ToCaller;
        travel(r, false);
    }

    void replyArrived(std::uint32_t r) {
        Request& request = m_requests[r];
        const Frame& frame = request.frames.back();
        m_router.replied(frame.viaCall, Route{frame.owner, frame.instance}, now() - frame.sentAt);
        request.frames.pop_back();
        proceed(r);
    }

    void releaseWorker(std::uint32_t p, std::uint32_t instance) {
        const auto next = m_stations[p].releaseWorker(instance, now(), [this](std::uint32_t q, std::uint64_t visit) { return m_requests.current(q, visit); });
        if (next) startService(*next);
    }

    void requestDone(std::uint32_t r) {
        const Request& request = m_requests[r];
        m_recorder.requestCompleted(request.requestClass, request.born, request.measured, now());
        const std::uint32_t client = request.frames.front().owner;
        const std::int32_t user = request.user;
        m_requests.release(r);
        if (user >= 0) schedule(m_sources[client].wakesAt(now()), EventKind::UserWakes, client, std::uint64_t(user));
    }

    // ---- failures --------------------------------------------------------------------------

    void timeoutFired(std::uint32_t r, std::uint64_t visit) {
        const Request& request = m_requests[r];
        if (!request.alive) return;
        for (const Frame& frame : request.frames)
            if (frame.visit == visit) {
                fail(r, Failure::TimedOut, frame.kind == FrameKind::Pool ? std::optional(frame.owner) : std::nullopt);
                return;
            }
    }

    /// The request fails: its callers give up at once (a deadline propagates downstream, as
    /// gRPC's does). A request waiting in a queue leaves it; work already on a CPU finishes and
    /// is wasted; workers held for calls are freed.
    void fail(std::uint32_t r, Failure failure, std::optional<std::uint32_t> where) {
        Request& request = m_requests[r];
        if (where) m_recorder.poolFailed(*where, failure, now());
        if (request.frames.front().kind == FrameKind::Client) m_recorder.requestFailed(request.requestClass, request.measured, failure, now());
        request.alive = false;
        for (std::size_t depth = request.frames.size(); depth-- > 1;) {
            const Frame& frame = request.frames[depth];
            m_router.failed(frame.viaCall, Route{frame.owner, frame.instance});
            Station& station = m_stations[frame.owner];
            if (station.plan().model != PoolModel::Queue) continue;
            if (frame.stage == Stage::Waiting) station.abandonQueue(frame.instance, now());
            else if (frame.stage == Stage::Calling) releaseWorker(frame.owner, frame.instance);
        }
        const Frame root = request.frames.front();
        const std::int32_t user = request.user;
        if (request.pending == 0) {
            m_requests.release(r);
        } else {
            // A CPU execution or a transfer is still under way: keep the top frame to account
            // for it when it ends.
            const Frame top = request.frames.back();
            request.frames.assign(1, top);
        }
        if (root.kind == FrameKind::Client && user >= 0) schedule(m_sources[root.owner].wakesAt(now()), EventKind::UserWakes, root.owner, std::uint64_t(user));
    }

    /// The activity of a failed request ended: a CPU execution frees its core and worker.
    void zombieActivityEnded(std::uint32_t r) {
        Request& request = m_requests[r];
        const Frame& frame = request.frames.back();
        if (frame.kind == FrameKind::Pool && frame.stage == Stage::Running && m_stations[frame.owner].plan().model == PoolModel::Queue) {
            m_stations[frame.owner].leaveCpu(frame.instance, now());
            releaseWorker(frame.owner, frame.instance);
        }
        request.frames.clear();
        releaseIfIdle(r);
    }

    ReplicationRecord finish() {
        const double end = std::min(now(), m_settings.duration);
        for (std::size_t p = 0; p < m_stations.size(); ++p) m_stations[p].close(end, m_recorder.pool(p));
        return m_recorder.finish(end, m_settings.duration);
    }

    static inline Replication* s_current = nullptr;

    const model::Plan& m_plan;
    ReplicationSettings m_settings;
    Platform m_platform;
    RandomStream m_random;  ///< for what no pool or client draws: a client's routing
    Router m_router;
    Recorder m_recorder;
    std::vector<Station> m_stations;      ///< per plan pool
    std::vector<ArrivalSource> m_sources; ///< per plan client
    RequestTable m_requests;
    std::vector<sg4::ActivityPtr> m_activities;  ///< per request slot: its CPU execution or transfer
    EventCalendar m_calendar;
    simgrid::kernel::timer::Timer* m_timer = nullptr;
    double m_armedAt = INFINITY;
    std::vector<sg4::ActivityPtr> m_released;
    bool m_handlingTimer = false;
    bool m_stop = false;
    double m_now = 0.0;
};

}  // namespace

ReplicationRecord simulateReplication(const model::Plan& plan, const ReplicationSettings& settings) {
    int argc = 1;
    char name[] = "headroom";
    char* argv[] = {name, nullptr};
    xbt_log_control_set("root.thresh:critical");
    // The engine and the replication live until the process ends: activities and timers still
    // pending when the run stops refer to both, and SimGrid runs once per process anyway.
    auto* engine = new sg4::Engine(&argc, argv);
    // Link latencies as given (LV08, the default, multiplies them by 13.01), no TCP window limit
    // on bandwidth, and no reverse traffic for acknowledgements: a transfer of b bytes over a
    // link costs latency + b ÷ bandwidth, as docs/engines.md says.
    engine->set_config("network/model:CM02");
    engine->set_config("network/TCP-gamma:0");
    engine->set_config("network/crosstraffic:0");
    // Hosts run at a constant speed, so trace integration computes the same completion times
    // as the default lazy CPU model, about 15 % faster (bench/bench_simulator); it handles
    // single-core hosts only.
    if (std::all_of(plan.pools.begin(), plan.pools.end(), [](const PlanPool& pool) { return pool.model != PoolModel::Queue || pool.cores == 1; }))
        engine->set_config("cpu/optim:TI");
    auto* replication = new Replication(plan, settings);
    return replication->run();
}

}  // namespace headroom::sim
