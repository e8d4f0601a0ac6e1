// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <vector>

#include "model/Challenge.h"

namespace headroom::ui {

/// A shipped interview-practice challenge.
struct ChallengeEntry {
    QString name;  ///< "url-shortener"
    QString path;
    model::Challenge challenge;
};

/// The challenges that load, by difficulty and then name: $HEADROOM_CHALLENGES, those installed
/// beside the app (../share/headroom/challenges from its executable), or the source tree's.
[[nodiscard]] std::vector<ChallengeEntry> challenges();

}  // namespace headroom::ui
