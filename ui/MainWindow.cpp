// SPDX-License-Identifier: MIT
#include "ui/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QToolBar>
#include <QUndoStack>
#include <set>
#include <tuple>
#include <cmath>

#include "model/CountFields.h"
#include "model/ChangeOverTimeFormat.h"
#include "ui/Autosave.h"
#include "ui/ComponentClipboard.h"
#include "ui/DiagramScene.h"
#include "ui/AutoLayout.h"
#include "ui/ChallengePicker.h"
#include "ui/Examples.h"
#include "ui/PracticePanel.h"
#include "ui/SweepPanel.h"
#include "ui/PracticeStore.h"
#include "ui/KindIcons.h"
#include "ui/DiagramView.h"
#include "ui/EstimatePanel.h"
#include "ui/InspectorPanel.h"
#include "ui/LiveAnalysis.h"
#include "ui/PaletteWidget.h"
#include "ui/PanelWidths.h"
#include "ui/ResultsPanel.h"
#include "ui/ScenarioDocument.h"
#include "ui/SimulationPanel.h"
#include "ui/SimulationRunner.h"
#include "ui/EventsStrip.h"
#include "ui/commands/ComponentCommands.h"
#include "ui/commands/EventsCommand.h"

namespace headroom::ui {
namespace {

constexpr int kMaxRecentFiles = 8;
constexpr double kGrid = 20.0;
const char* const kFileFilter = "Headroom scenarios (*.headroom.json);;JSON files (*.json);;All files (*)";

double snap(double value) { return std::round(value / kGrid) * kGrid; }

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_document(new ScenarioDocument(this)),
      m_scene(new DiagramScene(*m_document, this)),
      m_view(new DiagramView(m_scene, this)),
      m_analysis(new LiveAnalysis(*m_document, this)),
      m_runner(new SimulationRunner(this)),
      m_autosave(new Autosave(*m_document, Autosave::defaultDirectory(), 15'000, this)) {
    setCentralWidget(m_view);
    setAcceptDrops(true);
    createDocks();
    m_examples = examples();  // read once, for the File menu and the empty canvas
    m_challenges = challenges();
    createActions();
    createWelcome();
    connect(m_analysis, &LiveAnalysis::updated, this, &MainWindow::refreshResults);
    connect(m_document, &ScenarioDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ScenarioDocument::documentReset, this, &MainWindow::updateTitle);
    connect(m_document, &ScenarioDocument::settingsChanged, this, &MainWindow::updateTitle);  // its name
    connect(m_document, &ScenarioDocument::fileChangedOnDisk, this, &MainWindow::reactToChangeOnDisk);
    connect(m_view, &DiagramView::kindDropped, this, &MainWindow::addComponent);
    connect(m_view, &DiagramView::nextBoxRequested, this, &MainWindow::selectNextBox);
    connect(m_palette, &PaletteWidget::kindActivated, this, [this](model::ComponentKind kind) {
        // At the middle of the view, or beside the last box placed there: a row of double-clicks
        // must not stack boxes on one spot (issue 15).
        addComponent(kind, freeSpotNear(m_view->mapToScene(m_view->viewport()->rect().center())));
    });
    connect(m_results, &ResultsPanel::problemActivated, this, &MainWindow::selectProblem);
    connect(m_scene, &DiagramScene::callRefused, this, [this](const QString& why) { statusBar()->showMessage(tr("No call added: %1").arg(why), 6000); });
    connect(m_scene, &DiagramScene::faultRequested, this, [this](const QString& id, model::FaultKind kind) { addFault(kind, id.toStdString()); });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        const auto selected = m_scene->selectedItems();
        if (auto* call = selected.size() == 1 ? dynamic_cast<CallItem*>(selected.front()) : nullptr; call && call->index()) {
            m_inspector->inspectCall(call->from(), *call->index());
            return;
        }
        auto* item = selected.size() == 1 ? dynamic_cast<ComponentItem*>(selected.front()) : nullptr;
        m_inspector->inspect(item ? item->componentId() : std::string());
    });
    connect(m_simulation, &SimulationPanel::runRequested, this, &MainWindow::runSimulation);
    connect(m_events, &EventsStrip::eventSelected, this, [this](std::optional<std::size_t> index) {
        if (index) m_inspector->inspectEvent(*index);
        else if (m_inspector->inspectedEvent()) m_inspector->inspect("");
    });
    connect(m_simulation, &SimulationPanel::momentChosen, this, [this](std::optional<double> time) {
        // The canvas as the run was then, while the scrubber is held; the analysis again after.
        const auto moment = time ? m_simulation->momentAt(*time) : std::nullopt;
        m_events->setMarker(moment ? time : std::nullopt);
        if (moment) m_scene->showAnalysis(*moment);
        else refreshResults();
    });
    connect(m_runner, &SimulationRunner::refusedAsTooLong, this, &MainWindow::offerLongRun);
    resize(1360, 860);
    updateTitle();
    refreshResults();
    statusBar()->showMessage(tr("Drag a component from the palette, or open a scenario (Ctrl+O)."));
}

MainWindow::~MainWindow() {
    // The document and its undo stack go with the QObject children, after this part of the
    // window: nothing may call back into it then.
    m_document->disconnect(this);
    m_analysis->disconnect(this);
    m_scene->disconnect(this);  // its items go, and their selection with them
}

QDockWidget* MainWindow::addDock(const QString& title, const char* name, QWidget* content, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);  // for saveState()
    dock->setWidget(content);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createDocks() {
    m_palette = new PaletteWidget(this);
    m_inspector = new InspectorPanel(*m_document, this);
    m_results = new ResultsPanel(this);
    m_simulation = new SimulationPanel(*m_runner, this);
    m_estimate = new EstimatePanel(*m_document, this);
    m_events = new EventsStrip(*m_document, this);
    m_practiceStore = std::make_unique<PracticeStore>();
    m_practice = new PracticePanel(*m_document, *m_analysis, *m_runner, *m_practiceStore, this);
    connect(m_practice, &PracticePanel::attemptOpened, this, [this](const QString& path) {
        if (!maybeSave()) return;
        if (!m_document->openAsNew(path).opened) {
            statusBar()->showMessage(tr("Cannot open the attempt %1").arg(path), 8000);
            return;
        }
        updateTitle();
        m_view->fitAll();
        statusBar()->showMessage(tr("An earlier attempt, as a new scenario: change it and submit again to compare."), 8000);
    });
    connect(m_events, &EventsStrip::changeRequested, this,
            [this](const QString& id, model::ChangeKind kind, model::DeployStrategy strategy, double at) { addChange(id.toStdString(), kind, strategy, at); });
    QDockWidget* paletteDock = addDock(tr("Components"), "palette", m_palette, Qt::LeftDockWidgetArea);
    // A long form (a call's retry and breaker, a profile's picture) scrolls rather than squeezing its rows.
    auto* inspectorScroll = new QScrollArea(this);
    inspectorScroll->setWidget(m_inspector);
    inspectorScroll->setWidgetResizable(true);
    inspectorScroll->setFrameShape(QFrame::NoFrame);
    QDockWidget* inspectorDock = addDock(tr("Inspector"), "inspector", inspectorScroll, Qt::LeftDockWidgetArea);
    QDockWidget* resultsDock = addDock(tr("Analysis"), "analysis", m_results, Qt::RightDockWidgetArea);
    QDockWidget* simulationDock = addDock(tr("Simulation"), "simulation", m_simulation, Qt::RightDockWidgetArea);
    QDockWidget* estimateDock = addDock(tr("Estimate"), "estimate", m_estimate, Qt::RightDockWidgetArea);
    auto* practiceScroll = new QScrollArea(this);
    practiceScroll->setWidget(m_practice);
    practiceScroll->setWidgetResizable(true);
    practiceScroll->setFrameShape(QFrame::NoFrame);
    QDockWidget* practiceDock = addDock(tr("Practice"), "practice", practiceScroll, Qt::RightDockWidgetArea);
    m_sweep = new SweepPanel(*m_document, *m_analysis, this);
    m_sweep->runner().setProgram(m_runner->program());
    QDockWidget* sweepDock = addDock(tr("Sweep"), "sweep", m_sweep, Qt::RightDockWidgetArea);
    // A tab behind another is not on screen, though its widget says it is visible.
    connect(sweepDock, &QDockWidget::visibilityChanged, m_sweep, &SweepPanel::setOnScreen);
    connect(m_practice, &PracticePanel::scored, practiceScroll, [practiceScroll, this] {
        // The score card from its top, the Submit button just above it.
        if (auto* submit = m_practice->findChild<QWidget*>("submit")) practiceScroll->verticalScrollBar()->setValue(submit->y() - 8);
    });
    addDock(tr("Events"), "events", m_events, Qt::BottomDockWidgetArea);
    tabifyDockWidget(resultsDock, simulationDock);
    tabifyDockWidget(simulationDock, sweepDock);
    tabifyDockWidget(sweepDock, estimateDock);
    tabifyDockWidget(estimateDock, practiceDock);  // its tab says how to start one
    resultsDock->raise();
    // The canvas is what people came to draw on: the panels take what they need, not half.
    resizeDocks({resultsDock}, {460}, Qt::Horizontal);
    resizeDocks({paletteDock}, {260}, Qt::Horizontal);
    auto* widths = new PanelWidths(*this);  // and they come back after the window shrinks
    widths->want(Qt::RightDockWidgetArea, 460);
    widths->want(Qt::LeftDockWidgetArea, 260);
    // The palette shows every kind without scrolling (object store hid below the fold).
    const int paletteHeight = (m_palette->sizeHintForRow(0) + 2 * m_palette->spacing()) * m_palette->count() + 2 * m_palette->frameWidth() + 4;
    m_palette->setMinimumHeight(paletteHeight);
    resizeDocks({paletteDock, inspectorDock}, {paletteHeight + 30, 520}, Qt::Vertical);
}

bool MainWindow::raisePanel(const QString& name) {
    const QString objectName = name == "components" ? QStringLiteral("palette") : name;
    auto* dock = findChild<QDockWidget*>(objectName, Qt::FindDirectChildrenOnly);
    if (!dock) return false;
    dock->show();
    dock->raise();
    return true;
}

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newScenario);
    QMenu* fromExample = file->addMenu(tr("New from &Example"));
    for (const Example& example : m_examples)
        fromExample->addAction(example.title, this, [this, path = example.path] { newFromExample(path); })->setToolTip(example.description);
    if (fromExample->isEmpty()) fromExample->addAction(tr("(no examples installed)"))->setEnabled(false);
    fromExample->setToolTipsVisible(true);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    QAction* practiceAction = file->addAction(tr("&Practice…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this, &MainWindow::practice);
    practiceAction->setToolTip(tr("A system-design interview: estimate, design, and have the design scored"));
    practiceAction->setEnabled(!m_challenges.empty());
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addSeparator();
    file->addAction(tr("Export &PNG…"), this, [this] { exportImage(false); });
    file->addAction(tr("Export S&VG…"), this, [this] { exportImage(true); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack().createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack().createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("Cu&t"), QKeySequence::Cut, this, [this] {
        copySelection();
        deleteSelection();
    });
    edit->addAction(tr("&Copy"), QKeySequence::Copy, this, &MainWindow::copySelection);
    edit->addAction(tr("&Paste"), QKeySequence::Paste, this, &MainWindow::paste);
    edit->addAction(tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), this, &MainWindow::duplicateSelection);
    edit->addAction(tr("&Delete"), QKeySequence::Delete, this, &MainWindow::deleteSelection);
    edit->addAction(tr("Select &All"), QKeySequence::SelectAll, this, [this] {
        for (QGraphicsItem* item : m_scene->items())
            if (item->flags() & QGraphicsItem::ItemIsSelectable) item->setSelected(true);
    });

    edit->addSeparator();
    edit->addAction(tr("&Tidy Layout"), QKeySequence(Qt::CTRL | Qt::Key_L), this, &MainWindow::tidyLayout);

    // Arrow keys nudge the selected boxes a grid step (Shift: five), as one undo step each.
    for (const auto& [key, dx, dy] : {std::tuple{Qt::Key_Left, -1, 0}, std::tuple{Qt::Key_Right, 1, 0}, std::tuple{Qt::Key_Up, 0, -1}, std::tuple{Qt::Key_Down, 0, 1}})
        for (const int step : {1, 5}) {
            auto* nudge = new QAction(m_view);
            nudge->setShortcut(QKeySequence(step == 5 ? Qt::SHIFT | key : key));
            nudge->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            connect(nudge, &QAction::triggered, this, [this, dx = dx, dy = dy, step] { nudgeSelection(dx * step * kGrid, dy * step * kGrid); });
            m_view->addAction(nudge);
        }

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, this, [this] { m_view->zoomBy(1.25); });
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, this, [this] { m_view->zoomBy(0.8); });
    view->addAction(tr("&Fit"), QKeySequence(Qt::CTRL | Qt::Key_0), this, [this] { m_view->fitAll(); });
    QMenu* zoneOutage = view->addMenu(tr("&Zone Outage"));
    connect(zoneOutage, &QMenu::aboutToShow, this, [this, zoneOutage] {
        zoneOutage->clear();
        std::set<std::string> zones;
        for (const auto& component : m_document->scenario().components)
            if (component.zones) zones.insert(component.zones->begin(), component.zones->end());
        if (zones.empty()) zoneOutage->addAction(tr("No component has zones (give it \"zones\" in the Inspector)"))->setEnabled(false);
        for (const std::string& zone : zones)
            zoneOutage->addAction(tr("Lose Zone %1").arg(QString::fromStdString(zone)), this, [this, zone] { addFault(model::FaultKind::ZoneOutage, zone); });
    });
    // Every panel, so a closed one comes back from where people look for it (issue 15).
    view->addSection(tr("Panels"));
    for (QDockWidget* dock : findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly)) view->addAction(dock->toggleViewAction());

    QMenu* simulate = menuBar()->addMenu(tr("&Simulation"));
    simulate->addAction(tr("&Run"), QKeySequence(Qt::Key_F5), this, &MainWindow::runSimulation);
    simulate->addAction(tr("&Cancel"), QKeySequence(Qt::SHIFT | Qt::Key_F5), m_runner, &SimulationRunner::cancel);

    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName("main");
    tools->setMovable(false);
    tools->addAction(undo);
    tools->addAction(redo);
    tools->addSeparator();
    tools->addAction(tr("Fit"), this, [this] { m_view->fitAll(); });
    tools->addAction(tr("Simulate"), this, &MainWindow::runSimulation);
}

