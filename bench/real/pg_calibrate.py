#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Predict a real PostgreSQL server before measuring it (issue 21).

    bench/real/pg_calibrate.py --cli build/app/headroom-cli [--json OUT] [--levels 0.3,0.5,0.7,0.85]

1. Starts PostgreSQL 15 (Debian's postgresql-15) in a temporary directory on 127.0.0.1, owned by
   this script and stopped at its end, and fills it with `pgbench -i` (scale 10). The server is
   pinned to one core and pgbench to the other with taskset, so that they never share a CPU.
2. Calibrates at low load, select-only (`-S`), over one connection:
   - one client in a closed loop: the connection's round trip (pgbench's thread and the
     backend take turns on it, so it is the service time of a single FIFO server) with its
     spread; the server's CPU demand by the utilization law (its processes' CPU seconds over
     the transactions) and pgbench's from its rusage;
   - the same connection at 10 % of that rate on pgbench's Poisson schedule (-R): each
     transaction's schedule lag, how late pgbench's sleeping thread woke for it, a delay
     outside the server that the closed loop never pays.
3. Writes a Headroom scenario from those measurements alone: pgbench's schedule as an open
   Poisson client, the connection as a database of one core and one worker (M/G/1; the queue
   is pgbench's schedule lag), pgbench's wake-up lag as a link's latency.
4. Predicts mean, p95 and p99 at each utilization of the connection with the analytic engine and
   the simulator (to ±2 % on the p99), and only then measures each level with
   `pgbench -c 1 -R RATE -S --latency-limit` and its per-transaction log.
5. Runs the closed loop once more, so that a host whose speed moved during the run says so.
6. Prints predicted against measured, with relative errors and the server's CPU per transaction
   at each level (docs/engines.md, "A real server").

Load stays on loopback, bounded in rate (at most 85 % of one connection) and in time (15 s a
level), and stops by itself. The pure parts (log reading, demands, the scenario) are tested
without a server by tests/real/test_calibration.py on recorded logs.
"""
import argparse
import json
import math
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time

SCALE = 10                # pgbench -i -s: 1,000,000 accounts, about 150 MB
IDLE_LOAD = 0.10          # the open-loop calibration's rate, as a share of the closed loop's
CALIBRATION_SECONDS = 10  # the one-client closed loop
RECHECK_SECONDS = 5       # the closed loop again after the levels: did the machine's speed change?
LEVEL_SECONDS = 15        # each measured level
LATENCY_LIMIT_MS = 100    # --latency-limit: a transaction later than this is skipped and counted
SERVER_CORE, CLIENT_CORE = 1, 0
# The share of the server core's busy time its processes must be charged (check(), and
# accounted_share for why it is about 1, not exactly). The backend does nearly all the server's
# work, so a count that missed it would hold only the postmaster's and its helpers' (an idle
# server's were charged under 10 ms in 15 s here), near none of the seconds the core was busy;
# one that has it is about 1 (1.17–1.27 here, the tick samples' loss). Half lies well between.
ACCOUNTED_AT_LEAST = 0.5

# ---------------------------------------------------------------------------------------------
# Pure parts: read a pgbench log, work out demands, write the scenario.


def parse_pgbench_log(lines):
    """Per-transaction log lines of pgbench -l ("client_id transaction_no time script_no
    time_epoch time_us [schedule_lag]"): the latencies and schedule lags in seconds, and the
    number of transactions skipped as later than --latency-limit ("skipped" in place of time)."""
    latencies, lags, skipped = [], [], 0
    for line in lines:
        fields = line.split()
        if len(fields) < 6:
            continue
        if fields[2] == "skipped":
            skipped += 1
            continue
        latencies.append(int(fields[2]) / 1e6)
        if len(fields) >= 7:
            lags.append(int(fields[6]) / 1e6)
    return latencies, lags, skipped


def quantile(sorted_values, p):
    """The nearest-rank p-quantile: the ⌈p n⌉-th smallest value."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p * len(sorted_values) - 1e-9))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def latency_stats(latencies):
    values = sorted(latencies)
    n = len(values)
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / (n - 1) if n > 1 else 0.0
    return {"count": n, "mean": mean, "cv": math.sqrt(variance) / mean if mean > 0 else 0.0,
            "p95": quantile(values, 0.95), "p99": quantile(values, 0.99)}


def core_busy_seconds(proc_stat, core, tick):
    """The seconds a core has spent busy since boot, from /proc/stat's "cpuN" line (user nice
    system idle iowait irq softirq steal guest guest_nice, in clock ticks): user, nice, system,
    irq and softirq. Idle and iowait are not busy; steal is time the hypervisor gave another
    machine, which no process of this one was charged; guest time is already inside user."""
    for line in proc_stat.splitlines():
        fields = line.split()
        if fields and fields[0] == f"cpu{core}":
            user, nice, system, _idle, _iowait, irq, softirq = (int(x) for x in fields[1:8])
            return (user + nice + system + irq + softirq) / tick
    raise ValueError(f"/proc/stat has no line for cpu{core}")


def service_demand(cpu_seconds, transactions):
    """The utilization law, U = X D: demand D = busy time B over completions C."""
    return cpu_seconds / transactions


def calibration(server_cpu, client_cpu, closed_latencies, open_lags):
    """What the two calibration runs say.

    The closed loop (transactions one after another on one connection, pgbench's thread and the
    backend taking turns): the round trip with its spread is the connection's service time; the
    server's and pgbench's CPU demands follow by the utilization law.

    The open loop at low load (pgbench's Poisson schedule, almost never a queue): each
    transaction's schedule lag is how late pgbench's sleeping thread woke for it, a delay
    outside the server, which the closed loop never pays."""
    closed = latency_stats(closed_latencies)
    transactions = closed["count"]
    return {"round_trip": closed["mean"], "cv": closed["cv"], "wakeups": sum(open_lags) / len(open_lags) if open_lags else 0.0,
            "server_demand": service_demand(server_cpu, transactions), "client_demand": service_demand(client_cpu, transactions),
            "transactions": transactions}


def duration_text(seconds):
    """Seconds as Headroom's duration text, in nanoseconds to keep every digit that matters."""
    return f"{round(seconds * 1e9)}ns"


def scenario_for(calibrated, rate, seed=1):
    """The scenario the prediction runs: only measured figures, nothing tuned to the answer."""
    return {
        "format": "headroom-scenario", "version": 2, "name": f"pgbench -S at {rate:.0f}/s",
        "description": "PostgreSQL 15 over one connection, select-only pgbench on a Poisson schedule, from bench/real/pg_calibrate.py's calibration",
        "components": [
            {"id": "pgbench", "kind": "client", "rate": f"{rate:.3f}/s", "calls": [{"to": "postgres"}]},
            {"id": "postgres", "kind": "database", "cores": 1, "workers": 1,
             "service_time": {"dist": "lognormal", "mean": duration_text(calibrated["round_trip"]), "cv": round(max(calibrated["cv"], 1e-6), 6)}},
        ],
        "links": [{"from": "pgbench", "to": "postgres", "latency": duration_text(calibrated["wakeups"] / 2)}],
        "run": {"duration": "20s", "seed": seed, "precision": {"p99": "2%"}},
    }


def accounted_share(server_cpu, core_busy):
    """The server's processes' CPU seconds over the busy seconds of the core they are pinned to:
    about 1 when every process is counted, near 0 when the backend, which does nearly all the
    work, is missed. Not exactly 1, either way: a process's seconds are its scheduler run time,
    to the nanosecond, while a core's are the kernel's samples of it at each tick, which a core
    that keeps going idle between transactions loses (on this machine the core's columns summed
    to 5.64 s over 6.52 s of wall time, and the share was 1.17–1.27 in two runs); and the core
    also runs the kernel's own work for the server (softirq for its replies) and any process the
    scheduler put there."""
    return server_cpu / core_busy if core_busy > 0 else None


def relative_error(predicted, measured):
    return (predicted - measured) / measured if measured else float("nan")


# ---------------------------------------------------------------------------------------------
# The server and the load.


def cpu_seconds_of_tree(root_pid):
    """CPU seconds (user + system) of a process, of its live children, and of the children it
    has reaped (cutime, cstime): PostgreSQL's backends end with their connections, and the
    postmaster's reaped times keep theirs."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        ppid, utime, stime, cutime, cstime = int(fields[1]), int(fields[11]), int(fields[12]), int(fields[13]), int(fields[14])
        if int(entry) == root_pid:
            total += utime + stime + cutime + cstime
        else:
            children.setdefault(ppid, []).append(utime + stime)
    total += sum(children.get(root_pid, []))
    return total / tick


class Postgres:
    """A server of our own in a temporary directory, on loopback, stopped when the block ends."""

    def __init__(self, bindir, port):
        self.bindir, self.port = bindir, port
        self.dir = tempfile.mkdtemp(prefix="headroom-pg.")
        self.data = os.path.join(self.dir, "data")
        self.user = []
        if os.geteuid() == 0:  # the server refuses to run as root; Debian's package made this user
            self.user = ["runuser", "-u", "postgres", "--"]
            uid = pwd.getpwnam("postgres")
            os.chown(self.dir, uid.pw_uid, uid.pw_gid)

    def run(self, *command, **kwargs):
        return subprocess.run(self.user + list(command), check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)

    def __enter__(self):
        self.run(os.path.join(self.bindir, "initdb"), "-D", self.data, "-U", "headroom", "--auth=trust", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.dir} "
                   "-c shared_buffers=256MB -c max_connections=40 -c fsync=off -c synchronous_commit=off "
                   "-c autovacuum=off -c logging_collector=off")
        self.run("taskset", "-c", str(SERVER_CORE), os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-l",
                 os.path.join(self.dir, "server.log"), "-o", options, "-w", "start")
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            self.pid = int(f.readline())
        return self

    def __exit__(self, *exc):
        try:
            self.run(os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
        return False


def pgbench(bindir, port, arguments, workdir):
    """Runs pgbench on the client's core; its output, its CPU seconds (rusage) and wall time."""
    command = ["taskset", "-c", str(CLIENT_CORE), os.path.join(bindir, "pgbench"), "-h", "127.0.0.1", "-p", str(port),
               "-U", "headroom", "-n"] + arguments + ["postgres"]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"pgbench {' '.join(arguments)} failed:\n{output}")
    return output, usage.ru_utime + usage.ru_stime, time.monotonic() - started


def server_core_busy():
    with open("/proc/stat") as f:
        return core_busy_seconds(f.read(), SERVER_CORE, os.sysconf("SC_CLK_TCK"))


def logged_run(server, bindir, arguments, prefix):
    """A pgbench run with its per-transaction log; the server's CPU seconds over it, and the busy
    seconds of the core it is pinned to (see accounted_share)."""
    for name in os.listdir(server.dir):
        if name.startswith(prefix):
            os.remove(os.path.join(server.dir, name))
    before, core_before = cpu_seconds_of_tree(server.pid), server_core_busy()
    output, client_cpu, wall = pgbench(bindir, server.port, arguments + ["-l", "--log-prefix", prefix], server.dir)
    time.sleep(0.5)  # the backends exit with their connections, and the postmaster reaps them
    server_cpu, core_busy = cpu_seconds_of_tree(server.pid) - before, server_core_busy() - core_before
    lines = []
    for name in sorted(os.listdir(server.dir)):
        if name.startswith(prefix):
            with open(os.path.join(server.dir, name)) as f:
                lines += f.readlines()
    latencies, lags, skipped = parse_pgbench_log(lines)
    return {"latencies": latencies, "lags": lags, "skipped": skipped, "server_cpu": server_cpu, "core_busy": core_busy,
            "client_cpu": client_cpu, "wall": wall, "output": output}


def headroom_json(cli, command, scenario, *extra):
    with tempfile.NamedTemporaryFile("w", suffix=".headroom.json", delete=False) as f:
        json.dump(scenario, f, indent=2)
        path = f.name
    try:
        result = subprocess.run([cli, command, path, "--json", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if result.returncode not in (0, 3):
            raise RuntimeError(f"headroom-cli {command} failed ({result.returncode}): {result.stderr}")
        return json.loads(result.stdout)
    finally:
        os.remove(path)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_bindir():
    for candidate in ("/usr/lib/postgresql/15/bin",):
        if os.path.exists(os.path.join(candidate, "postgres")):
            return candidate
    return None


def milliseconds(value):
    return f"{value * 1e3:.3f}"


def print_table(calibrated, levels, out):
    print("Calibration over one connection, -S. Closed loop: round trip "
          f"{calibrated['round_trip'] * 1e6:.1f} µs (cv {calibrated['cv']:.2f}) over {calibrated['transactions']} transactions, "
          f"server CPU {calibrated['server_demand'] * 1e6:.1f} µs and pgbench CPU {calibrated['client_demand'] * 1e6:.1f} µs a transaction. "
          f"Open loop at {IDLE_LOAD:.0%} of that rate: pgbench's wake-up lag {calibrated['wakeups'] * 1e6:.1f} µs", file=out)
    after = calibrated.get("after")
    if after:
        print(f"The closed loop again after the levels: round trip {after['round_trip'] * 1e6:.1f} µs, server CPU "
              f"{after['server_demand'] * 1e6:.1f} µs a transaction ({relative_error(after['round_trip'], calibrated['round_trip']):+.0%} "
              f"and {relative_error(after['server_demand'], calibrated['server_demand']):+.0%}: how much the machine's speed moved "
              "during the run)", file=out)
    header = (f"{'load':>5} {'rate/s':>8} {'CPU law':>7} {'CPU':>5} {'µs/tx':>6} {'lag ms':>7} | {'stat':>4} {'analytic ms':>11} "
              f"{'simulated ms':>17} {'measured ms':>11} | {'err an.':>8} {'err sim.':>8}")
    print(header, file=out)
    print("-" * len(header), file=out)
    for level in levels:
        measured = level["measured"]
        lag = measured["mean_lag"]
        first_columns = (f"{level['load']:>5.0%} {level['rate']:>8.0f} {level['server_utilization']:>7.0%} {measured['u']:>5.0%} "
                         f"{measured['server_demand'] * 1e6:>6.1f} {(milliseconds(lag) if lag is not None else '-'):>7}")
        for stat in ("mean", "p95", "p99"):
            analytic, simulated, half = level["analytic"][stat], level["simulated"][stat], level["simulated_ci95"][stat]
            sim_text = f"{milliseconds(simulated)} ± {milliseconds(half)}" if half is not None else milliseconds(simulated)
            print(f"{first_columns if stat == 'mean' else ' ' * len(first_columns)} | {stat:>4} {milliseconds(analytic):>11} {sim_text:>17} "
                  f"{milliseconds(measured[stat]):>11} | {relative_error(analytic, measured[stat]):>+8.1%} "
                  f"{relative_error(simulated, measured[stat]):>+8.1%}", file=out)
        if measured["skipped"]:
            print(f"{'':>{len(first_columns)}} | {measured['skipped']} transactions skipped as later than {LATENCY_LIMIT_MS} ms", file=out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True, help="headroom-cli")
    parser.add_argument("--levels", default="0.3,0.5,0.7,0.85", help="utilizations of the connection to measure")
    parser.add_argument("--json", help="write every figure here")
    parser.add_argument("--check", action="store_true", help="exit 1 unless the run holds together (CTest's real/postgresql)")
    arguments = parser.parse_args()
    required = os.environ.get("HEADROOM_REQUIRE_POSTGRES") == "1"

    def skip(reason):
        print(f"pg_calibrate: {reason}" + (" (HEADROOM_REQUIRE_POSTGRES=1: failing)" if required else "; skipped"), file=sys.stderr)
        return 1 if required else 77

    bindir = find_bindir()
    if not bindir:
        return skip("PostgreSQL 15 is not installed (packaging/install-build-deps.sh --ci installs postgresql-15)")
    if len(os.sched_getaffinity(0)) < 2:
        return skip("needs two cores, one for the server and one for pgbench")
    levels = [float(x) for x in arguments.levels.split(",")]
    with Postgres(bindir, free_port()) as server:
        pgbench(bindir, server.port, ["-i", "-s", str(SCALE), "-q"], server.dir)
        pgbench(bindir, server.port, ["-S", "-c", "1", "-j", "1", "-T", "3"], server.dir)  # warm the cache
        closed = logged_run(server, bindir, ["-S", "-c", "1", "-j", "1", "-T", str(CALIBRATION_SECONDS)], "closed")
        round_trip = latency_stats(closed["latencies"])["mean"]
        idle = logged_run(server, bindir, ["-S", "-c", "1", "-j", "1", "-R", f"{IDLE_LOAD / round_trip:.3f}", "-T", str(CALIBRATION_SECONDS)], "idle")
        calibrated = calibration(closed["server_cpu"], closed["client_cpu"], closed["latencies"], idle["lags"])
        calibrated["accounted"] = accounted_share(closed["server_cpu"], closed["core_busy"])
        results = []
        for load in levels:
            rate = load / calibrated["round_trip"]
            scenario = scenario_for(calibrated, rate)
            analytic = headroom_json(arguments.cli, "analyze", scenario)["classes"]["pgbench"]
            simulated = headroom_json(arguments.cli, "simulate", scenario)["classes"]["pgbench"]
            results.append({"load": load, "rate": rate, "scenario": scenario, "server_utilization": rate * calibrated["server_demand"],
                            "analytic": {s: analytic["latency"][s] for s in ("mean", "p95", "p99")},
                            "simulated": {s: simulated["latency"][s] for s in ("mean", "p95", "p99")},
                            "simulated_ci95": {s: simulated["ci95"][s] for s in ("mean", "p95", "p99")}})
        # Only now, with every prediction written down, measure.
        for level in results:
            run = logged_run(server, bindir, ["-S", "-c", "1", "-j", "1", "-R", f"{level['rate']:.3f}", "-T", str(LEVEL_SECONDS),
                                              "--latency-limit", str(LATENCY_LIMIT_MS)], f"level{round(level['load'] * 100)}")
            stats = latency_stats(run["latencies"])
            stats["u"] = run["server_cpu"] / run["wall"]
            stats["throughput"] = (len(run["latencies"]) + run["skipped"]) / LEVEL_SECONDS
            stats["skipped"] = run["skipped"]
            stats["mean_lag"] = sum(run["lags"]) / len(run["lags"]) if run["lags"] else None
            stats["client_u"] = run["client_cpu"] / run["wall"]
            stats["server_demand"] = service_demand(run["server_cpu"], len(run["latencies"]))  # a skipped one never reached it
            stats["accounted"] = accounted_share(run["server_cpu"], run["core_busy"])
            level["measured"] = stats
        # The closed loop once more: a host whose speed changed over the levels shows it here.
        again = logged_run(server, bindir, ["-S", "-c", "1", "-j", "1", "-T", str(RECHECK_SECONDS)], "again")
        calibrated["after"] = {"round_trip": latency_stats(again["latencies"])["mean"],
                               "server_demand": service_demand(again["server_cpu"], len(again["latencies"])),
                               "accounted": accounted_share(again["server_cpu"], again["core_busy"])}
    print_table(calibrated, results, sys.stdout)
    if arguments.json:
        with open(arguments.json, "w") as f:
            json.dump({"calibration": calibrated, "levels": results}, f, indent=2)
    return check(calibrated, results) if arguments.check else 0


def check(calibrated, levels):
    """That the run holds together, not that the model is right (the table says how right it
    is): enough calibration, pgbench kept its schedule, the engines agree with each other, and
    the server's CPU seconds were all counted.

    The last is checked against the busy time of the core the server is pinned to, which holds
    the server's processes and little else. It is not checked against the utilization law: the
    closed loop's demand is a measurement of the machine at one moment and one load, not a floor.
    A CI run measured 44 % where the law said 71 %: the server's CPU per transaction fell from
    74.7 µs in the closed loop to 46 µs at 9,468/s (docs/engines.md, "A real server")."""
    problems = []
    if calibrated["transactions"] < 10_000:
        problems.append(f"the calibration ran only {calibrated['transactions']} transactions")
    runs = [("the calibration", calibrated)] + [(f"{level['load']:.0%}", level["measured"]) for level in levels]
    if "after" in calibrated:
        runs.append(("the closed loop after the levels", calibrated["after"]))
    for name, run in runs:
        share = run["accounted"]
        if share is None or share < ACCOUNTED_AT_LEAST:
            problems.append(f"{name}: the server's processes were charged {'none' if share is None else f'{share:.0%}'} of its core's "
                            f"busy time, under {ACCOUNTED_AT_LEAST:.0%}: were all of its processes counted?")
    for level in levels:
        name, measured = f"{level['load']:.0%}", level["measured"]
        if abs(measured["throughput"] - level["rate"]) > 0.03 * level["rate"]:
            problems.append(f"{name}: pgbench scheduled {level['rate']:.0f}/s but ran {measured['throughput']:.0f}/s")
        analytic, simulated, half = level["analytic"]["mean"], level["simulated"]["mean"], level["simulated_ci95"]["mean"]
        if abs(analytic - simulated) > max(3 * half, 0.02 * simulated):
            problems.append(f"{name}: the engines disagree on the mean ({analytic:.6f} s analytic, {simulated:.6f} ± {half:.6f} s simulated)")
    for problem in problems:
        print(f"pg_calibrate --check: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
