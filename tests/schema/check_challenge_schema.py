#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""docs/headroom-challenge.schema.json against the shipped challenges and against the loader.

  check_challenge_schema.py CHALLENGE_SCHEMA SCENARIO_SCHEMA HEADROOM_CLI CHALLENGE...

1. The schema is a valid draft 2020-12 schema.
2. Every shipped challenge is valid under it (the scenario schema resolves its $refs).
3. Small changes to one challenge are judged alike by the schema and by `headroom-cli challenge
   show FILE`: both accept or both refuse (what a schema can see: keys, enumerations, required
   fields, units; cross-references such as an estimate path are the loader's alone).
"""
import copy
import json
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    sys.exit("check_challenge_schema.py needs Debian's python3-jsonschema (packaging/install-build-deps.sh installs it)")


def validator(challenge_schema, scenario_schema):
    jsonschema.Draft202012Validator.check_schema(challenge_schema)
    store = {scenario_schema["$id"]: scenario_schema, challenge_schema["$id"]: challenge_schema}
    try:
        from referencing import Registry, Resource
        registry = Registry().with_resources((uri, Resource.from_contents(schema)) for uri, schema in store.items())
        return jsonschema.Draft202012Validator(challenge_schema, registry=registry)
    except ImportError:  # jsonschema before 4.18 (Debian 12's 4.10)
        resolver = jsonschema.RefResolver.from_schema(challenge_schema, store=store)
        return jsonschema.Draft202012Validator(challenge_schema, resolver=resolver)


def loader_accepts(cli, document):
    with tempfile.NamedTemporaryFile("w", suffix=".headroom-challenge.json") as file:
        json.dump(document, file)
        file.flush()
        run = subprocess.run([cli, "challenge", "show", file.name], capture_output=True, text=True, timeout=60)
    if run.returncode not in (0, 1):
        sys.exit(f"challenge show: exit {run.returncode}: {run.stderr}")
    return run.returncode == 0, run.stderr


def changed(base, change):
    document = copy.deepcopy(base)
    change(document)
    return document


def main():
    challenge_schema_path, scenario_schema_path, cli, *challenges = sys.argv[1:]
    with open(challenge_schema_path) as f:
        challenge_schema = json.load(f)
    with open(scenario_schema_path) as f:
        scenario_schema = json.load(f)
    check = validator(challenge_schema, scenario_schema)
    failures = []
    for path in challenges:
        with open(path) as f:
            document = json.load(f)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in check.iter_errors(document)]
        if errors:
            failures.append(f"{path}: not valid under the schema:\n  " + "\n  ".join(errors[:5]))
    with open(challenges[0]) as f:
        base = json.load(f)
    cases = [
        ("the challenge as shipped", lambda d: None, True),
        ("an unknown key", lambda d: d.update({"solution": "x"}), False),
        ("another format", lambda d: d.update({"format": "headroom-scenario"}), False),
        ("a newer version", lambda d: d.update({"version": 2}), False),
        ("no brief", lambda d: d.pop("brief"), False),
        ("an unknown difficulty", lambda d: d.update({"difficulty": "expert"}), False),
        ("no goodput", lambda d: d["constraints"].pop("goodput"), False),
        ("goodput per class", lambda d: d["constraints"].update({"goodput": {c["class"]: "99%" for c in d["starter"]["components"]}}), True),
        ("a budget in words", lambda d: d["constraints"].update({"budget": "cheap"}), False),
        ("a budget as a number", lambda d: d["constraints"].update({"budget": 2500}), True),
        ("an unknown required kind", lambda d: d["constraints"].update({"requires": ["servise"]}), False),
        ("a floor on a kind", lambda d: d["constraints"].update({"service_time": {"database": {"read": "1ms", "write": "2ms"}}}), True),
        ("a floor without a unit", lambda d: d["constraints"].update({"service_time": {"service": "5"}}), False),
        ("a weight missing", lambda d: d["weights"].pop("cost"), False),
        ("a negative weight", lambda d: d["weights"].update({"cost": -1}), False),
        ("a run without a seed", lambda d: d["run"].pop("seed"), False),
        ("a question without a quantity", lambda d: d["questions"][0].pop("quantity"), False),
        ("an empty hint", lambda d: d["hints"].append(""), False),
        ("a starter with an unknown key", lambda d: d["starter"].update({"solution": 1}), False),
    ]
    for what, change, valid in cases:
        document = changed(base, change)
        by_schema = check.is_valid(document)
        by_loader, why = loader_accepts(cli, document)
        if by_schema != valid or by_loader != valid:
            failures.append(f"{what}: expected {'valid' if valid else 'refused'}; the schema says {by_schema}, the loader {by_loader} {why.strip()[:200]}")
    if failures:
        sys.exit("\n".join(failures))
    print(f"{len(challenges)} challenges valid; {len(cases)} cases judged alike by the schema and the loader")


if __name__ == "__main__":
    main()