void MainWindow::addFault(model::FaultKind kind, const std::string& target) {
    model::FaultEvent event = proposedFault(m_document->scenario(), kind, target);
    const QString name = QString::fromStdString(target);
    bool ok = true;
    if (kind == model::FaultKind::Crash || kind == model::FaultKind::Hang) {
        const model::Component* component = m_document->component(target);
        const int instances = component ? component->instances.value_or(1) : 1;
        event.instances = QInputDialog::getInt(this, tr("Instances"), tr("How many instances of %1 (of %2)?").arg(name).arg(instances), 1, 1, instances, 1, &ok);
    } else if (kind == model::FaultKind::Slowdown) {
        event.factor = QInputDialog::getDouble(this, tr("Slow Down"), tr("Service times of %1 × (how many times slower):").arg(name), 4.0, 1.01, 1000.0, 2, &ok);
    }
    if (!ok) return;
    std::vector<model::FaultEvent> events = m_document->scenario().events;
    events.push_back(event);
    m_document->undoStack().push(new EditEventsCommand(*m_document, events, tr("Add the %1").arg(QString::fromStdString(model::describe(event)))));
    raisePanel("events");
    m_events->selectEvent(events.size() - 1);
    statusBar()->showMessage(tr("Added the %1; drag it along the Events strip to move it, and simulate (F5) to see what it does.")
                                 .arg(QString::fromStdString(model::describe(event))), 8000);
}

