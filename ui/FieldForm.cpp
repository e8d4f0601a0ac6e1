// SPDX-License-Identifier: MIT
#include "ui/FieldForm.h"

#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "model/CountFields.h"

namespace headroom::ui {
namespace {

QString qstring(std::string_view text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }

/// A count whose lowest value, one below the count's minimum, stands for "absent". Steps from
/// absent start where the default leaves off, never at an invalid value (issue 15: an empty
/// instances box showed 1 and its first Up gave 0, "must be at least 1").
class CountSpinBox final : public QSpinBox {
public:
    CountSpinBox(const model::CountField& count, const QString& absentText, QWidget* parent)
        : QSpinBox(parent), m_whenAbsent(count.whenAbsent) {
        setRange(int(count.minimum) - 1, int(std::min(count.maximum, 2e9)));
        setSpecialValueText(absentText);
        setAccelerated(true);
        connect(this, &QSpinBox::valueChanged, this, &CountSpinBox::shade);
        shade();
    }
    [[nodiscard]] int absent() const { return minimum(); }
    /// Shows a value from the document (which is not the user changing it: no signal).
    void show(int value) {
        const QSignalBlocker quiet(this);
        setValue(value);
        shade();
    }

    void stepBy(int steps) override {
        if (value() == absent() && steps != 0) {
            const int from = m_whenAbsent.value_or(absent());  // the value the absent field means
            setValue(std::clamp(from + steps, absent() + 1, maximum()));
            return;
        }
        QSpinBox::stepBy(steps);  // down from the lowest count reaches absent
    }

private:
    /// Absent reads as a hint, in the palette's placeholder colour, not as a value.
    void shade() {
        QPalette colours = palette();
        colours.setColor(QPalette::Text, value() == absent() ? QApplication::palette().color(QPalette::PlaceholderText)
                                                             : QApplication::palette().color(QPalette::Text));
        setPalette(colours);
    }

    std::optional<int> m_whenAbsent;
};

/// A wheel turned while the pointer passes over a list of choices or a count, on its way down
/// the form, scrolls the form and leaves the value alone (issue 15: it changed the estimate's
/// units to binary). Once the user has clicked into the editor, the wheel steps it.
class WheelOnlyWhenFocused final : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() != QEvent::Wheel) return false;
        auto* editor = qobject_cast<QWidget*>(watched);
        if (!editor || editor->hasFocus()) return false;
        // Not the editor's: to what is around it (the form's scroll area scrolls).
        if (QWidget* around = editor->parentWidget()) QCoreApplication::sendEvent(around, event);
        return true;
    }
};

/// Ctrl+Z in a field holding what the document holds undoes the document's last change, as it
/// does anywhere else in the window; only while the user is typing a value does it undo the
/// typing. (Issue 15: the field undid its own text and left the canvas showing the other.)
class DocumentUndoWhenUnchanged final : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() != QEvent::ShortcutOverride) return false;
        auto* edit = qobject_cast<QLineEdit*>(watched);
        auto* key = static_cast<QKeyEvent*>(event);
        if (!edit || edit->isModified() || !(key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo))) return false;
        event->ignore();  // not the field's: the window's Undo and Redo take it
        return true;
    }
};

void guardAgainstStrayWheels(QWidget* editor) {
    editor->setFocusPolicy(Qt::StrongFocus);  // a wheel alone does not give it the focus
    editor->installEventFilter(new WheelOnlyWhenFocused(editor));
}

}  // namespace

FieldForm::FieldForm(QFormLayout& layout, QWidget& owner, Commit commit) : m_layout(layout), m_owner(owner), m_commit(std::move(commit)) {}

void FieldForm::clear() {
    while (m_layout.rowCount() > 0) m_layout.removeRow(0);
    m_rows.clear();
}

QString Hint::shown() const {
    if (kind == Kind::Example && !text.isEmpty()) return QObject::tr("e.g. %1").arg(text);
    return text;
}

void FieldForm::addLineEdit(std::string_view field, const Hint& hint, bool clearable) {
    auto* edit = new QLineEdit(&m_owner);
    edit->setPlaceholderText(hint.shown());
    if (hint.kind == Hint::Kind::Example) {
        // Italic while the example shows; what the user types is upright.
        const auto italicWhileEmpty = [edit](const QString& text) {
            QFont font = edit->font();
            font.setItalic(text.isEmpty());
            edit->setFont(font);
        };
        QObject::connect(edit, &QLineEdit::textChanged, edit, italicWhileEmpty);
        italicWhileEmpty(QString());
    }
    edit->setClearButtonEnabled(clearable);
    edit->installEventFilter(new DocumentUndoWhenUnchanged(edit));
    QObject::connect(edit, &QLineEdit::editingFinished, &m_owner, [this, name = std::string(field), edit] {
        if (edit->isModified()) m_commit(name, edit->text());
        edit->setModified(false);
    });
    addRow(field, edit);
}

