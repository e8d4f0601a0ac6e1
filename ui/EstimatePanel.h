// SPDX-License-Identifier: MIT
#pragma once

#include <map>

#include <QWidget>

#include <string>

#include "ui/FieldForm.h"

class QFormLayout;
class QLabel;
class QTreeWidget;

namespace headroom::ui {

class ObjectTable;

class ScenarioDocument;

/// The back-of-envelope estimate: the `estimate` block as a form (values in the file's
/// spelling, problems under the field, changes as undo commands) and every quantity the
/// estimator derives from it, each with its formula, the numbers that went in, and the sources
/// of the defaults it used.
class EstimatePanel final : public QWidget {
    Q_OBJECT
public:
    explicit EstimatePanel(ScenarioDocument& document, QWidget* parent = nullptr);

    /// Sets a field as the user would; the problem, if any.
    QString commit(const std::string& field, const QString& text);
    [[nodiscard]] QString textOf(const std::string& field) const;
    [[nodiscard]] QWidget* editorOf(const std::string& field) const;
    [[nodiscard]] QTreeWidget* quantities() const { return m_quantities; }

private:
    void refresh();
    /// Sets a field; `step` names the undo step consecutive edits merge into (the field, or one
    /// cell of a table: "actions[2].size").
    QString apply(const std::string& field, const QString& value, const std::string& step);

    ScenarioDocument& m_document;
    QFormLayout* m_layout;
    QLabel* m_status;
    QTreeWidget* m_quantities;
    FieldForm m_form;
    std::map<std::string, ObjectTable*, std::less<>> m_tables;  ///< the actions and datasets, a row each
};

}  // namespace headroom::ui