void MainWindow::addChange(const std::string& component, model::ChangeKind kind, model::DeployStrategy strategy, double at) {
    int instances = 0;
    if (kind == model::ChangeKind::Scale) {
        const model::Component* target = m_document->component(component);
        const int now = target ? target->instances.value_or(1) : 1;
        bool ok = true;
        instances = QInputDialog::getInt(this, tr("Scale"), tr("Scale %1 (%2 instances now) to:").arg(QString::fromStdString(component)).arg(now),
                                         now * 2, 1, int(model::kInstancesField.maximum), 1, &ok);
        if (!ok) return;
    }
    const model::FaultEvent event = proposedChange(m_document->scenario(), kind, strategy, component, at, instances);
    std::vector<model::FaultEvent> events = m_document->scenario().events;
    events.push_back(event);
    m_document->undoStack().push(new EditEventsCommand(*m_document, events, tr("Add the %1").arg(QString::fromStdString(model::describe(event)))));
    m_events->selectEvent(events.size() - 1);
    statusBar()->showMessage(tr("Added the %1; its fields are in the Inspector, and simulate (F5) to see what it does.")
                                 .arg(QString::fromStdString(model::describe(event))), 8000);
}

void MainWindow::updateTitle() {
    const QString path = m_document->filePath();
    const QString name = QString::fromStdString(m_document->scenario().name);
    const QString shown = path.isEmpty() ? tr("untitled") : QFileInfo(path).fileName();
    setWindowTitle(QString("%1[*] — %2 — Headroom").arg(shown, name.isEmpty() ? tr("new scenario") : name));
    setWindowModified(m_document->isModified());
}

