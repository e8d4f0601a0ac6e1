// SPDX-License-Identifier: MIT
#include "cli/CliManual.h"

#include <CLI/CLI.hpp>

namespace headroom::cli {
namespace {

bool repeats(const CLI::Option& option) { return option.get_expected_max() >= CLI::detail::expected_max_vector_size; }

/// "FILE", "FILES..."
std::string positionalTerm(const CLI::Option& option) {
    return upperCase(option.get_name(true, false)) + (repeats(option) ? "..." : "");
}

/// CLI11 spells a value's name and its checks as one "N:INT in [1 - 1000]": the name, then the check.
std::pair<std::string, std::string> valueNameAndCheck(const CLI::Option& option) {
    if (option.get_type_size() == 0) return {};
    const std::string type = option.get_type_name();
    const std::size_t colon = type.find(':');
    if (colon == std::string::npos) return {type, ""};
    return {type.substr(0, colon), type.substr(colon + 1)};
}

/// "-q, --quiet" or "--seed N": the option's names as typed, and its value's name.
std::string optionTerm(const CLI::Option& option) {
    std::string term;
    for (const std::string& name : option.get_snames()) term += (term.empty() ? "-" : ", -") + name;
    for (const std::string& name : option.get_lnames()) term += (term.empty() ? "--" : ", --") + name;
    if (const std::string value = valueNameAndCheck(option).first; !value.empty()) term += ' ' + value;
    return term;
}

/// "--quiet", "--jobs N": one name, as a synopsis shows it.
std::string synopsisTerm(const CLI::Option& option) {
    std::string term = option.get_lnames().empty() ? "-" + option.get_snames().front() : "--" + option.get_lnames().front();
    if (const std::string value = valueNameAndCheck(option).first; !value.empty()) term += ' ' + value;
    return term;
}

/// The option's help text, and what values it takes when it checks them: "… (INT in [1 - 1000])".
std::string optionText(const CLI::Option& option) {
    const std::string check = valueNameAndCheck(option).second;
    return option.get_description() + (check.empty() ? "" : " (" + check + ")");
}

std::vector<const CLI::Option*> visibleOptions(const CLI::App& command) {
    return command.get_options([&](const CLI::Option* option) {
        return !option->get_group().empty() && option != command.get_help_ptr();
    });
}

std::string usage(const CLI::App& app, const CLI::App& command) {
    std::string line = app.get_name() + ' ' + command.get_name();
    for (const CLI::Option* option : visibleOptions(command))
        if (option->nonpositional()) line += " [" + synopsisTerm(*option) + ']';
    for (const CLI::Option* option : visibleOptions(command))
        if (!option->nonpositional()) line += ' ' + (option->get_required() ? positionalTerm(*option) : '[' + positionalTerm(*option) + ']');
    return line;
}

}  // namespace

ManPage cliManual(const CLI::App& app, std::span<const ExitCodeMeaning> exitCodes, std::string_view examples) {
    const auto commands = app.get_subcommands([](const CLI::App* command) { return !command->get_group().empty(); });
    ManPage page{.name = app.get_name(), .version = app.get_version_ptr() ? app.version() : app.get_name()};
    page.summary = app.get_description();
    for (const CLI::App* command : commands) page.synopsis.push_back(usage(app, *command));
    page.synopsis.push_back(app.get_name() + " --help | --version");

    page.sections.push_back({.title = "Description",
                             .paragraphs = {app.get_name() + " reads scenario files (*.headroom.json): a system of clients, "
                                            "load balancers, services, caches, databases and queues, with its workload. Each "
                                            "command answers one question about it; every command prints text for people, "
                                            "and the ones that compute results print JSON with --json.",
                                            "Every problem in a file is reported at once, as FILE: path: message, with the "
                                            "JSON path of the value at fault."}});
    page.sections.push_back({.title = "Commands"});
    for (const CLI::App* command : commands) {
        ManSection section{.title = usage(app, *command), .subsection = true, .paragraphs = {command->get_description()}};
        for (const CLI::Option* option : visibleOptions(*command))
            section.entries.push_back({option->nonpositional() ? optionTerm(*option) : positionalTerm(*option), optionText(*option)});
        page.sections.push_back(std::move(section));
    }
    ManSection options{.title = "Options"};
    if (const CLI::Option* help = app.get_help_ptr()) options.entries.push_back({optionTerm(*help), "Print the commands, or with a command its options, and exit"});
    if (const CLI::Option* version = app.get_version_ptr()) options.entries.push_back({optionTerm(*version), version->get_description()});
    page.sections.push_back(std::move(options));

    ManSection exitStatus{.title = "Exit status"};
    for (const ExitCodeMeaning& exit : exitCodes) exitStatus.entries.push_back({std::to_string(exit.code), std::string(exit.meaning)});
    page.sections.push_back(std::move(exitStatus));
    page.sections.push_back({.title = "Examples", .preformatted = std::string(examples)});
    page.sections.push_back({.title = "Files",
                             .entries = {{"/usr/share/headroom/scenarios",
                                          "Example scenarios, from an estimate-only exercise to a news feed with a simulator run"}}});
    page.sections.push_back({.title = "See also",
                             .paragraphs = {"headroom(1), the desktop app on the same files. The scenario format, the engines and "
                                            "their assumptions are documented in docs/ of the source and at /usr/share/doc/headroom."}});
    return page;
}

}  // namespace headroom::cli
