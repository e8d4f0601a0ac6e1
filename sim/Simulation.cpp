// SPDX-License-Identifier: MIT
#include "sim/Simulation.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>
#include <queue>

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include "model/RateProfile.h"
#include "sim/Balancer.h"
#include "sim/Platform.h"
#include "sim/RandomStream.h"
#include "sim/TimeWeighted.h"

namespace headroom::sim {
namespace {

namespace sg4 = simgrid::s4u;
using model::PlanCall;
using model::PlanPool;
using model::PoolModel;

constexpr std::uint32_t kNone = ~std::uint32_t{0};
/// Simulated-time slices between progress reports.
constexpr int kSlices = 200;
/// A token bucket for a rate limit holds this many seconds of tokens (its burst).
constexpr double kRateLimitBurstSeconds = 1.0;
/// Requests sharing one instance's cores beyond which a run stops as overloaded: per core, and
/// at least this many in all.
constexpr int kMaxSharingPerCore = 64;
constexpr int kMinSharingLimit = 1000;
/// Constant arrivals under a profile advance in steps of this fraction of the shortest gap.
constexpr double kConstantArrivalStep = 1.0 / 8.0;

/// Where a request is within one visit.
enum class Stage : std::uint8_t {
    ToCallee,  ///< crossing the network to the callee
    Waiting,   ///< in the callee's queue for a worker
    Running,   ///< on a CPU (or, for a delay, being served)
    Calling,   ///< making its calls, holding its worker
    ToCaller,  ///< its reply crossing the network back
};

/// What a frame's calls come from.
enum class FrameKind : std::uint8_t { Client, AsyncRoot, Pool };

/// One visit on a request's stack of sync calls; the bottom frame is its client (or, for a
/// message sent asynchronously, a root with no calls).
struct Frame {
    FrameKind kind = FrameKind::Pool;
    Stage stage = Stage::Calling;
    std::uint32_t owner = 0;      ///< pool index, or client index for a client frame
    std::uint32_t instance = 0;
    std::uint32_t viaCall = kNone;  ///< the plan call that brought the request here
    std::uint32_t cursor = 0;     ///< next of the owner's calls
    std::int32_t repeatsLeft = 0; ///< of the current call
    std::uint64_t visit = 0;      ///< unique id, for timers and timeouts
    double sentAt = 0.0;          ///< when the caller made the call
    double arrivedAt = 0.0;       ///< when it reached the callee
};

struct Request {
    std::uint32_t requestClass = 0;
    std::int32_t user = -1;       ///< a closed client's user
    double born = 0.0;
    bool measured = false;        ///< began after the warm-up
    bool alive = true;
    std::uint8_t pending = 0;     ///< SimGrid activities still running for it
    std::uint64_t key = 0;        ///< what a hash balancer hashes
    std::vector<Frame> frames;
    sg4::ActivityPtr activity;
};

enum class EventKind : std::uint8_t { Arrival, UserWakes, ReachCallee, ReachCaller, DelayDone, Timeout };

struct Event {
    double time;
    std::uint64_t order;  ///< ties in time run in the order scheduled
    EventKind kind;
    std::uint32_t subject;  ///< client or request
    std::uint64_t detail;   ///< user or visit
    bool operator>(const Event& other) const { return time != other.time ? time > other.time : order > other.order; }
};

struct Instance {
    int busyWorkers = 0;
    int running = 0;  ///< executions on its CPUs
    int waiting = 0;  ///< live entries in `queue`
    std::deque<std::pair<std::uint32_t, std::uint64_t>> queue;  ///< (request, visit); stale entries skipped
};

struct PoolState {
    const PlanPool* plan = nullptr;
    std::vector<Instance> instances;
    RandomStream random;
    std::vector<std::uint32_t> calls;  ///< its plan calls, in order
    double tokens = 0.0;
    double tokensAt = 0.0;
    TimeWeighted busyCores, busyWorkers, waiting;
    std::uint64_t waitingNow = 0;
};

struct ClientState {
    const model::PlanClient* plan = nullptr;
    RandomStream random;
    std::vector<std::uint32_t> calls;
    double peak = 1.0;
};

class Replication {
public:
    Replication(const model::Scenario& scenario, const model::Plan& plan, const ReplicationSettings& settings)
        : m_scenario(scenario), m_plan(plan), m_settings(settings), m_platform(scenario, plan), m_random(deriveSeed(settings.seed, 0)) {
        m_window = MeasurementWindow::over(settings.duration, settings.warmup);
        m_record.index = settings.index;
        m_record.seed = settings.seed;
        m_record.window = m_window;
        for (const auto& cls : plan.classes) {
            ClassRecord record;
            record.name = cls.name;
            record.seriesCompleted.assign(m_window.points, 0.0);
            record.seriesLatencySum.assign(m_window.points, 0.0);
            record.seriesFailed.assign(m_window.points, 0.0);
            m_record.classes.push_back(std::move(record));
        }
        for (std::size_t p = 0; p < plan.pools.size(); ++p) {
            const PlanPool& pool = plan.pools[p];
            PoolState state{&pool, std::vector<Instance>(std::size_t(pool.instances)), RandomStream(deriveSeed(settings.seed, 1'000'000 + p))};
            if (pool.rateLimit) state.tokens = *pool.rateLimit * kRateLimitBurstSeconds;
            state.busyCores.reset(m_window);
            state.busyWorkers.reset(m_window);
            state.waiting.reset(m_window);
            m_pools.push_back(std::move(state));
            PoolRecord record;
            record.name = pool.name;
            m_record.pools.push_back(std::move(record));
        }
        for (std::size_t c = 0; c < plan.clients.size(); ++c) {
            const auto& client = plan.clients[c];
            m_clients.push_back({&client, RandomStream(deriveSeed(settings.seed, 2'000'000 + c)), {},
                                 client.profile ? model::peakMultiplier(*client.profile) : 1.0});
        }
        for (std::size_t i = 0; i < plan.calls.size(); ++i) {
            const PlanCall& call = plan.calls[i];
            if (call.fromPool) m_pools[*call.fromPool].calls.push_back(std::uint32_t(i));
            if (call.fromClient) m_clients[*call.fromClient].calls.push_back(std::uint32_t(i));
        }
        m_balancers.resize(plan.calls.size());
        for (std::size_t i = 0; i < plan.calls.size(); ++i) {
            const PlanCall& call = plan.calls[i];
            if (!call.fromPool || !plan.pools[*call.fromPool].balancing) continue;
            // A balancer spreads over the instances of the pool it calls (its first, for a database).
            const PlanPool& target = plan.pools[call.targets.front().empty() ? 0 : call.targets.front().front().pool];
            m_balancers[i] = std::make_unique<Balancer>(*plan.pools[*call.fromPool].balancing, std::size_t(target.instances),
                                                        plan.pools[*call.fromPool].weights);
        }
    }

