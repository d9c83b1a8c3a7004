"""Summarise how data/ differs from a git ref, in Markdown, for the reviewer of a pull request: `make diff`.

usage: python tools/diff.py BASE [PROJECT_FOLDER]
Loads BASE's data/ with BASE's own schemas/, and the working tree's data/ with its schemas/, both with the
build's strict loader, then prints: records added, removed or renamed; every result number, inference time and
size changed, added or removed (as written in the YAML) with what it does to its column's best value; the
source an imported part file now comes from; downloads, accelerators and withdrawals of models; links added,
removed or changed; texts changed per language; and any other field changed.
Exit status 0 with the summary on stdout; 1 when either side's data does not load; 2 when BASE is no commit.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from zoosite import catalogue, changes  # noqa: E402
from zoosite.changes import md  # noqa: E402

REPOSITORY = Path(__file__).resolve().parent.parent

# The headline counts each kind of record in this order of verbs.
VERBS = ("added", "removed", "renamed", "changed", "withdrawn", "returned", "otherwise changed")


def summary(base: str, old: changes.Side, new: changes.Side) -> str:
    tally, parts = Counter(), []
    for heading, found in changes.changes(old, new):
        for change in found:
            tally[change.noun, change.verb] += 1
        if found:
            parts.append(f"### {heading}\n\n" + "\n".join(change.line for change in found))
    if not parts:
        return f"No changes to data/ against {md(base)}."
    nouns = list(dict.fromkeys(noun for noun, _ in tally))
    order = sorted(tally, key=lambda count: (nouns.index(count[0]), VERBS.index(count[1])))
    counts = ", ".join(f"{tally[c]} {plural(c[0]) if tally[c] != 1 else c[0]} {c[1]}" for c in order)
    return "\n\n".join([f"**Data changes against {md(base)}:** {counts}", *parts])


def plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.split("\n")[2], file=sys.stderr)
        return 2
    base = argv[1]
    root = Path(argv[2]).resolve() if len(argv) > 2 else REPOSITORY
    found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], cwd=root,
                           capture_output=True, text=True)
    if base.startswith("-") or found.returncode != 0:
        print(f"make diff: no such git ref '{base}'; expected a branch, tag or commit such as origin/main", file=sys.stderr)
        return 2
    sides, failed = [], False
    for name, load in ((f"base {base}", lambda: changes.load_commit(root, found.stdout.strip(), base)),
                       ("working tree", lambda: changes.load(root))):
        try:
            sides.append(load())
        except ValueError as error:
            print(f"make diff: {error}", file=sys.stderr)
            return 2
        except catalogue.DataError as error:
            failed = True
            for problem in error.problems:
                print(f"{name}: {problem}", file=sys.stderr)
    if failed:
        return 1
    print(summary(base, *sides))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
