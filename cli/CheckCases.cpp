// SPDX-License-Identifier: MIT
#include "cli/CheckCases.h"

#include <cmath>

#include "cli/XmlText.h"
#include "model/UnitFormat.h"

namespace headroom::cli {
namespace {

using Outcome = CheckCase::Outcome;

std::string duration(double seconds) { return model::formatDuration(model::Seconds{seconds}); }
std::string percent(double fraction, int significant = 5) { return model::formatNumber(fraction * 100.0, significant) + "%"; }

CheckCase objectiveCase(const model::SloOutcome& slo, std::size_t index, const model::RunResult& result) {
    CheckCase out{model::objectiveName(slo), "slo", Outcome::Passed, "", "", "slo[" + std::to_string(index) + "]"};
    const bool simulated = result.engine == "simulation";
    if (!slo.value) {
        if (slo.availability && !simulated) {
            out.outcome = Outcome::Skipped;
            out.message = "only the simulator measures availability: check with --engine simulate";
        } else {
            out.outcome = Outcome::Failed;
            out.message = simulated ? "no finite value: more than " + model::formatNumber(100.0 - slo.percentile) + "% of its requests failed, or the run stopped"
                                    : "no finite value: a station on the class's path is saturated";
        }
        return out;
    }
    if (slo.availability) {
        const model::ClassMetrics* cls = model::findClass(result, slo.requestClass);
        std::optional<double> half;
        if (cls) half = cls->availabilityCi95;
        out.message = percent(*slo.value) + (half ? " ± " + percent(*half, 2) : "") + " of requests answered, target ≥ " + percent(slo.target);
    } else {
        const model::ClassMetrics* cls = model::findClass(result, slo.requestClass);
        std::optional<double> half;
        if (cls) half = model::percentileHalfWidth(*cls, slo.percentile);
        out.message = (slo.approximate ? "~" : "") + duration(*slo.value) + (half ? " ± " + duration(*half) : "") + ", target ≤ " + duration(slo.target);
        if (slo.met == false) out.message += ": over by " + model::formatNumber((*slo.value / slo.target - 1.0) * 100.0, 2) + "%";
        if (slo.approximate) out.message += " (approximate percentile)";
    }
    if (slo.met == false) out.outcome = Outcome::Failed;
    return out;
}

CheckCase capacityCase(const model::ComponentMetrics& component, std::size_t index) {
    CheckCase out{component.id + " keeps up", "capacity", Outcome::Passed, "", "", "components[" + std::to_string(index) + "]"};
    const model::PoolMetrics& total = component.total;
    const std::string offered = model::formatRate(model::PerSecond{total.arrivalRate}) + " offered to " + std::to_string(total.instances) +
                                (total.instances == 1 ? " instance" : " instances");
    if (!total.stable) {
        out.outcome = Outcome::Failed;
        out.message = "saturated: " + offered + ", more than it can serve; its queue grows without bound";
        return out;
    }
    out.message = offered + (total.utilization ? ", " + percent(*total.utilization, 3) + " busy" : std::string());
    return out;
}

}  // namespace

std::vector<CheckCase> checkCases(const model::Scenario& scenario, const model::RunResult& result) {
    std::vector<CheckCase> cases;
    // result.slo follows scenario.slos, one outcome each.
    for (std::size_t i = 0; i < result.slo.size(); ++i) cases.push_back(objectiveCase(result.slo[i], i, result));
    for (const auto& component : result.components) {
        std::size_t index = 0;
        while (index < scenario.components.size() && scenario.components[index].id != component.id) ++index;
        cases.push_back(capacityCase(component, index));
    }
    if (result.engine == "simulation") {
        CheckCase run{"the run completes", "run", Outcome::Passed, "no request piled up beyond the limit in flight", "", "run"};
        if (!result.stable) {
            run.outcome = Outcome::Failed;
            run.message = "the run stopped early because requests piled up";
            for (const auto& note : result.notes)
                if (note.starts_with("unstable: ")) run.message = note.substr(10);
        }
        cases.push_back(run);
    }
    return cases;
}

std::vector<CheckCase> invalidFileCases(const model::Problems& problems) {
    std::vector<CheckCase> cases;
    for (const auto& problem : problems) {
        if (problem.severity != model::Problem::Severity::Error) continue;
        cases.push_back({problem.path.empty() ? "the file is valid" : "valid: " + problem.path, "file", Outcome::Error, problem.message, "", problem.path});
    }
    return cases;
}

CheckCase unreadableFileCase(const std::string& reason) { return {"the file can be read", "file", Outcome::Error, reason, "", ""}; }

CaseCounts countCases(const std::vector<CheckCase>& cases) {
    CaseCounts counts;
    for (const auto& c : cases) {
        ++counts.total;
        counts.failed += c.outcome == Outcome::Failed;
        counts.skipped += c.outcome == Outcome::Skipped;
        counts.errors += c.outcome == Outcome::Error;
    }
    return counts;
}

namespace {

/// "scenarios/news-feed.headroom.json" → "news-feed": the stem a class name starts with (dots
/// would read as Java packages to Jenkins).
std::string fileStem(const std::string& file) {
    std::string stem = file.substr(file.find_last_of('/') + 1);
    for (const std::string_view suffix : {".headroom.json", ".json"})
        if (stem.size() > suffix.size() && stem.ends_with(suffix)) {
            stem.resize(stem.size() - suffix.size());
            break;
        }
    for (char& c : stem)
        if (c == '.') c = '_';
    return stem;
}

std::string attribute(std::string_view name, std::string_view value) { return " " + std::string(name) + "=\"" + xmlEscaped(value) + "\""; }

/// A GitHub workflow command's message and property values, escaped as the runner expects.
std::string workflowEscaped(std::string_view text, bool property) {
    std::string out;
    for (const char c : text) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else if (property && c == ':') out += "%3A";
        else if (property && c == ',') out += "%2C";
        else out += c;
    }
    return out;
}

}  // namespace

