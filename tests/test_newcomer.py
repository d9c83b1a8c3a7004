"""What a newcomer hit (issue 17): phones, the compare view, the language
switch, the English 404, plurals, contributing, the home page, the tag index.

Browser checks run in Chromium on the real site served as GitHub Pages serves
it (tests/hosting.py); the rest read the built pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from sites import REPO

LANGUAGES = {"zh": "", "en": "en/"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
# The width the viewport meta fixes on this phone (width=device-width).
PHONE_WIDTH = PHONE["viewport"]["width"]

# One page of each kind, and the pages that were too wide for a phone (issue
# 17). When tests/page_kinds.py (the registry of page kinds) lands, its
# examples can replace the first part of this list.
PHONE_PAGES = [
    "", "about/", "models/", "leaderboards/", "compare/?m=resnet50,yolov3,mobilenetv1", "atlas/",
    "atlas/deployment/", "atlas/paddleocr/", "tags/", "open-data/", "no-such-page/",
    "models/classification/", "models/detection/", "leaderboards/classification/imagenet-val/",
    "leaderboards/detection/wider-face/",
]


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def settle(page) -> None:
    """Wait until the theme's script has started and what scripts add is on the
    page: the compare view's tables; on a 404 under /en/, the English page
    written in place of the root one (which is parsed as plaintext until then)."""
    page.wait_for_function("window.document$ !== undefined && !document.querySelector('plaintext')")
    if page.locator(".zoo-compare").count():
        page.wait_for_selector(".zoo-compare table, .zoo-compare__problem")


# --- 1 and 2: nothing wider than a phone -------------------------------------------

# Under mobile emulation innerWidth grows with a page that overflows, so it is
# no yardstick; the visual viewport and the width the viewport meta fixes are.
WIDTHS = "[document.documentElement.scrollWidth, window.innerWidth, window.visualViewport.width]"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_is_wider_than_a_phone(phone, real_url, lang):
    wide = []
    for path in PHONE_PAGES:
        phone.goto(f"{real_url}/{LANGUAGES[lang]}{path}")
        settle(phone)
        page_width, layout_width, visual_width = phone.evaluate(WIDTHS)
        assert visual_width == PHONE_WIDTH, f"{path}: the phone zoomed out to {visual_width} px"
        if max(page_width, layout_width) > PHONE_WIDTH:
            wide.append(f"/{LANGUAGES[lang]}{path}: {max(page_width, layout_width)} px")
    assert not wide, f"wider than a {PHONE_WIDTH} px screen: {wide}"


def tick_two(page) -> None:
    """Tick two models with the keyboard, as a reader without a mouse would."""
    for box in page.locator("input.zoo-pick").all()[:2]:
        box.focus()
        page.keyboard.press("Space")


@pytest.mark.parametrize("path", ["models/detection/", "en/leaderboards/detection/wider-face/"])
def test_the_compare_bar_is_on_a_phone_screen_reachable_by_keyboard_and_never_covers_the_end(phone, real_url, path):
    phone.goto(f"{real_url}/{path}")
    settle(phone)
    phone.evaluate("sessionStorage.clear()")
    phone.reload()
    settle(phone)
    tick_two(phone)
    bar = phone.locator(".zoo-compare-bar")
    assert bar.is_visible()
    box = bar.bounding_box()
    height, width = phone.evaluate("[visualViewport.height, visualViewport.width]")
    assert 0 <= box["y"] and box["y"] + box["height"] <= height, f"the bar is at y={box['y']} on a {height} px screen"
    assert 0 <= box["x"] and box["x"] + box["width"] <= width
    # Reachable: Tab from the last box ticked comes to the bar's link.
    go = bar.locator(".zoo-compare-bar__go")
    focusable = phone.locator("a[href], button, input, select, summary, [tabindex]").count()
    for _ in range(focusable):
        if go.evaluate("link => document.activeElement === link"):
            break
        phone.keyboard.press("Tab")
    assert go.evaluate("link => document.activeElement === link"), "Tab never reaches the compare bar"
    # At the very end of the page, the bar covers nothing: the page ends with room for it.
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    last = phone.locator(".md-footer-meta").bounding_box()
    box = bar.bounding_box()
    assert box["y"] >= last["y"] + last["height"], "the bar covers the end of the page"
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"/compare/\?m=[^,]+,[^,]+$"))


# --- 3: the compare view -----------------------------------------------------------

@pytest.fixture(scope="module")
def catalogue(real_site) -> dict:
    return json.loads((real_site / "data" / "models.json").read_text(encoding="utf-8"))


def key(text: str) -> str:
    """What the compare view compares names as (compare.js key())."""
    return re.sub(r"[\s\-_.·,()（）/+]+", "", (text or "").lower())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unknown_id_is_named_and_the_known_ones_are_shown(page, real_url, catalogue, lang):
    page.goto(f"{real_url}/{LANGUAGES[lang]}compare/?m=mobilenetv1,foo-bar-net")
    settle(page)
    problems = page.locator(".zoo-compare__problem").all_inner_texts()
    assert any("foo-bar-net" in problem for problem in problems), problems
    heads = page.locator(".zoo-compare table").first.locator("thead th a").all_inner_texts()
    name = next(m["name"][lang] for m in catalogue["models"] if m["id"] == "mobilenetv1")
    assert heads == [name]


@pytest.mark.parametrize("asked, close", [
    ("mobilenetv4", {"mobilenetv1", "mobilenetv2"}),  # an edit away
    ("Faster%20RCNN", {"faster-rcnn"}),  # a name, written another way
    ("resnet-50", {"resnet50"}),
])
def test_close_matches_are_suggested_and_one_click_takes_its_place(page, real_url, asked, close):
    page.goto(f"{real_url}/en/compare/?m=yolov3,{asked}")
    settle(page)
    problem = page.locator(".zoo-compare__problem", has_text=unquote(asked))
    suggested = problem.locator("a")
    found = {parse_qsl(urlsplit(href).query)[0][1].split(",")[1]
             for href in suggested.evaluate_all("links => links.map(a => a.href)")}
    assert close <= found, found
    first = suggested.first
    target = urlsplit(first.evaluate("a => a.href")).query
    first.click()
    page.wait_for_function("query => location.search === '?' + query", arg=target)
    assert page.locator(".zoo-compare table").first.locator("thead th a").count() == 2
    page.go_back()
    page.wait_for_function("asked => location.search === '?m=yolov3,' + asked", arg=asked)
    assert page.locator(".zoo-compare__problem", has_text=unquote(asked)).count() == 1


def expected_matches(catalogue: dict, typed: str, lang: str) -> list[str]:
    wanted = key(typed)
    hits = []
    for model in catalogue["models"]:
        names = [model["id"], model["name"]["zh"], model["name"]["en"], (model.get("full_name") or {}).get(lang)]
        positions = [key(name).find(wanted) for name in names if name and wanted in key(name)]
        if positions:
            hits.append((min(positions) > 0, model["name"][lang], model["id"]))
    return [identifier for _, _, identifier in sorted(hits)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_models_are_picked_on_the_page_by_keyboard_and_the_address_follows(page, real_url, catalogue, lang):
    home = f"{real_url}/{LANGUAGES[lang]}compare/"
    page.goto(home)
    page.evaluate("sessionStorage.clear()")
    page.goto(home)
    settle(page)
    field = page.get_by_role("combobox")
    assert field.is_visible() and field.evaluate("f => f.labels.length") == 1
    field.press_sequentially("mobile", delay=10)
    options = page.get_by_role("option")
    wanted = expected_matches(catalogue, "mobile", lang)
    assert options.evaluate_all("os => os.map(o => o.id.replace('zoo-pick-', ''))") == wanted
    assert field.get_attribute("aria-expanded") == "true"
    assert re.search(rf"\b{len(wanted)}\b", page.locator(".zoo-picker__status").inner_text())
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == f"zoo-pick-{wanted[0]}"
    field.press("Enter")
    page.wait_for_function("first => location.search === '?m=' + first", arg=wanted[0])
    field.press_sequentially("yolo", delay=10)
    field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_function("first => location.search === '?m=' + first + ',yolov3'", arg=wanted[0])
    assert page.locator(".zoo-compare table").first.locator("thead th a").count() == 2
    # The language switcher carries the picks.
    other = "en" if lang == "zh" else "zh"
    page.locator(".md-header__option .md-select").hover()
    switch = page.locator(f"a.md-select__link[hreflang={other}]")
    assert urlsplit(switch.evaluate("a => a.href")).query == f"m={wanted[0]},yolov3"
    # Each pick is a step back.
    page.go_back()
    page.wait_for_function("first => location.search === '?m=' + first", arg=wanted[0])
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert page.locator(".zoo-compare table").count() == 0


def test_only_unknown_ids_still_offer_the_picker(page, real_url):
    page.goto(f"{real_url}/en/compare/?m=foo-bar-net")
    settle(page)
    assert page.locator(".zoo-compare__problem", has_text="foo-bar-net").count() == 1
    assert page.get_by_role("combobox").is_visible()


# --- 4: the language switch keeps the place -------------------------------------------

def switch_to(page, name: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name=name).click()


def test_switching_language_keeps_the_row_both_ways(page, real_url):
    page.goto(f"{real_url}/models/classification/#mobilenetv2")
    switch_to(page, "English")
    page.wait_for_url(f"{real_url}/en/models/classification/#mobilenetv2")
    assert page.evaluate("document.querySelector(':target').id") == "mobilenetv2"
    # After an in-page link (hashchange), the new anchor goes along.
    page.locator("tr:has(h3#mobilenetv2) a[href='#benchmark-imagenet-val']").click()
    page.wait_for_function("location.hash === '#benchmark-imagenet-val'")
    switch_to(page, "中文")
    page.wait_for_url(f"{real_url}/models/classification/#benchmark-imagenet-val")
    assert page.evaluate("document.querySelector(':target').id") == "benchmark-imagenet-val"


def test_switching_language_keeps_the_query(page, real_url):
    """Such as the highlight a search result opens a page with."""
    page.goto(f"{real_url}/en/models/classification/?h=resnet#resnet50")
    settle(page)
    switch_to(page, "中文")
    page.wait_for_url(f"{real_url}/models/classification/?h=resnet#resnet50")


def test_every_anchor_has_its_place_in_the_other_language(real_site):
    """Every id on a page (but the page title's) is on the same page in the other language."""
    differ = []
    for zh in sorted(real_site.rglob("*.html")):
        relative = zh.relative_to(real_site)
        if relative.parts[0] in ("en", "assets", "data") or relative.name == "404.html":
            continue
        ids = []
        for path in (zh, real_site / "en" / relative):
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids.append({tag["id"] for tag in soup.select("article [id]") if tag.name != "h1"})
        if ids[0] != ids[1]:
            differ.append(f"{relative}: {sorted(ids[0] ^ ids[1])[:6]}")
    assert not differ, differ


# --- 5: an English 404 under /en/ -----------------------------------------------------

def test_a_missing_english_page_gets_the_english_404_with_english_search(page, real_url):
    response = page.goto(f"{real_url}/en/no/such/page/")
    assert response.status == 404
    settle(page)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url == f"{real_url}/en/no/such/page/"
    assert page.locator("h1").first.inner_text() == "404 - Page not found"
    assert "Model Zoo" in page.locator(".md-tabs").inner_text()
    assert not re.search(r"[\u4e00-\u9fff]", page.locator(".md-header").inner_text() + page.locator(".md-tabs").inner_text())
    page.wait_for_function("/Type to start searching/.test(document.querySelector('.md-search-result__meta').textContent)")
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("resnet", delay=15)
    page.wait_for_selector(".md-search-result__item a.md-search-result__link")
    results = page.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)")
    assert results and all(path.startswith("/en/") for path in results), results


