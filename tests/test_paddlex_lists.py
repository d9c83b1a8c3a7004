"""tools/paddlex_lists.py on excerpts written for the tests in PaddleX's two formats.

``html/`` is a checkout in the 3.0 layout (HTML tables, ``*.en.md``); ``pipe/`` is
the 3.0-beta layout (pipe tables, ``*_en.md``), read through its support_list
folder. Bad input is made by editing a copy of ``html/`` in tmp_path, so each
test shows the one change it makes. The last test reads a real upstream copy
when PADDLEX_SRC names one (CI has none, so it is skipped there).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import paddlex_lists  # noqa: E402
from paddlex_lists import (ListsError, Number, Parts, Size, Text, Timing, read_lists,  # noqa: E402
                           suggest_id)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "paddlex"
HTML = FIXTURES / "html"
PIPE_FOLDER = FIXTURES / "pipe" / "docs" / "support_list"


def by_name(document, name):
    return next(row for row in document.rows() if row.name == name)


def cell(document, name, header_start):
    table = next(table for module in document.modules for table in module.tables
                 if any(row.name == name for row in table.rows))
    index = next(i for i, column in enumerate(table.columns) if column.header.startswith(header_start))
    return by_name(document, name).cells[index]


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                if text in line)


@pytest.fixture
def html_copy(tmp_path) -> Path:
    root = tmp_path / "checkout"
    shutil.copytree(HTML, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# the HTML format

def test_clean_excerpts_have_no_problems():
    assert read_lists(HTML).problems == []
    assert read_lists(PIPE_FOLDER).problems == []


def test_numbers_keep_their_written_form():
    zh = read_lists(HTML).main["zh"]
    top1 = cell(zh, "Alpha_x1_0", "Top1")
    assert top1 == Number("13.1957")
    assert top1.value == Decimal("13.1957")
    assert cell(zh, "Delta-S", "mIoU").written == "77.04"     # the trailing zero stays


def test_timing_pairs_are_normal_and_high_performance():
    zh = read_lists(HTML).main["zh"]
    gpu = cell(zh, "Alpha_x1_0", "GPU")
    assert gpu.written == "12.84 / 2.82"
    assert gpu.get("normal") == Number("12.84") and gpu.get("high_performance") == Number("2.82")
    cpu = cell(zh, "Alpha_x1_0", "CPU")
    assert cpu.get("normal") == Number("60.52") and cpu.get("high_performance") is None
    assert cell(zh, "Beta-L", "GPU") is None     # "- / -"
    assert cell(zh, "Beta-L", "CPU") is None     # an empty cell


def test_sizes_carry_their_unit():
    zh = read_lists(HTML).main["zh"]
    assert cell(zh, "Alpha_x1_0", "模型存储大小") == Size("306.5 M", "306.5", "MB")
    assert cell(zh, "Beta-L", "模型存储大小") == Size("1.04 G", "1.04", "GB")
    assert cell(zh, "Gamma_tiny", "模型存储大小") == Size("72 K", "72", "KB")
    # A bare number takes the unit its header states.
    assert cell(zh, "Delta-B", "模型存储大小") == Size("58.3", "58.3", "MB")


def test_marks_and_qualifiers_are_kept_apart_from_the_number():
    lists = read_lists(HTML)
    assert cell(lists.main["zh"], "Beta-L", "Top1") == Number("88.10", mark="*")
    assert cell(lists.main["zh"], "Gamma_tiny", "Top1") == Number("48.0", qualifier="224x224 输入")
    assert cell(lists.main["en"], "Gamma_tiny", "Top1") == Number("48.0", qualifier="@224x224 input")
    assert cell(read_lists(PIPE_FOLDER).main["zh"], "Beta-L", "Top1") == Number("88.1", mark="*")


def test_links_become_typed_artefacts():
    zh = read_lists(HTML).main["zh"]
    alpha = by_name(zh, "Alpha_x1_0")
    assert [(a.kind, a.url) for a in alpha.artefacts] == [
        ("config", "https://example.org/configs/Alpha_x1_0.yaml"),
        ("inference", "https://example.org/infer/Alpha_x1_0_infer.tar"),
        ("weights", "https://example.org/weights/Alpha_x1_0_pretrained.pdparams")]
    # An empty href is no artefact; "-" is no link at all.
    assert [a.kind for a in by_name(zh, "Beta-L").artefacts] == ["config", "inference"]
    assert [a.kind for a in by_name(zh, "Gamma_tiny").artefacts] == ["config"]
    en = read_lists(HTML).main["en"]
    assert [a.label for a in by_name(en, "Alpha_x1_0").artefacts][1:] == ["Inference Model", "Training Model"]


def test_a_link_wrapped_with_a_backslash_is_read_as_one_address(html_copy):
    """Upstream wraps a few long links in the middle of the attribute with a backslash and a line break (the
    Markdown habit); the address is the two lines joined, never a backslash in a download link."""
    edit(html_copy / "docs" / "support_list" / "models_list.md", 'href="https://example.org/infer/Alpha_x1_0_infer.tar"',
         'href="https://example.org/infer/\\\nAlpha_x1_0_infer.tar"')
    lists = read_lists(html_copy)
    alpha = by_name(lists.main["zh"], "Alpha_x1_0")
    assert "https://example.org/infer/Alpha_x1_0_infer.tar" in [a.url for a in alpha.artefacts]
    assert not lists.problems


def test_a_module_with_two_datasets_keeps_each_table_with_its_note():
    lists = read_lists(HTML)
    segmentation = lists.main["zh"].modules[1]
    assert segmentation.title == "语义分割模块"
    assert [[row.name for row in table.rows] for table in segmentation.tables] == [
        ["Delta-S", "Delta-B"], ["Delta-S (slice)"]]
    notes = [table.notes[0] for table in segmentation.tables]
    assert [note.links for note in notes] == [
        (("Cityscapes", "https://www.cityscapes-dataset.com/"),),
        (("ADE20k", "https://groups.csail.mit.edu/vision/datasets/ADE20K/"),)]
    assert notes[0].text == "注：以上精度指标为 Cityscapes 验证集 mIoU。"
    assert [note.split for note in notes] == ["val", None]
    english = lists.main["en"].modules[1].tables[0].notes[0]
    assert english.text == "Note: the accuracy above is mIoU on the Cityscapes validation set."
    assert english.split == "val"


def test_rowspan_and_colspan_are_laid_out():
    zh = read_lists(HTML).main["zh"]
    table = zh.modules[1].tables[0]
    assert [column.role for column in table.columns] == ["name", "value", "gpu", "cpu", "size"]
    assert table.columns[2].modes == ("normal", "high_performance")
    # The GPU time spans both rows.
    assert cell(zh, "Delta-B", "推理耗时").written == "5.10 / 1.20"
    assert [row.line for row in table.rows] == [
        line_of(HTML / "docs/support_list/models_list.md", "<td>Delta-S</td>") - 1,
        line_of(HTML / "docs/support_list/models_list.md", "<td>Delta-B</td>") - 1]


def test_parts_text_columns_and_captions():
    zh = read_lists(HTML).main["zh"]
    table = zh.modules[2].tables[0]
    assert table.caption == "轻量人脸检测模型"
    assert table.columns[1].header == "AP (%)\nEasy/Medium/Hard"
    assert cell(zh, "Epsilon_face", "AP") == Parts(("Easy", "Medium", "Hard"),
                                                   (Number("77.7"), Number("73.4"), None))
    assert cell(zh, "Epsilon_face", "方案") == Text("单阶段")
    assert table.notes[0].text == "注：以上精度指标是在 WIDER-FACE 验证集上测得的。"


def test_measurement_conditions_from_the_3_0_list():
    lists = read_lists(HTML)
    (zh,) = lists.main["zh"].environments
    assert (zh.gpu, zh.cpu, zh.software) == ("NVIDIA Tesla T4", "Intel Xeon Gold 6271C @ 2.60GHz",
                                             ["Ubuntu 20.04 / CUDA 11.8"])
    assert [(mode.key, mode.gpu, mode.cpu, mode.backend) for mode in zh.modes] == [
        ("normal", "FP32 / 不用 TRT", "FP32 / 8线程", "PaddleInference"),
        ("high_performance", "最优精度与加速组合", "FP32 / 8线程", "最优后端")]
    (en,) = lists.main["en"].environments
    assert (en.gpu, [mode.key for mode in en.modes]) == ("NVIDIA Tesla T4", ["normal", "high_performance"])


def test_module_titles_links_and_pairs():
    lists = read_lists(HTML)
    first = lists.modules[0]
    assert (first.zh.title, first.en.title) == ("图像分类模块", "Image Classification Module")
    assert first.en.link == "../module_usage/tutorials/cv_modules/image_classification.en.md"
    pairs = list(next(lists.modules[1].tables()).rows())
    assert [(zh.name, en.name) for zh, en in pairs] == [("Delta-S", "Delta-S"), ("Delta-B", "Delta-B")]


# the pipe format and the other file names

def test_pipe_tables_of_3_0_beta():
    lists = read_lists(PIPE_FOLDER)
    zh, en = lists.main["zh"], lists.main["en"]
    assert Path(en.path).name == "models_list_en.md"
    assert en.repo_path == "docs/support_list/models_list_en.md"
    gpu = cell(zh, "Alpha_x1_0", "GPU")
    assert gpu == Timing("13.1957", (("default", Number("13.1957")),))
    assert cell(zh, "Beta-L", "CPU") is None and cell(zh, "Gamma_tiny", "GPU") is None
    assert cell(zh, "Gamma_tiny", "模型存储大小") == Size("72 K", "72", "KB")
    assert by_name(zh, "Zeta").artefacts[0].url == "../../paddlex/configs/ts_forecast/Zeta.yaml"
    assert by_name(zh, "Alpha_x1_0").line == line_of(PIPE_FOLDER / "models_list.md", "|Alpha_x1_0|")
    forecast = zh.modules[1].tables[0].notes[0]
    assert forecast.split == "test" and forecast.links == (("ETTH1", "https://example.org/Etth1.tar"),)


def test_measurement_conditions_from_the_beta_note():
    lists = read_lists(PIPE_FOLDER)
    for language in ("zh", "en"):
        (environment,) = lists.main[language].environments
        assert (environment.gpu, environment.cpu, environment.cpu_threads, environment.precision) == (
            "NVIDIA Tesla T4", "Intel(R) Xeon(R) Gold 5117 CPU @ 2.00GHz", "8", "FP32"), language


def test_accelerator_lists_in_both_conventions():
    html = read_lists(HTML)
    assert sorted(html.accelerators) == ["gcu", "npu"]
    assert html.supported("npu") == {"Alpha_x1_0", "Gamma_tiny", "Delta-S"}
    assert html.supported("gcu") == {"Beta-L"}
    assert Path(html.accelerators["npu"]["en"].path).name == "model_list_npu.en.md"
    pipe = read_lists(PIPE_FOLDER)
    assert pipe.supported("xpu") == {"Alpha_x1_0", "Gamma_tiny"}
    assert Path(pipe.accelerators["xpu"]["en"].path).name == "model_list_xpu_en.md"


# refusals and mismatches

def test_an_unparsable_row_is_refused_with_its_line(html_copy):
    zh_file = html_copy / "docs/support_list/models_list.md"
    edit(zh_file, "<td>72 K</td>", "<td>12.84 / 2.82</td>")
    lists = read_lists(html_copy)
    line = line_of(zh_file, "<td>Gamma_tiny</td>") - 1
    assert [str(problem) for problem in lists.problems] == [
        f"{zh_file}:{line}: Gamma_tiny, column '模型存储大小': '12.84 / 2.82' is not a size; "
        "expected a number with K, M or G (or the header's unit)"]
    assert "Gamma_tiny" not in {row.name for row in lists.main["zh"].rows()}
    with pytest.raises(ListsError, match=rf"models_list.md:{line}: Gamma_tiny"):
        lists.check()


@pytest.mark.parametrize(("old", "new", "reason"), [
    ("<td>60.52 / -</td>\n", "", "Alpha_x1_0 has 6 cells for 7 columns; expected one cell per column"),
    ("<td>13.1957</td>", "<td>- / 13.1957</td>",
     "Alpha_x1_0, column 'Top1 Acc（%）': '- / 13.1957' is a '/' pair in a column that holds one value"),
    ("<td>12.84 / 2.82</td>", "<td>12.84</td>",
     "Alpha_x1_0, column 'GPU推理耗时（ms）': '12.84' is not a time; expected <ms or -> / <ms or ->"),
    ("<td>13.1957</td>", "<td>13.19.57</td>", None),
])
def test_cells_that_do_not_fit_their_column(html_copy, old, new, reason):
    zh_file = html_copy / "docs/support_list/models_list.md"
    edit(zh_file, old, new)
    lists = read_lists(html_copy)
    line = line_of(zh_file, "<td>Alpha_x1_0</td>") - 1
    if reason is None:
        # Not a number: kept as text, never read as one.
        assert cell(lists.main["zh"], "Alpha_x1_0", "Top1") == Text("13.19.57")
        return
    assert f"{zh_file}:{line}: {reason}" in [str(problem) for problem in lists.problems]


def test_a_model_in_one_language_only_and_a_differing_number(html_copy):
    en_file = html_copy / "docs/support_list/models_list.en.md"
    zh_file = html_copy / "docs/support_list/models_list.md"
    text = en_file.read_text(encoding="utf-8")
    gamma = re.search(r"<tr>\n<td>Gamma_tiny</td>.*?</tr>\n", text, re.S)[0]
    en_file.write_text(text.replace(gamma, ""), encoding="utf-8")
    edit(en_file, "<td>77.04</td>", "<td>77.4</td>")
    lists = read_lists(html_copy)
    assert [str(problem) for problem in lists.problems] == [
        f"{zh_file}:{line_of(zh_file, '<td>Gamma_tiny</td>') - 1}: Gamma_tiny is not in the English table at "
        f"line {line_of(en_file, '<table>')}",
        f"{en_file}:{line_of(en_file, '<td>Delta-S</td>') - 1}: Delta-S, column 'mIoU（%）': '77.4' here, "
        f"'77.04' in the Chinese list (line {line_of(zh_file, '<td>Delta-S</td>') - 1})"]


def test_a_module_in_one_language_only(html_copy):
    en_file = html_copy / "docs/support_list/models_list.en.md"
    edit(en_file, "face_detection.en.md", "face_detector.en.md")
    problems = [str(problem) for problem in read_lists(html_copy).problems]
    assert any("module '人脸检测模块' has no English counterpart" in problem for problem in problems)
    assert any("module 'Face Detection Module' has no Chinese counterpart" in problem for problem in problems)


def test_accelerator_lists_that_disagree(html_copy):
    folder = html_copy / "docs/support_list"
    edit(folder / "model_list_gcu.en.md", "<td>Beta-L</td>", "<td>Beta-XL</td>")
    problems = [str(problem) for problem in read_lists(html_copy).problems]
    line = line_of(folder / "model_list_gcu.md", "<td>Beta-L</td>") - 1
    assert f"{folder / 'model_list_gcu.md'}:{line}: Beta-L is in the gcu list in zh but not in en" in problems
    assert f"{folder / 'model_list_gcu.en.md'}:{line}: Beta-XL is in the gcu list in en but not in zh" in problems
    assert (f"{folder / 'model_list_gcu.en.md'}:{line}: Beta-XL is listed for gcu but not in the CPU/GPU list"
            in problems)


def test_both_english_names_at_once_are_refused(html_copy):
    folder = html_copy / "docs/support_list"
    shutil.copy(folder / "models_list.en.md", folder / "models_list_en.md")
    assert [str(problem) for problem in read_lists(html_copy).problems] == [
        f"{folder / 'models_list_en.md'}:0: models_list.en.md is here too; keep one file per language"]


def test_a_folder_without_lists(tmp_path):
    with pytest.raises(ListsError, match="no models_list.md here; expected a PaddleX checkout"):
        read_lists(tmp_path)


# ids

@pytest.mark.parametrize(("name", "expected"), [
    ("PP-LCNet_x1_0", "pp-lcnet-x1-0"),
    ("SegFormer-B0 (slice)", "segformer-b0-slice"),
    ("PP-YOLOE_plus-S_face", "pp-yoloe-plus-s-face"),
    ("Cascade-FasterRCNN-ResNet50-vd-SSLDv2-FPN", "cascade-fasterrcnn-resnet50-vd-ssldv2-fpn"),
    ("x" * 58 + "_yz", "x" * 58 + "-y"),
])
def test_suggested_ids(name, expected):
    assert suggest_id(name) == expected
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", expected) and len(expected) <= 60


def test_names_that_share_an_id_are_reported(html_copy):
    zh_file = html_copy / "docs/support_list/models_list.md"
    en_file = html_copy / "docs/support_list/models_list.en.md"
    for path in (zh_file, en_file):
        edit(path, "<td>Delta-B</td>", "<td>Delta_S</td>")
    problems = [str(problem) for problem in read_lists(html_copy).problems]
    assert problems == [f"{zh_file}:{line_of(zh_file, '<td>Delta-S</td>') - 1}: the names ['Delta-S', 'Delta_S'] "
                        "all become the id 'delta-s'; expected one name per id"]


# the command

def test_main_summarises_and_fails_on_problems(html_copy, capsys):
    assert paddlex_lists.main([str(HTML)]) == 0
    out = capsys.readouterr().out
    assert "   3  语义分割模块 / Semantic Segmentation Module" in out
    assert "7 models in 3 modules" in out and "npu: 3 models" in out
    edit(html_copy / "docs/support_list/models_list.md", "<td>72 K</td>", "<td>big</td>")
    assert paddlex_lists.main([str(html_copy)]) == 1
    assert "Gamma_tiny, column '模型存储大小': 'big' is not a size" in capsys.readouterr().err


# the real lists

@pytest.mark.skipif(not os.environ.get("PADDLEX_SRC"), reason="PADDLEX_SRC names no PaddleX copy (CI has none)")
def test_a_real_upstream_copy():
    source = Path(os.environ["PADDLEX_SRC"])
    lists = read_lists(source)
    names = {row.name for document in lists.main.values() for row in document.rows()}
    assert len(names) >= 200 and len(lists.modules) >= 20
    assert all(pair.zh and pair.en for pair in lists.modules)
    # Every number read is written, character for character, in its row or (a rowspan) in a row above it.
    for document in lists.main.values():
        text = Path(document.path).read_text(encoding="utf-8").split("\n")
        for module in document.modules:
            for table in module.tables:
                for row in table.rows:
                    nearby = "\n".join(text[table.line - 1:row.line + 12])
                    for number in (number for value in row.cells for number in _numbers(value)):
                        assert re.search(rf"(?<![\d.]){re.escape(number.written)}(?![\d.])", nearby), \
                            (document.path, row.line, number)
    for problem in lists.problems:
        assert re.match(r".+:\d+: \S", str(problem))


def _numbers(value):
    if isinstance(value, Number):
        yield value
    elif isinstance(value, Timing):
        yield from (number for _, number in value.values)
    elif isinstance(value, Parts):
        yield from (number for number in value.numbers if number)
    elif isinstance(value, Size):
        yield Number(value.number)
