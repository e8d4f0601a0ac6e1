// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <string>

#include "ui/FieldForm.h"

class QFormLayout;
class QLabel;
class QTreeWidget;

namespace headroom::ui {

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

    ScenarioDocument& m_document;
    QFormLayout* m_layout;
    QLabel* m_status;
    QTreeWidget* m_quantities;
    FieldForm m_form;
};

}  // namespace headroom::ui