void MainWindow::refreshResults() {
    m_scene->showAnalysis(m_analysis->result());
    m_scene->showProblems(m_analysis->problems());
    m_inspector->showProblems(m_analysis->problems());
    m_results->showAnalysis(m_analysis->result(), m_analysis->problems());
}

bool MainWindow::openFile(const QString& path) {
    const auto [opened, problems] = m_document->open(path);
    if (!opened) {
        QStringList lines;
        for (const auto& problem : problems)
            lines << (problem.path.empty() ? QString() : QString::fromStdString(problem.path) + ": ") + QString::fromStdString(problem.message);
        QMessageBox box(QMessageBox::Warning, tr("Cannot open %1").arg(QFileInfo(path).fileName()),
                        tr("%1 has problems; nothing was loaded and your current diagram is unchanged.").arg(path), QMessageBox::Ok, this);
        box.setDetailedText(lines.join('\n'));
        box.setInformativeText(lines.mid(0, 5).join('\n'));
        if (QApplication::platformName() != "offscreen") box.exec();
        statusBar()->showMessage(tr("%1 was not opened: %n problem(s)", "", int(problems.size())).arg(QFileInfo(path).fileName()));
        return false;
    }
    rememberRecent(path);
    placeUnplacedBoxes();
    m_view->fitAll();
    updateTitle();
    const auto errors = std::count_if(problems.begin(), problems.end(), [](const model::Problem& p) { return p.severity == model::Problem::Severity::Error; });
    if (errors > 0)  // a draft: the problems are listed under the analysis and on the boxes
        statusBar()->showMessage(tr("Opened %1, a draft with %n problem(s) to fix before it can be analyzed", "", int(errors)).arg(path), 8000);
    else
        statusBar()->showMessage(tr("Opened %1").arg(path), 4000);
    return true;
}

