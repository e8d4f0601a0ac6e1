#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""How far the analytic engine is from the simulator (issue 22, "know your error"): a corpus of
generated scenarios — single pools of each kind, chains, fan-out, caches, layered worker pools,
each balancer — at loads from 0.3 to 0.9, run by both engines; prints, per family and overall,
the distribution of the analytic error of the mean and of p99 against the simulator's
(which agrees with theory within its intervals).

    bench/analytic_error.py build/app/headroom-cli [--quick]
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

LOADS = (0.3, 0.5, 0.7, 0.9)
# Simulated seconds per replication (4 replications): enough for p99 within a few per cent at ρ 0.9.
DURATION = 1000


def scenario(name, components, duration):
    return {"format": "headroom-scenario", "version": 1, "name": name, "components": components,
            "run": {"duration": f"{duration}s", "warmup": f"{duration // 10}s", "seed": 7, "replications": 4}}


def client(rate, to="s"):
    return {"id": "u", "kind": "client", "rate": f"{rate:g}/s", "calls": [{"to": to}]}


def service(ident, mean_ms, dist="exponential", cv=None, **fields):
    time = {"dist": dist, "mean": f"{mean_ms:g}ms"}
    if cv is not None:
        time["cv"] = cv
    return {"id": ident, "kind": "service", "service_time": time if dist != "exponential" else f"{mean_ms:g}ms", **fields}


def corpus():
    """(family, name, scenario) for every case; rates are chosen for the load ρ."""
    cases = []
    for rho in LOADS:
        # One pool: M/M/1, M/M/4, M/D/1, M/G/1 (lognormal cv 2), processor sharing on 1 and 4 cores.
        cases.append(("single pool", f"M/M/1 ρ{rho}", scenario("mm1", [client(100 * rho), service("s", 10, workers=1, cores=1)], DURATION)))
        cases.append(("single pool", f"M/M/4 ρ{rho}", scenario("mm4", [client(400 * rho), service("s", 10, workers=4, cores=4)], DURATION)))
        cases.append(("single pool", f"M/D/1 ρ{rho}", scenario("md1", [client(100 * rho), service("s", 10, "constant", workers=1, cores=1)], DURATION)))
        cases.append(("single pool", f"M/G/1 cv2 ρ{rho}", scenario("mg1", [client(100 * rho), service("s", 10, "lognormal", 2.0, workers=1, cores=1)], 2 * DURATION)))
        cases.append(("sharing", f"PS 1 core ρ{rho}", scenario("ps1", [client(100 * rho), service("s", 10, cores=1)], DURATION)))
        cases.append(("sharing", f"PS 4 cores ρ{rho}", scenario("ps4", [client(400 * rho), service("s", 10, cores=4)], DURATION)))
        # A chain of three, the middle one the busiest; workers enough to wait on the next.
        chain = [client(100 * rho, "a"), service("a", 5, workers=32, cores=1, calls=[{"to": "b"}]),
                 service("b", 10, workers=32, cores=1, calls=[{"to": "c"}]), service("c", 3, workers=1, cores=1)]
        cases.append(("chain", f"3 in a row ρ{rho}", scenario("chain", chain, DURATION)))
        # Fan-out: a front calls two backends, one twice, one half the time.
        fan = [client(50 * rho, "front"), service("front", 2, workers=8, cores=8, calls=[{"to": "x", "times": 2}, {"to": "y", "probability": 0.5}]),
               service("x", 10, workers=1, cores=1), service("y", 20, workers=1, cores=1)]
        cases.append(("fan-out", f"fan-out ρ{rho}", scenario("fan", fan, DURATION)))
        # A cache (hit ratio 0.8) in front of a database.
        cache = [client(500 * rho, "cache"), {"id": "cache", "kind": "cache", "hit_ratio": 0.8, "cores": 4, "service_time": "0.5ms", "calls": [{"to": "db"}]},
                 {"id": "db", "kind": "database", "cores": 1, "workers": 1, "service_time": "10ms"}]
        cases.append(("cache", f"cache + db ρ{rho}", scenario("cache", cache, DURATION)))
        # Layered: workers held while a slow backend answers.
        layered = [client(80 * rho, "api"), service("api", 2, workers=8, cores=4, calls=[{"to": "db"}]),
                   {"id": "db", "kind": "database", "cores": 8, "workers": 8, "service_time": "80ms"}]
        cases.append(("layered", f"workers wait on a db ρ{rho}", scenario("layered", layered, DURATION)))
        # Each balancer over 4 instances of one worker.
        for algorithm in ("round_robin", "random", "least_connections", "power_of_two"):
            balanced = [client(400 * rho, "lb"), {"id": "lb", "kind": "load_balancer", "algorithm": algorithm, "cores": 64, "service_time": "1us",
                                                   "calls": [{"to": "s"}]}, service("s", 10, instances=4, workers=1, cores=1)]
            cases.append((f"balancer {algorithm}", f"{algorithm} ρ{rho}", scenario(algorithm, balanced, DURATION)))
        # Weighted round robin, weights 3 and 1 over 2 instances of one worker: ρ at the heavier.
        weighted = [client(100 * rho / 0.75, "lb"), {"id": "lb", "kind": "load_balancer", "algorithm": "weighted_round_robin", "weights": [3, 1],
                                                     "cores": 64, "service_time": "1us", "calls": [{"to": "s"}]},
                    service("s", 10, instances=2, workers=1, cores=1)]
        cases.append(("balancer weighted_round_robin", f"weighted 3:1 ρ{rho}", scenario("weighted", weighted, DURATION)))
        # Least connections before processor sharing on 4 cores (no worker limit).
        shared = [client(1600 * rho, "lb"), {"id": "lb", "kind": "load_balancer", "algorithm": "least_connections", "cores": 64, "service_time": "1us",
                                             "calls": [{"to": "s"}]}, service("s", 10, instances=4, cores=4)]
        cases.append(("balancer least_connections", f"least_connections PS×4 ρ{rho}", scenario("shared", shared, DURATION)))
    return cases


