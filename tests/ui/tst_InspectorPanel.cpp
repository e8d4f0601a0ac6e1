// SPDX-License-Identifier: MIT
// Editing a component's fields in the inspector: values in the file's spelling, problems shown
// under the field without changing anything, every accepted change an undo command.
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QUndoStack>
#include <QtTest>

#include "model/ComponentEdit.h"
#include "model/KeyPopularity.h"
#include "ui/HitRatioCurve.h"
#include "ui/InspectorPanel.h"
#include "ui/ProfilePreview.h"
#include "ui/ScenarioDocument.h"

using namespace headroom;

namespace {

const QString kExample = HEADROOM_SOURCE_DIR "/scenarios/read-heavy-api.headroom.json";

}  // namespace

class InspectorPanelTest : public QObject {
    Q_OBJECT

private slots:
    void showsTheFieldsOfTheKindInTheFilesSpelling() {
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("api");
        QCOMPARE(inspector.textOf("id"), QString("api"));
        QCOMPARE(inspector.textOf("instances"), QString("4"));
        QCOMPARE(inspector.textOf("timeout"), QString("2s"));
        // The file's {"dist": "exponential", "mean": "4ms"} is written, canonically, as its mean.
        QCOMPARE(inspector.textOf("service_time"), QString("4ms"));
        // A service has no hit ratio; a cache has.
        QVERIFY(model::editableFields(model::ComponentKind::Service) != model::editableFields(model::ComponentKind::Cache));
        inspector.inspect("lb");
        QCOMPARE(inspector.textOf("algorithm"), QString("least_connections"));
    }

    void aGoodValueIsAnUndoableEdit() {
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("api");
        QVERIFY(inspector.commit("timeout", "500 ms").isEmpty());
        QCOMPARE(document.component("api")->timeout->value, 0.5);
        QCOMPARE(inspector.textOf("timeout"), QString("500ms"));
        QVERIFY(inspector.commit("service_time", "6ms").isEmpty());
        QCOMPARE(document.component("api")->serviceTime->all->mean.value, 0.006);
        QCOMPARE(document.undoStack().count(), 2);
        document.undoStack().undo();
        document.undoStack().undo();
        QCOMPARE(document.component("api")->timeout->value, 2.0);
        QCOMPARE(inspector.textOf("timeout"), QString("2s"));
        // Emptying a field removes it: its default applies.
        QVERIFY(inspector.commit("timeout", "").isEmpty());
        QVERIFY(!document.component("api")->timeout);
    }

    void aBadValueShowsItsProblemAndChangesNothing() {
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("api");
        const model::Scenario before = document.scenario();
        const QString unit = inspector.commit("timeout", "5 mss");
        QVERIFY2(unit.contains("did you mean \"ms\""), qPrintable(unit));
        QCOMPARE(inspector.problemOf("timeout"), unit);
        const QString range = inspector.commit("instances", "0");
        QVERIFY2(range.contains("at least 1"), qPrintable(range));
        QCOMPARE(document.scenario(), before);
        QCOMPARE(document.undoStack().count(), 0);
        // A good value clears the problem.
        QVERIFY(inspector.commit("timeout", "1s").isEmpty());
        QVERIFY(inspector.problemOf("timeout").isEmpty());
    }

    void renamingFollowsEveryReference() {
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("cache");
        QVERIFY(inspector.commit("id", "redis").isEmpty());
        QCOMPARE(inspector.inspected(), std::string("redis"));
        QCOMPARE(document.component("api")->calls.front().to, std::string("redis"));
        QVERIFY(!inspector.commit("id", "api").isEmpty());  // taken
        QVERIFY(!inspector.commit("id", "no spaces").isEmpty());
        document.undoStack().undo();
        QVERIFY(document.component("cache"));
    }

    void choicesAreOfferedForEnumerations() {
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("lb");
        QVERIFY(inspector.commit("algorithm", "power_of_two").isEmpty());
        QCOMPARE(*document.component("lb")->algorithm, model::LbAlgorithm::PowerOfTwo);
        QCOMPARE(model::choicesOf("algorithm").size(), std::size_t(7));
        QVERIFY(model::choicesOf("instances").empty());
    }

