// SPDX-License-Identifier: MIT
#include "ui/PracticePanel.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "analytic/Degraded.h"
#include "analytic/ScenarioAnalysis.h"
#include "model/Plan.h"
#include "model/Validation.h"
#include "ui/LiveAnalysis.h"
#include "ui/PracticeStore.h"
#include "ui/ScenarioDocument.h"
#include "ui/SimulationRunner.h"

namespace headroom::ui {
namespace {

QString text(const std::string& s) { return QString::fromStdString(s); }

QLabel* heading(const QString& words, QWidget* parent) {
    auto* label = new QLabel("<b>" + words + "</b>", parent);
    label->setContentsMargins(0, 8, 0, 0);
    return label;
}

/// ✓, ✗, ? or · and the colour a verdict is shown in.
std::pair<QString, QColor> mark(model::Verdict verdict) {
    switch (verdict) {
        case model::Verdict::Pass: return {QStringLiteral("✓"), QColor(0x2e, 0x7d, 0x32)};
        case model::Verdict::Fail: return {QStringLiteral("✗"), QColor(0xc6, 0x28, 0x28)};
        case model::Verdict::Inconclusive: return {QStringLiteral("?"), QColor(0xef, 0x6c, 0x00)};
        case model::Verdict::NotChecked: return {QStringLiteral("·"), QColor(0x75, 0x75, 0x75)};
    }
    return {};
}

/// How an answer in a quantity's unit is written, for the field's placeholder.
QString unitExample(const model::Quantity* quantity) {
    switch (quantity ? quantity->unit : model::QuantityUnit::Count) {
        case model::QuantityUnit::PerSecond: return QStringLiteral("40K/s");
        case model::QuantityUnit::Bytes: return QStringLiteral("9TB");
        case model::QuantityUnit::BytesPerSecond: return QStringLiteral("25MB/s");
        case model::QuantityUnit::Ratio: return QStringLiteral("90%");
        case model::QuantityUnit::Count:
        case model::QuantityUnit::Servers: return QStringLiteral("12 or 3.5M");
    }
    return {};
}

/// Whether the scenario can be scored, and the scored scenario and its plan if so; otherwise the
/// problems that keep it from running.
struct Prepared {
    std::optional<model::Scenario> scored;
    std::optional<model::Plan> plan;
    model::Problems problems;
    std::vector<std::string> notes;
};

/// `designProblems`: the design's own, from validation.
Prepared prepare(const model::Challenge& challenge, const model::Scenario& design, model::Problems designProblems) {
    Prepared prepared;
    prepared.problems = std::move(designProblems);
    if (model::hasErrors(prepared.problems)) return prepared;
    model::Scenario scored = model::scoredScenario(challenge, design, prepared.notes);
    prepared.problems = model::validate(scored);
    if (model::hasErrors(prepared.problems)) return prepared;
    model::Compiled compiled = model::compilePlan(scored);
    if (!compiled.plan) {
        prepared.problems = std::move(compiled.problems);
        return prepared;
    }
    prepared.scored = std::move(scored);
    prepared.plan = std::move(compiled.plan);
    return prepared;
}

}  // namespace

PracticePanel::PracticePanel(ScenarioDocument& document, LiveAnalysis& analysis, SimulationRunner& runner, PracticeStore& store, QWidget* parent)
    : QWidget(parent), m_document(document), m_analysis(analysis), m_runner(runner), m_store(store), m_title(new QLabel(this)), m_brief(new QLabel(this)),
      m_questions(new QWidget(this)), m_checks(new QListWidget(this)), m_checkTime(new QLabel(this)), m_hints(new QLabel(this)),
      m_hintButton(new QPushButton(this)), m_submitButton(new QPushButton(tr("Submit Design"), this)), m_status(new QLabel(this)),
      m_scoreCard(new QTextBrowser(this)), m_attempts(new QListWidget(this)) {
    m_title->setWordWrap(true);
    m_brief->setWordWrap(true);
    m_brief->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hints->setWordWrap(true);
    m_status->setWordWrap(true);
    m_checkTime->setStyleSheet("color: palette(mid);");
    m_checkTime->setWordWrap(true);
    m_checks->setObjectName("checklist");
    m_checks->setWordWrap(true);
    m_checks->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);  // every check in sight, no inner scrolling
    m_checks->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scoreCard->setObjectName("scoreCard");
    m_scoreCard->setMinimumHeight(220);
    m_attempts->setObjectName("attempts");
    m_attempts->setMaximumHeight(110);
    m_hintButton->setObjectName("hint");
    m_submitButton->setObjectName("submit");
    m_submitButton->setToolTip(tr("Simulate the design with the challenge's seed and faults, and score it"));
    auto* scoreButton = new QPushButton(tr("Score My Estimates"), this);
    scoreButton->setObjectName("scoreEstimates");

