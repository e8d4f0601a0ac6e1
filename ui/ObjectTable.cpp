// SPDX-License-Identifier: MIT
#include "ui/ObjectTable.h"

#include <QHeaderView>

#include "ui/TypedJson.h"

namespace headroom::ui {

ObjectTable::ObjectTable(std::span<const std::string_view> keys, QWidget* parent) : QTableWidget(0, int(keys.size()), parent) {
    QStringList headers;
    for (const std::string_view key : keys) {
        m_keys.emplace_back(key);
        headers << QString::fromUtf8(key.data(), qsizetype(key.size())).replace('_', ' ');
    }
    setHorizontalHeaderLabels(headers);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    setMinimumHeight(110);
    setToolTip(tr("One a row, in the file's spelling; type into the last row to add one, empty a row's %1 to remove it.").arg(headers.front()));
    connect(this, &QTableWidget::cellChanged, this, [this](int row, int column) {
        if (!m_filling) emit edited(QString::fromStdString(objects().dump()), QString("[%1].%2").arg(row).arg(QString::fromStdString(m_keys[std::size_t(column)])));
    });
}

void ObjectTable::showObjects(const model::Json& objects) {
    m_filling = true;
    const int count = objects.is_array() ? int(objects.size()) : 0;
    setRowCount(count + 1);  // and an empty row to type a new one into
    for (int row = 0; row < rowCount(); ++row) {
        for (int column = 0; column < columnCount(); ++column) {
            QString text;
            if (row < count && objects[std::size_t(row)].is_object()) {
                const model::Json& object = objects[std::size_t(row)];
                const auto value = object.find(m_keys[std::size_t(column)]);
                if (value != object.end()) text = QString::fromStdString(shownText(&*value));
            }
            QTableWidgetItem* cell = item(row, column);
            if (!cell) setItem(row, column, new QTableWidgetItem(text));
            else if (cell->text() != text) cell->setText(text);
        }
    }
    m_filling = false;
}

model::Json ObjectTable::objects() const {
    model::Json rows = model::Json::array();
    for (int row = 0; row < rowCount(); ++row) {
        const auto cell = [&](int column) { return item(row, column) ? item(row, column)->text().trimmed() : QString(); };
        if (cell(0).isEmpty()) continue;  // an emptied first cell removes the row
        model::Json object = model::Json::object();
        for (int column = 0; column < columnCount(); ++column) {
            const std::string text = cell(column).toStdString();
            if (text.empty()) continue;
            object[m_keys[std::size_t(column)]] = typedJson(text);
        }
        rows.push_back(std::move(object));
    }
    return rows;
}

}  // namespace headroom::ui
