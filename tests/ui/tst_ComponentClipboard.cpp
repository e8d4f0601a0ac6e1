// SPDX-License-Identifier: MIT
// Copy and paste of components: new ids when taken, calls between the pasted components
// following them, calls out of the selection kept, one undo step.
#include <QUndoStack>
#include <QtTest>

#include "ui/ComponentClipboard.h"
#include "ui/ScenarioDocument.h"

using namespace headroom;

class ComponentClipboardTest : public QObject {
    Q_OBJECT

private slots:
    void pastedCopiesGetNewIdsAndFollowTheirCalls() {
        ui::ScenarioDocument document;
        QVERIFY(document.open(HEADROOM_SOURCE_DIR "/scenarios/read-heavy-api.headroom.json").problems.empty());
        // api calls cache, cache calls db: copy api and cache.
        const QByteArray fragment = ui::copyComponents(document.scenario(), {"api", "cache"});
        const auto before = document.scenario().components.size();
        const QStringList added = ui::pasteComponents(document, fragment, {40, 40});
        QCOMPARE(added, (QStringList{"api2", "cache2"}));
        QCOMPARE(document.scenario().components.size(), before + 2);
        // The copy of api calls the copy of cache; the copy of cache still calls the one db.
        QCOMPARE(document.component("api2")->calls.front().to, std::string("cache2"));
        QCOMPARE(document.component("cache2")->calls.front().to, std::string("db"));
        QCOMPARE(document.position("api2")->x, document.position("api")->x + 40);
        // Once more: other new ids.
        QCOMPARE(ui::pasteComponents(document, fragment, {80, 80}), (QStringList{"api3", "cache3"}));
        // Each paste is one undo step.
        document.undoStack().undo();
        document.undoStack().undo();
        QCOMPARE(document.scenario().components.size(), before);
    }

    void somethingElseOnTheClipboardPastesNothing() {
        ui::ScenarioDocument document;
        QVERIFY(ui::pasteComponents(document, "not json", {0, 0}).isEmpty());
        QVERIFY(ui::pasteComponents(document, R"({"a": 1})", {0, 0}).isEmpty());
        QCOMPARE(document.undoStack().count(), 0);
    }
};

QTEST_MAIN(ComponentClipboardTest)
#include "tst_ComponentClipboard.moc"