    ReplicationRecord run() {
        s_current = this;
        sg4::Activity::on_completion_cb([](const sg4::Activity& activity) {
            if (s_current) s_current->activityEnded(activity);
        });
        for (std::size_t c = 0; c < m_clients.size(); ++c) startClient(c);
        armTimer();
        const double slice = m_settings.duration / kSlices;
        for (int s = 1; s <= kSlices && !m_stop; ++s) {
            sg4::Engine::get_instance()->run_until(std::min(m_settings.duration, s * slice));
            m_released.clear();
            if (m_settings.onProgress &&
                !m_settings.onProgress({sg4::Engine::get_clock(), double(s) / kSlices, m_record.requests}))
                m_stop = true;
        }
        finish();
        s_current = nullptr;
        return std::move(m_record);
    }

private:
    // ---- time and events -------------------------------------------------------------------

    double now() const { return sg4::Engine::get_clock(); }

    void schedule(double time, EventKind kind, std::uint32_t subject, std::uint64_t detail = 0) {
        m_events.push(Event{time, m_order++, kind, subject, detail});
        if (time < m_armedAt && !m_handlingTimer) armTimer();
    }

    /// One SimGrid timer stands for the earliest of our events.
    void armTimer() {
        if (m_timer) {
            m_timer->remove();
            m_timer = nullptr;
        }
        m_armedAt = m_events.empty() ? INFINITY : m_events.top().time;
        if (!m_events.empty()) m_timer = simgrid::kernel::timer::Timer::set(m_armedAt, [this] { timerFired(); });
    }