std::string junitXml(const std::vector<CheckedFile>& files) {
    CaseCounts all;
    for (const auto& file : files) all += countCases(file.cases);
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    xml += "<testsuites" + attribute("name", "headroom-cli check") + attribute("tests", std::to_string(all.total)) +
           attribute("failures", std::to_string(all.failed)) + attribute("errors", std::to_string(all.errors)) + ">\n";
    for (std::size_t s = 0; s < files.size(); ++s) {
        const CheckedFile& file = files[s];
        const CaseCounts counts = countCases(file.cases);
        xml += "  <testsuite" + attribute("name", file.file) + attribute("tests", std::to_string(counts.total)) +
               attribute("failures", std::to_string(counts.failed)) + attribute("errors", std::to_string(counts.errors)) +
               attribute("skipped", std::to_string(counts.skipped)) + attribute("id", std::to_string(s)) + ">\n";
        std::vector<std::pair<std::string, std::string>> properties{{"file", file.file}};
        if (!file.engine.empty()) properties.emplace_back("engine", file.engine);
        properties.insert(properties.end(), file.properties.begin(), file.properties.end());
        xml += "    <properties>\n";
        for (const auto& [name, value] : properties) xml += "      <property" + attribute("name", name) + attribute("value", value) + "/>\n";
        xml += "    </properties>\n";
        const std::string stem = fileStem(file.file);
        for (const auto& c : file.cases) {
            xml += "    <testcase" + attribute("name", c.name) + attribute("classname", stem + "." + c.group);
            if (c.outcome == Outcome::Passed) {
                xml += "/>\n";
                continue;
            }
            xml += ">\n      ";
            const std::string body = xmlEscaped(file.file + (c.path.empty() ? "" : ": " + c.path) + ": " + c.message + (c.detail.empty() ? "" : "\n" + c.detail));
            switch (c.outcome) {
                case Outcome::Failed: xml += "<failure" + attribute("message", c.message) + attribute("type", c.group) + ">" + body + "</failure>"; break;
                case Outcome::Error: xml += "<error" + attribute("message", c.message) + attribute("type", c.group) + ">" + body + "</error>"; break;
                case Outcome::Skipped: xml += "<skipped>" + body + "</skipped>"; break;
                case Outcome::Passed: break;
            }
            xml += "\n    </testcase>\n";
        }
        xml += "  </testsuite>\n";
    }
    xml += "</testsuites>\n";
    return xml;
}

std::string githubAnnotations(const CheckedFile& file, const std::vector<int>& lines) {
    std::string out;
    for (std::size_t i = 0; i < file.cases.size(); ++i) {
        const CheckCase& c = file.cases[i];
        if (c.outcome == Outcome::Passed) continue;
        out += c.outcome == Outcome::Skipped ? "::warning" : "::error";
        out += " file=" + workflowEscaped(file.file, true);
        if (i < lines.size()) out += ",line=" + std::to_string(lines[i]);
        out += ",title=" + workflowEscaped("headroom check: " + c.name, true) + "::" + workflowEscaped(c.message, false) + "\n";
    }
    return out;
}

}  // namespace headroom::cli
