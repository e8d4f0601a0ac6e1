// SPDX-License-Identifier: MIT
#include "ui/KindIcons.h"

#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace headroom::ui {
namespace {

/// The stroke colour of each family of kinds.
const char* colourOf(model::KindFamily family) {
    using F = model::KindFamily;
    switch (family) {
        case F::Client: return "#4b5563";
        case F::Edge: return "#2563eb";
        case F::Compute: return "#7c3aed";
        case F::Storage: return "#047857";
        case F::Messaging: return "#b45309";
    }
    return "#4b5563";
}

}  // namespace

QByteArray kindSvg(model::ComponentKind kind) {
    const model::KindTraits& traits = model::traitsOf(kind);
    return QByteArray(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32" fill="none" stroke=")") + colourOf(traits.family) +
           R"(" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">)" + QByteArray(traits.icon.data(), qsizetype(traits.icon.size())) + "</svg>";
}

QIcon kindIcon(model::ComponentKind kind) {
    QSvgRenderer renderer(kindSvg(kind));
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString kindLabel(model::ComponentKind kind) {
    const auto name = model::kindName(kind);
    return QString::fromUtf8(name.data(), qsizetype(name.size())).replace('_', ' ');
}

}  // namespace headroom::ui
