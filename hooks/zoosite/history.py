"""What git knows about the data: when each file last changed, which commit the
data comes from, and the commits that changed it. Read once per build.

Without the full history (outside a git repository, without git, or in a
shallow clone, whose one commit would date every file to itself) there are no
dates and no commits: the site then shows none, never the time of the build.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

# The files pages come from: data files, hand-written pages, and the templates of
# the pages written from all of the data (compare, open data).
SOURCES = ("data", "docs", "templates/pages")


@dataclass(frozen=True)
class Commit:
    """A commit that changed data/."""

    id: str
    parent: str | None  # None for the first commit
    time: str  # ISO 8601 with its offset, as the committer's clock gave it
    date: str  # YYYY-MM-DD of that time


def _git(root: Path, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    except OSError:
        return None


def full_history(root: Path) -> bool:
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    return bool(shallow) and shallow.returncode == 0 and shallow.stdout.strip() == "false"


def last_changes(root: Path) -> dict[str, str]:
    """{"data/models/detection.yml": "2026-11-21", "docs/zh/index.md": …, "data/": …} for every file pages
    come from, and data/ as a whole."""
    if not full_history(root):
        return {}
    log = _git(root, "log", "--relative", "--name-only", "--format=%x00%cs", "--", *SOURCES)
    dates, date = {}, None
    for line in log.stdout.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line and date:
            dates.setdefault(line, date)
            # data/ as a whole: what pages written from all of the data are dated by
            if line.startswith("data/"):
                dates.setdefault("data/", date)
    return dates


def data_commit(root: Path) -> str:
    """The commit whose data/ the files hold: the last one that changed it, or "unknown"
    without git, or when data/ has changes that are not committed."""
    log = _git(root, "log", "-1", "--format=%H", "--", "data")
    if not log or log.returncode or not log.stdout.strip():
        return "unknown"
    changed = _git(root, "status", "--porcelain", "--", "data")
    return "unknown" if changed.returncode or changed.stdout.strip() else log.stdout.strip()


def data_commits(root: Path) -> list[Commit]:
    """The commits that changed data/, newest first; none without the full history."""
    if not full_history(root):
        return []
    # The commits of the current branch itself: a merged branch counts as its merge, on the day it landed.
    log = _git(root, "log", "--first-parent", "--format=%H %P%x00%cI", "--", "data")
    commits = []
    for line in log.stdout.splitlines():
        ids, time = line.split("\0")
        own, *parents = ids.split()
        commits.append(Commit(own, parents[0] if parents else None, time, time[:10]))
    return commits
