// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {
struct CountField;
}

class QFormLayout;
class QLabel;
class QWidget;

namespace headroom::ui {

/// What an empty field shows, greyed. A default is what the field takes when left empty ("default
/// 200µs (O01)", "every class"); an example only shows how to write a value ("2000/s"): it is
/// drawn in italics and begins "e.g.", so nobody reads it as what the field will be (issue 15).
struct Hint {
    enum class Kind { Default, Example };
    Kind kind = Kind::Default;
    QString text;
    [[nodiscard]] static Hint byDefault(QString text) { return {Kind::Default, std::move(text)}; }
    [[nodiscard]] static Hint example(QString text) { return {Kind::Example, std::move(text)}; }
    /// The placeholder as drawn.
    [[nodiscard]] QString shown() const;
};

/// The rows of a form of fields in the file's spelling: one editor each (a line edit, a spin box
/// for counts, a list of choices, or plain text) with its problem shown under it. What a commit
/// does is the owner's: the inspector edits a component, the estimate panel the estimate block.
class FieldForm {
public:
    /// Called with a field and its text ("" for absent) when the user changes it.
    using Commit = std::function<void(const std::string& field, const QString& text)>;

    FieldForm(QFormLayout& layout, QWidget& owner, Commit commit);

    void clear();
    void addLineEdit(std::string_view field, const Hint& hint, bool clearable = true);
    /// A whole number within the count's bounds, or absent (shown greyed as `absentText`): one
    /// step up from absent goes to the value after the one that applies when absent (instances:
    /// absent means 1, Up gives 2), one step down from the lowest value back to absent.
    void addCount(const model::CountField& count, const QString& absentText);
    void addChoices(std::string_view field, std::span<const std::string_view> choices);
    void addText(std::string_view field, const QString& text);
    /// An editor of the owner's own making (a table), with its problem shown under it like any other.
    void addEditor(std::string_view field, QWidget* editor);

    [[nodiscard]] std::vector<std::string> fields() const;
    /// Shows a field's value, except in a line edit the user is typing in.
    void setText(const std::string& field, const QString& text);
    [[nodiscard]] QString text(const std::string& field) const;
    [[nodiscard]] QWidget* editor(const std::string& field) const;
    /// Shows why the user's last change of a field was refused; an empty one clears it.
    void setProblem(const std::string& field, const QString& problem);
    /// Shows what is wrong with a field's current value (or its absence), as the live validation
    /// says; a refused change, while shown, comes first.
    void setStandingProblem(const std::string& field, const QString& problem);
    [[nodiscard]] QString problem(const std::string& field) const;
    [[nodiscard]] bool has(const std::string& field) const { return m_rows.contains(field); }

private:
    struct Row {
        QWidget* editor = nullptr;
        QLabel* problem = nullptr;
        QString refused;   ///< why the last change was refused
        QString standing;  ///< what is wrong with the value the document holds
    };
    void addRow(std::string_view field, QWidget* editor);
    static void showProblemOf(Row& row);

    QFormLayout& m_layout;
    QWidget& m_owner;
    Commit m_commit;
    std::map<std::string, Row, std::less<>> m_rows;
};

}  // namespace headroom::ui
