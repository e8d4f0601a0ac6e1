// SPDX-License-Identifier: MIT
#include "ui/HitRatioCurve.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

#include "model/Sweep.h"
#include "model/UnitFormat.h"

namespace headroom::ui {
namespace {

/// Sizes drawn: enough for a smooth curve, few enough to stay within a frame for 10⁸ keys
/// (each point is one fixed point over ~720 rank groups).
constexpr int kPoints = 24;
/// The smallest size drawn, as a share of the keys (at least one value).
constexpr double kSmallestShare = 1e-3;

}  // namespace

HitRatioCurve::HitRatioCurve(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(110);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void HitRatioCurve::showCache(const model::KeyPopularity& popularity, const model::KeyedCache& cache, std::optional<double> itemBytes) {
    m_itemBytes = itemBytes;
    m_points.clear();
    const double keys = popularity.keys();
    const double smallest = std::max(1.0, keys * kSmallestShare);
    std::vector<double> x, y;
    for (int i = 0; i < kPoints; ++i) {
        model::KeyedCache sized = cache;
        sized.capacityItems = kPoints == 1 ? keys : smallest * std::pow(keys / smallest, double(i) / (kPoints - 1));
        m_points.push_back({sized.capacityItems, model::cacheOutcome(popularity, sized).hitRatio});
        x.push_back(std::log10(sized.capacityItems));
        y.push_back(-m_points.back().hitRatio);  // a falling, convex curve, as kneeOf takes it
    }
    m_knee = model::kneeOf(x, y);
    m_current = {cache.capacityItems, model::cacheOutcome(popularity, cache).hitRatio};
    model::KeyedCache doubled = cache;
    doubled.capacityItems = std::min(keys, 2.0 * cache.capacityItems);
    m_doubled = model::cacheOutcome(popularity, doubled).hitRatio;
    update();
}

QString HitRatioCurve::sizeText(double items) const {
    if (m_itemBytes) return QString::fromStdString(model::formatSize(model::Bytes{items * *m_itemBytes}));
    return tr("%1 values").arg(QString::fromStdString(model::formatNumber(items)));
}

void HitRatioCurve::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF plot = QRectF(rect()).adjusted(4, 18, -4, -16);
    painter.fillRect(plot, QColor(0xf7, 0xf8, 0xfa));
    if (m_points.size() < 2) return;
    const double first = std::log10(m_points.front().items), last = std::log10(m_points.back().items);
    const auto at = [&](double items, double ratio) {
        const double u = last > first ? (std::log10(std::clamp(items, m_points.front().items, m_points.back().items)) - first) / (last - first) : 0.0;
        return QPointF(plot.left() + plot.width() * u, plot.bottom() - plot.height() * ratio);
    };
    QPainterPath line;
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        if (i == 0) line.moveTo(at(m_points[i].items, m_points[i].hitRatio));
        else line.lineTo(at(m_points[i].items, m_points[i].hitRatio));
    }
    painter.setPen(QPen(QColor(0x00, 0x72, 0xb2), 1.8));  // Okabe–Ito blue, as the other small charts
    painter.drawPath(line);
    QFont small = font();
    small.setPixelSize(11);
    painter.setFont(small);
    if (m_knee) {
        // The knee: beyond it, each doubling of memory buys fewer hits.
        const Point& knee = m_points[*m_knee];
        painter.setPen(QPen(QColor(0xd5, 0x5e, 0x00), 1.0, Qt::DashLine));  // vermillion
        const QPointF p = at(knee.items, knee.hitRatio);
        painter.drawLine(QPointF(p.x(), plot.top()), QPointF(p.x(), plot.bottom()));
    }
    // The cache as it is.
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x37, 0x3d, 0x49));
    painter.drawEllipse(at(m_current.items, m_current.hitRatio), 3.5, 3.5);
    painter.setPen(QColor(0x37, 0x3d, 0x49));
    QString heading = tr("hit %1% at %2").arg(m_current.hitRatio * 100.0, 0, 'f', 1).arg(sizeText(m_current.items));
    if (m_current.items < m_points.back().items) heading += tr(" · ×2: +%1 points").arg(doublingGain() * 100.0, 0, 'f', 1);
    if (m_knee)
        heading += tr(" · knee %1 (%2%)").arg(sizeText(m_points[*m_knee].items)).arg(m_points[*m_knee].hitRatio * 100.0, 0, 'f', 0);
    painter.drawText(QRectF(4, 0, width() - 8, 16), Qt::AlignLeft | Qt::AlignVCenter, heading);
    painter.drawText(QRectF(4, height() - 15, width() - 8, 15), Qt::AlignLeft | Qt::AlignVCenter, sizeText(m_points.front().items));
    painter.drawText(QRectF(4, height() - 15, width() - 8, 15), Qt::AlignRight | Qt::AlignVCenter, sizeText(m_points.back().items));
}

}  // namespace headroom::ui
