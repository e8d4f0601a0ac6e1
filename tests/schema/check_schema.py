#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""docs/headroom-scenario.schema.json against the examples and against the loader.

  check_schema.py SCHEMA HEADROOM_CLI SCENARIO...

1. The schema is a valid draft 2020-12 schema.
2. Every example scenario is valid under it.
3. A table of small files, each changing one thing, is judged alike by the schema and by
   `headroom-cli validate`: both accept or both refuse. The cases are about what a schema can
   see (keys, kinds' fields, units, enumerations, required fields, ranges); cross-references such
   as a call to a missing id are the loader's alone and are not here.
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    sys.exit("check_schema.py needs Debian's python3-jsonschema (packaging/install-build-deps.sh installs it)")

BASE = {
    "format": "headroom-scenario", "version": 1, "name": "base",
    "components": [
        {"id": "users", "kind": "client", "rate": "100/s", "calls": [{"to": "api"}]},
        {"id": "api", "kind": "service", "instances": 2, "cores": 2, "service_time": "5ms", "calls": [{"to": "db"}]},
        {"id": "db", "kind": "database", "replicas": 1, "read_from": "replicas"},
    ],
    "links": [{"from": "api", "to": "db", "latency": "500us", "bandwidth": "10Gbps"}],
    "slo": [{"class": "users", "percentile": 99, "latency": "150ms"}],
}


def case(change):
    document = copy.deepcopy(BASE)
    change(document)
    return document


def api(document):
    return document["components"][1]


def setter(container, key, value):
    def change(document):
        container(document)[key] = value
    return change


CASES = [
    # (what, file, valid)
    ("the base file", case(lambda d: None), True),
    ("a spaced duration", case(setter(api, "service_time", "1.5 ms")), True),
    ("microseconds as µs", case(setter(api, "service_time", "250µs")), True),
    ("a distribution", case(setter(api, "service_time", {"dist": "lognormal", "mean": "4ms", "cv": 1.5})), True),
    ("one per operation", case(setter(api, "service_time", {"read": "2ms", "write": {"dist": "constant", "mean": "6ms"}})), True),
    ("a percentage ratio", case(lambda d: d["components"].insert(1, {"id": "c", "kind": "cache", "hit_ratio": "90%", "calls": [{"to": "api"}]}) or d["components"][0].update(calls=[{"to": "c"}])), True),
    ("a rate with a suffix", case(lambda d: d["components"][0].update(rate="2.5K/s")), True),
    ("a byte rate", case(lambda d: d["links"][0].update(bandwidth="125MB/s")), True),
    ("a unit typo", case(setter(api, "service_time", "5 mss")), False),
    ("a duration without a unit", case(setter(api, "service_time", "5")), False),
    ("a number for a duration", case(setter(api, "service_time", 5)), False),
    ("infinity", case(setter(api, "service_time", "infms")), False),
    ("a rate without a period", case(lambda d: d["components"][0].update(rate="100")), False),
    ("a rate per fortnight", case(lambda d: d["components"][0].update(rate="100/fortnight")), False),
    ("a data rate in bytes", case(lambda d: d["links"][0].update(bandwidth="125MB")), False),
    ("an unknown top-level key", case(lambda d: d.update(workload={})), False),
    ("an unknown component key", case(setter(api, "replica", 2)), False),
    ("a field of another kind", case(setter(api, "hit_ratio", 0.5)), False),
    ("a client with instances", case(lambda d: d["components"][0].update(instances=2)), False),
    ("an unknown kind", case(setter(api, "kind", "microservice")), False),
    ("a component without a kind", case(lambda d: api(d).pop("kind")), False),
    ("instances 0", case(setter(api, "instances", 0)), False),
    ("instances 100001", case(setter(api, "instances", 100001)), False),
    ("fractional cores", case(setter(api, "cores", 1.5)), False),
    ("an unknown call mode", case(lambda d: api(d)["calls"][0].update(mode="later")), False),
    ("an unknown call key", case(lambda d: api(d)["calls"][0].update(prob=0.5)), False),
    ("a link with neither latency nor bandwidth", case(lambda d: d["links"][0].pop("latency") and d["links"][0].pop("bandwidth")), False),
    ("an SLO without its percentile", case(lambda d: d["slo"][0].pop("percentile")), False),
    ("an SLO at the 100th percentile", case(lambda d: d["slo"][0].update(percentile=100)), False),
    ("a lognormal cv of 0", case(setter(api, "service_time", {"dist": "lognormal", "mean": "4ms", "cv": 0})), False),
    ("a spike without its factor", case(lambda d: d["components"][0].update(profile={"shape": "spike", "at": "30s", "for": "10s"})), False),
    ("a ramp profile", case(lambda d: d["components"][0].update(profile={"shape": "ramp", "from": 0.1, "over": "60s"})), True),
    ("a profile of an unknown shape", case(lambda d: d["components"][0].update(profile={"shape": "wave"})), False),
    ("an unknown instance type", case(setter(api, "cost", {"instance_type": "m9.huge"})), False),
    ("run settings", case(lambda d: d.update(run={"duration": "30s", "warmup": "3s", "seed": 18446744073709551615, "replications": 10})), True),
    ("a negative seed", case(lambda d: d.update(run={"seed": -1})), False),
    ("1001 replications", case(lambda d: d.update(run={"replications": 1001})), False),
    ("a layout entry", case(lambda d: d.update(layout={"api": {"x": 240, "y": 80}})), True),
    ("a layout entry without y", case(lambda d: d.update(layout={"api": {"x": 240}})), False),
    ("an estimate block", case(lambda d: d.update(estimate={"daily_active_users": "150M", "units": "binary", "retention": "5y",
                                                            "actions": [{"name": "post", "kind": "write", "per_user_per_day": 2, "size": "1KB"},
                                                                        {"name": "view", "kind": "read", "rate": {"per": "post", "times": 100}}]})), True),
    ("an estimate with an unknown unit system", case(lambda d: d.update(estimate={"units": "imperial"})), False),
    ("an action without its kind", case(lambda d: d.update(estimate={"actions": [{"name": "post", "rate": "10/s"}]})), False),
    ("a retention in weeks", case(lambda d: d.update(estimate={"retention": "3w"})), False),
    ("a newer format version", case(lambda d: d.update(version=3)), False),
    # Format version 2.
    ("a crash event", case(lambda d: d.update(version=2, events=[{"at": "60s", "fault": "crash", "component": "api", "instances": 1, "for": "2min"}])), True),
    ("a zone outage", case(lambda d: (d.update(version=2, events=[{"at": "1min", "fault": "zone_outage", "zone": "a", "for": "10min"}]),
                                      d["components"][1].update(zones=["a", "b"]))), True),
    ("a crash without its component", case(lambda d: d.update(version=2, events=[{"at": "60s", "fault": "crash"}])), False),
    ("a factor on a crash", case(lambda d: d.update(version=2, events=[{"at": "60s", "fault": "crash", "component": "api", "factor": 2}])), False),
    ("an unknown fault", case(lambda d: d.update(version=2, events=[{"at": "60s", "fault": "meteor", "component": "api"}])), False),
    ("a retry and a breaker on a call", case(lambda d: (d.update(version=2), d["components"][1]["calls"][0].update(
        retry={"attempts": 3, "backoff": "exponential", "base": "100ms", "cap": "20s", "jitter": "full", "on": ["timeout"], "budget": "10%"},
        circuit_breaker={"failure_rate": 0.5, "window": 100, "min_calls": 20, "open_for": "60s", "half_open_calls": 10}))), True),
    ("zero attempts", case(lambda d: (d.update(version=2), d["components"][1]["calls"][0].update(retry={"attempts": 0}))), False),
    ("an unknown jitter", case(lambda d: (d.update(version=2), d["components"][1]["calls"][0].update(retry={"jitter": "some"}))), False),
    ("a health check on a service", case(lambda d: (d.update(version=2), d["components"][1].update(health_check={"interval": "10s"}))), False),
    ("failover time on a database", case(lambda d: (d.update(version=2), d["components"][2].update(failover_time="35s"))), True),
    ("drop_expired as text", case(lambda d: (d.update(version=2), d["components"][1].update(drop_expired="yes"))), False),
    ("an availability objective", case(lambda d: (d.update(version=2), d["slo"].append({"class": "users", "availability": "99.9%"}))), True),
    ("availability with a latency", case(lambda d: (d.update(version=2), d["slo"].append({"class": "users", "availability": "99.9%",
                                                                                           "latency": "1s"}))), False),
]


def loader_accepts(cli, document, directory, index):
    path = os.path.join(directory, f"case{index}.headroom.json")
    with open(path, "w", encoding="utf-8") as file:
        json.dump(document, file, ensure_ascii=False)
    result = subprocess.run([cli, "validate", "--quiet", path], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"headroom-cli validate exited {result.returncode}: {result.stderr}")
    return result.returncode == 0, result.stderr.strip()


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    schema_path, cli, scenarios = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(schema_path, encoding="utf-8") as file:
        schema = json.load(file)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []

    for path in scenarios:
        with open(path, encoding="utf-8") as file:
            errors = list(validator.iter_errors(json.load(file)))
        for error in errors:
            failures.append(f"{path}: /{'/'.join(map(str, error.absolute_path))}: {error.message}")
        print(f"{'ok  ' if not errors else 'FAIL'} {os.path.basename(path)} is valid under the schema")

    with tempfile.TemporaryDirectory() as directory:
        for index, (what, document, valid) in enumerate(CASES):
            by_schema = validator.is_valid(document)
            by_loader, loader_says = loader_accepts(cli, document, directory, index)
            agree = by_schema == valid and by_loader == valid
            print(f"{'ok  ' if agree else 'FAIL'} {what}: expected {'valid' if valid else 'refused'}; "
                  f"schema {'valid' if by_schema else 'refused'}, loader {'valid' if by_loader else 'refused'}")
            if not agree:
                failures.append(f"{what}: schema says {by_schema}, loader says {by_loader} ({loader_says}), expected {valid}")

    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print(f"{len(scenarios)} examples and {len(CASES)} cases: the schema and the loader agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
