// SPDX-License-Identifier: MIT
#include "cli/Run.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <cstdint>
#include <iostream>
#include <string_view>

#include <CLI/CLI.hpp>

#include "cli/CliManual.h"
#include "cli/Commands.h"
#include "model/FileWriter.h"

namespace headroom::cli {
namespace {

/// A seed is a whole number from 0 to 2^64 − 1, as run.seed in a file is; CLI11 would otherwise
/// clamp −1 or 10^23 to 2^64 − 1 without a word.
CLI::Validator seedCheck() {
    return CLI::Validator(
        [](std::string& text) {
            std::uint64_t value = 0;
            const char* end = text.data() + text.size();
            const auto [stop, error] = std::from_chars(text.data(), end, value);
            if (text.empty() || error != std::errc() || stop != end)
                return "must be a whole number from 0 to 18446744073709551615, got " + text;
            return std::string();
        },
        "N");
}

constexpr const char* kExamples = R"(headroom-cli validate scenarios/*.headroom.json
headroom-cli estimate scenarios/twitter-estimate.headroom.json
headroom-cli estimate --json scenarios/url-shortener.headroom.json | jq .peak_qps.value
headroom-cli analyze scenarios/read-heavy-api.headroom.json
headroom-cli simulate --replications 10 scenarios/read-heavy-api.headroom.json
headroom-cli simulate --progress jsonl --duration 30s scenarios/news-feed.headroom.json
headroom-cli size --max-utilization 0.7 -o sized.headroom.json scenarios/ocr-api.headroom.json
headroom-cli format --check scenarios/*.headroom.json
headroom-cli check --junit slo-report.xml scenarios/*.headroom.json
headroom-cli diff --markdown git:origin/main:scenarios/api.headroom.json scenarios/api.headroom.json
headroom-cli sweep --vary 'rate=1K/s..20K/s:20' --simulate-points 5,10,15 scenarios/read-heavy-api.headroom.json
headroom-cli report --simulate -o report.html scenarios/news-feed.headroom.json
headroom-cli challenge score url-shortener my-design.headroom.json --estimates answers.json)";

constexpr std::array<ExitCodeMeaning, 5> kExitCodes{{
    {Done, "done; every SLO met, or none given"},
    {ScenarioProblems, "the scenario has problems (listed on stderr with their paths), or format --check found a file to rewrite"},
    {UsageError, "usage error, or a file that cannot be read"},
    {SloNotMet, "done, and an SLO is not met, or a component is saturated (analyze, simulate, check), or no instance count meets every SLO (size), or a design does not pass (challenge score), or the new file misses an SLO (diff)"},
    {RunFailed, "the run failed or was cancelled"},
}};

/// The --help footer: the examples, indented, then the exit codes on one line each.
std::string helpFooter() {
    std::string footer = "Examples:\n";
    std::string_view examples = kExamples;
    while (!examples.empty()) {
        const std::size_t end = std::min(examples.find('\n'), examples.size());
        footer += "  " + std::string(examples.substr(0, end)) + '\n';
        examples.remove_prefix(std::min(end + 1, examples.size()));
    }
    footer += "\nExit codes:\n";
    for (const ExitCodeMeaning& exit : kExitCodes) footer += "  " + std::to_string(exit.code) + "  " + std::string(exit.meaning) + '\n';
    footer.pop_back();
    return footer;
}

/// A command that reads one scenario file and can print JSON.
CLI::App* addFileCommand(CLI::App& app, const char* name, const char* description, std::string& file, bool& json) {
    CLI::App* command = app.add_subcommand(name, description);
    command->add_option("file", file, "Scenario file")->required();
    command->add_flag("--json", json, "Print the result as JSON");
    return command;
}

}  // namespace

int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err) {
    CLI::App app{"Headroom: capacity estimation and system design from scenario files", "headroom-cli"};
    app.set_version_flag("--version", std::string("headroom-cli ") + HEADROOM_VERSION);
    app.footer(helpFooter());
    app.require_subcommand(1);

    ValidateOptions validate;
    auto* validateApp = app.add_subcommand("validate", "Check scenario files and list every problem with its path");
    validateApp->add_option("files", validate.files, "Scenario files (*.headroom.json)")->required();
    validateApp->add_flag("-q,--quiet", validate.quiet, "Print nothing for valid files");

    EstimateOptions estimate;
    auto* estimateApp = addFileCommand(app, "estimate", "Back-of-envelope estimate from the scenario's estimate block, with formulas",
                                       estimate.file, estimate.json);

    AnalyzeOptions analyze;
    auto* analyzeApp = addFileCommand(app, "analyze", "Queueing analysis: load, latency and the bottleneck of every component; exit 3 if an SLO is missed",
                                      analyze.file, analyze.json);
    analyzeApp->add_flag("--degraded", analyze.degraded,
                         "Also re-solve with each single instance and each zone lost: does every SLO still hold, what saturates; exit 3 if a loss breaks one");

    SizeOptions size;
    auto* sizeApp = addFileCommand(app, "size", "The fewest instances per component that meet every SLO at peak load", size.file, size.json);
    sizeApp->add_option("--max-utilization", size.maxUtilization, "Also keep every component at most this busy, such as 0.7")->check(CLI::Range(0.01, 1.0))->type_name("RATIO");
    sizeApp->add_option("-o,--output", size.output, "Write the sized scenario to this file")->type_name("FILE");

    SimulateOptions simulate;
    auto* simulateApp = addFileCommand(app, "simulate",
                                       "Discrete-event simulation: percentiles with confidence intervals, timeouts, rejections, overload; exit 3 if an SLO is missed",
                                       simulate.file, simulate.json);
    std::string progress;
    simulateApp->add_option("--progress", progress, "Print progress and the result as JSON lines (the app's protocol)")
        ->check(CLI::IsMember({"jsonl"}))->type_name("jsonl");
    simulateApp->add_option("--seed", simulate.seed, "Seed of the run (replaces run.seed)")->check(seedCheck())->type_name("N");
    simulateApp->add_option("--replications", simulate.replications, "Independent runs (replaces run.replications)")->check(CLI::Range(1, 1000))->type_name("N");
    simulateApp->add_option("--duration", simulate.duration, "Simulated time of each run, such as 30s (replaces run.duration)")->type_name("TIME");
    simulateApp->add_option("--precision", simulate.precision,
                            "Run batches of replications until the 95% interval is this narrow: 2% (every class's p99) or p99=2%,mean=1% "
                            "(replaces run.precision; the warm-up is detected when the file sets none)")
        ->type_name("TARGET");
    simulateApp->add_option("-j,--jobs", simulate.jobs, "Replications at once (default: one per core)")->check(CLI::Range(1, 256))->type_name("N");
    simulateApp->add_option("--max-in-flight", simulate.maxInFlight, "Stop a run as overloaded beyond this many requests in flight")->check(CLI::Range(100, 10'000'000))->type_name("N");
    simulateApp->add_flag("--allow-long", simulate.allowLong, "Run even when the run would take hours");

    // What simulate starts in each worker process; not for people.
    ReplicationOptions replication;
    auto* replicationApp = app.add_subcommand("simulate-replication", "One replication of the scenario on stdin (a worker of simulate)");
    replicationApp->group("");
    replicationApp->add_option("--index", replication.index)->required();
    replicationApp->add_option("--seed", replication.seed)->check(seedCheck())->required();
    replicationApp->add_option("--duration", replication.duration)->required();
    replicationApp->add_option("--warmup", replication.warmup)->required();
    replicationApp->add_option("--max-in-flight", replication.maxInFlight);

    ChallengeOptions challenge;
    auto* challengeApp = app.add_subcommand("challenge", "Interview practice: list the challenges, read one's brief, score a design and estimates against one");
    challengeApp->require_subcommand(1);
    auto* challengeList = challengeApp->add_subcommand("list", "The challenges, by difficulty, with what each design must meet");
    challengeList->add_flag("--json", challenge.json, "Print the list as JSON");
    auto* challengeShow = challengeApp->add_subcommand("show", "A challenge's brief, the numbers to estimate, and the constraints");
    challengeShow->add_option("name", challenge.name, "Challenge name (from `challenge list`) or file")->required();
    challengeShow->add_flag("--hints", challenge.hints, "Also print the hints, in order");
    challengeShow->add_flag("--json", challenge.json, "Print the challenge file");
    auto* challengeStarter = challengeApp->add_subcommand("starter", "Write the challenge's starter design (its clients, placed) to draw on");
    challengeStarter->add_option("name", challenge.name, "Challenge name (from `challenge list`) or file")->required();
    challengeStarter->add_option("-o,--output", challenge.output, "Write it to this file instead of standard output")->type_name("FILE");
    auto* challengeScore = challengeApp->add_subcommand("score", "Score a design (simulated with the challenge's seed and faults) and estimates; exit 3 if it does not pass");
    challengeScore->add_option("name", challenge.name, "Challenge name (from `challenge list`) or file")->required();
    challengeScore->add_option("design", challenge.design, "The design's scenario file")->required();
    challengeScore->add_option("--estimates", challenge.estimates, "Answers to the challenge's questions: {\"peak_qps\": \"40K/s\", …}")->type_name("FILE");
    challengeScore->add_option("--engine", challenge.engine, "simulate (the score), or analytic (the live checklist, instant)")
        ->check(CLI::IsMember({"simulate", "analytic"}))->type_name("ENGINE");
    challengeScore->add_option("-j,--jobs", challenge.jobs, "Replications at once (default: one per core)")->check(CLI::Range(1, 256))->type_name("N");
    challengeScore->add_flag("--json", challenge.json, "Print the score as JSON");

    CheckOptions check;
    auto* checkApp = app.add_subcommand("check", "Every SLO of every file, and every component keeping up, as test cases for CI; exit 3 if one fails");
    checkApp->add_option("files", check.files, "Scenario files")->required();
    checkApp->add_option("--engine", check.engine, "analytic (instant), or simulate (each file's run settings, with confidence intervals)")
        ->check(CLI::IsMember({"analytic", "simulate"}))->type_name("ENGINE");
    checkApp->add_option("--junit", check.junit, "Also write the results as JUnit XML (one testsuite per file) for CI test reporters")->type_name("FILE");
    checkApp->add_option("-j,--jobs", check.jobs, "Replications at once (default: one per core)")->check(CLI::Range(1, 256))->type_name("N");

    DiffOptions diff;
    auto* diffApp = app.add_subcommand("diff", "What changed between two scenario files and what it does to latency, load and cost; exit 3 if the new one misses an SLO");
    diffApp->add_option("old", diff.before, "The file before (or git:REV:PATH, read with git show)")->required();
    diffApp->add_option("new", diff.after, "The file after (or git:REV:PATH)")->required();
    diffApp->add_option("--engine", diff.engine, "analytic (instant), or simulate (both with the old file's seeds: each change marked significant or not)")
        ->check(CLI::IsMember({"analytic", "simulate"}))->type_name("ENGINE");
    bool diffJsonWanted = false, diffMarkdownWanted = false;
    auto* diffJson = diffApp->add_flag("--json", diffJsonWanted, "Print the comparison as JSON");
    auto* diffMarkdown = diffApp->add_flag("--markdown", diffMarkdownWanted, "Print the comparison as Markdown, for a pull-request comment");
    diffJson->excludes(diffMarkdown);
    diffApp->add_option("--precision", diff.precision,
                        "With --engine simulate: run pairs of replications until both sides' 95% intervals are this narrow: 2% or "
                        "p99=2%,mean=1% (replaces each file's run.precision)")
        ->type_name("TARGET");
    diffApp->add_option("-j,--jobs", diff.jobs, "Replications at once (default: one per core)")->check(CLI::Range(1, 256))->type_name("N");

    SweepOptions sweep;
    auto* sweepApp = app.add_subcommand("sweep", "A scenario over a grid of one or two fields: p99, throughput, bottleneck and cost at every point, simulated where asked");
    sweepApp->add_option("file", sweep.file, "Scenario file (not with --run-point or --merge)");
    sweepApp->add_option("--vary", sweep.vary, "PATH=FROM..TO[:N[:log]], PATH components[ID].FIELD or rate (the clients' total): 'components[api].instances=2..12', 'rate=1K/s..20K/s:10'")
        ->type_name("SPEC")->allow_extra_args(false);
    sweepApp->add_option("--simulate-points", sweep.simulatePoints, "Also simulate these points (1-based, such as 1,5,10) or all, each with the file's seed")
        ->type_name("LIST");
    bool sweepCsv = false, sweepJson = false;
    auto* sweepCsvFlag = sweepApp->add_flag("--csv", sweepCsv, "Print the points as CSV");
    auto* sweepJsonFlag = sweepApp->add_flag("--json", sweepJson, "Print the points as JSON");
    sweepCsvFlag->excludes(sweepJsonFlag);
    auto* sweepPlan = sweepApp->add_option("--plan", sweep.plan, "Write the sweep's points to DIR for a batch scheduler, one task a simulated point")->type_name("DIR");
    auto* sweepRun = sweepApp->add_option("--run-point", sweep.runPoint, "Simulate one point of the plan in DIR (the task index from --index, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)")
                         ->type_name("DIR");
    sweepApp->add_option("--index", sweep.index, "The task index for --run-point, from 0")->check(CLI::NonNegativeNumber)->type_name("N");
    auto* sweepMerge = sweepApp->add_option("--merge", sweep.merge, "Print the sweep planned in DIR from its simulated points")->type_name("DIR");
    sweepPlan->excludes(sweepRun)->excludes(sweepMerge);
    sweepRun->excludes(sweepMerge);
    sweepApp->add_option("-j,--jobs", sweep.jobs, "Replications at once (default: one per core)")->check(CLI::Range(1, 256))->type_name("N");

    ReportOptions report;
    auto* reportApp = app.add_subcommand("report", "One self-contained HTML page: diagram, estimate with formulas, analysis, simulation charts, events, sweep");
    reportApp->add_option("file", report.file, "Scenario file")->required();
    reportApp->add_option("-o,--output", report.output, "The HTML file to write")->required()->type_name("FILE");
    reportApp->add_flag("--simulate", report.simulate, "Also simulate (the file's run settings) and chart the result");
    reportApp->add_option("--vary", report.vary, "Also a sweep, as sweep --vary (one or two)")->type_name("SPEC")->allow_extra_args(false);
    reportApp->add_option("--simulate-points", report.simulatePoints, "The sweep's points to simulate (1-based) or all")->type_name("LIST");
    reportApp->add_option("-j,--jobs", report.jobs, "Replications at once (default: one per core)")->check(CLI::Range(1, 256))->type_name("N");

    auto* defaultsApp = app.add_subcommand("defaults", "List every default number with its source (docs/reference.md)");

    FormatOptions format;
    auto* formatApp = app.add_subcommand("format", "Rewrite scenario files in the canonical form Headroom saves, so that diffs stay small");
    formatApp->add_option("files", format.files, "Scenario files")->required();
    formatApp->add_flag("--check", format.check, "Change nothing; exit 1 if a file is not in canonical form (for CI)");

    // The manual page (man 1 headroom-cli), built from this parser when the package is built.
    auto* manualApp = app.add_subcommand("manual", "Print the manual page in roff");
    manualApp->group("");

    // CLI11 parses the arguments back to front.
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e, out, err);
    } catch (const CLI::ParseError& e) {
        app.exit(e, out, err);
        return UsageError;
    }
    if (validateApp->parsed()) return validateCommand(validate, out, err);
    if (estimateApp->parsed()) return estimateCommand(estimate, out, err);
    if (formatApp->parsed()) return formatCommand(format, out, err);
    if (analyzeApp->parsed()) return analyzeCommand(analyze, out, err);
    if (sizeApp->parsed()) return sizeCommand(size, out, err);
    if (defaultsApp->parsed()) return defaultsCommand(out);
    if (checkApp->parsed()) return checkCommand(check, out, err);
    if (reportApp->parsed()) return reportCommand(report, out, err);
    if (sweepApp->parsed()) {
        sweep.format = sweepCsv ? "csv" : sweepJson ? "json" : "text";
        return sweepCommand(sweep, out, err);
    }
    if (diffApp->parsed()) {
        diff.format = diffJsonWanted ? "json" : diffMarkdownWanted ? "markdown" : "text";
        return diffCommand(diff, out, err);
    }
    if (challengeApp->parsed()) {
        challenge.action = challengeList->parsed() ? "list" : challengeShow->parsed() ? "show" : challengeStarter->parsed() ? "starter" : "score";
        return challengeCommand(challenge, out, err);
    }
    if (simulateApp->parsed()) {
        simulate.progressJsonLines = progress == "jsonl";
        return simulateCommand(simulate, out, err);
    }
    if (manualApp->parsed()) {
        out << toRoff(cliManual(app, kExitCodes, kExamples));
        return Done;
    }
    if (replicationApp->parsed()) return replicationCommand(replication, out, err);
    return UsageError;
}

int run(int argc, char** argv) {
    model::removeTemporaryFilesOnSignals();
    std::vector<std::string> arguments(argv + 1, argv + argc);
    const int code = run(arguments, std::cout, std::cerr);
    // An output that did not reach its destination (a full disk, /dev/full, a closed pipe) is a
    // failed run, not a success with half a result.
    errno = 0;
    if (!std::cout.flush()) {
        std::cerr << "headroom-cli: cannot write the output" << (errno ? std::string(": ") + std::strerror(errno) : std::string()) << '\n';
        return RunFailed;
    }
    return code;
}

}  // namespace headroom::cli
