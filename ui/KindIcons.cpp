// SPDX-License-Identifier: MIT
#include "ui/KindIcons.h"

#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace headroom::ui {
namespace {

/// The drawing of each kind on a 32 × 32 grid, in the stroke colour of its family.
const char* glyphOf(model::ComponentKind kind) {
    using K = model::ComponentKind;
    switch (kind) {
        case K::Client:  // a monitor
            return R"(<rect x="5" y="6" width="22" height="15" rx="2"/><path d="M12 26h8M16 21v5"/>)";
        case K::Cdn:  // a globe
            return R"(<circle cx="16" cy="16" r="11"/><ellipse cx="16" cy="16" rx="5" ry="11"/><path d="M5 16h22M7 10h18M7 22h18"/>)";
        case K::LoadBalancer:  // one arrow fanning out to three
            return R"(<circle cx="7" cy="16" r="3"/><path d="M10 16h5M15 16l10-8M15 16h10M15 16l10 8"/><circle cx="26" cy="8" r="2"/><circle cx="26" cy="16" r="2"/><circle cx="26" cy="24" r="2"/>)";
        case K::ApiGateway:  // a gate
            return R"(<path d="M6 27V11l10-6 10 6v16"/><path d="M11 27V17h10v10"/><path d="M16 17v10"/>)";
        case K::Service:  // a server box with two lights
            return R"(<rect x="6" y="6" width="20" height="8" rx="1.5"/><rect x="6" y="18" width="20" height="8" rx="1.5"/><path d="M10 10h1M10 22h1"/><path d="M16 10h6M16 22h6"/>)";
        case K::Function:  // a lambda
            return R"(<path d="M9 6h4l10 20"/><path d="M17 14l-8 12"/>)";
        case K::Cache:  // a lightning bolt in a box
            return R"(<rect x="6" y="6" width="20" height="20" rx="3"/><path d="M18 9l-6 8h5l-3 6 7-9h-5z"/>)";
        case K::Database:  // a cylinder
            return R"(<ellipse cx="16" cy="8" rx="10" ry="3.5"/><path d="M6 8v16c0 2 4.5 3.5 10 3.5s10-1.5 10-3.5V8"/><path d="M6 16c0 2 4.5 3.5 10 3.5s10-1.5 10-3.5"/>)";
        case K::Queue:  // messages in a row
            return R"(<rect x="4" y="11" width="6" height="10" rx="1"/><rect x="13" y="11" width="6" height="10" rx="1"/><path d="M22 16h6M25 13l3 3-3 3"/>)";
        case K::ObjectStore:  // a bucket
            return R"(<path d="M6 9h20l-3 18H9z"/><ellipse cx="16" cy="9" rx="10" ry="3"/>)";
    }
    return "";
}

const char* colourOf(model::ComponentKind kind) {
    using K = model::ComponentKind;
    switch (kind) {
        case K::Client: return "#4b5563";
        case K::Cdn:
        case K::LoadBalancer:
        case K::ApiGateway: return "#2563eb";
        case K::Service:
        case K::Function: return "#7c3aed";
        case K::Cache:
        case K::Database:
        case K::ObjectStore: return "#047857";
        case K::Queue: return "#b45309";
    }
    return "#4b5563";
}

}  // namespace

QByteArray kindSvg(model::ComponentKind kind) {
    return QByteArray(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32" fill="none" stroke=")") + colourOf(kind) +
           R"(" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">)" + glyphOf(kind) + "</svg>";
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
