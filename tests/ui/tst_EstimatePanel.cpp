// SPDX-License-Identifier: MIT
// The estimate block as a form and the estimator's quantities beside it: edits in the file's
// spelling as undo commands, problems under the field, formulas with their numbers.
#include <QComboBox>
#include <QTreeWidget>
#include <QWheelEvent>
#include <QUndoStack>
#include <QTableWidget>
#include <QtTest>

#include "ui/EstimatePanel.h"
#include "ui/ScenarioDocument.h"

using namespace headroom;

namespace {

const QString kTwitter = HEADROOM_SOURCE_DIR "/scenarios/twitter-estimate.headroom.json";

/// The row of a quantity under the top-level group `group`.
QTreeWidgetItem* quantity(QTreeWidget* tree, const QString& group, const QString& key) {
    for (int g = 0; g < tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* top = tree->topLevelItem(g);
        if (top->text(0) != group) continue;
        for (int i = 0; i < top->childCount(); ++i)
            if (top->child(i)->text(0) == key) return top->child(i);
    }
    return nullptr;
}

}  // namespace

class EstimatePanelTest : public QObject {
    Q_OBJECT

private slots:
    void showsEveryQuantityWithItsFormula() {
        ui::ScenarioDocument document;
        QVERIFY(document.open(kTwitter).problems.empty());
        ui::EstimatePanel panel(document);
        QCOMPARE(panel.textOf("monthly_active_users"), QString("300M"));
        // Xu's Twitter exercise: 300 M × 0.5 = 150 M daily users; 150 M × 2 tweets ÷ 86,400 s = 3.47 K/s.
        QTreeWidgetItem* daily = quantity(panel.quantities(), "Totals", "daily_active_users");
        QVERIFY(daily);
        QCOMPARE(daily->text(1), QString("150 million"));
        QTreeWidgetItem* writes = quantity(panel.quantities(), "Totals", "write_qps");
        QVERIFY(writes);
        QCOMPARE(writes->text(1), QString("3.47 K/s"));
        QVERIFY(writes->text(2).contains("write_qps = "));
    }

    void anEditIsUndoableAndReestimates() {
        ui::ScenarioDocument document;
        QVERIFY(document.open(kTwitter).problems.empty());
        ui::EstimatePanel panel(document);
        // Twice the monthly users: 600 M × 0.5 = 300 M daily users.
        QVERIFY(panel.commit("monthly_active_users", "600M").isEmpty());
        QCOMPARE(quantity(panel.quantities(), "Totals", "daily_active_users")->text(1), QString("300 million"));
        QCOMPARE(document.undoStack().count(), 1);
        // Edits of one field in a row merge; another field is another step.
        QVERIFY(panel.commit("monthly_active_users", "700M").isEmpty());
        QCOMPARE(document.undoStack().count(), 1);
        QVERIFY(panel.commit("peak_factor", "3").isEmpty());
        QCOMPARE(document.undoStack().count(), 2);
        document.undoStack().undo();
        QCOMPARE(panel.textOf("monthly_active_users"), QString("700M"));
        document.undoStack().redo();
        QCOMPARE(panel.textOf("peak_factor"), QString("3"));
        document.undoStack().undo();
        document.undoStack().undo();
        QCOMPARE(panel.textOf("monthly_active_users"), QString("300M"));
        QCOMPARE(quantity(panel.quantities(), "Totals", "daily_active_users")->text(1), QString("150 million"));
    }

    void aBadValueShowsItsProblemAndChangesNothing() {
        ui::ScenarioDocument document;
        QVERIFY(document.open(kTwitter).problems.empty());
        ui::EstimatePanel panel(document);
        const auto before = document.scenario();
        QVERIFY(!panel.commit("daily_active_ratio", "1.5").isEmpty());  // a ratio is at most 1
        QVERIFY(!panel.commit("retention", "5 yrs").isEmpty());
        QCOMPARE(document.scenario(), before);
        QCOMPARE(document.undoStack().count(), 0);
    }

