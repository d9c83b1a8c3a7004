"""The atlas helps choose: each entry's facts on its page, and on each category page a guide and a
"which one?" table across the facts, in both languages, with what the data does not give shown as unknown.
Expectations come from the data through tests/expected.py (the `data` fixture)."""

from __future__ import annotations

import pytest
import yaml

from browsing import PAST_THE_EDGE, PHONE
from sites import build_both

LANGUAGES = ("", "en/")
UNKNOWN = {"": "未知", "en/": "unknown"}
SEPARATOR = {"": "、", "en/": ", "}
CAPTION = {"": "有信息的条目：{known} / {total}", "en/": "entries with facts: {known} of {total}"}
NO_FACTS = {"": "尚未收集", "en/": "have not been gathered for this entry yet"}
OS = {"linux": "Linux", "windows": "Windows", "macos": "macOS", "android": "Android", "ios": "iOS"}
API = {"python": "Python", "cpp": "C++", "c": "C", "java": "Java", "go": "Go", "http": "HTTP", "grpc": "gRPC",
       "brpc": "bRPC", "javascript": "JavaScript"}
API_NAMED = {"cli": {"": "命令行", "en/": "command line"}}
COLUMNS = ["hardware", "os", "api", "in_out", "release", "licence", "status"]


def text(value, prefix: str) -> str:
    return value if isinstance(value, str) else value["en" if prefix else "zh"]


class Atlas:
    """The atlas as the data gives it: hardware names, entries by id and by category."""

    def __init__(self, data):
        self.hardware = {target["id"]: target["name"] for target in data.read("hardware.yml")["targets"]}
        self.entries = {entry["id"]: entry for _, entry in data.entries}
        self.in_category = {}
        for category, entry in data.entries:
            self.in_category.setdefault(category, []).append(entry)


@pytest.fixture(scope="module")
def atlas(data) -> Atlas:
    return Atlas(data)


def choices(atlas: Atlas, category: str) -> list[str]:
    """The rows a category's table should have: each top-level entry, then the entries within it that have facts."""
    entries = atlas.in_category[category]

    def within(parent: str):
        for child in (e for e in entries if e.get("parent") == parent):
            if "facts" in child:
                yield child["id"]
            yield from within(child["id"])

    return [row for top in entries if "parent" not in top for row in (top["id"], *within(top["id"]))]


def expected_cells(atlas: Atlas, facts: dict | None, prefix: str) -> dict[str, str | None]:
    """Each column's text as the data gives it; None where the page must say unknown."""
    facts = facts or {}
    sep = SEPARATOR[prefix]
    release = facts.get("release")
    names = {**{k: v for k, v in API.items()}, **{k: v[prefix] for k, v in API_NAMED.items()}}
    return {
        "hardware": sep.join(text(atlas.hardware[t], prefix) for t in facts["hardware"]) if "hardware" in facts else None,
        "os": sep.join(OS[o] for o in facts["os"]) if "os" in facts else None,
        "api": sep.join(names[a] for a in facts["api"]) if "api" in facts else None,
        "release": None if not release else (
            release["version"] + (f"（{release['date']}）" if not prefix else f" ({release['date']})")
            if "date" in release else release["version"]),
        "licence": facts.get("licence"),
        "status": facts.get("status"),
    }