    void timerFired() {
        m_timer = nullptr;
        m_armedAt = INFINITY;
        m_released.clear();
        m_handlingTimer = true;
        while (!m_stop && !m_events.empty() && m_events.top().time <= now()) {
            const Event event = m_events.top();
            m_events.pop();
            handle(event);
        }
        m_handlingTimer = false;
        if (!m_stop) armTimer();
    }

    void handle(const Event& event) {
        switch (event.kind) {
            case EventKind::Arrival: clientArrival(event.subject); break;
            case EventKind::UserWakes: startRequest(event.subject, std::int32_t(event.detail)); break;
            case EventKind::ReachCallee:
                if (current(event.subject, event.detail)) arriveAtCallee(event.subject);
                break;
            case EventKind::ReachCaller:
                if (current(event.subject, event.detail)) replyArrived(event.subject);
                break;
            case EventKind::DelayDone:
                if (current(event.subject, event.detail)) serviceDone(event.subject);
                break;
            case EventKind::Timeout: timeoutFired(event.subject, event.detail); break;
        }
    }

    /// Whether a request is alive and its top frame is still the visit an event was for.
    bool current(std::uint32_t r, std::uint64_t visit) const {
        const Request& request = m_requests[r];
        return request.alive && !request.frames.empty() && request.frames.back().visit == visit;
    }

    void activityEnded(const sg4::Activity& activity) {
        m_released.clear();
        if (m_stop) return;  // the run is over; what is still under way no longer matters
        const auto r = std::uint32_t(reinterpret_cast<std::uintptr_t>(activity.get_data<void>()) - 1);
        Request& request = m_requests[r];
        // Kept alive until SimGrid is done with it: released at the next callback.
        m_released.push_back(std::move(request.activity));
        --request.pending;
        if (!request.alive) {
            zombieActivityEnded(r);
            return;
        }
        Frame& frame = request.frames.back();
        switch (frame.stage) {
            case Stage::ToCallee: arriveAtCallee(r); break;
            case Stage::ToCaller: replyArrived(r); break;
            case Stage::Running: cpuDone(r); break;
            default: break;
        }
    }

    void startActivity(std::uint32_t r, sg4::ActivityPtr activity) {
        Request& request = m_requests[r];
        activity->set_data(reinterpret_cast<void*>(std::uintptr_t(r) + 1));
        activity->start();
        request.activity = std::move(activity);
        ++request.pending;
    }

    // ---- clients ---------------------------------------------------------------------------

    void startClient(std::size_t c) {
        const ClientState& client = m_clients[c];
        if (client.plan->users) {
            // Each user thinks first, so that they do not all send at time zero.
            for (int u = 0; u < *client.plan->users; ++u) schedule(thinkTime(c), EventKind::UserWakes, std::uint32_t(c), std::uint64_t(u));
            return;
        }
        if (client.plan->rate > 0.0) {
            const double first = nextArrival(c, 0.0);
            if (first < m_settings.duration) schedule(first, EventKind::Arrival, std::uint32_t(c));
        }
    }

    double thinkTime(std::size_t c) { return now() + m_clients[c].random.exponential(m_clients[c].plan->thinkTime); }

    /// The next arrival after `t`: Poisson by thinning under the profile's peak (Lewis and
    /// Shedler), or evenly spaced at the rate of the moment.
    double nextArrival(std::size_t c, double t) {
        ClientState& client = m_clients[c];
        const double peakRate = client.plan->rate * client.peak;
        if (peakRate <= 0.0) return INFINITY;
        if (client.plan->arrivals == model::Arrivals::Poisson) {
            for (;;) {
                t += client.random.exponential(1.0 / peakRate);
                if (t >= m_settings.duration) return INFINITY;
                if (!client.plan->profile || client.random.uniform() * client.peak < model::profileFactor(*client.plan->profile, t)) return t;
            }
        }
        if (!client.plan->profile) return t + 1.0 / client.plan->rate;
        // Constant arrivals at a changing rate: the next one when the rate's integral reaches 1.
        const double step = kConstantArrivalStep / peakRate;
        double owed = 1.0;
        while (t < m_settings.duration) {
            const double rate = client.plan->rate * model::profileFactor(*client.plan->profile, t);
            if (rate * step >= owed) return t + owed / rate;
            owed -= rate * step;
            t += step;
        }
        return INFINITY;
    }