    void spinningACountIsOneUndoStep() {
        // Stepping a spin box (as dragging or scrolling it does) re-solves at every step; the
        // steps merge into one command.
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("api");
        auto* spin = qobject_cast<QSpinBox*>(inspector.editorOf("instances"));
        QVERIFY(spin);
        QCOMPARE(spin->value(), 4);
        int changes = 0;
        connect(&document, &ui::ScenarioDocument::componentChanged, this, [&] { ++changes; });
        for (int i = 0; i < 3; ++i) spin->stepUp();
        QCOMPARE(*document.component("api")->instances, 7);
        QCOMPARE(changes, 3);
        QCOMPARE(document.undoStack().count(), 1);
        document.undoStack().undo();
        QCOMPARE(*document.component("api")->instances, 4);
        QCOMPARE(spin->value(), 4);
        // Down to "default": the field is removed.
        spin->setValue(spin->minimum());
        QVERIFY(!document.component("api")->instances);
    }

    void anAbsentCountStepsToAValidValue() {
        // Issue 15: an empty instances box showed 1 and its first Up gave 0, "must be at least
        // 1". Absent instances mean 1: the box says "default 1", Up gives 2 and Down gives 1,
        // both valid; absent workers are unbounded, and Up gives the least count, 1; a queue
        // capacity may be 0.
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("lb");  // a balancer without instances, cores or workers in the file
        auto* instances = qobject_cast<QSpinBox*>(inspector.editorOf("instances"));
        QVERIFY(instances);
        QCOMPARE(instances->text(), QString("default 1"));
        instances->stepUp();
        QCOMPARE(document.component("lb")->instances, std::optional(2));
        QVERIFY(inspector.problemOf("instances").isEmpty());
        document.undoStack().undo();
        QCOMPARE(instances->text(), QString("default 1"));
        instances->stepDown();
        QCOMPARE(document.component("lb")->instances, std::optional(1));
        QVERIFY(inspector.problemOf("instances").isEmpty());
        // Down from the least count is absent again.
        instances->stepDown();
        QVERIFY(!document.component("lb")->instances);

        inspector.inspect("api");
        auto* capacity = qobject_cast<QSpinBox*>(inspector.editorOf("queue_capacity"));
        capacity->setValue(capacity->minimum());
        QCOMPARE(capacity->text(), QString("unbounded"));
        capacity->stepUp();
        QCOMPARE(document.component("api")->queueCapacity, std::optional(0));
        QVERIFY(inspector.problemOf("queue_capacity").isEmpty());
    }

    void nothingSelectedShowsTheScenarioSettings() {
        // Issue 15: name, description, SLOs, run settings, links and defaults were out of reach.
        // With nothing selected the Inspector shows them; each edit is checked as the file is and
        // undoable, and the SLOs are a table: type into its last row to add one.
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("");
        QCOMPARE(inspector.textOf("name"), QString::fromStdString(document.scenario().name));
        QVERIFY(inspector.editorOf("run.duration") && inspector.editorOf("run.replications") && inspector.editorOf("slo"));
        QVERIFY(inspector.commit("name", "Read-heavy API, doubled").isEmpty());
        QCOMPARE(document.scenario().name, std::string("Read-heavy API, doubled"));
        QVERIFY(inspector.commit("run.duration", "2min").isEmpty());  // the example runs 60 s
        QCOMPARE(document.scenario().run->duration->value, 120.0);
        // A warm-up longer than the run is refused, with validation's words, and changes nothing.
        const auto warmup = document.scenario().run->warmup;
        QVERIFY(!inspector.commit("run.warmup", "150s").isEmpty());
        QVERIFY(!inspector.problemOf("run.warmup").isEmpty());
        QCOMPARE(document.scenario().run->warmup, warmup);
        document.undoStack().undo();
        QCOMPARE(document.scenario().run->duration->value, 60.0);
        QCOMPARE(inspector.textOf("run.duration"), QString("60s"));
        // A new SLO typed into the table's last row.
        auto* slos = qobject_cast<QTableWidget*>(inspector.editorOf("slo"));
        QVERIFY(slos);
        const std::size_t before = document.scenario().slos.size();
        QCOMPARE(slos->rowCount(), int(before) + 1);
        slos->item(int(before), 2)->setText("80ms");
        slos->item(int(before), 1)->setText("95");
        slos->item(int(before), 0)->setText("read");  // the class last: the row counts from then on
        QVERIFY2(inspector.problemOf("slo").isEmpty(), qPrintable(inspector.problemOf("slo")));
        QCOMPARE(document.scenario().slos.size(), before + 1);
        QCOMPARE(document.scenario().slos.back().percentile, 95.0);
        QCOMPARE(document.scenario().slos.back().latency.value, 0.080);
        // The links are a table too: one link a row, its latency edited in place.
        auto* links = qobject_cast<QTableWidget*>(inspector.editorOf("links"));
        QVERIFY(links);
        QCOMPARE(links->rowCount(), 3);  // api–cache, cache–db, and a row for a new one
        QCOMPARE(links->item(0, 2)->text(), QString("250us"));
        links->item(0, 2)->setText("1ms");
        QCOMPARE(document.scenario().links[0].latency->value, 0.001);
        // A link to a component that is not there is refused, with validation's words.
        links = qobject_cast<QTableWidget*>(inspector.editorOf("links"));
        links->item(1, 1)->setText("nowhere");
        QVERIFY(inspector.problemOf("links").contains("nowhere"));
        QCOMPARE(document.scenario().links[1].to, std::string("db"));
    }

