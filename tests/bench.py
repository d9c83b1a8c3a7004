"""Measure what contributors and CI wait for: `make bench`.

Medians of repeated runs, because these machines are shared and noisy; the
ratio of a parallel to a sequential build says more than any one number.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(action, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def run(*command):
    subprocess.run(command, cwd=REPO, env=ENV, check=True, capture_output=True)


def mkdocs(config: str, target: str):
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", target],
                            cwd=REPO, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    import catalogue
    from schema import Schemas
    from yaml_strict import YamlProblem, read

    out = Path(tempfile.mkdtemp(prefix="bench-"))
    zh, en = str(out / "zh"), str(out / "en")

    def sequential():
        for config, target in (("mkdocs.yml", zh), ("mkdocs.en.yml", en)):
            if mkdocs(config, target).wait():
                raise SystemExit(f"{config} failed to build")

    def parallel():
        builds = [mkdocs("mkdocs.yml", zh), mkdocs("mkdocs.en.yml", en)]
        if any(build.wait() for build in builds):
            raise SystemExit("a build failed")

    def load():
        catalogue.load(REPO / "data", Schemas(REPO / "schemas"), REPO)

    bomb = REPO / "tests/bad_data/02-alias-bomb.yml"

    def refuse_bomb():
        try:
            read(str(bomb))
        except YamlProblem:
            return
        raise SystemExit("the alias bomb was accepted")

    rows = [
        ("make check (new process)", timed(lambda: run(sys.executable, "hooks/check.py"), 7)),
        ("load + check data (in process)", timed(load, 7)),
        ("refuse the alias bomb", timed(refuse_bomb, 21)),
        ("build zh", timed(lambda: mkdocs("mkdocs.yml", zh).wait(), 3)),
        ("build en", timed(lambda: mkdocs("mkdocs.en.yml", en).wait(), 3)),
        ("build both, one after the other", timed(sequential, 3)),
        ("build both in parallel (make build)", timed(parallel, 3)),
    ]
    shutil.rmtree(out)
    width = max(len(name) for name, _ in rows)
    print(f"{'what'.ljust(width)}   median       min  runs   ({os.cpu_count()} cores)")
    for name, times in rows:
        print(f"{name.ljust(width)}  {statistics.median(times) * 1000:7.1f} ms {min(times) * 1000:7.1f} ms  {len(times)}")
    medians = dict((name, statistics.median(times)) for name, times in rows)
    ratio = medians["build both in parallel (make build)"] / medians["build both, one after the other"]
    print(f"parallel / sequential: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
