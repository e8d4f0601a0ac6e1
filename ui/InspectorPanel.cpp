// SPDX-License-Identifier: MIT
#include "ui/InspectorPanel.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QTableWidget>
#include <QLabel>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <array>

#include "model/ComponentEdit.h"
#include "model/CountFields.h"
#include "model/Defaults.h"
#include "model/EnumNames.h"
#include "model/FormatKeys.h"
#include "model/Plan.h"
#include "ui/commands/EventsCommand.h"
#include "model/Validation.h"
#include "model/ChangeOverTimeFormat.h"
#include "model/JsonReader.h"
#include "model/RunDefaults.h"
#include "model/UnitFormat.h"
#include "ui/KindIcons.h"
#include "ui/ObjectTable.h"
#include "ui/HitRatioCurve.h"
#include "ui/ProfilePreview.h"
#include "ui/TypedJson.h"
#include "model/ScenarioWriter.h"
#include "ui/ScenarioDocument.h"
#include "ui/commands/ComponentCommands.h"
#include "ui/commands/SettingsCommand.h"

namespace headroom::ui {
namespace {

/// What an event's field is when left empty, with its REFERENCE row; empty for a required one.
QString eventDefault(const model::FaultEvent& event, std::string_view field) {
    namespace d = model::defaults;
    const auto seconds = [](const model::ReferenceValue& row) {
        return QString::fromStdString(model::exactDuration(model::Seconds{row.value})) + " (" + QString::fromUtf8(row.id.data()) + ")";
    };
    const auto share = [](const model::ReferenceValue& row) {
        return QString::number(row.value * 100.0) + "% (" + QString::fromUtf8(row.id.data()) + ")";
    };
    if (event.change) {
        if (field == "strategy") return QObject::tr("rolling");
        if (field == "max_unavailable") return share(d::kMaxUnavailable);
        if (field == "max_surge") return share(d::kMaxSurge);
        if (field == "start_time") return QObject::tr("its boot time, %1").arg(seconds(d::kBootTime));
        if (field == "drain") return seconds(d::kDeployDrain);
        if (field == "service_time_factor") return QObject::tr("1: as fast as now");
        return {};
    }
    if (field == "for") return QObject::tr("to the end of the run");
    if (field == "instances") return QObject::tr("1");
    if (field == "warmup") return QObject::tr("60s");
    if (field == "shard") return QObject::tr("every shard");
    return {};
}

/// The value at "retry.attempts" (an object's key, then its key), or nullptr.
const model::Json* nested(const model::Json& call, const std::string& field) {
    const auto dot = field.find('.');
    const auto outer = call.find(field.substr(0, dot));
    if (outer == call.end()) return nullptr;
    if (dot == std::string::npos) return &*outer;
    if (!outer->is_object()) return nullptr;
    const auto inner = outer->find(field.substr(dot + 1));
    return inner == outer->end() ? nullptr : &*inner;
}

/// Sets `field` of `object` to the typed `value` as a file would read it: JSON when it parses as
/// such (2, 0.5), else a string ("read", "4KB"); empty removes it. "retry.attempts" is a key of
/// the object's retry object, made when the first of its keys is set and gone when the last is
/// cleared.
void setNested(model::Json& object, const std::string& field, const std::string& value) {
    const auto dot = field.find('.');
    model::Json& inner = dot == std::string::npos ? object : object[field.substr(0, dot)];
    const std::string key = dot == std::string::npos ? field : field.substr(dot + 1);
    if (value.empty()) {
        inner.erase(key);
        if (dot != std::string::npos && inner.empty()) object.erase(field.substr(0, dot));
        return;
    }
    inner[key] = typedJson(value);
}

/// What an empty field shows: for a service time the kind's sourced default when it has one
/// ("default 200µs (O01)"), what the field means when absent, or else an example.
Hint hintOf(model::ComponentKind kind, std::string_view field) {
    if (const auto& service = model::traitsOf(kind).defaultService; field == "service_time" && service) {
        const auto shown = [](const model::ReferenceValue& row) {
            return QString::fromStdString(model::formatDuration(model::Seconds{row.value})) + " (" + QString::fromUtf8(row.id.data(), qsizetype(row.id.size())) + ")";
        };
        if (service->read.id == service->write.id) return Hint::byDefault(QObject::tr("default %1").arg(shown(service->read)));
        return Hint::byDefault(QObject::tr("default: reads %1, writes %2").arg(shown(service->read), shown(service->write)));
    }
    static const std::map<std::string_view, const char*> absent{
        {"label", "the id"},
        {"timeout", "none: callers wait"},
        {"class", "the client's id"},
        {"rate_limit", "none"},
        {"zones", "none: no zone can be lost"},
        {"retry", "none"},
        {"health_check", "every 30s; out after 2 failed, back after 5 (F01)"},
        {"failover_time", "60s (F03)"},
        {"keys", "none: give hit_ratio instead"},
        {"eviction", "lru (ttl when only a ttl is given)"},
        {"writes", "invalidate"},
        {"sharding", "hash"},
        {"replication_lag", "100ms (F04)"},
    };
    if (const auto found = absent.find(field); found != absent.end()) return Hint::byDefault(QObject::tr(found->second));
    static const std::map<std::string_view, const char*> examples{
        {"service_time", "5ms, or {\"dist\": \"lognormal\", \"mean\": \"5ms\", \"cv\": 2}"},
        {"rate", "2000/s"},
        {"hit_ratio", "0.8"},
        {"calls", "[{\"to\": \"db\"}]"},
        {"think_time", "1s"},
        {"users", "100"},
        {"memory", "512MB"},
        {"weights", "[3, 1]"},
        {"capacity", "64GiB"},
        {"capacity_items", "100000"},
        {"ttl", "5min"},
    };
    const auto found = examples.find(field);
    return found == examples.end() ? Hint::byDefault(QObject::tr("default")) : Hint::example(QString::fromUtf8(found->second));
}

/// The keys of a component's object field that the Inspector edits one by one ("profile.at"),
/// in file order; none for a field edited whole. A profile's keys are its shape's.
std::span<const std::string_view> partsOf(model::ComponentKind kind, std::string_view field, const model::Json& object) {
    namespace keys = model::keys;
    static constexpr std::array<std::string_view, 2> kFunctionCost{"per_request", "per_gb_second"};
    static constexpr std::array<std::string_view, 2> kInstanceCost{"instance_type", "per_instance_hour"};
    static constexpr std::array<std::string_view, 1> kShapeOnly{"shape"};
    if (field == "cost") return kind == model::ComponentKind::Function ? std::span<const std::string_view>(kFunctionCost) : kInstanceCost;
    if (field == "cold_start") return keys::kColdStart;
    if (field == "consumers") return keys::kConsumers;
    if (field == "autoscale") return keys::kAutoscale;
    if (field == "keys") return keys::kKeys;
    if (field != "profile") return {};
    const auto shape = object.is_object() && object.contains("shape") && object["shape"].is_string() ? object["shape"].get<std::string>() : std::string();
    if (shape == "spike") return keys::kSpikeProfile;
    if (shape == "ramp") return keys::kRampProfile;
    if (shape == "diurnal") return keys::kDiurnalProfile;
    if (shape == "steps") return keys::kStepsProfile;
    return kShapeOnly;
}

/// What an empty part of an object shows: the default the reader takes, or an example.
Hint partHint(const std::string& part) {
    static const std::map<std::string, const char*, std::less<>> absent{
        {"profile.from", "0"}, {"profile.to", "1"}, {"profile.period", "1 day"}, {"profile.peak_at", "0s, the start of the run"},
        {"consumers.workers", "1"},
        {"autoscale.target", "0.6 for cpu (F13)"}, {"autoscale.min", "the instances"}, {"autoscale.period", "60s (F10)"},
        {"autoscale.boot_time", "90s (F12)"}, {"autoscale.cooldown", "300s (F11)"}, {"autoscale.scale_in_after", "300s (F10)"},
        {"keys.popularity", "uniform"}, {"keys.write_share", "the scenario's share of writes"},
    };
    if (part == "cost.per_request")
        return Hint::byDefault(QObject::tr("default $%1 a request (C01)").arg(model::defaults::kLambdaPerRequest.value));
    if (part == "cost.per_gb_second")
        return Hint::byDefault(QObject::tr("default $%1 a GB-second (C02)").arg(model::defaults::kLambdaPerGbSecond.value));
    if (const auto found = absent.find(part); found != absent.end()) return Hint::byDefault(QObject::tr("default %1").arg(found->second));
    static const std::map<std::string, const char*, std::less<>> examples{
        {"profile.at", "30s"}, {"profile.for", "10s"}, {"profile.factor", "5"}, {"profile.over", "60s"}, {"profile.trough", "0.3"},
        {"cost.per_instance_hour", "0.096"}, {"cold_start.latency", "250ms"}, {"cold_start.probability", "0.01"},
        {"consumers.component", "worker"}, {"autoscale.max", "40"},
        {"keys.count", "10M"}, {"keys.item_size", "1KB"},
    };
    const auto found = examples.find(part);
    return found == examples.end() ? Hint::byDefault({}) : Hint::example(QString::fromUtf8(found->second));
}

/// The instance types a cost may name (REFERENCE C11), for a list of choices.
std::span<const std::string_view> instanceTypes() {
    static const std::vector<std::string_view> types = [] {
        std::vector<std::string_view> names;
        for (const auto& price : model::instancePrices()) names.push_back(price.type);
        return names;
    }();
    return types;
}

/// What an absent count means, as its spin box says it (greyed): "default 1", "unbounded".
QString absentCount(const model::CountField& count) {
    if (count.whenAbsent) return QObject::tr("default %1").arg(*count.whenAbsent);
    if (count.name == "workers" || count.name == "queue_capacity") return QObject::tr("unbounded");
    return QObject::tr("not set");
}

}  // namespace

InspectorPanel::InspectorPanel(ScenarioDocument& document, QWidget* parent)
    : QWidget(parent),
      m_document(document),
      m_layout(new QFormLayout),
      m_heading(new QLabel(this)),
      m_form(*m_layout, *this, [this](const std::string& field, const QString& text) { commit(field, text); }) {
    auto* layout = new QVBoxLayout(this);
    m_heading->setWordWrap(true);
    layout->addWidget(m_heading);
    layout->addLayout(m_layout);
    layout->addStretch(1);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
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
    connect(&m_document, &ScenarioDocument::settingsChanged, this, [this] {
        if (m_event) {
            if (*m_event >= m_document.scenario().events.size()) inspect("");  // the event is gone
            else refreshValues();
            return;
        }
        if (m_id.empty()) refreshSettings();
    });
    inspect("");
}

std::optional<std::size_t> InspectorPanel::index() const {
    const auto& components = m_document.scenario().components;
    for (std::size_t i = 0; i < components.size(); ++i)
        if (components[i].id == m_id) return i;
    return std::nullopt;
}

void InspectorPanel::inspect(const std::string& id) {
    if (id != m_id) m_pending.reset();
    m_id = id;
    m_call.reset();
    m_event.reset();
    rebuild();
}

void InspectorPanel::inspectEvent(std::size_t index) {
    m_id.clear();
    m_pending.reset();
    m_call.reset();
    m_event = index;
    rebuild();
}

void InspectorPanel::rebuildEvent() {
    const model::FaultEvent& event = m_document.scenario().events[*m_event];
    m_heading->setText(tr("<b>Event %1</b>: %2. Durations such as 60s or 2min; an empty field takes its default.")
                           .arg(*m_event + 1)
                           .arg(QString::fromStdString(model::describe(event)).toHtmlEscaped()));
    for (const std::string_view field : model::eventKeys(event)) {
        if (field == "fault") {
            m_form.addChoices(field, model::kFaultKindNames);
        } else if (field == "change") {
            m_form.addChoices(field, model::kChangeKindNames);
        } else if (field == "strategy") {
            m_form.addChoices(field, model::kDeployStrategyNames);
        } else {
            const QString byDefault = eventDefault(event, field);
            const bool scaleCount = event.change == model::ChangeKind::Scale && field == "instances";
            m_form.addLineEdit(field, byDefault.isEmpty() ? Hint{} : Hint::byDefault(byDefault), !byDefault.isEmpty() && !scaleCount);
        }
    }
}

QString InspectorPanel::commitEventField(const std::string& field, const std::string& value) {
    const model::Scenario& scenario = m_document.scenario();
    const std::string path = model::indexPath("events", *m_event);
    model::Json json = model::toJson(scenario.events[*m_event]);
    if (value == shownText(nested(json, field))) {
        m_form.setProblem(field, {});
        return {};
    }
    setNested(json, field, value);
    // Read and validated as the file would be; an event of another kind keeps only its own keys.
    model::Problems problems;
    auto edited = model::readFaultEvent(json, path, problems);
    if ((field == "fault" || field == "change") && edited) {
        const auto keys = model::eventKeys(*edited);
        for (auto it = json.begin(); it != json.end();) it = std::find(keys.begin(), keys.end(), it.key()) == keys.end() ? json.erase(it) : std::next(it);
        problems.clear();
        edited = model::readFaultEvent(json, path, problems);
    }
    std::vector<model::FaultEvent> events = scenario.events;
    if (edited) {
        events[*m_event] = *edited;
        model::Scenario candidate = scenario;
        candidate.events = events;
        for (auto& problem : model::validate(candidate))
            if (problem.path.starts_with(path) && problem.severity == model::Problem::Severity::Error) problems.push_back(std::move(problem));
    }
    if (!problems.empty()) {
        m_form.setProblem(field, QString::fromStdString(problems.front().message));
        return m_form.problem(field);
    }
    m_form.setProblem(field, {});
    m_document.undoStack().push(new EditEventsCommand(m_document, events, tr("Change the %1's %2").arg(QString::fromUtf8(model::kindName(*edited).data()),
                                                                                                     QString::fromStdString(field))));
    if (field == "fault" || field == "change" || field == "strategy") rebuild();
    return {};
}

void InspectorPanel::inspectCall(const std::string& caller, std::size_t index) {
    m_id = caller;
    m_pending.reset();
    m_call = index;
    rebuild();
}

namespace {

/// A call's keys as the file writes them, in its order.
constexpr std::array<std::string_view, 7> kCallFields{"to", "class", "times", "probability", "mode", "request_size", "response_size"};

/// A sync call's retry and circuit breaker, field by field ("retry.attempts"), with the default
/// each takes when empty (REFERENCE F05–F08).
struct PolicyField {
    std::string_view field;
    const char* placeholder;
};
constexpr std::array<PolicyField, 12> kPolicyFields{{
    {"retry.attempts", "no retries; 3 in all once set (F06)"},
    {"retry.backoff", ""},
    {"retry.base", "100ms (F06)"},
    {"retry.cap", "20s (F06)"},
    {"retry.jitter", ""},
    {"retry.on", "[\"timeout\", \"error\", \"rejected\"]"},
    {"retry.budget", "unlimited; 0.1 is Google SRE's (F07)"},
    {"circuit_breaker.failure_rate", "no breaker; 0.5 once set (F08)"},
    {"circuit_breaker.window", "100 calls (F08)"},
    {"circuit_breaker.min_calls", "20 calls (F08)"},
    {"circuit_breaker.open_for", "60s (F08)"},
    {"circuit_breaker.half_open_calls", "10 calls (F08)"},
}};


/// The caller's calls as the file has them (a JSON array).
model::Json callsOf(const model::Scenario& scenario, std::size_t at) {
    const std::string text = model::fieldText(scenario, at, "calls");
    return text.empty() ? model::Json::array() : model::Json::parse(text);
}

}  // namespace

void InspectorPanel::rebuildCall(const model::Component& caller) {
    const model::Call& call = caller.calls[*m_call];
    m_heading->setText(tr("<b>Call %1 → %2</b> — each of %1's requests makes it %3. An empty field takes its default.")
                           .arg(QString::fromStdString(caller.id).toHtmlEscaped(), QString::fromStdString(call.to).toHtmlEscaped(),
                                call.mode == model::CallMode::Async ? tr("and goes on (async)") : tr("and waits for the reply (sync)")));
    for (const std::string_view field : kCallFields) {
        if (field == "times")
            m_form.addCount(model::kCallTimesField, tr("default 1"));
        else if (field == "mode")
            m_form.addChoices(field, model::kCallModeNames);
        else
            m_form.addLineEdit(field, Hint::byDefault(field == "to" ? QString() : field == "class" ? tr("every class") : field == "probability" ? tr("1, always") : tr("none")),
                               field != "to");
    }
    if (call.mode == model::CallMode::Async) return;  // nobody waits for an async reply: nothing to retry or break
    for (const PolicyField& policy : kPolicyFields) {
        if (policy.field == "retry.backoff")
            m_form.addChoices(policy.field, model::kBackoffNames);
        else if (policy.field == "retry.jitter")
            m_form.addChoices(policy.field, model::kJitterNames);
        else
            m_form.addLineEdit(policy.field, Hint::byDefault(tr(policy.placeholder)));
    }
}

void InspectorPanel::rebuild() {
    m_form.clear();
    m_tables.clear();
    m_steps = nullptr;
    m_preview = nullptr;
    m_hitCurve = nullptr;
    if (m_event && *m_event < m_document.scenario().events.size()) {
        rebuildEvent();
        refreshValues();
        return;
    }
    m_event.reset();
    const auto at = index();
    if (!at) {
        rebuildSettings();
        return;
    }
    const model::Component& component = m_document.scenario().components[*at];
    if (m_call && *m_call >= component.calls.size()) m_call.reset();  // the call is gone
    if (m_call) {
        rebuildCall(component);
        refreshValues();
        return;
    }
    m_heading->setText(tr("<b>%1</b> — %2. Values are written as in the file: 5ms, 2 GiB, 2000/s; an empty field takes its default.")
                           .arg(QString::fromStdString(component.id).toHtmlEscaped(), kindLabel(component.kind)));
    for (const auto field : model::editableFields(component.kind)) {
        if (field == "kind")
            m_form.addText(field, kindLabel(component.kind));
        else if (const auto count = model::countField(field))
            // Whole numbers get a spin box: dragging or scrolling it re-solves the model at every
            // step, and the steps merge into one undo command.
            m_form.addCount(*count, absentCount(*count));
        else if (const auto choices = model::choicesOf(field); !choices.empty())
            m_form.addChoices(field, choices);
        else if (const auto parts = partsOf(component.kind, field, shownComponent(component)[std::string(field)]); !parts.empty())
            addParts(component, field, parts);
        else
            m_form.addLineEdit(field, hintOf(component.kind, field), field != "id");
    }
    refreshValues();
}

void InspectorPanel::refreshValues() {
    if (m_event) {
        const model::Json json = model::toJson(m_document.scenario().events[*m_event]);
        for (const auto& field : m_form.fields()) m_form.setText(field, QString::fromStdString(shownText(nested(json, field))));
        showStandingProblems();
        return;
    }
    const auto at = index();
    if (!at) {
        refreshSettings();
        return;
    }
    if (m_call) {
        const model::Json calls = callsOf(m_document.scenario(), *at);
        if (*m_call >= calls.size()) return rebuild();
        const model::Json& call = calls[*m_call];
        for (const auto& field : m_form.fields()) {
            const model::Json* value = nested(call, field);
            m_form.setText(field, QString::fromStdString(shownText(value)));
        }
        showStandingProblems();
        return;
    }
    const model::Component& component = m_document.scenario().components[*at];
    const model::Json json = shownComponent(component);
    for (const auto& field : m_form.fields()) m_form.setText(field, QString::fromStdString(shownText(nested(json, field))));
    if (m_steps) {
        const model::Json* steps = nested(json, "profile.steps");
        m_steps->showObjects(steps ? *steps : model::Json::array());
    }
    if (m_preview)
        m_preview->showProfile(component.profile, component.rate ? std::optional(component.rate->value) : std::nullopt,
                               runSeconds(m_document.scenario()));
    if (m_hitCurve) refreshHitCurve(component);
    showStandingProblems();
}

QString InspectorPanel::commitSetting(const std::string& setting, const std::string& value, const std::string& step) {
    const model::Scenario& scenario = m_document.scenario();
    if (value == model::settingText(scenario, setting)) {
        m_form.setProblem(setting, {});
        return {};
    }
    const model::SettingEdit edit = model::editSetting(scenario, setting, value);
    m_form.setProblem(setting, QString::fromStdString(edit.problem));
    if (!edit.settings) return m_form.problem(setting);
    m_document.undoStack().push(new EditSettingsCommand(m_document, model::settingsOf(scenario), *edit.settings, step));
    return {};
}

namespace {

/// What an empty setting shows: the run's defaults as the simulator takes them, else an example.
Hint settingHint(std::string_view setting) {
    namespace run = model::run_defaults;
    if (setting == "run.duration") return Hint::byDefault(QObject::tr("default %1").arg(QString::fromStdString(model::exactDuration(model::Seconds{run::kDuration}))));
    if (setting == "run.warmup") return Hint::byDefault(QObject::tr("default %1% of the duration").arg(run::kWarmupFraction * 100.0));
    if (setting == "run.seed") return Hint::byDefault(QObject::tr("default %1").arg(run::kSeed));
    if (setting == "description") return Hint::example(QObject::tr("a URL shortener that serves redirects from a cache"));
    if (setting == "defaults") return Hint::example(QString::fromUtf8("{\"link_latency\": \"250us\"}"));
    if (setting == "events") return Hint::byDefault(QObject::tr("none: right-click a box to add a fault"));
    return Hint::byDefault({});
}

}  // namespace

void InspectorPanel::rebuildSettings() {
    m_heading->setText(tr("<b>The scenario</b> — select a component or a call to see its fields instead. "
                          "An empty field takes its default."));
    for (const std::string_view setting : model::settingFields()) {
        if (setting == "run.replications") {
            model::CountField replications = model::kReplicationsField;
            replications.name = setting;
            m_form.addCount(replications, tr("default %1").arg(model::run_defaults::kReplications));
        } else if (setting == "slo" || setting == "links") {
            // One SLO, or one link, a row.
            auto* table = new ObjectTable(setting == "slo" ? std::span<const std::string_view>(model::keys::kSlo) : model::keys::kLink, this);
            connect(table, &ObjectTable::edited, this, [this, name = std::string(setting)](const QString& rows, const QString& cell) {
                if (m_form.has(name)) commitSetting(name, rows.toStdString(), name + cell.toStdString());
            });
            m_tables[std::string(setting)] = table;
            m_form.addEditor(setting, table);
        } else {
            m_form.addLineEdit(setting, settingHint(setting), setting != "name");
        }
    }
    refreshSettings();
}

void InspectorPanel::refreshSettings() {
    const model::Scenario& scenario = m_document.scenario();
    for (const auto& field : m_form.fields())
        if (!m_tables.contains(field)) m_form.setText(field, QString::fromStdString(model::settingText(scenario, field)));
    for (const auto& [setting, table] : m_tables) {
        const std::string rows = model::settingText(scenario, setting);
        table->showObjects(rows.empty() ? model::Json::array() : model::Json::parse(rows));
    }
    showStandingProblems();
}

QString InspectorPanel::commitCallField(std::size_t at, const std::string& field, const std::string& value) {
    const model::Scenario& scenario = m_document.scenario();
    model::Json calls = callsOf(scenario, at);
    if (*m_call >= calls.size()) return tr("the call is gone");
    model::Json& call = calls[*m_call];
    if (value == shownText(nested(call, field))) {
        m_form.setProblem(field, {});
        return {};  // unchanged: no command
    }
    setNested(call, field, value);
    const model::FieldEdit edit = model::editField(scenario, at, "calls", calls.dump());
    m_form.setProblem(field, QString::fromStdString(edit.problem));
    if (!edit.component) return m_form.problem(field);
    // Edits of one field of one call merge (a spin box stepped); another field is another step.
    m_document.undoStack().push(new EditComponentCommand(m_document, scenario.components[at], *edit.component,
                                                         "calls[" + std::to_string(*m_call) + "]." + field));
    return {};
}

model::Json InspectorPanel::shownComponent(const model::Component& component) const {
    model::Json json = model::toJson(component);
    if (m_pending) json[m_pending->first] = m_pending->second;
    return json;
}

void InspectorPanel::addParts(const model::Component& component, std::string_view field, std::span<const std::string_view> parts) {
    for (const std::string_view part : parts) {
        const std::string name = std::string(field) + "." + std::string(part);
        if (name == "profile.shape") {
            m_form.addChoices(name, model::kProfileShapeNames);
        } else if (name == "autoscale.metric") {
            m_form.addChoices(name, model::kAutoscaleMetricNames);
        } else if (name == "cost.instance_type") {
            m_form.addChoices(name, instanceTypes());
        } else if (name == "profile.steps") {
            m_steps = new ObjectTable(model::keys::kProfileStep, this);
            connect(m_steps, &ObjectTable::edited, this, [this](const QString& steps, const QString&) { commit("profile.steps", steps); });
            m_form.addEditor(name, m_steps);
        } else {
            m_form.addLineEdit(name, partHint(name));
        }
    }
    if (field == "profile" && component.kind == model::ComponentKind::Client) {
        m_preview = new ProfilePreview(this);
        m_form.addEditor("rate over the run", m_preview);
    }
    if (field == "keys" && model::traitsOf(component.kind).answersHits) {
        m_hitCurve = new HitRatioCurve(this);
        m_form.addEditor("hit ratio by size", m_hitCurve);
    }
}

void InspectorPanel::refreshHitCurve(const model::Component& component) {
    // The cache as the engines see it: the plan's, with the reads and writes the traffic brings.
    const model::Compiled compiled = model::compilePlan(m_document.scenario());
    const model::PlanPool* pool = nullptr;
    if (compiled.plan)
        for (const auto& each : compiled.plan->pools)
            if (each.keyedCache && m_document.scenario().components[each.component].id == component.id) pool = &each;
    const bool drawn = pool && pool->keyedCache->cache.eviction != model::Eviction::Ttl && pool->keyedCache->cache.capacityItems >= 1.0;
    m_hitCurve->setVisible(drawn);
    if (drawn) m_hitCurve->showCache(pool->keys->popularity, pool->keyedCache->cache, pool->keys->itemBytes);
}

QString InspectorPanel::commitPart(std::size_t at, const std::string& field, const std::string& value) {
    const model::Scenario& scenario = m_document.scenario();
    const model::Component& component = scenario.components[at];
    const std::string outer = field.substr(0, field.find('.'));
    model::Json json = shownComponent(component);
    if (value == shownText(nested(json, field))) {
        m_form.setProblem(field, {});
        return {};
    }
    setNested(json, field, value);
    model::Json object = json.contains(outer) ? json[outer] : model::Json::object();
    const bool reshaped = field == "profile.shape";
    if (reshaped) {  // a profile of another shape keeps only the keys that shape takes
        const auto keys = partsOf(component.kind, outer, object);
        for (auto it = object.begin(); it != object.end();)
            it = std::find(keys.begin(), keys.end(), it.key()) == keys.end() ? object.erase(it) : std::next(it);
    }
    const std::string text = object.empty() ? std::string() : object.dump();
    for (const auto& part : m_form.fields())
        if (part.starts_with(outer + ".")) m_form.setProblem(part, {});
    if (text == model::fieldText(scenario, at, outer)) {  // back to what the document holds
        m_pending.reset();
        if (reshaped) rebuild();
        else refreshValues();
        return {};
    }
    const model::FieldEdit edit = model::editField(scenario, at, outer, text);
    if (!edit.component) {
        if (!std::all_of(edit.problems.begin(), edit.problems.end(), model::saysMissing)) {
            m_form.setProblem(field, QString::fromStdString(edit.problem));
            return m_form.problem(field);
        }
        // Not whole yet: kept here, each missing key named under its field, until it reads.
        m_pending.emplace(outer, object);
        if (reshaped) rebuild();
        else refreshValues();
        const std::string prefix = model::indexPath("components", at) + ".";
        QStringList missing;
        for (const model::Problem& problem : edit.problems) {
            const std::string part = problem.path.starts_with(prefix) ? problem.path.substr(prefix.size()) : problem.path;
            m_form.setProblem(part, QString::fromStdString(problem.message));
            missing << QString::fromStdString(part.substr(outer.size() + 1));
        }
        if (m_form.problem(field).isEmpty())
            m_form.setProblem(field, tr("not applied yet: give %1 as well").arg(missing.join(tr(" and "))));
        return {};
    }
    m_pending.reset();
    // Edits of one key merge (typed again, stepped); another key is another step.
    m_document.undoStack().push(new EditComponentCommand(m_document, component, *edit.component, field));
    if (reshaped) rebuild();
    return {};
}

QString InspectorPanel::commit(const std::string& field, const QString& text) {
    if (m_event && m_form.has(field)) return commitEventField(field, text.trimmed().toStdString());
    const auto at = index();
    if (!at && m_form.has(field)) return commitSetting(field, text.trimmed().toStdString(), field);
    if (!at || !m_form.has(field)) return tr("no such field");
    const model::Scenario& scenario = m_document.scenario();
    const std::string value = text.trimmed().toStdString();
    if (m_call) return commitCallField(*at, field, value);
    if (field.find('.') != std::string::npos) return commitPart(*at, field, value);
    if (value == model::fieldText(scenario, *at, field)) {
        m_form.setProblem(field, {});
        return {};
    }
    const model::FieldEdit edit = model::editField(scenario, *at, field, value);
    m_form.setProblem(field, QString::fromStdString(edit.problem));
    if (!edit.component) return m_form.problem(field);
    if (field == "id")
        m_document.undoStack().push(new RenameComponentCommand(m_document, m_id, edit.component->id));
    else
        m_document.undoStack().push(new EditComponentCommand(m_document, scenario.components[*at], *edit.component, field));
    return {};
}

void InspectorPanel::showProblems(model::Problems problems) {
    m_problems = std::move(problems);
    showStandingProblems();
}

std::string InspectorPanel::shownPath() const {
    if (m_event) return model::indexPath("events", *m_event);
    const auto at = index();
    if (!at) return {};
    const std::string component = model::indexPath("components", *at);
    return m_call ? model::indexPath(component + ".calls", *m_call) : component;
}

void InspectorPanel::showStandingProblems() {
    const std::string prefix = shownPath();
    for (const std::string& field : m_form.fields()) {
        // "components[2].rate", or deeper: "components[2].service_time.read", "….calls[0].to".
        const std::string path = prefix.empty() ? field : prefix + "." + field;
        QStringList found;
        for (const model::Problem& problem : m_problems) {
            if (problem.severity != model::Problem::Severity::Error || !model::isUnder(problem.path, path)) continue;
            const std::string_view rest = std::string_view(problem.path).substr(path.size());
            found << (rest.empty() ? QString() : QString::fromUtf8(rest.data() + (rest.front() == '.'), qsizetype(rest.size() - (rest.front() == '.'))) + ": ") +
                         QString::fromStdString(problem.message);
        }
        m_form.setStandingProblem(field, found.join('\n'));
    }
}

void InspectorPanel::focusField(const std::string& field) {
    if (QWidget* editor = m_form.editor(field)) editor->setFocus();
}

QWidget* InspectorPanel::editorOf(const std::string& field) const { return m_form.editor(field); }

QString InspectorPanel::problemOf(const std::string& field) const { return m_form.problem(field); }

QString InspectorPanel::textOf(const std::string& field) const { return m_form.text(field); }

}  // namespace headroom::ui
