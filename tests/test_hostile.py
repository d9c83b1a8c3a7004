"""Hostile pull requests: links that leak files, values that are not what they seem,
files that are slow to check, two validators that must agree, and a build that
must say what happened.

One refused input per file lives in the corpus (tests/bad_data/, checked by
test_bad_data.py). Here is what a corpus file cannot hold: symbolic links (made
at test time, so the repository holds none), files at the size limit,
thousands of generated documents, several mistakes at once, and `make build`.
"""

from __future__ import annotations

import copy
import fcntl
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import hostile
from sites import REPO, BuildFailed, build_site, point_at_schema, tree_digest
from test_bad_data import CASES, case_info, problems_of
from zoosite import catalogue, data_files
from zoosite.patterns import backtracking
from zoosite.schema import Schemas, python_patterns
from zoosite.yaml_strict import EXCERPT, MAX_BYTES, YamlProblem, parse

SCHEMAS = Schemas(REPO / "schemas")
CHECK = [sys.executable, str(REPO / "tools" / "check.py")]
BUILD = [sys.executable, str(REPO / "tools" / "build_site.py")]

# Planted outside the site's folder; it must never appear in any output.
SECRET = "ghp_FAKE7c1d2a9eSECRET"
TARGET_NAMES = ("token-7c1d", "section-7c1d", "outside-7c1d")


def run(command: list[str], **options) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, **options)