    void actionsAreATableARowEach() {
        // Issue 15: the estimate's actions were one line of JSON. Now a row each, a column per
        // key in the file's spelling; a row is applied once it reads.
        ui::ScenarioDocument document;
        QVERIFY(document.open(kTwitter).problems.empty());
        ui::EstimatePanel panel(document);
        auto* actions = qobject_cast<QTableWidget*>(panel.editorOf("actions"));
        QVERIFY(actions);
        QCOMPARE(actions->rowCount(), 3);  // tweet, timeline_read, and a row to type a new one into
        QCOMPARE(actions->item(0, 0)->text(), QString("tweet"));
        QCOMPARE(actions->item(0, 4)->text(), QString("310B"));  // size
        // Twice the tweets: 150 M daily users × 4 ÷ 86,400 s = 6.94 K writes a second.
        actions->item(0, 2)->setText("4");
        QCOMPARE(document.scenario().estimate->actions[0].perUserPerDay, std::optional(4.0));
        QVERIFY(quantity(panel.quantities(), "Totals", "write_qps"));
        QCOMPARE(quantity(panel.quantities(), "Totals", "write_qps")->text(1), QString("6.94 K/s"));
        // A new row: its name alone does not read (an action needs a rate), so nothing changes
        // until its kind and rate are typed: 150 M × 1 like a day ÷ 86,400 s = 1.74 K/s.
        actions = qobject_cast<QTableWidget*>(panel.editorOf("actions"));
        const int steps = document.undoStack().count();
        actions->item(2, 0)->setText("like");
        QCOMPARE(document.scenario().estimate->actions.size(), std::size_t(2));
        QVERIFY(!actions->item(2, 0)->text().isEmpty());  // kept while it waits
        actions->item(2, 1)->setText("write");
        actions->item(2, 2)->setText("1");
        QCOMPARE(document.scenario().estimate->actions.size(), std::size_t(3));
        QCOMPARE(document.scenario().estimate->actions[2].name, std::string("like"));
        QTreeWidgetItem* likes = nullptr;
        for (int g = 0; g < panel.quantities()->topLevelItemCount(); ++g)
            if (panel.quantities()->topLevelItem(g)->text(0) == "action: like") likes = panel.quantities()->topLevelItem(g);
        QVERIFY(likes);
        QStringList keys;
        for (int i = 0; i < likes->childCount(); ++i) keys << likes->child(i)->text(0) + "=" + likes->child(i)->text(1);
        QVERIFY2(keys.contains("qps=1.74 K/s"), qPrintable(keys.join(", ")));
        QCOMPARE(document.undoStack().count(), steps + 1);
        // Emptying its name removes it.
        actions = qobject_cast<QTableWidget*>(panel.editorOf("actions"));
        actions->item(2, 0)->setText("");
        QCOMPARE(document.scenario().estimate->actions.size(), std::size_t(2));
    }

    void aStrayWheelDoesNotChangeAChoice() {
        // Issue 15: scrolling the form with the pointer passing over the units list changed
        // them to binary. A wheel over a list the user has not clicked into leaves it alone.
        ui::ScenarioDocument document;
        QVERIFY(document.open(kTwitter).problems.empty());
        ui::EstimatePanel panel(document);
        panel.resize(500, 700);
        panel.show();
        auto* units = qobject_cast<QComboBox*>(panel.editorOf("units"));
        QVERIFY(units);
        QVERIFY(!units->hasFocus());
        QCOMPARE(units->focusPolicy(), Qt::StrongFocus);
        const QString before = panel.textOf("units");
        const QPointF inside(units->width() / 2.0, units->height() / 2.0);
        QWheelEvent wheel(inside, units->mapToGlobal(inside), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(units, &wheel);
        QCOMPARE(panel.textOf("units"), before);
        QCOMPARE(document.undoStack().count(), 0);
    }

    void aNewScenarioStartsWithoutABlock() {
        ui::ScenarioDocument document;
        ui::EstimatePanel panel(document);
        QCOMPARE(panel.quantities()->topLevelItemCount(), 0);
        QVERIFY(panel.commit("daily_active_users", "1M").isEmpty());
        QVERIFY(document.scenario().estimate);
        QCOMPARE(*document.scenario().estimate->dailyActiveUsers, 1e6);
        // Emptying the only field removes the block again.
        QVERIFY(panel.commit("daily_active_users", "").isEmpty());
        QVERIFY(!document.scenario().estimate);
    }
};

QTEST_MAIN(EstimatePanelTest)
#include "tst_EstimatePanel.moc"
