#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""One challenge's two designs, as `headroom-cli challenge score` judges them (issue 18): the
starter (its clients, placed, nothing else) fails, and the reference design passes every check,
by the simulation with the challenge's seed and faults and by the analytic checklist alike.

Usage: designs_pass_and_fail.py HEADROOM_CLI CHALLENGE_FILE REFERENCE_DESIGN
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def score(cli, challenge, design, *extra):
    run = subprocess.run([cli, "challenge", "score", "--json", *extra, challenge, design], capture_output=True, text=True, timeout=600)
    if run.returncode not in (0, 3):
        sys.exit(f"challenge score {design} {' '.join(extra)}: exit {run.returncode}\n{run.stderr}")
    return run.returncode, json.loads(run.stdout)


def failing(result):
    return [f"{c['verdict']}: {c['name']}: {c['explanation']}" for c in result["checks"] if c["verdict"] in ("fail", "inconclusive")]


def main():
    cli, challenge, reference = sys.argv[1:4]
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        starter = str(Path(folder) / "starter.headroom.json")
        subprocess.run([cli, "challenge", "starter", challenge, "-o", starter], check=True, timeout=60)
        code, result = score(cli, challenge, starter)
        if code != 3 or result["passed"] or not failing(result):
            failures.append(f"the starter should fail with exit 3, got exit {code}: {json.dumps(result)[:400]}")
        if result["score"] != 0:
            failures.append(f"a starter that answers nothing should score 0, got {result['score']}")
    for engine in ("simulate", "analytic"):
        code, result = score(cli, challenge, reference, "--engine", engine)
        if code != 0 or not result["passed"]:
            failures.append(f"the reference design should pass ({engine}), got exit {code}:\n  " + "\n  ".join(failing(result)))
        elif engine == "simulate":
            not_passed = [c["name"] for c in result["checks"] if c["verdict"] != "pass"]
            if not_passed:
                failures.append(f"the simulation should decide every check of the reference design; undecided: {not_passed}")
            if abs(result["score"] - 100.0) > 1e-9:
                failures.append(f"a reference design that passes every check should score 100 without estimates, got {result['score']}")
    if failures:
        sys.exit(f"{Path(challenge).name}:\n" + "\n".join(failures))
    print(f"{Path(challenge).name}: the starter fails, the reference design passes")


if __name__ == "__main__":
    main()
