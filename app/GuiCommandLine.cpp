// SPDX-License-Identifier: MIT
#include "app/GuiCommandLine.h"

#include "cli/ManPage.h"

namespace headroom::app {
namespace {

constexpr const char* kDescription = "Headroom: capacity estimation and system design";
constexpr const char* kFileArgument = "A scenario to open (*.headroom.json)";

std::string optionTerm(const QCommandLineOption& option) {
    std::string term;
    for (const QString& name : option.names()) term += (term.empty() ? "" : ", ") + std::string(name.size() == 1 ? "-" : "--") + name.toStdString();
    if (!option.valueName().isEmpty()) term += ' ' + option.valueName().toStdString();
    return term;
}

}  // namespace

void GuiCommandLine::addTo(QCommandLineParser& parser) const {
    parser.setApplicationDescription(kDescription);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("file", kFileArgument);
    parser.addOptions(options());
}

std::string guiManual(const GuiCommandLine& commandLine, const std::string& version) {
    cli::ManPage page{.name = "headroom", .version = "headroom " + version, .summary = kDescription};
    page.synopsis = {"headroom [FILE]", "headroom --screenshot OUT.png [--simulate] [--panel NAME] FILE", "headroom --help | --version"};
    page.sections.push_back(
        {.title = "Description",
         .paragraphs = {"headroom opens a scenario (*.headroom.json) as a diagram: clients, CDNs, load balancers, API "
                        "gateways, services, functions, caches, databases, queues and object stores, joined by the calls "
                        "between them. Every edit is analysed at once by the queueing-network solver: each box shows its "
                        "arrival rate, utilization and response time, and the bottleneck is outlined.",
                        "The Analysis dock lists SLOs, per-class latency and per-component load; the Estimate dock shows the "
                        "back-of-envelope estimate with every formula and its sources; the Simulation dock (F5) runs the "
                        "discrete-event simulator through headroom-cli and shows percentiles with 95% confidence intervals.",
                        "Files are saved in the same canonical form headroom-cli format writes, so they diff well; a copy of "
                        "unsaved work is kept every 15 seconds and offered again after a crash.",
                        "Without a display, headroom FILE prints headroom-cli analyze FILE instead of opening a window."}});
    cli::ManSection options{.title = "Options", .entries = {{"FILE", kFileArgument}}};
    for (const QCommandLineOption& option : commandLine.options())
        options.entries.push_back({optionTerm(option), option.description().toStdString()});
    options.entries.push_back({"-h, --help", "Print the options and exit"});
    options.entries.push_back({"--help-all", "Print the options and Qt's own (such as -platform and -style), and exit"});
    options.entries.push_back({"-v, --version", "Print the version and exit"});
    page.sections.push_back(std::move(options));
    page.sections.push_back({.title = "Environment",
                             .entries = {{"QT_QPA_PLATFORM", "offscreen renders without a display (as --screenshot does by itself)"}}});
    page.sections.push_back({.title = "Files",
                             .entries = {{"/usr/share/headroom/scenarios", "Example scenarios to open"},
                                         {"~/.local/share/Headroom/Headroom/recovery", "Autosaved copies of unsaved work"}}});
    page.sections.push_back({.title = "See also", .paragraphs = {"headroom-cli(1), the same engines from the command line and in CI."}});
    return cli::toRoff(page);
}

}  // namespace headroom::app
