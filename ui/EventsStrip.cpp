// SPDX-License-Identifier: MIT
#include "ui/EventsStrip.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

#include "model/ChangeOverTimeFormat.h"
#include "model/ChangeOverTimePlan.h"
#include "model/EnumNames.h"
#include "model/UnitFormat.h"
#include "ui/ScenarioDocument.h"
#include "ui/commands/EventsCommand.h"

namespace headroom::ui {
namespace {

constexpr int kAxisHeight = 20;
constexpr int kRowHeight = 18;
constexpr int kMargin = 8;
constexpr int kLabelWidth = 96;

/// A colour per kind of event: losses red, slowness amber, the rest blue, an operator's changes
/// green (Okabe–Ito).
QColor colourOf(const model::FaultEvent& event) {
    if (event.change) return QColor(0x00, 0x9e, 0x73);
    switch (event.fault) {
        case model::FaultKind::Crash:
        case model::FaultKind::ZoneOutage:
        case model::FaultKind::PrimaryLoss: return QColor(0xd5, 0x5e, 0x00);
        case model::FaultKind::Hang:
        case model::FaultKind::Slowdown:
        case model::FaultKind::Latency: return QColor(0xe6, 0x9f, 0x00);
        case model::FaultKind::CacheFlush: return QColor(0x56, 0xb4, 0xe9);
    }
    return Qt::gray;
}

/// 1, 2 or 5 × 10^k seconds between labelled ticks, about every 80 pixels.
double tickStep(double seconds, double pixels) {
    const double least = seconds * 80.0 / std::max(1.0, pixels);
    double step = std::pow(10.0, std::floor(std::log10(least)));
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (step * m >= least) return step * m;
    return step * 10.0;
}

}  // namespace

EventsStrip::EventsStrip(ScenarioDocument& document, QWidget* parent) : QWidget(parent), m_document(document) {
    setFocusPolicy(Qt::ClickFocus);
    setMouseTracking(false);
    setToolTip(tr("Faults over the run: drag one along the time axis to move it; Delete removes the selected one. "
                  "Add one from a component's context menu, or a zone outage from the View menu."));
    const auto changed = [this] {
        if (m_selected && *m_selected >= m_document.scenario().events.size()) selectEvent(std::nullopt);
        updateGeometry();
        update();
    };
    connect(&m_document, &ScenarioDocument::settingsChanged, this, changed);
    connect(&m_document, &ScenarioDocument::documentReset, this, changed);
    connect(&m_document, &ScenarioDocument::componentRenamed, this, changed);
}

QSize EventsStrip::sizeHint() const {
    const int rows = std::max<int>(1, int(m_document.scenario().events.size()));
    return {600, kAxisHeight + rows * kRowHeight + kMargin};
}

QSize EventsStrip::minimumSizeHint() const { return {200, kAxisHeight + kRowHeight + kMargin}; }

double EventsStrip::seconds() const { return runSeconds(m_document.scenario()); }

double EventsStrip::xOf(double time) const { return kLabelWidth + (width() - kLabelWidth - kMargin) * time / seconds(); }

double EventsStrip::timeOf(double x) const { return (x - kLabelWidth) * seconds() / std::max(1.0, double(width() - kLabelWidth - kMargin)); }

QRectF EventsStrip::barOf(std::size_t index, double at) const {
    const model::FaultEvent& event = m_document.scenario().events[index];
    double until = event.duration ? at + event.duration->value : seconds();
    if (event.change) until = at + model::resolveChange(m_document.scenario(), event).span();  // its planned end
    else if (event.fault == model::FaultKind::CacheFlush) until = at + event.warmup.value_or(model::Seconds{model::kCacheFlushWarmupSeconds}).value;
    const double left = xOf(at);
    const double right = std::max(left + 6.0, xOf(std::min(until, seconds())));
    return QRectF(left, kAxisHeight + double(index) * kRowHeight + 2, right - left, kRowHeight - 4);
}

QPoint EventsStrip::centreOf(std::size_t index) const { return barOf(index, m_document.scenario().events[index].at.value).center().toPoint(); }

std::optional<std::size_t> EventsStrip::eventAt(QPointF point) const {
    const auto& events = m_document.scenario().events;
    for (std::size_t i = 0; i < events.size(); ++i)
        if (barOf(i, events[i].at.value).adjusted(-3, 0, 3, 0).contains(point)) return i;
    return std::nullopt;
}

void EventsStrip::setMarker(std::optional<double> time) {
    if (m_marker == time) return;
    m_marker = time;
    update();
}

void EventsStrip::selectEvent(std::optional<std::size_t> index) {
    if (m_selected == index) return;
    m_selected = index;
    update();
    emit eventSelected(index);
}

void EventsStrip::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    const double total = seconds();
    // The time axis: labelled ticks at round seconds.
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(QPointF(kLabelWidth, kAxisHeight - 4), QPointF(width() - kMargin, kAxisHeight - 4));
    const double step = tickStep(total, width() - kLabelWidth - kMargin);
    painter.setPen(palette().color(QPalette::Text));
    for (double t = 0.0; t <= total + 1e-9; t += step) {
        const double x = xOf(t);
        painter.drawLine(QPointF(x, kAxisHeight - 7), QPointF(x, kAxisHeight - 4));
        painter.drawText(QRectF(x - 40, 0, 80, kAxisHeight - 7), Qt::AlignCenter, tr("%1 s").arg(t));
    }
    if (m_marker) {
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawLine(QPointF(xOf(*m_marker), kAxisHeight - 6), QPointF(xOf(*m_marker), height()));
    }
    const auto& events = m_document.scenario().events;
    if (events.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRectF(kLabelWidth, kAxisHeight, width() - kLabelWidth, kRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                         tr("No events: right-click here to deploy or scale, or a component to crash, hang or slow it down"));
    }
    for (std::size_t i = 0; i < events.size(); ++i) {
        const double at = m_dragging == i ? m_draggedAt : events[i].at.value;
        const QRectF bar = barOf(i, at);
        QColor fill = colourOf(events[i]);
        fill.setAlpha(m_selected == i ? 255 : 170);
        painter.setPen(m_selected == i ? QPen(palette().color(QPalette::Highlight), 2) : Qt::NoPen);
        painter.setBrush(fill);
        painter.drawRoundedRect(bar, 3, 3);
        painter.setPen(palette().color(QPalette::Text));
        model::FaultEvent shown = events[i];
        shown.at = model::Seconds{at};
        painter.drawText(QRectF(0, bar.top(), kLabelWidth - 4, bar.height()), Qt::AlignRight | Qt::AlignVCenter,
                         QString::fromUtf8(model::kindName(events[i]).data()));
        painter.drawText(bar.adjusted(4, 0, 400, 0), Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(model::describe(shown)));
    }
}