def all_text(folder: Path) -> str:
    return "".join(path.read_bytes().decode("utf-8", errors="replace") for path in folder.rglob("*") if path.is_file())


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace the first `old` in data/<name> of a fixture site."""
    path = root / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- data files are regular files inside data/ ---------------------------------

@pytest.fixture
def linked(mini, tmp_path):
    """The fixture site with links to files outside it: a YAML file that would be
    published, a file holding a token, a whole folder, and a harmless copy."""
    outside = tmp_path / "outside-7c1d"
    outside.mkdir()
    (outside / "token-7c1d.txt").write_text(f"https://user:{SECRET}@github.com\n", encoding="utf-8")
    section = outside / "section-7c1d.yml"
    section.write_text(
        "# yaml-language-server: $schema=x\nid: leak\narea: vision\norder: 9\n"
        f"title: {{zh: 泄露, en: Leak}}\nsummary: {{zh: 密钥 {SECRET}, en: The key is {SECRET}}}\n", encoding="utf-8")
    data = mini / "data"
    (data / "models" / "leak.yml").symlink_to(section)
    point_at_schema(data / "models" / "leak.yml")  # so that only the link itself is wrong
    (data / "models" / "token.yml").symlink_to(outside / "token-7c1d.txt")
    shutil.move(data / "atlas", outside / "atlas")
    (data / "atlas").symlink_to(outside / "atlas", target_is_directory=True)
    shutil.copy(data / "datasets.yml", outside / "datasets.yml")
    (data / "datasets.yml").unlink()
    (data / "datasets.yml").symlink_to(outside / "datasets.yml")
    return mini


def assert_nothing_leaks(text: str):
    assert SECRET not in text
    for name in TARGET_NAMES:
        assert name not in text


def test_links_are_refused_by_their_path_alone(linked):
    done = run([*CHECK, str(linked)])
    assert done.returncode == 1
    refused = f"1:1: {data_files.REFUSED}"
    assert done.stderr.splitlines() == [f"data/atlas:{refused}", f"data/datasets.yml:{refused}",
                                        f"data/models/leak.yml:{refused}", f"data/models/token.yml:{refused}",
                                        "4 problems in the data; nothing was built."]
    assert_nothing_leaks(done.stdout + done.stderr)
    with pytest.raises(catalogue.DataError) as failure:
        catalogue.load(linked / "data", SCHEMAS, linked)
    assert_nothing_leaks(str(failure.value))


def test_a_build_with_links_publishes_nothing_and_leaks_nothing(linked, mini_built):
    shutil.copytree(mini_built, linked / "site")
    before = tree_digest(linked / "site")
    done = run([*BUILD, str(linked)])
    assert done.returncode == 1
    assert "data/models/leak.yml:1:1: is a symbolic link" in done.stderr
    assert "Traceback" not in done.stderr
    assert_nothing_leaks(done.stdout + done.stderr + all_text(linked / "site") + all_text(linked / ".build"))
    assert tree_digest(linked / "site") == before


def test_the_reader_never_opens_a_link(mini, tmp_path):
    """Even a link that appears after the walk (data_files.read is the only way in)."""
    (tmp_path / "secret.yml").write_text(f"key: {SECRET}\n", encoding="utf-8")
    link = mini / "data" / "models" / "late.yml"
    link.symlink_to(tmp_path / "secret.yml")
    with pytest.raises(OSError) as failure:
        data_files.read(link, mini / "data")
    assert_nothing_leaks(str(failure.value))


def test_a_page_that_is_a_link_is_refused(mini, tmp_path):
    """MkDocs itself reads pages through links: the build refuses them first."""
    (tmp_path / "token-7c1d.md").write_text(f"# Token\n\n{SECRET}\n", encoding="utf-8")
    (mini / "docs" / "en" / "leak.md").symlink_to(tmp_path / "token-7c1d.md")
    with pytest.raises(BuildFailed) as failure:
        build_site(mini, "mkdocs.en.yml")
    assert str(failure.value).startswith(f"docs/en/leak.md:1:1: {data_files.REFUSED}")
    assert_nothing_leaks(str(failure.value) + (all_text(mini / "site") if (mini / "site").exists() else ""))


# -- values are checked as they will be used ------------------------------------

def test_an_emoji_with_zero_width_joiners_stays_allowed(mini):
    path = mini / "data" / "models" / "demo.yml"
    coder = "\U0001F469\u200D\U0001F4BB"  # woman technologist: woman, ZWJ, laptop
    path.write_text(path.read_text(encoding="utf-8").replace("name: Alpha", f"name: Alpha {coder}"), encoding="utf-8")
    data = catalogue.load(mini / "data", SCHEMAS, mini)
    assert data.index("model")["alpha"]["name"] == f"Alpha {coder}"


def test_no_message_quotes_more_than_a_short_excerpt(mini):
    """Long keys, tags, numbers and addresses are each cut to EXCERPT characters."""
    long = "k" * 5000
    edit(mini, "tags.yml", "group: task,", f"group: task, ? {long} : 1,")  # unknown field
    edit(mini, "metrics.yml", "higher_is_better: true,", f"? {long} : 1, ? {long} : 2, higher_is_better: true,")  # duplicate key
    edit(mini, "datasets.yml", "{id: imagenet,", "{id: imagenet, size: 1_" + "0" * 5000 + ",")  # YAML 1.1 number
    edit(mini, "atlas/tools.yml", "name: Hammer", f"name: !{long} Hammer")  # tag
    edit(mini, "models/demo.yml", '"https://github.com/example/beta"', f'"https://example.org/{"k" * 1900}"')  # no kind rule
    problems = problems_of(mini)
    assert len(problems) == 5
    for problem in problems:
        assert len(problem) < 400, problem
        assert "k" * (EXCERPT + 1) not in problem


# -- nothing makes the check slow ------------------------------------------------

def test_a_two_paragraph_text_at_the_size_limit_is_refused_by_its_length(mini):
    """The shape that made the one-line pattern backtrack for minutes: the file
    is refused for what is wrong with it (tests/bench.py records how fast)."""
    path = mini / "data" / "models" / "demo.yml"
    path.write_text(hostile.two_paragraphs(), encoding="utf-8")
    point_at_schema(path)
    assert MAX_BYTES - 4096 < path.stat().st_size <= MAX_BYTES
    [problem] = problems_of(mini)
    assert re.fullmatch(r"data/models/demo\.yml:\d+:\d+: models\[0\]\.description\.en is \d{6} characters long; "
                        r"expected at most 2000", problem), problem
    with pytest.raises(BuildFailed) as failure:
        build_site(mini, "mkdocs.en.yml")
    assert problem in str(failure.value)


@pytest.mark.parametrize("shape", ["atlas", "section"])
def test_the_widest_valid_files_are_valid(mini, shape):
    """The worst shapes `make bench` builds are data a contributor may send."""
    target, text = {"atlas": ("atlas/tools.yml", hostile.widest_atlas(100)),
                    "section": ("models/demo.yml", hostile.widest_section(150, 20, 4))}[shape]
    path = mini / "data" / target
    path.write_text(text, encoding="utf-8")
    point_at_schema(path)
    assert len(text.encode()) > MAX_BYTES - 16 * 1024
    data = catalogue.load(mini / "data", SCHEMAS, mini)
    assert len(data.of("entry")) == 100 if shape == "atlas" else (len(data.of("model")), len(data.of("result"))) == (150, 600)


def test_more_entries_than_pages_allowed_are_refused(mini):
    path = mini / "data" / "atlas" / "tools.yml"
    path.write_text(hostile.widest_atlas(101), encoding="utf-8")
    point_at_schema(path)
    assert problems_of(mini) == ["data/atlas/tools.yml:4:3: entries has 101 items; expected the entries of this "
                                 "category: tools, suites, models, courses and resources; at most 100, as each is a page "
                                 "of its own"]


def ambiguous(pattern: str) -> bool:
    return not backtracking(pattern).linear()


def schema_patterns(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from schema_patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from schema_patterns(item)


def test_the_ambiguity_check_catches_what_backtracks():
    assert ambiguous(r"^[^\n\r\t]*\S[^\n\r\t]*\Z")  # the one-line pattern that stalled CI
    assert ambiguous(r"^(a+)+\Z")
    assert ambiguous(r"^(x+x+)+y\Z")
    assert ambiguous(r"^(a|a)*\Z")
    assert ambiguous(r"^(a?)*\Z")
    assert ambiguous(r"^(\w|\d)+\Z") is False  # one class after all: \w holds \d
    assert ambiguous(r"[a-z]+x")  # unanchored: tried again from every position
    assert not ambiguous(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
    assert not ambiguous(r"^[^\S\n\r\t]*\S[^\n\r\t]*\Z")


def test_no_schema_pattern_can_backtrack():
    patterns = [pattern for document in SCHEMAS.documents.values() for pattern in schema_patterns(document)]
    assert len(patterns) >= 8
    assert [pattern for pattern in patterns if ambiguous(pattern)] == []


# -- one validator, or proven agreement --------------------------------------------

DELETE = object()


def mutations(value, location=()):
    """(location, replacement) pairs: every value of a document made wrong, or
    merely different, in the ways contributors and attackers try."""
    if isinstance(value, dict):
        for key in value:
            yield location + (key,), DELETE
        yield location + ("zzz-unknown",), "x"
        for key, item in value.items():
            yield from mutations(item, location + (key,))
    elif isinstance(value, list):
        if value:
            yield location, value + value[:1]
        for i, item in enumerate(value):
            yield location + (i,), DELETE
            yield from mutations(item, location + (i,))
    elif isinstance(value, str):
        for other in ("", " ", "A B", value + "\n", "\n" + value, "a" * 2001, "a\tb", "https://example.org/x y", 5, None):
            yield location, other
    elif isinstance(value, bool):
        yield location, "true"
        yield location, 0
    elif isinstance(value, (int, float)):
        for other in ("1", -1, 1.5, None):
            yield location, other
    if location:
        yield location, {}
        yield location, []


def mutated(data, location: tuple, replacement):
    changed = copy.deepcopy(data)
    *parents, last = location
    target = changed
    for part in parents:
        target = target[part]
    if replacement is DELETE:
        del target[last]
    else:
        target[last] = replacement
    return changed


def verdicts(kind: str, data, seen: dict) -> list[tuple[str, bool, bool]]:
    """Per address that check() asks about: (address, fast verdict, jsonschema verdict).
    `seen` keeps the verdicts on values already judged (a mutation changes one record)."""
    addresses = [(f"{kind}.schema.json#", data)]
    if isinstance(data, dict):
        for key, address in SCHEMAS.lists(kind).items():
            if isinstance(data.get(key), list):
                addresses += [(address, item) for item in data[key]]
    for address, value in addresses:
        if (address, repr(value)) not in seen:
            seen[address, repr(value)] = (SCHEMAS.first_error(address, value) is None, not SCHEMAS.explain(address, value))
    return [(address, *seen[address, repr(value)]) for address, value in addresses]


def test_both_validators_agree_on_the_corpus_and_on_generated_files():
    """The fast check decides and jsonschema explains (check() refuses a file
    either one refuses): on every corpus file, every real and fixture data file,
    and every mutation of the fixture's files, they give the same verdicts."""
    documents = []
    for case in CASES:
        kind = catalogue.kind_of(case_info(case)[0].removeprefix("data/"))
        try:
            documents.append((kind, parse(case.read_bytes(), case.name).data))
        except YamlProblem:
            continue  # refused before any schema sees it
    fixture = REPO / "tests" / "fixtures" / "mini" / "data"
    for folder in (REPO / "data", fixture):
        for path in sorted(folder.rglob("*.yml")):
            documents.append((catalogue.kind_of(path.relative_to(folder).as_posix()), parse(path.read_bytes(), path.name).data))
    for path in sorted(fixture.rglob("*.yml")):
        kind, data = catalogue.kind_of(path.relative_to(fixture).as_posix()), parse(path.read_bytes(), path.name).data
        documents += [(kind, mutated(data, location, replacement)) for location, replacement in mutations(data)]
    counts, disagreements, seen = {True: 0, False: 0}, [], {}
    for kind, data in documents:
        if kind is None:
            continue
        for address, fast, slow in verdicts(kind, data, seen):
            counts[fast] += 1
            if fast != slow:
                disagreements.append((address, fast, data))
    assert disagreements == []
    assert len(documents) > 1500 and counts[True] > 500 and counts[False] > 1000, (len(documents), counts)


