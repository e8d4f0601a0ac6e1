// SPDX-License-Identifier: MIT
#include "analytic/ClosedNetwork.h"

#include <cassert>
#include <cmath>

namespace headroom::analytic {
namespace {

/// One MVA step: residence times from the queues an arriving request sees, then X and Q.
MvaPoint step(const std::vector<ClosedStation>& stations, double thinkTime, int users, const std::vector<double>& seen) {
    MvaPoint point;
    point.users = users;
    point.residence.resize(stations.size());
    point.queueLength.resize(stations.size());
    for (std::size_t i = 0; i < stations.size(); ++i) {
        point.residence[i] = stations[i].delay ? stations[i].demand : stations[i].demand * (1.0 + seen[i] / stations[i].copies);
        point.responseTime += point.residence[i];
    }
    point.throughput = users / (thinkTime + point.responseTime);
    for (std::size_t i = 0; i < stations.size(); ++i) point.queueLength[i] = point.throughput * point.residence[i];
    return point;
}

}  // namespace

std::vector<MvaPoint> exactMva(const std::vector<ClosedStation>& stations, double thinkTime, int maxUsers) {
    assert(maxUsers >= 1 && thinkTime >= 0.0);
    std::vector<MvaPoint> points;
    points.reserve(static_cast<std::size_t>(maxUsers));
    std::vector<double> queues(stations.size(), 0.0);
    for (int n = 1; n <= maxUsers; ++n) {
        points.push_back(step(stations, thinkTime, n, queues));
        queues = points.back().queueLength;
    }
    return points;
}

MvaPoint schweitzerMva(const std::vector<ClosedStation>& stations, double thinkTime, int users, double tolerance) {
    assert(users >= 1 && thinkTime >= 0.0);
    // Start with the users spread evenly over the stations and iterate the estimate
    // Q(n − 1) = (n − 1) / n · Q(n) to its fixed point.
    std::vector<double> queues(stations.size(), stations.empty() ? 0.0 : double(users) / stations.size());
    const double shrink = (users - 1.0) / users;
    MvaPoint point;
    for (int iteration = 0; iteration < 100'000; ++iteration) {
        std::vector<double> seen(queues.size());
        for (std::size_t i = 0; i < queues.size(); ++i) seen[i] = shrink * queues[i];
        point = step(stations, thinkTime, users, seen);
        double change = 0.0;
        for (std::size_t i = 0; i < queues.size(); ++i) change = std::max(change, std::abs(point.queueLength[i] - queues[i]));
        queues = point.queueLength;
        if (change <= tolerance * std::max(1.0, double(users))) break;
    }
    return point;
}

}  // namespace headroom::analytic