bool MainWindow::saveTo(const QString& path) {
    if (QFileInfo(path).absoluteFilePath() == m_document->filePath() && m_document->changedOnDisk()) {
        switch (askAboutChangeOnDisk()) {
        case ChangeOnDiskAnswer::Overwrite: break;
        case ChangeOnDiskAnswer::SaveAs: return saveAs();
        case ChangeOnDiskAnswer::Reload: openFile(path); return false;  // the edits are discarded, nothing saved
        case ChangeOnDiskAnswer::Cancel: return false;
        }
    }
    if (const auto error = m_document->save(path)) {
        QMessageBox::warning(this, tr("Cannot save"), *error);
        return false;
    }
    rememberRecent(path);
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

MainWindow::ChangeOnDiskAnswer MainWindow::askAboutChangeOnDisk() {
    const QString name = QFileInfo(m_document->filePath()).fileName();
    QMessageBox box(QMessageBox::Warning, tr("%1 changed on disk").arg(name),
                    tr("Another program changed %1 since you opened it (a git pull, perhaps).").arg(m_document->filePath()), QMessageBox::NoButton, this);
    box.setInformativeText(tr("Overwrite it with your version, save yours under another name, or reload it and discard your changes?"));
    QPushButton* saveAs = box.addButton(tr("Save &As…"), QMessageBox::AcceptRole);
    QPushButton* overwrite = box.addButton(tr("&Overwrite"), QMessageBox::DestructiveRole);
    QPushButton* reload = box.addButton(tr("&Reload"), QMessageBox::ResetRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(saveAs);
    box.exec();
    if (box.clickedButton() == saveAs) return ChangeOnDiskAnswer::SaveAs;
    if (box.clickedButton() == overwrite) return ChangeOnDiskAnswer::Overwrite;
    if (box.clickedButton() == reload) return ChangeOnDiskAnswer::Reload;
    return ChangeOnDiskAnswer::Cancel;
}

void MainWindow::reactToChangeOnDisk() {
    const QString path = m_document->filePath();
    if (m_document->isModified()) {
        statusBar()->showMessage(tr("%1 changed on disk; saving will ask before overwriting it").arg(QFileInfo(path).fileName()));
        return;
    }
    // Nothing of the user's to lose: show the file as it is now.
    if (openFile(path)) statusBar()->showMessage(tr("Reloaded %1: another program changed it").arg(path), 6000);
}

bool MainWindow::save() { return m_document->filePath().isEmpty() ? saveAs() : saveTo(m_document->filePath()); }

bool MainWindow::saveAs() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save scenario"), m_document->filePath(), kFileFilter);
    if (path.isEmpty()) return false;
    if (!path.endsWith(".json")) path += ".headroom.json";
    return saveTo(path);
}

void MainWindow::openDialog() {
    if (!maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QFileInfo(m_document->filePath()).absolutePath(), kFileFilter);
    if (!path.isEmpty()) openFile(path);
}

void MainWindow::newScenario() {
    if (!maybeSave()) return;
    m_document->clear();
    updateTitle();
}

void MainWindow::newFromExample(const QString& path) {
    if (!maybeSave()) return;
    if (!m_document->openAsNew(path).opened) {
        statusBar()->showMessage(tr("Cannot open the example %1").arg(path), 8000);
        return;
    }
    updateTitle();
    placeUnplacedBoxes();
    m_view->fitAll();
    if (m_document->scenario().components.empty() && m_document->scenario().estimate) raisePanel("estimate");  // an estimate alone
    statusBar()->showMessage(tr("A new scenario from the example \"%1\": Save asks where to keep it.").arg(QString::fromStdString(m_document->scenario().name)), 8000);
}

void MainWindow::practice() {
    if (m_challenges.empty()) return;
    ChallengePicker picker(m_challenges, *m_practiceStore, this);
    if (const ChallengeEntry* current = m_practice->entry())
        for (std::size_t i = 0; i < m_challenges.size(); ++i)
            if (m_challenges[i].name == current->name) picker.select(i);
    if (picker.exec() != QDialog::Accepted) return;
    if (const auto index = picker.chosen()) startPractice(m_challenges[*index].name);
}

bool MainWindow::startPractice(const QString& name) {
    const auto found = std::find_if(m_challenges.begin(), m_challenges.end(), [&](const ChallengeEntry& entry) { return entry.name == name; });
    if (found == m_challenges.end() || !maybeSave()) return false;
    // The starter, with the challenge's objectives and run: the Analysis panel then shows the
    // p99s the checklist judges, and F5 runs what Submit runs, but for the faults.
    model::Scenario starter = found->challenge.starter;
    starter.slos = found->challenge.constraints.slos;
    starter.run = found->challenge.run;
    m_document->startFrom(std::move(starter));
    updateTitle();
    placeUnplacedBoxes();
    m_practice->start(*found);
    raisePanel("practice");
    m_view->fitAll();
    statusBar()->showMessage(tr("Practice: estimate first, then draw what the clients call; the checklist follows your design."), 10000);
    return true;
}

void MainWindow::createWelcome() {
    // On an empty canvas: the examples, one click from a real system (issue 15).
    m_welcome = new QFrame(m_view->viewport());
    m_welcome->setObjectName("welcome");
    m_welcome->setFrameShape(QFrame::StyledPanel);
    m_welcome->setAutoFillBackground(true);
    auto* column = new QVBoxLayout(m_welcome);
    auto* heading = new QLabel(tr("<b>Start from a real system</b>, or drag a kind from the Components palette:"), m_welcome);
    heading->setWordWrap(true);
    column->addWidget(heading);
    if (!m_challenges.empty()) {
        auto* practice = new QPushButton(tr("Practice a system-design interview…"), m_welcome);
        practice->setObjectName("practice");
        practice->setToolTip(tr("%n challenge(s): estimate, design, and have the design scored against the engines", "", int(m_challenges.size())));
        connect(practice, &QPushButton::clicked, this, &MainWindow::practice);
        column->addWidget(practice);
    }
    for (const Example& example : m_examples) {
        auto* button = new QPushButton(kindIcon(model::ComponentKind::Service), example.title, m_welcome);
        button->setFlat(true);
        button->setStyleSheet("text-align: left; padding: 4px 8px;");
        button->setToolTip(example.description);
        connect(button, &QPushButton::clicked, this, [this, path = example.path] { newFromExample(path); });
        column->addWidget(button);
    }
    auto* grid = new QGridLayout(m_view->viewport());
    grid->addWidget(m_welcome, 1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(2, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(2, 1);
    const auto showWhenEmpty = [this] { m_welcome->setVisible(m_document->scenario().components.empty()); };
    connect(m_document, &ScenarioDocument::documentReset, this, showWhenEmpty);
    connect(m_document, &ScenarioDocument::componentAdded, this, showWhenEmpty);
    connect(m_document, &ScenarioDocument::componentRemoved, this, showWhenEmpty);
    showWhenEmpty();
}

bool MainWindow::maybeSave() {
    if (!m_document->isModified()) return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"), tr("Save the changes to this scenario first?"),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (maybeSave()) {
        if (m_runner->running()) m_runner->cancel();
        m_autosave->removeCopy();  // a normal exit: nothing to recover
        event->accept();
    } else {
        event->ignore();
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile()) return;
    event->acceptProposedAction();
    if (maybeSave()) openFile(urls.front().toLocalFile());
}

void MainWindow::addComponent(model::ComponentKind kind, QPointF scenePosition) {
    model::Component component = model::startingComponent(kind, m_document->uniqueId(model::kindName(kind)));
    // The drop point is the new box's centre.
    const model::Position position{snap(scenePosition.x() - ComponentItem::kWidth / 2.0), snap(scenePosition.y() - ComponentItem::kHeight / 2.0)};
    const std::string id = component.id;
    m_document->undoStack().push(new AddComponentCommand(*m_document, std::move(component), position));
    selectOnly({QString::fromStdString(id)});  // the new box is the one the user works on next
}

QPointF MainWindow::freeSpotNear(QPointF centre) const {
    // Step down and to the right, two grid steps at a time, past any box at the spot.
    const QPointF step(2 * kGrid, 2 * kGrid);
    for (int tries = 0; tries < 100; ++tries, centre += step) {
        const QRectF box(centre.x() - ComponentItem::kWidth / 2.0, centre.y() - ComponentItem::kHeight / 2.0, ComponentItem::kWidth, ComponentItem::kHeight);
        const auto here = m_scene->items(box.adjusted(kGrid, kGrid, -kGrid, -kGrid));
        if (std::none_of(here.begin(), here.end(), [](QGraphicsItem* item) { return dynamic_cast<ComponentItem*>(item) != nullptr; })) break;
    }
    return centre;
}

std::vector<std::string> MainWindow::selectedIds() const {
    std::vector<std::string> ids;
    for (QGraphicsItem* item : m_scene->selectedItems())
        if (auto* component = dynamic_cast<ComponentItem*>(item)) ids.push_back(component->componentId());
    return ids;
}

void MainWindow::copySelection() {
    const auto ids = selectedIds();
    if (ids.empty()) return;
    auto* data = new QMimeData;
    const QByteArray fragment = copyComponents(m_document->scenario(), ids);
    data->setData(kComponentsMimeType, fragment);
    data->setText(QString::fromUtf8(fragment));  // readable JSON in other programs
    QApplication::clipboard()->setMimeData(data);
}

void MainWindow::paste() {
    const QMimeData* data = QApplication::clipboard()->mimeData();
    if (!data) return;
    const QByteArray fragment = data->hasFormat(kComponentsMimeType) ? data->data(kComponentsMimeType) : data->text().toUtf8();
    selectOnly(pasteComponents(*m_document, fragment, {2 * kGrid, 2 * kGrid}));
}

void MainWindow::selectOnly(const QStringList& ids) {
    m_scene->clearSelection();
    for (const QString& id : ids)
        if (ComponentItem* item = m_scene->item(id.toStdString())) item->setSelected(true);
}

void MainWindow::duplicateSelection() {
    const auto ids = selectedIds();
    if (ids.empty()) return;
    selectOnly(pasteComponents(*m_document, copyComponents(m_document->scenario(), ids), {2 * kGrid, 2 * kGrid}));
}

void MainWindow::deleteSelection() {
    // Selected calls first (their callers may be deleted too, which takes their calls anyway).
    std::vector<std::pair<std::string, std::size_t>> calls;
    for (QGraphicsItem* item : m_scene->selectedItems())
        if (auto* call = dynamic_cast<CallItem*>(item); call && call->index()) calls.emplace_back(call->from(), *call->index());
    const std::vector<std::string> ids = selectedIds();
    if (ids.empty() && calls.empty()) return;
    QUndoStack& stack = m_document->undoStack();
    stack.beginMacro(ids.empty() ? tr("Delete calls") : ids.size() == 1 ? tr("Delete %1").arg(QString::fromStdString(ids.front())) : tr("Delete %1 components").arg(ids.size()));
    // What was called before and is called by nothing now (a database behind a deleted cache)
    // would sit at 0/s without a word: say so.
    const auto called = [this] {
        std::set<std::string> targets;
        for (const auto& component : m_document->scenario().components) {
            for (const auto& call : component.calls) targets.insert(call.to);
            if (component.consumers) targets.insert(component.consumers->component);
        }
        return targets;
    };
    const std::set<std::string> calledBefore = called();
    m_scene->removeCalls(std::move(calls));
    for (const auto& id : ids) stack.push(new RemoveComponentCommand(*m_document, id));
    stack.endMacro();
    const std::set<std::string> calledAfter = called();
    QStringList stranded;
    for (const auto& id : calledBefore)
        if (!calledAfter.contains(id) && m_document->component(id)) stranded << QString::fromStdString(id);
    if (!stranded.isEmpty())
        statusBar()->showMessage(tr("Nothing calls %1 any more: it receives no requests (Ctrl+Z brings back what was deleted).").arg(stranded.join(", ")), 10000);
}

void MainWindow::selectProblem(const QString& path) {
    const std::string where = path.toStdString();
    const auto at = model::pathInList("components", where);
    if (!at) return;
    const std::size_t index = at->index;
    const auto& components = m_document->scenario().components;
    if (index >= components.size()) return;
    m_scene->clearSelection();
    if (ComponentItem* item = m_scene->item(components[index].id)) {
        item->setSelected(true);
        m_view->centerOn(item);
    }
    m_inspector->inspect(components[index].id);
    const std::string_view field = at->rest.substr(0, at->rest.find_first_of(".["));
    if (!field.empty()) m_inspector->focusField(std::string(field));
}

void MainWindow::exportImage(bool svg) {
    const QString path = QFileDialog::getSaveFileName(this, svg ? tr("Export SVG") : tr("Export PNG"), QString(),
                                                      svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    const QRectF bounds = m_scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (svg) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(bounds.size().toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), bounds.size()));
        generator.setTitle(QString::fromStdString(m_document->scenario().name));
        QPainter painter(&generator);
        m_scene->render(&painter, QRectF(QPointF(0, 0), bounds.size()), bounds);
    } else {
        QImage image((bounds.size() * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        m_scene->render(&painter, QRectF(image.rect()), bounds);
        painter.end();
        if (!image.save(path)) QMessageBox::warning(this, tr("Cannot export"), tr("Cannot write %1").arg(path));
    }
}

void MainWindow::offerRecovery() {
    for (const auto& recovery : Autosave::pending(Autosave::defaultDirectory())) {
        const QString what = recovery.originalPath.isEmpty() ? tr("an untitled scenario") : QFileInfo(recovery.originalPath).fileName();
        const auto answer = QMessageBox::question(
            this, tr("Restore unsaved changes?"),
            tr("Headroom closed without saving changes to %1 (last kept %2). Restore them?").arg(what, QLocale().toString(recovery.savedAt.toLocalTime(), QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer == QMessageBox::Yes && !m_document->isModified()) {
            if (m_document->openRecovered(recovery.recoveryFile, recovery.originalPath).opened) {
                Autosave::discard(recovery);
                m_autosave->saveNow();  // this session keeps it from now on
                m_view->fitAll();
                updateTitle();
            }
            continue;
        }
        if (answer == QMessageBox::No) Autosave::discard(recovery);
    }
}

void MainWindow::selectComponent(const std::string& id) {
    m_scene->clearSelection();
    if (ComponentItem* item = m_scene->item(id)) item->setSelected(true);
}

bool MainWindow::saveScreenshot(const QString& path) { return grab().save(path); }

void MainWindow::rememberRecent(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value("recentFiles").toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecentFiles) recent.removeLast();
    settings.setValue("recentFiles", recent);
}

void MainWindow::fillRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value("recentFiles").toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            if (maybeSave()) openFile(path);
        })->setToolTip(path);
    if (recent.isEmpty()) m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
}

