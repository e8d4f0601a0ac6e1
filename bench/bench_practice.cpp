// SPDX-License-Identifier: MIT
// Interview practice, what the user waits for (issue 18), for every shipped challenge with its
// reference design drawn: an edit (one instance more on a box) until every panel, the Practice
// panel's live checklist included, is updated, beside the same edit with no challenge started;
// and Submit until the score card shows (a real simulation in worker processes). Run offscreen:
//   QT_QPA_PLATFORM=offscreen build/bench/bench_practice
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>

#include <cstdio>

#include "bench/MedianTime.h"
#include "ui/Challenges.h"
#include "ui/MainWindow.h"
#include "ui/PracticePanel.h"
#include "ui/ScenarioDocument.h"
#include "ui/SimulationRunner.h"
#include "ui/commands/ComponentCommands.h"

using namespace headroom;

namespace {

/// The first component with instances of its own to change: the box the edit toggles.
std::string editedBox(const model::Scenario& scenario) {
    for (const auto& component : scenario.components)
        if (component.instances && component.kind != model::ComponentKind::Client && component.kind != model::ComponentKind::Database) return component.id;
    return {};
}

/// Median ms of an edit until every panel is updated, in `window` as it is.
double editToPanels(ui::MainWindow& window, const std::string& id) {
    ui::ScenarioDocument& document = window.document();
    const int base = document.component(id)->instances.value_or(1);
    int instances = base;
    return medianMicroseconds([&] {
        const model::Component before = *document.component(id);
        model::Component after = before;
        after.instances = instances = instances == base ? base + 1 : base;
        document.undoStack().push(new ui::EditComponentCommand(document, before, after, "instances"));
        QCoreApplication::processEvents();  // the coalesced solve, then every panel and box
    }, 0.5) / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);  // the attempts go to a test folder, not the user's
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::printf("Edit → every panel updated (median ms, 0.5 s each): without a challenge, and with the Practice panel's\n"
                "live checklist; Submit → score card (wall s, the challenge's replications on this machine's cores)\n");
    std::printf("%-22s %12s %14s %16s\n", "challenge", "no practice", "with checklist", "submit → score");
    for (const auto& entry : ui::challenges()) {
        const QString reference = QStringLiteral(HEADROOM_SOURCE_DIR "/challenges/reference/") + entry.name + ".headroom.json";
        ui::MainWindow window;
        window.resize(1360, 860);
        window.show();
        window.runner().setProgram(HEADROOM_CLI_PATH);
        if (!window.openFile(reference)) return 1;
        const std::string id = editedBox(window.document().scenario());
        QCoreApplication::processEvents();
        const double plain = editToPanels(window, id);
        window.document().undoStack().clear();
        if (!window.startPractice(entry.name) || !window.openFile(reference)) return 1;
        QCoreApplication::processEvents();
        const double practising = editToPanels(window, id);
        window.document().undoStack().clear();
        if (!window.openFile(reference)) return 1;
        QEventLoop wait;
        QObject::connect(&window.practicePanel(), &ui::PracticePanel::scored, &wait, &QEventLoop::quit);
        QElapsedTimer clock;
        clock.start();
        window.practicePanel().submit();
        if (!window.practicePanel().lastScore()) wait.exec();
        const double submit = double(clock.elapsed()) / 1000.0;
        const bool passed = window.practicePanel().lastScore() && window.practicePanel().lastScore()->design.passed;
        std::printf("%-22s %12.2f %14.2f %14.1f s%s\n", entry.name.toStdString().c_str(), plain, practising, submit, passed ? "" : "  (did not pass)");
    }
    return 0;
}
