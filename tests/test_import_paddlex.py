"""`make import-paddlex`: tools/import_paddlex.py run as a command on excerpts of PaddleX's lists made for the tests.

The upstream excerpts are tests/fixtures/paddlex/html (the 3.0 HTML tables) and .../pipe (the 3.0-beta pipe
tables). Each test copies them, and a small data/ (tests/fixtures/import/data, a section with a seed model
for an identity) with the real schemas, into tmp_path, changes what the case is about, and runs the tool the
way make does. Refusals are checked by their exact `file:line: reason` and by data/ being left as it was.
The last test imports the saved upstream snapshot named by PADDLEX_SRC and compares it with the committed data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sites import FIXTURES, REPO, point_at_schema
from zoosite import catalogue, views
from zoosite.schema import Schemas
from zoosite.yaml_strict import read

TOOL = REPO / "tools" / "import_paddlex.py"
HTML = FIXTURES / "paddlex" / "html"
PIPE = FIXTURES / "paddlex" / "pipe" / "docs" / "support_list"
CONFIG = FIXTURES / "import" / "paddlex.yml"
FIRST = "1" * 40
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com"]


@pytest.fixture
def project(tmp_path) -> Path:
    """data/ and the real schemas/, as make import-paddlex finds them."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "import" / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    for path in (root / "data").rglob("*.yml"):
        point_at_schema(path, root / "schemas")
    return root


@pytest.fixture
def upstream(tmp_path) -> Path:
    """An editable copy of the HTML excerpts (not a git checkout)."""
    root = tmp_path / "upstream"
    shutil.copytree(HTML, root)
    return root


@pytest.fixture
def config(tmp_path) -> Path:
    path = tmp_path / "paddlex.yml"
    shutil.copy(CONFIG, path)
    return path


def run(project: Path, source: Path, config: Path = CONFIG, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TOOL), str(source), "--config", str(config),
                           "--data", str(project / "data"), *arguments], capture_output=True, text=True)


def imported(project, source, config=CONFIG, *arguments) -> str:
    done = run(project, source, config, *arguments)
    assert done.returncode == 0, done.stderr
    return done.stdout