    void clientArrival(std::uint32_t c) {
        startRequest(c, -1);
        const double next = nextArrival(c, now());
        if (next < m_settings.duration) schedule(next, EventKind::Arrival, c);
    }

    void startRequest(std::uint32_t c, std::int32_t user) {
        if (m_stop) return;
        if (m_inFlight >= m_settings.maxInFlight) {
            overload();
            return;
        }
        ClientState& client = m_clients[c];
        const std::uint32_t r = allocate();
        Request& request = m_requests[r];
        request.requestClass = std::uint32_t(client.plan->requestClass);
        request.user = user;
        request.born = now();
        request.measured = m_window.measures(now());
        request.key = user >= 0 ? std::uint64_t(user) : client.random.bits();
        request.frames.push_back(Frame{FrameKind::Client, Stage::Calling, c, 0, kNone, 0, 0, nextVisit(), now(), now()});
        ++m_record.requests;
        if (client.plan->timeout) schedule(now() + *client.plan->timeout, EventKind::Timeout, r, request.frames.back().visit);
        proceed(r);
    }

    static int sharingLimit(const PlanPool& pool) { return std::max(kMaxSharingPerCore * pool.cores, kMinSharingLimit); }

    void overloadedAt(std::uint32_t p, std::uint32_t instance) {
        m_record.overloaded = true;
        m_record.overloadReason = std::to_string(m_pools[p].instances[instance].running) + " requests were sharing the " +
                                  std::to_string(m_pools[p].plan->cores) + " core(s) of \"" + m_pools[p].plan->name + "\" (instance " +
                                  std::to_string(instance + 1) + ") at " + std::to_string(now()) + " s";
        m_record.overloadedPool = m_pools[p].plan->name;
        m_stop = true;
    }

    void overload() {
        m_record.overloaded = true;
        std::size_t worst = 0;
        for (std::size_t p = 0; p < m_pools.size(); ++p)
            if (m_pools[p].waitingNow > m_pools[worst].waitingNow) worst = p;
        m_record.overloadReason = std::to_string(m_inFlight) + " requests were in flight at " + std::to_string(now()) + " s";
        if (!m_pools.empty() && m_pools[worst].waitingNow > 0) {
            m_record.overloadReason += ", " + std::to_string(m_pools[worst].waitingNow) + " of them waiting at \"" + m_pools[worst].plan->name + "\"";
            m_record.overloadedPool = m_pools[worst].plan->name;
        }
        m_stop = true;
    }

    // ---- requests --------------------------------------------------------------------------

    std::uint32_t allocate() {
        ++m_inFlight;
        if (!m_free.empty()) {
            const std::uint32_t r = m_free.back();
            m_free.pop_back();
            Request& request = m_requests[r];
            request.alive = true;
            request.pending = 0;
            request.frames.clear();
            return r;
        }
        m_requests.emplace_back();
        return std::uint32_t(m_requests.size() - 1);
    }

    void release(std::uint32_t r) {
        Request& request = m_requests[r];
        request.alive = false;
        request.frames.clear();
        --m_inFlight;
        m_free.push_back(r);
    }

    void releaseIfIdle(std::uint32_t r) {
        if (m_requests[r].pending == 0) release(r);
    }

    std::uint64_t nextVisit() { return ++m_visits; }

    const std::vector<std::uint32_t>& callsOf(const Frame& frame) const {
        static const std::vector<std::uint32_t> none;
        switch (frame.kind) {
            case FrameKind::Client: return m_clients[frame.owner].calls;
            case FrameKind::Pool: return m_pools[frame.owner].calls;
            case FrameKind::AsyncRoot: return none;
        }
        return none;
    }

