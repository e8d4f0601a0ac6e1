// SPDX-License-Identifier: MIT
#include "ui/EstimatePanel.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include "model/ComponentEdit.h"
#include "model/Defaults.h"
#include "model/FormatKeys.h"
#include "model/UnitFormat.h"
#include "model/Estimator.h"
#include "model/Validation.h"
#include "ui/ObjectTable.h"
#include "ui/ScenarioDocument.h"
#include "ui/commands/EstimateCommand.h"

namespace headroom::ui {
namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }

void addQuantities(QTreeWidgetItem* parent, const std::vector<model::NamedQuantity>& quantities, model::UnitSystem units) {
    for (const auto& [key, quantity] : quantities) {
        QStringList sources;
        for (const auto& source : quantity.sources) sources << text(source);
        auto* item = new QTreeWidgetItem(parent, {text(key), text(model::formatQuantity(quantity, units)),
                                                  text(quantity.formula) + "\n= " + text(quantity.substituted) +
                                                      (quantity.note.empty() ? QString() : "\n" + text(quantity.note)),
                                                  sources.join(", ")});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignTop);
        item->setToolTip(2, item->text(2));
    }
}

/// What an empty field of the estimate shows: the convention it defaults to, with its row, or
/// an example of the users it counts.
Hint conventionHint(std::string_view field) {
    namespace defaults = model::defaults;
    const auto row = [](const model::ReferenceValue& value) {
        return Hint::byDefault(QObject::tr("default %1 (%2)").arg(text(model::formatNumber(value.value)), text(std::string(value.id))));
    };
    if (field == "seconds_per_day") return row(defaults::kSecondsPerDay);
    if (field == "days_per_month") return row(defaults::kDaysPerMonth);
    if (field == "days_per_year") return row(defaults::kDaysPerYear);
    if (field == "peak_factor") return row(defaults::kPeakFactor);
    if (field == "cache_hot_fraction") return row(defaults::kCacheHotFraction);
    if (field == "storage_utilization") return row(defaults::kStorageUtilization);
    if (field == "seconds_per_month") return Hint::byDefault(QObject::tr("default seconds per day × days per month"));
    if (field == "per_server_qps") return Hint::byDefault(QObject::tr("none: no server count (no sourced figure)"));
    if (field == "monthly_active_users") return Hint::example("300M");
    if (field == "daily_active_ratio") return Hint::example("0.5");
    if (field == "daily_active_users") return Hint::example("150M");
    if (field == "total_users") return Hint::example("1B");
    if (field == "retention") return Hint::example("5y");
    return Hint::byDefault(QObject::tr("none"));
}

}  // namespace

EstimatePanel::EstimatePanel(ScenarioDocument& document, QWidget* parent)
    : QWidget(parent),
      m_document(document),
      m_layout(new QFormLayout),
      m_status(new QLabel(this)),
      m_quantities(new QTreeWidget(this)),
      m_form(*m_layout, *this, [this](const std::string& field, const QString& text) { commit(field, text); }) {
    // The form scrolls above, the quantities (what a reader came for) get most of the height below,
    // and the user moves the line between them.
    auto* formPage = new QWidget;
    auto* formLayout = new QVBoxLayout(formPage);
    auto* hint = new QLabel(tr("Users and what they do, in the file's spelling: 300M, 0.5, 2000/s, 5y. Actions and datasets "
                               "are tables, a row each: type into the last row to add one (post, write, 2, 1KB), empty its name "
                               "to remove it; a rate relative to another action is {\"per\": \"post\", \"times\": 10}."),
                            formPage);
    hint->setWordWrap(true);
    formLayout->addWidget(hint);
    formLayout->addLayout(m_layout);
    formLayout->addStretch(1);
    auto* formScroll = new QScrollArea;
    formScroll->setWidget(formPage);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);

    auto* resultsPage = new QWidget;
    auto* resultsLayout = new QVBoxLayout(resultsPage);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    m_status->setWordWrap(true);
    resultsLayout->addWidget(m_status);
    m_quantities->setHeaderLabels({tr("quantity"), tr("value"), tr("formula"), tr("sources")});
    m_quantities->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_quantities->setWordWrap(true);
    resultsLayout->addWidget(m_quantities, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(formScroll);
    splitter->addWidget(resultsPage);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({400, 600});  // scaled to the panel's height: two fifths for the form
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    for (const auto field : model::estimateFields()) {
        if (const auto choices = model::choicesOf(field); !choices.empty()) {
            m_form.addChoices(field, choices);
        } else if (field == "actions" || field == "datasets") {
            auto* table = new ObjectTable(field == "actions" ? std::span<const std::string_view>(model::keys::kEstimateAction) : model::keys::kEstimateDataset, this);
            connect(table, &ObjectTable::edited, this,
                    [this, name = std::string(field)](const QString& rows, const QString& cell) { apply(name, rows, name + cell.toStdString()); });
            m_tables.emplace(field, table);
            m_form.addEditor(field, table);
        } else {
            m_form.addLineEdit(field, conventionHint(field));
        }
    }
    connect(&m_document, &ScenarioDocument::estimateChanged, this, &EstimatePanel::refresh);
    connect(&m_document, &ScenarioDocument::documentReset, this, &EstimatePanel::refresh);
    refresh();
}