def test_a_file_only_one_validator_refuses_is_refused(tmp_path):
    """fastjsonschema checks "format", jsonschema by default does not: where
    they disagree, the fast check's complaint is reported and nothing is read."""
    (tmp_path / "day.schema.json").write_text(
        '{"type": "object", "properties": {"day": {"type": "string", "format": "date", '
        '"description": "a date such as 2019-10-01"}}}', encoding="utf-8")
    schemas = Schemas(tmp_path)
    document = parse(b"day: not a date\n", "data/day.yml")
    assert schemas.explain("day.schema.json#", document.data) == []
    verdict = schemas.check("day", document)
    assert [str(p) for p in verdict.problems] == ["data/day.yml:1:6: day does not fit; expected a date such as 2019-10-01"]
    assert verdict.readable is None


def test_patterns_mean_what_editors_read():
    """A JSON Schema pattern is ECMA-262: `$` is the very end, never before a final newline."""
    assert python_patterns({"pattern": "^a$", "items": [{"pattern": r"^\$x$"}]}) == \
        {"pattern": r"^a\Z", "items": [{"pattern": r"^\$x\Z"}]}


# -- every problem from one run --------------------------------------------------------

def test_every_kind_of_mistake_is_reported_in_one_run(mini):
    """A YAML mistake, schema mistakes and cross-file mistakes, in five files at
    once: each is reported once, and what could not be read is not echoed as
    unknown references (the benchmark reading the unreadable datasets.yml, the
    entry whose link is wrong, the tag whose group is wrong)."""
    edit(mini, "datasets.yml", "{id: lines,", "{id: lines, public: yes,")  # YAML 1.1
    edit(mini, "tags.yml", "{id: deploy, group: stage,", "{id: deploy, group: phase,")  # schema
    edit(mini, "atlas/tools.yml", 'url: "https://github.com/example/hammer"}',
         'url: "https://github.com/example/hammer", kind: repo}')  # schema
    edit(mini, "atlas/tools.yml", "related: [anvil]", "related: [anvill]")  # cross-file
    edit(mini, "models/demo.yml", "description: {zh: 第一个模型。, en: The first model.}",
         "description: {zh: 第一个模型。}")  # schema
    edit(mini, "models/demo.yml", "metrics: [error-rate]", "metrics: [error-rat]")  # cross-file
    edit(mini, "models/demo.yml", "- {benchmark: imagenet-val, values: {top1: 104.5}}",
         "- {benchmark: imagenet-test, values: {top1: 104.5}}")  # cross-file
    assert problems_of(mini) == [
        "data/atlas/tools.yml:10:15: related refers to the unknown atlas entry 'anvill' (did you mean 'anvil'?); "
        "expected an id from data/atlas/*.yml",
        "data/atlas/tools.yml:13:78: entries[0].links[0].kind is \"repo\"; expected one of: repository, documentation, "
        "tutorial, course, paper, dataset, discussion, article, competition, product, model, other",
        "data/datasets.yml:4:25: 'yes' is read by YAML 1.1 as the boolean true: quote it (\"yes\") if you mean text, "
        "or write true",
        "data/models/demo.yml:17:15: metrics refers to the unknown metric 'error-rat' (did you mean 'error-rate'?); "
        "expected an id from data/metrics.yml",
        "data/models/demo.yml:22:18: models[0].description is missing the field 'en': the English text: one line of plain text",
        "data/models/demo.yml:36:21: benchmark 'imagenet-test' is not a benchmark of this section; expected one of: "
        "imagenet-val, lines-error",
        "data/tags.yml:4:25: tags[1].group is \"phase\"; expected one of: task, modality, stage, hardware, topic",
    ]


