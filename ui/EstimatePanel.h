// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <map>
#include <string>

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
    [[nodiscard]] QTreeWidget* quantities() const { return m_quantities; }

private:
    void refresh();

    struct Row {
        QWidget* editor = nullptr;
        QLabel* problem = nullptr;
    };

    ScenarioDocument& m_document;
    QFormLayout* m_form;
    QLabel* m_status;
    QTreeWidget* m_quantities;
    std::map<std::string, Row, std::less<>> m_rows;
};

}  // namespace headroom::ui