void EventsStrip::mousePressEvent(QMouseEvent* event) {
    const auto index = eventAt(event->position());
    selectEvent(index);
    if (index && event->button() == Qt::LeftButton) {
        m_dragging = index;
        m_draggedAt = m_document.scenario().events[*index].at.value;
        m_grabOffset = timeOf(event->position().x()) - m_draggedAt;
    }
}

void EventsStrip::mouseMoveEvent(QMouseEvent* event) {
    if (!m_dragging) return;
    // Whole seconds, inside the run.
    m_draggedAt = std::clamp(std::round(timeOf(event->position().x()) - m_grabOffset), 0.0, std::max(0.0, seconds() - 1.0));
    update();
}

void EventsStrip::mouseReleaseEvent(QMouseEvent*) {
    if (!m_dragging) return;
    const std::size_t index = *m_dragging;
    m_dragging.reset();
    std::vector<model::FaultEvent> events = m_document.scenario().events;
    if (events[index].at.value == m_draggedAt) return;
    events[index].at = model::Seconds{m_draggedAt};
    m_document.undoStack().push(new EditEventsCommand(m_document, events, tr("Move the %1 to %2")
                                                                            .arg(QString::fromUtf8(model::kindName(events[index]).data()))
                                                                            .arg(QString::fromStdString(model::formatDuration(events[index].at)))));
}

bool EventsStrip::event(QEvent* event) {
    // Delete on a selected event is the strip's, not the window's Delete (which removes boxes).
    if (event->type() == QEvent::ShortcutOverride && m_selected) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Delete || key == Qt::Key_Backspace) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

void EventsStrip::keyPressEvent(QKeyEvent* event) {
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && m_selected) {
        removeEvent(*m_selected);
        return;
    }
    QWidget::keyPressEvent(event);
}

void EventsStrip::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu;
    fillMenu(menu, event->pos());
    if (!menu.isEmpty()) menu.exec(event->globalPos());
}

void EventsStrip::fillMenu(QMenu& menu, QPoint at) {
    if (const auto index = eventAt(at)) {
        selectEvent(index);
        menu.addAction(tr("Delete %1").arg(QString::fromStdString(model::describe(m_document.scenario().events[*index]))), [this, index] { removeEvent(*index); });
        return;
    }
    // Elsewhere: an operator's change of a component with instances, at the moment clicked.
    const double time = std::clamp(std::round(timeOf(at.x())), 0.0, std::max(0.0, seconds() - 1.0));
    for (const model::Component& component : m_document.scenario().components) {
        if (!model::takesChanges(component.kind)) continue;
        const QString id = QString::fromStdString(component.id);
        QMenu* deploy = menu.addMenu(tr("Deploy %1").arg(id));
        deploy->addAction(tr("Rolling"), [this, id, time] { emit changeRequested(id, model::ChangeKind::Deploy, model::DeployStrategy::Rolling, time); });
        deploy->addAction(tr("Blue-Green"), [this, id, time] { emit changeRequested(id, model::ChangeKind::Deploy, model::DeployStrategy::BlueGreen, time); });
        deploy->addAction(tr("Canary"), [this, id, time] { emit changeRequested(id, model::ChangeKind::Deploy, model::DeployStrategy::Canary, time); });
        menu.addAction(tr("Scale %1…").arg(id), [this, id, time] { emit changeRequested(id, model::ChangeKind::Scale, model::DeployStrategy::Rolling, time); });
    }
}

void EventsStrip::removeEvent(std::size_t index) {
    std::vector<model::FaultEvent> events = m_document.scenario().events;
    const QString what = QString::fromStdString(model::describe(events[index]));
    events.erase(events.begin() + std::ptrdiff_t(index));
    selectEvent(std::nullopt);
    m_document.undoStack().push(new EditEventsCommand(m_document, events, tr("Delete the %1").arg(what)));
}

}  // namespace headroom::ui
