#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The hostile-scenario set (issue 14): every defect an adversarial run found, as an input and
a command, with the exit code and the message it must give, run under prlimit with a bound on
memory (address space) and CPU time. Each case prints its exit code, wall time and peak memory.

    run_hostile.py HEADROOM_CLI [--only NAME] [--figures]

Small inputs live in tests/hostile/inputs/; large ones are generated into a scratch folder.
--figures also measures how memory grows with instances and classes (for the closing note).
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(HERE, "inputs")
ROOT = os.path.dirname(os.path.dirname(HERE))
GIB = 1024 ** 3


def scenario(components, **extra):
    return {"format": "headroom-scenario", "version": 1, "name": "hostile", "components": components, **extra}


RUN = {"duration": "10s", "warmup": "1s", "seed": 1, "replications": 1}


def pairs(n):
    """n clients, each of its own class, each calling its own service."""
    components = []
    for i in range(n):
        components.append({"id": f"c{i}", "kind": "client", "rate": "1/s", "class": f"k{i}", "calls": [{"to": f"s{i}"}]})
        components.append({"id": f"s{i}", "kind": "service", "cores": 1, "service_time": "1ms"})
    return scenario(components, run=RUN)


def instances(n):
    return scenario([{"id": "u", "kind": "client", "rate": "1000/s", "calls": [{"to": "s"}]},
                     {"id": "s", "kind": "service", "instances": n, "cores": 1, "service_time": "1ms"}], run=RUN)


def chain(n):
    components = [{"id": "u", "kind": "client", "rate": "1/s", "calls": [{"to": "s0"}]}]
    for i in range(n):
        service = {"id": f"s{i}", "kind": "service", "cores": 1, "service_time": "1us"}
        if i + 1 < n:
            service["calls"] = [{"to": f"s{i + 1}"}]
        components.append(service)
    return scenario(components)


def events(n):
    """n crashes of one service, a tenth of a millisecond apart (format version 2)."""
    document = instances(4)
    document["version"] = 2
    document["events"] = [{"at": f"{i / 10000:.4f}s", "fault": "crash", "component": "s", "for": "0.5s"} for i in range(n)]
    return document


def steps(n):
    profile = {"shape": "steps", "steps": [{"at": f"{i / 1000:.3f}s", "factor": 1 + i % 3} for i in range(n)]}
    return scenario([{"id": "u", "kind": "client", "rate": "100/s", "profile": profile, "calls": [{"to": "s"}]},
                     {"id": "s", "kind": "service", "cores": 1, "service_time": "1ms"}],
                    run={"duration": "100s", "warmup": "0s", "seed": 1, "replications": 1})


def write(folder, name, document, compact=False):
    path = os.path.join(folder, name)
    with open(path, "w") as out:
        json.dump(document, out, separators=(",", ":") if compact else None)
    return path


def run(cli, arguments, seconds, gib):
    """Runs the CLI under prlimit (which sets the limits and becomes the CLI); returns (exit code,
    or -signal, or "hang"; stdout; stderr; wall seconds; peak resident MB of the CLI and of the
    workers it waited for)."""
    command = ["prlimit", f"--as={int(gib * GIB)}", f"--cpu={seconds}", "--", cli] + arguments
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        deadline = start + seconds * 2 + 10
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                return "hang", "", "", time.monotonic() - start, 0.0
            time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        wall = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return process.returncode, out.read(), err.read(), wall, usage.ru_maxrss / 1024


class Case:
    def __init__(self, name, arguments, code, message="", seconds=60, gib=4, stream="stderr", check=None):
        self.name, self.arguments, self.code, self.message = name, arguments, code, message
        self.seconds, self.gib, self.stream, self.check = seconds, gib, stream, check


FIGURE_SIZES = {"instances": (1_000, 10_000, 50_000, 100_000), "classes": (1_000, 5_000, 20_000, 50_000)}


def generate(scratch, figures):
    """Writes the large inputs. Run in a process of its own: a process's peak memory includes
    that of the process it was forked from, so the runner itself must stay small."""
    write(scratch, "big-minified.json", pairs(100_000), compact=True)  # 15.2 MB; 23 MB once formatted
    write(scratch, "pairs20000.json", pairs(20_000))
    write(scratch, "instances100000.json", instances(100_000))
    write(scratch, "chain100000.json", chain(100_000))
    write(scratch, "steps100000.json", steps(100_000))
    write(scratch, "events100000.json", events(100_000))
    write(scratch, "to-format.json", pairs(40_000), compact=True)
    if figures:
        for label, make in (("instances", instances), ("classes", pairs)):
            for n in FIGURE_SIZES[label]:
                write(scratch, f"figure-{label}-{n}.json", make(n))


