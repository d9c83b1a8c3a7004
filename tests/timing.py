"""How long `make test-quick` and `make test` take, and how often they build and start a browser.

    .venv/bin/python tests/timing.py                 # both targets, one after the other
    .venv/bin/python tests/timing.py test-quick      # one
    PYTEST_ADDOPTS=--durations=0 .venv/bin/python tests/timing.py --output /tmp/runs   # with each run's output kept

Each target runs once, as a contributor runs it, with wall-clock time taken
around the whole `make` command. Every Python process of the run loads
tests/counting/sitecustomize.py, which notes each MkDocs build and each
Chromium launch (Playwright's, and Lighthouse's own when it starts one). The
last line is one JSON object with the figures. Times depend on the machine and
its load; read them as what this host measured, never as a verdict.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COUNTING = Path(__file__).resolve().parent / "counting"
REAL_CONFIGS = {str(REPO / "mkdocs.yml"), str(REPO / "mkdocs.en.yml")}


def run(target: str, output: Path | None) -> dict:
    with tempfile.NamedTemporaryFile("r", suffix=".log") as log:
        env = {**os.environ, "ATLAS_COUNT_LOG": log.name,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(COUNTING), os.environ.get("PYTHONPATH")]))}
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(["make", "--no-print-directory", "-C", str(REPO), target], env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        events = [line.rstrip("\n").split("\t") for line in log]
    if output:
        output.mkdir(parents=True, exist_ok=True)
        (output / f"{target}.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    builds = Counter("real site" if event[1] in REAL_CONFIGS else "fixture sites and copies"
                     for event in events if event[0] == "build")
    lighthouse = Counter(event[1] for event in events if event[0] == "lighthouse")
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return {
        "target": target, "passed": done.returncode == 0, "seconds": round(seconds, 1), "pytest": summary,
        "load_average_before": round(load, 1),
        # CPU time of the run and every process it waited for: what the run costs, whatever else the machine does.
        "cpu_seconds": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
        "real_site_builds": builds["real site"], "other_builds": builds["fixture sites and copies"],
        "chromium_launches": sum(event[0] == "browser" for event in events) + lighthouse["own"],
        "lighthouse_runs": sum(lighthouse.values()), "lighthouse_own_chromium": lighthouse["own"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", default=["test-quick", "test"])
    parser.add_argument("--output", type=Path, help="a folder to keep each run's output in")
    args = parser.parse_args()
    results = []
    for target in args.targets:
        result = run(target, args.output)
        results.append(result)
        print(f"make {target}: {'passed' if result['passed'] else 'FAILED'} in {result['seconds']:.0f} s, "
              f"{result['cpu_seconds']:.0f} CPU s "
              f"({result['pytest']}); MkDocs builds of the real site {result['real_site_builds']} "
              f"(each language counts one), of fixture sites and copies {result['other_builds']}; "
              f"Chromium launches {result['chromium_launches']}; Lighthouse runs {result['lighthouse_runs']}; "
              f"load average before it {result['load_average_before']} on {os.cpu_count()} cores", flush=True)
    print(json.dumps(results))
    return 0 if all(result["passed"] for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