# -- make build tells the truth --------------------------------------------------------

@pytest.fixture
def built_once(mini, mini_built):
    """The fixture site with a previous build in site/."""
    shutil.copytree(mini_built, mini / "site")
    return mini


def sealed(folder: Path) -> bool:
    """Make a folder impossible to move: immutable as root (chattr +i), not
    writable otherwise (renaming a folder rewrites its `..` entry)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return True
    return run(["chattr", "+i", str(folder)]).returncode == 0


def unsealed(folder: Path) -> None:
    if os.geteuid() == 0:
        run(["chattr", "-i", str(folder)])
    else:
        folder.chmod(0o755)


def test_a_site_that_cannot_be_replaced_fails_the_build_and_stays_whole(built_once):
    site = built_once / "site"
    before = tree_digest(site)
    if not sealed(site):
        pytest.skip("this filesystem cannot make a folder immutable (chattr +i)")
    try:
        done = run([*BUILD, str(built_once)])
    finally:
        unsealed(site)
    assert done.returncode == 1
    assert re.search(r"^site/ could not be replaced \((Operation not permitted|Permission denied)\); it was left as it "
                     r"was, and the new site was not kept\.$", done.stderr, re.M), done.stderr
    assert "Built site/" not in done.stdout
    assert tree_digest(site) == before
    assert not (site / "zh").exists() and not (site / "site").exists()
    assert sorted(p.name for p in (built_once / ".build").iterdir()) == ["lock"]


def test_a_second_build_waits_for_the_first(built_once):
    """The test holds the lock, as a running build would: the build says it
    waits and touches nothing until the lock is released."""
    site = built_once / "site"
    (built_once / ".build").mkdir()
    (site / "stale.txt").write_text("from the previous build", encoding="utf-8")
    before = tree_digest(site)
    with open(built_once / ".build" / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        waiting = subprocess.Popen([*BUILD, str(built_once)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert waiting.stderr.readline() == "Another build is running in this folder; waiting for it to finish.\n"
        assert tree_digest(site) == before
        assert waiting.poll() is None
    out, err = waiting.communicate()
    assert waiting.returncode == 0, err
    assert out == "Built site/ (Chinese) and site/en/ (English).\n"
    assert not (site / "stale.txt").exists()
    assert (site / "index.html").exists() and (site / "en" / "index.html").exists()


def test_two_builds_at_once_both_succeed_and_leave_one_whole_site(built_once):
    first, second = (subprocess.Popen([*BUILD, str(built_once)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for _ in range(2))
    for build in (first, second):
        out, err = build.communicate()
        assert build.returncode == 0, err
        assert out == "Built site/ (Chinese) and site/en/ (English).\n"
    site = built_once / "site"
    assert (site / "index.html").exists() and (site / "en" / "index.html").exists()
    assert not (site / "zh").exists() and not (site / "en" / "en").exists()
    assert sorted(p.name for p in (built_once / ".build").iterdir()) == ["lock"]
