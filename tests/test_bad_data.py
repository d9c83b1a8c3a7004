"""Every rule a contributor can break, one file each in tests/bad_data/.

Each case file says where it goes (`# case: <path>`) and the exact problem it
must produce (`# expect: <path>:<line>:<column>: <message...>`). The case is
dropped into a copy of the tiny fixture site; the check must report that
problem, and a real build must fail and leave the previous site/ untouched.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from zoosite import catalogue
from zoosite.schema import Schemas
from sites import REPO, BuildFailed, build_site, point_at_schema, tree_digest

CASES = sorted((Path(__file__).resolve().parent / "bad_data").glob("*.yml"))
SCHEMAS = Schemas(REPO / "schemas")


def case_info(path: Path) -> tuple[str, str]:
    text = path.read_bytes().decode("utf-8", errors="replace")
    target = re.search(r"^# case: (\S+)$", text, re.M).group(1)
    expected = re.search(r"^# expect: (.+)$", text, re.M).group(1)
    return target, expected


def place(case: Path, root: Path) -> None:
    target, _ = case_info(case)
    destination = root / target
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case, destination)
    point_at_schema(destination)


def problems_of(root: Path) -> list[str]:
    with pytest.raises(catalogue.DataError) as failure:
        catalogue.load(root / "data", SCHEMAS, root)
    lines = str(failure.value).splitlines()
    count = len(failure.value.problems)
    assert lines[-1] == f"{count} problem{'s' if count != 1 else ''} in the data; nothing was built."
    return lines[:-1]


def test_the_corpus_covers_every_rule():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_each_bad_file_is_reported_where_it_is_wrong(mini, case):
    place(case, mini)
    _, expected = case_info(case)
    problems = problems_of(mini)
    assert any(problem.startswith(expected) for problem in problems), "\n".join(problems)


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory):
    from sites import build_both, copy_fixture

    root = copy_fixture("mini", tmp_path_factory.mktemp("bad-data") / "mini")
    build_both(root)
    return root / "site"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_a_failing_build_keeps_the_previous_site(mini, built_mini, case):
    shutil.copytree(built_mini, mini / "site")
    before = tree_digest(mini / "site")
    place(case, mini)
    with pytest.raises(BuildFailed) as failure:
        build_site(mini, "mkdocs.yml")
    assert case_info(case)[1] in str(failure.value)
    assert "Traceback" not in str(failure.value)
    assert tree_digest(mini / "site") == before


def test_an_oversized_file_is_refused_before_it_is_parsed(mini):
    path = mini / "data/models/demo.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# padding\n" * 60_000, encoding="utf-8")
    assert problems_of(mini) == ["data/models/demo.yml:1:1: the file is larger than 512 KiB; split it into several files"]


def test_all_problems_across_files_are_reported_at_once(mini):
    for name in ("03-yaml11-no.yml", "09-unknown-field.yml", "12-bad-enum.yml"):
        place(Path(__file__).resolve().parent / "bad_data" / name, mini)
    problems = problems_of(mini)
    assert [p.split(":")[0] for p in problems] == ["data/atlas/tools.yml", "data/models/demo.yml", "data/tags.yml"]


def test_the_check_command_reports_without_building(mini):
    import subprocess
    import sys

    place(Path(__file__).resolve().parent / "bad_data" / "10-missing-translation.yml", mini)
    done = subprocess.run([sys.executable, str(REPO / "tools" / "check.py"), str(mini)], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith("data/models/demo.yml:10:18: models[0].description is missing the field 'en'")
    assert not (mini / "site").exists()
