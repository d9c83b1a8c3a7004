"""A newcomer follows CONTRIBUTING.md alone: add the example model, check it, build it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from bs4 import BeautifulSoup
from sites import REPO

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def example(name: str) -> str:
    return re.search(rf"<!-- example: {name} -->\n```yaml\n(.*?)```", GUIDE, re.S).group(1)


def repository_copy(destination):
    ignore = shutil.ignore_patterns(".git", ".venv", "site", ".build", "tests", "__pycache__", ".pytest_cache")
    shutil.copytree(REPO, destination, ignore=ignore)
    return destination


def run(*command, cwd):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)


def test_the_field_reference_is_generated_from_the_schemas():
    assert run(sys.executable, "tools/fields.py", "--check", cwd=REPO).returncode == 0


def test_a_newcomer_adds_a_model_and_an_entry_checks_and_builds(tmp_path):
    root = repository_copy(tmp_path / "repo")
    section = root / "data/models/classification.yml"
    section.write_text(section.read_text(encoding="utf-8") + example("model"), encoding="utf-8")
    category = root / "data/atlas/deployment.yml"
    category.write_text(category.read_text(encoding="utf-8") + example("entry"), encoding="utf-8")

    checked = run(sys.executable, "tools/check.py", cwd=root)
    assert checked.returncode == 0, checked.stderr
    assert "96 models" in checked.stdout and "91 atlas entries" in checked.stdout

    for config, target in (("mkdocs.yml", "site"), ("mkdocs.en.yml", "site/en")):
        built = run(sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", target, cwd=root)
        assert built.returncode == 0, built.stderr
    for prefix in ("", "en/"):
        page = BeautifulSoup((root / "site" / prefix / "models/classification/index.html").read_text(encoding="utf-8"), "html.parser")
        row = page.select_one("tr:has(h3#mynet-50)")
        assert row and "MyNet-50" in row.get_text()
        table = page.select_one("h3#benchmark-imagenet-val ~ .zoo-table-wrap table")
        assert any(a["href"] == "#mynet-50" for a in table.select("a"))
        assert table.select_one('td[data-sort="78.1"]')
        entry = BeautifulSoup((root / "site" / prefix / "atlas/my-tool/index.html").read_text(encoding="utf-8"), "html.parser")
        assert entry.select_one('a[href="../fastdeploy/"]') and entry.select_one('a[href="../../models/detection/"]')
    # The relation is shown from the other side too.
    fastdeploy = (root / "site/en/atlas/fastdeploy/index.html").read_text(encoding="utf-8")
    assert 'href="../my-tool/"' in fastdeploy


def test_a_newcomers_mistake_is_explained(tmp_path):
    root = repository_copy(tmp_path / "repo")
    record = example("model").replace("        values: {top1: 78.1, top5: 94.0}", '        values: {top1: "78.1%", top5: 94.0}')
    section = root / "data/models/classification.yml"
    text = section.read_text(encoding="utf-8")
    line = text.count("\n") + record.splitlines().index('        values: {top1: "78.1%", top5: 94.0}') + 1
    section.write_text(text + record, encoding="utf-8")
    checked = run(sys.executable, "tools/check.py", cwd=root)
    assert checked.returncode == 1
    assert checked.stderr.startswith(f"data/models/classification.yml:{line}:24: models[18].results[0].values.top1 is \"78.1%\"")
