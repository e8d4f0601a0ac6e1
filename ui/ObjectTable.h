// SPDX-License-Identifier: MIT
#pragma once

#include <QTableWidget>

#include <span>
#include <string_view>

#include "model/JsonReader.h"

namespace headroom::ui {

/// A list of objects of the file (the SLOs, an estimate's actions and datasets, a profile's
/// steps) as a table: one row per object, one column per key, each cell in the file's spelling
/// ("100ms", 99, {"per": "view", "times": 0.1}), and an empty last row to type a new one into.
/// Emptying a row's first cell removes the row. What the rows mean is the owner's: the table
/// only turns them into JSON, read as a file reads it.
class ObjectTable final : public QTableWidget {
    Q_OBJECT
public:
    ObjectTable(std::span<const std::string_view> keys, QWidget* parent = nullptr);

    /// Shows the objects of a JSON array (anything else: none), without signalling an edit.
    void showObjects(const model::Json& objects);
    /// The rows as a JSON array: a cell that parses as JSON other than a string is that JSON
    /// (99, 0.5, {…}), else a string; an empty cell leaves its key out.
    [[nodiscard]] model::Json objects() const;

signals:
    /// The user changed a cell: the rows as compact JSON, and the cell as a path below the list
    /// ("[2].latency"), so that edits of one cell merge into one undo step and of another do not.
    void edited(const QString& objects, const QString& cell);

private:
    std::vector<std::string> m_keys;
    bool m_filling = false;
};

}  // namespace headroom::ui
