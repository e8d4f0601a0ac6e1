// SPDX-License-Identifier: MIT
#include "model/ReplicationStatistics.h"

#include <cassert>
#include <cmath>

#include <boost/math/distributions/students_t.hpp>

namespace headroom::model {

double studentT95(int degreesOfFreedom) {
    assert(degreesOfFreedom >= 1);
    const boost::math::students_t distribution(degreesOfFreedom);
    return boost::math::quantile(boost::math::complement(distribution, 0.025));
}

ReplicationSummary summarize(std::span<const double> values) {
    ReplicationSummary summary;
    summary.replications = values.size();
    if (values.empty()) return summary;
    double sum = 0.0;
    for (double v : values) sum += v;
    summary.mean = sum / values.size();
    if (values.size() < 2) return summary;
    double squares = 0.0;
    for (double v : values) squares += (v - summary.mean) * (v - summary.mean);
    const double n = static_cast<double>(values.size());
    const double standardDeviation = std::sqrt(squares / (n - 1.0));
    summary.halfWidth95 = studentT95(static_cast<int>(values.size()) - 1) * standardDeviation / std::sqrt(n);
    return summary;
}

}  // namespace headroom::model
