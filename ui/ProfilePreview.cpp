// SPDX-License-Identifier: MIT
#include "ui/ProfilePreview.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

#include "model/RateProfile.h"
#include "model/UnitFormat.h"

namespace headroom::ui {
namespace {

constexpr int kSamples = 240;

}  // namespace

ProfilePreview::ProfilePreview(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(100);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ProfilePreview::showProfile(const std::optional<model::Profile>& profile, std::optional<double> rate, double runSeconds) {
    m_profile = profile;
    m_rate = rate;
    m_run = runSeconds > 0.0 ? runSeconds : 60.0;
    m_span = m_run;
    if (profile)
        if (const auto* diurnal = std::get_if<model::DiurnalProfile>(&*profile); diurnal && diurnal->period.value > m_span) m_span = diurnal->period.value;
    m_peak = profile ? model::peakMultiplier(*profile) : 1.0;
    update();
}

void ProfilePreview::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF plot = QRectF(rect()).adjusted(4, 18, -4, -16);
    painter.fillRect(plot, QColor(0xf7, 0xf8, 0xfa));
    // The run's window, when the picture spans more (one period of a diurnal profile).
    if (m_span > m_run) painter.fillRect(QRectF(plot.left(), plot.top(), plot.width() * m_run / m_span, plot.height()), QColor(0xdb, 0xea, 0xfe));
    const double top = std::max(1.0, m_peak) * 1.1;
    QPainterPath line;
    for (int i = 0; i <= kSamples; ++i) {
        const double t = m_span * i / kSamples;
        const double factor = m_profile ? model::profileFactor(*m_profile, t) : 1.0;
        const QPointF point(plot.left() + plot.width() * i / kSamples, plot.bottom() - plot.height() * factor / top);
        if (i == 0) line.moveTo(point);
        else line.lineTo(point);
    }
    painter.setPen(QPen(QColor(0x00, 0x72, 0xb2), 1.8));  // Okabe–Ito blue, as the charts' first series
    painter.drawPath(line);
    // The steady rate, dashed, for scale.
    painter.setPen(QPen(QColor(0x6b, 0x72, 0x80), 1.0, Qt::DashLine));
    const double steady = plot.bottom() - plot.height() / top;
    painter.drawLine(QPointF(plot.left(), steady), QPointF(plot.right(), steady));
    QFont small = font();
    small.setPixelSize(11);
    painter.setFont(small);
    painter.setPen(QColor(0x37, 0x3d, 0x49));
    const QString peak = m_rate ? tr("peak %1 (×%2)").arg(QString::fromStdString(model::formatRate(model::PerSecond{*m_rate * m_peak})),
                                                         QString::fromStdString(model::formatNumber(m_peak)))
                                : tr("peak ×%1").arg(QString::fromStdString(model::formatNumber(m_peak)));
    painter.drawText(QRectF(4, 0, width() - 8, 16), Qt::AlignLeft | Qt::AlignVCenter, peak);
    painter.drawText(QRectF(4, height() - 15, width() - 8, 15), Qt::AlignLeft | Qt::AlignVCenter, "0");
    const QString end = QString::fromStdString(model::formatDuration(model::Seconds{m_span})) + (m_span > m_run ? tr(" (the run: shaded)") : QString());
    painter.drawText(QRectF(4, height() - 15, width() - 8, 15), Qt::AlignRight | Qt::AlignVCenter, end);
}

}  // namespace headroom::ui