    RandomStream& randomOf(const Frame& frame) {
        return frame.kind == FrameKind::Pool ? m_pools[frame.owner].random : frame.kind == FrameKind::Client ? m_clients[frame.owner].random : m_random;
    }

    /// The top frame makes its next call, or finishes its visit when it has made them all.
    void proceed(std::uint32_t r) {
        for (;;) {
            Request& request = m_requests[r];
            Frame& frame = request.frames.back();
            const auto& calls = callsOf(frame);
            if (frame.repeatsLeft == 0) {
                if (frame.cursor >= calls.size()) {
                    finishVisit(r);
                    return;
                }
                const PlanCall& call = m_plan.calls[calls[frame.cursor]];
                if (!call.appliesTo[request.requestClass] || !randomOf(frame).chance(call.probability)) {
                    ++frame.cursor;
                    continue;
                }
                frame.repeatsLeft = call.times;
            }
            const std::uint32_t callIndex = calls[frame.cursor];
            if (--frame.repeatsLeft == 0) ++frame.cursor;
            if (!m_plan.calls[callIndex].sync) {
                sendAsync(r, callIndex);
                if (m_stop) return;
                continue;
            }
            call(r, callIndex);
            return;
        }
    }

    /// A message into a queue: a request of its own that nobody waits for.
    void sendAsync(std::uint32_t parent, std::uint32_t callIndex) {
        if (m_inFlight >= m_settings.maxInFlight) {
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
        request.frames.push_back(Frame{FrameKind::AsyncRoot, Stage::Calling, caller.owner, caller.instance, kNone, 0, 0, nextVisit(), now(), now()});
        // The hand-off is made from the caller's place: its balancer, if it has one.
        enter(r, callIndex, caller.kind == FrameKind::Pool ? std::optional(caller.owner) : std::nullopt);
    }

    void call(std::uint32_t r, std::uint32_t callIndex) {
        const Frame& caller = m_requests[r].frames.back();
        enter(r, callIndex, caller.kind == FrameKind::Pool ? std::optional(caller.owner) : std::nullopt);
    }

    /// Pushes the callee's frame: which pool (a database's primaries or replicas) and instance.
    void enter(std::uint32_t r, std::uint32_t callIndex, std::optional<std::uint32_t> callerPool) {
        Request& request = m_requests[r];
        const PlanCall& planCall = m_plan.calls[callIndex];
        const auto& targets = planCall.targets[request.requestClass];
        RandomStream& random = callerPool ? m_pools[*callerPool].random : m_random;
        std::size_t choice = 0;
        if (targets.size() > 1) {
            double u = random.uniform();
            while (choice + 1 < targets.size() && u >= targets[choice].share) u -= targets[choice++].share;
        }
        const std::size_t pool = targets[choice].pool;
        const int instances = m_plan.pools[pool].instances;
        std::size_t instance = 0;
        Balancer* balancer = m_balancers[callIndex].get();
        if (balancer && choice == 0) {
            instance = balancer->pick(random, request.key);
            balancer->sent(instance);
        } else if (instances > 1) {
            // Without a balancer every instance takes an equal share at random (a database: a
            // key's shard, and one of its replicas).
            instance = random.below(std::size_t(instances));
        }
        request.frames.push_back(Frame{FrameKind::Pool, Stage::ToCallee, std::uint32_t(pool), std::uint32_t(instance), callIndex, 0, 0,
                                       nextVisit(), now(), now()});
        if (const auto timeout = m_plan.pools[pool].timeout) schedule(now() + *timeout, EventKind::Timeout, r, request.frames.back().visit);
        travel(r, true);
    }

    /// The top frame's request (forward) or reply crosses the network of the call that made it.
    void travel(std::uint32_t r, bool forward) {
        Request& request = m_requests[r];
        const Frame& frame = request.frames.back();
        const PlanCall& planCall = m_plan.calls[frame.viaCall];
        const double bytes = forward ? planCall.requestBytes : planCall.responseBytes;
        if (bytes > 0.0 && m_platform.carriesBytes(planCall)) {
            const std::size_t callerComponent = callerComponentOf(request);
            sg4::Host* caller = m_platform.endpoint(callerComponent);
            sg4::Host* callee = m_platform.endpoint(planCall.component);
            startActivity(r, sg4::Comm::sendto_init(forward ? caller : callee, forward ? callee : caller)->set_payload_size(std::uint64_t(bytes)));
            return;
        }
        if (planCall.latencyEachWay > 0.0) {
            schedule(now() + planCall.latencyEachWay, forward ? EventKind::ReachCallee : EventKind::ReachCaller, r, frame.visit);
            return;
        }
        if (forward)
            arriveAtCallee(r);
        else
            replyArrived(r);
    }

    std::size_t callerComponentOf(const Request& request) const {
        const Frame& caller = request.frames[request.frames.size() - 2];
        if (caller.kind == FrameKind::Client) return m_clients[caller.owner].plan->component;
        return m_plan.pools[caller.owner].component;
    }

    void arriveAtCallee(std::uint32_t r) {
        Request& request = m_requests[r];
        Frame& frame = request.frames.back();
        frame.arrivedAt = now();
        PoolState& pool = m_pools[frame.owner];
        PoolRecord& record = m_record.pools[frame.owner];
        ++m_record.events;
        if (m_window.measures(now())) ++record.arrivals;
        const model::Operation operation = m_plan.classes[request.requestClass].operation;
        if (pool.plan->model == PoolModel::Delay) {
            frame.stage = Stage::Running;
            schedule(now() + pool.random.sample(pool.plan->service(operation).distribution), EventKind::DelayDone, r, frame.visit);
            return;
        }
        if (pool.plan->rateLimit && !takeToken(pool)) {
            fail(r, Failure::Rejected, frame.owner);
            return;
        }
        Instance& instance = pool.instances[frame.instance];
        if (!pool.plan->workers || instance.busyWorkers < *pool.plan->workers) {
            startService(r);
            return;
        }
        if (pool.plan->queueCapacity && instance.waiting >= *pool.plan->queueCapacity) {
            fail(r, Failure::Rejected, frame.owner);
            return;
        }
        frame.stage = Stage::Waiting;
        instance.queue.emplace_back(r, frame.visit);
        ++instance.waiting;
        changeWaiting(pool, frame.owner, +1);
    }

    bool takeToken(PoolState& pool) {
        const double limit = *pool.plan->rateLimit;
        pool.tokens = std::min(limit * kRateLimitBurstSeconds, pool.tokens + (now() - pool.tokensAt) * limit);
        pool.tokensAt = now();
        if (pool.tokens < 1.0) return false;
        pool.tokens -= 1.0;
        return true;
    }

    void startService(std::uint32_t r) {
        Request& request = m_requests[r];
        Frame& frame = request.frames.back();
        PoolState& pool = m_pools[frame.owner];
        Instance& instance = pool.instances[frame.instance];
        frame.stage = Stage::Running;
        ++instance.busyWorkers;
        pool.busyWorkers.add(now(), 1.0);
        if (instance.running >= sharingLimit(*pool.plan)) {
            // SimGrid's CPU sharing costs time in proportion to the executions on a host: a
            // stable station almost never has this many (P ≈ ρ^n), an overloaded one soon does.
            overloadedAt(frame.owner, frame.instance);
            return;
        }
        // Beyond the cores, requests share them; without a worker limit they count as waiting
        // (the processor-sharing queue the analytic engine reports).
        if (instance.running++ < pool.plan->cores) pool.busyCores.add(now(), 1.0);
        else if (!pool.plan->workers) changeWaiting(pool, frame.owner, +1);
        const model::Operation operation = m_plan.classes[request.requestClass].operation;
        double demand = pool.random.sample(pool.plan->service(operation).distribution);
        if (pool.plan->coldStart && pool.random.chance(pool.plan->coldStart->probability)) demand += pool.plan->coldStart->latency.value;
        startActivity(r, sg4::Exec::init()->set_flops_amount(demand)->set_host(m_platform.host(frame.owner, frame.instance)));
    }

    /// A CPU execution ended; the worker stays held while the request makes its calls.
    void cpuDone(std::uint32_t r) {
        const Frame& frame = m_requests[r].frames.back();
        leaveCpu(frame.owner, frame.instance);
        serviceDone(r);
    }

    void leaveCpu(std::uint32_t p, std::uint32_t instance) {
        PoolState& pool = m_pools[p];
        if (--pool.instances[instance].running < pool.plan->cores) pool.busyCores.add(now(), -1.0);
        else if (!pool.plan->workers) changeWaiting(pool, p, -1);
    }

    void serviceDone(std::uint32_t r) {
        Frame& frame = m_requests[r].frames.back();
        PoolState& pool = m_pools[frame.owner];
        frame.stage = Stage::Calling;
        frame.cursor = 0;
        frame.repeatsLeft = 0;
        // A cache or CDN answers a hit itself and makes its calls only on a miss.
        if (pool.plan->hitRatio && pool.random.chance(*pool.plan->hitRatio)) frame.cursor = std::uint32_t(pool.calls.size());
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
            release(r);
            return;
        }
        PoolState& pool = m_pools[frame.owner];
        PoolRecord& record = m_record.pools[frame.owner];
        if (m_window.measures(now())) {
            ++record.completed;
            record.latency->record(now() - frame.arrivedAt);
        }
        if (pool.plan->model == PoolModel::Queue) releaseWorker(frame.owner, frame.instance);
        // A message delivered asynchronously needs no reply.
        if (request.frames[request.frames.size() - 2].kind == FrameKind::AsyncRoot) {
            request.frames.pop_back();
            release(r);
            return;
        }
        frame.stage = Stage::ToCaller;
        travel(r, false);
    }