void MainWindow::placeUnplacedBoxes() {
    const auto& components = m_document->scenario().components;
    std::vector<std::string> unplaced;
    for (const auto& component : components)
        if (!m_document->position(component.id)) unplaced.push_back(component.id);
    if (unplaced.empty()) return;
    if (unplaced.size() == components.size()) {
        std::string error;
        const auto positions = layeredLayout(m_document->scenario(), error);
        if (error.empty()) {
            for (const auto& [id, position] : positions) m_document->setPosition(id, position);
            return;
        }
    }
    // Some are placed (or Graphviz could not lay them out): a row under the lowest box.
    double left = 0.0, bottom = -ComponentItem::kHeight - 3 * kGrid;
    bool first = true;
    for (const auto& component : components) {
        const auto position = m_document->position(component.id);
        if (!position) continue;
        left = first ? position->x : std::min(left, position->x);
        bottom = first ? position->y : std::max(bottom, position->y);
        first = false;
    }
    for (std::size_t i = 0; i < unplaced.size(); ++i)
        m_document->setPosition(unplaced[i], {left + double(i) * (ComponentItem::kWidth + 2 * kGrid), bottom + ComponentItem::kHeight + 3 * kGrid});
}

void MainWindow::tidyLayout() {
    std::string error;
    const auto positions = layeredLayout(m_document->scenario(), error);
    if (!error.empty()) {
        statusBar()->showMessage(tr("Cannot tidy the layout: %1").arg(QString::fromStdString(error)), 8000);
        return;
    }
    // One undo step for the whole tidy-up.
    m_document->undoStack().beginMacro(tr("Tidy layout"));
    for (const auto& [id, to] : positions) {
        const model::Position before = m_document->position(id).value_or(model::Position{});
        if (before.x != to.x || before.y != to.y) m_document->undoStack().push(new MoveComponentCommand(*m_document, id, before, to));
    }
    m_document->undoStack().endMacro();
    m_view->fitAll();
}