def part(project: Path, section: str):
    return read(str(project / "data" / "models" / section / "paddlex.yml"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted((project / "data").rglob("*")) if p.is_file()}


def site_of(project: Path) -> views.Site:
    schemas = Schemas(project / "schemas")
    return views.build(catalogue.load(project / "data", schemas, project), schemas)


# both formats, and the odd cells

def test_the_html_lists_import_with_every_number_as_written(project):
    out = imported(project, HTML, CONFIG, "--commit", FIRST, "--date", "2025-01-02")
    assert "7 models in 3 sections" in out
    classification = part(project, "classification")
    models = {m["id"]: (i, m) for i, m in enumerate(classification.data["models"])}
    assert list(models) == ["beta-l", "gamma-tiny"]
    i, beta = models["beta-l"]
    written = classification.plain
    assert written["models", i, "results", 0, "values", "top1"] == "88.10"            # the trailing zero stays
    assert written["models", i, "results", 0, "size", "value"] == "1.04"               # "1.04 G"
    assert beta["results"][0]["size"]["unit"] == "GB"
    assert "time" not in beta["results"][0]                                           # "- / -" and an empty cell
    assert beta["results"][0]["note"] == {"zh": "另行测得", "en": "measured separately"}  # the <sup>*</sup>
    assert [a["kind"] for a in beta["artefacts"]] == ["inference", "config"]           # <a href=""> is no weights
    assert beta["supported_on"] == ["enflame-gcu"]
    i, gamma = models["gamma-tiny"]
    assert written["models", i, "results", 0, "size", "value"] == "72" and gamma["results"][0]["size"]["unit"] == "KB"
    assert written["models", i, "results", 0, "time", "t4-normal"] == "1.30"
    # The same network as the seed's Alpha: its results join Alpha, under the name PaddleX lists it by.
    extension = classification.data["extends"][0]
    assert extension["model"] == "alpha" and extension["aliases"] == ["Alpha_x1_0"]
    assert written["extends", 0, "results", 0, "values", "top1"] == "13.1957"
    assert [written["extends", 0, "results", 0, "time", c] for c in ("t4-normal", "t4-hpi", "xeon-normal")] == \
        ["12.84", "2.82", "60.52"]
    assert "xeon-hpi" not in extension["results"][0]["time"]                          # "60.52 / -"
    assert classification.data["benchmarks"][0]["timings"] == ["t4-normal", "t4-hpi", "xeon-normal", "xeon-hpi"]
    assert classification.data["source"] == {
        "title": "PaddleX Model List (CPU/GPU)", "kind": "reproduced", "date": "2025-01-02", "commit": FIRST,
        "url": f"https://github.com/PaddlePaddle/PaddleX/blob/{FIRST}/docs/support_list/models_list.md",
        "path": "docs/support_list/models_list.md"}
    # A module with two datasets: two benchmarks; a time spanning two rows belongs to both.
    segmentation = part(project, "segmentation").data
    assert [(b["id"], b["dataset"]) for b in segmentation["benchmarks"]] == [("cityscapes", "cityscapes"),
                                                                          ("ade20k", "ade20k")]
    delta = {m["id"]: m for m in segmentation["models"]}
    assert delta["delta-b"]["results"][0]["time"]["t4-normal"] == delta["delta-s"]["results"][0]["time"]["t4-normal"]
    assert delta["delta-s-slice"]["results"][0]["time"] == {"t4-normal": 6.0, "t4-hpi": 1.5, "xeon-hpi": 40.0}
    # A cell of parts with one missing ("77.7/73.4/-"), and a text column ignored.
    face = part(project, "detection")
    assert face.data["models"][0]["results"][0]["values"] == {"easy": 77.7, "medium": 73.4}
    assert face.data["models"][0]["task"] == {"zh": "人脸检测", "en": "Face detection"}
    assert "timings" not in face.data["benchmarks"][0]


def test_the_pages_credit_each_result_to_its_own_source(project):
    imported(project, HTML, CONFIG, "--commit", FIRST)
    site = site_of(project)
    alpha = next(model for model in site.models if model.id == "alpha")
    assert [(r.table, r.source.title) for r in alpha.results] == [
        ("classification/imagenet-val", "Seed results"), ("classification/paddlex-imagenet-val", "PaddleX Model List (CPU/GPU)")]
    table = site.table["classification/paddlex-imagenet-val"]
    assert [c.id for c in table.costs] == ["time-t4-normal", "time-t4-hpi", "time-xeon-normal", "time-xeon-hpi", "size"]
    # Sizes compare in MB and keep their own unit; the best of each cost column is its lowest.
    sizes = {row.model.id: row.result.costs[-1] for row in table.rows}
    assert (sizes["beta-l"].number, sizes["beta-l"].written, sizes["beta-l"].unit) == (1.04 * 1024, "1.04", "GB")
    assert table.best["size"].written == "72" and table.best["time-t4-normal"].written == "1.30"
    assert table.costs[-1].symbol == ""  # KB, MB and GB in one column: each cell names its unit


def test_the_pipe_lists_import_with_their_single_times(project):
    out = imported(project, PIPE, FIXTURES / "import" / "paddlex-pipe.yml", "--commit", FIRST)
    assert "4 models in 2 sections" in out
    data = part(project, "classification")
    alpha = data.data["models"][0]
    assert alpha["id"] == "alpha-x1-0"
    assert data.plain["models", 0, "results", 0, "time", "t4-fp32"] == "13.1957"
    assert data.plain["models", 0, "results", 0, "time", "xeon-5117"] == "285.493"
    assert alpha["artefacts"] == [{"kind": "config", "url": f"https://github.com/PaddlePaddle/PaddleX/blob/{FIRST}/"
                                                            "paddlex/configs/image_classification/Alpha_x1_0.yaml"}]
    assert alpha["supported_on"] == ["kunlunxin-xpu"]
    gamma = data.data["models"][2]
    assert gamma["results"][0]["time"] == {"xeon-5117": 4.83674}                    # an empty GPU cell
    zeta = part(project, "time-series")
    assert zeta.plain["models", 0, "results", 0, "values", "mse"] == "0.382"


def test_a_second_run_changes_nothing(project):
    imported(project, HTML, CONFIG, "--commit", FIRST, "--date", "2025-01-02")
    before = snapshot(project)
    # Without --date, the date of the last import of the same commit is kept.
    assert imported(project, HTML, CONFIG, "--commit", FIRST).splitlines()[-1] == "no changes"
    assert snapshot(project) == before


# a checkout that changes over time

def commit_all(root: Path, message: str, day: str) -> str:
    env = {**os.environ, "GIT_COMMITTER_DATE": f"{day}T12:00:00+08:00", "GIT_AUTHOR_DATE": f"{day}T12:00:00+08:00"}
    subprocess.run(GIT + ["add", "-A"], cwd=root, check=True, capture_output=True)
    subprocess.run(GIT + ["commit", "-q", "-m", message], cwd=root, check=True, capture_output=True, env=env)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture
def checkout(upstream) -> Path:
    subprocess.run(["git", "init", "-q"], cwd=upstream, check=True)
    return upstream


GAMMA_ZH = """<tr>
<td>Gamma_tiny</td>
<td>48.0 (224x224 输入)</td>
<td>1.30 / 0.41</td>
<td>2.10 / 1.02</td>
<td>72 K</td>
<td><a href="https://example.org/configs/Gamma_tiny.yaml">Gamma_tiny.yaml</a></td>
<td>-</td></tr>
"""


def both_lists(root: Path, old: str, new: str) -> None:
    """An edit upstream makes in every list that holds the text (both languages, the accelerator lists)."""
    found = 0
    for path in sorted((root / "docs/support_list").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        found += text.count(old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    assert found, old


def test_a_checkout_names_its_commit_and_date(project, checkout):
    head = commit_all(checkout, "lists", "2025-03-04")
    imported(project, checkout)
    source = part(project, "classification").data["source"]
    assert (source["commit"], source["date"]) == (head, "2025-03-04")
    refused(project, checkout, CONFIG, f"{checkout}'s lists last changed at {head}, not {FIRST}", "--commit", FIRST)
    # A commit elsewhere in the repository changes nothing: the lists still come from the same commit.
    (checkout / "README.md").write_text("PaddleX\n", encoding="utf-8")
    commit_all(checkout, "readme", "2025-03-10")
    assert imported(project, checkout).splitlines()[-1] == "no changes"
    (checkout / "docs/support_list/models_list.md").write_text("edited\n", encoding="utf-8")
    refused(project, checkout, CONFIG, f"{checkout} has uncommitted changes in docs/support_list; import a clean "
                                       "checkout")


def test_a_changed_number_a_new_model_and_a_removed_model(project, checkout):
    first = commit_all(checkout, "lists", "2025-03-04")
    imported(project, checkout)
    both_lists(checkout, "<td>13.1957</td>", "<td>13.5000</td>")
    both_lists(checkout, "<td>Beta-L</td>", "<td>Kappa-L</td>")      # Beta-L goes, Kappa-L comes
    second = commit_all(checkout, "lists", "2025-04-05")
    out = imported(project, checkout)
    assert "added: Kappa-L (classification)" in out
    assert f"withdrawn: Beta-L (classification), no longer listed at {second}" in out
    data = part(project, "classification")
    assert data.plain["extends", 0, "results", 0, "values", "top1"] == "13.5000"
    models = {m["id"]: m for m in data.data["models"]}
    # The withdrawn model stays, marked, with its numbers credited to the commit they came from.
    beta = models["beta-l"]
    assert beta["withdrawn"] == second
    assert beta["results"][0]["source"]["commit"] == first
    assert models["kappa-l"]["results"][0]["values"] == {"top1": 88.1}
    assert data.data["source"]["commit"] == second
    site = site_of(project)
    row = next(r for r in site.table["classification/paddlex-imagenet-val"].rows if r.model.id == "beta-l")
    assert row.model.withdrawn == second and row.result.own_source and row.result.source.commit == first
    # It comes back: listed again, no longer withdrawn.
    both_lists(checkout, "<td>Kappa-L</td>", "<td>Beta-L</td>")
    commit_all(checkout, "lists", "2025-05-06")
    out = imported(project, checkout)
    assert "returned: Beta-L (classification)" in out
    again = {m["id"]: m for m in part(project, "classification").data["models"]}
    assert "withdrawn" not in again["beta-l"] and "source" not in again["beta-l"]["results"][0]


def test_what_people_add_to_an_imported_model_is_kept(project):
    imported(project, HTML, CONFIG, "--commit", FIRST)
    path = project / "data/models/classification/paddlex.yml"
    edit(path, "  - id: gamma-tiny\n    name: Gamma_tiny\n", """  - id: gamma-tiny
    name: Gamma_tiny
    aliases: [Gamma]
    description: {zh: 一个很小的模型。, en: A very small model.}
    paper: {title: Gamma, authors: [A. Author], year: 2024, arxiv: "2401.00001", url: "https://arxiv.org/abs/2401.00001"}
    links:
      - {title: Gamma, url: "https://example.com/gamma", kind: repository}
""")
    edit(path, "values: {top1: 48.0}", "values: {top1: 50.0}")       # an import owns the numbers
    imported(project, HTML, CONFIG, "--commit", FIRST)
    data = part(project, "classification")
    gamma = data.data["models"][1]
    assert gamma["description"] == {"zh": "一个很小的模型。", "en": "A very small model."}
    assert gamma["aliases"] == ["Gamma"] and gamma["links"][0]["url"] == "https://example.com/gamma"
    assert data.plain["models", 1, "paper", "year"] == "2024"
    assert data.plain["models", 1, "results", 0, "values", "top1"] == "48.0"
    before = snapshot(project)
    assert imported(project, HTML, CONFIG, "--commit", FIRST).splitlines()[-1] == "no changes"
    assert snapshot(project) == before


# refusals: each stops the import with file:line and a reason, and writes nothing

ROW = "docs/support_list/models_list.md"


def refused(project, source, config, message: str, *arguments: str) -> None:
    before = snapshot(project)
    done = run(project, source, config, *(arguments or ("--commit", FIRST)))
    assert done.returncode == 1, done.stdout
    assert message in done.stderr.splitlines(), done.stderr
    assert snapshot(project) == before


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text in line)


def test_a_row_that_does_not_read_is_refused_unless_it_is_a_known_defect(project, upstream, config):
    zh = upstream / "docs/support_list/models_list.md"
    edit(zh, "<td>79.50</td>\n", "")
    message = "Delta-B has 4 cells for 5 columns; expected one cell per column"
    refused(project, upstream, config, f"{ROW}:{line_of(zh, '<td>Delta-B</td>') - 1}: {message}")
    with open(config, "a", encoding="utf-8") as stream:
        stream.write(f"  - {{file: {ROW}, model: Delta-B, message: '{message}', why: a cell is missing}}\n")
    text = config.read_text(encoding="utf-8").replace("defects: []\n", "defects:\n")
    config.write_text(text, encoding="utf-8")
    out = imported(project, upstream, config, "--commit", FIRST)
    assert f"known upstream defect, left out: {ROW}:{line_of(zh, '<td>Delta-B</td>') - 1}: {message} (a cell is missing)" in out
    assert "delta-b" not in {m["id"] for m in part(project, "segmentation").data["models"]}


def test_a_known_defect_no_longer_met_is_reported(project, config):
    edit(config, "defects: []\n", f"defects:\n  - {{file: {ROW}, model: Omega, message: 'Omega is broken', why: old}}\n")
    out = imported(project, HTML, config, "--commit", FIRST)
    assert f"known defect no longer met (remove it from {config}): {ROW}: Omega: Omega is broken" in out


def test_the_two_languages_disagreeing_is_refused_until_settled(project, upstream, config):
    edit(upstream / "docs/support_list/models_list.en.md", "<td>25.1</td>\n</tr>\n<tr>\n<td>Delta-B", "<td>26.1</td>\n</tr>\n<tr>\n<td>Delta-B")
    en = upstream / "docs/support_list/models_list.en.md"
    message = ("Delta-S, column 'Model Storage Size (MB)': '26.1' here, '25.1' in the Chinese list (line "
               f"{line_of(upstream / 'docs/support_list/models_list.md', '<td>Delta-S</td>') - 1})")
    refused(project, upstream, config, f"docs/support_list/models_list.en.md:{line_of(en, '<td>Delta-S</td>') - 1}: {message}")
    for take, size in (("en", 26.1), ("none", None)):
        text = CONFIG.read_text(encoding="utf-8").replace("defects: []\n", f"""defects:
  - file: docs/support_list/models_list.en.md
    model: Delta-S
    message: "Delta-S, column 'Model Storage Size (MB)': '26.1' here, '25.1' in the Chinese list"
    take: {take}
""")
        config.write_text(text, encoding="utf-8")
        imported(project, upstream, config, "--commit", FIRST)
        delta = part(project, "segmentation").data["models"][0]["results"][0]
        assert delta.get("size", {}).get("value") == size


@pytest.mark.parametrize("case", [
    "unmapped module", "unmapped column", "changed note", "table count", "prose", "unknown mark", "seed id",
    "unknown identity", "environment", "accelerator", "skipped module", "two sections"])
def test_what_the_reviewed_mapping_does_not_account_for_is_refused(project, upstream, config, case):
    zh = upstream / "docs/support_list/models_list.md"
    line = {name: line_of(zh, f"<td>{name}</td>") - 1 for name in ("Alpha_x1_0", "Beta-L", "Delta-S", "Epsilon_face")}
    heading = {name: line_of(zh, f"## [{name}") for name in ("图像分类模块", "语义分割模块", "人脸检测模块")}
    table = {name: line_of(zh, name) for name in ("<th>模型</th>",)}
    if case == "unmapped module":
        edit(config, "  cv_modules/face_detection.md:\n", "  cv_modules/face_detection_old.md:\n")
        message = (f"{ROW}:{heading['人脸检测模块']}: the module '人脸检测模块' (cv_modules/face_detection.md) is not "
                   f"in {config}; map its tables to a section and benchmarks, or skip it with a reason")
    elif case == "unmapped column":
        edit(config, "        ignore: {方案: a word about the model}\n", "")
        message = f"{ROW}:{table['<th>模型</th>'] - 3}: the column '方案' is neither mapped to a metric nor ignored in {config}"
    elif case == "changed note":
        edit(zh, "[Cityscapes](https://www.cityscapes-dataset.com/)", "[KITTI](https://www.cvlibs.net/)")
        message = (f"{ROW}:{heading['语义分割模块'] + 1}: the note under this table no longer says 'Cityscapes'; check its "
                   f"dataset, split and metrics and update evidence in {config}")
    elif case == "table count":
        edit(config, "      - evidence: ADE20k\n        benchmarks:\n          - {id: ade20k, dataset: ade20k, metrics: {miou: mIoU（%）}}\n", "")
        message = f"{ROW}:{heading['语义分割模块']}: the module '语义分割模块' has 2 tables; {config} maps 1"
    elif case == "prose":
        both_lists(upstream, "<td>77.04</td>", "<td>close to Delta-B</td>")
        message = (f"{ROW}:{line['Delta-S']}: Delta-S, column 'mIoU（%）': 'close to Delta-B' is not a number; "
                   "expected a number, or - where there is none")
    elif case == "unknown mark":
        edit(config, '  "*": {zh: 另行测得, en: measured separately}\n', "")
        message = (f"{ROW}:{line['Beta-L']}: Beta-L, column 'Top1 Acc（%）': 88.10 comes with '*'; say in {config} "
                   "(qualifiers) what it means for the result, or null where it says nothing new")
    elif case == "seed id":
        edit(project / "data/models/classification.yml", "  - id: alpha\n", "  - id: beta-l\n")
        edit(config, "  Alpha_x1_0: {model: alpha}\n", "  Alpha_x1_0: {model: beta-l}\n")
        message = (f"{ROW}:{line['Beta-L']}: Beta-L would get the id 'beta-l', which a model of "
                   f"data/models/classification.yml has; say in {config} (identities) whether it is the same network")
    elif case == "unknown identity":
        edit(config, "  Alpha_x1_0: {model: alpha}\n", "  Alpha_x1_0: {model: alpha-net}\n")
        message = (f"{ROW}:{line['Alpha_x1_0']}: Alpha_x1_0 is the same network as the model 'alpha-net' in {config} "
                   "(identities), but the section classification lists no such model")
    elif case == "environment":
        edit(zh, "<li>GPU：NVIDIA Tesla T4</li>", "<li>GPU：NVIDIA A100</li>")
        message = (f"{ROW}:{line_of(zh, '测试环境说明')}: the test environment's gpu is now 'NVIDIA A100', not "
                   f"'NVIDIA Tesla T4'; review the conditions in data/hardware.yml and environment in {config}")
    elif case == "accelerator":
        edit(config, "accelerators: {gcu: enflame-gcu, npu: ascend-npu}", "accelerators: {npu: ascend-npu}")
        message = (f"docs/support_list/model_list_gcu.en.md:0: the gcu list has no target in {config} "
                   "(accelerators); map it to a target of data/hardware.yml")
    elif case == "skipped module":
        edit(config, "    section: detection\n    task: {zh: 人脸检测, en: Face detection}\n",
             "    skip: its rows did not read\n    section: detection\n")
        message = (f"{ROW}:{heading['人脸检测模块']}: the module '人脸检测模块' is skipped in {config} "
                   "(its rows did not read), but its tables now hold 1 readable row; map it")
    else:
        both_lists(upstream, "<td>Epsilon_face</td>", "<td>Delta-B</td>")
        message = (f"{ROW}:{line['Epsilon_face']}: Delta-B is listed in the sections segmentation and detection; "
                   "expected one")
    refused(project, upstream, config, message)


def test_a_source_without_a_commit_is_refused(project, upstream):
    refused(project, upstream, CONFIG, f"{upstream} is not a git checkout of PaddleX; pass the commit its files "
                                       "come from (COMMIT=<40 hex digits>)", "--date", "2025-01-02")
    refused(project, upstream, CONFIG, "the commit 'abc123' is not 40 lower-case hex digits; expected a full git "
                                       "commit id", "--commit", "abc123")
    refused(project, upstream, CONFIG, "the date '2025-1-2' is not a day; expected YYYY-MM-DD",
            "--commit", FIRST, "--date", "2025-1-2")


def test_files_the_build_would_refuse_are_not_written(project, config):
    edit(config, "gpu: {normal: t4-normal, high_performance: t4-hpi}", "gpu: {normal: t4-fast, high_performance: t4-hpi}")
    done = run(project, HTML, config, "--commit", FIRST)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == "the imported files do not pass the build's checks; nothing was written:"
    assert lines[1:] == [f"data/models/{section}/paddlex.yml:{line}:15: timings refers to the unknown condition "
                         "'t4-fast'; expected an id from the conditions of data/hardware.yml"
                         for section, line in (("classification", 16), ("segmentation", 16), ("segmentation", 22))]
    assert not (project / "data/models/classification").exists()


def test_make_import_paddlex_needs_a_source():
    done = subprocess.run(["make", "-s", "import-paddlex"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 2
    assert "make import-paddlex SRC=<PaddleX checkout or its docs/support_list folder>" in done.stderr


# the committed data

@pytest.mark.skipif(not os.environ.get("PADDLEX_SRC"), reason="PADDLEX_SRC names no saved copy of PaddleX's lists")
def test_the_saved_snapshot_reproduces_the_committed_data(tmp_path):
    """PADDLEX_SRC=<the saved docs/support_list copy> PADDLEX_COMMIT=<its commit>: the import changes nothing."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    before = snapshot(root)
    done = subprocess.run([sys.executable, str(TOOL), os.environ["PADDLEX_SRC"], "--data", str(root / "data"),
                           "--commit", os.environ["PADDLEX_COMMIT"]], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "no changes"
    assert snapshot(root) == before
