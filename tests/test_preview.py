"""`make serve` (tools/preview.py) on the tiny fixture site: a save reaches both
languages, the open page reloads by itself, bad data keeps the last good pages,
and the search index stays whole. Speed is measured by `make bench`, not here."""

from __future__ import annotations

import json

import pytest
import yaml
from preview_probe import Preview
from sites import COMMANDS, PROJECT, copy_fixture


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = copy_fixture("mini", tmp_path_factory.mktemp("preview") / "mini")
    running = Preview(project, script=PROJECT / COMMANDS / "preview.py")
    running.data = project / "data" / "models" / "demo.yml"
    yield running
    running.stop()


def save(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_saved_number_reaches_both_languages(preview):
    assert "45.0" in preview.page("/models/demo/")
    save(preview.data, "values: {top1: 45.0}", "values: {top1: 47.25}")
    preview.wait_for("/models/demo/", "47.25")
    preview.wait_for("/en/models/demo/", "47.25")


def test_the_open_page_reloads_by_itself_when_its_language_is_rebuilt(preview, page):
    page.goto(preview.url + "/en/models/demo/")
    assert "The first model." in page.locator("tr:has(h3#alpha)").inner_text()
    save(preview.data, "en: The first model.}", 'en: "The first model, retrained."}')
    # The page reloads meanwhile: while the new document is still arriving, the row may not be there yet.
    page.wait_for_function("(document.querySelector('h3#alpha')?.closest('tr')?.innerText || '').includes('retrained')")


def test_bad_data_keeps_the_last_good_pages_and_says_where_it_is_wrong(preview):
    good = preview.data.read_text(encoding="utf-8")
    preview.data.write_text(good.replace("id: demo\n", "id: demo\nid: demo\n", 1), encoding="utf-8")
    preview.wait_for_output("data/models/demo.yml:3:1: duplicate key 'id' (first at line 2, column 1)")
    assert "Demo classification" in preview.page("/en/models/demo/")
    preview.data.write_text(good.replace("title: {zh: 演示分类, en: Demo classification}",
                                         "title: {zh: 演示分类, en: Demo classification (fixed)}"), encoding="utf-8")
    preview.wait_for("/en/models/demo/", "Demo classification (fixed)")


def test_counts_on_the_hand_written_home_page_follow_the_data(preview):
    before = preview.page("/en/")
    assert 'data-count="models">3<' in before
    save(preview.data, "models:\n", "models:\n  - id: delta\n    name: Delta\n    description: {zh: 第四个模型。, en: The fourth model.}\n"
                                    "    links:\n      - {title: Delta, url: \"https://github.com/example/delta\"}\n")
    preview.wait_for("/en/", 'data-count="models">4<')
    preview.wait_for("/models/", 'data-section="demo">4<')


def test_the_search_index_stays_whole_after_rebuilds(preview):
    save(preview.data, "en: The second model.}", 'en: "The second model, now with a unique word: quokka."}')
    preview.wait_for("/en/models/demo/", "quokka")
    preview.wait_for("/en/search/search_index.json", "quokka")  # written after the pages
    docs = json.loads(preview.page("/en/search/search_index.json"))["docs"]
    locations = [doc["location"] for doc in docs]
    assert len(locations) == len(set(locations)), "an entry is in the index twice"
    pages = {location.split("#")[0] for location in locations}
    assert {"", "models/", "models/demo/", "atlas/hammer/", "tags/"} <= pages
    assert any("quokka" in doc["text"] for doc in docs)


def test_a_worker_loading_the_data_again_sees_every_edit_and_the_records_stay_as_written(tmp_path):
    # A preview worker loads the data for every rebuild and skips files whose
    # bytes it has seen; an edit, and an edit taken back, must both be seen. The
    # records it keeps are shared between builds, so deriving the pages' views
    # must leave them exactly as the file wrote them.
    import copy

    from zoosite import catalogue, views
    from zoosite.schema import Schemas

    project = copy_fixture("mini", tmp_path / "mini")
    schemas = Schemas(PROJECT / "schemas")
    data = project / "data" / "models" / "demo.yml"
    original = data.read_text(encoding="utf-8")

    def top1():
        loaded = catalogue.load(project / "data", schemas, project)
        section = next(r.value for r in loaded.of("section") if r.value["id"] == "demo")
        before = copy.deepcopy(section)
        site = views.build(loaded, schemas)
        assert section == before == yaml.safe_load(data.read_text(encoding="utf-8")), "building the views changed the records"
        return next(m for m in site.models if m.id == "alpha").results[0].values[0].number

    assert top1() == 45.0
    assert top1() == 45.0
    save(data, "values: {top1: 45.0}", "values: {top1: 47.25}")
    assert top1() == 47.25
    data.write_text(original, encoding="utf-8")
    assert top1() == 45.0
