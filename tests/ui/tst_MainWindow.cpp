// SPDX-License-Identifier: MIT
// The window as a user drives it: open an example and see its analysis, add and delete through
// undo commands, save and reopen the same bytes, refuse a broken file without losing the
// diagram, simulate through the real worker, and render a screenshot.
#include <QDir>
#include <QFrame>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QLineEdit>
#include <QListWidget>
#include <QStatusBar>
#include <QMessageBox>
#include <QTimer>
#include <QPushButton>
#include <QAction>
#include <QSignalSpy>
#include <QUndoStack>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <set>

#include "model/ComponentEdit.h"
#include "model/ScenarioFile.h"
#include "ui/DiagramScene.h"
#include "ui/DiagramView.h"
#include "ui/LiveAnalysis.h"
#include "ui/EstimatePanel.h"
#include "ui/PaletteWidget.h"
#include "ui/CallItem.h"
#include "ui/ComponentItem.h"
#include "ui/InspectorPanel.h"
#include "ui/EventsStrip.h"
#include "ui/MainWindow.h"
#include "ui/ResultsPanel.h"
#include "ui/ScenarioDocument.h"
#include "ui/SimulationCharts.h"
#include "ui/SimulationPanel.h"
#include "ui/SimulationRunner.h"
#include "ui/commands/ComponentCommands.h"

using namespace headroom;

namespace {

const QString kExample = HEADROOM_SOURCE_DIR "/scenarios/read-heavy-api.headroom.json";

/// Clicks the button whose text is `text` in the next message box that opens.
void answerNextQuestion(const QString& text) {
    QTimer::singleShot(0, [text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box);
        for (QAbstractButton* button : box->buttons())
            if (button->text() == text) return button->click();
        QFAIL(qPrintable("no button " + text));
    });
}

/// A copy of the example in `dir`, as a teammate's checkout holds it; empty if it cannot be made.
QString copyOfExample(const QTemporaryDir& dir) {
    const QString path = dir.filePath("shared.headroom.json");
    return QFile::copy(kExample, path) ? path : QString();
}

/// The example under another name, written as git writes it (a new file renamed over the old).
std::string theirVersion() {
    std::string text = model::readTextFile(kExample.toStdString()).value();
    const std::string from = "\"name\": \"";
    text.replace(text.find(from), from.size(), from + "Theirs ");
    return text;
}

/// Edit ▸ Delete, as the Delete key triggers it.
QAction* deleteAction(ui::MainWindow& window) {
    for (QAction* action : window.findChildren<QAction*>())
        if (action->shortcut() == QKeySequence(QKeySequence::Delete)) return action;
    return nullptr;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

}  // namespace

class MainWindowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }  // recovery files and settings away from the user's
    void init() { QCoreApplication::setOrganizationName("headroom-tests"); }

    void openingAnExampleShowsItsAnalysis() {
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.analysis().refresh();
        QCOMPARE(window.document().scenario().components.size(), std::size_t(5));
        QVERIFY(window.scene().item("api"));
        // The example's one class; its four components besides the client, the database with
        // a row for each of its two pools: 4 + 2 rows.
        QCOMPARE(window.results().classTable()->rowCount(), 1);
        QCOMPARE(window.results().componentTable()->rowCount(), 6);
        QVERIFY(window.results().summaryText().contains("Every SLO met"));
        // Its p99 passes through three queues, so it is approximate: marked ≈, with a tooltip
        // saying how far the engine was off on the corpus.
        const ui::ResultTable::Row& row = window.results().classTable()->row(0);
        QVERIFY(row.cells[3].startsWith(QString::fromUtf8("≈ ")));
        QVERIFY(row.toolTips.value(3).contains("Know your error"));
        QVERIFY(window.windowTitle().contains("read-heavy-api.headroom.json"));
        QVERIFY(!window.isWindowModified());
    }

    void anEditUpdatesOnlyTheRowsItChanges() {
        // Issue 15: each edit refilled the tables cell by cell and measured every column for every
        // cell, 22.7 s per edit at 300 components. Now rows that did not change are left alone.
        // A slower balancer changes the balancer's own row and the class's mean, nothing below it.
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.analysis().refresh();
        ui::ResultTable* components = window.results().componentTable();
        int lbRow = -1;
        for (int row = 0; row < components->rowCount(); ++row)
            if (components->row(row).cells[0].startsWith("lb ")) lbRow = row;
        QVERIFY(lbRow >= 0);
        const QString apiBefore = components->row(lbRow + 1).cells[4];
        QSignalSpy reset(components->model(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(components->model(), &QAbstractItemModel::dataChanged);
        QSignalSpy classesChanged(window.results().classTable()->model(), &QAbstractItemModel::dataChanged);
        const model::Component before = *window.document().component("lb");
        model::Component after = before;
        after.serviceTime = model::ServiceTime{model::Distribution{model::Distribution::Shape::Exponential, model::Seconds{0.0002}, {}}, {}, {}};
        window.document().undoStack().push(new ui::EditComponentCommand(window.document(), before, after, "service_time"));
        window.analysis().refresh();
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), lbRow);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), lbRow);
        QCOMPARE(classesChanged.count(), 1);
        QCOMPARE(components->row(lbRow + 1).cells[4], apiBefore);
    }

    void aFileOpenedBeforeTheWindowShowsIsFitted() {
        // Issue 15: `headroom FILE` opened the file before the window was shown and fitted the
        // diagram to the placeholder viewport: a speck until Fit. Now the fit waits for the
        // view's real size. Fitted: the diagram fills the view along one side (within its 40-unit
        // margins), or is at life size if it is smaller.
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCoreApplication::processEvents();
        const QRectF diagram = window.scene().itemsBoundingRect().adjusted(-40, -40, 40, 40);
        const QSize viewport = window.view().viewport()->size();
        const double zoom = window.view().zoom();
        const bool fillsOneSide = diagram.width() * zoom >= 0.95 * viewport.width() || diagram.height() * zoom >= 0.95 * viewport.height();
        QVERIFY2(fillsOneSide || zoom == 1.0, qPrintable(QString("zoom %1, diagram %2 × %3, viewport %4 × %5")
                                                             .arg(zoom).arg(diagram.width()).arg(diagram.height()).arg(viewport.width()).arg(viewport.height())));
    }

    void newBoxesLandApartSelectedAndUnderTheCursor() {
        // Issue 15: double-clicked palette items all landed on one spot, hiding each other, and
        // a new box was not selected; a dropped box should sit under the cursor.
        ui::MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* palette = window.findChild<ui::PaletteWidget*>();
        QVERIFY(palette);
        for (int i = 0; i < 3; ++i) emit palette->kindActivated(model::ComponentKind::Service);
        const auto& components = window.document().scenario().components;
        QCOMPARE(components.size(), std::size_t(3));
        std::set<std::pair<double, double>> spots;
        for (const auto& component : components) {
            const auto at = window.document().scenario().layout.at(component.id);
            spots.insert({at.x, at.y});
        }
        QCOMPARE(spots.size(), std::size_t(3));
        const auto selected = window.scene().selectedItems();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(static_cast<ui::ComponentItem*>(selected.front())->componentId(), components.back().id);

        // A cache dropped at a point of the canvas: the box is around that point (its centre
        // within half a grid step of it, the snapping).
        const QPoint dropAt(300, 200);
        auto* mime = new QMimeData;
        mime->setData(ui::kKindMimeType, "cache");
        QDropEvent drop(QPointF(dropAt), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QDragEnterEvent enter(dropAt, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.view().viewport(), &enter);
        QApplication::sendEvent(window.view().viewport(), &drop);
        ui::ComponentItem* cache = window.scene().item("cache");
        QVERIFY(cache);
        const QPointF cursor = window.view().mapToScene(dropAt);
        const QPointF centre = cache->sceneBox().center();  // the box, not its marks
        QVERIFY2(std::abs(centre.x() - cursor.x()) <= 10.0 + 1e-9 && std::abs(centre.y() - cursor.y()) <= 10.0 + 1e-9,
                 qPrintable(QString("centre %1,%2; cursor %3,%4").arg(centre.x()).arg(centre.y()).arg(cursor.x()).arg(cursor.y())));
        QVERIFY(cache->isSelected());
        delete mime;
    }

    void everyPanelIsInTheViewMenu() {
        // Issue 15: a closed panel came back only through a hidden toolbar menu.
        ui::MainWindow window;
        window.show();
        QMenu* view = nullptr;
        for (QAction* action : window.menuBar()->actions())
            if (action->text().remove('&') == "View") view = action->menu();
        QVERIFY(view);
        const auto docks = window.findChildren<QDockWidget*>();
        QCOMPARE(docks.size(), 8);  // components, inspector, analysis, simulation, sweep, estimate, events, practice
        for (QDockWidget* dock : docks) {
            QVERIFY2(view->actions().contains(dock->toggleViewAction()), qPrintable(dock->windowTitle()));
            dock->close();
            QVERIFY(dock->isHidden());
            dock->toggleViewAction()->trigger();
            QVERIFY(!dock->isHidden());
        }
    }

    void faultsAreAddedMovedAndDeletedOnTheEventsStripInUndoableSteps() {
        // Issue 16: "Lose Primary" from the database's context menu adds a primary loss a third
        // into the run (60 s by default: at 20 s); dragging its bar a quarter of the axis to the
        // right moves it 15 s later, in whole seconds; Delete removes it; each is one undo step.
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        emit window.scene().faultRequested("db", model::FaultKind::PrimaryLoss);
        const auto& events = window.document().scenario().events;
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].fault, model::FaultKind::PrimaryLoss);
        QCOMPARE(*events[0].component, std::string("db"));
        QCOMPARE(events[0].at.value, 20.0);
        ui::EventsStrip& strip = window.events();
        QCOMPARE(strip.selectedEvent(), std::optional<std::size_t>(0));
        // The axis runs from x = 96 (after the labels) to width − 8 over 60 s.
        const QPoint from = strip.centreOf(0);
        const double perSecond = (strip.width() - 96 - 8) / 60.0;
        const QPoint to = from + QPoint(int(std::lround(15.0 * perSecond)), 0);
        QTest::mousePress(&strip, Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, to, strip.mapToGlobal(to), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&strip, &move);
        QTest::mouseRelease(&strip, Qt::LeftButton, {}, to);
        QCOMPARE(events[0].at.value, 35.0);
        window.document().undoStack().undo();
        QCOMPARE(events[0].at.value, 20.0);
        window.document().undoStack().redo();
        strip.setFocus();
        QTest::keyClick(&strip, Qt::Key_Delete);
        QVERIFY(events.empty());
        window.document().undoStack().undo();
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].at.value, 35.0);
        // The file it saves says version 2, since it now has an event.
        QVERIFY(window.document().isModified());
        // Selected on the strip, the event is in the Inspector, field by field: a shard that
        // the database does not have is refused with validation's message; a failover that lasts
        // 30 s is one undo step.
        strip.selectEvent(0);
        QCOMPARE(window.inspector().inspectedEvent(), std::optional<std::size_t>(0));
        QCOMPARE(window.inspector().textOf("at"), QString("35s"));
        QVERIFY(window.inspector().commit("shard", "5").contains("at most"));
        QVERIFY(!events[0].shard);
        QVERIFY(window.inspector().commit("for", "30s").isEmpty());
        QCOMPARE(events[0].duration->value, 30.0);
        window.document().undoStack().undo();
        QVERIFY(!events[0].duration);
    }

    void deploysAreAddedFromTheEventsStripsMenuAndEditedInTheInspector() {
        // Issue 17: the strip's context menu away from any event offers a deploy (rolling,
        // blue-green, canary) or a scale of each component with instances, at the moment clicked.
        // A canary is proposed with its required share and period written out; the Inspector then
        // shows the deploy's fields with their defaults and refuses a share above 100 %.
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::EventsStrip& strip = window.events();
        // 30 s into the 60 s run: halfway along the axis from x = 96 to width − 8.
        const QPoint at(int(std::lround(96 + (strip.width() - 96 - 8) * 0.5)), strip.height() - 4);
        QMenu menu;
        strip.fillMenu(menu, at);
        QAction* canary = nullptr;
        QStringList offered;
        for (QAction* action : menu.actions()) {
            offered << action->text();
            if (action->menu() && action->text() == "Deploy api")
                for (QAction* strategy : action->menu()->actions())
                    if (strategy->text() == "Canary") canary = strategy;
        }
        QVERIFY2(offered.contains("Scale api…"), qPrintable(offered.join(", ")));
        QVERIFY(!offered.contains("Deploy db"));  // a database has no instances of its own to replace
        QVERIFY(canary);
        canary->trigger();
        const auto& events = window.document().scenario().events;
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].change, std::optional(model::ChangeKind::Deploy));
        QCOMPARE(events[0].strategy, std::optional(model::DeployStrategy::Canary));
        QCOMPARE(events[0].at.value, 30.0);
        QCOMPARE(events[0].canaryFraction, std::optional(0.05));
        QCOMPARE(events[0].canaryFor->value, 10.0);  // a sixth of the run
        QCOMPARE(strip.selectedEvent(), std::optional<std::size_t>(0));
        QCOMPARE(window.inspector().inspectedEvent(), std::optional<std::size_t>(0));
        auto* drain = qobject_cast<QLineEdit*>(window.inspector().editorOf("drain"));
        QVERIFY(drain);
        QVERIFY2(drain->placeholderText().contains("5min (F02)"), qPrintable(drain->placeholderText()));
        QVERIFY(window.inspector().commit("max_surge", "150%").contains("from 0% to 100%"));
        QVERIFY(window.inspector().commit("max_surge", "1").isEmpty());
        QCOMPARE(events[0].maxSurge, std::optional(model::InstanceShare{1.0, false}));
        window.document().undoStack().undo();
        QVERIFY(!events[0].maxSurge);
        window.document().undoStack().undo();
        QVERIFY(events.empty());
    }

    void tidyLayoutPutsCallersLeftOfCalleesInOneUndoStep() {
        // Edit ▸ Tidy Layout (Graphviz's dot, left to right): in the news feed, whose calls have
        // no cycle, every call then points right; no two boxes overlap; one undo puts every box
        // back where it was.
        ui::MainWindow window;
        QVERIFY(window.openFile(HEADROOM_SOURCE_DIR "/scenarios/news-feed.headroom.json"));
        const auto before = window.document().scenario().layout;
        const int steps = window.document().undoStack().count();
        window.tidyLayout();
        QCOMPARE(window.document().undoStack().count(), steps + 1);
        const model::Scenario& scenario = window.document().scenario();
        const auto x = [&](const std::string& id) { return scenario.layout.at(id).x; };
        for (const auto& component : scenario.components)
            for (const auto& call : component.calls)
                QVERIFY2(x(component.id) < x(call.to), qPrintable(QString::fromStdString(component.id + " → " + call.to)));
        for (const auto& a : scenario.components)
            for (const auto& b : scenario.components) {
                if (a.id >= b.id) continue;
                const QRectF boxA(scenario.layout.at(a.id).x, scenario.layout.at(a.id).y, ui::ComponentItem::kWidth, ui::ComponentItem::kHeight);
                const QRectF boxB(scenario.layout.at(b.id).x, scenario.layout.at(b.id).y, ui::ComponentItem::kWidth, ui::ComponentItem::kHeight);
                QVERIFY2(!boxA.intersects(boxB), qPrintable(QString::fromStdString(a.id + " overlaps " + b.id)));
            }
        window.document().undoStack().undo();
        for (const auto& [id, position] : before) {
            QCOMPARE(window.document().scenario().layout.at(id).x, position.x);
            QCOMPARE(window.document().scenario().layout.at(id).y, position.y);
        }
    }

    void anEmptyWindowOffersTheExamples() {
        // Issue 15: a first-time user starts from a real system in one click. The empty canvas
        // lists the examples; one click opens a copy, untitled (Save asks where: the example
        // stays as it is), and the list gives way to the diagram. File ▸ New from Example too.
        ui::MainWindow window;
        window.resize(1280, 800);
        window.show();
        auto* welcome = window.findChild<QFrame*>("welcome");
        QVERIFY(welcome && welcome->isVisible());
        QPushButton* readHeavy = nullptr;
        for (auto* button : welcome->findChildren<QPushButton*>())
            if (button->text() == "Read-heavy API") readHeavy = button;
        QVERIFY(readHeavy);
        readHeavy->click();
        QCOMPARE(window.document().scenario().components.size(), std::size_t(5));
        QVERIFY(window.document().filePath().isEmpty());
        QVERIFY(!window.document().isModified());
        QVERIFY(!welcome->isVisible());
        QMenu* file = nullptr;
        for (QAction* action : window.menuBar()->actions())
            if (action->text().remove('&') == "File") file = action->menu();
        QVERIFY(file);
        QMenu* fromExample = nullptr;
        for (QAction* action : file->actions())
            if (action->menu() && action->text().remove('&') == "New from Example") fromExample = action->menu();
        QVERIFY(fromExample);
        // A button an example, and one more to practise an interview (issue 18).
        QCOMPARE(fromExample->actions().size() + 1, welcome->findChildren<QPushButton*>().size());
        QVERIFY(welcome->findChild<QPushButton*>("practice"));
        QVERIFY(fromExample->actions().size() >= 8);
    }

    void arrowKeysNudgeTheSelection() {
        // Issue 15: arrow keys did not nudge boxes. Right moves the selected box a grid step
        // (20), Shift+Down five; each nudge is one undo step.
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.selectComponent("api");
        window.view().setFocus();
        const model::Position start = window.document().scenario().layout.at("api");
        QTest::keyClick(&window.view(), Qt::Key_Right);
        QTest::keyClick(&window.view(), Qt::Key_Down, Qt::ShiftModifier);
        const model::Position now = window.document().scenario().layout.at("api");
        QCOMPARE(now.x, start.x + 20.0);
        QCOMPARE(now.y, start.y + 100.0);
        window.document().undoStack().undo();
        QCOMPARE(window.document().scenario().layout.at("api").y, start.y);
        QCOMPARE(window.document().scenario().layout.at("api").x, start.x + 20.0);
    }

    void tabWalksThroughTheBoxes() {
        // Issue 15: Tab in the canvas goes from box to box in reading order (top to bottom, then
        // left to right), Shift+Tab back; it does not leave the canvas.
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.view().setFocus();
        std::vector<std::pair<std::pair<double, double>, std::string>> order;
        for (const auto& [id, at] : window.document().scenario().layout) order.push_back({{at.y, at.x}, id});
        std::sort(order.begin(), order.end());
        const auto selectedId = [&] {
            const auto selected = window.scene().selectedItems();
            return selected.size() == 1 ? static_cast<ui::ComponentItem*>(selected.front())->componentId() : std::string();
        };
        QTest::keyClick(&window.view(), Qt::Key_Tab);
        QCOMPARE(selectedId(), order[0].second);
        QTest::keyClick(&window.view(), Qt::Key_Tab);
        QCOMPARE(selectedId(), order[1].second);
        QTest::keyClick(&window.view(), Qt::Key_Backtab, Qt::ShiftModifier);
        QCOMPARE(selectedId(), order[0].second);
        QVERIFY(window.view().hasFocus());
    }

    void addingAndDeletingAreUndoable() {
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.addComponent(model::ComponentKind::Cache, QPointF(507, 313));
        const auto* added = window.document().component("cache2");
        QVERIFY(added);
        QCOMPARE(added->kind, model::ComponentKind::Cache);
        // Snapped to the 20-unit grid, the box centred on the drop: (507 − 70, 313 − 37) → (440, 280).
        QCOMPARE(window.document().position("cache2")->x, 440.0);
        QCOMPARE(window.document().position("cache2")->y, 280.0);
        QVERIFY(window.isWindowModified());
        window.document().undoStack().undo();
        QVERIFY(!window.document().component("cache2"));
        QVERIFY(!window.isWindowModified());
        window.document().undoStack().redo();
        QVERIFY(window.document().component("cache2"));
    }

    void saveThenReopenGivesTheSameFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("copy.headroom.json");
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        QVERIFY(window.saveTo(path));
        // The examples are stored in the canonical form Headroom writes.
        QCOMPARE(readAll(path), readAll(kExample));
        ui::MainWindow other;
        QVERIFY(other.openFile(path));
        QCOMPARE(other.document().scenario(), window.document().scenario());
    }

    void aFileChangedOnDiskIsNeverSilentlyOverwritten() {
        // A teammate's git pull rewrites the file while it is open with unsaved edits: saving
        // asks. Cancel keeps their text; Overwrite writes ours, which then reopens as it is here.
        QTemporaryDir dir;
        const QString path = copyOfExample(dir);
        ui::MainWindow window;
        QVERIFY(window.openFile(path));
        window.scene().item("cache")->setPos(600, 400);
        QVERIFY(window.isWindowModified());
        QVERIFY(!model::writeFileAtomically(path.toStdString(), theirVersion()));
        QVERIFY(window.document().changedOnDisk());
        answerNextQuestion(QMessageBox::tr("Cancel"));
        QVERIFY(!window.saveTo(path));
        QCOMPARE(readAll(path).toStdString(), theirVersion());
        QVERIFY(window.isWindowModified());
        answerNextQuestion("&Overwrite");
        QVERIFY(window.saveTo(path));
        ui::MainWindow other;
        QVERIFY(other.openFile(path));
        QCOMPARE(other.document().scenario(), window.document().scenario());
        // Saved: the file is again what this window last wrote, and a save asks nothing.
        QVERIFY(!window.document().changedOnDisk());
    }

    void anUnmodifiedFileChangedOnDiskIsReloaded() {
        QTemporaryDir dir;
        const QString path = copyOfExample(dir);
        ui::MainWindow window;
        QVERIFY(window.openFile(path));
        const std::string ours = window.document().scenario().name;
        QVERIFY(!model::writeFileAtomically(path.toStdString(), theirVersion()));
        QTRY_COMPARE(window.document().scenario().name, "Theirs " + ours);
        QVERIFY(!window.isWindowModified());
        // And again: the watch follows the file after a rename replaced it.
        QVERIFY(!model::writeFileAtomically(path.toStdString(), model::readTextFile(kExample.toStdString()).value()));
        QTRY_COMPARE(window.document().scenario().name, ours);
    }

    void editSaveReopenKeepsTheEdit() {
        QTemporaryDir dir;
        const QString path = dir.filePath("edited.headroom.json");
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.selectComponent("cache");
        window.scene().item("cache")->setPos(600, 400);
        QVERIFY(window.scene().addCall("users", "api").isEmpty());
        QVERIFY(window.saveTo(path));
        QVERIFY(!window.isWindowModified());
        ui::MainWindow other;
        QVERIFY(other.openFile(path));
        QCOMPARE(other.document().scenario(), window.document().scenario());
        QCOMPARE(other.document().position("cache")->x, 600.0);
        QCOMPARE(other.document().component("users")->calls.size(), std::size_t(2));
    }

    void aCallIsSelectedEditedAsFieldsAndDeleted() {
        // Issue 15: calls could only be edited as one line of JSON. Now a call is an arrow one
        // can select: the Inspector shows its fields, each edited on its own (validated as the
        // file is), the arrow's label follows, and Delete removes just the call.
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        ui::CallItem* call = window.scene().callItem("api", 0);
        QVERIFY(call);
        QVERIFY(call->label().isEmpty());  // one plain call
        call->setSelected(true);
        QCOMPARE(window.inspector().inspectedCall(), std::optional<std::size_t>(0));
        QCOMPARE(window.inspector().textOf("to"), QString("cache"));
        QVERIFY(window.inspector().textOf("probability").isEmpty());
        // Half the requests, twice each: the label says so.
        QVERIFY(window.inspector().commit("probability", "0.5").isEmpty());
        QVERIFY(window.inspector().commit("times", "2").isEmpty());
        QCOMPARE(*window.document().component("api")->calls[0].probability, 0.5);
        QCOMPARE(*window.document().component("api")->calls[0].times, 2);
        QCOMPARE(window.scene().callItem("api", 0)->label(), QString::fromUtf8("×2 · 50 %"));
        QVERIFY(window.scene().callItem("api", 0)->isSelected());  // still the one inspected
        // A probability above 1 is refused with validation's message, and changes nothing.
        QVERIFY(!window.inspector().commit("probability", "2").isEmpty());
        QCOMPARE(*window.document().component("api")->calls[0].probability, 0.5);
        // Two fields, two undo steps.
        window.document().undoStack().undo();
        QVERIFY(!window.document().component("api")->calls[0].times);
        QCOMPARE(*window.document().component("api")->calls[0].probability, 0.5);
        // Delete removes the call, not its ends.
        window.scene().clearSelection();
        window.scene().callItem("api", 0)->setSelected(true);
        QAction* remove = deleteAction(window);
        QVERIFY(remove);
        remove->trigger();
        QVERIFY(window.document().component("api")->calls.empty());
        QVERIFY(window.document().component("cache"));
        window.document().undoStack().undo();
        QCOMPARE(window.document().component("api")->calls.size(), std::size_t(1));
    }

    void aCallsRetryAndBreakerAreEditedFieldByField() {
        // Issue 16: a retry or a breaker on a call is edited with real fields, not JSON text. The
        // first field set makes the object; clearing its last field takes it away again; a bad
        // value gets validation's message and changes nothing.
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.scene().callItem("api", 0)->setSelected(true);
        ui::InspectorPanel& inspector = window.inspector();
        QVERIFY(inspector.textOf("retry.attempts").isEmpty());
        QVERIFY(inspector.commit("retry.attempts", "3").isEmpty());
        QVERIFY(inspector.commit("retry.jitter", "decorrelated").isEmpty());
        QVERIFY(inspector.commit("circuit_breaker.open_for", "30s").isEmpty());
        const model::Call& call = window.document().component("api")->calls[0];
        QCOMPARE(call.retry->attempts, std::optional(3));
        QCOMPARE(call.retry->jitter, std::optional(model::Jitter::Decorrelated));
        QCOMPARE(call.circuitBreaker->openFor->value, 30.0);
        QCOMPARE(inspector.textOf("retry.attempts"), QString("3"));
        QVERIFY(!inspector.commit("retry.attempts", "0").isEmpty());  // "must be at least 1"
        QCOMPARE(window.document().component("api")->calls[0].retry->attempts, std::optional(3));
        QVERIFY(inspector.commit("circuit_breaker.open_for", "").isEmpty());
        QVERIFY(!window.document().component("api")->calls[0].circuitBreaker);
        // Setting and clearing one field in a row is one step (edits of a field merge); the
        // jitter before it is another.
        window.document().undoStack().undo();
        QVERIFY(!window.document().component("api")->calls[0].circuitBreaker);
        QVERIFY(window.document().component("api")->calls[0].retry->jitter);
        window.document().undoStack().undo();
        QVERIFY(!window.document().component("api")->calls[0].retry->jitter);
    }

    void thePaletteShowsEveryKind() {
        // Issue 15: the palette hid `object store` below the fold.
        ui::MainWindow window;
        window.resize(1360, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* palette = window.findChild<ui::PaletteWidget*>();
        QListWidgetItem* last = palette->item(palette->count() - 1);
        const QRect shown = palette->viewport()->rect(), item = palette->visualItemRect(last);
        QVERIFY2(shown.contains(item), qPrintable(QString("viewport %1 high, last item %2..%3, rows %4 × %5")
                                                      .arg(shown.height()).arg(item.top()).arg(item.bottom()).arg(palette->count()).arg(palette->sizeHintForRow(0))));
    }

    void deletingACacheSaysWhatIsLeftUncalled() {
        // Issue 15: deleting a cache left its database silently at 0/s. Now the status bar says
        // that nothing calls it any more.
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.scene().item("cache")->setSelected(true);
        QAction* remove = deleteAction(window);
        QVERIFY(remove);
        remove->trigger();
        QVERIFY(window.document().component("db"));
        const QString message = window.statusBar()->currentMessage();
        QVERIFY2(message.contains("db") && message.contains("no requests"), qPrintable(message));
    }

    void deletingTheSelectionIsOneUndoStep() {
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.scene().item("cache")->setSelected(true);
        window.scene().item("db")->setSelected(true);
        QAction* remove = deleteAction(window);
        QVERIFY(remove);
        remove->trigger();
        QVERIFY(!window.document().component("cache") && !window.document().component("db"));
        QVERIFY(window.document().component("api")->calls.empty());  // its call to the cache went with it
        window.document().undoStack().undo();
        QVERIFY(window.document().component("cache") && window.document().component("db"));
        QCOMPARE(window.document().component("api")->calls.front().to, std::string("cache"));
    }

    void aBrokenFileIsRefusedAndTheDiagramKept() {
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.headroom.json");
        std::ofstream(broken.toStdString()) << R"({"format": "headroom-scenario", "version": 1, "name": "b",
            "components": [{"id": "s", "kind": "service", "service_time": "5 mss"}]})";
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        const model::Scenario before = window.document().scenario();
        QVERIFY(!window.openFile(broken));
        QCOMPARE(window.document().scenario(), before);
        QVERIFY(window.windowTitle().contains("read-heavy-api"));
    }

    void hostileInputsThroughTheOpenPathKeepTheDiagram() {
        // Issue 14: every hostile input and every input the fuzzer failed on, and files that
        // are no scenario at all, through the app's open path. Each either opens (the valid
        // ones: then it is the document) or leaves a message and the diagram as it was, and the
        // window goes on working: an edit after each refusal is still undoable.
        QStringList paths{"/dev/zero", "/dev/null", HEADROOM_SOURCE_DIR, HEADROOM_SOURCE_DIR "/no-such-file.json"};
        for (const char* folder : {"/tests/hostile/inputs", "/tests/fuzz/regressions"})
            for (const QFileInfo& file : QDir(QString(HEADROOM_SOURCE_DIR) + folder).entryInfoList(QDir::Files, QDir::Name))
                paths << file.absoluteFilePath();
        QVERIFY(paths.size() >= 18);
        int refused = 0;
        for (const QString& path : paths) {
            ui::MainWindow window;
            QVERIFY(window.openFile(kExample));
            const model::Scenario before = window.document().scenario();
            if (window.openFile(path)) {
                QCOMPARE(QFileInfo(window.document().filePath()), QFileInfo(path));
                continue;
            }
            ++refused;
            QVERIFY2(window.document().scenario() == before, qPrintable(path));
            QVERIFY2(window.statusBar()->currentMessage().contains("was not opened"), qPrintable(path + ": " + window.statusBar()->currentMessage()));
            window.scene().item("cache")->setPos(640, 480);
            QVERIFY(window.document().undoStack().canUndo());
        }
        QVERIFY(refused >= 10);
    }

    void problemsListTheirPathAndSelectTheComponent() {
        ui::MainWindow window;
        window.addComponent(model::ComponentKind::Service, QPointF(100, 100));
        window.analysis().refresh();
        // A new service has no service time yet: the problem names it, and clicking selects it.
        QVERIFY(window.results().problemList()->count() >= 1);
        QListWidgetItem* first = window.results().problemList()->item(0);
        QVERIFY(first->text().startsWith("components[0]"));
        emit window.results().problemList()->itemClicked(first);
        QVERIFY(window.scene().item("service")->isSelected());
    }

    void aNewBoxIsAsValidAsSourcesAllowAndListsWhatItNeedsAtOnce() {
        // Issue 15: a new box was invalid until several fields were typed, and its problems came
        // in waves (the file's first; the engines' service time only once those were fixed).
        ui::MainWindow window;
        window.addComponent(model::ComponentKind::Cache, QPointF(300, 100));
        // A cache starts answering 80 % of reads: the hot 20 % of keys take 80 % of the traffic
        // (REFERENCE T13, the 80/20 rule). What no source can say is where its misses go.
        QCOMPARE(window.document().scenario().components[0].hitRatio, std::optional(0.8));
        window.analysis().refresh();
        QCOMPARE(window.scene().item("cache")->problems(), QStringList{"calls: missing: a cache calls its origin on a miss"});

        // A client and a service, the client calling the service: the client's missing rate and
        // the service's missing service time (no sourced default for a service) show together.
        window.addComponent(model::ComponentKind::Client, QPointF(100, 300));
        window.addComponent(model::ComponentKind::Service, QPointF(300, 300));
        QVERIFY(window.scene().addCall("client", "service").isEmpty());
        window.analysis().refresh();
        QCOMPARE(window.scene().item("client")->problems().size(), 1);
        QVERIFY(window.scene().item("client")->problems()[0].startsWith("rate: missing: a client needs a \"rate\""));
        QCOMPARE(window.scene().item("service")->problems().size(), 1);
        QVERIFY(window.scene().item("service")->problems()[0].startsWith("service_time: missing: the engines need the time a service takes"));
        QCOMPARE(window.results().problemList()->count(), 3);  // cache's calls, client's rate, service's time

        // The Inspector shows each under its field at once, and an example reads as one: "e.g.",
        // in italics, where a default reads as plain "default …".
        window.inspector().inspect("client");
        QVERIFY(window.inspector().problemOf("rate").startsWith("missing: a client needs a \"rate\""));
        auto* rate = qobject_cast<QLineEdit*>(window.inspector().editorOf("rate"));
        QCOMPARE(rate->placeholderText(), QString("e.g. 2000/s"));
        QVERIFY(rate->font().italic());
        window.inspector().inspect("cache");
        QVERIFY(window.inspector().problemOf("calls").startsWith("missing: a cache calls its origin"));
        auto* time = qobject_cast<QLineEdit*>(window.inspector().editorOf("service_time"));
        QCOMPARE(time->placeholderText(), QString("default 200 µs (O01)"));
        QVERIFY(!time->font().italic());

        // A rate typed: the client's problem and its mark go, the others stay.
        window.inspector().inspect("client");
        QVERIFY(window.inspector().commit("rate", "100/s").isEmpty());
        window.analysis().refresh();
        QVERIFY(window.inspector().problemOf("rate").isEmpty());
        QVERIFY(window.scene().item("client")->problems().isEmpty());
        QCOMPARE(window.scene().item("service")->problems().size(), 1);
        QVERIFY(!window.inspector().editorOf("rate")->font().italic());  // what the user typed is upright
    }

    void ctrlZInAFieldUndoesTheDocumentUnlessTheUserIsTyping() {
        // Issue 15: Ctrl+Z in a text field undid the field's own text and left the canvas (and
        // the document) at the value the field no longer showed.
        ui::MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.openFile(kExample));
        const auto timeOfApi = [&] { return model::fieldText(window.document().scenario(), 2, "service_time"); };
        const std::string before = timeOfApi();
        window.inspector().inspect("api");
        auto* edit = qobject_cast<QLineEdit*>(window.inspector().editorOf("service_time"));
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, "9ms");
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(timeOfApi(), std::string("9ms"));
        // The field holds what the document holds: Ctrl+Z undoes the document's change, and the
        // field (and the box) follow it.
        QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(timeOfApi(), before);
        QCOMPARE(edit->text().toStdString(), before);
        QVERIFY(edit->hasFocus());
        // While a value is being typed, Ctrl+Z undoes the typing and leaves the document alone.
        const int steps = window.document().undoStack().index();
        QTest::keyClicks(edit, "x");
        QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(edit->text().toStdString(), before);
        QCOMPARE(window.document().undoStack().index(), steps);
        QCOMPARE(timeOfApi(), before);
    }

    void panelsGetTheirWidthBackWhenTheWindowIsRestored() {
        // Issue 15: after shrinking the window and restoring it, the panels stayed squeezed and
        // the canvas took all the width that came back.
        ui::MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openFile(kExample));
        const auto widthOf = [&](const char* name) { return window.findChild<QDockWidget*>(name)->width(); };
        QTest::qWait(50);
        const int inspector = widthOf("inspector"), analysis = widthOf("analysis");
        window.resize(640, 480);
        QTest::qWait(50);
        QVERIFY2(widthOf("inspector") < inspector || widthOf("analysis") < analysis, "the small window squeezes a panel");
        window.resize(1280, 800);
        QTest::qWait(50);
        QVERIFY2(std::abs(widthOf("inspector") - inspector) <= 4 && std::abs(widthOf("analysis") - analysis) <= 4,
                 qPrintable(QString("inspector %1 → %2, analysis %3 → %4").arg(inspector).arg(widthOf("inspector")).arg(analysis).arg(widthOf("analysis"))));

        // A width the user dragged is the one that comes back.
        auto* left = window.findChild<QDockWidget*>("inspector");
        const QPoint edge(left->geometry().right() + 3, left->geometry().center().y());
        QWindow* handle = window.windowHandle();
        QTest::mouseMove(handle, edge);
        QTest::mousePress(handle, Qt::LeftButton, {}, edge);
        QTest::mouseMove(handle, edge + QPoint(30, 0));
        QTest::mouseMove(handle, edge + QPoint(60, 0));
        QTest::mouseRelease(handle, Qt::LeftButton, {}, edge + QPoint(60, 0));
        QTest::qWait(50);
        const int dragged = widthOf("inspector");
        QVERIFY2(dragged >= inspector + 40, qPrintable(QString("%1 → %2").arg(inspector).arg(dragged)));
        window.resize(640, 480);
        QTest::qWait(50);
        window.resize(1280, 800);
        QTest::qWait(50);
        QVERIFY2(std::abs(widthOf("inspector") - dragged) <= 4, qPrintable(QString("%1 → %2").arg(dragged).arg(widthOf("inspector"))));
    }

    void aFileWithoutALayoutIsLaidOutWhenOpened() {
        // A file written by hand or by a script often has no `layout`: every box opened at
        // (0, 0), one on top of another. Now the call graph is laid out (callers left of their
        // callees), without an undo step or unsaved changes; a file placing only some boxes
        // gets the rest in a row below them.
        QTemporaryDir dir;
        const QString path = dir.path() + "/bare.headroom.json";
        {
            std::ofstream file(path.toStdString());
            file << R"({"format": "headroom-scenario", "version": 1, "name": "bare", "components": [
              {"id": "users", "kind": "client", "rate": "10/s", "calls": [{"to": "api"}]},
              {"id": "api", "kind": "service", "service_time": "5ms", "calls": [{"to": "db"}]},
              {"id": "db", "kind": "database"}]})";
        }
        ui::MainWindow window;
        QVERIFY(window.openFile(path));
        const auto at = [&](const char* id) { return *window.document().position(id); };
        QVERIFY(at("users").x < at("api").x && at("api").x < at("db").x);
        QVERIFY(!window.document().isModified());
        QCOMPARE(window.document().undoStack().count(), 0);

        {
            std::ofstream file(path.toStdString());
            file << R"({"format": "headroom-scenario", "version": 1, "name": "bare", "components": [
              {"id": "users", "kind": "client", "rate": "10/s", "calls": [{"to": "api"}]},
              {"id": "api", "kind": "service", "service_time": "5ms", "calls": [{"to": "db"}]},
              {"id": "db", "kind": "database"}], "layout": {"users": {"x": 0, "y": 0}, "api": {"x": 300, "y": 100}}})";
        }
        QVERIFY(window.openFile(path));
        QCOMPARE(at("users").x, 0.0);  // the user's own places stay
        QCOMPARE(at("api").x, 300.0);
        QCOMPARE(at("db").x, 0.0);  // below the lowest: 100 + 74 + 60
        QCOMPARE(at("db").y, 234.0);
    }

    void theSimulationRunsInAWorkerAndFillsThePanel() {
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.runner().setProgram(HEADROOM_CLI_PATH);
        QSignalSpy finished(&window.runner(), &ui::SimulationRunner::finished);
        QSignalSpy failed(&window.runner(), &ui::SimulationRunner::failed);
        window.runner().start(window.document().scenario(), {"--duration", "6s", "--replications", "2"});
        QVERIFY2(finished.wait(120'000), failed.isEmpty() ? "no result" : qPrintable(failed[0][0].toString()));
        QCOMPARE(window.simulation().classTable()->rowCount(), 1);
        QVERIFY(window.simulation().classTable()->row(0).cells[5].contains(QString::fromUtf8("±")));
        QVERIFY(window.simulation().runButton()->isEnabled());
        // Charts: a point series per class plus a whisker per interval; a CDF per class; the
        // class's throughput over time (no queue forms at 50 % load).
        QVERIFY(window.simulation().charts()->seriesCount(0) > 1);
        QCOMPARE(window.simulation().charts()->seriesCount(1), 1);
        QVERIFY(window.simulation().charts()->seriesCount(2) >= 1);
        QVERIFY(!window.simulation().cancelButton()->isEnabled());

        // Issue 15: a run refused as too long told the user to pass --allow-long, a flag the app
        // cannot pass, and the last run's numbers stayed on screen as if they were this one's.
        // Now the app asks (Run Anyway or Cancel) and the panel is cleared.
        QTRY_VERIFY(!window.runner().running());  // the worker exits just after its result line
        QSignalSpy refused(&window.runner(), &ui::SimulationRunner::refusedAsTooLong);
        QString question;
        QTimer watch;  // the question opens when the worker's refusal arrives: look for it
        connect(&watch, &QTimer::timeout, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box) return;
            question = box->text() + " " + box->informativeText();
            box->button(QMessageBox::Cancel)->click();
            watch.stop();
        });
        watch.start(20);
        window.runner().start(window.document().scenario(), {"--duration", "100000000s"});
        QVERIFY2(refused.wait(60'000), qPrintable(QString("failed %1: %2").arg(failed.count()).arg(failed.isEmpty() ? QString() : failed.last()[0].toString())));
        QVERIFY2(question.contains("long") && question.contains("anyway"), qPrintable(question));
        QVERIFY(!question.contains("--allow-long"));
        QCOMPARE(window.simulation().classTable()->rowCount(), 0);
        QCOMPARE(window.simulation().charts()->seriesCount(1), 0);
        QVERIFY(window.simulation().statusText().contains("Not run"));
    }

    void eachClassHasItsOwnColourOnEveryChart() {
        // Issue 15: the charts' series came out in colours hard to tell apart. Each class now has
        // its own (Okabe and Ito's palette), the same on the percentiles and the distribution.
        ui::SimulationCharts charts;
        model::RunResult result;
        for (const char* name : {"read", "write", "search"}) {
            model::ClassMetrics cls;
            cls.name = name;
            cls.latency.p50 = 0.010;
            cls.latency.p99 = 0.040;
            cls.cdf = {{0.005, 0.2}, {0.010, 0.5}, {0.040, 0.99}};
            result.classes.push_back(cls);
        }
        charts.showResult(result);
        const auto points = charts.seriesColours(0), lines = charts.seriesColours(1);
        QCOMPARE(lines.size(), std::size_t(3));
        QCOMPARE(points, lines);
        QVERIFY(lines[0] != lines[1] && lines[1] != lines[2] && lines[0] != lines[2]);
    }

    void screenshotRendersTheWindow() {
        QTemporaryDir dir;
        const QString path = dir.filePath("shot.png");
        ui::MainWindow window;
        QVERIFY(window.openFile(kExample));
        window.show();
        QVERIFY(window.saveScreenshot(path));
        const QImage image(path);
        QCOMPARE(image.size(), window.size());
    }

    // The Analysis panel is in front after opening; --panel (raisePanel) brings another tab forward.
    void panelsComeToTheFrontByName() {
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.estimate().visibleRegion().isEmpty());
        QVERIFY(window.raisePanel("estimate"));
        QApplication::processEvents();
        QVERIFY(!window.estimate().visibleRegion().isEmpty());
        QVERIFY(window.results().visibleRegion().isEmpty());
        QVERIFY(window.raisePanel("analysis"));
        QApplication::processEvents();
        QVERIFY(!window.results().visibleRegion().isEmpty());
        QVERIFY(!window.raisePanel("nonsense"));
    }
};

QTEST_MAIN(MainWindowTest)
#include "tst_MainWindow.moc"
