"""`make diff`: a real git repository made from the tiny fixture, changed, and summarised against a commit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sites import COMMANDS, FIXTURES, PROJECT, point_at_schema


def git(root: Path, *arguments: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com"]
    subprocess.run(["git", *identity, *arguments], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    """The fixture's data/ and the real schemas/, committed once."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini" / "data", root / "data")
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    for path in (root / "data").rglob("*.yml"):
        point_at_schema(path, root / "schemas")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "data")
    return root


def diff(root: Path, base: str = "HEAD") -> subprocess.CompletedProcess:
    """Run the tool the way `make diff` does."""
    return subprocess.run([sys.executable, str(PROJECT / COMMANDS / "diff.py"), base, str(root)],
                          capture_output=True, text=True)


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


DELTA = """  - id: delta
    name: Delta
    description: {zh: 第四个模型。, en: The fourth model.}
    links:
      - {title: Delta, url: "https://github.com/example/delta"}
    results:
      - {benchmark: imagenet-val, values: {top1: 88.00}}
"""


def test_a_changed_pull_request_is_summarised(repo):
    edit(repo / "data/models/demo.yml",
         ("{top1: 45.0}", "{top1: 46.50}"),
         ("{error-rate: 15.8}", "{error-rate: 14.90}"),
         ("{zh: 第一个模型。, en: The first model.}", "{zh: 第一个模型，已重新训练。, en: 'The first model, retrained on more data.'}"),
         ("{zh: 伽马, en: Gamma}", "{zh: 伽马, en: Gamma Ray}"))
    with open(repo / "data/models/demo.yml", "a", encoding="utf-8") as section:
        section.write(DELTA)
    edit(repo / "data/atlas/tools.yml", ('      - {title: Hammer repo, url: "https://github.com/example/hammer"}\n', ""))

    done = diff(repo)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("**Data changes against HEAD:** 1 model added, 1 model renamed, 1 result added, 2 results changed, "
                        "1 link added, 1 link removed, 2 texts changed")
    assert "- added model Delta (demo)" in lines
    assert "- renamed model Gamma Ray (demo): en “Gamma” → “Gamma Ray”" in lines
    assert "- Alpha · `demo` · ImageNet val · Top-1 accuracy: 45.0 → 46.50 (best stays 104.5)" in lines
    assert "- Beta · `demo` · Text lines · Error rate: 15.8 → 14.90 (new best, was 15.8)" in lines
    assert "- Delta · `demo` · ImageNet val · Top-1 accuracy: added 88.00 (best stays 104.5)" in lines
    assert "- model Delta (demo): added “Delta” https://github.com/example/delta" in lines
    assert "- entry Hammer (tools): removed “Hammer repo” https://github.com/example/hammer" in lines
    assert "- Alpha · description · en: “The first model.” → “The first model, retrained on more data.”" in lines
    assert "- Alpha · description · zh: “第一个模型。” → “第一个模型，已重新训练。”" in lines


def test_a_committed_change_that_moves_the_best_value(repo):
    edit(repo / "data/models/demo.yml", ("      - {benchmark: imagenet-val, values: {top1: 104.5}}\n", ""))
    git(repo, "commit", "-q", "-am", "drop Beta's ImageNet result")
    lines = diff(repo, "HEAD~1").stdout.splitlines()
    assert lines[0] == r"**Data changes against HEAD\~1:** 1 result removed"
    assert "- Beta · `demo` · ImageNet val · Top-1 accuracy: removed 104.5 (was the best; best now 45.0)" in lines


def test_an_entry_under_a_new_id_is_a_rename(repo):
    edit(repo / "data/atlas/tools.yml", ("related: [anvil]", "related: [anvil-2]"), ("- id: anvil", "- id: anvil-2"))
    lines = diff(repo).stdout.splitlines()
    assert "- renamed entry Anvil (tools): id `anvil` → `anvil-2`" in lines
    assert "- entry Hammer (tools): related changed" in lines


