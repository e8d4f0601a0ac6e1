// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QStringList>

#include <string>
#include <vector>

#include "model/Scenario.h"

namespace headroom::ui {

class ScenarioDocument;

/// The MIME type of copied components: a scenario fragment in the file format.
inline constexpr const char* kComponentsMimeType = "application/x-headroom-components";

/// Components `ids` of `scenario` (with their positions) as a fragment in the file format.
[[nodiscard]] QByteArray copyComponents(const model::Scenario& scenario, const std::vector<std::string>& ids);

/// Adds the components of a fragment to the document as one undo step: each under a new id if
/// its own is taken, calls between them following the new ids, moved by `offset`. Returns the
/// new ids (none for a fragment that is not one).
QStringList pasteComponents(ScenarioDocument& document, const QByteArray& fragment, model::Position offset);

}  // namespace headroom::ui