def run(cli, command, path):
    out = subprocess.run([cli, command, "--json", path], capture_output=True, text=True)
    return json.loads(out.stdout)


def main():
    cli = os.path.abspath(sys.argv[1])
    quick = "--quick" in sys.argv
    cases = corpus()
    if quick:
        cases = [c for c in cases if "ρ0.7" in c[1]]
    errors = {}
    print(f"{'case':34} {'mean an/sim':>22} {'err':>7}   {'p99 an/sim':>22} {'err':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for family, name, document in cases:
            path = os.path.join(folder, "case.headroom.json")
            with open(path, "w") as out:
                json.dump(document, out)
            analytic, simulated = run(cli, "analyze", path), run(cli, "simulate", path)
            a, s = analytic["classes"]["u"]["latency"], simulated["classes"]["u"]["latency"]
            if a.get("mean") is None or a.get("p99") is None or s.get("p99") is None:
                print(f"{name:34} no finite value (analytic {a.get('mean')}, simulated {s.get('mean')})")
                continue
            mean_error, p99_error = a["mean"] / s["mean"] - 1, a["p99"] / s["p99"] - 1
            errors.setdefault(family, []).append((mean_error, p99_error))
            print(f"{name:34} {a['mean'] * 1e3:9.2f} / {s['mean'] * 1e3:8.2f} ms {mean_error:+7.1%}   "
                  f"{a['p99'] * 1e3:9.2f} / {s['p99'] * 1e3:8.2f} ms {p99_error:+7.1%}")
    print("\nAnalytic error against the simulator, by family (median; largest in magnitude):")
    print(f"{'family':28} {'cases':>5} {'mean median':>12} {'mean worst':>11} {'p99 median':>11} {'p99 worst':>10}")
    everything = []
    for family, values in errors.items():
        everything += values
        means, p99s = [v[0] for v in values], [v[1] for v in values]
        print(f"{family:28} {len(values):5} {statistics.median(means):+12.1%} {max(means, key=abs):+11.1%} "
              f"{statistics.median(p99s):+11.1%} {max(p99s, key=abs):+10.1%}")
    means, p99s = [v[0] for v in everything], [v[1] for v in everything]
    within = lambda values, bound: sum(abs(v) <= bound for v in values) / len(values)
    print(f"\nOverall, {len(everything)} cases: mean within 5 % in {within(means, 0.05):.0%}, within 10 % in {within(means, 0.10):.0%}; "
          f"p99 within 10 % in {within(p99s, 0.10):.0%}, within 20 % in {within(p99s, 0.20):.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