def cases(scratch):
    """Every case: (defect number in issue 14) what it is."""
    i = lambda name: os.path.join(INPUTS, name)
    s = lambda name: os.path.join(scratch, name)
    example = os.path.join(ROOT, "scenarios", "url-shortener.headroom.json")
    big_minified = s("big-minified.json")
    return [
        # 4: a file `format` would make larger than the loader reads is refused, and kept.
        Case("format-would-exceed-the-read-limit", ["format", big_minified], 2, r"more than a scenario file can hold \(16 MiB\)",
             check=lambda: os.path.getsize(big_minified) < 16 * 1024 * 1024 and open(big_minified).read(1) == "{"),
        # 6: an output that cannot be written is a failed run.
        Case("output-to-a-full-disk", ["analyze", example, "--json"], 4, r"cannot write the output", stream="stderr-devfull"),
        # 7: a number literal beyond a double.
        Case("number-beyond-a-double", ["validate", i("layout-number-beyond-a-double.json")], 1, r"line 1, column \d+: the number 1e400 is too large"),
        # 8: a waiting room of 10^9.
        Case("billion-place-queue", ["analyze", i("billion-place-queue.json")], 0, r"M/M/c/K", seconds=10, gib=1, stream="stdout"),
        # 9: classes × components.
        Case("twenty-thousand-classes-analyze", ["analyze", s("pairs20000.json")], 0, r"Bottleneck", stream="stdout"),
        Case("twenty-thousand-classes-size", ["size", s("pairs20000.json")], 0, r"Sizing", stream="stdout"),
        # 10: instances.
        Case("hundred-thousand-instances-simulate", ["simulate", "-j1", s("instances100000.json")], 0, r"Bottleneck", stream="stdout"),
        # 11: a profile whose peak overflows.
        Case("spike-factor-overflow", ["size", i("spike-factor-overflow.json")], 1, r"components\[0\]\.profile.*(peak|1e12|10\^12|1,000,000,000,000)"),
        # 12: a huge short spike: simulated when it can be, refused when it would take hours.
        Case("huge-short-spike-overloads", ["simulate", i("huge-short-spike-overloads.json")], 3, r"the run stopped early", seconds=30, stream="stdout"),
        Case("huge-short-spike-too-long", ["simulate", i("huge-short-spike-too-long-to-simulate.json")], 1, r"would simulate about [0-9,]+ visits"),
        # 13: special files are read up to the limit.
        Case("validate-dev-zero", ["validate", "/dev/zero"], 2, r"more than a scenario file can hold", seconds=10, gib=1),
        # 14: very large scenarios finish.
        Case("hundred-thousand-service-chain-size", ["size", s("chain100000.json")], 0, r"Sizing", stream="stdout"),
        Case("hundred-thousand-profile-steps-simulate", ["simulate", "-j1", s("steps100000.json")], 0, r"Bottleneck", stream="stdout"),
        # 15: an SLO over requests that all time out is missed.
        Case("slo-with-every-request-timing-out", ["simulate", i("slo-with-every-request-timing-out.json")], 3, r"no finite value\s+NOT MET", stream="stdout"),
        # 16, 17, 18, 19: values refused with their path.
        Case("subnormal-rate", ["validate", i("subnormal-rate.json")], 1, r"components\[0\]\.rate"),
        Case("estimate-per-user-overflow", ["estimate", i("estimate-per-user-overflow.json")], 1, r"too large to compute"),
        Case("empty-id", ["validate", i("empty-id.json")], 1, r"components\[0\]\.id"),
        # Issue 16: a hundred thousand events (a minute of simulating ten seconds) are refused;
        # a storm of 100 immediate retries stops as overloaded within its bounds.
        Case("hundred-thousand-events", ["validate", s("events100000.json")], 1, r"events: holds 100000 events, more than the 1000", seconds=20),
        Case("retry-storm-of-a-hundred-attempts", ["simulate", i("retry-storm-of-a-hundred-attempts.json")], 3, r"the run stopped early",
             seconds=60, stream="stdout"),
        Case("event-of-no-known-kind", ["validate", i("event-of-no-known-kind.json")], 1,
             r"events\[0\]\.fault: must be a string, got a number\n.*events\[1\]\.at: must not be negative(.|\n)*events\[1\]\.component: there is no component"),
        Case("seed-out-of-range", ["simulate", "--seed", "-1", example], 2, r"--seed"),
    ]