def cell_text(cell) -> str:
    return cell.get_text(" ", strip=True)


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_category_has_its_guide_and_a_which_one_table_of_its_choices(real_site, article_of, data, atlas, prefix):
    assert data.categories
    for category in data.categories:
        soup = article_of(real_site, f"{prefix}atlas/{category['id']}")
        heading = soup.select_one("h2#which-one")
        assert heading, f"{category['id']}: no which-one section"
        guide = [li.get_text(" ", strip=True) for li in heading.find_next_sibling("ul", class_="zoo-points").select("li")]
        assert guide == [" ".join(text(point, prefix).split()) for point in category["guide"]], category["id"]
        table = soup.select_one("table.zoo-choices")
        rows = table.select("tbody tr")
        assert [row["id"].removeprefix("choose-") for row in rows] == choices(atlas, category["id"]), category["id"]
        known = sum("facts" in atlas.entries[row] for row in choices(atlas, category["id"]))
        assert CAPTION[prefix].format(known=known, total=len(rows)) in table.caption.get_text()
        assert [th.get("scope") for th in table.select("thead th")] == ["col"] * 8
        for row in rows:
            entry = atlas.entries[row["id"].removeprefix("choose-")]
            name = row.select_one("th[scope=row] a")
            assert name["href"] == f"../{entry['id']}/" and name.get_text() == text(entry["name"], prefix)
            cells = dict(zip(COLUMNS, row.select("td")))
            for column, wanted in expected_cells(atlas, entry.get("facts"), prefix).items():
                assert cell_text(cells[column]) == (wanted or UNKNOWN[prefix]), (entry["id"], column)
                assert bool(cells[column].select(".zoo-unknown")) == (wanted is None), (entry["id"], column)
            facts = entry.get("facts", {})
            if "release" in facts:
                assert cells["release"].select_one("a")["href"] == facts["release"]["url"]
            if "inputs" in facts and "outputs" in facts:
                assert cell_text(cells["in_out"]) == " ".join(
                    f"{text(facts['inputs'], prefix)} → {text(facts['outputs'], prefix)}".split())


def test_the_deployment_table_answers_where_each_engine_runs(real_site, article_of):
    """The issue's question: which tool deploys to an edge device."""
    soup = article_of(real_site, "en/atlas/deployment")
    lite = soup.select_one("tr#choose-paddle-lite")
    cells = dict(zip(COLUMNS, lite.select("td")))
    assert "Android, iOS, Linux, Windows, macOS" == cell_text(cells["os"])
    assert cell_text(cells["hardware"]).startswith("Arm CPUs, x86 CPUs, Mobile GPUs through OpenCL")
    assert cell_text(cells["release"]) == "2.12 (2022-11-17)" and cell_text(cells["licence"]) == "Apache-2.0"
    assert "part of Deployment and inference with PaddlePaddle" in cell_text(lite.select_one("th"))
    assert cell_text(soup.select_one("tr#choose-paddle-deployment td")) == "unknown"


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_entry_page_shows_its_facts_or_says_they_are_unknown(real_site, article_of, atlas, prefix):
    assert atlas.entries
    for entry_id, entry in atlas.entries.items():
        soup = article_of(real_site, f"{prefix}atlas/{entry_id}")
        heading = soup.select_one("h2#facts")
        assert heading, entry_id
        block = heading.find_next_sibling()
        facts = entry.get("facts")
        if not facts:
            assert block.name == "p" and NO_FACTS[prefix] in block.get_text(), entry_id
            continue
        assert block.name == "dl" and "zoo-facts" in block["class"], entry_id
        values = dict(zip([dt.get_text() for dt in block.select("dt")], block.select("dd")))
        assert len(values) == 10, entry_id
        shown = list(values.values())
        cells = expected_cells(atlas, facts, prefix)
        for index, column in ((0, "hardware"), (1, "os"), (2, "api"), (5, "status"), (6, "release"), (7, "licence")):
            assert cell_text(shown[index]) == (cells[column] or UNKNOWN[prefix]), (entry_id, column)
        for index, field in ((3, "inputs"), (4, "outputs")):
            wanted = " ".join(text(facts[field], prefix).split()) if field in facts else UNKNOWN[prefix]
            assert cell_text(shown[index]) == wanted, (entry_id, field)
        assert cell_text(shown[8]) == facts.get("checked", UNKNOWN[prefix]), entry_id
        assert [a["href"] for a in shown[9].select("a")] == facts["sources"], entry_id


