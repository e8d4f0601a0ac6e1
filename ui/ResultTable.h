// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QMap>
#include <QStringList>
#include <QTableView>

#include <optional>
#include <string>
#include <vector>

namespace headroom::ui {

/// A read-only table of results that is updated in place: rows that did not change are not
/// touched, changed rows are repainted, and columns are measured only when rows come or go (and
/// widened for a changed cell that no longer fits), so a table of a thousand components follows
/// every edit within a frame. The first column is text, the others numbers (right-aligned).
class ResultTable final : public QTableView {
    Q_OBJECT
public:
    struct Row {
        QStringList cells;
        QColor colour;                   ///< of the whole row's text; invalid: the palette's
        QMap<int, QString> toolTips;     ///< by column
        bool operator==(const Row&) const = default;
    };

    ResultTable(const QStringList& headers, QWidget* parent = nullptr);

    void setRows(std::vector<Row> rows);
    [[nodiscard]] int rowCount() const;
    [[nodiscard]] const Row& row(int index) const;

private:
    class Model;
    void widenFor(int row);

    Model* m_model;
};

/// How results read in the tables: "—" where there is no value.
namespace cells {
[[nodiscard]] QString text(const std::string& s);
[[nodiscard]] QString duration(const std::optional<double>& seconds);
[[nodiscard]] QString percent(const std::optional<double>& fraction);
[[nodiscard]] QString rate(double perSecond);
/// "12.3 ms ± 0.4 ms" from a value and its 95 % half-width.
[[nodiscard]] QString withInterval(const std::optional<double>& value, const std::optional<double>& halfWidth);
}  // namespace cells

}  // namespace headroom::ui
