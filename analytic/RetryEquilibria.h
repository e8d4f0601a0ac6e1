// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "model/Plan.h"
#include "model/RunResult.h"

namespace headroom::analytic {

/// What retries make of each retried sync call whose callee bounds an attempt with a timeout:
/// the offered load λ' = λ · A(p(λ')) at every stable fixed point (DESIGN.md, "Retries"), found
/// by scanning λ' from λ to λ · A(1) for sign changes and bisecting each. The callee is seen as
/// its instances of M/M/c (c its workers, or its cores), fed evenly: below capacity an attempt
/// fails when its response exceeds the timeout (the M/M/c response tail); at or above it the
/// queue grows without bound and every attempt fails. A callee that drops expired work holds no
/// more than the timeout's worth, M/M/c/K, and an attempt fails when it would not fit. `normal` is the
/// analysis without retries: it gives each call's first tries and the callee's other traffic.
[[nodiscard]] std::vector<model::RetryEquilibrium> retryEquilibria(const model::Scenario& scenario, const model::Plan& plan,
                                                                   const model::RunResult& normal);

/// The chance an attempt fails at a callee of `instances` M/M/`servers` stations with mean
/// service `meanService` and attempt timeout `timeout`, offered `load` per second in all.
[[nodiscard]] double attemptFailure(double load, int instances, int servers, double meanService, double timeout, bool dropsExpired);

}  // namespace headroom::analytic
