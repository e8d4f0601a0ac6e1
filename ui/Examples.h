// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <vector>

namespace headroom::ui {

/// A shipped example scenario: a real system to start from.
struct Example {
    QString title;        ///< the scenario's name
    QString description;  ///< its description, for a tooltip
    QString path;
};

/// The examples, by title: those installed beside the app (../share/headroom/scenarios from its
/// executable), or, run from a build tree, the source tree's.
[[nodiscard]] std::vector<Example> examples();

}  // namespace headroom::ui