    void replyArrived(std::uint32_t r) {
        Request& request = m_requests[r];
        const Frame& frame = request.frames.back();
        if (Balancer* balancer = m_balancers[frame.viaCall].get(); balancer && isBalanced(frame))
            balancer->returned(frame.instance, now() - frame.sentAt);
        request.frames.pop_back();
        proceed(r);
    }

    /// Whether the frame's instance was picked by its call's balancer (the first pool it targets).
    bool isBalanced(const Frame& frame) const {
        const auto& targets = m_plan.calls[frame.viaCall].targets[0];
        return !targets.empty() && targets.front().pool == frame.owner;
    }

    void releaseWorker(std::uint32_t p, std::uint32_t i) {
        PoolState& pool = m_pools[p];
        Instance& instance = pool.instances[i];
        --instance.busyWorkers;
        pool.busyWorkers.add(now(), -1.0);
        while (!instance.queue.empty()) {
            const auto [next, visit] = instance.queue.front();
            instance.queue.pop_front();
            if (!current(next, visit)) continue;  // timed out while waiting
            --instance.waiting;
            changeWaiting(pool, p, -1);
            startService(next);
            return;
        }
    }

    void changeWaiting(PoolState& pool, std::uint32_t p, int delta) {
        pool.waitingNow = std::uint64_t(std::int64_t(pool.waitingNow) + delta);
        pool.waiting.add(now(), double(delta));
        auto& peak = m_record.pools[p].peakWaiting;
        peak = std::max(peak, pool.waitingNow);
    }

