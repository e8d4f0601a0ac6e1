// SPDX-License-Identifier: MIT
// The desktop app's manual is written from the options its parser uses, so every option that
// `headroom --help` lists must be in `man headroom`, as roff ("--panel" is "\-\-panel").
#include <QtTest>

#include <QCoreApplication>
#include <QCommandLineParser>

#include "app/GuiCommandLine.h"

class tst_GuiCommandLine : public QObject {
    Q_OBJECT
private slots:
    void theManualHasEveryOptionOfHelp();
    void theParserReadsTheOptions();
};

namespace {
std::string roff(QString text) { return text.replace("-", "\\-").toStdString(); }
}  // namespace

void tst_GuiCommandLine::theManualHasEveryOptionOfHelp() {
    const headroom::app::GuiCommandLine commandLine;
    const std::string manual = headroom::app::guiManual(commandLine, "9.9.9");
    QVERIFY(manual.starts_with(".TH HEADROOM 1 \"\" \"headroom 9.9.9\" \"User Commands\"\n"));
    QCommandLineParser parser;
    commandLine.addTo(parser);
    int options = 0;
    for (const QString& line : parser.helpText().split('\n')) {
        const QString trimmed = line.trimmed();
        if (!trimmed.startsWith('-')) continue;
        // "-h, --help  Displays help…" and "--screenshot <OUT.png>  Render …": each name of the option.
        for (const QString& word : trimmed.section("  ", 0, 0).split(", ")) {
            const QString name = word.section(' ', 0, 0);
            ++options;
            QVERIFY2(manual.find(roff(name)) != std::string::npos, qPrintable(name));
        }
    }
    QCOMPARE(options, 10);  // -h, --help, --help-all, -v, --version, --screenshot, --simulate, --panel, --select, --practice
    QVERIFY(manual.find(".SH OPTIONS") != std::string::npos);
    QVERIFY(manual.find("/usr/share/headroom/scenarios") != std::string::npos);
}

void tst_GuiCommandLine::theParserReadsTheOptions() {
    const headroom::app::GuiCommandLine commandLine;
    QCommandLineParser parser;
    commandLine.addTo(parser);
    QVERIFY(parser.parse({"headroom", "--screenshot", "out.png", "--panel", "estimate", "--simulate", "--select", "api", "file.headroom.json"}));
    QCOMPARE(parser.value(commandLine.select), QString("api"));
    QCOMPARE(parser.value(commandLine.screenshot), QString("out.png"));
    QCOMPARE(parser.value(commandLine.panel), QString("estimate"));
    QVERIFY(parser.isSet(commandLine.simulate));
    QCOMPARE(parser.positionalArguments(), QStringList{"file.headroom.json"});
}

QTEST_MAIN(tst_GuiCommandLine)
#include "tst_GuiCommandLine.moc"
