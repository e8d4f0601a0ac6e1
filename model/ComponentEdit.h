// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/Problem.h"
#include "model/Scenario.h"

/// One field of one component, as an editor shows and changes it: in the file's own spelling
/// ("5ms", 4, {"dist": "lognormal", …}), read and validated by the same code as a file.
namespace headroom::model {

/// What a field holds, as text: a string as it is, anything else as compact JSON; "" when absent.
[[nodiscard]] std::string fieldText(const Scenario& scenario, std::size_t component, std::string_view field);

struct FieldEdit {
    std::optional<Component> component;  ///< the component with the new value, when it is valid
    std::string problem;                 ///< else what is wrong with it, as validation says it
    Problems problems;                   ///< and every problem at the field or below it, in file order
};

/// Component `component` of `scenario` with `field` set to `text` (empty: the field removed, so
/// its default applies). The text is JSON when it parses as such (4, 0.9, {…}), else a string
/// ("5ms", "api"). The result is refused with the reader's or validation's message when either
/// finds a problem in that field.
[[nodiscard]] FieldEdit editField(const Scenario& scenario, std::size_t component, std::string_view field, const std::string& text);

/// A component of `kind` as the canvas adds it: whatever a source lets it start with (a cache or
/// a CDN answers 80 % of reads, REFERENCE T13), so that what it still needs is the user's to say.
[[nodiscard]] Component startingComponent(ComponentKind kind, std::string id);

/// The fields an editor offers for a kind, in file order (id, label and kind first).
[[nodiscard]] std::vector<std::string_view> editableFields(ComponentKind kind);

/// The same for a field of the `estimate` block ("monthly_active_users", "actions", …).
[[nodiscard]] std::string estimateFieldText(const Scenario& scenario, std::string_view field);

struct EstimateEdit {
    std::optional<EstimateInput> estimate;  ///< the block with the new value, when it is valid
    std::string problem;
};
[[nodiscard]] EstimateEdit editEstimateField(const Scenario& scenario, std::string_view field, const std::string& text);

/// The fields of the estimate block an editor offers, in file order.
[[nodiscard]] std::span<const std::string_view> estimateFields();

/// What a scenario says of itself, beside its components and estimate: the settings an editor
/// shows when nothing is selected.
struct ScenarioSettings {
    std::string name;
    std::optional<std::string> description;
    std::vector<Link> links;
    std::vector<Slo> slos;
    std::optional<RunSettings> run;
    std::optional<ScenarioDefaults> defaults;
    std::vector<FaultEvent> events;
    friend bool operator==(const ScenarioSettings&, const ScenarioSettings&) = default;
};
[[nodiscard]] ScenarioSettings settingsOf(const Scenario& scenario);
void applySettings(Scenario& scenario, const ScenarioSettings& settings);

/// The settings an editor offers, in file order: "name", "description", "run.duration",
/// "run.warmup", "run.replications", "run.seed", "slo", "events", "links", "defaults".
[[nodiscard]] std::span<const std::string_view> settingFields();
/// A setting as text, in the file's spelling ("" when absent; lists and objects as JSON).
[[nodiscard]] std::string settingText(const Scenario& scenario, std::string_view setting);
struct SettingEdit {
    std::optional<ScenarioSettings> settings;  ///< with the new value, when it is valid
    std::string problem;
};
/// The settings with one of them set to `text` (removed when empty), read and validated as a
/// file is; refused with the first problem at that setting.
[[nodiscard]] SettingEdit editSetting(const Scenario& scenario, std::string_view setting, const std::string& text);

/// The names an enumerated field takes ("algorithm": round_robin, …); empty for other fields.
[[nodiscard]] std::span<const std::string_view> choicesOf(std::string_view field);

}  // namespace headroom::model