def test_a_missing_chinese_page_keeps_the_chinese_404(page, real_url):
    response = page.goto(f"{real_url}/no/such/page/")
    assert response.status == 404
    settle(page)
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.locator("h1").first.inner_text() == "404 - 找不到页面"


def test_without_script_a_missing_english_page_still_reads_in_english(browser, real_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{real_url}/en/no/such/page/")
    assert page.locator("p[lang=en]", has_text="There is no page at this address").is_visible()
    context.close()


# --- 6: plurals -------------------------------------------------------------------------

STRINGS = yaml.safe_load((REPO / "templates" / "strings.yml").read_text(encoding="utf-8"))["strings"]
COUNTED = sorted(key for key, text in STRINGS.items() if isinstance(text["en"], dict))
# The nouns the site counts.
NOUNS = r"(?:entries|models|sections|benchmarks|benchmark tables|categories|links|curated links|rows|pages|pairs" \
        r"|pairs of models|days|tags|results|atlas entries|leaderboards)"


def test_the_interface_strings_follow_their_schema():
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in (REPO / "schemas").glob("*.json")}
    registry = Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in schemas.items())
    validator = Draft202012Validator(schemas["ui-strings.schema.json"], registry=registry)
    strings = yaml.safe_load((REPO / "templates" / "strings.yml").read_text(encoding="utf-8"))
    assert [error.message for error in validator.iter_errors(strings)] == []