void MainWindow::selectNextBox(bool forward) {
    // In reading order: top to bottom, then left to right, as the boxes stand.
    std::vector<std::pair<std::pair<double, double>, std::string>> boxes;
    for (const auto& component : m_document->scenario().components) {
        const model::Position p = m_document->position(component.id).value_or(model::Position{});
        boxes.push_back({{p.y, p.x}, component.id});
    }
    if (boxes.empty()) return;
    std::sort(boxes.begin(), boxes.end());
    const auto selected = selectedIds();
    std::size_t next = forward ? 0 : boxes.size() - 1;
    if (selected.size() == 1)
        for (std::size_t i = 0; i < boxes.size(); ++i)
            if (boxes[i].second == selected.front()) next = (i + (forward ? 1 : boxes.size() - 1)) % boxes.size();
    selectComponent(boxes[next].second);
    if (ComponentItem* item = m_scene->item(boxes[next].second)) m_view->ensureVisible(item);
}

void MainWindow::nudgeSelection(double dx, double dy) {
    const auto ids = selectedIds();
    if (ids.empty()) return;
    m_document->undoStack().beginMacro(ids.size() == 1 ? tr("Move %1").arg(QString::fromStdString(ids.front())) : tr("Move %1 boxes").arg(ids.size()));
    for (const auto& id : ids) {
        const model::Position from = m_document->position(id).value_or(model::Position{});
        m_document->undoStack().push(new MoveComponentCommand(*m_document, id, from, model::Position{from.x + dx, from.y + dy}));
    }
    m_document->undoStack().endMacro();
}