    void requestDone(std::uint32_t r) {
        Request& request = m_requests[r];
        const Frame& root = request.frames.front();
        ClassRecord& record = m_record.classes[request.requestClass];
        const double latency = now() - request.born;
        // The series shows the warm-up too; the totals leave it out.
        const std::size_t point = m_window.pointOf(now());
        record.seriesCompleted[point] += 1.0;
        record.seriesLatencySum[point] += latency;
        if (request.measured && m_window.measures(now())) {
            ++record.completed;
            record.latency->record(latency);
        }
        const std::uint32_t client = root.owner;
        const std::int32_t user = request.user;
        release(r);
        if (user >= 0) schedule(thinkTime(client), EventKind::UserWakes, client, std::uint64_t(user));
    }

    // ---- failures --------------------------------------------------------------------------

    enum class Failure { Rejected, TimedOut };

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
        const bool measuring = m_window.measures(now());
        if (where && measuring) {
            PoolRecord& record = m_record.pools[*where];
            ++(failure == Failure::Rejected ? record.rejected : record.timeouts);
        }
        if (request.frames.front().kind == FrameKind::Client) {
            ClassRecord& record = m_record.classes[request.requestClass];
            record.seriesFailed[m_window.pointOf(now())] += 1.0;
            if (request.measured && measuring) ++(failure == Failure::Rejected ? record.rejected : record.timeouts);
        }
        request.alive = false;
        for (std::size_t depth = request.frames.size(); depth-- > 1;) {
            const Frame& frame = request.frames[depth];
            if (Balancer* balancer = m_balancers[frame.viaCall].get(); balancer && isBalanced(frame)) balancer->failed(frame.instance);
            PoolState& pool = m_pools[frame.owner];
            if (pool.plan->model != PoolModel::Queue) continue;
            Instance& instance = pool.instances[frame.instance];
            if (frame.stage == Stage::Waiting) {
                --instance.waiting;  // its queue entry is skipped when reached
                changeWaiting(pool, frame.owner, -1);
            } else if (frame.stage == Stage::Calling) {
                releaseWorker(frame.owner, frame.instance);
            }
        }
        const Frame root = request.frames.front();
        const std::int32_t user = request.user;
        if (request.pending == 0) {
            release(r);
        } else {
            // A CPU execution or a transfer is still under way: keep the top frame to account
            // for it when it ends.
            const Frame top = request.frames.back();
            request.frames.assign(1, top);
        }
        if (root.kind == FrameKind::Client && user >= 0) schedule(thinkTime(root.owner), EventKind::UserWakes, root.owner, std::uint64_t(user));
    }