    auto* column = new QVBoxLayout(this);
    column->addWidget(m_title);
    column->addWidget(m_brief);
    column->addWidget(heading(tr("1. Estimate first"), this));
    column->addWidget(m_questions);
    column->addWidget(scoreButton, 0, Qt::AlignLeft);
    column->addWidget(heading(tr("2. Design: the constraints, checked as you draw"), this));
    column->addWidget(m_checks);
    column->addWidget(m_checkTime);
    column->addWidget(m_hints);
    column->addWidget(m_hintButton, 0, Qt::AlignLeft);
    column->addWidget(heading(tr("3. Submit"), this));
    column->addWidget(m_submitButton, 0, Qt::AlignLeft);
    column->addWidget(m_status);
    column->addWidget(m_scoreCard, 1);
    column->addWidget(heading(tr("Your attempts (double-click to open one)"), this));
    column->addWidget(m_attempts);

    connect(scoreButton, &QPushButton::clicked, this, &PracticePanel::scoreEstimates);
    connect(m_hintButton, &QPushButton::clicked, this, &PracticePanel::showNextHint);
    connect(m_submitButton, &QPushButton::clicked, this, &PracticePanel::submit);
    // The live analysis has just validated the document: its problems are the design's.
    connect(&m_analysis, &LiveAnalysis::updated, this, [this] { refreshChecklist(m_analysis.problems()); });
    connect(&m_runner, &SimulationRunner::finished, this, &PracticePanel::simulationFinished);
    const auto stopped = [this](const QString& why) {
        if (!m_submitting) return;
        m_submitting = false;
        m_submitButton->setEnabled(true);
        m_status->setText(tr("The simulation did not finish: %1").arg(why));
    };
    connect(&m_runner, &SimulationRunner::failed, this, stopped);
    connect(&m_runner, &SimulationRunner::cancelled, this, [stopped] { stopped(QObject::tr("cancelled")); });
    connect(m_attempts, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) { emit attemptOpened(item->data(Qt::UserRole).toString()); });
    clearContent();
}

void PracticePanel::clearContent() {
    m_title->setText(tr("<b>No challenge yet.</b> File ▸ Practice… picks one."));
    m_brief->clear();
    m_hints->clear();
    m_hintButton->setVisible(false);
    m_submitButton->setEnabled(false);
}

void PracticePanel::start(const ChallengeEntry& entry) {
    m_entry = entry;
    const model::Challenge& challenge = entry.challenge;
    m_title->setText(QStringLiteral("<h3>%1</h3><i>%2</i>").arg(text(challenge.title).toHtmlEscaped(), text(std::string(model::difficultyName(challenge.difficulty)))));
    m_brief->setText(text(challenge.brief));
    // The questions, each with a field and, once scored, the estimator's value and formula.
    delete m_questions->layout();
    for (QObject* child : m_questions->children()) delete child;
    m_answers.clear();
    m_answerScores.clear();
    auto* form = new QFormLayout(m_questions);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    const model::Estimate estimated = model::estimate(challenge.estimate);
    for (const auto& question : challenge.questions) {
        auto* answer = new QLineEdit(m_questions);
        answer->setObjectName("answer_" + text(question.id));
        answer->setPlaceholderText(tr("your estimate, e.g. %1").arg(unitExample(estimated.at(question.quantity))));
        auto* result = new QLabel(m_questions);
        result->setWordWrap(true);
        result->setTextFormat(Qt::RichText);
        auto* ask = new QLabel(text(question.ask), m_questions);
        ask->setWordWrap(true);
        form->addRow(ask, answer);
        form->addRow(result);
        connect(answer, &QLineEdit::returnPressed, this, &PracticePanel::scoreEstimates);
        m_answers.push_back(answer);
        m_answerScores.push_back(result);
    }
    m_hintsShown = 0;
    m_hints->clear();
    m_hintButton->setVisible(!challenge.hints.empty());
    m_hintButton->setEnabled(true);
    m_hintButton->setText(tr("Show a Hint (%1 of %2)").arg(1).arg(challenge.hints.size()));
    m_submitButton->setEnabled(true);
    m_status->clear();
    m_scoreCard->clear();
    m_lastScore.reset();
    fillAttempts();
    refreshChecklist(model::validate(m_document.scenario()));
}

