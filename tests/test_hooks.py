"""The hooks, on tiny fixture sites built for real with load_config + build."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from sites import MKDOCS, BuildFailed, build_both, build_site, copy_fixture, tree_digest


def text(element) -> str:
    """An element's text without the heading's permalink mark."""
    return element.get_text(strip=True).removesuffix("¶")


def test_generated_pages_exist_in_both_languages_and_docs_stay_untouched(mini, html_of):
    before = tree_digest(mini / "docs")
    site = build_both(mini)
    assert tree_digest(mini / "docs") == before, "the build wrote into docs/"
    for prefix in ("", "en/"):
        for path in ("models", "models/demo", "atlas", "atlas/tools", "atlas/hammer", "atlas/anvil", "tags"):
            assert (site / prefix / path / "index.html").is_file(), f"{prefix}{path} was not generated"


def test_html_lang_and_interface_language(mini_built, html_of):
    zh = html_of(mini_built, "models/demo")
    en = html_of(mini_built, "en/models/demo")
    assert zh.html["lang"] == "zh" and en.html["lang"] == "en"
    assert text(zh.h1) == "演示分类"
    assert text(en.h1) == "Demo classification"
    assert text(en.select_one("#benchmarks")) == "Benchmarks"
    assert text(zh.select_one("#benchmarks")) == "基准对比"


@pytest.mark.parametrize("path", ["", "models/demo/", "atlas/hammer/", "tags/"])
def test_switcher_leads_to_the_same_page(mini_built, html_of, path):
    for prefix, other in (("", "/en/"), ("en/", "/")):
        soup = html_of(mini_built, prefix + path)
        links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
        assert links == {"zh": "/" + path, "en": "/en/" + path}
        target = other + path
        assert (mini_built / target.lstrip("/") / "index.html").is_file()


def test_edit_link_opens_the_data_file(mini_built, html_of):
    edit = html_of(mini_built, "models/demo").select_one('a[rel="edit"]')["href"]
    assert edit == "https://github.com/paddle-atlas/paddle-atlas.github.io/edit/main/data/models/demo.yml"
    edit = html_of(mini_built, "en/atlas/anvil").select_one('a[rel="edit"]')["href"]
    assert edit.endswith("/edit/main/data/atlas/tools.yml")
    home = html_of(mini_built, "en/").select_one('a[rel="edit"]')["href"]
    assert home.endswith("/edit/main/docs/en/index.md")


def test_benchmark_table_sorts_best_first_and_marks_the_best(mini_built, html_of):
    soup = html_of(mini_built, "models/demo")
    top1 = soup.select_one("#benchmark-imagenet-val ~ div table")
    names = [row.td.get_text(strip=True) for row in top1.select("tbody tr")]
    assert names == ["Beta", "Alpha", "伽马"]
    assert [td["data-sort"] for td in top1.select("tbody td.zoo-number[data-sort]")] == ["104.5", "45.0", "9.5"]
    assert top1.select_one("td.zoo-best")["data-sort"] == "104.5"
    errors = soup.select_one("#benchmark-lines-error ~ div table")
    # Lower is better for an error rate: best first, and the best is the lowest.
    assert [row.td.get_text(strip=True) for row in errors.select("tbody tr")] == ["Beta", "Alpha"]
    assert errors.select_one("td.zoo-best")["data-sort"] == "15.8"


def test_every_model_row_has_its_anchor_and_leads_to_the_models_page(mini_built, html_of):
    for prefix in ("", "en/"):
        soup = html_of(mini_built, prefix + "models/demo")
        headings = soup.select("table.zoo-models tbody tr h3.zoo-model-heading")
        assert [h3["id"] for h3 in headings] == ["alpha", "beta", "gamma"]
        assert [h3.a["href"] for h3 in headings] == ["alpha/", "beta/", "gamma/"]


def test_links_show_host_kind_and_gone_and_non_web_addresses_stay_text(mini_built, html_of):
    soup = html_of(mini_built, "en/atlas/hammer")
    items = {li.get_text(" ", strip=True): li for li in soup.select("ul.zoo-links li")}
    paper = next(li for text, li in items.items() if "The hammer paper" in text)
    assert "arxiv.org" in paper.get_text() and "paper" in paper.get_text()
    gone = next(li for text, li in items.items() if "Papers with Code" in text)
    assert "zoo-link--gone" in gone["class"] and "gone" in gone.get_text()
    tracing = next(li for text, li in items.items() if "chrome://tracing/" in text)
    assert tracing.find("a") is None
    assert not soup.select('a[href^="chrome:"]')
    # English pages show the gloss, never the Chinese title.
    assert "锤子论文" not in soup.get_text()
    assert "锤子论文" in html_of(mini_built, "atlas/hammer").get_text()


def test_relations_are_shown_on_both_sides(mini_built, html_of):
    section = html_of(mini_built, "en/models/demo")
    assert section.select_one('#related ~ div a[href="../../atlas/hammer/"]')
    anvil = html_of(mini_built, "en/atlas/anvil")
    assert anvil.select_one('a[href="../hammer/"]'), "the child does not lead to its parent"
    hammer = html_of(mini_built, "en/atlas/hammer")
    assert hammer.select_one('#children ~ div a[href="../anvil/"]')
    assert hammer.select_one('a[href="../../models/demo/"]')


def test_home_counts_come_from_the_data(mini_built, html_of):
    for prefix in ("", "en/"):
        soup = html_of(mini_built, prefix)
        counts = {n["data-count"]: int(n.get_text()) for n in soup.select("[data-count]")}
        assert counts == {"models": 3, "benchmarks": 2, "entries": 2, "links": 5}


def test_a_new_section_file_appears_without_touching_the_config(mini, html_of):
    text = (mini / "data/models/demo.yml").read_text(encoding="utf-8")
    text = text.replace("id: demo\n", "id: second\n").replace("order: 1\n", "order: 2\n")
    for model in ("alpha", "beta", "gamma"):
        text = text.replace(f"id: {model}\n", f"id: {model}-2\n")
    (mini / "data/models/second.yml").write_text(text, encoding="utf-8")
    site = build_both(mini)
    # Areas are collapsed in the navigation except on their own pages (navigation.prune).
    nav = html_of(site, "en/models/demo").select("nav.md-nav a.md-nav__link")
    assert any(a.get("href", "").endswith("second/") for a in nav)


def test_a_link_to_an_anchor_in_a_generated_table_is_still_checked(mini):
    """The HTML blocks of generated pages skip Markdown (hooks/zoosite/raw_html.py); MkDocs must
    still know the ids inside them, to pass a link to one and fail a link to none."""
    page = mini / "docs/en/index.md"
    text = page.read_text(encoding="utf-8")
    # alpha's anchor is the heading of its row in the section's table of models.
    page.write_text(text + "\n[Alpha](models/demo.md#alpha)\n", encoding="utf-8")
    build_site(mini, "mkdocs.en.yml")
    page.write_text(text + "\n[Alpha](models/demo.md#no-such-model)\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_site(mini, "mkdocs.en.yml")
    assert "does not contain an anchor '#no-such-model'" in str(failure.value)


def test_bad_data_keeps_the_previous_site(mini):
    site = build_both(mini)
    before = tree_digest(site)
    path = mini / "data/models/demo.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(", en: The first model.}", "}"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_site(mini, "mkdocs.yml")
    message = str(failure.value)
    assert "data/models/demo.yml:22:18: models[0].description is missing the field 'en'" in message
    assert "1 problem in the data" in message
    assert tree_digest(site) == before


def test_builds_are_deterministic(mini_built, tmp_path):
    """The fixture site built again by `mkdocs build`, in another process, folder and hash
    seed, writes the same bytes to every file: pages, search index, open data."""
    root = copy_fixture("mini", tmp_path / "again" / "mini")
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        done = subprocess.run([*MKDOCS, "build", "--strict", "-q", "-f", config], cwd=root, capture_output=True,
                              text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
    first, second = files(mini_built), files(root / "site")
    assert first.keys() == second.keys()
    differ = [path for path in first if first[path] != second[path]]
    assert not differ, differ[:10]


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