def check_case(cli, case):
    arguments = list(case.arguments)
    if case.stream == "stderr-devfull":
        command = ["prlimit", f"--as={case.gib * GIB}", "--", cli] + arguments
        with open("/dev/full", "w") as full:
            process = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
        code, text, wall, peak = process.returncode, process.stderr, 0.0, 0.0
    else:
        code, out, err, wall, peak = run(cli, arguments, case.seconds, case.gib)
        text = out if case.stream == "stdout" else err
    problems = []
    if code != case.code:
        problems.append(f"exit {code}, expected {case.code}")
    if case.message and not re.search(case.message, text):
        problems.append(f"no /{case.message}/ in its {case.stream}: {text[-400:]!r}")
    if case.check and not case.check():
        problems.append("the file was changed")
    return problems, code, wall, peak


def no_temporary_file_after_sigterm(cli, scratch):
    """5: SIGTERM at ten moments of `format` of a 14 MB file: never a temporary file left."""
    source = os.path.join(scratch, "to-format.json")
    folder = os.path.join(scratch, "sigterm")
    for attempt in range(10):
        shutil.rmtree(folder, ignore_errors=True)
        os.mkdir(folder)
        target = shutil.copy(source, folder)
        process = subprocess.Popen([cli, "format", target], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.05 + 0.1 * attempt)
        process.send_signal(signal.SIGTERM)
        process.wait()
        left = sorted(os.listdir(folder))
        if left != ["to-format.json"]:
            return [f"after SIGTERM at {0.05 + 0.1 * attempt:.2f} s the folder holds {left}"]
    return []


def format_keeps_the_link_and_the_mode(cli, scratch):
    """3: `format` through a symbolic link writes the file it names, keeps the link a link and
    the file's mode 0600."""
    folder = os.path.join(scratch, "link")
    os.mkdir(folder)
    real = os.path.join(folder, "real.headroom.json")
    with open(os.path.join(ROOT, "scenarios", "url-shortener.headroom.json")) as example:
        document = json.load(example)
    write(folder, "real.headroom.json", document, compact=True)  # not canonical: format rewrites it
    os.chmod(real, 0o600)
    link = os.path.join(folder, "current.headroom.json")
    os.symlink("real.headroom.json", link)
    process = subprocess.run([cli, "format", link], capture_output=True, text=True)
    problems = []
    if process.returncode != 0:
        problems.append(f"format exited {process.returncode}: {process.stderr}")
    if not os.path.islink(link):
        problems.append("the link became a regular file")
    if os.stat(real).st_mode & 0o7777 != 0o600:
        problems.append(f"the mode became {oct(os.stat(real).st_mode & 0o7777)}")
    if json.load(open(real)) != document or open(real).read().count("\n") < 10:
        problems.append("the file the link names was not formatted")
    return problems


def figures(cli, scratch):
    print("\nMemory and time against size (peak resident set of the CLI and its workers, wall time):")
    for label, command in [("instances", ["simulate", "-j1"]), ("classes", ["analyze"]), ("classes", ["simulate", "-j1"])]:
        for n in FIGURE_SIZES[label]:
            path = os.path.join(scratch, f"figure-{label}-{n}.json")
            code, _, _, wall, peak = run(cli, command + [path], 120, 8)
            print(f"  {' '.join(command):12} {n:>7} {label:9}  exit {code}  {wall:6.2f} s  {peak:7.0f} MB")


def main():
    if sys.argv[1] == "--generate":
        generate(sys.argv[2], "--figures" in sys.argv)
        return 0
    cli = os.path.abspath(sys.argv[1])
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    failed = 0
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([sys.executable, __file__, "--generate", scratch] + (["--figures"] if "--figures" in sys.argv else []), check=True)
        for case in cases(scratch):
            if only and case.name != only:
                continue
            problems, code, wall, peak = check_case(cli, case)
            print(f"{'ok  ' if not problems else 'FAIL'} {case.name:42} exit {code!s:>4}  {wall:6.2f} s  {peak:7.0f} MB (bound {case.seconds} s, {case.gib} GB)")
            for problem in problems:
                print(f"       {problem}")
            failed += bool(problems)
        for name, check in (("sigterm-during-format", no_temporary_file_after_sigterm), ("format-through-a-symlink", format_keeps_the_link_and_the_mode)):
            if only and only != name:
                continue
            problems = check(cli, scratch)
            print(f"{'ok  ' if not problems else 'FAIL'} {name}")
            for problem in problems:
                print(f"       {problem}")
            failed += bool(problems)
        if "--figures" in sys.argv:
            figures(cli, scratch)
    print(f"{failed} of the hostile cases failed" if failed else "every hostile case held")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