def test_contributor_text_stays_text_in_the_markdown(repo):
    edit(repo / "data/models/demo.yml", ("en: The first model.", "en: '<img src=x> *bold* | [a](b)'"))
    lines = diff(repo).stdout.splitlines()
    assert r"- Alpha · description · en: “The first model.” → “\<img src=x\> \*bold\* \| \[a\](b)”" in lines


def test_identical_trees_have_no_changes(repo):
    done = diff(repo)
    assert (done.returncode, done.stdout, done.stderr) == (0, "No changes to data/ against HEAD.\n", "")


def test_an_unknown_base_is_one_line_and_status_2(repo):
    done = diff(repo, "nope")
    assert done.returncode == 2
    assert done.stderr == "make diff: no such git ref 'nope'; expected a branch, tag or commit such as origin/main\n"
    assert done.stdout == ""


def test_data_that_does_not_load_is_reported_by_side(repo):
    edit(repo / "data/models/demo.yml", ("order: 1", "order: 1\norder: 2"))
    done = diff(repo)
    assert done.returncode == 1
    assert done.stderr.startswith("working tree: data/models/demo.yml:5:1: duplicate key 'order'")


def test_a_point_inserted_before_an_edited_one(repo):
    edit(repo / "data/atlas/tools.yml",
         ("      - {zh: 敲钉子。, en: Drives nails.}", "      - {zh: 锻铁。, en: Forges iron.}\n      - {zh: 敲钉子。, en: Drives nails straight.}"))
    lines = diff(repo).stdout.splitlines()
    assert "- Hammer · features 2 · en: “Drives nails.” → “Drives nails straight.”" in lines
    assert "- Hammer · features 1 · added: “Forges iron.”" in lines


def test_imported_times_sizes_downloads_and_accelerators_are_summarised(tmp_path):
    """A part file written by the PaddleX importer, then edited as a new import would change it."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "import" / "data", root / "data")
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    for path in (root / "data").rglob("*.yml"):
        point_at_schema(path, root / "schemas")
    subprocess.run([sys.executable, str(PROJECT / COMMANDS / "import_paddlex.py"), str(FIXTURES / "paddlex" / "html"),
                    "--commit", "1" * 40, "--config", str(FIXTURES / "import" / "paddlex.yml"),
                    "--data", str(root / "data")], check=True, capture_output=True)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "data")
    edit(root / "data/models/classification/paddlex.yml",
         ("time: {t4-normal: 1.30,", "time: {t4-normal: 1.25,"),
         ("size: {value: 72, unit: KB}", "size: {value: 1.5, unit: MB}"),
         ("https://example.org/configs/Gamma_tiny.yaml", "https://example.org/configs/v2/Gamma_tiny.yaml"),
         ("    supported_on: [ascend-npu]\nextends:", "    supported_on: [ascend-npu, kunlunxin-xpu]\nextends:"))

    done = diff(root)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("**Data changes against HEAD:** 1 time changed, 1 size changed, 1 download added, "
                        "1 download removed, 1 accelerator list changed")
    assert ("- Gamma\\_tiny · `classification` · ImageNet-2012 val (PaddleX) · GPU normal mode (ms): 1.30 → 1.25 "
            "(new best, was 1.30)") in lines
    # Sizes compare in MB and are shown with the unit each is written in.
    assert ("- Gamma\\_tiny · `classification` · ImageNet-2012 val (PaddleX) · Model size: 72 KB → 1.5 MB "
            "(new best, was 72 KB)") in lines
    assert "- Gamma\\_tiny: config https://example.org/configs/v2/Gamma\\_tiny.yaml added" in lines
    assert "- Gamma\\_tiny: config https://example.org/configs/Gamma\\_tiny.yaml removed" in lines
    assert "- Gamma\\_tiny: now also Kunlunxin XPUs" in lines