    void aProfileIsAFormItsRateDrawnOverTheRun() {
        // Issue 15: profiles and cost were one line of JSON each. Now each key is a field; a
        // profile whose shape still lacks a required key waits, unapplied, with what it lacks
        // named under its fields; once whole it is one undo step, drawn over the run.
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("users");
        QVERIFY(qobject_cast<QComboBox*>(inspector.editorOf("profile.shape")));
        const int steps = document.undoStack().count();
        QVERIFY(inspector.commit("profile.shape", "spike").isEmpty());
        QVERIFY(!document.component("users")->profile);  // not applied: a spike needs at, for and factor
        QVERIFY(inspector.problemOf("profile.at").startsWith("missing: when the spike starts"));
        QVERIFY(inspector.problemOf("profile.factor").startsWith("missing:"));
        QVERIFY(inspector.problemOf("profile.shape").contains("not applied yet"));
        QVERIFY(inspector.commit("profile.at", "30s").isEmpty());
        QVERIFY(inspector.commit("profile.for", "10s").isEmpty());
        QCOMPARE(inspector.textOf("profile.at"), QString("30s"));  // kept while it waits
        QVERIFY(!document.component("users")->profile);
        QVERIFY(inspector.commit("profile.factor", "5").isEmpty());
        QCOMPARE(document.component("users")->profile, std::optional<model::Profile>(model::SpikeProfile{model::Seconds{30}, model::Seconds{10}, 5.0}));
        QCOMPARE(document.undoStack().count(), steps + 1);
        QVERIFY(inspector.problemOf("profile.at").isEmpty());
        // The picture: the example's run is 60 s and the spike 5× its rate of 2,000/s (10 K/s).
        auto* preview = inspector.findChild<ui::ProfilePreview*>();
        QVERIFY(preview);
        QCOMPARE(preview->spanSeconds(), 60.0);
        QCOMPARE(preview->peakFactor(), 5.0);

        // Another shape keeps only its own keys: a ramp needs "over" (from 0 and to 1 by default).
        QVERIFY(inspector.commit("profile.shape", "ramp").isEmpty());
        QVERIFY(inspector.problemOf("profile.over").startsWith("missing:"));
        QCOMPARE(inspector.textOf("profile.at"), QString());  // no such field any more
        QVERIFY(inspector.commit("profile.over", "60s").isEmpty());
        QCOMPARE(document.component("users")->profile, std::optional<model::Profile>(model::RampProfile{0.0, 1.0, model::Seconds{60}}));
        QCOMPARE(inspector.findChild<ui::ProfilePreview*>()->peakFactor(), 1.0);

        // Steps in a table: a row is applied once it has both its time and its factor.
        QVERIFY(inspector.commit("profile.shape", "steps").isEmpty());
        auto* table = qobject_cast<QTableWidget*>(inspector.editorOf("profile.steps"));
        QVERIFY(table);
        table->item(0, 0)->setText("20s");
        QVERIFY(std::holds_alternative<model::RampProfile>(*document.component("users")->profile));
        table = qobject_cast<QTableWidget*>(inspector.editorOf("profile.steps"));
        table->item(0, 1)->setText("3");
        const model::StepsProfile expected{{{model::Seconds{20}, 3.0}}};
        QCOMPARE(document.component("users")->profile, std::optional<model::Profile>(expected));

        // No shape: no profile.
        QVERIFY(inspector.commit("profile.shape", "").isEmpty());
        QVERIFY(!document.component("users")->profile);
    }

