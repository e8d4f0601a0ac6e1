// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QString>

#include <cstddef>

class QChartView;
class QWidget;

/// What every chart of the app shares: its view, how it is emptied, and its colours.
namespace headroom::ui {

/// A chart view antialiased, its legend below, with narrow margins.
[[nodiscard]] QChartView* chartView(QWidget* parent);

/// Removes every series and axis, and sets the title.
void resetChart(QChartView* view, const QString& title);

/// Series colours, one per class (the same class the same colour on every chart), then one per
/// component's queue: Okabe and Ito's palette, told apart by people with any common form of
/// colour blindness ("Color Universal Design", 2008), black last.
[[nodiscard]] QColor seriesColour(std::size_t k);

}  // namespace headroom::ui
