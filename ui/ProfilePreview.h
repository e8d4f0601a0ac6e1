// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <optional>

#include "model/Scenario.h"

namespace headroom::ui {

/// A small picture of a client's rate over the run: `rate × factor(t)` of its profile, drawn
/// from the same function the engines use (model::profileFactor), with the peak and the time
/// axis labelled. A diurnal profile longer than the run is drawn over one period, the run's
/// window shaded.
class ProfilePreview final : public QWidget {
    Q_OBJECT
public:
    explicit ProfilePreview(QWidget* parent = nullptr);

    /// What to draw: the profile (none: a steady rate), the client's rate (none: factors only)
    /// and the run's length.
    void showProfile(const std::optional<model::Profile>& profile, std::optional<double> rate, double runSeconds);

    /// The time the picture spans, and its largest factor: what a reader checks it against.
    [[nodiscard]] double spanSeconds() const { return m_span; }
    [[nodiscard]] double peakFactor() const { return m_peak; }

    QSize sizeHint() const override { return {240, 96}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::optional<model::Profile> m_profile;
    std::optional<double> m_rate;
    double m_run = 60.0;
    double m_span = 60.0;
    double m_peak = 1.0;
};

}  // namespace headroom::ui
