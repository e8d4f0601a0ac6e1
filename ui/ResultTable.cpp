// SPDX-License-Identifier: MIT
#include "ui/ResultTable.h"

#include <QAbstractTableModel>
#include <QHeaderView>
#include <QStyle>

#include "model/UnitFormat.h"

namespace headroom::ui {

class ResultTable::Model final : public QAbstractTableModel {
public:
    Model(QStringList headers, QObject* parent) : QAbstractTableModel(parent), m_headers(std::move(headers)) {}

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_headers.size()); }

    QVariant data(const QModelIndex& index, int role) const override {
        if (!index.isValid() || index.row() >= int(m_rows.size())) return {};
        const Row& row = m_rows[std::size_t(index.row())];
        switch (role) {
            case Qt::DisplayRole: return index.column() < row.cells.size() ? row.cells[index.column()] : QString();
            case Qt::ForegroundRole: return row.colour.isValid() ? QVariant(row.colour) : QVariant();
            case Qt::TextAlignmentRole: return index.column() > 0 ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
            case Qt::ToolTipRole: return row.toolTips.value(index.column());
            default: return {};
        }
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_headers.size()) return m_headers[section];
        return {};
    }

    /// Replaces the rows; returns those that changed in place, or none when rows came or went
    /// (the model was reset).
    std::optional<std::vector<int>> setRows(std::vector<Row> rows) {
        if (rows.size() != m_rows.size()) {
            beginResetModel();
            m_rows = std::move(rows);
            endResetModel();
            return std::nullopt;
        }
        std::vector<int> changed;
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (!(rows[i] == m_rows[i])) {
                m_rows[i] = std::move(rows[i]);
                changed.push_back(int(i));
            }
        // One signal per run of consecutive changed rows.
        for (std::size_t i = 0; i < changed.size();) {
            std::size_t j = i;
            while (j + 1 < changed.size() && changed[j + 1] == changed[j] + 1) ++j;
            emit dataChanged(index(changed[i], 0), index(changed[j], columnCount() - 1));
            i = j + 1;
        }
        return changed;
    }

    const Row& row(int index) const { return m_rows[std::size_t(index)]; }

private:
    QStringList m_headers;
    std::vector<Row> m_rows;
};

ResultTable::ResultTable(const QStringList& headers, QWidget* parent) : QTableView(parent), m_model(new Model(headers, this)) {
    setModel(m_model);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setWordWrap(false);
    // Measured on purpose (below), never on every change: ResizeToContents measured every row
    // of every column for each cell set, 22.7 s per edit at 300 components (issue 15).
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setResizeContentsPrecision(200);
    horizontalHeader()->setStretchLastSection(true);
}

void ResultTable::setRows(std::vector<Row> rows) {
    const auto changed = m_model->setRows(std::move(rows));
    if (!changed) {
        resizeColumnsToContents();
        return;
    }
    for (const int row : *changed) widenFor(row);
}

void ResultTable::widenFor(int row) {
    const int margin = 2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 8;
    for (int column = 0; column + 1 < m_model->columnCount(); ++column) {
        const int needed = fontMetrics().horizontalAdvance(m_model->row(row).cells.value(column)) + margin;
        if (needed > columnWidth(column)) setColumnWidth(column, needed);
    }
}

int ResultTable::rowCount() const { return m_model->rowCount(); }

const ResultTable::Row& ResultTable::row(int index) const { return m_model->row(index); }

namespace cells {

QString text(const std::string& s) { return QString::fromStdString(s); }

QString duration(const std::optional<double>& seconds) {
    return seconds ? text(model::formatDuration(model::Seconds{*seconds})) : QString::fromUtf8("—");
}

QString percent(const std::optional<double>& fraction) {
    return fraction ? text(model::formatNumber(*fraction * 100.0, 3)) + "%" : QString::fromUtf8("—");
}

QString rate(double perSecond) { return text(model::formatRate(model::PerSecond{perSecond})); }

QString withInterval(const std::optional<double>& value, const std::optional<double>& halfWidth) {
    QString out = duration(value);
    if (value && halfWidth) out += QString::fromUtf8(" ± ") + duration(halfWidth);
    return out;
}

}  // namespace cells
}  // namespace headroom::ui
