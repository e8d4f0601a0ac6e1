// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace headroom::sim {

constexpr std::uint32_t kNoCall = ~std::uint32_t{0};

/// Where a request is within one visit.
enum class Stage : std::uint8_t {
    ToCallee,  ///< crossing the network to the callee
    Waiting,   ///< in the callee's queue for a worker
    Running,   ///< on a CPU (or, for a delay, being served)
    Calling,   ///< making its calls, holding its worker
    ToCaller,  ///< its reply crossing the network back
    Backoff,   ///< waiting to retry a call that failed, holding its worker
    Hung,      ///< at a hung instance, which never answers: parked, holding its worker
};

/// What a frame's calls come from.
enum class FrameKind : std::uint8_t { Client, AsyncRoot, Pool };

/// How far a visit is through its owner's calls.
struct CallCursor {
    std::uint32_t next = 0;        ///< index into the owner's calls
    std::int32_t repeatsLeft = 0;  ///< of the call before `next` (`times` > 1)
};

/// One visit on a request's stack of sync calls; the bottom frame is its client (or, for a
/// message sent asynchronously, a root with no calls).
struct Frame {
    FrameKind kind = FrameKind::Pool;
    Stage stage = Stage::Calling;
    std::uint32_t owner = 0;          ///< pool index, or client index for a client frame
    std::uint32_t instance = 0;
    std::uint32_t viaCall = kNoCall;  ///< the plan call that brought the request here
    CallCursor cursor;
    std::uint64_t visit = 0;          ///< unique id, for timers and timeouts
    double sentAt = 0.0;              ///< when the caller made the call
    double arrivedAt = 0.0;           ///< when it reached the callee
    double deadline = INFINITY;       ///< when its timeout fires, if it has one
    std::uint8_t attempt = 1;         ///< which try of its call this visit is (1: the first)
    std::uint8_t retryAttempt = 0;    ///< Backoff: the try to make next
    std::uint32_t retryCall = kNoCall;  ///< Backoff: the call to try again (kNoCall: a client's whole request)
    double lastBackoff = 0.0;         ///< the wait before its last retry (decorrelated jitter)
};

/// A request in flight, as a record: its class, when it began and its stack of frames.
struct Request {
    std::uint32_t requestClass = 0;
    std::int32_t user = -1;       ///< a closed client's user
    double born = 0.0;
    bool measured = false;        ///< began after the warm-up
    bool alive = true;
    std::uint8_t pending = 0;     ///< activities (CPU, transfers) still running for it
    std::uint64_t key = 0;        ///< what a hash balancer hashes
    /// The popularity rank of the key it asks for (0: none drawn yet), drawn at the first keyed
    /// pool it reaches from that pool's keys, and kept while the pools it reaches have the same.
    std::uint64_t keyRank = 0;
    std::uint32_t keyPool = 0;    ///< the pool whose keys drew keyRank
    std::vector<Frame> frames;
};

/// The requests in flight, kept in a vector whose slots are reused (indices stay small and
/// stable while a request lives), and the visit ids that tell a stale event from a current one.
class RequestTable {
public:
    /// A fresh request's index (a reused slot, or a new one).
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
    Request& operator[](std::uint32_t r) { return m_requests[r]; }
    const Request& operator[](std::uint32_t r) const { return m_requests[r]; }
    /// Slots ever used: every index allocate() has returned is below it.
    [[nodiscard]] std::size_t capacity() const { return m_requests.size(); }
    [[nodiscard]] std::size_t inFlight() const { return m_inFlight; }
    std::uint64_t nextVisit() { return ++m_visits; }
    /// Whether a request is alive and its top frame is still the visit an event was for.
    [[nodiscard]] bool current(std::uint32_t r, std::uint64_t visit) const {
        const Request& request = m_requests[r];
        return request.alive && !request.frames.empty() && request.frames.back().visit == visit;
    }

private:
    std::vector<Request> m_requests;
    std::vector<std::uint32_t> m_free;
    std::size_t m_inFlight = 0;
    std::uint64_t m_visits = 0;
};

}  // namespace headroom::sim
