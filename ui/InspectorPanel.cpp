// SPDX-License-Identifier: MIT
#include "ui/InspectorPanel.h"

#include <QComboBox>
#include <QSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <array>

#include "model/ComponentEdit.h"
#include "ui/KindIcons.h"
#include "ui/ScenarioDocument.h"
#include "ui/commands/ComponentCommands.h"

namespace headroom::ui {
namespace {

/// What to type in a field, as its placeholder.
QString exampleOf(std::string_view field) {
    static const std::map<std::string_view, const char*> examples{
        {"service_time", "5ms, or {\"dist\": \"lognormal\", \"mean\": \"5ms\", \"cv\": 2}"},
        {"rate", "2000/s"},
        {"instances", "1"},
        {"cores", "1"},
        {"workers", "unbounded"},
        {"queue_capacity", "unbounded"},
        {"timeout", "none, or 2s"},
        {"hit_ratio", "0.9"},
        {"calls", "[{\"to\": \"db\"}]"},
        {"think_time", "1s"},
        {"users", "100"},
        {"rate_limit", "1000/s"},
        {"shards", "1"},
        {"replicas", "0"},
        {"memory", "512MB"},
        {"profile", "{\"shape\": \"spike\", \"at\": \"30s\", \"for\": \"10s\", \"factor\": 5}"},
        {"cost", "{\"instance_type\": \"m5.large\"}"},
    };
    const auto found = examples.find(field);
    return found == examples.end() ? QObject::tr("default") : QString::fromUtf8(found->second);
}

const char* kProblemStyle = "color: #b91c1c;";

/// Whole-number fields get a spin box: dragging or scrolling it re-solves the model at every
/// step, and the steps merge into one undo command.
bool isCount(std::string_view field) {
    static constexpr std::array<std::string_view, 9> counts{"instances", "cores", "workers", "queue_capacity", "shards",
                                                            "replicas", "concurrency", "partitions", "users"};
    return std::find(counts.begin(), counts.end(), field) != counts.end();
}

/// The spin box's value that stands for "absent": the default applies.
constexpr int kUnset = -1;

}  // namespace

InspectorPanel::InspectorPanel(ScenarioDocument& document, QWidget* parent)
    : QWidget(parent), m_document(document), m_form(new QFormLayout), m_heading(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    m_heading->setWordWrap(true);
    layout->addWidget(m_heading);
    layout->addLayout(m_form);
    layout->addStretch(1);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    connect(&m_document, &ScenarioDocument::componentChanged, this, [this](const QString& id) {
        if (id.toStdString() == m_id) refreshValues();
    });
    connect(&m_document, &ScenarioDocument::componentRenamed, this, [this](const QString& from, const QString& to) {
        if (from.toStdString() == m_id) {
            m_id = to.toStdString();
            refreshValues();
        }
    });
    connect(&m_document, &ScenarioDocument::componentRemoved, this, [this](const QString& id) {
        if (id.toStdString() == m_id) inspect("");
    });
    connect(&m_document, &ScenarioDocument::documentReset, this, [this] { inspect(""); });
    inspect("");
}

std::optional<std::size_t> InspectorPanel::index() const {
    const auto& components = m_document.scenario().components;
    for (std::size_t i = 0; i < components.size(); ++i)
        if (components[i].id == m_id) return i;
    return std::nullopt;
}

void InspectorPanel::inspect(const std::string& id) {
    m_id = id;
    rebuild();
}

void InspectorPanel::rebuild() {
    while (m_form->rowCount() > 0) m_form->removeRow(0);
    m_rows.clear();
    const auto at = index();
    if (!at) {
        m_heading->setText(tr("Select a component to see and edit its fields."));
        return;
    }
    const model::Component& component = m_document.scenario().components[*at];
    m_heading->setText(tr("<b>%1</b> — %2. Values are written as in the file: 5ms, 2 GiB, 2000/s; an empty field takes its default.")
                           .arg(QString::fromStdString(component.id).toHtmlEscaped(), kindLabel(component.kind)));
    for (const auto field : model::editableFields(component.kind)) {
        const std::string name(field);
        auto* label = new QLabel(QString::fromUtf8(field.data(), qsizetype(field.size())).replace('_', ' '), this);
        Row row;
        if (field == "kind") {
            auto* kind = new QLabel(kindLabel(component.kind), this);
            row.editor = kind;
        } else if (isCount(field)) {
            auto* spin = new QSpinBox(this);
            spin->setRange(kUnset, 1'000'000);
            spin->setSpecialValueText(exampleOf(field));
            spin->setAccelerated(true);
            connect(spin, &QSpinBox::valueChanged, this,
                    [this, name](int value) { commit(name, value == kUnset ? QString() : QString::number(value)); });
            row.editor = spin;
        } else if (const auto choices = model::choicesOf(field); !choices.empty()) {
            auto* combo = new QComboBox(this);
            combo->addItem(tr("(default)"), QString());
            for (const auto choice : choices) combo->addItem(QString::fromUtf8(choice.data(), qsizetype(choice.size())), QString::fromUtf8(choice.data(), qsizetype(choice.size())));
            connect(combo, &QComboBox::activated, this, [this, name, combo] { commit(name, combo->currentData().toString()); });
            row.editor = combo;
        } else {
            auto* edit = new QLineEdit(this);
            edit->setPlaceholderText(exampleOf(field));
            edit->setClearButtonEnabled(field != "id");
            connect(edit, &QLineEdit::editingFinished, this, [this, name, edit] {
                if (edit->isModified()) commit(name, edit->text());
                edit->setModified(false);
            });
            row.editor = edit;
        }
        row.problem = new QLabel(this);
        row.problem->setStyleSheet(kProblemStyle);
        row.problem->setWordWrap(true);
        row.problem->hide();
        auto* cell = new QWidget(this);
        auto* cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        cellLayout->addWidget(row.editor);
        cellLayout->addWidget(row.problem);
        m_form->addRow(label, cell);
        m_rows.emplace(name, row);
    }
    refreshValues();
}

void InspectorPanel::refreshValues() {
    const auto at = index();
    if (!at) return;
    for (auto& [field, row] : m_rows) {
        const QString text = QString::fromStdString(model::fieldText(m_document.scenario(), *at, field));
        if (auto* edit = qobject_cast<QLineEdit*>(row.editor)) {
            if (!edit->hasFocus() || !edit->isModified()) edit->setText(text);
        } else if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
            combo->setCurrentIndex(std::max(0, combo->findData(text)));
        } else if (auto* spin = qobject_cast<QSpinBox*>(row.editor)) {
            const QSignalBlocker quiet(spin);
            bool ok = false;
            const int value = text.toInt(&ok);
            spin->setValue(ok ? value : kUnset);
        }
    }
}

