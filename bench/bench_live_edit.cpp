// SPDX-License-Identifier: MIT
// The whole path the user waits for, on generated scenarios of 30, 300 and 1,000 components:
// an edit command pushed in the real window, the live analysis solving once, every panel and
// box updated, the window repainted; beside the analytic solve alone. Run offscreen:
//   QT_QPA_PLATFORM=offscreen build/bench/bench_live_edit
#include <QApplication>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bench/MedianTime.h"
#include "analytic/ScenarioAnalysis.h"
#include "model/Plan.h"
#include "ui/MainWindow.h"
#include "ui/ScenarioDocument.h"
#include "ui/SweepPanel.h"
#include "model/ScenarioWriter.h"
#include "ui/commands/ComponentCommands.h"

#include <QTemporaryDir>

using namespace headroom;

namespace {

/// Tiers of services, each calling two in the next tier, laid out on a grid.
model::Scenario generate(int components) {
    model::Scenario s;
    s.name = "generated";
    model::Component client{.id = "users", .kind = model::ComponentKind::Client};
    client.rate = model::PerSecond{500.0};
    client.calls.push_back({.to = "c1"});
    s.components.push_back(client);
    s.layout["users"] = {0, 0};
    for (int i = 1; i < components; ++i) {
        model::Component c{.id = "c" + std::to_string(i), .kind = model::ComponentKind::Service};
        c.instances = 4;
        c.cores = 4;
        c.serviceTime = model::ServiceTime{model::Distribution{model::Distribution::Shape::Exponential, model::Seconds{0.001}, {}}, {}, {}};
        for (int next : {2 * i, 2 * i + 1})
            if (next < components) c.calls.push_back({.to = "c" + std::to_string(next), .probability = 0.5});
        s.components.push_back(c);
        s.layout[c.id] = {200.0 * (i % 20), 120.0 * (i / 20)};
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each size's line as soon as it is measured
    std::vector<int> sizes{30, 300, 1000};
    if (argc > 1) sizes = {std::atoi(argv[1])};
    std::printf("What the user waits for: an edit (one instance more on a box) until every panel and box is\n"
                "repainted, in a 1280 × 800 window, median ms; beside the analytic solve alone (0.5 s per size); and\n"
                "with the Sweep panel in front (its default sweep of the clients' rate, 25 points, solved again)\n");
    std::printf("%-12s %14s %14s %14s %16s\n", "components", "solve alone", "edit → panels", "→ repainted", "sweep shown");
    for (int n : sizes) {
        QTemporaryDir dir;
        const QString path = dir.path() + "/g.headroom.json";
        {
            // Load through a file, as the editor would.
            QFile file(path);
            file.open(QIODevice::WriteOnly);
            file.write(QByteArray::fromStdString(model::toText(generate(n))));
        }
        ui::MainWindow window;
        window.resize(1280, 800);
        window.show();
        if (!window.openFile(path)) return 1;
        window.selectComponent("c1");  // the Inspector shows the box being edited
        QCoreApplication::processEvents();
        ui::ScenarioDocument& document = window.document();
        const model::Scenario scenario = document.scenario();
        const model::Plan plan = *model::compilePlan(scenario).plan;
        const double solve = medianMicroseconds([&] { (void)analytic::analyze(scenario, plan); }, 0.5);
        int instances = 4;
        const auto edit = [&] {
            const model::Component before = *document.component("c1");
            model::Component after = before;
            after.instances = instances = instances == 4 ? 5 : 4;
            document.undoStack().push(new ui::EditComponentCommand(document, before, after, "instances"));
            QCoreApplication::processEvents();  // the coalesced solve, then every panel and box
        };
        const double panels = medianMicroseconds(edit, 0.5);
        const double repainted = medianMicroseconds([&] {
            edit();
            window.repaint();  // paints every widget now, the canvas included
        }, 0.5);
        // The Sweep panel in front: every edit solves its 25 points too, and redraws its chart.
        window.raisePanel("sweep");
        QCoreApplication::processEvents();
        const double swept = medianMicroseconds([&] {
            edit();
            window.repaint();
        }, 0.5);
        const std::size_t points = window.sweepPanel().analytic().size();
        window.raisePanel("analysis");
        if (points == 0) std::printf("(the Sweep panel drew no curve: %s)\n", window.sweepPanel().summary().toStdString().c_str());
        std::printf("%-12d %14.2f %14.2f %14.2f %16.2f\n", n, solve / 1000.0, panels / 1000.0, repainted / 1000.0, swept / 1000.0);
    }
    return 0;
}
