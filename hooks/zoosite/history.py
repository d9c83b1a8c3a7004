"""When each data file last changed, from the git history, read once per build."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_changes(root: Path) -> dict[str, str]:
    """{"data/models/detection.yml": "2026-11-21", …} for every file under data/.

    Empty without the full history: outside a git repository, without git, or
    in a shallow clone, whose one commit would date every file to itself. The
    site then shows no dates, never the time of the build.
    """
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)

    try:
        shallow = git("rev-parse", "--is-shallow-repository")
    except OSError:
        return {}
    if shallow.returncode or shallow.stdout.strip() != "false":
        return {}
    log = git("log", "--relative", "--name-only", "--format=%x00%cs", "--", "data")
    dates, date = {}, None
    for line in log.stdout.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line and date:
            dates.setdefault(line, date)
    return dates
