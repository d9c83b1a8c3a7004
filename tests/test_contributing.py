"""A newcomer follows CONTRIBUTING.md alone: adds the example model and entry, checks
them, and the test suite passes on the result, as it must for any valid pull request."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from expected import Data
from sites import COMMANDS, PROJECT, copy_project

GUIDE = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
TESTS = Path(__file__).resolve().parent


def example(name: str) -> str:
    return re.search(rf"<!-- example: {name} -->\n```yaml\n(.*?)```", GUIDE, re.S).group(1)


def run(*command, cwd, **env):
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


def with_the_examples(root: Path) -> Path:
    """A copy of the project with the guide's example model and entry added where the guide says."""
    copy_project(root)
    section = root / "data/models/classification.yml"
    section.write_text(section.read_text(encoding="utf-8") + example("model"), encoding="utf-8")
    category = root / "data/atlas/deployment.yml"
    category.write_text(category.read_text(encoding="utf-8") + example("entry"), encoding="utf-8")
    return root


def test_the_field_reference_is_generated_from_the_schemas():
    assert run(sys.executable, str(PROJECT / COMMANDS / "fields.py"), "--check", cwd=PROJECT).returncode == 0


@pytest.mark.copy_run
def test_the_suite_passes_with_the_examples_added(tmp_path):
    """The quick tests that read the project's data or its built site, run on the copy:
    each then expects the example model and entry too, on every page it touches. (The
    other quick tests build only the fixture sites, the same on any copy.)"""
    root = with_the_examples(tmp_path / "project")
    before, after = Data(PROJECT), Data(root)
    checked = run(sys.executable, str(root / COMMANDS / "check.py"), cwd=root)
    assert checked.returncode == 0, checked.stderr
    assert f"{len(after.models)} models" in checked.stdout and f"{len(after.entries)} atlas entries" in checked.stdout
    assert (len(after.models), len(after.entries)) == (len(before.models) + 1, len(before.entries) + 1)

    report = tmp_path / "report.xml"
    suite = run(sys.executable, "-m", "pytest", str(TESTS), "-q", "-p", "no:cacheprovider", "-m",
                "project_data and not browser and not copy_run", f"--junitxml={report}", f"--basetemp={tmp_path / 'runs'}",
                cwd=root, ATLAS_PROJECT=str(root))
    assert suite.returncode == 0, suite.stdout[-5000:]
    cases = ElementTree.parse(report).getroot().iter("testcase")
    passed = {f"{case.get('classname')}::{case.get('name')}" for case in cases
              if not any(child.tag in ("skipped", "failure", "error") for child in case)}
    for name in ("test_site::test_every_model_is_on_its_section_page_with_its_numbers_as_written[en]",
                 "test_site::test_relations_are_shown_on_both_sides[zh]",
                 "test_choosing::test_every_number_renders_exactly_as_written[]",
                 "test_open_data::test_models_json_holds_every_model_and_every_value"):
        assert any(case.endswith(name) for case in passed), f"{name} did not pass on the copy"


def test_a_newcomers_mistake_is_explained(tmp_path):
    root = copy_project(tmp_path / "project")
    record = example("model").replace("        values: {top1: 78.1, top5: 94.0}", '        values: {top1: "78.1%", top5: 94.0}')
    section = root / "data/models/classification.yml"
    text = section.read_text(encoding="utf-8")
    line = text.count("\n") + record.splitlines().index('        values: {top1: "78.1%", top5: 94.0}') + 1
    section.write_text(text + record, encoding="utf-8")
    # The index within the file, whose part files (data/models/classification/) hold models of their own.
    index = len(Data(root).read("models/classification.yml")["models"]) - 1
    checked = run(sys.executable, str(root / COMMANDS / "check.py"), cwd=root)
    assert checked.returncode == 1
    assert checked.stderr.startswith(
        f"data/models/classification.yml:{line}:24: models[{index}].results[0].values.top1 is \"78.1%\"")
