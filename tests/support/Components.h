// SPDX-License-Identifier: MIT
#pragma once

#include "model/Scenario.h"

/// Small components for tests that build scenarios in code.
namespace headroom::test {

/// A service with a 4 ms exponential service time and nothing else set.
inline model::Component service(const char* id) {
    model::Component c{.id = id, .kind = model::ComponentKind::Service};
    c.serviceTime = model::ServiceTime{model::Distribution{model::Distribution::Shape::Exponential, model::Seconds{0.004}, {}}, {}, {}};
    return c;
}

}  // namespace headroom::test
