// SPDX-License-Identifier: MIT
// Practice mode in the real window, offscreen (issue 18): pick a challenge, answer its estimates,
// design, see the live checklist tick, submit (a real simulation in a worker process), read the
// score card, and find the attempt kept in the data folder to come back to.
#include <QtTest>

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTextBrowser>
#include <QTreeWidget>

#include "ui/ChallengePicker.h"
#include "ui/LiveAnalysis.h"
#include "ui/MainWindow.h"
#include "ui/PracticePanel.h"
#include "ui/PracticeStore.h"
#include "ui/ScenarioDocument.h"
#include "ui/SimulationRunner.h"

using namespace headroom;

namespace {

const QString kReference = QStringLiteral(HEADROOM_SOURCE_DIR "/challenges/reference/url-shortener.headroom.json");

int countOf(const model::DesignScore& score, model::Verdict verdict) {
    return int(std::count_if(score.checks.begin(), score.checks.end(), [&](const model::Check& c) { return c.verdict == verdict; }));
}

}  // namespace

class PracticeTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }  // attempts away from the user's
    void init() { QDir(ui::PracticeStore::defaultFolder()).removeRecursively(); }

    void thePickerGroupsByDifficultyAndMarksPassedOnes() {
        const auto entries = ui::challenges();
        QVERIFY(entries.size() >= 10);
        ui::PracticeStore store;
        model::ChallengeScore passed;
        passed.design.passed = true;
        passed.total = 87.0;
        QString error;
        QVERIFY(store.record("leaderboard", entries.front().challenge.starter, passed, error));
        ui::ChallengePicker picker(entries, store);
        auto* list = picker.findChild<QTreeWidget*>("challenges");
        QVERIFY(list);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Easy"));
        QCOMPARE(list->topLevelItemCount(), 3);  // easy, medium, hard
        bool marked = false;
        for (int i = 0; i < list->topLevelItem(0)->childCount(); ++i)
            if (list->topLevelItem(0)->child(i)->text(0) == "Real-time game leaderboard")
                marked = list->topLevelItem(0)->child(i)->text(1).contains(QString::fromUtf8("✓ passed, 87 of 100"));
        QVERIFY(marked);
        QVERIFY(!picker.chosen());
        picker.select(2);
        QCOMPARE(*picker.chosen(), std::size_t(2));
    }

    void estimatesAreScoredWithTheirFormulas() {
        ui::MainWindow window;
        QVERIFY(window.startPractice("url-shortener"));
        ui::PracticePanel& panel = window.practicePanel();
        QCOMPARE(window.document().scenario().components.size(), std::size_t(2));  // the starter's clients
        // 500 M a month ÷ 2,592,000 s = 192.9/s: 200/s is within ×1.12. The peak is 100 × 192.9/s
        // × 2 = 38,580/s: 77 K/s is ×1.9959 over, log10 1.9959 = 0.30013, and
        // (1 − 0.30013) ÷ (1 − log10 1.12 = 0.95078) = 0.7361, shown as 74 %.
        panel.findChild<QLineEdit*>("answer_write_qps")->setText("200/s");
        panel.findChild<QLineEdit*>("answer_peak_redirects")->setText("77K/s");
        panel.findChild<QLineEdit*>("answer_storage")->setText("15 TB per year");  // not a size
        panel.scoreEstimates();
        QStringList shown;
        for (auto* label : panel.findChildren<QLabel*>())
            if (label->text().contains("%</b>")) shown << label->text();
        QCOMPARE(shown.size(), 5);
        QVERIFY(shown[0].contains("<b>100%</b>") && shown[0].contains("qps = per_month ÷ seconds_per_month"));
        QVERIFY(shown[1].contains("<b>74%</b>"));
        QVERIFY(shown[2].contains("<b>0%</b>") && shown[2].contains("is not a size"));
        QVERIFY(shown[3].contains("not answered"));
    }

    void hintsComeOneAtATime() {
        ui::MainWindow window;
        QVERIFY(window.startPractice("url-shortener"));
        ui::PracticePanel& panel = window.practicePanel();
        auto* button = panel.findChild<QPushButton*>("hint");
        QCOMPARE(button->text(), QStringLiteral("Show a Hint (1 of 3)"));
        QVERIFY(panel.showNextHint());
        QCOMPARE(button->text(), QStringLiteral("Show a Hint (2 of 3)"));
        QVERIFY(panel.showNextHint());
        QVERIFY(panel.showNextHint());
        QVERIFY(!button->isEnabled());
        QVERIFY(!panel.showNextHint());
    }

    void theChecklistFollowsTheDesignAndSubmitScoresIt() {
        ui::MainWindow window;
        window.runner().setProgram(HEADROOM_CLI_PATH);
        QVERIFY(window.startPractice("url-shortener"));
        ui::PracticePanel& panel = window.practicePanel();
        window.analysis().refresh();
        // The starter calls nothing: the checklist says so, one line per client.
        QCOMPARE(countOf(panel.checklist(), model::Verdict::Fail), 2);
        QVERIFY(panel.checklist().checks[0].name.starts_with("visitors: missing"));
        // The reference design, drawn: every constraint the analytic engine can judge is ticked.
        QVERIFY(window.openFile(kReference));
        window.analysis().refresh();
        QCOMPARE(countOf(panel.checklist(), model::Verdict::Fail), 0);
        QCOMPARE(countOf(panel.checklist(), model::Verdict::Pass), int(panel.checklist().checks.size()));
        auto* checks = panel.findChild<QListWidget*>("checklist");
        QCOMPARE(checks->count(), int(panel.checklist().checks.size()));
        QVERIFY(checks->item(0)->text().startsWith(QString::fromUtf8("✓")));
        // Two app servers instead of six: 20.2 K/s × 1 ms = 20.2 cores on 8 saturate them.
        model::Component app = *window.document().component("app");
        app.instances = 2;
        window.document().replaceComponent("app", app);
        window.analysis().refresh();
        QVERIFY(countOf(panel.checklist(), model::Verdict::Fail) > 0);
        window.document().undoStack().clear();
        QVERIFY(window.openFile(kReference));

        panel.findChild<QLineEdit*>("answer_write_qps")->setText("200/s");
        QSignalSpy scored(&panel, &ui::PracticePanel::scored);
        QSignalSpy failed(&window.runner(), &ui::SimulationRunner::failed);
        panel.submit();
        QVERIFY2(scored.wait(300'000), failed.isEmpty() ? "no score" : qPrintable(failed[0][0].toString()));
        const auto& score = panel.lastScore();
        QVERIFY(score);
        QVERIFY(score->design.passed);
        QCOMPARE(score->design.engine, std::string("simulation"));
        // Estimates count only as far as they were answered: 1 of 5 at full marks is 20 % of
        // the estimates' 30; the design's 70 all earned: 30 × 0.2 + 70 = 76.
        QVERIFY(std::abs(score->total - 76.0) < 1e-9);
        auto* card = panel.findChild<QTextBrowser*>("scoreCard");
        QVERIFY(card->toPlainText().contains("Passed: 76 of 100"));
        QVERIFY(card->toPlainText().contains("redirect p99 ≤ 50 ms"));
        // Kept, to come back to: the design as submitted, and its score.
        ui::PracticeStore store;
        const auto attempts = store.attempts("url-shortener");
        QCOMPARE(attempts.size(), std::size_t(1));
        QVERIFY(attempts.front().passed);
        QCOMPARE(panel.findChild<QListWidget*>("attempts")->count(), 1);
        QVERIFY(store.passed("url-shortener"));
        QSignalSpy opened(&panel, &ui::PracticePanel::attemptOpened);
        auto* attemptList = panel.findChild<QListWidget*>("attempts");
        emit attemptList->itemDoubleClicked(attemptList->item(0));
        QCOMPARE(opened.size(), 1);
        QCOMPARE(window.document().scenario().components.size(), std::size_t(6));  // opened as a new scenario
        QVERIFY(window.document().filePath().isEmpty());
        QVERIFY(window.saveScreenshot(QDir::temp().filePath("practice-score-card.png")));
    }
};

QTEST_MAIN(PracticeTest)
#include "tst_Practice.moc"
