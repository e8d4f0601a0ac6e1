// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>

#include <string>

/// The desktop app's command line, declared once for its parser and for its manual page.
namespace headroom::app {

struct GuiCommandLine {
    QCommandLineOption screenshot{"screenshot", "Render the window with FILE and its analysis to OUT.png, then exit.", "OUT.png"};
    QCommandLineOption simulate{"simulate", "With --screenshot: run the simulation first and show its results."};
    QCommandLineOption panel{"panel", "With --screenshot: bring this panel to the front: analysis, simulation, sweep, estimate or practice.", "NAME"};
    QCommandLineOption practice{"practice", "Practise this challenge (a name from headroom-cli challenge list); FILE, if given, is opened as the design. With --screenshot and --simulate: submit it and show the score card.", "NAME"};
    QCommandLineOption select{"select", "With --screenshot: select this component, its fields in the Inspector (the default selects the bottleneck).", "ID"};

    [[nodiscard]] QList<QCommandLineOption> options() const { return {screenshot, simulate, panel, select, practice}; }
    /// Sets up `parser` with --help, --version, the file and the options above.
    void addTo(QCommandLineParser& parser) const;
};

/// man 1 headroom, in roff, from the options above and the app's description.
[[nodiscard]] std::string guiManual(const GuiCommandLine& commandLine, const std::string& version);

}  // namespace headroom::app
