// SPDX-License-Identifier: MIT
#pragma once

#include <QIcon>
#include <QString>

#include "model/ComponentKind.h"

namespace headroom::ui {

/// The icon of a component kind, drawn from a small SVG of its own (a line drawing on a
/// transparent ground, so it reads on light and dark palettes).
[[nodiscard]] QIcon kindIcon(model::ComponentKind kind);
/// The SVG source of that icon.
[[nodiscard]] QByteArray kindSvg(model::ComponentKind kind);
/// The kind's name as people read it: "load balancer".
[[nodiscard]] QString kindLabel(model::ComponentKind kind);

}  // namespace headroom::ui