@pytest.mark.parametrize("key", COUNTED)
def test_a_counted_string_reads_right_for_one_and_for_many(key):
    from zoosite import pages

    zh, en = pages.Renderer(REPO / "templates", "zh"), pages.Renderer(REPO / "templates", "en")
    names = set(re.findall(r"\{(\w+)\}", STRINGS[key]["en"]["other"])) - {"count"}
    values = {name: f"<{name}>" for name in names}
    assert en.t(key, count=1, **values) != en.t(key, count=2, **values)
    assert not re.search(rf"\b1 {NOUNS}\b", en.t(key, count=1, **values))
    assert zh.t(key, count=1, **values) == zh.t(key, count=2, **values).replace("2", "1")


def test_a_count_goes_only_to_a_counted_string():
    from zoosite import pages

    renderer = pages.Renderer(REPO / "templates", "en")
    with pytest.raises(KeyError, match="count"):
        renderer.t("compare.title", count=1)
    with pytest.raises(KeyError, match="count"):
        renderer.t(COUNTED[0])


def test_every_string_that_counts_has_forms():
    """An English string with a number before a plural noun needs one/other forms."""
    plain = {key: text["en"] for key, text in STRINGS.items() if isinstance(text["en"], str)}
    assert not [key for key, text in plain.items() if re.search(rf"\{{\w+\}} {NOUNS}\b", text)]