QString InspectorPanel::commit(const std::string& field, const QString& text) {
    const auto at = index();
    const auto row = m_rows.find(field);
    if (!at || row == m_rows.end()) return tr("no such field");
    const model::Scenario& scenario = m_document.scenario();
    const std::string value = text.trimmed().toStdString();
    if (value == model::fieldText(scenario, *at, field)) {
        row->second.problem->hide();
        return {};
    }
    const model::FieldEdit edit = model::editField(scenario, *at, field, value);
    if (!edit.component) {
        row->second.problem->setText(QString::fromStdString(edit.problem));
        row->second.problem->show();
        return row->second.problem->text();
    }
    row->second.problem->hide();
    if (field == "id")
        m_document.undoStack().push(new RenameComponentCommand(m_document, m_id, edit.component->id));
    else
        m_document.undoStack().push(new EditComponentCommand(m_document, scenario.components[*at], *edit.component, field));
    return {};
}

void InspectorPanel::focusField(const std::string& field) {
    if (const auto row = m_rows.find(field); row != m_rows.end()) row->second.editor->setFocus();
}

QWidget* InspectorPanel::editorOf(const std::string& field) const {
    const auto row = m_rows.find(field);
    return row == m_rows.end() ? nullptr : row->second.editor;
}

QString InspectorPanel::problemOf(const std::string& field) const {
    const auto row = m_rows.find(field);
    return row == m_rows.end() || row->second.problem->isHidden() ? QString() : row->second.problem->text();
}

QString InspectorPanel::textOf(const std::string& field) const {
    const auto row = m_rows.find(field);
    if (row == m_rows.end()) return {};
    if (auto* edit = qobject_cast<QLineEdit*>(row->second.editor)) return edit->text();
    if (auto* combo = qobject_cast<QComboBox*>(row->second.editor)) return combo->currentData().toString();
    if (auto* spin = qobject_cast<QSpinBox*>(row->second.editor)) return spin->value() == kUnset ? QString() : QString::number(spin->value());
    if (auto* label = qobject_cast<QLabel*>(row->second.editor)) return label->text();
    return {};
}

}  // namespace headroom::ui