void FieldForm::addCount(const model::CountField& count, const QString& absentText) {
    // Dragging or scrolling commits at every step; the owner's commands merge the steps.
    auto* spin = new CountSpinBox(count, absentText, &m_owner);
    guardAgainstStrayWheels(spin);
    QObject::connect(spin, &QSpinBox::valueChanged, &m_owner, [this, spin, name = std::string(count.name)](int value) {
        m_commit(name, value == spin->absent() ? QString() : QString::number(value));
    });
    addRow(count.name, spin);
}

void FieldForm::addChoices(std::string_view field, std::span<const std::string_view> choices) {
    auto* combo = new QComboBox(&m_owner);
    guardAgainstStrayWheels(combo);
    combo->addItem(QObject::tr("(default)"), QString());
    for (const auto choice : choices) combo->addItem(qstring(choice), qstring(choice));
    QObject::connect(combo, &QComboBox::activated, &m_owner, [this, name = std::string(field), combo] { m_commit(name, combo->currentData().toString()); });
    addRow(field, combo);
}

void FieldForm::addText(std::string_view field, const QString& text) { addRow(field, new QLabel(text, &m_owner)); }

void FieldForm::addEditor(std::string_view field, QWidget* editor) { addRow(field, editor); }

void FieldForm::addRow(std::string_view field, QWidget* editor) {
    Row row{editor, new QLabel(&m_owner)};
    row.problem->setStyleSheet("color: #b91c1c;");
    row.problem->setWordWrap(true);
    row.problem->hide();
    auto* cell = new QWidget(&m_owner);
    auto* cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->setSpacing(2);
    cellLayout->addWidget(row.editor);
    cellLayout->addWidget(row.problem);
    m_layout.addRow(qstring(field).replace('_', ' '), cell);
    m_rows.emplace(std::string(field), row);
}

std::vector<std::string> FieldForm::fields() const {
    std::vector<std::string> names;
    for (const auto& [name, row] : m_rows) names.push_back(name);
    return names;
}

void FieldForm::setText(const std::string& field, const QString& text) {
    const auto row = m_rows.find(field);
    if (row == m_rows.end()) return;
    QWidget* editor = row->second.editor;
    if (auto* edit = qobject_cast<QLineEdit*>(editor)) {
        if (!edit->hasFocus() || !edit->isModified()) {
            edit->setText(text);
            edit->setCursorPosition(0);  // the beginning of a long value, not its end
        }
    } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        combo->setCurrentIndex(std::max(0, combo->findData(text)));
    } else if (auto* spin = dynamic_cast<CountSpinBox*>(editor)) {
        bool ok = false;
        const int value = text.toInt(&ok);
        spin->show(ok ? value : spin->absent());
    }
}

QString FieldForm::text(const std::string& field) const {
    const auto row = m_rows.find(field);
    if (row == m_rows.end()) return {};
    QWidget* editor = row->second.editor;
    if (auto* edit = qobject_cast<QLineEdit*>(editor)) return edit->text();
    if (auto* combo = qobject_cast<QComboBox*>(editor)) return combo->currentData().toString();
    if (auto* spin = qobject_cast<QSpinBox*>(editor)) return spin->value() == spin->minimum() ? QString() : QString::number(spin->value());
    if (auto* label = qobject_cast<QLabel*>(editor)) return label->text();
    return {};
}

QWidget* FieldForm::editor(const std::string& field) const {
    const auto row = m_rows.find(field);
    return row == m_rows.end() ? nullptr : row->second.editor;
}

void FieldForm::setProblem(const std::string& field, const QString& problem) {
    const auto row = m_rows.find(field);
    if (row == m_rows.end()) return;
    row->second.refused = problem;
    showProblemOf(row->second);
}

void FieldForm::setStandingProblem(const std::string& field, const QString& problem) {
    const auto row = m_rows.find(field);
    if (row == m_rows.end() || row->second.standing == problem) return;
    row->second.standing = problem;
    showProblemOf(row->second);
}

void FieldForm::showProblemOf(Row& row) {
    const QString& shown = row.refused.isEmpty() ? row.standing : row.refused;
    row.problem->setText(shown);
    row.problem->setVisible(!shown.isEmpty());
}

QString FieldForm::problem(const std::string& field) const {
    const auto row = m_rows.find(field);
    return row == m_rows.end() || row->second.problem->isHidden() ? QString() : row->second.problem->text();
}

}  // namespace headroom::ui
