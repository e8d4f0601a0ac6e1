// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "model/JsonReader.h"
#include "model/Problem.h"
#include "model/Scenario.h"
#include "ui/FieldForm.h"

class QFormLayout;
class QLabel;

namespace headroom::ui {

class ObjectTable;
class HitRatioCurve;
class ProfilePreview;
class ScenarioDocument;

/// The selected component's fields, each in the file's own spelling ("5ms", "2 GiB", 4, or JSON
/// for calls and distributions), with a choice list for enumerations. A value is read and
/// validated as a file would be; a wrong one shows its problem under the field and changes
/// nothing, a right one becomes an undo command.
class InspectorPanel final : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPanel(ScenarioDocument& document, QWidget* parent = nullptr);

    /// Shows component `id` ("" for none).
    void inspect(const std::string& id);
    /// Shows call number `index` of component `caller`: its fields (to, class, times,
    /// probability, mode, request and response sizes) each in its own editor.
    void inspectCall(const std::string& caller, std::size_t index);
    /// Shows event number `index` of the scenario's events: the fields its kind of fault takes.
    void inspectEvent(std::size_t index);
    [[nodiscard]] std::optional<std::size_t> inspectedEvent() const { return m_event; }
    [[nodiscard]] const std::string& inspected() const { return m_id; }
    /// The inspected call's place in the caller's calls; none while a component is shown.
    [[nodiscard]] std::optional<std::size_t> inspectedCall() const { return m_call; }
    /// The live validation's problems: each one of what is shown appears under its field, all at
    /// once, until the value is right.
    void showProblems(model::Problems problems);
    /// Puts the cursor in a field of the inspected component.
    void focusField(const std::string& field);

    /// Sets a field as the user would by typing `text` and pressing Enter; the problem, if any.
    QString commit(const std::string& field, const QString& text);
    /// The problem shown under a field, if any.
    [[nodiscard]] QString problemOf(const std::string& field) const;
    /// What a field's editor shows.
    [[nodiscard]] QString textOf(const std::string& field) const;
    /// The editor of a field (a line edit, a spin box for counts, a combo for choices).
    [[nodiscard]] QWidget* editorOf(const std::string& field) const;

private:
    void rebuild();
    void rebuildCall(const model::Component& caller);
    void rebuildEvent();
    QString commitEventField(const std::string& field, const std::string& value);
    /// Nothing selected: the scenario's own settings, SLOs as a table.
    void rebuildSettings();
    void refreshSettings();
    /// `step`: the undo step consecutive edits merge into (the setting, or one SLO's cell).
    QString commitSetting(const std::string& setting, const std::string& value, const std::string& step);
    void refreshValues();
    /// Puts each of the live problems of what is shown under its field.
    void showStandingProblems();
    /// Where the paths of what is shown start: "components[2]", "components[2].calls[0]",
    /// "events[1]", or "" for the scenario's settings.
    [[nodiscard]] std::string shownPath() const;
    QString commitCallField(std::size_t at, const std::string& field, const std::string& value);
    /// A component's object field, key by key ("profile.at"): the parts of the object edited as
    /// fields, a profile's steps as a table and its rate drawn over the run.
    void addParts(const model::Component& component, std::string_view field, std::span<const std::string_view> parts);
    void refreshHitCurve(const model::Component& component);
    /// Sets one key of a component's object field. An object still missing required keys (a
    /// spike without its "at") is kept here, unapplied, until they are given.
    QString commitPart(std::size_t at, const std::string& field, const std::string& value);
    /// The component as JSON, with an object still being composed in place of its own.
    [[nodiscard]] model::Json shownComponent(const model::Component& component) const;
    [[nodiscard]] std::optional<std::size_t> index() const;

    ScenarioDocument& m_document;
    std::string m_id;
    std::optional<std::size_t> m_call;
    std::optional<std::size_t> m_event;  ///< an event of the strip, while one is shown
    std::map<std::string, ObjectTable*> m_tables;  ///< the SLOs and links, while the scenario's settings are shown
    ObjectTable* m_steps = nullptr;  ///< a steps profile's, while shown
    ProfilePreview* m_preview = nullptr;  ///< a client's rate over the run, while shown
    HitRatioCurve* m_hitCurve = nullptr;  ///< a keyed cache's hit ratio against its size, while shown
    /// An object field being composed that does not read yet ("profile", {"shape": "spike"}).
    std::optional<std::pair<std::string, model::Json>> m_pending;
    QFormLayout* m_layout;
    QLabel* m_heading;
    FieldForm m_form;
    model::Problems m_problems;  ///< the live validation's
};

}  // namespace headroom::ui
