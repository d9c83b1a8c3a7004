"""tools/refresh_paddlex.sh, the script of the weekly workflow, against a local git repository standing in for
PaddleX: a changed number, a new model and a removed model each make a branch with one commit of data/ and a
pull request body that is `make diff`; nothing new makes nothing; a new upstream defect fails the run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sites import FIXTURES, REPO, point_at_schema

ENV = {**os.environ, "PYTHON": sys.executable, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
LISTS = "docs/support_list"


def git(root: Path, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=root, check=True, capture_output=True, text=True, env=ENV).stdout.strip()


@pytest.fixture
def upstream(tmp_path) -> Path:
    root = tmp_path / "PaddleX"
    shutil.copytree(FIXTURES / "paddlex" / "html", root)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "lists")
    return root


@pytest.fixture
def project(tmp_path, upstream) -> Path:
    """The tools, hooks, schemas and a small data/ in a git repository, with upstream's first lists imported."""
    root = tmp_path / "atlas"
    for folder in ("tools", "hooks", "schemas"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(FIXTURES / "import" / "paddlex.yml", root / "tools" / "paddlex.yml")
    shutil.copytree(FIXTURES / "import" / "data", root / "data")
    for path in (root / "data").rglob("*.yml"):
        point_at_schema(path, root / "schemas")
    subprocess.run([sys.executable, "tools/import_paddlex.py", str(upstream)], cwd=root, check=True, capture_output=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "atlas with PaddleX's first lists")
    return root


def refresh(project: Path, upstream: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "tools/refresh_paddlex.sh", str(upstream), "body.md"], cwd=project,
                          capture_output=True, text=True, env=ENV)


def upstream_edit(upstream: Path, change) -> str:
    """Apply change(text) to every list, commit, and return the new commit."""
    for path in sorted((upstream / LISTS).glob("*.md")):
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    git(upstream, "commit", "-q", "-am", "lists changed")
    return git(upstream, "rev-parse", "HEAD")


def row_of(name: str) -> re.Pattern:
    return re.compile(rf"<tr>\n<td>{re.escape(name)}</td>\n.*?</tr>\n", re.S)


def new_model(text: str) -> str:
    """A copy of Gamma_tiny's row in the CPU/GPU lists, as Kappa_tiny."""
    match = row_of("Gamma_tiny").search(text)
    if not match or "yaml" not in match.group():
        return text
    return text.replace(match.group(), match.group() + match.group().replace("Gamma_tiny", "Kappa_tiny"))


CASES = {
    "changed number": (lambda text: text.replace("<td>13.1957</td>", "<td>13.5000</td>"),
                       "- Alpha · `classification` · ImageNet-2012 val (PaddleX) · Top-1 accuracy: 13.1957 → 13.5000 "
                       "(best stays 88.10)"),
    "new model": (new_model, "- added model Kappa\\_tiny (classification)"),
    "removed model": (lambda text: row_of("Gamma_tiny").sub("", text),
                      "- Gamma\\_tiny: withdrawn by its source at {commit}; its numbers stay"),
}


@pytest.mark.parametrize("case", CASES)
def test_an_upstream_change_makes_a_branch_and_a_pull_request_body(project, upstream, case):
    start = git(project, "rev-parse", "HEAD")
    change, line = CASES[case]
    commit = upstream_edit(upstream, change)
    done = refresh(project, upstream)
    assert done.returncode == 0, done.stderr
    branch = f"paddlex/{commit[:10]}"
    assert done.stdout.splitlines()[-1] == f"branch={branch}"
    assert git(project, "branch", "--show-current") == branch
    assert git(project, "rev-parse", "HEAD~1") == start
    # The number is in one file; every part file now credits the new commit.
    assert git(project, "diff", "--name-only", "HEAD~1").split() == [
        f"data/models/{section}/paddlex.yml" for section in ("classification", "detection", "segmentation")]
    body = (project / "body.md").read_text(encoding="utf-8").splitlines()
    assert body[0] == (f"Imported PaddleX's model lists (docs/support_list) at PaddlePaddle/PaddleX@{commit} by "
                       "tools/refresh_paddlex.sh.")
    assert body[2].startswith(f"**Data changes against {start}:**")
    assert line.format(commit=commit[:10]) in body
    assert git(project, "status", "--porcelain", "--", "data") == ""


def test_nothing_new_upstream_makes_nothing(project, upstream):
    done = refresh(project, upstream)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "unchanged"
    assert git(project, "branch", "--show-current") == "main"
    assert not (project / "body.md").exists()


def test_a_new_upstream_defect_fails_the_run_and_changes_nothing(project, upstream):
    upstream_edit(upstream, lambda text: text.replace("<td>79.50</td>\n", ""))
    done = refresh(project, upstream)
    assert done.returncode == 1
    assert "docs/support_list/models_list.md:" in done.stderr and "Delta-B has 4 cells for 5 columns" in done.stderr
    assert git(project, "branch", "--show-current") == "main"
    assert git(project, "status", "--porcelain") == ""