QString EstimatePanel::commit(const std::string& field, const QString& value) { return apply(field, value, field); }

QString EstimatePanel::apply(const std::string& field, const QString& value, const std::string& step) {
    if (!m_form.has(field)) return tr("no such field");
    const std::string typed = value.trimmed().toStdString();
    if (typed == model::estimateFieldText(m_document.scenario(), field)) {
        m_form.setProblem(field, {});
        return {};
    }
    const model::EstimateEdit edit = model::editEstimateField(m_document.scenario(), field, typed);
    m_form.setProblem(field, text(edit.problem));
    if (!edit.estimate) return m_form.problem(field);
    std::optional<model::EstimateInput> after = *edit.estimate;
    if (*after == model::EstimateInput{}) after.reset();  // an empty block is no block
    m_document.undoStack().push(new EditEstimateCommand(m_document, m_document.scenario().estimate, after, step));
    return {};
}

QString EstimatePanel::textOf(const std::string& field) const { return m_form.text(field); }

QWidget* EstimatePanel::editorOf(const std::string& field) const { return m_form.editor(field); }

void EstimatePanel::refresh() {
    const model::Scenario& scenario = m_document.scenario();
    for (const auto& field : m_form.fields()) m_form.setText(field, text(model::estimateFieldText(scenario, field)));
    for (const auto& [field, table] : m_tables) {
        const std::string rows = model::estimateFieldText(scenario, field);
        table->showObjects(rows.empty() ? model::Json::array() : model::Json::parse(rows));
    }
    m_quantities->clear();
    if (!scenario.estimate) {
        m_status->setText(tr("No estimate block yet: give the users (monthly active users and the daily ratio, or daily active users) and "
                             "their actions."));
        return;
    }
    QStringList problems;
    for (const auto& problem : model::validate(scenario))
        if (problem.severity == model::Problem::Severity::Error && problem.path.starts_with("estimate"))
            problems << text(problem.path) + ": " + text(problem.message);
    if (!problems.isEmpty()) {
        m_status->setText(tr("<b style='color:#b91c1c'>%n problem(s)</b> in the estimate block:", "", int(problems.size())) + "<br>" +
                          problems.join("<br>").toHtmlEscaped().replace("&lt;br&gt;", "<br>"));
        return;
    }
    const model::Estimate estimate = model::estimate(*scenario.estimate);
    QStringList conventions;
    for (const auto& convention : estimate.conventions)
        conventions << text(convention.meaning) + (convention.source.empty() ? QString() : " [" + text(convention.source) + "]");
    m_status->setText(tr("Conventions: %1").arg(conventions.join("; ")));
    auto* totals = new QTreeWidgetItem(m_quantities, {tr("Totals")});
    addQuantities(totals, estimate.totals, estimate.units);
    for (const auto& group : estimate.actions) addQuantities(new QTreeWidgetItem(m_quantities, {tr("action: %1").arg(text(group.name))}), group.quantities, estimate.units);
    for (const auto& group : estimate.datasets) addQuantities(new QTreeWidgetItem(m_quantities, {tr("dataset: %1").arg(text(group.name))}), group.quantities, estimate.units);
    if (estimate.keys) addQuantities(new QTreeWidgetItem(m_quantities, {tr("keys")}), estimate.keys->quantities, estimate.units);
    m_quantities->expandAll();
}

}  // namespace headroom::ui
