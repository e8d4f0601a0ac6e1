// SPDX-License-Identifier: MIT
#include "ui/PaletteWidget.h"

#include <QMimeData>

#include "ui/KindIcons.h"

namespace headroom::ui {

PaletteWidget::PaletteWidget(QWidget* parent) : QListWidget(parent) {
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setIconSize(QSize(24, 24));
    setSpacing(2);
    setSelectionMode(QAbstractItemView::SingleSelection);
    for (const auto name : model::kindNames()) {
        const auto kind = *model::kindFromName(name);
        auto* item = new QListWidgetItem(kindIcon(kind), kindLabel(kind), this);
        item->setData(Qt::UserRole, QString::fromUtf8(name.data(), qsizetype(name.size())));
        item->setToolTip(tr("Drag onto the canvas, or double-click, to add a %1").arg(kindLabel(kind)));
    }
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        if (const auto kind = model::kindFromName(item->data(Qt::UserRole).toString().toStdString())) emit kindActivated(*kind);
    });
}

QMimeData* PaletteWidget::mimeData(const QList<QListWidgetItem*>& items) const {
    if (items.isEmpty()) return nullptr;
    auto* data = new QMimeData;
    data->setData(kKindMimeType, items.front()->data(Qt::UserRole).toString().toUtf8());
    return data;
}

}  // namespace headroom::ui
