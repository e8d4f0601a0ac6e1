// SPDX-License-Identifier: MIT
#include "sim/Simulation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include "model/ChangeOverTimePlan.h"
#include "sim/ArrivalSource.h"
#include "sim/Autoscaler.h"
#include "sim/Fleet.h"
#include "sim/CircuitBreaker.h"
#include "sim/DedicatedCores.h"
#include "sim/EventCalendar.h"
#include "sim/FaultSchedule.h"
#include "sim/HealthMonitor.h"
#include "sim/Platform.h"
#include "sim/RandomStream.h"
#include "sim/Recorder.h"
#include "sim/Request.h"
#include "sim/RetryPolicy.h"
#include "sim/Rollout.h"
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
/// per client, a station per pool, the router, the recorder, and for runs that change over time
/// the fault schedule, health monitors, autoscalers, retry policies and circuit breakers.
class Replication {
public:
    Replication(const model::Plan& plan, const ReplicationSettings& settings)
        : m_plan(plan), m_settings(settings), m_platform(plan), m_random(deriveSeed(settings.seed, 0)),
          m_retryRandom(deriveSeed(settings.seed, 3'000'000)), m_router(plan),
          m_recorder(plan, settings.index, settings.seed, MeasurementWindow::over(settings.duration, settings.warmup)), m_faults(plan),
          m_monitors(plan.pools.size()), m_fleets(plan.pools.size()), m_scalers(plan.pools.size()), m_carried(plan.pools.size()), m_callRetries(plan.calls.size()), m_clientRetries(plan.clients.size()), m_breakers(plan.calls.size()) {
        for (std::size_t p = 0; p < plan.pools.size(); ++p) {
            m_stations.emplace_back(plan.pools[p], RandomStream(deriveSeed(settings.seed, 1'000'000 + p)), m_recorder.window());
            const model::PlanPool& pool = plan.pools[p];
            m_keySamplers.push_back(pool.keys ? std::optional(KeySampler(pool.keys->popularity)) : std::nullopt);
            const bool changed = pool.autoscale || std::any_of(plan.faults.begin(), plan.faults.end(), [&](const model::PlanFault& fault) {
                                     return fault.change && std::find(fault.pools.begin(), fault.pools.end(), p) != fault.pools.end();
                                 });
            if (changed) m_fleets[p] = std::make_unique<Fleet>(pool.instances, pool.instanceSlots(), m_recorder.window());
            if (pool.autoscale) m_scalers[p] = std::make_unique<Autoscaler>(*pool.autoscale, *m_fleets[p]);
        }
        for (std::size_t c = 0; c < plan.clients.size(); ++c) {
            m_sources.emplace_back(plan.clients[c], RandomStream(deriveSeed(settings.seed, 2'000'000 + c)), settings.duration);
            if (plan.clients[c].retry) m_clientRetries[c].emplace(*plan.clients[c].retry);
        }
        for (std::size_t c = 0; c < plan.calls.size(); ++c) {
            if (plan.calls[c].retry) m_callRetries[c].emplace(*plan.calls[c].retry);
            if (plan.calls[c].breaker) m_breakers[c].emplace(*plan.calls[c].breaker);
        }
    }

    ReplicationRecord run() {
        s_current = this;
        sg4::Activity::on_completion_cb([](const sg4::Activity& activity) {
            if (s_current) s_current->activityEnded(activity);
        });
        for (std::size_t c = 0; c < m_sources.size(); ++c) startClient(std::uint32_t(c));
        scheduleFaults();
        scheduleScaling();
        armTimer();
        const double slice = m_settings.duration / kSlices;
        for (int s = 1; s <= kSlices && !m_stop; ++s) {
            m_runUntil = std::min(m_settings.duration, s * slice);
            sg4::Engine::get_instance()->run_until(m_runUntil);
            clockMoved();
            m_released.clear();
            if (m_settings.onProgress && !m_settings.onProgress({now(), double(s) / kSlices, m_recorder.requestsSent()})) m_stop = true;
        }
        ReplicationRecord record = finish();
        s_current = nullptr;
        // A timer still pending (a timeout or retry beyond the end) made SimGrid's shutdown at
        // exit crash: the run is over, so nothing is waiting for it.
        if (m_timer) {
            m_timer->remove();
            m_timer = nullptr;
        }
        return record;
    }

private:
    // ---- time, events and the SimGrid bridge -----------------------------------------------

