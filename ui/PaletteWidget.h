// SPDX-License-Identifier: MIT
#pragma once

#include <QListWidget>

#include "model/ComponentKind.h"

namespace headroom::ui {

/// The MIME type of a component kind dragged from the palette; its data is the kind's file name.
inline constexpr const char* kKindMimeType = "application/x-headroom-kind";

/// The component kinds, each with its icon: drag one onto the canvas, or double-click it to add
/// it in the middle of the view.
class PaletteWidget final : public QListWidget {
    Q_OBJECT
public:
    explicit PaletteWidget(QWidget* parent = nullptr);

signals:
    void kindActivated(headroom::model::ComponentKind kind);

protected:
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override;
    QStringList mimeTypes() const override { return {kKindMimeType}; }
};

}  // namespace headroom::ui
