// SPDX-License-Identifier: MIT
// From an edit to the repainted analytic result, on generated scenarios of 30 to 1,000
// components: push an edit command, let the live analysis solve once, recolour the canvas and
// render it into an image the size of a window. Run offscreen:
//   QT_QPA_PLATFORM=offscreen build/bench/bench_live_edit
#include <QApplication>
#include <QImage>
#include <QPainter>

#include <cstdio>

#include "bench/MedianTime.h"
#include "ui/DiagramScene.h"
#include "ui/LiveAnalysis.h"
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
    std::printf("Edit → analysis → repaint, median µs (0.5 s per size)\n%-12s %12s %12s %12s\n", "components", "solve", "recolour", "repaint");
    for (int n : {30, 100, 300, 1000}) {
        QTemporaryDir dir;
        const QString path = dir.path() + "/g.headroom.json";
        ui::ScenarioDocument document;
        document.clear();
        {
            // Load through a file, as the editor would.
            model::Scenario s = generate(n);
            QFile file(path);
            file.open(QIODevice::WriteOnly);
            file.write(QByteArray::fromStdString(model::toText(s)));
        }
        (void)document.open(path);
        ui::DiagramScene scene(document);
        ui::LiveAnalysis live(document);
        QImage image(1280, 800, QImage::Format_ARGB32_Premultiplied);
        int instances = 4;
        const double solve = medianMicroseconds([&] {
            const model::Component before = *document.component("c1");
            model::Component after = before;
            after.instances = instances = instances == 4 ? 5 : 4;
            document.undoStack().push(new ui::EditComponentCommand(document, before, after, "instances"));
            live.refresh();
        }, 0.5);
        const double recolour = medianMicroseconds([&] { scene.showAnalysis(live.result()); }, 0.5);
        const double repaint = medianMicroseconds([&] {
            QPainter painter(&image);
            scene.render(&painter, QRectF(0, 0, 1280, 800), QRectF(0, 0, 4000, 2500));
        }, 0.5);
        std::printf("%-12d %12.1f %12.1f %12.1f\n", n, solve, recolour, repaint);
    }
    return 0;
}