def english_text(site: Path) -> dict[str, str]:
    texts = {}
    for path in sorted((site / "en").rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for hidden in soup.select("script, style"):
            hidden.decompose()
        texts[path.relative_to(site).as_posix()] = " ".join(soup.get_text(" ").split())
    return texts


@pytest.mark.parametrize("which", ["real", "mini"])
def test_no_english_page_says_one_with_a_plural(request, which):
    site = request.getfixturevalue("real_site" if which == "real" else "mini_built")
    wrong = {path: found for path, text in english_text(site).items()
             if (found := re.findall(rf"(?<![\d.,])\b1 {NOUNS}\b", text))}
    assert not wrong


def test_a_filter_counts_one_row_in_the_singular(page, real_url):
    page.goto(f"{real_url}/en/models/keypoints/")
    box = page.locator(".zoo-filter__input").first
    box.press_sequentially("a", delay=10)
    assert re.fullmatch(r"Showing \d of 1 row", page.locator(".zoo-filter__count").first.inner_text())


# --- 7: contributing ----------------------------------------------------------------------

CONFIG = dict(re.findall(r"^(repo_url|site_url): (\S+)$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M))
REPOSITORY = CONFIG["repo_url"].rstrip("/")
FORMS = {path.name: {field["id"] for field in yaml.safe_load(path.read_text(encoding="utf-8"))["body"] if "id" in field}
         for path in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if path.name != "config.yml"}


@pytest.mark.parametrize("lang, guide", [("zh", "CONTRIBUTING.zh.md"), ("en", "CONTRIBUTING.md")])
def test_the_about_page_links_to_the_guide(real_site, html_of, lang, guide):
    about = html_of(real_site, f"{LANGUAGES[lang]}about")
    href = about.select_one(f'article a[href$="/{guide}"]')["href"]
    assert href == f"{REPOSITORY}/blob/main/{guide}" and (REPO / guide).is_file()


def issue_links(soup) -> dict[str, dict]:
    """{form: its fields} of every issue form link in the page's contribute paragraph."""
    found = {}
    for a in soup.select("p.zoo-contribute a[href*='/issues/new?']"):
        parts = urlsplit(a["href"])
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/issues/new"
        assert not re.search(r"[\s\"'<>]", a["href"]), a["href"]  # every value is percent-encoded
        query = dict(parse_qsl(parts.query))
        form = query.pop("template")
        assert set(query) <= FORMS[form], (form, query)
        found[form] = query
    return found


def data_file_of(record: str) -> Path:
    return REPO / record.split(": ")[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_model_section_and_atlas_page_invites_corrections_and_models(real_site, html_of, lang):
    site_url = CONFIG["site_url"].rstrip("/") + "/" + LANGUAGES[lang]
    checked = 0
    for kind in ("models", "atlas"):
        for folder in sorted((real_site / LANGUAGES[lang] / kind).iterdir()):
            if not (folder / "index.html").is_file():
                continue
            soup = html_of(real_site, f"{LANGUAGES[lang]}{kind}/{folder.name}")
            links = issue_links(soup)
            address = f"{site_url}{kind}/{folder.name}/"
            assert links["correction.yml"]["page"] == address
            record = links["correction.yml"]["record"]
            assert data_file_of(record).is_file() and record.endswith(f": {folder.name}"), record
            assert "add-model.yml" in links
            if kind == "models":
                assert links["add-model.yml"] == {"section": folder.name}
                assert links["wrong-number.yml"] == {"page": address}
            else:
                assert links["dead-link.yml"] == {"page": address}
            assert soup.select_one("p.zoo-contribute a[href$='CONTRIBUTING.md'], p.zoo-contribute a[href$='CONTRIBUTING.zh.md']")
            checked += 1
    assert checked > 100


def test_a_link_to_a_field_the_form_lacks_stops_the_build(tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    from mkdocs.exceptions import PluginError
    from zoosite import contribute

    (forms / "add-model.yml").write_text("body:\n  - type: input\n    id: section\n", encoding="utf-8")
    links = contribute.Contribute("https://github.com/o/r", "https://github.com/o/r/edit/main/", forms)
    assert links.issue("add-model.yml", section="a b&c") == \
        "https://github.com/o/r/issues/new?template=add-model.yml&section=a%20b%26c"
    assert links.guide("zh") == "https://github.com/o/r/blob/main/CONTRIBUTING.zh.md"
    with pytest.raises(PluginError, match="no field sectoin"):
        links.issue("add-model.yml", sectoin="x")


# --- 8: the home page on a phone ------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_the_site_is_and_where_to_start_fit_a_phone_screen(phone, real_url, lang):
    phone.goto(f"{real_url}/{LANGUAGES[lang]}")
    settle(phone)
    height = phone.evaluate("window.visualViewport.height")
    # The page's title, what the site is, and the first section (where to start) with all its links.
    below = phone.evaluate("""height => [
        ...document.querySelectorAll('article h1, article h1 + p, article h2:first-of-type, article h2:first-of-type + ul a')]
        .filter(element => element.getBoundingClientRect().bottom > height)
        .map(element => element.textContent.trim().slice(0, 40))""", height)
    assert phone.locator("article h2:first-of-type + ul a").count() >= 6
    assert not below, f"below the fold of a {height} px screen: {below}"


# --- 9: the tag index ---------------------------------------------------------------------------

def tag_lists(soup) -> dict[str, list[str]]:
    """{tag id: the addresses its list in the full index holds}."""
    return {heading["id"]: [a["href"] for a in heading.find_next("ul").select("a")]
            for heading in soup.select("article h3[id]")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_tag_index_starts_with_every_tag_and_its_count(real_site, html_of, lang):
    soup = html_of(real_site, f"{LANGUAGES[lang]}tags")
    lists = tag_lists(soup)
    index = soup.select_one("nav.zoo-tag-index")
    counts = {}
    for link in index.select("a.zoo-tag"):
        tag = link["href"].removeprefix("#")
        counts[tag] = int(link.select_one(".zoo-tag__count").find(string=True, recursive=False))
    assert counts == {tag: len(hrefs) for tag, hrefs in lists.items()}
    groups = [p.get_text() for p in index.select(".zoo-tag-index__group")]
    assert groups == [h2.get_text(" ", strip=True).removesuffix("¶").strip() for h2 in soup.select("article h2[id^=group-]")]


def overlapping(lists: dict) -> tuple[str, str, list[str]]:
    """Two tags that share some pages but not all, and what they share."""
    pairs = [(a, b, [href for href in lists[a] if href in lists[b]]) for a in lists for b in lists if a < b]
    return max((pair for pair in pairs if 0 < len(pair[2]) < min(len(lists[pair[0]]), len(lists[pair[1]]))),
               key=lambda pair: (len(pair[2]), pair[0], pair[1]))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_tags_show_the_pages_with_both_and_the_address_keeps_them(page, real_site, real_url, html_of, lang):
    first, second, both = overlapping(tag_lists(html_of(real_site, f"{LANGUAGES[lang]}tags")))
    page.goto(f"{real_url}/{LANGUAGES[lang]}tags/")
    settle(page)
    combine = page.locator(".zoo-tag-combine")
    combine.locator("select").nth(0).select_option(first)
    combine.locator("select").nth(1).select_option(second)
    page.wait_for_function("query => location.search === query", arg=f"?tags={first},{second}")
    shown = combine.locator(".zoo-tag-combine__pages a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert shown == both
    assert re.search(rf"\b{len(both)}\b", combine.locator("[role=status]").inner_text())
    page.reload()
    settle(page)
    assert combine.locator(".zoo-tag-combine__pages a").count() == len(both)
    page.go_back()
    page.wait_for_function("query => location.search === query", arg=f"?tags={first}")
    assert combine.locator("select").nth(1).input_value() == ""


def test_without_script_the_whole_tag_index_is_there(browser, real_url, real_site, html_of):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{real_url}/en/tags/")
    assert not page.locator(".zoo-tag-combine").is_visible()
    lists = tag_lists(html_of(real_site, "en/tags"))
    assert page.locator("nav.zoo-tag-index a.zoo-tag").count() == len(lists)
    assert page.locator("article h3[id] + ul.zoo-tag-members li").count() == sum(map(len, lists.values()))
    context.close()


# --- the states this file's pages reach, for axe ---------------------------------------------

AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pick_mobile(page) -> None:
    page.get_by_role("combobox").press_sequentially("mobile", delay=10)
    page.get_by_role("combobox").press("ArrowDown")


def choose_two_tags(page) -> None:
    selects = page.locator(".zoo-tag-combine select")
    selects.nth(0).select_option(index=1)
    selects.nth(1).select_option(index=2)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path, action", [
    ("compare/?m=mobilenetv1,mobilenetv4", pick_mobile),
    ("tags/", choose_two_tags),
    ("no-such-page/", None),
    ("models/keypoints/", None),
])
def test_what_this_work_adds_passes_axe(browser, real_url, scheme, lang, path, action):
    from conftest import TOOLS

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{real_url}/{LANGUAGES[lang]}{path}")
    settle(page)
    if action:
        action(page)
    page.add_script_tag(path=str(TOOLS / "axe-core" / "axe.min.js"))
    violations = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'tag', values: rules}}).then(result => result.violations)", AXE_RULES)
    context.close()
    assert [f"{v['id']}: {node['target']}" for v in violations if v["impact"] in ("serious", "critical")
            for node in v["nodes"]] == []
