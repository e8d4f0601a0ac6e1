// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QTimer>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <unistd.h>

#include "app/GuiCommandLine.h"
#include "model/FileWriter.h"
#include "ui/DiagramView.h"
#include "ui/LiveAnalysis.h"
#include "ui/MainWindow.h"
#include "ui/PracticePanel.h"
#include "ui/SimulationRunner.h"

namespace {

/// Without any display (a server, a container), the window cannot open: the main job is then
/// the analysis of the file given, printed by headroom-cli, which sits next to this program.
[[noreturn]] void analyzeWithoutDisplay(int argc, char** argv) {
    // Next to this program's own file (/proc/self/exe), wherever it was started from: argv[0]
    // is only "headroom" when the shell found it on PATH.
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    const std::string cli = error ? std::string("headroom-cli") : (self.parent_path() / "headroom-cli").string();
    const char* file = nullptr;
    for (int i = 1; i < argc; ++i)
        if (argv[i][0] != '-') file = argv[i];
    std::cerr << "headroom: no display to open a window on; printing the analysis instead (headroom-cli analyze)\n";
    if (!file) {
        std::cerr << "headroom: give a scenario file, such as /usr/share/headroom/scenarios/news-feed.headroom.json\n";
        std::exit(2);
    }
    ::execlp(cli.c_str(), cli.c_str(), "analyze", file, static_cast<char*>(nullptr));
    std::cerr << "headroom: cannot run " << cli << ": " << std::strerror(errno) << '\n';
    std::exit(2);
}

bool hasDisplay() {
    return std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY") || std::getenv("QT_QPA_PLATFORM");
}

/// A screenshot, --help and --version need no display.
bool needsNoWindow(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument.starts_with("--screenshot") || argument == "--help" || argument == "-h" || argument == "--version" || argument == "-v")
            return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    const headroom::app::GuiCommandLine commandLine;
    // The manual page (man 1 headroom), written when the package is built.
    if (argc == 2 && std::string_view(argv[1]) == "--manual") {
        std::cout << headroom::app::guiManual(commandLine, HEADROOM_VERSION);
        return 0;
    }
    if (!hasDisplay() && needsNoWindow(argc, argv)) ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
    else if (!hasDisplay()) analyzeWithoutDisplay(argc, argv);
    headroom::model::removeTemporaryFilesOnSignals();
    QApplication app(argc, argv);
    QApplication::setApplicationName("Headroom");
    QApplication::setOrganizationName("Headroom");
    QApplication::setApplicationVersion(HEADROOM_VERSION);

    QCommandLineParser parser;
    commandLine.addTo(parser);
    parser.process(app);
    const QCommandLineOption& screenshot = commandLine.screenshot;
    const QCommandLineOption& simulate = commandLine.simulate;

    headroom::ui::MainWindow window;
    const bool practising = parser.isSet(commandLine.practice);
    if (practising && !window.startPractice(parser.value(commandLine.practice))) {
        std::cerr << "headroom: --practice: there is no challenge " << parser.value(commandLine.practice).toStdString()
                  << " (headroom-cli challenge list names them)\n";
        return 2;
    }
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty() && !window.openFile(files.front()) && parser.isSet(screenshot)) {
        std::cerr << "headroom: cannot open " << files.front().toStdString() << '\n';
        return 1;
    }
    if (parser.isSet(screenshot)) {
        window.show();
        window.analysis().refresh();
        // The bottleneck selected, unless another is asked for: its fields in the inspector, its
        // outline on the canvas.
        if (parser.isSet(commandLine.select)) {
            if (!window.document().component(parser.value(commandLine.select).toStdString())) {
                std::cerr << "headroom: --select: there is no component " << parser.value(commandLine.select).toStdString() << '\n';
                return 2;
            }
            window.selectComponent(parser.value(commandLine.select).toStdString());
        } else if (const auto& result = window.analysis().result(); result && result->bottleneck) {
            window.selectComponent(*result->bottleneck);
        }
        QApplication::processEvents();
        window.view().fitAll();
        if (parser.isSet(commandLine.panel) && !window.raisePanel(parser.value(commandLine.panel))) {
            std::cerr << "headroom: --panel takes analysis, simulation, sweep, estimate or practice, not " << parser.value(commandLine.panel).toStdString() << '\n';
            return 2;
        }
        if (parser.isSet(simulate) && practising) {
            QEventLoop wait;
            QObject::connect(&window.practicePanel(), &headroom::ui::PracticePanel::scored, &wait, &QEventLoop::quit);
            QObject::connect(&window.runner(), &headroom::ui::SimulationRunner::failed, &wait, &QEventLoop::quit);
            window.practicePanel().submit();
            if (!window.practicePanel().lastScore()) wait.exec();
            window.raisePanel("practice");
        } else if (parser.isSet(simulate)) {
            QEventLoop wait;
            QObject::connect(&window.runner(), &headroom::ui::SimulationRunner::finished, &wait, &QEventLoop::quit);
            QObject::connect(&window.runner(), &headroom::ui::SimulationRunner::failed, &wait, &QEventLoop::quit);
            window.runSimulation();
            if (window.runner().running()) wait.exec();
        }
        QApplication::processEvents();
        if (!window.saveScreenshot(parser.value(screenshot))) {
            std::cerr << "headroom: cannot write " << parser.value(screenshot).toStdString() << '\n';
            return 2;
        }
        return 0;
    }
    window.show();
    QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });
    return QApplication::exec();
}