    void costIsChosenFromTheSourcedPrices() {
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("api");
        auto* types = qobject_cast<QComboBox*>(inspector.editorOf("cost.instance_type"));
        QVERIFY(types);
        QVERIFY(types->findData("m5.large") > 0);  // REFERENCE C11
        QVERIFY(inspector.commit("cost.instance_type", "m5.large").isEmpty());
        QCOMPARE(document.component("api")->cost->instanceType, std::optional<std::string>("m5.large"));
        // Both a type and an hourly price is refused, as the file would be.
        QVERIFY(inspector.commit("cost.per_instance_hour", "0.1").contains("not both"));
        QCOMPARE(document.component("api")->cost->perInstanceHour, std::optional<double>());
        QVERIFY(inspector.commit("cost.instance_type", "").isEmpty());
        QVERIFY(!document.component("api")->cost);
    }

    void anAutoscalerIsAFormThatWaitsForItsMax() {
        // Issue 17: the autoscaler's fields are real fields; `max` has no default, so a metric
        // chosen alone waits, unapplied, with "missing" under max.
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("api");
        QVERIFY(qobject_cast<QComboBox*>(inspector.editorOf("autoscale.metric")));
        QCOMPARE(qobject_cast<QLineEdit*>(inspector.editorOf("autoscale.boot_time"))->placeholderText(), QString("default 90s (F12)"));
        QVERIFY(inspector.commit("autoscale.metric", "cpu").isEmpty());
        QVERIFY(!document.component("api")->autoscale);
        QVERIFY(inspector.problemOf("autoscale.max").startsWith("missing: the most instances"));
        QVERIFY(inspector.commit("autoscale.max", "12").isEmpty());
        const model::Autoscale expected{.metric = model::AutoscaleMetric::Cpu, .max = 12};
        QCOMPARE(document.component("api")->autoscale, std::optional(expected));
        // Its starting 4 instances must lie within min and max.
        QVERIFY(inspector.commit("autoscale.min", "5").contains("must be at most the 4 instances"));
        QCOMPARE(document.component("api")->autoscale, std::optional(expected));
    }

    void removingTheComponentEmptiesTheInspector() {
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("cache");
        document.removeComponent("cache");
        QCOMPARE(inspector.inspected(), std::string());
    }

    void aKeyedCacheShowsItsHitRatioAgainstItsSize() {
        // The example's cache of 1 GB of 2 KB values (500,000 of 5 M products, Zipf 0.9): its keys
        // as fields, and the curve's marked point is the hit ratio both engines use.
        ui::ScenarioDocument document;
        QVERIFY(document.open(HEADROOM_SOURCE_DIR "/scenarios/cache-sizing.headroom.json").problems.empty());
        ui::InspectorPanel inspector(document);
        inspector.inspect("cache");
        QCOMPARE(inspector.textOf("keys.count"), QString("5M"));
        QCOMPARE(inspector.textOf("eviction"), QString("lru"));
        auto* curve = inspector.findChild<ui::HitRatioCurve*>();
        QVERIFY(curve && !curve->isHidden());
        model::KeyedCache cache;
        cache.capacityItems = 500'000;
        cache.readRate = 3000;
        cache.writeRate = 3000 * 0.01 / 0.99;  // a 1 % write share
        const double expected = model::cacheOutcome(model::KeyPopularity::zipf(5e6, 0.9), cache).hitRatio;
        QVERIFY(std::abs(curve->currentHitRatio() - expected) < 1e-12);
        // Twice the memory, 1,000,000 values:
        cache.capacityItems = 1'000'000;
        QVERIFY(std::abs(curve->doublingGain() - (model::cacheOutcome(model::KeyPopularity::zipf(5e6, 0.9), cache).hitRatio - expected)) < 1e-12);
        // From a thousandth of the keys to all of them, rising. At Zipf 0.9 each doubling adds
        // about as much as the last (the curve is straight on its logarithmic axis): no knee.
        const auto& points = curve->points();
        QCOMPARE(points.front().items, 5000.0);
        QCOMPARE(points.back().items, 5e6);
        for (std::size_t i = 1; i < points.size(); ++i) QVERIFY(points[i].hitRatio > points[i - 1].hitRatio);
        QVERIFY(!curve->knee());
        // More skewed, the curve flattens: a knee, below which memory pays best.
        QVERIFY(inspector.commit("keys.popularity", "{\"zipf\": 1.2}").isEmpty());
        curve = inspector.findChild<ui::HitRatioCurve*>();
        QVERIFY(curve->knee() && *curve->knee() > 0 && *curve->knee() + 1 < curve->points().size());
        // A bigger cache moves the point up the curve.
        QVERIFY(inspector.commit("capacity", "4GB").isEmpty());
        QVERIFY(inspector.findChild<ui::HitRatioCurve*>()->currentHitRatio() > expected + 0.05);
    }
};

QTEST_MAIN(InspectorPanelTest)
#include "tst_InspectorPanel.moc"