    /// The activity of a failed request ended: a CPU execution frees its core and worker.
    void zombieActivityEnded(std::uint32_t r) {
        Request& request = m_requests[r];
        const Frame& frame = request.frames.back();
        if (frame.kind == FrameKind::Pool && frame.stage == Stage::Running && m_pools[frame.owner].plan->model == PoolModel::Queue) {
            leaveCpu(frame.owner, frame.instance);
            releaseWorker(frame.owner, frame.instance);
        }
        request.frames.clear();
        releaseIfIdle(r);
    }

    void finish() {
        const double end = std::min(now(), m_settings.duration);
        m_record.simulatedTime = end;
        if (m_record.overloaded || end < m_settings.duration) m_record.window.end = std::max(end, m_window.warmup);
        for (std::size_t p = 0; p < m_pools.size(); ++p) {
            PoolState& pool = m_pools[p];
            PoolRecord& record = m_record.pools[p];
            pool.busyCores.close(end);
            pool.busyWorkers.close(end);
            pool.waiting.close(end);
            record.busyCoreSeconds = pool.busyCores.area();
            record.busyWorkerSeconds = pool.busyWorkers.area();
            record.waitingSeconds = pool.waiting.area();
            record.seriesBusyCores = pool.busyCores.averages();
            record.seriesWaiting = pool.waiting.averages();
        }
    }

    static inline Replication* s_current = nullptr;

    const model::Scenario& m_scenario;
    const model::Plan& m_plan;
    ReplicationSettings m_settings;
    Platform m_platform;
    RandomStream m_random;
    MeasurementWindow m_window;
    ReplicationRecord m_record;
    std::vector<PoolState> m_pools;
    std::vector<ClientState> m_clients;
    std::vector<std::unique_ptr<Balancer>> m_balancers;  ///< per plan call from a load balancer
    std::vector<Request> m_requests;
    std::vector<std::uint32_t> m_free;
    std::size_t m_inFlight = 0;
    std::uint64_t m_visits = 0;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> m_events;
    std::uint64_t m_order = 0;
    simgrid::kernel::timer::Timer* m_timer = nullptr;
    double m_armedAt = INFINITY;
    std::vector<sg4::ActivityPtr> m_released;
    bool m_handlingTimer = false;
    bool m_stop = false;
};

}  // namespace

ReplicationRecord simulateReplication(const model::Scenario& scenario, const model::Plan& plan, const ReplicationSettings& settings) {
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
    auto* replication = new Replication(scenario, plan, settings);
    return replication->run();
}

}  // namespace headroom::sim