def test_paddle_lite_facts_in_both_languages(real_site, article_of):
    zh = article_of(real_site, "atlas/paddle-lite").select_one("dl.zoo-facts")
    en = article_of(real_site, "en/atlas/paddle-lite").select_one("dl.zoo-facts")
    assert [dt.get_text() for dt in en.select("dt")] == [
        "Hardware", "Operating systems", "Interfaces", "Takes in", "Gives out", "Status", "Latest release", "Licence",
        "Checked on", "Sources"]
    assert [dt.get_text() for dt in zh.select("dt")][:3] == ["硬件", "操作系统", "调用方式"]
    assert "麒麟 NPU" in zh.get_text() and "Kirin NPUs" in en.get_text() and "麒麟" not in en.get_text()
    assert cell_text(en.select("dd")[5]) == "unknown" and cell_text(zh.select("dd")[5]) == "未知"
    assert en.select("dd")[6].select_one('a[href="https://github.com/PaddlePaddle/Paddle-Lite/releases/tag/v2.12"]')


HOSTILE = '<script>alert("fact")</script> [x](javascript:alert(1)) {: onclick=alert(2) }'


def test_a_category_without_facts_says_so_and_facts_stay_text(mini, html_of):
    """The fixture's one category has no facts: its table says so. Then hostile facts and guide points stay text."""
    site = build_both(mini)
    soup = html_of(site, "en/atlas/tools")
    assert "No entry of this category has its facts gathered yet" in soup.select_one("#which-one ~ p").get_text()
    assert [cell_text(td) for td in soup.select("tr#choose-hammer td")] == ["unknown"] * 7
    assert "未知" in html_of(site, "atlas/tools").select_one("tr#choose-hammer td").get_text()

    def rewrite(path, change):
        first_line, body = path.read_text(encoding="utf-8").split("\n", 1)
        data = yaml.safe_load(body)
        change(data)
        path.write_text(first_line + "\n" + yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    rewrite(mini / "data/atlas-categories.yml",
            lambda data: data["categories"][0].update(guide=[{"zh": HOSTILE, "en": HOSTILE}]))
    rewrite(mini / "data/atlas/tools.yml", lambda data: data["entries"][1].update(facts={
        "inputs": {"zh": HOSTILE, "en": HOSTILE}, "outputs": {"zh": HOSTILE, "en": HOSTILE}, "licence": "MIT",
        "sources": ["https://example.com/anvil?a=1&b=2"]}))
    site = build_both(mini)
    for prefix in LANGUAGES:
        for page in ("atlas/tools", "atlas/anvil"):
            soup = html_of(site, prefix + page)
            assert all("alert" not in script.get_text() for script in soup.find_all("script")), page
            assert not [element for element in soup.select("article *") if any(a.startswith("on") for a in element.attrs)]
            assert not soup.select('article a[href^="javascript"]')
            assert HOSTILE in soup.select_one("article").get_text(), page
        category = html_of(site, prefix + "atlas/tools")
        assert [row["id"] for row in category.select("table.zoo-choices tbody tr")] == ["choose-hammer", "choose-anvil"]
        assert cell_text(category.select("tr#choose-anvil td")[5]) == "MIT"


def test_the_which_one_table_scrolls_in_its_own_box_on_a_phone(new_page, real_url):
    page = new_page(**PHONE)
    for prefix in LANGUAGES:
        page.goto(f"{real_url}/{prefix}atlas/deployment/")
        assert not page.evaluate(PAST_THE_EDGE), prefix
        box = page.locator("#which-one ~ .zoo-table-wrap").first
        assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the table fits a phone; nothing to scroll"
        first = box.locator("tbody tr th[scope=row]").first
        before = first.bounding_box()
        assert before["width"] < PHONE["viewport"]["width"] / 2, "the pinned column takes half the phone"
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        assert first.bounding_box()["x"] == before["x"], "the entry column scrolled out of view"
        assert not page.evaluate(PAST_THE_EDGE), prefix
