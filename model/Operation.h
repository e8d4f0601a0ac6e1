// SPDX-License-Identifier: MIT
#pragma once

namespace headroom::model {

/// Whether a request (or an estimated action) reads or writes data: a database sends writes to
/// a shard's primary, and the estimator counts writes as ingress and storage, reads as egress.
enum class Operation { Read, Write };

}  // namespace headroom::model