    /// Simulated time, read from SimGrid once per callback (it stands still within one; the
    /// library call costs 3 % of a run when made at every step), and ahead of SimGrid's while
    /// the calendar runs on by itself (timerFired).
    double now() const { return m_now; }
    void clockMoved() {
        m_simGridNow = sg4::Engine::get_clock();
        m_now = std::max(m_now, m_simGridNow);
    }

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
        // Activities the calendar reached ahead of SimGrid start when SimGrid gets there.
        m_armedAt = m_deferred.empty() ? m_calendar.earliest() : now();
        if (std::isfinite(m_armedAt)) m_timer = simgrid::kernel::timer::Timer::set(m_armedAt, [this] { timerFired(); });
    }

    /// The calendar's earliest time has come. While SimGrid has nothing under way (no shared
    /// execution, no transfer), nothing can happen there before the calendar's next event, so
    /// the calendar runs on to it by itself, without a round of SimGrid's engine per event,
    /// until an event starts a SimGrid activity: that one waits for SimGrid to reach its time
    /// (a timer then), and the events after it wait for SimGrid as before. (A lower bound on
    /// the ends of what SimGrid runs would let the calendar run ahead more often; asking SimGrid
    /// for the work left cost more than the rounds it saved: bench/bench_simulator.)
    void timerFired() {
        clockMoved();
        m_timer = nullptr;
        m_armedAt = INFINITY;
        m_released.clear();
        for (auto& deferred : m_deferred) runOnSimGrid(deferred.request, std::move(deferred.activity));
        m_deferred.clear();
        m_handlingTimer = true;
        for (;;) {
            while (!m_stop)
                if (const auto event = m_calendar.takeDue(now())) handle(*event);
                else break;
            const double next = m_calendar.earliest();
            if (m_stop || !m_deferred.empty() || !(next < m_runUntil) || m_underWayOnSimGrid > 0) break;
            m_now = next;
        }
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
            case EventKind::FaultStarts: faultStarts(event.subject); break;
            case EventKind::FaultEnds: faultEnds(event.subject); break;
            case EventKind::HealthCheck: healthCheck(event.subject); break;
            case EventKind::RetryDue: retryDue(event.subject, event.detail); break;
            case EventKind::ScaleCheck: scaleCheck(event.subject); break;
            case EventKind::InstanceReady: instanceReady(event.subject, std::uint32_t(event.detail)); break;
            case EventKind::DrainEnds: drainEnds(event.subject, event.detail); break;
            case EventKind::ChangeStarts: changeStarts(event.subject); break;
            case EventKind::ChangeStep: changeStep(event.subject, std::size_t(event.detail)); break;
            case EventKind::CpuDone:
                if (m_cores.endAlone(event.subject, event.detail)) workEnded(event.subject);
                break;
        }
    }

    void activityEnded(const sg4::Activity& activity) {
        clockMoved();
        m_released.clear();
        if (m_stop) return;  // the run is over; what is still under way no longer matters
        const auto r = std::uint32_t(reinterpret_cast<std::uintptr_t>(activity.get_data<void>()) - 1);
        // Kept alive until SimGrid is done with it: released at the next callback.
        m_released.push_back(std::move(m_activities[r]));
        --m_underWayOnSimGrid;
        m_cores.endShared(r);
        workEnded(r);
    }

    /// Request r's CPU execution or transfer ended.
    void workEnded(std::uint32_t r) {
        Request& request = m_requests[r];
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

    /// Starts request r's transfer.
    void startTransfer(std::uint32_t r, sg4::ActivityPtr transfer) {
        ++m_requests[r].pending;
        runOnSimGrid(r, std::move(transfer));
    }

    /// Starts request r's activity, already counted in its pending work (when SimGrid's clock
    /// reaches the calendar's, if it runs ahead: timerFired).
    void runOnSimGrid(std::uint32_t r, sg4::ActivityPtr activity) {
        if (now() > m_simGridNow) {
            m_deferred.push_back(Deferred{r, std::move(activity)});
            return;
        }
        ++m_underWayOnSimGrid;
        activity->set_data(reinterpret_cast<void*>(std::uintptr_t(r) + 1));
        activity->start();
        m_activities[r] = std::move(activity);
    }

    /// Request r's CPU execution of `demand` seconds at an instance of a pool: on the calendar
    /// while it has a core to itself, on SimGrid with those it shares the cores with otherwise.
    void startCpu(std::uint32_t r, std::uint32_t pool, std::uint32_t instance, double demand) {
        ++m_requests[r].pending;
        const std::uint32_t place = m_cores.placeOf(pool, instance);
        if (m_cores.fits(place, m_stations[pool].running(instance))) {
            schedule(now() + demand, EventKind::CpuDone, r, m_cores.runAlone(r, place, demand, now()));
            return;
        }
        sg4::Host* host = m_platform.host(pool, instance);
        m_cores.share(r, place, demand, now(), [&](std::uint32_t request, double work) {
            runOnSimGrid(request, sg4::Exec::init()->set_flops_amount(work)->set_host(host));
        });
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
        request.keyRank = 0;
        request.frames.push_back(Frame{FrameKind::Client, Stage::Calling, c, 0, kNoCall, {}, m_requests.nextVisit(), now(), now()});
        m_recorder.requestSent();
        setDeadline(r, source.plan().timeout);
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
                callNow(r, *call, 1);
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
        request.keyRank = from.keyRank;
        request.keyPool = from.keyPool;
        const Frame& caller = from.frames.back();
        // The hand-off is made from the caller's place: its balancer, if it has one.
        request.frames.push_back(Frame{FrameKind::AsyncRoot, Stage::Calling, caller.owner, caller.instance, kNoCall, {}, m_requests.nextVisit(),
                                       now(), now()});
        enter(r, call, caller.kind == FrameKind::Pool ? std::optional(caller.owner) : std::nullopt);
    }

    /// Try `attempt` of a sync call from the top frame: an open circuit breaker fails it at once;
    /// otherwise it goes out (a first try counts toward its retry budget).
    void callNow(std::uint32_t r, std::uint32_t call, int attempt) {
        if (auto& breaker = m_breakers[call]; breaker && !breaker->allows(now())) {
            callFailed(r, call, attempt, Failure::Error);
            return;
        }
        if (auto& retry = m_callRetries[call]; retry && attempt == 1) retry->firstTry(now());
        const Frame& caller = m_requests[r].frames.back();
        enter(r, call, caller.kind == FrameKind::Pool ? std::optional(caller.owner) : std::nullopt, attempt);
    }

    /// Pushes the callee's frame, routed with the calling pool's random stream (the
    /// replication's own for a client's call).
    void enter(std::uint32_t r, std::uint32_t call, std::optional<std::uint32_t> callerPool, int attempt = 1) {
        Request& request = m_requests[r];
        RandomStream& random = callerPool ? m_stations[*callerPool].random() : m_random;
        drawKeyFor(request, call, random);
        const Route to = m_router.route(call, request.requestClass, request.key, request.keyRank, random);
        request.frames.push_back(Frame{FrameKind::Pool, Stage::ToCallee, to.pool, to.instance, call, {}, m_requests.nextVisit(), now(), now()});
        request.frames.back().attempt = std::uint8_t(attempt);
        setDeadline(r, m_plan.pools[to.pool].timeout);
        travel(r, true);
    }

    /// Before a request reaches a keyed component: the key it asks for, drawn from the callee's
    /// popularity unless it carries one drawn from the same (a cache and the database behind it
    /// with the same keys see the same key).
    void drawKeyFor(Request& request, std::uint32_t call, RandomStream& random) {
        const auto& targets = m_plan.calls[call].targets(m_plan.classes[request.requestClass].operation);
        if (targets.empty()) return;
        const std::size_t pool = targets.front().pool;
        const auto& sampler = m_keySamplers[pool];
        if (!sampler) return;
        const auto& keys = m_plan.pools[pool].keys->popularity;
        const auto& held = m_plan.pools[request.keyPool].keys;
        if (request.keyRank > 0 && held && held->popularity.keys() == keys.keys() && held->popularity.exponent() == keys.exponent()) return;
        request.keyRank = sampler->draw(random);
        request.keyPool = std::uint32_t(pool);
    }

    /// The top frame's timeout, `timeout` seconds from now, if it has one.
    void setDeadline(std::uint32_t r, std::optional<double> timeout) {
        if (!timeout) return;
        Frame& frame = m_requests[r].frames.back();
        frame.deadline = now() + *timeout;
        schedule(frame.deadline, EventKind::Timeout, r, frame.visit);
    }

    /// The top frame's request (forward) or reply crosses the network of the call that made it.
    void travel(std::uint32_t r, bool forward) {
        const Request& request = m_requests[r];
        const Frame& frame = request.frames.back();
        const PlanCall& call = m_plan.calls[frame.viaCall];
        const double bytes = forward ? call.requestBytes : call.responseBytes;
        if (bytes > 0.0 && m_platform.carriesBytes(call)) {
            const auto [caller, callee] = m_platform.ends(call, callerComponentOf(request));
            startTransfer(r, sg4::Comm::sendto_init(forward ? caller : callee, forward ? callee : caller)->set_payload_size(std::uint64_t(bytes)));
            return;
        }
        if (const double latency = call.latencyEachWay + m_faults.extraLatency(frame.viaCall); latency > 0.0) {
            schedule(now() + latency, forward ? EventKind::ReachCallee : EventKind::ReachCaller, r, frame.visit);
            return;
        }
        if (forward)
            arriveAtCallee(r);
        else
            replyArrived(r);
    }

    /// The component that made the top frame's call (read from the call: the frame below may be
    /// the root of work whose caller gave up).
    std::size_t callerComponentOf(const Request& request) const {
        const PlanCall& call = m_plan.calls[request.frames.back().viaCall];
        if (call.fromClient) return m_sources[*call.fromClient].plan().component;
        return m_plan.pools[*call.fromPool].component;
    }

    void arriveAtCallee(std::uint32_t r) {
        Request& request = m_requests[r];
        Frame& frame = request.frames.back();
        frame.arrivedAt = now();
        Station& station = m_stations[frame.owner];
        m_recorder.visitArrived(frame.owner, now());
        if (m_faults.isDown(frame.owner, frame.instance) || stopped(frame.owner, frame.instance)) {
            // Nothing listens there: the connection is refused.
            visitFailed(r, m_requests[r].frames.size() - 1, Failure::Error, true);
            return;
        }
        const model::Operation operation = m_plan.classes[request.requestClass].operation;
        if (station.plan().model == PoolModel::Delay) {
            frame.stage = Stage::Running;
            schedule(now() + station.sampleDelay(operation) * m_faults.slowdown(frame.owner), EventKind::DelayDone, r, frame.visit);
            return;
        }
        switch (station.admit(frame.instance, r, frame.visit, now())) {
            case Station::Admission::Serve: startService(r); break;
            case Station::Admission::Queued: frame.stage = Stage::Waiting; break;
            case Station::Admission::Rejected: visitFailed(r, m_requests[r].frames.size() - 1, Failure::Rejected, true); break;
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
        const double version = m_fleets[frame.owner] ? m_fleets[frame.owner]->serviceFactor(frame.instance) : 1.0;
        const double demand = station.sampleDemand(m_plan.classes[request.requestClass].operation) * m_faults.slowdown(frame.owner) * version;
        startCpu(r, frame.owner, frame.instance, demand);
    }

    /// A CPU execution ended; the worker stays held while the request makes its calls.
    void cpuDone(std::uint32_t r) {
        const Frame& frame = m_requests[r].frames.back();
        m_stations[frame.owner].leaveCpu(frame.instance, now());
        serviceDone(r);
    }

    void serviceDone(std::uint32_t r) {
        Frame& frame = m_requests[r].frames.back();
        if (m_faults.isHung(frame.owner, frame.instance)) {
            park(r, true);
            return;
        }
        frame.stage = Stage::Calling;
        frame.cursor = {};
        // A cache or CDN answers a hit itself and makes its calls only on a miss; a keyed one
        // holds real keys, and after a flush warms up as its keys come back.
        Station& station = m_stations[frame.owner];
        const bool hit = station.holdsKeys() ? station.hitsKey(m_requests[r].keyRank, now()) : station.hits(m_faults.warmth(frame.owner, now()));
        if (hit) frame.cursor.next = std::uint32_t(m_router.callsOfPool(frame.owner).size());
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
        if (auto& breaker = m_breakers[frame.viaCall]) breaker->record(true, now());
        request.frames.pop_back();
        const Frame& caller = request.frames.back();
        if (caller.kind == FrameKind::Pool && m_faults.isHung(caller.owner, caller.instance)) {
            park(r, false);
            return;
        }
        proceed(r);
    }

    void releaseWorker(std::uint32_t p, std::uint32_t instance) {
        const auto next = m_stations[p].releaseWorker(instance, now(), [this](std::uint32_t q, std::uint64_t visit) { return m_requests.current(q, visit); });
        if (next) startService(*next);
        else stopIfDrained(p, instance);
    }

    void requestDone(std::uint32_t r) {
        const Request& request = m_requests[r];
        m_recorder.requestCompleted(request.requestClass, request.born, request.measured, now());
        const std::uint32_t client = request.frames.front().owner;
        const std::int32_t user = request.user;
        m_requests.release(r);
        if (user >= 0) schedule(m_sources[client].wakesAt(now()), EventKind::UserWakes, client, std::uint64_t(user));
    }

    // ---- failures, retries and faults ---------------------------------------------------

    void timeoutFired(std::uint32_t r, std::uint64_t visit) {
        const Request& request = m_requests[r];
        if (!request.alive) return;
        for (std::size_t depth = 0; depth < request.frames.size(); ++depth) {
            if (request.frames[depth].visit != visit) continue;
            if (request.frames[depth].kind == FrameKind::Client) clientTimedOut(r);
            else visitFailed(r, depth, Failure::TimedOut, false);
            return;
        }
    }

    /// The visit at `depth` failed: its pool counts it, the work at and above it is abandoned
    /// (detach), and its caller sees the call fail. `instanceLost`: the visit's instance is gone
    /// or never took it (a crash, a refused connection, a full queue), so its own work is dropped
    /// whatever its pool's drop_expired says.
    void visitFailed(std::uint32_t r, std::size_t depth, Failure failure, bool instanceLost) {
        const Frame failed = m_requests[r].frames[depth];
        if (failed.kind == FrameKind::Pool) m_recorder.poolFailed(failed.owner, failure, now());
        r = detach(r, depth, instanceLost);
        callFailed(r, failed.viaCall, failed.attempt, failure);
    }

    /// Whether a caller giving up takes the frame's work with it: its pool drops expired work
    /// (in version 1 every pool did; the migration keeps that).
    bool dropsExpired(const Frame& frame) const { return frame.kind == FrameKind::Pool && m_plan.pools[frame.owner].dropExpired; }

    /// Takes frames [depth, top] off request r; returns the slot that holds the rest (the caller
    /// side). From the bottom of that range, frames whose pool drops expired work (and the first
    /// one when `forceDrop`) are dropped: a queued request leaves its queue, held workers are
    /// freed, a CPU execution runs on and is wasted. The first frame that is not dropped, and
    /// everything above it, carries on as work nobody waits for (what makes retry storms last):
    /// it stays in slot r under a root of its own, and the caller side moves to a fresh slot.
    std::uint32_t detach(std::uint32_t r, std::size_t depth, bool forceDrop) {
        std::size_t keepFrom = depth;
        {
            const auto& frames = m_requests[r].frames;
            while (keepFrom < frames.size() && ((keepFrom == depth && forceDrop) || dropsExpired(frames[keepFrom]))) ++keepFrom;
            for (std::size_t j = keepFrom; j-- > depth;) {
                const Frame& frame = frames[j];
                m_router.failed(frame.viaCall, Route{frame.owner, frame.instance});
                release(frame);
            }
        }
        const bool carriesOn = keepFrom < m_requests[r].frames.size();
        const bool stillRunning = !carriesOn && m_requests[r].pending > 0;
        if (!carriesOn && !stillRunning) {
            m_requests[r].frames.resize(depth);
            return r;
        }
        const std::uint32_t moved = allocate();  // may move m_requests: no references across it
        Request& from = m_requests[r];
        Request& to = m_requests[moved];
        to.requestClass = from.requestClass;
        to.user = from.user;
        to.born = from.born;
        to.measured = from.measured;
        to.key = from.key;
        to.keyRank = from.keyRank;
        to.keyPool = from.keyPool;
        to.frames.assign(from.frames.begin(), from.frames.begin() + std::ptrdiff_t(depth));
        for (const Frame& frame : to.frames)
            if (std::isfinite(frame.deadline)) schedule(frame.deadline, EventKind::Timeout, moved, frame.visit);
        if (carriesOn) {
            std::vector<Frame> rest{Frame{FrameKind::AsyncRoot, Stage::Calling, 0, 0, kNoCall, {}, m_requests.nextVisit(), now(), now()}};
            rest.insert(rest.end(), from.frames.begin() + std::ptrdiff_t(keepFrom), from.frames.end());
            from.frames = std::move(rest);
            from.user = -1;
            from.measured = false;
        } else {
            // A dropped CPU execution or transfer still under way: keep its frame to account for it.
            const Frame top = from.frames.back();
            from.frames.assign(1, top);
            from.alive = false;
        }
        return moved;
    }

    /// What a dropped frame holds at its station: its queue place or its worker.
    void release(const Frame& frame) {
        if (frame.kind != FrameKind::Pool || m_stations[frame.owner].plan().model != PoolModel::Queue) return;
        switch (frame.stage) {
            case Stage::Waiting:
                m_stations[frame.owner].abandonQueue(frame.instance, now());
                stopIfDrained(frame.owner, frame.instance);
                break;
            case Stage::Calling:
            case Stage::Backoff:
            case Stage::Hung: releaseWorker(frame.owner, frame.instance); break;
            default: break;  // not arrived yet, or on a CPU (freed when the execution ends)
        }
    }

    /// Try `attempt` of call `call` from request r's top frame failed: the caller retries it if
    /// its policy allows; otherwise the caller's own visit fails in turn, up to the client (the
    /// request fails) or to the root of work nobody waits for (it ends).
    void callFailed(std::uint32_t r, std::uint32_t call, int attempt, Failure failure) {
        for (;;) {
            Request& request = m_requests[r];
            if (auto& breaker = m_breakers[call]) breaker->record(false, now());
            if (auto& retry = m_callRetries[call]; retry && retry->allowsRetry(attempt, retryReason(failure), now())) {
                scheduleRetry(r, *retry, call, attempt + 1);
                return;
            }
            Frame& caller = request.frames.back();
            if (caller.kind == FrameKind::Client) {
                requestFailed(r, failure);
                return;
            }
            if (caller.kind == FrameKind::AsyncRoot) {
                request.frames.clear();
                releaseIfIdle(r);
                return;
            }
            // The caller answers its own caller with the failure: its worker is free.
            const Frame up = caller;
            request.frames.pop_back();
            m_router.failed(up.viaCall, Route{up.owner, up.instance});
            if (m_plan.pools[up.owner].model == PoolModel::Queue) releaseWorker(up.owner, up.instance);
            call = up.viaCall;
            attempt = up.attempt;
        }
    }

    /// The top frame waits out the policy's backoff, then tries `call` again (kNoCall: a
    /// client's whole request), as try `attempt`.
    void scheduleRetry(std::uint32_t r, RetryPolicy& retry, std::uint32_t call, int attempt) {
        Request& request = m_requests[r];
        Frame& caller = request.frames.back();
        const double wait = retry.backoff(attempt - 1, caller.lastBackoff, m_retryRandom);
        caller.stage = Stage::Backoff;
        caller.retryCall = call;
        caller.retryAttempt = std::uint8_t(attempt);
        caller.lastBackoff = wait;
        m_recorder.retried(request.requestClass, now());
        schedule(now() + wait, EventKind::RetryDue, r, caller.visit);
    }

    void retryDue(std::uint32_t r, std::uint64_t visit) {
        if (!m_requests.current(r, visit)) return;
        Frame& caller = m_requests[r].frames.back();
        if (caller.stage != Stage::Backoff) return;
        if (caller.retryCall == kNoCall) {
            // A client's whole request, from the start: a new visit with its own deadline.
            caller.cursor = {};
            caller.visit = m_requests.nextVisit();
            caller.attempt = caller.retryAttempt;
            caller.stage = Stage::Calling;
            setDeadline(r, m_sources[caller.owner].plan().timeout);
            proceed(r);
            return;
        }
        caller.stage = Stage::Calling;
        callNow(r, caller.retryCall, caller.retryAttempt);
    }

    /// A client's deadline for the whole request passed: what is under way is abandoned, and
    /// the client retries the request if its policy allows.
    void clientTimedOut(std::uint32_t r) {
        if (m_requests[r].frames.size() > 1) r = detach(r, 1, false);
        const Frame& root = m_requests[r].frames.front();
        if (auto& retry = m_clientRetries[root.owner]; retry && retry->allowsRetry(root.attempt, model::RetryOn::Timeout, now())) {
            scheduleRetry(r, *retry, kNoCall, root.attempt + 1);
            return;
        }
        requestFailed(r, Failure::TimedOut);
    }

    void requestFailed(std::uint32_t r, Failure failure) {
        const Request& request = m_requests[r];
        m_recorder.requestFailed(request.requestClass, request.measured, failure, now());
        const std::uint32_t client = request.frames.front().owner;
        const std::int32_t user = request.user;
        m_requests.release(r);
        if (user >= 0) schedule(m_sources[client].wakesAt(now()), EventKind::UserWakes, client, std::uint64_t(user));
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

    /// A hung instance never answers: the top frame waits there, holding its worker, until the
    /// hang ends (`afterService`: it had just been served; otherwise a reply had just reached it).
    void park(std::uint32_t r, bool afterService) {
        Frame& frame = m_requests[r].frames.back();
        frame.stage = Stage::Hung;
        m_parked[{frame.owner, frame.instance}].push_back(Parked{r, frame.visit, afterService});
    }

    void scheduleFaults() {
        for (const FaultSchedule::Change& change : m_faults.changes(m_settings.duration))
            schedule(change.time, change.starts ? EventKind::FaultStarts : EventKind::FaultEnds, change.fault);
        for (std::size_t p = 0; p < m_plan.pools.size(); ++p) {
            // A shard's primary is reached by key, not chosen: no health check picks around it.
            if (!m_faults.losesInstances(p) || m_plan.pools[p].role == model::PoolRole::Primaries) continue;
            m_monitors[p] = std::make_unique<HealthMonitor>(healthCheckOf(p), std::size_t(m_plan.pools[p].instanceSlots()));
            if (m_monitors[p]->interval() < m_settings.duration) schedule(m_monitors[p]->interval(), EventKind::HealthCheck, std::uint32_t(p));
        }
    }

    /// The health check of the load balancer that calls pool p; the F01 default when none does
    /// (a caller's own discovery learns of a dead instance on the same schedule).
    model::PlanHealthCheck healthCheckOf(std::size_t p) const {
        for (const PlanCall& call : m_plan.calls) {
            if (!call.fromPool || !m_plan.pools[*call.fromPool].healthCheck) continue;
            for (const auto& targets : call.targetsByOperation)
                for (const auto& target : targets)
                    if (target.pool == p) return *m_plan.pools[*call.fromPool].healthCheck;
        }
        return model::resolve(model::HealthCheck{});
    }

    void healthCheck(std::uint32_t p) {
        HealthMonitor& monitor = *m_monitors[p];
        bool changed = false;
        for (std::uint32_t i = 0; i < std::uint32_t(m_plan.pools[p].instanceSlots()); ++i)
            if (launched(p, i) && monitor.check(i, m_faults.answers(p, i))) {
                updateRouting(p, i);
                if (!monitor.inService(i)) m_recorder.instanceTakenOut(p, i, now());
                changed = true;
            }
        if (changed) instancesChanged(p);
        if (now() + monitor.interval() < m_settings.duration) schedule(now() + monitor.interval(), EventKind::HealthCheck, p);
    }

    /// Counts pool p's instances up (launched, booted and not crashed) and in service for the
    /// time series.
    void instancesChanged(std::size_t p) {
        int running = 0, healthy = 0;
        for (std::uint32_t i = 0; i < std::uint32_t(m_plan.pools[p].instanceSlots()); ++i) {
            if (m_fleets[p] && m_fleets[p]->state(i) != Fleet::State::Running) continue;
            const bool up = !m_faults.isDown(p, i);
            running += up;
            healthy += m_monitors[p] ? m_monitors[p]->inService(i) : up;
        }
        m_recorder.instancesChanged(p, running, healthy, now());
    }

    /// Whether instance i of pool p takes traffic: booted and not drained (a changing fleet's),
    /// not a canary (which takes its share apart), and in service by its health check.
    void updateRouting(std::size_t p, std::uint32_t i) {
        const bool running = !m_fleets[p] || m_fleets[p]->state(i) == Fleet::State::Running;
        m_router.setInService(p, i, running && !m_router.isCanary(p, i) && (!m_monitors[p] || m_monitors[p]->inService(i)));
    }

    // ---- fleets that change: autoscaling, deploys, scale events -------------------------

    /// Whether slot i of pool p runs at all (every instance of a pool whose fleet never changes).
    bool launched(std::size_t p, std::uint32_t i) const {
        return !m_fleets[p] || m_fleets[p]->state(i) == Fleet::State::Running || m_fleets[p]->state(i) == Fleet::State::Draining;
    }
    bool stopped(std::size_t p, std::uint32_t i) const { return m_fleets[p] && m_fleets[p]->state(i) == Fleet::State::Stopped; }

    void scheduleScaling() {
        for (std::size_t p = 0; p < m_scalers.size(); ++p)
            if (m_scalers[p] && m_scalers[p]->policy().period < m_settings.duration)
                schedule(m_scalers[p]->policy().period, EventKind::ScaleCheck, std::uint32_t(p));
        for (std::uint32_t f = 0; f < m_plan.faults.size(); ++f)
            if (m_plan.faults[f].change && m_plan.faults[f].at < m_settings.duration) schedule(m_plan.faults[f].at, EventKind::ChangeStarts, f);
    }

    /// Pool p's autoscaler ends a period: it reads what the pool carried over it and launches or
    /// drains instances.
    void scaleCheck(std::uint32_t p) {
        Autoscaler& scaler = *m_scalers[p];
        const model::PlanPool& pool = m_plan.pools[p];
        const Station::Carried carried = m_stations[p].carriedUntil(now());
        const Station::Carried& before = m_carried[p];
        const double period = scaler.policy().period;
        double demand = 0.0;
        switch (scaler.policy().metric) {
            case model::AutoscaleMetric::Cpu: demand = (carried.busyCoreSeconds - before.busyCoreSeconds) / (period * pool.cores); break;
            case model::AutoscaleMetric::Workers:
                demand = (carried.busyWorkerSeconds - before.busyWorkerSeconds) / (period * pool.workers.value_or(1));
                break;
            case model::AutoscaleMetric::QueueLength: demand = (carried.waitingSeconds - before.waitingSeconds) / period; break;
            case model::AutoscaleMetric::RatePerInstance: demand = double(carried.arrivals - before.arrivals) / period; break;
        }
        m_carried[p] = carried;
        const Autoscaler::Decision decision = scaler.evaluate(now(), demand);
        startBooting(p, decision.launched, scaler.policy().bootTime);
        startDraining(p, decision.draining, std::nullopt, false);
        if (now() + period < m_settings.duration) schedule(now() + period, EventKind::ScaleCheck, p);
    }

    /// Slots of pool p just launched take traffic `startTime` from now.
    void startBooting(std::size_t p, const std::vector<std::uint32_t>& slots, double startTime) {
        for (const std::uint32_t slot : slots) {
            if (m_monitors[p]) m_monitors[p]->reset(slot);
            if (now() + startTime < m_settings.duration) schedule(now() + startTime, EventKind::InstanceReady, std::uint32_t(p), slot);
        }
    }

    /// Slots of pool p just set draining leave the routing; they stop when their last request is
    /// done, or at the latest after `deadline` seconds (then what is still there fails); `hold`
    /// keeps them (and their bill) until the deadline even when idle (blue-green's old set).
    void startDraining(std::size_t p, const std::vector<std::uint32_t>& slots, std::optional<double> deadline, bool hold) {
        for (const std::uint32_t slot : slots) {
            updateRouting(p, slot);
            if (hold) m_held.insert({p, slot});
            if (deadline && now() + *deadline < m_settings.duration)
                schedule(now() + *deadline, EventKind::DrainEnds, std::uint32_t(p), (std::uint64_t(m_fleets[p]->launches(slot)) << 32) | slot);
            stopIfDrained(p, slot);
        }
        if (!slots.empty()) instancesChanged(p);
    }

    void instanceReady(std::uint32_t p, std::uint32_t slot) {
        m_fleets[p]->booted(slot, now());
        updateRouting(p, slot);
        instancesChanged(p);
    }

    /// A draining instance whose last request is done stops (and stops costing), unless it is held.
    void stopIfDrained(std::size_t p, std::uint32_t i) {
        if (!m_fleets[p] || m_fleets[p]->state(i) != Fleet::State::Draining || !m_stations[p].idle(i) || m_held.contains({p, i})) return;
        m_fleets[p]->stopped(i, now());
    }

    /// A drain's deadline (detail: the slot, and which launch of it was drained): what is still
    /// there fails, and the instance stops.
    void drainEnds(std::uint32_t p, std::uint64_t detail) {
        const auto slot = std::uint32_t(detail & 0xffffffffu);
        Fleet& fleet = *m_fleets[p];
        if (fleet.launches(slot) != std::uint32_t(detail >> 32) || fleet.state(slot) != Fleet::State::Draining) return;
        m_held.erase({p, slot});
        instancesLost({model::PlanFault::Target{p, slot}});
        if (fleet.state(slot) == Fleet::State::Draining) fleet.stopped(slot, now());
    }

    /// A deploy or a scale begins.
    void changeStarts(std::uint32_t f) {
        const model::PlanFault& fault = m_plan.faults[f];
        for (const std::size_t p : fault.pools) {
            if (fault.change->kind == model::ChangeKind::Scale) {
                scaleTo(p, *fault.change);
                continue;
            }
            auto& rollout = m_rollouts[{f, p}];
            rollout = std::make_unique<Rollout>(*fault.change, *m_fleets[p]);
            carryOut(f, p, rollout->start(now()));
        }
    }

    void changeStep(std::uint32_t f, std::size_t p) { carryOut(f, p, m_rollouts.at({f, p})->next(now())); }

    void carryOut(std::uint32_t f, std::size_t p, const Rollout::Step& step) {
        const model::PlanChange& change = *m_plan.faults[f].change;
        startBooting(p, step.launched, change.startTime);
        if (step.canary) {
            m_router.setCanary(p, *step.canary, change.canaryFraction);
            updateRouting(p, *step.canary);
        }
        if (step.canaryEnds)
            if (const auto canary = m_router.clearCanary(p)) updateRouting(p, *canary);
        startDraining(p, step.draining, change.drain, step.holdDrain);
        if (step.after && now() + *step.after < m_settings.duration)
            schedule(now() + *step.after, EventKind::ChangeStep, f, p);
    }

    /// A manual resize: new instances boot (the pool's boot time); surplus ones, newest first,
    /// drain and stop when idle.
    void scaleTo(std::size_t p, const model::PlanChange& change) {
        Fleet& fleet = *m_fleets[p];
        const int before = fleet.provisioned();
        if (change.instances > before) startBooting(p, fleet.launch(change.instances - before, now()), change.startTime);
        std::vector<std::uint32_t> surplus;
        if (change.instances < before) surplus = fleet.newestRunning(before - change.instances);
        for (const std::uint32_t slot : surplus) fleet.drain(slot, now());
        startDraining(p, surplus, std::nullopt, false);
    }

    void faultStarts(std::uint32_t f) {
        const model::PlanFault& fault = m_plan.faults[f];
        m_faults.start(f, now());
        if (fault.kind == model::FaultKind::CacheFlush)
            for (const std::size_t p : fault.pools) m_stations[p].flushKeys();
        if (fault.kind == model::FaultKind::Crash || fault.kind == model::FaultKind::ZoneOutage || fault.kind == model::FaultKind::PrimaryLoss)
            instancesLost(fault.instances);
        for (std::size_t p : poolsOf(fault)) instancesChanged(p);
    }

    void faultEnds(std::uint32_t f) {
        const model::PlanFault& fault = m_plan.faults[f];
        m_faults.end(f);
        if (fault.kind == model::FaultKind::Hang)
            for (const auto& target : fault.instances) resumeParked(target.pool, target.instance);
        for (std::size_t p : poolsOf(fault)) instancesChanged(p);
    }

    static std::vector<std::size_t> poolsOf(const model::PlanFault& fault) {
        std::vector<std::size_t> pools;
        for (const auto& target : fault.instances)
            if (std::find(pools.begin(), pools.end(), target.pool) == pools.end()) pools.push_back(target.pool);
        return pools;
    }

    /// The instances crashed: every visit there fails (waiting ones first, so that freed workers
    /// find no queue to serve).
    void instancesLost(const std::vector<model::PlanFault::Target>& targets) {
        struct Victim {
            std::uint32_t request;
            std::size_t depth;
            std::uint64_t visit;
            bool waiting;
        };
        std::vector<Victim> victims;
        for (std::uint32_t r = 0; r < m_requests.capacity(); ++r) {
            const Request& request = m_requests[r];
            if (!request.alive) continue;
            for (std::size_t depth = 1; depth < request.frames.size(); ++depth) {
                const Frame& frame = request.frames[depth];
                if (frame.kind != FrameKind::Pool || frame.stage == Stage::ToCallee) continue;
                const bool struck = std::any_of(targets.begin(), targets.end(), [&](const auto& t) { return t.pool == frame.owner && t.instance == frame.instance; });
                if (!struck) continue;
                victims.push_back({r, depth, frame.visit, frame.stage == Stage::Waiting});
                break;
            }
        }
        std::stable_partition(victims.begin(), victims.end(), [](const Victim& v) { return v.waiting; });
        for (const Victim& victim : victims) {
            const Request& request = m_requests[victim.request];
            if (!request.alive || request.frames.size() <= victim.depth || request.frames[victim.depth].visit != victim.visit) continue;
            visitFailed(victim.request, victim.depth, Failure::Error, true);
            if (m_stop) return;
        }
    }

    void resumeParked(std::size_t p, std::uint32_t instance) {
        if (m_faults.isHung(p, instance)) return;
        const auto it = m_parked.find({p, instance});
        if (it == m_parked.end()) return;
        const std::vector<Parked> parked = std::move(it->second);
        m_parked.erase(it);
        for (const Parked& entry : parked) {
            if (!m_requests.current(entry.request, entry.visit) || m_requests[entry.request].frames.back().stage != Stage::Hung) continue;
            if (entry.afterService) {
                serviceDone(entry.request);
            } else {
                m_requests[entry.request].frames.back().stage = Stage::Calling;
                proceed(entry.request);
            }
            if (m_stop) return;
        }
    }

    ReplicationRecord finish() {
        const double end = std::min(now(), m_settings.duration);
        for (std::size_t p = 0; p < m_stations.size(); ++p) {
            m_stations[p].close(end, m_recorder.pool(p));
            if (m_fleets[p]) m_fleets[p]->close(end, m_recorder.pool(p).scaling.emplace());
        }
        m_recorder.closeInstances(end);
        return m_recorder.finish(end, m_settings.duration);
    }

    static inline Replication* s_current = nullptr;

    const model::Plan& m_plan;
    ReplicationSettings m_settings;
    Platform m_platform;
    RandomStream m_random;  ///< for what no pool or client draws: a client's routing
    RandomStream m_retryRandom;  ///< backoff jitter
    Router m_router;
    Recorder m_recorder;
    FaultSchedule m_faults;
    std::vector<std::unique_ptr<HealthMonitor>> m_monitors;  ///< per pool that loses instances (none for a database's primaries)
    std::vector<std::unique_ptr<Fleet>> m_fleets;            ///< per pool whose instances change (autoscaling, deploys, scales)
    std::vector<std::unique_ptr<Autoscaler>> m_scalers;      ///< per pool that autoscales
    std::map<std::pair<std::uint32_t, std::size_t>, std::unique_ptr<Rollout>> m_rollouts;  ///< per (plan fault, pool) deploy under way
    std::set<std::pair<std::size_t, std::uint32_t>> m_held;  ///< draining slots kept until their drain ends
    std::vector<Station::Carried> m_carried;                 ///< per pool: what it had carried at its autoscaler's last check
    std::vector<std::optional<RetryPolicy>> m_callRetries;   ///< per plan call
    std::vector<std::optional<RetryPolicy>> m_clientRetries; ///< per client: whole requests
    std::vector<std::optional<CircuitBreaker>> m_breakers;   ///< per plan call
    struct Parked {
        std::uint32_t request;
        std::uint64_t visit;
        bool afterService;
    };
    std::map<std::pair<std::size_t, std::uint32_t>, std::vector<Parked>> m_parked;  ///< at hung instances
    std::vector<Station> m_stations;      ///< per plan pool
    std::vector<std::optional<KeySampler>> m_keySamplers;  ///< per plan pool with keys
    std::vector<ArrivalSource> m_sources; ///< per plan client
    RequestTable m_requests;
    std::vector<sg4::ActivityPtr> m_activities;  ///< per request slot: its CPU execution or transfer
    EventCalendar m_calendar;
    DedicatedCores m_cores{m_plan};
    simgrid::kernel::timer::Timer* m_timer = nullptr;
    double m_armedAt = INFINITY;
    std::vector<sg4::ActivityPtr> m_released;
    bool m_handlingTimer = false;
    double m_runUntil = 0.0;      ///< where SimGrid's run now stops (the end of a progress slice)
    double m_simGridNow = 0.0;   ///< SimGrid's clock; now() runs ahead of it in timerFired
    std::uint64_t m_underWayOnSimGrid = 0;  ///< SimGrid activities under way
    struct Deferred {
        std::uint32_t request;
        sg4::ActivityPtr activity;
    };
    std::vector<Deferred> m_deferred;  ///< to start when SimGrid reaches now()
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