void MainWindow::runSimulation() { startSimulation(false); }

void MainWindow::startSimulation(bool allowLong) {
    if (!m_analysis->problems().empty() && !m_analysis->result()) {
        statusBar()->showMessage(tr("Fix the scenario's problems before simulating it."), 5000);
        return;
    }
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        if (dock->widget() == m_simulation) dock->raise();
    m_runner->start(m_document->scenario(), allowLong ? QStringList{"--allow-long"} : QStringList{});
}

void MainWindow::offerLongRun(const QString& message) {
    // The command line's advice (pass --allow-long) is a flag the app user cannot pass: the
    // same choice, here.
    QString estimate = message;
    if (const int colon = estimate.indexOf("run.duration: "); colon >= 0) estimate = estimate.mid(colon + 14);
    if (const int advice = estimate.indexOf("; shorten the run"); advice >= 0) estimate = estimate.left(advice);
    QMessageBox box(QMessageBox::Question, tr("A long simulation"),
                    tr("This simulation is long: %1.").arg(estimate.toHtmlEscaped()), QMessageBox::NoButton, this);
    box.setInformativeText(tr("Shorten the run or lower its replications in the scenario's run settings, or run it anyway "
                              "(it can be cancelled at any time)."));
    QPushButton* run = box.addButton(tr("Run Anyway"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(qobject_cast<QPushButton*>(box.button(QMessageBox::Cancel)));
    box.exec();
    if (box.clickedButton() == run) startSimulation(true);
}

}  // namespace headroom::ui