std::map<std::string, std::string> PracticePanel::typedAnswers() const {
    std::map<std::string, std::string> answers;
    if (!m_entry) return answers;
    for (std::size_t i = 0; i < m_answers.size(); ++i)
        if (const QString typed = m_answers[i]->text().trimmed(); !typed.isEmpty()) answers[m_entry->challenge.questions[i].id] = typed.toStdString();
    return answers;
}

void PracticePanel::scoreEstimates() {
    if (!m_entry) return;
    const auto scores = model::scoreAnswers(m_entry->challenge, typedAnswers());
    for (std::size_t i = 0; i < scores.size() && i < m_answerScores.size(); ++i) {
        const auto& score = scores[i];
        const QString colour = score.credit >= 1.0 ? "#2e7d32" : score.credit > 0.0 ? "#ef6c00" : "#c62828";
        m_answerScores[i]->setText(QStringLiteral("<span style='color:%1'><b>%2%</b></span> %3<br><small><code>%4</code><br><code>%5</code></small>")
                                       .arg(colour)
                                       .arg(qRound(score.credit * 100.0))
                                       .arg(text(score.explanation).toHtmlEscaped(), text(score.expected.formula).toHtmlEscaped(),
                                            text(score.expected.substituted).toHtmlEscaped()));
    }
}

bool PracticePanel::showNextHint() {
    if (!m_entry || m_hintsShown >= m_entry->challenge.hints.size()) return false;
    const auto& hints = m_entry->challenge.hints;
    ++m_hintsShown;
    QString shown;
    for (std::size_t i = 0; i < m_hintsShown; ++i) shown += QStringLiteral("%1. %2<br>").arg(i + 1).arg(text(hints[i]).toHtmlEscaped());
    m_hints->setText(shown);
    m_hintButton->setEnabled(m_hintsShown < hints.size());
    m_hintButton->setText(m_hintsShown < hints.size() ? tr("Show a Hint (%1 of %2)").arg(m_hintsShown + 1).arg(hints.size()) : tr("No more hints"));
    return true;
}

void PracticePanel::refreshChecklist(const model::Problems& designProblems) {
    if (!m_entry) return;
    QElapsedTimer clock;
    clock.start();
    const Prepared prepared = prepare(m_entry->challenge, m_document.scenario(), designProblems);
    if (!prepared.scored) {
        m_checklist = model::incompleteDesign(prepared.problems, &m_document.scenario());
    } else {
        model::RunResult analysis = analytic::analyze(*prepared.scored, *prepared.plan);
        // The losses re-solved only where a fault to survive is judged by one (a zone, a crash).
        const auto& survive = m_entry->challenge.constraints.survive;
        const bool judgedByLosses = std::any_of(survive.begin(), survive.end(), [](const model::ChallengeFault& f) {
            return f.event.fault == model::FaultKind::ZoneOutage || f.event.fault == model::FaultKind::Crash;
        });
        if (judgedByLosses && LiveAnalysis::lossesWorthSolvingLive(*prepared.scored))
            analysis.degraded = analytic::analyzeDegraded(*prepared.scored, analysis);
        m_checklist = model::scoreDesign(m_entry->challenge, *prepared.scored, analysis);
    }
    const double milliseconds = double(clock.nsecsElapsed()) / 1e6;
    m_checks->clear();
    for (const auto& check : m_checklist.checks) {
        const auto [symbol, colour] = mark(check.verdict);
        auto* item = new QListWidgetItem(symbol + "  " + text(check.name), m_checks);
        item->setForeground(colour);
        item->setToolTip(text(check.explanation));
        item->setData(Qt::UserRole, int(check.verdict));
    }
    m_checkTime->setText(tr("Checked by the analytic engine in %1 ms; hover a line for why. Faults the analytic engine cannot judge are checked on Submit.")
                             .arg(milliseconds, 0, 'f', 1));
}

