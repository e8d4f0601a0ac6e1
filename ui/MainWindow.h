// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

#include <memory>

#include "model/ComponentKind.h"
#include "model/Scenario.h"
#include "ui/Challenges.h"
#include "ui/Examples.h"

class QDockWidget;
class QFrame;
class QMenu;

namespace headroom::ui {

class EventsStrip;
class PracticePanel;
class SweepPanel;
class PracticeStore;

class Autosave;
class DiagramScene;
class EstimatePanel;
class DiagramView;
class InspectorPanel;
class LiveAnalysis;
class PaletteWidget;
class ResultsPanel;
class ScenarioDocument;
class SimulationPanel;
class SimulationRunner;

/// Headroom's window: the palette, the canvas, the live analytic results and the simulator,
/// with the menus and shortcuts of a desktop editor. The document is the truth; the window only
/// wires its views to it and turns user actions into undo commands.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a scenario file; on problems shows them (with their paths) and keeps the current one.
    bool openFile(const QString& path);
    /// Saves to `path`; an error is shown and returned as false.
    bool saveTo(const QString& path);
    /// Adds a component of `kind` at a scene position (snapped to the grid), as an undo command.
    void addComponent(model::ComponentKind kind, QPointF scenePosition);
    /// Offers to restore what a crashed session left in the recovery folder.
    void offerRecovery();
    /// Starts a simulation of the current scenario and brings its panel to the front.
    void runSimulation();
    /// Selects one component (the inspector shows it), or clears the selection.
    void selectComponent(const std::string& id);
    /// Lays the boxes out left to right along the calls (Graphviz's dot), as one undo step.
    void tidyLayout();
    /// Selects the next box in reading order (Tab), or the previous one (Shift+Tab).
    void selectNextBox(bool forward);
    /// Moves the selected boxes by (dx, dy) scene units, as one undo step.
    void nudgeSelection(double dx, double dy);
    /// Brings a docked panel to the front: "components", "inspector", "analysis", "simulation",
    /// "estimate" or "practice". False for any other name.
    bool raisePanel(const QString& name);
    /// Starts practising a challenge by name ("url-shortener"): its starter becomes a new,
    /// untitled scenario and the Practice panel shows its brief. False when there is no such
    /// challenge or the user keeps unsaved changes.
    bool startPractice(const QString& name);
    /// File ▸ Practice…: picks a challenge and starts it.
    void practice();
    /// Renders the window into a PNG (for docs and tests).
    bool saveScreenshot(const QString& path);

    [[nodiscard]] ScenarioDocument& document() { return *m_document; }
    [[nodiscard]] DiagramScene& scene() { return *m_scene; }
    [[nodiscard]] DiagramView& view() { return *m_view; }
    [[nodiscard]] LiveAnalysis& analysis() { return *m_analysis; }
    [[nodiscard]] ResultsPanel& results() { return *m_results; }
    [[nodiscard]] EventsStrip& events() { return *m_events; }
    [[nodiscard]] SimulationRunner& runner() { return *m_runner; }
    [[nodiscard]] SimulationPanel& simulation() { return *m_simulation; }
    [[nodiscard]] InspectorPanel& inspector() { return *m_inspector; }
    [[nodiscard]] EstimatePanel& estimate() { return *m_estimate; }
    [[nodiscard]] PracticePanel& practicePanel() { return *m_practice; }
    [[nodiscard]] SweepPanel& sweepPanel() { return *m_sweep; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    /// Places the boxes a file does not place (one written by hand or by a script has no
    /// `layout`): all of them by Tidy Layout when none is placed, else in a row below the others.
    /// Not the user's edit: no undo step, and nothing to save until they change something.
    void placeUnplacedBoxes();
    void createActions();
    void createDocks();
    QDockWidget* addDock(const QString& title, const char* name, QWidget* content, Qt::DockWidgetArea area);
    void updateTitle();
    void refreshResults();
    /// Asks to save unsaved changes; false when the user cancels.
    bool maybeSave();
    bool save();
    bool saveAs();
    enum class ChangeOnDiskAnswer { Overwrite, SaveAs, Reload, Cancel };
    /// Asks what to do when saving over a file another program changed.
    ChangeOnDiskAnswer askAboutChangeOnDisk();
    /// Reloads a file changed on disk when there are no unsaved edits, or says saving will ask.
    void reactToChangeOnDisk();
    void startSimulation(bool allowLong);
    /// `centre`, or the first spot down and to the right of it where a new box covers none.
    [[nodiscard]] QPointF freeSpotNear(QPointF centre) const;
    /// A run refused as hours of computing: asks whether to run it anyway.
    void offerLongRun(const QString& message);
    void openDialog();
    void newScenario();
    /// A new, untitled scenario that starts as a copy of the example at `path`.
    void newFromExample(const QString& path);
    void createWelcome();
    void deleteSelection();
    [[nodiscard]] std::vector<std::string> selectedIds() const;
    void copySelection();
    void paste();
    void duplicateSelection();
    void selectOnly(const QStringList& ids);
    void exportImage(bool svg);
    void selectProblem(const QString& path);
    void rememberRecent(const QString& path);
    void fillRecentMenu();
    /// Adds a fault of `kind` on `target` (a component, or a zone for an outage), asking what
    /// it needs (how many instances, how much slower).
    /// Adds a deploy or a scale (asking the count) of `component` at `at` seconds, as one undo step.
    void addChange(const std::string& component, model::ChangeKind kind, model::DeployStrategy strategy, double at);
    void addFault(model::FaultKind kind, const std::string& target);

    ScenarioDocument* m_document;
    DiagramScene* m_scene;
    DiagramView* m_view;
    EventsStrip* m_events = nullptr;
    LiveAnalysis* m_analysis;
    SimulationRunner* m_runner;
    PaletteWidget* m_palette = nullptr;
    ResultsPanel* m_results = nullptr;
    SimulationPanel* m_simulation = nullptr;
    InspectorPanel* m_inspector = nullptr;
    EstimatePanel* m_estimate = nullptr;
    PracticePanel* m_practice = nullptr;
    SweepPanel* m_sweep = nullptr;
    std::unique_ptr<PracticeStore> m_practiceStore;
    std::vector<ChallengeEntry> m_challenges;
    Autosave* m_autosave;
    QMenu* m_recentMenu = nullptr;
    QFrame* m_welcome = nullptr;  ///< the examples, shown on an empty canvas
    std::vector<Example> m_examples;
};

}  // namespace headroom::ui
