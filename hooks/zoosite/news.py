"""What's new: the data changes of the latest commits that changed data/, from the git
history, through the engine of `make diff` (changes.py). The What's-new page and
the Atom feed of each language show them.

Each commit is compared with its parent, both loaded with their own schemas.
Without the full history there is nothing to show, and the page and the feed say
so; a commit whose data (or its parent's) no longer passes today's checks is
listed with its date, saying its changes cannot be shown. Dates are the
commits' own, never the build's.

Comparing a commit loads the catalogue twice, about a second on a busy host, so
the result is kept in .cache/ under the commit ids and a fingerprint of this
package's code: a build reads it back, and only a new commit or new code costs
a comparison.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from . import catalogue, changes, history

# How many of the latest commits that changed data/ are shown.
LIMIT = 20
# The kinds of record a reader follows by name; changes to the others are counted with the rest.
FOLLOWED = ("section", "benchmark", "model", "category", "entry")


@dataclass(frozen=True)
class Update:
    """The data changes of one commit, sorted for the reader."""

    commit: history.Commit
    readable: bool  # False: its data or its parent's does not pass today's checks
    first: bool  # it started data/: everything in it is new
    added: tuple[changes.Change, ...]  # records a reader follows (FOLLOWED), added…
    removed: tuple[changes.Change, ...]
    renamed: tuple[changes.Change, ...]
    results: tuple[changes.Change, ...]  # numbers changed, added or removed
    sources: tuple[changes.Change, ...]  # records and results whose source changed
    others: int  # links, texts and other fields changed, counted


def updates(root: Path) -> tuple[Update, ...] | None:
    """The latest commits' changes, newest first; None without the full history."""
    commits = history.data_commits(root)[:LIMIT]
    if not commits:
        return None
    cache = root / ".cache" / f"news-{fingerprint(commits)}.json"
    if cache.exists():
        return tuple(_update(item) for item in json.loads(cache.read_text(encoding="utf-8")))
    found = tuple(_compare(root, commits))
    cache.parent.mkdir(exist_ok=True)
    # Two builds (one per language) may write it at once; each writes a whole file.
    partial = cache.with_suffix(f".{os.getpid()}")
    partial.write_text(json.dumps([asdict(update) for update in found], ensure_ascii=False), encoding="utf-8")
    partial.replace(cache)
    return found


def fingerprint(commits: list[history.Commit]) -> str:
    digest = hashlib.sha256()
    for commit in commits:
        digest.update(f"{commit.id} {commit.parent}\n".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _compare(root: Path, commits: list[history.Commit]):
    sides = {}  # by the trees of data/ and schemas/: consecutive commits share them

    def side(commit: str) -> changes.Side | None:
        trees = subprocess.run(["git", "rev-parse", f"{commit}:data", f"{commit}:schemas"], cwd=root,
                               capture_output=True, text=True).stdout
        if trees not in sides:
            try:
                sides[trees] = changes.load_commit(root, commit)
            except (catalogue.DataError, ValueError):
                sides[trees] = None
        return sides[trees]

    for commit in commits:
        new = side(commit.id)
        old = side(commit.parent) if commit.parent else None
        if new is None or (commit.parent and old is None):
            yield Update(commit, False, commit.parent is None, (), (), (), (), (), 0)
        elif commit.parent is None:
            yield Update(commit, True, True, (), (), (), (), (), 0)
        else:
            yield sort(commit, [change for _, found in changes.changes(old, new) for change in found])


def sort(commit: history.Commit, found: list[changes.Change]) -> Update:
    groups = {"added": [], "removed": [], "renamed": [], "results": [], "sources": []}
    others = 0
    for change in found:
        if change.kind in FOLLOWED and change.noun == change.kind and change.verb in ("added", "removed", "renamed"):
            groups[change.verb].append(change)
        elif change.noun == "result" and change.verb != "otherwise changed":
            groups["results"].append(change)
        elif "source" in change.fields:
            groups["sources"].append(change)
        else:
            others += 1
    return Update(commit, True, False, *(tuple(group) for group in groups.values()), others)


def _update(item: dict) -> Update:
    def change(value: dict) -> changes.Change:
        return changes.Change(**{**value, "fields": tuple(value["fields"])})

    return Update(history.Commit(**item["commit"]), item["readable"], item["first"],
                  *(tuple(map(change, item[group])) for group in ("added", "removed", "renamed", "results", "sources")),
                  item["others"])