void PracticePanel::submit() {
    if (!m_entry || m_submitting) return;
    m_submitClock.start();
    m_submitted = m_document.scenario();
    Prepared prepared = prepare(m_entry->challenge, m_submitted, model::validate(m_submitted));
    if (!prepared.scored) {
        finishSubmission(model::incompleteDesign(prepared.problems, &m_submitted));
        return;
    }
    m_scored = std::move(*prepared.scored);
    m_notes = std::move(prepared.notes);
    m_rates = analytic::analyze(m_scored, *prepared.plan);
    m_submitting = true;
    if (!m_runner.start(m_scored)) {
        m_submitting = false;
        m_status->setText(tr("A simulation is already running: wait for it, or cancel it (Shift+F5), then submit."));
        return;
    }
    m_submitButton->setEnabled(false);
    const auto& run = m_entry->challenge.run;
    m_status->setText(tr("Simulating %1 replications of %2 s with the challenge's seed %3 and faults…")
                          .arg(run.replications.value_or(0))
                          .arg(run.duration.value_or(model::Seconds{}).value)
                          .arg(run.seed.value_or(0)));
}

void PracticePanel::simulationFinished(const model::RunResult& result) {
    if (!m_submitting) return;
    m_submitting = false;
    m_submitButton->setEnabled(true);
    model::DesignScore design = model::scoreDesign(m_entry->challenge, m_scored, result, &m_rates);
    design.notes = m_notes;
    finishSubmission(std::move(design));
}

void PracticePanel::finishSubmission(model::DesignScore design) {
    const auto answers = typedAnswers();
    std::vector<model::AnswerScore> scoredAnswers = answers.empty() ? std::vector<model::AnswerScore>{} : model::scoreAnswers(m_entry->challenge, answers);
    m_lastScore = model::combineScore(m_entry->challenge, std::move(scoredAnswers), std::move(design));
    QString error;
    const auto kept = m_store.record(m_entry->name, m_submitted, *m_lastScore, error);
    m_status->setText(tr("Scored in %1 s.").arg(double(m_submitClock.elapsed()) / 1000.0, 0, 'f', 1) +
                      (kept ? tr(" Kept with your attempts.") : tr(" It could not be kept: %1").arg(error)));
    showScore(*m_lastScore);
    fillAttempts();
    emit scored();
}

void PracticePanel::showScore(const model::ChallengeScore& score) {
    QString html = QStringLiteral("<h2 style='color:%1'>%2</h2>").arg(score.design.passed ? "#2e7d32" : "#c62828", text(score.summary).toHtmlEscaped());
    if (!score.design.partCredit.empty()) {
        html += "<p>";
        for (const auto& [part, credit] : score.design.partCredit)
            html += QStringLiteral("%1 <b>%2%</b> &nbsp; ").arg(text(std::string(model::scorePartName(part)))).arg(qRound(credit * 100.0));
        html += "</p>";
    }
    html += "<table cellspacing='4'>";
    for (const auto& check : score.design.checks) {
        const auto [symbol, colour] = mark(check.verdict);
        html += QStringLiteral("<tr><td style='color:%1'><b>%2</b></td><td><b>%3</b><br>%4</td></tr>")
                    .arg(colour.name(), symbol, text(check.name).toHtmlEscaped(), text(check.explanation).toHtmlEscaped());
    }
    html += "</table>";
    if (!score.answers.empty()) {
        html += "<h4>" + tr("Estimates") + "</h4><table cellspacing='4'>";
        for (const auto& answer : score.answers)
            html += QStringLiteral("<tr><td><b>%1%</b></td><td>%2<br><small>%3<br><code>%4</code></small></td></tr>")
                        .arg(qRound(answer.credit * 100.0))
                        .arg(text(answer.ask).toHtmlEscaped(), text(answer.explanation).toHtmlEscaped(), text(answer.expected.substituted).toHtmlEscaped());
        html += "</table>";
    }
    for (const auto& note : score.design.notes) html += "<p><i>" + text(note).toHtmlEscaped() + ".</i></p>";
    m_scoreCard->setHtml(html);
}

void PracticePanel::fillAttempts() {
    m_attempts->clear();
    if (!m_entry) return;
    for (const auto& attempt : m_store.attempts(m_entry->name)) {
        auto* item = new QListWidgetItem(QStringLiteral("%1  %2  %3 of 100")
                                             .arg(attempt.when.toLocalTime().toString("yyyy-MM-dd HH:mm"), attempt.passed ? tr("✓ passed") : tr("not passed"))
                                             .arg(qRound(attempt.score)),
                                         m_attempts);
        item->setToolTip(attempt.summary);
        item->setData(Qt::UserRole, attempt.designPath);
    }
}

}  // namespace headroom::ui
